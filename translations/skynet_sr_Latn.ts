<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sr_Latn">
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../app/backend/audit/auditmodel.cpp" line="184" />
        <source>Not checked yet.</source>
        <translation>Još nije provereno.</translation>
    </message>
    <message>
        <location filename="../app/backend/audit/auditmodel.cpp" line="186" />
        <source>Checking…</source>
        <translation>Proverava se…</translation>
    </message>
    <message>
        <location filename="../app/backend/audit/auditmodel.cpp" line="188" />
        <source>Intact: no entry was changed or removed from the middle of the trail.</source>
        <translation>Netaknut: nijedna stavka nije izmenjena niti uklonjena iz sredine zapisa.</translation>
    </message>
    <message>
        <location filename="../app/backend/audit/auditmodel.cpp" line="190" />
        <source>Broken at entry %1: an entry was changed or removed.</source>
        <translation>Narušen kod stavke %1: neka stavka je izmenjena ili uklonjena.</translation>
    </message>
    <message>
        <location filename="../app/backend/audit/auditmodel.cpp" line="192" />
        <source>The check failed: %1</source>
        <translation>Provera nije uspela: %1</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="16" />
        <source>Audit log</source>
        <translation>Dnevnik revizije</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="33" />
        <source>Every change made by an administrator and every refused request is recorded here. Names and message text are never stored, only pseudonyms.</source>
        <translation>Ovde se beleži svaka izmena koju napravi administrator i svaki odbijeni zahtev. Imena i tekst poruka se nikada ne čuvaju, samo pseudonimi.</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="47" />
        <source>Action, e.g. users.update</source>
        <translation>Radnja, npr. users.update</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="49" />
        <source>Filter by action</source>
        <translation>Filtriraj po radnji</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="55" />
        <source>Refresh</source>
        <translation>Osveži</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="63" />
        <source>Check integrity</source>
        <translation>Proveri celovitost</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="104" />
        <source>Audit entries</source>
        <translation>Stavke revizije</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="146" />
        <source>by %1</source>
        <translation>izvršilac: %1</translation>
    </message>
    <message>
        <location filename="../qml/audit/AuditPage.qml" line="170" />
        <source>No entries.</source>
        <translation>Nema stavki.</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <location filename="../app/backend/desktop/autostart.cpp" line="107" />
        <source>Starting at login is not supported on this system yet</source>
        <translation>Pokretanje pri prijavi još nije podržano na ovom sistemu</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/autostart.cpp" line="111" />
        <source>Cannot remove %1</source>
        <translation>Nije moguće ukloniti %1</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/autostart.cpp" line="118" />
        <source>The program path cannot be started from a desktop entry</source>
        <translation>Putanja programa ne može da se pokrene iz stavke radne površine</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/autostart.cpp" line="124" />
        <source>Cannot create the folder %1</source>
        <translation>Nije moguće napraviti fasciklu %1</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/autostart.cpp" line="129" />
        <location filename="../app/backend/desktop/autostart.cpp" line="134" />
        <source>Cannot write %1: %2</source>
        <translation>Nije moguće upisati %1: %2</translation>
    </message>
</context>
<context>
    <name>ChannelCard</name>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="36" />
        <source>Running</source>
        <translation>Radi</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="38" />
        <source>Starting…</source>
        <translation>Pokreće se…</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="40" />
        <source>Reconnecting</source>
        <translation>Ponovo se povezuje</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="42" />
        <source>Failed</source>
        <translation>Neuspelo</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="44" />
        <source>Stopped</source>
        <translation>Zaustavljeno</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="46" />
        <source>Disabled</source>
        <translation>Onemogućeno</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="96" />
        <source>Stored — type to replace</source>
        <translation>Sačuvano — unesite da biste zamenili</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="96" />
        <source>Paste it here</source>
        <translation>Nalepite ovde</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="107" />
        <source>set</source>
        <translation>postavljeno</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="107" />
        <source>not set</source>
        <translation>nije postavljeno</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/channels/ChannelCard.qml" line="136" />
        <source>%n pairing request(s)</source>
        <translation>
            <numerusform>%n zahtev za uparivanje</numerusform>
            <numerusform>%n zahteva za uparivanje</numerusform>
            <numerusform>%n zahteva za uparivanje</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="146" />
        <source>Enabled</source>
        <translation>Omogućeno</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="148" />
        <source>Enable %1</source>
        <translation>Omogući %1</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="154" />
        <source>Last error: %1</source>
        <translation>Poslednja greška: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/channels/ChannelCard.qml" line="161" />
        <source>%n reply(s) could not be delivered</source>
        <translation>
            <numerusform>%n odgovor nije mogao da se isporuči</numerusform>
            <numerusform>%n odgovora nisu mogla da se isporuče</numerusform>
            <numerusform>%n odgovora nije moglo da se isporuči</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="171" />
        <source>Who may talk</source>
        <translation>Ko sme da piše</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="181" />
        <source>Pairing: strangers get a code to approve</source>
        <translation>Uparivanje: nepoznati dobijaju kôd za odobrenje</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="182" />
        <source>Allowlist: only listed accounts</source>
        <translation>Lista dozvoljenih: samo navedeni nalozi</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="183" />
        <source>Open: anyone</source>
        <translation>Otvoreno: svako</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="185" />
        <source>Who may talk to Skynet on %1</source>
        <translation>Ko sme da razgovara sa Skynetom preko %1</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="203" />
        <source>Phone number id</source>
        <translation>ID broja telefona</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="211" />
        <source>WhatsApp phone number id</source>
        <translation>WhatsApp ID broja telefona</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="237" />
        <source>Test connection</source>
        <translation>Testiraj vezu</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="238" />
        <source>Test the %1 connection</source>
        <translation>Testiraj vezu sa %1</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="245" />
        <source>Save</source>
        <translation>Sačuvaj</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelCard.qml" line="246" />
        <source>Save %1 and restart the gateway</source>
        <translation>Sačuvaj %1 i ponovo pokreni gateway</translation>
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
        <translation>Veb ćaskanje</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="46" />
        <source>Bot token</source>
        <translation>Token bota</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="48" />
        <source>Access token</source>
        <translation>Pristupni token</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="49" />
        <source>App secret</source>
        <translation>Tajna aplikacije</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="50" />
        <source>Verify token</source>
        <translation>Token za verifikaciju</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="147" />
        <source>Cannot read the channel status: %1</source>
        <translation>Nije moguće pročitati stanje kanala: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="157" />
        <source>Cannot read the pairing requests: %1</source>
        <translation>Nije moguće pročitati zahteve za uparivanje: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="214" />
        <source>Unknown channel: %1</source>
        <translation>Nepoznat kanal: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="218" />
        <source>Choose who may talk to Skynet: pairing, allowlist or open.</source>
        <translation>Izaberite ko sme da razgovara sa Skynetom: uparivanje, lista dozvoljenih ili otvoreno.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="228" />
        <source>%1 has no setting %2.</source>
        <translation>%1 nema podešavanje %2.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="235" />
        <source>%1: the %2 contains characters a token cannot have (spaces, '/', non-ASCII).</source>
        <translation>%1: %2 sadrži znakove koje token ne može da ima (razmake, '/', znakove van ASCII skupa).</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="245" />
        <source>WhatsApp: the phone number id must be digits only.</source>
        <translation>WhatsApp: ID broja telefona sme da sadrži samo cifre.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="259" />
        <source>%1: enter the %2 before enabling the channel.</source>
        <translation>%1: unesite %2 pre nego što omogućite kanal.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="264" />
        <source>WhatsApp: enter the phone number id before enabling the channel.</source>
        <translation>WhatsApp: unesite ID broja telefona pre nego što omogućite kanal.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="269" />
        <location filename="../app/backend/channels/channelscontroller.cpp" line="288" />
        <source>The settings did not come from a configuration file, so they cannot be saved here.</source>
        <translation>Podešavanja ne potiču iz konfiguracione datoteke, pa ne mogu da se sačuvaju ovde.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="290" />
        <source>Cannot open %1: %2</source>
        <translation>Nije moguće otvoriti %1: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="292" />
        <source>Cannot store the %1 in %2: %3</source>
        <translation>Nije moguće sačuvati %1 u %2: %3</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="296" />
        <source>The gateway could not start with these settings, so the previous ones are back: %1</source>
        <translation>Gateway nije mogao da se pokrene sa ovim podešavanjima, pa su vraćena prethodna: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="299" />
        <source>Cannot save %1: %2</source>
        <translation>Nije moguće sačuvati %1: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="303" />
        <source>%1 saved; the gateway restarted.</source>
        <translation>%1 je sačuvan; gateway je ponovo pokrenut.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="313" />
        <source>This channel has no connection test.</source>
        <translation>Ovaj kanal nema test veze.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="339" />
        <source>Testing…</source>
        <translation>Testira se…</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="343" />
        <source>Enter the token first.</source>
        <translation>Prvo unesite token.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="352" />
        <source>Connected as %1.</source>
        <translation>Povezano kao %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="353" />
        <source>The platform refused: %1</source>
        <translation>Platforma je odbila: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="379" />
        <source>The gateway is not running.</source>
        <translation>Gateway ne radi.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="386" />
        <source>Cannot approve %1: %2</source>
        <translation>Nije moguće odobriti %1: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="387" />
        <source>Cannot reject %1: %2</source>
        <translation>Nije moguće odbiti %1: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="392" />
        <source>Approved %1 on %2.</source>
        <translation>Odobren je %1 preko %2.</translation>
    </message>
    <message>
        <location filename="../app/backend/channels/channelscontroller.cpp" line="393" />
        <source>Rejected %1 on %2.</source>
        <translation>Odbijen je %1 preko %2.</translation>
    </message>
