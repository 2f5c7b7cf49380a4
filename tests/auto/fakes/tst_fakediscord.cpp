// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The Discord fake, driven by a real QWebSocket and a plain QNetworkAccessManager and checked
// against shared/reference/discord-api.md.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include "fakediscord.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeDiscord;

namespace
{

constexpr int WAIT_MS = 5000;

/// A bare gateway client: collects every frame and the close code.
class Client : public QObject
{
public:
    explicit Client(const QString &url, const QString &query = u"?v=10&encoding=json"_s)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { frames.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
        connect(&socket, &QWebSocket::disconnected, this, [this] {
            closed = true;
            closeCode = int(socket.closeCode());
        });
        socket.open(QUrl(url + query));
    }

    void send(const QJsonObject &payload)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    }
    void identify(const QString &token, qint64 intents)
    {
        send(QJsonObject { { u"op"_s, 2 },
            { u"d"_s,
                QJsonObject { { u"token"_s, token }, { u"intents"_s, intents },
                    { u"properties"_s,
                        QJsonObject { { u"os"_s, u"linux"_s }, { u"browser"_s, u"skynet"_s },
                            { u"device"_s, u"skynet"_s } } } } } });
    }
    void resume(const QString &token, const QString &sessionId, int seq)
    {
        send(QJsonObject { { u"op"_s, 6 },
            { u"d"_s, QJsonObject { { u"token"_s, token }, { u"session_id"_s, sessionId }, { u"seq"_s, seq } } } });
    }
    void heartbeat(const QJsonValue &seq) { send(QJsonObject { { u"op"_s, 1 }, { u"d"_s, seq } }); }

    /// Frames with this op (and event name for op 0).
    QList<QJsonObject> withOp(int op, const QString &t = {}) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &f : frames) {
            if (f.value(u"op"_s).toInt() == op && (t.isEmpty() || f.value(u"t"_s).toString() == t))
                out.append(f);
        }
        return out;
    }
    bool waitFor(int op, const QString &t = {}, int count = 1)
    {
        return QTest::qWaitFor([&] { return withOp(op, t).size() >= count; }, WAIT_MS);
    }
    bool waitClosed()
    {
        return QTest::qWaitFor([&] { return closed; }, WAIT_MS);
    }

    QWebSocket socket;
    QList<QJsonObject> frames;
    bool closed = false;
    int closeCode = 0;
};

struct Result
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< lower-cased names
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class TestFakeDiscord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void helloIdentifyReady();
    void heartbeatAndAck();
    void zombieMode();
    void heartbeatTimeoutClosesResumably();
    void badTokenClosesWith4004();
    void disallowedAndInvalidIntents();
    void messageCreateDeliveredWithSequence();
    void messageContentIntentRespected();
    void resumeReplaysMissedEvents();
    void resumeFailures();
    void reconnectThenResume();
    void invalidSession();
    void faultCloses();
    void restAuthAndErrors();
    void restSendWithNonceIdempotency();
    void restEditAndTyping();
    void rateLimitHeadersAnd429();
    void scriptedGlobalAndSharedRateLimits();
    void contentOver2000Rejected();

private:
    /// Connects, identifies and waits for READY; returns the client (owned by the test).
    Client *ready(qint64 intents = FakeDiscord::CHAT_BOT_INTENTS);
    Result call(const QByteArray &method, const QString &path, const QJsonObject &body = {}, bool auth = true);

    FakeDiscord *m_fake = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    QList<Client *> m_clients;
};

void TestFakeDiscord::init()
{
    m_fake = new FakeDiscord(this);
    m_fake->setHeartbeatIntervalMs(45000); // heartbeats are sent by hand in most tests
    m_fake->setSendGuildCreate(false);
    QVERIFY(m_fake->listen());
    m_nam = new QNetworkAccessManager(this);
}

void TestFakeDiscord::cleanup()
{
    qDeleteAll(m_clients);
    m_clients.clear();
    delete m_nam;
    delete m_fake;
}

Client *TestFakeDiscord::ready(qint64 intents)
{
    auto *client = new Client(m_fake->gatewayUrl());
    m_clients.append(client);
    if (!client->waitFor(10))
        return client;
    client->identify(m_fake->token(), intents);
    client->waitFor(0, u"READY"_s);
    return client;
}

Result TestFakeDiscord::call(const QByteArray &method, const QString &path, const QJsonObject &body, bool auth)
{
    QNetworkRequest request(QUrl(m_fake->apiUrl().toString() + path));
    if (auth)
        request.setRawHeader("Authorization", "Bot " + m_fake->token().toUtf8());
    request.setRawHeader("User-Agent", "DiscordBot (https://example.invalid/skynet, 0.1)");
    QNetworkReply *reply = nullptr;
    if (method == "GET") {
        reply = m_nam->get(request);
    } else {
        request.setRawHeader("Content-Type", "application/json");
        reply = m_nam->sendCustomRequest(request, method, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    Result result;
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, WAIT_MS))
        return result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.insert(pair.first.toLower(), pair.second);
    reply->deleteLater();
    return result;
}

