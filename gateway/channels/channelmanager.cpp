// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "channels/channelmanager.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QSet>
#include <QUrl>

#include "agent/chatruntime.h"
#include "channels/channelstore.h"
#include "channels/discordchannel.h"
#include "channels/telegramchannel.h"
#include "channels/whatsappchannel.h"
#include "logging.h"
#include "people/auditlog.h"
#include "people/directory.h"
#include "people/userstore.h"
#include "protocol/dispatcher.h"
#include "protocol/frames.h"
#include "secrets/secretstore.h"
#include "storage/sql.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Protocol::ClientSession;
using Gateway::Protocol::ProtocolError;
using Gateway::Protocol::Reply;

namespace Gateway::Channels
{

namespace
{
constexpr int MAX_RUN_ATTEMPTS = 3;
constexpr int MAX_RUN_IDS = 64; ///< run ids per message, queued ones included
constexpr int PUMP_BATCH = 20;
constexpr qint64 MAX_RETRY_DELAY_MS = 10 * 60 * 1000;
constexpr int MAX_OUTBOX_ATTEMPTS = 50;

QString inboundKey(const QString &channel, const QString &platformId)
{
    return u"in:"_s + channel + u':' + platformId;
}
} // namespace

QString Channel::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return u"stopped"_s;
    case State::Starting:
        return u"starting"_s;
    case State::Running:
        return u"running"_s;
    case State::Backoff:
        return u"reconnecting"_s;
    case State::Failed:
        break;
    }
    return u"failed"_s;
}

ChannelManager::ChannelManager(
    const Config::Settings &settings, People::Directory *people, Agent::ChatRuntime *runtime, QObject *parent)
    : QObject(parent), m_settings(settings), m_people(people), m_runtime(runtime), m_clock([] {
          return QDateTime::currentMSecsSinceEpoch();
      })
{
    m_pumpTimer.setSingleShot(true);
    connect(&m_pumpTimer, &QTimer::timeout, this, &ChannelManager::pump);
    m_storageRetryTimer.setSingleShot(true);
    connect(&m_storageRetryTimer, &QTimer::timeout, this, &ChannelManager::retryUnhandled);
    if (m_runtime) {
        connect(m_runtime, &Agent::ChatRuntime::runFinished, this, &ChannelManager::onRunFinished);
        connect(m_runtime, &Agent::ChatRuntime::runDelta, this, &ChannelManager::onRunDelta);
    }
}

ChannelManager::~ChannelManager()
{
    stopAll();
}

void ChannelManager::add(Channel *channel)
{
    channel->setParent(this);
    m_channels.insert(channel->id(), channel);
    m_order.append(channel->id());
    channel->setSink([this](const InboundMessage &message) { return accept(message); });
    watchDeliveryStatuses(channel);
    if (m_router)
        channel->registerRoutes(*m_router);
    connect(channel, &Channel::stateChanged, this, [this, channel] {
        qCInfo(lcGatewayService).noquote()
            << "channel" << channel->id() << Channel::stateName(channel->state()) << channel->lastError();
        Q_EMIT statusChanged();
    });
}

void ChannelManager::addConfigured(Secrets::SecretStore *secrets)
{
    const Config::TelegramSettings &tg = m_settings.channels.telegram;
    if (tg.enabled) {
        TelegramChannel::Options options;
        if (!tg.baseUrl.isEmpty())
            options.baseUrl = QUrl(tg.baseUrl);
        options.token = Secrets::resolve(tg.token, secrets, QProcessEnvironment::systemEnvironment(), m_settings.home)
                            .value_or(QString());
        Logging::registerSecret(options.token);
        options.pollTimeoutS = tg.pollTimeoutS;
        options.webhook = tg.mode == u"webhook";
        options.webhookUrl = QUrl(tg.webhookUrl);
        options.webhookPath = tg.webhookPath;
        if (options.webhook) {
            options.webhookSecret
                = Secrets::resolve(tg.webhookSecret, secrets, QProcessEnvironment::systemEnvironment(), m_settings.home)
                      .value_or(QString());
            Logging::registerSecret(options.webhookSecret);
        }
        add(new TelegramChannel(options));
        setAccess(u"telegram"_s, tg.dmPolicy, tg.allowFrom.split(u','), tg.allowChats.split(u','));
    }
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const auto secret = [&](const QString &reference) {
        const QString value = Secrets::resolve(reference, secrets, env, m_settings.home).value_or(QString());
        Logging::registerSecret(value);
        return value;
    };
    const Config::DiscordSettings &dc = m_settings.channels.discord;
    if (dc.enabled) {
        DiscordChannel::Options options;
        if (!dc.apiBase.isEmpty())
            options.apiBase = QUrl(dc.apiBase);
        if (!dc.gatewayUrl.isEmpty())
            options.gatewayUrl = QUrl(dc.gatewayUrl);
        options.token = secret(dc.token);
        add(new DiscordChannel(options));
        setAccess(u"discord"_s, dc.dmPolicy, dc.allowFrom.split(u','), dc.allowChats.split(u','));
    }
    const Config::WhatsAppSettings &wa = m_settings.channels.whatsapp;
    if (wa.enabled) {
        WhatsAppChannel::Options options;
        if (!wa.graphBase.isEmpty())
            options.graphBase = QUrl(wa.graphBase);
        options.version = wa.apiVersion;
        options.phoneNumberId = wa.phoneNumberId;
        options.accessToken = secret(wa.accessToken);
        options.appSecret = secret(wa.appSecret);
        options.verifyToken = secret(wa.verifyToken);
        options.path = wa.webhookPath;
        add(new WhatsAppChannel(options));
        setAccess(u"whatsapp"_s, wa.dmPolicy, wa.allowFrom.split(u','));
    }
}

