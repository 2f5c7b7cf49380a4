// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// Where the gateway listens, how clients sign in, the gateway token, the language.
Page {
    id: root

    objectName: "settingsPage"
    title: qsTr("Settings")
    padding: Theme.spacingXLarge

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
            }

            Label {
                objectName: "settingsError"
                visible: SettingsController.hasError
                text: SettingsController.errorString
                color: Theme.danger
                wrapMode: Text.Wrap
                Accessible.role: Accessible.AlertMessage
                Layout.fillWidth: true
            }
            Label {
                objectName: "settingsStatus"
                visible: SettingsController.statusText.length > 0 && !SettingsController.hasError
                text: SettingsController.statusText
                color: Theme.success
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            GroupBox {
                title: qsTr("Gateway")
                Layout.fillWidth: true

                GridLayout {
                    anchors.fill: parent
                    columns: 2
                    columnSpacing: Theme.spacingXLarge
                    rowSpacing: Theme.spacing

                    Label {
                        text: qsTr("Listen on")
                    }
                    TextField {
                        objectName: "bindField"
                        text: SettingsController.bind
                        selectByMouse: true
                        Accessible.name: qsTr("Listen address")
                        Layout.fillWidth: true
                        onTextEdited: SettingsController.bind = text
                    }

                    Label {
                        text: qsTr("Port")
                    }
                    SpinBox {
                        objectName: "portField"
                        from: 1
                        to: 65535
                        editable: true
                        value: SettingsController.port
                        textFromValue: (value, locale) => value.toString()
                        Accessible.name: qsTr("Port")
                        onValueModified: SettingsController.port = value
                    }

                    Label {
                        text: qsTr("Clients sign in with")
                    }
                    ComboBox {
                        objectName: "authModeBox"
                        readonly property var modes: ["token", "password", "none"]

                        model: [qsTr("The gateway token"), qsTr("A password"), qsTr("Nothing (this computer only)")]
                        currentIndex: modes.indexOf(SettingsController.authMode)
                        Accessible.name: qsTr("Authentication")
                        Layout.fillWidth: true
                        onActivated: index => SettingsController.authMode = modes[index]
                    }

                    Label {
                        text: qsTr("TLS")
                    }
                    Label {
                        text: SettingsController.tlsAvailable ? qsTr("Available")
                            : qsTr("Not available in this build: keep the gateway on this computer (127.0.0.1), or put a TLS proxy in front of it.")
                        wrapMode: Text.Wrap
                        color: Theme.neutral
                        Layout.fillWidth: true
                    }

                    Item {
                        implicitWidth: 1
                        visible: !SettingsController.bindIsLoopback
                    }
                    CheckBox {
                        objectName: "insecureBindCheck"
                        visible: !SettingsController.bindIsLoopback
                        text: qsTr("Accept unencrypted connections from the network")
                        checked: SettingsController.allowInsecureBind
                        onToggled: SettingsController.allowInsecureBind = checked
                    }
                }
            }

            Label {
                objectName: "exposureWarning"
                visible: !SettingsController.bindIsLoopback
                text: qsTr("Other computers will be able to reach Skynet. Anyone who has the gateway token can use it as an administrator.")
                color: Theme.warning
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            RowLayout {
                spacing: Theme.spacing

                Button {
                    objectName: "applyButton"
                    text: qsTr("Save and restart the gateway")
                    enabled: SettingsController.modified
                    highlighted: true
                    onClicked: SettingsController.apply()
                }
                Button {
                    objectName: "revertButton"
                    text: qsTr("Revert")
                    enabled: SettingsController.modified
                    onClicked: SettingsController.revert()
                }
            }

            GroupBox {
                title: qsTr("Gateway token")
                Layout.fillWidth: true

                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.spacing

                    Label {
                        text: qsTr("Clients (the OpenClaw apps, scripts) connect with this token. It gives full access.")
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    RowLayout {
                        spacing: Theme.spacing

                        ValueText {
                            objectName: "maskedToken"
                            label: qsTr("Gateway token")
                            text: SettingsController.tokenSet ? SettingsController.maskedToken : qsTr("not set")
                            font.family: "monospace"
                        }
                        Button {
                            objectName: "copyTokenButton"
                            text: qsTr("Copy")
                            enabled: SettingsController.tokenSet
                            onClicked: SettingsController.copyToken()
                        }
                        Button {
                            objectName: "regenerateTokenButton"
                            text: confirmRegenerate.visible ? qsTr("Cancel") : qsTr("New token…")
                            onClicked: confirmRegenerate.visible = !confirmRegenerate.visible
                        }
                    }
                    RowLayout {
                        id: confirmRegenerate

                        visible: false
                        spacing: Theme.spacing

                        Label {
                            text: qsTr("Clients using the current token will be disconnected.")
                            color: Theme.warning
                        }
                        Button {
                            objectName: "confirmRegenerateButton"
                            text: qsTr("Replace the token")
                            onClicked: {
                                confirmRegenerate.visible = false;
                                SettingsController.regenerateToken();
                            }
                        }
                    }
                    Label {
                        objectName: "secretsLocation"
                        text: SettingsController.secretsInKeychain
                            ? qsTr("Secrets (tokens, API keys) are kept in the system keychain.")
                            : qsTr("No keychain is available: secrets are kept in %1, readable only by you.").arg(SettingsController.secretsLocation)
                        color: SettingsController.secretsInKeychain ? Theme.neutral : Theme.warning
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
            }

            GroupBox {
                title: qsTr("Desktop")
                Layout.fillWidth: true

                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.spacing

                    CheckBox {
                        objectName: "startAtLoginCheck"
                        text: qsTr("Start Skynet when I log in (in the tray)")
                        enabled: DesktopIntegration.startAtLoginSupported
                        checked: DesktopIntegration.startAtLogin
                        onToggled: DesktopIntegration.startAtLogin = checked
                    }
                    CheckBox {
                        objectName: "notificationsCheck"
                        text: qsTr("Notify me of pairing requests and failures")
                        checked: DesktopIntegration.notificationsEnabled
                        onToggled: DesktopIntegration.notificationsEnabled = checked
                    }
                    Label {
                        visible: !DesktopIntegration.trayAvailable
                        text: qsTr("No system tray was found: closing the window quits Skynet.")
                        color: Theme.neutral
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "desktopError"
                        visible: DesktopIntegration.hasError
                        text: DesktopIntegration.errorString
                        color: Theme.danger
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
            }

            GroupBox {
                title: qsTr("Appearance")
                Layout.fillWidth: true

                GridLayout {
                    anchors.fill: parent
                    columns: 2
                    columnSpacing: Theme.spacingXLarge
                    rowSpacing: Theme.spacing

                    Label {
                        text: qsTr("Colours")
                    }
                    ComboBox {
                        objectName: "colorSchemeBox"
                        model: [qsTr("Follow the system"), qsTr("Light"), qsTr("Dark")]
                        currentIndex: DesktopIntegration.colorScheme
                        Accessible.name: qsTr("Colours")
                        Layout.preferredWidth: 240
                        onActivated: index => DesktopIntegration.colorScheme = index
                    }

                    Label {
                        text: qsTr("Language")
                    }
                    ComboBox {
                        id: languageBox

                        objectName: "languageBox"
                        model: SettingsController.languages
                        displayText: SettingsController.languageName(SettingsController.language)
                        currentIndex: SettingsController.languageIndex
                        Accessible.name: qsTr("Language")
                        Layout.preferredWidth: 240
                        onActivated: index => SettingsController.language = SettingsController.languages[index]

                        delegate: ItemDelegate {
                            required property string modelData
                            required property int index

                            width: languageBox.width
                            text: SettingsController.languageName(modelData)
                            highlighted: languageBox.highlightedIndex === index
                        }
                    }
                }
            }

            Label {
                text: qsTr("Configuration file: %1").arg(SettingsController.configPath)
                color: Theme.neutral
                wrapMode: Text.WrapAnywhere
                Layout.fillWidth: true
            }
        }
    }
}
