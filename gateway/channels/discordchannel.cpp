// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "channels/discordchannel.h"

#include <cmath>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QUrlQuery>
#include <QWebSocket>

#include "channels/telegramchannel.h"
#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Channels
{

namespace
{

constexpr int MAX_BACKOFF_MS = 60'000;
constexpr int CLOSE_TIMEOUT_MS = 5'000;
/// Our own close code for reconnects: anything but 1000/1001 keeps the session resumable.
constexpr int RESUMABLE_CLOSE = 4900;
const QString FENCE = u"```"_s;

enum Op {
    Dispatch = 0,
    Heartbeat = 1,
    Identify = 2,
    Resume = 6,
    Reconnect = 7,
    InvalidSession = 9,
    Hello = 10,
    HeartbeatAck = 11
};

bool isFatalClose(int code)
{
    return code == 4004 || (code >= 4010 && code <= 4014);
}

QString fatalCloseText(int code)
{
    switch (code) {
    case 4004:
        return u"Discord refused the bot token (close 4004 authentication failed); check channels.discord.token"_s;
    case 4010:
        return u"Discord closed the gateway: invalid shard (4010)"_s;
    case 4011:
        return u"Discord closed the gateway: sharding required (4011)"_s;
    case 4012:
        return u"Discord closed the gateway: invalid API version (4012)"_s;
    case 4013:
        return u"Discord closed the gateway: invalid intents (4013); check channels.discord intents"_s;
    case 4014:
        return u"Discord closed the gateway: disallowed intents (4014); enable the Message Content intent for "
               "the bot in the Discord Developer Portal"_s;
    default:
        return u"Discord closed the gateway (%1)"_s.arg(code);
    }
}

struct RestAnswer
{
    int status = 0; ///< 0 on a network error
    QJsonObject json;
    QString error;
};

RestAnswer readAnswer(QNetworkReply *reply)
{
    RestAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.json = replyJson(reply);
    if (answer.status == 0) {
        answer.error = u"network: "_s + reply->errorString();
    } else if (answer.status >= 300) {
        const QString message = answer.json.value(u"message"_s).toString().left(300);
        answer.error = u"Discord %1 (code %2): %3"_s.arg(answer.status)
                           .arg(answer.json.value(u"code"_s).toInt())
                           .arg(message.isEmpty() ? reply->errorString() : message);
    }
    return answer;
}

} // namespace

DiscordChannel::DiscordChannel(Options options, QObject *parent) : Channel(parent), m_options(std::move(options))
{
    m_clock.start();
    m_heartbeat.setSingleShot(true);
    connect(&m_heartbeat, &QTimer::timeout, this, &DiscordChannel::heartbeat);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, [this] {
        if (!m_running)
            return;
        if (m_gatewayUrl.isEmpty())
            fetchGatewayUrl();
        else
            openSocket(m_next);
    });
}

DiscordChannel::~DiscordChannel()
{
    stop();
}

QNetworkReply *DiscordChannel::rest(const QByteArray &verb, const QString &path, const QJsonObject &body)
{
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    QUrl url = m_options.apiBase;
    QString base = url.path();
    if (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bot " + m_options.token.toUtf8());
    // The shape Discord requires: "DiscordBot ($url, $versionNumber)".
    request.setRawHeader("User-Agent", "DiscordBot (https://github.com/skynet-gateway/skynet, " SKYNET_VERSION ")");
    request.setTransferTimeout(m_options.requestTimeoutMs);
    QByteArray payload;
    if (verb != "GET") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    return m_nam->sendCustomRequest(request, verb, payload);
}

void DiscordChannel::start()
{
    if (m_running)
        return;
    if (m_options.token.isEmpty()) {
        setState(State::Failed, u"no bot token: set channels.discord.token (e.g. env:DISCORD_BOT_TOKEN)"_s);
        return;
    }
    m_running = true;
    m_failures = 0;
    m_gatewayUrl = m_options.gatewayUrl;
    setState(State::Starting);
    m_next = m_sessionId.isEmpty() ? Next::Identify : Next::Resume;
    if (m_gatewayUrl.isEmpty())
        fetchGatewayUrl();
    else
        openSocket(m_next);
}

void DiscordChannel::setSession(const QString &sessionId, const QString &resumeUrl, int sequence)
{
    m_sessionId = sessionId;
    m_resumeUrl = resumeUrl;
    m_seq = sessionId.isEmpty() ? -1 : sequence;
}

void DiscordChannel::stop()
{
    m_running = false;
    m_reconnect.stop();
    m_heartbeat.stop();
    // Not 1000/1001, which would end the session: a restart resumes it, and Discord replays
    // the messages sent in between (the session stays stored by the manager).
    dropSocket(RESUMABLE_CLOSE);
    if (state() != State::Failed)
        setState(State::Stopped);
}

void DiscordChannel::fetchGatewayUrl()
{
    QNetworkReply *reply = rest("GET", u"/gateway/bot"_s);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!m_running)
            return;
        const RestAnswer answer = readAnswer(reply);
        if (answer.status == 200 && answer.json.value(u"url"_s).isString()) {
            m_gatewayUrl = QUrl(answer.json.value(u"url"_s).toString());
            const QJsonObject limit = answer.json.value(u"session_start_limit"_s).toObject();
            qCInfo(lcGatewayService).noquote()
                << "discord: gateway" << m_gatewayUrl.toString() << "- identify budget"
                << limit.value(u"remaining"_s).toInt() << "of" << limit.value(u"total"_s).toInt();
            openSocket(m_next);
            return;
        }
        if (answer.status == 401) {
            fail(u"Discord refused the bot token (401); check channels.discord.token"_s);
            return;
        }
        scheduleReconnect(m_next, answer.error);
    });
}

