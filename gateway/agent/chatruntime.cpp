// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "agent/chatruntime.h"
#include "agent/chatruntime_p.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include "agent/eventbus.h"
#include "agent/failoverstream.h"
#include "agent/promptbuilder.h"
#include "agent/toolregistry.h"
#include "logging.h"
#include "people/directory.h"
#include "people/memorystore.h"
#include "people/userstore.h"
#include "protocol/dispatcher.h"
#include "protocol/frames.h"
#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Protocol::ClientSession;
using Gateway::Protocol::ProtocolError;
using Gateway::Protocol::Reply;

namespace Gateway::Agent
{

using namespace Detail;

namespace
{

constexpr int MAX_RECENT_OUTCOMES = 1000;
/// Transcript messages kept in memory while the database refuses writes (all sessions).
constexpr int MAX_UNSAVED_MESSAGES = 5000;
constexpr int UNSAVED_RETRY_FIRST_MS = 1000;
constexpr int UNSAVED_RETRY_MAX_MS = 60'000;

/// Errors after which the same write can work later (the lock goes, space is freed).
bool retryableStorageError(const Error &error)
{
    return error.code == u"STORAGE_BUSY" || error.code == u"STORAGE_FULL" || error.code == u"STORAGE_IO_ERROR";
}
/// Deltas arriving within this window after an emitted one are sent together (the first goes
/// out at once, so time to first token is not delayed). `message` is cumulative, so nothing is
/// lost; fast providers no longer cost one frame per token per subscriber.
constexpr int COALESCE_MS = 16;
/// The smallest answer worth asking a model for when a budget is nearly used up.
constexpr qint64 MIN_ANSWER_TOKENS = 64;

QString stopReasonName(Providers::StopReason reason)
{
    switch (reason) {
    case Providers::StopReason::Stop:
        return u"stop"_s;
    case Providers::StopReason::Length:
        return u"length"_s;
    case Providers::StopReason::ToolUse:
        return u"toolUse"_s;
    case Providers::StopReason::Refusal:
        return u"refusal"_s;
    case Providers::StopReason::Other:
        break;
    }
    return u"other"_s;
}

// openclaw-protocol.md §8.5: refusal, timeout, rate_limit, context_length, unknown.
QString errorKindName(const Providers::ProviderError &error)
{
    switch (error.kind) {
    case Providers::ProviderError::Kind::Timeout:
        return u"timeout"_s;
    case Providers::ProviderError::Kind::RateLimited:
    case Providers::ProviderError::Kind::Overloaded:
    case Providers::ProviderError::Kind::Quota:
        return u"rate_limit"_s;
    default:
        break;
    }
    if (error.message.contains(u"context"_s, Qt::CaseInsensitive)
        && error.message.contains(u"length"_s, Qt::CaseInsensitive))
        return u"context_length"_s;
    return u"unknown"_s;
}

void addUsage(Providers::Usage &sum, const Providers::Usage &add)
{
    sum.inputTokens += add.inputTokens;
    sum.outputTokens += add.outputTokens;
    sum.cacheWriteTokens += add.cacheWriteTokens;
    sum.cacheReadTokens += add.cacheReadTokens;
}

} // namespace

struct ChatRuntime::Run
{
    QString runId;
    QString sessionKey;
    QString text;
    RouteChoice route;
    qint64 acceptedAt = 0;
    QElapsedTimer clock;
    QString assistantText; ///< the whole run's visible text so far
    QString iterationText; ///< text of the current model call
    QString pendingDelta; ///< received but not yet published
    QElapsedTimer lastEmit;
    bool flushScheduled = false;
    QList<Providers::ToolCall> pendingCalls;
    int toolIterations = 0;
    qint64 seq = 0; ///< per-run counter shared by chat and agent events
    QPointer<FailoverStream> stream;
    QTimer timeout;
    Providers::Usage usage;
    double costUsd = 0;
    QString provider;
    QString model;
    RunOptions options;
    std::optional<People::User> user; ///< set when people are attached
    bool started = false;
    bool done = false;
    QList<std::function<void(const RunOutcome &)>> waiters;
};

ChatRuntime::ChatRuntime(const Config::Settings &settings, ProviderPool *pool, QObject *parent)
    : QObject(parent),
      m_settings(settings),
      m_pool(pool),
      m_tools(std::make_unique<ToolRegistry>()),
      m_prompt(std::make_unique<PromptBuilder>(settings.resolvePath(settings.agent.soul))),
      m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    qRegisterMetaType<RunOutcome>();
    m_unsavedRetry.setSingleShot(true);
    connect(&m_unsavedRetry, &QTimer::timeout, this, [this] { (void)flushUnsaved(); });
    m_router = [this](const QString &text, int) {
        RouteChoice choice;
        const QStringList ids = m_pool ? m_pool->ids() : QStringList();
        choice.provider = ids.isEmpty() ? QString() : ids.first();
        choice.model = m_pool ? m_pool->defaultModel(choice.provider) : QString();
        choice.tier = u"standard"_s;
        choice.text = text;
        return choice;
    };
}

ChatRuntime::~ChatRuntime()
{
    const QList<Run *> runs = m_runs.values();
    m_runs.clear();
    for (Run *run : runs) {
        if (run->stream) {
            run->stream->disconnect(this);
            run->stream->abort();
        }
        delete run;
    }
    qDeleteAll(m_finished);
}

