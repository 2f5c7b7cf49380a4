<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../app/backend/audit/auditmodel.cpp" line="184" />
        <source>Not checked yet.</source>
        <translation>Noch nicht geprüft.</translation>
    </message>
    <message>
        <location filename="../app/backend/audit/auditmodel.cpp" line="186" />
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../app/backend/audit/auditmodel.cpp" line="188" />
        <source>Intact: no entry was changed or removed from the middle of the trail.</source>
        <translation>Intakt: Kein Eintrag wurde innerhalb des Protokollverlaufs geändert oder entfernt.</translation>
    </message>
    <message>
        <location filename="../app/backend/audit/auditmodel.cpp" line="190" />
        <source>Broken at entry %1: an entry was changed or removed.</source>
        <translation>Unterbrochen bei Eintrag %1: Ein Eintrag wurde geändert oder entfernt.</translation>
    </message>
    <message>
        <location filename="../app/backend/audit/auditmodel.cpp" line="192" />
        <source>The check failed: %1</source>
        <translation>Die Prüfung ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="16" />
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="33" />
        <source>Every change made by an administrator and every refused request is recorded here. Names and message text are never stored, only pseudonyms.</source>
        <translation>Hier wird jede Änderung durch einen Administrator und jede abgelehnte Anfrage erfasst. Namen und Nachrichtentexte werden nie gespeichert, nur Pseudonyme.</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="47" />
        <source>Action, e.g. users.update</source>
        <translation>Aktion, z. B. users.update</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="49" />
        <source>Filter by action</source>
        <translation>Nach Aktion filtern</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="55" />
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="63" />
        <source>Check integrity</source>
        <translation>Integrität prüfen</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="104" />
        <source>Audit entries</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="146" />
        <source>by %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="170" />
        <source>No entries.</source>
        <translation>Keine Einträge.</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <location filename="../app/backend/desktop/autostart.cpp" line="107" />
        <source>Starting at login is not supported on this system yet</source>
        <translation>Der Start bei der Anmeldung wird auf diesem System noch nicht unterstützt</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/autostart.cpp" line="111" />
        <source>Cannot remove %1</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/autostart.cpp" line="118" />
        <source>The program path cannot be started from a desktop entry</source>
        <translation>Der Programmpfad kann nicht über einen Desktop-Eintrag gestartet werden</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/autostart.cpp" line="124" />
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/autostart.cpp" line="129" />
        <location filename="../app/backend/desktop/autostart.cpp" line="134" />
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ChannelCard</name>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="36" />
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="38" />
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="40" />
        <source>Reconnecting</source>
        <translation>Verbindet neu</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="42" />
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="44" />
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="46" />
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="96" />
        <source>Stored — type to replace</source>
        <translation>Gespeichert – zum Ersetzen eingeben</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="96" />
        <source>Paste it here</source>
        <translation>Hier einfügen</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="107" />
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="107" />
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/channels/ChannelCard.qml" line="136" />
        <source>%n pairing request(s)</source>
        <translation>
            <numerusform>%n Kopplungsanfrage</numerusform>
            <numerusform>%n Kopplungsanfragen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="146" />
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="148" />
        <source>Enable %1</source>
        <translation>%1 aktivieren</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="154" />
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/channels/ChannelCard.qml" line="161" />
        <source>%n reply(s) could not be delivered</source>
        <translation>
            <numerusform>%n Antwort konnte nicht zugestellt werden</numerusform>
            <numerusform>%n Antworten konnten nicht zugestellt werden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="171" />
        <source>Who may talk</source>
        <translation>Wer schreiben darf</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="181" />
        <source>Pairing: strangers get a code to approve</source>
        <translation>Kopplung: Unbekannte erhalten einen Code zur Genehmigung</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="182" />
        <source>Allowlist: only listed accounts</source>
        <translation>Zulassungsliste: nur aufgeführte Konten</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="183" />
        <source>Open: anyone</source>
        <translation>Offen: alle</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="185" />
        <source>Who may talk to Skynet on %1</source>
        <translation>Wer über %1 mit Skynet sprechen darf</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="203" />
        <source>Phone number id</source>
        <translation>Telefonnummer-ID</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="211" />
        <source>WhatsApp phone number id</source>
        <translation>WhatsApp-Telefonnummer-ID</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="237" />
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="238" />
        <source>Test the %1 connection</source>
        <translation>%1-Verbindung testen</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="245" />
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="246" />
        <source>Save %1 and restart the gateway</source>
        <translation>%1 speichern und Gateway neu starten</translation>
    </message>
