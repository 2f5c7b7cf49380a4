// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// The audit trail of administrative actions and denials, newest first, with a tamper check.
Page {
    id: root

    objectName: "auditPage"
    title: qsTr("Audit log")
    padding: Theme.spacingXLarge

    Component.onCompleted: AuditModel.reload()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingLarge

        Label {
            text: root.title
            font.pointSize: root.font.pointSize * Theme.titleFontScale
            font.bold: true
            Accessible.role: Accessible.Heading
        }

        Label {
            text: qsTr("Every change made by an administrator and every refused request is recorded here. Names and message text are never stored, only pseudonyms.")
            wrapMode: Text.Wrap
            color: Theme.neutral
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            TextField {
                id: actionField

                objectName: "auditActionFilter"
                placeholderText: qsTr("Action, e.g. users.update")
                selectByMouse: true
                Accessible.name: qsTr("Filter by action")
                Layout.fillWidth: true
                onAccepted: AuditModel.actionFilter = text
            }
            Button {
                objectName: "auditReloadButton"
                text: qsTr("Refresh")
                onClicked: {
                    AuditModel.actionFilter = actionField.text;
                    AuditModel.reload();
                }
            }
            Button {
                objectName: "auditVerifyButton"
                text: qsTr("Check integrity")
                enabled: AuditModel.verifyState !== AuditModel.Checking
                onClicked: AuditModel.verify()
            }
        }

        Label {
            objectName: "auditVerifyText"
            text: AuditModel.verifyText
            wrapMode: Text.Wrap
            color: AuditModel.verifyState === AuditModel.Intact ? Theme.success
                 : AuditModel.verifyState === AuditModel.Broken || AuditModel.verifyState === AuditModel.Failed ? Theme.danger
                 : Theme.neutral
            Layout.fillWidth: true
        }
        Label {
            objectName: "auditError"
            visible: AuditModel.hasError
            text: AuditModel.errorString
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        Frame {
            padding: 1
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: list

                objectName: "auditList"
                anchors.fill: parent
                clip: true
                model: AuditModel
                focus: true
                keyNavigationEnabled: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Audit entries")
                onAtYEndChanged: {
                    if (atYEnd && AuditModel.canLoadMore)
                        AuditModel.loadMore();
                }

                delegate: ItemDelegate {
                    id: entry

                    required property int index
                    required property string timeText
                    required property string actor
                    required property string actionName
                    required property string target
                    required property string outcome
                    required property string detail

                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem
                    onClicked: list.currentIndex = entry.index
                    Accessible.name: entry.timeText + " " + entry.actor + " " + entry.actionName + " " + entry.outcome

                    contentItem: ColumnLayout {
                        spacing: 0

                        RowLayout {
                            spacing: Theme.spacing

                            Label {
                                text: entry.timeText
                                color: Theme.neutral
                                Layout.preferredWidth: 150
                            }
                            Label {
                                text: entry.actionName
                                font.bold: true
                            }
                            Label {
                                text: entry.outcome
                                color: entry.outcome === "ok" ? Theme.success : Theme.danger
                            }
                            Label {
                                text: qsTr("by %1").arg(entry.actor)
                                color: Theme.neutral
                            }
                            Label {
                                text: entry.target
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                        Label {
                            visible: entry.detail.length > 0
                            text: entry.detail
                            font.family: "monospace"
                            color: Theme.neutral
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                    }
                }

                footer: Label {
                    width: ListView.view ? ListView.view.width : 0
                    padding: Theme.spacing
                    visible: AuditModel.count === 0 && !AuditModel.loading
                    text: qsTr("No entries.")
                    color: Theme.neutral
                }
            }
        }
    }
}
