// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/ollamaprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QUuid>

#include "providers/httpchatstream.h"
#include "providers/httpexchange.h"
#include "providers/jsonrequest.h"
#include "providers/ndjsonparser.h"
#include "providers/providererror.h"
#include "providers/pulljob.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Providers
{
namespace
{

QString newToolCallId()
{
    return u"call_"_s + QUuid::createUuid().toString(QUuid::Id128).left(24);
}

QJsonObject parseArguments(const QJsonValue &value, bool *ok)
{
    *ok = true;
    if (value.isObject())
        return value.toObject();
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isString()) {
        // Some builds send the OpenAI form (a JSON string); accept it.
        const QString text = value.toString();
        if (text.trimmed().isEmpty())
            return {};
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        if (document.isObject())
            return document.object();
    }
    *ok = false;
    return {};
}

/// @brief `/api/chat` stream: one JSON object per line, the last one with "done": true.
class OllamaChatStream final : public HttpChatStream
{
public:
    OllamaChatStream(QString secret, QObject *parent) : HttpChatStream(std::move(secret), parent) { }

    using HttpChatStream::start;

protected:
    void onData(const QByteArray &data) override
    {
        m_parser.feed(data);
        drain(false);
    }

    void onEnd() override
    {
        m_parser.finish();
        drain(true);
        if (!isDone())
            failTruncated();
    }

private:
    void drain(bool atEnd)
    {
        while (m_parser.hasObject()) {
            if (!handle(m_parser.takeObject()))
                return;
        }
        if (m_parser.hasError()) {
            // A cut last line at EOF is a dropped connection, not a malformed stream.
            if (atEnd)
                failTruncated();
            else
                failMalformed(m_parser.errorString());
        }
    }

    bool handle(const QJsonObject &line)
    {
        if (line.contains("error"_L1)) {
            fail(errorFromStream(line.value("error"_L1), secret()));
            return false;
        }
        const QJsonObject message = line.value("message"_L1).toObject();
        if (!emitText(message.value("content"_L1).toString()))
            return false;
        const QJsonArray calls = message.value("tool_calls"_L1).toArray();
        for (const QJsonValue &value : calls) {
            const QJsonObject function = value.toObject().value("function"_L1).toObject();
            ToolCall call;
            call.id = value.toObject().value("id"_L1).toString();
            if (call.id.isEmpty())
                call.id = newToolCallId();
            call.name = function.value("name"_L1).toString();
            bool ok = false;
            call.arguments = parseArguments(function.value("arguments"_L1), &ok);
            if (call.name.isEmpty() || !ok) {
                failMalformed(u"tool call without a name or with non-object arguments"_s);
                return false;
            }
            m_sawToolCall = true;
            if (!emitToolCall(call))
                return false;
        }
        if (line.value("done"_L1).toBool()) {
            Usage usage;
            // Go omits zero counts (omitempty): missing means 0.
            usage.inputTokens = line.value("prompt_eval_count"_L1).toInteger();
            usage.outputTokens = line.value("eval_count"_L1).toInteger();
            const QString reason = line.value("done_reason"_L1).toString();
            StopReason stop = StopReason::Stop;
            if (reason == u"length")
                stop = StopReason::Length;
            else if (m_sawToolCall)
                stop = StopReason::ToolUse;
            complete(stop, usage);
            return false;
        }
        return true;
    }

    NdjsonParser m_parser;
    bool m_sawToolCall = false;
};

QJsonObject toolSpecJson(const ToolSpec &tool)
{
    QJsonObject parameters = tool.parameters;
    if (parameters.isEmpty())
        parameters = QJsonObject { { u"type"_s, u"object"_s }, { u"properties"_s, QJsonObject() } };
    return QJsonObject { { u"type"_s, u"function"_s },
        { u"function"_s,
            QJsonObject {
                { u"name"_s, tool.name }, { u"description"_s, tool.description }, { u"parameters"_s, parameters } } } };
}

QString contextLengthOf(const QJsonObject &modelInfo, qint64 *length)
{
    const QString architecture = modelInfo.value("general.architecture"_L1).toString();
    const QString key = architecture + u".context_length"_s;
    if (!architecture.isEmpty() && modelInfo.contains(key)) {
        *length = modelInfo.value(key).toInteger();
        return key;
    }
    for (auto it = modelInfo.begin(); it != modelInfo.end(); ++it) {
        if (it.key().endsWith(u".context_length")) {
            *length = it.value().toInteger();
            return it.key();
        }
    }
    *length = 0;
    return {};
}

} // namespace

OllamaProvider::OllamaProvider(ProviderConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    if (m_config.baseUrl.isEmpty())
        m_config.baseUrl = QUrl(QString::fromLatin1(DEFAULT_BASE_URL));
    if (m_config.id.isEmpty())
        m_config.id = u"ollama"_s;
}

OllamaProvider::~OllamaProvider() = default;