</context>
<context>
    <name>ChannelsController</name>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="34" />
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="36" />
        <source>Discord</source>
        <translation>Discord</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="38" />
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="39" />
        <source>Web chat</source>
        <translation>Web-Chat</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="46" />
        <source>Bot token</source>
        <translation>Bot-Token</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="48" />
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="49" />
        <source>App secret</source>
        <translation>App-Geheimnis</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="50" />
        <source>Verify token</source>
        <translation>Verifizierungstoken</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="147" />
        <source>Cannot read the channel status: %1</source>
        <translation>Der Kanalstatus kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="157" />
        <source>Cannot read the pairing requests: %1</source>
        <translation>Die Kopplungsanfragen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="214" />
        <source>Unknown channel: %1</source>
        <translation>Unbekannter Kanal: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="218" />
        <source>Choose who may talk to Skynet: pairing, allowlist or open.</source>
        <translation>Wählen Sie, wer mit Skynet sprechen darf: Kopplung, Zulassungsliste oder offen.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="228" />
        <source>%1 has no setting %2.</source>
        <translation>%1 hat keine Einstellung %2.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="235" />
        <source>%1: the %2 contains characters a token cannot have (spaces, '/', non-ASCII).</source>
        <translation>%1: %2 enthält Zeichen, die in einem Token nicht vorkommen dürfen (Leerzeichen, '/', Nicht-ASCII).</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="245" />
        <source>WhatsApp: the phone number id must be digits only.</source>
        <translation>WhatsApp: Die Telefonnummer-ID darf nur aus Ziffern bestehen.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="259" />
        <source>%1: enter the %2 before enabling the channel.</source>
        <translation>%1: Geben Sie %2 ein, bevor Sie den Kanal aktivieren.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="264" />
        <source>WhatsApp: enter the phone number id before enabling the channel.</source>
        <translation>WhatsApp: Geben Sie die Telefonnummer-ID ein, bevor Sie den Kanal aktivieren.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="269" />
        <location filename="../app/backend/channels/channelscontroller.cpp" line="288" />
        <source>The settings did not come from a configuration file, so they cannot be saved here.</source>
        <translation>Die Einstellungen stammen nicht aus einer Konfigurationsdatei und können daher hier nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="290" />
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="292" />
        <source>Cannot store the %1 in %2: %3</source>
        <translation>%1 kann nicht in %2 gespeichert werden: %3</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="296" />
        <source>The gateway could not start with these settings, so the previous ones are back: %1</source>
        <translation>Das Gateway konnte mit diesen Einstellungen nicht starten, daher gelten wieder die vorherigen: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="299" />
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="303" />
        <source>%1 saved; the gateway restarted.</source>
        <translation>%1 gespeichert; das Gateway wurde neu gestartet.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="313" />
        <source>This channel has no connection test.</source>
        <translation>Für diesen Kanal gibt es keinen Verbindungstest.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="339" />
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="343" />
        <source>Enter the token first.</source>
        <translation>Geben Sie zuerst das Token ein.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="352" />
        <source>Connected as %1.</source>
        <translation>Verbunden als %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="353" />
        <source>The platform refused: %1</source>
        <translation>Die Plattform hat abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="379" />
        <source>The gateway is not running.</source>
        <translation>Das Gateway läuft nicht.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="386" />
        <source>Cannot approve %1: %2</source>
        <translation>%1 kann nicht genehmigt werden: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="387" />
        <source>Cannot reject %1: %2</source>
        <translation>%1 kann nicht abgelehnt werden: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="392" />
        <source>Approved %1 on %2.</source>
        <translation>%1 über %2 genehmigt.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="393" />
        <source>Rejected %1 on %2.</source>
        <translation>%1 über %2 abgelehnt.</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="17" />
        <location filename="../qml/channels/ChannelsPage.qml" line="153" />
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="41" />
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="42" />
        <source>Refresh the channel status</source>
        <translation>Kanalstatus aktualisieren</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="72" />
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="73" />
        <source>Dismiss the error</source>
        <translation>Fehlermeldung schließen</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="90" />
        <source>Pairing requests</source>
        <translation>Kopplungsanfragen</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="95" />
        <source>Nobody is waiting. When a stranger writes to a channel in pairing mode, they get a code and appear here.</source>
        <translation>Niemand wartet. Wenn eine unbekannte Person einem Kanal im Kopplungsmodus schreibt, erhält sie einen Code und erscheint hier.</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="124" />
        <source>%1 on %2</source>
        <translation>%1 über %2</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="130" />
        <source>Code %1 · asked %2</source>
        <translation>Code %1 · angefragt %2</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="136" />
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="138" />
        <source>Approve %1</source>
        <translation>%1 genehmigen</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="143" />
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="144" />
        <source>Reject %1</source>
        <translation>%1 ablehnen</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="106" />
        <source>The gateway restarted while the answer was being written.</source>
        <translation>Das Gateway wurde neu gestartet, während die Antwort geschrieben wurde.</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="172" />
        <source>Could not list the chat sessions: %1</source>
        <translation>Die Chatsitzungen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="212" />
        <source>Could not list the models: %1</source>
        <translation>Die Modelle konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="250" />
        <source>Could not load the conversation: %1</source>
        <translation>Die Unterhaltung konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="371" />
        <source>The message is too long: %1 characters, at most %2 can be sent.</source>
        <translation>Die Nachricht ist zu lang: %1 Zeichen, höchstens %2 können gesendet werden.</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="378" />
        <source>The gateway is not running; start it on the Dashboard page.</source>
        <translation>Das Gateway läuft nicht; starten Sie es auf der Seite „Übersicht“.</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="402" />
        <source>The message was not sent: %1</source>
        <translation>Die Nachricht wurde nicht gesendet: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="421" />
        <source>Could not stop the answer: %1</source>
        <translation>Die Antwort konnte nicht gestoppt werden: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="472" />
        <source>The model did not answer.</source>
        <translation>Das Modell hat nicht geantwortet.</translation>
    </message>
</context>
<context>
    <name>ChatMessageDelegate</name>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="27" />
        <source>Thinking…</source>
        <translation>Denkt nach…</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="29" />
        <source>Writing…</source>
        <translation>Schreibt…</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="31" />
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="33" />
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="43" />
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="43" />
        <source>Assistant: %1</source>
        <translation>Assistent: %1</translation>
    </message>
</context>
<context>
    <name>ChatModelsModel</name>
    <message>
        <location filename="../app/backend/chat/chatmodelsmodel.cpp" line="13" />
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="23" />
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="45" />
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="47" />
        <source>Start a new chat session</source>
        <translation>Neue Chatsitzung beginnen</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="65" />
        <source>Chat sessions</source>
        <translation>Chatsitzungen</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="110" />
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="121" />
        <source>Model for the next message</source>
        <translation>Modell für die nächste Nachricht</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="156" />
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="179" />
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="198" />
        <source>Ask something. Enter sends, Shift+Enter starts a new line.</source>
        <translation>Fragen Sie etwas. Enter sendet, Shift+Enter beginnt eine neue Zeile.</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="199" />
        <source>The gateway is not running. Start it on the Dashboard page.</source>
        <translation>Das Gateway läuft nicht. Starten Sie es auf der Seite „Übersicht“.</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="218" />
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="225" />
        <source>Message to the assistant</source>
        <translation>Nachricht an den Assistenten</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="239" />
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="245" />
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="249" />
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="255" />
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="257" />
        <source>Stop the answer</source>
        <translation>Antwort stoppen</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="101" />
        <source>Unavailable</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="104" />
        <source>Recovering</source>
        <translation>Erholt sich</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="107" />
        <source>Healthy</source>
        <translation>Gesund</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="113" />
        <source>local</source>
        <translation>lokal</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="144" />
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="147" />
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="150" />
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="150" />
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="16" />
        <source>—</source>
        <comment>no value</comment>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="18" />
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="80" />
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="98" />
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="106" />
        <location filename="../qml/dashboard/DashboardPage.qml" line="110" />
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="116" />
        <location filename="../qml/dashboard/DashboardPage.qml" line="120" />
        <source>WebSocket URL</source>
        <translation>WebSocket-URL</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="126" />
        <location filename="../qml/dashboard/DashboardPage.qml" line="130" />
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="136" />
        <location filename="../qml/dashboard/DashboardPage.qml" line="140" />
        <source>Connected clients</source>
        <translation>Verbundene Clients</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="146" />
        <location filename="../qml/dashboard/DashboardPage.qml" line="150" />
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="159" />
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="179" />
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="189" />
        <source>Model calls</source>
        <translation>Modellaufrufe</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="193" />
        <source>Model calls today</source>
        <translation>Modellaufrufe heute</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="197" />
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="201" />
        <source>Cost today</source>
        <translation>Kosten heute</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="205" />
        <source>Pairing requests</source>
        <translation>Kopplungsanfragen</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="209" />
        <source>Pending pairing requests</source>
        <translation>Offene Kopplungsanfragen</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="219" />
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="220" />
        <source>No model provider is configured.</source>
        <translation>Kein Modellanbieter ist eingerichtet.</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="228" />
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="229" />
        <source>No channel is enabled.</source>
        <translation>Kein Kanal ist aktiviert.</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="255" />
        <source>Recent warnings and errors</source>
        <translation>Letzte Warnungen und Fehler</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="261" />
        <source>None since Skynet started.</source>
        <translation>Keine seit dem Start von Skynet.</translation>
    </message>
