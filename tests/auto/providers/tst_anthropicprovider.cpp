// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include <memory>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include "fakeanthropic.h"
#include "providers/anthropicprovider.h"
#include "streamrecorder.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway::Providers;
using namespace ProviderTests;
using Fakes::FakeAnthropic;

namespace
{

const QString KEY = u"sk-ant-test-0123456789"_s;
const QString MODEL = u"claude-sonnet-4-5"_s;

int countBreakpoints(const QJsonObject &body)
{
    int n = 0;
    for (const QJsonValue &tool : body.value("tools"_L1).toArray())
        n += tool.toObject().contains("cache_control"_L1);
    for (const QJsonValue &block : body.value("system"_L1).toArray())
        n += block.toObject().contains("cache_control"_L1);
    for (const QJsonValue &message : body.value("messages"_L1).toArray()) {
        for (const QJsonValue &block : message.toObject().value("content"_L1).toArray())
            n += block.toObject().contains("cache_control"_L1);
    }
    return n;
}

ToolSpec weatherTool()
{
    return ToolSpec { u"get_weather"_s, u"Weather for a city"_s,
        QJsonObject { { u"type"_s, u"object"_s },
            { u"properties"_s, QJsonObject { { u"city"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } } };
}

ToolSpec timeTool()
{
    return ToolSpec { u"get_time"_s, u"Current time"_s, {} };
}

} // namespace

class tst_AnthropicProvider final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void streamsText_data();
    void streamsText();
    void headers();
    void toolUseFragmentsAssembled();
    void thinkingIsNotText();
    void maxTokens();
    void maxTokensCutsToolUse();
    void requestLayout();
    void requestWithoutCaching();
    void cacheBreakpointsNeverExceedFour();
    void nextTurnReadsWhatThisTurnWrote();
    void httpErrors_data();
    void httpErrors();
    void overloadedAs429();
    void errorEventMidStream();
    void errorEventBeforeOutput();
    void malformedEvent();
    void stallTimesOut();
    void resetIsConnectError();
    void abortClosesUpstream();
    void rateLimitSnapshot();
    void listModels();
    void listModelsPaginates();
    void listModelsAuthError();

private:
    std::unique_ptr<AnthropicProvider> makeProvider(const Timeouts &timeouts = fastTimeouts());
    ChatRequest simpleRequest() const;

    std::unique_ptr<FakeAnthropic> m_fake;
};

std::unique_ptr<AnthropicProvider> tst_AnthropicProvider::makeProvider(const Timeouts &timeouts)
{
    ProviderConfig config;
    config.id = u"anthropic"_s;
    config.kind = u"anthropic"_s;
    config.baseUrl = m_fake->baseUrl();
    config.apiKey = KEY;
    config.timeouts = timeouts;
    return std::make_unique<AnthropicProvider>(config);
}

ChatRequest tst_AnthropicProvider::simpleRequest() const
{
    ChatRequest request;
    request.model = MODEL;
    request.messages = { userMessage(u"hello"_s) };
    return request;
}

void tst_AnthropicProvider::init()
{
    m_fake = std::make_unique<FakeAnthropic>();
    m_fake->setApiKey(KEY);
    QVERIFY(m_fake->listen());
}

void tst_AnthropicProvider::cleanup()
{
    m_fake.reset();
}

void tst_AnthropicProvider::streamsText_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("splitEvents");
    QTest::addColumn<int>("pings");
    QTest::addRow("plain") << false << false << 1;
    QTest::addRow("chunked, many pings") << true << false << 5;
    QTest::addRow("events cut mid-line") << false << true << 2;
    QTest::addRow("chunked, cut mid-line") << true << true << 0;
}