</context>
<context>
    <name>ChannelsPage</name>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="17" />
        <location filename="../qml/channels/ChannelsPage.qml" line="153" />
        <source>Channels</source>
        <translation>Kanali</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="41" />
        <source>Refresh</source>
        <translation>Osveži</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="42" />
        <source>Refresh the channel status</source>
        <translation>Osveži stanje kanala</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="72" />
        <source>Dismiss</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="73" />
        <source>Dismiss the error</source>
        <translation>Zatvori poruku o grešci</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="90" />
        <source>Pairing requests</source>
        <translation>Zahtevi za uparivanje</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="95" />
        <source>Nobody is waiting. When a stranger writes to a channel in pairing mode, they get a code and appear here.</source>
        <translation>Niko ne čeka. Kada nepoznata osoba piše kanalu u režimu uparivanja, dobija kôd i pojavljuje se ovde.</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="124" />
        <source>%1 on %2</source>
        <translation>%1 preko %2</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="130" />
        <source>Code %1 · asked %2</source>
        <translation>Kôd %1 · zatraženo %2</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="136" />
        <source>Approve</source>
        <translation>Odobri</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="138" />
        <source>Approve %1</source>
        <translation>Odobri %1</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="143" />
        <source>Reject</source>
        <translation>Odbij</translation>
    </message>
    <message>
        <location filename="../qml/channels/ChannelsPage.qml" line="144" />
        <source>Reject %1</source>
        <translation>Odbij %1</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="106" />
        <source>The gateway restarted while the answer was being written.</source>
        <translation>Gateway je ponovo pokrenut dok se odgovor pisao.</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="172" />
        <source>Could not list the chat sessions: %1</source>
        <translation>Nije moguće izlistati sesije ćaskanja: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="212" />
        <source>Could not list the models: %1</source>
        <translation>Nije moguće izlistati modele: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="250" />
        <source>Could not load the conversation: %1</source>
        <translation>Nije moguće učitati razgovor: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="371" />
        <source>The message is too long: %1 characters, at most %2 can be sent.</source>
        <translation>Poruka je predugačka: %1 znakova, a može se poslati najviše %2.</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="378" />
        <source>The gateway is not running; start it on the Dashboard page.</source>
        <translation>Gateway ne radi; pokrenite ga na stranici Pregled.</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="402" />
        <source>The message was not sent: %1</source>
        <translation>Poruka nije poslata: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="421" />
        <source>Could not stop the answer: %1</source>
        <translation>Nije moguće zaustaviti odgovor: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/chat/chatcontroller.cpp" line="472" />
        <source>The model did not answer.</source>
        <translation>Model nije odgovorio.</translation>
    </message>
</context>
<context>
    <name>ChatMessageDelegate</name>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="27" />
        <source>Thinking…</source>
        <translation>Razmišlja…</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="29" />
        <source>Writing…</source>
        <translation>Piše…</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="31" />
        <source>Stopped</source>
        <translation>Zaustavljeno</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="33" />
        <source>Failed</source>
        <translation>Neuspelo</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="43" />
        <source>You: %1</source>
        <translation>Vi: %1</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatMessageDelegate.qml" line="43" />
        <source>Assistant: %1</source>
        <translation>Asistent: %1</translation>
    </message>
</context>
<context>
    <name>ChatModelsModel</name>
    <message>
        <location filename="../app/backend/chat/chatmodelsmodel.cpp" line="13" />
        <source>Automatic</source>
        <translation>Automatski</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="23" />
        <source>Chat</source>
        <translation>Ćaskanje</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="45" />
        <source>New chat</source>
        <translation>Novo ćaskanje</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="47" />
        <source>Start a new chat session</source>
        <translation>Započni novu sesiju ćaskanja</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="65" />
        <source>Chat sessions</source>
        <translation>Sesije ćaskanja</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="110" />
        <source>Model:</source>
        <translation>Model:</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="121" />
        <source>Model for the next message</source>
        <translation>Model za sledeću poruku</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="156" />
        <source>Dismiss</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="179" />
        <source>Conversation</source>
        <translation>Razgovor</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="198" />
        <source>Ask something. Enter sends, Shift+Enter starts a new line.</source>
        <translation>Pitajte nešto. Enter šalje, Shift+Enter započinje novi red.</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="199" />
        <source>The gateway is not running. Start it on the Dashboard page.</source>
        <translation>Gateway ne radi. Pokrenite ga na stranici Pregled.</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="218" />
        <source>Message</source>
        <translation>Poruka</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="225" />
        <source>Message to the assistant</source>
        <translation>Poruka asistentu</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="239" />
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="245" />
        <source>Send</source>
        <translation>Pošalji</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="249" />
        <source>Send the message</source>
        <translation>Pošalji poruku</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="255" />
        <source>Stop</source>
        <translation>Zaustavi</translation>
    </message>
    <message>
        <location filename="../qml/chat/ChatPage.qml" line="257" />
        <source>Stop the answer</source>
        <translation>Zaustavi odgovor</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="101" />
        <source>Unavailable</source>
        <translation>Nedostupan</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="104" />
        <source>Recovering</source>
        <translation>Oporavlja se</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="107" />
        <source>Healthy</source>
        <translation>Ispravan</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="113" />
        <source>local</source>
        <translation>lokalni</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="144" />
        <source>Running</source>
        <translation>Radi</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="147" />
        <source>Failed</source>
        <translation>Neuspeh</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="150" />
        <source>Starting</source>
        <translation>Pokreće se</translation>
    </message>
    <message>
        <location filename="../app/backend/dashboard/dashboardcontroller.cpp" line="150" />
        <source>Stopped</source>
        <translation>Zaustavljen</translation>
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
        <translation>Pregled</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="80" />
        <source>Retry</source>
        <translation>Pokušaj ponovo</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="98" />
        <source>State</source>
        <translation>Stanje</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="106" />
        <location filename="../qml/dashboard/DashboardPage.qml" line="110" />
        <source>Address</source>
        <translation>Adresa</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="116" />
        <location filename="../qml/dashboard/DashboardPage.qml" line="120" />
        <source>WebSocket URL</source>
        <translation>WebSocket adresa</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="126" />
        <location filename="../qml/dashboard/DashboardPage.qml" line="130" />
        <source>Uptime</source>
        <translation>Vreme rada</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="136" />
        <location filename="../qml/dashboard/DashboardPage.qml" line="140" />
        <source>Connected clients</source>
        <translation>Povezani klijenti</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="146" />
        <location filename="../qml/dashboard/DashboardPage.qml" line="150" />
        <source>Version</source>
        <translation>Verzija</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="159" />
        <source>Start</source>
        <translation>Pokreni</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="179" />
        <source>Today</source>
        <translation>Danas</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="189" />
        <source>Model calls</source>
        <translation>Pozivi modela</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="193" />
        <source>Model calls today</source>
        <translation>Pozivi modela danas</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="197" />
        <source>Cost</source>
        <translation>Trošak</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="201" />
        <source>Cost today</source>
        <translation>Trošak danas</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="205" />
        <source>Pairing requests</source>
        <translation>Zahtevi za uparivanje</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="209" />
        <source>Pending pairing requests</source>
        <translation>Zahtevi za uparivanje na čekanju</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="219" />
        <source>Providers</source>
        <translation>Dobavljači</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="220" />
        <source>No model provider is configured.</source>
        <translation>Nijedan dobavljač modela nije podešen.</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="228" />
        <source>Channels</source>
        <translation>Kanali</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="229" />
        <source>No channel is enabled.</source>
        <translation>Nijedan kanal nije uključen.</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="255" />
        <source>Recent warnings and errors</source>
        <translation>Skorašnja upozorenja i greške</translation>
    </message>
    <message>
        <location filename="../qml/dashboard/DashboardPage.qml" line="261" />
        <source>None since Skynet started.</source>
        <translation>Nijedno od pokretanja Skyneta.</translation>
    </message>
