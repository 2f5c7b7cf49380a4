// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
//
// One person, four channels: Alice talks to Skynet on Telegram, Discord, WhatsApp and the web
// chat (all configured from [channels.*] like a real install, each against its fake), links the
// accounts with /link, and from then on is one user: one identity list, one memory, the same
// answer to /whoami everywhere — also after a restart.

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

#include "fakediscord.h"
#include "fakeollama.h"
#include "faketelegram.h"
#include "fakewhatsapp.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeDiscord;
using Fakes::FakeOllama;
using Fakes::FakeTelegram;
using Fakes::FakeWhatsApp;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

namespace
{
constexpr qint64 ALICE_TELEGRAM = 7001;
const QString ALICE_WHATSAPP = u"15557770001"_s;
constexpr int WAIT = 20000;
} // namespace

class tst_OnePerson final : public QObject
{
    Q_OBJECT

private:
    FakeOllama m_ollama;
    FakeTelegram m_telegram;
    FakeDiscord m_discord;
    FakeWhatsApp m_whatsapp;
    QTemporaryDir m_home;
    std::unique_ptr<TestGateway> m_gateway;

    void startGateway()
    {
        const QString ollama = m_ollama.baseUrl().toString();
        const QString telegram = m_telegram.baseUrl().toString();
        const QString discordApi = m_discord.apiUrl().toString();
        const QString discordGateway = m_discord.gatewayUrl();
        const QString graph = m_whatsapp.baseUrl().toString();
        const QString phone = m_whatsapp.phoneNumberId();
        m_gateway.reset();
        m_gateway = std::make_unique<TestGateway>(
            [=](Gateway::Config::Settings &s) {
                s.providers.ollama.baseUrl = ollama;
                s.providers.ollama.model = u"llama3.2"_s;
                s.providers.ollama.maxRetries = 0;
                s.channels.telegram.enabled = true;
                s.channels.telegram.baseUrl = telegram;
                s.channels.telegram.token = u"env:SKYNET_TEST_ONE_TG"_s;
                s.channels.telegram.dmPolicy = u"open"_s;
                s.channels.telegram.pollTimeoutS = 2;
                s.channels.discord.enabled = true;
                s.channels.discord.apiBase = discordApi;
                s.channels.discord.gatewayUrl = discordGateway;
                s.channels.discord.token = u"env:SKYNET_TEST_ONE_DC"_s;
                s.channels.discord.dmPolicy = u"open"_s;
                s.channels.whatsapp.enabled = true;
                s.channels.whatsapp.graphBase = graph;
                s.channels.whatsapp.phoneNumberId = phone;
                s.channels.whatsapp.accessToken = u"env:SKYNET_TEST_ONE_WA_ACCESS"_s;
                s.channels.whatsapp.appSecret = u"env:SKYNET_TEST_ONE_WA_SECRET"_s;
                s.channels.whatsapp.verifyToken = u"env:SKYNET_TEST_ONE_WA_VERIFY"_s;
                s.channels.whatsapp.dmPolicy = u"open"_s;
                s.channels.webchat.dmPolicy = u"open"_s;
            },
            true, m_home.path());
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
        m_whatsapp.setWebhookUrl(m_gateway->httpUrl(u"/webhooks/whatsapp"_s));
        for (const QString &id : { u"telegram"_s, u"discord"_s, u"whatsapp"_s, u"webchat"_s })
            QTRY_COMPARE_WITH_TIMEOUT(admin(u"channels.status"_s)
                                          .value(u"channels"_s)
                                          .toObject()
                                          .value(id)
                                          .toObject()
                                          .value(u"state"_s)
                                          .toString(),
                u"running"_s, WAIT);
    }

