// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "fakediscord.h"

#include <cmath>

#include <QCryptographicHash>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace Fakes
{

namespace
{

constexpr qint64 DISCORD_EPOCH_MS = Q_INT64_C(1420070400000);
constexpr qsizetype MAX_CLIENT_PAYLOAD = 4096;
constexpr int MAX_CONTENT = 2000;
constexpr int MAX_NONCE = 25;
constexpr int MAX_EMBEDS = 10;

using Headers = QList<QPair<QByteArray, QByteArray>>;

/// Close codes after which the session is gone (reference: "no" or "new session").
bool endsSession(int code)
{
    return code == 4004 || code == 4007 || (code >= 4009 && code <= 4014);
}

QString isoNow()
{
    // Discord's shape: 2017-07-11T17:27:07.299000+00:00
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return now.toString(u"yyyy-MM-ddThh:mm:ss.zzz"_s) + u"000+00:00"_s;
}

ScriptedResponse discordError(int status, int code, const QString &message, const QJsonObject &errors = {})
{
    QJsonObject body { { u"message"_s, message }, { u"code"_s, code } };
    if (!errors.isEmpty())
        body.insert(u"errors"_s, errors);
    return ScriptedResponse::json(status, body);
}

/// {"field":{"_errors":[{"code":…,"message":…}]}}
QJsonObject fieldError(const QString &field, const QString &code, const QString &message)
{
    const QJsonObject error { { u"code"_s, code }, { u"message"_s, message } };
    return QJsonObject { { field, QJsonObject { { u"_errors"_s, QJsonArray { error } } } } };
}

/// "Go on": status 0, not an answer.
ScriptedResponse proceed()
{
    ScriptedResponse r;
    r.status = 0;
    return r;
}

ScriptedResponse invalidForm(const QJsonObject &errors)
{
    return discordError(400, 50035, u"Invalid Form Body"_s, errors);
}

QByteArray seconds(qint64 ms)
{
    return QByteArray::number(double(ms) / 1000.0, 'f', 3);
}

QString routeName(FakeDiscord::Route route)
{
    switch (route) {
    case FakeDiscord::Route::CreateMessage:
        return u"POST /channels/{channel.id}/messages"_s;
    case FakeDiscord::Route::EditMessage:
        return u"PATCH /channels/{channel.id}/messages/{message.id}"_s;
    case FakeDiscord::Route::Typing:
        return u"POST /channels/{channel.id}/typing"_s;
    }
    return {};
}

QByteArray bucketId(FakeDiscord::Route route)
{
    return QCryptographicHash::hash(routeName(route).toUtf8(), QCryptographicHash::Md5).toHex().left(32);
}

bool hasNonEmpty(const QJsonObject &body, const QString &key)
{
    const QJsonValue v = body.value(key);
    if (v.isArray())
        return !v.toArray().isEmpty();
    if (v.isString())
        return !v.toString().isEmpty();
    return v.isObject();
}

} // namespace

QList<FakeDiscord::Frame> FakeDiscord::Connection::fromClient(int op) const
{
    QList<Frame> out;
    for (const Frame &f : frames) {
        if (f.fromClient && (op < 0 || f.op == op))
            out.append(f);
    }
    return out;
}

QList<FakeDiscord::Frame> FakeDiscord::Connection::toClient(int op) const
{
    QList<Frame> out;
    for (const Frame &f : frames) {
        if (!f.fromClient && (op < 0 || f.op == op))
            out.append(f);
    }
    return out;
}

FakeDiscord::FakeDiscord(QObject *parent)
    : QObject(parent),
      m_server(new FakeHttpServer(this)),
      m_ws(new QWebSocketServer(u"fake-discord-gateway"_s, QWebSocketServer::NonSecureMode, this)),
      m_wsResume(new QWebSocketServer(u"fake-discord-gateway-resume"_s, QWebSocketServer::NonSecureMode, this))
{
    m_clock.start();
    m_botUserId = newSnowflake();
    m_applicationId = m_botUserId; // as for every bot created in the Developer Portal
    m_defaultGuildId = newSnowflake();
    m_defaultChannelId = newSnowflake();
    m_defaultDmChannelId = newSnowflake();
    m_defaultUserId = newSnowflake();
    addGuildChannel(m_defaultChannelId, m_defaultGuildId);
    addDmChannel(m_defaultDmChannelId, m_defaultUserId);
    for (Route r : { Route::CreateMessage, Route::EditMessage, Route::Typing })
        m_limits.insert(int(r), Limit { 5, 5000 });

    connect(m_ws, &QWebSocketServer::newConnection, this, [this] { onNewSocket(false); });
    connect(m_wsResume, &QWebSocketServer::newConnection, this, [this] { onNewSocket(true); });
    m_server->setHandler(u"/api/v10/*"_s, [this](const RecordedRequest &r) { return rest(r); });
}

FakeDiscord::~FakeDiscord()
{
    for (auto it = m_live.begin(); it != m_live.end(); ++it)
        it->socket->disconnect(this); // no onDisconnected() while tearing down
}

bool FakeDiscord::listen(quint16 restPort)
{
    if (!m_server->listen(restPort))
        return false;
    if (!m_ws->isListening() && !m_ws->listen(QHostAddress::LocalHost, 0))
        return false;
    return m_wsResume->isListening() || m_wsResume->listen(QHostAddress::LocalHost, 0);
}

QUrl FakeDiscord::apiUrl() const
{
    return QUrl(baseUrl().toString() + u"/api/v10"_s);
}

QString FakeDiscord::gatewayUrl() const
{
    return u"ws://127.0.0.1:%1/"_s.arg(m_ws->serverPort());
}

QString FakeDiscord::resumeGatewayUrl() const
{
    return u"ws://127.0.0.1:%1/"_s.arg(m_wsResume->serverPort());
}

void FakeDiscord::setSendRateLimit(int count, int windowMs)
{
    m_sendRateCount = count;
    m_sendRateWindowMs = windowMs;
}

void FakeDiscord::setRateLimit(Route route, int limit, int windowMs)
{
    m_limits.insert(int(route), Limit { limit, windowMs });
    m_buckets.clear();
}

void FakeDiscord::setGlobalRateLimit(int limit, int windowMs)
{
    m_globalLimit = Limit { limit, windowMs };
    m_globalHits.clear();
}

void FakeDiscord::addGuildChannel(const QString &channelId, const QString &guildId)
{
    m_guildChannels.insert(channelId, guildId);
}

void FakeDiscord::addDmChannel(const QString &channelId, const QString &recipientId)
{
    m_dmChannels.insert(channelId, recipientId);
}

QString FakeDiscord::newSnowflake()
{
    static quint64 increment = 0;
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch() - DISCORD_EPOCH_MS);
    return QString::number((ms << 22) | (1ULL << 17) | (increment++ & 0xFFF));
}

