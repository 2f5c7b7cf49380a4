// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Retries, failover and the circuit breaker, against the Ollama and OpenAI-compatible fakes.

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTest>

#include "fakeollama.h"
#include "fakeopenai.h"
#include "agent/providerpool.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using Fakes::FakeOpenAI;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

class tst_Failover final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<FakeOpenAI> m_openai;
    std::unique_ptr<TestGateway> m_gateway;
    ProtocolClient *m_client = nullptr;

    // ollama first (priority 1), the OpenAI-compatible fake second.
    void startGateway(const QString &ollamaUrl, int ollamaRetries = 0, bool withOpenAI = true)
    {
        const QString openaiUrl = m_openai->apiBaseUrl().toString();
        m_gateway = std::make_unique<TestGateway>([=](Gateway::Config::Settings &s) {
            s.providers.ollama.baseUrl = ollamaUrl;
            s.providers.ollama.maxRetries = ollamaRetries;
            s.providers.ollama.connectTimeoutMs = 2000;
            s.providers.openai.enabled = withOpenAI;
            s.providers.openai.baseUrl = openaiUrl;
            s.providers.openai.apiKey = QString();
            s.providers.openai.model = u"gpt-4o-mini"_s;
            s.providers.openai.maxRetries = 1;
        });
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
        m_client = new ProtocolClient;
        QVERIFY(m_client->openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
    }

    QJsonObject runTurn(const QString &key)
    {
        const QJsonObject ack = m_client->request(
            u"chat.send"_s, { { u"sessionKey"_s, u"f"_s }, { u"message"_s, u"hi"_s }, { u"idempotencyKey"_s, key } });
        if (!ack.value(u"ok"_s).toBool())
            return {};
        return m_client->waitForChatTerminal(key, 20000);
    }

    QJsonObject providerStatus(const QString &id)
    {
        const QJsonArray providers
            = m_client->request(u"providers.status"_s).value(u"payload"_s).toObject().value(u"providers"_s).toArray();
        for (const QJsonValue &p : providers)
            if (p.toObject().value(u"id"_s).toString() == id)
                return p.toObject();
        return {};
    }

    static QString text(const QJsonObject &event)
    {
        return event.value(u"message"_s)
            .toObject()
            .value(u"content"_s)
            .toArray()
            .first()
            .toObject()
            .value(u"text"_s)
            .toString();
    }

    static QString deadUrl()
    {
        // A port that was free a moment ago: connections are refused.
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 port = probe.serverPort();
        probe.close();
        return u"http://127.0.0.1:%1"_s.arg(port);
    }

private Q_SLOTS:
    void init()
    {
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
        m_openai = std::make_unique<FakeOpenAI>();
        QVERIFY(m_openai->listen());
    }

    void cleanup()
    {
        delete m_client;
        m_client = nullptr;
        m_gateway.reset();
        m_openai.reset();
        m_ollama.reset();
    }

    void providerDownNextOneAnswersAndBreakerOpens()
    {
        startGateway(deadUrl());
        for (int i = 1; i <= 3; ++i) {
            m_openai->enqueue(FakeOpenAI::Turn::text({ u"from openai "_s, QString::number(i) }));
            const QJsonObject final = runTurn(u"down-%1"_s.arg(i));
            QCOMPARE(final.value(u"state"_s).toString(), u"final"_s);
            QCOMPARE(text(final), u"from openai %1"_s.arg(i));
        }
        QCOMPARE(m_openai->server().requestCount(u"/v1/chat/completions"_s), 3);
        const QJsonObject ollama = providerStatus(u"ollama"_s);
        QCOMPARE(ollama.value(u"circuit"_s).toString(), u"open"_s);
        QCOMPARE(ollama.value(u"available"_s).toBool(), false);
        QCOMPARE(ollama.value(u"failures"_s).toInt(), 3);
        QVERIFY(ollama.value(u"lastError"_s).toString().startsWith(u"connect"));
        QCOMPARE(providerStatus(u"openai"_s).value(u"circuit"_s).toString(), u"closed"_s);
        // With the circuit open, ollama is skipped: no new failure is recorded.
        m_openai->enqueue(FakeOpenAI::Turn::text({ u"skip"_s }));
        QCOMPARE(runTurn(u"down-4"_s).value(u"state"_s).toString(), u"final"_s);
        QCOMPARE(providerStatus(u"ollama"_s).value(u"failures"_s).toInt(), 3);
        // The transcript names the provider that answered.
        const QJsonArray messages = m_client->request(u"chat.history"_s, { { u"sessionKey"_s, u"f"_s } })
                                        .value(u"payload"_s)
                                        .toObject()
                                        .value(u"messages"_s)
                                        .toArray();
        QCOMPARE(messages.last().toObject().value(u"provider"_s).toString(), u"openai"_s);
    }

    void rateLimitThenSuccessOnTheSameProvider()
    {
        startGateway(m_ollama->baseUrl().toString(), 0);
        // Ollama answers 503 "busy" (retryable); with no retries configured the OpenAI fake gets
        // a 429 with retry-after first and then answers on its retry.
        m_ollama->enqueue(FakeOllama::Turn::busy());
        m_openai->enqueue(FakeOpenAI::Turn::rateLimited(0.2));
        m_openai->enqueue(FakeOpenAI::Turn::text({ u"after the wait"_s }));
        const QJsonObject final = runTurn(u"rl-1"_s);
        QCOMPARE(final.value(u"state"_s).toString(), u"final"_s);
        QCOMPARE(text(final), u"after the wait"_s);
        QCOMPARE(m_openai->server().requestCount(u"/v1/chat/completions"_s), 2);
        QCOMPARE(m_ollama->server().requestCount(u"/api/chat"_s), 1);
    }

    void retryOnTheSameProviderBeforeFailingOver()
    {
        startGateway(m_ollama->baseUrl().toString(), 1);
        m_ollama->enqueue(FakeOllama::Turn::httpError(500, u"boom"_s));
        m_ollama->enqueue(FakeOllama::Turn::text({ u"second try"_s }));
        const QJsonObject final = runTurn(u"retry-1"_s);
        QCOMPARE(text(final), u"second try"_s);
        QCOMPARE(m_ollama->server().requestCount(u"/api/chat"_s), 2);
        QCOMPARE(m_openai->server().requestCount(u"/v1/chat/completions"_s), 0);
    }

    void quotaIsNotRetriedButFailsOver()
    {
        // OpenAI first this time: ollama is only reachable through failover.
        startGateway(m_ollama->baseUrl().toString(), 0);
        m_gateway.reset();
        const QString openaiUrl = m_openai->apiBaseUrl().toString();
        const QString ollamaUrl = m_ollama->baseUrl().toString();
        m_gateway = std::make_unique<TestGateway>([=](Gateway::Config::Settings &s) {
            s.providers.ollama.baseUrl = ollamaUrl;
            s.providers.ollama.priority = 5;
            s.providers.openai.enabled = true;
            s.providers.openai.baseUrl = openaiUrl;
            s.providers.openai.apiKey = QString();
            s.providers.openai.priority = 1;
            s.providers.openai.maxRetries = 3;
            s.routing.mode = u"fixed"_s;
            s.routing.standard = u"openai"_s;
        });
        delete m_client;
        m_client = new ProtocolClient;
        QVERIFY(m_client->openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        m_openai->enqueue(FakeOpenAI::Turn::insufficientQuota());
        m_ollama->enqueue(FakeOllama::Turn::text({ u"local answer"_s }));
        const QJsonObject final = runTurn(u"quota-1"_s);
        QCOMPARE(text(final), u"local answer"_s);
        QCOMPARE(m_openai->server().requestCount(u"/v1/chat/completions"_s), 1); // not retried
    }

    void failureAfterOutputIsNeverSpliced()
    {
        startGateway(m_ollama->baseUrl().toString(), 1);
        m_ollama->enqueue(FakeOllama::Turn::reset({ u"half an "_s }));
        m_openai->enqueue(FakeOpenAI::Turn::text({ u"other answer"_s }));
        const QJsonObject terminal = runTurn(u"splice-1"_s);
        QCOMPARE(terminal.value(u"state"_s).toString(), u"error"_s);
        QCOMPARE(m_ollama->server().requestCount(u"/api/chat"_s), 1);
        QCOMPARE(m_openai->server().requestCount(u"/v1/chat/completions"_s), 0);
    }

    void everyProviderDown()
    {
        startGateway(deadUrl(), 0, false);
        const QJsonObject terminal = runTurn(u"none-1"_s);
        QCOMPARE(terminal.value(u"state"_s).toString(), u"error"_s);
        QVERIFY(!terminal.value(u"errorMessage"_s).toString().isEmpty());
    }

    void breakerClosesAfterAProbe()
    {
        startGateway(m_ollama->baseUrl().toString(), 0, true);
        m_gateway->service()->providerPool()->setTiming(300, 100);
        for (int i = 0; i < 3; ++i) {
            m_ollama->enqueue(FakeOllama::Turn::httpError(500, u"down"_s));
            m_openai->enqueue(FakeOpenAI::Turn::text({ u"ok"_s }));
            QCOMPARE(runTurn(u"probe-%1"_s.arg(i)).value(u"state"_s).toString(), u"final"_s);
        }
        QCOMPARE(providerStatus(u"ollama"_s).value(u"circuit"_s).toString(), u"open"_s);
        // The active probe (a model list) succeeds after the cooldown and closes the circuit.
        QTRY_COMPARE_WITH_TIMEOUT(
            providerStatus(u"ollama"_s).value(u"circuit"_s).toString(), u"closed"_s, TestSupport::WAIT_MS);
        QVERIFY(m_ollama->server().requestCount(u"/api/tags"_s) >= 1);
    }
};

QTEST_GUILESS_MAIN(tst_Failover)
#include "tst_failover.moc"