Status ChannelManager::attachStorage(Storage::Database *database)
{
    m_store = std::make_unique<ChannelStore>(database);
    for (const QString &id : std::as_const(m_order)) {
        Channel *channel = m_channels.value(id);
        if (auto *telegram = qobject_cast<TelegramChannel *>(channel)) {
            // The offset is stored after each recorded update; a crash in between only means the
            // update comes again, and it is recognised by its id.
            telegram->setOffset(m_store->state(id, u"offset"_s).toLongLong());
            connect(telegram, &TelegramChannel::offsetChanged, this, [this, id](qint64 value) {
                if (Status s = m_store->setState(id, u"offset"_s, QString::number(value)); !s)
                    qCWarning(lcGatewayStorage).noquote() << s.error().message;
            });
        }
        if (auto *discord = qobject_cast<DiscordChannel *>(channel)) {
            // The session is resumed after a restart, so messages sent while Skynet was down are
            // replayed by Discord instead of lost.
            const QJsonObject session = QJsonDocument::fromJson(m_store->state(id, u"session"_s).toUtf8()).object();
            discord->setSession(session.value(u"id"_s).toString(), session.value(u"resumeUrl"_s).toString(),
                session.value(u"seq"_s).toInt(-1));
            connect(discord, &DiscordChannel::sessionChanged, this,
                [this, id](const QString &sessionId, const QString &resumeUrl, int seq) {
                    const QJsonObject value { { u"id"_s, sessionId }, { u"resumeUrl"_s, resumeUrl },
                        { u"seq"_s, seq } };
                    if (Status s = m_store->setState(
                            id, u"session"_s, QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact)));
                        !s)
                        qCWarning(lcGatewayStorage).noquote() << s.error().message;
                });
        }
    }
    // Messages recorded but not answered when the last process stopped.
    const QList<InboundRecord> pending = m_store->unhandled(10'000);
    for (const InboundRecord &record : pending)
        QTimer::singleShot(
            0, this, [this, c = record.message.channel, p = record.message.platformId] { process(c, p); });
    if (!pending.isEmpty())
        qCInfo(lcGatewayService) << pending.size() << "channel message(s) from before the restart are being answered";
    armPump();
    for (const QString &id : std::as_const(m_order))
        m_channels.value(id)->start();
    return {};
}

void ChannelManager::stopAll()
{
    for (Channel *channel : std::as_const(m_channels))
        channel->stop();
    m_pumpTimer.stop();
    m_storageRetryTimer.stop();
}

bool ChannelManager::accept(const InboundMessage &message)
{
    if (!m_store)
        return false;
    bool isNew = false;
    if (Status s = m_store->recordInbound(message, m_clock(), &isNew); !s) {
        qCWarning(lcGatewayStorage).noquote() << s.error().message;
        return false;
    }
    if (isNew)
        QTimer::singleShot(0, this, [this, c = message.channel, p = message.platformId] { process(c, p); });
    return true;
}

void ChannelManager::setAccess(
    const QString &channelId, const QString &dmPolicy, const QStringList &allowFrom, const QStringList &allowChats)
{
    Access access;
    access.dmPolicy = dmPolicy;
    for (const QString &entry : allowFrom) {
        if (!entry.trimmed().isEmpty())
            access.allowFrom.append(entry.trimmed());
    }
    for (const QString &entry : allowChats) {
        if (!entry.trimmed().isEmpty())
            access.allowChats.append(entry.trimmed());
    }
    m_access.insert(channelId, access);
}

QString ChannelManager::dmPolicy(const QString &channel) const
{
    return m_access.value(channel).dmPolicy;
}

bool ChannelManager::allowedByList(const QString &channel, const QString &senderId) const
{
    return m_access.value(channel).allowFrom.contains(senderId);
}