// --- gateway -------------------------------------------------------------------------------

void FakeDiscord::onNewSocket(bool resumeEndpoint)
{
    QWebSocketServer *server = resumeEndpoint ? m_wsResume : m_ws;
    while (QWebSocket *socket = server->nextPendingConnection()) {
        const int id = int(m_connections.size()) + 1;
        Connection record;
        record.id = id;
        record.url = socket->requestUrl();
        record.resumeEndpoint = resumeEndpoint;
        m_connections.append(record);
        socket->setParent(this);
        Live live;
        live.socket = socket;
        live.heartbeatTimer = new QTimer(socket);
        live.heartbeatTimer->setSingleShot(true);
        m_live.insert(id, live);
        connect(
            live.heartbeatTimer, &QTimer::timeout, this, [this, id] { closeWith(id, 4000, u"Heartbeat timed out"_s); });
        connect(socket, &QWebSocket::textMessageReceived, this, [this, id](const QString &text) { onText(id, text); });
        connect(socket, &QWebSocket::binaryMessageReceived, this, [this, id](const QByteArray &data) {
            Frame frame;
            frame.atMs = elapsedMs();
            frame.fromClient = true;
            frame.raw = data;
            m_connections[id - 1].frames.append(frame);
            closeWith(id, 4002, u"Error while decoding payload."_s); // encoding=json: text frames only
        });
        // A close frame from the client makes QWebSocket close, which emits aboutToClose first;
        // a plain TCP drop does not.
        connect(socket, &QWebSocket::aboutToClose, this, [this, id] {
            auto it = m_live.find(id);
            if (it != m_live.end() && !it->serverClosing)
                it->closeFrameReceived = true;
        });
        connect(socket, &QWebSocket::disconnected, this, [this, id] { onDisconnected(id); });
        Q_EMIT connectionOpened(id);

        const QUrlQuery query(record.url);
        const QString v = query.queryItemValue(u"v"_s);
        const QString encoding = query.queryItemValue(u"encoding"_s);
        if (query.hasQueryItem(u"v"_s) && v != u"10"_s && v != u"9"_s) {
            closeWith(id, 4012, u"Invalid API version"_s);
            continue;
        }
        if ((query.hasQueryItem(u"encoding"_s) && encoding != u"json"_s) || query.hasQueryItem(u"compress"_s)) {
            closeWith(id, 4002, u"Error while decoding payload."_s); // the fake speaks plain JSON only
            continue;
        }
        sendFrame(id, 10, QJsonObject { { u"heartbeat_interval"_s, m_heartbeatIntervalMs } });
        armHeartbeatTimeout(id);
    }
}

void FakeDiscord::armHeartbeatTimeout(int id)
{
    auto it = m_live.find(id);
    if (it == m_live.end() || m_heartbeatGraceMs < 0)
        return;
    it->heartbeatTimer->start(m_heartbeatIntervalMs + m_heartbeatGraceMs);
}

void FakeDiscord::sendFrame(int id, int op, const QJsonValue &d, const QString &t, int s)
{
    auto it = m_live.find(id);
    if (it == m_live.end() || it->serverClosing)
        return;
    const QJsonObject payload { { u"op"_s, op }, { u"d"_s, d }, { u"s"_s, s >= 0 ? QJsonValue(s) : QJsonValue() },
        { u"t"_s, t.isEmpty() ? QJsonValue() : QJsonValue(t) } };
    const QByteArray raw = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    Frame frame;
    frame.atMs = elapsedMs();
    frame.op = op;
    frame.d = d;
    frame.s = payload.value(u"s"_s);
    frame.t = t;
    frame.raw = raw;
    m_connections[id - 1].frames.append(frame);
    it->socket->sendTextMessage(QString::fromUtf8(raw));
}

void FakeDiscord::closeWith(int id, int code, const QString &reason)
{
    auto it = m_live.find(id);
    if (it == m_live.end() || it->serverClosing)
        return;
    it->serverClosing = true;
    it->heartbeatTimer->stop();
    Connection &record = m_connections[id - 1];
    record.closeCode = code;
    record.closedByServer = true;
    if (endsSession(code) && !it->sessionId.isEmpty())
        endSession(it->sessionId);
    QWebSocket *socket = it->socket; // close() may emit disconnected synchronously
    socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason);
}

void FakeDiscord::onDisconnected(int id)
{
    if (!m_live.contains(id))
        return;
    const Live live = m_live.take(id);
    live.heartbeatTimer->stop();
    Connection &record = m_connections[id - 1];
    record.open = false;
    if (!live.serverClosing) {
        record.closedByServer = false;
        record.closeCode = live.closeFrameReceived ? int(live.socket->closeCode()) : -1;
    }
    if (!live.sessionId.isEmpty()) {
        auto session = m_sessions.find(live.sessionId);
        if (session != m_sessions.end() && session->connectionId == id) {
            session->connectionId = 0;
            session->disconnectedAtMs = elapsedMs();
            // Closing yourself with 1000/1001 invalidates the session (reference, lifecycle).
            if (!live.serverClosing && (record.closeCode == 1000 || record.closeCode == 1001))
                session->valid = false;
        }
    }
    live.socket->deleteLater();
    Q_EMIT connectionClosed(id, record.closeCode);
}

