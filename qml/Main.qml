// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// No ComponentBehavior: Bound here: on Qt 6.4 a Loader cannot create the implicit page
// components of a bound file ("Cannot instantiate bound component outside its creation context").

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Ui

// The admin window: a navigation rail on the left, one page at a time on the right. Pages are
// created the first time they are shown (cold start) and kept afterwards (their state survives).
ApplicationWindow {
    id: root

    // The page shown; pages are addressed by key so C++ (tray, notifications) can ask for one.
    property string currentPage: "dashboard"
    readonly property var pageKeys: ["dashboard", "chat", "channels", "providers", "users", "audit", "settings", "logs"]
    // The navigation's focus frame appears once focus has moved (not on the first view).
    property bool focusHasMoved: false

    function showPage(key: string): void {
        if (root.pageKeys.indexOf(key) >= 0)
            root.currentPage = key;
    }
    // Shows, raises and activates the window (DesktopIntegration.showRequested), on page if given.
    function bringToFront(page: string): void {
        if (root.visibility === Window.Minimized)
            root.showNormal();
        else
            root.show();
        root.raise();
        root.requestActivate();
        root.showPage(page);
    }

    width: 1024
    height: 680
    minimumWidth: 720
    minimumHeight: 480
    visible: !DesktopIntegration.startHidden
    title: qsTr("Skynet")

    // Desktop integration (DesktopIntegration): with a tray, closing hides the window and the
    // app keeps running; Ctrl+Q and the tray's Quit end it. Another launch or the tray asks for
    // the window with showRequested.
    onClosing: close => {
        if (DesktopIntegration.hideOnClose()) {
            close.accepted = false;
            root.hide();
        }
    }
    onActiveFocusItemChanged: {
        if (root.activeFocusItem !== null && root.activeFocusItem !== root.contentItem && !navigation.activeFocus)
            root.focusHasMoved = true;
    }
    // (connected in code: qmllint 6.4 cannot resolve Connections without the QtQml module files)
    Component.onCompleted: DesktopIntegration.showRequested.connect(root.bringToFront)

    Shortcut {
        sequence: "Ctrl+Q"
        onActivated: DesktopIntegration.quit()
    }
    // Ctrl+1 … Ctrl+8 switch pages.
    Shortcut {
        sequence: "Ctrl+1"
        onActivated: root.currentPage = "dashboard"
    }
    Shortcut {
        sequence: "Ctrl+2"
        onActivated: root.currentPage = "chat"
    }
    Shortcut {
        sequence: "Ctrl+3"
        onActivated: root.currentPage = "channels"
    }
    Shortcut {
        sequence: "Ctrl+4"
        onActivated: root.currentPage = "providers"
    }
    Shortcut {
        sequence: "Ctrl+5"
        onActivated: root.currentPage = "users"
    }
    Shortcut {
        sequence: "Ctrl+6"
        onActivated: root.currentPage = "audit"
    }
    Shortcut {
        sequence: "Ctrl+7"
        onActivated: root.currentPage = "settings"
    }
    Shortcut {
        sequence: "Ctrl+8"
        onActivated: root.currentPage = "logs"
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0
        // Esc hides the window to the tray (when there is one; popups and fields handle it first).
        Keys.onEscapePressed: event => {
            event.accepted = DesktopIntegration.trayAvailable;
            if (event.accepted)
                root.close();
        }

        Pane {
            objectName: "navigation"
            focus: true // the navigation has the keyboard first; Tab goes on into the page
            padding: Theme.spacing
            Layout.fillHeight: true
            Layout.preferredWidth: 200

            ListView {
                id: navigation

                anchors.fill: parent
                focus: true
                activeFocusOnTab: true
                keyNavigationEnabled: true
                currentIndex: root.pageKeys.indexOf(root.currentPage)
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Pages")
                // Keys only: a translated model would be rebuilt on a language change, which
                // resets currentIndex (and the page) to the first entry.
                model: root.pageKeys
                onCurrentIndexChanged: {
                    if (currentIndex >= 0)
                        root.currentPage = root.pageKeys[currentIndex];
                }

                delegate: ItemDelegate {
                    id: navItem

                    required property string modelData
                    required property int index

                    objectName: "nav_" + navItem.modelData
                    width: ListView.view.width
                    // "&&": not a mnemonic.
                    text: {
                        switch (navItem.modelData) {
                        case "dashboard":
                            return qsTr("Dashboard");
                        case "chat":
                            return qsTr("Chat");
                        case "channels":
                            return qsTr("Channels");
                        case "providers":
                            return qsTr("Providers & Models").replace("&", "&&");
                        case "users":
                            return qsTr("Users");
                        case "audit":
                            return qsTr("Audit log");
                        case "settings":
                            return qsTr("Settings");
                        case "logs":
                            return qsTr("Logs");
                        }
                        return navItem.modelData;
                    }
                    highlighted: ListView.isCurrentItem
                    onClicked: navItem.ListView.view.currentIndex = navItem.index
                }
            }
            Rectangle {
                objectName: "navigationFocusFrame"
                anchors.fill: navigation
                anchors.margins: -Theme.focusBorderWidth
                visible: navigation.activeFocus && root.focusHasMoved
                color: "transparent"
                radius: Theme.radiusSmall
                border.width: Theme.focusBorderWidth
                border.color: root.palette.highlight
            }
        }

        Rectangle {
            color: palette.mid
            implicitWidth: 1
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
                objectName: "loader_audit"
                active: root.currentPage === "audit" || status !== Loader.Null
                sourceComponent: AuditPage {}
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

    // Admin-terminal commands waiting for approval, over every page (docs/terminal.md).
    TerminalApprovalBanner {
        objectName: "terminalApprovalBanner"
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.spacingLarge
        width: Math.min(parent.width - 2 * Theme.spacingLarge, 640)
        z: 1
    }

    SetupWizard {
        objectName: "setupWizard"
    }
}
