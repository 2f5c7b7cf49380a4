<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sr_Latn">
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="12"/>
        <source>Channels</source>
        <translation>Kanali</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="12"/>
        <source>Chat</source>
        <translation>Ćaskanje</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="89"/>
        <source>Unavailable</source>
        <translation>Nedostupan</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="92"/>
        <source>Recovering</source>
        <translation>Oporavlja se</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="95"/>
        <source>Healthy</source>
        <translation>Ispravan</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="101"/>
        <source>local</source>
        <translation>lokalni</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="132"/>
        <source>Running</source>
        <translation>Radi</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="135"/>
        <source>Failed</source>
        <translation>Neuspeh</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="138"/>
        <source>Starting</source>
        <translation>Pokreće se</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="138"/>
        <source>Stopped</source>
        <translation>Zaustavljen</translation>
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
        <translation>Pregled</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="80"/>
        <source>Retry</source>
        <translation>Pokušaj ponovo</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="98"/>
        <source>State</source>
        <translation>Stanje</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="106"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="110"/>
        <source>Address</source>
        <translation>Adresa</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="116"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="120"/>
        <source>WebSocket URL</source>
        <translation>WebSocket adresa</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="126"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="130"/>
        <source>Uptime</source>
        <translation>Vreme rada</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="136"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="140"/>
        <source>Connected clients</source>
        <translation>Povezani klijenti</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="146"/>
        <location filename="../qml/dashboard/DashboardPage.qml" line="150"/>
        <source>Version</source>
        <translation>Verzija</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="159"/>
        <source>Start</source>
        <translation>Pokreni</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="179"/>
        <source>Today</source>
        <translation>Danas</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="189"/>
        <source>Model calls</source>
        <translation>Pozivi modela</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="193"/>
        <source>Model calls today</source>
        <translation>Pozivi modela danas</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="197"/>
        <source>Cost</source>
        <translation>Trošak</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="201"/>
        <source>Cost today</source>
        <translation>Trošak danas</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="205"/>
        <source>Pairing requests</source>
        <translation>Zahtevi za uparivanje</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="209"/>
        <source>Pending pairing requests</source>
        <translation>Zahtevi za uparivanje na čekanju</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="219"/>
        <source>Providers</source>
        <translation>Dobavljači</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="220"/>
        <source>No model provider is configured.</source>
        <translation>Nijedan dobavljač modela nije podešen.</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="228"/>
        <source>Channels</source>
        <translation>Kanali</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="229"/>
        <source>No channel is enabled.</source>
        <translation>Nijedan kanal nije uključen.</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="255"/>
        <source>Recent warnings and errors</source>
        <translation>Skorašnja upozorenja i greške</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="261"/>
        <source>None since Skynet started.</source>
        <translation>Nijedno od pokretanja Skyneta.</translation>
    </message>
</context>
<context>
    <name>GatewayHost</name>
    <message>
        <location filename="../app/backend/gatewayhost.cpp" line="30"/>
        <location filename="../app/backend/gatewayhost.cpp" line="70"/>
        <source>Skynet desktop</source>
        <translation>Skynet radna površina</translation>
    </message>