void FakeDiscord::onText(int id, const QString &text)
{
    auto it = m_live.find(id);
    if (it == m_live.end() || it->serverClosing)
        return;
    const QByteArray raw = text.toUtf8();
    const QJsonDocument doc = QJsonDocument::fromJson(raw);
    const QJsonObject payload = doc.object();
    const QJsonValue opValue = payload.value(u"op"_s);
    const bool opIsInt = opValue.isDouble() && opValue.toDouble() == std::floor(opValue.toDouble());
    Frame frame;
    frame.atMs = elapsedMs();
    frame.fromClient = true;
    frame.op = doc.isObject() && opIsInt ? opValue.toInt() : -1;
    frame.d = payload.value(u"d"_s);
    frame.s = payload.value(u"s"_s);
    frame.t = payload.value(u"t"_s).toString();
    frame.raw = raw;
    m_connections[id - 1].frames.append(frame);
    Q_EMIT frameReceived(id, frame.op);
    it = m_live.find(id); // a slot may have closed the connection
    if (it == m_live.end() || it->serverClosing)
        return;

    // Send-rate limit: 120 events per 60 s per connection.
    const qint64 now = elapsedMs();
    it->sendTimes.removeIf([&](qint64 t) { return now - t >= m_sendRateWindowMs; });
    it->sendTimes.append(now);
    if (it->sendTimes.size() > m_sendRateCount) {
        closeWith(id, 4008, u"Rate limited."_s);
        return;
    }
    if (raw.size() > MAX_CLIENT_PAYLOAD || frame.op < 0) {
        closeWith(id, 4002, u"Error while decoding payload."_s);
        return;
    }
    switch (frame.op) {
    case 1: {
        ++m_heartbeatCount;
        armHeartbeatTimeout(id);
        Q_EMIT heartbeatReceived(id);
        if (!m_zombie && m_live.contains(id)) {
            ++m_ackCount;
            sendFrame(id, 11, QJsonValue());
        }
        return;
    }
    case 2:
        if (!it->sessionId.isEmpty()) {
            closeWith(id, 4005, u"Already authenticated."_s);
            return;
        }
        handleIdentify(id, frame.d);
        return;
    case 6:
        if (!it->sessionId.isEmpty()) {
            closeWith(id, 4005, u"Already authenticated."_s);
            return;
        }
        handleResume(id, frame.d);
        return;
    case 3: // PRESENCE_UPDATE
    case 4: // VOICE_STATE_UPDATE
    case 8: // REQUEST_GUILD_MEMBERS
        if (it->sessionId.isEmpty())
            closeWith(id, 4003, u"Not authenticated."_s);
        return; // accepted and recorded; the fake does nothing with them
    default:
        closeWith(id, 4001, u"Unknown opcode."_s);
        return;
    }
}

void FakeDiscord::handleIdentify(int id, const QJsonValue &d)
{
    const QJsonObject data = d.toObject();
    if (!d.isObject() || !data.value(u"token"_s).isString() || !data.value(u"properties"_s).isObject()) {
        closeWith(id, 4002, u"Error while decoding payload."_s);
        return;
    }
    if (data.value(u"token"_s).toString() != m_token) {
        closeWith(id, 4004, u"Authentication failed."_s);
        return;
    }
    const QJsonValue intentsValue = data.value(u"intents"_s);
    const double intentsDouble = intentsValue.toDouble(-1);
    if (!intentsValue.isDouble() || intentsDouble < 0 || intentsDouble != std::floor(intentsDouble)) {
        closeWith(id, 4013, u"Invalid intent(s)."_s);
        return;
    }
    const qint64 intents = qint64(intentsDouble);
    if ((intents & ~VALID_INTENTS) != 0) {
        closeWith(id, 4013, u"Invalid intent(s)."_s);
        return;
    }
    if ((intents & PRIVILEGED_INTENTS & ~m_allowedPrivileged) != 0) {
        closeWith(id, 4014, u"Disallowed intent(s)."_s);
        return;
    }
    const QJsonValue shard = data.value(u"shard"_s);
    if (!shard.isUndefined()) {
        const QJsonArray pair = shard.toArray();
        const int shardId = pair.at(0).toInt(-1);
        const int shardCount = pair.at(1).toInt(-1);
        if (pair.size() != 2 || shardId < 0 || shardCount < 1 || shardId >= shardCount) {
            closeWith(id, 4010, u"Invalid shard."_s);
            return;
        }
    }
    Session session;
    session.id = QUuid::createUuid().toString(QUuid::Id128);
    session.intents = intents;
    session.connectionId = id;
    m_sessions.insert(session.id, session);
    m_live[id].sessionId = session.id;
    m_connections[id - 1].sessionId = session.id;
    m_lastSessionId = session.id;
    ++m_identifyCount;

    QJsonArray guilds;
    QStringList guildIds;
    for (const QString &guild : m_guildChannels) {
        if (!guildIds.contains(guild))
            guildIds.append(guild);
    }
    guildIds.sort();
    for (const QString &guild : guildIds)
        guilds.append(QJsonObject { { u"id"_s, guild }, { u"unavailable"_s, true } });
    QJsonObject ready { { u"v"_s, 10 }, { u"user"_s, botUserJson() }, { u"guilds"_s, guilds },
        { u"session_id"_s, session.id }, { u"resume_gateway_url"_s, resumeGatewayUrl() },
        { u"application"_s, QJsonObject { { u"id"_s, m_applicationId }, { u"flags"_s, 0 } } },
        { u"private_channels"_s, QJsonArray() }, { u"presences"_s, QJsonArray() } };
    if (!shard.isUndefined())
        ready.insert(u"shard"_s, shard);
    Session &live = m_sessions[session.id];
    dispatchTo(live, u"READY"_s, ready, false);
    if (m_sendGuildCreate && (intents & GUILDS)) {
        for (const QString &guild : guildIds) {
            QJsonArray channels;
            for (auto c = m_guildChannels.constBegin(); c != m_guildChannels.constEnd(); ++c) {
                if (c.value() == guild)
                    channels.append(QJsonObject { { u"id"_s, c.key() }, { u"type"_s, 0 }, { u"name"_s, u"general"_s },
                        { u"guild_id"_s, guild } });
            }
            dispatchTo(live, u"GUILD_CREATE"_s,
                QJsonObject { { u"id"_s, guild }, { u"name"_s, u"Fake Guild"_s }, { u"unavailable"_s, false },
                    { u"member_count"_s, 2 }, { u"large"_s, false }, { u"joined_at"_s, isoNow() },
                    { u"channels"_s, channels }, { u"threads"_s, QJsonArray() }, { u"roles"_s, QJsonArray() },
                    { u"members"_s, QJsonArray() } });
        }
    }
    Q_EMIT identified(session.id);
}