void ChatRuntime::attachStorage(Storage::Database *database)
{
    m_store = std::make_unique<TranscriptStore>(database);
    if (const int interrupted = m_store->markInterruptedRuns(m_clock()); interrupted > 0)
        qCWarning(lcGatewayService) << interrupted << "run(s) were interrupted by the last shutdown";
}

QString ChatRuntime::canonicalSessionKey(const QString &key, const QString &userId) const
{
    if (key.startsWith(u"agent:"))
        return key;
    if (!userId.isEmpty() && m_people && userId != m_people->ownerId())
        return u"agent:"_s + m_settings.agent.defaultAgentId + u":u:"_s + userId + u':' + key;
    return u"agent:"_s + m_settings.agent.defaultAgentId + u':' + key;
}

bool ChatRuntime::addWaiter(const QString &runId, std::function<void(const RunOutcome &)> waiter)
{
    Run *run = m_runs.value(runId);
    if (!run || run->done)
        return false;
    run->waiters.append(std::move(waiter));
    return true;
}

QString ChatRuntime::activeRunSession(const QString &runId) const
{
    const Run *run = m_runs.value(runId);
    return run ? run->sessionKey : QString();
}

QString ChatRuntime::callerId(const ClientSession &client) const
{
    return m_people && m_people->isReady() ? m_people->actorOf(client).userId : QString();
}

std::optional<QString> ChatRuntime::authorize(const ClientSession &client, const QString &canonicalKey,
    const Reply &reply, const QString &admitMessage, bool admit)
{
    if (!m_people)
        return QString();
    if (!m_people->isReady()) {
        reply.fail(
            ProtocolError { Protocol::Code::Unavailable.toString(), u"storage is not ready yet"_s, {}, true, 1000 });
        return std::nullopt;
    }
    const People::Actor actor = m_people->actorOf(client);
    // A session belongs to the user who started it; one from before people existed, to the owner.
    if (!canonicalKey.isEmpty() && actor.role != People::Role::Admin) {
        // An existing session is its owner's (one from before people existed, the gateway
        // owner's); a new one may be started only in the caller's own namespace, so nobody can
        // claim a key someone else is going to use.
        const std::optional<QString> owner = m_people->users()->sessionOwner(canonicalKey);
        QString effective;
        if (owner)
            effective = owner->isEmpty() ? m_people->ownerId() : *owner;
        else
            effective = actor.isAuthenticated() && canonicalKey.startsWith(canonicalSessionKey(QString(), actor.userId))
                ? actor.userId
                : m_people->ownerId();
        if (!m_people->mayAccessUser(actor, effective, u"session"_s)) {
            reply.fail(People::Directory::forbidden(u"this session belongs to someone else"_s));
            return std::nullopt;
        }
    }
    if (admit) {
        const std::optional<People::User> user = m_people->user(actor.userId);
        if (!user) {
            reply.fail(People::Directory::forbidden(u"unknown user"_s));
            return std::nullopt;
        }
        // The message alone must fit; the whole prompt is checked again before each model call.
        const People::Decision decision = m_people->admitTurn(*user, admitMessage.size() / 4 + 1);
        if (!decision) {
            reply.fail(People::Directory::forbidden(decision.reason));
            return std::nullopt;
        }
    }
    return actor.userId;
}

int ChatRuntime::activeRuns() const
{
    return int(m_runs.size());
}

Result<QString> ChatRuntime::startRun(
    const QString &sessionKey, const QString &message, const QString &runId, bool *reused, const RunOptions &options)
{
    if (reused)
        *reused = false;
    if (!m_store)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    if (m_runs.contains(runId) || m_recent.contains(runId)) {
        if (reused)
            *reused = true;
        return runId;
    }
    if (m_store->run(runId)) {
        if (reused)
            *reused = true;
        return runId;
    }
    // The session's last answer must be in the transcript before the next question.
    if (!flushUnsaved(sessionKey))
        return m_unsavedError;
    const qint64 now = m_clock();
    std::optional<People::User> user;
    if (m_people && m_people->isReady()) {
        user = m_people->user(options.userId.isEmpty() ? m_people->ownerId() : options.userId);
        if (!user)
            return Error { u"NOT_FOUND"_s, u"unknown user"_s };
    }
    if (Status s = m_store->beginRun(runId, sessionKey, m_settings.agent.defaultAgentId, message, now,
            user ? user->id : QString(), options.channel);
        !s) {
        if (s.error().code == u"DUPLICATE_RUN") {
            if (reused)
                *reused = true;
            return runId;
        }
        return s.error();
    }
    auto *run = new Run;
    run->runId = runId;
    run->sessionKey = sessionKey;
    run->text = message;
    run->options = options;
    run->user = user;
    run->acceptedAt = now;
    run->clock.start();
    run->timeout.setSingleShot(true);
    connect(&run->timeout, &QTimer::timeout, this, [this, run] {
        if (run->done)
            return;
        if (run->stream) {
            run->stream->disconnect(this);
            run->stream->abort();
        }
        RunOutcome outcome;
        outcome.status = u"timeout"_s;
        outcome.errorKind = u"timeout"_s;
        outcome.errorMessage = u"the run did not finish within %1 ms"_s.arg(m_settings.agent.runTimeoutMs);
        finish(run, outcome);
    });
    m_runs.insert(runId, run);
    m_sessionQueues[sessionKey].enqueue(runId);
    schedule(sessionKey);
    return runId;
}

