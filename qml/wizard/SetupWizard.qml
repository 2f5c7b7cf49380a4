// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Skynet.Backend
import Skynet.Ui

// The first-run setup, over the whole window: Ollama, this machine and a model to download,
// the owner's name and the gateway token, optionally a Telegram bot. Every step can be
// skipped; Enter moves on, Tab walks the controls. WizardController remembers completion.
FocusScope {
    id: root

    readonly property int stepCount: 5
    property int step: 0
    // Next was pressed on the owner step: move on once the name is saved.
    property bool waitingForName: false
    readonly property string ownerName: WizardController.ownerName
    readonly property string errorString: WizardController.errorString

    function next(): void {
        WizardController.clearError();
        if (root.step === 2 && nameField.text.trim() !== WizardController.ownerName) {
            // Moves on once the name is saved (onOwnerNameChanged).
            if (WizardController.saveOwnerName(nameField.text))
                root.waitingForName = true;
            return;
        }
        if (root.step < root.stepCount - 1)
            root.step += 1;
        else
            WizardController.finish();
    }
    function back(): void {
        WizardController.clearError();
        if (root.step > 0)
            root.step -= 1;
    }
    // Clicks item when it is a button (any object with a clicked signal).
    function pressIfButton(item: var): bool {
        if (item && item !== root && typeof item.clicked === "function") {
            item.clicked();
            return true;
        }
        return false;
    }
    // Enter: a focused button is clicked, the token field connects, anything else moves on.
    function activate(): void {
        if (root.pressIfButton(root.Window.activeFocusItem))
            return;
        if (root.step === 3 && telegramField.text.length > 0 && !WizardController.telegramConnected) {
            WizardController.connectTelegram(telegramField.text);
            return;
        }
        root.next();
    }

    // Tab and Shift+Tab stay inside the wizard: the window below is not reachable.
    function moveFocus(forward: bool): void {
        let item = root.Window.activeFocusItem;
        for (let i = 0; i < 200 && item; ++i) {
            item = item.nextItemInFocusChain(forward);
            if (item && root.isInside(item)) {
                item.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason);
                return;
            }
        }
    }
    function isInside(item: Item): bool {
        for (let p = item; p; p = p.parent) {
            if (p === panel)
                return true;
        }
        return false;
    }

    anchors.fill: parent
    z: 1000
    visible: WizardController.active
    focus: visible
    onOwnerNameChanged: {
        if (root.waitingForName && WizardController.ownerSaved) {
            root.waitingForName = false;
            root.step += 1;
        }
    }
    onErrorStringChanged: {
        if (root.errorString.length > 0)
            root.waitingForName = false;
    }
    onVisibleChanged: {
        if (visible) {
            root.step = 0;
            root.forceActiveFocus();
        }
    }
    Component.onCompleted: {
        if (visible)
            root.forceActiveFocus();
    }
    Keys.onTabPressed: event => {
        root.moveFocus(true);
        event.accepted = true;
    }
    Keys.onBacktabPressed: event => {
        root.moveFocus(false);
        event.accepted = true;
    }
    Keys.onReturnPressed: root.activate()
    Keys.onEnterPressed: root.activate()

    // Dims the window and keeps mouse and wheel events away from it.
    Rectangle {
        anchors.fill: parent
        color: Theme.dark ? "#c0000000" : "#80000000"

        MouseArea {
            anchors.fill: parent
            hoverEnabled: true
            onWheel: wheel => wheel.accepted = true
        }
    }

    Pane {
        id: panel

        anchors.centerIn: parent
        width: Math.min(640, root.width - 2 * Theme.spacingXLarge)
        height: Math.min(560, root.height - 2 * Theme.spacingXLarge)
        padding: Theme.spacingXLarge
        Accessible.role: Accessible.Dialog
        Accessible.name: qsTr("Skynet setup")

        background: Rectangle {
            color: panel.palette.window
            radius: Theme.radius
            border.color: panel.palette.mid
        }

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacingLarge

            RowLayout {
                Layout.fillWidth: true

                Label {
                    text: qsTr("Welcome to Skynet")
                    font.pointSize: panel.font.pointSize * Theme.titleFontScale
                    font.bold: true
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "wizardStepLabel"
                    text: qsTr("Step %1 of %2").arg(root.step + 1).arg(root.stepCount)
                    color: Theme.neutral
                }
            }

            Rectangle {
                objectName: "wizardError"
                visible: WizardController.hasError
                color: Theme.dangerBackground
                border.color: Theme.danger
                border.width: Theme.bannerBorderWidth
                radius: Theme.radius
                implicitHeight: wizardErrorText.implicitHeight + 2 * Theme.spacing
                Layout.fillWidth: true

                Label {
                    id: wizardErrorText

                    objectName: "wizardErrorText"
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    text: WizardController.errorString
                    color: Theme.danger
                    wrapMode: Text.Wrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
            }

            StackLayout {
                objectName: "wizardSteps"
                currentIndex: root.step
                Layout.fillWidth: true
                Layout.fillHeight: true

                // (a) Ollama
                WizardStep {
                    heading: qsTr("Local models with Ollama")
                    intro: qsTr("Skynet can answer with models that run on this computer through Ollama, so your conversations never leave it.")

                    Label {
                        objectName: "wizardOllamaState"
                        text: {
                            if (!OllamaController.checked)
                                return qsTr("Looking for Ollama at %1…").arg(OllamaController.baseUrl);
                            if (!OllamaController.reachable)
                                return qsTr("Ollama is not running at %1. Install it from ollama.com, start it, then check again. You can also continue without it and use a hosted provider.").arg(OllamaController.baseUrl);
                            if (OllamaController.models.count === 0)
                                return qsTr("Ollama %1 is running at %2 and has no models yet: the next step downloads one.").arg(OllamaController.version).arg(OllamaController.baseUrl);
                            return qsTr("Ollama %1 is running at %2 with %n model(s) installed.", "", OllamaController.models.count).arg(OllamaController.version).arg(OllamaController.baseUrl);
                        }
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "wizardCheckOllama"
                        text: qsTr("Check again")
                        enabled: !OllamaController.checking
                        onClicked: OllamaController.refresh()
                    }
                }

                // (b) This machine and a model that fits it
                WizardStep {
                    heading: qsTr("A model for this computer")

                    GridLayout {
                        columns: 2
                        columnSpacing: Theme.spacingLarge
                        rowSpacing: Theme.spacingSmall
                        Layout.fillWidth: true

                        Label {
                            text: qsTr("Memory")
                        }
                        Label {
                            objectName: "wizardRam"
                            text: WizardController.ramText
                        }
                        Label {
                            text: qsTr("Processor cores")
                        }
                        Label {
                            text: WizardController.cpuCores
                        }
                        Label {
                            text: qsTr("Graphics")
                        }
                        Label {
                            text: WizardController.gpuText
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                    Label {
                        objectName: "wizardRecommendation"
                        text: qsTr("Recommended: %1").arg(WizardController.recommendedModel)
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.topMargin: Theme.spacing
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("%1 The download is %2.").arg(WizardController.recommendationReason).arg(WizardController.recommendedSize)
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "wizardRecommendedInstalled"
                        text: qsTr("%1 is installed and ready.").arg(WizardController.recommendedModel)
                        visible: WizardController.recommendedInstalled
                        color: Theme.success
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("Start Ollama to download it (previous step).")
                        visible: !OllamaController.reachable
                        color: Theme.neutral
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "wizardPullRecommended"
                        text: qsTr("Download %1").arg(WizardController.recommendedModel)
                        enabled: OllamaController.reachable && !OllamaController.pulling
                        visible: !WizardController.recommendedInstalled
                        onClicked: WizardController.pullRecommended()
                    }
                    PullProgress {
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "wizardOllamaError"
                        text: OllamaController.errorString
                        visible: text.length > 0
                        color: Theme.danger
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }

                // (c) The admin
                WizardStep {
                    heading: qsTr("You, the owner")
                    intro: qsTr("You are this gateway's administrator. Other apps connect with the gateway token.")

                    Label {
                        text: qsTr("Your name")
                    }
                    TextField {
                        id: nameField

                        objectName: "wizardOwnerName"
                        text: WizardController.ownerName
                        placeholderText: qsTr("How the assistant addresses you")
                        selectByMouse: true
                        Accessible.name: qsTr("Your name")
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("Gateway token")
                    }
                    RowLayout {
                        spacing: Theme.spacing
                        Layout.fillWidth: true

                        Label {
                            objectName: "wizardMaskedToken"
                            text: WizardController.hasToken ? WizardController.maskedToken : qsTr("No token (the gateway is not protected by one)")
                            font.family: "monospace"
                            Layout.fillWidth: true
                        }
                        Button {
                            objectName: "wizardCopyToken"
                            text: qsTr("Copy")
                            enabled: WizardController.hasToken
                            Accessible.name: qsTr("Copy the gateway token")
                            onClicked: {
                                clipboardHelper.text = WizardController.revealToken();
                                clipboardHelper.selectAll();
                                clipboardHelper.copy();
                                clipboardHelper.clear();
                                copiedLabel.visible = true;
                            }
                        }
                        Button {
                            id: regenerateButton

                            // A second press confirms: every connected app needs the new token.
                            property bool confirming: false

                            objectName: "wizardRegenerateToken"
                            text: regenerateButton.confirming ? qsTr("Replace the token?") : qsTr("New token")
                            Accessible.description: qsTr("Connected apps must then use the new token")
                            onActiveFocusChanged: {
                                if (!regenerateButton.activeFocus)
                                    regenerateButton.confirming = false;
                            }
                            onClicked: {
                                if (!regenerateButton.confirming) {
                                    regenerateButton.confirming = true;
                                    return;
                                }
                                regenerateButton.confirming = false;
                                if (WizardController.regenerateToken())
                                    copiedLabel.visible = false;
                            }
                        }
                    }
                    Label {
                        text: qsTr("Press again to replace the token. Apps that use the old one will have to be set up again.")
                        visible: regenerateButton.confirming
                        color: Theme.warning
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        id: copiedLabel

                        visible: false
                        text: qsTr("Copied. Paste it into the app you connect.")
                        color: Theme.success
                    }
                    // The clipboard is reached through a text field that is never shown (and empty
                    // again right after copying). Password fields refuse to copy, so it is a plain one.
                    TextInput {
                        id: clipboardHelper

                        visible: false
                        activeFocusOnTab: false
                    }
                }

                // (d) A first channel
                WizardStep {
                    heading: qsTr("Chat from Telegram (optional)")
                    intro: qsTr("Create a bot with @BotFather in Telegram and paste its token here. You can also do this later on the Channels page.")

                    TextField {
                        id: telegramField

                        objectName: "wizardTelegramToken"
                        echoMode: TextInput.Password
                        placeholderText: qsTr("123456789:AA…")
                        enabled: !WizardController.telegramConnected
                        Accessible.name: qsTr("Telegram bot token")
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "wizardConnectTelegram"
                        text: qsTr("Connect Telegram")
                        enabled: telegramField.text.length > 0 && !WizardController.telegramConnected
                        onClicked: {
                            if (WizardController.connectTelegram(telegramField.text))
                                telegramField.clear();
                        }
                    }
                    Label {
                        objectName: "wizardTelegramState"
                        visible: WizardController.telegramConnected
                        text: qsTr("Telegram is connected. The bot token is kept in the secret store.")
                        color: Theme.success
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }

                // Done
                WizardStep {
                    heading: qsTr("All set")
                    intro: qsTr("Chat with the assistant on the Chat page. Providers, models and keys are on Providers & Models; run this setup again from there.")
                }
            }

            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true

                Button {
                    objectName: "wizardSkip"
                    text: qsTr("Skip setup")
                    flat: true
                    visible: root.step < root.stepCount - 1
                    onClicked: WizardController.skip()
                }
                Item {
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "wizardBack"
                    text: qsTr("Back")
                    enabled: root.step > 0
                    onClicked: root.back()
                }
                Button {
                    objectName: "wizardNext"
                    text: root.step === root.stepCount - 1 ? qsTr("Finish") : qsTr("Next")
                    highlighted: true
                    enabled: !WizardController.busy
                    onClicked: root.next()
                }
            }
        }
    }
}