void FakeDiscord::handleResume(int id, const QJsonValue &d)
{
    const QJsonObject data = d.toObject();
    const QJsonValue seqValue = data.value(u"seq"_s);
    if (!d.isObject() || !data.value(u"token"_s).isString() || !data.value(u"session_id"_s).isString()
        || !(seqValue.isDouble() || seqValue.isNull())) {
        closeWith(id, 4002, u"Error while decoding payload."_s);
        return;
    }
    if (data.value(u"token"_s).toString() != m_token) {
        closeWith(id, 4004, u"Authentication failed."_s);
        return;
    }
    const QString sessionId = data.value(u"session_id"_s).toString();
    auto session = m_sessions.find(sessionId);
    const bool expired = session != m_sessions.end() && session->connectionId == 0 && session->disconnectedAtMs >= 0
        && elapsedMs() - session->disconnectedAtMs > m_resumeWindowMs;
    if (expired)
        session->valid = false;
    if (session == m_sessions.end() || !session->valid
        || (m_requireResumeUrl && !m_connections[id - 1].resumeEndpoint)) {
        sendFrame(id, 9, false);
        return;
    }
    const int seq = seqValue.toInt(0);
    if (seq < 0 || seq > session->seq) {
        m_live[id].sessionId = sessionId; // so that 4007 ends it
        closeWith(id, 4007, u"Invalid seq."_s);
        return;
    }
    if (session->connectionId != 0 && session->connectionId != id && m_live.contains(session->connectionId)) {
        const int old = session->connectionId;
        m_live[old].sessionId.clear(); // the session moves to the new connection
        closeWith(old, 4000, u"Session resumed elsewhere."_s);
    }
    session->connectionId = id;
    session->disconnectedAtMs = -1;
    m_live[id].sessionId = sessionId;
    m_connections[id - 1].sessionId = sessionId;
    for (const Event &event : std::as_const(session->events)) {
        if (event.seq > seq && event.replayable)
            sendFrame(id, 0, event.data, event.name, event.seq);
    }
    dispatchTo(*session, u"RESUMED"_s, QJsonObject(), false);
    ++m_resumeCount;
    Q_EMIT resumed(sessionId);
}

void FakeDiscord::dispatchTo(Session &session, const QString &name, const QJsonObject &data, bool replayable)
{
    Event event;
    event.seq = ++session.seq;
    event.name = name;
    event.data = data;
    event.replayable = replayable;
    session.events.append(event);
    if (session.connectionId != 0 && m_live.contains(session.connectionId))
        sendFrame(session.connectionId, 0, data, name, event.seq);
}

void FakeDiscord::endSession(const QString &sessionId)
{
    auto session = m_sessions.find(sessionId);
    if (session == m_sessions.end())
        return;
    session->valid = false;
    for (auto it = m_live.begin(); it != m_live.end(); ++it) {
        if (it->sessionId == sessionId)
            it->sessionId.clear();
    }
}

QList<int> FakeDiscord::targets(int connectionId) const
{
    if (connectionId >= 0)
        return m_live.contains(connectionId) ? QList<int> { connectionId } : QList<int>();
    return openConnectionIds();
}

