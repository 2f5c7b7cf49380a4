// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <memory>
#include <optional>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include "agent/chatruntime.h"
#include "channels/channel.h"
#include "config/settings.h"
#include "core/result.h"

namespace Gateway::Storage
{
class Database;
}
namespace Gateway::Http
{
class Router;
}
namespace Gateway::Protocol
{
class Dispatcher;
}
namespace Gateway::People
{
class Directory;
}
namespace Gateway::Secrets
{
class SecretStore;
}
namespace Gateway::Agent
{
class ChatRuntime;
struct RunOutcome;
} // namespace Gateway::Agent

namespace Gateway::Channels
{

class ChannelStore;

/// @brief Every channel's lifecycle and the path of a message through the gateway:
///   inbound → recorded in SQLite (de-duplicated) → acknowledged upstream → access policy
///   (pairing / allowlist / open; groups only when mentioned) → identity → agent run (its id
///   derived from the message, so a restart never runs it twice) → the reply into the outbox →
///   delivered, retried until the platform accepts (429 retry_after honoured).
/// After a crash, messages recorded but not answered are picked up again at start.
class ChannelManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChannelManager)

public:
    ChannelManager(const Config::Settings &settings, People::Directory *people, Agent::ChatRuntime *runtime,
        QObject *parent = nullptr);
    ~ChannelManager() override;

    /// Where webhook channels register their routes (the gateway's router); set before add().
    void setRouter(Http::Router *router) { m_router = router; }
    /// Adds a channel (the manager takes ownership). Channels from the config are added by
    /// addConfigured().
    void add(Channel *channel);
    /// Creates the channels enabled in [channels.*], with secrets resolved through the store.
    void addConfigured(Secrets::SecretStore *secrets);
    /// Opens the bookkeeping, resumes unanswered messages and pending replies, starts channels.
    Status attachStorage(Storage::Database *database);
    void stopAll();

    Channel *channel(const QString &id) const { return m_channels.value(id); }
    QStringList channelIds() const { return m_order; }
    ChannelStore *store() const { return m_store.get(); }
    /// True while unanswered inbound messages wait to be processed again after a storage fault.
    bool storageRetryPending() const { return m_storageRetryTimer.isActive(); }
    /// channels.status / health: {channels:{id:{state, lastError, ...}}, channelOrder, channelLabels}
    QJsonObject statusJson() const;
    /// Access policy of a channel: dm_policy ("pairing", "allowlist", "open") and the ids always
    /// let in. Configured channels take theirs from [channels.<id>].
    /// allowChats: group chats that may talk to Skynet (empty = every group, known people only).
    void setAccess(const QString &channelId, const QString &dmPolicy, const QStringList &allowFrom,
        const QStringList &allowChats = {});
    /// Streaming on a channel that can edit its messages (Channel::supportsEdits): once the model
    /// has been writing for intervalMs, a draft with the text so far is posted, then edited at
    /// most once per intervalMs per chat (twice that in group chats); the final reply edits the
    /// draft. 0 turns it off. Default DEFAULT_STREAM_INTERVAL_MS.
    void setStreaming(const QString &channelId, int intervalMs) { m_streamIntervals.insert(channelId, intervalMs); }
    static constexpr int DEFAULT_STREAM_INTERVAL_MS = 1500;
    /// After a storage fault (database busy or full), unanswered inbound messages are processed
    /// again after this delay, doubling up to STORAGE_RETRY_MAX_MS while the fault lasts; the
    /// outbox holds its deliveries for STORAGE_RETRY_MIN_MS.
    static constexpr int STORAGE_RETRY_MIN_MS = 1000;
    static constexpr int STORAGE_RETRY_MAX_MS = 60'000;
    /// Test seam: milliseconds now.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    /// channels.status, pairing.list, pairing.approve, pairing.reject, send
    void registerMethods(Protocol::Dispatcher &dispatcher);

    /// Queues a message to a chat on a channel (the `send` method, the scheduler). The
    /// idempotency key makes a repeated request a no-op.
    Result<qint64> send(const QString &channelId, const QString &chatId, const QString &text,
        const QString &idempotencyKey, const QString &userId = {});