void ChatRuntime::schedule(const QString &sessionKey)
{
    if (m_sessionActive.contains(sessionKey))
        return;
    QQueue<QString> &queue = m_sessionQueues[sessionKey];
    while (!queue.isEmpty()) {
        Run *run = m_runs.value(queue.dequeue());
        if (!run || run->done)
            continue;
        m_sessionActive.insert(sessionKey, run->runId);
        // Start from the event loop so the chat.send acknowledgement goes out first.
        QTimer::singleShot(0, this, [this, id = run->runId] {
            if (Run *r = m_runs.value(id); r && !r->done)
                execute(r);
        });
        break;
    }
    if (queue.isEmpty())
        m_sessionQueues.remove(sessionKey);
}

void ChatRuntime::execute(Run *run)
{
    run->started = true;
    run->timeout.start(m_settings.agent.runTimeoutMs);
    if (Status s = m_store->startRun(run->runId, m_clock()); !s)
        qCWarning(lcGatewayStorage).noquote() << s.error().message;
    // One read of the transcript serves routing (conversation depth) and the first prompt.
    QList<StoredMessage> window;
    if (!run->options.explicitPrompt)
        window = promptWindow(run->sessionKey);
    const int depth = run->options.explicitPrompt ? int(run->options.messages.size()) : int(window.size());
    run->route = m_router(run->text, qMax(0, depth - 1));
    // An explicit "/model …" prefix chose the model; the model itself sees only the question.
    if (!run->route.text.isEmpty() && run->route.text != run->text && !run->options.explicitPrompt) {
        if (Status s = m_store->setUserText(run->runId, run->route.text); !s)
            qCWarning(lcGatewayStorage).noquote() << s.error().message;
        for (StoredMessage &message : window) {
            if (message.runId == run->runId && message.role == u"user")
                message.content
                    = QJsonArray { QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, run->route.text } } };
        }
    }
    if (!run->options.provider.isEmpty()) {
        run->route.provider = run->options.provider;
        run->route.model
            = run->options.model.isEmpty() && m_pool ? m_pool->defaultModel(run->options.provider) : run->options.model;
        run->route.reasons = { u"model chosen by the client"_s };
    }
    publishAgent(run, u"lifecycle"_s, QJsonObject { { u"phase"_s, u"start"_s }, { u"startedAt"_s, m_clock() } });
    if (runCommand(run) || !applyModelPolicy(run))
        return;
    publishChat(run, u"status"_s, QJsonObject { { u"phase"_s, u"starting_model"_s } });
    callModel(run, &window);
}

bool ChatRuntime::runCommand(Run *run)
{
    if (!m_people || !run->user || run->options.explicitPrompt || !run->text.trimmed().startsWith(u'/'))
        return false;
    const std::optional<QString> answer
        = m_people->handleCommand(*run->user, run->options.channel, run->sessionKey, run->text);
    if (!answer)
        return false;
    // The answer is part of the transcript like any reply, with no model and no cost.
    StoredMessage message;
    message.sessionKey = run->sessionKey;
    message.runId = run->runId;
    message.role = u"assistant"_s;
    message.content.append(QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, *answer } });
    message.stopReason = u"stop"_s;
    message.createdAt = m_clock();
    storeMessage(message);
    run->assistantText = *answer;
    run->pendingDelta = *answer;
    RunOutcome outcome;
    outcome.status = u"ok"_s;
    outcome.stopReason = u"stop"_s;
    finish(run, outcome);
    return true;
}

void ChatRuntime::finishDenied(Run *run, const QString &reason)
{
    RunOutcome outcome;
    outcome.status = u"error"_s;
    outcome.errorKind = u"refusal"_s;
    outcome.errorMessage = reason;
    finish(run, outcome);
}

bool ChatRuntime::applyModelPolicy(Run *run)
{
    if (!m_people || !run->user || !m_pool)
        return true;
    const People::User &user = *run->user;
    People::Policy &policy = m_people->policy();
    const auto isLocal
        = [this](const QString &provider) { return m_pool->find(provider) && m_pool->isLocal(provider); };
    const bool chosen = !run->options.provider.isEmpty() || run->route.text != run->text;
    if (run->route.provider.isEmpty())
        return true; // no provider at all: the model call fails with its own clear error
    if (policy.model(user, run->route.provider, run->route.model, isLocal(run->route.provider)))
        return true;
    if (chosen) {
        // The user asked for this model by name: say no rather than silently answer with another.
        finishDenied(run, u"the model %1:%2 is not allowed for you"_s.arg(run->route.provider, run->route.model));
        return false;
    }
    // Routing picked it: fall back to the admin's list in its order, then to the first provider
    // whose default model the policy allows.
    if (user.allowedModels) {
        for (const QString &entry : *user.allowedModels) {
            const qsizetype colon = entry.indexOf(u':');
            const QString id = colon > 0 ? entry.left(colon) : entry;
            const QString model = colon > 0 ? entry.mid(colon + 1) : m_pool->defaultModel(id);
            if (m_pool->find(id) && m_pool->isAvailable(id) && !model.isEmpty()) {
                run->route.provider = id;
                run->route.model = model;
                run->route.reasons.append(u"the user's allowed models"_s);
                return true;
            }
        }
    }
    for (const QString &id : m_pool->ids()) {
        const QString model = m_pool->defaultModel(id);
        if (m_pool->isAvailable(id) && policy.model(user, id, model, isLocal(id))) {
            run->route.provider = id;
            run->route.model = model;
            run->route.reasons.append(u"the user's model policy"_s);
            return true;
        }
    }
    finishDenied(run, u"no model you are allowed to use is available"_s);
    return false;
}