</context>
<context>
    <name>DesktopIntegration</name>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="193" />
        <source>Skynet keeps running</source>
        <translation>Skynet nastavlja da radi</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="194" />
        <source>The gateway still runs in the system tray. Choose Quit in its menu to exit.</source>
        <translation>Gateway i dalje radi u sistemskoj traci. Izaberite Izađi u njenom meniju da biste ga zatvorili.</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="317" />
        <source>Skynet</source>
        <translation>Skynet</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="323" />
        <source>Skynet: gateway running on %1, 1 client</source>
        <translation>Skynet: gateway radi na %1, 1 klijent</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="324" />
        <source>Skynet: gateway running on %1, %2 clients</source>
        <translation>Skynet: gateway radi na %1, klijenata: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="327" />
        <source>Skynet: gateway starting on %1</source>
        <translation>Skynet: gateway se pokreće na %1</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="330" />
        <source>Skynet: gateway failed: %1</source>
        <translation>Skynet: greška gatewaya: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/desktopintegration.cpp" line="333" />
        <source>Skynet: gateway stopped</source>
        <translation>Skynet: gateway je zaustavljen</translation>
    </message>
</context>
<context>
    <name>GatewayHost</name>
    <message>
        <location filename="../app/backend/gatewayhost.cpp" line="33" />
        <location filename="../app/backend/gatewayhost.cpp" line="74" />
        <source>Skynet desktop</source>
        <translation>Skynet radna površina</translation>
    </message>
</context>
<context>
    <name>GatewayStatus</name>
    <message>
        <location filename="../app/backend/gatewaystatus.cpp" line="134" />
        <source>1 day %1</source>
        <extracomment>Uptime of one to two days; %1 is hours:minutes:seconds</extracomment>
        <translation>1 dan %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/backend/gatewaystatus.cpp" line="137" />
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
        <location filename="../app/backend/logs/logmodel.cpp" line="119" />
        <source>Debug</source>
        <translation>Otklanjanje grešaka</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="121" />
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="123" />
        <source>Warning</source>
        <translation>Upozorenje</translation>
    </message>
    <message>
        <location filename="../app/backend/logs/logmodel.cpp" line="125" />
        <source>Error</source>
        <translation>Greška</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="16" />
        <source>Logs</source>
        <translation>Dnevnik</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="44" />
        <source>Level</source>
        <translation>Nivo</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51" />
        <source>Debug and above</source>
        <translation>Otklanjanje grešaka i više</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51" />
        <source>Info and above</source>
        <translation>Info i više</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51" />
        <source>Warnings and errors</source>
        <translation>Upozorenja i greške</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="51" />
        <source>Errors only</source>
        <translation>Samo greške</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="52" />
        <source>Minimum level</source>
        <translation>Najniži nivo</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="59" />
        <source>Filter by text or category</source>
        <translation>Filtriraj po tekstu ili kategoriji</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="61" />
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="68" />
        <source>Follow</source>
        <translation>Prati</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="73" />
        <source>Copy</source>
        <translation>Kopiraj</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="82" />
        <source>Clear</source>
        <translation>Očisti</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="89" />
        <source>%1 of %2 lines</source>
        <translation>%1 od %2 redova</translation>
    </message>
    <message>
        <location filename="../qml/logs/LogsPage.qml" line="110" />
        <source>Log lines</source>
        <translation>Redovi dnevnika</translation>
    </message>