</context>
<context>
    <name>DesktopIntegration</name>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="193" />
        <source>Skynet keeps running</source>
        <translation>Skynet läuft weiter</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="194" />
        <source>The gateway still runs in the system tray. Choose Quit in its menu to exit.</source>
        <translation>Das Gateway läuft im Infobereich weiter. Wählen Sie dort im Menü „Beenden“, um es zu schließen.</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="317" />
        <source>Skynet</source>
        <translation>Skynet</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="323" />
        <source>Skynet: gateway running on %1, 1 client</source>
        <translation>Skynet: Gateway läuft auf %1, 1 Client</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="324" />
        <source>Skynet: gateway running on %1, %2 clients</source>
        <translation>Skynet: Gateway läuft auf %1, %2 Clients</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="327" />
        <source>Skynet: gateway starting on %1</source>
        <translation>Skynet: Gateway startet auf %1</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="330" />
        <source>Skynet: gateway failed: %1</source>
        <translation>Skynet: Gateway fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="333" />
        <source>Skynet: gateway stopped</source>
        <translation>Skynet: Gateway gestoppt</translation>
    </message>
</context>
<context>
    <name>GatewayHost</name>
    <message>
        <location filename="../app/backend/gatewayhost.cpp" line="33" />
        <location filename="../app/backend/gatewayhost.cpp" line="74" />
        <source>Skynet desktop</source>
        <translation>Skynet-Desktop</translation>
    </message>
</context>
<context>
    <name>GatewayStatus</name>
    <message>
        <location filename="../app/backend/gatewaystatus.cpp" line="134" />
        <source>1 day %1</source>
        <extracomment>Uptime of one to two days; %1 is hours:minutes:seconds</extracomment>
        <translation>1 Tag %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/backend/gatewaystatus.cpp" line="137" />
        <source>%n days %1</source>
        <extracomment>Uptime of two days or more (%n &gt;= 2); %1 is hours:minutes:seconds</extracomment>
        <translation>
            <numerusform>%n Tag %1</numerusform>
            <numerusform>%n Tage %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="119" />
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="121" />
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="123" />
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="125" />
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="16" />
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="44" />
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51" />
        <source>Debug and above</source>
        <translation>Debug und höher</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51" />
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51" />
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51" />
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="52" />
        <source>Minimum level</source>
        <translation>Mindeststufe</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="59" />
        <source>Filter by text or category</source>
        <translation>Nach Text oder Kategorie filtern</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="61" />
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="68" />
        <source>Follow</source>
        <translation>Mitlaufen</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="73" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="82" />
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="89" />
        <source>%1 of %2 lines</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="110" />
        <source>Log lines</source>
        <translation>Protokollzeilen</translation>
    </message>
</context>
<context>
    <name>MachineInfo</name>
    <message>
        <location filename="../app/backend/providers/machineinfo.cpp" line="129" />
        <source>Enough memory for a 14-billion-parameter model.</source>
        <translation>Genug Arbeitsspeicher für ein Modell mit 14 Milliarden Parametern.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/machineinfo.cpp" line="133" />
        <source>Enough memory for an 8-billion-parameter model.</source>
        <translation>Genug Arbeitsspeicher für ein Modell mit 8 Milliarden Parametern.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/machineinfo.cpp" line="137" />
        <source>A small 3-billion-parameter model fits this machine.</source>
        <translation>Ein kleines Modell mit 3 Milliarden Parametern passt zu diesem Computer.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/machineinfo.cpp" line="140" />
        <source>Little memory: a 1-billion-parameter model is the one that runs well here.</source>
        <translation>Wenig Arbeitsspeicher: Hier läuft ein Modell mit 1 Milliarde Parametern gut.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="42" />
        <source>Skynet</source>
        <translation>Skynet</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="124" />
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="145" />
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="147" />
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="149" />
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="151" />
        <source>Providers &amp; Models</source>
        <translation>Anbieter &amp; Modelle</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="153" />
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="155" />
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="157" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="159" />
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="87" />
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="88" />
        <source>Pairing request on %1</source>
        <translation>Kopplungsanfrage über %1</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="89" />
        <source>%1 asks to talk to Skynet (code %2). Approve or reject it under Users.</source>
        <translation>%1 möchte mit Skynet sprechen (Code %2). Genehmigen oder ablehnen können Sie unter „Benutzer“.</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="94" />
        <source>Skynet gateway error</source>
        <translation>Skynet-Gateway-Fehler</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="100" />
        <source>A reply on %1 was not delivered</source>
        <translation>Eine Antwort über %1 wurde nicht zugestellt</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="101" />
        <source>The platform refused it.</source>
        <translation>Die Plattform hat sie abgelehnt.</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="115" />
        <source>Provider %1 is down</source>
        <translation>Anbieter %1 ist ausgefallen</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="116" />
        <source>Requests go to the other providers; Skynet retries it after a pause.</source>
        <translation>Anfragen gehen an die anderen Anbieter; Skynet versucht es nach einer Pause erneut.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/backend/desktop/notifier.cpp" line="154" />
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiteres</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/backend/desktop/notifier.cpp" line="164" />
        <source>Skynet: %n events</source>
        <translation>
            <numerusform>Skynet: %n Ereignis</numerusform>
            <numerusform>Skynet: %n Ereignisse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OllamaController</name>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="76" />
        <source>The download of %1 stopped because the Ollama address changed.</source>
        <translation>Der Download von %1 wurde gestoppt, weil sich die Ollama-Adresse geändert hat.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="115" />
        <source>%1 of %2</source>
        <extracomment>Download progress: "1.2 GB of 4.7 GB"</extracomment>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="123" />
        <source>Enter a model name, for example llama3.2:3b.</source>
        <translation>Geben Sie einen Modellnamen ein, zum Beispiel llama3.2:3b.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="125" />
        <source>The model name is too long.</source>
        <translation>Der Modellname ist zu lang.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="130" />
        <source>"%1" is not a model name: use letters, digits, '.', '-', '_', '/' and one ':' before the tag.</source>
        <translation>„%1“ ist kein Modellname: Verwenden Sie Buchstaben, Ziffern, '.', '-', '_', '/' und ein ':' vor dem Tag.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="173" />
        <source>Ollama does not answer at %1: %2</source>
        <translation>Ollama antwortet nicht unter %1: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="194" />
        <source>%1 is still downloading; wait for it or cancel it first.</source>
        <translation>%1 wird noch heruntergeladen; warten Sie oder brechen Sie den Download zuerst ab.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="200" />
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="216" />
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="222" />
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="226" />
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="227" />
        <source>Downloading %1 failed: %2</source>
        <translation>Download von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="275" />
        <source>Deleting %1 failed: %2</source>
        <translation>Löschen von %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>OllamaModelsView</name>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="15" />
        <source>Ollama models</source>
        <translation>Ollama-Modelle</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="36" />
        <source>Checking %1…</source>
        <translation>%1 wird geprüft…</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="38" />
        <source>Ollama %1 is running at %2</source>
        <translation>Ollama %1 läuft unter %2</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="50" />
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="57" />
        <source>No models installed yet: download one below.</source>
        <translation>Noch keine Modelle installiert: Laden Sie unten eines herunter.</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="72" />
        <source>Installed models</source>
        <translation>Installierte Modelle</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="86" />
        <source>%1, %2, changed %3</source>
        <translation>%1, %2, geändert %3</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="104" />
        <source>%1 · %2 · changed %3</source>
        <translation>%1 · %2 · geändert %3</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="105" />
        <source>%1 · changed %2</source>
        <translation>%1 · geändert %2</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="113" />
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="115" />
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="130" />
        <source>Model to download, e.g. llama3.2:3b</source>
        <translation>Modell zum Herunterladen, z. B. llama3.2:3b</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="132" />
        <source>Model to download</source>
        <translation>Modell zum Herunterladen</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="140" />
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="150" />
        <source>Find model names at ollama.com/library. Downloads can be several gigabytes.</source>
        <translation>Modellnamen finden Sie unter ollama.com/library. Downloads können mehrere Gigabyte groß sein.</translation>
    </message>