void TestFakeDiscord::helloIdentifyReady()
{
    // GET /gateway (no auth) and /gateway/bot (auth) give the WebSocket URL.
    const Result gateway = call("GET", u"/gateway"_s, {}, false);
    QCOMPARE(gateway.status, 200);
    QCOMPARE(gateway.json().value(u"url"_s).toString(), m_fake->gatewayUrl());
    const Result bot = call("GET", u"/gateway/bot"_s);
    QCOMPARE(bot.status, 200);
    QCOMPARE(bot.json().value(u"url"_s).toString(), m_fake->gatewayUrl());
    QVERIFY(m_fake->gatewayUrl().startsWith(u"ws://127.0.0.1:"_s));
    QCOMPARE(bot.json().value(u"shards"_s).toInt(), 1);
    QCOMPARE(bot.json().value(u"session_start_limit"_s).toObject().value(u"max_concurrency"_s).toInt(), 1);

    m_fake->setHeartbeatIntervalMs(41250);
    m_fake->setSendGuildCreate(true);
    Client client(bot.json().value(u"url"_s).toString());
    QVERIFY(client.waitFor(10));
    const QJsonObject hello = client.frames.first();
    QCOMPARE(hello.value(u"op"_s).toInt(), 10);
    QCOMPARE(hello.value(u"d"_s).toObject().value(u"heartbeat_interval"_s).toInt(), 41250);
    QVERIFY(hello.value(u"s"_s).isNull());
    QVERIFY(hello.value(u"t"_s).isNull());

    client.identify(m_fake->token(), FakeDiscord::CHAT_BOT_INTENTS);
    QVERIFY(client.waitFor(0, u"READY"_s));
    const QJsonObject ready = client.withOp(0, u"READY"_s).first();
    QCOMPARE(ready.value(u"s"_s).toInt(), 1);
    const QJsonObject d = ready.value(u"d"_s).toObject();
    QCOMPARE(d.value(u"v"_s).toInt(), 10);
    QCOMPARE(d.value(u"session_id"_s).toString(), m_fake->lastSessionId());
    QCOMPARE(d.value(u"resume_gateway_url"_s).toString(), m_fake->resumeGatewayUrl());
    QVERIFY(m_fake->resumeGatewayUrl() != m_fake->gatewayUrl());
    const QJsonObject user = d.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"id"_s).toString(), m_fake->botUserId());
    QVERIFY(user.value(u"id"_s).isString()); // snowflakes are strings
    QCOMPARE(user.value(u"bot"_s).toBool(), true);
    QCOMPARE(d.value(u"guilds"_s).toArray().first().toObject().value(u"unavailable"_s).toBool(), true);
    QCOMPARE(d.value(u"application"_s).toObject().value(u"id"_s).toString(), m_fake->applicationId());
    // Guilds then arrive as GUILD_CREATE (GUILDS intent).
    QVERIFY(client.waitFor(0, u"GUILD_CREATE"_s));
    QCOMPARE(client.withOp(0, u"GUILD_CREATE"_s).first().value(u"s"_s).toInt(), 2);
    QCOMPARE(m_fake->identifyCount(), 1);
    QCOMPARE(
        call("GET", u"/gateway/bot"_s).json().value(u"session_start_limit"_s).toObject().value(u"remaining"_s).toInt(),
        999);
    // The fake recorded the IDENTIFY with its payload.
    const FakeDiscord::Connection connection = m_fake->connection(1);
    QCOMPARE(connection.fromClient(2).size(), 1);
    QCOMPARE(connection.fromClient(2).first().d.toObject().value(u"intents"_s).toInt(), 37377);
    QCOMPARE(connection.url.query(), u"v=10&encoding=json"_s);
    QVERIFY(!connection.resumeEndpoint);
}

void TestFakeDiscord::heartbeatAndAck()
{
    Client *client = ready();
    client->heartbeat(QJsonValue());
    QVERIFY(client->waitFor(11));
    client->heartbeat(1);
    QVERIFY(client->waitFor(11, {}, 2));
    QCOMPARE(m_fake->heartbeatCount(), 2);
    QCOMPARE(m_fake->ackCount(), 2);
    const QList<FakeDiscord::Frame> beats = m_fake->connection(1).fromClient(1);
    QCOMPARE(beats.size(), 2);
    QVERIFY(beats.at(0).d.isNull());
    QCOMPARE(beats.at(1).d.toInt(), 1);
    QVERIFY(beats.at(0).atMs <= beats.at(1).atMs);
    QVERIFY(beats.at(1).atMs <= m_fake->elapsedMs());

    // op 1 from the server asks for an immediate heartbeat.
    m_fake->requestHeartbeat();
    QVERIFY(client->waitFor(1));
    QVERIFY(client->withOp(1).first().value(u"d"_s).isNull());
}

void TestFakeDiscord::zombieMode()
{
    Client *client = ready();
    QSignalSpy beats(m_fake, &FakeDiscord::heartbeatReceived);
    m_fake->setZombie(true);
    client->heartbeat(1);
    QTRY_COMPARE_WITH_TIMEOUT(beats.size(), 1, WAIT_MS);
    QCOMPARE(m_fake->ackCount(), 0);
    // Frames are handled in order: the next ACK can only answer the second heartbeat.
    m_fake->setZombie(false);
    client->heartbeat(1);
    QVERIFY(client->waitFor(11));
    QCOMPARE(client->withOp(11).size(), 1);
    QCOMPARE(m_fake->heartbeatCount(), 2);
    QCOMPARE(m_fake->ackCount(), 1);
}