void ChannelManager::process(const QString &channelId, const QString &platformId)
{
    if (!m_store || !m_people || !m_runtime || !m_people->isReady())
        return;
    const std::optional<InboundRecord> record = m_store->inbound(channelId, platformId);
    if (!record || record->state != u"received")
        return;
    const InboundMessage &m = record->message;
    const qint64 now = m_clock();
    const auto finishIgnored = [&](const QString &why) {
        qCInfo(lcGatewayService).noquote() << "channel" << channelId << "message" << platformId << "ignored:" << why;
        (void)m_store->setInboundState(channelId, platformId, u"ignored"_s, {}, {}, now);
        Q_EMIT inboundHandled(channelId, platformId, u"ignored"_s);
    };

    // Who is it, and may they talk to Skynet here?
    const bool known = m_people->users()->identity(channelId, m.senderId).has_value();
    const bool listed = allowedByList(channelId, m.senderId);
    bool letIn = known || listed;
    if (m.chatType != u"private") {
        // Groups: only when addressed; only allowed chats when a chat allowlist is set (everyone
        // in them may talk), otherwise only people Skynet knows.
        if (!m.mentioned)
            return finishIgnored(u"group message without a mention"_s);
        const QStringList &chats = m_access.value(channelId).allowChats;
        if (!chats.isEmpty() && !chats.contains(m.chatId)) {
            m_people->policy().countDenial(u"channel"_s);
            return finishIgnored(u"group not on the chat allowlist"_s);
        }
        letIn = letIn || chats.contains(m.chatId);
        if (!letIn)
            return finishIgnored(u"unknown sender in a group"_s);
    } else if (!letIn) {
        const QString policy = dmPolicy(channelId);
        if (policy == u"open") {
            letIn = true;
        } else if (m_store->pairingState(channelId, m.senderId) == u"approved") {
            letIn = true;
        } else if (policy == u"allowlist") {
            m_people->policy().countDenial(u"channel"_s);
            return finishIgnored(u"not on the allowlist"_s);
        } else {
            // Pairing: a code and nothing else until an admin approves it.
            const bool known = m_store->pairingState(channelId, m.senderId) == u"pending";
            const Result<QString> code = m_store->pairingCode(channelId, m.senderId, m.senderName, m.chatId, now);
            if (!code && Storage::isStorageFault(code.error()))
                return storageFault(code.error());
            if (!code)
                return finishIgnored(code.error().message);
            if (!known) {
                Q_EMIT pairingRequested(channelId, *code, m.senderName);
                Q_EMIT statusChanged(); // pendingPairings
            }
            m_people->policy().countDenial(u"channel"_s);
            m_people->record(u"system"_s, u"pairing.request"_s, channelId, u"pending"_s,
                QJsonObject { { u"identity"_s, People::AuditLog::pseudonym(m.senderId) } });
            reply(channelId, platformId, QString(),
                u"Hi! I don't know you yet. Your pairing code is %1 — ask the owner of this Skynet to approve it. "
                "I won't answer anything else until then."_s.arg(*code));
            (void)m_store->setInboundState(channelId, platformId, u"pairing"_s, {}, {}, now);
            Q_EMIT inboundHandled(channelId, platformId, u"pairing"_s);
            return;
        }
    }
    const Result<People::User> user = m_people->resolveInbound(channelId, m.senderId, m.senderName, true);
    if (!user && Storage::isStorageFault(user.error()))
        return storageFault(user.error());
    if (!user)
        return finishIgnored(user.error().message);
    const People::Actor actor { user->id, user->role, channelId };
    if (!m_people->policy().channel(actor, channelId, u"message"_s))
        return finishIgnored(u"channel policy"_s);

    // The run id comes from the message: after a restart the same message finds its run.
    QString runId;
    std::optional<Agent::RunOutcome> done;
    int begun = 0; ///< attempts that reached the model
    for (int attempt = 1;; ++attempt) {
        runId = u"ch:%1:%2"_s.arg(channelId, platformId) + (attempt > 1 ? u":%1"_s.arg(attempt) : QString());
        done = m_runtime->outcome(runId);
        if (!done || done->status != u"error" || !done->errorMessage.startsWith(u"interrupted"_s))
            break;
        // A run the last process could not finish is tried again under the next id, at most
        // MAX_RUN_ATTEMPTS times (a message that brings the process down must not do so forever).
        // A run that was still queued behind others never reached the model: it costs no attempt,
        // else a backlog would be answered with errors after a few restarts (bounded all the same).
        if (!done->errorMessage.startsWith(u"interrupted: the gateway stopped before"_s))
            ++begun;
        if (begun >= MAX_RUN_ATTEMPTS || attempt >= MAX_RUN_IDS)
            break; // answered with the error of the last attempt
        done.reset();
    }
    if (done) {
        m_runs.insert(runId, { channelId, platformId });
        onRunFinished(*done);
        return;
    }
    const QString conversation = m.chatType == u"private"
        ? QString(channelId + u":dm:"_s + m.senderId)
        : QString(channelId + u":group:"_s + m.chatId + u':' + m.senderId);
    Agent::RunOptions options;
    options.userId = user->id;
    options.channel = channelId;
    m_runs.insert(runId, { channelId, platformId });
    (void)m_store->setInboundState(channelId, platformId, u"received"_s, user->id, runId, now);
    if (Channel *channel = m_channels.value(channelId))
        channel->typing(m.chatId, m.threadId);
    bool reused = false;
    const Result<QString> started
        = m_runtime->startRun(m_runtime->canonicalSessionKey(conversation, user->id), m.text, runId, &reused, options);
    if (!started) {
        m_runs.remove(runId);
        // The message is recorded: when the database could not take the run, it is tried again
        // once the fault is over rather than answered with an error (nothing accepted is lost).
        if (Storage::isStorageFault(started.error()))
            return storageFault(started.error());
        reply(channelId, platformId, user->id, u"Sorry, I can't answer right now: "_s + started.error().message);
        return;
    }
    if (reused) {
        if (const std::optional<Agent::RunOutcome> outcome = m_runtime->outcome(runId))
            onRunFinished(*outcome);
    }
}