bool ChatRuntime::admitRequest(Run *run, Providers::ChatRequest &request)
{
    // About four characters per token for the prompt; the answer needs room too.
    qint64 chars = request.volatileSystem.size();
    for (const QString &block : std::as_const(request.systemBlocks))
        chars += block.size();
    for (const Providers::ChatMessage &message : std::as_const(request.messages)) {
        chars += message.text.size();
        for (const Providers::ToolCall &call : message.toolCalls)
            chars += call.name.size() + QJsonDocument(call.arguments).toJson(QJsonDocument::Compact).size();
    }
    for (const Providers::ToolSpec &tool : std::as_const(request.tools))
        chars += tool.name.size() + tool.description.size()
            + QJsonDocument(tool.parameters).toJson(QJsonDocument::Compact).size();
    const qint64 inputEstimate = chars / 4 + 1;
    const People::User &user = *run->user;
    const People::Decision decision = m_people->admitTurn(user, inputEstimate + MIN_ANSWER_TOKENS);
    if (!decision) {
        finishDenied(run, decision.reason);
        return false;
    }
    if (user.dailyTokenBudget > 0) {
        const qint64 left = user.dailyTokenBudget - m_people->users()->tokensUsedToday(user, m_clock()) - inputEstimate;
        request.maxTokens = int(qBound<qint64>(MIN_ANSWER_TOKENS, left, request.maxTokens));
    }
    return true;
}

void ChatRuntime::callModel(Run *run, const QList<StoredMessage> *window)
{
    Providers::ChatRequest request;
    PromptParts parts;
    std::optional<QStringList> allowedTools;
    if (m_people && run->user) {
        const People::TurnContext context = m_people->turnContext(*run->user, run->options.channel, run->text);
        parts = PromptParts { context.persona, context.userBlock, context.recalled, {} };
        QStringList names;
        for (const Providers::ToolSpec &spec : m_tools->specs())
            names.append(spec.name);
        allowedTools = m_people->policy().allowedTools(*run->user, names);
    }
    // The skill index only for those who may load skills (it names what skill_load returns).
    if (m_skillIndex && m_tools->contains(u"skill_load"_s)
        && (!allowedTools || allowedTools->contains(u"skill_load"_s)))
        parts.skills = m_skillIndex();
    if (run->options.explicitPrompt) {
        request = m_prompt->build(
            {}, *m_tools, run->route.model, m_settings.agent.maxTokens, m_clock(), parts, allowedTools);
        request.systemBlocks += run->options.system;
        request.messages = run->options.messages;
    } else {
        const QList<StoredMessage> history = window ? *window : promptWindow(run->sessionKey);
        request = m_prompt->build(
            history, *m_tools, run->route.model, m_settings.agent.maxTokens, m_clock(), parts, allowedTools);
    }
    request.promptCaching = m_settings.agent.promptCaching;
    // At the iteration limit the model must answer without tools.
    if (run->toolIterations >= m_settings.agent.maxToolIterations)
        request.tools.clear();
    // Quiet hours and budgets (nothing to check for most users: no estimate then).
    if (m_people && run->user && (run->user->dailyTokenBudget > 0 || !run->user->quietHours.isEmpty())
        && !admitRequest(run, request))
        return;
    QList<Candidate> candidates
        = m_pool ? m_pool->candidates(run->route.provider, run->route.model, run->route.localOnly) : QList<Candidate>();
    if (m_people && run->user) {
        // Failover never leaves the models the user may use.
        QList<Candidate> allowed;
        for (const Candidate &c : std::as_const(candidates)) {
            if (m_people->policy().model(*run->user, c.provider, c.model, m_pool->isLocal(c.provider)))
                allowed.append(c);
        }
        candidates = allowed;
    }
    auto *stream = new FailoverStream(m_pool, candidates, request, this);
    run->stream = stream;
    run->iterationText.clear();
    run->pendingCalls.clear();

    connect(stream, &Providers::ChatStream::textDelta, this, [this, run](const QString &delta) {
        if (run->done || delta.isEmpty())
            return;
        run->assistantText += delta;
        run->iterationText += delta;
        run->pendingDelta += delta;
        Q_EMIT runDelta(run->runId, delta);
        if (!run->lastEmit.isValid() || run->lastEmit.elapsed() >= COALESCE_MS) {
            flushDeltas(run);
        } else if (!run->flushScheduled) {
            run->flushScheduled = true;
            QTimer::singleShot(int(COALESCE_MS - run->lastEmit.elapsed()), this, [this, id = run->runId] {
                if (Run *r = m_runs.value(id); r && !r->done)
                    flushDeltas(r);
            });
        }
    });
    connect(stream, &Providers::ChatStream::toolCall, this, [run](const Providers::ToolCall &call) {
        if (!run->done)
            run->pendingCalls.append(call);
    });
    connect(stream, &Providers::ChatStream::finished, this,
        [this, run, stream](Providers::StopReason reason, const Providers::Usage &usage) {
            if (run->done)
                return;
            flushDeltas(run);
            run->stream = nullptr;
            stream->deleteLater();
            run->provider = stream->provider();
            run->model = stream->model();
            const double cost = m_cost ? m_cost(run->provider, run->model, usage) : 0.0;
            addUsage(run->usage, usage);
            run->costUsd += cost;

            // One transcript entry per model call: its text, tool calls, usage and cost.
            StoredMessage message;
            message.sessionKey = run->sessionKey;
            message.runId = run->runId;
            message.role = u"assistant"_s;
            if (!run->iterationText.isEmpty())
                message.content.append(QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, run->iterationText } });
            for (const Providers::ToolCall &call : std::as_const(run->pendingCalls)) {
                message.content.append(QJsonObject { { u"type"_s, u"toolCall"_s }, { u"id"_s, call.id },
                    { u"name"_s, call.name }, { u"arguments"_s, call.arguments } });
            }
            message.provider = run->provider;
            message.model = run->model;
            message.usage = usage;
            message.costUsd = cost;
            message.stopReason = stopReasonName(reason);
            message.createdAt = m_clock();
            if (!message.content.isEmpty() || run->pendingCalls.isEmpty()) {
                if (message.content.isEmpty())
                    message.content.append(QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, QString() } });
                storeMessage(message);
            }

            if (!run->pendingCalls.isEmpty() && run->toolIterations < m_settings.agent.maxToolIterations) {
                onToolCalls(run);
                return;
            }
            RunOutcome outcome;
            outcome.status = u"ok"_s;
            outcome.stopReason = stopReasonName(reason);
            finish(run, outcome);
        });
    connect(stream, &Providers::ChatStream::failed, this, [this, run, stream](const Providers::ProviderError &error) {
        if (run->done)
            return;
        run->stream = nullptr;
        stream->deleteLater();
        run->provider = stream->provider();
        run->model = stream->model();
        RunOutcome outcome;
        outcome.status = u"error"_s;
        outcome.errorKind = errorKindName(error);
        outcome.errorMessage = error.message.isEmpty() ? error.kindName() : error.message;
        finish(run, outcome);
    });
    publishAgent(run, u"lifecycle"_s,
        QJsonObject { { u"phase"_s, u"model"_s },
            { u"provider"_s, candidates.isEmpty() ? QString() : candidates.first().provider },
            { u"model"_s, candidates.isEmpty() ? QString() : candidates.first().model } });
    stream->start();
}

