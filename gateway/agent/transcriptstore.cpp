// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "agent/transcriptstore.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "logging.h"
#include "storage/database.h"
#include "storage/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Agent
{

namespace
{

using Storage::nullable;
using Storage::sqlError;
using Storage::text;

StoredMessage readMessage(const QSqlQuery &q)
{
    StoredMessage m;
    m.id = q.value(0).toLongLong();
    m.sessionKey = q.value(1).toString();
    m.runId = q.value(2).toString();
    m.role = q.value(3).toString();
    m.content = QJsonDocument::fromJson(q.value(4).toByteArray()).array();
    m.provider = q.value(5).toString();
    m.model = q.value(6).toString();
    m.usage.inputTokens = q.value(7).toLongLong();
    m.usage.outputTokens = q.value(8).toLongLong();
    m.usage.cacheWriteTokens = q.value(9).toLongLong();
    m.usage.cacheReadTokens = q.value(10).toLongLong();
    m.costUsd = q.value(11).toDouble();
    m.stopReason = q.value(12).toString();
    m.createdAt = q.value(13).toLongLong();
    return m;
}

constexpr auto MESSAGE_COLUMNS
    = "id, session_key, run_id, role, content, provider, model, input_tokens, output_tokens, "
      "cache_write_tokens, cache_read_tokens, cost_usd, stop_reason, created_at";

} // namespace

QString StoredMessage::text() const
{
    QString result;
    for (const QJsonValue &part : content) {
        const QJsonObject object = part.toObject();
        if (object.value(u"type"_s).toString() == u"text")
            result += object.value(u"text"_s).toString();
    }
    return result;
}

QJsonObject StoredMessage::toHistoryJson() const
{
    QJsonObject entry { { u"role"_s, role == u"tool" ? u"toolResult"_s : role }, { u"timestamp"_s, createdAt } };
    if (role == u"user") {
        entry.insert(u"content"_s, text());
    } else {
        entry.insert(u"content"_s, content);
    }
    if (role == u"assistant") {
        if (!provider.isEmpty())
            entry.insert(u"provider"_s, provider);
        if (!model.isEmpty())
            entry.insert(u"model"_s, model);
        entry.insert(u"usage"_s,
            QJsonObject { { u"input"_s, usage.inputTokens }, { u"output"_s, usage.outputTokens },
                { u"cacheRead"_s, usage.cacheReadTokens }, { u"cacheWrite"_s, usage.cacheWriteTokens },
                { u"totalTokens"_s,
                    usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens } });
        if (!stopReason.isEmpty())
            entry.insert(u"stopReason"_s, stopReason);
    }
    if (!runId.isEmpty())
        entry.insert(u"runId"_s, runId);
    return entry;
}

Providers::ChatMessage StoredMessage::toChatMessage() const
{
    Providers::ChatMessage message;
    if (role == u"user") {
        message.role = Providers::ChatMessage::Role::User;
        message.text = text();
    } else if (role == u"assistant") {
        message.role = Providers::ChatMessage::Role::Assistant;
        message.text = text();
        for (const QJsonValue &part : content) {
            const QJsonObject object = part.toObject();
            if (object.value(u"type"_s).toString() == u"toolCall") {
                message.toolCalls.append({ object.value(u"id"_s).toString(), object.value(u"name"_s).toString(),
                    object.value(u"arguments"_s).toObject() });
            }
        }
    } else {
        message.role = Providers::ChatMessage::Role::Tool;
        const QJsonObject result = content.first().toObject();
        message.toolCallId = result.value(u"toolCallId"_s).toString();
        message.toolName = result.value(u"toolName"_s).toString();
        message.text = result.value(u"content"_s).toString();
        message.isError = result.value(u"isError"_s).toBool();
    }
    return message;
}

bool RunRecord::isTerminal() const
{
    return status != u"queued" && status != u"running";
}

TranscriptStore::TranscriptStore(Storage::Database *database) : m_db(database) { }

Status TranscriptStore::beginRun(const QString &runId, const QString &sessionKey, const QString &agentId,
    const QString &userText, qint64 nowMs, const QString &userId, const QString &channel)
{
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    QSqlQuery q(db);
    // A new session belongs to the user who starts it; an older one without an owner is claimed.
    q.prepare(
        u"INSERT INTO sessions (key, agent_id, created_at, updated_at, user_id, channel) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET updated_at = excluded.updated_at, "
        "user_id = COALESCE(sessions.user_id, excluded.user_id), "
        "channel = CASE WHEN sessions.channel = '' THEN excluded.channel ELSE sessions.channel END"_s);
    q.addBindValue(sessionKey);
    q.addBindValue(agentId);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(userId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(userId));
    q.addBindValue(channel.isNull() ? u""_s : channel); // NOT NULL: QtSql binds a null QString as NULL
    if (!q.exec())
        return sqlError(u"cannot record the session"_s, q);
    q.prepare(u"INSERT INTO runs (run_id, session_key, status, message, created_at) VALUES (?, ?, 'queued', ?, ?)"_s);
    q.addBindValue(runId);
    q.addBindValue(sessionKey);
    q.addBindValue(userText);
    q.addBindValue(nowMs);
    if (!q.exec()) {
        if (run(runId))
            return Error { u"DUPLICATE_RUN"_s, u"run %1 exists"_s.arg(runId) };
        return sqlError(u"cannot record the run"_s, q);
    }
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the run"_s, tx.error());
    return {};
}

Status TranscriptStore::startRun(const QString &runId, qint64 nowMs)
{
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    QSqlQuery q(db);
    q.prepare(u"UPDATE runs SET status = 'running' WHERE run_id = ? AND status = 'queued'"_s);
    q.addBindValue(runId);
    if (!q.exec())
        return sqlError(u"cannot start the run"_s, q);
    q.prepare(u"INSERT INTO messages (session_key, run_id, role, content, created_at) "
              "SELECT session_key, run_id, 'user', json_array(json_object('type', 'text', 'text', message)), ? "
              "FROM runs WHERE run_id = ?"_s);
    q.addBindValue(nowMs);
    q.addBindValue(runId);
    if (!q.exec())
        return sqlError(u"cannot record the message"_s, q);
    q.prepare(u"UPDATE sessions SET updated_at = ? WHERE key = (SELECT session_key FROM runs WHERE run_id = ?)"_s);
    q.addBindValue(nowMs);
    q.addBindValue(runId);
    if (!q.exec())
        return sqlError(u"cannot touch the session"_s, q);
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the run start"_s, tx.error());
    return {};
}

std::optional<RunRecord> TranscriptStore::run(const QString &runId) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT run_id, session_key, status, stop_reason, error, provider, model, created_at, ended_at "
              "FROM runs WHERE run_id = ?"_s);
    q.addBindValue(runId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    RunRecord r;
    r.runId = q.value(0).toString();
    r.sessionKey = q.value(1).toString();
    r.status = q.value(2).toString();
    r.stopReason = q.value(3).toString();
    r.error = q.value(4).toString();
    r.provider = q.value(5).toString();
    r.model = q.value(6).toString();
    r.createdAt = q.value(7).toLongLong();
    r.endedAt = q.value(8).toLongLong();
    return r;
}

