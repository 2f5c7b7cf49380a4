// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Ui

// An error shown as state above a page's content, with a button to dismiss it.
Rectangle {
    id: root

    property string text
    signal dismissed

    visible: root.text.length > 0
    color: Theme.dangerBackground
    border.color: Theme.danger
    border.width: Theme.bannerBorderWidth
    radius: Theme.radius
    implicitHeight: bannerRow.implicitHeight + 2 * Theme.spacing

    RowLayout {
        id: bannerRow

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        Label {
            objectName: root.objectName + "Text"
            text: root.text
            color: Theme.danger
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: root.text
            Layout.fillWidth: true
        }

        ToolButton {
            text: qsTr("Dismiss")
            Accessible.name: qsTr("Dismiss the error")
            onClicked: root.dismissed()
        }
    }
}
