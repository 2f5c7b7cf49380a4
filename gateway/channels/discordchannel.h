// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include "channels/channel.h"

class QNetworkAccessManager;
class QNetworkReply;
class QWebSocket;

namespace Gateway::Channels
{

/// @brief Discord as a bot (discord-api.md): Gateway v10 over a WebSocket for inbound messages,
/// REST for replies. HELLO → heartbeats (first one jittered, ACKs tracked: a missing ACK is a
/// zombie connection, closed and resumed) → IDENTIFY → READY; after a drop, op 7 RECONNECT or
/// op 9 INVALID_SESSION(true) the session is RESUMEd on resume_gateway_url with the last sequence
/// (missed events are replayed); INVALID_SESSION(false) waits 1–5 s and identifies afresh. Close
/// codes 4004 and 4010–4014 are configuration errors: the channel fails and does not loop.
/// Other closes reconnect with exponential backoff and jitter. An event the sink could not record
/// is not counted: the channel resumes from before it, so Discord replays it.
/// Replies are split to 2000 characters (code fences re-opened), sent with allowed_mentions
/// parse:[] and a nonce derived from the reply's idempotency key (enforce_nonce), so a retried
/// POST never posts twice. Rate limits: the bucket of each route and channel is learned from
/// X-RateLimit-Bucket/-Remaining/-Reset-After; requests on one bucket go one at a time and an
/// empty bucket holds the next request until it resets, so no 429 is provoked; a 429 (retry_after,
/// X-RateLimit-Global pausing every route) is honoured. Streaming drafts are edited with PATCH.
class DiscordChannel final : public Channel
{
    Q_OBJECT

public:
    static constexpr int GUILDS = 1 << 0;
    static constexpr int GUILD_MESSAGES = 1 << 9;
    static constexpr int DIRECT_MESSAGES = 1 << 12;
    static constexpr int MESSAGE_CONTENT = 1 << 15;
    static constexpr int MAX_CONTENT = 2000;

    struct Options
    {
        QUrl apiBase { QStringLiteral("https://discord.com/api/v10") };
        QString token;
        QUrl gatewayUrl; ///< empty: GET /gateway/bot
        int intents = GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT;
        /// Every Bot API / REST call gives up after this long without a byte (then retried later).
        int requestTimeoutMs = 30'000;
    };

    explicit DiscordChannel(Options options, QObject *parent = nullptr);
    ~DiscordChannel() override;

    QString id() const override { return QStringLiteral("discord"); }
    QString label() const override { return QStringLiteral("Discord"); }
    void start() override;
    void stop() override;
    void deliver(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done) override;
    void typing(const QString &chatId, const QString &threadId) override;
    bool supportsEdits() const override { return true; }
    void edit(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done) override;

    QString botUserId() const { return m_botId; }
    QString sessionId() const { return m_sessionId; }
    int sequence() const { return m_seq; } ///< last dispatch sequence; -1 = none yet
    /// The session to RESUME at start (stored by the manager across restarts): Discord replays
    /// what was dispatched while the process was down. An expired session is answered with
    /// INVALID_SESSION and the channel identifies afresh.
    void setSession(const QString &sessionId, const QString &resumeUrl, int sequence);
    /// How long a request on a route (e.g. "POST /channels/{channel.id}/messages") to a channel
    /// would wait for its rate-limit bucket (or a global limit) now; 0 = it may go.
    qint64 rateLimitWaitMs(const QString &route, const QString &channelId) const;

    /// Splits text into parts of at most `limit` characters at paragraph, line or word
    /// boundaries; a code fence open at a cut is closed and re-opened in the next part.
    static QStringList split(const QString &text, int limit = MAX_CONTENT);
    /// The nonce (≤ 25 characters) of one part of a reply: stable for the same key and text.
    static QString nonce(const QString &idempotencyKey, const QString &part, int occurrence = 0);
    /// Handles one Gateway payload (a text frame) as if it had arrived on the socket: used by the
    /// fuzzer (tests/fuzz/fuzz_discord.cpp) and by regression tests for odd payloads.
    void handlePayload(const QString &text) { onText(text); }

Q_SIGNALS:
    void ready(); ///< READY: a new session
    void resumed(); ///< RESUMED: the session continued
    /// The session to resume after a restart changed (new session, a recorded event's sequence,
    /// or "" when it is gone).
    void sessionChanged(const QString &sessionId, const QString &resumeUrl, int sequence);

private:
    enum class Next { Identify, Resume };

    QNetworkReply *rest(const QByteArray &verb, const QString &path, const QJsonObject &body = {});
    void fetchGatewayUrl();
    void openSocket(Next next);
    void onText(const QString &text);
    void onDisconnected();
    void onDispatch(const QString &event, const QJsonObject &data);
    bool onMessageCreate(const QJsonObject &data);
    void send(int op, const QJsonValue &d);
    void heartbeat();
    /// Closes the current connection (non-1000 code, so the session stays resumable) and opens
    /// the next one after delayMs.
    void reconnect(Next next, int delayMs);
    void scheduleReconnect(Next next, const QString &error);
    void fail(const QString &error);
    void dropSocket(int closeCode);
    void sendPart(const OutboundMessage &message, QStringList parts, QString firstId,
        std::function<void(const DeliveryResult &)> done, bool draft = false);
    /// A REST request through its rate-limit bucket: one at a time per route and channel, held
    /// until the bucket resets when it is empty (bestEffort: dropped instead).
    void limited(const QByteArray &verb, const QString &route, const QString &channelId, const QString &path,
        const QJsonObject &body, std::function<void(QNetworkReply *)> handler, bool bestEffort = false);
    void issue(const QString &lane, const QByteArray &verb, const QString &route, const QString &channelId,
        const QString &path, const QJsonObject &body, std::function<void(QNetworkReply *)> handler);
    QString bucketKey(const QString &route, const QString &channelId) const;
    qint64 waitFor(const QString &route, const QString &channelId) const;

    Options m_options;
    QNetworkAccessManager *m_nam = nullptr;
    QPointer<QWebSocket> m_socket;
    QTimer m_heartbeat;
    QTimer m_reconnect;
    Next m_next = Next::Identify;
    Next m_current = Next::Identify;
    bool m_running = false;
    bool m_hello = false;
    bool m_ackPending = false;
    int m_intervalMs = 41250;
    int m_failures = 0;
    int m_seq = -1;
    QUrl m_gatewayUrl;
    QString m_sessionId;
    QString m_resumeUrl;
    QString m_botId;
    QElapsedTimer m_clock;
    struct Bucket
    {
        int remaining = 1; ///< X-RateLimit-Remaining of the last answer
        qint64 resetAt = 0; ///< m_clock ms (from X-RateLimit-Reset-After)
    };
    struct Lane
    {
        bool busy = false;
        QList<std::function<void()>> waiting;
    };
    QHash<QString, QString> m_routeBuckets; ///< route → X-RateLimit-Bucket
    QHash<QString, Bucket> m_buckets; ///< bucketKey(): "bucket|channel" → state
    QHash<QString, Lane> m_lanes; ///< "route|channel" → requests in order
    qint64 m_globalBlockedUntil = 0; ///< m_clock ms
};

} // namespace Gateway::Channels
