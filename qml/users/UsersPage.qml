// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// Users: the people Skynet knows, their role, budget, linked accounts and memories.
// UsersController calls the gateway's users.*, identities.* and memory.* methods.
Page {
    id: root

    objectName: "usersPage"
    title: qsTr("Users")
    padding: Theme.spacingXLarge

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingLarge

        Label {
            text: root.title
            font.pointSize: root.font.pointSize * Theme.titleFontScale
            font.bold: true
        }

        Rectangle {
            objectName: "usersError"
            visible: UsersController.hasError
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
                    text: UsersController.errorString
                    color: Theme.danger
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Accessible.role: Accessible.AlertMessage
                }
                ToolButton {
                    text: qsTr("Dismiss")
                    Accessible.name: qsTr("Dismiss the error")
                    onClicked: UsersController.clearError()
                }
            }
        }
        Label {
            objectName: "usersNotice"
            visible: text.length > 0
            text: UsersController.notice
            color: Theme.success
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: Theme.spacingLarge
            Layout.fillWidth: true
            Layout.fillHeight: true

            // ---- the list and "new user"
            ColumnLayout {
                Layout.preferredWidth: 260
                Layout.maximumWidth: 260
                Layout.fillWidth: false
                Layout.fillHeight: true
                spacing: Theme.spacing

                ListView {
                    id: userList

                    objectName: "userList"
                    clip: true
                    model: UsersController.users
                    keyNavigationEnabled: true
                    activeFocusOnTab: true
                    currentIndex: -1
                    Accessible.name: qsTr("Users")
                    Layout.fillWidth: true
                    Layout.fillHeight: true

                    delegate: ItemDelegate {
                        id: userItem

                        required property int index
                        required property string userId
                        required property string displayName
                        required property string role
                        required property int identityCount

                        width: ListView.view.width
                        highlighted: userItem.userId === UsersController.selectedUserId
                        text: userItem.displayName
                        Accessible.name: qsTr("%1, %2").arg(userItem.displayName).arg(userItem.role)
                        onClicked: {
                            userList.currentIndex = userItem.index;
                            UsersController.selectUser(userItem.userId);
                        }
                        Keys.onReturnPressed: clicked()

                        contentItem: RowLayout {
                            Label {
                                text: userItem.displayName
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {
                                text: userItem.role === "admin" ? qsTr("Admin") : (userItem.role === "child" ? qsTr("Child") : qsTr("User"))
                                color: Theme.neutral
                            }
                        }
                    }
                }

                Label {
                    text: qsTr("New user")
                    font.bold: true
                }
                TextField {
                    id: newName

                    objectName: "newUserName"
                    placeholderText: qsTr("Name")
                    Accessible.name: qsTr("Name of the new user")
                    Layout.fillWidth: true
                    onAccepted: createButton.clicked()
                }
                RowLayout {
                    Layout.fillWidth: true

                    ComboBox {
                        id: newRole

                        objectName: "newUserRole"
                        textRole: "text"
                        valueRole: "value"
                        model: [
                            { value: "user", text: qsTr("User") },
                            { value: "child", text: qsTr("Child") },
                            { value: "admin", text: qsTr("Admin") }
                        ]
                        Accessible.name: qsTr("Role of the new user")
                        Layout.fillWidth: true
                    }
                    ActionButton {
                        id: createButton

                        objectName: "createUser"
                        text: qsTr("Create")
                        onClicked: {
                            UsersController.createUser(newName.text, newRole.currentValue);
                            newName.clear();
                        }
                    }
                }
            }

            Rectangle {
                color: palette.mid
                implicitWidth: 1
                Layout.fillHeight: true
            }

            // ---- the selected user
            Label {
                visible: UsersController.selectedUserId.length === 0
                text: qsTr("Select a user to see their role, budget, linked accounts and memories.")
                color: Theme.neutral
                wrapMode: Text.Wrap
                verticalAlignment: Text.AlignTop
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
            UserDetails {
                visible: UsersController.selectedUserId.length > 0
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
        }
    }
}
