// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// The running Ollama download: model, status line, progress bar and Cancel.
ColumnLayout {
    id: root

    visible: OllamaController.pulling
    spacing: Theme.spacingSmall

    RowLayout {
        spacing: Theme.spacing
        Layout.fillWidth: true

        Label {
            objectName: "pullStatusText"
            text: qsTr("%1: %2").arg(OllamaController.pullModel).arg(OllamaController.pullStatus)
            elide: Text.ElideRight
            Layout.fillWidth: true
        }

        Label {
            text: OllamaController.pullText
            visible: text.length > 0
        }

        Button {
            objectName: "cancelPullButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel the download of %1").arg(OllamaController.pullModel)
            onClicked: OllamaController.cancelPull()
        }
    }

    ProgressBar {
        objectName: "pullProgressBar"
        from: 0
        to: 1
        value: Math.max(OllamaController.pullProgress, 0)
        indeterminate: OllamaController.pullProgress < 0
        Accessible.name: qsTr("Download progress")
        Layout.fillWidth: true
    }
}
