// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Templates as T
import Skynet.Ui

// A read-only value that can be reached with Tab, selected and copied (Ctrl+C). Built on the
// unstyled template so it reads like a label but shares the controls' palette and font.
T.TextField {
    id: root

    // What the value is, for screen readers ("Address").
    property string label

    implicitWidth: root.contentWidth + root.leftPadding + root.rightPadding
    implicitHeight: root.contentHeight + root.topPadding + root.bottomPadding
    readOnly: true
    selectByMouse: true
    activeFocusOnTab: true
    color: root.palette.windowText
    selectionColor: root.palette.highlight
    selectedTextColor: root.palette.highlightedText
    Accessible.role: Accessible.StaticText
    Accessible.name: root.label
    Accessible.description: root.text

    background: Rectangle {
        color: "transparent"
        radius: Theme.radiusSmall
        border.width: Theme.focusBorderWidth
        border.color: root.palette.highlight
        visible: root.activeFocus
        anchors.fill: parent
        anchors.margins: -Theme.spacingSmall
    }

    onActiveFocusChanged: {
        if (root.activeFocus)
            root.selectAll();
        else
            root.deselect();
    }
}
