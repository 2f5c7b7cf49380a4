// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QObject>
#include <QString>

namespace Gateway::Http
{
class Router;
}

namespace Gateway::Channels
{

/// The JSON object a platform's API answered; empty when the body is not one, or when the reply
/// was aborted (its timeout): an aborted reply is closed, and reading it would only warn.
inline QJsonObject replyJson(QNetworkReply *reply)
{
    return reply->isOpen() ? QJsonDocument::fromJson(reply->readAll()).object() : QJsonObject();
}

/// @brief A message a person sent to Skynet on a platform, as the channel hands it over.
struct InboundMessage
{
    QString channel; ///< "telegram", "discord", "whatsapp", "webchat"
    QString platformId; ///< unique per channel: the de-duplication key (Telegram update_id, ...)
    QString chatId; ///< where to answer
    QString chatType = QStringLiteral("private"); ///< private or group
    QString threadId; ///< forum topic / thread ("" = none)
    QString senderId; ///< the person's id on the platform (the identity's external id)
    QString senderName;
    QString text;
    bool mentioned = false; ///< in a group: the bot was addressed
};

/// @brief A reply to deliver, from the persistent outbox.
struct OutboundMessage
{
    qint64 outboxId = 0;
    QString chatId;
    QString threadId;
    QString text; ///< Markdown as the model wrote it; the channel converts it
    QString idempotencyKey; ///< stable across retries (Discord nonce)
    /// A message the bot sent earlier (the draft streamed while the model wrote): deliver() edits
    /// it into the first part of text and sends only the other parts as new messages. Empty: none.
    QString editMessageId;
};

/// @brief How a delivery attempt ended.
struct DeliveryResult
{
    enum class Outcome { Sent, Retry, Failed };
    Outcome outcome = Outcome::Sent;
    QString platformMessageId;
    QString error;
    qint64 retryAfterMs = -1; ///< the platform said when (429 retry_after); -1 = back off
    QString movedToChatId; ///< Telegram migrate_to_chat_id: send there from now on
    QString remaining; ///< a split reply failed part-way: only this is left to send
};

/// @brief One platform connection. The manager owns it and drives its lifecycle; a channel
/// reports what it receives through the sink and never drops a message the sink did not accept.
class Channel : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Starting, Running, Backoff, Failed };
    Q_ENUM(State)

    /// Called for each inbound message; returns true once the message is durably recorded (or
    /// known already). Only then may the channel acknowledge it upstream.
    using Sink = std::function<bool(const InboundMessage &message)>;

    using QObject::QObject;
    ~Channel() override = default;

    virtual QString id() const = 0;
    virtual QString label() const = 0;
    virtual void start() = 0;
    virtual void stop() = 0;
    /// Sends one reply (split to the platform's limit by the channel); answers through done.
    virtual void deliver(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done) = 0;
    /// Shows "typing…" in a chat (best effort).
    virtual void typing(const QString &chatId, const QString &threadId) = 0;
    /// Can the channel change a message it sent? Then the manager streams a draft while the model
    /// writes (edit()) and the final reply edits that draft (OutboundMessage::editMessageId).
    virtual bool supportsEdits() const { return false; }
    /// Whether replies can be pushed to the platform at all (the web chat's cannot: its page
    /// reads answers over the protocol).
    virtual bool acceptsOutbound() const { return true; }
    /// Streaming, best effort and never retried: shows a partial answer. Posts the first part of
    /// message.text as a new message when message.editMessageId is empty, otherwise edits that
    /// message to it ("not modified" counts as success). done gets the message's platform id.
    virtual void edit(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done)
    {
        Q_UNUSED(message);
        DeliveryResult result;
        result.outcome = DeliveryResult::Outcome::Failed;
        result.error = QStringLiteral("this channel cannot edit messages");
        done(result);
    }
    /// Webhook channels add their HTTP routes (served on the gateway's port) here.
    virtual void registerRoutes(Http::Router &router) { Q_UNUSED(router); }

    void setSink(Sink sink) { m_sink = std::move(sink); }
    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }
    static QString stateName(State state);

Q_SIGNALS:
    void stateChanged();

protected:
    bool hand(const InboundMessage &message) { return m_sink && m_sink(message); }
    void setState(State state, const QString &error = {})
    {
        if (!error.isEmpty())
            m_lastError = error;
        if (state == m_state)
            return;
        m_state = state;
        Q_EMIT stateChanged();
    }

private:
    Sink m_sink;
    State m_state = State::Stopped;
    QString m_lastError;
};

} // namespace Gateway::Channels
