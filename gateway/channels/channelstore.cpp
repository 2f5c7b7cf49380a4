// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "channels/channelstore.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "storage/database.h"
#include "storage/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Channels
{

namespace
{

using Storage::nullable;
using Storage::sqlError;
using Storage::text;

constexpr QStringView PAIRING_ALPHABET = u"ABCDEFGHJKMNPQRSTVWXYZ23456789";
constexpr int PAIRING_CODE_LENGTH = 8;

constexpr auto INBOUND_COLUMNS = "channel, platform_id, chat_id, chat_type, thread_id, sender_id, sender_name, text, "
                                 "mentioned, state, user_id, run_id, received_at, draft_message_id";
constexpr auto OUTBOX_COLUMNS
    = "id, channel, chat_id, thread_id, text, idempotency_key, state, attempts, next_attempt_at, last_error, user_id, "
      "edit_message_id";

InboundRecord readInbound(const QSqlQuery &q)
{
    InboundRecord r;
    r.message.channel = q.value(0).toString();
    r.message.platformId = q.value(1).toString();
    r.message.chatId = q.value(2).toString();
    r.message.chatType = q.value(3).toString();
    r.message.threadId = q.value(4).toString();
    r.message.senderId = q.value(5).toString();
    r.message.senderName = q.value(6).toString();
    r.message.text = q.value(7).toString();
    r.message.mentioned = q.value(8).toBool();
    r.state = q.value(9).toString();
    r.userId = q.value(10).toString();
    r.runId = q.value(11).toString();
    r.receivedAt = q.value(12).toLongLong();
    r.draftMessageId = q.value(13).toString();
    return r;
}

OutboxRecord readOutbox(const QSqlQuery &q)
{
    OutboxRecord r;
    r.message.outboxId = q.value(0).toLongLong();
    r.channel = q.value(1).toString();
    r.message.chatId = q.value(2).toString();
    r.message.threadId = q.value(3).toString();
    r.message.text = q.value(4).toString();
    r.message.idempotencyKey = q.value(5).toString();
    r.state = q.value(6).toString();
    r.attempts = q.value(7).toInt();
    r.nextAttemptAt = q.value(8).toLongLong();
    r.lastError = q.value(9).toString();
    r.userId = q.value(10).toString();
    r.message.editMessageId = q.value(11).toString();
    return r;
}

} // namespace

ChannelStore::ChannelStore(Storage::Database *database) : m_db(database) { }

Status ChannelStore::recordInbound(const InboundMessage &m, qint64 nowMs, bool *isNew)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"INSERT INTO channel_inbound (channel, platform_id, chat_id, chat_type, thread_id, sender_id, "
              "sender_name, text, mentioned, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT(channel, platform_id) DO NOTHING"_s);
    q.addBindValue(m.channel);
    q.addBindValue(m.platformId);
    q.addBindValue(text(m.chatId));
    q.addBindValue(text(m.chatType));
    q.addBindValue(text(m.threadId));
    q.addBindValue(text(m.senderId));
    q.addBindValue(text(m.senderName));
    q.addBindValue(text(m.text));
    q.addBindValue(m.mentioned ? 1 : 0);
    q.addBindValue(nowMs);
    if (!q.exec())
        return sqlError(u"cannot record the inbound message"_s, q);
    if (isNew)
        *isNew = q.numRowsAffected() > 0;
    return {};
}

Status ChannelStore::setInboundState(const QString &channel, const QString &platformId, const QString &state,
    const QString &userId, const QString &runId, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE channel_inbound SET state = ?, user_id = COALESCE(?, user_id), run_id = COALESCE(?, run_id), "
              "handled_at = ? WHERE channel = ? AND platform_id = ?"_s);
    q.addBindValue(state);
    q.addBindValue(nullable(userId));
    q.addBindValue(nullable(runId));
    q.addBindValue(nowMs);
    q.addBindValue(channel);
    q.addBindValue(platformId);
    if (!q.exec())
        return sqlError(u"cannot update the inbound message"_s, q);
    return {};
}

