// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include <memory>
#include <vector>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include "fakeollama.h"
#include "providers/ollamaprovider.h"
#include "providers/pulljob.h"
#include "streamrecorder.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway::Providers;
using namespace ProviderTests;
using Fakes::FakeOllama;

class tst_OllamaProvider final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void streamsText_data();
    void streamsText();
    void slowSteadyStreamIsNotIdle();
    void requestBody();
    void authHeaderOnlyWithKey();
    void toolCall();
    void usageAndStopReason_data();
    void usageAndStopReason();
    void errorLineAfter200();
    void httpErrors_data();
    void httpErrors();
    void malformedLine();
    void stallTimesOut();
    void silentServerTimesOut();
    void queuedRequestsAreNotConnectTimeouts();
    void resetIsConnectError_data();
    void resetIsConnectError();
    void connectionRefused();
    void abortClosesUpstream();
    void deleteClosesUpstream();

    void listModels();
    void listModelsRetries();
    void listModelsGivesUp();
    void listModelsDoesNotRetry404();
    void localModels();
    void showModel();
    void version();
    void runningModels();
    void pull();
    void pullAbort();
    void deleteModel();

private:
    std::unique_ptr<OllamaProvider> makeProvider(const Timeouts &timeouts = fastTimeouts(), const QString &key = {});
    ChatRequest simpleRequest(const QString &text = u"hello"_s) const;

    std::unique_ptr<FakeOllama> m_fake;
};

std::unique_ptr<OllamaProvider> tst_OllamaProvider::makeProvider(const Timeouts &timeouts, const QString &key)
{
    ProviderConfig config;
    config.id = u"ollama"_s;
    config.kind = u"ollama"_s;
    config.baseUrl = m_fake->baseUrl();
    config.apiKey = key;
    config.timeouts = timeouts;
    config.local = true;
    return std::make_unique<OllamaProvider>(config);
}

ChatRequest tst_OllamaProvider::simpleRequest(const QString &text) const
{
    ChatRequest request;
    request.model = u"llama3.2"_s;
    request.messages = { userMessage(text) };
    return request;
}

void tst_OllamaProvider::init()
{
    m_fake = std::make_unique<FakeOllama>();
    QVERIFY(m_fake->listen());
}

void tst_OllamaProvider::cleanup()
{
    m_fake.reset();
}

void tst_OllamaProvider::streamsText_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("splitLines");
    QTest::addRow("close-delimited") << false << false;
    QTest::addRow("chunked") << true << false;
    QTest::addRow("lines split across writes") << false << true;
    QTest::addRow("chunked, lines split") << true << true;
}

void tst_OllamaProvider::streamsText()
{
    QFETCH(bool, chunked);
    QFETCH(bool, splitLines);
    m_fake->setChunkedTransfer(chunked);
    FakeOllama::Turn turn = FakeOllama::Turn::text({ u"Hél"_s, u"lo "_s, u"wörld 🌍"_s });
    turn.splitLines = splitLines;
    m_fake->enqueue(turn);
    auto provider = makeProvider();
    QCOMPARE(provider->kind(), u"ollama"_s);
    QVERIFY(provider->isLocal());
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(rec.text, u"Héllo wörld 🌍"_s);
    QCOMPARE(rec.deltas, 3);
    QCOMPARE(rec.reason, StopReason::Stop);
    QCOMPARE(rec.terminals, 1);
    QVERIFY(rec.toolCalls.isEmpty());
    delete rec.stream;
    // A chunked body may leave a keep-alive connection in the pool; the provider owns the pool.
    if (chunked)
        provider.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);
}

void tst_OllamaProvider::slowSteadyStreamIsNotIdle()
{
    // 6 pieces 80 ms apart: the whole stream outlasts the 300 ms idle timeout, no gap does.
    FakeOllama::Turn turn = FakeOllama::Turn::text({ u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s, u"f"_s });
    turn.chunkDelayMs = 80;
    m_fake->enqueue(turn);
    auto provider = makeProvider(fastTimeouts(300, 3000));
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(rec.text, u"abcdef"_s);
}

