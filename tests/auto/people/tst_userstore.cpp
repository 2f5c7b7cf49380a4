// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Users, identities, link codes, merges, erasure, export, tokens and the daily token count on real
// SQLite files, with sessions, runs and messages written by the real TranscriptStore; and the
// hash-chained audit log.

#include <functional>
#include <memory>

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "agent/transcriptstore.h"
#include "people/auditlog.h"
#include "people/memorystore.h"
#include "people/userstore.h"
#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway;
using namespace Gateway::People;

namespace
{

constexpr qint64 T0 = 1'800'000'000'000; // 2027-01-15, an arbitrary fixed "now"
constexpr qint64 TTL = UserStore::LINK_CODE_TTL_MS;

template<typename R>
QString describe(const R &result)
{
    return result.ok() ? QString() : result.error().code + u": "_s + result.error().message;
}

/// The error code of a failed result, "" for success.
template<typename R>
QString codeOf(const R &result)
{
    return result.ok() ? QString() : result.error().code;
}

qint64 utc(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::utc()).toMSecsSinceEpoch();
}

const QRegularExpression CODE_FORMAT(u"^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$"_s);

/// A code of the right shape that is not `right`.
QString wrongCodeFor(const QString &right)
{
    return right.startsWith(u'7') ? u"8"_s + right.mid(1) : u"7"_s + right.mid(1);
}

} // namespace

/// Declares `var` as the result of `expr` and fails the test unless it succeeded.
#define TRY(var, expr)                                                                                                 \
    auto var = (expr);                                                                                                 \
    QVERIFY2(var.ok(), qPrintable(describe(var)))

class tst_UserStore final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Storage::Database> m_db;
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<MemoryStore> m_memories;
    std::unique_ptr<Agent::TranscriptStore> m_transcripts;
    std::unique_ptr<AuditLog> m_audit;

    QString dbPath() const { return m_dir->filePath(u"skynet.sqlite"_s); }

    bool openDatabase()
    {
        m_db = std::make_unique<Storage::Database>();
        const Status opened = m_db->open({ dbPath() });
        if (!opened) {
            qWarning() << "cannot open the database:" << describe(opened);
            return false;
        }
        m_users = std::make_unique<UserStore>(m_db.get());
        m_memories = std::make_unique<MemoryStore>(m_db.get());
        m_transcripts = std::make_unique<Agent::TranscriptStore>(m_db.get());
        m_audit = std::make_unique<AuditLog>(m_db.get());
        return m_db->schemaVersion() == Storage::latestSchemaVersion();
    }

    void closeDatabase()
    {
        m_audit.reset();
        m_transcripts.reset();
        m_memories.reset();
        m_users.reset();
        if (m_db)
            m_db->close();
        m_db.reset();
    }

    /// A restart: every store and the connection go away; new ones open the same file.
    bool reopen()
    {
        closeDatabase();
        return openDatabase();
    }

    QVariant scalar(const QString &sql, const QVariantList &binds = {}) const
    {
        QSqlQuery q(m_db->connection());
        q.prepare(sql);
        for (const QVariant &value : binds)
            q.addBindValue(value);
        if (!q.exec()) {
            qWarning() << sql << q.lastError().text();
            return {};
        }
        return q.next() ? q.value(0) : QVariant();
    }

    bool exec(const QString &sql, const QVariantList &binds = {}) const
    {
        QSqlQuery q(m_db->connection());
        q.prepare(sql);
        for (const QVariant &value : binds)
            q.addBindValue(value);
        const bool ok = q.exec();
        if (!ok)
            qWarning() << sql << q.lastError().text();
        return ok;
    }

    int count(const QString &table, const QString &where = u"1"_s, const QVariantList &binds = {}) const
    {
        const QVariant value = scalar(u"SELECT COUNT(*) FROM %1 WHERE %2"_s.arg(table, where), binds);
        return value.isValid() ? value.toInt() : -1;
    }

    QStringList tables() const
    {
        QStringList names;
        QSqlQuery q(m_db->connection());
        if (q.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s)) {
            while (q.next())
                names.append(q.value(0).toString());
        }
        return names;
    }

    /// Every place (table.column) in the whole database where `needle` occurs, compared as text
    /// (case-insensitively) and as bytes; a table that cannot be read counts as a hit.
    QStringList occurrences(const QString &needle) const
    {
        QStringList hits;
        const QByteArray bytes = needle.toUtf8();
        const QByteArray lower = needle.toLower().toUtf8();
        for (const QString &table : tables()) {
            QSqlQuery q(m_db->connection());
            q.setForwardOnly(true);
            if (!q.exec(u"SELECT * FROM \"%1\""_s.arg(table))) {
                hits.append(table + u" (unreadable: "_s + q.lastError().text() + u')');
                continue;
            }
            const QSqlRecord record = q.record();
            while (q.next()) {
                for (int i = 0; i < record.count(); ++i) {
                    const QVariant value = q.value(i);
                    const QByteArray blob = value.toByteArray();
                    if (value.toString().contains(needle, Qt::CaseInsensitive) || blob.contains(bytes)
                        || blob.toLower().contains(lower)) {
                        hits.append(table + u'.' + record.fieldName(i));
                    }
                }
            }
        }
        hits.removeDuplicates();
        return hits;
    }

    /// Terms the FTS5 index holds (read through a temporary fts5vocab table, so the file is not
    /// changed).
    QStringList ftsTerms() const
    {
        QStringList terms;
        QSqlQuery q(m_db->connection());
        if (!q.exec(u"CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, memories_fts, row)"_s)) {
            qWarning() << "fts5vocab:" << q.lastError().text();
            return { u"<fts5vocab unavailable>"_s };
        }
        if (q.exec(u"SELECT term FROM temp.fts_terms"_s)) {
            while (q.next())
                terms.append(q.value(0).toString());
        }
        return terms;
    }

    /// Rows of the FTS5 index (not of the content table) that match the word.
    int ftsMatches(const QString &word) const
    {
        const QVariant value = scalar(u"SELECT COUNT(*) FROM memories_fts WHERE memories_fts MATCH ?"_s,
            { QVariant(MemoryStore::ftsQuery(word, false)) });
        return value.isValid() ? value.toInt() : -1;
    }

    /// Users, identities, owners of sessions and memories, tokens and codes, as text.
    QString snapshot() const
    {
        QStringList lines;
        const QStringList queries = {
            u"SELECT id, display_name, role, profile, timezone FROM users ORDER BY id"_s,
            u"SELECT channel, external_id, user_id FROM identities ORDER BY channel, external_id"_s,
            u"SELECT key, user_id FROM sessions ORDER BY key"_s,
            u"SELECT COUNT(*) FROM messages"_s,
            u"SELECT id, user_id, content FROM memories ORDER BY id"_s,
            u"SELECT token_hash, user_id FROM user_tokens ORDER BY token_hash"_s,
            u"SELECT code_hash, user_id, expires_at FROM link_codes ORDER BY code_hash"_s,
        };
        for (const QString &sql : queries) {
            QSqlQuery q(m_db->connection());
            if (!q.exec(sql)) {
                lines.append(u"error: "_s + q.lastError().text());
                continue;
            }
            while (q.next()) {
                QStringList fields;
                for (int i = 0; i < q.record().count(); ++i)
                    fields.append(q.value(i).toString());
                lines.append(fields.join(u'|'));
            }
        }
        return lines.join(u'\n');
    }

    /// One turn of a conversation as the agent stores it: the session (owned by userId), the run
    /// with the user's message, and the assistant's answer with its usage.
    bool addTurn(const QString &userId, const QString &channel, const QString &sessionKey, const QString &runId,
        const QString &userText, const QString &replyText, qint64 atMs, const Providers::Usage &usage = {})
    {
        Status s = m_transcripts->beginRun(runId, sessionKey, u"main"_s, userText, atMs, userId, channel);
        if (s)
            s = m_transcripts->startRun(runId, atMs);
        if (s) {
            Agent::StoredMessage reply;
            reply.sessionKey = sessionKey;
            reply.runId = runId;
            reply.role = u"assistant"_s;
            reply.content = QJsonArray { QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, replyText } } };
            reply.provider = u"fake"_s;
            reply.model = u"fake-model"_s;
            reply.usage = usage;
            reply.costUsd = 0.001;
            reply.stopReason = u"stop"_s;
            reply.createdAt = atMs;
            s = m_transcripts->appendMessage(reply);
        }
        if (!s)
            qWarning() << "addTurn" << runId << describe(s);
        return s.ok();
    }

    bool addMemory(
        const QString &userId, const QString &content, const QString &kind = u"fact"_s, const QString &session = {})
    {
        const Result<Memory> added = m_memories->add(userId, kind, content, u"test"_s, session, T0);
        if (!added)
            qWarning() << "addMemory" << content << describe(added);
        return added.ok();
    }

    QString owner(const QString &sessionKey) const
    {
        return m_users->sessionOwner(sessionKey).value_or(u"<no session>"_s);
    }

    QStringList memoryContents(const QString &userId) const
    {
        QStringList list;
        for (const Memory &m : m_memories->list(userId, {}, 500))
            list.append(m.content);
        list.sort();
        return list;
    }

