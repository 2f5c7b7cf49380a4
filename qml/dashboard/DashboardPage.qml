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

    ColumnLayout {
        anchors.fill: parent
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

        Item {
            Layout.fillHeight: true
        }
    }
}
