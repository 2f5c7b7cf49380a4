// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/anthropicprovider.h"

#include <algorithm>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QUrlQuery>

#include "providers/httpchatstream.h"
#include "providers/httpexchange.h"
#include "providers/jsonrequest.h"
#include "providers/providererror.h"
#include "providers/sseparser.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Providers
{
namespace
{

// Tool inputs are small; a model writing a big file through a tool still fits.
constexpr qsizetype MAX_TOOL_INPUT_BYTES = 8 * 1024 * 1024;
constexpr int MAX_MODEL_PAGES = 10;

StopReason stopReasonFrom(const QString &reason)
{
    if (reason == u"end_turn" || reason == u"stop_sequence")
        return StopReason::Stop;
    if (reason == u"max_tokens" || reason == u"model_context_window_exceeded")
        return StopReason::Length;
    if (reason == u"tool_use")
        return StopReason::ToolUse;
    if (reason == u"refusal")
        return StopReason::Refusal;
    return StopReason::Other; // pause_turn and anything new
}

/// Cumulative usage: a field that is present replaces the value so far.
void readUsage(const QJsonObject &usage, Usage &into)
{
    const auto take = [&usage](QLatin1StringView key, qint64 &field) {
        const QJsonValue value = usage.value(key);
        if (value.isDouble())
            field = value.toInteger();
    };
    take("input_tokens"_L1, into.inputTokens);
    take("output_tokens"_L1, into.outputTokens);
    take("cache_creation_input_tokens"_L1, into.cacheWriteTokens);
    take("cache_read_input_tokens"_L1, into.cacheReadTokens);
}

/// @brief Messages API SSE stream: message_start → (content_block_start, deltas,
/// content_block_stop)* → message_delta → message_stop; ping and unknown events anywhere.
class AnthropicChatStream final : public HttpChatStream
{
public:
    AnthropicChatStream(AnthropicProvider *provider, QString secret, QObject *parent)
        : HttpChatStream(std::move(secret), parent), m_provider(provider)
    {
    }

    using HttpChatStream::start;

protected:
    void onResponseStarted(const QNetworkReply &reply) override
    {
        if (m_provider)
            m_provider->updateRateLimits(reply);
    }

    void onData(const QByteArray &data) override
    {
        m_parser.feed(data);
        drain();
    }

    void onEnd() override
    {
        m_parser.finish();
        drain();
        if (!isDone())
            failTruncated(); // EOF without message_stop is never a success
    }

private:
    struct ToolBlock
    {
        QString id;
        QString name;
        QByteArray json;
        QJsonObject initialInput;
    };

    void drain()
    {
        while (m_parser.hasEvent()) {
            if (!handle(m_parser.takeEvent()))
                return;
        }
        if (m_parser.hasError())
            failMalformed(m_parser.errorString());
    }

    bool handle(const SseEvent &event)
    {
        QByteArray type = event.type;
        if (type == "ping")
            return true;
        static const QList<QByteArray> known = { "message_start", "content_block_start", "content_block_delta",
            "content_block_stop", "message_delta", "message_stop", "error", "message" };
        if (!known.contains(type))
            return true; // new event types are ignored, as the official SDK does
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(event.data, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            failMalformed(u"invalid JSON in a %1 event"_s.arg(QString::fromLatin1(type.left(40))));
            return false;
        }
        const QJsonObject object = document.object();
        if (type == "message") // no `event:` line: the JSON type names the event
            type = object.value("type"_L1).toString().toLatin1();

        if (type == "message_start") {
            readUsage(object.value("message"_L1).toObject().value("usage"_L1).toObject(), m_usage);
        } else if (type == "content_block_start") {
            const int index = object.value("index"_L1).toInt();
            const QJsonObject block = object.value("content_block"_L1).toObject();
            const QString blockType = block.value("type"_L1).toString();
            if (blockType == u"text") {
                if (!emitText(block.value("text"_L1).toString()))
                    return false;
            } else if (blockType == u"tool_use") {
                ToolBlock tool;
                tool.id = block.value("id"_L1).toString();
                tool.name = block.value("name"_L1).toString();
                tool.initialInput = block.value("input"_L1).toObject();
                m_tools.insert(index, tool);
            }
        } else if (type == "content_block_delta") {
            const int index = object.value("index"_L1).toInt();
            const QJsonObject delta = object.value("delta"_L1).toObject();
            const QString deltaType = delta.value("type"_L1).toString();
            if (deltaType == u"text_delta") {
                if (!emitText(delta.value("text"_L1).toString()))
                    return false;
            } else if (deltaType == u"input_json_delta") {
                auto it = m_tools.find(index);
                if (it != m_tools.end()) {
                    const QByteArray fragment = delta.value("partial_json"_L1).toString().toUtf8();
                    if (it->json.size() + fragment.size() > MAX_TOOL_INPUT_BYTES) {
                        failMalformed(u"tool input larger than %1 bytes"_s.arg(MAX_TOOL_INPUT_BYTES));
                        return false;
                    }
                    it->json.append(fragment);
                }
            }
            // thinking_delta, signature_delta, citations_delta: not forwarded.
        } else if (type == "content_block_stop") {
            const int index = object.value("index"_L1).toInt();
            auto it = m_tools.find(index);
            if (it != m_tools.end()) {
                const ToolBlock tool = *it;
                m_tools.erase(it);
                return finishTool(tool);
            }
        } else if (type == "message_delta") {
            const QJsonValue reason = object.value("delta"_L1).toObject().value("stop_reason"_L1);
            if (reason.isString())
                m_stopReason = reason.toString();
            readUsage(object.value("usage"_L1).toObject(), m_usage);
        } else if (type == "message_stop") {
            const StopReason stop = stopReasonFrom(m_stopReason);
            if (m_incompleteTool && stop != StopReason::Length) {
                failMalformed(u"tool input is not a JSON object"_s);
                return false;
            }
            complete(stop, m_usage);
            return false;
        } else if (type == "error") {
            fail(errorFromStream(object.value("error"_L1), secret()));
            return false;
        }
        return true;
    }

    // The fragments only form JSON together: parse once, at content_block_stop.
    bool finishTool(const ToolBlock &tool)
    {
        ToolCall call;
        call.id = tool.id;
        call.name = tool.name;
        if (tool.json.trimmed().isEmpty()) {
            call.arguments = tool.initialInput;
        } else {
            const QJsonDocument document = QJsonDocument::fromJson(tool.json);
            if (!document.isObject()) {
                // Cut by max_tokens, most likely: never hand out a half tool call. message_stop
                // decides whether that is an error.
                m_incompleteTool = true;
                return true;
            }
            call.arguments = document.object();
        }
        if (call.name.isEmpty()) {
            failMalformed(u"tool_use block without a name"_s);
            return false;
        }
        return emitToolCall(call);
    }

    QPointer<AnthropicProvider> m_provider;
    SseParser m_parser;
    QHash<int, ToolBlock> m_tools;
    Usage m_usage;
    QString m_stopReason;
    bool m_incompleteTool = false;
};

QJsonObject textBlock(const QString &text)
{
    return QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, text } };
}