</context>
<context>
    <name>MachineInfo</name>
    <message>
        <location filename="../app/backend/providers/machineinfo.cpp" line="129" />
        <source>Enough memory for a 14-billion-parameter model.</source>
        <translation>Dovoljno memorije za model sa 14 milijardi parametara.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/machineinfo.cpp" line="133" />
        <source>Enough memory for an 8-billion-parameter model.</source>
        <translation>Dovoljno memorije za model sa 8 milijardi parametara.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/machineinfo.cpp" line="137" />
        <source>A small 3-billion-parameter model fits this machine.</source>
        <translation>Ovom računaru odgovara mali model sa 3 milijarde parametara.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/machineinfo.cpp" line="140" />
        <source>Little memory: a 1-billion-parameter model is the one that runs well here.</source>
        <translation>Malo memorije: ovde dobro radi model sa 1 milijardom parametara.</translation>
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
        <translation>Stranice</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="145" />
        <source>Dashboard</source>
        <translation>Pregled</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="147" />
        <source>Chat</source>
        <translation>Ćaskanje</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="149" />
        <source>Channels</source>
        <translation>Kanali</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="151" />
        <source>Providers &amp; Models</source>
        <translation>Dobavljači i modeli</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="153" />
        <source>Users</source>
        <translation>Korisnici</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="155" />
        <source>Audit log</source>
        <translation>Dnevnik revizije</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="157" />
        <source>Settings</source>
        <translation>Podešavanja</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="159" />
        <source>Logs</source>
        <translation>Dnevnik</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="87" />
        <source>Someone</source>
        <translation>Neko</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="88" />
        <source>Pairing request on %1</source>
        <translation>Zahtev za uparivanje preko %1</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="89" />
        <source>%1 asks to talk to Skynet (code %2). Approve or reject it under Users.</source>
        <translation>%1 traži da razgovara sa Skynetom (kôd %2). Odobrite ili odbijte zahtev u odeljku Korisnici.</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="94" />
        <source>Skynet gateway error</source>
        <translation>Greška Skynet gatewaya</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="100" />
        <source>A reply on %1 was not delivered</source>
        <translation>Odgovor preko %1 nije isporučen</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="101" />
        <source>The platform refused it.</source>
        <translation>Platforma ga je odbila.</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="115" />
        <source>Provider %1 is down</source>
        <translation>Dobavljač %1 ne radi</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/notifier.cpp" line="116" />
        <source>Requests go to the other providers; Skynet retries it after a pause.</source>
        <translation>Zahtevi idu drugim dobavljačima; Skynet će ga ponovo pokušati posle pauze.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/backend/desktop/notifier.cpp" line="154" />
        <source>and %n more</source>
        <translation>
            <numerusform>i još %n događaj</numerusform>
            <numerusform>i još %n događaja</numerusform>
            <numerusform>i još %n događaja</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/backend/desktop/notifier.cpp" line="164" />
        <source>Skynet: %n events</source>
        <translation>
            <numerusform>Skynet: %n događaj</numerusform>
            <numerusform>Skynet: %n događaja</numerusform>
            <numerusform>Skynet: %n događaja</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OllamaController</name>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="76" />
        <source>The download of %1 stopped because the Ollama address changed.</source>
        <translation>Preuzimanje modela %1 je zaustavljeno jer se Ollama adresa promenila.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="115" />
        <source>%1 of %2</source>
        <extracomment>Download progress: "1.2 GB of 4.7 GB"</extracomment>
        <translation>%1 od %2</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="123" />
        <source>Enter a model name, for example llama3.2:3b.</source>
        <translation>Unesite naziv modela, na primer llama3.2:3b.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="125" />
        <source>The model name is too long.</source>
        <translation>Naziv modela je predugačak.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="130" />
        <source>"%1" is not a model name: use letters, digits, '.', '-', '_', '/' and one ':' before the tag.</source>
        <translation>„%1“ nije naziv modela: koristite slova, cifre, '.', '-', '_', '/' i jedno ':' ispred oznake.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="173" />
        <source>Ollama does not answer at %1: %2</source>
        <translation>Ollama ne odgovara na %1: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="194" />
        <source>%1 is still downloading; wait for it or cancel it first.</source>
        <translation>%1 se još preuzima; sačekajte ili prvo otkažite preuzimanje.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="200" />
        <source>Starting…</source>
        <translation>Pokreće se…</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="216" />
        <source>Downloaded</source>
        <translation>Preuzeto</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="222" />
        <source>Cancelled</source>
        <translation>Otkazano</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="226" />
        <source>Failed</source>
        <translation>Neuspelo</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="227" />
        <source>Downloading %1 failed: %2</source>
        <translation>Preuzimanje modela %1 nije uspelo: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/ollamacontroller.cpp" line="275" />
        <source>Deleting %1 failed: %2</source>
        <translation>Brisanje modela %1 nije uspelo: %2</translation>
    </message>
</context>
<context>
    <name>OllamaModelsView</name>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="15" />
        <source>Ollama models</source>
        <translation>Ollama modeli</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="36" />
        <source>Checking %1…</source>
        <translation>Proverava se %1…</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="38" />
        <source>Ollama %1 is running at %2</source>
        <translation>Ollama %1 radi na %2</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="50" />
        <source>Refresh</source>
        <translation>Osveži</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="57" />
        <source>No models installed yet: download one below.</source>
        <translation>Još nema instaliranih modela: preuzmite jedan ispod.</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="72" />
        <source>Installed models</source>
        <translation>Instalirani modeli</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="86" />
        <source>%1, %2, changed %3</source>
        <translation>%1, %2, izmenjen %3</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="104" />
        <source>%1 · %2 · changed %3</source>
        <translation>%1 · %2 · izmenjen %3</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="105" />
        <source>%1 · changed %2</source>
        <translation>%1 · izmenjen %2</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="113" />
        <source>Delete</source>
        <translation>Obriši</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="115" />
        <source>Delete %1</source>
        <translation>Obriši %1</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="130" />
        <source>Model to download, e.g. llama3.2:3b</source>
        <translation>Model za preuzimanje, npr. llama3.2:3b</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="132" />
        <source>Model to download</source>
        <translation>Model za preuzimanje</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="140" />
        <source>Download</source>
        <translation>Preuzmi</translation>
    </message>
    <message>
        <location filename="../qml/providers/OllamaModelsView.qml" line="150" />
        <source>Find model names at ollama.com/library. Downloads can be several gigabytes.</source>
        <translation>Nazive modela potražite na ollama.com/library. Preuzimanja mogu imati i po nekoliko gigabajta.</translation>
    </message>
</context>
<context>
    <name>ProviderCard</name>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="28" />
        <source>Use this provider</source>
        <translation>Koristi ovog dobavljača</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="35" />
        <source>Health</source>
        <translation>Stanje</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="46" />
        <source>Address</source>
        <translation>Adresa</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="55" />
        <source>Default: %1</source>
        <translation>Podrazumevano: %1</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="57" />
        <source>%1 address</source>
        <translation>Adresa za %1</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="72" />
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="82" />
        <source>%1 default model</source>
        <translation>Podrazumevani model za %1</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="97" />
        <source>API key</source>
        <translation>API ključ</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="121" />
        <source>Paste a new key</source>
        <translation>Nalepite novi ključ</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="122" />
        <source>New %1 API key</source>
        <translation>Novi API ključ za %1</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="130" />
        <source>Use key</source>
        <translation>Koristi ključ</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="139" />
        <source>Remove</source>
        <translation>Ukloni</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProviderCard.qml" line="141" />
        <source>Remove the %1 API key</source>
        <translation>Ukloni API ključ za %1</translation>
    </message>
