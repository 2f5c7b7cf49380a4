// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
import QtQuick
import QtQuick.Controls

// A Button that Enter activates too (Space already does), for the Channels and Users pages.
Button {
    id: root

    Keys.onReturnPressed: root.clicked()
    Keys.onEnterPressed: root.clicked()
}
