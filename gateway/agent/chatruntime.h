// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <memory>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QTimer>

#include "agent/providerpool.h"
#include "agent/transcriptstore.h"
#include "config/settings.h"
#include "core/result.h"
#include "providers/provider.h"

namespace Gateway::Protocol
{
class Dispatcher;
struct ClientSession;
class Reply;
} // namespace Gateway::Protocol

namespace Gateway::Storage
{
class Database;
}

namespace Gateway::People
{
class Directory;
struct User;
} // namespace Gateway::People

namespace Gateway::Agent
{

class EventBus;
class PromptBuilder;
class ToolRegistry;

/// @brief Where a turn should go, decided before the run starts.
struct RouteChoice
{
    QString provider;
    QString model;
    QString tier;
    QStringList reasons;
    bool localOnly = false;
    QString text; ///< the message to send (an override prefix such as "/model x" removed)
};

/// @brief Optional inputs of a run that does not use the session transcript as its prompt (the
/// OpenAI-compatible endpoint sends the whole conversation with every request).
struct RunOptions
{
    bool explicitPrompt = false;
    QStringList system; ///< extra system blocks after the persona
    QList<Providers::ChatMessage> messages; ///< the conversation, oldest first
    QString provider; ///< forced provider ("" = route)
    QString model; ///< forced model ("" = the provider's default)
    QString userId; ///< the person the run answers ("" = the owner)
    QString channel = QStringLiteral("operator"); ///< where the message came from
};

/// @brief How a run ended.
struct RunOutcome
{
    QString runId;
    QString sessionKey;
    QString status; ///< ok, error, aborted, timeout
    QString text; ///< the final assistant text (partial when aborted)
    QString stopReason;
    QString errorMessage;
    QString errorKind;
    QString provider;
    QString model;
    Providers::Usage usage;
    double costUsd = 0;
    qint64 durationMs = 0;
    qint64 endedAt = 0;
};

/// @brief The agent runtime: chat.send, chat.history, chat.abort, agent, agent.wait and
/// providers.status. Runs of one session execute in order; runs of different sessions run
/// concurrently. The idempotency key is the run id and never starts a second run. Every run ends
/// with exactly one terminal chat event (final, error or aborted).
class ChatRuntime final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatRuntime)

public:
    using Router = std::function<RouteChoice(const QString &text, int historyMessages)>;
    using CostFunction
        = std::function<double(const QString &provider, const QString &model, const Providers::Usage &usage)>;

    ChatRuntime(const Config::Settings &settings, ProviderPool *pool, QObject *parent = nullptr);
    ~ChatRuntime() override;

    /// Called once storage is open: runs left unfinished by a crash are marked interrupted.
    void attachStorage(Storage::Database *database);
    void setEventBus(EventBus *bus) { m_bus = bus; }
    void setRouter(Router router) { m_router = std::move(router); }
    void setCostFunction(CostFunction cost) { m_cost = std::move(cost); }
    /// People: who each run answers, what they may use, their persona and memories.
    void setPeople(People::Directory *people) { m_people = people; }
    /// The skill index for the prompt (Skills::SkillManager::promptIndex), offered with skill_load.
    void setSkillIndex(std::function<QString()> index) { m_skillIndex = std::move(index); }
    ToolRegistry &tools() { return *m_tools; }
    /// Test seam: milliseconds now.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    void registerMethods(Protocol::Dispatcher &dispatcher);

    /// Starts a run (used by the protocol methods and the OpenAI-compatible endpoint). When
    /// runId exists the existing run is reused; *reused tells which.
    Result<QString> startRun(const QString &sessionKey, const QString &message, const QString &runId,
        bool *reused = nullptr, const RunOptions &options = {});
    /// Aborts the active and queued runs of a session (or just runId). Returns the aborted ids.
    QStringList abort(const QString &sessionKey, const QString &runId = {});
    /// The canonical form of a session key: "agent:<agentId>:<key>"; for a user other than the
    /// owner, "agent:<agentId>:u:<userId>:<key>" (everyone has their own "main").
    QString canonicalSessionKey(const QString &key, const QString &userId = {}) const;
    int activeRuns() const;
    /// How a run ended (recent ones from memory, older ones from the transcript); std::nullopt
    /// while it runs or when it is unknown.
    std::optional<RunOutcome> outcome(const QString &runId) const { return storedOutcome(runId); }
    /// Transcript messages (answers, tool calls and results) that could not be written because
    /// the database was busy or full: kept in memory, in order, and written again after 1 s,
    /// doubling up to 60 s, until it works.
    int unsavedMessages() const;

Q_SIGNALS:
    /// Streaming text of a run (for HTTP streaming clients).
    void runDelta(const QString &runId, const QString &delta);
    void runFinished(const Gateway::Agent::RunOutcome &outcome);
    /// A summary of older turns was saved as a memory of userId (or failed: memoryId 0).
    void compacted(const QString &sessionKey, const QString &userId, qint64 memoryId);

