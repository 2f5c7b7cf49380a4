// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
//
// Secrets never reach the disk: the built gateway runs with every kind of secret configured (the
// gateway token, a cloud provider key, a channel bot token), logs at debug level to its file,
// answers a chat over the protocol and a Telegram message through the fakes, refuses a wrong
// token, and stops. Then every byte of every file in its home (config, database with its WAL,
// logs) is searched for each secret, raw and percent-encoded. The secrets come from the
// environment (env: references), so nothing in the home folder may hold them.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

#include "fakeanthropic.h"
#include "faketelegram.h"
#include "testsupport.h"

using namespace Qt::StringLiterals;
using TestSupport::GatewayProcess;
using TestSupport::ProtocolClient;

namespace
{
const QString GATEWAY_TOKEN = u"scan-gateway-token-7d1f0c2a9b8e4f56"_s;
const QString ANTHROPIC_KEY = u"sk-ant-scan-4f2b9c1d8e7a6b5c4d3e2f1a"_s;
const QString TELEGRAM_TOKEN = u"987654321:AAScanTelegramTokenQ1w2E3r4T5y6U7i8"_s;
} // namespace

class tst_SecretScan final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noSecretOnDiskAfterAFullRun()
    {
        Fakes::FakeAnthropic anthropic;
        anthropic.setApiKey(ANTHROPIC_KEY); // the fake refuses any other key: the key is really used
        QVERIFY(anthropic.listen());
        Fakes::FakeTelegram telegram;
        telegram.setToken(TELEGRAM_TOKEN);
        QVERIFY(telegram.listen());

        GatewayProcess gateway;
        QFile config(QDir(gateway.home()).filePath(u"skynet.toml"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(u"[logging]\n"
                     "level = \"debug\"\n"
                     "file = true\n"
                     "[providers.ollama]\n"
                     "enabled = false\n"
                     "[providers.anthropic]\n"
                     "base_url = \"%1\"\n"
                     "api_key = \"env:SCAN_ANTHROPIC_KEY\"\n"
                     "[routing]\n"
                     "trivial = \"anthropic:claude-sonnet-4-5\"\n"
                     "standard = \"anthropic:claude-sonnet-4-5\"\n"
                     "complex = \"anthropic:claude-sonnet-4-5\"\n"
                     "[channels.telegram]\n"
                     "enabled = true\n"
                     "token = \"env:SCAN_TELEGRAM_TOKEN\"\n"
                     "base_url = \"%2\"\n"
                     "dm_policy = \"open\"\n"
                     "poll_timeout_s = 1\n"_s.arg(anthropic.baseUrl().toString(), telegram.baseUrl().toString())
                         .toUtf8());
        config.close();
        QVERIFY2(gateway.start({},
                     { u"SKYNET_GATEWAY_TOKEN="_s + GATEWAY_TOKEN, u"SCAN_ANTHROPIC_KEY="_s + ANTHROPIC_KEY,
                         u"SCAN_TELEGRAM_TOKEN="_s + TELEGRAM_TOKEN }),
            gateway.standardError().constData());
        const QUrl url(u"ws://127.0.0.1:%1"_s.arg(gateway.port()));

        // A wrong token is refused (and logged) ...
        ProtocolClient stranger;
        QVERIFY(!stranger.openAndConnect(url, GATEWAY_TOKEN + u"x"_s));
        // ... the right one chats through the cloud provider ...
        ProtocolClient owner;
        QVERIFY(owner.openAndConnect(url, GATEWAY_TOKEN, 4, { u"operator.admin"_s }));
        const QJsonObject sent = owner.request(u"chat.send"_s,
            { { u"sessionKey"_s, u"main"_s }, { u"message"_s, u"hello"_s }, { u"idempotencyKey"_s, u"scan-1"_s } });
        QVERIFY2(sent.value(u"ok"_s).toBool(), qPrintable(QString::fromUtf8(QJsonDocument(sent).toJson())));
        QJsonObject final;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QJsonObject &frame : owner.frames()) {
                    const QJsonObject payload = frame.value(u"payload"_s).toObject();
                    if (frame.value(u"event"_s) == u"chat"_s && payload.value(u"state"_s) == u"final"_s)
                        return true;
                }
                return false;
            }(),
            TestSupport::WAIT_MS);
        // ... and a Telegram user gets an answer (the bot token is in every Bot API URL).
        telegram.injectMessage(4242, 4242, u"hi from telegram"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!telegram.sentMessages().isEmpty(), TestSupport::WAIT_MS);
        QCOMPARE(gateway.terminate(), 0);

        // Every file of the home folder, every byte.
        const QList<QByteArray> secrets { GATEWAY_TOKEN.toUtf8(), ANTHROPIC_KEY.toUtf8(), TELEGRAM_TOKEN.toUtf8() };
        int files = 0;
        bool sawLog = false;
        bool sawDatabase = false;
        QDirIterator it(gateway.home(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray content = file.readAll();
            ++files;
            sawLog = sawLog || (path.endsWith(u".log"_s) && !content.isEmpty());
            sawDatabase = sawDatabase || path.endsWith(u".db"_s);
            for (const QByteArray &secret : secrets) {
                QVERIFY2(!content.contains(secret), qPrintable(u"a secret is in "_s + path));
                QVERIFY2(!content.contains(QUrl::toPercentEncoding(QString::fromUtf8(secret))),
                    qPrintable(u"a percent-encoded secret is in "_s + path));
            }
        }
        // The scan looked at something real: a log with content and the database.
        QVERIFY2(sawLog, "no log file was written");
        QVERIFY2(sawDatabase, "no database was written");
        QVERIFY(files >= 3);
        // The secrets were used: the fakes saw the key and the token.
        QVERIFY(!anthropic.server().requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_SecretScan)
#include "tst_secretscan.moc"
