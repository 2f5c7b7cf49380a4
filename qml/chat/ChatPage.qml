// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// Chat with the local model through the in-process gateway: sessions on the left, the
// conversation on the right, the model picker above it and the input below it. All talking to
// the gateway happens in ChatController; this page shows its state and forwards intent.
Page {
    id: root

    function sendMessage(): void {
        if (ChatController.send(input.text))
            input.clear();
    }

    objectName: "chatPage"
    title: qsTr("Chat")
    padding: Theme.spacingXLarge

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacingLarge

        // Sessions
        ColumnLayout {
            spacing: Theme.spacing
            Layout.fillHeight: true
            Layout.preferredWidth: 180
            Layout.maximumWidth: 220

            Label {
                text: root.title
                font.pointSize: root.font.pointSize * Theme.titleFontScale
                font.bold: true
            }

            Button {
                objectName: "newSessionButton"
                text: qsTr("New chat")
                icon.name: "document-new"
                Accessible.name: qsTr("Start a new chat session")
                Layout.fillWidth: true
                onClicked: {
                    ChatController.newSession();
                    input.forceActiveFocus();
                }
            }

            ListView {
                id: sessionList

                objectName: "sessionList"
                clip: true
                model: ChatController.sessions
                keyNavigationEnabled: true
                activeFocusOnTab: true
                highlightMoveDuration: 0
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Chat sessions")
                Layout.fillWidth: true
                Layout.fillHeight: true
                Keys.onReturnPressed: {
                    if (sessionList.currentItem)
                        (sessionList.currentItem as ChatSessionDelegate).clicked();
                }

                delegate: ChatSessionDelegate {}
                ScrollBar.vertical: ScrollBar {}
            }
        }

        Rectangle {
            implicitWidth: 1
            color: Theme.palette.mid
            Layout.fillHeight: true
        }

        // Conversation
        ColumnLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            Layout.fillHeight: true

            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true

                Label {
                    objectName: "sessionTitle"
                    text: ChatController.currentSessionTitle
                    elide: Text.ElideRight
                    font.bold: true
                    Layout.fillWidth: true
                }

                BusyIndicator {
                    running: ChatController.loading
                    visible: ChatController.loading
                    Layout.preferredHeight: modelPicker.implicitHeight
                    Layout.preferredWidth: modelPicker.implicitHeight
                }

                Label {
                    text: qsTr("Model:")
                }

                ComboBox {
                    id: modelPicker

                    objectName: "modelPicker"
                    model: ChatController.models
                    textRole: "name"
                    valueRole: "spec"
                    currentIndex: ChatController.currentModelIndex
                    Accessible.name: qsTr("Model for the next message")
                    Layout.preferredWidth: 260
                    onActivated: index => ChatController.currentModelIndex = index
                }
            }

            Rectangle {
                objectName: "chatErrorBanner"
                visible: ChatController.hasError
                color: Theme.dangerBackground
                border.color: Theme.danger
                border.width: Theme.bannerBorderWidth
                radius: Theme.radius
                implicitHeight: errorRow.implicitHeight + 2 * Theme.spacing
                Layout.fillWidth: true

                RowLayout {
                    id: errorRow

                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacing

                    Label {
                        objectName: "chatErrorText"
                        text: ChatController.errorString
                        color: Theme.danger
                        wrapMode: Text.Wrap
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: ChatController.errorString
                        Layout.fillWidth: true
                    }

                    Button {
                        objectName: "dismissErrorButton"
                        text: qsTr("Dismiss")
                        flat: true
                        onClicked: ChatController.clearError()
                    }
                }
            }

            Frame {
                padding: 0
                Layout.fillWidth: true
                Layout.fillHeight: true

                ListView {
                    id: messageList

                    objectName: "messageList"
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    clip: true
                    spacing: Theme.spacing
                    model: ChatController.messages
                    activeFocusOnTab: true
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Conversation")
                    // Follow the answer as it grows.
                    onCountChanged: Qt.callLater(messageList.positionViewAtEnd)
                    onContentHeightChanged: {
                        if (ChatController.busy)
                            Qt.callLater(messageList.positionViewAtEnd);
                    }

                    delegate: ChatMessageDelegate {}
                    ScrollBar.vertical: ScrollBar {}

                    Label {
                        objectName: "emptyHint"
                        anchors.centerIn: parent
                        width: parent.width * 0.7
                        visible: messageList.count === 0 && !ChatController.loading
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.Wrap
                        color: Theme.neutral
                        text: ChatController.ready ? qsTr("Ask something. Enter sends, Shift+Enter starts a new line.")
                                                   : qsTr("The gateway is not running. Start it on the Dashboard page.")
                    }
                }
            }

            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true

                ScrollView {
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.min(input.implicitHeight, 140)

                    TextArea {
                        id: input

                        objectName: "chatInput"
                        focus: true
                        wrapMode: TextEdit.Wrap
                        placeholderText: qsTr("Message")
                        background: Rectangle {
                            color: Theme.palette.base
                            radius: Theme.radiusSmall
                            border.width: input.activeFocus ? Theme.focusBorderWidth : 1
                            border.color: input.activeFocus ? Theme.palette.highlight : Theme.neutral
                        }
                        Accessible.name: qsTr("Message to the assistant")
                        Keys.onPressed: event => {
                            if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                                    && !(event.modifiers & Qt.ShiftModifier)) {
                                event.accepted = true;
                                root.sendMessage();
                            }
                        }
                    }
                }

                Label {
                    objectName: "lengthWarning"
                    visible: input.length > ChatController.maxMessageLength
                    text: qsTr("%1 / %2").arg(input.length).arg(ChatController.maxMessageLength)
                    color: Theme.danger
                }

                Button {
                    objectName: "sendButton"
                    text: qsTr("Send")
                    visible: !ChatController.busy
                    enabled: input.text.trim().length > 0 && input.length <= ChatController.maxMessageLength
                    highlighted: true
                    Accessible.name: qsTr("Send the message")
                    onClicked: root.sendMessage()
                }

                Button {
                    objectName: "stopButton"
                    text: qsTr("Stop")
                    visible: ChatController.busy
                    Accessible.name: qsTr("Stop the answer")
                    onClicked: ChatController.stop()
                }
            }
        }
    }
}