void ChatRuntime::flushDeltas(Run *run)
{
    run->flushScheduled = false;
    if (run->pendingDelta.isEmpty())
        return;
    const QString delta = run->pendingDelta;
    run->pendingDelta.clear();
    run->lastEmit.start();
    publishChat(run, u"delta"_s, QJsonObject { { u"message"_s, assistantMessage(run) } }, delta);
    publishAgent(run, u"assistant"_s, QJsonObject { { u"text"_s, run->assistantText }, { u"delta"_s, delta } });
}

void ChatRuntime::onToolCalls(Run *run)
{
    ++run->toolIterations;
    const QList<Providers::ToolCall> calls = run->pendingCalls;
    run->pendingCalls.clear();
    if (run->options.explicitPrompt) {
        Providers::ChatMessage assistant;
        assistant.role = Providers::ChatMessage::Role::Assistant;
        assistant.text = run->iterationText;
        assistant.toolCalls = calls;
        run->options.messages.append(assistant);
    }
    for (const Providers::ToolCall &call : calls) {
        publishAgent(run, u"tool"_s,
            QJsonObject { { u"phase"_s, u"start"_s }, { u"name"_s, call.name }, { u"toolCallId"_s, call.id },
                { u"args"_s, call.arguments } },
            u"tool-events"_s);
        const ToolContext context { run->sessionKey, run->runId, run->user ? run->user->id : QString(),
            run->options.channel };
        ToolResult result;
        if (m_people && run->user && !m_people->policy().tool(*run->user, call.name)) {
            result = { u"the tool %1 is not allowed for this user"_s.arg(call.name.left(64)), true };
            m_people->record(run->user->id, u"policy.deny"_s, call.name.left(64), u"denied"_s,
                QJsonObject { { u"kind"_s, u"tool"_s } });
        } else {
            result = m_tools->run(call.name, call.arguments, context);
            // Every tool call is audited: which tool, for whom, how it ended; never the arguments
            // or the result (they carry what people said).
            if (m_people)
                m_people->record(run->user ? run->user->id : u"system"_s, u"tool.run"_s, call.name.left(64),
                    result.isError ? u"failed"_s : u"ok"_s,
                    QJsonObject { { u"channel"_s, run->options.channel.left(32) } });
        }
        publishAgent(run, u"tool"_s,
            QJsonObject { { u"phase"_s, u"result"_s }, { u"name"_s, call.name }, { u"toolCallId"_s, call.id },
                { u"isError"_s, result.isError } },
            u"tool-events"_s);
        StoredMessage message;
        message.sessionKey = run->sessionKey;
        message.runId = run->runId;
        message.role = u"tool"_s;
        message.content.append(QJsonObject { { u"type"_s, u"toolResult"_s }, { u"toolCallId"_s, call.id },
            { u"toolName"_s, call.name }, { u"content"_s, result.content }, { u"isError"_s, result.isError } });
        message.createdAt = m_clock();
        if (run->options.explicitPrompt)
            run->options.messages.append(message.toChatMessage());
        storeMessage(message);
    }
    callModel(run);
}

