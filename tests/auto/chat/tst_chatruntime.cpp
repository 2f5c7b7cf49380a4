// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Chat over the protocol: chat.send, streamed chat events, history that survives a restart,
// idempotency, abort, tools, ordering, agent and agent.wait — against the Ollama fake.

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "fakeollama.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

class tst_ChatRuntime final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<TestGateway> m_gateway;
    QTemporaryDir m_home;

    void startGateway(const std::function<void(Gateway::Config::Settings &)> &extra = {})
    {
        const QString url = m_ollama->baseUrl().toString();
        m_gateway = std::make_unique<TestGateway>(
            [url, extra](Gateway::Config::Settings &s) {
                s.providers.ollama.baseUrl = url;
                s.providers.ollama.model = u"llama3.2"_s;
                s.providers.ollama.maxRetries = 0;
                if (extra)
                    extra(s);
            },
            true, m_home.path());
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
    }

    static QJsonObject send(ProtocolClient &client, const QString &session, const QString &message, const QString &key)
    {
        return client.request(
            u"chat.send"_s, { { u"sessionKey"_s, session }, { u"message"_s, message }, { u"idempotencyKey"_s, key } });
    }

    // Chat events of one run, in arrival order.
    static QList<QJsonObject> chatEvents(const ProtocolClient &client, const QString &runId)
    {
        QList<QJsonObject> events;
        for (const QJsonObject &frame : client.frames()) {
            if (frame.value(u"event"_s).toString() == u"chat"
                && frame.value(u"payload"_s).toObject().value(u"runId"_s).toString() == runId)
                events.append(frame.value(u"payload"_s).toObject());
        }
        return events;
    }

    static bool isTerminal(const QJsonObject &event)
    {
        const QString state = event.value(u"state"_s).toString();
        return state == u"final" || state == u"error" || state == u"aborted";
    }

    static QJsonObject waitForTerminal(ProtocolClient &client, const QString &runId)
    {
        QJsonObject terminal;
        (void)QTest::qWaitFor(
            [&] {
                for (const QJsonObject &e : chatEvents(client, runId)) {
                    if (isTerminal(e)) {
                        terminal = e;
                        return true;
                    }
                }
                return false;
            },
            TestSupport::WAIT_MS);
        return terminal;
    }

    static int terminalCount(const ProtocolClient &client, const QString &runId)
    {
        int n = 0;
        for (const QJsonObject &e : chatEvents(client, runId))
            n += isTerminal(e) ? 1 : 0;
        return n;
    }

    static QString messageText(const QJsonObject &message)
    {
        const QJsonValue content = message.value(u"content"_s);
        if (content.isString())
            return content.toString();
        QString text;
        for (const QJsonValue &part : content.toArray())
            text += part.toObject().value(u"text"_s).toString();
        return text;
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

    void streamsDeltasThenOneFinal()
    {
        startGateway();
        // Pieces further apart than the coalescing window arrive as separate deltas.
        m_ollama->setChunkDelayMs(60);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hel"_s, u"lo "_s, u"there"_s }));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        const QJsonObject ack = send(client, u"s1"_s, u"hi"_s, u"run-1"_s);
        QVERIFY2(ack.value(u"ok"_s).toBool(), QJsonDocument(ack).toJson().constData());
        QCOMPARE(ack.value(u"payload"_s).toObject().value(u"runId"_s).toString(), u"run-1"_s);
        QCOMPARE(ack.value(u"payload"_s).toObject().value(u"status"_s).toString(), u"started"_s);

        const QJsonObject final = waitForTerminal(client, u"run-1"_s);
        QCOMPARE(final.value(u"state"_s).toString(), u"final"_s);
        QCOMPARE(messageText(final.value(u"message"_s).toObject()), u"Hello there"_s);
        QCOMPARE(final.value(u"sessionKey"_s).toString(), u"agent:main:s1"_s);
        QCOMPARE(final.value(u"stopReason"_s).toString(), u"stop"_s);
        QVERIFY(final.value(u"usage"_s).toObject().value(u"output"_s).toInt() > 0);

        // Deltas: cumulative message, v4 deltaText, increasing payload seq, one terminal.
        QString cumulative;
        qint64 lastSeq = 0;
        int deltas = 0;
        for (const QJsonObject &e : chatEvents(client, u"run-1"_s)) {
            QVERIFY(e.value(u"seq"_s).toInteger() > lastSeq);
            lastSeq = e.value(u"seq"_s).toInteger();
            if (e.value(u"state"_s).toString() != u"delta")
                continue;
            ++deltas;
            cumulative += e.value(u"deltaText"_s).toString();
            QCOMPARE(messageText(e.value(u"message"_s).toObject()), cumulative);
        }
        QCOMPARE(deltas, 3);
        QCOMPARE(terminalCount(client, u"run-1"_s), 1);

        // The request carried the persona, the history and the model.
        const QJsonObject request = m_ollama->server().requests().constLast().json();
        QCOMPARE(request.value(u"model"_s).toString(), u"llama3.2"_s);
        const QJsonArray messages = request.value(u"messages"_s).toArray();
        QCOMPARE(messages.first().toObject().value(u"role"_s).toString(), u"system"_s);
        QCOMPARE(messages.last().toObject().value(u"content"_s).toString(), u"hi"_s);
    }

    void fastTokensAreCoalesced()
    {
        startGateway();
        QStringList pieces;
        QString expected;
        for (int i = 0; i < 300; ++i) {
            pieces.append(u"t%1 "_s.arg(i));
            expected += pieces.constLast();
        }
        m_ollama->enqueue(FakeOllama::Turn::text(pieces));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        QVERIFY(send(client, u"fast"_s, u"go"_s, u"run-fast"_s).value(u"ok"_s).toBool());
        const QJsonObject final = waitForTerminal(client, u"run-fast"_s);
        QCOMPARE(messageText(final.value(u"message"_s).toObject()), expected);
        int deltas = 0;
        QString joined;
        for (const QJsonObject &e : chatEvents(client, u"run-fast"_s)) {
            if (e.value(u"state"_s).toString() != u"delta")
                continue;
            ++deltas;
            joined += e.value(u"deltaText"_s).toString();
            QCOMPARE(messageText(e.value(u"message"_s).toObject()), joined); // cumulative, nothing lost
        }
        QCOMPARE(joined, expected);
        QVERIFY2(deltas < 300, qPrintable(QString::number(deltas)));
    }

    void modelOverrideInTheMessage()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::text({ u"small model here"_s }));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        QVERIFY(
            send(client, u"pick"_s, u"/model ollama:qwen3:0.6b what is 2+2?"_s, u"run-pick"_s).value(u"ok"_s).toBool());
        QCOMPARE(waitForTerminal(client, u"run-pick"_s).value(u"state"_s).toString(), u"final"_s);
        const QJsonObject request = m_ollama->server().requests().constLast().json();
        QCOMPARE(request.value(u"model"_s).toString(), u"qwen3:0.6b"_s);
        QCOMPARE(
            request.value(u"messages"_s).toArray().last().toObject().value(u"content"_s).toString(), u"what is 2+2?"_s);
    }

    void modelParameterPicksTheModel()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::text({ u"picked"_s }));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        const QJsonObject ack = client.request(u"chat.send"_s,
            { { u"sessionKey"_s, u"picker"_s }, { u"message"_s, u"hi"_s }, { u"idempotencyKey"_s, u"run-m"_s },
                { u"model"_s, u"ollama:qwen3:0.6b"_s } });
        QVERIFY2(ack.value(u"ok"_s).toBool(), QJsonDocument(ack).toJson().constData());
        QCOMPARE(waitForTerminal(client, u"run-m"_s).value(u"state"_s).toString(), u"final"_s);
        const QJsonObject request = m_ollama->server().requests().constLast().json();
        QCOMPARE(request.value(u"model"_s).toString(), u"qwen3:0.6b"_s);
        QCOMPARE(request.value(u"messages"_s).toArray().last().toObject().value(u"content"_s).toString(), u"hi"_s);

        // Not "provider:model", an unknown provider, a wrong type: refused before any run.
        const QList<QJsonValue> bad { u"qwen3"_s, u"nope:qwen3"_s, u":qwen3"_s, 42, QString(300, u'x') };
        int n = 0;
        for (const QJsonValue &model : bad) {
            const QString key = u"run-bad-%1"_s.arg(++n);
            const QJsonObject refused = client.request(u"chat.send"_s,
                { { u"sessionKey"_s, u"picker"_s }, { u"message"_s, u"hi"_s }, { u"idempotencyKey"_s, key },
                    { u"model"_s, model } });
            QVERIFY2(!refused.value(u"ok"_s).toBool(), QJsonDocument(refused).toJson().constData());
            QCOMPARE(refused.value(u"error"_s).toObject().value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        }
    }

    void modelsListNamesTheProvidersModels()
    {
        m_ollama->setModels({ u"llama3.2:latest"_s, u"qwen3:0.6b"_s });
        startGateway();
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.read"_s }));
        const QJsonObject res = client.request(u"models.list"_s, {});
        QVERIFY2(res.value(u"ok"_s).toBool(), QJsonDocument(res).toJson().constData());
        const QJsonArray models = res.value(u"payload"_s).toObject().value(u"models"_s).toArray();
        QStringList ids;
        for (const QJsonValue &v : models) {
            const QJsonObject m = v.toObject();
            QCOMPARE(m.value(u"provider"_s).toString(), u"ollama"_s);
            QVERIFY(m.value(u"available"_s).toBool());
            QCOMPARE(m.value(u"default"_s).toBool(), m.value(u"id"_s).toString() == u"llama3.2:latest");
            ids.append(m.value(u"id"_s).toString());
        }
        QCOMPARE(ids, (QStringList { u"llama3.2:latest"_s, u"qwen3:0.6b"_s }));

        // Provider down: its configured model is still offered, unavailable, with the error.
        m_ollama.reset();
        const QJsonObject down = client.request(u"models.list"_s, {});
        QVERIFY(down.value(u"ok"_s).toBool());
        const QJsonObject payload = down.value(u"payload"_s).toObject();
        QCOMPARE(payload.value(u"models"_s).toArray().size(), 1);
        const QJsonObject only = payload.value(u"models"_s).toArray().first().toObject();
        QCOMPARE(only.value(u"id"_s).toString(), u"llama3.2"_s);
        QCOMPARE(only.value(u"available"_s).toBool(), false);
        QCOMPARE(payload.value(u"errors"_s).toArray().size(), 1);
        QCOMPARE(payload.value(u"errors"_s).toArray().first().toObject().value(u"provider"_s).toString(), u"ollama"_s);
    }

    void protocol3ClientGetsNoDeltaText()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::text({ u"a"_s, u"b"_s }));
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        QVERIFY(client.connect(ProtocolClient::connectParams(m_gateway->token(), 3, 3, { u"operator.write"_s }))
                    .value(u"ok"_s)
                    .toBool());
        QVERIFY(send(client, u"v3"_s, u"x"_s, u"run-v3"_s).value(u"ok"_s).toBool());
        QCOMPARE(waitForTerminal(client, u"run-v3"_s).value(u"state"_s).toString(), u"final"_s);
        for (const QJsonObject &e : chatEvents(client, u"run-v3"_s)) {
            QVERIFY(!e.contains(u"deltaText"_s));
            QVERIFY(e.value(u"state"_s).toString() != u"status");
        }
    }

    void historySurvivesRestart()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::text({ u"first answer"_s }));
        {
            ProtocolClient client;
            QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
            QVERIFY(send(client, u"keep"_s, u"remember me"_s, u"run-keep"_s).value(u"ok"_s).toBool());
            QCOMPARE(waitForTerminal(client, u"run-keep"_s).value(u"state"_s).toString(), u"final"_s);
        }
        m_gateway.reset();
        startGateway();
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        const QJsonObject history = client.request(u"chat.history"_s, { { u"sessionKey"_s, u"keep"_s } });
        QVERIFY(history.value(u"ok"_s).toBool());
        const QJsonArray messages = history.value(u"payload"_s).toObject().value(u"messages"_s).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value(u"role"_s).toString(), u"user"_s);
        QCOMPARE(messages.at(0).toObject().value(u"content"_s).toString(), u"remember me"_s);
        QCOMPARE(messages.at(1).toObject().value(u"role"_s).toString(), u"assistant"_s);
        QCOMPARE(messageText(messages.at(1).toObject()), u"first answer"_s);
        QCOMPARE(messages.at(1).toObject().value(u"provider"_s).toString(), u"ollama"_s);
        // The session is listed too.
        const QJsonObject sessions = client.request(u"sessions.list"_s).value(u"payload"_s).toObject();
        QCOMPARE(sessions.value(u"sessions"_s).toArray().first().toObject().value(u"key"_s).toString(),
            u"agent:main:keep"_s);
    }

    void idempotentResendStartsNoSecondRun()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::text({ u"once"_s }));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        QVERIFY(send(client, u"idem"_s, u"hello"_s, u"same-key"_s).value(u"ok"_s).toBool());
        const QJsonObject again = send(client, u"idem"_s, u"hello"_s, u"same-key"_s);
        QVERIFY(again.value(u"ok"_s).toBool());
        QCOMPARE(again.value(u"payload"_s).toObject().value(u"runId"_s).toString(), u"same-key"_s);
        QCOMPARE(again.value(u"payload"_s).toObject().value(u"duplicate"_s).toBool(), true);
        QCOMPARE(waitForTerminal(client, u"same-key"_s).value(u"state"_s).toString(), u"final"_s);
        // After it finished, a third resend still does not start anything.
        QCOMPARE(send(client, u"idem"_s, u"hello"_s, u"same-key"_s)
                     .value(u"payload"_s)
                     .toObject()
                     .value(u"status"_s)
                     .toString(),
            u"ok"_s);
        QCOMPARE(m_ollama->server().requestCount(u"/api/chat"_s), 1);
        QCOMPARE(client.request(u"chat.history"_s, { { u"sessionKey"_s, u"idem"_s } })
                     .value(u"payload"_s)
                     .toObject()
                     .value(u"messages"_s)
                     .toArray()
                     .size(),
            2);
    }

    void abortStopsTheUpstreamRequest()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::stall({ u"partial "_s, u"answer"_s }));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        QVERIFY(send(client, u"ab"_s, u"go"_s, u"run-ab"_s).value(u"ok"_s).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(chatEvents(client, u"run-ab"_s).size() >= 3, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(m_ollama->server().openConnections(), 1, TestSupport::WAIT_MS);
        const QJsonObject result = client.request(u"chat.abort"_s, { { u"sessionKey"_s, u"ab"_s } });
        QCOMPARE(result.value(u"payload"_s).toObject().value(u"aborted"_s).toBool(), true);
        QCOMPARE(result.value(u"payload"_s).toObject().value(u"runIds"_s).toArray(), QJsonArray { u"run-ab"_s });
        const QJsonObject terminal = waitForTerminal(client, u"run-ab"_s);
        QCOMPARE(terminal.value(u"state"_s).toString(), u"aborted"_s);
        QCOMPARE(terminal.value(u"stopReason"_s).toString(), u"rpc"_s);
        QCOMPARE(messageText(terminal.value(u"message"_s).toObject()), u"partial answer"_s);
        // The upstream connection is really closed.
        QTRY_COMPARE_WITH_TIMEOUT(m_ollama->server().openConnections(), 0, TestSupport::WAIT_MS);
        QCOMPARE(terminalCount(client, u"run-ab"_s), 1);
        // Idle session: nothing to abort.
        const QJsonObject idle = client.request(u"chat.abort"_s, { { u"sessionKey"_s, u"ab"_s } });
        QCOMPARE(idle.value(u"payload"_s).toObject().value(u"aborted"_s).toBool(), false);
    }

    void errorsGiveExactlyOneErrorEvent_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addRow("error line after 200") << 0;
        QTest::addRow("malformed NDJSON") << 1;
        QTest::addRow("HTTP 500") << 2;
        QTest::addRow("connection reset mid-stream") << 3;
    }

    void errorsGiveExactlyOneErrorEvent()
    {
        QFETCH(int, kind);
        startGateway();
        switch (kind) {
        case 0:
            m_ollama->enqueue(FakeOllama::Turn::errorLine(u"model crashed"_s, { u"some "_s }));
            break;
        case 1:
            m_ollama->enqueue(FakeOllama::Turn::malformedLine({ u"some "_s }));
            break;
        case 2:
            m_ollama->enqueue(FakeOllama::Turn::httpError(500, u"internal"_s));
            break;
        default:
            m_ollama->enqueue(FakeOllama::Turn::reset({ u"some "_s }));
            break;
        }
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        QVERIFY(send(client, u"err"_s, u"x"_s, u"run-err"_s).value(u"ok"_s).toBool());
        const QJsonObject terminal = waitForTerminal(client, u"run-err"_s);
        QCOMPARE(terminal.value(u"state"_s).toString(), u"error"_s);
        QVERIFY(!terminal.value(u"errorMessage"_s).toString().isEmpty());
        QCOMPARE(terminalCount(client, u"run-err"_s), 1);
        // A consistent transcript: the user's message, and no half answer.
        const QJsonArray messages = client.request(u"chat.history"_s, { { u"sessionKey"_s, u"err"_s } })
                                        .value(u"payload"_s)
                                        .toObject()
                                        .value(u"messages"_s)
                                        .toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().toObject().value(u"role"_s).toString(), u"user"_s);
        // The gateway keeps working: the next turn answers.
        m_ollama->enqueue(FakeOllama::Turn::text({ u"fine"_s }));
        QVERIFY(send(client, u"err"_s, u"again"_s, u"run-ok"_s).value(u"ok"_s).toBool());
        QCOMPARE(waitForTerminal(client, u"run-ok"_s).value(u"state"_s).toString(), u"final"_s);
    }

    void toolLoop()
    {
        startGateway();
        m_ollama->enqueue(
            FakeOllama::Turn::toolCall(u"current_time"_s, QJsonObject { { u"timezone"_s, u"Europe/Berlin"_s } }));
        m_ollama->enqueue(FakeOllama::Turn::text({ u"It is late."_s }));
        ProtocolClient client;
        QVERIFY(client.open(m_gateway->wsUrl()));
        QJsonObject params = ProtocolClient::connectParams(m_gateway->token(), 3, 4, { u"operator.write"_s });
        params.insert(u"caps"_s, QJsonArray { u"tool-events"_s });
        QVERIFY(client.connect(params).value(u"ok"_s).toBool());
        QVERIFY(send(client, u"tools"_s, u"what time is it in Berlin?"_s, u"run-tool"_s).value(u"ok"_s).toBool());
        const QJsonObject final = waitForTerminal(client, u"run-tool"_s);
        QCOMPARE(final.value(u"state"_s).toString(), u"final"_s);
        QCOMPARE(messageText(final.value(u"message"_s).toObject()), u"It is late."_s);
        QCOMPARE(m_ollama->server().requestCount(u"/api/chat"_s), 2);
        // The tools were declared, and the second call carried the tool result in Ollama's format.
        const QJsonObject first = m_ollama->server().requests().at(m_ollama->server().requests().size() - 2).json();
        QCOMPARE(first.value(u"tools"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"function"_s)
                     .toObject()
                     .value(u"name"_s)
                     .toString(),
            u"current_time"_s);
        const QJsonArray messages = m_ollama->server().requests().constLast().json().value(u"messages"_s).toArray();
        const QJsonObject toolMessage = messages.last().toObject();
        QCOMPARE(toolMessage.value(u"role"_s).toString(), u"tool"_s);
        QVERIFY(toolMessage.value(u"content"_s).toString().contains(u"Europe/Berlin"_s));
        QVERIFY(!messages.at(messages.size() - 2).toObject().value(u"tool_calls"_s).toArray().isEmpty());
        // Tool status was streamed to the client that asked for tool events.
        bool sawTool = false;
        for (const QJsonObject &frame : client.frames())
            sawTool |= frame.value(u"event"_s).toString() == u"agent"
                && frame.value(u"payload"_s).toObject().value(u"stream"_s).toString() == u"tool";
        QVERIFY(sawTool);
    }

    void runsInOneSessionAreOrdered()
    {
        startGateway();
        m_ollama->setChunkDelayMs(20);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"one"_s, u"."_s }));
        m_ollama->enqueue(FakeOllama::Turn::text({ u"two"_s }));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        QVERIFY(send(client, u"order"_s, u"first"_s, u"o1"_s).value(u"ok"_s).toBool());
        QVERIFY(send(client, u"order"_s, u"second"_s, u"o2"_s).value(u"ok"_s).toBool());
        QCOMPARE(waitForTerminal(client, u"o2"_s).value(u"state"_s).toString(), u"final"_s);
        QCOMPARE(waitForTerminal(client, u"o1"_s).value(u"state"_s).toString(), u"final"_s);
        // The second request saw the first answer in its history.
        const QJsonArray messages = m_ollama->server().requests().constLast().json().value(u"messages"_s).toArray();
        QStringList contents;
        for (const QJsonValue &m : messages)
            contents.append(m.toObject().value(u"content"_s).toString());
        QVERIFY2(contents.indexOf(u"one."_s) >= 0 && contents.indexOf(u"one."_s) < contents.indexOf(u"second"_s),
            qPrintable(contents.join(u'|')));
    }

    void sessionsRunConcurrently()
    {
        startGateway();
        // Session A stalls; session B still answers.
        m_ollama->enqueue(FakeOllama::Turn::stall({ u"waiting"_s }));
        m_ollama->enqueue(FakeOllama::Turn::text({ u"b answered"_s }));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s }));
        QVERIFY(send(client, u"A"_s, u"slow"_s, u"a1"_s).value(u"ok"_s).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(chatEvents(client, u"a1"_s).size() >= 2, TestSupport::WAIT_MS);
        QVERIFY(send(client, u"B"_s, u"fast"_s, u"b1"_s).value(u"ok"_s).toBool());
        QCOMPARE(waitForTerminal(client, u"b1"_s).value(u"state"_s).toString(), u"final"_s);
        QCOMPARE(terminalCount(client, u"a1"_s), 0);
        client.request(u"chat.abort"_s, { { u"sessionKey"_s, u"A"_s } });
        QCOMPARE(waitForTerminal(client, u"a1"_s).value(u"state"_s).toString(), u"aborted"_s);
    }

    void agentTwoPhaseAndWait()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::text({ u"agent says hi"_s }));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        client.sendText(QJsonDocument(
            QJsonObject { { u"type"_s, u"req"_s }, { u"id"_s, u"ag"_s }, { u"method"_s, u"agent"_s },
                { u"params"_s, QJsonObject { { u"message"_s, u"hello"_s }, { u"idempotencyKey"_s, u"agent-1"_s } } } })
                            .toJson(QJsonDocument::Compact));
        // Two responses on the same id: accepted, then the final result.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                int n = 0;
                for (const QJsonObject &f : client.frames())
                    n += f.value(u"type"_s).toString() == u"res" && f.value(u"id"_s).toString() == u"ag" ? 1 : 0;
                return n == 2;
            }(),
            TestSupport::WAIT_MS);
        QList<QJsonObject> responses;
        for (const QJsonObject &f : client.frames())
            if (f.value(u"type"_s).toString() == u"res" && f.value(u"id"_s).toString() == u"ag")
                responses.append(f);
        QCOMPARE(responses.at(0).value(u"payload"_s).toObject().value(u"status"_s).toString(), u"accepted"_s);
        QCOMPARE(
            responses.at(0).value(u"payload"_s).toObject().value(u"sessionKey"_s).toString(), u"agent:main:main"_s);
        const QJsonObject final = responses.at(1).value(u"payload"_s).toObject();
        QCOMPARE(final.value(u"status"_s).toString(), u"ok"_s);
        QCOMPARE(final.value(u"result"_s)
                     .toObject()
                     .value(u"payloads"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"text"_s)
                     .toString(),
            u"agent says hi"_s);
        QCOMPARE(final.value(u"result"_s)
                     .toObject()
                     .value(u"meta"_s)
                     .toObject()
                     .value(u"agentMeta"_s)
                     .toObject()
                     .value(u"provider"_s)
                     .toString(),
            u"ollama"_s);

        const QJsonObject waited = client.request(u"agent.wait"_s, { { u"runId"_s, u"agent-1"_s } });
        QCOMPARE(waited.value(u"payload"_s).toObject().value(u"status"_s).toString(), u"ok"_s);
        const QJsonObject unknown = client.request(u"agent.wait"_s, { { u"runId"_s, u"nope"_s } });
        QCOMPARE(unknown.value(u"ok"_s).toBool(), false);
    }

    void agentWaitTimesOut()
    {
        startGateway();
        m_ollama->enqueue(FakeOllama::Turn::stall());
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        QVERIFY(send(client, u"w"_s, u"x"_s, u"wait-1"_s).value(u"ok"_s).toBool());
        const QJsonObject waited
            = client.request(u"agent.wait"_s, { { u"runId"_s, u"wait-1"_s }, { u"timeoutMs"_s, 200 } });
        QCOMPARE(waited.value(u"payload"_s).toObject().value(u"status"_s).toString(), u"timeout"_s);
        client.request(u"chat.abort"_s, { { u"sessionKey"_s, u"w"_s } });
    }

    void runTimeout()
    {
        startGateway([](Gateway::Config::Settings &s) { s.agent.runTimeoutMs = 1000; });
        m_ollama->enqueue(FakeOllama::Turn::stall({ u"slow"_s }));
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.write"_s }));
        QVERIFY(send(client, u"t"_s, u"x"_s, u"run-t"_s).value(u"ok"_s).toBool());
        const QJsonObject terminal = waitForTerminal(client, u"run-t"_s);
        QCOMPARE(terminal.value(u"state"_s).toString(), u"error"_s);
        QCOMPARE(terminal.value(u"errorKind"_s).toString(), u"timeout"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_ollama->server().openConnections(), 0, TestSupport::WAIT_MS);
    }

    void badParams_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonObject>("params");
        QTest::addRow("chat.send without key")
            << u"chat.send"_s << QJsonObject { { u"sessionKey"_s, u"s"_s }, { u"message"_s, u"m"_s } };
        QTest::addRow("chat.send without session")
            << u"chat.send"_s << QJsonObject { { u"idempotencyKey"_s, u"k"_s }, { u"message"_s, u"m"_s } };
        QTest::addRow("chat.send number message")
            << u"chat.send"_s
            << QJsonObject { { u"sessionKey"_s, u"s"_s }, { u"message"_s, 5 }, { u"idempotencyKey"_s, u"k"_s } };
        QTest::addRow("chat.send huge session key") << u"chat.send"_s
                                                    << QJsonObject { { u"sessionKey"_s, QString(600, u'k') },
                                                           { u"message"_s, u"m"_s }, { u"idempotencyKey"_s, u"k"_s } };
        QTest::addRow("chat.history without session") << u"chat.history"_s << QJsonObject {};
        QTest::addRow("chat.abort without session") << u"chat.abort"_s << QJsonObject {};
        QTest::addRow("agent without message") << u"agent"_s << QJsonObject { { u"idempotencyKey"_s, u"k"_s } };
        QTest::addRow("agent.wait without run") << u"agent.wait"_s << QJsonObject {};
    }

    void badParams()
    {
        QFETCH(QString, method);
        QFETCH(QJsonObject, params);
        startGateway();
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s }));
        const QJsonObject response = client.request(method, params);
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QCOMPARE(response.value(u"error"_s).toObject().value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        QCOMPARE(m_ollama->server().requestCount(u"/api/chat"_s), 0);
        QVERIFY(client.isOpen());
    }

    void readScopeCannotSend()
    {
        startGateway();
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        const QJsonObject response = send(client, u"s"_s, u"m"_s, u"k"_s);
        QCOMPARE(response.value(u"error"_s).toObject().value(u"code"_s).toString(), u"FORBIDDEN"_s);
    }
};

QTEST_GUILESS_MAIN(tst_ChatRuntime)
#include "tst_chatruntime.moc"