Status TranscriptStore::setUserText(const QString &runId, const QString &text)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE messages SET content = ? WHERE run_id = ? AND role = 'user'"_s);
    const QJsonArray content { QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, text } } };
    q.addBindValue(QString::fromUtf8(QJsonDocument(content).toJson(QJsonDocument::Compact)));
    q.addBindValue(runId);
    if (!q.exec())
        return sqlError(u"cannot update the message"_s, q);
    return {};
}

Status TranscriptStore::finishRun(const RunRecord &record)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE runs SET status = ?, stop_reason = ?, error = ?, provider = ?, model = ?, ended_at = ? "
              "WHERE run_id = ?"_s);
    q.addBindValue(record.status);
    q.addBindValue(record.stopReason.isEmpty() ? QVariant() : QVariant(record.stopReason));
    q.addBindValue(record.error.isEmpty() ? QVariant() : QVariant(record.error));
    q.addBindValue(record.provider.isEmpty() ? QVariant() : QVariant(record.provider));
    q.addBindValue(record.model.isEmpty() ? QVariant() : QVariant(record.model));
    q.addBindValue(record.endedAt);
    q.addBindValue(record.runId);
    if (!q.exec())
        return sqlError(u"cannot finish the run"_s, q);
    return {};
}

Status TranscriptStore::appendMessage(StoredMessage &m)
{
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    QSqlQuery q(db);
    q.prepare(
        u"INSERT INTO messages (session_key, run_id, role, content, provider, model, input_tokens, output_tokens, "
        "cache_write_tokens, cache_read_tokens, cost_usd, stop_reason, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(m.sessionKey);
    q.addBindValue(m.runId.isEmpty() ? QVariant() : QVariant(m.runId));
    q.addBindValue(m.role);
    q.addBindValue(QString::fromUtf8(QJsonDocument(m.content).toJson(QJsonDocument::Compact)));
    q.addBindValue(m.provider.isEmpty() ? QVariant() : QVariant(m.provider));
    q.addBindValue(m.model.isEmpty() ? QVariant() : QVariant(m.model));
    q.addBindValue(m.usage.inputTokens);
    q.addBindValue(m.usage.outputTokens);
    q.addBindValue(m.usage.cacheWriteTokens);
    q.addBindValue(m.usage.cacheReadTokens);
    q.addBindValue(m.costUsd);
    q.addBindValue(m.stopReason.isEmpty() ? QVariant() : QVariant(m.stopReason));
    q.addBindValue(m.createdAt);
    if (!q.exec())
        return sqlError(u"cannot store the message"_s, q);
    m.id = q.lastInsertId().toLongLong();
    q.prepare(u"UPDATE sessions SET updated_at = ? WHERE key = ?"_s);
    q.addBindValue(m.createdAt);
    q.addBindValue(m.sessionKey);
    if (!q.exec())
        return sqlError(u"cannot touch the session"_s, q);
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the message"_s, tx.error());
    return {};
}

QList<StoredMessage> TranscriptStore::history(const QString &sessionKey, int limit, int *total, bool *hasMore) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT COUNT(*) FROM messages WHERE session_key = ? AND role != 'compaction'"_s);
    q.addBindValue(sessionKey);
    const int count = q.exec() && q.next() ? q.value(0).toInt() : 0;
    if (total)
        *total = count;
    if (hasMore)
        *hasMore = count > limit;
    q.prepare(u"SELECT * FROM (SELECT %1 FROM messages WHERE session_key = ? AND role != 'compaction' ORDER BY id DESC "
              "LIMIT ?) ORDER BY id ASC"_s.arg(QString::fromLatin1(MESSAGE_COLUMNS)));
    q.addBindValue(sessionKey);
    q.addBindValue(limit);
    QList<StoredMessage> messages;
    if (!q.exec()) {
        qCWarning(lcGatewayStorage) << "cannot read history:" << q.lastError().text();
        return messages;
    }
    while (q.next())
        messages.append(readMessage(q));
    return messages;
}