int ChannelManager::streamInterval(const QString &channel, const QString &chatType) const
{
    const Channel *c = m_channels.value(channel);
    const int interval = m_streamIntervals.value(channel, DEFAULT_STREAM_INTERVAL_MS);
    if (!c || !c->supportsEdits() || interval <= 0)
        return 0;
    // Groups get fewer edits (Telegram: at most 20 messages a minute in a group).
    return chatType == u"private" ? interval : 2 * interval;
}

void ChannelManager::onRunDelta(const QString &runId, const QString &delta)
{
    const auto run = m_runs.constFind(runId);
    if (run == m_runs.cend() || !m_store || streamInterval(run->first, u"private"_s) <= 0)
        return;
    auto it = m_streams.find(runId);
    if (it == m_streams.end()) {
        const std::optional<InboundRecord> record = m_store->inbound(run->first, run->second);
        if (!record)
            return;
        Stream stream;
        stream.channel = run->first;
        stream.platformId = run->second;
        stream.chatId = record->message.chatId;
        stream.threadId = record->message.threadId;
        stream.chatType = record->message.chatType;
        // A run started again after a restart goes on editing the draft of the first attempt.
        stream.draftId = record->draftMessageId;
        stream.firstDeltaAt = m_clock();
        it = m_streams.insert(runId, stream);
    }
    it->text += delta;
    armDraft(runId);
}

void ChannelManager::armDraft(const QString &runId)
{
    const auto it = m_streams.find(runId);
    if (it == m_streams.end() || it->busy || it->armed || it->stopped || it->finished)
        return;
    const int interval = streamInterval(it->channel, it->chatType);
    // The first draft only when the model is still writing after one interval: a quick answer is
    // simply sent.
    const qint64 due = qMax(it->firstDeltaAt + interval, m_nextDraftAt.value(it->channel + u'|' + it->chatId));
    it->armed = true;
    QTimer::singleShot(int(qBound<qint64>(0, due - m_clock(), MAX_RETRY_DELAY_MS)), this, [this, runId] {
        const auto stream = m_streams.find(runId);
        if (stream == m_streams.end())
            return;
        stream->armed = false;
        pushDraft(runId);
    });
}

void ChannelManager::pushDraft(const QString &runId)
{
    const auto it = m_streams.find(runId);
    if (it == m_streams.end() || it->busy || it->stopped || it->finished)
        return;
    const QString text = it->text.trimmed();
    Channel *channel = m_channels.value(it->channel);
    if (text.isEmpty() || text == it->shown || !channel || channel->state() != Channel::State::Running)
        return;
    const QString chatKey = it->channel + u'|' + it->chatId;
    const qint64 now = m_clock();
    if (m_nextDraftAt.value(chatKey) > now) {
        armDraft(runId); // another run in this chat drafted a moment ago
        return;
    }
    m_nextDraftAt.insert(chatKey, now + streamInterval(it->channel, it->chatType));
    OutboundMessage message;
    message.chatId = it->chatId;
    message.threadId = it->threadId;
    message.text = text + u" …"_s; // still writing
    message.editMessageId = it->draftId;
    message.idempotencyKey = inboundKey(it->channel, it->platformId);
    it->busy = true;
    // Not through the outbox: a draft that does not make it is simply superseded by the next one
    // (the done callback may run before edit() returns).
    channel->edit(message, [this, runId, text](const DeliveryResult &result) { onDraftDone(runId, text, result); });
}