QStringList ChatRuntime::abort(const QString &sessionKey, const QString &runId)
{
    QStringList aborted;
    const QList<Run *> runs = m_runs.values();
    for (Run *run : runs) {
        if (run->done || run->sessionKey != sessionKey || (!runId.isEmpty() && run->runId != runId))
            continue;
        if (run->stream) {
            // Really stops the upstream request: the provider stream closes its connection.
            run->stream->disconnect(this);
            run->stream->abort();
            run->stream->deleteLater();
            run->stream = nullptr;
        }
        aborted.append(run->runId);
        RunOutcome outcome;
        outcome.status = u"aborted"_s;
        outcome.stopReason = u"rpc"_s;
        if (!run->assistantText.isEmpty() && !run->iterationText.isEmpty()) {
            // What the user saw stays in the transcript, marked as aborted.
            StoredMessage message;
            message.sessionKey = run->sessionKey;
            message.runId = run->runId;
            message.role = u"assistant"_s;
            message.content.append(QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, run->iterationText } });
            message.provider = run->provider;
            message.stopReason = u"aborted"_s;
            message.createdAt = m_clock();
            storeMessage(message);
        }
        finish(run, outcome);
    }
    return aborted;
}

void ChatRuntime::finish(Run *run, RunOutcome outcome)
{
    if (run->done)
        return;
    flushDeltas(run);
    run->done = true;
    run->timeout.stop();
    outcome.runId = run->runId;
    outcome.sessionKey = run->sessionKey;
    outcome.text = run->assistantText;
    outcome.provider = run->provider;
    outcome.model = run->model;
    outcome.usage = run->usage;
    outcome.costUsd = run->costUsd;
    outcome.durationMs = run->clock.elapsed();
    outcome.endedAt = m_clock();

    if (m_store) {
        RunRecord record;
        record.runId = run->runId;
        record.sessionKey = run->sessionKey;
        record.status = outcome.status;
        record.stopReason = outcome.stopReason;
        record.error = outcome.errorMessage;
        record.provider = outcome.provider;
        record.model = outcome.model;
        record.endedAt = outcome.endedAt;
        if (Status s = m_store->finishRun(record); !s)
            qCWarning(lcGatewayStorage).noquote() << s.error().message;
    }

    if (outcome.status == u"ok") {
        publishChat(run, u"final"_s,
            QJsonObject { { u"message"_s, assistantMessage(run) }, { u"stopReason"_s, outcome.stopReason },
                { u"usage"_s, usageJson(outcome.usage) } });
        publishAgent(run, u"lifecycle"_s,
            QJsonObject { { u"phase"_s, u"end"_s }, { u"stopReason"_s, outcome.stopReason }, { u"aborted"_s, false },
                { u"endedAt"_s, outcome.endedAt } });
    } else if (outcome.status == u"aborted") {
        QJsonObject fields { { u"stopReason"_s, u"rpc"_s } };
        if (!run->assistantText.isEmpty())
            fields.insert(u"message"_s, assistantMessage(run));
        publishChat(run, u"aborted"_s, fields);
        publishAgent(run, u"lifecycle"_s,
            QJsonObject { { u"phase"_s, u"end"_s }, { u"aborted"_s, true }, { u"status"_s, u"cancelled"_s },
                { u"endedAt"_s, outcome.endedAt } });
    } else {
        QJsonObject fields { { u"errorMessage"_s, outcome.errorMessage }, { u"errorKind"_s, outcome.errorKind } };
        QJsonObject v4 = fields;
        v4.insert(u"errorDetail"_s, QJsonObject { { u"provider"_s, outcome.provider }, { u"model"_s, outcome.model } });
        publishChat(run, u"error"_s, v4);
        publishAgent(run, u"lifecycle"_s,
            QJsonObject {
                { u"phase"_s, u"error"_s }, { u"error"_s, outcome.errorMessage }, { u"endedAt"_s, outcome.endedAt } });
    }
    qCInfo(lcGatewayService).noquote() << "run" << run->runId << outcome.status << "provider" << outcome.provider
                                       << "model" << outcome.model << "in" << outcome.durationMs << "ms";

    m_recent.insert(run->runId, outcome);
    m_recentOrder.enqueue(run->runId);
    while (m_recentOrder.size() > MAX_RECENT_OUTCOMES)
        m_recent.remove(m_recentOrder.dequeue());

    if (outcome.status == u"ok" && m_people && run->user && m_settings.people.compaction && !run->options.explicitPrompt
        && !run->provider.isEmpty())
        compact(run->sessionKey, *run->user, run->options.channel, run->provider, run->model);

    const auto waiters = run->waiters;
    m_runs.remove(run->runId);
    if (m_sessionActive.value(run->sessionKey) == run->runId)
        m_sessionActive.remove(run->sessionKey);
    const QString sessionKey = run->sessionKey;
    if (run->stream) {
        run->stream->disconnect(this);
        run->stream->deleteLater();
    }
    // The run's timer may be the caller: delete later (or in the destructor, when this runtime
    // goes first and takes the timer with it).
    m_finished.append(run);
    QTimer::singleShot(0, this, [this, run] {
        m_finished.removeOne(run);
        delete run;
    });
    for (const auto &waiter : waiters)
        waiter(outcome);
    Q_EMIT runFinished(outcome);
    schedule(sessionKey);
}

