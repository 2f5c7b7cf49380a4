// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include "channels/channel.h"

namespace Gateway::Http
{
struct Request;
struct Response;
} // namespace Gateway::Http

class QNetworkAccessManager;
class QNetworkReply;

namespace Gateway::Channels
{

/// @brief Telegram through the Bot API (telegram-bot-api.md): getMe as the token check, then
/// long polling with getUpdates. An update is confirmed (the offset moves past it) only after the
/// sink recorded it; network errors retry the same offset with backoff and jitter; 409 conflicts
/// and a bad token are reported, not looped on. Replies are split to 4096 UTF-16 units and sent
/// as HTML converted from the model's Markdown (plain text when Telegram rejects the markup).
/// Streaming: a draft is posted with sendMessage and edited with editMessageText ("message is not
/// modified" is success); a reply with a draft edits it into its first part. Forum topics keep
/// their message_thread_id on sendMessage and sendChatAction.
class TelegramChannel final : public Channel
{
    Q_OBJECT

public:
    struct Options
    {
        QUrl baseUrl { QStringLiteral("https://api.telegram.org") };
        QString token;
        int pollTimeoutS = 25;
        qint64 offset = 0; ///< the first update to ask for (persisted by the manager)
        /// Webhook mode: Telegram POSTs updates to webhookUrl (which reaches webhookPath on the
        /// gateway's port) with the secret in X-Telegram-Bot-Api-Secret-Token; no polling.
        bool webhook = false;
        QUrl webhookUrl;
        QString webhookSecret;
        QString webhookPath = QStringLiteral("/webhooks/telegram");
        /// Every Bot API / REST call gives up after this long without a byte (then retried later).
        int requestTimeoutMs = 30'000;
    };

    explicit TelegramChannel(Options options, QObject *parent = nullptr);
    ~TelegramChannel() override;

    QString id() const override { return QStringLiteral("telegram"); }
    QString label() const override { return QStringLiteral("Telegram"); }
    void start() override;
    void stop() override;
    void deliver(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done) override;
    void typing(const QString &chatId, const QString &threadId) override;
    bool supportsEdits() const override { return true; }
    void edit(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done) override;
    void registerRoutes(Http::Router &router) override;

    QString botUsername() const { return m_username; }
    qint64 offset() const { return m_offset; }
    /// The first update to ask for (the stored offset), before start().
    void setOffset(qint64 offset) { m_offset = offset; }

    /// Splits text into parts of at most `limit` UTF-16 units, preferring paragraph, line and
    /// word boundaries, never inside a surrogate pair.
    static QStringList split(const QString &text, int limit = 4096);
    /// The model's Markdown as Telegram HTML: & < > escaped; **bold**, *italic*/_italic_, `code`,
    /// ```blocks``` and [text](url) converted; anything else stays literal text.
    static QString markdownToHtml(const QString &markdown);

Q_SIGNALS:
    /// The offset moved: updates before it are recorded and may be confirmed upstream.
    void offsetChanged(qint64 offset);

private:
    QNetworkReply *call(const QString &method, const QJsonObject &params, int timeoutMs);
    void checkToken();
    void setWebhook();
    /// The message of an update as an InboundMessage (std::nullopt: nothing to answer).
    std::optional<InboundMessage> parseUpdate(const QJsonObject &update) const;
    Http::Response onWebhook(const Http::Request &request);
    void poll();
    void onPollFinished(QNetworkReply *reply);
    void scheduleRetry(const QString &error);
    void sendPart(const OutboundMessage &message, QStringList parts, bool html, QString firstId,
        std::function<void(const DeliveryResult &)> done);

    Options m_options;
    QNetworkAccessManager *m_nam = nullptr;
    QPointer<QNetworkReply> m_poll;
    QTimer m_retry;
    int m_failures = 0;
    qint64 m_offset = 0;
    QString m_username;
    bool m_running = false;
};

} // namespace Gateway::Channels
