// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// End to end: the built skynet-gateway started as a subprocess with a throwaway home.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::GatewayProcess;
using TestSupport::ProtocolClient;

class tst_GatewayProcess final : public QObject
{
    Q_OBJECT

private:
    static QUrl ws(quint16 port) { return QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)); }
    static QUrl http(quint16 port, const QString &path) { return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)); }

    static void writeFile(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(GatewayProcess::binary()), qPrintable(GatewayProcess::binary())); }

    void firstRunCreatesHomeAndToken()
    {
        GatewayProcess gateway;
        QVERIFY2(gateway.start(), gateway.standardError().constData());
        const QDir home(gateway.home());
        QVERIFY(home.exists(u"skynet.toml"_s));
        QVERIFY(home.exists(u"skynet.db"_s));
        QVERIFY(home.exists(u"secrets.json"_s));
        QVERIFY(home.exists(u"logs/skynet.log"_s));
        QVERIFY(!(
            QFile::permissions(home.filePath(u"secrets.json"_s)) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        QVERIFY(
            !(QFile::permissions(home.filePath(u"skynet.db"_s)) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));

        // A token was generated; stderr is not a terminal here, so its value is not printed ...
        QTRY_VERIFY_WITH_TIMEOUT(gateway.standardError().contains("generated a gateway token"), TestSupport::WAIT_MS);
        // ... `skynet-gateway token` prints it ...
        GatewayProcess reader;
        QCOMPARE(reader.run({ u"--home"_s, gateway.home(), u"token"_s }), 0);
        const QString token = QString::fromUtf8(reader.standardOutput().trimmed());
        QCOMPARE(token.size(), 43);
        QVERIFY(!gateway.standardError().contains(token.toUtf8()));
        // ... it is accepted ...
        ProtocolClient client;
        QVERIFY(client.openAndConnect(ws(gateway.port()), token));
        QCOMPARE(client.request(u"health"_s).value(u"ok"_s).toBool(), true);
        // ... and never lands in the config or the log.
        QFile config(home.filePath(u"skynet.toml"_s));
        QVERIFY(config.open(QIODevice::ReadOnly));
        QVERIFY(!config.readAll().contains(token.toUtf8()));
        QFile log(home.filePath(u"logs/skynet.log"_s));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(!log.readAll().contains(token.toUtf8()));

        // A second start does not generate another token.
        QCOMPARE(gateway.terminate(), 0);
        GatewayProcess second;
        QVERIFY(second.start({ u"--home"_s, gateway.home() }));
        QVERIFY(!second.standardError().contains("generated a gateway token"));
        GatewayProcess reader2;
        QCOMPARE(reader2.run({ u"--home"_s, gateway.home(), u"token"_s }), 0);
        QCOMPARE(QString::fromUtf8(reader2.standardOutput().trimmed()), token);
    }

    void healthAndAccessLog()
    {
        GatewayProcess gateway;
        QVERIFY(gateway.start({}, { u"SKYNET_GATEWAY_TOKEN=env-token-123456"_s }));
        const auto health = TestSupport::httpGet(http(gateway.port(), u"/health"_s));
        QCOMPARE(health.status, 200);
        QCOMPARE(QJsonDocument::fromJson(health.body).object().value(u"status"_s).toString(), u"live"_s);
        QCOMPARE(TestSupport::httpGet(http(gateway.port(), u"/readyz"_s)).status, 200);
        ProtocolClient client;
        QVERIFY(client.openAndConnect(ws(gateway.port()), u"env-token-123456"_s));
        // No token was generated: the environment variable was used.
        QVERIFY(!gateway.standardError().contains("generated a gateway token"));
        QTRY_VERIFY_WITH_TIMEOUT(
            gateway.standardError().contains("skynet.gateway.access: http method=GET path=/health status=200"),
            TestSupport::WAIT_MS);
    }

    void sigtermShutsDownCleanly()
    {
        GatewayProcess gateway;
        QVERIFY(gateway.start({}, { u"SKYNET_GATEWAY_TOKEN=env-token-123456"_s }));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(ws(gateway.port()), u"env-token-123456"_s));
        QCOMPARE(gateway.terminate(), 0);
        QVERIFY(!client.waitForEvent(u"shutdown"_s).isEmpty());
        QCOMPARE(client.waitForClose(), 1001);
        QTRY_VERIFY_WITH_TIMEOUT(client.frames().size() > 0, TestSupport::WAIT_MS);
        QVERIFY(client.closeReason().contains(u"stop"_s));
    }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("output");
        QTest::addRow("--version") << QStringList { u"--version"_s } << 0
                                   << QByteArray("skynet-gateway " SKYNET_VERSION);
        QTest::addRow("--help") << QStringList { u"--help"_s } << 0 << QByteArray("--config");
        QTest::addRow("unknown option") << QStringList { u"--frobnicate"_s } << 2 << QByteArray("frobnicate");
        QTest::addRow("--no-gui is the desktop app's") << QStringList { u"--no-gui"_s } << 2 << QByteArray("no-gui");
        QTest::addRow("--minimized is the desktop app's")
            << QStringList { u"--minimized"_s } << 2 << QByteArray("minimized");
        QTest::addRow("bad port") << QStringList { u"--port"_s, u"99999"_s } << 2 << QByteArray("--port expects");
        QTest::addRow("port not a number")
            << QStringList { u"--port"_s, u"http"_s } << 2 << QByteArray("--port expects");
        QTest::addRow("missing option value") << QStringList { u"--port"_s } << 2 << QByteArray("port");
        QTest::addRow("bad log level") << QStringList { u"--log-level"_s, u"loud"_s } << 2 << QByteArray("--log-level");
        QTest::addRow("unknown command") << QStringList { u"launch"_s } << 2 << QByteArray("unknown command");
        QTest::addRow("missing --config file")
            << QStringList { u"--config"_s, u"/no/such/skynet.toml"_s } << 2 << QByteArray("does not exist");
    }

    void commandLine()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, output);
        GatewayProcess gateway;
        QCOMPARE(gateway.run(QStringList { u"--home"_s, gateway.home() } + args), exitCode);
        const QByteArray all = gateway.standardOutput() + gateway.standardError();
        QVERIFY2(all.contains(output), all.constData());
    }

    void badConfigExitsWithTwo_data()
    {
        QTest::addColumn<QByteArray>("toml");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("syntax") << QByteArray("[gateway]\nport = = 1\n") << QByteArray("skynet.toml:2:");
        QTest::addRow("wrong type") << QByteArray("[gateway]\nport = \"abc\"\n") << QByteArray("gateway.port");
        QTest::addRow("port out of range") << QByteArray("[gateway]\nport = 70000\n") << QByteArray("gateway.port");
        QTest::addRow("unknown section") << QByteArray("[gatway]\nport = 1\n") << QByteArray("gatway");
    }

    void badConfigExitsWithTwo()
    {
        QFETCH(QByteArray, toml);
        QFETCH(QByteArray, expected);
        GatewayProcess gateway;
        writeFile(QDir(gateway.home()).filePath(u"skynet.toml"_s), toml);
        QCOMPARE(gateway.run({ u"--home"_s, gateway.home() }), 2);
        QVERIFY2(gateway.standardError().contains(expected), gateway.standardError().constData());
        // config check reports the same problem without starting anything.
        GatewayProcess checker;
        QCOMPARE(checker.run({ u"--home"_s, gateway.home(), u"config"_s, u"check"_s }), 2);
    }

    void unknownKeyIsAWarning()
    {
        GatewayProcess gateway;
        writeFile(QDir(gateway.home()).filePath(u"skynet.toml"_s), "[gateway]\nport = 18789\nflux_capacitor = 1\n");
        QVERIFY(gateway.start());
        QTRY_VERIFY_WITH_TIMEOUT(gateway.standardError().contains("flux_capacitor"), TestSupport::WAIT_MS);
    }

    void environmentOverridesFile()
    {
        GatewayProcess gateway;
        writeFile(QDir(gateway.home()).filePath(u"skynet.toml"_s), "[gateway]\ntick_interval_ms = 30000\n");
        QVERIFY(gateway.start(
            {}, { u"SKYNET_GATEWAY_TOKEN=env-token-123456"_s, u"SKYNET_GATEWAY_TICK_INTERVAL_MS=1000"_s }));
        ProtocolClient client;
        QVERIFY(client.open(ws(gateway.port())));
        const QJsonObject hello = client.connect(ProtocolClient::connectParams(u"env-token-123456"_s));
        QCOMPARE(hello.value(u"payload"_s).toObject().value(u"policy"_s).toObject().value(u"tickIntervalMs"_s).toInt(),
            1000);
    }

    void refusesNonLoopbackWithoutToken()
    {
        GatewayProcess gateway;
        writeFile(QDir(gateway.home()).filePath(u"skynet.toml"_s), "[gateway]\nauth = \"none\"\n");
        QCOMPARE(gateway.run({ u"--home"_s, gateway.home(), u"--port"_s, u"0"_s, u"--bind"_s, u"0.0.0.0"_s }), 1);
        QVERIFY2(gateway.standardError().contains("without authentication"), gateway.standardError().constData());
    }

    void refusesNonLoopbackWithoutTls()
    {
        GatewayProcess gateway;
        QCOMPARE(gateway.run({ u"--home"_s, gateway.home(), u"--port"_s, u"0"_s, u"--bind"_s, u"0.0.0.0"_s },
                     { u"SKYNET_GATEWAY_TOKEN=env-token-123456"_s }),
            1);
        QVERIFY2(gateway.standardError().contains("without TLS"), gateway.standardError().constData());
    }

    void portInUse()
    {
        GatewayProcess first;
        QVERIFY(first.start({}, { u"SKYNET_GATEWAY_TOKEN=env-token-123456"_s }));
        GatewayProcess second;
        QCOMPARE(second.run({ u"--home"_s, second.home(), u"--port"_s, QString::number(first.port()) },
                     { u"SKYNET_GATEWAY_TOKEN=env-token-123456"_s }),
            1);
        QVERIFY2(second.standardError().contains("cannot listen"), second.standardError().constData());
    }

    void newerDatabaseIsRefused()
    {
        GatewayProcess gateway;
        QVERIFY(gateway.start({}, { u"SKYNET_GATEWAY_TOKEN=env-token-123456"_s }));
        QCOMPARE(gateway.terminate(), 0);
        {
            // Pretend a future Skynet wrote this database.
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"future"_s);
            db.setDatabaseName(QDir(gateway.home()).filePath(u"skynet.db"_s));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"INSERT INTO schema_version (version) VALUES (999)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"future"_s);
        GatewayProcess again;
        QCOMPARE(again.run({ u"--home"_s, gateway.home(), u"--port"_s, u"0"_s },
                     { u"SKYNET_GATEWAY_TOKEN=env-token-123456"_s }),
            1);
        QVERIFY2(again.standardError().contains("newer than this Skynet"), again.standardError().constData());
    }
};

QTEST_GUILESS_MAIN(tst_GatewayProcess)
#include "tst_gatewayprocess.moc"
