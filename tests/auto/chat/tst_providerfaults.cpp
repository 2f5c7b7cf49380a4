// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The provider fault matrix (issue 8, fault injection), end to end over the protocol: each
// provider (Ollama, Anthropic, OpenAI-compatible), alone in the gateway, answers one chat turn
// with a fault. The person gets a chat "error" event with a meaningful errorKind and message (or,
// for a slow answer, the whole answer), and the next turn on the same gateway works. The
// provider suites (tst_*provider) check the classification of each fault in detail; this one
// checks what reaches the person, for every cell of the matrix.

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "fakeanthropic.h"
#include "fakeollama.h"
#include "fakeopenai.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeAnthropic;
using Fakes::FakeOllama;
using Fakes::FakeOpenAI;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

namespace
{

constexpr int IDLE_TIMEOUT_MS = 1500; ///< the providers' idle timeout here: a stall ends after it
constexpr int SLOW_CHUNK_MS = 150; ///< a slow answer: well inside the idle timeout
const QStringList BEFORE { u"Part"_s, u"ial"_s };

} // namespace

class tst_ProviderFaults final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<FakeAnthropic> m_anthropic;
    std::unique_ptr<FakeOpenAI> m_openai;
    std::unique_ptr<TestGateway> m_gateway;

    /// A gateway whose only provider is `provider`, with no retries.
    void startGateway(const QString &provider)
    {
        qputenv("FAULT_TEST_API_KEY", "sk-fault-test");
        const QString ollama = m_ollama->baseUrl().toString();
        const QString anthropic = m_anthropic->baseUrl().toString();
        const QString openai = m_openai->apiBaseUrl().toString();
        m_gateway = std::make_unique<TestGateway>([=](Gateway::Config::Settings &s) {
            for (auto *p : { &s.providers.ollama, &s.providers.anthropic, &s.providers.openai }) {
                p->enabled = false;
                p->maxRetries = 0;
                p->idleTimeoutMs = IDLE_TIMEOUT_MS;
                p->connectTimeoutMs = 5000;
            }
            s.providers.ollama.baseUrl = ollama;
            s.providers.anthropic.baseUrl = anthropic;
            s.providers.anthropic.apiKey = u"env:FAULT_TEST_API_KEY"_s;
            s.providers.openai.baseUrl = openai;
            s.providers.openai.apiKey = u"env:FAULT_TEST_API_KEY"_s;
            if (provider == u"ollama")
                s.providers.ollama.enabled = true;
            if (provider == u"anthropic")
                s.providers.anthropic.enabled = true;
            if (provider == u"openai")
                s.providers.openai.enabled = true;
        });
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
    }

    /// Scripts the fault (or, for "ok", an answer) as the provider's next turn.
    void enqueue(const QString &provider, const QString &fault, const QStringList &pieces)
    {
        const int delay = fault == u"slow" ? SLOW_CHUNK_MS : -1;
        if (provider == u"ollama") {
            FakeOllama::Turn t = FakeOllama::Turn::text(pieces);
            if (fault == u"429")
                t = FakeOllama::Turn::httpError(429, u"slow down"_s);
            else if (fault == u"500")
                t = FakeOllama::Turn::httpError(500, u"boom"_s);
            else if (fault == u"overloaded")
                t = FakeOllama::Turn::busy();
            else if (fault == u"stall before output")
                t = FakeOllama::Turn::stall();
            else if (fault == u"stall mid-stream")
                t = FakeOllama::Turn::stall(BEFORE);
            else if (fault == u"reset before output")
                t = FakeOllama::Turn::reset();
            else if (fault == u"reset mid-stream")
                t = FakeOllama::Turn::reset(BEFORE);
            else if (fault == u"malformed stream")
                t = FakeOllama::Turn::malformedLine(BEFORE);
            else if (fault == u"truncated stream")
                t = FakeOllama::Turn::truncated(BEFORE);
            else if (fault == u"error in stream")
                t = FakeOllama::Turn::errorLine(u"model crashed"_s, BEFORE);
            t.chunkDelayMs = delay;
            m_ollama->enqueue(t);
        } else if (provider == u"anthropic") {
            FakeAnthropic::Turn t = FakeAnthropic::Turn::text(pieces);
            if (fault == u"429")
                t = FakeAnthropic::Turn::rateLimited(0.2);
            else if (fault == u"500")
                t = FakeAnthropic::Turn::httpError(500, u"api_error"_s, u"Internal server error"_s);
            else if (fault == u"overloaded")
                t = FakeAnthropic::Turn::overloaded();
            else if (fault == u"stall before output")
                t = FakeAnthropic::Turn::stall();
            else if (fault == u"stall mid-stream")
                t = FakeAnthropic::Turn::stall(BEFORE);
            else if (fault == u"reset before output")
                t = FakeAnthropic::Turn::reset();
            else if (fault == u"reset mid-stream")
                t = FakeAnthropic::Turn::reset(BEFORE);
            else if (fault == u"malformed stream")
                t = FakeAnthropic::Turn::malformed(BEFORE);
            else if (fault == u"truncated stream")
                t = FakeAnthropic::Turn::truncated(BEFORE);
            else if (fault == u"error in stream")
                t = FakeAnthropic::Turn::errorEvent(u"overloaded_error"_s, u"Overloaded"_s, BEFORE);
            t.chunkDelayMs = delay;
            m_anthropic->enqueue(t);
        } else {
            FakeOpenAI::Turn t = FakeOpenAI::Turn::text(pieces);
            if (fault == u"429")
                t = FakeOpenAI::Turn::rateLimited(0.2);
            else if (fault == u"500")
                t = FakeOpenAI::Turn::serverError(500);
            else if (fault == u"overloaded")
                t = FakeOpenAI::Turn::serverError(503);
            else if (fault == u"stall before output")
                t = FakeOpenAI::Turn::stall();
            else if (fault == u"stall mid-stream")
                t = FakeOpenAI::Turn::stall(BEFORE);
            else if (fault == u"reset before output")
                t = FakeOpenAI::Turn::reset();
            else if (fault == u"reset mid-stream")
                t = FakeOpenAI::Turn::reset(BEFORE);
            else if (fault == u"malformed stream")
                t = FakeOpenAI::Turn::malformed(BEFORE);
            else if (fault == u"truncated stream")
                t = FakeOpenAI::Turn::truncated(BEFORE);
            else if (fault == u"error in stream")
                t = FakeOpenAI::Turn::errorChunk(u"The server had an error"_s, BEFORE);
            t.chunkDelayMs = delay;
            m_openai->enqueue(t);
        }
    }

    static QJsonObject runTurn(ProtocolClient &client, const QString &key)
    {
        const QJsonObject ack = client.request(
            u"chat.send"_s, { { u"sessionKey"_s, u"f"_s }, { u"message"_s, u"hi"_s }, { u"idempotencyKey"_s, key } });
        if (!ack.value(u"ok"_s).toBool())
            return { { u"ack"_s, ack } };
        return client.waitForChatTerminal(key);
    }

    static QString text(const QJsonObject &event)
    {
        QString t;
        for (const QJsonValue &part : event.value(u"message"_s).toObject().value(u"content"_s).toArray())
            t += part.toObject().value(u"text"_s).toString();
        return t;
    }