void DiscordChannel::openSocket(Next next)
{
    if (!m_running)
        return;
    dropSocket(RESUMABLE_CLOSE);
    if (m_sessionId.isEmpty())
        next = Next::Identify;
    m_current = next;
    m_next = next;
    m_hello = false;
    m_ackPending = false;
    QUrl url = next == Next::Resume && !m_resumeUrl.isEmpty() ? QUrl(m_resumeUrl) : m_gatewayUrl;
    if (url.path().isEmpty())
        url.setPath(u"/"_s);
    QUrlQuery query(url);
    query.removeAllQueryItems(u"v"_s);
    query.removeAllQueryItems(u"encoding"_s);
    query.addQueryItem(u"v"_s, u"10"_s);
    query.addQueryItem(u"encoding"_s, u"json"_s);
    url.setQuery(query);
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    connect(socket, &QWebSocket::textMessageReceived, this, &DiscordChannel::onText);
    connect(socket, &QWebSocket::disconnected, this, &DiscordChannel::onDisconnected);
    socket->open(url);
}

void DiscordChannel::dropSocket(int closeCode)
{
    m_heartbeat.stop();
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    if (!socket)
        return;
    socket->disconnect(this);
    if (socket->state() == QAbstractSocket::ConnectedState) {
        // Let the close frame go out; a server that never answers it is cut off.
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(CLOSE_TIMEOUT_MS, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
        socket->close(QWebSocketProtocol::CloseCode(closeCode));
    } else {
        socket->abort();
        socket->deleteLater();
    }
}

void DiscordChannel::send(int op, const QJsonValue &d)
{
    if (m_socket)
        m_socket->sendTextMessage(QString::fromUtf8(
            QJsonDocument(QJsonObject { { u"op"_s, op }, { u"d"_s, d } }).toJson(QJsonDocument::Compact)));
}

void DiscordChannel::heartbeat()
{
    if (!m_socket || !m_hello)
        return;
    if (m_ackPending) {
        // No ACK since the last beat: a zombie connection. Close it and resume.
        qCInfo(lcGatewayService) << "discord: no heartbeat ACK - reconnecting";
        scheduleReconnect(Next::Resume, u"no heartbeat ACK from Discord (zombie connection)"_s);
        return;
    }
    m_ackPending = true;
    send(Heartbeat, m_seq >= 0 ? QJsonValue(m_seq) : QJsonValue());
    m_heartbeat.start(m_intervalMs);
}

void DiscordChannel::onText(const QString &text)
{
    const QJsonObject payload = QJsonDocument::fromJson(text.toUtf8()).object();
    const int op = payload.value(u"op"_s).toInt(-1);
    switch (op) {
    case Hello: {
        m_hello = true;
        m_intervalMs = qMax(100, payload.value(u"d"_s).toObject().value(u"heartbeat_interval"_s).toInt(41250));
        m_heartbeat.start(int(m_intervalMs * QRandomGenerator::global()->generateDouble()));
        if (m_current == Next::Resume) {
            send(Resume,
                QJsonObject { { u"token"_s, m_options.token }, { u"session_id"_s, m_sessionId }, { u"seq"_s, m_seq } });
        } else {
            send(Identify,
                QJsonObject { { u"token"_s, m_options.token }, { u"intents"_s, m_options.intents },
                    { u"properties"_s,
                        QJsonObject { { u"os"_s, QSysInfo::kernelType() }, { u"browser"_s, u"skynet"_s },
                            { u"device"_s, u"skynet"_s } } } });
        }
        break;
    }
    case HeartbeatAck:
        m_ackPending = false;
        break;
    case Heartbeat:
        // The server asks for a beat now; it does not count against the ACK check.
        send(Heartbeat, m_seq >= 0 ? QJsonValue(m_seq) : QJsonValue());
        break;
    case Reconnect:
        qCInfo(lcGatewayService) << "discord: server asked to reconnect - resuming";
        reconnect(Next::Resume, 0);
        break;
    case InvalidSession:
        if (payload.value(u"d"_s).toBool()) {
            reconnect(Next::Resume, 0);
        } else {
            // Not resumable: a new session after a short random pause.
            qCInfo(lcGatewayService) << "discord: session invalidated - identifying again";
            m_sessionId.clear();
            m_resumeUrl.clear();
            m_seq = -1;
            Q_EMIT sessionChanged({}, {}, -1);
            reconnect(Next::Identify, 1000 + int(QRandomGenerator::global()->bounded(4001)));
        }
        break;
    case Dispatch: {
        const QString event = payload.value(u"t"_s).toString();
        const QJsonValue s = payload.value(u"s"_s);
        if (event == u"MESSAGE_CREATE"_s && !onMessageCreate(payload.value(u"d"_s).toObject())) {
            // Not recorded: resume from before this event so Discord replays it.
            scheduleReconnect(Next::Resume, u"could not record an inbound message"_s);
            return;
        }
        const int before = m_seq;
        if (s.isDouble())
            m_seq = s.toInt();
        onDispatch(event, payload.value(u"d"_s).toObject());
        // Stored after the event was recorded: a crash in between replays it (de-duplicated).
        if (m_seq != before && event != u"READY"_s)
            Q_EMIT sessionChanged(m_sessionId, m_resumeUrl, m_seq);
        break;
    }
    default:
        break;
    }
}

void DiscordChannel::onDispatch(const QString &event, const QJsonObject &data)
{
    if (event == u"READY"_s) {
        m_sessionId = data.value(u"session_id"_s).toString();
        m_resumeUrl = data.value(u"resume_gateway_url"_s).toString();
        Q_EMIT sessionChanged(m_sessionId, m_resumeUrl, m_seq);
        const QJsonObject user = data.value(u"user"_s).toObject();
        m_botId = user.value(u"id"_s).toString();
        m_failures = 0;
        setState(State::Running);
        qCInfo(lcGatewayService).noquote() << "discord: connected as" << user.value(u"username"_s).toString();
        Q_EMIT ready();
    } else if (event == u"RESUMED"_s) {
        m_failures = 0;
        setState(State::Running);
        qCInfo(lcGatewayService) << "discord: session resumed";
        Q_EMIT resumed();
    }
}

bool DiscordChannel::onMessageCreate(const QJsonObject &data)
{
    const QJsonObject author = data.value(u"author"_s).toObject();
    const QString authorId = author.value(u"id"_s).toString();
    const int type = data.value(u"type"_s).toInt(0);
    // Our own echo, other bots, webhooks and system messages are not people talking to us.
    if (authorId.isEmpty() || authorId == m_botId || author.value(u"bot"_s).toBool()
        || !data.value(u"webhook_id"_s).toString().isEmpty() || (type != 0 && type != 19))
        return true;
    const QString content = data.value(u"content"_s).toString();
    if (content.trimmed().isEmpty())
        return true;
    InboundMessage inbound;
    inbound.channel = id();
    inbound.platformId = data.value(u"id"_s).toString();
    inbound.chatId = data.value(u"channel_id"_s).toString();
    inbound.chatType = data.value(u"guild_id"_s).toString().isEmpty() ? u"private"_s : u"group"_s;
    inbound.senderId = authorId;
    const QString globalName = author.value(u"global_name"_s).toString();
    inbound.senderName = globalName.isEmpty() ? author.value(u"username"_s).toString() : globalName;
    inbound.text = content.left(16'000);
    if (!m_botId.isEmpty()) {
        for (const QJsonValue &mention : data.value(u"mentions"_s).toArray()) {
            if (mention.toObject().value(u"id"_s).toString() == m_botId)
                inbound.mentioned = true;
        }
        if (content.contains(QString(u"<@"_s + m_botId + u'>')) || content.contains(QString(u"<@!"_s + m_botId + u'>')))
            inbound.mentioned = true;
    }
    return hand(inbound);
}

void DiscordChannel::onDisconnected()
{
    QWebSocket *socket = m_socket;
    if (!socket || sender() != socket)
        return;
    const int code = socket->closeCode();
    const QString reason = socket->closeReason();
    const bool hadHello = m_hello;
    dropSocket(RESUMABLE_CLOSE);
    if (!m_running)
        return;
    if (isFatalClose(code)) {
        fail(fatalCloseText(code) + (reason.isEmpty() ? QString() : QString(u": "_s + reason)));
        return;
    }
    Next next = Next::Resume;
    if (code == 4007 || code == 4009) {
        // Invalid sequence / session timed out: the session is gone.
        m_sessionId.clear();
        m_resumeUrl.clear();
        m_seq = -1;
        Q_EMIT sessionChanged({}, {}, -1);
        next = Next::Identify;
    }
    if (!hadHello) {
        // The URL itself may be stale: resume on the main gateway, or ask for a fresh URL.
        if (m_current == Next::Resume)
            m_resumeUrl.clear();
        else if (m_options.gatewayUrl.isEmpty())
            m_gatewayUrl.clear();
    }
    scheduleReconnect(next,
        u"Discord gateway closed (%1%2)"_s.arg(code).arg(reason.isEmpty() ? QString() : QString(u": "_s + reason)));
}

void DiscordChannel::reconnect(Next next, int delayMs)
{
    dropSocket(RESUMABLE_CLOSE);
    m_next = next;
    m_reconnect.start(delayMs);
}

void DiscordChannel::scheduleReconnect(Next next, const QString &error)
{
    dropSocket(RESUMABLE_CLOSE);
    ++m_failures;
    // Exponential backoff with jitter, capped.
    const int ceiling = int(qMin<qint64>(qint64(500) << qMin(m_failures, 7), MAX_BACKOFF_MS));
    const int delay = ceiling / 2 + int(QRandomGenerator::global()->bounded(ceiling / 2 + 1));
    setState(State::Backoff, error);
    qCInfo(lcGatewayService).noquote() << "discord:" << error << "- reconnecting in" << delay << "ms";
    m_next = next;
    m_reconnect.start(delay);
}

void DiscordChannel::fail(const QString &error)
{
    m_running = false;
    m_reconnect.stop();
    dropSocket(RESUMABLE_CLOSE);
    setState(State::Failed, error);
    qCWarning(lcGatewayService).noquote() << "discord:" << error;
}

void DiscordChannel::typing(const QString &chatId, const QString &threadId)
{
    Q_UNUSED(threadId);
    // Best effort: skipped rather than queued when its bucket is empty.
    limited(
        "POST", u"POST /channels/{channel.id}/typing"_s, chatId, u"/channels/%1/typing"_s.arg(chatId), {},
        [](QNetworkReply *) {}, true);
}

QString DiscordChannel::nonce(const QString &idempotencyKey, const QString &part, int occurrence)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(idempotencyKey.toUtf8());
    hash.addData(QByteArrayView("\x1f", 1));
    hash.addData(part.toUtf8());
    hash.addData(QByteArrayView("\x1f", 1));
    hash.addData(QByteArray::number(occurrence));
    return QString::fromLatin1(hash.result().toHex().left(25));
}

QString DiscordChannel::bucketKey(const QString &route, const QString &channelId) const
{
    // Buckets are per route (learned from X-RateLimit-Bucket: routes may share one) and per
    // top-level resource, the channel.
    return m_routeBuckets.value(route, route) + u'|' + channelId;
}

qint64 DiscordChannel::waitFor(const QString &route, const QString &channelId) const
{
    const qint64 now = m_clock.elapsed();
    qint64 until = m_globalBlockedUntil;
    const auto bucket = m_buckets.constFind(bucketKey(route, channelId));
    if (bucket != m_buckets.cend() && bucket->remaining <= 0)
        until = qMax(until, bucket->resetAt);
    return qMax<qint64>(0, until - now);
}

qint64 DiscordChannel::rateLimitWaitMs(const QString &route, const QString &channelId) const
{
    return waitFor(route, channelId);
}

void DiscordChannel::limited(const QByteArray &verb, const QString &route, const QString &channelId,
    const QString &path, const QJsonObject &body, std::function<void(QNetworkReply *)> handler, bool bestEffort)
{
    // Lanes are per route and channel (stable from the first request on; the bucket a route
    // shares is learned from the first answer).
    const QString key = route + u'|' + channelId;
    Lane &lane = m_lanes[key];
    if (bestEffort && (lane.busy || waitFor(route, channelId) > 0))
        return;
    auto request = [this, key, verb, route, channelId, path, body, handler = std::move(handler)]() mutable {
        issue(key, verb, route, channelId, path, body, std::move(handler));
    };
    if (lane.busy) {
        // One request at a time per route and channel: the remaining count in each answer is then
        // exact.
        lane.waiting.append(std::move(request));
        return;
    }
    lane.busy = true;
    request();
}

void DiscordChannel::issue(const QString &key, const QByteArray &verb, const QString &route, const QString &channelId,
    const QString &path, const QJsonObject &body, std::function<void(QNetworkReply *)> handler)
{
    if (const qint64 wait = waitFor(route, channelId); wait > 0) {
        // The bucket is empty: the request goes when it resets, not into a 429.
        QTimer::singleShot(int(qMin<qint64>(wait, MAX_BACKOFF_MS)), this,
            [this, key, verb, route, channelId, path, body, handler = std::move(handler)]() mutable {
                issue(key, verb, route, channelId, path, body, std::move(handler));
            });
        return;
    }
    QNetworkReply *reply = rest(verb, path, body);
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, route, channelId, key, handler = std::move(handler)]() mutable {
            reply->deleteLater();
            const qint64 now = m_clock.elapsed();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray bucketId = reply->rawHeader("X-RateLimit-Bucket");
            if (!bucketId.isEmpty())
                m_routeBuckets.insert(route, QString::fromLatin1(bucketId));
            Bucket &bucket = m_buckets[bucketKey(route, channelId)];
            bool haveRemaining = false;
            bool haveReset = false;
            const int remaining = reply->rawHeader("X-RateLimit-Remaining").toInt(&haveRemaining);
            const double resetAfter = reply->rawHeader("X-RateLimit-Reset-After").toDouble(&haveReset);
            if (haveRemaining && haveReset) {
                bucket.remaining = remaining;
                bucket.resetAt = now + qint64(std::ceil(resetAfter * 1000.0));
            }
            if (status == 429) {
                const QJsonObject json = QJsonDocument::fromJson(reply->peek(reply->bytesAvailable())).object();
                double retryAfter = json.value(u"retry_after"_s).toDouble(-1);
                if (retryAfter < 0)
                    retryAfter = reply->rawHeader("Retry-After").toDouble();
                const qint64 until = now + qint64(std::ceil(qMax(0.0, retryAfter) * 1000.0));
                if (reply->rawHeader("X-RateLimit-Global").toLower() == "true" || json.value(u"global"_s).toBool()) {
                    // A global limit pauses every route.
                    m_globalBlockedUntil = qMax(m_globalBlockedUntil, until);
                } else {
                    bucket.remaining = 0;
                    bucket.resetAt = qMax(bucket.resetAt, until);
                }
            }
            handler(reply);
            Lane &lane = m_lanes[key];
            if (!lane.waiting.isEmpty()) {
                auto next = lane.waiting.takeFirst();
                next();
            } else {
                lane.busy = false;
            }
        });
}