QList<int> FakeDiscord::openConnectionIds() const
{
    QList<int> ids = m_live.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool FakeDiscord::isSessionResumable(const QString &sessionId) const
{
    const auto session = m_sessions.constFind(sessionId);
    if (session == m_sessions.constEnd() || !session->valid)
        return false;
    return session->connectionId != 0 || session->disconnectedAtMs < 0
        || elapsedMs() - session->disconnectedAtMs <= m_resumeWindowMs;
}

int FakeDiscord::lastSequence(const QString &sessionId) const
{
    return m_sessions.value(sessionId).seq;
}

void FakeDiscord::sendReconnect(int connectionId)
{
    for (int id : targets(connectionId))
        sendFrame(id, 7, QJsonValue());
}

void FakeDiscord::requestHeartbeat(int connectionId)
{
    for (int id : targets(connectionId))
        sendFrame(id, 1, QJsonValue());
}

void FakeDiscord::sendInvalidSession(bool resumable, int connectionId)
{
    for (int id : targets(connectionId)) {
        const QString sessionId = m_live.value(id).sessionId;
        sendFrame(id, 9, resumable);
        if (!resumable && !sessionId.isEmpty())
            endSession(sessionId);
    }
}

void FakeDiscord::closeConnection(int code, const QString &reason, int connectionId)
{
    for (int id : targets(connectionId))
        closeWith(id, code, reason);
}

void FakeDiscord::dropConnection(int connectionId)
{
    for (int id : targets(connectionId)) {
        auto it = m_live.find(id);
        if (it == m_live.end() || it->serverClosing)
            continue;
        it->serverClosing = true;
        it->heartbeatTimer->stop();
        m_connections[id - 1].closeCode = -1;
        m_connections[id - 1].closedByServer = true;
        QWebSocket *socket = it->socket;
        socket->abort(); // no close frame
    }
}

QJsonObject FakeDiscord::userJson(const QString &id, const QString &name, bool bot) const
{
    QJsonObject user { { u"id"_s, id }, { u"username"_s, name }, { u"discriminator"_s, u"0"_s },
        { u"global_name"_s, name }, { u"avatar"_s, QJsonValue() } };
    if (bot)
        user.insert(u"bot"_s, true);
    return user;
}

QJsonObject FakeDiscord::botUserJson() const
{
    QJsonObject user = userJson(m_botUserId, m_botUsername, true);
    user.insert(u"global_name"_s, QJsonValue());
    user.insert(u"verified"_s, true);
    user.insert(u"flags"_s, 0);
    user.insert(u"mfa_enabled"_s, false);
    return user;
}

QJsonObject FakeDiscord::injectMessage(const IncomingMessage &m)
{
    const QString channelId = !m.channelId.isEmpty() ? m.channelId : (m.dm ? m_defaultDmChannelId : m_defaultChannelId);
    const bool dm = m.dm || isDm(channelId);
    const QString authorId = m.authorId.isEmpty() ? m_defaultUserId : m.authorId;
    QJsonArray mentions;
    bool mentionsBot = false;
    for (const QString &userId : m.mentionUserIds) {
        if (userId == m_botUserId) {
            mentionsBot = true;
            mentions.append(userJson(m_botUserId, m_botUsername, true));
        } else {
            mentions.append(userJson(userId, u"user"_s + userId.right(4), false));
        }
    }
    const bool reply = !m.replyToMessageId.isEmpty();
    QJsonObject message { { u"id"_s, m.id.isEmpty() ? newSnowflake() : m.id }, { u"channel_id"_s, channelId },
        { u"author"_s, userJson(authorId, m.authorName, m.authorBot) }, { u"content"_s, m.content },
        { u"timestamp"_s, isoNow() }, { u"edited_timestamp"_s, QJsonValue() }, { u"tts"_s, false },
        { u"mention_everyone"_s, m.mentionEveryone }, { u"mentions"_s, mentions }, { u"mention_roles"_s, QJsonArray() },
        { u"attachments"_s, QJsonArray() }, { u"embeds"_s, QJsonArray() }, { u"components"_s, QJsonArray() },
        { u"pinned"_s, false }, { u"type"_s, m.type >= 0 ? m.type : (reply ? 19 : 0) }, { u"flags"_s, 0 } };
    if (!dm) {
        message.insert(u"guild_id"_s, m_guildChannels.value(channelId, m_defaultGuildId));
        message.insert(u"member"_s,
            QJsonObject { { u"roles"_s, QJsonArray() }, { u"joined_at"_s, isoNow() }, { u"deaf"_s, false },
                { u"mute"_s, false }, { u"flags"_s, 0 } });
    }
    if (!m.webhookId.isEmpty())
        message.insert(u"webhook_id"_s, m.webhookId);
    if (reply) {
        QJsonObject reference { { u"type"_s, 0 }, { u"message_id"_s, m.replyToMessageId },
            { u"channel_id"_s, channelId } };
        if (!dm)
            reference.insert(u"guild_id"_s, message.value(u"guild_id"_s));
        message.insert(u"message_reference"_s, reference);
        const auto referenced = m_messages.constFind(m.replyToMessageId);
        message.insert(
            u"referenced_message"_s, referenced == m_messages.constEnd() ? QJsonValue() : QJsonValue(*referenced));
    }
    m_messages.insert(message.value(u"id"_s).toString(), message);
    deliverMessage(u"MESSAGE_CREATE"_s, message, mentionsBot);
    return message;
}

QJsonObject FakeDiscord::injectGuildMessage(const QString &content, bool mentionBot)
{
    IncomingMessage m;
    m.content = content;
    if (mentionBot) {
        m.mentionUserIds = { m_botUserId };
        const QString tag = u"<@"_s + m_botUserId + u'>';
        if (!content.contains(tag))
            m.content = tag + u' ' + content;
    }
    return injectMessage(m);
}

QJsonObject FakeDiscord::injectDirectMessage(const QString &content)
{
    IncomingMessage m;
    m.dm = true;
    m.content = content;
    return injectMessage(m);
}

void FakeDiscord::deliverMessage(const QString &eventName, const QJsonObject &message, bool mentionsBot)
{
    const bool dm = !message.contains(u"guild_id"_s);
    const bool own = message.value(u"author"_s).toObject().value(u"id"_s).toString() == m_botUserId;
    for (auto session = m_sessions.begin(); session != m_sessions.end(); ++session) {
        if (!isSessionResumable(session.key()))
            continue;
        if (!(session->intents & (dm ? DIRECT_MESSAGES : GUILD_MESSAGES)))
            continue;
        QJsonObject data = message;
        if (!(session->intents & MESSAGE_CONTENT) && !dm && !mentionsBot && !own) {
            // Without the privileged intent: no content, embeds, attachments, components.
            data.insert(u"content"_s, QString());
            data.insert(u"embeds"_s, QJsonArray());
            data.insert(u"attachments"_s, QJsonArray());
            data.insert(u"components"_s, QJsonArray());
        }
        dispatchTo(*session, eventName, data);
    }
}

void FakeDiscord::dispatch(const QString &eventName, const QJsonObject &data)
{
    for (auto session = m_sessions.begin(); session != m_sessions.end(); ++session) {
        if (isSessionResumable(session.key()))
            dispatchTo(*session, eventName, data);
    }
}

// --- REST ----------------------------------------------------------------------------------

void FakeDiscord::enqueueRateLimit(RateLimitScope scope, double retryAfterSeconds)
{
    ScriptedError e;
    e.status = 429;
    e.scope = scope;
    e.retryAfter = retryAfterSeconds;
    m_scripted.enqueue(e);
}

void FakeDiscord::enqueueError(int status, int code, const QString &message)
{
    m_scripted.enqueue(ScriptedError { status, code, message, RateLimitScope::User, 0 });
}

int FakeDiscord::typingCount(const QString &channelId) const
{
    if (!channelId.isEmpty())
        return m_typing.value(channelId);
    int n = 0;
    for (int c : m_typing)
        n += c;
    return n;
}

bool FakeDiscord::isDiscordUserAgent(const QByteArray &userAgent)
{
    static const QRegularExpression shape(u"^DiscordBot \\([^,()]+, [^,()]+\\)"_s);
    return shape.match(QString::fromUtf8(userAgent)).hasMatch();
}

ScriptedResponse FakeDiscord::rest(const RecordedRequest &request)
{
    const QString path = request.path.mid(int(qstrlen("/api/v10")));
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (path == u"/gateway"_s) {
        if (request.method != "GET")
            return discordError(405, 0, u"405: Method Not Allowed"_s);
        return ScriptedResponse::json(200, QJsonObject { { u"url"_s, gatewayUrl() } });
    }
    if (request.header("authorization") != "Bot " + m_token.toUtf8())
        return discordError(401, 0, u"401: Unauthorized"_s);
    if (path == u"/gateway/bot"_s) {
        if (request.method != "GET")
            return discordError(405, 0, u"405: Method Not Allowed"_s);
        ++m_gatewayBotCount;
        return ScriptedResponse::json(200,
            QJsonObject { { u"url"_s, gatewayUrl() }, { u"shards"_s, 1 },
                { u"session_start_limit"_s,
                    QJsonObject { { u"total"_s, 1000 }, { u"remaining"_s, 1000 - m_identifyCount },
                        { u"reset_after"_s, 14400000 }, { u"max_concurrency"_s, 1 } } } });
    }
    if (path == u"/users/@me"_s) {
        if (request.method != "GET")
            return discordError(405, 0, u"405: Method Not Allowed"_s);
        return ScriptedResponse::json(200, userJson(m_botUserId, m_botUsername, true));
    }
    if (parts.size() < 3 || parts.at(0) != u"channels"_s)
        return discordError(404, 0, u"404: Not Found"_s);
    const QString channelId = parts.at(1);
    Route route;
    if (parts.size() == 3 && parts.at(2) == u"messages"_s && request.method == "POST")
        route = Route::CreateMessage;
    else if (parts.size() == 4 && parts.at(2) == u"messages"_s && request.method == "PATCH")
        route = Route::EditMessage;
    else if (parts.size() == 3 && parts.at(2) == u"typing"_s && request.method == "POST")
        route = Route::Typing;
    else if ((parts.size() == 3 || parts.size() == 4) && (parts.at(2) == u"messages"_s || parts.at(2) == u"typing"_s))
        return discordError(405, 0, u"405: Method Not Allowed"_s);
    else
        return discordError(404, 0, u"404: Not Found"_s);
    if (!m_guildChannels.contains(channelId) && !m_dmChannels.contains(channelId))
        return discordError(404, 10003, u"Unknown Channel"_s);

    Headers headers;
    ScriptedResponse limited = limit(route, channelId, headers);
    if (limited.status != 0)
        return limited;
    ScriptedResponse response;
    if (route == Route::Typing) {
        m_typing[channelId] += 1;
        response.status = 204;
    } else if (route == Route::CreateMessage) {
        response = createMessage(request, channelId);
    } else {
        response = editMessage(request, channelId, parts.at(3));
    }
    for (const auto &h : std::as_const(headers))
        response.setHeader(h.first, h.second);
    return response;
}

ScriptedResponse FakeDiscord::limit(Route route, const QString &channelId, Headers &headers)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const Limit routeLimit = m_limits.value(int(route));
    Bucket &bucket = m_buckets[QString::number(int(route)) + u'/' + channelId];
    if (now >= bucket.resetAtMs) {
        bucket.used = 0;
        bucket.resetAtMs = now + routeLimit.windowMs;
    }
    auto bucketHeaders = [&](Headers &out, int remaining) {
        out.append({ "X-RateLimit-Limit", QByteArray::number(routeLimit.limit) });
        out.append({ "X-RateLimit-Remaining", QByteArray::number(remaining) });
        out.append({ "X-RateLimit-Reset", seconds(bucket.resetAtMs) });
        out.append({ "X-RateLimit-Reset-After", seconds(bucket.resetAtMs - now) });
        out.append({ "X-RateLimit-Bucket", bucketId(route) });
    };
    auto tooMany = [&](RateLimitScope scope, double retryAfter) {
        const bool global = scope == RateLimitScope::Global;
        ScriptedResponse r = ScriptedResponse::json(429,
            QJsonObject { { u"message"_s, u"You are being rate limited."_s },
                { u"retry_after"_s, std::round(retryAfter * 1000.0) / 1000.0 }, { u"global"_s, global } });
        if (!global) {
            Headers h;
            bucketHeaders(h, 0);
            for (const auto &p : std::as_const(h))
                r.setHeader(p.first, p.second);
        } else {
            r.setHeader("X-RateLimit-Global", "true");
        }
        r.setHeader("X-RateLimit-Scope", global ? "global" : (scope == RateLimitScope::Shared ? "shared" : "user"));
        r.setHeader("Retry-After", QByteArray::number(qint64(std::ceil(retryAfter))));
        return r;
    };

    if (!m_scripted.isEmpty()) {
        const ScriptedError e = m_scripted.dequeue();
        if (e.status == 429)
            return tooMany(e.scope, e.retryAfter);
        ScriptedResponse r = discordError(e.status, e.code, e.message);
        Headers h;
        bucketHeaders(h, qMax(0, routeLimit.limit - bucket.used));
        for (const auto &p : std::as_const(h))
            r.setHeader(p.first, p.second);
        return r;
    }
    m_globalHits.removeIf([&](qint64 t) { return now - t >= m_globalLimit.windowMs; });
    if (m_globalHits.size() >= m_globalLimit.limit) {
        ++m_provokedRateLimits;
        return tooMany(RateLimitScope::Global, double(m_globalHits.first() + m_globalLimit.windowMs - now) / 1000.0);
    }
    if (bucket.used >= routeLimit.limit) {
        ++m_provokedRateLimits;
        return tooMany(RateLimitScope::User, double(bucket.resetAtMs - now) / 1000.0);
    }
    m_globalHits.append(now);
    ++bucket.used;
    bucketHeaders(headers, routeLimit.limit - bucket.used);
    return proceed();
}

