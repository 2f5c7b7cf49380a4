// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The command line of the built skynet-gateway, run as a subprocess on a throwaway home: users,
// pairing, audit verify/list, backup (while a gateway writes), restore (refused while it runs),
// doctor on a healthy and on broken homes, config check, and every usage error (exit code 2).
#include <cstdio>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "channels/channelstore.h"
#include "fakeollama.h"
#include "people/auditlog.h"
#include "people/directory.h"
#include "people/userstore.h"
#include "storage/database.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using TestSupport::GatewayProcess;
using TestSupport::ProtocolClient;

namespace
{

const QString TOKEN = u"cli-test-token-0123456789abcdef"_s;

struct Run
{
    int code = -1;
    QString out;
    QString err;
    /// For failure messages: the exit code (-1: crashed or timed out) and everything printed.
    QString describe() const { return u"exit %1\n--- stdout:\n%2--- stderr:\n%3"_s.arg(code).arg(out, err); }
};

QProcessEnvironment cleanEnvironment(const QStringList &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if ((key.startsWith(u"SKYNET_") && key != u"SKYNET_BINARY_DIR") || key.startsWith(u"OLLAMA_")
            || key.startsWith(u"ANTHROPIC_") || key.startsWith(u"OPENAI_") || key.startsWith(u"TELEGRAM_"))
            env.remove(key);
    }
    env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
    env.remove(u"DISPLAY"_s);
    env.insert(u"CLI_TEST_TOKEN"_s, TOKEN);
    for (const QString &entry : extra) {
        const qsizetype eq = entry.indexOf(u'=');
        env.insert(entry.left(eq), entry.mid(eq + 1));
    }
    return env;
}