private Q_SLOTS:
    void init()
    {
        QTest::failOnWarning(QRegularExpression(u"memories:"_s));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(openDatabase());
    }

    void cleanup()
    {
        closeDatabase();
        m_dir.reset();
    }

    void ownerIsCreatedOnce()
    {
        TRY(first, m_users->ensureOwner(u"Operator"_s, T0));
        QVERIFY(QRegularExpression(u"^u_[0-9a-f]{16}$"_s).match(first->id).hasMatch());
        QCOMPARE(first->role, Role::Admin);
        QCOMPARE(first->displayName, u"Operator"_s);

        TRY(second, m_users->ensureOwner(u"Someone else"_s, T0 + 1000));
        QCOMPARE(second->id, first->id);
        QCOMPARE(second->role, Role::Admin);
        QCOMPARE(second->displayName, u"Operator"_s); // the first name stays
        QCOMPARE(second->lastSeenAt, T0 + 1000);

        const std::optional<Identity> identity = m_users->identity(u"operator"_s, u"owner"_s);
        QVERIFY(identity.has_value());
        QCOMPARE(identity->userId, first->id);
        QCOMPARE(m_users->identities(first->id).size(), 1);
        QCOMPARE(count(u"users"_s), 1);
        QCOMPARE(count(u"identities"_s), 1);

        // Also after a restart.
        QVERIFY(reopen());
        TRY(third, m_users->ensureOwner(u"Operator"_s, T0 + 2000));
        QCOMPARE(third->id, first->id);
        QCOMPARE(count(u"users"_s), 1);
    }

    void resolveFindsOrCreates()
    {
        const Result<User> unknown = m_users->resolve(u"telegram"_s, u"42"_s, u"Alice"_s, false, Role::User, T0);
        QCOMPARE(codeOf(unknown), u"NOT_FOUND"_s);
        QCOMPARE(count(u"users"_s), 0);
        QCOMPARE(count(u"identities"_s), 0);

        TRY(created, m_users->resolve(u"telegram"_s, u"42"_s, u"  Alice  "_s, true, Role::Child, T0));
        QCOMPARE(created->role, Role::Child);
        QCOMPARE(created->displayName, u"Alice"_s);
        QCOMPARE(created->createdAt, T0);
        std::optional<Identity> identity = m_users->identity(u"telegram"_s, u"42"_s);
        QVERIFY(identity.has_value());
        QCOMPARE(identity->userId, created->id);
        QCOMPARE(identity->createdAt, T0);
        QCOMPARE(m_users->get(created->id)->role, Role::Child);

        // Known: the same user, whatever role and create say; last seen moves.
        TRY(again, m_users->resolve(u"telegram"_s, u"42"_s, u"Mallory"_s, false, Role::Admin, T0 + 5000));
        QCOMPARE(again->id, created->id);
        QCOMPARE(again->role, Role::Child);
        QCOMPARE(again->displayName, u"Alice"_s);
        QCOMPARE(again->lastSeenAt, T0 + 5000);
        QCOMPARE(m_users->get(created->id)->lastSeenAt, T0 + 5000);
        identity = m_users->identity(u"telegram"_s, u"42"_s);
        QCOMPARE(identity->lastSeenAt, T0 + 5000);
        TRY(created2, m_users->resolve(u"telegram"_s, u"42"_s, u"Alice"_s, true, Role::User, T0 + 6000));
        QCOMPARE(created2->id, created->id);
        QCOMPARE(count(u"users"_s), 1);

        // The same external id on another channel is another person.
        TRY(other, m_users->resolve(u"discord"_s, u"42"_s, u"Bob"_s, true, Role::User, T0));
        QVERIFY(other->id != created->id);
        QCOMPARE(other->role, Role::User);
        QCOMPARE(count(u"users"_s), 2);

        // (channel, external id) is unique in the table itself.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"UNIQUE"_s));
        QVERIFY(!exec(u"INSERT INTO identities (channel, external_id, user_id, created_at) VALUES (?, ?, ?, ?)"_s,
            { u"telegram"_s, u"42"_s, other->id, T0 }));
        QCOMPARE(m_users->identity(u"telegram"_s, u"42"_s)->userId, created->id);

        // Invalid identities are refused before anything is written.
        const QString channel64(64, u'c');
        const QString external256(256, u'e');
        const QList<std::pair<QString, QString>> invalid = {
            { QString(), u"1"_s },
            { u"telegram"_s, QString() },
            { QString(channel64 + u'c'), u"1"_s },
            { u"telegram"_s, QString(external256 + u'e') },
        };
        for (const auto &[channel, externalId] : invalid) {
            for (const bool create : { false, true }) {
                const Result<User> refused
                    = m_users->resolve(channel, externalId, u"X"_s, create, Role::User, T0 + 7000);
                QCOMPARE(codeOf(refused), u"INVALID_REQUEST"_s);
            }
        }
        QCOMPARE(count(u"users"_s), 2);
        // The longest allowed ones are fine.
        TRY(longest, m_users->resolve(channel64, external256, u"Long"_s, true, Role::User, T0));
        QCOMPARE(m_users->identity(channel64, external256)->userId, longest->id);
    }

    void linkCodeMergesTheRedeemer()
    {
        TRY(a, m_users->resolve(u"telegram"_s, u"a1"_s, u"Alice"_s, true, Role::User, T0));
        TRY(b, m_users->resolve(u"discord"_s, u"b1"_s, u"Bob"_s, true, Role::User, T0));
        QVERIFY(addTurn(a->id, u"telegram"_s, u"telegram:a1"_s, u"run-a1"_s, u"hi from A"_s, u"hello A"_s, T0));
        QVERIFY(addTurn(b->id, u"discord"_s, u"discord:b1"_s, u"run-b1"_s, u"hi from B"_s, u"hello B"_s, T0 + 1));
        QVERIFY(addTurn(b->id, u"discord"_s, u"discord:b1"_s, u"run-b2"_s, u"again B"_s, u"again"_s, T0 + 2));
        QVERIFY(addMemory(a->id, u"Alpha fact"_s));
        QVERIFY(addMemory(b->id, u"Bravo fact"_s));
        TRY(bToken, m_users->issueToken(b->id, u"b laptop"_s, T0));
        TRY(bCode, m_users->issueLinkCode(b->id, u"discord"_s, T0)); // B's own open code
        QCOMPARE(count(u"messages"_s, u"session_key = 'discord:b1'"_s), 4);

        TRY(code, m_users->issueLinkCode(a->id, u"telegram"_s, T0 + 1000));
        QVERIFY2(CODE_FORMAT.match(*code).hasMatch(), qPrintable(*code));

        TRY(outcome, m_users->redeemLinkCode(*code, b->id, T0 + 2000));
        QCOMPARE(outcome->user.id, a->id);
        QCOMPARE(outcome->mergedUserId, b->id);
        QVERIFY(!outcome->alreadyLinked);

        QCOMPARE(m_users->identity(u"discord"_s, u"b1"_s)->userId, a->id);
        QCOMPARE(m_users->identity(u"telegram"_s, u"a1"_s)->userId, a->id);
        QCOMPARE(m_users->identities(a->id).size(), 2);
        QVERIFY(!m_users->get(b->id).has_value());
        QCOMPARE(count(u"users"_s), 1);
        QCOMPARE(owner(u"discord:b1"_s), a->id);
        QCOMPARE(owner(u"telegram:a1"_s), a->id);
        QCOMPARE(count(u"sessions"_s, u"user_id = ?"_s, { b->id }), 0);
        int total = 0;
        const QList<Agent::StoredMessage> history = m_transcripts->history(u"discord:b1"_s, 100, &total);
        QCOMPARE(total, 4);
        QCOMPARE(history.constFirst().text(), u"hi from B"_s);
        QCOMPARE(memoryContents(a->id), QStringList({ u"Alpha fact"_s, u"Bravo fact"_s }));
        QCOMPARE(m_memories->count(b->id), 0);
        const std::optional<User> tokenUser = m_users->userForToken(*bToken, T0 + 3000);
        QVERIFY(tokenUser.has_value());
        QCOMPARE(tokenUser->id, a->id);
        // B's own open code went with B.
        QCOMPARE(count(u"link_codes"_s, u"user_id = ?"_s, { b->id }), 0);

        // Single use.
        TRY(c, m_users->resolve(u"signal"_s, u"c1"_s, u"Carol"_s, true, Role::User, T0));
        QCOMPARE(codeOf(m_users->redeemLinkCode(*code, c->id, T0 + 3000)), u"INVALID_CODE"_s);
        QCOMPARE(codeOf(m_users->redeemLinkCode(*bCode, c->id, T0 + 3000)), u"INVALID_CODE"_s);
        QVERIFY(m_users->get(c->id).has_value());
        QCOMPARE(m_users->identity(u"signal"_s, u"c1"_s)->userId, c->id);

        // Redeeming one's own code links nothing and uses the code up.
        TRY(own, m_users->issueLinkCode(a->id, u"telegram"_s, T0 + 4000));
        TRY(self, m_users->redeemLinkCode(*own, a->id, T0 + 4001));
        QVERIFY(self->alreadyLinked);
        QCOMPARE(self->mergedUserId, QString());
        QCOMPARE(self->user.id, a->id);
        QCOMPARE(count(u"link_codes"_s), 0);
    }

    void linkCodeIsNormalised()
    {
        TRY(a, m_users->resolve(u"telegram"_s, u"a1"_s, u"Alice"_s, true, Role::User, T0));
        qint64 now = T0;
        int redeemer = 0;
        // Redeems the variant `transform` makes of a fresh code holding `mustHold`.
        const auto redeemVariant = [&](QChar mustHold, const std::function<QString(QString)> &transform) -> bool {
            QString code;
            const auto wanted = [&] { return !code.isEmpty() && (mustHold.isNull() || code.contains(mustHold)); };
            for (int attempt = 0; attempt < 500 && !wanted(); ++attempt) {
                const Result<QString> issued = m_users->issueLinkCode(a->id, u"telegram"_s, ++now);
                if (!issued || !CODE_FORMAT.match(*issued).hasMatch()) {
                    qWarning() << "bad code" << describe(issued) << (issued ? *issued : QString());
                    return false;
                }
                code = *issued;
            }
            if (!wanted())
                return false;
            const QString variant = transform(code);
            if (variant == code) {
                qWarning() << "the variant equals the code" << code;
                return false;
            }
            const Result<User> r
                = m_users->resolve(u"discord"_s, u"r%1"_s.arg(++redeemer), u"Redeemer"_s, true, Role::User, ++now);
            const Result<LinkOutcome> outcome = r ? m_users->redeemLinkCode(variant, r->id, ++now) : r.error();
            if (!outcome || outcome->user.id != a->id || outcome->mergedUserId != r->id) {
                qWarning() << "variant" << variant << "of" << code << "refused:" << describe(outcome);
                return false;
            }
            return true;
        };
        QVERIFY(redeemVariant(QChar(), [](QString c) { return c.toLower(); }));
        QVERIFY(redeemVariant(QChar(), [](QString c) { return c.remove(u'-'); }));
        QVERIFY(redeemVariant(QChar(), [](QString c) { return QString(u"  "_s + c.replace(u'-', u' ') + u" "_s); }));
        QVERIFY(redeemVariant(u'0', [](QString c) { return c.replace(u'0', u'O'); }));
        QVERIFY(redeemVariant(u'0', [](QString c) { return c.replace(u'0', u'o').toLower(); }));
        QVERIFY(redeemVariant(u'1', [](QString c) { return c.replace(u'1', u'I'); }));
        QVERIFY(redeemVariant(u'1', [](QString c) { return c.replace(u'1', u'l'); }));
        QCOMPARE(m_users->identities(a->id).size(), 1 + redeemer);
        QCOMPARE(count(u"link_failures"_s), 0);

        // Never an I, L, O or U: a few hundred codes cover every position many times.
        QSet<QChar> seen;
        for (int i = 0; i < 300; ++i) {
            TRY(code, m_users->issueLinkCode(a->id, u"telegram"_s, ++now));
            QVERIFY2(CODE_FORMAT.match(*code).hasMatch(), qPrintable(*code));
            for (const QChar c : *code)
                seen.insert(c);
        }
        seen.remove(u'-');
        QCOMPARE(seen.size(), 32); // the whole alphabet is used
        QCOMPARE(count(u"link_codes"_s), 1); // each replaced the one before

        QCOMPARE(UserStore::normaliseCode(u"abcde-fghij"_s), u"ABCDEFGH1J"_s);
        QCOMPARE(UserStore::normaliseCode(u"o0Oil-L1234"_s), u"0001111234"_s);
        QCOMPARE(UserStore::normaliseCode(u"ABCDE-FGHJK-MN"_s).size(), 11); // too long stays too long
    }

    void linkCodeIsStoredHashed()
    {
        TRY(a, m_users->resolve(u"telegram"_s, u"a1"_s, u"Alice"_s, true, Role::User, T0));
        TRY(first, m_users->issueLinkCode(a->id, u"telegram"_s, T0));
        TRY(code, m_users->issueLinkCode(a->id, u"telegram"_s, T0 + 1)); // replaces the first
        QCOMPARE(count(u"link_codes"_s), 1);
        const QString bare = QString(*code).remove(u'-');
        QCOMPARE(scalar(u"SELECT code_hash FROM link_codes"_s).toString(), UserStore::hash(bare));
        QCOMPARE(UserStore::hash(bare).size(), 64);
        QCOMPARE(scalar(u"SELECT expires_at FROM link_codes"_s).toLongLong(), T0 + 1 + TTL);
        QCOMPARE(scalar(u"SELECT channel FROM link_codes"_s).toString(), u"telegram"_s);

        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(u"SELECT * FROM link_codes"_s));
        int rows = 0;
        while (q.next()) {
            ++rows;
            for (int i = 0; i < q.record().count(); ++i) {
                const QString text = q.value(i).toString();
                for (const QString &needle : { *code, bare, bare.left(5), bare.mid(5) })
                    QVERIFY2(!text.contains(needle, Qt::CaseInsensitive),
                        qPrintable(q.record().fieldName(i) + u" holds "_s + needle));
            }
        }
        QCOMPARE(rows, 1);
        QVERIFY(occurrences(bare).isEmpty());
        QVERIFY(occurrences(bare.left(5)).isEmpty());
        QVERIFY(occurrences(bare.mid(5)).isEmpty());

        TRY(b, m_users->resolve(u"discord"_s, u"b1"_s, u"Bob"_s, true, Role::User, T0));
        if (*first != *code)
            QCOMPARE(codeOf(m_users->redeemLinkCode(*first, b->id, T0 + 2)), u"INVALID_CODE"_s);
        QVERIFY(m_users->redeemLinkCode(*code, b->id, T0 + 3).ok());
    }

    void expiredCodeIsRefused()
    {
        TRY(a, m_users->resolve(u"telegram"_s, u"a1"_s, u"Alice"_s, true, Role::User, T0));
        TRY(b, m_users->resolve(u"discord"_s, u"b1"_s, u"Bob"_s, true, Role::User, T0));
        TRY(code, m_users->issueLinkCode(a->id, u"telegram"_s, T0));
        const QString before = snapshot();
        QCOMPARE(codeOf(m_users->redeemLinkCode(*code, b->id, T0 + TTL)), u"EXPIRED_CODE"_s);
        QCOMPARE(count(u"link_failures"_s, u"subject = ?"_s, { b->id }), 1);
        QCOMPARE(count(u"link_codes"_s), 0); // the expired code is gone
        QCOMPARE(m_users->identity(u"discord"_s, u"b1"_s)->userId, b->id);
        QVERIFY(m_users->get(b->id).has_value());
        QVERIFY(snapshot() != before); // only the code went
        QCOMPARE(codeOf(m_users->redeemLinkCode(*code, b->id, T0 + TTL + 1)), u"INVALID_CODE"_s);

        const qint64 t = T0 + 2 * TTL;
        TRY(fresh, m_users->issueLinkCode(a->id, u"telegram"_s, t));
        TRY(outcome, m_users->redeemLinkCode(*fresh, b->id, t + TTL - 1));
        QCOMPARE(outcome->mergedUserId, b->id);
        QCOMPARE(m_users->identity(u"discord"_s, u"b1"_s)->userId, a->id);
    }

    void wrongCodesAreRateLimited()
    {
        TRY(a, m_users->resolve(u"telegram"_s, u"a"_s, u"Alice"_s, true, Role::User, T0));
        QStringList ids;
        for (int i = 0; i < 9; ++i) {
            TRY(u, m_users->resolve(u"discord"_s, u"r%1"_s.arg(i), u"R"_s, true, Role::User, T0));
            ids.append(u->id);
        }
        const QString b = ids[0], c = ids[1], f = ids[7], g = ids[8];
        const QStringList d = ids.mid(2, 5);
        qint64 t = T0 + 1;
        const qint64 firstFailure = t;

        TRY(code, m_users->issueLinkCode(a->id, u"telegram"_s, T0));
        const QString wrong = wrongCodeFor(*code);
        for (int i = 0; i < UserStore::LINK_FAILURES_PER_SUBJECT; ++i)
            QCOMPARE(codeOf(m_users->redeemLinkCode(wrong, b, t++)), u"INVALID_CODE"_s);
        // B is now over the limit, even with the right code.
        QCOMPARE(codeOf(m_users->redeemLinkCode(*code, b, t++)), u"RATE_LIMITED"_s);
        QVERIFY(m_users->get(b).has_value());
        QCOMPARE(count(u"link_codes"_s), 1);
        // Another redeemer is not affected.
        TRY(viaC, m_users->redeemLinkCode(*code, c, t++));
        QCOMPARE(viaC->mergedUserId, c);

        // 30 failures in total stop everyone: 5 + 4 × 5 + 4 = 29 do not yet.
        TRY(code2, m_users->issueLinkCode(a->id, u"telegram"_s, t++));
        for (int k = 0; k < d.size(); ++k) {
            const int n = k == d.size() - 1 ? 4 : 5;
            for (int i = 0; i < n; ++i) {
                const QString attempt = i == 0 ? u"bad"_s : wrongCodeFor(*code2); // malformed counts too
                QCOMPARE(codeOf(m_users->redeemLinkCode(attempt, d[k], t++)), u"INVALID_CODE"_s);
            }
        }
        QCOMPARE(count(u"link_failures"_s), UserStore::LINK_FAILURES_TOTAL - 1);
        TRY(viaF, m_users->redeemLinkCode(*code2, f, t++));
        QCOMPARE(viaF->mergedUserId, f);
        TRY(code3, m_users->issueLinkCode(a->id, u"telegram"_s, t++));
        const qint64 lastFailure = t;
        QCOMPARE(codeOf(m_users->redeemLinkCode(wrongCodeFor(*code3), d.last(), t++)), u"INVALID_CODE"_s);
        QCOMPARE(count(u"link_failures"_s), UserStore::LINK_FAILURES_TOTAL);
        QCOMPARE(codeOf(m_users->redeemLinkCode(*code3, g, t++)), u"RATE_LIMITED"_s);
        QVERIFY(m_users->get(g).has_value());

        // The counts survive a restart.
        QVERIFY(reopen());
        QCOMPARE(codeOf(m_users->redeemLinkCode(*code3, g, t++)), u"RATE_LIMITED"_s);
        QCOMPARE(codeOf(m_users->redeemLinkCode(*code3, b, t++)), u"RATE_LIMITED"_s);
        QCOMPARE(codeOf(m_users->redeemLinkCode(*code3, g, firstFailure + TTL - 1)), u"RATE_LIMITED"_s);
        QCOMPARE(count(u"link_failures"_s), UserStore::LINK_FAILURES_TOTAL); // refusals are not failures
        QVERIFY(m_users->get(g).has_value());
        QCOMPARE(m_users->identity(u"discord"_s, u"r8"_s)->userId, g);

        // Ten minutes after the last failure everything is forgotten.
        const qint64 later = lastFailure + TTL;
        TRY(code4, m_users->issueLinkCode(a->id, u"telegram"_s, later));
        TRY(viaB, m_users->redeemLinkCode(*code4, b, later));
        QCOMPARE(viaB->mergedUserId, b);
        TRY(code5, m_users->issueLinkCode(a->id, u"telegram"_s, later));
        TRY(viaG, m_users->redeemLinkCode(*code5, g, later + 1));
        QCOMPARE(viaG->mergedUserId, g);
    }

    void linkSurvivesRestart()
    {
        TRY(a, m_users->resolve(u"telegram"_s, u"a1"_s, u"Alice"_s, true, Role::User, T0));
        TRY(b, m_users->resolve(u"discord"_s, u"b1"_s, u"Bob"_s, true, Role::User, T0));
        TRY(code, m_users->issueLinkCode(a->id, u"telegram"_s, T0));
        QVERIFY(m_users->redeemLinkCode(*code, b->id, T0 + 1).ok());

        QVERIFY(reopen());
        TRY(viaTelegram, m_users->resolve(u"telegram"_s, u"a1"_s, u"x"_s, false, Role::User, T0 + 2));
        TRY(viaDiscord, m_users->resolve(u"discord"_s, u"b1"_s, u"x"_s, false, Role::User, T0 + 3));
        QCOMPARE(viaTelegram->id, a->id);
        QCOMPARE(viaDiscord->id, a->id);
        QCOMPARE(count(u"users"_s), 1);
    }

    void linkNeverRaisesTheRedeemer()
    {
        TRY(child, m_users->resolve(u"telegram"_s, u"k1"_s, u"Kid"_s, true, Role::Child, T0));
        TRY(admin, m_users->resolve(u"discord"_s, u"m1"_s, u"Mum"_s, true, Role::Admin, T0));
        QVERIFY(addTurn(admin->id, u"discord"_s, u"discord:m1"_s, u"run-m"_s, u"hi"_s, u"hello"_s, T0));
        QVERIFY(addMemory(admin->id, u"Admin memory"_s));

        TRY(childCode, m_users->issueLinkCode(child->id, u"telegram"_s, T0));
        const QString before = snapshot();
        QCOMPARE(codeOf(m_users->redeemLinkCode(*childCode, admin->id, T0 + 1)), u"FORBIDDEN"_s);
        QCOMPARE(snapshot(), before);
        QCOMPARE(m_users->get(admin->id)->role, Role::Admin);
        QCOMPARE(m_users->identity(u"discord"_s, u"m1"_s)->userId, admin->id);

        // Downwards is fine: a user redeeming an admin's code becomes part of the admin.
        TRY(user, m_users->resolve(u"signal"_s, u"u1"_s, u"Uncle"_s, true, Role::User, T0));
        TRY(adminCode, m_users->issueLinkCode(admin->id, u"discord"_s, T0 + 2));
        TRY(outcome, m_users->redeemLinkCode(*adminCode, user->id, T0 + 3));
        QCOMPARE(outcome->user.id, admin->id);
        QCOMPARE(outcome->user.role, Role::Admin);
        QCOMPARE(outcome->mergedUserId, user->id);
        QCOMPARE(m_users->identity(u"signal"_s, u"u1"_s)->userId, admin->id);
        QVERIFY(!m_users->get(user->id).has_value());
        // The child and its code are untouched.
        QCOMPARE(m_users->get(child->id)->role, Role::Child);
        QCOMPARE(count(u"link_codes"_s, u"user_id = ?"_s, { child->id }), 1);
    }

    void mergeKeepsEachMemoryOnce()
    {
        TRY(a, m_users->resolve(u"telegram"_s, u"a1"_s, u"Alice"_s, true, Role::User, T0));
        TRY(b, m_users->resolve(u"discord"_s, u"b1"_s, u"Bob"_s, true, Role::User, T0));
        QVERIFY(addMemory(a->id, u"Likes tea"_s, u"preference"_s));
        QVERIFY(addMemory(a->id, u"Owns a kayak"_s));
        QVERIFY(addMemory(b->id, u"  likes   TEA "_s, u"preference"_s));
        QVERIFY(addMemory(b->id, u"Plays the cello"_s));
        QVERIFY(addMemory(b->id, u"Owns a bicycle"_s));
        const qint64 teaId = m_memories->search(a->id, u"tea"_s).constFirst().id;

        QVERIFY(m_users->merge(b->id, a->id).ok());
        QCOMPARE(memoryContents(a->id),
            QStringList({ u"Likes tea"_s, u"Owns a bicycle"_s, u"Owns a kayak"_s, u"Plays the cello"_s }));
        QCOMPARE(m_memories->count(a->id), 4);
        QCOMPARE(m_memories->count(b->id), 0);
        QCOMPARE(count(u"memories"_s), 4);

        const QList<Memory> tea = m_memories->search(a->id, u"TEA"_s);
        QCOMPARE(tea.size(), 1);
        QCOMPARE(tea.constFirst().id, teaId); // A's own copy is the one kept
        const QList<Memory> cello = m_memories->search(a->id, u"cello"_s);
        QCOMPARE(cello.size(), 1);
        QCOMPARE(cello.constFirst().userId, a->id);
        QCOMPARE(m_memories->search(a->id, u"owns"_s).size(), 2);
        QVERIFY(m_memories->search(b->id, u"cello"_s).isEmpty());
        QCOMPARE(ftsMatches(u"tea"_s), 1);
        QVERIFY(exec(u"INSERT INTO memories_fts(memories_fts) VALUES('integrity-check')"_s));
    }

    void mergeFillsTheProfile()
    {
        TRY(a, m_users->resolve(u"telegram"_s, u"a1"_s, u"Alice"_s, true, Role::User, T0));
        TRY(b, m_users->resolve(u"discord"_s, u"b1"_s, u"Bob"_s, true, Role::User, T0));
        User aa = *a;
        aa.profile = QJsonObject { { u"city"_s, u"Lisbon"_s } };
        aa.dailyTokenBudget = 5000;
        QVERIFY(m_users->update(aa).ok());
        User bb = *b;
        bb.profile = QJsonObject { { u"city"_s, u"Porto"_s }, { u"pet"_s, u"Cat"_s } };
        bb.language = u"pt"_s;
        bb.timezone = u"Europe/Lisbon"_s;
        QVERIFY(m_users->update(bb).ok());

        TRY(code, m_users->issueLinkCode(a->id, u"telegram"_s, T0));
        TRY(outcome, m_users->redeemLinkCode(*code, b->id, T0 + 1));
        const QJsonObject expected { { u"city"_s, u"Lisbon"_s }, { u"pet"_s, u"Cat"_s } };
        QCOMPARE(outcome->user.profile, expected);
        const std::optional<User> merged = m_users->get(a->id);
        QCOMPARE(merged->profile, expected);
        QCOMPARE(merged->displayName, u"Alice"_s);
        QCOMPARE(merged->language, u"pt"_s); // A had none
        QCOMPARE(merged->timezone, u"Europe/Lisbon"_s); // A had the default
        QCOMPARE(merged->dailyTokenBudget, 5000);

        // What `into` says wins.
        TRY(c, m_users->resolve(u"signal"_s, u"c1"_s, u"Carol"_s, true, Role::User, T0));
        User cc = *c;
        cc.language = u"de"_s;
        cc.timezone = u"Europe/Berlin"_s;
        cc.profile = QJsonObject { { u"pet"_s, u"Dog"_s } };
        QVERIFY(m_users->update(cc).ok());
        QVERIFY(m_users->merge(c->id, a->id).ok());
        QCOMPARE(m_users->get(a->id)->language, u"pt"_s);
        QCOMPARE(m_users->get(a->id)->timezone, u"Europe/Lisbon"_s);
        QCOMPARE(m_users->get(a->id)->profile, expected);

        QCOMPARE(codeOf(m_users->merge(u"u_nobody"_s, a->id)), u"NOT_FOUND"_s);
        QCOMPARE(codeOf(m_users->merge(a->id, u"u_nobody"_s)), u"NOT_FOUND"_s);
        QVERIFY(m_users->merge(a->id, a->id).ok());
        QVERIFY(m_users->get(a->id).has_value());
    }

    void adminLinkAndUnlink()
    {
        TRY(operatorUser, m_users->ensureOwner(u"Owner"_s, T0));
        TRY(u, m_users->resolve(u"telegram"_s, u"u1"_s, u"Uma"_s, true, Role::Child, T0));
        QVERIFY(addTurn(u->id, u"telegram"_s, u"telegram:u1"_s, u"run-u"_s, u"hi"_s, u"hello"_s, T0));

        // An unknown identity is created for the user.
        TRY(created, m_users->link(u->id, u"discord"_s, u"new1"_s, T0 + 1));
        QCOMPARE(created->user.id, u->id);
        QCOMPARE(created->mergedUserId, QString());
        QVERIFY(!created->alreadyLinked);
        QCOMPARE(m_users->identity(u"discord"_s, u"new1"_s)->userId, u->id);
        QCOMPARE(m_users->identity(u"discord"_s, u"new1"_s)->createdAt, T0 + 1);
        TRY(again, m_users->link(u->id, u"discord"_s, u"new1"_s, T0 + 2));
        QVERIFY(again->alreadyLinked);
        QCOMPARE(again->mergedUserId, QString());

        // Another user's identity brings that whole user along.
        TRY(v, m_users->resolve(u"signal"_s, u"v1"_s, u"Vic"_s, true, Role::User, T0));
        QVERIFY(addTurn(v->id, u"signal"_s, u"signal:v1"_s, u"run-v"_s, u"yo"_s, u"hey"_s, T0));
        QVERIFY(addMemory(v->id, u"Vic memory"_s));
        TRY(merged, m_users->link(u->id, u"signal"_s, u"v1"_s, T0 + 3));
        QCOMPARE(merged->mergedUserId, v->id);
        QVERIFY(!merged->alreadyLinked);
        QVERIFY(!m_users->get(v->id).has_value());
        QCOMPARE(owner(u"signal:v1"_s), u->id);
        QCOMPARE(memoryContents(u->id), QStringList { u"Vic memory"_s });
        QCOMPARE(m_users->identities(u->id).size(), 3);
        QCOMPARE(m_users->get(u->id)->role, Role::Child);

        QCOMPARE(codeOf(m_users->link(u"u_nobody"_s, u"x"_s, u"y"_s, T0)), u"NOT_FOUND"_s);
        QCOMPARE(codeOf(m_users->link(u->id, QString(), u"y"_s, T0)), u"INVALID_REQUEST"_s);
        QCOMPARE(codeOf(m_users->link(u->id, u"x"_s, QString(257, u'y'), T0)), u"INVALID_REQUEST"_s);

        // Unlink: the identity moves to a new user of the same role; the history stays.
        TRY(fresh, m_users->unlink(u"discord"_s, u"new1"_s, T0 + 4));
        QVERIFY(fresh->id != u->id);
        QCOMPARE(fresh->role, Role::Child);
        QCOMPARE(fresh->createdAt, T0 + 4);
        QCOMPARE(m_users->identity(u"discord"_s, u"new1"_s)->userId, fresh->id);
        QCOMPARE(m_users->identities(fresh->id).size(), 1);
        QCOMPARE(m_users->identities(u->id).size(), 2);
        QCOMPARE(owner(u"telegram:u1"_s), u->id);
        QCOMPARE(owner(u"signal:v1"_s), u->id);
        QCOMPARE(m_memories->count(fresh->id), 0);
        QCOMPARE(m_memories->count(u->id), 1);

        // The only identity cannot be unlinked; unknown ones are not found.
        const QString before = snapshot();
        QCOMPARE(codeOf(m_users->unlink(u"discord"_s, u"new1"_s, T0 + 5)), u"INVALID_REQUEST"_s);
        QCOMPARE(codeOf(m_users->unlink(u"discord"_s, u"nobody"_s, T0 + 5)), u"NOT_FOUND"_s);

        // Nor can the owner's operator identity, even when the owner has others.
        TRY(ownerLink, m_users->link(operatorUser->id, u"telegram"_s, u"o1"_s, T0 + 6));
        QCOMPARE(m_users->identities(operatorUser->id).size(), 2);
        const QString withOwnerLink = snapshot();
        QVERIFY(withOwnerLink != before);
        QCOMPARE(codeOf(m_users->unlink(u"operator"_s, u"owner"_s, T0 + 7)), u"INVALID_REQUEST"_s);
        QCOMPARE(snapshot(), withOwnerLink);
        QCOMPARE(m_users->identity(u"operator"_s, u"owner"_s)->userId, operatorUser->id);
        // Its other identity can go.
        TRY(ownerFresh, m_users->unlink(u"telegram"_s, u"o1"_s, T0 + 8));
        QCOMPARE(ownerFresh->role, Role::Admin);
        TRY(stillOwner, m_users->ensureOwner(u"Owner"_s, T0 + 9));
        QCOMPARE(stillOwner->id, operatorUser->id);
        // And the owner's identity can never be linked to (merged into) another user.
        TRY(someone, m_users->create(u"Someone"_s, Role::Child, T0 + 10));
        const QString beforeTakeover = snapshot();
        QCOMPARE(codeOf(m_users->link(someone->id, u"operator"_s, u"owner"_s, T0 + 11)), u"INVALID_REQUEST"_s);
        QCOMPARE(snapshot(), beforeTakeover);
        QCOMPARE(m_users->identity(u"operator"_s, u"owner"_s)->userId, operatorUser->id);
    }

    void accessTokens()
    {
        TRY(u, m_users->resolve(u"telegram"_s, u"u1"_s, u"Uma"_s, true, Role::User, T0));
        TRY(other, m_users->resolve(u"telegram"_s, u"o1"_s, u"Otto"_s, true, Role::User, T0));
        TRY(token, m_users->issueToken(u->id, u"laptop"_s, T0));
        TRY(token2, m_users->issueToken(u->id, u"phone"_s, T0 + 1));
        TRY(otherToken, m_users->issueToken(other->id, u"tablet"_s, T0 + 2));
        QVERIFY2(QRegularExpression(u"^skn_[A-Za-z0-9_-]{43}$"_s).match(*token).hasMatch(), qPrintable(*token));
        QVERIFY(*token != *token2);
        QCOMPARE(codeOf(m_users->issueToken(u"u_nobody"_s, u"x"_s, T0)), u"NOT_FOUND"_s);

        const std::optional<User> found = m_users->userForToken(*token, T0 + 100);
        QVERIFY(found.has_value());
        QCOMPARE(found->id, u->id);
        QCOMPARE(m_users->userForToken(*otherToken, T0)->id, other->id);
        QCOMPARE(scalar(u"SELECT last_used_at FROM user_tokens WHERE label = 'laptop'"_s).toLongLong(), T0 + 100);

        // Only the SHA-256 of the token is stored.
        QCOMPARE(count(u"user_tokens"_s, u"token_hash = ?"_s, { UserStore::hash(*token) }), 1);
        QCOMPARE(UserStore::hash(*token),
            QString::fromLatin1(QCryptographicHash::hash(token->toUtf8(), QCryptographicHash::Sha256).toHex()));
        QCOMPARE(occurrences(*token), QStringList());
        QCOMPARE(occurrences(token->mid(4)), QStringList());
        QCOMPARE(occurrences(token->mid(4, 16)), QStringList());
        QVERIFY(!occurrences(UserStore::hash(*token)).isEmpty()); // the scan does find what is there

        for (const QString &bad :
            { QString(), u"skn_"_s, u"skn_unknown"_s, token->mid(4), QString(u"Bearer "_s + *token), token->toUpper(),
                QString(*token + u"x"_s), QString(*token + QString(200, u'a')), QString(u"SKN_"_s + token->mid(4)) })
            QVERIFY2(!m_users->userForToken(bad, T0).has_value(), qPrintable(bad));

        QCOMPARE(m_users->revokeTokens(u->id), 2);
        QVERIFY(!m_users->userForToken(*token, T0).has_value());
        QVERIFY(!m_users->userForToken(*token2, T0).has_value());
        QCOMPARE(m_users->revokeTokens(u->id), 0);
        QCOMPARE(m_users->userForToken(*otherToken, T0)->id, other->id);
    }

    void exportThenEraseLeavesNothing()
    {
        // Someone who stays, with data of their own.
        TRY(keeper, m_users->resolve(u"telegram"_s, u"keeper1"_s, u"Kim"_s, true, Role::User, T0));
        QVERIFY(addTurn(keeper->id, u"telegram"_s, u"telegram:keeper1"_s, u"run-k"_s, u"kim asks"_s, u"kim hears"_s, T0,
            { 10, 20, 0, 0 }));
        QVERIFY(addMemory(keeper->id, u"Kim drinks coffee"_s));
        TRY(keeperToken, m_users->issueToken(keeper->id, u"kim"_s, T0));

        // The person to erase: every string of theirs carries a marker.
        TRY(v, m_users->resolve(u"telegram"_s, u"qxtelegramid"_s, u"Vera qxnamemark"_s, true, Role::User, T0));
        TRY(linked, m_users->link(v->id, u"discord"_s, u"qxdiscordid"_s, T0 + 1));
        User profile = *v;
        profile.profile = QJsonObject { { u"hobby"_s, u"qxprofilemark"_s } };
        profile.quietHours = u"22:00-07:00"_s;
        QVERIFY(m_users->update(profile).ok());
        QVERIFY(addTurn(v->id, u"telegram"_s, u"telegram:qxsessionone"_s, u"run-qxrunone"_s, u"hello qxusertext"_s,
            u"sure qxreplytext"_s, T0 + 2, { 1, 2, 3, 4 }));
        QVERIFY(addTurn(v->id, u"discord"_s, u"discord:qxsessiontwo"_s, u"run-qxruntwo"_s, u"again qxsecondtext"_s,
            u"fine qxsecondreply"_s, T0 + 3, { 5, 6, 7, 8 }));
        QVERIFY(addMemory(v->id, u"Remembers qxmemoryfact"_s, u"fact"_s, u"telegram:qxsessionone"_s));
        QVERIFY(addMemory(v->id, u"Prefers zzqxmemorypref"_s, u"preference"_s));
        TRY(token, m_users->issueToken(v->id, u"qxtokenlabel"_s, T0 + 4));
        TRY(code, m_users->issueLinkCode(v->id, u"telegram"_s, T0 + 5));
        const QString bareCode = QString(*code).remove(u'-');

        const QStringList markers = { u"qxnamemark"_s, u"qxtelegramid"_s, u"qxdiscordid"_s, u"qxprofilemark"_s,
            u"qxsessionone"_s, u"qxsessiontwo"_s, u"qxrunone"_s, u"qxruntwo"_s, u"qxusertext"_s, u"qxreplytext"_s,
            u"qxsecondtext"_s, u"qxsecondreply"_s, u"qxmemoryfact"_s, u"zzqxmemorypref"_s, u"qxtokenlabel"_s };
        const QStringList secrets = { v->id, *token, UserStore::hash(*token), bareCode, UserStore::hash(bareCode) };

        // The export holds all of it (but no secret).
        TRY(exported, m_users->exportUser(v->id));
        const QJsonObject doc = *exported;
        QCOMPARE(doc.value(u"format"_s).toString(), u"skynet.user-export.v1"_s);
        QCOMPARE(doc.value(u"user"_s).toObject().value(u"id"_s).toString(), v->id);
        QCOMPARE(doc.value(u"user"_s).toObject().value(u"displayName"_s).toString(), u"Vera qxnamemark"_s);
        QCOMPARE(doc.value(u"user"_s).toObject().value(u"profile"_s).toObject().value(u"hobby"_s).toString(),
            u"qxprofilemark"_s);
        QSet<QString> externalIds;
        for (const QJsonValue &i : doc.value(u"identities"_s).toArray())
            externalIds.insert(i.toObject().value(u"externalId"_s).toString());
        QCOMPARE(externalIds, QSet<QString>({ u"qxtelegramid"_s, u"qxdiscordid"_s }));
        QSet<QString> memories;
        for (const QJsonValue &m : doc.value(u"memories"_s).toArray())
            memories.insert(m.toObject().value(u"content"_s).toString());
        QCOMPARE(memories, QSet<QString>({ u"Remembers qxmemoryfact"_s, u"Prefers zzqxmemorypref"_s }));
        const QJsonArray sessions = doc.value(u"sessions"_s).toArray();
        QCOMPARE(sessions.size(), 2);
        QStringList texts;
        for (const QJsonValue &s : sessions) {
            const QJsonArray messages = s.toObject().value(u"messages"_s).toArray();
            QCOMPARE(messages.size(), 2);
            for (const QJsonValue &m : messages) {
                for (const QJsonValue &part : m.toObject().value(u"content"_s).toArray())
                    texts.append(s.toObject().value(u"sessionKey"_s).toString() + u' '
                        + m.toObject().value(u"role"_s).toString() + u' '
                        + part.toObject().value(u"text"_s).toString());
            }
        }
        texts.sort();
        QCOMPARE(texts,
            QStringList({ u"discord:qxsessiontwo assistant fine qxsecondreply"_s,
                u"discord:qxsessiontwo user again qxsecondtext"_s,
                u"telegram:qxsessionone assistant sure qxreplytext"_s,
                u"telegram:qxsessionone user hello qxusertext"_s }));
        const QString exportText = QString::fromUtf8(QJsonDocument(doc).toJson());
        for (const QString &marker : markers) {
            if (marker != u"qxtokenlabel") // tokens are not part of the export (the documented format)
                QVERIFY2(exportText.contains(marker), qPrintable(marker));
        }
        QVERIFY(!exportText.contains(*token));
        QVERIFY(!exportText.contains(bareCode));
        QVERIFY(!exportText.contains(u"kim"_s, Qt::CaseInsensitive));

        // Before the erasure the scan finds every marker (so it can find them afterwards).
        for (const QString &needle : markers + secrets) {
            if (needle != *token && needle != bareCode)
                QVERIFY2(!occurrences(needle).isEmpty(), qPrintable(needle));
        }
        QVERIFY(ftsTerms().contains(u"qxmemoryfact"_s));
        QCOMPARE(ftsMatches(u"qxmemoryfact"_s), 1);
        QVERIFY(!occurrences(u"qxmemoryfact"_s).filter(u"memories_fts_"_s).isEmpty());

        QVERIFY(m_users->erase(v->id).ok());
        QCOMPARE(codeOf(m_users->erase(v->id)), u"NOT_FOUND"_s);
        QVERIFY(!m_users->get(v->id).has_value());
        QCOMPARE(codeOf(m_users->exportUser(v->id)), u"NOT_FOUND"_s);
        QVERIFY(!m_users->userForToken(*token, T0).has_value());

        // Nothing of theirs is left anywhere, including the FTS5 index and its shadow tables.
        const QStringList all = tables();
        QVERIFY2(all.contains(u"memories_fts"_s) && all.contains(u"memories_fts_data"_s)
                && all.contains(u"memories_fts_idx"_s) && all.contains(u"memories_fts_docsize"_s),
            qPrintable(all.join(u", "_s)));
        QStringList terms = ftsTerms().filter(u"qx"_s);
        QVERIFY2(terms.isEmpty(), qPrintable(terms.join(u", "_s)));
        QCOMPARE(ftsMatches(u"qxmemoryfact"_s), 0);
        QCOMPARE(ftsMatches(u"zzqxmemorypref"_s), 0);

        QCOMPARE(scalar(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
        QVERIFY(exec(u"INSERT INTO memories_fts(memories_fts) VALUES('integrity-check')"_s));
        QCOMPARE(scalar(u"PRAGMA foreign_key_check"_s), QVariant());

        // The keeper keeps everything.
        QCOMPARE(owner(u"telegram:keeper1"_s), keeper->id);
        QCOMPARE(count(u"messages"_s), 2);
        QCOMPARE(count(u"runs"_s), 1);
        QCOMPARE(m_memories->search(keeper->id, u"coffee"_s).size(), 1);
        QCOMPARE(m_users->userForToken(*keeperToken, T0)->id, keeper->id);
        QCOMPARE(count(u"users"_s), 1);
        QCOMPARE(count(u"identities"_s), 1);
        Q_UNUSED(linked);

        // Last, as it is the broadest check: every column of every row of every table, including
        // the FTS5 shadow tables (memories_fts_data keeps the tokens of deleted rows until its
        // segments are merged).
        QStringList leftovers;
        for (const QString &needle : markers + secrets) {
            const QStringList hits = occurrences(needle);
            if (!hits.isEmpty())
                leftovers.append(needle + u" in "_s + hits.join(u", "_s));
        }
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(u"; "_s)));
    }

    void eraseForgetsLinkFailures()
    {
        TRY(a, m_users->resolve(u"telegram"_s, u"a1"_s, u"Alice"_s, true, Role::User, T0));
        TRY(v, m_users->resolve(u"discord"_s, u"v1"_s, u"Vera"_s, true, Role::User, T0));
        TRY(code, m_users->issueLinkCode(a->id, u"telegram"_s, T0));
        QCOMPARE(codeOf(m_users->redeemLinkCode(wrongCodeFor(*code), v->id, T0 + 1)), u"INVALID_CODE"_s);
        QCOMPARE(count(u"link_failures"_s, u"subject = ?"_s, { v->id }), 1);

        QVERIFY(m_users->erase(v->id).ok());
        // "nothing of that person is left in the database but that opaque id in the audit trail"
        const QStringList hits = occurrences(v->id);
        QVERIFY2(hits.isEmpty(), qPrintable(u"the erased user's id is still in "_s + hits.join(u", "_s)));
    }

    void tokensUsedTodayFollowTheUsersZone()
    {
        QVERIFY2(QTimeZone(QByteArrayLiteral("Europe/Berlin")).isValid(), "no time zone data");
        QVERIFY(QTimeZone(QByteArrayLiteral("America/Los_Angeles")).isValid());
        TRY(berlin, m_users->resolve(u"telegram"_s, u"be"_s, u"Bea"_s, true, Role::User, T0));
        TRY(la, m_users->resolve(u"telegram"_s, u"la"_s, u"Lou"_s, true, Role::User, T0));
        TRY(other, m_users->resolve(u"telegram"_s, u"ot"_s, u"Oz"_s, true, Role::User, T0));
        User be = *berlin;
        be.timezone = u"Europe/Berlin"_s;
        QVERIFY(m_users->update(be).ok());
        User lo = *la;
        lo.timezone = u"America/Los_Angeles"_s;
        QVERIFY(m_users->update(lo).ok());

        // Berlin in January is UTC+1: 23:30 yesterday = 22:30Z, 00:00 = 23:00Z, 00:30 today = 23:30Z.
        QVERIFY(addTurn(be.id, u"telegram"_s, u"s:be"_s, u"be-1"_s, u"late"_s, u"ok"_s, utc(2027, 1, 14, 22, 30),
            { 100, 20, 3, 4 }));
        QVERIFY(addTurn(be.id, u"telegram"_s, u"s:be"_s, u"be-2"_s, u"midnight"_s, u"ok"_s, utc(2027, 1, 14, 23, 0),
            { 5, 0, 0, 0 }));
        QVERIFY(addTurn(be.id, u"telegram"_s, u"s:be"_s, u"be-3"_s, u"early"_s, u"ok"_s, utc(2027, 1, 14, 23, 30),
            { 1000, 200, 30, 40 }));
        // Los Angeles in January is UTC-8: 23:30 yesterday = 07:30Z, 00:30 today = 08:30Z.
        QVERIFY(addTurn(lo.id, u"telegram"_s, u"s:la"_s, u"la-1"_s, u"late"_s, u"ok"_s, utc(2027, 1, 15, 7, 30),
            { 100, 20, 3, 4 }));
        QVERIFY(addTurn(lo.id, u"telegram"_s, u"s:la"_s, u"la-2"_s, u"early"_s, u"ok"_s, utc(2027, 1, 15, 8, 30),
            { 2000, 300, 0, 1 }));
        // Someone else's usage never counts.
        QVERIFY(addTurn(
            other->id, u"telegram"_s, u"s:ot"_s, u"ot-1"_s, u"x"_s, u"y"_s, utc(2027, 1, 15, 8, 0), { 7777, 0, 0, 0 }));

        const qint64 berlinNoon = utc(2027, 1, 15, 11, 0);
        QCOMPARE(UserStore::startOfDay(be.timezone, berlinNoon), utc(2027, 1, 14, 23, 0));
        QCOMPARE(m_users->tokensUsedToday(be, berlinNoon), 1270 + 5);
        QCOMPARE(m_users->tokensUsedToday(be, utc(2027, 1, 15, 22, 59)), 1275); // 23:59 local
        QCOMPARE(m_users->tokensUsedToday(be, utc(2027, 1, 15, 23, 0)), 0); // the next local day

        const qint64 laNoon = utc(2027, 1, 15, 20, 0);
        QCOMPARE(UserStore::startOfDay(lo.timezone, laNoon), utc(2027, 1, 15, 8, 0));
        QCOMPARE(m_users->tokensUsedToday(lo, laNoon), 2301);
        QCOMPARE(m_users->tokensUsedToday(*other, laNoon), 7777);

        // The same messages for a user in UTC: the day starts at 00:00Z.
        User utcUser = lo;
        utcUser.timezone = u"UTC"_s;
        QCOMPARE(m_users->tokensUsedToday(utcUser, laNoon), 2301 + 127);
        // An unknown zone falls back to UTC.
        for (const QString &zone : { u"Mars/Olympus_Mons"_s, QString(), u"not a zone"_s }) {
            QCOMPARE(UserStore::startOfDay(zone, berlinNoon), utc(2027, 1, 15, 0, 0));
            User broken = lo;
            broken.timezone = zone;
            QCOMPARE(m_users->tokensUsedToday(broken, laNoon), 2301 + 127);
        }
    }

    void startOfDayAcrossDaylightSaving()
    {
        const QString berlin = u"Europe/Berlin"_s;
        const QString la = u"America/Los_Angeles"_s;
        QVERIFY2(QTimeZone(berlin.toUtf8()).isValid(), "no time zone data");
        // 2026-03-29: Berlin goes from UTC+1 to UTC+2 at 02:00; that day starts at 23:00Z.
        QCOMPARE(UserStore::startOfDay(berlin, utc(2026, 3, 28, 23, 0)), utc(2026, 3, 28, 23, 0));
        QCOMPARE(UserStore::startOfDay(berlin, utc(2026, 3, 28, 23, 30)), utc(2026, 3, 28, 23, 0));
        QCOMPARE(UserStore::startOfDay(berlin, utc(2026, 3, 29, 1, 30)), utc(2026, 3, 28, 23, 0)); // 03:30 CEST
        QCOMPARE(UserStore::startOfDay(berlin, utc(2026, 3, 29, 21, 59)), utc(2026, 3, 28, 23, 0));
        QCOMPARE(UserStore::startOfDay(berlin, utc(2026, 3, 29, 22, 0)), utc(2026, 3, 29, 22, 0));
        QCOMPARE(UserStore::startOfDay(berlin, utc(2026, 3, 28, 22, 59)), utc(2026, 3, 27, 23, 0));
        // 2026-10-25: back to UTC+1; that day starts at 22:00Z the day before and lasts 25 hours.
        QCOMPARE(UserStore::startOfDay(berlin, utc(2026, 10, 25, 12, 0)), utc(2026, 10, 24, 22, 0));
        QCOMPARE(UserStore::startOfDay(berlin, utc(2026, 10, 25, 22, 59)), utc(2026, 10, 24, 22, 0));
        QCOMPARE(UserStore::startOfDay(berlin, utc(2026, 10, 25, 23, 0)), utc(2026, 10, 25, 23, 0));
        // 2026-03-08: Los Angeles goes from UTC-8 to UTC-7.
        QCOMPARE(UserStore::startOfDay(la, utc(2026, 3, 8, 20, 0)), utc(2026, 3, 8, 8, 0));
        QCOMPARE(UserStore::startOfDay(la, utc(2026, 3, 9, 20, 0)), utc(2026, 3, 9, 7, 0));
        // Half-hour offsets.
        QCOMPARE(UserStore::startOfDay(u"Asia/Kolkata"_s, utc(2026, 1, 15, 12, 0)), utc(2026, 1, 14, 18, 30));

        // The budget count on that day, in Berlin.
        TRY(u, m_users->resolve(u"telegram"_s, u"be"_s, u"Bea"_s, true, Role::User, T0));
        User be = *u;
        be.timezone = berlin;
        QVERIFY(m_users->update(be).ok());
        QVERIFY(
            addTurn(be.id, u"telegram"_s, u"s"_s, u"r1"_s, u"a"_s, u"b"_s, utc(2026, 3, 28, 22, 30), { 1, 0, 0, 0 }));
        QVERIFY(
            addTurn(be.id, u"telegram"_s, u"s"_s, u"r2"_s, u"a"_s, u"b"_s, utc(2026, 3, 28, 23, 30), { 10, 0, 0, 0 }));
        QVERIFY(
            addTurn(be.id, u"telegram"_s, u"s"_s, u"r3"_s, u"a"_s, u"b"_s, utc(2026, 3, 29, 21, 30), { 100, 0, 0, 0 }));
        QCOMPARE(m_users->tokensUsedToday(be, utc(2026, 3, 29, 21, 45)), 110);
        QCOMPARE(m_users->tokensUsedToday(be, utc(2026, 3, 29, 22, 0)), 0);
    }

    void startOfDayIsTheFirstLocalInstant()
    {
        // Whatever the zone's rules: the result is the first millisecond of the local date, also
        // where local midnight does not exist (clocks jump from 00:00 to 01:00 in Santiago and
        // Beirut) and with half-hour offsets and DST steps (Lord Howe). Not Havana: there midnight
        // happens twice in November (01:00 CDT -> 00:00 CST) and Qt 6.4 picks the second one.
        const QList<QByteArray> zones = { "Europe/Berlin", "America/Los_Angeles", "America/Santiago", "Asia/Beirut",
            "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "UTC" };
        for (const QByteArray &name : zones) {
            const QTimeZone zone(name);
            QVERIFY2(zone.isValid(), name.constData());
            for (qint64 now = utc(2026, 1, 1, 0, 0) + 7 * 3600 * 1000; now < utc(2027, 1, 1, 0, 0);
                 now += 17 * 3600 * 1000 + 13 * 60 * 1000) {
                const qint64 start = UserStore::startOfDay(QString::fromLatin1(name), now);
                const QDate today = QDateTime::fromMSecsSinceEpoch(now, zone).date();
                const QByteArray where
                    = name + ' ' + QDateTime::fromMSecsSinceEpoch(now, zone).toString(Qt::ISODate).toLatin1();
                QVERIFY2(start <= now, where.constData());
                QVERIFY2(QDateTime::fromMSecsSinceEpoch(start, zone).date() == today, where.constData());
                QVERIFY2(QDateTime::fromMSecsSinceEpoch(start - 1, zone).date() < today, where.constData());
            }
        }
    }

    void auditChain()
    {
        const QStringList actions = { u"identity.link"_s, u"identity.unlink"_s, u"users.update"_s, u"identity.code"_s,
            u"policy.deny"_s, u"identityx.other"_s };
        for (int i = 0; i < actions.size(); ++i) {
            const Status s = m_audit->append(T0 + i, u"u_000000000000000%1"_s.arg(i), actions[i], u"target-%1"_s.arg(i),
                i == 4 ? u"denied"_s : u"ok"_s,
                QJsonObject { { u"n"_s, i }, { u"who"_s, AuditLog::pseudonym(u"x"_s) } });
            QVERIFY2(s.ok(), qPrintable(describe(s)));
        }
        TRY(intact, m_audit->verify());
        QCOMPARE(*intact, 0);

        const QList<AuditEntry> all = m_audit->list(QString(), 100);
        QCOMPARE(all.size(), 6);
        QList<qint64> ids;
        for (const AuditEntry &e : all)
            ids.append(e.id);
        QCOMPARE(ids, QList<qint64>({ 6, 5, 4, 3, 2, 1 }));
        QCOMPARE(all.constLast().prevHash, QString(64, u'0'));
        for (int i = 0; i + 1 < all.size(); ++i)
            QCOMPARE(all[i].prevHash, all[i + 1].hash);
        QCOMPARE(all[1].outcome, u"denied"_s);
        QCOMPARE(all[1].detail.value(u"n"_s).toInt(), 4);
        QCOMPARE(all[1].actor, u"u_0000000000000004"_s);

        const auto idsOf = [](const QList<AuditEntry> &entries) {
            QList<qint64> list;
            for (const AuditEntry &e : entries)
                list.append(e.id);
            return list;
        };
        QCOMPARE(idsOf(m_audit->list(u"identity.*"_s, 100)), QList<qint64>({ 4, 2, 1 }));
        QCOMPARE(idsOf(m_audit->list(u"identity.*"_s, 2)), QList<qint64>({ 4, 2 }));
        QCOMPARE(idsOf(m_audit->list(u"identity.*"_s, 100, 4)), QList<qint64>({ 2, 1 }));
        QCOMPARE(idsOf(m_audit->list(u"identity.*"_s, 1, 2)), QList<qint64>({ 1 }));
        QCOMPARE(idsOf(m_audit->list(u"identity*"_s, 100)), QList<qint64>({ 6, 4, 2, 1 }));
        QCOMPARE(idsOf(m_audit->list(u"identity.link"_s, 100)), QList<qint64>({ 1 }));
        QCOMPARE(idsOf(m_audit->list(u"identity."_s, 100)), QList<qint64>());
        QCOMPARE(idsOf(m_audit->list(QString(), 2, 5)), QList<qint64>({ 4, 3 }));
        QCOMPARE(idsOf(m_audit->list(u"*"_s, 100)).size(), 6);

        // Editing a row breaks the chain at that row; undoing the edit mends it.
        const QString detail3 = scalar(u"SELECT detail FROM audit_log WHERE id = 3"_s).toString();
        QVERIFY(exec(u"UPDATE audit_log SET detail = ? WHERE id = 3"_s, { u"{\"n\":99}"_s }));
        QCOMPARE(*m_audit->verify(), 3);
        QVERIFY(exec(u"UPDATE audit_log SET detail = ? WHERE id = 3"_s, { detail3 }));
        QCOMPARE(*m_audit->verify(), 0);
        QVERIFY(exec(u"UPDATE audit_log SET actor = 'system' WHERE id = 2"_s));
        QCOMPARE(*m_audit->verify(), 2);
        QVERIFY(exec(u"UPDATE audit_log SET actor = 'u_0000000000000001' WHERE id = 2"_s));
        QCOMPARE(*m_audit->verify(), 0);
        QVERIFY(exec(u"UPDATE audit_log SET outcome = 'ok' WHERE id = 5"_s));
        QCOMPARE(*m_audit->verify(), 5);
        QVERIFY(exec(u"UPDATE audit_log SET outcome = 'denied' WHERE id = 5"_s));
        QVERIFY(exec(u"UPDATE audit_log SET at = at + 1 WHERE id = 6"_s));
        QCOMPARE(*m_audit->verify(), 6);
        QVERIFY(exec(u"UPDATE audit_log SET at = at - 1 WHERE id = 6"_s));
        QCOMPARE(*m_audit->verify(), 0);

        // Deleting a row shows at the row after the gap.
        QVERIFY(exec(u"DELETE FROM audit_log WHERE id = 3"_s));
        QCOMPARE(*m_audit->verify(), 4);
        // Also after a restart.
        QVERIFY(reopen());
        QCOMPARE(*m_audit->verify(), 4);
    }

    void auditChainContinuesAcrossRestarts()
    {
        QVERIFY(m_audit->append(T0, u"system"_s, u"users.create"_s, u"u_1"_s).ok());
        QVERIFY(reopen());
        QVERIFY(m_audit->append(T0 + 1, u"system"_s, u"users.update"_s, u"u_1"_s).ok());
        QCOMPARE(*m_audit->verify(), 0);
        const QList<AuditEntry> entries = m_audit->list(QString(), 10);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].prevHash, entries[1].hash);
        QCOMPARE(entries[1].outcome, u"ok"_s);
        // A forged row with a fresh hash but the wrong predecessor is caught.
        QVERIFY(exec(u"UPDATE audit_log SET prev_hash = ? WHERE id = 2"_s, { QString(64, u'0') }));
        QCOMPARE(*m_audit->verify(), 2);
    }

    void auditPseudonym()
    {
        const QString external = u"telegram:123456789"_s;
        const QString p = AuditLog::pseudonym(external);
        QCOMPARE(p, AuditLog::pseudonym(external));
        QCOMPARE(p.size(), 13);
        QVERIFY2(QRegularExpression(u"^#[0-9a-f]{12}$"_s).match(p).hasMatch(), qPrintable(p));
        QVERIFY(!p.contains(u"123456789"_s));
        QVERIFY(!p.contains(u"telegram"_s));
        QVERIFY(AuditLog::pseudonym(u"telegram:123456780"_s) != p);
        QVERIFY(AuditLog::pseudonym(QString()) != p);
        QCOMPARE(AuditLog::pseudonym(QString()).size(), 13);
    }
};

QTEST_GUILESS_MAIN(tst_UserStore)
#include "tst_userstore.moc"
