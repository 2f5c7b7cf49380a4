// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The WhatsApp channel against the WhatsApp Cloud API fake (whatsapp-cloud-api.md) and the Ollama
// fake: the webhook verification handshake, signed notifications (wrong secret, tampered body and
// a missing signature rejected before anything is recorded), replies through the Graph API with
// the bearer token, redeliveries answered once (also across a restart), failed statuses tied to
// the reply in the outbox (marked failed, signalled, in channels.status), delivered/read recorded,
// throttling retried.

#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "channels/channelmanager.h"
#include "channels/channelstore.h"
#include "channels/whatsappchannel.h"
#include "fakeollama.h"
#include "fakewhatsapp.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using Fakes::FakeWhatsApp;
using Gateway::Channels::Channel;
using Gateway::Channels::OutboundMessage;
using Gateway::Channels::WhatsAppChannel;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

namespace
{
constexpr char VERIFY_TOKEN[] = "verify-me-123";
constexpr char USER[] = "16505551234";
} // namespace

class tst_WhatsApp final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<FakeWhatsApp> m_whatsapp;
    std::unique_ptr<TestGateway> m_gateway;
    QTemporaryDir m_home;
    QPointer<WhatsAppChannel> m_channel;

    WhatsAppChannel::Options options() const
    {
        WhatsAppChannel::Options o;
        o.graphBase = m_whatsapp->baseUrl();
        o.phoneNumberId = m_whatsapp->phoneNumberId();
        o.accessToken = m_whatsapp->accessToken();
        o.appSecret = QString::fromUtf8(m_whatsapp->appSecret());
        o.verifyToken = QString::fromLatin1(VERIFY_TOKEN);
        return o;
    }

    /// A gateway with the WhatsApp channel added before storage opens, as at a real start.
    void startGateway()
    {
        const QString url = m_ollama->baseUrl().toString();
        m_gateway = std::make_unique<TestGateway>(
            [url](Gateway::Config::Settings &s) {
                s.providers.ollama.baseUrl = url;
                s.providers.ollama.model = u"llama3.2"_s;
                s.providers.ollama.maxRetries = 0;
            },
            false, m_home.path());
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
        m_channel = new WhatsAppChannel(options());
        manager()->add(m_channel);
        manager()->setAccess(u"whatsapp"_s, u"open"_s, {});
        QVERIFY(m_gateway->service()->openStorage());
        QCOMPARE(m_channel->state(), Channel::State::Running);
        m_whatsapp->setWebhookUrl(m_gateway->httpUrl(m_channel->options().path));
    }

    Gateway::Channels::ChannelManager *manager() const { return m_gateway->service()->channels(); }

    int chatRequests() const
    {
        int n = 0;
        for (const auto &r : m_ollama->server().requests())
            n += r.path == u"/api/chat" ? 1 : 0;
        return n;
    }

    /// Sends of type text that the fake accepted.
    QList<FakeWhatsApp::SentMessage> texts() const
    {
        QList<FakeWhatsApp::SentMessage> sent;
        for (const auto &m : m_whatsapp->sentMessages()) {
            if (m.type == u"text"_s)
                sent.append(m);
        }
        return sent;
    }

    /// Waits until the delivery got its final answer; returns the HTTP status of the last attempt.
    int waitForDelivery(int deliveryId)
    {
        const auto finished = [&] {
            const FakeWhatsApp::Delivery d = m_whatsapp->delivery(deliveryId);
            return d.delivered || d.gaveUp;
        };
        if (!QTest::qWaitFor(finished, TestSupport::WAIT_MS))
            return -1;
        const QList<int> statuses = m_whatsapp->delivery(deliveryId).attemptStatuses;
        return statuses.isEmpty() ? -1 : statuses.last();
    }

    /// The delivery id of the last notification the fake POSTed.
    int lastDeliveryId() const { return int(m_whatsapp->deliveries().size()); }

    /// The newest outbox row of the channel.
    Gateway::Channels::OutboxRecord lastReply() const { return manager()->store()->outbox(u"whatsapp"_s, 1).value(0); }

    /// channels.status as an admin sees it over the protocol.
    QJsonObject channelsStatus() const
    {
        ProtocolClient admin;
        if (!admin.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s }))
            return {};
        return admin.request(u"channels.status"_s).value(u"payload"_s).toObject();
    }