Q_SIGNALS:
    /// A channel's state changed, or the pending pairing requests did.
    void statusChanged();
    /// An inbound message got its final state (answered / ignored).
    void inboundHandled(const QString &channel, const QString &platformId, const QString &state);
    /// A reply was accepted by the platform.
    void delivered(const QString &channel, qint64 outboxId);
    /// A streamed draft of the answer to an inbound message was posted or edited.
    void draftShown(const QString &channel, const QString &platformId, const QString &messageId);
    /// A stranger asked to be let in (dm_policy "pairing") and got a new pairing code; not emitted
    /// again while the same request is pending. For desktop notifications and live lists.
    void pairingRequested(const QString &channel, const QString &code, const QString &displayName);

private:
    bool accept(const InboundMessage &message);
    void process(const QString &channel, const QString &platformId);
    void onRunFinished(const Agent::RunOutcome &outcome);
    void onRunDelta(const QString &runId, const QString &delta);
    void armDraft(const QString &runId);
    void pushDraft(const QString &runId);
    void onDraftDone(const QString &runId, const QString &text, const DeliveryResult &result);
    int streamInterval(const QString &channel, const QString &chatType) const;
    void reply(const QString &channel, const QString &platformId, const QString &userId, const QString &text);
    void pump();
    void armPump();
    /// A write failed because of the database (busy, full): log it and try again later.
    void storageFault(const Error &error);
    void holdPump(const Error &error);
    void retryUnhandled();
    bool allowedByList(const QString &channel, const QString &senderId) const;
    QString dmPolicy(const QString &channel) const;

    const Config::Settings &m_settings;
    QPointer<People::Directory> m_people;
    QPointer<Agent::ChatRuntime> m_runtime;
    std::unique_ptr<ChannelStore> m_store;
    QHash<QString, Channel *> m_channels;
    QStringList m_order;
    Http::Router *m_router = nullptr;
    QHash<QString, QPair<QString, QString>> m_runs; ///< run id → (channel, platform id)
    struct Access
    {
        QString dmPolicy = QStringLiteral("pairing");
        QStringList allowFrom;
        QStringList allowChats;
    };
    QHash<QString, Access> m_access;
    QSet<qint64> m_inFlight; ///< outbox ids being delivered
    /// The draft of a run that streams to a channel with edits.
    struct Stream
    {
        QString channel;
        QString platformId;
        QString chatId;
        QString threadId;
        QString chatType;
        QString text; ///< streamed so far
        QString shown; ///< what the draft shows
        QString draftId; ///< the draft's platform message id ("" = not posted yet)
        qint64 firstDeltaAt = 0;
        bool busy = false; ///< a draft request is in flight
        bool armed = false; ///< a draft timer is pending
        bool stopped = false; ///< the platform refused a draft: no more for this run
        std::optional<Agent::RunOutcome> finished; ///< the run ended while a draft was in flight
    };
    QHash<QString, Stream> m_streams; ///< run id →
    QHash<QString, qint64> m_nextDraftAt; ///< "channel|chat" → earliest next draft request (ms)
    QHash<QString, int> m_streamIntervals;
    QTimer m_pumpTimer;
    std::function<qint64()> m_clock;
    QTimer m_storageRetryTimer; ///< re-processes unanswered inbound messages after a storage fault
    int m_storageRetryDelayMs = STORAGE_RETRY_MIN_MS;
    qint64 m_pumpHeldUntil = 0; ///< after a failed outbox write, nothing is delivered before this (ms)
    /// Delivered, but the database did not take the news: outbox id → platform message id. Recorded
    /// before anything else is delivered, and never delivered again.
    QHash<qint64, QString> m_sentUnrecorded;

    // ---- delivery statuses (platforms that report delivery later: WhatsApp status webhooks)
Q_SIGNALS:
    /// A reply will not reach its chat: refused when sent, retried to the limit, or reported failed
    /// by the platform afterwards (WhatsApp: 131047 outside the 24-hour window, 131026, ...). error
    /// is the platform's text; channels.status shows it as lastDeliveryError.
    void deliveryFailed(const QString &channel, qint64 outboxId, const QString &error);
    /// The platform confirmed a reply: status "delivered" or "read".
    void deliveryConfirmed(const QString &channel, qint64 outboxId, const QString &status);

private:
    void watchDeliveryStatuses(Channel *channel);
    void onMessageStatus(const QString &channel, const QString &messageId, const QString &status, qint64 atMs,
        const QString &error, int lookups);
    void noteDeliveryFailed(const QString &channel, qint64 outboxId, const QString &error);
    /// channels.status: failedDeliveries (per channel and in each entry), lastDeliveryError(At),
    /// lastDeliveredAt, lastReadAt.
    void addDeliveryStatus(QJsonObject &status) const;
};

} // namespace Gateway::Channels
