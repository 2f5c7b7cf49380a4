<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="12"/>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="12"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="62"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="80"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="88"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="92"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="98"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="102"/>
        <source>WebSocket URL</source>
        <translation>WebSocket-URL</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="108"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="112"/>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="118"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="122"/>
        <source>Connected clients</source>
        <translation>Verbundene Clients</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="128"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="132"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="141"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
</context>
<context>
    <name>GatewayHost</name>
    <message>
        <location filename="../app/backend/gatewayhost.cpp" line="30"/>
        <location filename="../app/backend/gatewayhost.cpp" line="70"/>
        <source>Skynet desktop</source>
        <translation type="unfinished"></translation>
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
    <name>LogsPage</name>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="12"/>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="31"/>
        <source>Skynet</source>
        <translation>Skynet</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="71"/>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="73"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="74"/>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="75"/>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="76"/>
        <source>Providers &amp; Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="77"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="78"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="79"/>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="12"/>
        <source>Providers &amp; Models</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="12"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
