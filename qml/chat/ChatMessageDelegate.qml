// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// One message of the conversation: the user's on the right, the assistant's on the left, with
// the state of an answer that is still being written, was stopped or failed.
Item {
    id: root

    required property int index
    required property int author
    required property string text
    required property int messageState
    required property string errorText
    required property string model

    readonly property bool fromUser: root.author === ChatMessagesModel.User
    readonly property string stateText: {
        switch (root.messageState) {
        case ChatMessagesModel.Pending:
            return qsTr("Thinking…");
        case ChatMessagesModel.Streaming:
            return qsTr("Writing…");
        case ChatMessagesModel.Aborted:
            return qsTr("Stopped");
        case ChatMessagesModel.Failed:
            return qsTr("Failed");
        default:
            return "";
        }
    }

    objectName: "chatMessage_" + root.index
    implicitHeight: bubble.implicitHeight + Theme.spacing
    width: ListView.view ? ListView.view.width : implicitWidth
    Accessible.role: Accessible.StaticText
    Accessible.name: (root.fromUser ? qsTr("You: %1") : qsTr("Assistant: %1")).arg(root.text)

    Rectangle {
        id: bubble

        readonly property real maxWidth: root.width * 0.8

        anchors.right: root.fromUser ? root.right : undefined
        anchors.left: root.fromUser ? undefined : root.left
        // +1: a text laid out at exactly its natural width can still wrap (fractional advances).
        width: Math.min(bubble.maxWidth,
                        Math.ceil(Math.max(content.implicitWidth, meta.implicitWidth)) + 1 + 2 * Theme.spacingLarge)
        implicitHeight: column.implicitHeight + 2 * Theme.spacing
        radius: Theme.radius
        color: root.fromUser ? Theme.palette.highlight : Theme.palette.alternateBase
        border.color: root.messageState === ChatMessagesModel.Failed ? Theme.danger : "transparent"
        border.width: Theme.bannerBorderWidth

        ColumnLayout {
            id: column

            anchors.fill: parent
            anchors.leftMargin: Theme.spacingLarge
            anchors.rightMargin: Theme.spacingLarge
            anchors.topMargin: Theme.spacing
            anchors.bottomMargin: Theme.spacing
            spacing: Theme.spacingSmall

            TextEdit {
                id: content

                objectName: "messageText"
                text: root.text
                visible: root.text.length > 0
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.Wrap
                textFormat: TextEdit.PlainText
                color: root.fromUser ? Theme.palette.highlightedText : Theme.palette.text
                selectionColor: Theme.palette.highlight
                selectedTextColor: Theme.palette.highlightedText
                Layout.fillWidth: true
                Layout.maximumWidth: bubble.maxWidth - 2 * Theme.spacingLarge
            }

            Label {
                id: meta

                objectName: "messageState"
                visible: text.length > 0
                text: {
                    const parts = [];
                    if (root.stateText.length > 0)
                        parts.push(root.stateText);
                    if (root.errorText.length > 0)
                        parts.push(root.errorText);
                    if (!root.fromUser && root.model.length > 0 && root.messageState === ChatMessagesModel.Done)
                        parts.push(root.model);
                    return parts.join(" · ");
                }
                color: root.messageState === ChatMessagesModel.Failed ? Theme.danger
                    : root.fromUser ? Theme.palette.highlightedText : Theme.neutral
                font.pointSize: content.font.pointSize * 0.85
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Layout.maximumWidth: bubble.maxWidth - 2 * Theme.spacingLarge
            }
        }
    }
}