void setCacheControl(QJsonArray &blocks, qsizetype index)
{
    QJsonObject block = blocks.at(index).toObject();
    block.insert(u"cache_control"_s, QJsonObject { { u"type"_s, u"ephemeral"_s } });
    blocks.replace(index, block);
}

struct Turn
{
    QString role;
    QJsonArray blocks;
};

void appendToTurn(QList<Turn> &turns, const QString &role, const QJsonArray &blocks)
{
    if (blocks.isEmpty())
        return;
    if (turns.isEmpty() || turns.last().role != role)
        turns.append(Turn { role, {} });
    for (const QJsonValue &block : blocks)
        turns.last().blocks.append(block);
}

/// tool_result blocks must open a user turn; keep every other order as given.
void toolResultsFirst(Turn &turn)
{
    QJsonArray results;
    QJsonArray rest;
    for (const QJsonValue &block : std::as_const(turn.blocks)) {
        if (block.toObject().value("type"_L1).toString() == u"tool_result")
            results.append(block);
        else
            rest.append(block);
    }
    for (const QJsonValue &block : std::as_const(rest))
        results.append(block);
    turn.blocks = results;
}

void readWindow(const QNetworkReply &reply, const QByteArray &name, RateLimitWindow &window, bool *seen)
{
    const QByteArray prefix = "anthropic-ratelimit-" + name;
    bool ok = false;
    const QByteArray limit = reply.rawHeader(prefix + "-limit");
    if (!limit.isEmpty()) {
        *seen = true;
        const qint64 value = limit.trimmed().toLongLong(&ok);
        window.limit = ok ? value : -1;
    }
    const QByteArray remaining = reply.rawHeader(prefix + "-remaining");
    if (!remaining.isEmpty()) {
        *seen = true;
        const qint64 value = remaining.trimmed().toLongLong(&ok);
        window.remaining = ok ? value : -1;
    }
    const QByteArray reset = reply.rawHeader(prefix + "-reset");
    if (!reset.isEmpty()) {
        *seen = true;
        window.reset = QDateTime::fromString(QString::fromLatin1(reset.trimmed()), Qt::ISODateWithMs);
    }
}

} // namespace