Status ChannelStore::setDraft(const QString &channel, const QString &platformId, const QString &messageId)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE channel_inbound SET draft_message_id = ? WHERE channel = ? AND platform_id = ?"_s);
    q.addBindValue(text(messageId));
    q.addBindValue(channel);
    q.addBindValue(platformId);
    if (!q.exec())
        return sqlError(u"cannot store the draft"_s, q);
    return {};
}

std::optional<InboundRecord> ChannelStore::inbound(const QString &channel, const QString &platformId) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM channel_inbound WHERE channel = ? AND platform_id = ?"_s.arg(
        QLatin1StringView(INBOUND_COLUMNS)));
    q.addBindValue(channel);
    q.addBindValue(platformId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readInbound(q);
}

QList<InboundRecord> ChannelStore::unhandled(int limit) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM channel_inbound WHERE state = 'received' ORDER BY received_at, rowid LIMIT ?"_s.arg(
        QLatin1StringView(INBOUND_COLUMNS)));
    q.addBindValue(qMax(1, limit));
    QList<InboundRecord> list;
    if (q.exec()) {
        while (q.next())
            list.append(readInbound(q));
    }
    return list;
}

Result<qint64> ChannelStore::enqueue(
    const QString &channel, const QString &userId, const OutboundMessage &m, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"INSERT INTO channel_outbox (channel, chat_id, thread_id, user_id, text, idempotency_key, created_at, "
              "next_attempt_at, edit_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT(idempotency_key) DO NOTHING"_s);
    q.addBindValue(channel);
    q.addBindValue(text(m.chatId));
    q.addBindValue(text(m.threadId));
    q.addBindValue(nullable(userId));
    q.addBindValue(text(m.text));
    q.addBindValue(m.idempotencyKey);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(text(m.editMessageId));
    if (!q.exec())
        return sqlError(u"cannot queue the reply"_s, q);
    q.prepare(u"SELECT id FROM channel_outbox WHERE idempotency_key = ?"_s);
    q.addBindValue(m.idempotencyKey);
    if (!q.exec() || !q.next())
        return sqlError(u"cannot read the queued reply"_s, q);
    return q.value(0).toLongLong();
}

QList<OutboxRecord> ChannelStore::due(qint64 nowMs, int limit) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(
        u"SELECT %1 FROM channel_outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?"_s.arg(
            QLatin1StringView(OUTBOX_COLUMNS)));
    q.addBindValue(nowMs);
    q.addBindValue(qMax(1, limit));
    QList<OutboxRecord> list;
    if (q.exec()) {
        while (q.next())
            list.append(readOutbox(q));
    }
    return list;
}

std::optional<qint64> ChannelStore::nextDue() const
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(u"SELECT MIN(next_attempt_at) FROM channel_outbox WHERE state = 'pending'"_s) || !q.next()
        || q.value(0).isNull())
        return std::nullopt;
    return q.value(0).toLongLong();
}

Status ChannelStore::markSent(qint64 outboxId, const QString &platformMessageId, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    q.prepare(
        u"UPDATE channel_outbox SET state = 'sent', platform_message_id = ?, sent_at = ?, attempts = attempts + 1 "
        "WHERE id = ?"_s);
    q.addBindValue(text(platformMessageId));
    q.addBindValue(nowMs);
    q.addBindValue(outboxId);
    if (!q.exec())
        return sqlError(u"cannot mark the reply sent"_s, q);
    return {};
}

Status ChannelStore::markRetry(qint64 outboxId, const QString &error, qint64 nextAttemptAt)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE channel_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?"_s);
    q.addBindValue(text(error.left(512)));
    q.addBindValue(nextAttemptAt);
    q.addBindValue(outboxId);
    if (!q.exec())
        return sqlError(u"cannot reschedule the reply"_s, q);
    return {};
}