void tst_OllamaProvider::requestBody()
{
    ChatRequest request;
    request.model = u"llama3.2"_s;
    request.systemBlocks = { u"You are Skynet."_s, u"Tools: get_weather"_s };
    request.volatileSystem = u"Now: 12:00"_s;
    request.messages = { userMessage(u"weather?"_s),
        assistantMessage({}, { ToolCall { u"call_1"_s, u"get_weather"_s, { { u"city"_s, u"Paris"_s } } } }),
        toolMessage(u"call_1"_s, u"get_weather"_s, u"11 degrees"_s),
        toolMessage(u"call_2"_s, u"get_time"_s, u"boom"_s, true), userMessage(u"thanks"_s) };
    request.tools = { ToolSpec { u"get_weather"_s, u"Weather for a city"_s,
        QJsonObject { { u"type"_s, u"object"_s },
            { u"properties"_s, QJsonObject { { u"city"_s, QJsonObject { { u"type"_s, u"string"_s } } } } },
            { u"required"_s, QJsonArray { u"city"_s } } } } };
    request.maxTokens = 256;
    request.temperature = 0.25;
    request.extra = QJsonObject { { u"keep_alive"_s, u"10m"_s },
        { u"options"_s, QJsonObject { { u"num_ctx"_s, 4096 } } }, { u"model"_s, u"evil"_s }, { u"stream"_s, false } };
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));

    const Fakes::RecordedRequest recorded = m_fake->server().lastRequest(u"/api/chat"_s);
    QCOMPARE(recorded.method, QByteArray("POST"));
    QVERIFY(recorded.header("content-type").startsWith("application/json"));
    QVERIFY(recorded.header("authorization").isEmpty());
    const QJsonObject body = recorded.json();
    QCOMPARE(body.value("model"_L1).toString(), u"llama3.2"_s); // extra cannot override it
    QCOMPARE(body.value("stream"_L1).toBool(), true);
    QCOMPARE(body.value("keep_alive"_L1).toString(), u"10m"_s);
    const QJsonObject options = body.value("options"_L1).toObject();
    QCOMPARE(options.value("num_predict"_L1).toInt(), 256);
    QCOMPARE(options.value("temperature"_L1).toDouble(), 0.25);
    QCOMPARE(options.value("num_ctx"_L1).toInt(), 4096);

    const QJsonArray messages = body.value("messages"_L1).toArray();
    QCOMPARE(messages.size(), 6);
    QCOMPARE(messages.at(0).toObject().value("role"_L1).toString(), u"system"_s);
    QCOMPARE(messages.at(0).toObject().value("content"_L1).toString(),
        u"You are Skynet.\n\nTools: get_weather\n\nNow: 12:00"_s);
    const QJsonObject assistant = messages.at(2).toObject();
    QCOMPARE(assistant.value("role"_L1).toString(), u"assistant"_s);
    const QJsonObject function
        = assistant.value("tool_calls"_L1).toArray().at(0).toObject().value("function"_L1).toObject();
    QCOMPARE(function.value("name"_L1).toString(), u"get_weather"_s);
    QVERIFY(function.value("arguments"_L1).isObject()); // an object, not a string
    QCOMPARE(function.value("arguments"_L1).toObject().value("city"_L1).toString(), u"Paris"_s);
    const QJsonObject tool = messages.at(3).toObject();
    QCOMPARE(tool.value("role"_L1).toString(), u"tool"_s);
    QCOMPARE(tool.value("tool_name"_L1).toString(), u"get_weather"_s);
    QCOMPARE(tool.value("content"_L1).toString(), u"11 degrees"_s);
    QVERIFY(messages.at(4).toObject().value("content"_L1).toString().contains(u"boom"_s));
    QCOMPARE(messages.at(5).toObject().value("content"_L1).toString(), u"thanks"_s);

    const QJsonObject toolSpec = body.value("tools"_L1).toArray().at(0).toObject();
    QCOMPARE(toolSpec.value("type"_L1).toString(), u"function"_s);
    QCOMPARE(toolSpec.value("function"_L1).toObject().value("name"_L1).toString(), u"get_weather"_s);
    QCOMPARE(toolSpec.value("function"_L1).toObject().value("parameters"_L1).toObject().value("required"_L1).toArray(),
        QJsonArray { u"city"_s });
}

