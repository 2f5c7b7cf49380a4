// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QString>

#include "channels/channel.h"
#include "core/result.h"

namespace Gateway::Storage
{
class Database;
}

namespace Gateway::Channels
{

/// @brief An inbound message as stored, with what became of it.
struct InboundRecord
{
    InboundMessage message;
    QString state; ///< received, answered, ignored
    QString userId;
    QString runId;
    qint64 receivedAt = 0;
    QString draftMessageId; ///< the streamed draft's platform message id ("" = none)
};

/// @brief An outbox row.
struct OutboxRecord
{
    OutboundMessage message;
    QString channel;
    QString userId;
    QString state; ///< pending, sent, failed
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    QString lastError;
};

/// @brief Channel bookkeeping in SQLite: inbound messages recorded before they are acknowledged
/// and de-duplicated by platform id; the outbox of replies (one per idempotency key, retried until
/// the platform accepts); per-channel state such as Telegram's offset; pairing requests.
class ChannelStore final
{
public:
    explicit ChannelStore(Storage::Database *database);

    /// Records an inbound message. *isNew is false when (channel, platformId) was seen before.
    Status recordInbound(const InboundMessage &message, qint64 nowMs, bool *isNew);
    Status setInboundState(const QString &channel, const QString &platformId, const QString &state,
        const QString &userId, const QString &runId, qint64 nowMs);
    std::optional<InboundRecord> inbound(const QString &channel, const QString &platformId) const;
    /// The platform id of the draft streamed for an inbound message ("" forgets it).
    Status setDraft(const QString &channel, const QString &platformId, const QString &messageId);
    /// Messages received but not yet answered or ignored (after a crash), oldest first.
    QList<InboundRecord> unhandled(int limit) const;

    /// Adds a reply unless one with this idempotency key exists; returns its outbox id.
    Result<qint64> enqueue(const QString &channel, const QString &userId, const OutboundMessage &message, qint64 nowMs);
    /// Pending rows due at nowMs, oldest first.
    QList<OutboxRecord> due(qint64 nowMs, int limit) const;
    /// The earliest next attempt of a pending row (std::nullopt: none pending).
    std::optional<qint64> nextDue() const;
    Status markSent(qint64 outboxId, const QString &platformMessageId, qint64 nowMs);
    Status markRetry(qint64 outboxId, const QString &error, qint64 nextAttemptAt);
    Status markFailed(qint64 outboxId, const QString &error);
    /// A pending reply moves (Telegram migrate_to_chat_id) or shrinks to what is left to send (then
    /// the draft it was to edit is done: the rest goes out as new messages).
    Status retarget(qint64 outboxId, const QString &chatId, const QString &remainingText);
    QList<OutboxRecord> outbox(const QString &channel, int limit) const;

    QString state(const QString &channel, const QString &key) const;
    Status setState(const QString &channel, const QString &key, const QString &value);

    /// A pairing request for a stranger: the same code until it is decided.
    Result<QString> pairingCode(const QString &channel, const QString &senderId, const QString &senderName,
        const QString &chatId, qint64 nowMs);
    /// pending, approved, rejected, or "" (never asked).
    QString pairingState(const QString &channel, const QString &senderId) const;
    struct PairingRequest
    {
        QString channel;
        QString senderId;
        QString senderName;
        QString chatId;
        QString code;
        QString state;
        qint64 createdAt = 0;
    };
    QList<PairingRequest> pairingRequests(const QString &state) const;
    /// Decides a pending request by its code (case-insensitive); the request, or NOT_FOUND.
    Result<PairingRequest> decidePairing(const QString &channel, const QString &code, bool approve, qint64 nowMs);

    // Delivery statuses (additive; see channelstore.cpp).
    /// The reply the platform knows by this message id (exact, or one of a split reply's ids).
    std::optional<OutboxRecord> outboxByPlatformId(const QString &channel, const QString &messageId) const;
    /// The platform reported an accepted reply as not delivered: state failed with its error.
    /// false when the row was failed already (a redelivered status).
    Result<bool> markDeliveryFailed(qint64 outboxId, const QString &error);
    /// Replies in state failed, per channel.
    QHash<QString, int> failedDeliveries() const;

private:
    Storage::Database *m_db;
};

} // namespace Gateway::Channels
