// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// Providers & Models: Ollama and its models, hosted providers and their keys, routing tiers,
// privacy and offline mode. Edits are kept until Apply writes skynet.toml and restarts.
Page {
    id: root

    objectName: "providersPage"
    title: qsTr("Providers & Models")
    padding: 0

    Component.onCompleted: {
        OllamaController.refresh();
        ProvidersController.refreshHealth();
    }

    header: ColumnLayout {
        spacing: Theme.spacing

        Label {
            text: root.title
            font.pointSize: root.font.pointSize * Theme.titleFontScale
            font.bold: true
            Accessible.role: Accessible.Heading
            Layout.topMargin: Theme.spacingXLarge
            Layout.leftMargin: Theme.spacingXLarge
            Layout.rightMargin: Theme.spacingXLarge
            Layout.fillWidth: true
        }
        ProvidersErrorBanner {
            objectName: "providersError"
            text: ProvidersController.errorString
            onDismissed: ProvidersController.clearError()
            Layout.leftMargin: Theme.spacingXLarge
            Layout.rightMargin: Theme.spacingXLarge
            Layout.fillWidth: true
        }
        ProvidersErrorBanner {
            objectName: "ollamaError"
            text: OllamaController.errorString
            onDismissed: OllamaController.clearError()
            Layout.leftMargin: Theme.spacingXLarge
            Layout.rightMargin: Theme.spacingXLarge
            Layout.fillWidth: true
        }
    }

    ScrollView {
        id: scroller

        // Fixed implicit size: the content follows the width, so the page's size must not follow the content.
        implicitWidth: 480
        implicitHeight: 320
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: scroller.availableWidth
            spacing: Theme.spacingLarge

            Item {
                implicitHeight: Theme.spacing
            }

            OllamaModelsView {
                Layout.leftMargin: Theme.spacingXLarge
                Layout.rightMargin: Theme.spacingXLarge
            }
            ProviderCard {
                title: qsTr("Ollama connection")
                entry: ProvidersController.ollama
                showKey: false
                Layout.leftMargin: Theme.spacingXLarge
                Layout.rightMargin: Theme.spacingXLarge
            }
            ProviderCard {
                entry: ProvidersController.anthropic
                keyHint: qsTr("Paste a new key (sk-ant-…)")
                Layout.leftMargin: Theme.spacingXLarge
                Layout.rightMargin: Theme.spacingXLarge
            }
            ProviderCard {
                entry: ProvidersController.openai
                keyHint: qsTr("Paste a new key (not needed for a local server)")
                Layout.leftMargin: Theme.spacingXLarge
                Layout.rightMargin: Theme.spacingXLarge
            }

            GroupBox {
                title: qsTr("Routing")
                Layout.leftMargin: Theme.spacingXLarge
                Layout.rightMargin: Theme.spacingXLarge
                Layout.fillWidth: true

                GridLayout {
                    anchors.fill: parent
                    columns: 2
                    columnSpacing: Theme.spacingLarge
                    rowSpacing: Theme.spacing

                    Label {
                        text: qsTr("Mode")
                    }
                    ComboBox {
                        objectName: "routingMode"
                        textRole: "text"
                        valueRole: "value"
                        model: [
                            { value: "auto", text: qsTr("Automatic: pick a tier for every message") },
                            { value: "fixed", text: qsTr("Fixed: always the standard tier") }
                        ]
                        currentIndex: ProvidersController.routingMode === "fixed" ? 1 : 0
                        Accessible.name: qsTr("Routing mode")
                        onActivated: ProvidersController.routingMode = currentValue
                        Layout.fillWidth: true
                    }

                    Label {
                        text: qsTr("Trivial")
                    }
                    TierField {
                        objectName: "trivialTier"
                        label: qsTr("Trivial tier")
                        value: ProvidersController.trivialTier
                        error: ProvidersController.trivialTierError
                        onEdited: text => ProvidersController.trivialTier = text
                    }
                    Label {
                        text: qsTr("Standard")
                    }
                    TierField {
                        objectName: "standardTier"
                        label: qsTr("Standard tier")
                        value: ProvidersController.standardTier
                        error: ProvidersController.standardTierError
                        onEdited: text => ProvidersController.standardTier = text
                    }
                    Label {
                        text: qsTr("Complex")
                    }
                    TierField {
                        objectName: "complexTier"
                        label: qsTr("Complex tier")
                        value: ProvidersController.complexTier
                        error: ProvidersController.complexTierError
                        onEdited: text => ProvidersController.complexTier = text
                    }

                    Switch {
                        objectName: "privacySwitch"
                        text: qsTr("Privacy mode: only models on this machine answer")
                        checked: ProvidersController.privacy || ProvidersController.offline
                        enabled: !ProvidersController.offline
                        onToggled: ProvidersController.privacy = checked
                        Layout.columnSpan: 2
                    }
                    Switch {
                        objectName: "offlineSwitch"
                        text: qsTr("Offline mode: no network beyond this machine at all")
                        checked: ProvidersController.offline
                        onToggled: ProvidersController.offline = checked
                        Layout.columnSpan: 2
                    }
                }
            }

            Item {
                implicitHeight: Theme.spacing
            }
        }
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacingXLarge
            anchors.rightMargin: Theme.spacingXLarge
            spacing: Theme.spacing

            Label {
                objectName: "providersStatus"
                text: ProvidersController.applying ? qsTr("Applying…")
                    : ProvidersController.statusMessage.length > 0 ? ProvidersController.statusMessage
                    : ProvidersController.modified ? qsTr("Unsaved changes") : ""
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            Button {
                objectName: "runSetupAgain"
                text: qsTr("Run setup again")
                flat: true
                onClicked: WizardController.start()
            }
            Button {
                objectName: "providersRevert"
                text: qsTr("Revert")
                enabled: ProvidersController.modified && !ProvidersController.applying
                onClicked: ProvidersController.revert()
            }
            Button {
                objectName: "providersApply"
                text: qsTr("Apply")
                highlighted: true
                enabled: ProvidersController.modified && !ProvidersController.applying
                Accessible.description: qsTr("Saves skynet.toml and restarts the gateway")
                onClicked: ProvidersController.apply()
            }
        }
    }
}
