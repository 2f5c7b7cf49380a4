// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// ChannelsController against a real in-process gateway built from a skynet.toml in a temp home,
// with FakeTelegram / FakeDiscord playing the platforms: secrets go to the store and only
// references to the file, connection tests, pairing requests approved from the page.

#include <memory>

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "apphost.h"
#include "channels/channelmanager.h"
#include "channels/channelscontroller.h"
#include "fakediscord.h"
#include "faketelegram.h"
#include "people/directory.h"
#include "people/userstore.h"
#include "service/service.h"

using namespace Qt::StringLiterals;

class tst_ChannelsController final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fakes::FakeTelegram> m_telegram;
    std::unique_ptr<Fakes::FakeDiscord> m_discord;
    std::unique_ptr<AppTest::Home> m_home;
    std::unique_ptr<GatewayHost> m_host;
    std::unique_ptr<ChannelsController> m_controller;
    std::unique_ptr<QAbstractItemModelTester> m_channelTester;
    std::unique_ptr<QAbstractItemModelTester> m_pairingTester;

    QVariant role(const QString &channel, int role) const
    {
        const int row = m_controller->channels()->indexOf(channel);
        return m_controller->channels()->data(m_controller->channels()->index(row), role);
    }

    bool isSet(const QString &channel, const QString &key) const
    {
        for (const QVariant &f : role(channel, ChannelListModel::SecretFieldsRole).toList()) {
            const QVariantMap field = f.toMap();
            if (field.value(u"key"_s) == key)
                return field.value(u"isSet"_s).toBool();
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_telegram = std::make_unique<Fakes::FakeTelegram>();
        QVERIFY(m_telegram->listen());
        m_discord = std::make_unique<Fakes::FakeDiscord>();
        QVERIFY(m_discord->listen());
        m_home = std::make_unique<AppTest::Home>();
        QVERIFY(m_home->prepare({ { u"channels.telegram.base_url"_s, m_telegram->baseUrl().toString() },
            { u"channels.telegram.poll_timeout_s"_s, 1 },
            { u"channels.discord.api_base"_s, m_discord->apiUrl().toString() } }));
        m_host = m_home->host();
        QVERIFY(m_host);
        QTRY_VERIFY_WITH_TIMEOUT(m_host->service()->isReady(), TestSupport::WAIT_MS);
        m_controller = std::make_unique<ChannelsController>(*m_host);
        m_channelTester = std::make_unique<QAbstractItemModelTester>(
            m_controller->channels(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_pairingTester = std::make_unique<QAbstractItemModelTester>(
            m_controller->pairings(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->channels()->rowCount(), 4, TestSupport::WAIT_MS);
    }

    void cleanup()
    {
        m_pairingTester.reset();
        m_channelTester.reset();
        m_controller.reset();
        m_host.reset();
        m_home.reset();
        m_discord.reset();
        m_telegram.reset();
    }

    void listsEveryChannel()
    {
        const QStringList ids { u"telegram"_s, u"discord"_s, u"whatsapp"_s, u"webchat"_s };
        for (int i = 0; i < ids.size(); ++i) {
            const QModelIndex index = m_controller->channels()->index(i);
            QCOMPARE(index.data(ChannelListModel::ChannelIdRole).toString(), ids.at(i));
            QVERIFY(!index.data(ChannelListModel::LabelRole).toString().isEmpty());
        }
        QCOMPARE(role(u"telegram"_s, ChannelListModel::StateRole).toString(), u"disabled"_s);
        QCOMPARE(role(u"telegram"_s, ChannelListModel::EnabledRole).toBool(), false);
        QCOMPARE(role(u"telegram"_s, ChannelListModel::DmPolicyRole).toString(), u"pairing"_s);
        QCOMPARE(role(u"whatsapp"_s, ChannelListModel::SecretFieldsRole).toList().size(), 3);
        QCOMPARE(role(u"webchat"_s, ChannelListModel::TestableRole).toBool(), false);
        QVERIFY(!isSet(u"telegram"_s, u"token"_s));
    }

    void savingKeepsTheTokenOutOfTheFile()
    {
        const QString token = m_telegram->token();
        QSignalSpy saved(m_controller.get(), &ChannelsController::saved);
        QVERIFY2(m_controller->save(u"telegram"_s, true, u"open"_s, { { u"token"_s, token } }),
            qPrintable(m_controller->errorString()));
        QCOMPARE(saved.size(), 1);
        QVERIFY(!m_controller->hasError());
        // The token is in the secret store, the file only names it.
        QCOMPARE(m_home->secrets->read(u"channels.telegram.token"_s).value_or(QString()), token);
        const QString text = m_home->configText();
        QVERIFY(text.contains(u"token = \"secret:channels.telegram.token\""_s));
        QVERIFY2(!text.contains(token), "the token must never be written to skynet.toml");
        QVERIFY(!text.contains(token.section(u':', 1)));
        QVERIFY(text.contains(u"dm_policy = \"open\""_s));
        // The restarted gateway runs the channel with it.
        QVERIFY(m_host->service()->settings().channels.telegram.enabled);
        QTRY_COMPARE_WITH_TIMEOUT(
            role(u"telegram"_s, ChannelListModel::StateRole).toString(), u"running"_s, TestSupport::WAIT_MS);
        QVERIFY(isSet(u"telegram"_s, u"token"_s));
        QCOMPARE(role(u"telegram"_s, ChannelListModel::DmPolicyRole).toString(), u"open"_s);
        // The model never carries the value.
        for (int r = ChannelListModel::ChannelIdRole; r <= ChannelListModel::TestableRole; ++r)
            QVERIFY(!role(u"telegram"_s, r).toString().contains(token));

        // Saving again with an empty field keeps the stored token; disabling stops the channel.
        QVERIFY2(m_controller->save(u"telegram"_s, false, u"pairing"_s, { { u"token"_s, QString() } }),
            qPrintable(m_controller->errorString()));
        QCOMPARE(m_home->secrets->read(u"channels.telegram.token"_s).value_or(QString()), token);
        QTRY_COMPARE_WITH_TIMEOUT(
            role(u"telegram"_s, ChannelListModel::StateRole).toString(), u"disabled"_s, TestSupport::WAIT_MS);
        QVERIFY(isSet(u"telegram"_s, u"token"_s));
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QVariantMap>("secrets");
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QString>("error");
        QTest::addRow("enabled without a token")
            << u"telegram"_s << true << u"pairing"_s << QVariantMap { { u"token"_s, u"  "_s } } << QString()
            << u"enter the bot token"_s;
        QTest::addRow("space in the token")
            << u"discord"_s << true << u"pairing"_s << QVariantMap { { u"token"_s, u"abc def"_s } } << QString()
            << u"characters"_s;
        QTest::addRow("non-ASCII token") << u"telegram"_s << true << u"pairing"_s
                                         << QVariantMap { { u"token"_s, u"tökén"_s } } << QString() << u"characters"_s;
        QTest::addRow("unknown key") << u"telegram"_s << false << u"pairing"_s
                                     << QVariantMap { { u"password"_s, u"x"_s } } << QString() << u"no setting"_s;
        QTest::addRow("unknown channel") << u"irc"_s << true << u"pairing"_s << QVariantMap() << QString()
                                         << u"Unknown channel"_s;
        QTest::addRow("unknown policy") << u"telegram"_s << false << u"everyone"_s << QVariantMap() << QString()
                                        << u"pairing, allowlist or open"_s;
        QTest::addRow("phone id with letters")
            << u"whatsapp"_s << false << u"pairing"_s << QVariantMap() << u"12a4"_s << u"digits only"_s;
        QTest::addRow("whatsapp without secrets")
            << u"whatsapp"_s << true << u"pairing"_s << QVariantMap { { u"access_token"_s, u"EAAx"_s } } << u"1234"_s
            << u"app secret"_s;
    }

    void badInputIsRefused()
    {
        QFETCH(QString, channel);
        QFETCH(bool, enabled);
        QFETCH(QString, policy);
        QFETCH(QVariantMap, secrets);
        QFETCH(QString, phone);
        QFETCH(QString, error);
        const QString before = m_home->configText();
        QSignalSpy errors(m_controller.get(), &ChannelsController::errorOccurred);
        QVERIFY(!m_controller->save(channel, enabled, policy, secrets, phone));
        QCOMPARE(errors.size(), 1);
        QVERIFY(m_controller->hasError());
        QVERIFY2(
            m_controller->errorString().contains(error, Qt::CaseInsensitive), qPrintable(m_controller->errorString()));
        // Nothing was written.
        QCOMPARE(m_home->configText(), before);
        QVERIFY(!m_home->secrets->read(u"channels.%1.token"_s.arg(channel)).has_value());
        QVERIFY(!m_home->secrets->read(u"channels.whatsapp.access_token"_s).has_value());
        m_controller->clearError();
        QVERIFY(!m_controller->hasError());
    }

    void testsTheConnectionBeforeSaving_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::addColumn<bool>("goodToken");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("message");
        QTest::addRow("telegram ok") << u"telegram"_s << true << true << u"@skynet_test_bot"_s;
        QTest::addRow("telegram wrong token") << u"telegram"_s << false << false << u"Unauthorized"_s;
        QTest::addRow("discord ok") << u"discord"_s << true << true << u"skynet-bot"_s;
        QTest::addRow("discord wrong token") << u"discord"_s << false << false << u"401: Unauthorized"_s;
    }

    void testsTheConnectionBeforeSaving()
    {
        QFETCH(QString, channel);
        QFETCH(bool, goodToken);
        QFETCH(bool, ok);
        QFETCH(QString, message);
        const QString good = channel == u"telegram" ? m_telegram->token() : m_discord->token();
        const QString token = goodToken ? good : u"123456:WrongWrongWrong"_s;
        QSignalSpy changed(m_controller.get(), &ChannelsController::testChanged);
        m_controller->testConnection(channel, token);
        QVERIFY(m_controller->isTesting());
        QCOMPARE(m_controller->testChannel(), channel);
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isTesting(), TestSupport::WAIT_MS);
        QCOMPARE(m_controller->testOk(), ok);
        QVERIFY2(m_controller->testMessage().contains(message), qPrintable(m_controller->testMessage()));
        QVERIFY(!m_controller->testMessage().contains(token));
        QVERIFY(changed.size() >= 2);
        // Testing saves nothing.
        QVERIFY(!m_home->secrets->read(u"channels.%1.token"_s.arg(channel)).has_value());
    }

    void testWithoutATokenUsesTheStoredOne()
    {
        m_controller->testConnection(u"telegram"_s, QString());
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isTesting(), TestSupport::WAIT_MS);
        QVERIFY(!m_controller->testOk()); // nothing stored yet
        QVERIFY(m_home->secrets->write(u"channels.telegram.token"_s, m_telegram->token()));
        QVERIFY(m_controller->save(u"telegram"_s, false, u"pairing"_s, {}));
        m_controller->testConnection(u"telegram"_s, QString());
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isTesting(), TestSupport::WAIT_MS);
        QVERIFY(!m_controller->testOk()); // the file still points at env:TELEGRAM_BOT_TOKEN
        QVERIFY(m_controller->save(u"telegram"_s, false, u"pairing"_s, { { u"token"_s, m_telegram->token() } }));
        m_controller->testConnection(u"telegram"_s, QString());
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isTesting(), TestSupport::WAIT_MS);
        QVERIFY2(m_controller->testOk(), qPrintable(m_controller->testMessage()));
    }

    void approvesAPairingRequest()
    {
        QVERIFY(m_controller->save(u"telegram"_s, true, u"pairing"_s, { { u"token"_s, m_telegram->token() } }));
        QTRY_COMPARE_WITH_TIMEOUT(
            role(u"telegram"_s, ChannelListModel::StateRole).toString(), u"running"_s, TestSupport::WAIT_MS);
        QSignalSpy requested(m_controller.get(), &ChannelsController::pairingRequested);
        const qint64 stranger = 4242;
        m_telegram->injectMessage(stranger, stranger, u"hello?"_s);
        // The stranger gets a code; the page lists the request live.
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->pairings()->rowCount(), 1, TestSupport::WAIT_MS);
        const QModelIndex request = m_controller->pairings()->index(0);
        const QString code = request.data(PairingListModel::CodeRole).toString();
        QCOMPARE(request.data(PairingListModel::ChannelRole).toString(), u"telegram"_s);
        QCOMPARE(request.data(PairingListModel::SenderIdRole).toString(), QString::number(stranger));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(1).toString(), code);
        QTRY_COMPARE_WITH_TIMEOUT(
            role(u"telegram"_s, ChannelListModel::PendingPairingsRole).toInt(), 1, TestSupport::WAIT_MS);
        QTRY_VERIFY_WITH_TIMEOUT(!m_telegram->sentMessages().isEmpty(), TestSupport::WAIT_MS);
        QVERIFY(m_telegram->sentMessages().constLast().text.contains(code));

        // A wrong code is an error, the list stays.
        m_controller->approve(u"telegram"_s, u"WRONG123"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->hasError(), TestSupport::WAIT_MS);
        QCOMPARE(m_controller->pairings()->rowCount(), 1);

        QSignalSpy decided(m_controller.get(), &ChannelsController::pairingDecided);
        m_controller->approve(u"telegram"_s, code);
        QTRY_COMPARE_WITH_TIMEOUT(decided.size(), 1, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->pairings()->rowCount(), 0, TestSupport::WAIT_MS);
        // Approving links the person: a user with the Telegram identity, told they are in.
        const auto identity = m_host->service()->people()->users()->identity(u"telegram"_s, QString::number(stranger));
        QVERIFY(identity);
        QCOMPARE(decided.first().at(3).toString(), identity->userId);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_telegram->sentMessages().constLast().text.contains(u"approved"_s), TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(
            role(u"telegram"_s, ChannelListModel::PendingPairingsRole).toInt(), 0, TestSupport::WAIT_MS);
    }

    void rejectsAPairingRequest()
    {
        QVERIFY(m_controller->save(u"telegram"_s, true, u"pairing"_s, { { u"token"_s, m_telegram->token() } }));
        m_telegram->injectMessage(77, 77, u"let me in"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->pairings()->rowCount(), 1, TestSupport::WAIT_MS);
        const QString code = m_controller->pairings()->index(0).data(PairingListModel::CodeRole).toString();
        m_controller->reject(u"telegram"_s, code);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->pairings()->rowCount(), 0, TestSupport::WAIT_MS);
        QVERIFY(!m_host->service()->people()->users()->identity(u"telegram"_s, u"77"_s));
        QVERIFY(!m_controller->hasError());
    }
};

QTEST_GUILESS_MAIN(tst_ChannelsController)
#include "tst_channelscontroller.moc"
