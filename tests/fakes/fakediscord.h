// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "fakehttpserver.h"

class QWebSocket;
class QWebSocketServer;
class QTimer;

namespace Fakes
{

/// @brief A faithful fake of a Discord bot's view of Discord (shared/reference/discord-api.md):
/// Gateway v10 over a real WebSocket (JSON encoding, no compression) and the REST subset under
/// /api/v10: GET /gateway, GET /gateway/bot, GET /users/@me, POST /channels/{id}/messages,
/// PATCH /channels/{id}/messages/{mid}, POST /channels/{id}/typing.
///
/// Two WebSocket endpoints on 127.0.0.1: the gateway URL (from /gateway/bot) and the
/// resume_gateway_url (from READY); a RESUME on the gateway URL is refused unless
/// setRequireResumeUrl(false). Sessions outlive connections: events for a session whose
/// connection is gone are kept and replayed on RESUME, exactly as Discord does.
class FakeDiscord final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeDiscord)

public:
    // Gateway intents (bit values from the reference).
    static constexpr qint64 GUILDS = 1 << 0;
    static constexpr qint64 GUILD_MEMBERS = 1 << 1; ///< privileged
    static constexpr qint64 GUILD_PRESENCES = 1 << 8; ///< privileged
    static constexpr qint64 GUILD_MESSAGES = 1 << 9;
    static constexpr qint64 DIRECT_MESSAGES = 1 << 12;
    static constexpr qint64 MESSAGE_CONTENT = 1 << 15; ///< privileged
    static constexpr qint64 PRIVILEGED_INTENTS = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT;
    /// Every intent bit Discord defines (0-16, 20, 21, 24, 25); others close with 4013.
    static constexpr qint64 VALID_INTENTS = 0x1FFFF | (1 << 20) | (1 << 21) | (1 << 24) | (1 << 25);
    static constexpr qint64 CHAT_BOT_INTENTS = GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT; ///< 37377

    /// @brief One gateway frame, in either direction, as it went over the wire.
    struct Frame
    {
        qint64 atMs = 0; ///< FakeDiscord::elapsedMs() when sent or received
        bool fromClient = false;
        int op = -1; ///< -1: not a JSON object with an integer op
        QJsonValue d;
        QJsonValue s; ///< null except for op 0
        QString t; ///< empty except for op 0
        QByteArray raw;
    };

    /// @brief One WebSocket connection, kept after it closed.
    struct Connection
    {
        int id = 0;
        QUrl url; ///< the URL the client requested (path and query)
        bool resumeEndpoint = false; ///< connected to resume_gateway_url rather than the gateway URL
        bool open = true;
        QString sessionId; ///< session identified or resumed on it
        QList<Frame> frames; ///< both directions, in order
        /// Close: code (-1 = the TCP connection dropped without a close frame), who closed it.
        int closeCode = -1;
        bool closedByServer = false;

        QList<Frame> fromClient(int op = -1) const; ///< frames the client sent (op -1: all)
        QList<Frame> toClient(int op = -1) const; ///< frames the fake sent (op -1: all)
    };

    /// @brief A MESSAGE_CREATE to inject as if a user wrote it.
    struct IncomingMessage
    {
        QString channelId; ///< empty: the default guild channel (or the default DM channel if dm)
        bool dm = false; ///< no guild_id; needs DIRECT_MESSAGES instead of GUILD_MESSAGES
        QString content;
        QString authorId; ///< empty: defaultUserId()
        QString authorName = QStringLiteral("alice");
        bool authorBot = false;
        QString webhookId; ///< non-empty: a webhook message
        QStringList mentionUserIds; ///< users in `mentions` (use botUserId() to mention the bot)
        bool mentionEveryone = false;
        QString replyToMessageId; ///< non-empty: type 19 with message_reference/referenced_message
        int type = -1; ///< -1: 0, or 19 for a reply
        QString id; ///< empty: a fresh snowflake
    };

    /// @brief A message the bot created over REST, with its edits.
    struct SentMessage
    {
        QString id;
        QString channelId;
        QJsonObject request; ///< the POST body
        QJsonObject message; ///< the current Message object (after edits)
        QList<QJsonObject> edits; ///< PATCH bodies, in order
    };

    enum class Route { CreateMessage, EditMessage, Typing };
    enum class RateLimitScope { User, Global, Shared };

    explicit FakeDiscord(QObject *parent = nullptr);
    ~FakeDiscord() override;

    /// Listens for REST and both WebSocket endpoints on 127.0.0.1 (port 0 = a free one).
    bool listen(quint16 restPort = 0);
    QUrl baseUrl() const { return m_server->baseUrl(); } ///< "http://127.0.0.1:PORT"
    QUrl apiUrl() const; ///< baseUrl() + "/api/v10"
    QString gatewayUrl() const; ///< "ws://127.0.0.1:PORT/" (GET /gateway/bot)
    QString resumeGatewayUrl() const; ///< "ws://127.0.0.1:OTHERPORT/" (READY)
    FakeHttpServer &server() { return *m_server; }
    /// Milliseconds since the fake was constructed (monotonic; Frame::atMs uses it).
    qint64 elapsedMs() const { return m_clock.elapsed(); }

    // --- configuration -------------------------------------------------------------------
    void setToken(const QString &token) { m_token = token; } ///< default "fake-discord-token"
    QString token() const { return m_token; }
    /// Privileged intents enabled "in the Developer Portal" (default: all of PRIVILEGED_INTENTS).
    void setAllowedPrivilegedIntents(qint64 intents) { m_allowedPrivileged = intents; }
    void setHeartbeatIntervalMs(int ms) { m_heartbeatIntervalMs = ms; } ///< HELLO value, default 1000
    int heartbeatIntervalMs() const { return m_heartbeatIntervalMs; }
    /// No heartbeat within interval + grace (since HELLO or the last one) closes the connection
    /// with the non-fatal code 4000 (the session stays resumable). Default grace 1000 ms; <0 off.
    void setHeartbeatGraceMs(int ms) { m_heartbeatGraceMs = ms; }
    /// Gateway send-rate limit (default 120 per 60 s); exceeding it closes with 4008.
    void setSendRateLimit(int count, int windowMs);
    /// How long a disconnected session stays resumable (default 3 minutes).
    void setResumeWindowMs(int ms) { m_resumeWindowMs = ms; }
    /// RESUME only on resume_gateway_url; on the gateway URL it gets op 9 d:false (default true).
    void setRequireResumeUrl(bool on) { m_requireResumeUrl = on; }
    /// Send GUILD_CREATE for each guild after READY when the GUILDS intent is set (default true).
    void setSendGuildCreate(bool on) { m_sendGuildCreate = on; }
    /// How long `nonce` + `enforce_nonce` deduplicates (default 5 minutes; the docs say "a few").
    void setNonceWindowMs(int ms) { m_nonceWindowMs = ms; }
    /// Per-bucket limit of a route (per channel). Default 5 per 5000 ms for each route.
    void setRateLimit(Route route, int limit, int windowMs);
    /// Global limit across all routes (default 50 per 1000 ms).
    void setGlobalRateLimit(int limit, int windowMs);

    // --- identities ------------------------------------------------------------------------
    QString botUserId() const { return m_botUserId; }
    QString botUsername() const { return m_botUsername; }
    QString applicationId() const { return m_applicationId; }
    QString defaultGuildId() const { return m_defaultGuildId; }
    QString defaultChannelId() const { return m_defaultChannelId; } ///< a text channel in it
    QString defaultDmChannelId() const { return m_defaultDmChannelId; } ///< DM with defaultUserId()
    QString defaultUserId() const { return m_defaultUserId; }
    void addGuildChannel(const QString &channelId, const QString &guildId);
    void addDmChannel(const QString &channelId, const QString &recipientId);
    static QString newSnowflake();

    // --- gateway scripting -------------------------------------------------------------------
    /// Injects a MESSAGE_CREATE into every live session whose intents allow it (content emptied
    /// without MESSAGE_CONTENT unless DM, mention of the bot or own message). Returns the full
    /// message object. Sessions without a connection keep it for RESUME.
    QJsonObject injectMessage(const IncomingMessage &message);
    QJsonObject injectGuildMessage(const QString &content, bool mentionBot = false);
    QJsonObject injectDirectMessage(const QString &content);
    /// Sends any dispatch event to every live session (no intent filtering).
    void dispatch(const QString &eventName, const QJsonObject &data);

    // The following act on every open connection, or on one (connectionId >= 0).
    void sendReconnect(int connectionId = -1); ///< op 7
    void requestHeartbeat(int connectionId = -1); ///< op 1 from the server
    /// op 9; resumable=false ends the session (a RESUME then gets op 9 d:false again).
    void sendInvalidSession(bool resumable, int connectionId = -1);
    /// Close frame with the code; the session survives unless the code ends it (4004, 4007,
    /// 4009-4014).
    void closeConnection(int code, const QString &reason = {}, int connectionId = -1);
    /// Drops the TCP connection without a close frame (session stays resumable).
    void dropConnection(int connectionId = -1);
    /// Zombie: receive heartbeats but never ACK them.
    void setZombie(bool on) { m_zombie = on; }
    bool isZombie() const { return m_zombie; }

    // --- gateway observation -------------------------------------------------------------------
    QList<Connection> connections() const { return m_connections; }
    Connection connection(int id) const { return m_connections.value(id - 1); }
    int connectionCount() const { return int(m_connections.size()); }
    QList<int> openConnectionIds() const;
    int identifyCount() const { return m_identifyCount; }
    int resumeCount() const { return m_resumeCount; } ///< successful RESUMEs
    QString lastSessionId() const { return m_lastSessionId; }
    bool isSessionResumable(const QString &sessionId) const;
    int lastSequence(const QString &sessionId) const; ///< last `s` dispatched in the session
    int heartbeatCount() const { return m_heartbeatCount; }
    int ackCount() const { return m_ackCount; }

    // --- REST scripting and observation ---------------------------------------------------------
    /// The next REST call to a rate-limited route (/channels/...) answers 429 with this scope.
    void enqueueRateLimit(RateLimitScope scope, double retryAfterSeconds);
    /// The next REST call to a /channels route answers this status and JSON error body.
    void enqueueError(int status, int code, const QString &message);
    QList<SentMessage> sentMessages() const { return m_sent; }
    int typingCount(const QString &channelId = {}) const;
    int gatewayBotCount() const { return m_gatewayBotCount; }
    /// 429s the fake answered because a bucket or the global limit was exhausted (scripted ones
    /// from enqueueRateLimit() are not counted): a client that follows the headers provokes none.
    int provokedRateLimits() const { return m_provokedRateLimits; }
    static bool isDiscordUserAgent(const QByteArray &userAgent); ///< "DiscordBot (url, version)"