QList<UsageRow> TranscriptStore::usage(UsageGroup group, qint64 sinceMs, const QString &userId) const
{
    QString key;
    switch (group) {
    case UsageGroup::Total:
        key = u"''"_s;
        break;
    case UsageGroup::Model:
        key = u"COALESCE(provider, '') || ':' || COALESCE(model, '')"_s;
        break;
    case UsageGroup::Day:
        key = u"date(created_at / 1000, 'unixepoch')"_s;
        break;
    case UsageGroup::Session:
        key = u"session_key"_s;
        break;
    case UsageGroup::User:
        key = u"COALESCE((SELECT user_id FROM sessions s WHERE s.key = session_key), '')"_s;
        break;
    }
    QSqlQuery q(m_db->connection());
    const QString userFilter
        = userId.isEmpty() ? QString() : u" AND session_key IN (SELECT key FROM sessions WHERE user_id = ?)"_s;
    q.prepare(u"SELECT %1 AS k, COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cache_write_tokens), "
              "SUM(cache_read_tokens), SUM(cost_usd) FROM messages WHERE role IN ('assistant', 'compaction') "
              "AND provider IS NOT NULL "
              "AND created_at >= ?%2 GROUP BY k ORDER BY SUM(cost_usd) DESC, k ASC"_s.arg(key, userFilter));
    q.addBindValue(sinceMs);
    if (!userId.isEmpty())
        q.addBindValue(userId);
    QList<UsageRow> rows;
    if (!q.exec()) {
        qCWarning(lcGatewayStorage) << "cannot read usage:" << q.lastError().text();
        return rows;
    }
    while (q.next()) {
        UsageRow row;
        row.key = q.value(0).toString();
        row.calls = q.value(1).toLongLong();
        row.usage.inputTokens = q.value(2).toLongLong();
        row.usage.outputTokens = q.value(3).toLongLong();
        row.usage.cacheWriteTokens = q.value(4).toLongLong();
        row.usage.cacheReadTokens = q.value(5).toLongLong();
        row.costUsd = q.value(6).toDouble();
        rows.append(row);
    }
    return rows;
}

qint64 TranscriptStore::windowOffset(const QString &sessionKey, int maxMessages) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT COUNT(*) FROM messages WHERE session_key = ? AND role != 'compaction'"_s);
    q.addBindValue(sessionKey);
    const qint64 total = q.exec() && q.next() ? q.value(0).toLongLong() : 0;
    const qint64 limit = qMax(1, maxMessages);
    if (total <= limit)
        return 0;
    // Sliding one turn at a time would change the first message of every prompt and miss the
    // prompt cache on every turn; jumping by half the window rewrites it once per half window.
    const qint64 step = qMax<qint64>(1, limit / 2);
    return ((total - limit + step - 1) / step) * step;
}