private:
    struct Run;

    void schedule(const QString &sessionKey);
    void execute(Run *run);
    /// window: the transcript already read for this call (nullptr: read it).
    void callModel(Run *run, const QList<StoredMessage> *window = nullptr);
    void onToolCalls(Run *run);
    void flushDeltas(Run *run);
    void finish(Run *run, RunOutcome outcome);
    void publishChat(Run *run, const QString &state, QJsonObject fields, const QString &deltaText = {});
    void publishAgent(Run *run, const QString &stream, const QJsonObject &data, const QString &cap = {});
    QJsonObject assistantMessage(const Run *run) const;
    QJsonObject outcomeJson(const RunOutcome &outcome) const;
    std::optional<RunOutcome> storedOutcome(const QString &runId) const;
    /// The people-side checks of a protocol call about a session: the caller's user id ("" when
    /// the reply has been sent with an error). admitMessage: also quiet hours and budget.
    std::optional<QString> authorize(const Protocol::ClientSession &client, const QString &canonicalKey,
        const Protocol::Reply &reply, const QString &admitMessage = {}, bool admit = false);
    /// Calls waiter when the active or queued run ends; false when there is no such run.
    bool addWaiter(const QString &runId, std::function<void(const RunOutcome &)> waiter);
    /// The session of an active or queued run ("" when there is none).
    QString activeRunSession(const QString &runId) const;
    /// The caller's user id ("" before people are ready).
    QString callerId(const Protocol::ClientSession &client) const;
    /// chat.send and agent: authorize the caller, subscribe the socket, start (or find) the run.
    /// std::nullopt once the reply carries the error.
    std::optional<QString> startClientRun(const Protocol::ClientSession &client, const QString &canonicalKey,
        const QString &message, const QString &idempotencyKey, const Protocol::Reply &reply, bool *reused,
        RunOptions options = {});
    /// Runs a slash command of the people subsystem instead of a model call; true when it was one.
    bool runCommand(Run *run);
    /// Applies the user's model policy to the route; false (and the run finished) when denied.
    bool applyModelPolicy(Run *run);
    void finishDenied(Run *run, const QString &reason);
    /// Quiet hours and the daily budget for this request (estimated before it is sent); the
    /// answer is capped to what the budget has left. false (and the run finished) when denied.
    bool admitRequest(Run *run, Providers::ChatRequest &request);
    /// Summarises turns that left the session's window into a memory of the user (not of the
    /// session), with the model that just answered. One at a time per session.
    void compact(const QString &sessionKey, const People::User &user, const QString &channel, const QString &provider,
        const QString &model);
    /// Appends a message to the transcript; on a busy or full database it is kept for a retry
    /// (as are the later messages of its session, to keep their order).
    void storeMessage(StoredMessage message);
    /// Writes the kept messages (of one session, or of all when sessionKey is empty) in order;
    /// false when some are still unsaved.
    bool flushUnsaved(const QString &sessionKey = {});
    /// After a failed transcript write: true (and a retry scheduled, with backoff) when the same
    /// write can work later; false (logged) when it cannot.
    bool keepForRetry(const Error &error);
    /// The prompt window of a session: the stored transcript and, after it, what is still unsaved.
    QList<StoredMessage> promptWindow(const QString &sessionKey) const;

    const Config::Settings &m_settings;
    QPointer<ProviderPool> m_pool;
    std::unique_ptr<TranscriptStore> m_store;
    std::unique_ptr<ToolRegistry> m_tools;
    std::unique_ptr<PromptBuilder> m_prompt;
    EventBus *m_bus = nullptr;
    People::Directory *m_people = nullptr;
    std::function<QString()> m_skillIndex;
    Router m_router;
    CostFunction m_cost;
    std::function<qint64()> m_clock;
    QHash<QString, Run *> m_runs; ///< active and queued, by run id
    QList<Run *> m_finished; ///< finished, deleted on the next turn of the event loop
    QHash<QString, QQueue<QString>> m_sessionQueues; ///< run ids waiting per session
    QHash<QString, QString> m_sessionActive; ///< session → running run id
    QSet<QString> m_compacting; ///< sessions with a summary being written
    /// Terminal outcomes of recent runs for agent.wait (bounded).
    QHash<QString, RunOutcome> m_recent;
    QQueue<QString> m_recentOrder;
    QHash<QString, QQueue<StoredMessage>> m_unsaved; ///< per session, oldest first (bounded)
    QTimer m_unsavedRetry;
    int m_unsavedBackoffMs = 0;
    Error m_unsavedError; ///< why the last write of a kept message failed
};

} // namespace Gateway::Agent

Q_DECLARE_METATYPE(Gateway::Agent::RunOutcome)