AnthropicProvider::AnthropicProvider(ProviderConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
    if (m_config.baseUrl.isEmpty())
        m_config.baseUrl = QUrl(QString::fromLatin1(DEFAULT_BASE_URL));
    if (m_config.id.isEmpty())
        m_config.id = u"anthropic"_s;
}

AnthropicProvider::~AnthropicProvider() = default;

QString AnthropicProvider::kind() const
{
    return u"anthropic"_s;
}

QJsonObject AnthropicProvider::buildRequestBody(const ChatRequest &request)
{
    const bool caching = request.promptCaching;
    int breakpoints = 0;

    QJsonObject body { { u"model"_s, request.model },
        { u"max_tokens"_s, request.maxTokens > 0 ? request.maxTokens : 1024 }, { u"stream"_s, true } };
    if (request.temperature)
        body.insert(u"temperature"_s, *request.temperature);

    // Breakpoint 1: the last tool caches the whole tool list.
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const ToolSpec &tool : request.tools) {
            QJsonObject schema = tool.parameters;
            if (schema.isEmpty())
                schema = QJsonObject { { u"type"_s, u"object"_s }, { u"properties"_s, QJsonObject() } };
            QJsonObject entry { { u"name"_s, tool.name }, { u"input_schema"_s, schema } };
            if (!tool.description.isEmpty())
                entry.insert(u"description"_s, tool.description);
            tools.append(entry);
        }
        if (caching) {
            QJsonObject last = tools.last().toObject();
            last.insert(u"cache_control"_s, QJsonObject { { u"type"_s, u"ephemeral"_s } });
            tools.replace(tools.size() - 1, last);
            ++breakpoints;
        }
        body.insert(u"tools"_s, tools);
    }

    // Breakpoint 2: the last stable system block (persona, tool index, user overlay).
    QJsonArray system;
    for (const QString &block : request.systemBlocks) {
        if (!block.isEmpty())
            system.append(textBlock(block));
    }
    if (caching && !system.isEmpty()) {
        setCacheControl(system, system.size() - 1);
        ++breakpoints;
    }

    QList<Turn> turns;
    for (const ChatMessage &message : request.messages) {
        QJsonArray blocks;
        switch (message.role) {
        case ChatMessage::Role::User:
            if (!message.text.isEmpty())
                blocks.append(textBlock(message.text));
            appendToTurn(turns, u"user"_s, blocks);
            break;
        case ChatMessage::Role::Assistant:
            if (!message.text.isEmpty())
                blocks.append(textBlock(message.text));
            for (const ToolCall &call : message.toolCalls) {
                blocks.append(QJsonObject { { u"type"_s, u"tool_use"_s }, { u"id"_s, call.id },
                    { u"name"_s, call.name }, { u"input"_s, call.arguments } });
            }
            appendToTurn(turns, u"assistant"_s, blocks);
            break;
        case ChatMessage::Role::Tool: {
            QJsonObject result { { u"type"_s, u"tool_result"_s }, { u"tool_use_id"_s, message.toolCallId },
                { u"content"_s, message.text } };
            if (message.isError)
                result.insert(u"is_error"_s, true);
            blocks.append(result);
            appendToTurn(turns, u"user"_s, blocks);
            break;
        }
        }
    }
    for (Turn &turn : turns) {
        if (turn.role == u"user")
            toolResultsFirst(turn);
    }

    // Where the volatile block goes. Anthropic caches prefixes in the order tools → system →
    // messages, so a volatile *system* block would sit inside every message breakpoint's prefix
    // and a new timestamp would turn each conversation-cache lookup into a miss. With caching on
    // and a user turn last, it therefore goes at the very end of the request, as a text block
    // after the last breakpoint. Next turn the history is rebuilt from ChatMessages without it,
    // so the bytes up to every breakpoint of this request come back identical (QJsonObject writes
    // keys sorted, nothing else varies), and the next request reads what this one wrote.
    const bool volatileInMessages
        = caching && !request.volatileSystem.isEmpty() && !turns.isEmpty() && turns.last().role == u"user";
    if (!request.volatileSystem.isEmpty() && !volatileInMessages)
        system.append(textBlock(request.volatileSystem)); // last, never a breakpoint
    if (!system.isEmpty())
        body.insert(u"system"_s, system);

    if (caching && !turns.isEmpty()) {
        // Breakpoint 3: the previous-to-last user turn ends where the previous request's last
        // breakpoint was (its last turn): an exact hit even past the 20-block lookback.
        qsizetype lastUser = -1;
        qsizetype previousUser = -1;
        for (qsizetype i = turns.size() - 1; i >= 0; --i) {
            if (turns.at(i).role != u"user")
                continue;
            if (lastUser < 0) {
                lastUser = i;
            } else {
                previousUser = i;
                break;
            }
        }
        if (previousUser >= 0 && breakpoints < MAX_CACHE_BREAKPOINTS) {
            setCacheControl(turns[previousUser].blocks, turns[previousUser].blocks.size() - 1);
            ++breakpoints;
        }
        // Breakpoint 4: the last block of the conversation, written now for the next turn.
        if (breakpoints < MAX_CACHE_BREAKPOINTS) {
            setCacheControl(turns.last().blocks, turns.last().blocks.size() - 1);
            ++breakpoints;
        }
    }
    if (volatileInMessages)
        turns.last().blocks.append(textBlock(request.volatileSystem));
    Q_ASSERT(breakpoints <= MAX_CACHE_BREAKPOINTS);

    QJsonArray messages;
    for (const Turn &turn : std::as_const(turns))
        messages.append(QJsonObject { { u"role"_s, turn.role }, { u"content"_s, turn.blocks } });
    body.insert(u"messages"_s, messages);
    return body;
}

