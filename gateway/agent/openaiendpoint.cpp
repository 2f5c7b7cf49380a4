// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "agent/openaiendpoint.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include "agent/chatruntime.h"
#include "agent/providerpool.h"
#include "http/responder.h"
#include "http/router.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Agent
{

namespace
{

constexpr qsizetype MAX_MESSAGES = 2000;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// OpenAI's error shape: {"error":{"message","type","param","code"}}.
Http::Response openAiError(int status, const QString &message, const QString &type, const QString &code = {})
{
    Http::Response response = Http::Response::json(status,
        compact(QJsonObject { { u"error"_s,
            QJsonObject { { u"message"_s, message }, { u"type"_s, type }, { u"param"_s, QJsonValue::Null },
                { u"code"_s, code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code) } } } }));
    if (status == 401)
        response.headers.append({ QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer") });
    return response;
}

QString bearerToken(const Http::Request &request)
{
    const QByteArray header = request.header("authorization");
    if (!header.startsWith("Bearer ") && !header.startsWith("bearer "))
        return {};
    return QString::fromUtf8(header.mid(7).trimmed());
}

// "content" may be a string or an array of parts; only text parts are kept.
std::optional<QString> contentText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    if (content.isNull())
        return QString();
    if (!content.isArray())
        return std::nullopt;
    QString text;
    for (const QJsonValue &part : content.toArray()) {
        const QJsonObject object = part.toObject();
        if (object.value(u"type"_s).toString() == u"text")
            text += object.value(u"text"_s).toString();
    }
    return text;
}

QString finishReason(const RunOutcome &outcome)
{
    if (outcome.stopReason == u"length")
        return u"length"_s;
    return u"stop"_s;
}

QJsonObject usageJson(const RunOutcome &outcome)
{
    const qint64 prompt = outcome.usage.inputTokens + outcome.usage.cacheReadTokens + outcome.usage.cacheWriteTokens;
    return QJsonObject { { u"prompt_tokens"_s, prompt }, { u"completion_tokens"_s, outcome.usage.outputTokens },
        { u"total_tokens"_s, prompt + outcome.usage.outputTokens },
        { u"prompt_tokens_details"_s, QJsonObject { { u"cached_tokens"_s, outcome.usage.cacheReadTokens } } } };
}

} // namespace

OpenAiEndpoint::OpenAiEndpoint(ChatRuntime *runtime, ProviderPool *pool, Authorizer authorize, QObject *parent)
    : QObject(parent), m_runtime(runtime), m_pool(pool), m_authorize(std::move(authorize))
{
}

void OpenAiEndpoint::registerRoutes(Http::Router &router)
{
    router.add("GET", u"/v1/models"_s, [this](const Http::Request &request) {
        if (!m_authorize(bearerToken(request), request.peer))
            return openAiError(401,
                u"Incorrect API key provided: pass the gateway token or your personal token as a Bearer token"_s,
                u"invalid_request_error"_s, u"invalid_api_key"_s);
        const qint64 created = QDateTime::currentSecsSinceEpoch();
        QJsonArray data { QJsonObject { { u"id"_s, u"skynet"_s }, { u"object"_s, u"model"_s },
            { u"created"_s, created }, { u"owned_by"_s, u"skynet"_s } } };
        if (m_pool) {
            for (const QString &id : m_pool->ids()) {
                data.append(QJsonObject { { u"id"_s, QString(id + u':' + m_pool->defaultModel(id)) },
                    { u"object"_s, u"model"_s }, { u"created"_s, created }, { u"owned_by"_s, id } });
            }
        }
        return Http::Response::json(200, compact(QJsonObject { { u"object"_s, u"list"_s }, { u"data"_s, data } }));
    });

    router.addAsync("POST", u"/v1/chat/completions"_s,
        [this](const Http::Request &request, const std::shared_ptr<Http::Responder> &responder) {
            const std::optional<QString> caller = m_authorize(bearerToken(request), request.peer);
            if (!caller) {
                responder->send(openAiError(401,
                    u"Incorrect API key provided: pass the gateway token or your personal token as a Bearer token"_s,
                    u"invalid_request_error"_s, u"invalid_api_key"_s));
                return;
            }
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
            if (!doc.isObject()) {
                responder->send(openAiError(400,
                    u"We could not parse the JSON body of your request: %1"_s.arg(parseError.errorString()),
                    u"invalid_request_error"_s));
                return;
            }
            const QJsonObject body = doc.object();
            const QJsonValue messagesValue = body.value(u"messages"_s);
            if (!messagesValue.isArray() || messagesValue.toArray().isEmpty()
                || messagesValue.toArray().size() > MAX_MESSAGES) {
                responder->send(
                    openAiError(400, u"'messages' must be a non-empty array"_s, u"invalid_request_error"_s));
                return;
            }
            RunOptions options;
            options.explicitPrompt = true;
            QString lastUser;
            for (const QJsonValue &value : messagesValue.toArray()) {
                const QJsonObject m = value.toObject();
                const QString role = m.value(u"role"_s).toString();
                const std::optional<QString> text = contentText(m.value(u"content"_s));
                if (!text) {
                    responder->send(openAiError(
                        400, u"message content must be a string or an array of parts"_s, u"invalid_request_error"_s));
                    return;
                }
                Providers::ChatMessage message;
                if (role == u"system" || role == u"developer") {
                    options.system.append(*text);
                    continue;
                } else if (role == u"user") {
                    message.role = Providers::ChatMessage::Role::User;
                    lastUser = *text;
                } else if (role == u"assistant") {
                    message.role = Providers::ChatMessage::Role::Assistant;
                } else if (role == u"tool") {
                    message.role = Providers::ChatMessage::Role::Tool;
                    message.toolCallId = m.value(u"tool_call_id"_s).toString();
                } else {
                    responder->send(
                        openAiError(400, u"unknown message role: %1"_s.arg(role.left(32)), u"invalid_request_error"_s));
                    return;
                }
                message.text = *text;
                options.messages.append(message);
            }
            if (options.messages.isEmpty()) {
                responder->send(
                    openAiError(400, u"'messages' needs at least one user message"_s, u"invalid_request_error"_s));
                return;
            }
            // model: "skynet" routes; "<provider>" or "<provider>:<model>" picks; anything else is a
            // model id for the first provider.
            const QString model = body.value(u"model"_s).toString();
            if (!model.isEmpty() && model != u"skynet" && model != u"skynet/auto" && model != u"auto" && m_pool) {
                const qsizetype colon = model.indexOf(u':');
                const QString head = colon > 0 ? model.left(colon) : model;
                if (m_pool->find(head)) {
                    options.provider = head;
                    options.model = colon > 0 ? model.mid(colon + 1) : QString();
                } else if (!m_pool->ids().isEmpty()) {
                    options.provider = m_pool->ids().first();
                    options.model = model;
                }
            }
            const bool stream = body.value(u"stream"_s).toBool();
            const bool includeUsage = body.value(u"stream_options"_s).toObject().value(u"include_usage"_s).toBool();
            const QString user = body.value(u"user"_s).toString().left(128);
            // Each person's conversations are their own: a personal token keeps them in its user's space.
            const QString sessionKey = m_runtime
                ? m_runtime->canonicalSessionKey(u"openai:"_s + (user.isEmpty() ? u"default"_s : user), *caller)
                : QString();
            options.userId = *caller;
            options.channel = u"openai"_s;
            const QByteArray idempotency = request.header("idempotency-key");
            const QString runId = idempotency.isEmpty() ? u"chatcmpl-"_s + QUuid::createUuid().toString(QUuid::Id128)
                                                        : QString::fromUtf8(idempotency.left(200));
            if (!m_runtime) {
                responder->send(openAiError(503, u"the gateway is shutting down"_s, u"server_error"_s));
                return;
            }
            const Result<QString> started = m_runtime->startRun(sessionKey, lastUser, runId, nullptr, options);
            if (!started) {
                responder->send(openAiError(503, started.error().message, u"server_error"_s));
                return;
            }
            const qint64 created = QDateTime::currentSecsSinceEpoch();
            const QString modelName = model.isEmpty() ? u"skynet"_s : model;

            // One context object per request carries the connections and goes with the run.
            auto *context = new QObject(this);
            const auto chunk = [runId, created, modelName](const QJsonObject &delta, const QJsonValue &finish) {
                return QJsonObject { { u"id"_s, runId }, { u"object"_s, u"chat.completion.chunk"_s },
                    { u"created"_s, created }, { u"model"_s, modelName },
                    { u"choices"_s,
                        QJsonArray { QJsonObject {
                            { u"index"_s, 0 }, { u"delta"_s, delta }, { u"finish_reason"_s, finish } } } } };
            };
            if (stream) {
                responder->beginStream(200, "text/event-stream");
                responder->write("data: "
                    + compact(chunk(
                        QJsonObject { { u"role"_s, u"assistant"_s }, { u"content"_s, QString() } }, QJsonValue::Null))
                    + "\n\n");
                connect(m_runtime, &ChatRuntime::runDelta, context,
                    [responder, runId, chunk](const QString &id, const QString &delta) {
                        if (id == runId)
                            responder->write("data: "
                                + compact(chunk(QJsonObject { { u"content"_s, delta } }, QJsonValue::Null)) + "\n\n");
                    });
            }
            connect(m_runtime, &ChatRuntime::runFinished, context,
                [responder, runId, stream, includeUsage, chunk, created, modelName, context](
                    const RunOutcome &outcome) {
                    if (outcome.runId != runId)
                        return;
                    context->deleteLater();
                    if (stream) {
                        if (outcome.status == u"ok") {
                            responder->write("data: " + compact(chunk(QJsonObject {}, finishReason(outcome))) + "\n\n");
                            if (includeUsage) {
                                QJsonObject usage = chunk(QJsonObject {}, QJsonValue::Null);
                                usage.insert(u"choices"_s, QJsonArray());
                                usage.insert(u"usage"_s, usageJson(outcome));
                                responder->write("data: " + compact(usage) + "\n\n");
                            }
                        } else {
                            responder->write("data: "
                                + compact(QJsonObject { { u"error"_s,
                                    QJsonObject {
                                        { u"message"_s,
                                            outcome.errorMessage.isEmpty() ? outcome.status : outcome.errorMessage },
                                        { u"type"_s, u"server_error"_s }, { u"code"_s, outcome.status } } } })
                                + "\n\n");
                        }
                        responder->write("data: [DONE]\n\n");
                        responder->end();
                        return;
                    }
                    if (outcome.status != u"ok") {
                        const int status = outcome.status == u"timeout" ? 504 : 502;
                        responder->send(
                            openAiError(status, outcome.errorMessage.isEmpty() ? outcome.status : outcome.errorMessage,
                                u"server_error"_s, outcome.status));
                        return;
                    }
                    const QJsonObject completion {
                        { u"id"_s, runId },
                        { u"object"_s, u"chat.completion"_s },
                        { u"created"_s, created },
                        { u"model"_s, modelName },
                        { u"choices"_s,
                            QJsonArray { QJsonObject { { u"index"_s, 0 },
                                { u"message"_s,
                                    QJsonObject { { u"role"_s, u"assistant"_s }, { u"content"_s, outcome.text } } },
                                { u"finish_reason"_s, finishReason(outcome) } } } },
                        { u"usage"_s, usageJson(outcome) },
                    };
                    Http::Response response = Http::Response::json(200, compact(completion));
                    response.headers.append({ QByteArrayLiteral("x-skynet-provider"), outcome.provider.toUtf8() });
                    response.headers.append({ QByteArrayLiteral("x-skynet-model"), outcome.model.toUtf8() });
                    responder->send(response);
                });
            // A client that goes away aborts its run (and the upstream request).
            responder->setOnClosed([runtime = m_runtime, sessionKey, runId, context] {
                if (runtime)
                    runtime->abort(sessionKey, runId);
                context->deleteLater();
            });
        });
}

} // namespace Gateway::Agent
