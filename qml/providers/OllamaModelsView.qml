// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// The Ollama host: reachable or not, its installed models, downloading and deleting models.
GroupBox {
    id: root

    title: qsTr("Ollama models")
    Layout.fillWidth: true

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            Rectangle {
                implicitWidth: Theme.statusDotSize
                implicitHeight: Theme.statusDotSize
                radius: Theme.statusDotSize / 2
                color: OllamaController.reachable ? Theme.success : (OllamaController.checked ? Theme.danger : Theme.neutral)
            }
            Label {
                objectName: "ollamaState"
                text: {
                    if (OllamaController.checking && !OllamaController.checked)
                        return qsTr("Checking %1…").arg(OllamaController.baseUrl);
                    if (OllamaController.reachable)
                        return qsTr("Ollama %1 is running at %2").arg(OllamaController.version).arg(OllamaController.baseUrl);
                    if (OllamaController.checked)
                        return OllamaController.connectionError;
                    return OllamaController.baseUrl;
                }
                wrapMode: Text.Wrap
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                Layout.fillWidth: true
            }
            Button {
                objectName: "ollamaRefresh"
                text: qsTr("Refresh")
                enabled: !OllamaController.checking
                onClicked: OllamaController.refresh()
            }
        }

        Label {
            text: qsTr("No models installed yet: download one below.")
            visible: OllamaController.reachable && modelList.count === 0
            color: Theme.neutral
        }

        ListView {
            id: modelList

            objectName: "ollamaModelList"
            model: OllamaController.models
            interactive: false
            implicitHeight: contentHeight
            keyNavigationEnabled: true
            activeFocusOnTab: count > 0
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Installed models")
            Layout.fillWidth: true

            delegate: ItemDelegate {
                id: modelRow

                required property int index
                required property string name
                required property string sizeText
                required property string modifiedText
                required property string detailsText

                width: ListView.view.width
                highlighted: ListView.isCurrentItem && modelList.activeFocus
                Accessible.name: qsTr("%1, %2, changed %3").arg(modelRow.name).arg(modelRow.sizeText).arg(modelRow.modifiedText)
                Keys.onDeletePressed: OllamaController.deleteModel(modelRow.name)

                contentItem: RowLayout {
                    spacing: Theme.spacingLarge

                    ColumnLayout {
                        spacing: 0
                        Layout.fillWidth: true

                        Label {
                            text: modelRow.name
                            font.bold: true
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            text: modelRow.detailsText.length > 0
                                ? qsTr("%1 · %2 · changed %3").arg(modelRow.detailsText).arg(modelRow.sizeText).arg(modelRow.modifiedText)
                                : qsTr("%1 · changed %2").arg(modelRow.sizeText).arg(modelRow.modifiedText)
                            color: Theme.neutral
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                    }
                    Button {
                        objectName: "deleteModel_" + modelRow.name
                        text: qsTr("Delete")
                        enabled: !OllamaController.deleting
                        Accessible.name: qsTr("Delete %1").arg(modelRow.name)
                        onClicked: OllamaController.deleteModel(modelRow.name)
                    }
                }
            }
        }

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            TextField {
                id: pullField

                objectName: "pullModelField"
                placeholderText: qsTr("Model to download, e.g. llama3.2:3b")
                selectByMouse: true
                Accessible.name: qsTr("Model to download")
                Layout.fillWidth: true
                onAccepted: pullButton.clicked()
            }
            Button {
                id: pullButton

                objectName: "pullModelButton"
                text: qsTr("Download")
                enabled: !OllamaController.pulling
                onClicked: {
                    if (OllamaController.pull(pullField.text))
                        pullField.clear();
                }
            }
        }

        Label {
            text: qsTr("Find model names at ollama.com/library. Downloads can be several gigabytes.")
            color: Theme.neutral
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        PullProgress {
            Layout.fillWidth: true
        }
    }
}
