// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
import QtQuick
import QtQuick.Controls
import Skynet.Ui

// Placeholder until the page lands.
Page {
    id: root

    objectName: "settingsPage"
    title: qsTr("Settings")
    padding: Theme.spacingXLarge

    Label {
        text: root.title
        font.pointSize: root.font.pointSize * Theme.titleFontScale
        font.bold: true
    }
}