void tst_AnthropicProvider::streamsText()
{
    QFETCH(bool, chunked);
    QFETCH(bool, splitEvents);
    QFETCH(int, pings);
    m_fake->setChunkedTransfer(chunked);
    FakeAnthropic::Turn turn = FakeAnthropic::Turn::text({ u"Bon"_s, u"jour, "_s, u"ça va? 🌍"_s });
    turn.pings = pings;
    turn.unknownEvent = true; // must be ignored
    turn.splitEvents = splitEvents;
    m_fake->enqueue(turn);
    auto provider = makeProvider();
    QVERIFY(!provider->isLocal());
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(rec.text, u"Bonjour, ça va? 🌍"_s);
    QCOMPARE(rec.deltas, 3);
    QCOMPARE(rec.reason, StopReason::Stop);
    QCOMPARE(rec.terminals, 1);
    const FakeAnthropic::Usage expected = m_fake->lastUsage();
    QCOMPARE(rec.usage.inputTokens, expected.inputTokens);
    QCOMPARE(rec.usage.outputTokens, expected.outputTokens);
    QVERIFY(rec.usage.outputTokens > 1); // message_delta's final count replaced message_start's 1
    delete rec.stream;
    provider.reset();
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);
}

void tst_AnthropicProvider::headers()
{
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    const Fakes::RecordedRequest request = m_fake->server().lastRequest(u"/v1/messages"_s);
    QCOMPARE(request.header("x-api-key"), KEY.toUtf8());
    QCOMPARE(request.header("anthropic-version"), QByteArray("2023-06-01"));
    QVERIFY(request.header("authorization").isEmpty());
    QVERIFY(request.header("content-type").startsWith("application/json"));
    const QJsonObject body = request.json();
    QCOMPARE(body.value("stream"_L1).toBool(), true);
    QCOMPARE(body.value("max_tokens"_L1).toInt(), 1024);
    QVERIFY(!body.contains("temperature"_L1)); // only when configured
}