QJsonArray FakeDiscord::mentionedUsers(const QString &content, const QJsonValue &allowed, bool &everyone) const
{
    QStringList parse { u"users"_s, u"roles"_s, u"everyone"_s };
    QStringList users;
    if (allowed.isObject()) {
        parse.clear();
        for (const QJsonValue &v : allowed.toObject().value(u"parse"_s).toArray())
            parse.append(v.toString());
        for (const QJsonValue &v : allowed.toObject().value(u"users"_s).toArray())
            users.append(v.toString());
    }
    everyone = parse.contains(u"everyone"_s) && (content.contains(u"@everyone"_s) || content.contains(u"@here"_s));
    QJsonArray out;
    static const QRegularExpression userMention(u"<@!?(\\d+)>"_s);
    auto it = userMention.globalMatch(content);
    QStringList seen;
    while (it.hasNext()) {
        const QString id = it.next().captured(1);
        if (seen.contains(id) || !(parse.contains(u"users"_s) || users.contains(id)))
            continue;
        seen.append(id);
        out.append(userJson(id, id == m_botUserId ? m_botUsername : u"user"_s + id.right(4), id == m_botUserId));
    }
    return out;
}

ScriptedResponse FakeDiscord::validateBody(const QJsonObject &body, bool edit) const
{
    const QJsonValue content = body.value(u"content"_s);
    if (!content.isUndefined() && !content.isNull() && !content.isString())
        return invalidForm(
            fieldError(u"content"_s, u"STRING_TYPE_CONVERT"_s, u"Could not interpret value as string."_s));
    if (content.toString().toUcs4().size() > MAX_CONTENT)
        return invalidForm(fieldError(u"content"_s, u"BASE_TYPE_MAX_LENGTH"_s, u"Must be 2000 or fewer in length."_s));
    const QJsonValue nonce = body.value(u"nonce"_s);
    if (!nonce.isUndefined() && !nonce.isNull()) {
        if (!nonce.isString() && !nonce.isDouble())
            return invalidForm(
                fieldError(u"nonce"_s, u"NONCE_TYPE_INVALID"_s, u"Nonce must be an integer or string."_s));
        if (nonce.isString() && nonce.toString().size() > MAX_NONCE)
            return invalidForm(fieldError(u"nonce"_s, u"BASE_TYPE_MAX_LENGTH"_s, u"Must be 25 or fewer in length."_s));
    }
    if (body.value(u"embeds"_s).toArray().size() > MAX_EMBEDS)
        return invalidForm(fieldError(u"embeds"_s, u"BASE_TYPE_MAX_LENGTH"_s, u"Must be 10 or fewer in length."_s));
    const QJsonValue allowed = body.value(u"allowed_mentions"_s);
    if (!allowed.isUndefined() && !allowed.isNull()) {
        if (!allowed.isObject())
            return invalidForm(fieldError(
                u"allowed_mentions"_s, u"MODEL_TYPE_CONVERT"_s, u"Only dictionaries may be used in a ModelType"_s));
        const QJsonObject a = allowed.toObject();
        for (const QJsonValue &p : a.value(u"parse"_s).toArray()) {
            const QString kind = p.toString();
            if (kind != u"users"_s && kind != u"roles"_s && kind != u"everyone"_s)
                return invalidForm(QJsonObject { { u"allowed_mentions"_s,
                    fieldError(u"parse"_s, u"BASE_TYPE_CHOICES"_s,
                        u"Value must be one of {'users', 'roles', 'everyone'}."_s) } });
            if (kind != u"everyone"_s && !a.value(kind).toArray().isEmpty())
                return invalidForm(QJsonObject { { u"allowed_mentions"_s,
                    fieldError(kind, u"SET_TYPE_ALREADY_CONTAINS_VALUE"_s,
                        QString(u"parse:[\""_s + kind + u"\"] and "_s + kind
                            + u": [ids...] are mutually exclusive."_s)) } });
        }
        for (const QString &list : { u"users"_s, u"roles"_s }) {
            if (a.value(list).toArray().size() > 100)
                return invalidForm(QJsonObject { { u"allowed_mentions"_s,
                    fieldError(list, u"BASE_TYPE_MAX_LENGTH"_s, u"Must be 100 or fewer in length."_s) } });
        }
    }
    if (!edit) {
        const bool hasContent = !content.toString().isEmpty();
        if (!hasContent && !hasNonEmpty(body, u"embeds"_s) && !hasNonEmpty(body, u"sticker_ids"_s)
            && !hasNonEmpty(body, u"components"_s) && !hasNonEmpty(body, u"attachments"_s)
            && !hasNonEmpty(body, u"poll"_s))
            return discordError(400, 50006, u"Cannot send an empty message"_s);
    }
    return proceed();
}