</context>
<context>
    <name>ProviderEntry</name>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="54" />
        <source>Enter the model to use, for example %1.</source>
        <translation>Unesite model koji želite da koristite, na primer %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="60" />
        <source>The model name must not contain spaces, quotes or backslashes.</source>
        <translation>Naziv modela ne sme da sadrži razmake, navodnike ni obrnute kose crte.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="75" />
        <source>Will be removed when you apply</source>
        <translation>Biće uklonjen kada primenite</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="75" />
        <source>New key, saved when you apply</source>
        <translation>Novi ključ, čuva se kada primenite</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="79" />
        <source>Not set (the environment variable %1 is empty)</source>
        <translation>Nije postavljen (promenljiva okruženja %1 je prazna)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="80" />
        <source>Not set</source>
        <translation>Nije postavljen</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="84" />
        <source>Set from the environment variable %1</source>
        <translation>Postavljen iz promenljive okruženja %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="86" />
        <source>Set from the file %1</source>
        <translation>Postavljen iz datoteke %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="89" />
        <source>Set (stored %1)</source>
        <extracomment>%1 says where, e.g. "in the system keychain"</extracomment>
        <translation>Postavljen (sačuvan %1)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="91" />
        <source>Set (written in skynet.toml: apply to move it to the secret store)</source>
        <translation>Postavljen (upisan u skynet.toml: primenite da biste ga premestili u skladište tajni)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="122" />
        <source>Paste the API key; it must not be empty.</source>
        <translation>Nalepite API ključ; ne sme biti prazan.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="124" />
        <source>This is too short to be an API key.</source>
        <translation>Ovo je prekratko za API ključ.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="126" />
        <source>This is too long to be an API key.</source>
        <translation>Ovo je predugačko za API ključ.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="129" />
        <source>An API key has no spaces, line breaks or non-ASCII characters; check what you pasted.</source>
        <translation>API ključ nema razmake, prelome redova ni znakove van ASCII skupa; proverite šta ste nalepili.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="141" />
        <source>"%1" is not a web address: use http://host:port or https://host.</source>
        <translation>„%1“ nije veb adresa: koristite http://host:port ili https://host.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerentry.cpp" line="143" />
        <source>Do not put a user name or password in the address.</source>
        <translation>Ne stavljajte korisničko ime ni lozinku u adresu.</translation>
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
        <translation>Kompatibilan sa OpenAI</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="126" />
        <source>Unknown: %1</source>
        <translation>Nepoznat: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="136" />
        <source>Disabled</source>
        <translation>Isključen</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="138" />
        <source>Not used: offline mode allows only this machine</source>
        <translation>Ne koristi se: režim van mreže dozvoljava samo ovaj računar</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="140" />
        <source>Not used: no API key or address</source>
        <translation>Ne koristi se: nema API ključa ni adrese</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="151" />
        <source>Healthy (%1 ms)</source>
        <translation>Ispravan (%1 ms)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="152" />
        <source>Ready (no calls yet)</source>
        <translation>Spreman (još nema poziva)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="154" />
        <source>Recovering: trying again</source>
        <translation>Oporavlja se: novi pokušaj</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="156" />
        <source>Unavailable</source>
        <translation>Nedostupan</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="156" />
        <source>Unavailable: %1</source>
        <translation>Nedostupan: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="229" />
        <source>Name a provider and model, for example ollama:llama3.2.</source>
        <translation>Navedite dobavljača i model, na primer ollama:llama3.2.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="232" />
        <source>Use provider:model (for example anthropic:claude-sonnet-4-5), without spaces or quotes.</source>
        <translation>Koristite oblik dobavljač:model (na primer anthropic:claude-sonnet-4-5), bez razmaka i navodnika.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="248" />
        <source>Trivial tier</source>
        <translation>Trivijalni nivo</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="249" />
        <source>Standard tier</source>
        <translation>Standardni nivo</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="249" />
        <source>Complex tier</source>
        <translation>Složeni nivo</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="255" />
        <source>Routing mode must be automatic or fixed.</source>
        <translation>Režim usmeravanja mora biti automatski ili fiksni.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="306" />
        <source>These settings did not come from a file, so they cannot be saved.</source>
        <translation>Ova podešavanja ne potiču iz datoteke, pa ne mogu da se sačuvaju.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="308" />
        <source>There is no secret store to keep API keys in.</source>
        <translation>Nema skladišta tajni u kojem bi se čuvali API ključevi.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="310" />
        <source>Cannot read %1: %2</source>
        <translation>Nije moguće pročitati %1: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="312" />
        <source>Cannot store the API key: %1</source>
        <translation>API ključ ne može da se sačuva: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="315" />
        <source>The gateway could not start with these settings, so the previous ones are back: %1</source>
        <translation>Gateway nije mogao da se pokrene sa ovim podešavanjima, pa su vraćena prethodna: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="317" />
        <source>Cannot save %1: %2</source>
        <translation>Nije moguće sačuvati %1: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/providerscontroller.cpp" line="321" />
        <source>Saved to %1 and restarted the gateway.</source>
        <translation>Sačuvano u %1 i gateway je ponovo pokrenut.</translation>
    </message>
</context>
<context>
    <name>ProvidersErrorBanner</name>
    <message>
        <location filename="../qml/providers/ProvidersErrorBanner.qml" line="40" />
        <source>Dismiss</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersErrorBanner.qml" line="41" />
        <source>Dismiss the error</source>
        <translation>Zatvori poruku o grešci</translation>
    </message>