</context>
<context>
    <name>GatewayStatus</name>
    <message>
        <location filename="../app/backend/gatewaystatus.cpp" line="134"/>
        <source>1 day %1</source>
        <extracomment>Uptime of one to two days; %1 is hours:minutes:seconds</extracomment>
        <translation>1 dan %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/backend/gatewaystatus.cpp" line="137"/>
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
    <name>LogModel</name>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="118"/>
        <source>Debug</source>
        <translation>Otklanjanje grešaka</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="120"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="122"/>
        <source>Warning</source>
        <translation>Upozorenje</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="124"/>
        <source>Error</source>
        <translation>Greška</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="16"/>
        <source>Logs</source>
        <translation>Dnevnik</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="44"/>
        <source>Level</source>
        <translation>Nivo</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51"/>
        <source>Debug and above</source>
        <translation>Otklanjanje grešaka i više</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51"/>
        <source>Info and above</source>
        <translation>Info i više</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51"/>
        <source>Warnings and errors</source>
        <translation>Upozorenja i greške</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51"/>
        <source>Errors only</source>
        <translation>Samo greške</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="52"/>
        <source>Minimum level</source>
        <translation>Najniži nivo</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="59"/>
        <source>Filter by text or category</source>
        <translation>Filtriraj po tekstu ili kategoriji</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="61"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="68"/>
        <source>Follow</source>
        <translation>Prati</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="73"/>
        <source>Copy</source>
        <translation>Kopiraj</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="82"/>
        <source>Clear</source>
        <translation>Očisti</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="89"/>
        <source>%1 of %2 lines</source>
        <translation>%1 od %2 redova</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="110"/>
        <source>Log lines</source>
        <translation>Redovi dnevnika</translation>
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
        <translation>Stranice</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="86"/>
        <source>Dashboard</source>
        <translation>Pregled</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="87"/>
        <source>Chat</source>
        <translation>Ćaskanje</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="88"/>
        <source>Channels</source>
        <translation>Kanali</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="89"/>
        <source>Providers &amp; Models</source>
        <translation>Dobavljači i modeli</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="90"/>
        <source>Users</source>
        <translation>Korisnici</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="91"/>
        <source>Settings</source>
        <translation>Podešavanja</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="92"/>
        <source>Logs</source>
        <translation>Dnevnik</translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="12"/>
        <source>Providers &amp; Models</source>
        <translation>Dobavljači i modeli</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="160"/>
        <source>System default</source>
        <translation>Jezik sistema</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="169"/>
        <source>Unknown language: %1</source>
        <translation>Nepoznat jezik: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="176"/>
        <source>The translation for %1 is missing.</source>
        <translation>Nedostaje prevod za %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="203"/>
        <source>The port must be a number from 1 to 65535.</source>
        <translation>Port mora biti broj od 1 do 65535.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="207"/>
        <source>The address must be an IP address such as 127.0.0.1, or localhost.</source>
        <translation>Adresa mora biti IP adresa kao 127.0.0.1, ili localhost.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="211"/>
        <source>Beyond this computer clients must authenticate: choose token or password.</source>
        <translation>Izvan ovog računara klijenti moraju da se prijave: izaberite token ili lozinku.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="215"/>
        <source>These settings come from the command line or environment and cannot be saved here.</source>
        <translation>Ova podešavanja dolaze iz komandne linije ili okruženja i ne mogu se ovde sačuvati.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="244"/>
        <source>The gateway could not start with these settings, so the previous ones are back: %1</source>
        <translation>Gateway nije mogao da se pokrene sa ovim podešavanjima, pa su vraćena prethodna: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="249"/>
        <source>Saved. The gateway now listens on %1.</source>
        <translation>Sačuvano. Gateway sada sluša na %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="264"/>
        <source>No gateway token is set.</source>
        <translation>Gateway token nije postavljen.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="269"/>
        <source>The gateway token is on the clipboard.</source>
        <translation>Gateway token je u ostavi.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="276"/>
        <source>No secret store is available.</source>
        <translation>Skladište tajni nije dostupno.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="281"/>
        <source>The gateway token comes from %1; change it there.</source>
        <translation>Gateway token dolazi iz %1; promenite ga tamo.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="295"/>
        <source>A new gateway token is in place; connected clients must use it.</source>
        <translation>Novi gateway token je aktivan; povezani klijenti moraju da ga koriste.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="16"/>
        <source>Settings</source>
        <translation>Podešavanja</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="55"/>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="65"/>
        <source>Listen on</source>
        <translation>Sluša na</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="71"/>
        <source>Listen address</source>
        <translation>Adresa za slušanje</translation>
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
        <translation>Klijenti se prijavljuju sa</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97"/>
        <source>The gateway token</source>
        <translation>Gateway tokenom</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97"/>
        <source>A password</source>
        <translation>Lozinkom</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97"/>
        <source>Nothing (this computer only)</source>
        <translation>Bez prijave (samo ovaj računar)</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="99"/>
        <source>Authentication</source>
        <translation>Prijava</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="105"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="108"/>
        <source>Available</source>
        <translation>Dostupan</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="109"/>
        <source>Not available in this build: keep the gateway on this computer (127.0.0.1), or put a TLS proxy in front of it.</source>
        <translation>Nije dostupan u ovoj verziji: držite gateway na ovom računaru (127.0.0.1) ili ispred njega postavite TLS proksi.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="122"/>
        <source>Accept unencrypted connections from the network</source>
        <translation>Prihvati nešifrovane veze iz mreže</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="132"/>
        <source>Other computers will be able to reach Skynet. Anyone who has the gateway token can use it as an administrator.</source>
        <translation>Drugi računari će moći da pristupe Skynetu. Svako ko ima gateway token može da ga koristi kao administrator.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="143"/>
        <source>Save and restart the gateway</source>
        <translation>Sačuvaj i ponovo pokreni gateway</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="150"/>
        <source>Revert</source>
        <translation>Poništi</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="157"/>
        <location filename="../qml/settings/SettingsPage.qml" line="174"/>
        <source>Gateway token</source>
        <translation>Gateway token</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="165"/>
        <source>Clients (the OpenClaw apps, scripts) connect with this token. It gives full access.</source>
        <translation>Klijenti (OpenClaw aplikacije, skripte) se povezuju ovim tokenom. On daje pun pristup.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="175"/>
        <source>not set</source>
        <translation>nije postavljen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="180"/>
        <source>Copy</source>
        <translation>Kopiraj</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="186"/>
        <source>Cancel</source>
        <translation>Otkaži</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="186"/>
        <source>New token…</source>
        <translation>Novi token…</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="197"/>
        <source>Clients using the current token will be disconnected.</source>
        <translation>Klijenti sa trenutnim tokenom biće prekinuti.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="202"/>
        <source>Replace the token</source>
        <translation>Zameni token</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="212"/>
        <source>Secrets (tokens, API keys) are kept in the system keychain.</source>
        <translation>Tajne (tokeni, API ključevi) čuvaju se u sistemskom privesku ključeva.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="213"/>
        <source>No keychain is available: secrets are kept in %1, readable only by you.</source>
        <translation>Privezak ključeva nije dostupan: tajne se čuvaju u %1, čitljivo samo vama.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="222"/>
        <source>Appearance</source>
        <translation>Izgled</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="232"/>
        <location filename="../qml/settings/SettingsPage.qml" line="241"/>
        <source>Language</source>
        <translation>Jezik</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="258"/>
        <source>Configuration file: %1</source>
        <translation>Datoteka podešavanja: %1</translation>
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
    <name>UsersPage</name>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="12"/>
        <source>Users</source>
        <translation>Korisnici</translation>
    </message>
</context>
</TS>