Status ChannelStore::markFailed(qint64 outboxId, const QString &error)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE channel_outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?"_s);
    q.addBindValue(text(error.left(512)));
    q.addBindValue(outboxId);
    if (!q.exec())
        return sqlError(u"cannot mark the reply failed"_s, q);
    return {};
}

Status ChannelStore::retarget(qint64 outboxId, const QString &chatId, const QString &remainingText)
{
    QSqlQuery q(m_db->connection());
    // What is left of a reply goes out as new messages: the draft was edited already (the same
    // statement, so a crash never edits the draft into the remainder).
    q.prepare(u"UPDATE channel_outbox SET chat_id = CASE WHEN ? = '' THEN chat_id ELSE ? END, "
              "text = CASE WHEN ? = '' THEN text ELSE ? END, "
              "edit_message_id = CASE WHEN ? = '' THEN edit_message_id ELSE '' END WHERE id = ?"_s);
    q.addBindValue(text(chatId));
    q.addBindValue(text(chatId));
    q.addBindValue(text(remainingText));
    q.addBindValue(text(remainingText));
    q.addBindValue(text(remainingText));
    q.addBindValue(outboxId);
    if (!q.exec())
        return sqlError(u"cannot update the reply"_s, q);
    return {};
}

QList<OutboxRecord> ChannelStore::outbox(const QString &channel, int limit) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM channel_outbox WHERE channel = ? ORDER BY id DESC LIMIT ?"_s.arg(
        QLatin1StringView(OUTBOX_COLUMNS)));
    q.addBindValue(channel);
    q.addBindValue(qMax(1, limit));
    QList<OutboxRecord> list;
    if (q.exec()) {
        while (q.next())
            list.append(readOutbox(q));
    }
    return list;
}

QString ChannelStore::state(const QString &channel, const QString &key) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT value FROM channel_state WHERE channel = ? AND key = ?"_s);
    q.addBindValue(channel);
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

Status ChannelStore::setState(const QString &channel, const QString &key, const QString &value)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"INSERT INTO channel_state (channel, key, value) VALUES (?, ?, ?) "
              "ON CONFLICT(channel, key) DO UPDATE SET value = excluded.value"_s);
    q.addBindValue(channel);
    q.addBindValue(key);
    q.addBindValue(text(value));
    if (!q.exec())
        return sqlError(u"cannot store the channel state"_s, q);
    return {};
}

Result<QString> ChannelStore::pairingCode(
    const QString &channel, const QString &senderId, const QString &senderName, const QString &chatId, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT code FROM channel_pairing WHERE channel = ? AND sender_id = ? AND state = 'pending'"_s);
    q.addBindValue(channel);
    q.addBindValue(senderId);
    if (q.exec() && q.next())
        return q.value(0).toString();
    QString code;
    for (int i = 0; i < PAIRING_CODE_LENGTH; ++i)
        code += PAIRING_ALPHABET.at(QRandomGenerator::system()->bounded(int(PAIRING_ALPHABET.size())));
    q.prepare(
        u"INSERT INTO channel_pairing (channel, sender_id, code, sender_name, chat_id, state, created_at) "
        "VALUES (?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT(channel, sender_id) DO UPDATE SET code = excluded.code, "
        "sender_name = excluded.sender_name, chat_id = excluded.chat_id, state = 'pending', "
        "created_at = excluded.created_at, decided_at = NULL"_s);
    q.addBindValue(channel);
    q.addBindValue(senderId);
    q.addBindValue(code);
    q.addBindValue(text(senderName.left(128)));
    q.addBindValue(text(chatId));
    q.addBindValue(nowMs);
    if (!q.exec())
        return sqlError(u"cannot store the pairing request"_s, q);
    return code;
}