</context>
<context>
    <name>ProvidersPage</name>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="15" />
        <source>Providers &amp; Models</source>
        <translation>Dobavljači i modeli</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="77" />
        <source>Ollama connection</source>
        <translation>Veza sa Ollama</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="85" />
        <source>Paste a new key (sk-ant-…)</source>
        <translation>Nalepite novi ključ (sk-ant-…)</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="91" />
        <source>Paste a new key (not needed for a local server)</source>
        <translation>Nalepite novi ključ (nije potreban za lokalni server)</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="97" />
        <source>Routing</source>
        <translation>Usmeravanje</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="109" />
        <source>Mode</source>
        <translation>Režim</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="116" />
        <source>Automatic: pick a tier for every message</source>
        <translation>Automatski: izbor nivoa za svaku poruku</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="117" />
        <source>Fixed: always the standard tier</source>
        <translation>Fiksni: uvek standardni nivo</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="120" />
        <source>Routing mode</source>
        <translation>Režim usmeravanja</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="126" />
        <source>Trivial</source>
        <translation>Trivijalni</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="130" />
        <source>Trivial tier</source>
        <translation>Trivijalni nivo</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="136" />
        <source>Standard</source>
        <translation>Standardni</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="140" />
        <source>Standard tier</source>
        <translation>Standardni nivo</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="146" />
        <source>Complex</source>
        <translation>Složeni</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="150" />
        <source>Complex tier</source>
        <translation>Složeni nivo</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="158" />
        <source>Privacy mode: only models on this machine answer</source>
        <translation>Režim privatnosti: odgovaraju samo modeli na ovom računaru</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="166" />
        <source>Offline mode: no network beyond this machine at all</source>
        <translation>Režim van mreže: nikakva mreža izvan ovog računara</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="189" />
        <source>Applying…</source>
        <translation>Primenjuje se…</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="191" />
        <source>Unsaved changes</source>
        <translation>Nesačuvane izmene</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="197" />
        <source>Run setup again</source>
        <translation>Ponovo pokreni podešavanje</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="203" />
        <source>Revert</source>
        <translation>Poništi</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="209" />
        <source>Apply</source>
        <translation>Primeni</translation>
    </message>
    <message>
        <location filename="../qml/providers/ProvidersPage.qml" line="212" />
        <source>Saves skynet.toml and restarts the gateway</source>
        <translation>Čuva skynet.toml i ponovo pokreće gateway</translation>
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
        <translation>Otkaži</translation>
    </message>
    <message>
        <location filename="../qml/providers/PullProgress.qml" line="35" />
        <source>Cancel the download of %1</source>
        <translation>Otkaži preuzimanje modela %1</translation>
    </message>
    <message>
        <location filename="../qml/providers/PullProgress.qml" line="46" />
        <source>Download progress</source>
        <translation>Napredak preuzimanja</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="160" />
        <source>System default</source>
        <translation>Jezik sistema</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="169" />
        <source>Unknown language: %1</source>
        <translation>Nepoznat jezik: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="176" />
        <source>The translation for %1 is missing.</source>
        <translation>Nedostaje prevod za %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="203" />
        <source>The port must be a number from 1 to 65535.</source>
        <translation>Port mora biti broj od 1 do 65535.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="208" />
        <source>The address must be an IP address such as 127.0.0.1, or localhost.</source>
        <translation>Adresa mora biti IP adresa kao 127.0.0.1, ili localhost.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="212" />
        <source>Beyond this computer clients must authenticate: choose token or password.</source>
        <translation>Izvan ovog računara klijenti moraju da se prijave: izaberite token ili lozinku.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="221" />
        <source>These settings come from the command line or environment and cannot be saved here.</source>
        <translation>Ova podešavanja dolaze iz komandne linije ili okruženja i ne mogu se ovde sačuvati.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="224" />
        <source>The gateway could not start with these settings, so the previous ones are back: %1</source>
        <translation>Gateway nije mogao da se pokrene sa ovim podešavanjima, pa su vraćena prethodna: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="232" />
        <source>Saved. The gateway now listens on %1.</source>
        <translation>Sačuvano. Gateway sada sluša na %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="247" />
        <location filename="../app/backend/settings/settingscontroller.cpp" line="264" />
        <source>No gateway token is set.</source>
        <translation>Gateway token nije postavljen.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="252" />
        <source>The gateway token is on the clipboard.</source>
        <translation>Gateway token je u ostavi.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="262" />
        <source>No secret store is available.</source>
        <translation>Skladište tajni nije dostupno.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="266" />
        <source>The gateway token comes from %1; change it there.</source>
        <translation>Gateway token dolazi iz %1; promenite ga tamo.</translation>
    </message>
    <message>
        <location filename="../app/backend/settings/settingscontroller.cpp" line="272" />
        <source>A new gateway token is in place; connected clients must use it.</source>
        <translation>Novi gateway token je aktivan; povezani klijenti moraju da ga koriste.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="16" />
        <source>Settings</source>
        <translation>Podešavanja</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="55" />
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="65" />
        <source>Listen on</source>
        <translation>Sluša na</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="71" />
        <source>Listen address</source>
        <translation>Adresa za slušanje</translation>
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
        <translation>Klijenti se prijavljuju sa</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97" />
        <source>The gateway token</source>
        <translation>Gateway tokenom</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97" />
        <source>A password</source>
        <translation>Lozinkom</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="97" />
        <source>Nothing (this computer only)</source>
        <translation>Bez prijave (samo ovaj računar)</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="99" />
        <source>Authentication</source>
        <translation>Prijava</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="105" />
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="108" />
        <source>Available</source>
        <translation>Dostupan</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="109" />
        <source>Not available in this build: keep the gateway on this computer (127.0.0.1), or put a TLS proxy in front of it.</source>
        <translation>Nije dostupan u ovoj verziji: držite gateway na ovom računaru (127.0.0.1) ili ispred njega postavite TLS proksi.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="122" />
        <source>Accept unencrypted connections from the network</source>
        <translation>Prihvati nešifrovane veze iz mreže</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="132" />
        <source>Other computers will be able to reach Skynet. Anyone who has the gateway token can use it as an administrator.</source>
        <translation>Drugi računari će moći da pristupe Skynetu. Svako ko ima gateway token može da ga koristi kao administrator.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="143" />
        <source>Save and restart the gateway</source>
        <translation>Sačuvaj i ponovo pokreni gateway</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="150" />
        <source>Revert</source>
        <translation>Poništi</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="157" />
        <location filename="../qml/settings/SettingsPage.qml" line="174" />
        <source>Gateway token</source>
        <translation>Gateway token</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="165" />
        <source>Clients (the OpenClaw apps, scripts) connect with this token. It gives full access.</source>
        <translation>Klijenti (OpenClaw aplikacije, skripte) se povezuju ovim tokenom. On daje pun pristup.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="175" />
        <source>not set</source>
        <translation>nije postavljen</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="180" />
        <source>Copy</source>
        <translation>Kopiraj</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="186" />
        <source>Cancel</source>
        <translation>Otkaži</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="186" />
        <source>New token…</source>
        <translation>Novi token…</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="197" />
        <source>Clients using the current token will be disconnected.</source>
        <translation>Klijenti sa trenutnim tokenom biće prekinuti.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="202" />
        <source>Replace the token</source>
        <translation>Zameni token</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="212" />
        <source>Secrets (tokens, API keys) are kept in the system keychain.</source>
        <translation>Tajne (tokeni, API ključevi) čuvaju se u sistemskom privesku ključeva.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="213" />
        <source>No keychain is available: secrets are kept in %1, readable only by you.</source>
        <translation>Privezak ključeva nije dostupan: tajne se čuvaju u %1, čitljivo samo vama.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="222" />
        <source>Desktop</source>
        <translation>Radna površina</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="231" />
        <source>Start Skynet when I log in (in the tray)</source>
        <translation>Pokreni Skynet pri prijavi (u sistemskoj traci)</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="238" />
        <source>Notify me of pairing requests and failures</source>
        <translation>Obaveštavaj me o zahtevima za uparivanje i greškama</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="244" />
        <source>No system tray was found: closing the window quits Skynet.</source>
        <translation>Sistemska traka nije pronađena: zatvaranje prozora gasi Skynet.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="261" />
        <source>Appearance</source>
        <translation>Izgled</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="271" />
        <location filename="../qml/settings/SettingsPage.qml" line="277" />
        <source>Colours</source>
        <translation>Boje</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="275" />
        <source>Follow the system</source>
        <translation>Prema sistemu</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="275" />
        <source>Light</source>
        <translation>Svetla</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="275" />
        <source>Dark</source>
        <translation>Tamna</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="283" />
        <location filename="../qml/settings/SettingsPage.qml" line="292" />
        <source>Language</source>
        <translation>Jezik</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsPage.qml" line="309" />
        <source>Configuration file: %1</source>
        <translation>Datoteka podešavanja: %1</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="133" />
        <source>Skynet setup</source>
        <translation>Podešavanje Skyneta</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="149" />
        <source>Welcome to Skynet</source>
        <translation>Dobro došli u Skynet</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="156" />
        <source>Step %1 of %2</source>
        <translation>Korak %1 od %2</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="193" />
        <source>Local models with Ollama</source>
        <translation>Lokalni modeli uz Ollama</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="194" />
        <source>Skynet can answer with models that run on this computer through Ollama, so your conversations never leave it.</source>
        <translation>Skynet može da odgovara pomoću modela koji rade na ovom računaru preko Ollama, pa vaši razgovori nikada ne napuštaju računar.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="200" />
        <source>Looking for Ollama at %1…</source>
        <translation>Traži se Ollama na %1…</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="202" />
        <source>Ollama is not running at %1. Install it from ollama.com, start it, then check again. You can also continue without it and use a hosted provider.</source>
        <translation>Ollama ne radi na %1. Instalirajte je sa ollama.com, pokrenite je, pa proverite ponovo. Možete i da nastavite bez nje i koristite dobavljača na mreži.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="204" />
        <source>Ollama %1 is running at %2 and has no models yet: the next step downloads one.</source>
        <translation>Ollama %1 radi na %2 i još nema modela: sledeći korak preuzima jedan.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/wizard/SetupWizard.qml" line="205" />
        <source>Ollama %1 is running at %2 with %n model(s) installed.</source>
        <translation>
            <numerusform>Ollama %1 radi na %2, instaliran je %n model.</numerusform>
            <numerusform>Ollama %1 radi na %2, instalirana su %n modela.</numerusform>
            <numerusform>Ollama %1 radi na %2, instalirano je %n modela.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="212" />
        <source>Check again</source>
        <translation>Proveri ponovo</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="220" />
        <source>A model for this computer</source>
        <translation>Model za ovaj računar</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="229" />
        <source>Memory</source>
        <translation>Memorija</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="236" />
        <source>Processor cores</source>
        <translation>Jezgra procesora</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="242" />
        <source>Graphics</source>
        <translation>Grafika</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="252" />
        <source>Recommended: %1</source>
        <translation>Preporučeno: %1</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="259" />
        <source>%1 The download is %2.</source>
        <translation>%1 Preuzimanje ima %2.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="265" />
        <source>%1 is installed and ready.</source>
        <translation>%1 je instaliran i spreman.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="271" />
        <source>Start Ollama to download it (previous step).</source>
        <translation>Pokrenite Ollama da biste ga preuzeli (prethodni korak).</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="278" />
        <source>Download %1</source>
        <translation>Preuzmi %1</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="298" />
        <source>You, the owner</source>
        <translation>Vi, vlasnik</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="299" />
        <source>You are this gateway's administrator. Other apps connect with the gateway token.</source>
        <translation>Vi ste administrator ovog gatewaya. Druge aplikacije se povezuju pomoću gateway tokena.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="302" />
        <location filename="../qml/wizard/SetupWizard.qml" line="311" />
        <source>Your name</source>
        <translation>Vaše ime</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="309" />
        <source>How the assistant addresses you</source>
        <translation>Kako vam se asistent obraća</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="315" />
        <source>Gateway token</source>
        <translation>Gateway token</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="323" />
        <source>No token (the gateway is not protected by one)</source>
        <translation>Nema tokena (gateway nije zaštićen tokenom)</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="329" />
        <source>Copy</source>
        <translation>Kopiraj</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="331" />
        <source>Copy the gateway token</source>
        <translation>Kopiraj gateway token</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="347" />
        <source>Replace the token?</source>
        <translation>Zameniti token?</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="347" />
        <source>New token</source>
        <translation>Novi token</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="348" />
        <source>Connected apps must then use the new token</source>
        <translation>Povezane aplikacije tada moraju da koriste novi token</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="365" />
        <source>Press again to replace the token. Apps that use the old one will have to be set up again.</source>
        <translation>Pritisnite ponovo da biste zamenili token. Aplikacije koje koriste stari moraće ponovo da se podese.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="375" />
        <source>Copied. Paste it into the app you connect.</source>
        <translation>Kopirano. Nalepite ga u aplikaciju koju povezujete.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="390" />
        <source>Chat from Telegram (optional)</source>
        <translation>Ćaskanje preko Telegrama (opciono)</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="391" />
        <source>Create a bot with @BotFather in Telegram and paste its token here. You can also do this later on the Channels page.</source>
        <translation>Napravite bota pomoću @BotFather u Telegramu i ovde nalepite njegov token. To možete uraditi i kasnije na stranici Kanali.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="398" />
        <source>123456789:AA…</source>
        <translation>123456789:AA…</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="400" />
        <source>Telegram bot token</source>
        <translation>Token Telegram bota</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="405" />
        <source>Connect Telegram</source>
        <translation>Poveži Telegram</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="415" />
        <source>Telegram is connected. The bot token is kept in the secret store.</source>
        <translation>Telegram je povezan. Token bota se čuva u skladištu tajni.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="424" />
        <source>All set</source>
        <translation>Sve je spremno</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="425" />
        <source>Chat with the assistant on the Chat page. Providers, models and keys are on Providers &amp; Models; run this setup again from there.</source>
        <translation>Ćaskajte sa asistentom na stranici Ćaskanje. Dobavljači, modeli i ključevi su na stranici Dobavljači i modeli; odatle ponovo pokrenite ovo podešavanje.</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="435" />
        <source>Skip setup</source>
        <translation>Preskoči podešavanje</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="445" />
        <source>Back</source>
        <translation>Nazad</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="451" />
        <source>Finish</source>
        <translation>Završi</translation>
    </message>
    <message>
        <location filename="../qml/wizard/SetupWizard.qml" line="451" />
        <source>Next</source>
        <translation>Dalje</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <location filename="../app/backend/desktop/singleinstance.cpp" line="125" />
        <source>No private folder for the single-instance socket</source>
        <translation>Nema privatne fascikle za soket jedne instance</translation>
    </message>