private Q_SLOTS:
    void init()
    {
        m_ollama = std::make_unique<FakeOllama>();
        m_anthropic = std::make_unique<FakeAnthropic>();
        m_openai = std::make_unique<FakeOpenAI>();
        QVERIFY(m_ollama->listen());
        QVERIFY(m_anthropic->listen());
        QVERIFY(m_openai->listen());
    }

    void cleanup()
    {
        m_gateway.reset();
        m_openai.reset();
        m_anthropic.reset();
        m_ollama.reset();
    }

    void faultThenRecovery_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QStringList>("kinds"); ///< acceptable errorKind values; empty: must succeed
        // errorKind is the protocol's: timeout, rate_limit, context_length or unknown; the
        // message says the rest.
        const QList<QPair<QString, QStringList>> faults {
            { u"429"_s, { u"rate_limit"_s } },
            { u"500"_s, { u"unknown"_s } },
            { u"overloaded"_s, { u"rate_limit"_s } }, // Anthropic 529, OpenAI 503, Ollama 503 busy
            { u"stall before output"_s, { u"timeout"_s } },
            { u"stall mid-stream"_s, { u"timeout"_s } },
            { u"reset before output"_s, { u"unknown"_s } },
            { u"reset mid-stream"_s, { u"unknown"_s } },
            { u"malformed stream"_s, { u"unknown"_s } },
            { u"truncated stream"_s, { u"unknown"_s } },
            { u"error in stream"_s, { u"unknown"_s, u"rate_limit"_s } },
            { u"slow"_s, {} },
        };
        for (const QString &provider : { u"ollama"_s, u"anthropic"_s, u"openai"_s }) {
            for (const auto &[fault, kinds] : faults)
                QTest::addRow("%s: %s", qPrintable(provider), qPrintable(fault)) << provider << fault << kinds;
        }
    }

    void faultThenRecovery()
    {
        QFETCH(QString, provider);
        QFETCH(QString, fault);
        QFETCH(QStringList, kinds);
        startGateway(provider);
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));

        enqueue(provider, fault, { u"Slow "_s, u"but "_s, u"whole."_s });
        const QJsonObject first = runTurn(client, u"fault"_s);
        const QByteArray dump = QJsonDocument(first).toJson(QJsonDocument::Compact);
        if (kinds.isEmpty()) {
            QCOMPARE(first.value(u"state"_s).toString(), u"final"_s);
            QCOMPARE(text(first), u"Slow but whole."_s);
        } else {
            QVERIFY2(first.value(u"state"_s).toString() == u"error", dump.constData());
            QVERIFY2(kinds.contains(first.value(u"errorKind"_s).toString()), dump.constData());
            const QString message = first.value(u"errorMessage"_s).toString();
            QVERIFY2(!message.isEmpty(), dump.constData());
            QCOMPARE(first.value(u"errorDetail"_s).toObject().value(u"provider"_s).toString(), provider);
            // What went wrong, in words, where the kind alone cannot say it.
            if (fault.startsWith(u"reset") || fault.startsWith(u"truncated"))
                QVERIFY2(message.contains(u"stream ended before its final event"_s), dump.constData());
            if (fault.startsWith(u"malformed"))
                QVERIFY2(message.contains(u"JSON"_s), dump.constData());
        }

        // The gateway is still up, and the same provider answers the next turn.
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s)).status, 200);
        // After a 429 with retry-after the provider rests until then: a turn in between gets a
        // clear rate_limit error, never "not configured", and once it is over the turn works.
        QJsonObject second;
        int attempt = 0;
        QString refusal;
        const bool recovered = QTest::qWaitFor(
            [&] {
                enqueue(provider, u"ok"_s, { u"Recovered."_s });
                second = runTurn(client, u"after-%1"_s.arg(++attempt));
                if (second.value(u"state"_s).toString() == u"error"
                    && (second.value(u"errorKind"_s).toString() != u"rate_limit"
                        || !second.value(u"errorMessage"_s).toString().contains(u"resting"_s)))
                    refusal = QString::fromUtf8(QJsonDocument(second).toJson(QJsonDocument::Compact));
                return second.value(u"state"_s).toString() == u"final" || !refusal.isEmpty();
            },
            TestSupport::WAIT_MS);
        QVERIFY2(refusal.isEmpty(), qPrintable(refusal));
        QVERIFY2(recovered, QJsonDocument(second).toJson(QJsonDocument::Compact).constData());
        QCOMPARE(text(second), u"Recovered."_s);
        if (fault != u"429")
            QCOMPARE(attempt, 1);
    }
};

QTEST_GUILESS_MAIN(tst_ProviderFaults)
#include "tst_providerfaults.moc"