</context>
<context>
    <name>ProviderCard</name>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="28" />
        <source>Use this provider</source>
        <translation>Diesen Anbieter verwenden</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="35" />
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="46" />
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="55" />
        <source>Default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="57" />
        <source>%1 address</source>
        <translation>%1-Adresse</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="72" />
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="82" />
        <source>%1 default model</source>
        <translation>%1-Standardmodell</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="97" />
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="121" />
        <source>Paste a new key</source>
        <translation>Neuen Schlüssel einfügen</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="122" />
        <source>New %1 API key</source>
        <translation>Neuer %1-API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="130" />
        <source>Use key</source>
        <translation>Schlüssel verwenden</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="139" />
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="141" />
        <source>Remove the %1 API key</source>
        <translation>%1-API-Schlüssel entfernen</translation>
    </message>
</context>
<context>
    <name>ProviderEntry</name>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="54" />
        <source>Enter the model to use, for example %1.</source>
        <translation>Geben Sie das zu verwendende Modell ein, zum Beispiel %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="60" />
        <source>The model name must not contain spaces, quotes or backslashes.</source>
        <translation>Der Modellname darf keine Leerzeichen, Anführungszeichen oder Backslashes enthalten.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="75" />
        <source>Will be removed when you apply</source>
        <translation>Wird beim Übernehmen entfernt</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="75" />
        <source>New key, saved when you apply</source>
        <translation>Neuer Schlüssel, wird beim Übernehmen gespeichert</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="79" />
        <source>Not set (the environment variable %1 is empty)</source>
        <translation>Nicht gesetzt (die Umgebungsvariable %1 ist leer)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="80" />
        <source>Not set</source>
        <translation>Nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="84" />
        <source>Set from the environment variable %1</source>
        <translation>Aus der Umgebungsvariable %1 gesetzt</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="86" />
        <source>Set from the file %1</source>
        <translation>Aus der Datei %1 gesetzt</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="89" />
        <source>Set (stored %1)</source>
        <extracomment>%1 says where, e.g. "in the system keychain"</extracomment>
        <translation>Gesetzt (gespeichert %1)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="91" />
        <source>Set (written in skynet.toml: apply to move it to the secret store)</source>
        <translation>Gesetzt (steht in skynet.toml: Übernehmen verschiebt ihn in den Geheimnisspeicher)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="122" />
        <source>Paste the API key; it must not be empty.</source>
        <translation>Fügen Sie den API-Schlüssel ein; er darf nicht leer sein.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="124" />
        <source>This is too short to be an API key.</source>
        <translation>Das ist zu kurz für einen API-Schlüssel.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="126" />
        <source>This is too long to be an API key.</source>
        <translation>Das ist zu lang für einen API-Schlüssel.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="129" />
        <source>An API key has no spaces, line breaks or non-ASCII characters; check what you pasted.</source>
        <translation>Ein API-Schlüssel enthält keine Leerzeichen, Zeilenumbrüche oder Nicht-ASCII-Zeichen; prüfen Sie, was Sie eingefügt haben.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="141" />
        <source>"%1" is not a web address: use http://host:port or https://host.</source>
        <translation>„%1“ ist keine Webadresse: Verwenden Sie http://host:port oder https://host.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="143" />
        <source>Do not put a user name or password in the address.</source>
        <translation>Geben Sie keinen Benutzernamen und kein Passwort in der Adresse an.</translation>
    </message>