</context>
<context>
    <name>StatusBadge</name>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="19" />
        <source>Running</source>
        <translation>Radi</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="21" />
        <source>Starting…</source>
        <translation>Pokreće se…</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="23" />
        <source>Failed</source>
        <translation>Neuspelo</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBadge.qml" line="25" />
        <source>Stopped</source>
        <translation>Zaustavljen</translation>
    </message>
</context>
<context>
    <name>SystemTray</name>
    <message>
        <location filename="../app/backend/desktop/systemtray.cpp" line="28" />
        <source>Open Skynet</source>
        <translation>Otvori Skynet</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/systemtray.cpp" line="33" />
        <source>Chat</source>
        <translation>Ćaskanje</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/systemtray.cpp" line="39" />
        <source>Quit Skynet</source>
        <translation>Izađi iz Skyneta</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/systemtray.cpp" line="68" />
        <source>Stop gateway</source>
        <translation>Zaustavi gateway</translation>
    </message>
    <message>
        <location filename="../app/backend/desktop/systemtray.cpp" line="68" />
        <source>Start gateway</source>
        <translation>Pokreni gateway</translation>
    </message>
</context>
<context>
    <name>TerminalApprovalBanner</name>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="23" />
        <source>Terminal commands waiting for approval</source>
        <translation>Komande terminala čekaju odobrenje</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="33" />
        <source>Terminal commands waiting for your approval</source>
        <translation>Komande terminala čekaju vaše odobrenje</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="63" />
        <source>An interactive shell session</source>
        <translation>Interaktivna sesija školjke</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="67" />
        <source>Command: %1</source>
        <translation>Komanda: %1</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="71" />
        <source>Asked by the assistant for %1 in %2</source>
        <translation>Zatražio asistent za %1, u %2</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="71" />
        <source>Asked by %1 in %2</source>
        <translation>Zatražio %1, u %2</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="88" />
        <source>Approve</source>
        <translation>Odobri</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="89" />
        <source>Approve and run the command</source>
        <translation>Odobri i pokreni komandu</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="94" />
        <source>Deny</source>
        <translation>Odbij</translation>
    </message>
    <message>
        <location filename="../qml/terminal/TerminalApprovalBanner.qml" line="95" />
        <source>Deny the command</source>
        <translation>Odbij komandu</translation>
    </message>
</context>
<context>
    <name>TerminalController</name>
    <message>
        <location filename="../app/backend/terminal/terminalcontroller.cpp" line="99" />
        <location filename="../app/backend/terminal/terminalcontroller.cpp" line="111" />
        <source>The gateway is not running.</source>
        <translation>Gateway ne radi.</translation>
    </message>
</context>
<context>
    <name>TierField</name>
    <message>
        <location filename="../qml/providers/TierField.qml" line="23" />
        <source>provider:model, e.g. ollama:llama3.2</source>
        <translation>dobavljač:model, npr. ollama:llama3.2</translation>
    </message>
</context>
<context>
    <name>UserDetails</name>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="38" />
        <source>The owner: always an admin, cannot be deleted.</source>
        <translation>Vlasnik: uvek administrator, ne može da se obriše.</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="48" />
        <location filename="../qml/users/UserDetails.qml" line="63" />
        <source>Role</source>
        <translation>Uloga</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="57" />
        <source>Admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="58" />
        <source>User</source>
        <translation>Korisnik</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="59" />
        <source>Child</source>
        <translation>Dete</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="68" />
        <source>Change role</source>
        <translation>Promeni ulogu</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="74" />
        <source>Tokens per day</source>
        <translation>Tokena dnevno</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="85" />
        <source>Daily token budget, 0 for no limit</source>
        <translation>Dnevni budžet tokena, 0 za bez ograničenja</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="90" />
        <source>Save budget</source>
        <translation>Sačuvaj budžet</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="97" />
        <source>Used today: %1 of %2 tokens</source>
        <translation>Danas potrošeno: %1 od %2 tokena</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="98" />
        <source>Used today: %1 tokens (no limit)</source>
        <translation>Danas potrošeno tokena: %1 (bez ograničenja)</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="104" />
        <source>Linked accounts</source>
        <translation>Povezani nalozi</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="110" />
        <source>No accounts linked.</source>
        <translation>Nema povezanih naloga.</translation>
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
        <translation>Raskini vezu</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="133" />
        <source>Unlink %1 account %2</source>
        <translation>Raskini vezu sa %1 nalogom %2</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="143" />
        <source>Link an account…</source>
        <translation>Poveži nalog…</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="149" />
        <source>Link code</source>
        <translation>Kôd za povezivanje</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="150" />
        <source>Send "/link %1" from the account to link, within 10 minutes.</source>
        <translation>U roku od 10 minuta pošaljite „/link %1“ sa naloga koji povezujete.</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="157" />
        <source>Memories</source>
        <translation>Sećanja</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="163" />
        <source>Skynet remembers nothing about this person.</source>
        <translation>Skynet ne pamti ništa o ovoj osobi.</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="190" />
        <location filename="../qml/users/UserDetails.qml" line="243" />
        <source>Delete</source>
        <translation>Obriši</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="191" />
        <source>Delete the memory %1</source>
        <translation>Obriši sećanje %1</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="199" />
        <source>Export</source>
        <translation>Izvezi</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="211" />
        <source>File to export to</source>
        <translation>Datoteka za izvoz</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="217" />
        <source>Export as JSON</source>
        <translation>Izvezi kao JSON</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="230" />
        <source>Delete user…</source>
        <translation>Obriši korisnika…</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="235" />
        <source>Delete %1 with their linked accounts and memories? This cannot be undone.</source>
        <translation>Obrisati korisnika %1 zajedno sa povezanim nalozima i sećanjima? Ovo ne može da se opozove.</translation>
    </message>
    <message>
        <location filename="../qml/users/UserDetails.qml" line="251" />
        <source>Cancel</source>
        <translation>Otkaži</translation>
    </message>
