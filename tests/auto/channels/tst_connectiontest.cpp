// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Channels::testConnection against the platform fakes: the bot's name on success, the platform's
// own error text on failure, bad input refused before any request, the token never in the error.
#include <optional>

#include <QNetworkAccessManager>
#include <QTest>

#include "channels/connectiontest.h"
#include "fakediscord.h"
#include "faketelegram.h"
#include "fakewhatsapp.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Channels::ConnectionTarget;
using Gateway::Channels::ConnectionTestResult;

class tst_ConnectionTest final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

    ConnectionTestResult run(const ConnectionTarget &target)
    {
        std::optional<ConnectionTestResult> result;
        bool synchronous = true;
        Gateway::Channels::testConnection(m_nam, target, [&](const ConnectionTestResult &r) {
            result = r;
            QVERIFY2(!synchronous, "the callback must not run inside testConnection()");
        });
        synchronous = false;
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), TestSupport::WAIT_MS); }();
        return result.value_or(ConnectionTestResult { false, {}, u"no answer"_s });
    }

private Q_SLOTS:
    void telegram()
    {
        Fakes::FakeTelegram telegram;
        QVERIFY(telegram.listen());
        ConnectionTarget target { u"telegram"_s, telegram.baseUrl(), telegram.token(), {}, {} };
        ConnectionTestResult r = run(target);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.botName, u"@skynet_test_bot"_s);

        target.token = u"123456789:AAWrongTokenWrongTokenWrongToken"_s;
        r = run(target);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"Unauthorized"_s), qPrintable(r.error));
        QVERIFY(!r.error.contains(target.token));
        QVERIFY(r.botName.isEmpty());
    }

    void discord()
    {
        Fakes::FakeDiscord discord;
        QVERIFY(discord.listen());
        ConnectionTarget target { u"discord"_s, discord.apiUrl(), discord.token(), {}, {} };
        ConnectionTestResult r = run(target);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.botName, discord.botUsername());

        target.token = u"not-the-token"_s;
        r = run(target);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"401: Unauthorized"_s), qPrintable(r.error));
        QVERIFY(!r.error.contains(target.token));
    }

    void whatsapp()
    {
        Fakes::FakeWhatsApp whatsapp;
        QVERIFY(whatsapp.listen());
        ConnectionTarget target { u"whatsapp"_s, whatsapp.baseUrl(), whatsapp.accessToken(), whatsapp.phoneNumberId(),
            u"v23.0"_s };
        ConnectionTestResult r = run(target);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.botName, u"Skynet Test (15550783881)"_s);

        target.token = u"EAAWrong"_s;
        r = run(target);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"Invalid OAuth access token"_s), qPrintable(r.error));
        QVERIFY(!r.error.contains(target.token));

        // Another phone number id: Graph's "does not exist" text.
        target.token = whatsapp.accessToken();
        target.phoneNumberId = u"999"_s;
        r = run(target);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"does not exist"_s), qPrintable(r.error));
    }

    void unreachable()
    {
        // A port nothing listens on: the transport's error, without the token from the URL.
        Fakes::FakeTelegram telegram;
        QVERIFY(telegram.listen());
        QUrl base = telegram.baseUrl();
        const QString token = telegram.token();
        {
            Fakes::FakeTelegram gone;
            QVERIFY(gone.listen());
            base = gone.baseUrl();
        }
        const ConnectionTestResult r = run(ConnectionTarget { u"telegram"_s, base, token, {}, {} });
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
        QVERIFY2(!r.error.contains(token), qPrintable(r.error));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QString>("error");
        QTest::addRow("empty token") << u"telegram"_s << u"  "_s << QString() << u"no token"_s;
        QTest::addRow("space in token") << u"discord"_s << u"abc def"_s << QString() << u"characters"_s;
        QTest::addRow("slash in token") << u"telegram"_s << u"123/getUpdates"_s << QString() << u"characters"_s;
        QTest::addRow("non-ASCII token") << u"telegram"_s << u"tökén"_s << QString() << u"characters"_s;
        QTest::addRow("phone id not digits") << u"whatsapp"_s << u"EAA"_s << u"12a"_s << u"digits"_s;
        QTest::addRow("no phone id") << u"whatsapp"_s << u"EAA"_s << QString() << u"digits"_s;
        QTest::addRow("unknown channel") << u"irc"_s << u"abc"_s << QString() << u"unknown channel"_s;
    }

    void badInput()
    {
        QFETCH(QString, channel);
        QFETCH(QString, token);
        QFETCH(QString, phone);
        QFETCH(QString, error);
        const ConnectionTestResult r
            = run(ConnectionTarget { channel, QUrl(u"http://127.0.0.1:9"_s), token, phone, {} });
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(error), qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(tst_ConnectionTest)
#include "tst_connectiontest.moc"
