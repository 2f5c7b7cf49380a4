// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Per-user memory on real SQLite files: validation, duplicates, FTS5 search with hostile input,
// user scoping, forgetting, the pinned order, merging two users and the cascade on user deletion.

#include <memory>

#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "people/memorystore.h"
#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway;
using namespace Gateway::People;

class tst_MemoryStore final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Storage::Database> m_db;
    std::unique_ptr<MemoryStore> m_store;

    QVariant scalar(const QString &sql, const QVariantList &binds = {}) const
    {
        QSqlQuery q(m_db->connection());
        q.prepare(sql);
        for (const QVariant &value : binds)
            q.addBindValue(value);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
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

    bool addUser(const QString &id) const
    {
        return exec(u"INSERT INTO users (id, display_name, role, created_at) VALUES (?, ?, 'user', 1)"_s, { id, id });
    }

    /// Adds a memory that must be accepted; records a failure otherwise.
    Memory mustAdd(const QString &user, const QString &kind, const QString &content, qint64 nowMs,
        const QString &channel = u"test"_s)
    {
        Result<Memory> result = m_store->add(user, kind, content, channel, u"session-1"_s, nowMs);
        if (!result) {
            QTest::qFail(qPrintable(u"add(%1) failed: %2 %3"_s.arg(
                             content.left(40), result.error().code, result.error().message)),
                __FILE__, __LINE__);
            return {};
        }
        return *result;
    }

    static QStringList contents(const QList<Memory> &memories)
    {
        QStringList list;
        for (const Memory &m : memories)
            list.append(m.content);
        return list;
    }

private Q_SLOTS:
    void init()
    {
        // A failing statement in the store logs before it returns an empty answer.
        QTest::failOnWarning(QRegularExpression(u"memories:"_s));
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = std::make_unique<Storage::Database>();
        const Status opened = m_db->open({ m_dir->filePath(u"memory.sqlite"_s) });
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().message));
        m_store = std::make_unique<MemoryStore>(m_db.get());
        QVERIFY(addUser(u"alice"_s));
        QVERIFY(addUser(u"bob"_s));
        QVERIFY(addUser(u"carol"_s));
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
        m_dir.reset();
    }

    void addGetListCount()
    {
        const Memory first = mustAdd(u"alice"_s, u"fact"_s, u"  Lives in Lisbon \n"_s, 1000, u"telegram"_s);
        QVERIFY(first.id > 0);
        QCOMPARE(first.userId, u"alice"_s);
        QCOMPARE(first.kind, u"fact"_s);
        QCOMPARE(first.content, u"Lives in Lisbon"_s); // trimmed
        QCOMPARE(first.sourceChannel, u"telegram"_s);
        QCOMPARE(first.sourceSession, u"session-1"_s);
        QCOMPARE(first.createdAt, 1000);
        QCOMPARE(first.updatedAt, 1000);
        QCOMPARE(first.score, 0.0);

        const Memory second = mustAdd(u"alice"_s, u"preference"_s, u"Prefers short answers"_s, 2000);
        const Memory third = mustAdd(u"alice"_s, u"note"_s, u"Asked about trains"_s, 2000);
        QVERIFY(second.id != first.id && third.id != second.id);

        const std::optional<Memory> got = m_store->get(u"alice"_s, first.id);
        QVERIFY(got.has_value());
        QCOMPARE(got->content, first.content);
        QCOMPARE(got->sourceChannel, u"telegram"_s);
        QVERIFY(!m_store->get(u"alice"_s, 999999).has_value());

        QCOMPARE(m_store->count(u"alice"_s), 3);
        QCOMPARE(m_store->count(u"bob"_s), 0);
        // Newest first; equal updated_at falls back to the higher id.
        QCOMPARE(contents(m_store->list(u"alice"_s)),
            QStringList({ u"Asked about trains"_s, u"Prefers short answers"_s, u"Lives in Lisbon"_s }));
    }

    void listFiltersAndPages()
    {
        for (int i = 0; i < 6; ++i)
            mustAdd(u"alice"_s, i % 2 ? u"fact"_s : u"note"_s, u"memory number %1"_s.arg(i), 100 + i);
        QCOMPARE(contents(m_store->list(u"alice"_s, u"fact"_s)),
            QStringList({ u"memory number 5"_s, u"memory number 3"_s, u"memory number 1"_s }));
        QCOMPARE(
            contents(m_store->list(u"alice"_s, {}, 2, 1)), QStringList({ u"memory number 4"_s, u"memory number 3"_s }));
        QCOMPARE(m_store->list(u"alice"_s, u"summary"_s).size(), 0);
        QCOMPARE(m_store->list(u"alice"_s, u"no-such-kind"_s).size(), 0);
        // Out-of-range paging is clamped, not an error.
        QCOMPARE(m_store->list(u"alice"_s, {}, 0).size(), 1);
        QCOMPARE(m_store->list(u"alice"_s, {}, -5).size(), 1);
        QCOMPARE(m_store->list(u"alice"_s, {}, 100000).size(), 6);
        QCOMPARE(m_store->list(u"alice"_s, {}, 10, -3).size(), 6);
        QCOMPARE(m_store->list(u"alice"_s, {}, 10, 6).size(), 0);
    }

    void kindsAndValidation()
    {
        QVERIFY(MemoryStore::isValidKind(u"fact"_s));
        QVERIFY(MemoryStore::isValidKind(u"preference"_s));
        QVERIFY(MemoryStore::isValidKind(u"note"_s));
        QVERIFY(MemoryStore::isValidKind(u"summary"_s));
        QVERIFY(!MemoryStore::isValidKind(u"Fact"_s));
        QVERIFY(!MemoryStore::isValidKind(u""_s));
        QVERIFY(!MemoryStore::isValidKind(u"secret"_s));

        for (const QString &kind : { u"fact"_s, u"preference"_s, u"note"_s, u"summary"_s })
            QCOMPARE(mustAdd(u"alice"_s, kind, u"a %1"_s.arg(kind), 1).kind, kind);

        Result<Memory> r = m_store->add(u"alice"_s, u"secret"_s, u"x"_s, {}, {}, 1);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"INVALID_REQUEST"_s);
        r = m_store->add(u"alice"_s, u"fact"_s, u""_s, {}, {}, 1);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"INVALID_REQUEST"_s);
        r = m_store->add(u"alice"_s, u"fact"_s, u" \t\n  "_s, {}, {}, 1);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"INVALID_REQUEST"_s);
        r = m_store->add(u""_s, u"fact"_s, u"orphan"_s, {}, {}, 1);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"INVALID_REQUEST"_s);
        r = m_store->add(u"nobody"_s, u"fact"_s, u"orphan"_s, {}, {}, 1);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"NOT_FOUND"_s);
        QCOMPARE(m_store->count(u"alice"_s), 4);
        QCOMPARE(scalar(u"SELECT count(*) FROM memories"_s).toInt(), 4);

        // No channel or session (null strings) is stored as "".
        r = m_store->add(u"alice"_s, u"note"_s, u"from nowhere"_s, QString(), QString(), 2);
        QVERIFY(r.ok());
        QCOMPARE(r->sourceChannel, QString(u""_s));
        QCOMPARE(r->sourceSession, QString(u""_s));
    }

    void contentLengthBoundary()
    {
        const QString atLimit(MemoryStore::MAX_CONTENT_CHARS, u'a');
        const Memory m = mustAdd(u"alice"_s, u"note"_s, atLimit, 1);
        QCOMPARE(m.content.size(), MemoryStore::MAX_CONTENT_CHARS);

        // Whitespace around does not count: the limit applies to the trimmed text.
        const QString padded = u"   "_s + QString(MemoryStore::MAX_CONTENT_CHARS, u'b') + u"\n\n"_s;
        QCOMPARE(mustAdd(u"alice"_s, u"note"_s, padded, 2).content.size(), MemoryStore::MAX_CONTENT_CHARS);

        const Result<Memory> over
            = m_store->add(u"alice"_s, u"note"_s, QString(MemoryStore::MAX_CONTENT_CHARS + 1, u'c'), {}, {}, 3);
        QVERIFY(!over);
        QCOMPARE(over.error().code, u"INVALID_REQUEST"_s);
        QVERIFY(over.error().message.contains(QString::number(MemoryStore::MAX_CONTENT_CHARS)));
        QCOMPARE(m_store->count(u"alice"_s), 2);
    }

    void duplicatesRefreshTheExistingMemory()
    {
        const Memory original = mustAdd(u"alice"_s, u"preference"_s, u"Likes  Green Tea"_s, 1000, u"telegram"_s);
        const Memory again = mustAdd(u"alice"_s, u"fact"_s, u"  likes green\ttea  "_s, 5000, u"discord"_s);
        QCOMPARE(again.id, original.id);
        QCOMPARE(again.kind, u"preference"_s); // the kind is kept
        QCOMPARE(again.content, u"Likes  Green Tea"_s);
        QCOMPARE(again.sourceChannel, u"telegram"_s);
        QCOMPARE(again.createdAt, 1000);
        QCOMPARE(again.updatedAt, 5000);
        QCOMPARE(m_store->count(u"alice"_s), 1);

        // Unicode case folding, which SQLite's lower() would not do.
        const Memory summer = mustAdd(u"alice"_s, u"fact"_s, u"ÉTÉ à Paris"_s, 6000);
        QCOMPARE(mustAdd(u"alice"_s, u"fact"_s, u"été   À paris"_s, 7000).id, summer.id);
        QCOMPARE(m_store->count(u"alice"_s), 2);

        // Another user's identical memory is theirs, not a duplicate.
        const Memory bobs = mustAdd(u"bob"_s, u"preference"_s, u"likes green tea"_s, 8000);
        QVERIFY(bobs.id != original.id);
        QCOMPARE(m_store->count(u"bob"_s), 1);
        QCOMPARE(m_store->get(u"alice"_s, original.id)->updatedAt, 5000);

        // The refreshed memory moves to the top of the newest-first list.
        QCOMPARE(mustAdd(u"alice"_s, u"note"_s, u"LIKES GREEN TEA"_s, 9000).id, original.id);
        QCOMPARE(m_store->list(u"alice"_s).first().id, original.id);
    }

    void fullMemoryIsRefused()
    {
        {
            Storage::Transaction tx(m_db->connection());
            QSqlQuery q(m_db->connection());
            q.prepare(u"INSERT INTO memories (user_id, kind, content, created_at, updated_at) "
                      "VALUES ('bob', 'note', ?, ?, ?)"_s);
            for (int i = 0; i < MemoryStore::MAX_PER_USER; ++i) {
                q.addBindValue(u"bulk memory %1"_s.arg(i));
                q.addBindValue(i);
                q.addBindValue(i);
                QVERIFY(q.exec());
            }
            QVERIFY(tx.commit());
        }
        QCOMPARE(m_store->count(u"bob"_s), MemoryStore::MAX_PER_USER);

        const Result<Memory> full = m_store->add(u"bob"_s, u"fact"_s, u"one too many"_s, {}, {}, 99999);
        QVERIFY(!full);
        QCOMPARE(full.error().code, u"MEMORY_FULL"_s);
        QVERIFY(full.error().message.contains(QString::number(MemoryStore::MAX_PER_USER)));
        QCOMPARE(m_store->count(u"bob"_s), MemoryStore::MAX_PER_USER);

        // Saying something already remembered still works at the cap.
        const Memory again = mustAdd(u"bob"_s, u"note"_s, u"Bulk Memory 17"_s, 99999);
        QCOMPARE(again.content, u"bulk memory 17"_s);
        QCOMPARE(again.updatedAt, 99999);
        QCOMPARE(m_store->count(u"bob"_s), MemoryStore::MAX_PER_USER);

        // The cap is per user.
        mustAdd(u"alice"_s, u"fact"_s, u"one too many"_s, 99999);
        QCOMPARE(m_store->count(u"alice"_s), 1);
    }

    void ftsQueryQuotesEveryWord()
    {
        QCOMPARE(MemoryStore::ftsQuery(u"green tea"_s, false), u"\"green\" OR \"tea\""_s);
        QCOMPARE(MemoryStore::ftsQuery(u"green tea"_s, true), u"\"green\" AND \"tea\""_s);
        QCOMPARE(MemoryStore::ftsQuery(u"link_code:ABC-123"_s, false), u"\"link_code\" OR \"ABC\" OR \"123\""_s);
        QCOMPARE(MemoryStore::ftsQuery(u"NEAR(a b)"_s, true), u"\"NEAR\" AND \"a\" AND \"b\""_s);
        QCOMPARE(MemoryStore::ftsQuery(u"\"unterminated"_s, false), u"\"unterminated\""_s);
        QCOMPARE(MemoryStore::ftsQuery(u"Grüße, Ναυσικά; 東京"_s, false), u"\"Grüße\" OR \"Ναυσικά\" OR \"東京\""_s);
        QCOMPARE(MemoryStore::ftsQuery(u"𝐀𝐁 x"_s, false), u"\"𝐀𝐁\" OR \"x\""_s); // outside the BMP
        QCOMPARE(MemoryStore::ftsQuery(u""_s, false), QString());
        QCOMPARE(MemoryStore::ftsQuery(u"  ()*:^\"-+ {} __ "_s, true), QString());

        // At most 32 words of at most 64 characters.
        QStringList many;
        for (int i = 0; i < 50; ++i)
            many.append(u"w%1"_s.arg(i));
        const QString capped = MemoryStore::ftsQuery(many.join(u' '), false);
        QCOMPARE(capped.count(u" OR "_s), 31);
        QVERIFY(capped.endsWith(u"\"w31\""_s));
        QCOMPARE(MemoryStore::ftsQuery(QString(200, u'z'), false), QString(u'"' + QString(64, u'z') + u'"'));
    }

    void searchRanksRelevantFirst()
    {
        mustAdd(u"alice"_s, u"fact"_s, u"Drives a green car"_s, 1);
        mustAdd(u"alice"_s, u"fact"_s, u"Goes for a run every morning"_s, 2);
        const Memory best = mustAdd(u"alice"_s, u"preference"_s, u"Drinks green tea every morning"_s, 3);
        mustAdd(u"alice"_s, u"note"_s, u"Mentioned tea once"_s, 4);
        mustAdd(u"alice"_s, u"note"_s, u"Has two cats"_s, 5);

        const QList<Memory> hits = m_store->search(u"alice"_s, u"green tea morning?"_s);
        QCOMPARE(hits.size(), 4);
        QCOMPARE(hits.first().id, best.id);
        for (qsizetype i = 0; i < hits.size(); ++i) {
            QVERIFY(hits.at(i).score > 0);
            if (i > 0)
                QVERIFY(hits.at(i - 1).score >= hits.at(i).score);
        }
        QVERIFY(!contents(hits).contains(u"Has two cats"_s));

        QCOMPARE(m_store->search(u"alice"_s, u"green tea morning"_s, 1).size(), 1);
        QCOMPARE(m_store->search(u"alice"_s, u"green tea morning"_s, 0).size(), 1); // clamped to 1
        QCOMPARE(m_store->search(u"alice"_s, u""_s).size(), 0);
        QCOMPARE(m_store->search(u"alice"_s, u"?!"_s).size(), 0);
        // Case and diacritics do not matter (unicode61 remove_diacritics 2).
        mustAdd(u"alice"_s, u"fact"_s, u"Visited the Café de Flore"_s, 6);
        QCOMPARE(contents(m_store->search(u"alice"_s, u"CAFE"_s)), QStringList({ u"Visited the Café de Flore"_s }));
    }

    void searchIsScopedToUser()
    {
        const Memory alices = mustAdd(u"alice"_s, u"fact"_s, u"Secret garden password hint"_s, 1);
        const Memory bobs = mustAdd(u"bob"_s, u"fact"_s, u"Garden gnome collection"_s, 2);

        const QList<Memory> forBob = m_store->search(u"bob"_s, u"secret garden password hint"_s, 100);
        QCOMPARE(forBob.size(), 1);
        QCOMPARE(forBob.first().id, bobs.id);
        QCOMPARE(forBob.first().userId, u"bob"_s);
        QCOMPARE(m_store->search(u"bob"_s, u"secret password"_s).size(), 0);
        QCOMPARE(m_store->search(u"carol"_s, u"garden"_s).size(), 0);
        QCOMPARE(m_store->search(u""_s, u"garden"_s).size(), 0);
        QCOMPARE(m_store->search(u"alice' OR '1'='1"_s, u"garden"_s).size(), 0);

        const QList<Memory> forAlice = m_store->search(u"alice"_s, u"garden"_s);
        QCOMPARE(forAlice.size(), 1);
        QCOMPARE(forAlice.first().id, alices.id);

        QVERIFY(!m_store->get(u"bob"_s, alices.id).has_value());
        QVERIFY(!contents(m_store->list(u"bob"_s)).contains(alices.content));
        QVERIFY(!contents(m_store->pinned(u"bob"_s, 100)).contains(alices.content));
    }

    void hostileSearchInput_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // a memory the search must find; "" = none

        QString punctuation;
        QString mixed;
        const QString specials = u"\"*()^{}:-+'.,;[]<>/\\|&!?%$#@~`="_s;
        for (int i = 0; punctuation.size() < 10240; ++i)
            punctuation.append(specials.at(i % specials.size()));
        for (int i = 0; mixed.size() < 10240; ++i)
            mixed.append(
                i % 7 == 0 ? u"NEAR(x \"y "_s : u"%1 OR* -%2:^{"_s.arg(i).arg(specials.at(i % specials.size())));
        QString binary;
        for (int i = 0; i < 10240; ++i)
            binary.append(QChar(char16_t((i * 7919 + 13) % 0x10000))); // lone surrogates and controls too

        QTest::newRow("column filter and dash") << u"link_code:ABC-123"_s << u"The link_code ABC 123 arrived"_s;
        QTest::newRow("NEAR") << u"NEAR(a b)"_s << u"We met near the old mill"_s;
        QTest::newRow("unterminated quote") << u"\"unterminated"_s << u"An unterminated string broke it"_s;
        QTest::newRow("prefix and OR") << u"a* OR b"_s << u"b is for banana"_s;
        QTest::newRow("NOT prefix") << u"-x"_s << u"x marks the spot"_s;
        QTest::newRow("column name") << u"content:foo"_s << u"foo bar baz"_s;
        QTest::newRow("caret") << u"^start"_s << u"start early on Mondays"_s;
        QTest::newRow("column set") << u"{col}"_s << u"col is short for column"_s;
        QTest::newRow("bare AND") << u"AND"_s << u"and then there were none"_s;
        QTest::newRow("bare OR") << u"OR"_s << QString();
        QTest::newRow("bare NOT") << u"NOT"_s << QString();
        QTest::newRow("close paren") << u")"_s << QString();
        QTest::newRow("star") << u"*"_s << QString();
        QTest::newRow("empty quotes") << u"\"\""_s << QString();
        QTest::newRow("NUL bytes") << u"\0foo\0\0bar\0"_s << u"foo bar baz"_s;
        QTest::newRow("SQL injection") << u"'); DROP TABLE memories; --"_s << QString();
        QTest::newRow("underscores only") << u"___ _"_s << QString();
        QTest::newRow("10 KB punctuation") << punctuation << QString();
        QTest::newRow("10 KB mixed") << mixed << QString();
        QTest::newRow("10 KB binary") << binary << QString();
    }

    void hostileSearchInput()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QStringList memories { u"The link_code ABC 123 arrived"_s, u"We met near the old mill"_s,
            u"An unterminated string broke it"_s, u"b is for banana"_s, u"x marks the spot"_s, u"foo bar baz"_s,
            u"start early on Mondays"_s, u"col is short for column"_s, u"and then there were none"_s };
        for (const QString &content : memories)
            mustAdd(u"alice"_s, u"fact"_s, content, 1);

        // The expression itself is valid FTS5, in both forms.
        for (const bool all : { false, true }) {
            const QString match = MemoryStore::ftsQuery(input, all);
            if (match.isEmpty())
                continue;
            QSqlQuery q(m_db->connection());
            q.prepare(u"SELECT count(*) FROM memories_fts WHERE memories_fts MATCH ?"_s);
            q.addBindValue(match);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }

        const QList<Memory> hits = m_store->search(u"alice"_s, input, 100);
        if (!expected.isEmpty()) {
            QVERIFY2(contents(hits).contains(expected), qPrintable(contents(hits).join(u" | "_s)));
            if (input == u"link_code:ABC-123")
                QCOMPARE(hits.first().content, expected);
        }

        // forget either deletes by words or refuses; it never fails in SQL, and never for Bob.
        const Result<int> forgotten = m_store->forget(u"carol"_s, input);
        if (!forgotten)
            QCOMPARE(forgotten.error().code, u"INVALID_REQUEST"_s);
        else
            QCOMPARE(*forgotten, 0);
        QCOMPARE(m_store->count(u"alice"_s), memories.size());
        QCOMPARE(scalar(u"SELECT count(*) FROM memories"_s).toInt(), memories.size());
    }

    void forgetNeedsEveryWord()
    {
        mustAdd(u"alice"_s, u"fact"_s, u"Parks the red car in the garage"_s, 1);
        mustAdd(u"alice"_s, u"fact"_s, u"Owns a red bicycle"_s, 2);
        mustAdd(u"alice"_s, u"fact"_s, u"The car is blue"_s, 3);
        mustAdd(u"alice"_s, u"fact"_s, u"RED CAR sticker on the laptop"_s, 4);
        mustAdd(u"bob"_s, u"fact"_s, u"Bob's red car"_s, 5);

        Result<int> r = m_store->forget(u"alice"_s, u"red, car!"_s);
        QVERIFY(r.ok());
        QCOMPARE(*r, 2);
        QCOMPARE(contents(m_store->list(u"alice"_s)), QStringList({ u"The car is blue"_s, u"Owns a red bicycle"_s }));
        QCOMPARE(m_store->count(u"bob"_s), 1); // Bob's matching memory stays

        r = m_store->forget(u"alice"_s, u"red car"_s);
        QVERIFY(r.ok());
        QCOMPARE(*r, 0);

        r = m_store->forget(u"alice"_s, u""_s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"INVALID_REQUEST"_s);
        r = m_store->forget(u"alice"_s, u" *:() "_s);
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"INVALID_REQUEST"_s);

        // More words than a query keeps would forget more than was named: refused.
        QStringList many;
        for (int i = 0; i < 40; ++i)
            many.append(i == 0 ? u"car"_s : u"w%1"_s.arg(i));
        r = m_store->forget(u"alice"_s, many.join(u' '));
        QVERIFY(!r);
        QCOMPARE(r.error().code, u"INVALID_REQUEST"_s);
        QCOMPARE(m_store->count(u"alice"_s), 2);

        // The index follows: forgotten memories are no longer found.
        QCOMPARE(m_store->search(u"alice"_s, u"garage sticker"_s).size(), 0);
    }

    void removeIsScopedToUser()
    {
        const Memory alices = mustAdd(u"alice"_s, u"fact"_s, u"Allergic to peanuts"_s, 1);
        const Memory bobs = mustAdd(u"bob"_s, u"fact"_s, u"Plays the oboe"_s, 2);

        Status s = m_store->remove(u"bob"_s, alices.id);
        QVERIFY(!s);
        QCOMPARE(s.error().code, u"NOT_FOUND"_s);
        QVERIFY(m_store->get(u"alice"_s, alices.id).has_value());
        QCOMPARE(m_store->search(u"alice"_s, u"peanuts"_s).size(), 1);

        s = m_store->remove(u"alice"_s, 424242);
        QVERIFY(!s);
        QCOMPARE(s.error().code, u"NOT_FOUND"_s);

        QVERIFY(m_store->remove(u"bob"_s, bobs.id).ok());
        QVERIFY(!m_store->get(u"bob"_s, bobs.id).has_value());
        QCOMPARE(m_store->search(u"bob"_s, u"oboe"_s).size(), 0);
        s = m_store->remove(u"bob"_s, bobs.id); // twice
        QVERIFY(!s);
        QCOMPARE(s.error().code, u"NOT_FOUND"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM memories"_s).toInt(), 1);
    }

    void pinnedOrder()
    {
        mustAdd(u"alice"_s, u"note"_s, u"note one"_s, 1);
        mustAdd(u"alice"_s, u"fact"_s, u"fact one"_s, 2);
        mustAdd(u"alice"_s, u"preference"_s, u"preference one"_s, 3);
        mustAdd(u"alice"_s, u"summary"_s, u"summary one"_s, 4);
        mustAdd(u"alice"_s, u"preference"_s, u"preference two"_s, 5);
        mustAdd(u"alice"_s, u"fact"_s, u"fact two"_s, 6);
        mustAdd(u"alice"_s, u"note"_s, u"note two"_s, 7);
        mustAdd(u"bob"_s, u"preference"_s, u"bob's preference"_s, 0);

        const QStringList expected { u"preference one"_s, u"preference two"_s, u"fact one"_s, u"fact two"_s,
            u"summary one"_s, u"note one"_s, u"note two"_s };
        QCOMPARE(contents(m_store->pinned(u"alice"_s, 20)), expected);
        QCOMPARE(contents(m_store->pinned(u"alice"_s, 3)), expected.mid(0, 3));
        QCOMPARE(m_store->pinned(u"alice"_s, 0).size(), 0);
        QCOMPARE(m_store->pinned(u"alice"_s, -1).size(), 0);

        // Saying something again refreshes it but does not move it: the block stays stable.
        mustAdd(u"alice"_s, u"preference"_s, u"Preference ONE"_s, 100);
        QCOMPARE(contents(m_store->pinned(u"alice"_s, 20)), expected);
        // A new fact lands after the older facts.
        mustAdd(u"alice"_s, u"fact"_s, u"fact three"_s, 101);
        QCOMPARE(m_store->pinned(u"alice"_s, 20).at(4).content, u"fact three"_s);
    }

    void mergeIntoKeepsEverythingOnce()
    {
        const Memory tea = mustAdd(u"alice"_s, u"preference"_s, u"Likes tea"_s, 1);
        mustAdd(u"alice"_s, u"fact"_s, u"Lives in Berlin"_s, 2);
        mustAdd(u"alice"_s, u"note"_s, u"Asked about the S-Bahn"_s, 3);
        mustAdd(u"carol"_s, u"fact"_s, u"likes   TEA"_s, 4);
        mustAdd(u"carol"_s, u"fact"_s, u"Has a dog named Rex"_s, 5);
        mustAdd(u"carol"_s, u"summary"_s, u"Works nights"_s, 6);
        // A duplicate inside the merged user's own memories (written before dedupe existed).
        QVERIFY(exec(u"INSERT INTO memories (user_id, kind, content, created_at, updated_at) "
                     "VALUES ('carol', 'note', 'HAS A DOG  named rex', 7, 7)"_s));
        mustAdd(u"bob"_s, u"fact"_s, u"Has a dog named Rex"_s, 8);

        {
            Storage::Transaction tx(m_db->connection());
            QVERIFY(tx.isActive());
            const Status merged = m_store->mergeInto(u"carol"_s, u"alice"_s);
            QVERIFY2(merged.ok(), qPrintable(merged ? QString() : merged.error().message));
            QVERIFY(tx.commit());
        }

        QCOMPARE(m_store->count(u"carol"_s), 0);
        QCOMPARE(m_store->count(u"alice"_s), 5);
        QCOMPARE(m_store->count(u"bob"_s), 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM memories"_s).toInt(), 6);

        QSet<QString> seen;
        for (const Memory &m : m_store->list(u"alice"_s, {}, 500)) {
            QCOMPARE(m.userId, u"alice"_s);
            const QString key = m.content.simplified().toLower();
            QVERIFY2(!seen.contains(key), qPrintable(m.content));
            seen.insert(key);
        }
        QCOMPARE(seen,
            QSet<QString>({ u"likes tea"_s, u"lives in berlin"_s, u"asked about the s-bahn"_s, u"has a dog named rex"_s,
                u"works nights"_s }));
        // Alice's own row wins over the merged duplicate.
        const std::optional<Memory> kept = m_store->get(u"alice"_s, tea.id);
        QVERIFY(kept.has_value());
        QCOMPARE(kept->content, u"Likes tea"_s);
        QCOMPARE(kept->kind, u"preference"_s);

        // Moved memories are searchable as Alice's and survive Carol's deletion.
        QCOMPARE(contents(m_store->search(u"alice"_s, u"dog"_s)), QStringList({ u"Has a dog named Rex"_s }));
        QVERIFY(exec(u"DELETE FROM users WHERE id = 'carol'"_s));
        QCOMPARE(m_store->count(u"alice"_s), 5);
        QCOMPARE(scalar(u"SELECT count(*) FROM memories_fts WHERE memories_fts MATCH '\"nights\"'"_s).toInt(), 1);

        // Merging a user into itself or with nobody changes nothing.
        QVERIFY(m_store->mergeInto(u"alice"_s, u"alice"_s).ok());
        QVERIFY(m_store->mergeInto(u"nobody"_s, u"alice"_s).ok());
        QCOMPARE(m_store->count(u"alice"_s), 5);
        QVERIFY(!m_store->mergeInto(u""_s, u"alice"_s).ok());
    }

    void mergeIntoRollsBackWithTheCaller()
    {
        mustAdd(u"carol"_s, u"fact"_s, u"Speaks Portuguese"_s, 1);
        {
            Storage::Transaction tx(m_db->connection());
            QVERIFY(m_store->mergeInto(u"carol"_s, u"alice"_s).ok());
            QCOMPARE(m_store->count(u"alice"_s), 1);
        } // no commit
        QCOMPARE(m_store->count(u"alice"_s), 0);
        QCOMPARE(m_store->count(u"carol"_s), 1);
    }

    void deletingUserLeavesNoTrace()
    {
        mustAdd(u"alice"_s, u"fact"_s, u"Purple elephant named Ziggy"_s, 1);
        mustAdd(u"alice"_s, u"preference"_s, u"Wants elephant facts"_s, 2);
        const Memory other = mustAdd(u"alice"_s, u"note"_s, u"Updated later"_s, 3);
        QVERIFY(exec(u"UPDATE memories SET content = 'Ziggy moved away' WHERE id = ?"_s, { other.id }));
        mustAdd(u"bob"_s, u"fact"_s, u"Saw an elephant at the zoo"_s, 4);
        QCOMPARE(scalar(u"SELECT count(*) FROM memories_fts WHERE memories_fts MATCH '\"ziggy\"'"_s).toInt(), 2);

        QVERIFY(exec(u"DELETE FROM users WHERE id = 'alice'"_s));

        QCOMPARE(m_store->count(u"alice"_s), 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM memories WHERE user_id = 'alice'"_s).toInt(), 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM memories_fts WHERE memories_fts MATCH '\"ziggy\"'"_s).toInt(), 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM memories_fts WHERE memories_fts MATCH '\"purple\"'"_s).toInt(), 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM memories_fts WHERE memories_fts MATCH '\"elephant\"'"_s).toInt(), 1);
        QVERIFY(exec(u"INSERT INTO memories_fts(memories_fts) VALUES('integrity-check')"_s));
        QCOMPARE(m_store->search(u"alice"_s, u"elephant ziggy"_s).size(), 0);
        QCOMPARE(m_store->search(u"bob"_s, u"elephant"_s).size(), 1);
    }

    void toJsonHasEveryField()
    {
        const Memory m = mustAdd(u"alice"_s, u"fact"_s, u"Born in 1990"_s, 1234, u"telegram"_s);
        QJsonObject json = m.toJson();
        QCOMPARE(json.value(u"id"_s).toInteger(), m.id);
        QCOMPARE(json.value(u"userId"_s).toString(), u"alice"_s);
        QCOMPARE(json.value(u"kind"_s).toString(), u"fact"_s);
        QCOMPARE(json.value(u"content"_s).toString(), u"Born in 1990"_s);
        QCOMPARE(json.value(u"sourceChannel"_s).toString(), u"telegram"_s);
        QCOMPARE(json.value(u"sourceSession"_s).toString(), u"session-1"_s);
        QCOMPARE(json.value(u"createdAt"_s).toInteger(), 1234);
        QCOMPARE(json.value(u"updatedAt"_s).toInteger(), 1234);
        QVERIFY(!json.contains(u"score"_s));

        const QList<Memory> hits = m_store->search(u"alice"_s, u"born"_s);
        QCOMPARE(hits.size(), 1);
        json = hits.first().toJson();
        QVERIFY(json.value(u"score"_s).toDouble() > 0);
    }
};

QTEST_GUILESS_MAIN(tst_MemoryStore)
#include "tst_memorystore.moc"