ScriptedResponse FakeDiscord::createMessage(const RecordedRequest &request, const QString &channelId)
{
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return discordError(400, 50109, u"The request body contains invalid JSON."_s);
    const QJsonObject body = doc.object();
    ScriptedResponse invalid = validateBody(body, false);
    if (invalid.status != 0)
        return invalid;

    const QJsonValue nonce = body.value(u"nonce"_s);
    const QString nonceKey = nonce.isString() ? nonce.toString()
        : nonce.isDouble()                    ? QString::number(nonce.toDouble(), 'f', 0)
                                              : QString();
    const qint64 now = elapsedMs();
    if (!nonceKey.isEmpty() && body.value(u"enforce_nonce"_s).toBool()) {
        const auto seen = m_nonces.constFind(channelId + u'/' + nonceKey);
        if (seen != m_nonces.constEnd() && now - seen->atMs <= m_nonceWindowMs && m_messages.contains(seen->messageId))
            return ScriptedResponse::json(200, m_messages.value(seen->messageId)); // the earlier message
    }

    QJsonObject referenced;
    const QJsonObject reference = body.value(u"message_reference"_s).toObject();
    if (!reference.isEmpty()) {
        const QString refId = reference.value(u"message_id"_s).toString();
        const auto found = m_messages.constFind(refId);
        const bool failIfMissing = reference.value(u"fail_if_not_exists"_s).toBool(true);
        if (found == m_messages.constEnd() && failIfMissing)
            return invalidForm(QJsonObject { { u"message_reference"_s,
                fieldError(u"message_id"_s, u"MESSAGE_REFERENCE_UNKNOWN_MESSAGE"_s, u"Unknown message"_s) } });
        if (found != m_messages.constEnd())
            referenced = *found;
    }

    bool everyone = false;
    const QString content = body.value(u"content"_s).toString();
    const QJsonArray mentions = mentionedUsers(content, body.value(u"allowed_mentions"_s), everyone);
    const QString id = newSnowflake();
    QJsonObject message { { u"id"_s, id }, { u"channel_id"_s, channelId },
        { u"author"_s, userJson(m_botUserId, m_botUsername, true) }, { u"content"_s, content },
        { u"timestamp"_s, isoNow() }, { u"edited_timestamp"_s, QJsonValue() },
        { u"tts"_s, body.value(u"tts"_s).toBool() }, { u"mention_everyone"_s, everyone }, { u"mentions"_s, mentions },
        { u"mention_roles"_s, QJsonArray() }, { u"attachments"_s, QJsonArray() },
        { u"embeds"_s, body.value(u"embeds"_s).toArray() }, { u"components"_s, body.value(u"components"_s).toArray() },
        { u"pinned"_s, false }, { u"type"_s, referenced.isEmpty() ? 0 : 19 },
        { u"flags"_s, body.value(u"flags"_s).toInt() } };
    if (!nonce.isUndefined() && !nonce.isNull())
        message.insert(u"nonce"_s, nonce);
    if (!referenced.isEmpty()) {
        message.insert(u"message_reference"_s,
            QJsonObject { { u"type"_s, 0 }, { u"message_id"_s, referenced.value(u"id"_s) },
                { u"channel_id"_s, referenced.value(u"channel_id"_s) } });
        message.insert(u"referenced_message"_s, referenced);
    }
    m_messages.insert(id, message);
    if (!nonceKey.isEmpty())
        m_nonces.insert(channelId + u'/' + nonceKey, NonceEntry { id, now });
    m_sent.append(SentMessage { id, channelId, body, message, {} });
    Q_EMIT messageSent(channelId, id);

    // The bot's own message comes back over the gateway (with guild_id in guild channels).
    QJsonObject echo = message;
    if (!isDm(channelId))
        echo.insert(u"guild_id"_s, m_guildChannels.value(channelId));
    deliverMessage(u"MESSAGE_CREATE"_s, echo, false);
    return ScriptedResponse::json(200, message);
}