</context>
<context>
    <name>ProvidersController</name>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="29" />
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="30" />
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="31" />
        <source>OpenAI-compatible</source>
        <translation>OpenAI-kompatibel</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="126" />
        <source>Unknown: %1</source>
        <translation>Unbekannt: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="136" />
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="138" />
        <source>Not used: offline mode allows only this machine</source>
        <translation>Nicht verwendet: Der Offline-Modus erlaubt nur diesen Computer</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="140" />
        <source>Not used: no API key or address</source>
        <translation>Nicht verwendet: kein API-Schlüssel und keine Adresse</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="151" />
        <source>Healthy (%1 ms)</source>
        <translation>Gesund (%1 ms)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="152" />
        <source>Ready (no calls yet)</source>
        <translation>Bereit (noch keine Aufrufe)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="154" />
        <source>Recovering: trying again</source>
        <translation>Erholt sich: neuer Versuch</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="156" />
        <source>Unavailable</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="156" />
        <source>Unavailable: %1</source>
        <translation>Nicht verfügbar: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="229" />
        <source>Name a provider and model, for example ollama:llama3.2.</source>
        <translation>Geben Sie Anbieter und Modell an, zum Beispiel ollama:llama3.2.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="232" />
        <source>Use provider:model (for example anthropic:claude-sonnet-4-5), without spaces or quotes.</source>
        <translation>Verwenden Sie Anbieter:Modell (zum Beispiel anthropic:claude-sonnet-4-5), ohne Leerzeichen oder Anführungszeichen.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="248" />
        <source>Trivial tier</source>
        <translation>Stufe Trivial</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="249" />
        <source>Standard tier</source>
        <translation>Stufe Standard</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="249" />
        <source>Complex tier</source>
        <translation>Stufe Komplex</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="255" />
        <source>Routing mode must be automatic or fixed.</source>
        <translation>Der Routing-Modus muss automatisch oder fest sein.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="306" />
        <source>These settings did not come from a file, so they cannot be saved.</source>
        <translation>Diese Einstellungen stammen nicht aus einer Datei und können daher nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="308" />
        <source>There is no secret store to keep API keys in.</source>
        <translation>Es gibt keinen Geheimnisspeicher für API-Schlüssel.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="310" />
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="312" />
        <source>Cannot store the API key: %1</source>
        <translation>Der API-Schlüssel kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="315" />
        <source>The gateway could not start with these settings, so the previous ones are back: %1</source>
        <translation>Das Gateway konnte mit diesen Einstellungen nicht starten, daher gelten wieder die vorherigen: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="317" />
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="321" />
        <source>Saved to %1 and restarted the gateway.</source>
        <translation>In %1 gespeichert und das Gateway neu gestartet.</translation>
    </message>
</context>
<context>
    <name>ProvidersErrorBanner</name>
    <message>
        <location filename="../qml/providers/ProvidersErrorBanner.qml" line="40" />
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersErrorBanner.qml" line="41" />
        <source>Dismiss the error</source>
        <translation>Fehlermeldung schließen</translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="15" />
        <source>Providers &amp; Models</source>
        <translation>Anbieter &amp; Modelle</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="77" />
        <source>Ollama connection</source>
        <translation>Ollama-Verbindung</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="85" />
        <source>Paste a new key (sk-ant-…)</source>
        <translation>Neuen Schlüssel einfügen (sk-ant-…)</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="91" />
        <source>Paste a new key (not needed for a local server)</source>
        <translation>Neuen Schlüssel einfügen (für einen lokalen Server nicht nötig)</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="97" />
        <source>Routing</source>
        <translation>Routing</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="109" />
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="116" />
        <source>Automatic: pick a tier for every message</source>
        <translation>Automatisch: Stufe für jede Nachricht wählen</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="117" />
        <source>Fixed: always the standard tier</source>
        <translation>Fest: immer die Stufe Standard</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="120" />
        <source>Routing mode</source>
        <translation>Routing-Modus</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="126" />
        <source>Trivial</source>
        <translation>Trivial</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="130" />
        <source>Trivial tier</source>
        <translation>Stufe Trivial</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="136" />
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="140" />
        <source>Standard tier</source>
        <translation>Stufe Standard</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="146" />
        <source>Complex</source>
        <translation>Komplex</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="150" />
        <source>Complex tier</source>
        <translation>Stufe Komplex</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="158" />
        <source>Privacy mode: only models on this machine answer</source>
        <translation>Datenschutzmodus: Nur Modelle auf diesem Computer antworten</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="166" />
        <source>Offline mode: no network beyond this machine at all</source>
        <translation>Offline-Modus: keinerlei Netzwerkzugriff über diesen Computer hinaus</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="189" />
        <source>Applying…</source>
        <translation>Wird übernommen…</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="191" />
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="197" />
        <source>Run setup again</source>
        <translation>Einrichtung erneut ausführen</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="203" />
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="209" />
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="212" />
        <source>Saves skynet.toml and restarts the gateway</source>
        <translation>Speichert skynet.toml und startet das Gateway neu</translation>
    </message>