QString OllamaProvider::kind() const
{
    return u"ollama"_s;
}

QJsonObject OllamaProvider::buildChatBody(const ChatRequest &request)
{
    QJsonArray messages;
    // Stable blocks first, the volatile one last: Ollama reuses its KV cache for the longest
    // unchanged prefix of the rendered prompt.
    QStringList systemParts = request.systemBlocks;
    if (!request.volatileSystem.isEmpty())
        systemParts.append(request.volatileSystem);
    systemParts.removeAll(QString());
    if (!systemParts.isEmpty())
        messages.append(QJsonObject { { u"role"_s, u"system"_s }, { u"content"_s, systemParts.join(u"\n\n"_s) } });

    for (const ChatMessage &message : request.messages) {
        switch (message.role) {
        case ChatMessage::Role::User:
            messages.append(QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, message.text } });
            break;
        case ChatMessage::Role::Assistant: {
            QJsonObject object { { u"role"_s, u"assistant"_s }, { u"content"_s, message.text } };
            if (!message.toolCalls.isEmpty()) {
                QJsonArray calls;
                for (const ToolCall &call : message.toolCalls) {
                    QJsonObject entry { { u"function"_s,
                        QJsonObject { { u"name"_s, call.name }, { u"arguments"_s, call.arguments } } } };
                    if (!call.id.isEmpty())
                        entry.insert(u"id"_s, call.id);
                    calls.append(entry);
                }
                object.insert(u"tool_calls"_s, calls);
            }
            messages.append(object);
            break;
        }
        case ChatMessage::Role::Tool: {
            // Ollama has no is_error flag: say it in the content.
            QJsonObject object { { u"role"_s, u"tool"_s },
                { u"content"_s, message.isError ? u"Error: "_s + message.text : message.text } };
            if (!message.toolName.isEmpty())
                object.insert(u"tool_name"_s, message.toolName);
            if (!message.toolCallId.isEmpty())
                object.insert(u"tool_call_id"_s, message.toolCallId);
            messages.append(object);
            break;
        }
        }
    }

    QJsonObject body { { u"model"_s, request.model }, { u"messages"_s, messages }, { u"stream"_s, true } };
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const ToolSpec &tool : request.tools)
            tools.append(toolSpecJson(tool));
        body.insert(u"tools"_s, tools);
    }
    QJsonObject options;
    if (request.maxTokens > 0)
        options.insert(u"num_predict"_s, request.maxTokens);
    if (request.temperature)
        options.insert(u"temperature"_s, *request.temperature);
    // Explicit extras win over the generic fields. Only known keys pass, so extra can never
    // override model, messages or stream.
    const QJsonObject extraOptions = request.extra.value("options"_L1).toObject();
    for (auto it = extraOptions.begin(); it != extraOptions.end(); ++it)
        options.insert(it.key(), it.value());
    if (!options.isEmpty())
        body.insert(u"options"_s, options);
    for (const QString &key : { u"keep_alive"_s, u"format"_s, u"think"_s }) {
        if (request.extra.contains(key))
            body.insert(key, request.extra.value(key));
    }
    return body;
}

ChatStream *OllamaProvider::chat(const ChatRequest &request, QObject *parent)
{
    auto *stream = new OllamaChatStream(m_config.apiKey, parent);
    QNetworkRequest httpRequest = HttpExchange::jsonRequest(HttpExchange::endpoint(m_config.baseUrl, u"/api/chat"_s));
    httpRequest.setRawHeader("Accept", "application/x-ndjson");
    if (!m_config.apiKey.isEmpty())
        httpRequest.setRawHeader("Authorization", "Bearer " + m_config.apiKey.toUtf8());
    stream->start(network(), httpRequest, QJsonDocument(buildChatBody(request)).toJson(QJsonDocument::Compact),
        m_config.timeouts);
    return stream;
}

void OllamaProvider::callJson(const QString &path, const QByteArray &verb, const QJsonObject &body,
    std::function<void(Result<QJsonDocument, ProviderError>)> done)
{
    QNetworkRequest request = HttpExchange::jsonRequest(HttpExchange::endpoint(m_config.baseUrl, path));
    request.setRawHeader("Accept", "application/json");
    if (!m_config.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_config.apiKey.toUtf8());
    const QByteArray payload = verb == "GET" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    auto *call
        = new JsonRequest(network(), request, verb, payload, m_config.timeouts, m_config.apiKey, std::move(done), this);
    call->start();
}

void OllamaProvider::listModels(std::function<void(Result<QList<ModelInfo>>)> done)
{
    callJson(u"/api/tags"_s, "GET", {}, [done = std::move(done)](Result<QJsonDocument, ProviderError> result) {
        if (!result) {
            done(toError(result.error()));
            return;
        }
        QList<ModelInfo> models;
        const QJsonArray entries = result->object().value("models"_L1).toArray();
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            ModelInfo info;
            info.id = entry.value("name"_L1).toString();
            if (info.id.isEmpty())
                info.id = entry.value("model"_L1).toString();
            info.name = info.id;
            info.sizeBytes = entry.value("size"_L1).toInteger();
            if (!info.id.isEmpty())
                models.append(info);
        }
        done(models);
    });
}