void ChatRuntime::compact(const QString &sessionKey, const People::User &user, const QString &channel,
    const QString &provider, const QString &model)
{
    constexpr int MAX_MESSAGES = 200;
    constexpr qsizetype MAX_CHARS = 24'000;
    if (m_compacting.contains(sessionKey) || !m_pool)
        return;
    const QList<StoredMessage> old = m_store->compactable(sessionKey, m_settings.agent.historyMessages, MAX_MESSAGES);
    // A few messages are not worth a model call; they wait for the next step of the window.
    if (old.size() < 2)
        return;
    QString transcript;
    for (const StoredMessage &m : old) {
        const QString text = m.text().trimmed();
        if (text.isEmpty() || m.role == u"tool")
            continue;
        transcript += (m.role == u"user" ? user.displayName : u"Assistant"_s) + u": "_s + text + u'\n';
    }
    const qint64 throughId = old.constLast().id;
    if (transcript.size() > MAX_CHARS)
        transcript = transcript.right(MAX_CHARS);
    Providers::ChatRequest request;
    request.model = model;
    request.maxTokens = 400;
    request.promptCaching = false;
    request.systemBlocks.append(
        u"You keep long-term notes about %1 for a personal assistant. Below is an older part of a conversation "
        "with %1. Write the lasting facts worth remembering in future conversations (who they are, people and "
        "pets in their life, plans, preferences, things they asked to be remembered) as short bullet points, at "
        "most ten. Do not record passing small talk. If nothing is worth keeping, answer exactly NONE."_s.arg(
            user.displayName));
    Providers::ChatMessage message;
    message.text = transcript.isEmpty() ? u"(no text)"_s : transcript;
    request.messages.append(message);
    // The summary is a model call for this user: their budget and model policy apply.
    if (!m_people->admitTurn(user, transcript.size() / 4 + request.maxTokens)) {
        qCInfo(lcGatewayService).noquote() << "compaction of" << sessionKey << "skipped: over budget or quiet hours";
        return;
    }
    QList<Candidate> candidates;
    for (const Candidate &c : m_pool->candidates(provider, model, false)) {
        if (m_people->policy().model(user, c.provider, c.model, m_pool->isLocal(c.provider)))
            candidates.append(c);
    }
    if (candidates.isEmpty())
        return;
    m_compacting.insert(sessionKey);
    auto *stream = new FailoverStream(m_pool, candidates, request, this);
    auto text = std::make_shared<QString>();
    connect(stream, &Providers::ChatStream::textDelta, this, [text](const QString &delta) {
        if (text->size() < 16'000)
            *text += delta;
    });
    const QString userId = user.id;
    connect(stream, &Providers::ChatStream::finished, this,
        [this, stream, text, sessionKey, userId, channel, throughId](
            Providers::StopReason, const Providers::Usage &usage) {
            stream->deleteLater();
            m_compacting.remove(sessionKey);
            const double cost = m_cost ? m_cost(stream->provider(), stream->model(), usage) : 0.0;
            qint64 memoryId = 0;
            const QString summary = text->trimmed().left(People::MemoryStore::MAX_CONTENT_CHARS);
            if (!summary.isEmpty() && summary.compare(u"NONE"_s, Qt::CaseInsensitive) != 0 && m_people->memories()) {
                const Result<People::Memory> saved
                    = m_people->memories()->add(userId, u"summary"_s, summary, channel, sessionKey, m_clock());
                if (saved)
                    memoryId = saved->id;
                else
                    qCWarning(lcGatewayStorage).noquote() << "cannot save a summary:" << saved.error().message;
            }
            if (Status s = m_store->recordCompaction(
                    sessionKey, throughId, stream->provider(), stream->model(), usage, cost, m_clock());
                !s)
                qCWarning(lcGatewayStorage).noquote() << s.error().message;
            Q_EMIT compacted(sessionKey, userId, memoryId);
        });
    connect(stream, &Providers::ChatStream::failed, this,
        [this, stream, sessionKey, userId](const Providers::ProviderError &error) {
            stream->deleteLater();
            m_compacting.remove(sessionKey);
            // Nothing is marked: the same turns are summarised after a later run.
            qCInfo(lcGatewayService).noquote() << "compaction of" << sessionKey << "failed:" << error.message;
            Q_EMIT compacted(sessionKey, userId, 0);
        });
    stream->start();
}

QJsonObject ChatRuntime::assistantMessage(const Run *run) const
{
    return QJsonObject { { u"role"_s, u"assistant"_s },
        { u"content"_s, QJsonArray { QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, run->assistantText } } } },
        { u"timestamp"_s, m_clock() } };
}

void ChatRuntime::publishChat(Run *run, const QString &state, QJsonObject fields, const QString &deltaText)
{
    if (!m_bus)
        return;
    fields.insert(u"runId"_s, run->runId);
    fields.insert(u"sessionKey"_s, run->sessionKey);
    fields.insert(u"seq"_s, ++run->seq);
    fields.insert(u"state"_s, state);
    fields.insert(u"agentId"_s, m_settings.agent.defaultAgentId);
    QJsonObject v3 = fields;
    v3.remove(u"errorDetail"_s);
    if (state == u"delta")
        fields.insert(u"deltaText"_s, deltaText);
    // `status` is a protocol-4 state; v3 clients do not know it.
    m_bus->publish(run->sessionKey, u"chat"_s, fields, state == u"status" ? QJsonObject() : v3);
}