void tst_OllamaProvider::authHeaderOnlyWithKey()
{
    auto provider = makeProvider(fastTimeouts(), u"ollama-cloud-key-123"_s);
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(m_fake->server().lastRequest(u"/api/chat"_s).header("authorization"),
        QByteArray("Bearer ollama-cloud-key-123"));
}

void tst_OllamaProvider::toolCall()
{
    m_fake->enqueue(FakeOllama::Turn::toolCall(
        u"get_weather"_s, { { u"city"_s, u"Tokyo"_s }, { u"days"_s, 3 } }, { u"Let me check. "_s }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(rec.text, u"Let me check. "_s);
    QCOMPARE(rec.toolCalls.size(), 1);
    QCOMPARE(rec.toolCalls.at(0).name, u"get_weather"_s);
    QVERIFY(!rec.toolCalls.at(0).id.isEmpty());
    QCOMPARE(rec.toolCalls.at(0).arguments, (QJsonObject { { u"city"_s, u"Tokyo"_s }, { u"days"_s, 3 } }));
    QCOMPARE(rec.reason, StopReason::ToolUse);
}

void tst_OllamaProvider::usageAndStopReason_data()
{
    QTest::addColumn<qint64>("promptEval");
    QTest::addColumn<qint64>("eval");
    QTest::addColumn<QString>("doneReason");
    QTest::addColumn<StopReason>("expected");
    QTest::addRow("stop") << qint64(169) << qint64(15) << u"stop"_s << StopReason::Stop;
    QTest::addRow("length") << qint64(20) << qint64(2) << u"length"_s << StopReason::Length;
    QTest::addRow("zero metrics are omitted") << qint64(0) << qint64(0) << u"stop"_s << StopReason::Stop;
    QTest::addRow("unknown reason") << qint64(1) << qint64(1) << u"whatever"_s << StopReason::Stop;
}

void tst_OllamaProvider::usageAndStopReason()
{
    QFETCH(qint64, promptEval);
    QFETCH(qint64, eval);
    QFETCH(QString, doneReason);
    QFETCH(StopReason, expected);
    FakeOllama::Turn turn = FakeOllama::Turn::text({ u"x"_s, u"y"_s });
    turn.promptEvalCount = promptEval;
    turn.evalCount = eval;
    turn.doneReason = doneReason;
    m_fake->enqueue(turn);
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(rec.usage.inputTokens, promptEval);
    QCOMPARE(rec.usage.outputTokens, eval);
    QCOMPARE(rec.usage.cacheReadTokens, qint64(0));
    QCOMPARE(rec.reason, expected);
}

void tst_OllamaProvider::errorLineAfter200()
{
    m_fake->enqueue(FakeOllama::Turn::errorLine(
        u"an error was encountered while running the model"_s, { u"Partial "_s, u"answer"_s }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.failed);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Upstream);
    QCOMPARE(rec.error.httpStatus, 200);
    QCOMPARE(rec.error.message, u"an error was encountered while running the model"_s);
    QVERIFY(rec.error.afterOutput);
    QVERIFY(!rec.error.isRetryable());
    QCOMPARE(rec.text, u"Partial answer"_s); // the error line is not text
    QCOMPARE(rec.terminals, 1);

    // Before any output it is worth another try.
    m_fake->enqueue(FakeOllama::Turn::errorLine(u"model crashed"_s));
    StreamRecorder early(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(early.done(), WAIT_MS);
    QCOMPARE(early.error.kind, ProviderError::Kind::Upstream);
    QVERIFY(!early.error.afterOutput);
    QVERIFY(early.error.isRetryable());
}

void tst_OllamaProvider::httpErrors_data()
{
    QTest::addColumn<FakeOllama::Turn>("turn");
    QTest::addColumn<ProviderError::Kind>("kind");
    QTest::addColumn<bool>("retryable");
    QTest::addRow("503 busy") << FakeOllama::Turn::busy() << ProviderError::Kind::Overloaded << true;
    QTest::addRow("500") << FakeOllama::Turn::httpError(500, u"boom"_s) << ProviderError::Kind::Server << true;
    QTest::addRow("502") << FakeOllama::Turn::httpError(502, u"cloud unreachable"_s) << ProviderError::Kind::Server
                         << true;
    QTest::addRow("429") << FakeOllama::Turn::httpError(429, u"slow down"_s) << ProviderError::Kind::RateLimited
                         << true;
    QTest::addRow("401") << FakeOllama::Turn::httpError(401, u"unauthorized"_s) << ProviderError::Kind::Auth << false;
    QTest::addRow("400") << FakeOllama::Turn::httpError(400, u"\"llama3.2\" does not support thinking"_s)
                         << ProviderError::Kind::BadRequest << false;
}

void tst_OllamaProvider::httpErrors()
{
    QFETCH(FakeOllama::Turn, turn);
    QFETCH(ProviderError::Kind, kind);
    QFETCH(bool, retryable);
    m_fake->enqueue(turn);
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.failed);
    QCOMPARE(rec.error.kind, kind);
    QCOMPARE(rec.error.httpStatus, turn.httpStatus);
    QCOMPARE(rec.error.message, turn.error);
    QCOMPARE(rec.error.isRetryable(), retryable);
    QVERIFY(!rec.error.afterOutput);
    QVERIFY(rec.text.isEmpty());
    QCOMPARE(m_fake->server().requestCount(u"/api/chat"_s), 1); // streams are never retried here

    // Unknown model: 404 from the real validation path.
    ChatRequest request = simpleRequest();
    request.model = u"nope"_s;
    StreamRecorder missing(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(missing.done(), WAIT_MS);
    QCOMPARE(missing.error.kind, ProviderError::Kind::BadRequest);
    QCOMPARE(missing.error.httpStatus, 404);
    QCOMPARE(missing.error.message, u"model 'nope' not found"_s);
}

void tst_OllamaProvider::malformedLine()
{
    m_fake->enqueue(FakeOllama::Turn::malformedLine({ u"ok "_s }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.failed);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Malformed);
    QVERIFY(rec.error.afterOutput);
    QCOMPARE(rec.text, u"ok "_s);
}

void tst_OllamaProvider::stallTimesOut()
{
    m_fake->enqueue(FakeOllama::Turn::stall({ u"thinking..."_s }));
    auto provider = makeProvider(fastTimeouts(250, 5000));
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.failed);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Timeout);
    QVERIFY(rec.error.afterOutput);
    QCOMPARE(rec.text, u"thinking..."_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS); // we hung up
}

void tst_OllamaProvider::queuedRequestsAreNotConnectTimeouts()
{
    // QNetworkAccessManager opens at most six connections per host and queues the rest. Eight
    // streams of ~600 ms at once: the last two wait ~600 ms for a free connection, longer than
    // the 200 ms connect timeout, which must only count once a socket starts connecting.
    constexpr int STREAMS = 8;
    for (int i = 0; i < STREAMS; ++i) {
        FakeOllama::Turn turn = FakeOllama::Turn::text({ u"a"_s, u"b"_s, u"c"_s, u"d"_s });
        turn.chunkDelayMs = 150;
        m_fake->enqueue(turn);
    }
    Timeouts timeouts = fastTimeouts(2000, 5000);
    timeouts.connect = std::chrono::milliseconds(200);
    auto provider = makeProvider(timeouts);
    std::vector<std::unique_ptr<StreamRecorder>> recorders;
    for (int i = 0; i < STREAMS; ++i)
        recorders.push_back(std::make_unique<StreamRecorder>(provider->chat(simpleRequest(), this)));
    for (const auto &rec : recorders) {
        QTRY_VERIFY_WITH_TIMEOUT(rec->done(), WAIT_MS);
        QVERIFY2(rec->finished, qPrintable(rec->error.message));
        QCOMPARE(rec->text, u"abcd"_s);
    }
    QCOMPARE(m_fake->server().requestCount(u"/api/chat"_s), STREAMS);
}

void tst_OllamaProvider::silentServerTimesOut()
{
    m_fake->enqueue(FakeOllama::Turn::stall()); // not even a status line
    auto provider = makeProvider(fastTimeouts(5000, 250));
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Timeout);
    QVERIFY(!rec.error.afterOutput);
    QVERIFY(rec.error.isRetryable());
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);
}