QString ChannelStore::pairingState(const QString &channel, const QString &senderId) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT state FROM channel_pairing WHERE channel = ? AND sender_id = ?"_s);
    q.addBindValue(channel);
    q.addBindValue(senderId);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

QList<ChannelStore::PairingRequest> ChannelStore::pairingRequests(const QString &state) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT channel, sender_id, sender_name, chat_id, code, state, created_at FROM channel_pairing "
              "WHERE (? = '' OR state = ?) ORDER BY created_at DESC LIMIT 500"_s);
    q.addBindValue(text(state));
    q.addBindValue(text(state));
    QList<PairingRequest> list;
    if (q.exec()) {
        while (q.next())
            list.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                q.value(4).toString(), q.value(5).toString(), q.value(6).toLongLong() });
    }
    return list;
}

Result<ChannelStore::PairingRequest> ChannelStore::decidePairing(
    const QString &channel, const QString &code, bool approve, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT channel, sender_id, sender_name, chat_id, code, state, created_at FROM channel_pairing "
              "WHERE channel = ? AND code = ? AND state = 'pending'"_s);
    q.addBindValue(channel);
    q.addBindValue(code.trimmed().toUpper());
    if (!q.exec() || !q.next())
        return Error { u"NOT_FOUND"_s, u"no pending pairing request with that code on %1"_s.arg(channel.left(32)) };
    PairingRequest request { q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
        q.value(4).toString(), q.value(5).toString(), q.value(6).toLongLong() };
    request.state = approve ? u"approved"_s : u"rejected"_s;
    q.prepare(u"UPDATE channel_pairing SET state = ?, decided_at = ? WHERE channel = ? AND sender_id = ?"_s);
    q.addBindValue(request.state);
    q.addBindValue(nowMs);
    q.addBindValue(request.channel);
    q.addBindValue(request.senderId);
    if (!q.exec())
        return sqlError(u"cannot record the pairing decision"_s, q);
    return request;
}

// ---------------------------------------------------------------- delivery statuses
// Platforms that confirm delivery later (WhatsApp status webhooks) name the reply by the id they
// gave it when it was accepted: platform_message_id (a split reply lists every part's id,
// comma-separated).

std::optional<OutboxRecord> ChannelStore::outboxByPlatformId(const QString &channel, const QString &messageId) const
{
    if (messageId.isEmpty() || messageId.contains(u','))
        return std::nullopt;
    QSqlQuery q(m_db->connection());
    q.prepare(u"SELECT %1 FROM channel_outbox WHERE channel = ? AND platform_message_id IS NOT NULL AND "
              "(platform_message_id = ? OR instr(',' || platform_message_id || ',', ',' || ? || ',') > 0) "
              "ORDER BY id DESC LIMIT 1"_s.arg(QLatin1StringView(OUTBOX_COLUMNS)));
    q.addBindValue(channel);
    q.addBindValue(messageId);
    q.addBindValue(messageId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readOutbox(q);
}

Result<bool> ChannelStore::markDeliveryFailed(qint64 outboxId, const QString &error)
{
    QSqlQuery q(m_db->connection());
    q.prepare(u"UPDATE channel_outbox SET state = 'failed', last_error = ? WHERE id = ? AND state <> 'failed'"_s);
    q.addBindValue(text(error.left(512)));
    q.addBindValue(outboxId);
    if (!q.exec())
        return sqlError(u"cannot mark the reply failed"_s, q);
    return q.numRowsAffected() > 0;
}

QHash<QString, int> ChannelStore::failedDeliveries() const
{
    QHash<QString, int> counts;
    QSqlQuery q(m_db->connection());
    if (q.exec(u"SELECT channel, COUNT(*) FROM channel_outbox WHERE state = 'failed' GROUP BY channel"_s)) {
        while (q.next())
            counts.insert(q.value(0).toString(), q.value(1).toInt());
    }
    return counts;
}

} // namespace Gateway::Channels