private Q_SLOTS:
    void init()
    {
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
        m_whatsapp = std::make_unique<FakeWhatsApp>();
        QVERIFY(m_whatsapp->listen());
        m_whatsapp->setRetryDelayMs(100);
        m_whatsapp->setMaxAttempts(1);
        m_whatsapp->setStatusFlow(FakeWhatsApp::StatusFlow::Sent);
    }

    void cleanup()
    {
        m_gateway.reset();
        m_whatsapp.reset();
        m_ollama.reset();
        QDir(m_home.path()).removeRecursively();
        QDir().mkpath(m_home.path());
    }

    void convertsMarkdown()
    {
        QCOMPARE(
            WhatsAppChannel::markdownToWhatsApp(u"**bold** and __also__ ~~gone~~"_s), u"*bold* and *also* ~gone~"_s);
        QCOMPARE(WhatsAppChannel::markdownToWhatsApp(u"# Title\nsee [docs](https://x.org/a)"_s),
            u"*Title*\nsee docs (https://x.org/a)"_s);
        QCOMPARE(WhatsAppChannel::markdownToWhatsApp(u"```\n**x**\n```"_s), u"```**x**\n```"_s);
        QCOMPARE(WhatsAppChannel::markdownToWhatsApp(u"`**x**` *it*"_s), u"`**x**` *it*"_s);
    }

    void incompleteOptionsFail()
    {
        WhatsAppChannel channel(WhatsAppChannel::Options {});
        channel.start();
        QCOMPARE(channel.state(), Channel::State::Failed);
        QVERIFY2(channel.lastError().contains(u"access_token"_s), qPrintable(channel.lastError()));
        QVERIFY(channel.lastError().contains(u"app_secret"_s));
    }

    void verificationHandshake()
    {
        startGateway();
        QSignalSpy spy(m_whatsapp.get(), &FakeWhatsApp::verificationFinished);
        m_whatsapp->verifyWebhook(QString::fromLatin1(VERIFY_TOKEN), u"subscribe"_s, u"1158201444"_s);
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, TestSupport::WAIT_MS);
        QVERIFY(m_whatsapp->verifications().at(0).echoed());
        QCOMPARE(m_whatsapp->verifications().at(0).body, QByteArray("1158201444"));

        m_whatsapp->verifyWebhook(u"wrong-token"_s);
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, TestSupport::WAIT_MS);
        QCOMPARE(m_whatsapp->verifications().at(1).httpStatus, 403);

        m_whatsapp->verifyWebhook(QString::fromLatin1(VERIFY_TOKEN), u"unsubscribe"_s);
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 3, TestSupport::WAIT_MS);
        QCOMPARE(m_whatsapp->verifications().at(2).httpStatus, 403);
    }

    void answersASignedTextOnce()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hello, "_s, u"**Sheena**!"_s }));
        const QString wamid = m_whatsapp->injectText(QString::fromLatin1(USER), u"Hi bot – ünïcode"_s, u"Sheena"_s);
        const int delivery = lastDeliveryId();
        QCOMPARE(waitForDelivery(delivery), 200);
        // Recorded before it was acknowledged.
        const auto record = manager()->store()->inbound(u"whatsapp"_s, wamid);
        QVERIFY(record.has_value());
        QCOMPARE(record->message.text, u"Hi bot – ünïcode"_s);
        QCOMPARE(record->message.senderName, u"Sheena"_s);
        QCOMPARE(record->message.chatId, QString::fromLatin1(USER));

        QTRY_COMPARE_WITH_TIMEOUT(texts().size(), 1, TestSupport::WAIT_MS);
        const FakeWhatsApp::SentMessage sent = texts().first();
        QCOMPARE(sent.waId, QString::fromLatin1(USER));
        QCOMPARE(sent.text, u"Hello, *Sheena*!"_s);
        QCOMPARE(sent.request.value(u"messaging_product"_s).toString(), u"whatsapp"_s);
        QCOMPARE(sent.request.value(u"recipient_type"_s).toString(), u"individual"_s);
        QCOMPARE(sent.request.value(u"text"_s).toObject().value(u"preview_url"_s), QJsonValue(false));
        // The fake checks the bearer token: a wrong one would have been answered 401 code 190.
        bool authorized = false;
        for (const auto &r : m_whatsapp->server().requests()) {
            if (r.path.endsWith(u"/messages"_s))
                authorized = r.header("authorization") == "Bearer " + m_whatsapp->accessToken().toUtf8();
        }
        QVERIFY(authorized);
        // "typing…" rides on a read receipt for the user's message.
        QVERIFY(!m_whatsapp->readReceipts().isEmpty());
        QCOMPARE(m_whatsapp->readReceipts().first().messageId, wamid);
        QCOMPARE(m_whatsapp->readReceipts().first().typingIndicator, u"text"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            manager()->store()->outbox(u"whatsapp"_s, 10).value(0).state, u"sent"_s, TestSupport::WAIT_MS);

        // Meta redelivers the same bytes: acknowledged, not answered again.
        const int again = m_whatsapp->redeliver(delivery);
        QCOMPARE(waitForDelivery(again), 200);
        // The status webhooks for our reply are acknowledged and not taken for messages.
        QTRY_VERIFY_WITH_TIMEOUT(m_whatsapp->deliveries().size() >= 3, TestSupport::WAIT_MS);
        QCOMPARE(waitForDelivery(lastDeliveryId()), 200);
        QTest::qWait(0);
        QCOMPARE(chatRequests(), 1);
        QCOMPARE(texts().size(), 1);
        QCOMPARE(manager()->store()->outbox(u"whatsapp"_s, 10).size(), 1);
    }

    void rejectsBadSignatures_data()
    {
        QTest::addColumn<FakeWhatsApp::Signing>("signing");
        QTest::newRow("wrong secret") << FakeWhatsApp::Signing::WrongSecret;
        QTest::newRow("tampered body") << FakeWhatsApp::Signing::TamperedBody;
        QTest::newRow("missing") << FakeWhatsApp::Signing::Missing;
        QTest::newRow("no prefix") << FakeWhatsApp::Signing::NoPrefix;
    }

    void rejectsBadSignatures()
    {
        QFETCH(FakeWhatsApp::Signing, signing);
        startGateway();
        const QString wamid
            = m_whatsapp->injectText(QString::fromLatin1(USER), u"let me in"_s, u"Mallory"_s, {}, signing);
        QCOMPARE(waitForDelivery(lastDeliveryId()), 401);
        QVERIFY(!manager()->store()->inbound(u"whatsapp"_s, wamid).has_value());
        QTest::qWait(50);
        QCOMPARE(chatRequests(), 0);
        QCOMPARE(texts().size(), 0);
    }

    void malformedJsonIsRejected()
    {
        startGateway();
        const int id = m_whatsapp->deliverRaw("{\"entry\":[", FakeWhatsApp::Signing::Valid);
        QCOMPARE(waitForDelivery(id), 400);
        // Unknown message types are acknowledged and ignored.
        QJsonObject sticker { { u"type"_s, u"sticker"_s }, { u"sticker"_s, QJsonObject { { u"id"_s, u"123"_s } } } };
        m_whatsapp->injectMessage(sticker);
        QCOMPARE(waitForDelivery(lastDeliveryId()), 200);
        QCOMPARE(chatRequests(), 0);
    }

    void surfacesFailedStatuses()
    {
        startGateway();
        m_whatsapp->setStatusFlow(FakeWhatsApp::StatusFlow::Read);
        // Nobody wrote first: outside the 24 h window, Meta accepts and then reports 131047.
        QVERIFY(manager()->send(u"whatsapp"_s, u"15550001111"_s, u"Reminder"_s, u"k1"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_channel->failures().size(), 1, TestSupport::WAIT_MS);
        const WhatsAppChannel::StatusFailure failure = m_channel->failures().first();
        QCOMPARE(failure.code, 131047);
        QCOMPARE(failure.recipientId, u"15550001111"_s);
        QCOMPARE(failure.messageId, texts().first().wamid);
        QVERIFY2(m_channel->lastError().contains(u"131047"_s), qPrintable(m_channel->lastError()));
        QCOMPARE(m_channel->state(), Channel::State::Running);
        QCOMPARE(waitForDelivery(lastDeliveryId()), 200);
        // The same status again (Meta redelivers): counted once.
        QCOMPARE(waitForDelivery(m_whatsapp->redeliver(lastDeliveryId())), 200);
        QCOMPARE(m_channel->failures().size(), 1);
        QCOMPARE(chatRequests(), 0);
        // The reply the status names is failed in the outbox (the status may overtake the answer
        // to the send call: the manager looks again).
        QTRY_COMPARE_WITH_TIMEOUT(lastReply().state, u"failed"_s, TestSupport::WAIT_MS);
        QVERIFY2(lastReply().lastError.contains(u"131047"_s), qPrintable(lastReply().lastError));
    }

    void failedStatusFailsTheReply()
    {
        startGateway();
        QSignalSpy failed(manager(), &Gateway::Channels::ChannelManager::deliveryFailed);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Here you go"_s }));
        m_whatsapp->injectText(QString::fromLatin1(USER), u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(texts().size(), 1, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(lastReply().state, u"sent"_s, TestSupport::WAIT_MS);
        const QString wamid = texts().first().wamid;
        const qint64 outboxId = lastReply().message.outboxId;
        QCOMPARE(manager()->store()->outboxByPlatformId(u"whatsapp"_s, wamid)->message.outboxId, outboxId);
        QVERIFY(!manager()->store()->outboxByPlatformId(u"whatsapp"_s, u"wamid.unknown"_s));
        QCOMPARE(channelsStatus()
                     .value(u"channels"_s)
                     .toObject()
                     .value(u"whatsapp"_s)
                     .toObject()
                     .value(u"failedDeliveries"_s),
            QJsonValue(0));

        // Meta accepted the reply and reports later that it could not be delivered.
        const int delivery = m_whatsapp->sendFailedStatus(wamid, 131047);
        QCOMPARE(waitForDelivery(delivery), 200);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).toString(), u"whatsapp"_s);
        QCOMPARE(failed.first().at(1).toLongLong(), outboxId);
        const QString error = failed.first().at(2).toString();
        QVERIFY2(error.contains(u"131047"_s) && error.contains(u"Re-engagement message"_s), qPrintable(error));
        QVERIFY2(error.contains(u"24 hours"_s), qPrintable(error)); // Meta's details
        QCOMPARE(lastReply().state, u"failed"_s);
        QCOMPARE(lastReply().lastError, error);
        // The channel keeps running and shows the failure.
        QCOMPARE(m_channel->state(), Channel::State::Running);
        QVERIFY(m_channel->lastError().contains(u"131047"_s));

        // Meta redelivers the status: nothing changes, no second signal.
        QCOMPARE(waitForDelivery(m_whatsapp->redeliver(delivery)), 200);
        QCOMPARE(failed.size(), 1);

        const QJsonObject status = channelsStatus();
        const QJsonObject entry = status.value(u"channels"_s).toObject().value(u"whatsapp"_s).toObject();
        QCOMPARE(entry.value(u"failedDeliveries"_s), QJsonValue(1));
        QCOMPARE(entry.value(u"lastDeliveryError"_s).toString(), error);
        QVERIFY(entry.value(u"lastDeliveryErrorAt"_s).toInteger() > 0);
        QCOMPARE(status.value(u"failedDeliveries"_s).toObject().value(u"whatsapp"_s), QJsonValue(1));
        QCOMPARE(chatRequests(), 1);
        QCOMPARE(texts().size(), 1); // a failed status is final: not sent again
    }

    void statusesFindEveryPartAndRecordDelivery()
    {
        startGateway();
        QSignalSpy failed(manager(), &Gateway::Channels::ChannelManager::deliveryFailed);
        QSignalSpy confirmed(manager(), &Gateway::Channels::ChannelManager::deliveryConfirmed);
        m_whatsapp->setStatusFlow(FakeWhatsApp::StatusFlow::Read);
        m_whatsapp->setStatusDelayMs(20); // in order: sent, delivered, read
        // A reply in two parts: both wamids are kept with the row.
        m_ollama->enqueue(FakeOllama::Turn::text({ QString(4000, u'a'), u"\n\n"_s, QString(500, u'b') }));
        m_whatsapp->injectText(QString::fromLatin1(USER), u"Tell me everything"_s);
        QTRY_COMPARE_WITH_TIMEOUT(texts().size(), 2, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(lastReply().state, u"sent"_s, TestSupport::WAIT_MS);
        const qint64 outboxId = lastReply().message.outboxId;
        for (const FakeWhatsApp::SentMessage &part : texts())
            QCOMPARE(manager()->store()->outboxByPlatformId(u"whatsapp"_s, part.wamid)->message.outboxId, outboxId);
        // delivered + read for each part.
        QTRY_COMPARE_WITH_TIMEOUT(confirmed.size(), 4, TestSupport::WAIT_MS);
        QCOMPARE(confirmed.last().at(1).toLongLong(), outboxId);
        const QJsonObject entry = channelsStatus().value(u"channels"_s).toObject().value(u"whatsapp"_s).toObject();
        QVERIFY(entry.value(u"lastDeliveredAt"_s).toInteger() > 0);
        QVERIFY(entry.value(u"lastReadAt"_s).toInteger() >= entry.value(u"lastDeliveredAt"_s).toInteger());
        QVERIFY(!entry.contains(u"lastDeliveryError"_s));

        // The second part fails: the whole reply is marked failed, with the platform's text.
        QCOMPARE(waitForDelivery(m_whatsapp->sendFailedStatus(texts().at(1).wamid, 131026)), 200);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(lastReply().state, u"failed"_s);
        QVERIFY2(lastReply().lastError.contains(u"131026"_s), qPrintable(lastReply().lastError));
    }

    void retriesWhenThrottled()
    {
        startGateway();
        m_whatsapp->failNext(130429, 429);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Throttled but there"_s }));
        m_whatsapp->injectText(QString::fromLatin1(USER), u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(texts().size(), 1, TestSupport::WAIT_MS);
        QCOMPARE(texts().first().text, u"Throttled but there"_s);
        int throttled = 0;
        for (const auto &call : m_whatsapp->calls())
            throttled += call.errorCode() == 130429 ? 1 : 0;
        QCOMPARE(throttled, 1);
        QTRY_COMPARE_WITH_TIMEOUT(
            manager()->store()->outbox(u"whatsapp"_s, 10).value(0).state, u"sent"_s, TestSupport::WAIT_MS);
        QCOMPARE(chatRequests(), 1);
    }

    void deliverOutcomes()
    {
        // The channel alone against the Graph API fake: split replies, permanent and transient errors.
        WhatsAppChannel channel(options());
        channel.start();
        QCOMPARE(channel.state(), Channel::State::Running);
        m_whatsapp->setWindowMode(FakeWhatsApp::WindowMode::Off);
        const auto deliver = [&](const QString &text) {
            std::optional<Gateway::Channels::DeliveryResult> result;
            OutboundMessage message;
            message.chatId = QString::fromLatin1(USER);
            message.text = text;
            channel.deliver(message, [&](const Gateway::Channels::DeliveryResult &r) { result = r; });
            [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), TestSupport::WAIT_MS); }();
            return result.value_or(Gateway::Channels::DeliveryResult {});
        };
        using Outcome = Gateway::Channels::DeliveryResult::Outcome;

        const QString longText = QString(4000, u'a') + u"\n\n"_s + QString(1000, u'b');
        auto result = deliver(longText);
        QCOMPARE(result.outcome, Outcome::Sent);
        QCOMPARE(texts().size(), 2);
        // Every part's wamid, so that a status about any of them finds the reply.
        QCOMPARE(result.platformMessageId, texts().at(0).wamid + u',' + texts().at(1).wamid);

        m_whatsapp->failNext(131026);
        result = deliver(u"nobody"_s);
        QCOMPARE(result.outcome, Outcome::Failed);
        QVERIFY2(result.error.contains(u"131026"_s), qPrintable(result.error));

        m_whatsapp->failNext(131000, 500);
        QCOMPARE(deliver(u"later"_s).outcome, Outcome::Retry);

        m_whatsapp->failNext(131056);
        QCOMPARE(deliver(u"pair"_s).outcome, Outcome::Retry);

        // The second part hits the pair rate limit: only it is left for the retry.
        m_whatsapp->setPairRateLimit(1, 60'000);
        std::optional<Gateway::Channels::DeliveryResult> partial;
        OutboundMessage message;
        message.chatId = u"15550003333"_s;
        message.text = longText;
        channel.deliver(message, [&](const Gateway::Channels::DeliveryResult &r) { partial = r; });
        QTRY_VERIFY_WITH_TIMEOUT(partial.has_value(), TestSupport::WAIT_MS);
        QCOMPARE(partial->outcome, Outcome::Retry);
        QCOMPARE(partial->remaining, QString(1000, u'b'));

        m_whatsapp->expireToken();
        std::optional<Gateway::Channels::DeliveryResult> refused;
        message.chatId = u"15550002222"_s;
        message.text = u"x"_s;
        channel.deliver(message, [&](const Gateway::Channels::DeliveryResult &r) { refused = r; });
        QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), TestSupport::WAIT_MS);
        QCOMPARE(refused->outcome, Outcome::Failed);
        QCOMPARE(channel.state(), Channel::State::Failed);
        QVERIFY2(channel.lastError().contains(u"access token"_s), qPrintable(channel.lastError()));
    }

    void restartDoesNotAnswerTwice()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Only once"_s }));
        const QString wamid = m_whatsapp->injectText(QString::fromLatin1(USER), u"Remember me"_s);
        const int delivery = lastDeliveryId();
        QCOMPARE(waitForDelivery(delivery), 200);
        QTRY_COMPARE_WITH_TIMEOUT(texts().size(), 1, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(
            manager()->store()->inbound(u"whatsapp"_s, wamid)->state, u"answered"_s, TestSupport::WAIT_MS);

        m_gateway.reset();
        startGateway();
        // Meta redelivers the old notification to the restarted gateway.
        QCOMPARE(waitForDelivery(m_whatsapp->redeliver(delivery)), 200);
        QTest::qWait(200);
        QCOMPARE(chatRequests(), 1);
        QCOMPARE(texts().size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_WhatsApp)
#include "tst_whatsapp.moc"