void TestFakeDiscord::heartbeatTimeoutClosesResumably()
{
    m_fake->setHeartbeatIntervalMs(100);
    m_fake->setHeartbeatGraceMs(100);
    Client *client = ready();
    const QString session = m_fake->lastSessionId();
    QVERIFY(client->waitClosed()); // no heartbeat within interval + grace
    QCOMPARE(client->closeCode, 4000);
    QVERIFY(m_fake->connection(1).closedByServer);
    QVERIFY(m_fake->isSessionResumable(session));
}

void TestFakeDiscord::badTokenClosesWith4004()
{
    Client client(m_fake->gatewayUrl());
    QVERIFY(client.waitFor(10));
    client.identify(u"wrong"_s, FakeDiscord::CHAT_BOT_INTENTS);
    QVERIFY(client.waitClosed());
    QCOMPARE(client.closeCode, 4004);
    QCOMPARE(m_fake->identifyCount(), 0);
    QCOMPARE(m_fake->connection(1).closeCode, 4004);
}

void TestFakeDiscord::disallowedAndInvalidIntents()
{
    m_fake->setAllowedPrivilegedIntents(0);
    Client privileged(m_fake->gatewayUrl());
    QVERIFY(privileged.waitFor(10));
    privileged.identify(m_fake->token(), FakeDiscord::CHAT_BOT_INTENTS);
    QVERIFY(privileged.waitClosed());
    QCOMPARE(privileged.closeCode, 4014);

    Client invalid(m_fake->gatewayUrl());
    QVERIFY(invalid.waitFor(10));
    invalid.identify(m_fake->token(), qint64(1) << 30);
    QVERIFY(invalid.waitClosed());
    QCOMPARE(invalid.closeCode, 4013);

    // Without MESSAGE_CONTENT the same bot is fine.
    Client plain(m_fake->gatewayUrl());
    QVERIFY(plain.waitFor(10));
    plain.identify(m_fake->token(), FakeDiscord::GUILDS | FakeDiscord::GUILD_MESSAGES);
    QVERIFY(plain.waitFor(0, u"READY"_s));
}

void TestFakeDiscord::messageCreateDeliveredWithSequence()
{
    Client *client = ready();
    const QJsonObject sent = m_fake->injectGuildMessage(u"hello bot"_s, true);
    const QJsonObject dm = m_fake->injectDirectMessage(u"psst"_s);
    QVERIFY(client->waitFor(0, u"MESSAGE_CREATE"_s, 2));
    const QList<QJsonObject> events = client->withOp(0, u"MESSAGE_CREATE"_s);
    QCOMPARE(events.at(0).value(u"s"_s).toInt(), 2);
    QCOMPARE(events.at(1).value(u"s"_s).toInt(), 3);
    const QJsonObject guild = events.at(0).value(u"d"_s).toObject();
    QCOMPARE(guild.value(u"id"_s).toString(), sent.value(u"id"_s).toString());
    QCOMPARE(guild.value(u"guild_id"_s).toString(), m_fake->defaultGuildId());
    QCOMPARE(guild.value(u"channel_id"_s).toString(), m_fake->defaultChannelId());
    QCOMPARE(guild.value(u"content"_s).toString(), u"<@%1> hello bot"_s.arg(m_fake->botUserId()));
    QCOMPARE(guild.value(u"mentions"_s).toArray().first().toObject().value(u"id"_s).toString(), m_fake->botUserId());
    QCOMPARE(guild.value(u"author"_s).toObject().value(u"id"_s).toString(), m_fake->defaultUserId());
    QVERIFY(guild.contains(u"member"_s));
    QVERIFY(guild.value(u"edited_timestamp"_s).isNull());
    const QJsonObject direct = events.at(1).value(u"d"_s).toObject();
    QVERIFY(!direct.contains(u"guild_id"_s));
    QCOMPARE(direct.value(u"channel_id"_s).toString(), m_fake->defaultDmChannelId());
    QCOMPARE(direct.value(u"content"_s).toString(), u"psst"_s);
    QCOMPARE(dm.value(u"type"_s).toInt(), 0);
    QCOMPARE(m_fake->lastSequence(m_fake->lastSessionId()), 3);

    // A reply carries message_reference and referenced_message, type 19.
    FakeDiscord::IncomingMessage reply;
    reply.content = u"re"_s;
    reply.replyToMessageId = sent.value(u"id"_s).toString();
    m_fake->injectMessage(reply);
    QVERIFY(client->waitFor(0, u"MESSAGE_CREATE"_s, 3));
    const QJsonObject r = client->withOp(0, u"MESSAGE_CREATE"_s).at(2).value(u"d"_s).toObject();
    QCOMPARE(r.value(u"type"_s).toInt(), 19);
    QCOMPARE(r.value(u"referenced_message"_s).toObject().value(u"id"_s), sent.value(u"id"_s));
}