</context>
<context>
    <name>PullProgress</name>
    <message>
        <location filename="../qml/providers/PullProgress.qml" line="22" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../qml/providers/PullProgress.qml" line="34" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../qml/providers/PullProgress.qml" line="35" />
        <source>Cancel the download of %1</source>
        <translation>Download von %1 abbrechen</translation>
    </message>
    <message>
        <location filename="../qml/providers/PullProgress.qml" line="46" />
        <source>Download progress</source>
        <translation>Download-Fortschritt</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="160" />
        <source>System default</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="169" />
        <source>Unknown language: %1</source>
        <translation>Unbekannte Sprache: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="176" />
        <source>The translation for %1 is missing.</source>
        <translation>Die Übersetzung für %1 fehlt.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="203" />
        <source>The port must be a number from 1 to 65535.</source>
        <translation>Der Port muss eine Zahl von 1 bis 65535 sein.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="208" />
        <source>The address must be an IP address such as 127.0.0.1, or localhost.</source>
        <translation>Die Adresse muss eine IP-Adresse wie 127.0.0.1 oder localhost sein.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="212" />
        <source>Beyond this computer clients must authenticate: choose token or password.</source>
        <translation>Außerhalb dieses Computers müssen sich Clients anmelden: Wählen Sie Token oder Passwort.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="221" />
        <source>These settings come from the command line or environment and cannot be saved here.</source>
        <translation>Diese Einstellungen stammen aus der Befehlszeile oder der Umgebung und können hier nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="224" />
        <source>The gateway could not start with these settings, so the previous ones are back: %1</source>
        <translation>Das Gateway konnte mit diesen Einstellungen nicht starten, daher gelten wieder die vorherigen: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="232" />
        <source>Saved. The gateway now listens on %1.</source>
        <translation>Gespeichert. Das Gateway lauscht jetzt auf %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="247" />
        <location filename="../app/backend/settings/settingscontroller.cpp" line="264" />
        <source>No gateway token is set.</source>
        <translation>Es ist kein Gateway-Token gesetzt.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="252" />
        <source>The gateway token is on the clipboard.</source>
        <translation>Das Gateway-Token ist in der Zwischenablage.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="262" />
        <source>No secret store is available.</source>
        <translation>Kein Geheimnisspeicher verfügbar.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="266" />
        <source>The gateway token comes from %1; change it there.</source>
        <translation>Das Gateway-Token stammt aus %1; ändern Sie es dort.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="272" />
        <source>A new gateway token is in place; connected clients must use it.</source>
        <translation>Ein neues Gateway-Token ist aktiv; verbundene Clients müssen es verwenden.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="16" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="55" />
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="65" />
        <source>Listen on</source>
        <translation>Lauschen auf</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="71" />
        <source>Listen address</source>
        <translation>Lauschadresse</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="77" />
        <location filename="../qml/settings/SettingsPage.qml" line="86" />
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="91" />
        <source>Clients sign in with</source>
        <translation>Clients melden sich an mit</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97" />
        <source>The gateway token</source>
        <translation>Dem Gateway-Token</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97" />
        <source>A password</source>
        <translation>Einem Passwort</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97" />
        <source>Nothing (this computer only)</source>
        <translation>Nichts (nur dieser Computer)</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="99" />
        <source>Authentication</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="105" />
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="108" />
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="109" />
        <source>Not available in this build: keep the gateway on this computer (127.0.0.1), or put a TLS proxy in front of it.</source>
        <translation>In diesem Build nicht verfügbar: Lassen Sie das Gateway auf diesem Computer (127.0.0.1) oder stellen Sie einen TLS-Proxy davor.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="122" />
        <source>Accept unencrypted connections from the network</source>
        <translation>Unverschlüsselte Verbindungen aus dem Netzwerk annehmen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="132" />
        <source>Other computers will be able to reach Skynet. Anyone who has the gateway token can use it as an administrator.</source>
        <translation>Andere Computer können Skynet erreichen. Wer das Gateway-Token hat, kann es als Administrator nutzen.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="143" />
        <source>Save and restart the gateway</source>
        <translation>Speichern und Gateway neu starten</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="150" />
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="157" />
        <location filename="../qml/settings/SettingsPage.qml" line="174" />
        <source>Gateway token</source>
        <translation>Gateway-Token</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="165" />
        <source>Clients (the OpenClaw apps, scripts) connect with this token. It gives full access.</source>
        <translation>Clients (die OpenClaw-Apps, Skripte) verbinden sich mit diesem Token. Es gewährt vollen Zugriff.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="175" />
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="180" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="186" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="186" />
        <source>New token…</source>
        <translation>Neues Token…</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="197" />
        <source>Clients using the current token will be disconnected.</source>
        <translation>Clients mit dem aktuellen Token werden getrennt.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="202" />
        <source>Replace the token</source>
        <translation>Token ersetzen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="212" />
        <source>Secrets (tokens, API keys) are kept in the system keychain.</source>
        <translation>Geheimnisse (Tokens, API-Schlüssel) liegen im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="213" />
        <source>No keychain is available: secrets are kept in %1, readable only by you.</source>
        <translation>Kein Schlüsselbund verfügbar: Geheimnisse liegen in %1, nur für Sie lesbar.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="222" />
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="231" />
        <source>Start Skynet when I log in (in the tray)</source>
        <translation>Skynet bei der Anmeldung starten (im Infobereich)</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="238" />
        <source>Notify me of pairing requests and failures</source>
        <translation>Bei Kopplungsanfragen und Fehlern benachrichtigen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="244" />
        <source>No system tray was found: closing the window quits Skynet.</source>
        <translation>Kein Infobereich gefunden: Das Schließen des Fensters beendet Skynet.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="261" />
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="271" />
        <location filename="../qml/settings/SettingsPage.qml" line="277" />
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="275" />
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="275" />
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="275" />
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="283" />
        <location filename="../qml/settings/SettingsPage.qml" line="292" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="309" />
        <source>Configuration file: %1</source>
        <translation>Konfigurationsdatei: %1</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="133" />
        <source>Skynet setup</source>
        <translation>Skynet-Einrichtung</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="149" />
        <source>Welcome to Skynet</source>
        <translation>Willkommen bei Skynet</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="156" />
        <source>Step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="193" />
        <source>Local models with Ollama</source>
        <translation>Lokale Modelle mit Ollama</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="194" />
        <source>Skynet can answer with models that run on this computer through Ollama, so your conversations never leave it.</source>
        <translation>Skynet kann mit Modellen antworten, die über Ollama auf diesem Computer laufen, sodass Ihre Unterhaltungen ihn nie verlassen.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="200" />
        <source>Looking for Ollama at %1…</source>
        <translation>Ollama wird unter %1 gesucht…</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="202" />
        <source>Ollama is not running at %1. Install it from ollama.com, start it, then check again. You can also continue without it and use a hosted provider.</source>
        <translation>Ollama läuft nicht unter %1. Installieren Sie es von ollama.com, starten Sie es und prüfen Sie dann erneut. Sie können auch ohne Ollama fortfahren und einen gehosteten Anbieter nutzen.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="204" />
        <source>Ollama %1 is running at %2 and has no models yet: the next step downloads one.</source>
        <translation>Ollama %1 läuft unter %2 und hat noch keine Modelle: Der nächste Schritt lädt eines herunter.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/wizard/SetupWizard.qml" line="205" />
        <source>Ollama %1 is running at %2 with %n model(s) installed.</source>
        <translation>
            <numerusform>Ollama %1 läuft unter %2, %n Modell ist installiert.</numerusform>
            <numerusform>Ollama %1 läuft unter %2, %n Modelle sind installiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="212" />
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="220" />
        <source>A model for this computer</source>
        <translation>Ein Modell für diesen Computer</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="229" />
        <source>Memory</source>
        <translation>Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="236" />
        <source>Processor cores</source>
        <translation>Prozessorkerne</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="242" />
        <source>Graphics</source>
        <translation>Grafik</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="252" />
        <source>Recommended: %1</source>
        <translation>Empfohlen: %1</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="259" />
        <source>%1 The download is %2.</source>
        <translation>%1 Der Download umfasst %2.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="265" />
        <source>%1 is installed and ready.</source>
        <translation>%1 ist installiert und bereit.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="271" />
        <source>Start Ollama to download it (previous step).</source>
        <translation>Starten Sie Ollama, um es herunterzuladen (vorheriger Schritt).</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="278" />
        <source>Download %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="298" />
        <source>You, the owner</source>
        <translation>Sie, der Eigentümer</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="299" />
        <source>You are this gateway's administrator. Other apps connect with the gateway token.</source>
        <translation>Sie sind der Administrator dieses Gateways. Andere Apps verbinden sich mit dem Gateway-Token.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="302" />
        <location filename="../qml/wizard/SetupWizard.qml" line="311" />
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="309" />
        <source>How the assistant addresses you</source>
        <translation>Wie der Assistent Sie anspricht</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="315" />
        <source>Gateway token</source>
        <translation>Gateway-Token</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="323" />
        <source>No token (the gateway is not protected by one)</source>
        <translation>Kein Token (das Gateway ist nicht durch ein Token geschützt)</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="329" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="331" />
        <source>Copy the gateway token</source>
        <translation>Gateway-Token kopieren</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="347" />
        <source>Replace the token?</source>
        <translation>Token ersetzen?</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="347" />
        <source>New token</source>
        <translation>Neues Token</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="348" />
        <source>Connected apps must then use the new token</source>
        <translation>Verbundene Apps müssen dann das neue Token verwenden</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="365" />
        <source>Press again to replace the token. Apps that use the old one will have to be set up again.</source>
        <translation>Erneut drücken, um das Token zu ersetzen. Apps mit dem alten Token müssen neu eingerichtet werden.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="375" />
        <source>Copied. Paste it into the app you connect.</source>
        <translation>Kopiert. Fügen Sie es in die App ein, die Sie verbinden.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="390" />
        <source>Chat from Telegram (optional)</source>
        <translation>Chat über Telegram (optional)</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="391" />
        <source>Create a bot with @BotFather in Telegram and paste its token here. You can also do this later on the Channels page.</source>
        <translation>Erstellen Sie in Telegram einen Bot mit @BotFather und fügen Sie sein Token hier ein. Sie können dies auch später auf der Seite „Kanäle“ erledigen.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="398" />
        <source>123456789:AA…</source>
        <translation>123456789:AA…</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="400" />
        <source>Telegram bot token</source>
        <translation>Telegram-Bot-Token</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="405" />
        <source>Connect Telegram</source>
        <translation>Telegram verbinden</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="415" />
        <source>Telegram is connected. The bot token is kept in the secret store.</source>
        <translation>Telegram ist verbunden. Das Bot-Token liegt im Geheimnisspeicher.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="424" />
        <source>All set</source>
        <translation>Alles bereit</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="425" />
        <source>Chat with the assistant on the Chat page. Providers, models and keys are on Providers &amp; Models; run this setup again from there.</source>
        <translation>Chatten Sie mit dem Assistenten auf der Seite „Chat“. Anbieter, Modelle und Schlüssel finden Sie unter „Anbieter &amp; Modelle“; dort können Sie diese Einrichtung auch erneut ausführen.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="435" />
        <source>Skip setup</source>
        <translation>Einrichtung überspringen</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="445" />
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="451" />
        <source>Finish</source>
        <translation>Fertigstellen</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="451" />
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <location filename="../app/backend/desktop/singleinstance.cpp" line="125" />
        <source>No private folder for the single-instance socket</source>
        <translation>Kein privater Ordner für den Einzelinstanz-Socket</translation>
    </message>
