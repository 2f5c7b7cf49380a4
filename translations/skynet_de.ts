<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="12"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="12"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="89"/>
        <source>Unavailable</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="92"/>
        <source>Recovering</source>
        <translation>Erholt sich</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="95"/>
        <source>Healthy</source>
        <translation>Gesund</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="101"/>
        <source>local</source>
        <translation>lokal</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="132"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="135"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="138"/>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="138"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="16"/>
        <source>—</source>
        <comment>no value</comment>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="18"/>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="80"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="98"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="106"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="110"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="116"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="120"/>
        <source>WebSocket URL</source>
        <translation>WebSocket-URL</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="126"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="130"/>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="136"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="140"/>
        <source>Connected clients</source>
        <translation>Verbundene Clients</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="146"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="150"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="159"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="179"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="189"/>
        <source>Model calls</source>
        <translation>Modellaufrufe</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="193"/>
        <source>Model calls today</source>
        <translation>Modellaufrufe heute</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="197"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="201"/>
        <source>Cost today</source>
        <translation>Kosten heute</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="205"/>
        <source>Pairing requests</source>
        <translation>Kopplungsanfragen</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="209"/>
        <source>Pending pairing requests</source>
        <translation>Offene Kopplungsanfragen</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="219"/>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="220"/>
        <source>No model provider is configured.</source>
        <translation>Kein Modellanbieter ist eingerichtet.</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="228"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="229"/>
        <source>No channel is enabled.</source>
        <translation>Kein Kanal ist aktiviert.</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="255"/>
        <source>Recent warnings and errors</source>
        <translation>Letzte Warnungen und Fehler</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="261"/>
        <source>None since Skynet started.</source>
        <translation>Keine seit dem Start von Skynet.</translation>
    </message>
</context>
<context>
    <name>GatewayHost</name>
    <message>
        <location filename="../app/backend/gatewayhost.cpp" line="30"/>
        <location filename="../app/backend/gatewayhost.cpp" line="70"/>
        <source>Skynet desktop</source>
        <translation>Skynet-Desktop</translation>
    </message>