void tst_OllamaProvider::resetIsConnectError_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::addRow("close-delimited") << false;
    QTest::addRow("chunked") << true;
}

void tst_OllamaProvider::resetIsConnectError()
{
    QFETCH(bool, chunked);
    m_fake->setChunkedTransfer(chunked);
    m_fake->enqueue(FakeOllama::Turn::reset({ u"Some "_s, u"text"_s }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.failed);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Connect);
    QVERIFY(rec.error.afterOutput);
    QCOMPARE(rec.text, u"Some text"_s); // the cut line is not turned into text
}

void tst_OllamaProvider::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    ProviderConfig config;
    config.kind = u"ollama"_s;
    config.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    config.timeouts = fastTimeouts();
    OllamaProvider provider(config);
    StreamRecorder rec(provider.chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Connect);
    QVERIFY(!rec.error.afterOutput);
    QVERIFY(rec.error.isRetryable());
    QCOMPARE(rec.error.kindName(), u"connect"_s);
}

void tst_OllamaProvider::abortClosesUpstream()
{
    m_fake->enqueue(FakeOllama::Turn::stall({ u"first "_s }));
    auto provider = makeProvider();
    ChatStream *stream = provider->chat(simpleRequest(), this);
    StreamRecorder rec(stream);
    QTRY_COMPARE_WITH_TIMEOUT(rec.text, u"first "_s, WAIT_MS);
    QCOMPARE(m_fake->server().openConnections(), 1);
    stream->abort();
    QVERIFY(rec.failed);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Aborted);
    QVERIFY(rec.error.afterOutput);
    QVERIFY(!rec.error.isRetryable());
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);
    stream->abort(); // idempotent, no second signal
    QCOMPARE(rec.terminals, 1);
    delete stream;
}