</context>
<context>
    <name>StatusBadge</name>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="19" />
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="21" />
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="23" />
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="25" />
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
</context>
<context>
    <name>SystemTray</name>
    <message>
        <location filename="../app/backend/desktop/systemtray.cpp" line="28" />
        <source>Open Skynet</source>
        <translation>Skynet öffnen</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/systemtray.cpp" line="33" />
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/systemtray.cpp" line="39" />
        <source>Quit Skynet</source>
        <translation>Skynet beenden</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/systemtray.cpp" line="68" />
        <source>Stop gateway</source>
        <translation>Gateway stoppen</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/systemtray.cpp" line="68" />
        <source>Start gateway</source>
        <translation>Gateway starten</translation>
    </message>
</context>
<context>
    <name>TerminalApprovalBanner</name>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="23" />
        <source>Terminal commands waiting for approval</source>
        <translation>Terminal-Befehle warten auf Freigabe</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="33" />
        <source>Terminal commands waiting for your approval</source>
        <translation>Terminal-Befehle warten auf Ihre Freigabe</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="63" />
        <source>An interactive shell session</source>
        <translation>Eine interaktive Shell-Sitzung</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="67" />
        <source>Command: %1</source>
        <translation>Befehl: %1</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="71" />
        <source>Asked by the assistant for %1 in %2</source>
        <translation>Vom Assistenten für %1 angefragt, in %2</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="71" />
        <source>Asked by %1 in %2</source>
        <translation>Angefragt von %1, in %2</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="88" />
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="89" />
        <source>Approve and run the command</source>
        <translation>Befehl freigeben und ausführen</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="94" />
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="95" />
        <source>Deny the command</source>
        <translation>Befehl ablehnen</translation>
    </message>
</context>
<context>
    <name>TerminalController</name>
    <message>
        <location filename="../app/backend/terminal/terminalcontroller.cpp" line="99" />
        <location filename="../app/backend/terminal/terminalcontroller.cpp" line="111" />
        <source>The gateway is not running.</source>
        <translation>Das Gateway läuft nicht.</translation>
    </message>
</context>
<context>
    <name>TierField</name>
    <message>
        <location filename="../qml/providers/TierField.qml" line="23" />
        <source>provider:model, e.g. ollama:llama3.2</source>
        <translation>Anbieter:Modell, z. B. ollama:llama3.2</translation>
    </message>
