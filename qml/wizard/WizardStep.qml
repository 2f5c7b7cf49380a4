// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Ui

// One page of the setup wizard: a heading, an introduction and the step's controls.
ColumnLayout {
    id: root

    property string heading
    property string intro
    default property alias content: body.data

    spacing: Theme.spacingLarge

    Label {
        text: root.heading
        font.pointSize: introLabel.font.pointSize * 1.3
        font.bold: true
        wrapMode: Text.Wrap
        Accessible.role: Accessible.Heading
        Layout.fillWidth: true
    }
    Label {
        id: introLabel

        text: root.intro
        visible: text.length > 0
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    ColumnLayout {
        id: body

        spacing: Theme.spacing
        Layout.fillWidth: true
    }
    Item {
        Layout.fillHeight: true
    }
}