void tst_OllamaProvider::deleteClosesUpstream()
{
    m_fake->enqueue(FakeOllama::Turn::stall({ u"first "_s }));
    auto provider = makeProvider();
    ChatStream *stream = provider->chat(simpleRequest(), this);
    QSignalSpy text(stream, &ChatStream::textDelta);
    QTRY_COMPARE_WITH_TIMEOUT(text.count(), 1, WAIT_MS);
    QCOMPARE(m_fake->server().openConnections(), 1);
    delete stream;
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);
}

void tst_OllamaProvider::listModels()
{
    auto provider = makeProvider();
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(result->ok());
    QCOMPARE(result->value().size(), 2);
    QCOMPARE(result->value().at(0).id, u"llama3.2:latest"_s);
    QVERIFY(result->value().at(0).sizeBytes > 0);
    QCOMPARE(result->value().at(1).id, u"qwen3:0.6b"_s);
}

void tst_OllamaProvider::listModelsRetries()
{
    m_fake->server().enqueue(u"/api/tags"_s, Fakes::ScriptedResponse::json(503, { { u"error"_s, u"busy"_s } }));
    m_fake->server().enqueue(u"/api/tags"_s, Fakes::ScriptedResponse::json(500, { { u"error"_s, u"boom"_s } }));
    auto provider = makeProvider();
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(result->ok());
    QCOMPARE(result->value().size(), 2);
    QCOMPARE(m_fake->server().requestCount(u"/api/tags"_s), 3);
}