Q_SIGNALS:
    void connectionOpened(int connectionId);
    void connectionClosed(int connectionId, int closeCode);
    void frameReceived(int connectionId, int op);
    void heartbeatReceived(int connectionId);
    void identified(const QString &sessionId);
    void resumed(const QString &sessionId);
    void messageSent(const QString &channelId, const QString &messageId);

private:
    struct Live
    {
        QWebSocket *socket = nullptr;
        QTimer *heartbeatTimer = nullptr;
        QString sessionId; ///< set after IDENTIFY/RESUME
        QList<qint64> sendTimes; ///< for the send-rate limit
        bool serverClosing = false;
        bool closeFrameReceived = false;
    };
    struct Event
    {
        int seq = 0;
        QString name;
        QJsonObject data;
        bool replayable = true;
    };
    struct Session
    {
        QString id;
        qint64 intents = 0;
        int seq = 0;
        int connectionId = 0; ///< 0: not connected
        bool valid = true;
        qint64 disconnectedAtMs = -1;
        QList<Event> events;
    };
    struct Bucket
    {
        int used = 0;
        qint64 resetAtMs = 0; ///< epoch ms; a fixed window, as Discord's buckets
    };
    struct Limit
    {
        int limit = 5;
        int windowMs = 5000;
    };
    struct ScriptedError
    {
        int status = 0;
        int code = 0;
        QString message;
        RateLimitScope scope = RateLimitScope::User;
        double retryAfter = 0;
    };

    void onNewSocket(bool resumeEndpoint);
    void onText(int id, const QString &text);
    void onDisconnected(int id);
    void handleIdentify(int id, const QJsonValue &d);
    void handleResume(int id, const QJsonValue &d);
    void sendFrame(int id, int op, const QJsonValue &d, const QString &t = {}, int s = -1);
    void closeWith(int id, int code, const QString &reason);
    void armHeartbeatTimeout(int id);
    QList<int> targets(int connectionId) const;
    void dispatchTo(Session &session, const QString &name, const QJsonObject &data, bool replayable = true);
    void endSession(const QString &sessionId);
    QJsonObject botUserJson() const;
    QJsonObject userJson(const QString &id, const QString &name, bool bot) const;
    bool isDm(const QString &channelId) const { return m_dmChannels.contains(channelId); }
    void deliverMessage(const QString &eventName, const QJsonObject &message, bool mentionsBot);

    ScriptedResponse rest(const RecordedRequest &request);
    ScriptedResponse createMessage(const RecordedRequest &request, const QString &channelId);
    ScriptedResponse editMessage(const RecordedRequest &request, const QString &channelId, const QString &messageId);
    /// Status 0 when the request may proceed (rate-limit headers added to `headers`), else the 429.
    ScriptedResponse limit(Route route, const QString &channelId, QList<QPair<QByteArray, QByteArray>> &headers);
    /// Status 0 when the body is valid, else the 400.
    ScriptedResponse validateBody(const QJsonObject &body, bool edit) const;
    QJsonArray mentionedUsers(const QString &content, const QJsonValue &allowed, bool &everyone) const;

    FakeHttpServer *m_server;
    QWebSocketServer *m_ws;
    QWebSocketServer *m_wsResume;
    QElapsedTimer m_clock;

    QString m_token = QStringLiteral("fake-discord-token");
    qint64 m_allowedPrivileged = PRIVILEGED_INTENTS;
    int m_heartbeatIntervalMs = 1000;
    int m_heartbeatGraceMs = 1000;
    int m_sendRateCount = 120;
    int m_sendRateWindowMs = 60000;
    int m_resumeWindowMs = 3 * 60 * 1000;
    bool m_requireResumeUrl = true;
    bool m_sendGuildCreate = true;
    int m_nonceWindowMs = 5 * 60 * 1000;
    bool m_zombie = false;

    QString m_botUserId;
    QString m_botUsername = QStringLiteral("skynet-bot");
    QString m_applicationId;
    QString m_defaultGuildId;
    QString m_defaultChannelId;
    QString m_defaultDmChannelId;
    QString m_defaultUserId;
    QHash<QString, QString> m_guildChannels; ///< channel -> guild
    QHash<QString, QString> m_dmChannels; ///< channel -> recipient

    QList<Connection> m_connections; ///< index = id - 1
    QHash<int, Live> m_live;
    QHash<QString, Session> m_sessions;
    QString m_lastSessionId;
    int m_identifyCount = 0;
    int m_resumeCount = 0;
    int m_heartbeatCount = 0;
    int m_ackCount = 0;
    int m_gatewayBotCount = 0;

    QHash<QString, QJsonObject> m_messages; ///< every message by id (injected and sent)
    QList<SentMessage> m_sent;
    struct NonceEntry
    {
        QString messageId;
        qint64 atMs = 0;
    };
    QHash<QString, NonceEntry> m_nonces; ///< "channel/nonce"
    QHash<QString, int> m_typing; ///< channel -> count
    QHash<int, Limit> m_limits; ///< by Route
    Limit m_globalLimit { 50, 1000 };
    QHash<QString, Bucket> m_buckets; ///< "route/channel"
    QList<qint64> m_globalHits;
    int m_provokedRateLimits = 0;
    QQueue<ScriptedError> m_scripted;
};

} // namespace Fakes