void ChatRuntime::publishAgent(Run *run, const QString &stream, const QJsonObject &data, const QString &cap)
{
    if (!m_bus)
        return;
    const QJsonObject payload { { u"runId"_s, run->runId }, { u"seq"_s, ++run->seq }, { u"stream"_s, stream },
        { u"ts"_s, m_clock() }, { u"data"_s, data }, { u"sessionKey"_s, run->sessionKey },
        { u"agentId"_s, m_settings.agent.defaultAgentId } };
    m_bus->publish(run->sessionKey, u"agent"_s, payload, payload, cap);
}

QJsonObject ChatRuntime::outcomeJson(const RunOutcome &outcome) const
{
    return QJsonObject {
        { u"runId"_s, outcome.runId },
        { u"status"_s, outcome.status },
        { u"summary"_s, outcome.status == u"ok" ? u"completed"_s : outcome.errorMessage },
        { u"result"_s,
            QJsonObject {
                { u"payloads"_s,
                    QJsonArray { QJsonObject { { u"text"_s, outcome.text }, { u"mediaUrl"_s, QJsonValue::Null } } } },
                { u"meta"_s,
                    QJsonObject { { u"durationMs"_s, outcome.durationMs },
                        { u"agentMeta"_s,
                            QJsonObject { { u"sessionId"_s, outcome.sessionKey }, { u"provider"_s, outcome.provider },
                                { u"model"_s, outcome.model }, { u"usage"_s, usageJson(outcome.usage) },
                                { u"costUsd"_s, outcome.costUsd } } } } } } },
    };
}

std::optional<RunOutcome> ChatRuntime::storedOutcome(const QString &runId) const
{
    if (const auto it = m_recent.constFind(runId); it != m_recent.cend())
        return *it;
    if (!m_store)
        return std::nullopt;
    const std::optional<RunRecord> record = m_store->run(runId);
    if (!record || !record->isTerminal())
        return std::nullopt;
    RunOutcome outcome;
    outcome.runId = record->runId;
    outcome.sessionKey = record->sessionKey;
    outcome.status = record->status;
    outcome.stopReason = record->stopReason;
    outcome.errorMessage = record->error;
    outcome.provider = record->provider;
    outcome.model = record->model;
    outcome.endedAt = record->endedAt;
    outcome.durationMs = record->endedAt - record->createdAt;
    for (const StoredMessage &m : m_store->history(record->sessionKey, MAX_HISTORY_LIMIT)) {
        if (m.runId == runId && m.role == u"assistant")
            outcome.text += m.text();
    }
    return outcome;
}

int ChatRuntime::unsavedMessages() const
{
    int n = 0;
    for (const QQueue<StoredMessage> &queue : m_unsaved)
        n += int(queue.size());
    return n;
}

bool ChatRuntime::keepForRetry(const Error &error)
{
    if (!retryableStorageError(error)) {
        qCWarning(lcGatewayStorage).noquote() << error.message;
        return false;
    }
    m_unsavedError = error;
    if (!m_unsavedRetry.isActive()) {
        m_unsavedBackoffMs = qMin(qMax(m_unsavedBackoffMs, UNSAVED_RETRY_FIRST_MS / 2) * 2, UNSAVED_RETRY_MAX_MS);
        m_unsavedRetry.start(m_unsavedBackoffMs);
    }
    return true;
}

void ChatRuntime::storeMessage(StoredMessage message)
{
    if (!m_store)
        return;
    // A session with kept messages queues behind them (no write attempt: each costs up to the
    // busy timeout on the event loop, and the retry timer is already running).
    if (!m_unsaved.contains(message.sessionKey)) {
        Status s = m_store->appendMessage(message);
        if (s || !keepForRetry(s.error()))
            return;
        qCWarning(lcGatewayStorage).noquote()
            << s.error().message << "- the message is kept and written again when the database allows";
    }
    if (unsavedMessages() >= MAX_UNSAVED_MESSAGES) {
        qCCritical(lcGatewayStorage).noquote() << "dropped a transcript message of" << message.sessionKey << "run"
                                               << message.runId << "- the database has refused writes for too long";
        return;
    }
    m_unsaved[message.sessionKey].enqueue(std::move(message));
}

bool ChatRuntime::flushUnsaved(const QString &sessionKey)
{
    const QStringList sessions = sessionKey.isEmpty() ? m_unsaved.keys() : QStringList { sessionKey };
    for (const QString &key : sessions) {
        auto it = m_unsaved.find(key);
        if (it == m_unsaved.end())
            continue;
        while (!it->isEmpty()) {
            Status s = m_store->appendMessage(it->head());
            // A write that cannot work later either is dropped rather than hold the session back.
            if (!s && keepForRetry(s.error()))
                return false;
            it->dequeue();
        }
        m_unsaved.erase(it);
    }
    if (m_unsaved.isEmpty()) {
        m_unsavedRetry.stop();
        m_unsavedBackoffMs = 0;
    }
    return true; // what was asked is written; other sessions still wait for the timer
}

QList<StoredMessage> ChatRuntime::promptWindow(const QString &sessionKey) const
{
    QList<StoredMessage> window = m_store->promptWindow(sessionKey, m_settings.agent.historyMessages);
    for (const StoredMessage &message : m_unsaved.value(sessionKey))
        window.append(message);
    return window;
}

} // namespace Gateway::Agent
