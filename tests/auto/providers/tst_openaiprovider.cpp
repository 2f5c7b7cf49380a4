// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include <memory>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "fakeopenai.h"
#include "providers/openaiprovider.h"
#include "streamrecorder.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway::Providers;
using namespace ProviderTests;
using Fakes::FakeOpenAI;

namespace
{

const QString MODEL = u"gpt-4o-mini"_s;

} // namespace

class tst_OpenAiProvider final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void streamsText_data();
    void streamsText();
    void noAuthHeaderWithoutKey();
    void bearerWithKey();
    void requestBody();
    void toolCallFragments();
    void parallelToolCalls();
    void usageProfiles_data();
    void usageProfiles();
    void finishReasonLength();
    void eofWithoutDoneAfterFinish();
    void httpErrors_data();
    void httpErrors();
    void errorChunk();
    void malformedChunk();
    void stallTimesOut();
    void resetIsConnectError();
    void abortClosesUpstream();
    void listModels();
    void listModelsBareHost();
    void listModelsAuth();
    void quotaIsNeverRetried();

private:
    std::unique_ptr<OpenAiProvider> makeProvider(const Timeouts &timeouts = fastTimeouts(), const QString &key = {});
    ChatRequest simpleRequest() const;

    std::unique_ptr<FakeOpenAI> m_fake;
};

std::unique_ptr<OpenAiProvider> tst_OpenAiProvider::makeProvider(const Timeouts &timeouts, const QString &key)
{
    ProviderConfig config;
    config.id = u"lmstudio"_s;
    config.kind = u"openai"_s;
    config.baseUrl = m_fake->apiBaseUrl();
    config.apiKey = key;
    config.timeouts = timeouts;
    config.local = true;
    return std::make_unique<OpenAiProvider>(config);
}

ChatRequest tst_OpenAiProvider::simpleRequest() const
{
    ChatRequest request;
    request.model = MODEL;
    request.messages = { userMessage(u"hello"_s) };
    return request;
}

void tst_OpenAiProvider::init()
{
    m_fake = std::make_unique<FakeOpenAI>();
    QVERIFY(m_fake->listen());
}

void tst_OpenAiProvider::cleanup()
{
    m_fake.reset();
}

void tst_OpenAiProvider::streamsText_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("pingComments");
    QTest::addColumn<bool>("crlf");
    QTest::addColumn<bool>("noSpace");
    QTest::addColumn<bool>("split");
    QTest::addRow("plain") << false << false << false << false << false;
    QTest::addRow("chunked") << true << false << false << false << false;
    QTest::addRow("ping comments") << false << true << false << false << false;
    QTest::addRow("crlf") << false << false << true << false << false;
    QTest::addRow("data: without space") << false << false << false << true << false;
    QTest::addRow("everything, cut mid-line") << true << true << true << true << true;
}

void tst_OpenAiProvider::streamsText()
{
    QFETCH(bool, chunked);
    QFETCH(bool, pingComments);
    QFETCH(bool, crlf);
    QFETCH(bool, noSpace);
    QFETCH(bool, split);
    m_fake->setChunkedTransfer(chunked);
    FakeOpenAI::Turn turn = FakeOpenAI::Turn::text({ u"Hel"_s, u"lo, "_s, u"wörld 🌍"_s });
    turn.pingComments = pingComments;
    turn.crlf = crlf;
    turn.noSpaceAfterData = noSpace;
    turn.splitEvents = split;
    m_fake->enqueue(turn);
    auto provider = makeProvider();
    QCOMPARE(provider->id(), u"lmstudio"_s);
    QCOMPARE(provider->kind(), u"openai"_s);
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(rec.text, u"Hello, wörld 🌍"_s);
    QCOMPARE(rec.reason, StopReason::Stop);
    QCOMPARE(rec.terminals, 1);
    QVERIFY(rec.usage.inputTokens > 0);
    QVERIFY(rec.usage.outputTokens > 0);
    delete rec.stream;
    provider.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);
}

