// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// One channel: state, enable switch, who may talk, the secrets ("set"/"not set", never shown),
// a connection test and Save. The values typed here only reach ChannelsController on Save/Test.
Frame {
    id: root

    required property string channelId
    required property string label
    required property bool channelEnabled
    required property string channelState
    required property string lastError
    required property int failedDeliveries
    required property string lastDeliveryError
    required property int pendingPairings
    required property string dmPolicy
    required property string phoneNumberId
    required property var secretFields
    required property bool testable

    // key → text typed into the secret fields (empty = keep the stored secret)
    property var entered: ({})
    readonly property bool showsTest: ChannelsController.testChannel === root.channelId

    function stateText(state: string): string {
        switch (state) {
        case "running":
            return qsTr("Running");
        case "starting":
            return qsTr("Starting…");
        case "reconnecting":
            return qsTr("Reconnecting");
        case "failed":
            return qsTr("Failed");
        case "stopped":
            return qsTr("Stopped");
        default:
            return qsTr("Disabled");
        }
    }
    function stateColor(state: string): color {
        switch (state) {
        case "running":
            return Theme.success;
        case "starting":
        case "reconnecting":
            return Theme.warning;
        case "failed":
            return Theme.danger;
        default:
            return Theme.neutral;
        }
    }
    function save(): void {
        if (ChannelsController.save(root.channelId, enableSwitch.checked, policyBox.currentValue, root.entered, phoneField.text)) {
            root.entered = {};
            for (let i = 0; i < secretRepeater.count; ++i)
                secretRepeater.itemAt(i).clear();
        }
    }
    function test(): void {
        const key = root.channelId === "whatsapp" ? "access_token" : "token";
        ChannelsController.testConnection(root.channelId, root.entered[key] ?? "", phoneField.text);
    }

    objectName: "channelCard_" + root.channelId

    component SecretField: RowLayout {
        id: field

        required property var modelData

        function clear(): void {
            input.clear();
        }

        Layout.fillWidth: true

        Label {
            text: field.modelData.label
            Layout.preferredWidth: 120
        }
        TextField {
            id: input

            objectName: "secret_" + root.channelId + "_" + field.modelData.key
            echoMode: TextInput.Password
            placeholderText: field.modelData.isSet ? qsTr("Stored — type to replace") : qsTr("Paste it here")
            Accessible.name: field.modelData.label
            Layout.fillWidth: true
            onTextChanged: {
                const copy = Object.assign({}, root.entered);
                copy[field.modelData.key] = text;
                root.entered = copy;
            }
            onAccepted: root.save()
        }
        Label {
            text: field.modelData.isSet ? qsTr("set") : qsTr("not set")
            color: field.modelData.isSet ? Theme.success : Theme.neutral
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Label {
                text: root.label
                font.bold: true
            }
            Rectangle {
                width: Theme.statusDotSize
                height: Theme.statusDotSize
                radius: width / 2
                color: root.stateColor(root.channelState)
            }
            Label {
                objectName: "state_" + root.channelId
                text: root.stateText(root.channelState)
            }
            Label {
                visible: root.pendingPairings > 0
                text: qsTr("%n pairing request(s)", "", root.pendingPairings)
                color: Theme.warning
            }
            Item {
                Layout.fillWidth: true
            }
            Switch {
                id: enableSwitch

                objectName: "enable_" + root.channelId
                text: qsTr("Enabled")
                checked: root.channelEnabled
                Accessible.name: qsTr("Enable %1").arg(root.label)
            }
        }

        Label {
            visible: root.lastError.length > 0
            text: qsTr("Last error: %1").arg(root.lastError)
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: root.failedDeliveries > 0
            text: qsTr("%n reply(s) could not be delivered", "", root.failedDeliveries) + (root.lastDeliveryError.length > 0 ? " — " + root.lastDeliveryError : "")
            color: Theme.warning
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        RowLayout {
            Layout.fillWidth: true

            Label {
                text: qsTr("Who may talk")
                Layout.preferredWidth: 120
            }
            ComboBox {
                id: policyBox

                objectName: "policy_" + root.channelId
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "pairing", text: qsTr("Pairing: strangers get a code to approve") },
                    { value: "allowlist", text: qsTr("Allowlist: only listed accounts") },
                    { value: "open", text: qsTr("Open: anyone") }
                ]
                Accessible.name: qsTr("Who may talk to Skynet on %1").arg(root.label)
                Layout.fillWidth: true
                Component.onCompleted: currentIndex = indexOfValue(root.dmPolicy)
            }
        }

        Repeater {
            id: secretRepeater

            model: root.secretFields
            delegate: SecretField {}
        }

        RowLayout {
            visible: root.channelId === "whatsapp"
            Layout.fillWidth: true

            Label {
                text: qsTr("Phone number id")
                Layout.preferredWidth: 120
            }
            TextField {
                id: phoneField

                objectName: "phone_" + root.channelId
                text: root.phoneNumberId
                Accessible.name: qsTr("WhatsApp phone number id")
                Layout.fillWidth: true
                onAccepted: root.save()
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Label {
                objectName: "testResult_" + root.channelId
                visible: root.showsTest
                text: ChannelsController.testMessage
                color: ChannelsController.testing ? Theme.neutral : (ChannelsController.testOk ? Theme.success : Theme.danger)
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Item {
                visible: !root.showsTest
                Layout.fillWidth: true
            }
            ActionButton {
                objectName: "test_" + root.channelId
                visible: root.testable
                enabled: !ChannelsController.testing
                text: qsTr("Test connection")
                Accessible.name: qsTr("Test the %1 connection").arg(root.label)
                onClicked: root.test()
            }
            ActionButton {
                objectName: "save_" + root.channelId
                enabled: !ChannelsController.busy
                highlighted: true
                text: qsTr("Save")
                Accessible.name: qsTr("Save %1 and restart the gateway").arg(root.label)
                onClicked: root.save()
            }
        }
    }
}