void ChannelManager::onDraftDone(const QString &runId, const QString &text, const DeliveryResult &result)
{
    const auto it = m_streams.find(runId);
    if (it == m_streams.end())
        return;
    it->busy = false;
    const QString channel = it->channel;
    const QString platformId = it->platformId;
    // Told after the bookkeeping (a slot may do anything).
    const auto announce = qScopeGuard([&] {
        if (result.outcome == DeliveryResult::Outcome::Sent)
            Q_EMIT draftShown(channel, platformId, result.platformMessageId);
    });
    switch (result.outcome) {
    case DeliveryResult::Outcome::Sent:
        it->shown = text;
        if (!result.platformMessageId.isEmpty() && result.platformMessageId != it->draftId) {
            // Stored with the inbound message, so the final reply edits it also after a crash.
            it->draftId = result.platformMessageId;
            if (m_store) {
                if (Status s = m_store->setDraft(it->channel, it->platformId, it->draftId); !s)
                    qCWarning(lcGatewayStorage).noquote() << s.error().message;
            }
        }
        break;
    case DeliveryResult::Outcome::Retry:
        if (result.retryAfterMs > 0) {
            const QString chatKey = it->channel + u'|' + it->chatId;
            m_nextDraftAt.insert(chatKey, qMax(m_nextDraftAt.value(chatKey), m_clock() + result.retryAfterMs));
        }
        break;
    case DeliveryResult::Outcome::Failed:
        qCInfo(lcGatewayService).noquote()
            << "channel" << it->channel << "draft refused, streaming stops for this answer:" << result.error;
        it->stopped = true;
        break;
    }
    if (it->finished) {
        // The run ended while the draft was on its way: now the final reply can edit it.
        const Agent::RunOutcome outcome = *it->finished;
        m_streams.erase(it);
        onRunFinished(outcome);
        return;
    }
    if (it->text.trimmed() != it->shown)
        armDraft(runId);
}

void ChannelManager::onRunFinished(const Agent::RunOutcome &outcome)
{
    const auto it = m_runs.constFind(outcome.runId);
    if (it == m_runs.cend())
        return;
    if (const auto stream = m_streams.find(outcome.runId); stream != m_streams.end()) {
        if (stream->busy) {
            stream->finished = outcome;
            return;
        }
        m_streams.erase(stream);
        // Throttle marks that have passed are of no use any more.
        const qint64 now = m_clock();
        m_nextDraftAt.removeIf([now](const auto &entry) { return entry.value() <= now; });
    }
    const auto [channelId, platformId] = *it;
    m_runs.remove(outcome.runId);
    const std::optional<InboundRecord> record = m_store ? m_store->inbound(channelId, platformId) : std::nullopt;
    if (!record)
        return;
    QString text = outcome.text;
    if (outcome.status != u"ok") {
        text = outcome.errorKind == u"refusal" ? outcome.errorMessage
                                               : u"Sorry, I could not answer that: "_s + outcome.errorMessage;
    }
    reply(channelId, platformId, record->userId, text);
}

void ChannelManager::reply(
    const QString &channelId, const QString &platformId, const QString &userId, const QString &text)
{
    const std::optional<InboundRecord> record = m_store->inbound(channelId, platformId);
    if (!record)
        return;
    OutboundMessage message;
    message.chatId = record->message.chatId;
    message.threadId = record->message.threadId;
    message.text = text;
    // One reply per inbound message, whatever happens: the key is the message's.
    message.idempotencyKey = inboundKey(channelId, platformId);
    // A draft was streamed: the reply becomes it (the first part; the rest are new messages).
    message.editMessageId = record->draftMessageId;
    const Result<qint64> queued = m_store->enqueue(channelId, userId, message, m_clock());
    if (!queued) {
        // Still "received": processed again (the finished run's answer is reused) after the fault.
        if (Storage::isStorageFault(queued.error()))
            return storageFault(queued.error());
        qCWarning(lcGatewayStorage).noquote() << queued.error().message;
        return;
    }
    if (record->state == u"received") {
        (void)m_store->setInboundState(channelId, platformId, u"answered"_s, userId, {}, m_clock());
        Q_EMIT inboundHandled(channelId, platformId, u"answered"_s);
    }
    armPump();
}

Result<qint64> ChannelManager::send(const QString &channelId, const QString &chatId, const QString &text,
    const QString &idempotencyKey, const QString &userId)
{
    if (!m_store)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    if (!m_channels.contains(channelId))
        return Error { u"INVALID_REQUEST"_s, u"unknown or disabled channel: "_s + channelId.left(32) };
    if (!m_channels.value(channelId)->acceptsOutbound())
        return Error { u"INVALID_REQUEST"_s,
            u"the %1 channel cannot be sent to: its people receive answers over the protocol"_s.arg(channelId) };
    OutboundMessage message;
    message.chatId = chatId;
    message.text = text;
    message.idempotencyKey = u"send:"_s + idempotencyKey;
    const Result<qint64> queued = m_store->enqueue(channelId, userId, message, m_clock());
    if (queued)
        armPump();
    return queued;
}

void ChannelManager::armPump()
{
    if (!m_store)
        return;
    const std::optional<qint64> next = m_store->nextDue();
    if (!next) {
        m_pumpTimer.stop();
        return;
    }
    const qint64 now = m_clock();
    const qint64 delay = qBound<qint64>(0, qMax(*next, m_pumpHeldUntil) - now, MAX_RETRY_DELAY_MS);
    if (!m_pumpTimer.isActive() || m_pumpTimer.remainingTime() > delay)
        m_pumpTimer.start(int(delay));
}

