// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// The live state of the embedded gateway.
Page {
    objectName: "dashboardPage"
    id: root

    readonly property string notAvailable: qsTr("—", "no value")

    title: qsTr("Dashboard")
    padding: Theme.spacingXLarge

    // Polls providers, channels and usage only while the page is shown.
    onVisibleChanged: DashboardController.active = root.visible
    Component.onCompleted: DashboardController.active = root.visible
    Component.onDestruction: DashboardController.active = false

    LogFilter {
        id: problems

        sourceModel: LogModel
        minimumLevel: 2
    }

    ScrollView {
        id: scroller

        anchors.fill: parent
        contentWidth: availableWidth

    ColumnLayout {
        width: scroller.availableWidth
        spacing: Theme.spacingLarge

        Label {
            text: root.title
            font.pointSize: root.font.pointSize * Theme.titleFontScale
            font.bold: true
            Accessible.role: Accessible.Heading
            Layout.fillWidth: true
        }

        Rectangle {
            objectName: "errorBanner"
            visible: GatewayStatus.hasError
            color: Theme.dangerBackground
            border.color: Theme.danger
            border.width: Theme.bannerBorderWidth
            radius: Theme.radius
            implicitHeight: errorRow.implicitHeight + 2 * Theme.spacingLarge
            Layout.fillWidth: true

            RowLayout {
                id: errorRow

                anchors.fill: parent
                anchors.margins: Theme.spacingLarge
                spacing: Theme.spacingLarge

                Label {
                    objectName: "errorText"
                    text: GatewayStatus.errorString
                    color: Theme.danger
                    wrapMode: Text.Wrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: GatewayStatus.errorString
                    Layout.fillWidth: true
                }

                Button {
                    objectName: "startButton"
                    text: qsTr("Retry")
                    visible: !GatewayStatus.running
                    onClicked: GatewayStatus.start()
                }
            }
        }

        Frame {
            padding: Theme.spacingLarge
            Layout.fillWidth: true

            GridLayout {
                anchors.fill: parent
                columns: 2
                columnSpacing: Theme.spacingXLarge
                rowSpacing: Theme.spacingLarge

                Label {
                    text: qsTr("State")
                }
                StatusBadge {
                    objectName: "stateBadge"
                    gatewayState: GatewayStatus.state
                }

                Label {
                    text: qsTr("Address")
                }
                ValueText {
                    objectName: "addressValue"
                    label: qsTr("Address")
                    text: GatewayStatus.address || root.notAvailable
                    Layout.fillWidth: true
                }

                Label {
                    text: qsTr("WebSocket URL")
                }
                ValueText {
                    objectName: "urlValue"
                    label: qsTr("WebSocket URL")
                    text: GatewayStatus.url || root.notAvailable
                    Layout.fillWidth: true
                }

                Label {
                    text: qsTr("Uptime")
                }
                ValueText {
                    objectName: "uptimeValue"
                    label: qsTr("Uptime")
                    text: GatewayStatus.running ? GatewayStatus.uptimeText : root.notAvailable
                    Layout.fillWidth: true
                }

                Label {
                    text: qsTr("Connected clients")
                }
                ValueText {
                    objectName: "clientsValue"
                    label: qsTr("Connected clients")
                    text: GatewayStatus.clientCount.toLocaleString(Qt.locale(), "f", 0)
                    Layout.fillWidth: true
                }

                Label {
                    text: qsTr("Version")
                }
                ValueText {
                    objectName: "versionValue"
                    label: qsTr("Version")
                    text: GatewayStatus.version
                    Layout.fillWidth: true
                }
            }
        }

        Button {
            objectName: "startStoppedButton"
            text: qsTr("Start")
            visible: !GatewayStatus.running && !GatewayStatus.hasError
            onClicked: GatewayStatus.start()
        }

        RowLayout {
            spacing: Theme.spacingLarge
            Layout.fillWidth: true

            Frame {
                objectName: "todayFrame"
                padding: Theme.spacingLarge
                Layout.fillWidth: true
                Layout.fillHeight: true

                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.spacing

                    Label {
                        text: qsTr("Today")
                        font.bold: true
                        Accessible.role: Accessible.Heading
                    }
                    GridLayout {
                        columns: 2
                        columnSpacing: Theme.spacingXLarge
                        rowSpacing: Theme.spacing

                        Label {
                            text: qsTr("Model calls")
                        }
                        ValueText {
                            objectName: "callsTodayValue"
                            label: qsTr("Model calls today")
                            text: DashboardController.callsToday.toLocaleString(Qt.locale(), "f", 0)
                        }
                        Label {
                            text: qsTr("Cost")
                        }
                        ValueText {
                            objectName: "costTodayValue"
                            label: qsTr("Cost today")
                            text: DashboardController.costTodayText
                        }
                        Label {
                            text: qsTr("Pairing requests")
                        }
                        ValueText {
                            objectName: "pendingPairingsValue"
                            label: qsTr("Pending pairing requests")
                            text: DashboardController.pendingPairings.toLocaleString(Qt.locale(), "f", 0)
                            color: DashboardController.pendingPairings > 0 ? Theme.warning : palette.windowText
                        }
                    }
                }
            }

            StatusList {
                objectName: "providersList"
                title: qsTr("Providers")
                emptyText: qsTr("No model provider is configured.")
                model: DashboardController.providers
                Layout.fillWidth: true
                Layout.fillHeight: true
            }

            StatusList {
                objectName: "channelsList"
                title: qsTr("Channels")
                emptyText: qsTr("No channel is enabled.")
                model: DashboardController.channels
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
        }

        Label {
            objectName: "dashboardError"
            visible: DashboardController.hasError
            text: DashboardController.errorString
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Frame {
            objectName: "problemsFrame"
            padding: Theme.spacingLarge
            Layout.fillWidth: true

            ColumnLayout {
                anchors.fill: parent
                spacing: Theme.spacing

                Label {
                    text: qsTr("Recent warnings and errors")
                    font.bold: true
                    Accessible.role: Accessible.Heading
                }
                Label {
                    visible: problems.count === 0
                    text: qsTr("None since Skynet started.")
                    color: Theme.neutral
                }
                Repeater {
                    // The newest five.
                    model: problems

                    Label {
                        required property int index
                        required property string timeText
                        required property int level
                        required property string category
                        required property string message

                        visible: index >= problems.count - 5
                        text: timeText + "  " + category + ": " + message
                        color: level >= 3 ? Theme.danger : Theme.warning
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }
    }
}
