// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Ui

// A routing target ("provider:model") with its validation message below.
ColumnLayout {
    id: root

    property string label
    property string value
    property string error
    signal edited(string text)

    spacing: Theme.spacingSmall
    Layout.fillWidth: true

    TextField {
        objectName: root.objectName + "Field"
        text: root.value
        placeholderText: qsTr("provider:model, e.g. ollama:llama3.2")
        selectByMouse: true
        Accessible.name: root.label
        onTextEdited: root.edited(text)
        Layout.fillWidth: true
    }
    Label {
        objectName: root.objectName + "Error"
        text: root.error
        visible: text.length > 0
        color: Theme.danger
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
