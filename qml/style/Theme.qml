// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma Singleton
pragma ComponentBehavior: Bound

import QtQuick

// Design tokens only: colours, spacing, radii, type scale. No behaviour lives here.
QtObject {
    id: root

    // The system colours, to tell a dark desktop from a light one. Items take their text and
    // background colours from their own `palette`, which the controls share.
    readonly property SystemPalette palette: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    readonly property bool dark: root.palette.window.hslLightness < 0.5

    readonly property int spacingSmall: 4
    readonly property int spacing: 8
    readonly property int spacingLarge: 16
    readonly property int spacingXLarge: 24

    readonly property int radiusSmall: 3
    readonly property int radius: 6
    readonly property int focusBorderWidth: 2
    readonly property int statusDotSize: 10

    readonly property real titleFontScale: 1.6
    readonly property real bannerBorderWidth: 1

    // Status colours, readable on both light and dark windows.
    readonly property color success: root.dark ? "#81c995" : "#1e8e3e"
    readonly property color warning: root.dark ? "#fdd663" : "#b06000"
    readonly property color danger: root.dark ? "#f28b82" : "#c5221f"
    readonly property color neutral: root.dark ? "#9aa0a6" : "#5f6368"
    readonly property color dangerBackground: root.dark ? "#3c1f1e" : "#fce8e6"
}
