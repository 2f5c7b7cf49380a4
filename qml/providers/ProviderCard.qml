// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// The settings of one [providers.<id>] table: enabled, address, model and (write-only) API key.
GroupBox {
    id: root

    required property ProviderEntry entry
    property bool showKey: true
    property string keyHint

    title: root.entry.title
    Layout.fillWidth: true

    GridLayout {
        anchors.fill: parent
        columns: 2
        columnSpacing: Theme.spacingLarge
        rowSpacing: Theme.spacing

        Switch {
            objectName: root.entry.id + "Enabled"
            text: qsTr("Use this provider")
            checked: root.entry.enabled
            onToggled: root.entry.enabled = checked
            Layout.columnSpan: 2
        }

        Label {
            text: qsTr("Health")
        }
        Label {
            objectName: root.entry.id + "Health"
            text: root.entry.healthText
            color: root.entry.available ? Theme.success : Theme.neutral
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Label {
            text: qsTr("Address")
        }
        ColumnLayout {
            spacing: Theme.spacingSmall
            Layout.fillWidth: true

            TextField {
                objectName: root.entry.id + "BaseUrl"
                text: root.entry.baseUrl
                placeholderText: qsTr("Default: %1").arg(root.entry.defaultBaseUrl)
                selectByMouse: true
                Accessible.name: qsTr("%1 address").arg(root.entry.title)
                onTextEdited: root.entry.baseUrl = text
                Layout.fillWidth: true
            }
            Label {
                objectName: root.entry.id + "BaseUrlError"
                text: root.entry.baseUrlError
                visible: text.length > 0
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        Label {
            text: qsTr("Model")
        }
        ColumnLayout {
            spacing: Theme.spacingSmall
            Layout.fillWidth: true

            TextField {
                objectName: root.entry.id + "Model"
                text: root.entry.model
                selectByMouse: true
                Accessible.name: qsTr("%1 default model").arg(root.entry.title)
                onTextEdited: root.entry.model = text
                Layout.fillWidth: true
            }
            Label {
                objectName: root.entry.id + "ModelError"
                text: root.entry.modelError
                visible: text.length > 0
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        Label {
            text: qsTr("API key")
            visible: root.showKey
        }
        ColumnLayout {
            visible: root.showKey
            spacing: Theme.spacingSmall
            Layout.fillWidth: true

            Label {
                objectName: root.entry.id + "KeyStatus"
                text: root.entry.keyStatus
                color: root.entry.keySet ? Theme.success : Theme.neutral
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true

                TextField {
                    id: keyField

                    objectName: root.entry.id + "KeyField"
                    echoMode: TextInput.Password
                    placeholderText: root.keyHint.length > 0 ? root.keyHint : qsTr("Paste a new key")
                    Accessible.name: qsTr("New %1 API key").arg(root.entry.title)
                    Layout.fillWidth: true
                    onAccepted: setKeyButton.clicked()
                }
                Button {
                    id: setKeyButton

                    objectName: root.entry.id + "SetKey"
                    text: qsTr("Use key")
                    enabled: keyField.text.length > 0
                    onClicked: {
                        if (root.entry.setApiKey(keyField.text))
                            keyField.clear();
                    }
                }
                Button {
                    objectName: root.entry.id + "ClearKey"
                    text: qsTr("Remove")
                    enabled: root.entry.keySet
                    Accessible.name: qsTr("Remove the %1 API key").arg(root.entry.title)
                    onClicked: root.entry.clearApiKey()
                }
            }
            Label {
                objectName: root.entry.id + "KeyError"
                text: root.entry.keyError
                visible: text.length > 0
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }
}