void ChannelManager::storageFault(const Error &error)
{
    qCWarning(lcGatewayStorage).noquote()
        << error.message << "- unanswered channel messages are tried again in" << m_storageRetryDelayMs << "ms";
    if (m_storageRetryTimer.isActive())
        return;
    m_storageRetryTimer.start(m_storageRetryDelayMs);
    m_storageRetryDelayMs = qMin(m_storageRetryDelayMs * 2, STORAGE_RETRY_MAX_MS);
}

void ChannelManager::retryUnhandled()
{
    if (!m_store)
        return;
    QSet<QPair<QString, QString>> running;
    for (const QPair<QString, QString> &message : std::as_const(m_runs))
        running.insert(message);
    for (const InboundRecord &record : m_store->unhandled(PUMP_BATCH * 10)) {
        const QPair<QString, QString> key { record.message.channel, record.message.platformId };
        if (!running.contains(key))
            process(key.first, key.second);
    }
    // No new fault during this pass: the next one starts with the short delay again.
    if (!m_storageRetryTimer.isActive())
        m_storageRetryDelayMs = STORAGE_RETRY_MIN_MS;
}

void ChannelManager::holdPump(const Error &error)
{
    qCWarning(lcGatewayStorage).noquote() << error.message << "- deliveries paused for" << STORAGE_RETRY_MIN_MS << "ms";
    m_pumpHeldUntil = m_clock() + STORAGE_RETRY_MIN_MS;
}

void ChannelManager::pump()
{
    if (!m_store)
        return;
    const qint64 now = m_clock();
    if (now < m_pumpHeldUntil)
        return armPump();
    // What a platform took while the database could not record it: recorded first, never re-sent.
    for (auto it = m_sentUnrecorded.begin(); it != m_sentUnrecorded.end();) {
        if (Status s = m_store->markSent(it.key(), it.value(), now); !s) {
            holdPump(s.error());
            return armPump();
        }
        it = m_sentUnrecorded.erase(it);
    }
    for (const OutboxRecord &row : m_store->due(now, PUMP_BATCH)) {
        if (m_inFlight.contains(row.message.outboxId) || m_sentUnrecorded.contains(row.message.outboxId))
            continue;
        Channel *channel = m_channels.value(row.channel);
        if (!channel || channel->state() != Channel::State::Running) {
            // Kept until the channel is back (checked again shortly).
            if (Status s = m_store->markRetry(row.message.outboxId, u"channel not running"_s, now + 5000); !s) {
                holdPump(s.error());
                break;
            }
            continue;
        }
        m_inFlight.insert(row.message.outboxId);
        const qint64 id = row.message.outboxId;
        const int attempts = row.attempts;
        const QString channelId = row.channel;
        channel->deliver(row.message, [this, id, attempts, channelId](const DeliveryResult &result) {
            m_inFlight.remove(id);
            if (!m_store)
                return;
            const qint64 at = m_clock();
            switch (result.outcome) {
            case DeliveryResult::Outcome::Sent:
                if (Status s = m_store->markSent(id, result.platformMessageId, at); !s) {
                    m_sentUnrecorded.insert(id, result.platformMessageId);
                    holdPump(s.error());
                }
                Q_EMIT delivered(channelId, id);
                break;
            case DeliveryResult::Outcome::Retry: {
                if (!result.movedToChatId.isEmpty() || !result.remaining.isEmpty())
                    (void)m_store->retarget(id, result.movedToChatId, result.remaining);
                if (attempts + 1 >= MAX_OUTBOX_ATTEMPTS) {
                    (void)m_store->markFailed(id, result.error);
                    noteDeliveryFailed(channelId, id, result.error);
                    break;
                }
                const qint64 backoff = result.retryAfterMs >= 0
                    ? result.retryAfterMs
                    : qMin<qint64>(MAX_RETRY_DELAY_MS, qint64(1000) << qMin(attempts, 9));
                if (Status s = m_store->markRetry(id, result.error, at + backoff); !s)
                    holdPump(s.error());
                qCInfo(lcGatewayService).noquote()
                    << "channel" << channelId << "reply" << id << "retry in" << backoff << "ms:" << result.error;
                break;
            }
            case DeliveryResult::Outcome::Failed:
                (void)m_store->markFailed(id, result.error);
                noteDeliveryFailed(channelId, id, result.error); // logs it
                break;
            }
            armPump();
        });
    }
    armPump();
}

QJsonObject ChannelManager::statusJson() const
{
    QJsonObject channels;
    QJsonObject labels;
    for (const QString &id : m_order) {
        const Channel *channel = m_channels.value(id);
        QJsonObject entry { { u"state"_s, Channel::stateName(channel->state()) },
            { u"running"_s, channel->state() == Channel::State::Running }, { u"configured"_s, true } };
        if (!channel->lastError().isEmpty())
            entry.insert(u"lastError"_s, channel->lastError());
        channels.insert(id, entry);
        labels.insert(id, channel->label());
    }
    return QJsonObject { { u"channels"_s, channels }, { u"channelOrder"_s, QJsonArray::fromStringList(m_order) },
        { u"channelLabels"_s, labels } };
}