void tst_AnthropicProvider::toolUseFragmentsAssembled()
{
    const QJsonObject input { { u"city"_s, u"Tōkyō"_s }, { u"units"_s, u"metric"_s }, { u"days"_s, 3 } };
    m_fake->enqueue(FakeAnthropic::Turn::toolUse(u"get_weather"_s, input, { u"Checking. "_s }));
    auto provider = makeProvider();
    ChatRequest request = simpleRequest();
    request.tools = { weatherTool() };
    StreamRecorder rec(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(rec.text, u"Checking. "_s);
    QCOMPARE(rec.toolCalls.size(), 1);
    QVERIFY(rec.toolCalls.at(0).id.startsWith(u"toolu_"_s));
    QCOMPARE(rec.toolCalls.at(0).name, u"get_weather"_s);
    QCOMPARE(rec.toolCalls.at(0).arguments, input);
    QCOMPARE(rec.reason, StopReason::ToolUse);
}

void tst_AnthropicProvider::thinkingIsNotText()
{
    m_fake->enqueue(FakeAnthropic::Turn::thinkingThenText({ u"secret "_s, u"reasoning"_s }, { u"Answer"_s }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.finished);
    QCOMPARE(rec.text, u"Answer"_s);
}

void tst_AnthropicProvider::maxTokens()
{
    m_fake->enqueue(FakeAnthropic::Turn::text({ u"aaaa"_s, u"bbbb"_s, u"cccc"_s, u"dddd"_s }));
    auto provider = makeProvider();
    ChatRequest request = simpleRequest();
    request.maxTokens = 2;
    StreamRecorder rec(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.finished);
    QCOMPARE(rec.text, u"aaaabbbb"_s);
    QCOMPARE(rec.reason, StopReason::Length);
}

void tst_AnthropicProvider::maxTokensCutsToolUse()
{
    // The JSON fragments stop mid-object: the half tool call must never reach the caller.
    FakeAnthropic::Turn turn = FakeAnthropic::Turn::toolUse(u"get_weather"_s, { { u"city"_s, u"Paris"_s } });
    turn.blocks[0].pieces = { QString(), u"{\"ci"_s, u"ty\": \"Pa"_s };
    turn.stopReason = u"max_tokens"_s;
    m_fake->enqueue(turn);
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QVERIFY(rec.toolCalls.isEmpty());
    QCOMPARE(rec.reason, StopReason::Length);

    // The same broken JSON with stop_reason tool_use is a malformed stream.
    turn.stopReason = u"tool_use"_s;
    m_fake->enqueue(turn);
    StreamRecorder broken(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(broken.done(), WAIT_MS);
    QCOMPARE(broken.error.kind, ProviderError::Kind::Malformed);
    QVERIFY(broken.toolCalls.isEmpty());
}

void tst_AnthropicProvider::requestLayout()
{
    ChatRequest request;
    request.model = MODEL;
    request.systemBlocks = { u"You are Skynet."_s, u"Tool index: weather, time."_s, u"User prefers metric."_s };
    request.volatileSystem = u"Now: 2026-11-25T12:00Z; health ok"_s;
    request.tools = { weatherTool(), timeTool() };
    request.temperature = 0.5;
    request.messages = {
        userMessage(u"weather in Paris and the time?"_s),
        assistantMessage(u"Let me look."_s,
            { ToolCall { u"toolu_1"_s, u"get_weather"_s, { { u"city"_s, u"Paris"_s } } },
                ToolCall { u"toolu_2"_s, u"get_time"_s, {} } }),
        toolMessage(u"toolu_1"_s, u"get_weather"_s, u"11 degrees"_s),
        toolMessage(u"toolu_2"_s, u"get_time"_s, u"clock broken"_s, true),
        assistantMessage(u"11 degrees; the clock failed."_s),
        userMessage(u"thanks"_s),
    };
    const QJsonObject body = AnthropicProvider::buildRequestBody(request);

    // Sent for real, the fake accepts it (it rejects a 5th breakpoint or a bad shape).
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY2(rec.finished, qPrintable(rec.error.message));
    QCOMPARE(m_fake->server().lastRequest(u"/v1/messages"_s).json(), body);

    QCOMPARE(body.value("temperature"_L1).toDouble(), 0.5);
    QCOMPARE(countBreakpoints(body), 4);

    // 1: the last tool.
    const QJsonArray tools = body.value("tools"_L1).toArray();
    QCOMPARE(tools.size(), 2);
    QVERIFY(!tools.at(0).toObject().contains("cache_control"_L1));
    QCOMPARE(
        tools.at(1).toObject().value("cache_control"_L1).toObject(), (QJsonObject { { u"type"_s, u"ephemeral"_s } }));
    QCOMPARE(tools.at(0).toObject().value("input_schema"_L1).toObject().value("type"_L1).toString(), u"object"_s);
    QCOMPARE(tools.at(1).toObject().value("input_schema"_L1).toObject().value("type"_L1).toString(), u"object"_s);

    // 2: the last stable system block; the volatile text is not in system at all.
    const QJsonArray system = body.value("system"_L1).toArray();
    QCOMPARE(system.size(), 3);
    QVERIFY(system.at(2).toObject().contains("cache_control"_L1));
    QCOMPARE(system.at(2).toObject().value("text"_L1).toString(), u"User prefers metric."_s);
    for (const QJsonValue &block : system)
        QVERIFY(!block.toObject().value("text"_L1).toString().contains(u"Now:"_s));

    // Turns alternate; tool results merged into one user turn, results first.
    const QJsonArray messages = body.value("messages"_L1).toArray();
    QCOMPARE(messages.size(), 5);
    const QStringList roles { u"user"_s, u"assistant"_s, u"user"_s, u"assistant"_s, u"user"_s };
    for (int i = 0; i < roles.size(); ++i)
        QCOMPARE(messages.at(i).toObject().value("role"_L1).toString(), roles.at(i));

    const QJsonArray assistant = messages.at(1).toObject().value("content"_L1).toArray();
    QCOMPARE(assistant.size(), 3);
    QCOMPARE(assistant.at(0).toObject().value("type"_L1).toString(), u"text"_s);
    QCOMPARE(assistant.at(1).toObject(),
        (QJsonObject { { u"type"_s, u"tool_use"_s }, { u"id"_s, u"toolu_1"_s }, { u"name"_s, u"get_weather"_s },
            { u"input"_s, QJsonObject { { u"city"_s, u"Paris"_s } } } }));
    QCOMPARE(assistant.at(2).toObject().value("input"_L1).toObject(), QJsonObject());

    // 3: the previous-to-last user turn ends with a breakpoint (the tool results here).
    const QJsonArray results = messages.at(2).toObject().value("content"_L1).toArray();
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).toObject(),
        (QJsonObject {
            { u"type"_s, u"tool_result"_s }, { u"tool_use_id"_s, u"toolu_1"_s }, { u"content"_s, u"11 degrees"_s } }));
    QJsonObject failedResult = results.at(1).toObject();
    QVERIFY(failedResult.contains("cache_control"_L1));
    failedResult.remove(u"cache_control"_s);
    QCOMPARE(failedResult,
        (QJsonObject { { u"type"_s, u"tool_result"_s }, { u"tool_use_id"_s, u"toolu_2"_s },
            { u"content"_s, u"clock broken"_s }, { u"is_error"_s, true } }));

    // 4: the last user text; the volatile block comes after it, with no breakpoint of its own.
    const QJsonArray last = messages.at(4).toObject().value("content"_L1).toArray();
    QCOMPARE(last.size(), 2);
    QCOMPARE(last.at(0).toObject().value("text"_L1).toString(), u"thanks"_s);
    QVERIFY(last.at(0).toObject().contains("cache_control"_L1));
    QCOMPARE(last.at(1).toObject(),
        (QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, u"Now: 2026-11-25T12:00Z; health ok"_s } }));
    // Nothing else carries a breakpoint.
    QVERIFY(!messages.at(0).toObject().value("content"_L1).toArray().at(0).toObject().contains("cache_control"_L1));
    for (const QJsonValue &block : assistant)
        QVERIFY(!block.toObject().contains("cache_control"_L1));
}

