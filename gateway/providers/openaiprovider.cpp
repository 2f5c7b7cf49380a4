// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/openaiprovider.h"

#include <map>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QUuid>

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

constexpr qsizetype MAX_TOOL_ARGUMENT_BYTES = 8 * 1024 * 1024;

StopReason stopReasonFrom(const QString &reason)
{
    if (reason == u"stop")
        return StopReason::Stop;
    if (reason == u"length")
        return StopReason::Length;
    if (reason == u"tool_calls" || reason == u"function_call")
        return StopReason::ToolUse;
    if (reason == u"content_filter")
        return StopReason::Refusal;
    return StopReason::Other;
}

/// @brief Chat Completions SSE: `data: {chunk}` events, `data: [DONE]` at the end.
class OpenAiChatStream final : public HttpChatStream
{
public:
    OpenAiChatStream(QString secret, QObject *parent) : HttpChatStream(std::move(secret), parent) { }

    using HttpChatStream::start;

protected:
    void onData(const QByteArray &data) override
    {
        m_parser.feed(data);
        drain();
    }

    void onEnd() override
    {
        m_parser.finish();
        drain();
        if (isDone())
            return;
        // [DONE] is optional on some servers: a finish_reason is enough to call it complete.
        if (!m_finishReason.isEmpty())
            finishStream();
        else
            failTruncated();
    }

private:
    struct ToolFragment
    {
        QString id;
        QString name;
        QByteArray arguments;
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
        const QByteArray data = event.data.trimmed();
        if (data == "[DONE]") {
            finishStream();
            return false;
        }
        if (data.isEmpty())
            return true;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            failMalformed(u"invalid JSON in a stream chunk"_s);
            return false;
        }
        const QJsonObject chunk = document.object();
        if (chunk.contains("error"_L1)) {
            fail(errorFromStream(chunk.value("error"_L1), secret()));
            return false;
        }
        const QJsonObject usage = chunk.value("usage"_L1).toObject();
        if (!usage.isEmpty()) {
            const qint64 prompt = usage.value("prompt_tokens"_L1).toInteger();
            const qint64 cached
                = usage.value("prompt_tokens_details"_L1).toObject().value("cached_tokens"_L1).toInteger();
            m_usage.cacheReadTokens = cached;
            m_usage.inputTokens = qMax<qint64>(0, prompt - cached);
            m_usage.outputTokens = usage.value("completion_tokens"_L1).toInteger();
        }
        // The usage chunk has "choices": []; never index blindly.
        const QJsonArray choices = chunk.value("choices"_L1).toArray();
        for (const QJsonValue &value : choices) {
            const QJsonObject choice = value.toObject();
            if (choice.value("index"_L1).toInt() != 0)
                continue; // n > 1 is never requested
            const QJsonObject delta = choice.value("delta"_L1).toObject();
            if (!emitText(delta.value("content"_L1).toString()))
                return false;
            if (!collectToolCalls(delta.value("tool_calls"_L1).toArray()))
                return false;
            const QJsonValue finish = choice.value("finish_reason"_L1);
            if (finish.isString() && !finish.toString().isEmpty()) {
                m_finishReason = finish.toString();
                if (!flushToolCalls())
                    return false;
            }
        }
        return true;
    }

    bool collectToolCalls(const QJsonArray &calls)
    {
        int position = 0;
        for (const QJsonValue &value : calls) {
            const QJsonObject call = value.toObject();
            const int index = call.contains("index"_L1) ? call.value("index"_L1).toInt() : position;
            ++position;
            ToolFragment &fragment = m_tools[index];
            const QString id = call.value("id"_L1).toString();
            if (!id.isEmpty())
                fragment.id = id;
            const QJsonObject function = call.value("function"_L1).toObject();
            const QString name = function.value("name"_L1).toString();
            if (!name.isEmpty() && fragment.name.isEmpty())
                fragment.name = name;
            const QJsonValue arguments = function.value("arguments"_L1);
            // Some servers send the arguments as an object in one piece.
            const QByteArray piece = arguments.isObject()
                ? QJsonDocument(arguments.toObject()).toJson(QJsonDocument::Compact)
                : arguments.toString().toUtf8();
            if (fragment.arguments.size() + piece.size() > MAX_TOOL_ARGUMENT_BYTES) {
                failMalformed(u"tool arguments larger than %1 bytes"_s.arg(MAX_TOOL_ARGUMENT_BYTES));
                return false;
            }
            fragment.arguments.append(piece);
        }
        return true;
    }

    // Fragments only form JSON together: parse once, when the choice finished.
    bool flushToolCalls()
    {
        const std::map<int, ToolFragment> tools = std::exchange(m_tools, {});
        for (const auto &[index, fragment] : tools) {
            ToolCall call;
            call.id = fragment.id.isEmpty() ? u"call_"_s + QUuid::createUuid().toString(QUuid::Id128).left(24)
                                            : fragment.id;
            call.name = fragment.name;
            if (!fragment.arguments.trimmed().isEmpty()) {
                const QJsonDocument document = QJsonDocument::fromJson(fragment.arguments);
                if (!document.isObject()) {
                    if (m_finishReason == u"length")
                        continue; // cut off: never hand out a half tool call
                    failMalformed(u"tool call arguments are not a JSON object"_s);
                    return false;
                }
                call.arguments = document.object();
            }
            if (call.name.isEmpty()) {
                failMalformed(u"tool call without a name"_s);
                return false;
            }
            m_sawToolCall = true;
            if (!emitToolCall(call))
                return false;
        }
        return true;
    }

    void finishStream()
    {
        if (!m_tools.empty() && !flushToolCalls())
            return;
        StopReason stop = stopReasonFrom(m_finishReason);
        if (m_sawToolCall && stop == StopReason::Stop)
            stop = StopReason::ToolUse; // servers that say "stop" after tool calls
        complete(stop, m_usage);
    }

    SseParser m_parser;
    std::map<int, ToolFragment> m_tools;
    Usage m_usage;
    QString m_finishReason;
    bool m_sawToolCall = false;
};