    QJsonObject admin(const QString &method, const QJsonObject &params = {})
    {
        ProtocolClient client;
        if (!client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s }))
            return {};
        return client.request(method, params).value(u"payload"_s).toObject();
    }

    // Each channel: say something as Alice and return Skynet's reply (slash commands answer
    // without a model).
    QString onTelegram(const QString &text)
    {
        const qsizetype before = replies(m_telegram).size();
        m_telegram.injectMessage(ALICE_TELEGRAM, ALICE_TELEGRAM, text);
        if (!QTest::qWaitFor([&] { return replies(m_telegram).size() > before; }, WAIT))
            return {};
        return replies(m_telegram).constLast();
    }

    static QStringList replies(const FakeTelegram &telegram)
    {
        QStringList out;
        for (const FakeTelegram::Call &call : telegram.sentMessages()) {
            if (call.method == u"sendMessage" && call.errorCode == 0 && call.chatId == ALICE_TELEGRAM)
                out.append(call.text);
        }
        return out;
    }

    QString onDiscord(const QString &text)
    {
        const qsizetype before = m_discord.sentMessages().size();
        m_discord.injectDirectMessage(text);
        if (!QTest::qWaitFor([&] { return m_discord.sentMessages().size() > before; }, WAIT))
            return {};
        return m_discord.sentMessages().constLast().message.value(u"content"_s).toString();
    }

    QString onWhatsApp(const QString &text)
    {
        const auto count = [&] {
            qsizetype n = 0;
            for (const auto &m : m_whatsapp.sentMessages())
                n += m.type == u"text" ? 1 : 0;
            return n;
        };
        const qsizetype before = count();
        m_whatsapp.injectText(ALICE_WHATSAPP, text, u"Alice"_s);
        if (!QTest::qWaitFor([&] { return count() > before; }, WAIT))
            return {};
        QString last;
        for (const auto &m : m_whatsapp.sentMessages())
            if (m.type == u"text")
                last = m.text;
        return last;
    }

    // The web chat: its page's path (pair → claim a token → chat.send over the protocol).
    QString m_webToken;

    QString onWebChat(const QString &text)
    {
        ProtocolClient client;
        QJsonObject params
            = ProtocolClient::connectParams(m_webToken, 3, 4, { u"operator.read"_s, u"operator.write"_s });
        QJsonObject info = params.value(u"client"_s).toObject();
        info.insert(u"id"_s, u"webchat-ui"_s);
        info.insert(u"mode"_s, u"webchat"_s);
        params.insert(u"client"_s, info);
        if (!client.open(m_gateway->wsUrl()) || !client.connect(params).value(u"ok"_s).toBool())
            return {};
        const QJsonObject sent = client.request(u"chat.send"_s,
            { { u"sessionKey"_s, u"webchat"_s }, { u"message"_s, text },
                { u"idempotencyKey"_s, QUuid::createUuid().toString(QUuid::WithoutBraces) } });
        const QString runId = sent.value(u"payload"_s).toObject().value(u"runId"_s).toString();
        QString answer;
        (void)QTest::qWaitFor(
            [&] {
                for (const QJsonObject &frame : client.frames()) {
                    const QJsonObject p = frame.value(u"payload"_s).toObject();
                    if (frame.value(u"event"_s).toString() == u"chat" && p.value(u"runId"_s).toString() == runId
                        && p.value(u"state"_s).toString() == u"final") {
                        for (const QJsonValue &part : p.value(u"message"_s).toObject().value(u"content"_s).toArray())
                            answer += part.toObject().value(u"text"_s).toString();
                        return true;
                    }
                }
                return false;
            },
            WAIT);
        return answer;
    }

    static QString linkCode(const QString &reply)
    {
        static const QRegularExpression code(u"link code is ([0-9A-Z]{5}-[0-9A-Z]{5})"_s);
        return code.match(reply).captured(1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_ollama.listen());
        QVERIFY(m_telegram.listen());
        QVERIFY(m_discord.listen());
        QVERIFY(m_whatsapp.listen());
        qputenv("SKYNET_TEST_ONE_TG", m_telegram.token().toUtf8());
        qputenv("SKYNET_TEST_ONE_DC", m_discord.token().toUtf8());
        qputenv("SKYNET_TEST_ONE_WA_ACCESS", m_whatsapp.accessToken().toUtf8());
        qputenv("SKYNET_TEST_ONE_WA_SECRET", m_whatsapp.appSecret());
        qputenv("SKYNET_TEST_ONE_WA_VERIFY", "one-person-verify");
        m_telegram.addChat(ALICE_TELEGRAM, u"private"_s);
    }

    void aliceIsOnePersonOnEveryChannel()
    {
        startGateway();

        // Telegram first: Alice asks for a link code there.
        const QString code = linkCode(onTelegram(u"/link"_s));
        QVERIFY2(!code.isEmpty(), qPrintable(u"no link code on Telegram: "_s + replies(m_telegram).join(u" / "_s)));

        // Discord, WhatsApp and the web chat each redeem a code (one code per use: a fresh one
        // from Telegram each time).
        QVERIFY2(onDiscord(u"/link "_s + code).startsWith(u"Linked."_s), "Discord did not link");
        const QString code2 = linkCode(onTelegram(u"/link"_s));
        QVERIFY2(onWhatsApp(u"/link "_s + code2).startsWith(u"Linked."_s), "WhatsApp did not link");

        const QByteArray origin = "Origin: http://127.0.0.1:" + QByteArray::number(m_gateway->port());
        const auto post = [&](const QByteArray &path, const QByteArray &body) {
            const QByteArray raw = TestSupport::rawHttp(m_gateway->port(),
                "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_gateway->port())
                    + "\r\nContent-Type: application/json\r\n" + origin + "\r\nConnection: close\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            return QJsonDocument::fromJson(raw.mid(raw.indexOf("\r\n\r\n") + 4)).object();
        };
        const QJsonObject paired = post("/chat/pair", "{\"name\":\"Alice in the browser\"}");
        const QJsonObject claimed = post("/chat/pair/claim",
            QJsonDocument(QJsonObject { { u"deviceId"_s, paired.value(u"deviceId"_s) },
                              { u"claim"_s, paired.value(u"claim"_s) } })
                .toJson(QJsonDocument::Compact));
        m_webToken = claimed.value(u"token"_s).toString();
        QVERIFY2(m_webToken.startsWith(u"skn_"_s), QJsonDocument(claimed).toJson().constData());
        const QString code3 = linkCode(onTelegram(u"/link"_s));
        QVERIFY2(onWebChat(u"/link "_s + code3).startsWith(u"Linked."_s), "the web chat did not link");

        // One person: the same answer to /whoami everywhere, known on all four channels.
        const QString whoami = onTelegram(u"/whoami"_s);
        for (const QString &channel : { u"telegram"_s, u"discord"_s, u"whatsapp"_s, u"webchat"_s })
            QVERIFY2(whoami.section(u"known on:"_s, 1).contains(channel), qPrintable(whoami));
        QCOMPARE(onDiscord(u"/whoami"_s), whoami);
        QCOMPARE(onWhatsApp(u"/whoami"_s), whoami);
        QCOMPARE(onWebChat(u"/whoami"_s), whoami);
        QString alice;
        for (const QJsonValue &u : admin(u"users.list"_s).value(u"users"_s).toArray()) {
            if (u.toObject().value(u"identities"_s).toInt() == 4)
                alice = u.toObject().value(u"id"_s).toString();
        }
        QVERIFY(!alice.isEmpty());
        QStringList channels;
        for (const QJsonValue &identity :
            admin(u"users.get"_s, { { u"userId"_s, alice } }).value(u"identities"_s).toArray())
            channels.append(identity.toObject().value(u"channel"_s).toString());
        channels.sort();
        QCOMPARE(channels, (QStringList { u"discord"_s, u"telegram"_s, u"webchat"_s, u"whatsapp"_s }));

        // One memory: told on Discord, known on WhatsApp and in the browser.
        QVERIFY(onDiscord(u"/remember I take my tea with oat milk"_s).contains(u"oat milk"_s));
        QVERIFY(onWhatsApp(u"/memory"_s).contains(u"oat milk"_s));
        QVERIFY(onWebChat(u"/memory"_s).contains(u"oat milk"_s));

        // And the model sees it too, whichever channel she writes on.
        m_ollama.enqueue(FakeOllama::Turn::text({ u"Noted."_s }));
        QCOMPARE(onWhatsApp(u"How do I like my tea?"_s), u"Noted."_s);
        QVERIFY(m_ollama.server().lastRequest(u"/api/chat"_s).body.contains("oat milk"));

        // Linking survives a restart.
        startGateway();
        QCOMPARE(onTelegram(u"/whoami"_s), whoami);
        QCOMPARE(onWebChat(u"/whoami"_s), whoami);
    }
};

QTEST_GUILESS_MAIN(tst_OnePerson)
#include "tst_oneperson.moc"