void tst_AnthropicProvider::requestWithoutCaching()
{
    ChatRequest request = simpleRequest();
    request.promptCaching = false;
    request.systemBlocks = { u"persona"_s };
    request.volatileSystem = u"Now: 12:00"_s;
    request.tools = { weatherTool() };
    const QJsonObject body = AnthropicProvider::buildRequestBody(request);
    QCOMPARE(countBreakpoints(body), 0);
    const QJsonArray system = body.value("system"_L1).toArray();
    QCOMPARE(system.size(), 2);
    QCOMPARE(system.at(1).toObject().value("text"_L1).toString(), u"Now: 12:00"_s); // the last system block
    QCOMPARE(body.value("messages"_L1).toArray().at(0).toObject().value("content"_L1).toArray().size(), 1);
}

void tst_AnthropicProvider::cacheBreakpointsNeverExceedFour()
{
    // Long conversations, with and without tools/system: at most 4, the volatile block last.
    for (int turns = 1; turns <= 6; ++turns) {
        for (int variant = 0; variant < 4; ++variant) {
            ChatRequest request = simpleRequest();
            request.messages.clear();
            for (int i = 0; i < turns; ++i) {
                request.messages.append(userMessage(u"question %1"_s.arg(i)));
                if (i + 1 < turns)
                    request.messages.append(assistantMessage(u"answer %1"_s.arg(i)));
            }
            if (variant & 1)
                request.tools = { weatherTool() };
            if (variant & 2)
                request.systemBlocks = { u"persona"_s };
            request.volatileSystem = u"Now"_s;
            const QJsonObject body = AnthropicProvider::buildRequestBody(request);
            const int expected = (variant & 1 ? 1 : 0) + (variant & 2 ? 1 : 0) + (turns > 1 ? 2 : 1);
            QCOMPARE(countBreakpoints(body), expected);
            QVERIFY(expected <= AnthropicProvider::MAX_CACHE_BREAKPOINTS);
            const QJsonArray lastBlocks
                = body.value("messages"_L1).toArray().last().toObject().value("content"_L1).toArray();
            QCOMPARE(lastBlocks.last().toObject().value("text"_L1).toString(), u"Now"_s);
            QVERIFY(!lastBlocks.last().toObject().contains("cache_control"_L1));
        }
    }
}