</context>
<context>
    <name>UsersController</name>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="106" />
        <source>The gateway is not running.</source>
        <translation>Gateway ne radi.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="177" />
        <source>Enter a name for the new user.</source>
        <translation>Unesite ime novog korisnika.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="181" />
        <location filename="../app/backend/users/userscontroller.cpp" line="202" />
        <source>The role must be admin, user or child.</source>
        <translation>Uloga mora biti administrator, korisnik ili dete.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="187" />
        <source>Created %1.</source>
        <translation>Napravljen je korisnik %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="198" />
        <location filename="../app/backend/users/userscontroller.cpp" line="216" />
        <location filename="../app/backend/users/userscontroller.cpp" line="234" />
        <location filename="../app/backend/users/userscontroller.cpp" line="261" />
        <location filename="../app/backend/users/userscontroller.cpp" line="275" />
        <location filename="../app/backend/users/userscontroller.cpp" line="311" />
        <source>Select a user first.</source>
        <translation>Prvo izaberite korisnika.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="208" />
        <source>Role changed.</source>
        <translation>Uloga je promenjena.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="220" />
        <source>The budget cannot be negative (0 means no limit).</source>
        <translation>Budžet ne može biti negativan (0 znači bez ograničenja).</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="226" />
        <source>Budget saved.</source>
        <translation>Budžet je sačuvan.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="247" />
        <source>Choose an account to unlink.</source>
        <translation>Izaberite nalog čiju vezu raskidate.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="253" />
        <source>Account unlinked.</source>
        <translation>Veza sa nalogom je raskinuta.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="267" />
        <source>Memory deleted.</source>
        <translation>Sećanje je obrisano.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="282" />
        <source>Enter the full path of the file to write.</source>
        <translation>Unesite punu putanju datoteke za upis.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="286" />
        <source>%1 is a folder; enter a file name.</source>
        <translation>%1 je fascikla; unesite naziv datoteke.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="292" />
        <location filename="../app/backend/users/userscontroller.cpp" line="299" />
        <source>Cannot write %1: %2</source>
        <translation>Nije moguće upisati %1: %2</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="303" />
        <source>Exported to %1.</source>
        <translation>Izvezeno u %1.</translation>
    </message>
    <message>
        <location filename="../app/backend/users/userscontroller.cpp" line="317" />
        <source>Deleted %1.</source>
        <translation>Obrisan je korisnik %1.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="17" />
        <location filename="../qml/users/UsersPage.qml" line="90" />
        <source>Users</source>
        <translation>Korisnici</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="54" />
        <source>Dismiss</source>
        <translation>Zatvori</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="55" />
        <source>Dismiss the error</source>
        <translation>Zatvori poruku o grešci</translation>
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
        <translation>Dete</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="120" />
        <location filename="../qml/users/UsersPage.qml" line="150" />
        <source>User</source>
        <translation>Korisnik</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="128" />
        <source>New user</source>
        <translation>Novi korisnik</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="135" />
        <source>Name</source>
        <translation>Ime</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="136" />
        <source>Name of the new user</source>
        <translation>Ime novog korisnika</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="154" />
        <source>Role of the new user</source>
        <translation>Uloga novog korisnika</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="161" />
        <source>Create</source>
        <translation>Napravi</translation>
    </message>
    <message>
        <location filename="../qml/users/UsersPage.qml" line="179" />
        <source>Select a user to see their role, budget, linked accounts and memories.</source>
        <translation>Izaberite korisnika da biste videli njegovu ulogu, budžet, povezane naloge i sećanja.</translation>
    </message>
</context>
<context>
    <name>WizardController</name>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="85" />
        <source>unknown</source>
        <translation>nepoznato</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="92" />
        <source>No graphics card found (models run on the processor)</source>
        <translation>Grafička kartica nije pronađena (modeli rade na procesoru)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="97" />
        <source>%1 (%2 video memory)</source>
        <translation>%1 (%2 video memorije)</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="107" />
        <source>about %1</source>
        <extracomment>%1 is a size like "4.9 GB"</extracomment>
        <translation>oko %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="127" />
        <source>Paste the token that @BotFather gave you.</source>
        <translation>Nalepite token koji vam je dao @BotFather.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="130" />
        <source>This does not look like a bot token: it is digits, a colon, then about 35 letters, digits, '-' or '_'.</source>
        <translation>Ovo ne liči na token bota: on se sastoji od cifara, dvotačke, pa oko 35 slova, cifara, '-' ili '_'.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="208" />
        <source>Enter your name (it is how the assistant addresses you).</source>
        <translation>Unesite svoje ime (tako će vam se asistent obraćati).</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="212" />
        <source>The name is too long (at most 100 characters).</source>
        <translation>Ime je predugačko (najviše 100 znakova).</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="217" />
        <source>The gateway is not running.</source>
        <translation>Gateway ne radi.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="229" />
        <source>Could not save your name: %1</source>
        <translation>Nije moguće sačuvati vaše ime: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="254" />
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="279" />
        <source>The gateway did not restart: %1</source>
        <translation>Gateway nije ponovo pokrenut: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="246" />
        <source>The gateway does not use a token (gateway.auth is "%1").</source>
        <translation>Gateway ne koristi token (gateway.auth je „%1“).</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="248" />
        <source>The gateway token comes from "%1"; change it there.</source>
        <translation>Gateway token dolazi iz „%1“; promenite ga tamo.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="250" />
        <source>There is no secret store for the token.</source>
        <translation>Nema skladišta tajni za token.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="252" />
        <source>Could not store the new token: %1</source>
        <translation>Nije moguće sačuvati novi token: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="273" />
        <source>These settings did not come from a file, so they cannot be saved.</source>
        <translation>Ova podešavanja ne potiču iz datoteke, pa ne mogu da se sačuvaju.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="275" />
        <source>There is no secret store for the bot token.</source>
        <translation>Nema skladišta tajni za token bota.</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="277" />
        <source>Could not store the bot token: %1</source>
        <translation>Nije moguće sačuvati token bota: %1</translation>
    </message>
    <message>
        <location filename="../app/backend/providers/wizardcontroller.cpp" line="281" />
        <source>Cannot save %1: %2</source>
        <translation>Nije moguće sačuvati %1: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="94" />
        <source>Skynet is already running for %1 but does not answer.</source>
        <translation>Skynet već radi za %1, ali ne odgovara.</translation>
    </message>
</context>
</TS>