</context>
<context>
    <name>GatewayStatus</name>
    <message>
        <location filename="../app/backend/gatewaystatus.cpp" line="134"/>
        <source>1 day %1</source>
        <extracomment>Uptime of one to two days; %1 is hours:minutes:seconds</extracomment>
        <translation>1 Tag %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/backend/gatewaystatus.cpp" line="137"/>
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
        <location filename="../app/backend/logs/logmodel.cpp" line="118"/>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="120"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="122"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="124"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="16"/>
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="44"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51"/>
        <source>Debug and above</source>
        <translation>Debug und höher</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51"/>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51"/>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51"/>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="52"/>
        <source>Minimum level</source>
        <translation>Mindeststufe</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="59"/>
        <source>Filter by text or category</source>
        <translation>Nach Text oder Kategorie filtern</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="61"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="68"/>
        <source>Follow</source>
        <translation>Mitlaufen</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="73"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="82"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="89"/>
        <source>%1 of %2 lines</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="110"/>
        <source>Log lines</source>
        <translation>Protokollzeilen</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="30"/>
        <source>Skynet</source>
        <translation>Skynet</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="84"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="86"/>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="87"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="88"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="89"/>
        <source>Providers &amp; Models</source>
        <translation>Anbieter &amp; Modelle</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="90"/>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="91"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="92"/>
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="12"/>
        <source>Providers &amp; Models</source>
        <translation>Anbieter &amp; Modelle</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="160"/>
        <source>System default</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="169"/>
        <source>Unknown language: %1</source>
        <translation>Unbekannte Sprache: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="176"/>
        <source>The translation for %1 is missing.</source>
        <translation>Die Übersetzung für %1 fehlt.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="203"/>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>Der Port muss eine Zahl von 1 bis 65535 sein.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="207"/>
        <source>The address must be an IP address such as 127.0.0.1, or localhost.</source>
        <translation>Die Adresse muss eine IP-Adresse wie 127.0.0.1 oder localhost sein.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="211"/>
        <source>Beyond this computer clients must authenticate: choose token or password.</source>
        <translation>Außerhalb dieses Computers müssen sich Clients anmelden: Wählen Sie Token oder Passwort.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="215"/>
        <source>These settings come from the command line or environment and cannot be saved here.</source>
        <translation>Diese Einstellungen stammen aus der Befehlszeile oder der Umgebung und können hier nicht gespeichert werden.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="244"/>
        <source>The gateway could not start with these settings, so the previous ones are back: %1</source>
        <translation>Das Gateway konnte mit diesen Einstellungen nicht starten, daher gelten wieder die vorherigen: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="249"/>
        <source>Saved. The gateway now listens on %1.</source>
        <translation>Gespeichert. Das Gateway lauscht jetzt auf %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="264"/>
        <source>No gateway token is set.</source>
        <translation>Es ist kein Gateway-Token gesetzt.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="269"/>
        <source>The gateway token is on the clipboard.</source>
        <translation>Das Gateway-Token ist in der Zwischenablage.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="276"/>
        <source>No secret store is available.</source>
        <translation>Kein Geheimnisspeicher verfügbar.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="281"/>
        <source>The gateway token comes from %1; change it there.</source>
        <translation>Das Gateway-Token stammt aus %1; ändern Sie es dort.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="295"/>
        <source>A new gateway token is in place; connected clients must use it.</source>
        <translation>Ein neues Gateway-Token ist aktiv; verbundene Clients müssen es verwenden.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="16"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="55"/>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="65"/>
        <source>Listen on</source>
        <translation>Lauschen auf</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="71"/>
        <source>Listen address</source>
        <translation>Lauschadresse</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="77"/>
        <location filename="../qml/settings/SettingsPage.qml" line="86"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="91"/>
        <source>Clients sign in with</source>
        <translation>Clients melden sich an mit</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97"/>
        <source>The gateway token</source>
        <translation>Dem Gateway-Token</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97"/>
        <source>A password</source>
        <translation>Einem Passwort</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97"/>
        <source>Nothing (this computer only)</source>
        <translation>Nichts (nur dieser Computer)</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="99"/>
        <source>Authentication</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="105"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="108"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="109"/>
        <source>Not available in this build: keep the gateway on this computer (127.0.0.1), or put a TLS proxy in front of it.</source>
        <translation>In diesem Build nicht verfügbar: Lassen Sie das Gateway auf diesem Computer (127.0.0.1) oder stellen Sie einen TLS-Proxy davor.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="122"/>
        <source>Accept unencrypted connections from the network</source>
        <translation>Unverschlüsselte Verbindungen aus dem Netzwerk annehmen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="132"/>
        <source>Other computers will be able to reach Skynet. Anyone who has the gateway token can use it as an administrator.</source>
        <translation>Andere Computer können Skynet erreichen. Wer das Gateway-Token hat, kann es als Administrator nutzen.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="143"/>
        <source>Save and restart the gateway</source>
        <translation>Speichern und Gateway neu starten</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="150"/>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="157"/>
        <location filename="../qml/settings/SettingsPage.qml" line="174"/>
        <source>Gateway token</source>
        <translation>Gateway-Token</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="165"/>
        <source>Clients (the OpenClaw apps, scripts) connect with this token. It gives full access.</source>
        <translation>Clients (die OpenClaw-Apps, Skripte) verbinden sich mit diesem Token. Es gewährt vollen Zugriff.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="175"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="180"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="186"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="186"/>
        <source>New token…</source>
        <translation>Neues Token…</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="197"/>
        <source>Clients using the current token will be disconnected.</source>
        <translation>Clients mit dem aktuellen Token werden getrennt.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="202"/>
        <source>Replace the token</source>
        <translation>Token ersetzen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="212"/>
        <source>Secrets (tokens, API keys) are kept in the system keychain.</source>
        <translation>Geheimnisse (Tokens, API-Schlüssel) liegen im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="213"/>
        <source>No keychain is available: secrets are kept in %1, readable only by you.</source>
        <translation>Kein Schlüsselbund verfügbar: Geheimnisse liegen in %1, nur für Sie lesbar.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="222"/>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="232"/>
        <location filename="../qml/settings/SettingsPage.qml" line="241"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="258"/>
        <source>Configuration file: %1</source>
        <translation>Konfigurationsdatei: %1</translation>
    </message>
</context>
<context>
    <name>StatusBadge</name>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="19"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="21"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="23"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="25"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="12"/>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
</context>
</TS>