void tst_AnthropicProvider::nextTurnReadsWhatThisTurnWrote()
{
    // The fake keys its cache on the exact bytes of every block before a breakpoint. If the
    // volatile text were inside that prefix, turn 2 (new timestamp) would miss.
    m_fake->setMinCacheableTokens(MODEL, 1);
    auto provider = makeProvider();
    ChatRequest request = simpleRequest();
    request.systemBlocks = { u"You are Skynet, a careful assistant."_s, u"Tools: weather."_s };
    request.tools = { weatherTool() };
    request.volatileSystem = u"Now: 12:00"_s;

    StreamRecorder first(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(first.done(), WAIT_MS);
    QVERIFY2(first.finished, qPrintable(first.error.message));
    QCOMPARE(first.usage.cacheReadTokens, qint64(0));
    QVERIFY(first.usage.cacheWriteTokens > 0);
    const qint64 volatileTokens = FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(
        u"messages"_s, { { u"type"_s, u"text"_s }, { u"text"_s, u"Now: 12:00"_s } }, u"user"_s));
    QCOMPARE(first.usage.inputTokens, volatileTokens); // only the volatile block is uncached

    request.messages.append(assistantMessage(first.text));
    request.messages.append(userMessage(u"and tomorrow?"_s));
    request.volatileSystem = u"Now: 12:05"_s;
    StreamRecorder second(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(second.done(), WAIT_MS);
    QVERIFY2(second.finished, qPrintable(second.error.message));
    QCOMPARE(second.usage.cacheReadTokens, first.usage.cacheWriteTokens);
    QVERIFY(second.usage.cacheWriteTokens > 0);
    QCOMPARE(second.usage.inputTokens, volatileTokens);
    QCOMPARE(second.usage.cacheReadTokens, m_fake->lastUsage().cacheReadTokens);
    QCOMPARE(second.usage.cacheWriteTokens, m_fake->lastUsage().cacheCreationTokens);

    // Turn 3 with a tool round trip reads turn 2's prefix.
    m_fake->enqueue(FakeAnthropic::Turn::toolUse(u"get_weather"_s, { { u"city"_s, u"Oslo"_s } }));
    request.messages.append(assistantMessage(second.text));
    request.messages.append(userMessage(u"and Oslo?"_s));
    StreamRecorder third(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(third.done(), WAIT_MS);
    QCOMPARE(third.usage.cacheReadTokens, first.usage.cacheWriteTokens + second.usage.cacheWriteTokens);
    request.messages.append(assistantMessage(QString(), third.toolCalls));
    request.messages.append(toolMessage(third.toolCalls.at(0).id, u"get_weather"_s, u"-3 degrees"_s));
    request.volatileSystem = u"Now: 12:06"_s;
    StreamRecorder fourth(provider->chat(request, this));
    QTRY_VERIFY_WITH_TIMEOUT(fourth.done(), WAIT_MS);
    QCOMPARE(fourth.usage.cacheReadTokens,
        first.usage.cacheWriteTokens + second.usage.cacheWriteTokens + third.usage.cacheWriteTokens);
}

void tst_AnthropicProvider::httpErrors_data()
{
    QTest::addColumn<FakeAnthropic::Turn>("turn");
    QTest::addColumn<ProviderError::Kind>("kind");
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::addColumn<bool>("retryable");
    QTest::addRow("429") << FakeAnthropic::Turn::rateLimited(1.5) << ProviderError::Kind::RateLimited << qint64(1500)
                         << true;
    QTest::addRow("529") << FakeAnthropic::Turn::overloaded() << ProviderError::Kind::Overloaded << qint64(-1) << true;
    QTest::addRow("500") << FakeAnthropic::Turn::httpError(500, u"api_error"_s, u"Internal"_s)
                         << ProviderError::Kind::Server << qint64(-1) << true;
    QTest::addRow("504") << FakeAnthropic::Turn::httpError(504, u"timeout_error"_s, u"Timeout"_s)
                         << ProviderError::Kind::Timeout << qint64(-1) << true;
    QTest::addRow("400") << FakeAnthropic::Turn::httpError(400, u"invalid_request_error"_s, u"bad"_s)
                         << ProviderError::Kind::BadRequest << qint64(-1) << false;
    QTest::addRow("402") << FakeAnthropic::Turn::httpError(402, u"billing_error"_s, u"pay up"_s)
                         << ProviderError::Kind::Quota << qint64(-1) << false;
    QTest::addRow("403") << FakeAnthropic::Turn::httpError(403, u"permission_error"_s, u"no"_s)
                         << ProviderError::Kind::Auth << qint64(-1) << false;
}

void tst_AnthropicProvider::httpErrors()
{
    QFETCH(FakeAnthropic::Turn, turn);
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
    QCOMPARE(rec.error.errorType, turn.errorType);
    QCOMPARE(rec.error.message, turn.errorMessage);
    QCOMPARE(rec.error.retryAfterMs, retryAfterMs);
    QCOMPARE(rec.error.isRetryable(), retryable);
    QCOMPARE(m_fake->server().requestCount(u"/v1/messages"_s), 1);

    // Wrong key: 401, never retryable; the key is nowhere in the message.
    ProviderConfig config;
    config.kind = u"anthropic"_s;
    config.baseUrl = m_fake->baseUrl();
    config.apiKey = u"sk-ant-wrong-key-987654"_s;
    AnthropicProvider wrong(config);
    StreamRecorder denied(wrong.chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(denied.done(), WAIT_MS);
    QCOMPARE(denied.error.kind, ProviderError::Kind::Auth);
    QCOMPARE(denied.error.httpStatus, 401);
    QVERIFY(!denied.error.isRetryable());
    QVERIFY(!denied.error.message.contains(u"987654"_s));
}

void tst_AnthropicProvider::overloadedAs429()
{
    m_fake->enqueue(FakeAnthropic::Turn::httpError(429, u"overloaded_error"_s, u"Overloaded"_s));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Overloaded); // error.type wins over the status
}

void tst_AnthropicProvider::errorEventMidStream()
{
    m_fake->enqueue(FakeAnthropic::Turn::errorEvent(u"overloaded_error"_s, u"Overloaded"_s, { u"Hel"_s, u"lo"_s }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QVERIFY(rec.failed);
    QCOMPARE(rec.text, u"Hello"_s);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Upstream);
    QCOMPARE(rec.error.errorType, u"overloaded_error"_s);
    QCOMPARE(rec.error.message, u"Overloaded"_s);
    QVERIFY(rec.error.afterOutput);
    QVERIFY(!rec.error.isRetryable());
    QCOMPARE(rec.terminals, 1);
}

void tst_AnthropicProvider::errorEventBeforeOutput()
{
    m_fake->enqueue(FakeAnthropic::Turn::errorEvent(u"api_error"_s, u"Internal"_s));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Upstream);
    QVERIFY(!rec.error.afterOutput);
    QVERIFY(rec.error.isRetryable());
}

void tst_AnthropicProvider::malformedEvent()
{
    m_fake->enqueue(FakeAnthropic::Turn::malformed({ u"ok"_s }));
    auto provider = makeProvider();
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Malformed);
    QVERIFY(rec.error.afterOutput);
    QCOMPARE(rec.text, u"ok"_s);
}

void tst_AnthropicProvider::stallTimesOut()
{
    m_fake->enqueue(FakeAnthropic::Turn::stall({ u"partial"_s }));
    auto provider = makeProvider(fastTimeouts(250, 5000));
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(rec.error.kind, ProviderError::Kind::Timeout);
    QVERIFY(rec.error.afterOutput);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);

    m_fake->enqueue(FakeAnthropic::Turn::stall()); // silent: no status line at all
    auto slow = makeProvider(fastTimeouts(5000, 250));
    StreamRecorder silent(slow->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(silent.done(), WAIT_MS);
    QCOMPARE(silent.error.kind, ProviderError::Kind::Timeout);
    QVERIFY(!silent.error.afterOutput);
}

void tst_AnthropicProvider::resetIsConnectError()
{
    for (bool chunked : { false, true }) {
        m_fake->setChunkedTransfer(chunked);
        m_fake->enqueue(FakeAnthropic::Turn::reset({ u"Some "_s, u"text"_s }));
        auto provider = makeProvider();
        StreamRecorder rec(provider->chat(simpleRequest(), this));
        QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
        QCOMPARE(rec.error.kind, ProviderError::Kind::Connect); // never a success without message_stop
        QVERIFY(rec.error.afterOutput);
        QCOMPARE(rec.text, u"Some text"_s);
    }
}

void tst_AnthropicProvider::abortClosesUpstream()
{
    m_fake->enqueue(FakeAnthropic::Turn::stall({ u"first"_s }));
    auto provider = makeProvider();
    ChatStream *stream = provider->chat(simpleRequest(), this);
    StreamRecorder rec(stream);
    QTRY_COMPARE_WITH_TIMEOUT(rec.text, u"first"_s, WAIT_MS);
    QCOMPARE(m_fake->server().openConnections(), 1);
    stream->abort();
    QCOMPARE(rec.error.kind, ProviderError::Kind::Aborted);
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->server().openConnections(), 0, WAIT_MS);
    QCOMPARE(rec.terminals, 1);
    delete stream;
}

