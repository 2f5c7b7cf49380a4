// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "core/result.h"
#include "providers/provider.h"

namespace Gateway::Storage
{
class Database;
}

namespace Gateway::Agent
{

/// @brief One transcript entry. content is an array of parts:
/// {"type":"text","text"}, {"type":"toolCall","id","name","arguments"},
/// {"type":"toolResult","toolCallId","toolName","content","isError"}.
struct StoredMessage
{
    qint64 id = 0;
    QString sessionKey;
    QString runId;
    QString role; ///< "user", "assistant" or "tool"
    QJsonArray content;
    QString provider;
    QString model;
    Providers::Usage usage;
    double costUsd = 0;
    QString stopReason;
    qint64 createdAt = 0;

    /// The display-ready form chat.history returns (openclaw-protocol.md §8.2).
    QJsonObject toHistoryJson() const;
    /// The text parts joined.
    QString text() const;
    /// The provider-neutral form for the next prompt.
    Providers::ChatMessage toChatMessage() const;
};

/// @brief A run as stored: its id is the client's idempotency key.
struct RunRecord
{
    QString runId;
    QString sessionKey;
    QString status; ///< queued, running, ok, error, aborted, timeout
    QString stopReason;
    QString error;
    QString provider;
    QString model;
    qint64 createdAt = 0;
    qint64 endedAt = 0;

    bool isTerminal() const;
};

/// @brief Token usage and cost summed over a group of model calls.
struct UsageRow
{
    QString key;
    qint64 calls = 0;
    Providers::Usage usage;
    double costUsd = 0;
};

/// @brief Sessions, runs and messages in SQLite; every multi-row write in one transaction.
class TranscriptStore final
{
public:
    explicit TranscriptStore(Storage::Database *database);

    /// Creates the session if needed and the run as "queued", keeping the user's message with the
    /// run, atomically. Fails with code "DUPLICATE_RUN" when the run id exists.
    /// userId/channel: who owns a new session (an existing one keeps its owner; one without an
    /// owner is claimed).
    Status beginRun(const QString &runId, const QString &sessionKey, const QString &agentId, const QString &userText,
        qint64 nowMs, const QString &userId = {}, const QString &channel = {});
    /// The run starts: it becomes "running" and its user message enters the transcript, after
    /// everything earlier runs of the session wrote.
    Status startRun(const QString &runId, qint64 nowMs);
    std::optional<RunRecord> run(const QString &runId) const;
    /// Rewrites the user's message of a run (a "/model …" prefix removed before the model sees it).
    Status setUserText(const QString &runId, const QString &text);
    Status finishRun(const RunRecord &record);
    Status appendMessage(StoredMessage &message);
    /// The newest `limit` messages in order; total and hasMore describe the whole session.
    QList<StoredMessage> history(
        const QString &sessionKey, int limit, int *total = nullptr, bool *hasMore = nullptr) const;
    enum class UsageGroup { Total, Model, Day, Session, User };
    /// Usage of model calls since sinceMs, grouped (Day: UTC calendar day "YYYY-MM-DD"; Model:
    /// "provider:model"; User: the session owner's id), largest cost first; userId "" = everyone's.
    QList<UsageRow> usage(UsageGroup group, qint64 sinceMs, const QString &userId = {}) const;
    /// The messages a prompt carries: at most maxMessages of the newest, but the start moves in
    /// steps of half the window (so the cached prefix survives between steps) and always falls
    /// on a user message.
    QList<StoredMessage> promptWindow(const QString &sessionKey, int maxMessages) const;
    /// Messages that have left the prompt window and no summary covers yet (oldest first, at most
    /// limit).
    QList<StoredMessage> compactable(const QString &sessionKey, int maxMessages, int limit) const;
    /// Records a summarising call (its usage counts, it is not part of the conversation) and that
    /// the session's messages up to throughId are summarised.
    Status recordCompaction(const QString &sessionKey, qint64 throughId, const QString &provider, const QString &model,
        const Providers::Usage &usage, double costUsd, qint64 nowMs);
    /// Runs left queued or running by a previous process: marked "error" ("interrupted: the gateway
    /// stopped during the run", or "… before the run started" for queued ones).
    int markInterruptedRuns(qint64 nowMs);

private:
    /// Offset of the first message of the prompt window.
    qint64 windowOffset(const QString &sessionKey, int maxMessages) const;
    Storage::Database *m_db;
};

} // namespace Gateway::Agent
