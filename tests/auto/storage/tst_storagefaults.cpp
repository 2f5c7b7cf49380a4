// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Storage faults (issue 8, fault injection): a database locked by another process for longer than
// storage.busy_timeout_ms, and a database that cannot grow (disk full). Each time the person gets
// a clear error (UNAVAILABLE with details.code STORAGE_BUSY / STORAGE_FULL), the gateway keeps
// answering reads, nothing committed before is lost, and once the fault is over everything works
// again; a channel message recorded before the fault is answered after it.
//
// - Locked: a second connection (as the sqlite3 CLI or a backup tool would) holds BEGIN EXCLUSIVE.
// - Full, in process: PRAGMA max_page_count on the gateway's own connection (SQLITE_FULL).
// - Full, for real: the built skynet-gateway under RLIMIT_FSIZE (set in the child before exec):
//   every write past the limit fails with EFBIG, for the database, its WAL and the log file. The
//   gateway ignores SIGXFSZ, so it keeps running; after a restart without the limit all it
//   acknowledged is there.

#include <sys/resource.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "agent/chatruntime.h"
#include "channels/channelmanager.h"
#include "channels/channelstore.h"
#include "fakeollama.h"
#include "loopbackchannel.h"
#include "service/service.h"
#include "storage/database.h"
#include "storage/sql.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using Gateway::Channels::InboundMessage;
using TestSupport::GatewayProcess;
using TestSupport::LoopbackChannel;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

namespace
{

constexpr int BUSY_TIMEOUT_MS = 100; ///< the gateway's busy timeout in these tests

/// Another process's connection that takes the database's write lock and keeps it.
class Locker
{
public:
    explicit Locker(const QString &path) : m_name(u"locker-%1"_s.arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=0"_s);
        m_open = db.open();
    }
    ~Locker()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (m_locked)
                QSqlQuery(db).exec(u"ROLLBACK"_s);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool lock()
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        m_locked = m_open && q.exec(u"BEGIN EXCLUSIVE"_s);
        if (!m_locked)
            qWarning() << "cannot lock:" << q.lastError().text();
        return m_locked;
    }
    bool release()
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        const bool ok = q.exec(u"ROLLBACK"_s);
        m_locked = !ok;
        return ok;
    }

private:
    QString m_name;
    bool m_open = false;
    bool m_locked = false;
};

QJsonObject send(ProtocolClient &client, const QString &session, const QString &message, const QString &key)
{
    return client.request(
        u"chat.send"_s, { { u"sessionKey"_s, session }, { u"message"_s, message }, { u"idempotencyKey"_s, key } });
}

/// The texts of a session's history, oldest first ("role: text").
QStringList history(ProtocolClient &client, const QString &session)
{
    const QJsonObject res = client.request(u"chat.history"_s, { { u"sessionKey"_s, session }, { u"limit"_s, 200 } });
    QStringList lines;
    if (!res.value(u"ok"_s).toBool())
        return { u"ERROR: "_s + QString::fromUtf8(QJsonDocument(res).toJson(QJsonDocument::Compact)) };
    for (const QJsonValue &value : res.value(u"payload"_s).toObject().value(u"messages"_s).toArray()) {
        const QJsonObject m = value.toObject();
        QString text;
        const QJsonValue content = m.value(u"content"_s);
        if (content.isString())
            text = content.toString();
        for (const QJsonValue &part : content.toArray())
            text += part.toObject().value(u"text"_s).toString();
        lines.append(m.value(u"role"_s).toString() + u": "_s + text.left(40));
    }
    return lines;
}

QString errorDetailCode(const QJsonObject &res)
{
    return res.value(u"error"_s).toObject().value(u"details"_s).toObject().value(u"code"_s).toString();
}

