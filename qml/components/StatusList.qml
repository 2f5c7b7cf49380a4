// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// A titled list of named things with a health dot (dashboard providers and channels).
Frame {
    id: root

    property string title
    property string emptyText
    property alias model: repeater.model

    padding: Theme.spacingLarge

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            text: root.title
            font.bold: true
            Accessible.role: Accessible.Heading
        }
        Label {
            visible: repeater.count === 0
            text: root.emptyText
            color: Theme.neutral
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Repeater {
            id: repeater

            RowLayout {
                id: row

                required property string name
                required property int health
                required property string stateText
                required property string detail

                spacing: Theme.spacing
                Layout.fillWidth: true
                Accessible.role: Accessible.StaticText
                Accessible.name: row.name + ": " + row.stateText

                Rectangle {
                    implicitWidth: Theme.statusDotSize
                    implicitHeight: Theme.statusDotSize
                    radius: Theme.statusDotSize / 2
                    color: row.health === StatusListModel.Ok ? Theme.success
                         : row.health === StatusListModel.Warning ? Theme.warning
                         : row.health === StatusListModel.Error ? Theme.danger : Theme.neutral
                }
                ColumnLayout {
                    spacing: 0
                    Layout.fillWidth: true

                    Label {
                        text: row.name + " — " + row.stateText
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: row.detail.length > 0
                        text: row.detail
                        color: Theme.neutral
                        font.pointSize: Math.max(1, root.font.pointSize * 0.9)
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }
}