void TestFakeDiscord::messageContentIntentRespected()
{
    Client *client = ready(FakeDiscord::GUILDS | FakeDiscord::GUILD_MESSAGES | FakeDiscord::DIRECT_MESSAGES);
    m_fake->injectGuildMessage(u"secret"_s);
    m_fake->injectGuildMessage(u"to you"_s, true);
    m_fake->injectDirectMessage(u"dm text"_s);
    QVERIFY(client->waitFor(0, u"MESSAGE_CREATE"_s, 3));
    const QList<QJsonObject> events = client->withOp(0, u"MESSAGE_CREATE"_s);
    QCOMPARE(events.at(0).value(u"d"_s).toObject().value(u"content"_s).toString(), QString());
    QVERIFY(events.at(1).value(u"d"_s).toObject().value(u"content"_s).toString().endsWith(u"to you"_s));
    QCOMPARE(events.at(2).value(u"d"_s).toObject().value(u"content"_s).toString(), u"dm text"_s);

    // Without DIRECT_MESSAGES no DM arrives at all.
    Client *guildOnly = ready(FakeDiscord::GUILD_MESSAGES | FakeDiscord::MESSAGE_CONTENT);
    m_fake->injectDirectMessage(u"not for you"_s);
    m_fake->injectGuildMessage(u"for you"_s);
    QVERIFY(guildOnly->waitFor(0, u"MESSAGE_CREATE"_s));
    QVERIFY(client->waitFor(0, u"MESSAGE_CREATE"_s, 5));
    QCOMPARE(guildOnly->withOp(0, u"MESSAGE_CREATE"_s).size(), 1);
    QCOMPARE(guildOnly->withOp(0, u"MESSAGE_CREATE"_s).first().value(u"d"_s).toObject().value(u"content"_s).toString(),
        u"for you"_s);
}

void TestFakeDiscord::resumeReplaysMissedEvents()
{
    Client *client = ready();
    const QString session = m_fake->lastSessionId();
    m_fake->injectGuildMessage(u"seen"_s);
    QVERIFY(client->waitFor(0, u"MESSAGE_CREATE"_s));
    const int lastSeen = client->withOp(0, u"MESSAGE_CREATE"_s).last().value(u"s"_s).toInt();
    QCOMPARE(lastSeen, 2);

    // A TCP drop (no close frame) keeps the session resumable.
    QSignalSpy closed(m_fake, &FakeDiscord::connectionClosed);
    client->socket.abort();
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, WAIT_MS);
    QCOMPARE(closed.first().at(1).toInt(), -1);
    QVERIFY(m_fake->isSessionResumable(session));

    m_fake->injectGuildMessage(u"missed 1"_s);
    m_fake->injectDirectMessage(u"missed 2"_s);

    Client resumed(m_fake->resumeGatewayUrl());
    QVERIFY(resumed.waitFor(10));
    resumed.resume(m_fake->token(), session, lastSeen);
    QVERIFY(resumed.waitFor(0, u"RESUMED"_s));
    const QList<QJsonObject> dispatches = resumed.withOp(0);
    QCOMPARE(dispatches.size(), 3);
    QCOMPARE(dispatches.at(0).value(u"t"_s).toString(), u"MESSAGE_CREATE"_s);
    QCOMPARE(dispatches.at(0).value(u"s"_s).toInt(), 3);
    QCOMPARE(dispatches.at(0).value(u"d"_s).toObject().value(u"content"_s).toString(), u"missed 1"_s);
    QCOMPARE(dispatches.at(1).value(u"s"_s).toInt(), 4);
    QCOMPARE(dispatches.at(1).value(u"d"_s).toObject().value(u"content"_s).toString(), u"missed 2"_s);
    QCOMPARE(dispatches.at(2).value(u"t"_s).toString(), u"RESUMED"_s);
    QCOMPARE(dispatches.at(2).value(u"s"_s).toInt(), 5);
    QCOMPARE(m_fake->resumeCount(), 1);
    QCOMPARE(m_fake->identifyCount(), 1);
    QVERIFY(m_fake->connection(2).resumeEndpoint);
    QCOMPARE(m_fake->connection(2).sessionId, session);

    // Live again: new events flow on the resumed connection.
    m_fake->injectGuildMessage(u"live"_s);
    QVERIFY(resumed.waitFor(0, u"MESSAGE_CREATE"_s, 3));
    QCOMPARE(resumed.withOp(0, u"MESSAGE_CREATE"_s).last().value(u"s"_s).toInt(), 6);
}