QNetworkRequest AnthropicProvider::makeRequest(const QString &path) const
{
    QNetworkRequest request = HttpExchange::jsonRequest(HttpExchange::endpoint(m_config.baseUrl, path));
    request.setRawHeader("anthropic-version", API_VERSION);
    if (!m_config.apiKey.isEmpty())
        request.setRawHeader("x-api-key", m_config.apiKey.toUtf8());
    return request;
}

ChatStream *AnthropicProvider::chat(const ChatRequest &request, QObject *parent)
{
    auto *stream = new AnthropicChatStream(this, m_config.apiKey, parent);
    QNetworkRequest httpRequest = makeRequest(u"/v1/messages"_s);
    httpRequest.setRawHeader("Accept", "text/event-stream");
    stream->start(network(), httpRequest, QJsonDocument(buildRequestBody(request)).toJson(QJsonDocument::Compact),
        m_config.timeouts);
    return stream;
}

void AnthropicProvider::listModels(std::function<void(Result<QList<ModelInfo>>)> done)
{
    fetchModels({}, 0, {}, std::move(done));
}

void AnthropicProvider::fetchModels(
    const QString &afterId, int page, QList<ModelInfo> models, std::function<void(Result<QList<ModelInfo>>)> done)
{
    QNetworkRequest request = makeRequest(u"/v1/models"_s);
    QUrl url = request.url();
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, u"1000"_s);
    if (!afterId.isEmpty())
        query.addQueryItem(u"after_id"_s, afterId);
    url.setQuery(query);
    request.setUrl(url);
    request.setRawHeader("Accept", "application/json");

    const QPointer<AnthropicProvider> self(this);
    auto *call = new JsonRequest(
        network(), request, "GET", {}, m_config.timeouts, m_config.apiKey,
        [self, page, models, done = std::move(done)](Result<QJsonDocument, ProviderError> result) mutable {
            if (!result) {
                done(toError(result.error()));
                return;
            }
            const QJsonObject object = result->object();
            for (const QJsonValue &value : object.value("data"_L1).toArray()) {
                const QJsonObject entry = value.toObject();
                ModelInfo info;
                info.id = entry.value("id"_L1).toString();
                info.name = entry.value("display_name"_L1).toString();
                if (info.name.isEmpty())
                    info.name = info.id;
                info.contextWindow = entry.value("max_input_tokens"_L1).toInteger();
                if (!info.id.isEmpty())
                    models.append(info);
            }
            const QString lastId = object.value("last_id"_L1).toString();
            if (self && object.value("has_more"_L1).toBool() && !lastId.isEmpty() && page + 1 < MAX_MODEL_PAGES) {
                self->fetchModels(lastId, page + 1, std::move(models), std::move(done));
                return;
            }
            done(models);
        },
        this);
    call->setHeadersObserver([self](const QNetworkReply &reply) {
        if (self)
            self->updateRateLimits(reply);
    });
    call->start();
}

void AnthropicProvider::updateRateLimits(const QNetworkReply &reply)
{
    AnthropicRateLimits limits = m_rateLimits;
    bool seen = false;
    readWindow(reply, "requests", limits.requests, &seen);
    readWindow(reply, "tokens", limits.tokens, &seen);
    readWindow(reply, "input-tokens", limits.inputTokens, &seen);
    readWindow(reply, "output-tokens", limits.outputTokens, &seen);
    if (!seen)
        return;
    limits.retryAfterMs = retryAfterMs(reply);
    limits.observedAt = QDateTime::currentDateTimeUtc();
    m_rateLimits = limits;
    Q_EMIT rateLimitsChanged();
}

QNetworkAccessManager &AnthropicProvider::network()
{
    // Created on first use: an idle gateway that never calls this provider pays nothing for it.
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    return *m_nam;
}

} // namespace Gateway::Providers
