// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// No ComponentBehavior: Bound here: on Qt 6.4 a Loader cannot create the implicit page
// components of a bound file ("Cannot instantiate bound component outside its creation context").

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// The admin window: a navigation rail on the left, one page at a time on the right. Pages are
// created the first time they are shown (cold start) and kept afterwards (their state survives).
ApplicationWindow {
    id: root

    // The page shown; pages are addressed by key so C++ (tray, notifications) can ask for one.
    property string currentPage: "dashboard"
    readonly property var pageKeys: ["dashboard", "chat", "channels", "providers", "users", "settings", "logs"]

    function showPage(key: string): void {
        if (root.pageKeys.indexOf(key) >= 0)
            root.currentPage = key;
    }

    width: 1024
    height: 680
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: qsTr("Skynet")

    Shortcut {
        sequence: "Ctrl+Q"
        onActivated: root.close()
    }
    // Ctrl+1 … Ctrl+7 switch pages.
    Repeater {
        model: root.pageKeys.length

        Item {
            id: shortcutHolder

            required property int index

            Shortcut {
                sequence: "Ctrl+" + (shortcutHolder.index + 1)
                onActivated: root.currentPage = root.pageKeys[shortcutHolder.index]
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Pane {
            objectName: "navigation"
            padding: Theme.spacing
            Layout.fillHeight: true
            Layout.preferredWidth: 200

            ListView {
                id: navigation

                anchors.fill: parent
                focus: true
                keyNavigationEnabled: true
                currentIndex: root.pageKeys.indexOf(root.currentPage)
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Pages")
                model: [
                    { key: "dashboard", text: qsTr("Dashboard") },
                    { key: "chat", text: qsTr("Chat") },
                    { key: "channels", text: qsTr("Channels") },
                    { key: "providers", text: qsTr("Providers & Models") },
                    { key: "users", text: qsTr("Users") },
                    { key: "settings", text: qsTr("Settings") },
                    { key: "logs", text: qsTr("Logs") }
                ]
                onCurrentIndexChanged: {
                    if (currentIndex >= 0)
                        root.currentPage = root.pageKeys[currentIndex];
                }

                delegate: ItemDelegate {
                    id: navItem

                    required property var modelData
                    required property int index

                    objectName: "nav_" + navItem.modelData.key
                    width: ListView.view.width
                    text: navItem.modelData.text
                    highlighted: ListView.isCurrentItem
                    onClicked: root.currentPage = navItem.modelData.key
                }
            }
        }

        ToolSeparator {
            orientation: Qt.Vertical
            padding: 0
            Layout.fillHeight: true
        }

        StackLayout {
            id: pages

            objectName: "pages"
            currentIndex: root.pageKeys.indexOf(root.currentPage)
            Layout.fillWidth: true
            Layout.fillHeight: true

            Loader {
                objectName: "loader_dashboard"
                active: root.currentPage === "dashboard" || status !== Loader.Null
                sourceComponent: DashboardPage {}
            }
            Loader {
                objectName: "loader_chat"
                active: root.currentPage === "chat" || status !== Loader.Null
                sourceComponent: ChatPage {}
            }
            Loader {
                objectName: "loader_channels"
                active: root.currentPage === "channels" || status !== Loader.Null
                sourceComponent: ChannelsPage {}
            }
            Loader {
                objectName: "loader_providers"
                active: root.currentPage === "providers" || status !== Loader.Null
                sourceComponent: ProvidersPage {}
            }
            Loader {
                objectName: "loader_users"
                active: root.currentPage === "users" || status !== Loader.Null
                sourceComponent: UsersPage {}
            }
            Loader {
                objectName: "loader_settings"
                active: root.currentPage === "settings" || status !== Loader.Null
                sourceComponent: SettingsPage {}
            }
            Loader {
                objectName: "loader_logs"
                active: root.currentPage === "logs" || status !== Loader.Null
                sourceComponent: LogsPage {}
            }
        }
    }

    SetupWizard {
        objectName: "setupWizard"
    }
}
