// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Skynet.Ui

ApplicationWindow {
    id: root

    width: 560
    height: 380
    minimumWidth: 400
    minimumHeight: 360
    visible: true
    title: qsTr("Skynet")

    Shortcut {
        sequence: "Ctrl+Q"
        onActivated: root.close()
    }

    StatusPage {
        objectName: "statusPage"
        anchors.fill: parent
        focus: true
    }
}