Run cli(const QString &home, const QStringList &args, const QStringList &env = {})
{
    QProcess process;
    process.setProcessEnvironment(cleanEnvironment(env));
    process.start(GatewayProcess::binary(), QStringList { u"--home"_s, home } + args);
    Run run;
    // The event loop keeps running meanwhile: the fakes the command talks to live in this process.
    if (!process.waitForStarted(TestSupport::WAIT_MS)
        || !QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    // A sanitizer report is longer than QTest keeps of a failure message (1 kB): print it whole.
    if (run.err.contains(u"Sanitizer"_s))
        std::fprintf(stderr, "stderr of skynet-gateway %s:\n%s\n", qPrintable(args.join(u' ')), qPrintable(run.err));
    return run;
}

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

/// The config every test home uses: file secrets, a known token, no cloud providers.
QByteArray config(quint16 port, const QString &ollamaUrl, const QByteArray &extra = {})
{
    return "[gateway]\nport = " + QByteArray::number(port)
        + "\ntoken = \"env:CLI_TEST_TOKEN\"\n[storage]\nsecrets = \"file\"\n[logging]\nfile = false\n"
          "[providers.ollama]\nbase_url = \""
        + ollamaUrl.toUtf8() + "\"\n[providers.anthropic]\nenabled = false\n[providers.openai]\nenabled = false\n"
        + extra;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

/// Runs SQL on a database file with a connection of its own.
QVariant sqlValue(const QString &path, const QString &sql)
{
    const QString name = u"tst-cli-sql"_s;
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

bool sqlExec(const QString &path, const QString &sql)
{
    const QString name = u"tst-cli-exec"_s;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

class tst_Cli final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeOllama> m_ollama;
    quint16 m_port = 0;

    QString home() const { return m_home->path(); }
    QString db() const { return QDir(home()).filePath(u"skynet.db"_s); }

    /// A database with the owner, Alice (telegram identity), audit entries and one pending
    /// pairing request; returns Alice's id.
    QString seed(QString *pairingCode = nullptr)
    {
        Gateway::Config::Settings settings;
        settings.home = home();
        Gateway::Storage::Database database;
        Gateway::Storage::Database::Options options;
        options.path = db();
        if (!database.open(options))
            return {};
        Gateway::People::Directory people(settings);
        if (!people.attachStorage(&database))
            return {};
        const auto alice = people.resolveInbound(u"telegram"_s, u"tg-100"_s, u"Alice"_s, true);
        people.record(u"system"_s, u"test.one"_s, u"a"_s);
        people.record(u"system"_s, u"test.two"_s, u"b"_s);
        people.record(u"system"_s, u"test.three"_s, u"c"_s);
        Gateway::Channels::ChannelStore store(&database);
        const auto code = store.pairingCode(u"telegram"_s, u"tg-777"_s, u"Bob"_s, u"chat-777"_s, 1000);
        if (pairingCode && code)
            *pairingCode = *code;
        database.close();
        QFile::setPermissions(db(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        return alice ? alice->id : QString();
    }

    qint64 auditCount(const QString &action)
    {
        return sqlValue(db(), u"SELECT COUNT(*) FROM audit_log WHERE action = '%1' AND actor = 'cli'"_s.arg(action))
            .toLongLong();
    }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
        m_port = freePort();
        QVERIFY(writeFile(QDir(home()).filePath(u"skynet.toml"_s), config(m_port, m_ollama->baseUrl().toString())));
    }

    void cleanup()
    {
        m_ollama.reset();
        m_home.reset();
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("users unknown") << QStringList { u"users"_s, u"frobnicate"_s };
        QTest::addRow("users show without id") << QStringList { u"users"_s, u"show"_s };
        QTest::addRow("users set-role without role") << QStringList { u"users"_s, u"set-role"_s, u"u_1"_s };
        QTest::addRow("pairing approve without code") << QStringList { u"pairing"_s, u"approve"_s, u"telegram"_s };
        QTest::addRow("pairing unknown") << QStringList { u"pairing"_s, u"accept"_s, u"a"_s, u"b"_s };
        QTest::addRow("audit alone") << QStringList { u"audit"_s };
        QTest::addRow("audit unknown") << QStringList { u"audit"_s, u"fix"_s };
        QTest::addRow("doctor with argument") << QStringList { u"doctor"_s, u"now"_s };
        QTest::addRow("backup without file") << QStringList { u"backup"_s };
        QTest::addRow("backup two files") << QStringList { u"backup"_s, u"a"_s, u"b"_s };
        QTest::addRow("restore without file") << QStringList { u"restore"_s };
        QTest::addRow("restore --force") << QStringList { u"restore"_s, u"a.db"_s, u"--force"_s };
        QTest::addRow("limit zero") << QStringList { u"users"_s, u"--limit"_s, u"0"_s };
        QTest::addRow("limit not a number") << QStringList { u"audit"_s, u"list"_s, u"--limit"_s, u"many"_s };
        QTest::addRow("unknown option") << QStringList { u"users"_s, u"--everything"_s };
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run run = cli(home(), args);
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(u"usage: skynet-gateway"_s) || run.err.contains(u"--limit"_s)
                || run.err.contains(u"Unknown option"_s),
            qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void helpTexts_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString &c : { u"users"_s, u"pairing"_s, u"audit"_s, u"doctor"_s, u"backup"_s, u"restore"_s })
            QTest::addRow("%s", qPrintable(c)) << c;
    }

    void helpTexts()
    {
        QFETCH(QString, command);
        const Run run = cli(home(), { command, u"--help"_s });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.startsWith(u"skynet-gateway "_s + command), qPrintable(run.out));
        QVERIFY(run.out.contains(u"Exit codes"_s));
        const Run general = cli(home(), { u"--help"_s });
        QVERIFY2(general.out.contains(command), qPrintable(general.out));
    }

    void commandsWithoutDatabase()
    {
        for (const QStringList &args : { QStringList { u"users"_s }, QStringList { u"pairing"_s, u"list"_s },
                 QStringList { u"audit"_s, u"verify"_s }, QStringList { u"backup"_s, home() + u"/b.db"_s } }) {
            const Run run = cli(home(), args);
            QCOMPARE(run.code, 1);
            QVERIFY2(run.err.contains(u"no database at"_s) && run.err.contains(u"start the gateway once"_s),
                qPrintable(run.err));
        }
    }

    void users()
    {
        const QString alice = seed();
        QVERIFY(!alice.isEmpty());
        Run run = cli(home(), { u"users"_s });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.startsWith(u"ID "_s), qPrintable(run.out));
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3); // header, Alice, Owner
        const QString aliceLine = lines.filter(alice).value(0);
        QVERIFY2(aliceLine.contains(u" user "_s) && aliceLine.endsWith(u"Alice"_s), qPrintable(run.out));
        QCOMPARE(aliceLine.split(u' ', Qt::SkipEmptyParts).value(2), u"1"_s); // one identity

        run = cli(home(), { u"users"_s, u"--limit"_s, u"1"_s });
        QVERIFY2(run.out.contains(u"(1 of 2 users"_s), qPrintable(run.out));

        run = cli(home(), { u"users"_s, u"show"_s, alice });
        QCOMPARE(run.code, 0);
        QVERIFY(run.out.contains(u"role:        user"_s));
        QVERIFY2(run.out.contains(u"  telegram tg-100 (Alice)"_s), qPrintable(run.out));

        run = cli(home(), { u"users"_s, u"show"_s, u"u_nobody\u0007"_s });
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains(u"unknown user: u_nobody?"_s), qPrintable(run.err)); // control character masked

        run = cli(home(), { u"users"_s, u"set-role"_s, alice, u"emperor"_s });
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains(u"use admin, user or child"_s));

        run = cli(home(), { u"users"_s, u"set-role"_s, alice, u"child"_s });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(u"is now child (was user)"_s), qPrintable(run.out));
        QCOMPARE(sqlValue(db(), u"SELECT role FROM users WHERE id = '%1'"_s.arg(alice)).toString(), u"child"_s);
        QCOMPARE(auditCount(u"users.update"_s), 1);

        const QString owner = sqlValue(db(), u"SELECT user_id FROM identities WHERE channel = 'operator'"_s).toString();
        QVERIFY(!owner.isEmpty());
        run = cli(home(), { u"users"_s, u"set-role"_s, owner, u"user"_s });
        QCOMPARE(run.code, 1);
        QVERIFY(run.err.contains(u"the owner stays an admin"_s));
        QCOMPARE(auditCount(u"users.update"_s), 1);
        QCOMPARE(cli(home(), { u"audit"_s, u"verify"_s }).code, 0);
    }

    void pairing()
    {
        QString code;
        seed(&code);
        QVERIFY(!code.isEmpty());
        Run run = cli(home(), { u"pairing"_s });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(code) && run.out.contains(u"Bob"_s), qPrintable(run.out));

        run = cli(home(), { u"pairing"_s, u"approve"_s, u"telegram"_s, u"WRONG123"_s });
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains(u"no pending pairing request"_s), qPrintable(run.err));
        run = cli(home(), { u"pairing"_s, u"approve"_s, u"discord"_s, code });
        QCOMPARE(run.code, 1);
        run = cli(home(), { u"pairing"_s, u"approve"_s, u"telegram"_s, QString(200, u'x') });
        QCOMPARE(run.code, 2);

        run = cli(home(), { u"pairing"_s, u"approve"_s, u"telegram"_s, code.toLower() });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(u"approved "_s + code), qPrintable(run.out));
        QCOMPARE(sqlValue(db(), u"SELECT state FROM channel_pairing WHERE sender_id = 'tg-777'"_s).toString(),
            u"approved"_s);
        const QString bob
            = sqlValue(db(), u"SELECT user_id FROM identities WHERE channel = 'telegram' AND external_id = 'tg-777'"_s)
                  .toString();
        QVERIFY(!bob.isEmpty());
        QVERIFY(run.out.contains(bob));
        QCOMPARE(auditCount(u"pairing.approve"_s), 1);
        // The audit detail names the person only by a pseudonym.
        const QString detail
            = sqlValue(db(), u"SELECT detail FROM audit_log WHERE action = 'pairing.approve'"_s).toString();
        QVERIFY2(!detail.contains(u"tg-777"_s) && detail.contains(Gateway::People::AuditLog::pseudonym(u"tg-777"_s)),
            qPrintable(detail));

        // Decided requests cannot be decided again.
        run = cli(home(), { u"pairing"_s, u"reject"_s, u"telegram"_s, code });
        QCOMPARE(run.code, 1);
        run = cli(home(), { u"pairing"_s, u"list"_s });
        QVERIFY2(run.out.contains(u"no pending pairing requests"_s), qPrintable(run.out));
    }

    void pairingReject()
    {
        QString code;
        seed(&code);
        // By the sender's id instead of the code.
        const Run run = cli(home(), { u"pairing"_s, u"reject"_s, u"telegram"_s, u"tg-777"_s });
        QCOMPARE(run.code, 0);
        QCOMPARE(sqlValue(db(), u"SELECT state FROM channel_pairing WHERE sender_id = 'tg-777'"_s).toString(),
            u"rejected"_s);
        QCOMPARE(sqlValue(db(), u"SELECT COUNT(*) FROM identities WHERE external_id = 'tg-777'"_s).toInt(), 0);
        QCOMPARE(auditCount(u"pairing.reject"_s), 1);
    }

    void auditVerify_data()
    {
        QTest::addColumn<QString>("tamper");
        QTest::addColumn<qint64>("brokenId");
        QTest::addRow("edited target") << u"UPDATE audit_log SET target = 'x' WHERE id = 3"_s << qint64(3);
        QTest::addRow("edited detail") << u"UPDATE audit_log SET detail = '{\"a\":1}' WHERE id = 4"_s << qint64(4);
        QTest::addRow("deleted row") << u"DELETE FROM audit_log WHERE id = 2"_s << qint64(3);
        QTest::addRow("rehashed row") << u"UPDATE audit_log SET actor = 'x', hash = prev_hash WHERE id = 2"_s
                                      << qint64(2);
    }

    void auditVerify()
    {
        QFETCH(QString, tamper);
        QFETCH(qint64, brokenId);
        seed();
        const qint64 entries = sqlValue(db(), u"SELECT COUNT(*) FROM audit_log"_s).toLongLong();
        QVERIFY(entries >= 4);
        Run run = cli(home(), { u"audit"_s, u"verify"_s });
        QCOMPARE(run.code, 0);
        QCOMPARE(run.out, u"audit log intact: %1 entries\n"_s.arg(entries));

        run = cli(home(), { u"audit"_s, u"list"_s, u"--limit"_s, u"2"_s });
        QCOMPARE(run.code, 0);
        QCOMPARE(run.out.count(u'\n'), 2);
        QVERIFY2(run.out.startsWith(QString::number(entries) + u"  "_s), qPrintable(run.out));

        const QString action = sqlValue(db(), u"SELECT action FROM audit_log WHERE id = %1"_s.arg(brokenId)).toString();
        QVERIFY(sqlExec(db(), tamper));
        run = cli(home(), { u"audit"_s, u"verify"_s });
        QCOMPARE(run.code, 1);
        QVERIFY2(run.out.startsWith(u"audit log broken at entry %1 (%2 at "_s.arg(brokenId).arg(action)),
            qPrintable(run.out));
    }

    void backupWhileTheGatewayWrites()
    {
        GatewayProcess gateway;
        QVERIFY(writeFile(
            QDir(gateway.home()).filePath(u"skynet.toml"_s), config(freePort(), m_ollama->baseUrl().toString())));
        const QStringList env = { u"CLI_TEST_TOKEN="_s + TOKEN };
        QVERIFY2(gateway.start({}, env), gateway.standardError().constData());
        ProtocolClient client;
        QVERIFY(
            client.openAndConnect(QUrl(u"ws://127.0.0.1:%1"_s.arg(gateway.port())), TOKEN, 4, { u"operator.admin"_s }));
        const QString gwHome = gateway.home();
        const QString gwDb = QDir(gwHome).filePath(u"skynet.db"_s);
        const QString backup = QDir(home()).filePath(u"backup.db"_s);

        // The backup runs while a client keeps creating users.
        QProcess process;
        process.setProcessEnvironment(cleanEnvironment(env));
        process.start(GatewayProcess::binary(), { u"--home"_s, gwHome, u"backup"_s, backup });
        QVERIFY(process.waitForStarted());
        int created = 0;
        while (process.state() != QProcess::NotRunning || created < 5) {
            const QJsonObject res
                = client.request(u"users.create"_s, QJsonObject { { u"displayName"_s, u"Writer %1"_s.arg(created) } });
            QVERIFY2(res.value(u"ok"_s).toBool(), qPrintable(QString::fromUtf8(QJsonDocument(res).toJson())));
            ++created;
            QVERIFY(created < 5000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30000);
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(out.startsWith(u"backed up "_s), qPrintable(out));

        // Sound, consistent, private, and a database the gateway can open.
        QCOMPARE(sqlValue(backup, u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
        const QFileDevice::Permissions others
            = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
        QVERIFY(!(QFileInfo(backup).permissions() & others));
        QVERIFY(QFileInfo(backup).permissions() & QFileDevice::ReadOwner);
        const int users = sqlValue(backup, u"SELECT COUNT(*) FROM users"_s).toInt();
        QVERIFY(users >= 1 && users <= created + 1);
        {
            // The copy's audit chain is intact (users.create entries were appended meanwhile).
            Gateway::Storage::Database opened;
            Gateway::Storage::Database::Options options;
            options.path = backup;
            QVERIFY(opened.open(options));
            const auto broken = Gateway::People::AuditLog(&opened).verify();
            QVERIFY(broken);
            QCOMPARE(*broken, qint64(0));
        }

        // An existing file is kept unless --force.
        Run run = cli(gwHome, { u"backup"_s, backup }, env);
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains(u"pass --force"_s), qPrintable(run.err));
        run = cli(gwHome, { u"backup"_s, backup, u"--force"_s }, env);
        QCOMPARE(run.code, 0);
        QVERIFY(sqlValue(backup, u"SELECT COUNT(*) FROM users"_s).toInt() >= users);
        run = cli(gwHome, { u"backup"_s, gwDb }, env);
        QCOMPARE(run.code, 2);
        run = cli(gwHome, { u"backup"_s, home() + u"/no/such/folder/b.db"_s }, env);
        QCOMPARE(run.code, 1);
        QVERIFY(run.err.contains(u"does not exist"_s));

        // Restore: refused while the gateway runs, accepted once it stopped.
        const int usersBefore = sqlValue(gwDb, u"SELECT COUNT(*) FROM users"_s).toInt();
        QVERIFY(client.request(u"users.create"_s, QJsonObject { { u"displayName"_s, u"After the backup"_s } })
                    .value(u"ok"_s)
                    .toBool());
        run = cli(gwHome, { u"restore"_s, backup }, env);
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains(u"is running on"_s) && run.err.contains(u"stop it first"_s), qPrintable(run.err));
        QCOMPARE(sqlValue(gwDb, u"SELECT COUNT(*) FROM users"_s).toInt(), usersBefore + 1);

        QCOMPARE(gateway.terminate(), 0);
        const int backupUsers = sqlValue(backup, u"SELECT COUNT(*) FROM users"_s).toInt();
        run = cli(gwHome, { u"restore"_s, backup }, env);
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(u"previous database is kept as"_s), qPrintable(run.out));
        QCOMPARE(sqlValue(gwDb, u"SELECT COUNT(*) FROM users"_s).toInt(), backupUsers);
        QCOMPARE(sqlValue(gwDb + u".before-restore"_s, u"SELECT COUNT(*) FROM users"_s).toInt(), usersBefore + 1);
        QCOMPARE(sqlValue(gwDb + u".before-restore"_s,
                     u"SELECT COUNT(*) FROM users WHERE display_name = "
                     "'After the backup'"_s)
                     .toInt(),
            1);
        // And the gateway starts on the restored file.
        QVERIFY2(gateway.start({}, env), gateway.standardError().constData());
        QCOMPARE(gateway.terminate(), 0);
    }

    void restoreRejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("message");
        QTest::addRow("text file") << QByteArray("hello, I am not a database\n") << QString()
                                   << u"not an SQLite database"_s;
        QTest::addRow("other sqlite") << QByteArray() << u"CREATE TABLE t (x)"_s << u"not a Skynet database"_s;
        QTest::addRow("future schema") << QByteArray()
                                       << u"CREATE TABLE schema_version (version INTEGER); INSERT INTO "
                                          "schema_version VALUES (999)"_s
                                       << u"schema version 999"_s;
    }

    void restoreRejectsBadFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, sql);
        QFETCH(QString, message);
        seed();
        const QString file = QDir(home()).filePath(u"bad.db"_s);
        if (sql.isEmpty()) {
            QVERIFY(writeFile(file, content));
        } else {
            for (const QString &statement : sql.split(u"; "_s))
                QVERIFY(sqlExec(file, statement));
        }
        const QByteArray before = [&] {
            QFile f(db());
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        const Run run = cli(home(), { u"restore"_s, file });
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QFile f(db());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QVERIFY(!QFile::exists(db() + u".before-restore"_s));
        QCOMPARE(cli(home(), { u"restore"_s, home() + u"/missing.db"_s }).code, 1);
    }

    void roleChangeReachesRunningGateway()
    {
        GatewayProcess gateway;
        QVERIFY(writeFile(
            QDir(gateway.home()).filePath(u"skynet.toml"_s), config(freePort(), m_ollama->baseUrl().toString())));
        const QStringList env = { u"CLI_TEST_TOKEN="_s + TOKEN };
        QVERIFY(gateway.start({}, env));
        ProtocolClient owner;
        QVERIFY(
            owner.openAndConnect(QUrl(u"ws://127.0.0.1:%1"_s.arg(gateway.port())), TOKEN, 4, { u"operator.admin"_s }));
        const QJsonObject created = owner.request(u"users.create"_s, QJsonObject { { u"displayName"_s, u"Carol"_s } });
        const QString carol
            = created.value(u"payload"_s).toObject().value(u"user"_s).toObject().value(u"id"_s).toString();
        QVERIFY(!carol.isEmpty());
        const QString token = owner.request(u"users.token"_s, QJsonObject { { u"userId"_s, carol } })
                                  .value(u"payload"_s)
                                  .toObject()
                                  .value(u"token"_s)
                                  .toString();
        QVERIFY(!token.isEmpty());
        ProtocolClient client;
        QVERIFY(client.openAndConnect(QUrl(u"ws://127.0.0.1:%1"_s.arg(gateway.port())), token));
        QJsonObject res = client.request(u"usage.status"_s, QJsonObject { { u"userId"_s, carol } });
        QVERIFY(res.value(u"ok"_s).toBool());

        // Demoted to child on the command line: the running gateway applies it to the open
        // connection at once (its user cache follows other processes' commits).
        const Run run = cli(gateway.home(), { u"users"_s, u"set-role"_s, carol, u"child"_s }, env);
        QCOMPARE(run.code, 0);
        res = owner.request(u"users.get"_s, QJsonObject { { u"userId"_s, carol } });
        QCOMPARE(
            res.value(u"payload"_s).toObject().value(u"user"_s).toObject().value(u"role"_s).toString(), u"child"_s);
        QCOMPARE(gateway.terminate(), 0);
    }

    void generatedTokenIsAudited()
    {
        // First start without any configured token: the gateway generates one and audits that a
        // secret was written (its name only).
        GatewayProcess gateway;
        QVERIFY2(gateway.start(), gateway.standardError().constData());
        QCOMPARE(gateway.terminate(), 0);
        const Run run = cli(gateway.home(), { u"audit"_s, u"list"_s });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(u"  system  secret.set  gateway.token  ok"_s), qPrintable(run.out));
        const Run token = cli(gateway.home(), { u"token"_s });
        QCOMPARE(token.code, 0);
        QVERIFY(!run.out.contains(token.out.trimmed()));
    }

    void doctorHealthy()
    {
        seed();
        const Run run = cli(home(), { u"doctor"_s });
        QVERIFY2(run.code == 0, qPrintable(run.describe()));
        static const QRegularExpression problem(u"^(FAIL|WARN) "_s, QRegularExpression::MultilineOption);
        QVERIFY2(!run.out.contains(problem), qPrintable(run.out));
        for (const QString &line :
            { u"OK    home: "_s, u"OK    config: "_s, u"OK    database: "_s, u"OK    secret store: "_s,
                u"OK    secret: gateway.token (env:CLI_TEST_TOKEN) is set"_s, u"OK    provider: Ollama answers at "_s,
                u"OK    tls: off (the gateway listens on this computer only)"_s,
                u"OK    port: 127.0.0.1:%1 is free"_s.arg(m_port) })
            QVERIFY2(run.out.contains(line), qPrintable(line + u"\n---\n"_s + run.out));
        QVERIFY(run.out.contains(u", 0 WARN, 0 FAIL"_s));
    }

    void doctorWithRunningGateway()
    {
        GatewayProcess gateway;
        const quint16 port = freePort();
        QVERIFY(
            writeFile(QDir(gateway.home()).filePath(u"skynet.toml"_s), config(port, m_ollama->baseUrl().toString())));
        const QStringList env = { u"CLI_TEST_TOKEN="_s + TOKEN };
        // Not --port 0: doctor checks the configured port.
        QProcess &process = gateway.process();
        process.setProcessEnvironment(cleanEnvironment(env));
        process.start(GatewayProcess::binary(), { u"--home"_s, gateway.home() });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            TestSupport::httpGet(QUrl(u"http://127.0.0.1:%1/readyz"_s.arg(port))).status == 200, TestSupport::START_MS);
        const Run run = cli(gateway.home(), { u"doctor"_s }, env);
        QVERIFY2(run.code == 0, qPrintable(run.out));
        QVERIFY2(run.out.contains(u"OK    port: 127.0.0.1:%1 is in use by a running Skynet gateway"_s.arg(port)),
            qPrintable(run.out));
        QVERIFY2(run.out.contains(u"OK    database: in use by a running gateway (pid %1)"_s.arg(process.processId())),
            qPrintable(run.out));
        QCOMPARE(gateway.terminate(), 0);
    }

    void doctorWithRunningTlsGateway()
    {
        // The port probe speaks https with the gateway's own (self-signed) certificate as authority.
        GatewayProcess gateway;
        const quint16 port = freePort();
        QByteArray toml = config(port, m_ollama->baseUrl().toString());
        toml.replace("[gateway]\n", "[gateway]\ntls_enabled = true\n");
        QVERIFY(writeFile(QDir(gateway.home()).filePath(u"skynet.toml"_s), toml));
        const QStringList env = { u"CLI_TEST_TOKEN="_s + TOKEN };
        QProcess &process = gateway.process();
        process.setProcessEnvironment(cleanEnvironment(env));
        process.start(GatewayProcess::binary(), { u"--home"_s, gateway.home() });
        QVERIFY(process.waitForStarted());
        // The "listening on" line comes after the database is open and migrated; the port itself
        // accepts connections a moment earlier (listen() first, then the storage), so it is no
        // sign of a ready gateway.
        QTRY_VERIFY_WITH_TIMEOUT(gateway.standardOutput().contains("listening on"), TestSupport::START_MS);
        const Run run = cli(gateway.home(), { u"doctor"_s }, env);
        QVERIFY2(run.code == 0, qPrintable(run.describe()));
        QVERIFY2(run.out.contains(u"OK    tls: on, self-signed certificate valid until "_s), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"OK    port: 127.0.0.1:%1 is in use by a running Skynet gateway"_s.arg(port)),
            qPrintable(run.out));
        QCOMPARE(gateway.terminate(), 0);
    }

    void doctorBroken_data()
    {
        QTest::addColumn<QByteArray>("extraConfig");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("bad config") << QByteArray("[agent]\nmax_tokens = \"lots\"\n") << QString()
                                    << QStringList { u"FAIL  config: "_s, u"skynet.toml:"_s, u"agent.max_tokens"_s,
                                           u"→ edit "_s, u"skynet-gateway config check"_s };
        QTest::addRow("unreadable database") << QByteArray() << u"garbage-db"_s
                                             << QStringList { u"FAIL  database: "_s, u"is not an SQLite database"_s,
                                                    u"→ restore a backup: skynet-gateway restore <file>"_s };
        QTest::addRow("missing secret")
            << QByteArray("[channels.telegram]\nenabled = true\ntoken = \"env:CLI_TEST_MISSING_TOKEN\"\n") << QString()
            << QStringList { u"FAIL  secret: channels.telegram.token refers to env:CLI_TEST_MISSING_TOKEN, which is "
                             "not set"_s,
                   u"→ set the environment variable CLI_TEST_MISSING_TOKEN"_s };
        QTest::addRow("ollama down") << QByteArray() << u"ollama-down"_s
                                     << QStringList { u"WARN  provider: Ollama is not reachable at "_s,
                                            u"→ start it (ollama serve)"_s,
                                            u"FAIL  providers: no model provider is usable"_s };
        QTest::addRow("bad tls files") << QByteArray() << u"bad-tls"_s
                                       << QStringList { u"FAIL  tls: "_s,
                                              u"→ point gateway.tls_cert and gateway.tls_key"_s };
        QTest::addRow("port taken") << QByteArray() << u"port-taken"_s
                                    << QStringList { u"FAIL  port: 127.0.0.1:"_s, u"is used by another program"_s,
                                           u"→ stop that program, or give Skynet another port"_s };
    }

    void doctorBroken()
    {
        QFETCH(QByteArray, extraConfig);
        QFETCH(QString, problem);
        QFETCH(QStringList, expected);
        seed();
        QString ollamaUrl = m_ollama->baseUrl().toString();
        if (problem == u"ollama-down")
            ollamaUrl = u"http://127.0.0.1:%1"_s.arg(freePort());
        QTcpServer squatter;
        quint16 port = m_port;
        if (problem == u"port-taken") {
            QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
            port = squatter.serverPort();
        }
        QByteArray toml = config(port, ollamaUrl, extraConfig);
        if (problem == u"bad-tls") {
            toml.replace(
                "[gateway]\n", "[gateway]\ntls_enabled = true\ntls_cert = \"cert.pem\"\ntls_key = \"key.pem\"\n");
            QVERIFY(writeFile(QDir(home()).filePath(u"cert.pem"_s), "-----BEGIN CERTIFICATE-----\nnot base64\n"));
            QVERIFY(writeFile(QDir(home()).filePath(u"key.pem"_s), "garbage"));
            QVERIFY(QFile::setPermissions(
                QDir(home()).filePath(u"key.pem"_s), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        }
        QVERIFY(writeFile(QDir(home()).filePath(u"skynet.toml"_s), toml));
        if (problem == u"garbage-db")
            QVERIFY(writeFile(db(), QByteArray(8192, 'x')));
        const Run run = cli(home(), { u"doctor"_s });
        QCOMPARE(run.code, 1);
        for (const QString &line : expected)
            QVERIFY2(run.out.contains(line), qPrintable(line + u"\n---\n"_s + run.out));
        QVERIFY(run.out.contains(u"OK    home: "_s)); // the other checks still ran
        QVERIFY(run.out.contains(u"checks: "_s));
    }

    void configCheck()
    {
        Run run = cli(home(), { u"config"_s, u"check"_s }, { u"CLI_TEST_TOKEN="_s + TOKEN });
        QCOMPARE(run.code, 0);
        QVERIFY2(run.out.contains(u"skynet.toml: OK"_s), qPrintable(run.out));

        const QString path = QDir(home()).filePath(u"skynet.toml"_s);
        QVERIFY(writeFile(path, "[gateway]\nport = 70000\n"));
        run = cli(home(), { u"config"_s, u"check"_s });
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(path) && run.err.contains(u"gateway.port"_s), qPrintable(run.err));

        QVERIFY(writeFile(path, "[gateway\nport = 1\n"));
        run = cli(home(), { u"config"_s, u"check"_s });
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(path + u":1:"_s), qPrintable(run.err));

        QVERIFY(writeFile(path, config(m_port, m_ollama->baseUrl().toString(), "[agent]\nmax_tokens = -5\n")));
        run = cli(home(), { u"config"_s, u"check"_s });
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(u"agent.max_tokens"_s), qPrintable(run.err));

        run = cli(home(), { u"config"_s, u"check"_s, u"--config"_s, home() + u"/missing.toml"_s });
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(u"does not exist"_s), qPrintable(run.err));
        run = cli(home(), { u"config"_s, u"validate"_s });
        QCOMPARE(run.code, 2);
        QVERIFY(run.err.contains(u"usage: skynet-gateway config check"_s));
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
