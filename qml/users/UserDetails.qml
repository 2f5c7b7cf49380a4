// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// The selected user of the Users page (UsersController's selection).
ScrollView {
    id: root

    property bool confirmingDelete: false
    // Another user selected: the confirmation does not carry over.
    readonly property string userId: UsersController.selectedUserId

    onUserIdChanged: root.confirmingDelete = false

    objectName: "userDetails"
    // Fixed, so the width given by the page's layout does not feed back into it.
    implicitWidth: 480
    contentWidth: availableWidth


    ColumnLayout {
        width: root.availableWidth
        spacing: Theme.spacing

        Label {
            text: UsersController.displayName
            font.bold: true
            font.pointSize: root.font.pointSize * 1.2
        }
        Label {
            visible: UsersController.isOwner
            text: qsTr("The owner: always an admin, cannot be deleted.")
            color: Theme.neutral
        }

        GridLayout {
            columns: 3
            columnSpacing: Theme.spacing
            Layout.fillWidth: true

            Label {
                text: qsTr("Role")
            }
            ComboBox {
                id: roleBox

                objectName: "userRole"
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "admin", text: qsTr("Admin") },
                    { value: "user", text: qsTr("User") },
                    { value: "child", text: qsTr("Child") }
                ]
                currentIndex: Math.max(0, roleBox.indexOfValue(UsersController.role))
                enabled: !UsersController.isOwner
                Accessible.name: qsTr("Role")
                Layout.fillWidth: true
            }
            ActionButton {
                objectName: "applyRole"
                text: qsTr("Change role")
                enabled: !UsersController.isOwner && roleBox.currentValue !== UsersController.role
                onClicked: UsersController.setRole(roleBox.currentValue)
            }

            Label {
                text: qsTr("Tokens per day")
            }
            SpinBox {
                id: budgetBox

                objectName: "userBudget"
                from: 0
                to: 2000000000
                stepSize: 1000
                editable: true
                value: UsersController.dailyTokenBudget
                Accessible.name: qsTr("Daily token budget, 0 for no limit")
                Layout.fillWidth: true
            }
            ActionButton {
                objectName: "applyBudget"
                text: qsTr("Save budget")
                enabled: budgetBox.value !== UsersController.dailyTokenBudget
                onClicked: UsersController.setDailyTokenBudget(budgetBox.value)
            }
        }
        Label {
            text: UsersController.dailyTokenBudget > 0
                  ? qsTr("Used today: %1 of %2 tokens").arg(UsersController.tokensToday).arg(UsersController.dailyTokenBudget)
                  : qsTr("Used today: %1 tokens (no limit)").arg(UsersController.tokensToday)
            color: Theme.neutral
        }

        // ---- linked accounts
        Label {
            text: qsTr("Linked accounts")
            font.bold: true
            Layout.topMargin: Theme.spacing
        }
        Label {
            visible: UsersController.identities.count === 0
            text: qsTr("No accounts linked.")
            color: Theme.neutral
        }
        Repeater {
            objectName: "identityList"
            model: UsersController.identities

            delegate: RowLayout {
                id: identity

                required property string channel
                required property string externalId
                required property string displayName

                Layout.fillWidth: true

                Label {
                    text: identity.displayName.length > 0 ? qsTr("%1: %2 (%3)").arg(identity.channel).arg(identity.displayName).arg(identity.externalId) : qsTr("%1: %2").arg(identity.channel).arg(identity.externalId)
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                ActionButton {
                    text: qsTr("Unlink")
                    Accessible.name: qsTr("Unlink %1 account %2").arg(identity.channel).arg(identity.externalId)
                    onClicked: UsersController.unlinkIdentity(identity.channel, identity.externalId)
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true

            ActionButton {
                objectName: "linkCode"
                text: qsTr("Link an account…")
                onClicked: UsersController.requestLinkCode()
            }
            ValueText {
                objectName: "linkCodeText"
                visible: UsersController.linkCode.length > 0
                label: qsTr("Link code")
                text: qsTr("Send \"/link %1\" from the account to link, within 10 minutes.").arg(UsersController.linkCode)
                Layout.fillWidth: true
            }
        }

        // ---- memories
        Label {
            text: qsTr("Memories")
            font.bold: true
            Layout.topMargin: Theme.spacing
        }
        Label {
            visible: UsersController.memories.count === 0
            text: qsTr("Skynet remembers nothing about this person.")
            color: Theme.neutral
        }
        Repeater {
            objectName: "memoryList"
            model: UsersController.memories

            delegate: RowLayout {
                id: memory

                required property int memoryId
                required property string kind
                required property string content

                Layout.fillWidth: true

                Label {
                    text: memory.kind
                    color: Theme.neutral
                    Layout.preferredWidth: 80
                }
                Label {
                    text: memory.content
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                ActionButton {
                    text: qsTr("Delete")
                    Accessible.name: qsTr("Delete the memory %1").arg(memory.content)
                    onClicked: UsersController.deleteMemory(memory.memoryId)
                }
            }
        }

        // ---- export and delete
        Label {
            text: qsTr("Export")
            font.bold: true
            Layout.topMargin: Theme.spacing
        }
        RowLayout {
            Layout.fillWidth: true

            TextField {
                id: exportPath

                objectName: "exportPath"
                text: UsersController.suggestedExportPath
                Accessible.name: qsTr("File to export to")
                Layout.fillWidth: true
                onAccepted: UsersController.exportUser(text)
            }
            ActionButton {
                objectName: "exportUser"
                text: qsTr("Export as JSON")
                onClicked: UsersController.exportUser(exportPath.text)
            }
        }

        RowLayout {
            visible: !UsersController.isOwner
            Layout.topMargin: Theme.spacing
            Layout.fillWidth: true

            ActionButton {
                objectName: "deleteUser"
                visible: !root.confirmingDelete
                text: qsTr("Delete user…")
                onClicked: root.confirmingDelete = true
            }
            Label {
                visible: root.confirmingDelete
                text: qsTr("Delete %1 with their linked accounts and memories? This cannot be undone.").arg(UsersController.displayName)
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            ActionButton {
                objectName: "confirmDeleteUser"
                visible: root.confirmingDelete
                text: qsTr("Delete")
                onClicked: {
                    root.confirmingDelete = false;
                    UsersController.deleteUser();
                }
            }
            ActionButton {
                visible: root.confirmingDelete
                text: qsTr("Cancel")
                onClicked: root.confirmingDelete = false
            }
        }
    }
}