void OllamaProvider::localModels(std::function<void(Result<QList<OllamaLocalModel>>)> done)
{
    callJson(u"/api/tags"_s, "GET", {}, [done = std::move(done)](Result<QJsonDocument, ProviderError> result) {
        if (!result) {
            done(toError(result.error()));
            return;
        }
        QList<OllamaLocalModel> models;
        const QJsonArray entries = result->object().value("models"_L1).toArray();
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            OllamaLocalModel model;
            model.name = entry.value("name"_L1).toString();
            if (model.name.isEmpty())
                model.name = entry.value("model"_L1).toString();
            if (model.name.isEmpty())
                continue;
            model.sizeBytes = entry.value("size"_L1).toInteger();
            // Go writes RFC 3339 with nanoseconds; Qt reads at most milliseconds.
            QString modified = entry.value("modified_at"_L1).toString();
            static const QRegularExpression nanos(u"(\\.\\d{3})\\d+"_s);
            modified.replace(nanos, u"\\1"_s);
            model.modifiedAt = QDateTime::fromString(modified, Qt::ISODateWithMs);
            const QJsonObject details = entry.value("details"_L1).toObject();
            model.family = details.value("family"_L1).toString();
            model.parameterSize = details.value("parameter_size"_L1).toString();
            model.quantization = details.value("quantization_level"_L1).toString();
            models.append(model);
        }
        done(models);
    });
}

void OllamaProvider::showModel(const QString &model, std::function<void(Result<OllamaModelDetails>)> done)
{
    callJson(u"/api/show"_s, "POST", QJsonObject { { u"model"_s, model } },
        [model, done = std::move(done)](Result<QJsonDocument, ProviderError> result) {
            if (!result) {
                done(toError(result.error()));
                return;
            }
            const QJsonObject object = result->object();
            OllamaModelDetails details;
            details.model = model;
            details.raw = object;
            for (const QJsonValue &capability : object.value("capabilities"_L1).toArray())
                details.capabilities.append(capability.toString());
            contextLengthOf(object.value("model_info"_L1).toObject(), &details.contextLength);
            const QJsonObject info = object.value("details"_L1).toObject();
            details.family = info.value("family"_L1).toString();
            details.parameterSize = info.value("parameter_size"_L1).toString();
            details.quantization = info.value("quantization_level"_L1).toString();
            done(details);
        });
}

void OllamaProvider::version(std::function<void(Result<QString>)> done)
{
    callJson(u"/api/version"_s, "GET", {}, [done = std::move(done)](Result<QJsonDocument, ProviderError> result) {
        if (!result) {
            done(toError(result.error()));
            return;
        }
        const QString version = result->object().value("version"_L1).toString();
        if (version.isEmpty()) {
            done(Error { u"malformed"_s, u"no version in the answer: not an Ollama server?"_s });
            return;
        }
        done(version);
    });
}

void OllamaProvider::runningModels(std::function<void(Result<QList<OllamaRunningModel>>)> done)
{
    callJson(u"/api/ps"_s, "GET", {}, [done = std::move(done)](Result<QJsonDocument, ProviderError> result) {
        if (!result) {
            done(toError(result.error()));
            return;
        }
        QList<OllamaRunningModel> models;
        for (const QJsonValue &value : result->object().value("models"_L1).toArray()) {
            const QJsonObject entry = value.toObject();
            OllamaRunningModel model;
            model.name = entry.value("name"_L1).toString();
            model.sizeBytes = entry.value("size"_L1).toInteger();
            model.sizeVram = entry.value("size_vram"_L1).toInteger();
            model.contextLength = entry.value("context_length"_L1).toInteger();
            model.expiresAt = QDateTime::fromString(entry.value("expires_at"_L1).toString(), Qt::ISODateWithMs);
            models.append(model);
        }
        done(models);
    });
}

PullJob *OllamaProvider::pull(const QString &model, QObject *parent)
{
    return new PullJob(network(), m_config.baseUrl, model, m_config.timeouts, m_config.apiKey, parent);
}

void OllamaProvider::deleteModel(const QString &model, std::function<void(Status)> done)
{
    callJson(u"/api/delete"_s, "DELETE", QJsonObject { { u"model"_s, model } },
        [done = std::move(done)](Result<QJsonDocument, ProviderError> result) {
            if (!result) {
                done(toError(result.error()));
                return;
            }
            done(Status());
        });
}

QNetworkAccessManager &OllamaProvider::network()
{
    // Created on first use: an idle gateway that never calls this provider pays nothing for it.
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    return *m_nam;
}

} // namespace Gateway::Providers