void DiscordChannel::deliver(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done)
{
    sendPart(message, split(message.text.trimmed().isEmpty() ? u"…"_s : message.text), QString(), std::move(done));
}

void DiscordChannel::edit(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done)
{
    // A draft does not wait for an empty bucket (the reply after it would wait behind it): the
    // manager is told when to try again, with newer text by then.
    const QString route = message.editMessageId.isEmpty() ? u"POST /channels/{channel.id}/messages"_s
                                                          : u"PATCH /channels/{channel.id}/messages/{message.id}"_s;
    if (const qint64 wait = waitFor(route, message.chatId); wait > 0) {
        DeliveryResult later;
        later.outcome = DeliveryResult::Outcome::Retry;
        later.retryAfterMs = wait;
        later.error = u"rate limit bucket empty"_s;
        done(later);
        return;
    }
    // A draft is one message: the first part of what the model wrote so far.
    const QStringList parts = split(message.text.trimmed().isEmpty() ? u"…"_s : message.text);
    sendPart(message, parts.mid(0, 1), QString(), std::move(done), true);
}

void DiscordChannel::sendPart(const OutboundMessage &message, QStringList parts, QString firstId,
    std::function<void(const DeliveryResult &)> done, bool draft)
{
    if (parts.isEmpty()) {
        DeliveryResult sent;
        sent.platformMessageId = firstId;
        done(sent);
        return;
    }
    const QString part = parts.first();
    // The first part of a reply that has a draft: the draft becomes it (PATCH).
    const bool editing = firstId.isEmpty() && !message.editMessageId.isEmpty();
    QJsonObject body { { u"content"_s, part },
        { u"allowed_mentions"_s, QJsonObject { { u"parse"_s, QJsonArray() } } } };
    QString route;
    QString path;
    if (editing) {
        route = u"PATCH /channels/{channel.id}/messages/{message.id}"_s;
        path = u"/channels/%1/messages/%2"_s.arg(message.chatId, message.editMessageId);
    } else {
        route = u"POST /channels/{channel.id}/messages"_s;
        path = u"/channels/%1/messages"_s.arg(message.chatId);
        // Identical parts of one reply get distinct nonces; the count is over the parts left, so a
        // retry of the remainder derives the same nonces. A draft's nonce does not depend on its
        // text: posted again after a crash, Discord answers with the draft already there.
        const int occurrence = int(parts.count(part)) - 1;
        body.insert(u"nonce"_s,
            draft ? nonce(u"draft:"_s + message.idempotencyKey, QString())
                  : nonce(message.idempotencyKey, part, occurrence));
        body.insert(u"enforce_nonce"_s, true);
    }
    limited(editing ? "PATCH" : "POST", route, message.chatId, path, body,
        [this, message, parts, firstId, editing, draft, done = std::move(done)](QNetworkReply *reply) mutable {
            const RestAnswer answer = readAnswer(reply);
            if (answer.status >= 200 && answer.status < 300) {
                if (firstId.isEmpty())
                    firstId = editing ? message.editMessageId : answer.json.value(u"id"_s).toString();
                parts.removeFirst();
                sendPart(message, parts, firstId, std::move(done), draft);
                return;
            }
            if (editing && answer.status == 404 && answer.json.value(u"code"_s).toInt() == 10008) {
                // The draft is gone (deleted): the part goes out as a new message.
                OutboundMessage fresh = message;
                fresh.editMessageId.clear();
                sendPart(fresh, parts, firstId, std::move(done), draft);
                return;
            }
            DeliveryResult result;
            result.error = answer.error;
            if (answer.status == 429) {
                result.outcome = DeliveryResult::Outcome::Retry;
                const double retryAfter = answer.json.value(u"retry_after"_s).toDouble(-1);
                if (retryAfter >= 0)
                    result.retryAfterMs = qint64(std::ceil(retryAfter * 1000.0));
            } else if (answer.status == 0 || answer.status >= 500) {
                result.outcome = DeliveryResult::Outcome::Retry;
            } else {
                // 400 (invalid), 401 (token), 403 (no permission), 404 (unknown channel).
                result.outcome = DeliveryResult::Outcome::Failed;
            }
            // Parts already sent are not sent again: a retry sends what is left.
            if (!firstId.isEmpty())
                result.remaining = parts.join(u"\n\n"_s);
            done(result);
        });
}

QStringList DiscordChannel::split(const QString &text, int limit)
{
    // Room for a closing and a re-opening fence (4 characters each). UTF-16 units are never
    // fewer than code points, so the count is conservative.
    const QStringList raw = TelegramChannel::split(text, qMax(16, limit - 8));
    QStringList parts;
    bool open = false;
    for (QString part : raw) {
        if (open)
            part.prepend(FENCE + u'\n');
        open = part.count(FENCE) % 2 == 1;
        if (open)
            part.append(u'\n' + FENCE);
        parts.append(part);
    }
    return parts;
}

} // namespace Gateway::Channels