void ChannelManager::registerMethods(Protocol::Dispatcher &dispatcher)
{
    const QString admin = Protocol::Scope::Admin.toString();
    const QString pairingScope = Protocol::Scope::Pairing.toString();
    const auto ready = [this](const Reply &reply) {
        if (m_store && m_people)
            return true;
        reply.fail(
            ProtocolError { Protocol::Code::Unavailable.toString(), u"storage is not ready yet"_s, {}, true, 1000 });
        return false;
    };

    dispatcher.add(u"channels.status"_s, admin, [this](const ClientSession &, const QJsonObject &, const Reply &reply) {
        QJsonObject status = statusJson();
        if (m_store) {
            QJsonObject pending;
            for (const ChannelStore::PairingRequest &r : m_store->pairingRequests(u"pending"_s))
                pending.insert(r.channel, pending.value(r.channel).toInt() + 1);
            status.insert(u"pendingPairings"_s, pending);
            addDeliveryStatus(status);
        }
        reply.ok(status);
    });

    dispatcher.add(u"pairing.list"_s, pairingScope,
        [this, ready](const ClientSession &, const QJsonObject &params, const Reply &reply) {
            if (!ready(reply))
                return;
            const QString state = params.value(u"state"_s).toString(u"pending"_s);
            QJsonArray requests;
            for (const ChannelStore::PairingRequest &r : m_store->pairingRequests(state.left(16)))
                requests.append(QJsonObject { { u"channel"_s, r.channel }, { u"senderId"_s, r.senderId },
                    { u"senderName"_s, r.senderName }, { u"code"_s, r.code }, { u"state"_s, r.state },
                    { u"createdAt"_s, r.createdAt } });
            reply.ok(QJsonObject { { u"requests"_s, requests } });
        });

    const auto decide = [this, ready](
                            const ClientSession &client, const QJsonObject &params, const Reply &reply, bool approve) {
        const QString channel = params.value(u"channel"_s).toString();
        const QString code = params.value(u"code"_s).toString();
        if (channel.isEmpty() || code.isEmpty() || channel.size() > 64 || code.size() > 64) {
            reply.fail(
                ProtocolError::invalidRequest(u"invalid pairing.%1 params: channel and code are required strings"_s.arg(
                    approve ? u"approve"_s : u"reject"_s)));
            return;
        }
        if (!ready(reply))
            return;
        const Result<ChannelStore::PairingRequest> decided = m_store->decidePairing(channel, code, approve, m_clock());
        if (!decided) {
            reply.fail(ProtocolError::invalidRequest(decided.error().message, decided.error().code));
            return;
        }
        Q_EMIT statusChanged(); // pendingPairings
        m_people->record(m_people->actorOf(client).userId, approve ? u"pairing.approve"_s : u"pairing.reject"_s,
            channel, u"ok"_s, QJsonObject { { u"identity"_s, People::AuditLog::pseudonym(decided->senderId) } });
        QJsonObject result { { u"channel"_s, channel }, { u"senderId"_s, decided->senderId },
            { u"state"_s, decided->state } };
        if (approve) {
            const Result<People::User> user
                = m_people->resolveInbound(channel, decided->senderId, decided->senderName, true);
            if (user)
                result.insert(u"userId"_s, user->id);
            // The web chat's page learns it by claiming its token; platforms get a message.
            if (m_channels.contains(channel) && m_channels.value(channel)->acceptsOutbound())
                (void)send(channel, decided->chatId, u"You're in — the owner approved you. Say hello!"_s,
                    u"pairing:"_s + channel + u':' + decided->senderId + u':' + QString::number(m_clock()),
                    user ? user->id : QString());
        }
        reply.ok(result);
    };
    dispatcher.add(u"pairing.approve"_s, pairingScope,
        [decide](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            decide(client, params, reply, true);
        });
    dispatcher.add(u"pairing.reject"_s, pairingScope,
        [decide](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            decide(client, params, reply, false);
        });

    // openclaw-protocol.md §7.4: deliver a message to a channel (operators, the scheduler).
    dispatcher.add(
        u"send"_s, admin, [this](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            const QString channel = params.value(u"channel"_s).toString();
            const QString to = params.value(u"to"_s).toString();
            const QString message = params.value(u"message"_s).toString();
            const QString key = params.value(u"idempotencyKey"_s).toString();
            if (channel.isEmpty() || to.isEmpty() || message.isEmpty() || key.isEmpty() || to.size() > 128
                || message.size() > 64 * 1024 || key.size() > 256) {
                reply.fail(ProtocolError::invalidRequest(
                    u"invalid send params: channel, to, message and idempotencyKey are required strings"_s));
                return;
            }
            const Result<qint64> queued
                = send(channel, to, message, key, m_people ? m_people->actorOf(client).userId : QString());
            if (!queued) {
                reply.fail(ProtocolError::invalidRequest(queued.error().message, queued.error().code));
                return;
            }
            reply.ok(QJsonObject { { u"runId"_s, key }, { u"messageId"_s, QString::number(*queued) },
                { u"channel"_s, channel }, { u"status"_s, u"queued"_s } });
        });
}

