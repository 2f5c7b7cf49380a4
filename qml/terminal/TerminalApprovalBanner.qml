// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// Admin-terminal commands waiting for approval (docs/terminal.md), shown over every page with
// the exact command, who asked and why it needs approval. TerminalController does the work.
Rectangle {
    id: root

    visible: TerminalController.pending.count > 0 || TerminalController.hasError
    color: palette.window
    border.color: Theme.warning
    border.width: Theme.bannerBorderWidth
    radius: Theme.radius
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    Accessible.role: Accessible.AlertMessage
    Accessible.name: qsTr("Terminal commands waiting for approval")

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        Label {
            text: qsTr("Terminal commands waiting for your approval")
            color: Theme.warning
            font.bold: true
            Layout.fillWidth: true
        }

        Repeater {
            model: TerminalController.pending

            delegate: RowLayout {
                id: request

                required property int requestId
                required property string command
                required property string workingDirectory
                required property bool interactive
                required property string requesterName
                required property string via
                required property var reasons

                objectName: "terminalRequest_" + request.requestId
                spacing: Theme.spacing
                Layout.fillWidth: true

                ColumnLayout {
                    spacing: Theme.spacingSmall
                    Layout.fillWidth: true

                    Label {
                        objectName: "terminalCommand_" + request.requestId
                        text: request.interactive ? qsTr("An interactive shell session") : request.command
                        font.family: "monospace"
                        wrapMode: Text.WrapAnywhere
                        textFormat: Text.PlainText
                        Accessible.name: qsTr("Command: %1").arg(text)
                        Layout.fillWidth: true
                    }
                    Label {
                        text: (request.via === "tool" ? qsTr("Asked by the assistant for %1 in %2") : qsTr("Asked by %1 in %2")).arg(request.requesterName).arg(request.workingDirectory)
                        color: Theme.neutral
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: request.reasons.length > 0
                        text: request.reasons.join("; ")
                        color: Theme.neutral
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
                Button {
                    objectName: "terminalApprove_" + request.requestId
                    text: qsTr("Approve")
                    Accessible.name: qsTr("Approve and run the command")
                    onClicked: TerminalController.approve(request.requestId)
                }
                Button {
                    objectName: "terminalDeny_" + request.requestId
                    text: qsTr("Deny")
                    Accessible.name: qsTr("Deny the command")
                    onClicked: TerminalController.deny(request.requestId)
                }
            }
        }

        Label {
            visible: TerminalController.hasError
            text: TerminalController.errorString
            color: Theme.danger
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
