// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// Channels: state and settings of Telegram, Discord, WhatsApp and the web chat, and the
// pairing requests of people who asked to talk to Skynet. ChannelsController does the work.
Page {
    id: root

    objectName: "channelsPage"
    title: qsTr("Channels")
    padding: Theme.spacingXLarge

    ScrollView {
        id: scroll

        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: scroll.availableWidth
            spacing: Theme.spacingLarge

            RowLayout {
                Layout.fillWidth: true

                Label {
                    text: root.title
                    font.pointSize: root.font.pointSize * Theme.titleFontScale
                    font.bold: true
                    Layout.fillWidth: true
                }
                ActionButton {
                    objectName: "channelsRefresh"
                    text: qsTr("Refresh")
                    Accessible.name: qsTr("Refresh the channel status")
                    onClicked: ChannelsController.refresh()
                }
            }

            // Errors are state: one banner, replaced by the next error, closed by the user.
            Rectangle {
                objectName: "channelsError"
                visible: ChannelsController.hasError
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

                    Label {
                        text: ChannelsController.errorString
                        color: Theme.danger
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Accessible.role: Accessible.AlertMessage
                    }
                    ToolButton {
                        text: qsTr("Dismiss")
                        Accessible.name: qsTr("Dismiss the error")
                        onClicked: ChannelsController.clearError()
                    }
                }
            }

            Label {
                objectName: "channelsNotice"
                visible: text.length > 0
                text: ChannelsController.notice
                color: Theme.success
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            // ---- pairing requests
            Label {
                text: qsTr("Pairing requests")
                font.bold: true
            }
            Label {
                visible: ChannelsController.pairings.count === 0
                text: qsTr("Nobody is waiting. When a stranger writes to a channel in pairing mode, they get a code and appear here.")
                color: Theme.neutral
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Repeater {
                objectName: "pairingList"
                model: ChannelsController.pairings

                delegate: Frame {
                    id: request

                    required property string channel
                    required property string code
                    required property string senderName
                    required property string senderId
                    required property date createdAt

                    Layout.fillWidth: true

                    RowLayout {
                        anchors.fill: parent
                        spacing: Theme.spacing

                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingSmall

                            Label {
                                text: qsTr("%1 on %2").arg(request.senderName.length > 0 ? request.senderName : request.senderId).arg(request.channel)
                                font.bold: true
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {
                                text: qsTr("Code %1 · asked %2").arg(request.code).arg(Qt.formatDateTime(request.createdAt, "yyyy-MM-dd hh:mm"))
                                color: Theme.neutral
                            }
                        }
                        ActionButton {
                            objectName: "approve_" + request.code
                            text: qsTr("Approve")
                            highlighted: true
                            Accessible.name: qsTr("Approve %1").arg(request.senderName)
                            onClicked: ChannelsController.approve(request.channel, request.code)
                        }
                        ActionButton {
                            objectName: "reject_" + request.code
                            text: qsTr("Reject")
                            Accessible.name: qsTr("Reject %1").arg(request.senderName)
                            onClicked: ChannelsController.reject(request.channel, request.code)
                        }
                    }
                }
            }

            // ---- channels
            Label {
                text: qsTr("Channels")
                font.bold: true
            }
            Repeater {
                objectName: "channelList"
                model: ChannelsController.channels

                delegate: ChannelCard {
                    Layout.fillWidth: true
                }
            }
        }
    }
}
