<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sr_Latn">
<context>
    <name>GatewayStatus</name>
    <message>
        <location filename="../app/backend/gatewaystatus.cpp" line="128"/>
        <source>1 day %1</source>
        <extracomment>Uptime of one to two days; %1 is hours:minutes:seconds</extracomment>
        <translation>1 dan %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/backend/gatewaystatus.cpp" line="131"/>
        <source>%n days %1</source>
        <extracomment>Uptime of two days or more (%n &gt;= 2); %1 is hours:minutes:seconds</extracomment>
        <translation>
            <numerusform>%n dan %1</numerusform>
            <numerusform>%n dana %1</numerusform>
            <numerusform>%n dana %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="17"/>
        <source>Skynet</source>
        <translation>Skynet</translation>
    </message>
</context>
<context>
    <name>StatusBadge</name>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="19"/>
        <source>Running</source>
        <translation>Radi</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="21"/>
        <source>Starting…</source>
        <translation>Pokreće se…</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="23"/>
        <source>Failed</source>
        <translation>Neuspelo</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="25"/>
        <source>Stopped</source>
        <translation>Zaustavljen</translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <location filename="../qml/pages/StatusPage.qml" line="15"/>
        <source>—</source>
        <comment>no value</comment>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../qml/pages/StatusPage.qml" line="17"/>
        <source>Gateway</source>
        <translation>Mrežni prolaz</translation>
    </message>
    <message>
        <location filename="../qml/pages/StatusPage.qml" line="61"/>
        <source>Retry</source>
        <translation>Pokušaj ponovo</translation>
    </message>
    <message>
        <location filename="../qml/pages/StatusPage.qml" line="79"/>
        <source>State</source>
        <translation>Stanje</translation>
    </message>
    <message>
        <location filename="../qml/pages/StatusPage.qml" line="87"/>
        <location filename="../qml/pages/StatusPage.qml" line="91"/>
        <source>Address</source>
        <translation>Adresa</translation>
    </message>
    <message>
        <location filename="../qml/pages/StatusPage.qml" line="97"/>
        <location filename="../qml/pages/StatusPage.qml" line="101"/>
        <source>WebSocket URL</source>
        <translation>WebSocket adresa</translation>
    </message>
    <message>
        <location filename="../qml/pages/StatusPage.qml" line="107"/>
        <location filename="../qml/pages/StatusPage.qml" line="111"/>
        <source>Uptime</source>
        <translation>Vreme rada</translation>
    </message>
    <message>
        <location filename="../qml/pages/StatusPage.qml" line="117"/>
        <location filename="../qml/pages/StatusPage.qml" line="121"/>
        <source>Connected clients</source>
        <translation>Povezani klijenti</translation>
    </message>
    <message>
        <location filename="../qml/pages/StatusPage.qml" line="127"/>
        <location filename="../qml/pages/StatusPage.qml" line="131"/>
        <source>Version</source>
        <translation>Verzija</translation>
    </message>
    <message>
        <location filename="../qml/pages/StatusPage.qml" line="140"/>
        <source>Start</source>
        <translation>Pokreni</translation>
    </message>
</context>
</TS>