ScriptedResponse FakeDiscord::editMessage(
    const RecordedRequest &request, const QString &channelId, const QString &messageId)
{
    const auto stored = m_messages.constFind(messageId);
    if (stored == m_messages.constEnd() || stored->value(u"channel_id"_s).toString() != channelId)
        return discordError(404, 10008, u"Unknown Message"_s);
    if (stored->value(u"author"_s).toObject().value(u"id"_s).toString() != m_botUserId)
        return discordError(403, 50005, u"Cannot edit a message authored by another user"_s);
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return discordError(400, 50109, u"The request body contains invalid JSON."_s);
    const QJsonObject body = doc.object();
    ScriptedResponse invalid = validateBody(body, true);
    if (invalid.status != 0)
        return invalid;
    QJsonObject message = *stored;
    if (body.contains(u"content"_s)) {
        bool everyone = false;
        const QString content = body.value(u"content"_s).toString();
        const QJsonValue allowed = body.contains(u"allowed_mentions"_s) ? body.value(u"allowed_mentions"_s)
                                                                        : QJsonValue(QJsonValue::Undefined);
        message.insert(u"content"_s, content);
        message.insert(u"mentions"_s, mentionedUsers(content, allowed, everyone));
        message.insert(u"mention_everyone"_s, everyone);
    }
    for (const QString &key : { u"embeds"_s, u"components"_s, u"flags"_s }) {
        if (body.contains(key))
            message.insert(key, body.value(key));
    }
    if (message.value(u"content"_s).toString().isEmpty() && message.value(u"embeds"_s).toArray().isEmpty()
        && message.value(u"components"_s).toArray().isEmpty())
        return discordError(400, 50006, u"Cannot send an empty message"_s);
    message.insert(u"edited_timestamp"_s, isoNow());
    m_messages.insert(messageId, message);
    for (SentMessage &sent : m_sent) {
        if (sent.id == messageId) {
            sent.message = message;
            sent.edits.append(body);
        }
    }
    QJsonObject echo = message;
    if (!isDm(channelId))
        echo.insert(u"guild_id"_s, m_guildChannels.value(channelId));
    deliverMessage(u"MESSAGE_UPDATE"_s, echo, false);
    return ScriptedResponse::json(200, message);
}

} // namespace Fakes