void TestFakeDiscord::resumeFailures()
{
    Client *client = ready();
    const QString session = m_fake->lastSessionId();
    client->socket.close(QWebSocketProtocol::CloseCode(4000)); // non-1000: still resumable
    QTRY_VERIFY_WITH_TIMEOUT(m_fake->openConnectionIds().isEmpty(), WAIT_MS);
    QCOMPARE(m_fake->connection(1).closeCode, 4000);
    QVERIFY(!m_fake->connection(1).closedByServer);
    QVERIFY(m_fake->isSessionResumable(session));

    // RESUME on the gateway URL instead of resume_gateway_url: op 9 d:false.
    Client wrongUrl(m_fake->gatewayUrl());
    QVERIFY(wrongUrl.waitFor(10));
    wrongUrl.resume(m_fake->token(), session, 1);
    QVERIFY(wrongUrl.waitFor(9));
    QCOMPARE(wrongUrl.withOp(9).first().value(u"d"_s).toBool(true), false);

    // Unknown session: op 9 d:false.
    Client unknown(m_fake->resumeGatewayUrl());
    QVERIFY(unknown.waitFor(10));
    unknown.resume(m_fake->token(), u"nope"_s, 1);
    QVERIFY(unknown.waitFor(9));
    QCOMPARE(unknown.withOp(9).first().value(u"d"_s).toBool(true), false);

    // A seq the session never reached: close 4007, and the session is gone.
    Client badSeq(m_fake->resumeGatewayUrl());
    QVERIFY(badSeq.waitFor(10));
    badSeq.resume(m_fake->token(), session, 99);
    QVERIFY(badSeq.waitClosed());
    QCOMPARE(badSeq.closeCode, 4007);
    QVERIFY(!m_fake->isSessionResumable(session));

    // Closing with 1000 invalidates the session.
    Client *second = ready();
    const QString session2 = m_fake->lastSessionId();
    second->socket.close(QWebSocketProtocol::CloseCodeNormal);
    QTRY_VERIFY_WITH_TIMEOUT(!m_fake->isSessionResumable(session2), WAIT_MS);
    Client again(m_fake->resumeGatewayUrl());
    QVERIFY(again.waitFor(10));
    again.resume(m_fake->token(), session2, 1);
    QVERIFY(again.waitFor(9));
    QCOMPARE(again.withOp(9).first().value(u"d"_s).toBool(true), false);
}

void TestFakeDiscord::reconnectThenResume()
{
    Client *client = ready();
    const QString session = m_fake->lastSessionId();
    m_fake->sendReconnect();
    QVERIFY(client->waitFor(7));
    QVERIFY(client->withOp(7).first().value(u"d"_s).isNull());
    // As documented: close (not 1000/1001) and resume.
    client->socket.close(QWebSocketProtocol::CloseCode(4900));
    QVERIFY(client->waitClosed());
    m_fake->injectGuildMessage(u"during reconnect"_s);
    Client resumed(m_fake->resumeGatewayUrl());
    QVERIFY(resumed.waitFor(10));
    resumed.resume(m_fake->token(), session, 1);
    QVERIFY(resumed.waitFor(0, u"RESUMED"_s));
    QCOMPARE(resumed.withOp(0, u"MESSAGE_CREATE"_s).size(), 1);
    QCOMPARE(m_fake->connection(2).fromClient(6).size(), 1);
}

void TestFakeDiscord::invalidSession()
{
    Client *client = ready();
    const QString session = m_fake->lastSessionId();
    m_fake->sendInvalidSession(true);
    QVERIFY(client->waitFor(9));
    QCOMPARE(client->withOp(9).first().value(u"d"_s).toBool(), true);
    QVERIFY(m_fake->isSessionResumable(session));
    // d:true: the client may RESUME (here on a new connection; the old one is closed for it).
    Client resumed(m_fake->resumeGatewayUrl());
    QVERIFY(resumed.waitFor(10));
    resumed.resume(m_fake->token(), session, 1);
    QVERIFY(resumed.waitFor(0, u"RESUMED"_s));
    QVERIFY(client->waitClosed());
    client = ready();
    const QString session2 = m_fake->lastSessionId();
    QVERIFY(session2 != session);

    m_fake->sendInvalidSession(false, m_fake->connectionCount());
    QVERIFY(client->waitFor(9));
    QCOMPARE(client->withOp(9).first().value(u"d"_s).toBool(true), false);
    QVERIFY(!m_fake->isSessionResumable(session2));
    // The session is gone: events no longer reach it; a new IDENTIFY starts a new one.
    m_fake->injectGuildMessage(u"lost"_s);
    client->identify(m_fake->token(), FakeDiscord::CHAT_BOT_INTENTS);
    QVERIFY(client->waitFor(0, u"READY"_s, 2));
    QVERIFY(m_fake->lastSessionId() != session2);
    QCOMPARE(client->withOp(0, u"MESSAGE_CREATE"_s).size(), 0);
    QCOMPARE(client->withOp(0, u"READY"_s).last().value(u"s"_s).toInt(), 1);
}