QList<StoredMessage> TranscriptStore::promptWindow(const QString &sessionKey, int maxMessages) const
{
    const qint64 start = windowOffset(sessionKey, maxMessages);
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM messages WHERE session_key = ? AND role != 'compaction' ORDER BY id ASC "
              "LIMIT -1 OFFSET ?"_s.arg(QString::fromLatin1(MESSAGE_COLUMNS)));
    q.addBindValue(sessionKey);
    q.addBindValue(start);
    QList<StoredMessage> messages;
    if (!q.exec()) {
        qCWarning(lcGatewayStorage) << "cannot read history:" << q.lastError().text();
        return messages;
    }
    while (q.next()) {
        StoredMessage m = readMessage(q);
        // A prompt starts with the user speaking (providers expect it; tool results and
        // answers without their question make no sense).
        if (messages.isEmpty() && m.role != u"user")
            continue;
        messages.append(std::move(m));
    }
    return messages;
}

QList<StoredMessage> TranscriptStore::compactable(const QString &sessionKey, int maxMessages, int limit) const
{
    const qint64 start = windowOffset(sessionKey, maxMessages);
    QList<StoredMessage> messages;
    if (start == 0)
        return messages;
    QSqlQuery q(m_db->connection());
    // The messages before the window that no summary covers yet, oldest first.
    q.prepare(u"SELECT %1 FROM (SELECT * FROM messages WHERE session_key = ? AND role != 'compaction' "
              "ORDER BY id ASC LIMIT ?) WHERE id > (SELECT compacted_through FROM sessions WHERE key = ?) "
              "ORDER BY id ASC LIMIT ?"_s.arg(QString::fromLatin1(MESSAGE_COLUMNS)));
    q.addBindValue(sessionKey);
    q.addBindValue(start);
    q.addBindValue(sessionKey);
    q.addBindValue(qMax(1, limit));
    if (!q.exec()) {
        qCWarning(lcGatewayStorage) << "cannot read messages to compact:" << q.lastError().text();
        return messages;
    }
    while (q.next())
        messages.append(readMessage(q));
    return messages;
}

Status TranscriptStore::recordCompaction(const QString &sessionKey, qint64 throughId, const QString &provider,
    const QString &model, const Providers::Usage &usage, double costUsd, qint64 nowMs)
{
    QSqlDatabase db = m_db->connection();
    Storage::Transaction tx(db);
    QSqlQuery q(db);
    // The summarising call is billed like any other (usage and the user's budget count it), but
    // it is not part of the conversation.
    q.prepare(u"INSERT INTO messages (session_key, role, content, provider, model, input_tokens, output_tokens, "
              "cache_write_tokens, cache_read_tokens, cost_usd, created_at) "
              "VALUES (?, 'compaction', '[]', ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(sessionKey);
    q.addBindValue(provider);
    q.addBindValue(model);
    q.addBindValue(usage.inputTokens);
    q.addBindValue(usage.outputTokens);
    q.addBindValue(usage.cacheWriteTokens);
    q.addBindValue(usage.cacheReadTokens);
    q.addBindValue(costUsd);
    q.addBindValue(nowMs);
    if (!q.exec())
        return sqlError(u"cannot record the compaction"_s, q);
    q.prepare(u"UPDATE sessions SET compacted_through = MAX(compacted_through, ?) WHERE key = ?"_s);
    q.addBindValue(throughId);
    q.addBindValue(sessionKey);
    if (!q.exec())
        return sqlError(u"cannot record the compaction"_s, q);
    if (!tx.commit())
        return Storage::storageError(u"cannot commit the compaction"_s, tx.error());
    return {};
}

int TranscriptStore::markInterruptedRuns(qint64 nowMs)
{
    // Two messages: a run that was still waiting in its session's queue never reached the model,
    // so it cannot be what brought the process down (ChannelManager counts only the others).
    QSqlQuery q(m_db->connection());
    q.prepare(
        u"UPDATE runs SET status = 'error', error = 'interrupted: the gateway stopped during the run', ended_at = ? "
        "WHERE status = 'running'"_s);
    q.addBindValue(nowMs);
    if (!q.exec())
        return 0;
    int n = q.numRowsAffected();
    q.prepare(u"UPDATE runs SET status = 'error', error = 'interrupted: the gateway stopped before the run started', "
              "ended_at = ? WHERE status = 'queued'"_s);
    q.addBindValue(nowMs);
    if (q.exec())
        n += q.numRowsAffected();
    return n;
}

} // namespace Gateway::Agent
