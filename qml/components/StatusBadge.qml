// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// A coloured dot and a word for a GatewayStatus.State.
RowLayout {
    id: root

    required property int gatewayState
    readonly property string text: {
        switch (root.gatewayState) {
        case GatewayStatus.Ready:
            return qsTr("Running");
        case GatewayStatus.Starting:
            return qsTr("Starting…");
        case GatewayStatus.Failed:
            return qsTr("Failed");
        default:
            return qsTr("Stopped");
        }
    }
    readonly property color color: {
        switch (root.gatewayState) {
        case GatewayStatus.Ready:
            return Theme.success;
        case GatewayStatus.Starting:
            return Theme.warning;
        case GatewayStatus.Failed:
            return Theme.danger;
        default:
            return Theme.neutral;
        }
    }

    spacing: Theme.spacing
    Accessible.role: Accessible.StaticText
    Accessible.name: root.text

    Rectangle {
        implicitWidth: Theme.statusDotSize
        implicitHeight: Theme.statusDotSize
        radius: Theme.statusDotSize / 2
        color: root.color
    }

    Label {
        text: root.text
        font.bold: true
    }
}