void TestFakeDiscord::faultCloses()
{
    // Scripted close codes; fatal ones end the session.
    Client *a = ready();
    const QString sessionA = m_fake->lastSessionId();
    m_fake->closeConnection(4000, u"scripted"_s);
    QVERIFY(a->waitClosed());
    QCOMPARE(a->closeCode, 4000);
    QVERIFY(m_fake->isSessionResumable(sessionA));

    Client *b = ready();
    const QString sessionB = m_fake->lastSessionId();
    m_fake->closeConnection(4009);
    QVERIFY(b->waitClosed());
    QCOMPARE(b->closeCode, 4009);
    QVERIFY(!m_fake->isSessionResumable(sessionB));

    // A TCP drop without a close frame.
    Client *c = ready();
    const QString sessionC = m_fake->lastSessionId();
    m_fake->dropConnection();
    QVERIFY(c->waitClosed());
    QVERIFY(c->closeCode != 4000);
    QVERIFY(m_fake->isSessionResumable(sessionC));

    // Payloads over 4096 bytes: 4002.
    Client *d = ready();
    d->send(QJsonObject { { u"op"_s, 3 }, { u"d"_s, QString(5000, u'x') } });
    QVERIFY(d->waitClosed());
    QCOMPARE(d->closeCode, 4002);

    // Unknown opcode: 4001; not JSON: 4002; IDENTIFY twice: 4005.
    Client *e = ready();
    e->send(QJsonObject { { u"op"_s, 42 } });
    QVERIFY(e->waitClosed());
    QCOMPARE(e->closeCode, 4001);
    Client *f = ready();
    f->socket.sendTextMessage(u"{not json"_s);
    QVERIFY(f->waitClosed());
    QCOMPARE(f->closeCode, 4002);
    Client *g = ready();
    g->identify(m_fake->token(), FakeDiscord::CHAT_BOT_INTENTS);
    QVERIFY(g->waitClosed());
    QCOMPARE(g->closeCode, 4005);

    // PRESENCE_UPDATE before IDENTIFY: 4003.
    Client early(m_fake->gatewayUrl());
    QVERIFY(early.waitFor(10));
    early.send(QJsonObject { { u"op"_s, 3 }, { u"d"_s, QJsonObject { { u"status"_s, u"online"_s } } } });
    QVERIFY(early.waitClosed());
    QCOMPARE(early.closeCode, 4003);

    // Send rate over the limit: 4008.
    m_fake->setSendRateLimit(3, 60000);
    Client *h = ready(); // IDENTIFY is frame 1
    for (int i = 0; i < 3; ++i)
        h->heartbeat(QJsonValue());
    QVERIFY(h->waitClosed());
    QCOMPARE(h->closeCode, 4008);
    QCOMPARE(m_fake->connection(m_fake->connectionCount()).fromClient().size(), 4);

    // An API version the fake does not speak: 4012.
    Client old(m_fake->gatewayUrl(), u"?v=6&encoding=json"_s);
    QVERIFY(old.waitClosed());
    QCOMPARE(old.closeCode, 4012);
}

void TestFakeDiscord::restAuthAndErrors()
{
    const Result noAuth = call("POST", u"/channels/%1/messages"_s.arg(m_fake->defaultChannelId()),
        QJsonObject { { u"content"_s, u"hi"_s } }, false);
    QCOMPARE(noAuth.status, 401);
    QCOMPARE(noAuth.json(), (QJsonObject { { u"message"_s, u"401: Unauthorized"_s }, { u"code"_s, 0 } }));
    QCOMPARE(call("GET", u"/gateway/bot"_s, {}, false).status, 401);

    const Result unknown = call("POST", u"/channels/123/messages"_s, QJsonObject { { u"content"_s, u"hi"_s } });
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json().value(u"code"_s).toInt(), 10003);

    const Result empty = call("POST", u"/channels/%1/messages"_s.arg(m_fake->defaultChannelId()), QJsonObject());
    QCOMPARE(empty.status, 400);
    QCOMPARE(empty.json().value(u"code"_s).toInt(), 50006);

    m_fake->enqueueError(502, 0, u"Bad Gateway"_s);
    QCOMPARE(call("POST", u"/channels/%1/typing"_s.arg(m_fake->defaultChannelId())).status, 502);
    QVERIFY(m_fake->sentMessages().isEmpty());
    QVERIFY(FakeDiscord::isDiscordUserAgent(m_fake->server().requests().last().header("user-agent")));
    QVERIFY(!FakeDiscord::isDiscordUserAgent("Mozilla/5.0"));
}

