// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Skynet.Backend

// One session in the list on the left of the Chat page; clicking it shows its history.
ItemDelegate {
    id: root

    required property int index
    required property string key
    required property string title

    objectName: "session_" + root.index
    width: ListView.view ? ListView.view.width : implicitWidth
    text: root.title
    highlighted: root.key === ChatController.currentSession
    Accessible.name: root.title
    onClicked: ChatController.selectSession(root.key)
}