</context>
<context>
    <name>UserDetails</name>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="38" />
        <source>The owner: always an admin, cannot be deleted.</source>
        <translation>Der Eigentümer: immer Administrator, kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="48" />
        <location filename="../qml/users/UserDetails.qml" line="63" />
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="57" />
        <source>Admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="58" />
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="59" />
        <source>Child</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="68" />
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="74" />
        <source>Tokens per day</source>
        <translation>Tokens pro Tag</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="85" />
        <source>Daily token budget, 0 for no limit</source>
        <translation>Tägliches Token-Budget, 0 für unbegrenzt</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="90" />
        <source>Save budget</source>
        <translation>Budget speichern</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="97" />
        <source>Used today: %1 of %2 tokens</source>
        <translation>Heute verbraucht: %1 von %2 Tokens</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="98" />
        <source>Used today: %1 tokens (no limit)</source>
        <translation>Heute verbraucht: %1 Tokens (unbegrenzt)</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="104" />
        <source>Linked accounts</source>
        <translation>Verknüpfte Konten</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="110" />
        <source>No accounts linked.</source>
        <translation>Keine Konten verknüpft.</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="127" />
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="127" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="132" />
        <source>Unlink</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="133" />
        <source>Unlink %1 account %2</source>
        <translation>%1-Konto %2 trennen</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="143" />
        <source>Link an account…</source>
        <translation>Konto verknüpfen…</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="149" />
        <source>Link code</source>
        <translation>Verknüpfungscode</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="150" />
        <source>Send "/link %1" from the account to link, within 10 minutes.</source>
        <translation>Senden Sie innerhalb von 10 Minuten „/link %1“ von dem Konto, das verknüpft werden soll.</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="157" />
        <source>Memories</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="163" />
        <source>Skynet remembers nothing about this person.</source>
        <translation>Skynet hat sich nichts über diese Person gemerkt.</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="190" />
        <location filename="../qml/users/UserDetails.qml" line="243" />
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="191" />
        <source>Delete the memory %1</source>
        <translation>Erinnerung %1 löschen</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="199" />
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="211" />
        <source>File to export to</source>
        <translation>Zieldatei für den Export</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="217" />
        <source>Export as JSON</source>
        <translation>Als JSON exportieren</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="230" />
        <source>Delete user…</source>
        <translation>Benutzer löschen…</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="235" />
        <source>Delete %1 with their linked accounts and memories? This cannot be undone.</source>
        <translation>%1 mit allen verknüpften Konten und Erinnerungen löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="251" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>UsersController</name>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="106" />
        <source>The gateway is not running.</source>
        <translation>Das Gateway läuft nicht.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="177" />
        <source>Enter a name for the new user.</source>
        <translation>Geben Sie einen Namen für den neuen Benutzer ein.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="181" />
        <location filename="../app/backend/users/userscontroller.cpp" line="202" />
        <source>The role must be admin, user or child.</source>
        <translation>Die Rolle muss Administrator, Benutzer oder Kind sein.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="187" />
        <source>Created %1.</source>
        <translation>%1 erstellt.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="198" />
        <location filename="../app/backend/users/userscontroller.cpp" line="216" />
        <location filename="../app/backend/users/userscontroller.cpp" line="234" />
        <location filename="../app/backend/users/userscontroller.cpp" line="261" />
        <location filename="../app/backend/users/userscontroller.cpp" line="275" />
        <location filename="../app/backend/users/userscontroller.cpp" line="311" />
        <source>Select a user first.</source>
        <translation>Wählen Sie zuerst einen Benutzer aus.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="208" />
        <source>Role changed.</source>
        <translation>Rolle geändert.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="220" />
        <source>The budget cannot be negative (0 means no limit).</source>
        <translation>Das Budget darf nicht negativ sein (0 bedeutet unbegrenzt).</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="226" />
        <source>Budget saved.</source>
        <translation>Budget gespeichert.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="247" />
        <source>Choose an account to unlink.</source>
        <translation>Wählen Sie ein Konto zum Trennen aus.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="253" />
        <source>Account unlinked.</source>
        <translation>Konto getrennt.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="267" />
        <source>Memory deleted.</source>
        <translation>Erinnerung gelöscht.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="282" />
        <source>Enter the full path of the file to write.</source>
        <translation>Geben Sie den vollständigen Pfad der zu schreibenden Datei ein.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="286" />
        <source>%1 is a folder; enter a file name.</source>
        <translation>%1 ist ein Ordner; geben Sie einen Dateinamen ein.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="292" />
        <location filename="../app/backend/users/userscontroller.cpp" line="299" />
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="303" />
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="317" />
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="17" />
        <location filename="../qml/users/UsersPage.qml" line="90" />
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="54" />
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="55" />
        <source>Dismiss the error</source>
        <translation>Fehlermeldung schließen</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="106" />
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="120" />
        <location filename="../qml/users/UsersPage.qml" line="152" />
        <source>Admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="120" />
        <location filename="../qml/users/UsersPage.qml" line="151" />
        <source>Child</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="120" />
        <location filename="../qml/users/UsersPage.qml" line="150" />
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="128" />
        <source>New user</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="135" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="136" />
        <source>Name of the new user</source>
        <translation>Name des neuen Benutzers</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="154" />
        <source>Role of the new user</source>
        <translation>Rolle des neuen Benutzers</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="161" />
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="179" />
        <source>Select a user to see their role, budget, linked accounts and memories.</source>
        <translation>Wählen Sie einen Benutzer aus, um Rolle, Budget, verknüpfte Konten und Erinnerungen zu sehen.</translation>
    </message>
</context>
<context>
    <name>WizardController</name>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="85" />
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="92" />
        <source>No graphics card found (models run on the processor)</source>
        <translation>Keine Grafikkarte gefunden (Modelle laufen auf dem Prozessor)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="97" />
        <source>%1 (%2 video memory)</source>
        <translation>%1 (%2 Grafikspeicher)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="107" />
        <source>about %1</source>
        <extracomment>%1 is a size like "4.9 GB"</extracomment>
        <translation>etwa %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="127" />
        <source>Paste the token that @BotFather gave you.</source>
        <translation>Fügen Sie das Token ein, das Sie von @BotFather erhalten haben.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="130" />
        <source>This does not look like a bot token: it is digits, a colon, then about 35 letters, digits, '-' or '_'.</source>
        <translation>Das sieht nicht wie ein Bot-Token aus: Es besteht aus Ziffern, einem Doppelpunkt und dann etwa 35 Buchstaben, Ziffern, '-' oder '_'.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="208" />
        <source>Enter your name (it is how the assistant addresses you).</source>
        <translation>Geben Sie Ihren Namen ein (so spricht der Assistent Sie an).</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="212" />
        <source>The name is too long (at most 100 characters).</source>
        <translation>Der Name ist zu lang (höchstens 100 Zeichen).</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="217" />
        <source>The gateway is not running.</source>
        <translation>Das Gateway läuft nicht.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="229" />
        <source>Could not save your name: %1</source>
        <translation>Ihr Name konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="254" />
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="279" />
        <source>The gateway did not restart: %1</source>
        <translation>Das Gateway wurde nicht neu gestartet: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="246" />
        <source>The gateway does not use a token (gateway.auth is "%1").</source>
        <translation>Das Gateway verwendet kein Token (gateway.auth ist „%1“).</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="248" />
        <source>The gateway token comes from "%1"; change it there.</source>
        <translation>Das Gateway-Token stammt aus „%1“; ändern Sie es dort.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="250" />
        <source>There is no secret store for the token.</source>
        <translation>Es gibt keinen Geheimnisspeicher für das Token.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="252" />
        <source>Could not store the new token: %1</source>
        <translation>Das neue Token konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="273" />
        <source>These settings did not come from a file, so they cannot be saved.</source>
        <translation>Diese Einstellungen stammen nicht aus einer Datei und können daher nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="275" />
        <source>There is no secret store for the bot token.</source>
        <translation>Es gibt keinen Geheimnisspeicher für das Bot-Token.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="277" />
        <source>Could not store the bot token: %1</source>
        <translation>Das Bot-Token konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="281" />
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="94" />
        <source>Skynet is already running for %1 but does not answer.</source>
        <translation>Skynet läuft bereits für %1, antwortet aber nicht.</translation>
    </message>
</context>
</TS>
