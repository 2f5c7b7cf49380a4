// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// The gateway's log, live: level and text filters, follow the newest line unless scrolled up.
Page {
    id: root

    objectName: "logsPage"
    title: qsTr("Logs")
    padding: Theme.spacingXLarge

    LogFilter {
        id: filter

        sourceModel: LogModel
        minimumLevel: levelBox.currentIndex
        text: searchField.text
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingLarge

        Label {
            text: root.title
            font.pointSize: root.font.pointSize * Theme.titleFontScale
            font.bold: true
            Accessible.role: Accessible.Heading
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            Label {
                text: qsTr("Level")
            }
            ComboBox {
                id: levelBox

                objectName: "levelFilter"
                currentIndex: 1
                model: [qsTr("Debug and above"), qsTr("Info and above"), qsTr("Warnings and errors"), qsTr("Errors only")]
                Accessible.name: qsTr("Minimum level")
                Layout.preferredWidth: 200
            }
            TextField {
                id: searchField

                objectName: "logSearch"
                placeholderText: qsTr("Filter by text or category")
                selectByMouse: true
                Accessible.name: qsTr("Filter")
                Layout.fillWidth: true
            }
            CheckBox {
                id: followBox

                objectName: "followCheck"
                text: qsTr("Follow")
                checked: true
            }
            Button {
                objectName: "copyLogButton"
                text: qsTr("Copy")
                onClicked: {
                    copyHelper.text = LogModel.toText();
                    copyHelper.selectAll();
                    copyHelper.copy();
                }
            }
            Button {
                objectName: "clearLogButton"
                text: qsTr("Clear")
                onClicked: LogModel.clear()
            }
        }

        Label {
            objectName: "logCount"
            text: qsTr("%1 of %2 lines").arg(filter.count).arg(LogModel.count)
            color: Theme.neutral
        }

        Frame {
            padding: 1
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: list

                objectName: "logList"
                anchors.fill: parent
                clip: true
                model: filter
                focus: true
                keyNavigationEnabled: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Log lines")
                onCountChanged: {
                    if (followBox.checked)
                        list.positionViewAtEnd();
                }

                delegate: ItemDelegate {
                    id: line

                    required property string timeText
                    required property int level
                    required property string levelName
                    required property string category
                    required property string message
                    required property int index

                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem
                    padding: Theme.spacingSmall
                    onClicked: list.currentIndex = line.index
                    Accessible.name: line.levelName + " " + line.category + ": " + line.message

                    contentItem: RowLayout {
                        spacing: Theme.spacing

                        Label {
                            text: line.timeText
                            font.family: "monospace"
                            color: Theme.neutral
                        }
                        Label {
                            text: line.levelName
                            color: line.level >= 3 ? Theme.danger : line.level === 2 ? Theme.warning : Theme.neutral
                            font.bold: line.level >= 2
                            Layout.preferredWidth: 70
                        }
                        Label {
                            text: line.category
                            color: Theme.neutral
                            elide: Text.ElideRight
                            Layout.preferredWidth: 90
                        }
                        Label {
                            text: line.message
                            wrapMode: Text.Wrap
                            maximumLineCount: 4
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
    }

    // Clipboard access without a C++ helper: an invisible text field's copy().
    TextEdit {
        id: copyHelper

        visible: false
    }
}