void tst_OllamaProvider::listModelsGivesUp()
{
    for (int i = 0; i < 4; ++i)
        m_fake->server().enqueue(u"/api/tags"_s, Fakes::ScriptedResponse::json(500, { { u"error"_s, u"boom"_s } }));
    auto provider = makeProvider();
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(!result->ok());
    QCOMPARE(result->error().code, u"server"_s);
    QCOMPARE(result->error().message, u"boom"_s);
    QCOMPARE(m_fake->server().requestCount(u"/api/tags"_s), 3); // 1 + Timeouts::retries
}

void tst_OllamaProvider::listModelsDoesNotRetry404()
{
    m_fake->server().enqueue(u"/api/tags"_s, Fakes::ScriptedResponse::json(404, { { u"error"_s, u"not here"_s } }));
    auto provider = makeProvider();
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QCOMPARE(result->error().code, u"bad_request"_s);
    QCOMPARE(m_fake->server().requestCount(u"/api/tags"_s), 1);
}

void tst_OllamaProvider::showModel()
{
    m_fake->setCapabilities(u"llama3.2"_s, { u"completion"_s, u"tools"_s, u"vision"_s });
    m_fake->setContextLength(u"llama3.2"_s, 131072);
    auto provider = makeProvider();
    std::optional<Gateway::Result<OllamaModelDetails>> result;
    provider->showModel(u"llama3.2"_s, [&](Gateway::Result<OllamaModelDetails> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(result->ok());
    QCOMPARE(result->value().capabilities, (QStringList { u"completion"_s, u"tools"_s, u"vision"_s }));
    QCOMPARE(result->value().contextLength, qint64(131072));
    QCOMPARE(result->value().family, u"llama"_s);
    QCOMPARE(result->value().quantization, u"Q4_K_M"_s);
    QCOMPARE(m_fake->server().lastRequest(u"/api/show"_s).json().value("model"_L1).toString(), u"llama3.2"_s);

    std::optional<Gateway::Result<OllamaModelDetails>> missing;
    provider->showModel(u"nope"_s, [&](Gateway::Result<OllamaModelDetails> r) { missing = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(missing.has_value(), WAIT_MS);
    QCOMPARE(missing->error().code, u"bad_request"_s);
    QCOMPARE(missing->error().message, u"model 'nope' not found"_s);
}

void tst_OllamaProvider::version()
{
    m_fake->setVersion(u"0.12.9"_s);
    auto provider = makeProvider();
    std::optional<Gateway::Result<QString>> result;
    provider->version([&](Gateway::Result<QString> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(result->ok());
    QCOMPARE(result->value(), u"0.12.9"_s);
}

void tst_OllamaProvider::runningModels()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_fake->setClock([now] { return now; });
    auto provider = makeProvider();
    ChatRequest request = simpleRequest();
    request.extra = QJsonObject { { u"keep_alive"_s, 600 } }; // seconds
    StreamRecorder rec(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    std::optional<Gateway::Result<QList<OllamaRunningModel>>> result;
    provider->runningModels([&](Gateway::Result<QList<OllamaRunningModel>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(result->ok());
    QCOMPARE(result->value().size(), 1);
    const OllamaRunningModel model = result->value().at(0);
    QCOMPARE(model.name, u"llama3.2:latest"_s);
    QCOMPARE(model.contextLength, qint64(8192));
    QVERIFY(model.sizeVram > 0);
    QCOMPARE(model.expiresAt.toMSecsSinceEpoch(), now + 600 * 1000);
}

void tst_OllamaProvider::pull()
{
    auto provider = makeProvider();
    PullJob *job = provider->pull(u"mistral"_s, this);
    QSignalSpy progress(job, &PullJob::progress);
    QSignalSpy finished(job, &PullJob::finished);
    QSignalSpy failed(job, &PullJob::failed);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WAIT_MS);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(progress.count(), 9);
    QCOMPARE(progress.first().at(2).toString(), u"pulling manifest"_s);
    const QList<QVariant> half = progress.at(3); // pulling, step 2 of 4
    QVERIFY(half.at(1).toLongLong() > 0);
    QCOMPARE(half.at(0).toLongLong(), half.at(1).toLongLong() / 2);
    QCOMPARE(progress.last().at(2).toString(), u"success"_s);
    QCOMPARE(job->status(), u"success"_s);
    QVERIFY(job->isDone());
    QCOMPARE(m_fake->server().lastRequest(u"/api/pull"_s).json().value("model"_L1).toString(), u"mistral"_s);

    std::optional<Gateway::Result<QList<ModelInfo>>> models;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { models = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(models.has_value(), WAIT_MS);
    QCOMPARE(models->value().last().id, u"mistral:latest"_s);
    delete job;
}

void tst_OllamaProvider::pullAbort()
{
    m_fake->setChunkDelayMs(200);
    auto provider = makeProvider();
    PullJob *job = provider->pull(u"mistral"_s, this);
    QSignalSpy progress(job, &PullJob::progress);
    QSignalSpy failed(job, &PullJob::failed);
    QTRY_COMPARE_WITH_TIMEOUT(progress.count(), 1, WAIT_MS);
    QCOMPARE(m_fake->server().openConnections(), 1);
    job->abort();
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(0).value<ProviderError>().kind, ProviderError::Kind::Aborted);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);
    delete job;
}

void tst_OllamaProvider::localModels()
{
    auto provider = makeProvider();
    std::optional<Gateway::Result<QList<OllamaLocalModel>>> result;
    provider->localModels([&](Gateway::Result<QList<OllamaLocalModel>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(result->ok());
    const QList<OllamaLocalModel> &models = result->value();
    QCOMPARE(models.size(), 2);
    QCOMPARE(models.at(0).name, u"llama3.2:latest"_s);
    QVERIFY(models.at(0).sizeBytes > 0);
    QCOMPARE(models.at(0).parameterSize, u"3.2B"_s);
    QCOMPARE(models.at(0).quantization, u"Q4_K_M"_s);
    // "2025-05-04T17:37:44.706015396-07:00": nanoseconds cut to milliseconds, offset kept.
    QVERIFY(models.at(0).modifiedAt.isValid());
    QCOMPARE(models.at(0).modifiedAt.toUTC(), QDateTime(QDate(2025, 5, 5), QTime(0, 37, 44, 706), Qt::UTC));
    QCOMPARE(models.at(1).name, u"qwen3:0.6b"_s);

    m_fake->server().enqueue(
        u"/api/tags"_s, Fakes::ScriptedResponse::json(404, QJsonObject { { u"error"_s, u"no"_s } }));
    std::optional<Gateway::Result<QList<OllamaLocalModel>>> failed;
    provider->localModels([&](Gateway::Result<QList<OllamaLocalModel>> r) { failed = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(failed.has_value(), WAIT_MS);
    QVERIFY(!failed->ok());
}

void tst_OllamaProvider::deleteModel()
{
    auto provider = makeProvider();
    std::optional<Gateway::Status> first;
    provider->deleteModel(u"qwen3:0.6b"_s, [&](Gateway::Status s) { first = s; });
    QTRY_VERIFY_WITH_TIMEOUT(first.has_value(), WAIT_MS);
    QVERIFY(first->ok());
    QCOMPARE(m_fake->models(), QStringList { u"llama3.2:latest"_s });
    const Fakes::RecordedRequest recorded = m_fake->server().lastRequest(u"/api/delete"_s);
    QCOMPARE(recorded.method, QByteArray("DELETE"));
    QCOMPARE(recorded.json().value("model"_L1).toString(), u"qwen3:0.6b"_s);

    std::optional<Gateway::Status> again;
    provider->deleteModel(u"qwen3:0.6b"_s, [&](Gateway::Status s) { again = s; });
    QTRY_VERIFY_WITH_TIMEOUT(again.has_value(), WAIT_MS);
    QVERIFY(!again->ok());
    QCOMPARE(again->error().code, u"bad_request"_s);
}

QTEST_GUILESS_MAIN(tst_OllamaProvider)
#include "tst_ollamaprovider.moc"
