// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The SQLite database on real files: pragmas, step-wise migrations, refusing newer schemas.

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway::Storage;

class tst_Database final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    static QVariant scalar(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

    static QList<Migration> steps(int count, bool failLast = false)
    {
        QList<Migration> list;
        for (int v = 1; v <= count; ++v) {
            Migration m { v, u"step %1"_s.arg(v), { u"CREATE TABLE t%1 (x INTEGER)"_s.arg(v) } };
            if (failLast && v == count)
                m.statements.append(u"INSERT INTO no_such_table VALUES (1)"_s);
            list.append(m);
        }
        return list;
    }

private Q_SLOTS:
    void init() { m_path = m_dir.filePath(u"db-%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentTestFunction()))); }

    void pragmasAreSet()
    {
        Database db;
        QVERIFY(db.open({ m_path, u"FULL"_s, 1234 }).ok());
        QCOMPARE(db.journalMode(), u"wal"_s);
        QCOMPARE(scalar(db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(db, u"PRAGMA synchronous"_s).toInt(), 2); // FULL
        QCOMPARE(scalar(db, u"PRAGMA busy_timeout"_s).toInt(), 1234);
        QCOMPARE(scalar(db, u"PRAGMA foreign_keys"_s).toInt(), 1);
        QCOMPARE(scalar(db, u"PRAGMA secure_delete"_s).toInt(), 1);
        QCOMPARE(db.schemaVersion(), latestSchemaVersion());
        QVERIFY(scalar(db, u"SELECT COUNT(*) FROM sessions"_s).isValid());
    }

    void rejectsBadSynchronous()
    {
        Database db;
        const auto status = db.open({ m_path, u"SOMETIMES"_s, 100 });
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains(u"synchronous"_s));
        QVERIFY(!db.isOpen());
    }

    void migratesStepByStep()
    {
        {
            Database db;
            QVERIFY(db.open({ m_path }, steps(1)).ok());
            QCOMPARE(db.schemaVersion(), 1);
        }
        {
            Database db;
            QVERIFY(db.open({ m_path }, steps(3)).ok());
            QCOMPARE(db.schemaVersion(), 3);
            QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM schema_version"_s).toInt(), 3);
            QVERIFY(scalar(db, u"SELECT COUNT(*) FROM t3"_s).isValid());
        }
        {
            // Reopening applies nothing twice.
            Database db;
            QVERIFY(db.open({ m_path }, steps(3)).ok());
            QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM schema_version"_s).toInt(), 3);
        }
    }

    void failedStepRollsBack()
    {
        {
            Database db;
            QVERIFY(db.open({ m_path }, steps(1)).ok());
        }
        Database db;
        const auto status = db.open({ m_path }, steps(2, /*failLast=*/true));
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains(u"migration 2"_s));
        QVERIFY(!db.isOpen());
        // The failed step left nothing behind: version 1, no t2.
        Database check;
        QVERIFY(check.open({ m_path }, steps(1)).ok());
        QCOMPARE(check.schemaVersion(), 1);
        QSqlQuery q(check.connection());
        QVERIFY(!q.exec(u"SELECT * FROM t2"_s));
    }

    void refusesNewerDatabase()
    {
        {
            Database db;
            QVERIFY(db.open({ m_path }, steps(5)).ok());
        }
        Database db;
        const auto status = db.open({ m_path }, steps(2));
        QVERIFY(!status.ok());
        QCOMPARE(status.error().code, u"STORAGE_TOO_NEW"_s);
        QVERIFY(status.error().message.contains(u"schema version 5"_s));
    }

    void refusesNonDatabaseFile()
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        Database db;
        QVERIFY(!db.open({ m_path }).ok());
    }

    void unopenablePath()
    {
        Database db;
        QVERIFY(!db.open({ m_dir.filePath(u"missing-dir/sub/db.sqlite"_s) }).ok());
    }

    void transactionRollsBackUnlessCommitted()
    {
        Database db;
        QVERIFY(db.open({ m_path }).ok());
        {
            Transaction tx(db.connection());
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(u"INSERT INTO sessions (key, created_at, updated_at) VALUES ('a', 1, 1)"_s));
        }
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM sessions"_s).toInt(), 0);
        {
            Transaction tx(db.connection());
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(u"INSERT INTO sessions (key, created_at, updated_at) VALUES ('b', 1, 1)"_s));
            QVERIFY(tx.commit());
        }
        QCOMPARE(scalar(db, u"SELECT COUNT(*) FROM sessions"_s).toInt(), 1);
    }

    void twoDatabasesSideBySide()
    {
        Database a;
        Database b;
        QVERIFY(a.open({ m_path }).ok());
        QVERIFY(b.open({ m_dir.filePath(u"other.sqlite"_s) }).ok());
        QVERIFY(a.connection().connectionName() != b.connection().connectionName());
    }
};

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