QByteArray dump(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

qint64 pragma(const QSqlDatabase &db, const QString &name)
{
    QSqlQuery q(db);
    return q.exec(u"PRAGMA "_s + name) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class tst_StorageFaults final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<TestGateway> m_gateway;
    QTemporaryDir m_home;
    QPointer<LoopbackChannel> m_channel;

    void startGateway()
    {
        const QString url = m_ollama->baseUrl().toString();
        m_gateway = std::make_unique<TestGateway>(
            [url](Gateway::Config::Settings &s) {
                s.providers.ollama.baseUrl = url;
                s.providers.ollama.model = u"llama3.2"_s;
                s.providers.ollama.maxRetries = 0;
                s.storage.busyTimeoutMs = BUSY_TIMEOUT_MS;
            },
            false, m_home.path());
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
        m_channel = new LoopbackChannel();
        manager()->add(m_channel);
        manager()->setAccess(u"loopback"_s, u"open"_s, {});
        QVERIFY(m_gateway->service()->openStorage());
    }

    Gateway::Channels::ChannelManager *manager() const { return m_gateway->service()->channels(); }
    QString databasePath() const { return m_gateway->service()->database()->path(); }

    QString inboundState(const QString &platformId) const
    {
        const auto record = manager()->store()->inbound(u"loopback"_s, platformId);
        return record ? record->state : QString();
    }

    static InboundMessage dm(const QString &id, const QString &sender, const QString &text)
    {
        InboundMessage m;
        m.platformId = id;
        m.chatId = u"chat-"_s + sender;
        m.senderId = sender;
        m.senderName = u"Sender "_s + sender;
        m.text = text;
        return m;
    }

    int chatRequests() const
    {
        int n = 0;
        for (const auto &r : m_ollama->server().requests())
            n += r.path == u"/api/chat" ? 1 : 0;
        return n;
    }

    /// A chat turn that must work: acknowledged, then answered.
    void chatOk(ProtocolClient &client, const QString &message, const QString &key, const QString &answer)
    {
        m_ollama->enqueue(FakeOllama::Turn::text({ answer }));
        const QJsonObject ack = send(client, u"main"_s, message, key);
        QVERIFY2(ack.value(u"ok"_s).toBool(), dump(ack).constData());
        QCOMPARE(client.waitForChatTerminal(key).value(u"state"_s).toString(), u"final"_s);
    }

private Q_SLOTS:
    void init()
    {
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
    }

    void cleanup()
    {
        m_gateway.reset();
        m_ollama.reset();
        QDir(m_home.path()).removeRecursively();
        QDir().mkpath(m_home.path());
    }

    // What a failing SQLite call becomes: the code a client can act on.
    void mapsSqliteErrors_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("code");
        QTest::newRow("locked by another connection") << u"locked"_s << u"STORAGE_BUSY"_s;
        QTest::newRow("max_page_count reached") << u"full"_s << u"STORAGE_FULL"_s;
        QTest::newRow("constraint (not a storage fault)") << u"constraint"_s << u"STORAGE_ERROR"_s;
        // COMMIT errors lose SQLite's result code in QtSql: SQLite's fixed messages are matched.
        QTest::newRow("commit: database is locked") << u"text:database is locked"_s << u"STORAGE_BUSY"_s;
        QTest::newRow("commit: database or disk is full") << u"text:database or disk is full"_s << u"STORAGE_FULL"_s;
        QTest::newRow("commit: disk I/O error") << u"text:disk I/O error"_s << u"STORAGE_IO_ERROR"_s;
        QTest::newRow("native code 13 (SQLITE_FULL)") << u"native:13"_s << u"STORAGE_FULL"_s;
        QTest::newRow("extended code 778 (SQLITE_IOERR_WRITE)") << u"native:778"_s << u"STORAGE_IO_ERROR"_s;
        QTest::newRow("native code 5 (SQLITE_BUSY)") << u"native:5"_s << u"STORAGE_BUSY"_s;
        QTest::newRow("garbage native code") << u"native:x"_s << u"STORAGE_ERROR"_s;
    }

    void mapsSqliteErrors()
    {
        QFETCH(QString, fault);
        QFETCH(QString, code);
        Gateway::Error error;
        if (fault.startsWith(u"text:")) {
            error = Gateway::Storage::storageError(u"cannot commit"_s,
                QSqlError(u"Unable to commit transaction"_s, fault.mid(5), QSqlError::TransactionError));
        } else if (fault.startsWith(u"native:")) {
            error = Gateway::Storage::storageError(u"cannot write"_s,
                QSqlError(u"Unable to fetch row"_s, u"x"_s, QSqlError::StatementError, fault.mid(7)));
        } else {
            QTemporaryDir dir;
            Gateway::Storage::Database db;
            QVERIFY(db.open({ dir.filePath(u"t.db"_s), u"NORMAL"_s, 0 }));
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(u"CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"_s));
            Locker locker(dir.filePath(u"t.db"_s));
            if (fault == u"locked")
                QVERIFY(locker.lock());
            if (fault == u"full")
                QVERIFY(q.exec(u"PRAGMA max_page_count = %1"_s.arg(pragma(db.connection(), u"page_count"_s))));
            q.prepare(fault == u"constraint" ? u"INSERT INTO t (id, v) VALUES (1, NULL)"_s
                                             : u"INSERT INTO t (v) VALUES (?)"_s);
            if (fault != u"constraint")
                q.addBindValue(QString(100'000, u'x'));
            QVERIFY(!q.exec());
            error = Gateway::Storage::sqlError(u"cannot write"_s, q);
        }
        QCOMPARE(error.code, code);
        QVERIFY2(error.message.startsWith(u"cannot "_s), qPrintable(error.message));
        if (code == u"STORAGE_BUSY")
            QVERIFY(error.message.contains(u"storage is busy"_s));
        if (code == u"STORAGE_FULL")
            QVERIFY(error.message.contains(u"storage is full"_s));
        QCOMPARE(Gateway::Storage::isTransientStorageError(error), code == u"STORAGE_BUSY");
        QCOMPARE(Gateway::Storage::isStorageFault(error), code != u"STORAGE_ERROR");
    }

    // busy_timeout is bounded by the schema (a lock cannot hang a request for long).
    void busyTimeoutIsApplied()
    {
        startGateway();
        QCOMPARE(pragma(m_gateway->service()->database()->connection(), u"busy_timeout"_s), qint64(BUSY_TIMEOUT_MS));
    }

    void chatWhileLocked()
    {
        startGateway();
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        chatOk(client, u"before the lock"_s, u"run-before"_s, u"First answer."_s);

        Locker locker(databasePath());
        QVERIFY(locker.lock());
        const QJsonObject refused = send(client, u"main"_s, u"while locked"_s, u"run-locked"_s);
        QVERIFY2(!refused.value(u"ok"_s).toBool(), dump(refused).constData());
        const QJsonObject error = refused.value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toString(), u"UNAVAILABLE"_s);
        QCOMPARE(errorDetailCode(refused), u"STORAGE_BUSY"_s);
        QVERIFY2(error.value(u"message"_s).toString().contains(u"storage is busy"_s), dump(refused).constData());
        QCOMPARE(error.value(u"retryable"_s).toBool(), true);
        // Reads go on: WAL readers do not wait for the writer.
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s)).status, 200);
        QCOMPARE(
            history(client, u"main"_s), QStringList({ u"user: before the lock"_s, u"assistant: First answer."_s }));

        QVERIFY(locker.release());
        // The same request again (the client retries): accepted now, nothing before is lost.
        chatOk(client, u"while locked"_s, u"run-locked"_s, u"Second answer."_s);
        QCOMPARE(history(client, u"main"_s),
            QStringList({ u"user: before the lock"_s, u"assistant: First answer."_s, u"user: while locked"_s,
                u"assistant: Second answer."_s }));
    }

    // The model answers while the database is locked: the person gets the answer at once, the
    // transcript gets it once the lock is gone (kept in memory meanwhile), before the next turn.
    void answerWhileLocked()
    {
        startGateway();
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        Gateway::Agent::ChatRuntime *runtime = m_gateway->service()->chatRuntime();
        Locker locker(databasePath());
        FakeOllama::Turn slow = FakeOllama::Turn::text({ u"Slow "_s, u"answer."_s });
        slow.chunkDelayMs = 1000; // the lock comes while the model is streaming
        m_ollama->enqueue(slow);
        const QJsonObject ack = send(client, u"main"_s, u"Think hard"_s, u"run-slow"_s);
        QVERIFY2(ack.value(u"ok"_s).toBool(), dump(ack).constData());
        QTRY_COMPARE_WITH_TIMEOUT(chatRequests(), 1, TestSupport::WAIT_MS);
        QVERIFY(locker.lock());

        const QJsonObject final = client.waitForChatTerminal(u"run-slow"_s);
        QCOMPARE(final.value(u"state"_s).toString(), u"final"_s);
        QVERIFY2(dump(final).contains("Slow answer."), dump(final).constData());
        QCOMPARE(runtime->unsavedMessages(), 1);
        QCOMPARE(history(client, u"main"_s), QStringList({ u"user: Think hard"_s }));
        // The next question waits for the answer to be written: refused while the lock lasts.
        const QJsonObject refused = send(client, u"main"_s, u"And then?"_s, u"run-next"_s);
        QCOMPARE(errorDetailCode(refused), u"STORAGE_BUSY"_s);

        QVERIFY(locker.release());
        QTRY_COMPARE_WITH_TIMEOUT(runtime->unsavedMessages(), 0, TestSupport::WAIT_MS);
        QCOMPARE(history(client, u"main"_s), QStringList({ u"user: Think hard"_s, u"assistant: Slow answer."_s }));
        chatOk(client, u"And then?"_s, u"run-next"_s, u"Then this."_s);
        QCOMPARE(history(client, u"main"_s),
            QStringList({ u"user: Think hard"_s, u"assistant: Slow answer."_s, u"user: And then?"_s,
                u"assistant: Then this."_s }));
        // The second prompt held the first answer.
        const auto requests = m_ollama->server().requests();
        QVERIFY(requests.last().body.contains("Slow answer."));
        QCOMPARE(chatRequests(), 2);
    }

    void chatWhenFull()
    {
        startGateway();
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        chatOk(client, u"before the disk filled"_s, u"run-before"_s, u"Stored."_s);

        // The database may not grow by a single page from now on.
        QSqlDatabase db = m_gateway->service()->database()->connection();
        const QString big(200'000, u'z'); // needs ~50 new pages, more than the free list holds
        QVERIFY(pragma(db, u"freelist_count"_s) * pragma(db, u"page_size"_s) < big.size());
        QVERIFY(QSqlQuery(db).exec(u"PRAGMA max_page_count = %1"_s.arg(pragma(db, u"page_count"_s))));

        const QJsonObject refused = send(client, u"main"_s, big, u"run-full"_s);
        QVERIFY2(!refused.value(u"ok"_s).toBool(), dump(refused).left(300).constData());
        QCOMPARE(refused.value(u"error"_s).toObject().value(u"code"_s).toString(), u"UNAVAILABLE"_s);
        QCOMPARE(errorDetailCode(refused), u"STORAGE_FULL"_s);
        QVERIFY(refused.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"storage is full"_s));
        QCOMPARE(refused.value(u"error"_s).toObject().value(u"retryable"_s).toBool(), false);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s)).status, 200);
        QCOMPARE(
            history(client, u"main"_s), QStringList({ u"user: before the disk filled"_s, u"assistant: Stored."_s }));
        QCOMPARE(chatRequests(), 1); // no model call for a message that was not stored

        // Space again: the same request goes through.
        QVERIFY(QSqlQuery(db).exec(u"PRAGMA max_page_count = 1073741823"_s));
        chatOk(client, big, u"run-full"_s, u"Stored too."_s);
        const QStringList lines = history(client, u"main"_s);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0), u"user: before the disk filled"_s);
        QCOMPARE(lines.at(2), u"user: "_s + big.left(40));
        QCOMPARE(lines.at(3), u"assistant: Stored too."_s);
    }

    // A channel message recorded just before the lock: its run cannot be stored, so it waits
    // (state "received") and is answered once the lock is gone, exactly once.
    void channelMessageWhileLocked()
    {
        startGateway();
        Locker locker(databasePath());
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Answered after the lock."_s }));
        QVERIFY(m_channel->inject(dm(u"500"_s, u"ana"_s, u"Are you there?"_s)));
        QVERIFY(locker.lock()); // before the event loop processes the message
        QTRY_VERIFY_WITH_TIMEOUT(manager()->storageRetryPending(), TestSupport::WAIT_MS);
        QCOMPARE(inboundState(u"500"_s), u"received"_s);
        QCOMPARE(m_channel->delivered().size(), 0);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s)).status, 200);

        QVERIFY(locker.release());
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 1, TestSupport::WAIT_MS);
        QCOMPARE(m_channel->delivered().first().text, u"Answered after the lock."_s);
        QTRY_COMPARE_WITH_TIMEOUT(inboundState(u"500"_s), u"answered"_s, TestSupport::WAIT_MS);
        QVERIFY(!manager()->storageRetryPending());
        QCOMPARE(m_ollama->pendingTurns(), 0);
    }

    // The model answered, but the reply cannot be queued (the lock came while it was thinking):
    // the answer is queued after the lock, not lost and not asked for twice.
    void channelReplyWhileLocked()
    {
        startGateway();
        Locker locker(databasePath());
        FakeOllama::Turn slow = FakeOllama::Turn::text({ u"Slow "_s, u"answer."_s });
        slow.chunkDelayMs = 1000; // the lock comes while the model is streaming
        m_ollama->enqueue(slow);
        QVERIFY(m_channel->inject(dm(u"600"_s, u"bob"_s, u"Think hard"_s)));
        // The run is stored and the model is streaming: then the lock comes.
        QTRY_COMPARE_WITH_TIMEOUT(chatRequests(), 1, TestSupport::WAIT_MS);
        QVERIFY(locker.lock());
        QTRY_VERIFY_WITH_TIMEOUT(manager()->storageRetryPending(), TestSupport::WAIT_MS);
        QCOMPARE(inboundState(u"600"_s), u"received"_s);
        QCOMPARE(m_channel->delivered().size(), 0);

        QVERIFY(locker.release());
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->delivered().size(), 1, TestSupport::WAIT_MS);
        QCOMPARE(m_channel->delivered().first().text, u"Slow answer."_s);
        QTRY_COMPARE_WITH_TIMEOUT(inboundState(u"600"_s), u"answered"_s, TestSupport::WAIT_MS);
        QCOMPARE(chatRequests(), 1);
    }

    // The real thing: the built gateway with a file size limit. Writes past it fail (EFBIG or a
    // short write); the gateway must neither die of SIGXFSZ nor hang, must say so, keep serving
    // reads and lose nothing it acknowledged.
    void diskFullProcess()
    {
        const QStringList env { u"SKYNET_GATEWAY_TOKEN=fault-token-0123456789abcdef"_s,
            u"SKYNET_PROVIDERS_OLLAMA_BASE_URL="_s + m_ollama->baseUrl().toString(),
            u"SKYNET_PROVIDERS_OLLAMA_MAX_RETRIES=0"_s, u"SKYNET_PROVIDERS_ANTHROPIC_ENABLED=false"_s,
            u"SKYNET_PROVIDERS_OPENAI_ENABLED=false"_s, u"SKYNET_LOGGING_FILE=true"_s,
            u"SKYNET_LOGGING_LEVEL=debug"_s };
        const QString token = u"fault-token-0123456789abcdef"_s;
        GatewayProcess gateway;
        QVERIFY2(gateway.start({}, env), gateway.standardError().constData());
        const QUrl ws(u"ws://127.0.0.1:%1"_s.arg(gateway.port()));
        {
            ProtocolClient client;
            QVERIFY(client.openAndConnect(ws, token, 4, { u"operator.write"_s }));
            chatOk(client, u"before the limit"_s, u"run-0"_s, u"Kept."_s);
        }
        QCOMPARE(gateway.terminate(), 0);

        // Again, with every file limited to 192 KiB: the WAL starts empty and fills up.
        constexpr rlim_t LIMIT = 192 * 1024;
        gateway.process().setChildProcessModifier([] {
            const rlimit limit { LIMIT, LIMIT };
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        QVERIFY2(gateway.start({}, env), gateway.standardError().constData());
        const QUrl limitedWs(u"ws://127.0.0.1:%1"_s.arg(gateway.port()));
        QStringList accepted { u"before the limit"_s };
        QJsonObject refused;
        {
            ProtocolClient client;
            QVERIFY(client.openAndConnect(limitedWs, token, 4, { u"operator.write"_s }));
            const QString filler(6000, u'f');
            for (int i = 1; i <= 60 && refused.isEmpty(); ++i) {
                m_ollama->enqueue(FakeOllama::Turn::text({ u"Answer %1."_s.arg(i) }));
                const QString text = u"message %1 "_s.arg(i) + filler;
                const QJsonObject ack = send(client, u"main"_s, text, u"run-%1"_s.arg(i));
                if (!ack.value(u"ok"_s).toBool()) {
                    refused = ack;
                    break;
                }
                accepted.append(text);
                // Accepted: the run ends with an answer or a clear error, never silence.
                const QJsonObject terminal = client.waitForChatTerminal(u"run-%1"_s.arg(i));
                QVERIFY2(!terminal.isEmpty(), qPrintable(u"run-%1 never ended"_s.arg(i)));
            }
            QVERIFY2(!refused.isEmpty(), "the file size limit was never reached");
            QCOMPARE(refused.value(u"error"_s).toObject().value(u"code"_s).toString(), u"UNAVAILABLE"_s);
            const QString detail = errorDetailCode(refused);
            QVERIFY2(detail == u"STORAGE_FULL" || detail == u"STORAGE_IO_ERROR", dump(refused).left(400).constData());
            qInfo().noquote() << accepted.size() - 1 << "message(s) accepted under the limit, then" << detail;
            // Still up: health, reads, and the earlier conversation.
            QCOMPARE(gateway.process().state(), QProcess::Running);
            QCOMPARE(TestSupport::httpGet(QUrl(u"http://127.0.0.1:%1/health"_s.arg(gateway.port()))).status, 200);
            const QStringList lines = history(client, u"main"_s);
            QVERIFY2(lines.size() >= 2 && lines.at(0) == u"user: before the limit", qPrintable(lines.join(u'|')));
            QCOMPARE(lines.at(1), u"assistant: Kept."_s);
        }
        QCOMPARE(gateway.process().state(), QProcess::Running);
        QCOMPARE(gateway.terminate(), 0);

        // Space again (no limit): every acknowledged message is there, and chatting works.
        gateway.process().setChildProcessModifier({});
        QVERIFY2(gateway.start({}, env), gateway.standardError().constData());
        {
            Gateway::Storage::Database db;
            QVERIFY(db.open({ QDir(gateway.home()).filePath(u"skynet.db"_s) }));
            for (const QString &text : std::as_const(accepted)) {
                QSqlQuery q(db.connection());
                q.prepare(u"SELECT COUNT(*) FROM runs WHERE message = ?"_s);
                q.addBindValue(text);
                QVERIFY(q.exec() && q.next());
                QVERIFY2(q.value(0).toInt() == 1, qPrintable(u"lost: "_s + text.left(20)));
            }
        }
        ProtocolClient client;
        QVERIFY(
            client.openAndConnect(QUrl(u"ws://127.0.0.1:%1"_s.arg(gateway.port())), token, 4, { u"operator.write"_s }));
        chatOk(client, u"after the limit"_s, u"run-after"_s, u"Working again."_s);
        QCOMPARE(gateway.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_StorageFaults)
#include "tst_storagefaults.moc"