void TestFakeDiscord::restSendWithNonceIdempotency()
{
    Client *client = ready();
    const QString path = u"/channels/%1/messages"_s.arg(m_fake->defaultChannelId());
    const QJsonObject body { { u"content"_s, u"<@42> answer @everyone"_s }, { u"nonce"_s, u"n-1"_s },
        { u"enforce_nonce"_s, true }, { u"allowed_mentions"_s, QJsonObject { { u"parse"_s, QJsonArray() } } } };
    const Result first = call("POST", path, body);
    QCOMPARE(first.status, 200);
    const QJsonObject message = first.json();
    QVERIFY(message.value(u"id"_s).isString());
    QCOMPARE(message.value(u"content"_s).toString(), u"<@42> answer @everyone"_s);
    QCOMPARE(message.value(u"nonce"_s).toString(), u"n-1"_s);
    QCOMPARE(message.value(u"author"_s).toObject().value(u"id"_s).toString(), m_fake->botUserId());
    // allowed_mentions {"parse":[]}: nobody is pinged.
    QVERIFY(message.value(u"mentions"_s).toArray().isEmpty());
    QCOMPARE(message.value(u"mention_everyone"_s).toBool(), false);

    // The retry with the same nonce returns the first message, not a duplicate.
    const Result retry = call("POST", path, body);
    QCOMPARE(retry.status, 200);
    QCOMPARE(retry.json().value(u"id"_s), message.value(u"id"_s));
    QCOMPARE(m_fake->sentMessages().size(), 1);
    QCOMPARE(m_fake->sentMessages().first().request.value(u"nonce"_s).toString(), u"n-1"_s);

    // Without enforce_nonce the same nonce creates a second message.
    QJsonObject loose = body;
    loose.remove(u"enforce_nonce"_s);
    const Result second = call("POST", path, loose);
    QCOMPARE(second.status, 200);
    QVERIFY(second.json().value(u"id"_s) != message.value(u"id"_s));
    QCOMPARE(m_fake->sentMessages().size(), 2);

    // Without allowed_mentions the mentions are parsed.
    const Result pinging = call("POST", path, QJsonObject { { u"content"_s, u"<@42> hi @everyone"_s } });
    QCOMPARE(pinging.json().value(u"mentions"_s).toArray().size(), 1);
    QCOMPARE(pinging.json().value(u"mention_everyone"_s).toBool(), true);

    // Nonce longer than 25 characters: invalid form body.
    const Result longNonce
        = call("POST", path, QJsonObject { { u"content"_s, u"x"_s }, { u"nonce"_s, QString(26, u'n') } });
    QCOMPARE(longNonce.status, 400);
    QCOMPARE(longNonce.json().value(u"code"_s).toInt(), 50035);

    // The bot's own messages come back as MESSAGE_CREATE (author = bot) for self-filtering.
    QVERIFY(client->waitFor(0, u"MESSAGE_CREATE"_s, 3));
    const QJsonObject echo = client->withOp(0, u"MESSAGE_CREATE"_s).first().value(u"d"_s).toObject();
    QCOMPARE(echo.value(u"id"_s), message.value(u"id"_s));
    QCOMPARE(echo.value(u"author"_s).toObject().value(u"id"_s).toString(), m_fake->botUserId());
    QCOMPARE(echo.value(u"guild_id"_s).toString(), m_fake->defaultGuildId());
}

void TestFakeDiscord::restEditAndTyping()
{
    Client *client = ready();
    const QString channel = m_fake->defaultChannelId();
    const Result typing = call("POST", u"/channels/%1/typing"_s.arg(channel));
    QCOMPARE(typing.status, 204);
    QCOMPARE(m_fake->typingCount(channel), 1);

    const Result sent
        = call("POST", u"/channels/%1/messages"_s.arg(channel), QJsonObject { { u"content"_s, u"Hel"_s } });
    const QString id = sent.json().value(u"id"_s).toString();
    const Result edited
        = call("PATCH", u"/channels/%1/messages/%2"_s.arg(channel, id), QJsonObject { { u"content"_s, u"Hello"_s } });
    QCOMPARE(edited.status, 200);
    QCOMPARE(edited.json().value(u"content"_s).toString(), u"Hello"_s);
    QVERIFY(edited.json().value(u"edited_timestamp"_s).isString());
    QCOMPARE(m_fake->sentMessages().first().message.value(u"content"_s).toString(), u"Hello"_s);
    QCOMPARE(m_fake->sentMessages().first().edits.size(), 1);
    QVERIFY(client->waitFor(0, u"MESSAGE_UPDATE"_s));

    QCOMPARE(call("PATCH", u"/channels/%1/messages/999"_s.arg(channel), QJsonObject { { u"content"_s, u"x"_s } })
                 .json()
                 .value(u"code"_s)
                 .toInt(),
        10008);
    const QString userMessage = m_fake->injectGuildMessage(u"mine"_s).value(u"id"_s).toString();
    QCOMPARE(
        call("PATCH", u"/channels/%1/messages/%2"_s.arg(channel, userMessage), QJsonObject { { u"content"_s, u"x"_s } })
            .status,
        403);
}

void TestFakeDiscord::rateLimitHeadersAnd429()
{
    m_fake->setRateLimit(FakeDiscord::Route::CreateMessage, 2, 60000);
    const QString path = u"/channels/%1/messages"_s.arg(m_fake->defaultChannelId());
    const QJsonObject body { { u"content"_s, u"hi"_s } };
    const Result first = call("POST", path, body);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.headers.value("x-ratelimit-limit"), QByteArray("2"));
    QCOMPARE(first.headers.value("x-ratelimit-remaining"), QByteArray("1"));
    QVERIFY(!first.headers.value("x-ratelimit-bucket").isEmpty());
    const double resetAfter = first.headers.value("x-ratelimit-reset-after").toDouble();
    QVERIFY(resetAfter > 59 && resetAfter <= 60);
    const double reset = first.headers.value("x-ratelimit-reset").toDouble();
    QVERIFY(reset > double(QDateTime::currentSecsSinceEpoch()));

    const Result second = call("POST", path, body);
    QCOMPARE(second.headers.value("x-ratelimit-remaining"), QByteArray("0"));
    QCOMPARE(second.headers.value("x-ratelimit-bucket"), first.headers.value("x-ratelimit-bucket"));

    const Result limited = call("POST", path, body);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.json().value(u"message"_s).toString(), u"You are being rate limited."_s);
    QCOMPARE(limited.json().value(u"global"_s).toBool(true), false);
    const double retryAfter = limited.json().value(u"retry_after"_s).toDouble();
    QVERIFY(retryAfter > 0 && retryAfter <= 60);
    QVERIFY(limited.headers.value("retry-after").toInt() >= 1);
    QCOMPARE(limited.headers.value("x-ratelimit-scope"), QByteArray("user"));
    QCOMPARE(m_fake->sentMessages().size(), 2);
    QCOMPARE(m_fake->provokedRateLimits(), 1); // an exhausted bucket, not a scripted 429

    // Buckets are per channel: another channel is not limited.
    const QString other = FakeDiscord::newSnowflake();
    m_fake->addGuildChannel(other, m_fake->defaultGuildId());
    QCOMPARE(call("POST", u"/channels/%1/messages"_s.arg(other), body).status, 200);

    // The window passes: the bucket refills.
    m_fake->setRateLimit(FakeDiscord::Route::CreateMessage, 1, 200);
    QCOMPARE(call("POST", path, body).status, 200);
    QCOMPARE(call("POST", path, body).status, 429);
    // (qWaitFor, not QTRY_COMPARE: that evaluates the call once more after success.)
    QVERIFY(QTest::qWaitFor([&] { return call("POST", path, body).status == 200; }, WAIT_MS));
    QCOMPARE(m_fake->sentMessages().size(), 5);
}