QJsonObject messageJson(const ChatMessage &message)
{
    switch (message.role) {
    case ChatMessage::Role::User:
        return QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, message.text } };
    case ChatMessage::Role::Assistant: {
        QJsonObject object { { u"role"_s, u"assistant"_s } };
        // content may be null on a tool-call turn; an empty string is accepted everywhere else.
        object.insert(u"content"_s,
            message.text.isEmpty() && !message.toolCalls.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                   : QJsonValue(message.text));
        if (!message.toolCalls.isEmpty()) {
            QJsonArray calls;
            for (const ToolCall &call : message.toolCalls) {
                calls.append(QJsonObject { { u"id"_s, call.id }, { u"type"_s, u"function"_s },
                    { u"function"_s,
                        QJsonObject { { u"name"_s, call.name },
                            { u"arguments"_s,
                                QString::fromUtf8(
                                    QJsonDocument(call.arguments).toJson(QJsonDocument::Compact)) } } } });
            }
            object.insert(u"tool_calls"_s, calls);
        }
        return object;
    }
    case ChatMessage::Role::Tool:
        return QJsonObject { { u"role"_s, u"tool"_s }, { u"tool_call_id"_s, message.toolCallId },
            { u"content"_s, message.isError ? u"Error: "_s + message.text : message.text } };
    }
    return {};
}

} // namespace

OpenAiProvider::OpenAiProvider(ProviderConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    if (m_config.baseUrl.isEmpty())
        m_config.baseUrl = QUrl(QString::fromLatin1(DEFAULT_BASE_URL));
    const QString path = m_config.baseUrl.path();
    if (path.isEmpty() || path == u"/")
        m_config.baseUrl.setPath(u"/v1"_s);
    if (m_config.id.isEmpty())
        m_config.id = u"openai"_s;
    // api.openai.com's reasoning models reject max_tokens; compatible servers often only know it.
    const QString host = m_config.baseUrl.host();
    m_maxTokensField
        = host == u"api.openai.com" || host.endsWith(u".openai.com") ? u"max_completion_tokens"_s : u"max_tokens"_s;
}