void tst_AnthropicProvider::rateLimitSnapshot()
{
    m_fake->setRateLimits(50, 40000);
    auto provider = makeProvider();
    QVERIFY(!provider->rateLimits().observedAt.isValid());
    QSignalSpy changed(provider.get(), &AnthropicProvider::rateLimitsChanged);
    StreamRecorder rec(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(rec.done(), WAIT_MS);
    QCOMPARE(changed.count(), 1);
    AnthropicRateLimits limits = provider->rateLimits();
    QVERIFY(limits.observedAt.isValid());
    QCOMPARE(limits.requests.limit, qint64(50));
    QCOMPARE(limits.requests.remaining, qint64(49));
    QVERIFY(limits.requests.reset.isValid());
    QCOMPARE(limits.tokens.limit, qint64(40000));
    QCOMPARE(limits.inputTokens.limit, qint64(40000));
    QCOMPARE(limits.outputTokens.limit, qint64(40000));
    QVERIFY(limits.tokens.remaining < 40000);

    // Error responses carry them too, plus retry-after.
    m_fake->enqueue(FakeAnthropic::Turn::rateLimited(2));
    StreamRecorder limited(provider->chat(simpleRequest(), this));
    QTRY_VERIFY_WITH_TIMEOUT(limited.done(), WAIT_MS);
    QCOMPARE(changed.count(), 2);
    limits = provider->rateLimits();
    QCOMPARE(limits.requests.remaining, qint64(48));
    QCOMPARE(limits.retryAfterMs, qint64(2000));
}

void tst_AnthropicProvider::listModels()
{
    auto provider = makeProvider();
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(result->ok());
    QCOMPARE(result->value().size(), m_fake->models().size());
    const ModelInfo first = result->value().at(0);
    QCOMPARE(first.id, u"claude-sonnet-5"_s);
    QCOMPARE(first.name, u"Claude sonnet 5"_s);
    QCOMPARE(first.contextWindow, qint64(1000000));
    const Fakes::RecordedRequest request = m_fake->server().lastRequest(u"/v1/models"_s);
    QCOMPARE(request.header("x-api-key"), KEY.toUtf8());
    QCOMPARE(request.header("anthropic-version"), QByteArray("2023-06-01"));
    QVERIFY(provider->rateLimits().observedAt.isValid());
}

void tst_AnthropicProvider::listModelsPaginates()
{
    QStringList ids;
    for (int i = 0; i < 1005; ++i)
        ids.append(u"claude-test-%1"_s.arg(i, 4, 10, QChar(u'0')));
    m_fake->setModels(ids);
    auto provider = makeProvider();
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider->listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QVERIFY(result->ok());
    QCOMPARE(result->value().size(), 1005);
    QCOMPARE(result->value().last().id, u"claude-test-1004"_s);
    QCOMPARE(m_fake->server().requestCount(u"/v1/models"_s), 2);
}

void tst_AnthropicProvider::listModelsAuthError()
{
    ProviderConfig config;
    config.kind = u"anthropic"_s;
    config.baseUrl = m_fake->baseUrl();
    config.timeouts = fastTimeouts();
    AnthropicProvider provider(config); // no key at all
    std::optional<Gateway::Result<QList<ModelInfo>>> result;
    provider.listModels([&](Gateway::Result<QList<ModelInfo>> r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), WAIT_MS);
    QCOMPARE(result->error().code, u"auth"_s);
    QVERIFY(m_fake->server().lastRequest(u"/v1/models"_s).header("x-api-key").isEmpty());
    QCOMPARE(m_fake->server().requestCount(u"/v1/models"_s), 1); // 401 is not retried
}

QTEST_GUILESS_MAIN(tst_AnthropicProvider)
#include "tst_anthropicprovider.moc"
