// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QHash>
#include <QList>
#include <QUrl>

#include "channels/channel.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace Gateway::Http
{
struct Request;
struct Response;
} // namespace Gateway::Http

namespace Gateway::Channels
{

/// @brief WhatsApp through the Business Cloud API (whatsapp-cloud-api.md). Inbound is a webhook
/// on the gateway's port: a GET verification handshake (hub.verify_token) and signed POSTs
/// (X-Hub-Signature-256, HMAC-SHA256 of the raw body with the app secret, checked before
/// parsing). A notification is answered 200 only once every text message in it was recorded,
/// otherwise 500 so Meta redelivers (the manager de-duplicates by wamid). Every `statuses` item
/// (sent, delivered, read, failed) is reported through messageStatus(), which the manager ties to
/// the outbox row by its wamid; failed ones (131047 outside the 24 h window, 131026
/// undeliverable, ...) are also shown as lastError.
/// Replies go to the Graph API `/<version>/<phone-number-id>/messages`, split to 4096 characters;
/// a delivered reply's platform message id lists the wamid of every part, comma-separated.
class WhatsAppChannel final : public Channel
{
    Q_OBJECT

public:
    struct Options
    {
        QUrl graphBase { QStringLiteral("https://graph.facebook.com") };
        QString version = QStringLiteral("v23.0");
        QString phoneNumberId;
        QString accessToken;
        QString appSecret;
        QString verifyToken;
        QString path = QStringLiteral("/webhooks/whatsapp");
        /// Every Bot API / REST call gives up after this long without a byte (then retried later).
        int requestTimeoutMs = 30'000;
    };

    /// @brief A message Meta reported as failed (asynchronously, through a status webhook).
    struct StatusFailure
    {
        QString messageId; ///< the wamid of our message ("" for account-level errors)
        QString recipientId;
        int code = 0;
        QString title;
        QString details;
        qint64 atMs = 0;
    };

    explicit WhatsAppChannel(Options options, QObject *parent = nullptr);
    ~WhatsAppChannel() override;

    QString id() const override { return QStringLiteral("whatsapp"); }
    QString label() const override { return QStringLiteral("WhatsApp"); }
    void start() override;
    void stop() override;
    void deliver(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done) override;
    void typing(const QString &chatId, const QString &threadId) override;
    void registerRoutes(Http::Router &router) override;

    Options options() const { return m_options; }
    /// The most recent failed statuses (at most 50, oldest first).
    QList<StatusFailure> failures() const { return m_failures; }

    /// The model's Markdown in WhatsApp's markup: **bold**/__bold__ → *bold*, ~~strike~~ → ~strike~,
    /// headings → *heading*, [text](url) → text (url); code stays as it is.
    static QString markdownToWhatsApp(const QString &markdown);
    /// "sha256=<lowercase hex HMAC-SHA256(secret, body)>".
    static QByteArray signature(const QByteArray &body, const QByteArray &secret);
    /// A failure in words, for logs and lastError ("WhatsApp could not deliver … (131047) — …").
    static QString describe(const StatusFailure &failure);

Q_SIGNALS:
    /// A status webhook about one of our messages: status is "sent", "delivered", "read" or
    /// "failed"; atMs is Meta's timestamp; error is describe() of the failure ("" otherwise).
    /// Redelivered notifications report the same status again.
    void messageStatus(const QString &messageId, const QString &status, qint64 atMs, const QString &error);

private:
    Http::Response verify(const Http::Request &request) const;
    Http::Response notify(const Http::Request &request);
    void recordFailure(const StatusFailure &failure);
    QNetworkReply *post(const QJsonObject &body);
    void sendPart(const OutboundMessage &message, QStringList parts, QString sentIds,
        std::function<void(const DeliveryResult &)> done);

    Options m_options;
    QNetworkAccessManager *m_nam = nullptr;
    QList<StatusFailure> m_failures;
    QHash<QString, QString> m_lastInbound; ///< wa_id → the last wamid received (for typing)
    bool m_running = false;
};

} // namespace Gateway::Channels