void TestFakeDiscord::scriptedGlobalAndSharedRateLimits()
{
    const QString path = u"/channels/%1/messages"_s.arg(m_fake->defaultChannelId());
    const QJsonObject body { { u"content"_s, u"hi"_s } };
    m_fake->enqueueRateLimit(FakeDiscord::RateLimitScope::Global, 1.5);
    const Result global = call("POST", path, body);
    QCOMPARE(global.status, 429);
    QCOMPARE(global.json().value(u"global"_s).toBool(), true);
    QCOMPARE(global.json().value(u"retry_after"_s).toDouble(), 1.5);
    QCOMPARE(global.headers.value("x-ratelimit-global"), QByteArray("true"));
    QCOMPARE(global.headers.value("x-ratelimit-scope"), QByteArray("global"));
    QCOMPARE(global.headers.value("retry-after"), QByteArray("2"));

    m_fake->enqueueRateLimit(FakeDiscord::RateLimitScope::Shared, 0.25);
    const Result shared = call("POST", path, body);
    QCOMPARE(shared.status, 429);
    QCOMPARE(shared.json().value(u"global"_s).toBool(true), false);
    QCOMPARE(shared.headers.value("x-ratelimit-scope"), QByteArray("shared"));
    QVERIFY(!shared.headers.contains("x-ratelimit-global"));

    QCOMPARE(call("POST", path, body).status, 200);
    QCOMPARE(m_fake->sentMessages().size(), 1);
    QCOMPARE(m_fake->provokedRateLimits(), 0); // scripted ones are not provoked

    // The real global limit (50/s by default) answers 429 global.
    m_fake->setGlobalRateLimit(1, 60000);
    QCOMPARE(call("POST", u"/channels/%1/typing"_s.arg(m_fake->defaultChannelId())).status, 204);
    const Result overGlobal = call("POST", u"/channels/%1/typing"_s.arg(m_fake->defaultChannelId()));
    QCOMPARE(overGlobal.status, 429);
    QCOMPARE(overGlobal.json().value(u"global"_s).toBool(), true);
}

void TestFakeDiscord::contentOver2000Rejected()
{
    const QString path = u"/channels/%1/messages"_s.arg(m_fake->defaultChannelId());
    const Result tooLong = call("POST", path, QJsonObject { { u"content"_s, QString(2001, u'a') } });
    QCOMPARE(tooLong.status, 400);
    QCOMPARE(tooLong.json().value(u"code"_s).toInt(), 50035);
    QCOMPARE(tooLong.json().value(u"message"_s).toString(), u"Invalid Form Body"_s);
    const QJsonArray errors
        = tooLong.json().value(u"errors"_s).toObject().value(u"content"_s).toObject().value(u"_errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().toObject().value(u"code"_s).toString(), u"BASE_TYPE_MAX_LENGTH"_s);
    QVERIFY(m_fake->sentMessages().isEmpty());

    // Exactly 2000 code points (non-BMP characters count once) is fine.
    QString emoji;
    for (int i = 0; i < 2000; ++i)
        emoji += u"\U0001F600"_s;
    QCOMPARE(call("POST", path, QJsonObject { { u"content"_s, emoji } }).status, 200);
    QCOMPARE(call("POST", path, QJsonObject { { u"content"_s, QString(2000, u'a') } }).status, 200);

    // The same limit applies to edits.
    const QString id = m_fake->sentMessages().first().id;
    const Result edit = call("PATCH", u"/channels/%1/messages/%2"_s.arg(m_fake->defaultChannelId(), id),
        QJsonObject { { u"content"_s, QString(2001, u'b') } });
    QCOMPARE(edit.status, 400);
    QCOMPARE(edit.json().value(u"code"_s).toInt(), 50035);
}

QTEST_GUILESS_MAIN(TestFakeDiscord)
#include "tst_fakediscord.moc"
