// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Prompt caching end to end against the billing-faithful Anthropic fake: the cacheable prefix is
// byte-identical across turns, turn N+1 reads what turn N wrote, and the recorded usage and cost
// match the fake's bill.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "fakeanthropic.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeAnthropic;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

class tst_PromptCache final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<FakeAnthropic> m_anthropic;
    std::unique_ptr<TestGateway> m_gateway;
    std::unique_ptr<ProtocolClient> m_client;

    QJsonObject turn(const QString &key, const QString &text)
    {
        const QJsonObject ack = m_client->request(
            u"chat.send"_s, { { u"sessionKey"_s, u"cache"_s }, { u"message"_s, text }, { u"idempotencyKey"_s, key } });
        if (!ack.value(u"ok"_s).toBool())
            return {};
        QJsonObject final;
        (void)QTest::qWaitFor(
            [&] {
                for (const QJsonObject &f : m_client->frames()) {
                    const QJsonObject p = f.value(u"payload"_s).toObject();
                    if (f.value(u"event"_s).toString() == u"chat" && p.value(u"runId"_s).toString() == key
                        && (p.value(u"state"_s).toString() == u"final" || p.value(u"state"_s).toString() == u"error")) {
                        final = p;
                        return true;
                    }
                }
                return false;
            },
            TestSupport::WAIT_MS);
        return final;
    }

    // A fresh Anthropic fake and a gateway that sends every turn to it; adjust may change more.
    void startGateway(const std::function<void(Gateway::Config::Settings &)> &adjust = {})
    {
        m_client.reset();
        m_gateway.reset();
        m_anthropic = std::make_unique<FakeAnthropic>();
        m_anthropic->setApiKey(u"test-anthropic-key"_s);
        QVERIFY(m_anthropic->listen());
        const QString url = m_anthropic->baseUrl().toString();
        m_gateway = std::make_unique<TestGateway>(
            [url, adjust](Gateway::Config::Settings &s) {
                s.providers.ollama.enabled = false;
                s.providers.anthropic.enabled = true;
                s.providers.anthropic.baseUrl = url;
                s.providers.anthropic.apiKey = u"env:SKYNET_TEST_ANTHROPIC_KEY"_s;
                s.routing.mode = u"fixed"_s;
                s.routing.standard = u"anthropic:claude-sonnet-4-5"_s;
                if (adjust)
                    adjust(s);
            },
            true, m_home.path());
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
        m_client = std::make_unique<ProtocolClient>();
        QVERIFY(m_client->openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
    }

    static bool isVolatile(const QJsonValue &block)
    {
        return block.toObject().value(u"text"_s).toString().startsWith(u"Current time:"_s);
    }

    // The stable part of a request as the cache sees it: tools, system blocks and the first
    // `messages` messages, without the volatile block (the time), which must sit after every
    // breakpoint in the newest user turn.
    static QByteArray stablePrefix(const QJsonObject &request, int messages)
    {
        const QJsonArray system = request.value(u"system"_s).toArray();
        QJsonArray history;
        for (int i = 0; i < messages; ++i) {
            QJsonObject message = request.value(u"messages"_s).toArray().at(i).toObject();
            QJsonArray content;
            for (const QJsonValue &block : message.value(u"content"_s).toArray())
                if (!isVolatile(block))
                    content.append(block);
            message.insert(u"content"_s, content);
            history.append(message);
        }
        return QJsonDocument(QJsonObject { { u"tools"_s, request.value(u"tools"_s) }, { u"system"_s, system },
                                 { u"messages"_s, history } })
            .toJson(QJsonDocument::Compact);
    }

    static QJsonArray withoutCacheControl(QJsonArray blocks)
    {
        for (qsizetype i = 0; i < blocks.size(); ++i) {
            QJsonObject o = blocks.at(i).toObject();
            o.remove(u"cache_control"_s);
            if (o.value(u"content"_s).isArray())
                o.insert(u"content"_s, withoutCacheControl(o.value(u"content"_s).toArray()));
            blocks[i] = o;
        }
        return blocks;
    }

private Q_SLOTS:
    void init()
    {
        m_home.remove();
        QDir().mkpath(m_home.path());
        // A persona long enough to be cacheable (Sonnet 4.5: 1024 tokens).
        QFile soul(m_home.filePath(u"SOUL.md"_s));
        QVERIFY(soul.open(QIODevice::WriteOnly));
        for (int i = 0; i < 300; ++i)
            soul.write("You are a careful assistant; always explain your reasoning briefly. ");
        soul.close();
        startGateway();
    }

    void cleanup()
    {
        m_client.reset();
        m_gateway.reset();
        m_anthropic.reset();
    }

    void nextTurnReadsWhatThisTurnWrote()
    {
        const QJsonObject first = turn(u"c1"_s, u"Hello, please introduce yourself."_s);
        QCOMPARE(first.value(u"state"_s).toString(), u"final"_s);
        const FakeAnthropic::Usage u1 = m_anthropic->lastUsage();
        QVERIFY2(u1.cacheCreationTokens >= 1024, qPrintable(QString::number(u1.cacheCreationTokens)));
        QCOMPARE(u1.cacheReadTokens, 0);

        const QJsonObject second = turn(u"c2"_s, u"Thanks. And what can you do?"_s);
        QCOMPARE(second.value(u"state"_s).toString(), u"final"_s);
        const FakeAnthropic::Usage u2 = m_anthropic->lastUsage();
        // Everything turn 1 wrote is read back; only the new turn is written.
        QVERIFY2(u2.cacheReadTokens >= u1.cacheCreationTokens,
            qPrintable(u"read %1 < written %2"_s.arg(u2.cacheReadTokens).arg(u1.cacheCreationTokens)));
        QVERIFY(u2.inputTokens < u2.cacheReadTokens / 10);
        // The final event carries the same figures the provider reported.
        QCOMPARE(second.value(u"usage"_s).toObject().value(u"cacheRead"_s).toInteger(), u2.cacheReadTokens);

        const QJsonObject third = turn(u"c3"_s, u"One more question."_s);
        QCOMPARE(third.value(u"state"_s).toString(), u"final"_s);
        QVERIFY(m_anthropic->lastUsage().cacheReadTokens > u2.cacheReadTokens);

        // The prefix bytes of turn 1 are repeated unchanged at the start of turns 2 and 3.
        const QList<Fakes::RecordedRequest> requests = m_anthropic->server().requests();
        QList<QJsonObject> bodies;
        for (const Fakes::RecordedRequest &r : requests)
            if (r.path == u"/v1/messages")
                bodies.append(r.json());
        QCOMPARE(bodies.size(), 3);
        const auto strip = [](QJsonObject body) {
            body.insert(u"tools"_s, withoutCacheControl(body.value(u"tools"_s).toArray()));
            body.insert(u"system"_s, withoutCacheControl(body.value(u"system"_s).toArray()));
            body.insert(u"messages"_s, withoutCacheControl(body.value(u"messages"_s).toArray()));
            return body;
        };
        QCOMPARE(stablePrefix(strip(bodies.at(1)), 1), stablePrefix(strip(bodies.at(0)), 1));
        QCOMPARE(stablePrefix(strip(bodies.at(2)), 3), stablePrefix(strip(bodies.at(1)), 3));
        // At most four breakpoints; the volatile block exists once, in the newest user turn,
        // after every breakpoint, and never in the system prompt.
        for (const QJsonObject &body : bodies) {
            const QByteArray raw = QJsonDocument(body).toJson(QJsonDocument::Compact);
            QVERIFY(raw.count("cache_control") <= 4);
            QCOMPARE(raw.count("Current time:"), 1);
            QVERIFY(!QJsonDocument(body.value(u"system"_s).toArray()).toJson().contains("Current time:"));
            const QJsonArray last = body.value(u"messages"_s).toArray().last().toObject().value(u"content"_s).toArray();
            QVERIFY(isVolatile(last.last()));
            QVERIFY(!last.last().toObject().contains(u"cache_control"_s));
        }
    }

    void usageAndCostMatchTheBill()
    {
        QCOMPARE(turn(u"u1"_s, u"First question about caching."_s).value(u"state"_s).toString(), u"final"_s);
        QCOMPARE(turn(u"u2"_s, u"Second question about caching."_s).value(u"state"_s).toString(), u"final"_s);
        const FakeAnthropic::Bill bill = m_anthropic->totals();
        const QJsonObject status = m_client->request(u"usage.status"_s).value(u"payload"_s).toObject();
        const QJsonObject totals = status.value(u"totals"_s).toObject();
        QCOMPARE(totals.value(u"calls"_s).toInt(), 2);
        QCOMPARE(totals.value(u"input"_s).toInteger(), bill.total.inputTokens);
        QCOMPARE(totals.value(u"output"_s).toInteger(), bill.total.outputTokens);
        QCOMPARE(totals.value(u"cacheRead"_s).toInteger(), bill.total.cacheReadTokens);
        QCOMPARE(
            totals.value(u"cacheWrite"_s).toInteger(), bill.total.cacheWrite5mTokens + bill.total.cacheWrite1hTokens);
        QVERIFY(bill.total.costUsd > 0);
        QVERIFY2(qAbs(totals.value(u"costUsd"_s).toDouble() - bill.total.costUsd) < 1e-9,
            qPrintable(u"recorded %1, billed %2"_s.arg(totals.value(u"costUsd"_s).toDouble()).arg(bill.total.costUsd)));
        QCOMPARE(status.value(u"byModel"_s).toArray().first().toObject().value(u"model"_s).toString(),
            u"anthropic:claude-sonnet-4-5"_s);
        QCOMPARE(status.value(u"byDay"_s).toArray().size(), 1);
        const QJsonObject cost
            = m_client->request(u"usage.cost"_s, { { u"days"_s, 7 } }).value(u"payload"_s).toObject();
        QCOMPARE(cost.value(u"totalUsd"_s).toDouble(), totals.value(u"costUsd"_s).toDouble());
        QCOMPARE(m_client->request(u"usage.cost"_s, { { u"days"_s, 0 } }).value(u"ok"_s).toBool(), false);
    }

    void longConversationsKeepHittingTheCache()
    {
        // A 20-message window: sliding it by one turn would miss the cache on every turn once it
        // is full; stepping it by half a window misses once per ten messages.
        // (Compaction off: its summarising calls would be the fake's "last request" here.)
        startGateway([](Gateway::Config::Settings &s) {
            s.agent.historyMessages = 20;
            s.people.compaction = false;
        });
        int misses = 0;
        qint64 previousPrefix = 0;
        for (int i = 0; i < 18; ++i) {
            QCOMPARE(
                turn(u"long-%1"_s.arg(i), u"Question number %1, please answer."_s.arg(i)).value(u"state"_s).toString(),
                u"final"_s);
            const FakeAnthropic::Usage u = m_anthropic->lastUsage();
            if (i > 0 && u.cacheReadTokens < previousPrefix)
                ++misses;
            previousPrefix = u.cacheReadTokens + u.cacheCreationTokens;
            // Every prompt starts with a user message.
            const QJsonObject body = m_anthropic->server().requests().constLast().json();
            QCOMPARE(body.value(u"messages"_s).toArray().first().toObject().value(u"role"_s).toString(), u"user"_s);
            QVERIFY(body.value(u"messages"_s).toArray().size() <= 20 + 1);
        }
        QVERIFY2(misses <= 2, qPrintable(QString::number(misses)));
    }

    void cachingOffSendsNoBreakpoints()
    {
        startGateway([](Gateway::Config::Settings &s) {
            s.routing.standard = u"anthropic"_s;
            s.agent.promptCaching = false;
        });
        QCOMPARE(turn(u"n1"_s, u"hello"_s).value(u"state"_s).toString(), u"final"_s);
        QVERIFY(!m_anthropic->server().requests().constLast().body.contains("cache_control"));
        QCOMPARE(m_anthropic->lastUsage().cacheCreationTokens, 0);
    }
};

int main(int argc, char **argv)
{
    qputenv("SKYNET_TEST_ANTHROPIC_KEY", "test-anthropic-key");
    QCoreApplication app(argc, argv);
    tst_PromptCache test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_promptcache.moc"