// ---------------------------------------------------------------- delivery statuses
// A platform that accepts a reply may still fail to deliver it and say so later (WhatsApp's
// status webhooks). The report names the reply by the id the platform gave it when it accepted it.

namespace
{
constexpr int STATUS_LOOKUPS = 5; ///< a status can overtake the answer to the send call
constexpr int STATUS_LOOKUP_DELAY_MS = 1000;
} // namespace

void ChannelManager::watchDeliveryStatuses(Channel *channel)
{
    if (auto *whatsapp = qobject_cast<WhatsAppChannel *>(channel)) {
        const QString id = channel->id();
        connect(whatsapp, &WhatsAppChannel::messageStatus, this,
            [this, id](const QString &messageId, const QString &status, qint64 atMs, const QString &error) {
                onMessageStatus(id, messageId, status, atMs, error, 0);
            });
    }
}

void ChannelManager::onMessageStatus(const QString &channelId, const QString &messageId, const QString &status,
    qint64 atMs, const QString &error, int lookups)
{
    const bool failed = status == u"failed";
    if (!m_store || (!failed && status != u"delivered" && status != u"read"))
        return; // "sent" adds nothing to what the send call said
    const std::optional<OutboxRecord> row = m_store->outboxByPlatformId(channelId, messageId);
    if (!row) {
        // The webhook may have come before the answer to the send call that created the id was
        // recorded (or before every part of a split reply was sent): look again shortly. Statuses
        // of messages sent by someone else end here.
        if (lookups + 1 < STATUS_LOOKUPS) {
            QTimer::singleShot(STATUS_LOOKUP_DELAY_MS, this,
                [=, this] { onMessageStatus(channelId, messageId, status, atMs, error, lookups + 1); });
        } else if (failed) {
            qCWarning(lcGatewayService).noquote()
                << "channel" << channelId << "message" << messageId << "(not a reply in the outbox) failed:" << error;
        }
        return;
    }
    const qint64 id = row->message.outboxId;
    if (failed) {
        const Result<bool> changed = m_store->markDeliveryFailed(id, error);
        if (!changed)
            qCWarning(lcGatewayStorage).noquote() << changed.error().message;
        else if (*changed) // a redelivered status changes nothing
            noteDeliveryFailed(channelId, id, error);
        return;
    }
    // Statuses come out of order (read before delivered): keep the latest time.
    const QString key = status == u"read" ? u"last_read_at"_s : u"last_delivered_at"_s;
    if (atMs > m_store->state(channelId, key).toLongLong())
        (void)m_store->setState(channelId, key, QString::number(atMs));
    Q_EMIT deliveryConfirmed(channelId, id, status);
}

void ChannelManager::noteDeliveryFailed(const QString &channelId, qint64 outboxId, const QString &error)
{
    qCWarning(lcGatewayService).noquote() << "channel" << channelId << "reply" << outboxId << "failed:" << error;
    if (m_store) {
        (void)m_store->setState(channelId, u"last_delivery_error"_s, error.left(512));
        (void)m_store->setState(channelId, u"last_delivery_error_at"_s, QString::number(m_clock()));
    }
    Q_EMIT deliveryFailed(channelId, outboxId, error);
    Q_EMIT statusChanged();
}

void ChannelManager::addDeliveryStatus(QJsonObject &status) const
{
    if (!m_store)
        return;
    const QHash<QString, int> failed = m_store->failedDeliveries();
    QJsonObject channels = status.value(u"channels"_s).toObject();
    QJsonObject counts;
    for (const QString &id : m_order) {
        QJsonObject entry = channels.value(id).toObject();
        entry.insert(u"failedDeliveries"_s, failed.value(id));
        counts.insert(id, failed.value(id));
        const QString error = m_store->state(id, u"last_delivery_error"_s);
        if (!error.isEmpty()) {
            entry.insert(u"lastDeliveryError"_s, error);
            entry.insert(u"lastDeliveryErrorAt"_s, m_store->state(id, u"last_delivery_error_at"_s).toLongLong());
        }
        for (const auto &[key, name] : { std::pair { u"last_delivered_at"_s, u"lastDeliveredAt"_s },
                 std::pair { u"last_read_at"_s, u"lastReadAt"_s } }) {
            if (const qint64 at = m_store->state(id, key).toLongLong(); at > 0)
                entry.insert(name, at);
        }
        channels.insert(id, entry);
    }
    status.insert(u"channels"_s, channels);
    status.insert(u"failedDeliveries"_s, counts);
}

} // namespace Gateway::Channels