void tst_OpenAiProvider::noAuthHeaderWithoutKey()
{
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.finished);
    QVERIFY(m_fake->server().lastRequest(u"/v1/chat/completions"_s).header("authorization").isEmpty());
}

void tst_OpenAiProvider::bearerWithKey()
{
    m_fake->setApiKey(u"sk-proj-abcdef123456"_s);
    auto provider = makeProvider(fastTimeouts(), u"sk-proj-abcdef123456"_s);
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(m_fake->server().lastRequest(u"/v1/chat/completions"_s).header("authorization"),
        QByteArray("Bearer sk-proj-abcdef123456"));

    auto anonymous = makeProvider();
    StreamRecorder denied(anonymous->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(denied.done(), WAIT_MS);
    QCOMPARE(denied.error.kind, ProviderError::Kind::Auth);
    QCOMPARE(denied.error.httpStatus, 401);
    QVERIFY(!denied.error.isRetryable());
}

void tst_OpenAiProvider::requestBody()
{
    ChatRequest request;
    request.model = MODEL;
    request.systemBlocks = { u"You are Skynet."_s, u"Tools: weather."_s };
    request.volatileSystem = u"Now: 12:00"_s;
    request.messages = { userMessage(u"weather?"_s),
        assistantMessage({}, { ToolCall { u"call_1"_s, u"get_weather"_s, { { u"city"_s, u"Paris"_s } } } }),
        toolMessage(u"call_1"_s, u"get_weather"_s, u"11 degrees"_s), userMessage(u"thanks"_s) };
    request.tools = { ToolSpec { u"get_weather"_s, u"Weather"_s,
        QJsonObject { { u"type"_s, u"object"_s },
            { u"properties"_s, QJsonObject { { u"city"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } } } };
    request.maxTokens = 300;
    request.temperature = 0.1;
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));

    const QJsonObject body = m_fake->server().lastRequest(u"/v1/chat/completions"_s).json();
    QCOMPARE(body.value("model"_L1).toString(), MODEL);
    QCOMPARE(body.value("stream"_L1).toBool(), true);
    QCOMPARE(body.value("stream_options"_L1).toObject().value("include_usage"_L1).toBool(), true);
    QCOMPARE(body.value("max_tokens"_L1).toInt(), 300); // a compatible server: the classic field
    QVERIFY(!body.contains("max_completion_tokens"_L1));
    QCOMPARE(body.value("temperature"_L1).toDouble(), 0.1);
    const QJsonArray messages = body.value("messages"_L1).toArray();
    QCOMPARE(messages.size(), 5);
    QCOMPARE(messages.at(0).toObject(),
        (QJsonObject {
            { u"role"_s, u"system"_s }, { u"content"_s, u"You are Skynet.\n\nTools: weather.\n\nNow: 12:00"_s } }));
    const QJsonObject assistant = messages.at(2).toObject();
    QVERIFY(assistant.value("content"_L1).isNull());
    const QJsonObject call = assistant.value("tool_calls"_L1).toArray().at(0).toObject();
    QCOMPARE(call.value("id"_L1).toString(), u"call_1"_s);
    QCOMPARE(call.value("type"_L1).toString(), u"function"_s);
    const QJsonValue arguments = call.value("function"_L1).toObject().value("arguments"_L1);
    QVERIFY(arguments.isString()); // a JSON-encoded string, unlike Ollama
    QCOMPARE(
        QJsonDocument::fromJson(arguments.toString().toUtf8()).object(), (QJsonObject { { u"city"_s, u"Paris"_s } }));
    QCOMPARE(messages.at(3).toObject(),
        (QJsonObject {
            { u"role"_s, u"tool"_s }, { u"tool_call_id"_s, u"call_1"_s }, { u"content"_s, u"11 degrees"_s } }));
    const QJsonObject tool = body.value("tools"_L1).toArray().at(0).toObject();
    QCOMPARE(tool.value("type"_L1).toString(), u"function"_s);
    QCOMPARE(tool.value("function"_L1).toObject().value("name"_L1).toString(), u"get_weather"_s);

    // api.openai.com gets max_completion_tokens.
    const QJsonObject official = OpenAiProvider::buildRequestBody(request, u"max_completion_tokens"_s);
    QCOMPARE(official.value("max_completion_tokens"_L1).toInt(), 300);
    QVERIFY(!official.contains("max_tokens"_L1));
}

void tst_OpenAiProvider::toolCallFragments()
{
    const QJsonObject args { { u"city"_s, u"Zürich"_s }, { u"days"_s, 2 },
        { u"detail"_s, QJsonObject { { u"hourly"_s, true } } } };
    m_fake->enqueue(FakeOpenAI::Turn::toolCall(u"get_weather"_s, args));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(rec.toolCalls.size(), 1);
    QVERIFY(rec.toolCalls.at(0).id.startsWith(u"call_"_s));
    QCOMPARE(rec.toolCalls.at(0).name, u"get_weather"_s);
    QCOMPARE(rec.toolCalls.at(0).arguments, args);
    QCOMPARE(rec.reason, StopReason::ToolUse);
}

void tst_OpenAiProvider::parallelToolCalls()
{
    FakeOpenAI::ToolCallSpec a;
    a.id = u"call_a"_s;
    a.name = u"get_weather"_s;
    a.arguments = { { u"city"_s, u"Paris"_s } };
    a.fragments = { u"{\"ci"_s, u"ty\":\"Par"_s, u"is\"}"_s };
    FakeOpenAI::ToolCallSpec b;
    b.id = u"call_b"_s;
    b.name = u"get_time"_s;
    b.arguments = {};
    b.fragments = { QString() }; // no arguments at all
    m_fake->enqueue(FakeOpenAI::Turn::parallelToolCalls({ a, b }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(rec.toolCalls.size(), 2);
    QCOMPARE(rec.toolCalls.at(0).id, u"call_a"_s);
    QCOMPARE(rec.toolCalls.at(0).arguments, (QJsonObject { { u"city"_s, u"Paris"_s } }));
    QCOMPARE(rec.toolCalls.at(1).id, u"call_b"_s);
    QCOMPARE(rec.toolCalls.at(1).name, u"get_time"_s);
    QCOMPARE(rec.toolCalls.at(1).arguments, QJsonObject());
}

void tst_OpenAiProvider::usageProfiles_data()
{
    QTest::addColumn<FakeOpenAI::Profile>("profile");
    QTest::addColumn<bool>("hasUsage");
    QTest::addRow("openai") << FakeOpenAI::Profile::OpenAI << true;
    QTest::addRow("ollama /v1") << FakeOpenAI::Profile::OllamaV1 << true;
    QTest::addRow("no usage") << FakeOpenAI::Profile::NoUsage << false;
}

void tst_OpenAiProvider::usageProfiles()
{
    QFETCH(FakeOpenAI::Profile, profile);
    QFETCH(bool, hasUsage);
    m_fake->setProfile(profile);
    FakeOpenAI::Turn turn = FakeOpenAI::Turn::text({ u"abcd"_s, u"efgh"_s });
    turn.completionTokens = 7;
    m_fake->enqueue(turn);
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(rec.text, u"abcdefgh"_s);
    QCOMPARE(rec.usage.outputTokens, hasUsage ? qint64(7) : qint64(0));
    QCOMPARE(rec.usage.inputTokens > 0, hasUsage);
}

void tst_OpenAiProvider::finishReasonLength()
{
    m_fake->enqueue(FakeOpenAI::Turn::text({ u"aaaa"_s, u"bbbb"_s, u"cccc"_s }));
    auto provider = makeProvider();
    ChatRequest request = simpleRequest();
    request.maxTokens = 2;
    StreamRecorder rec(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.finished);
    QCOMPARE(rec.text, u"aaaabbbb"_s);
    QCOMPARE(rec.reason, StopReason::Length);
}

void tst_OpenAiProvider::eofWithoutDoneAfterFinish()
{
    m_fake->enqueue(FakeOpenAI::Turn::eofWithoutDone({ u"all "_s, u"there"_s }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message)); // finish_reason seen: complete
    QCOMPARE(rec.text, u"all there"_s);
    QVERIFY(rec.usage.outputTokens > 0);
}

void tst_OpenAiProvider::httpErrors_data()
{
    QTest::addColumn<FakeOpenAI::Turn>("turn");
    QTest::addColumn<ProviderError::Kind>("kind");
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::addColumn<bool>("retryable");
    QTest::addRow("429 rate limit") << FakeOpenAI::Turn::rateLimited(0.75) << ProviderError::Kind::RateLimited
                                    << qint64(750) << true;
    QTest::addRow("429 insufficient_quota")
        << FakeOpenAI::Turn::insufficientQuota() << ProviderError::Kind::Quota << qint64(-1) << false;
    QTest::addRow("500") << FakeOpenAI::Turn::serverError(500) << ProviderError::Kind::Server << qint64(-1) << true;
    QTest::addRow("503") << FakeOpenAI::Turn::serverError(503) << ProviderError::Kind::Overloaded << qint64(-1) << true;
    QTest::addRow("400 context") << FakeOpenAI::Turn::httpError(
        400, u"invalid_request_error"_s, u"context_length_exceeded"_s, u"too long"_s)
                                 << ProviderError::Kind::BadRequest << qint64(-1) << false;
}

void tst_OpenAiProvider::httpErrors()
{
    QFETCH(FakeOpenAI::Turn, turn);
    QFETCH(ProviderError::Kind, kind);
    QFETCH(qint64, retryAfterMs);
    QFETCH(bool, retryable);
    m_fake->enqueue(turn);
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.failed);
    QCOMPARE(rec.error.kind, kind);
    QCOMPARE(rec.error.httpStatus, turn.httpStatus);
    QCOMPARE(rec.error.retryAfterMs, retryAfterMs);
    QCOMPARE(rec.error.isRetryable(), retryable);
    QVERIFY(!rec.error.message.isEmpty());

    ChatRequest request = simpleRequest();
    request.model = u"no-such-model"_s;
    StreamRecorder missing(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(missing.done(), WAIT_MS);
    QCOMPARE(missing.error.kind, ProviderError::Kind::BadRequest);
    QCOMPARE(missing.error.errorType, u"model_not_found"_s);
}

void tst_OpenAiProvider::errorChunk()
{
    m_fake->enqueue(FakeOpenAI::Turn::errorChunk(u"The server had an error"_s, { u"par"_s, u"tial"_s }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Upstream);
    QCOMPARE(rec.error.message, u"The server had an error"_s);
    QVERIFY(rec.error.afterOutput);
    QCOMPARE(rec.text, u"partial"_s);
}

void tst_OpenAiProvider::malformedChunk()
{
    m_fake->enqueue(FakeOpenAI::Turn::malformed({ u"x"_s }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Malformed);
    QVERIFY(rec.error.afterOutput);
}

void tst_OpenAiProvider::stallTimesOut()
{
    m_fake->enqueue(FakeOpenAI::Turn::stall({ u"so far"_s }));
    auto provider = makeProvider(fastTimeouts(250, 5000));
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Timeout);
    QVERIFY(rec.error.afterOutput);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);
}

void tst_OpenAiProvider::resetIsConnectError()
{
    for (bool chunked : { false, true }) {
        m_fake->setChunkedTransfer(chunked);
        m_fake->enqueue(FakeOpenAI::Turn::reset({ u"cut "_s, u"off"_s }));
        auto provider = makeProvider();
        StreamRecorder rec(provider->chat(simpleRequest(), this));
        QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
        QCOMPARE(rec.error.kind, ProviderError::Kind::Connect); // no finish_reason: truncated
        QVERIFY(rec.error.afterOutput);
        QCOMPARE(rec.text, u"cut off"_s);
    }
}

void tst_OpenAiProvider::abortClosesUpstream()
{
    m_fake->enqueue(FakeOpenAI::Turn::stall({ u"first"_s }));
    auto provider = makeProvider();
    ChatStream *stream = provider->chat(simpleRequest(), this);
    StreamRecorder rec(stream);
    QTRY_COMPARE_WITH_TIMEOUT(rec.text, u"first"_s, WAIT_MS);
    QCOMPARE(m_fake->server().openConnections(), 1);
    stream->abort();
    QCOMPARE(rec.error.kind, ProviderError::Kind::Aborted);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);
    delete stream;
}

void tst_OpenAiProvider::listModels()
{
    m_fake->setModels({ u"gpt-4o-mini"_s, u"qwen2.5-7b-instruct"_s });
    auto provider = makeProvider();
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(result->ok());
    QCOMPARE(result->value().size(), 2);
    QCOMPARE(result->value().at(1).id, u"qwen2.5-7b-instruct"_s);
    QCOMPARE(m_fake->server().requestCount(u"/v1/models"_s), 1);
}

void tst_OpenAiProvider::listModelsBareHost()
{
    // "http://127.0.0.1:1234" as LM Studio users type it: "/v1" is implied.
    ProviderConfig config;
    config.kind = u"openai"_s;
    config.baseUrl = m_fake->baseUrl();
    config.timeouts = fastTimeouts();
    OpenAiProvider provider(config);
    QCOMPARE(provider.baseUrl().path(), u"/v1"_s);
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider.listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(result->ok());
}

void tst_OpenAiProvider::listModelsAuth()
{
    m_fake->setApiKey(u"sk-right-key-000111"_s);
    auto provider = makeProvider(fastTimeouts(), u"sk-wrong-key-222333"_s);
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QCOMPARE(result->error().code, u"auth"_s);
    QVERIFY(!result->error().message.contains(u"222333"_s));
    QCOMPARE(m_fake->server().requestCount(u"/v1/models"_s), 1);
}

void tst_OpenAiProvider::quotaIsNeverRetried()
{
    // The retrying path (model list) must not loop on insufficient_quota.
    m_fake->server().enqueue(u"/v1/models"_s,
        Fakes::ScriptedResponse::json(429,
            QJsonObject { { u"error"_s,
                QJsonObject { { u"message"_s, u"You exceeded your quota"_s }, { u"type"_s, u"insufficient_quota"_s },
                    { u"code"_s, u"insufficient_quota"_s } } } }));
    auto provider = makeProvider();
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QCOMPARE(result->error().code, u"quota"_s);
    QCOMPARE(m_fake->server().requestCount(u"/v1/models"_s), 1);

    // A plain 429 is retried (retry-after-ms 20 fits in retryMax).
    Fakes::ScriptedResponse limited = Fakes::ScriptedResponse::json(429,
        QJsonObject { { u"error"_s,
            QJsonObject { { u"message"_s, u"slow down"_s }, { u"code"_s, u"rate_limit_exceeded"_s } } } });
    limited.setHeader("retry-after-ms", "20");
    m_fake->server().enqueue(u"/v1/models"_s, limited);
    std::optional<Gateway::Result<QList<ModelInfo>>> retried;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { retried = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(retried.has_value(), WAIT_MS);
    QVERIFY(retried->ok());
    QCOMPARE(m_fake->server().requestCount(u"/v1/models"_s), 3);
}

QTEST_GUILESS_MAIN(tst_OpenAiProvider)
#include "tst_openaiprovider.moc"