OpenAiProvider::~OpenAiProvider() = default;

QString OpenAiProvider::kind() const
{
    return u"openai"_s;
}

QJsonObject OpenAiProvider::buildRequestBody(const ChatRequest &request, const QString &maxTokensField)
{
    QJsonArray messages;
    // Stable blocks first and volatile last keeps the automatic prefix cache (OpenAI, vLLM,
    // llama.cpp) warm up to the volatile part.
    QStringList systemParts = request.systemBlocks;
    if (!request.volatileSystem.isEmpty())
        systemParts.append(request.volatileSystem);
    systemParts.removeAll(QString());
    if (!systemParts.isEmpty())
        messages.append(QJsonObject { { u"role"_s, u"system"_s }, { u"content"_s, systemParts.join(u"\n\n"_s) } });
    for (const ChatMessage &message : request.messages)
        messages.append(messageJson(message));

    QJsonObject body { { u"model"_s, request.model }, { u"messages"_s, messages }, { u"stream"_s, true },
        { u"stream_options"_s, QJsonObject { { u"include_usage"_s, true } } } };
    if (request.maxTokens > 0)
        body.insert(maxTokensField, request.maxTokens);
    if (request.temperature)
        body.insert(u"temperature"_s, *request.temperature);
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const ToolSpec &tool : request.tools) {
            QJsonObject parameters = tool.parameters;
            if (parameters.isEmpty())
                parameters = QJsonObject { { u"type"_s, u"object"_s }, { u"properties"_s, QJsonObject() } };
            tools.append(QJsonObject { { u"type"_s, u"function"_s },
                { u"function"_s,
                    QJsonObject { { u"name"_s, tool.name }, { u"description"_s, tool.description },
                        { u"parameters"_s, parameters } } } });
        }
        body.insert(u"tools"_s, tools);
    }
    return body;
}

QNetworkRequest OpenAiProvider::makeRequest(const QString &path) const
{
    QNetworkRequest request = HttpExchange::jsonRequest(HttpExchange::endpoint(m_config.baseUrl, path));
    if (!m_config.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_config.apiKey.toUtf8());
    return request;
}

ChatStream *OpenAiProvider::chat(const ChatRequest &request, QObject *parent)
{
    auto *stream = new OpenAiChatStream(m_config.apiKey, parent);
    QNetworkRequest httpRequest = makeRequest(u"/chat/completions"_s);
    httpRequest.setRawHeader("Accept", "text/event-stream");
    stream->start(network(), httpRequest,
        QJsonDocument(buildRequestBody(request, m_maxTokensField)).toJson(QJsonDocument::Compact), m_config.timeouts);
    return stream;
}

void OpenAiProvider::listModels(std::function<void(Result<QList<ModelInfo>>)> done)
{
    QNetworkRequest request = makeRequest(u"/models"_s);
    request.setRawHeader("Accept", "application/json");
    auto *call = new JsonRequest(
        network(), request, "GET", {}, m_config.timeouts, m_config.apiKey,
        [done = std::move(done)](Result<QJsonDocument, ProviderError> result) {
            if (!result) {
                done(toError(result.error()));
                return;
            }
            QList<ModelInfo> models;
            for (const QJsonValue &value : result->object().value("data"_L1).toArray()) {
                const QJsonObject entry = value.toObject();
                ModelInfo info;
                info.id = entry.value("id"_L1).toString();
                info.name = info.id;
                // vLLM says max_model_len, LM Studio/others context_length; OpenAI says nothing.
                info.contextWindow = entry.value("max_model_len"_L1).toInteger();
                if (info.contextWindow == 0)
                    info.contextWindow = entry.value("context_length"_L1).toInteger();
                if (!info.id.isEmpty())
                    models.append(info);
            }
            done(models);
        },
        this);
    call->start();
}

QNetworkAccessManager &OpenAiProvider::network()
{
    // Created on first use: an idle gateway that never calls this provider pays nothing for it.
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    return *m_nam;
}

} // namespace Gateway::Providers
