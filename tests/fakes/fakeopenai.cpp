// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "fakeopenai.h"

#include <iterator>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtMath>

using namespace Qt::StringLiterals;

namespace Fakes
{

namespace
{

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// Cuts text into n (>= 1) nearly equal pieces; the first may be empty when n > size.
QStringList cut(const QString &text, int n)
{
    QStringList pieces;
    const qsizetype step = qMax<qsizetype>(1, text.size() / n);
    qsizetype pos = 0;
    for (int i = 0; i < n - 1 && pos < text.size(); ++i, pos += step)
        pieces.append(text.mid(pos, step));
    pieces.append(text.mid(pos));
    return pieces;
}

const char *const FILLER[] = { "the ", "fox ", "ran ", "far ", "and ", "hid ", "its ", "old ", "den " };

} // namespace

FakeOpenAI::Turn FakeOpenAI::Turn::text(const QStringList &pieces)
{
    Turn t;
    t.pieces = pieces;
    return t;
}

FakeOpenAI::Turn FakeOpenAI::Turn::toolCall(const QString &name, const QJsonObject &arguments)
{
    ToolCallSpec call;
    call.name = name;
    call.arguments = arguments;
    return parallelToolCalls({ call });
}

FakeOpenAI::Turn FakeOpenAI::Turn::parallelToolCalls(const QList<ToolCallSpec> &calls)
{
    Turn t;
    t.toolCalls = calls;
    return t;
}

FakeOpenAI::Turn FakeOpenAI::Turn::httpError(
    int status, const QString &type, const QString &code, const QString &message)
{
    Turn t;
    t.httpStatus = status;
    t.errorType = type;
    t.errorCode = code;
    t.errorMessage = message;
    return t;
}

FakeOpenAI::Turn FakeOpenAI::Turn::rateLimited(double retryAfterSeconds)
{
    Turn t = httpError(429, u"requests"_s, u"rate_limit_exceeded"_s,
        u"Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. "
        "Please try again in %1s."_s.arg(retryAfterSeconds));
    t.retryAfterSeconds = retryAfterSeconds;
    return t;
}

FakeOpenAI::Turn FakeOpenAI::Turn::insufficientQuota()
{
    return httpError(429, u"insufficient_quota"_s, u"insufficient_quota"_s,
        u"You exceeded your current quota, please check your plan and billing details. For more "
        "information on this error, read the docs: "
        "https://platform.openai.com/docs/guides/error-codes/api-errors."_s);
}

FakeOpenAI::Turn FakeOpenAI::Turn::serverError(int status)
{
    return httpError(status, u"server_error"_s, QString(),
        status == 503 ? u"The server is overloaded or not ready yet."_s
                      : u"The server had an error while processing your request. Sorry about that!"_s);
}

FakeOpenAI::Turn FakeOpenAI::Turn::errorChunk(const QString &message, const QStringList &piecesBefore)
{
    Turn t;
    t.pieces = piecesBefore;
    t.errorType = u"server_error"_s;
    t.errorMessage = message;
    t.ending = Ending::ErrorChunk;
    return t;
}

FakeOpenAI::Turn FakeOpenAI::Turn::stall(const QStringList &piecesBefore)
{
    Turn t;
    t.pieces = piecesBefore;
    t.ending = Ending::Stall;
    return t;
}

FakeOpenAI::Turn FakeOpenAI::Turn::eofWithoutDone(const QStringList &pieces)
{
    Turn t;
    t.pieces = pieces;
    t.ending = Ending::EofWithoutDone;
    return t;
}

FakeOpenAI::Turn FakeOpenAI::Turn::reset(const QStringList &piecesBefore)
{
    Turn t;
    t.pieces = piecesBefore;
    t.ending = Ending::Reset;
    return t;
}

FakeOpenAI::Turn FakeOpenAI::Turn::malformed(const QStringList &piecesBefore)
{
    Turn t;
    t.pieces = piecesBefore;
    t.ending = Ending::Malformed;
    return t;
}

FakeOpenAI::Turn FakeOpenAI::Turn::truncated(const QStringList &piecesBefore)
{
    Turn t;
    t.pieces = piecesBefore;
    t.ending = Ending::Truncated;
    return t;
}

FakeOpenAI::FakeOpenAI(QObject *parent)
    : QObject(parent), m_server(new FakeHttpServer(this)), m_models({ u"gpt-4o-mini"_s, u"gpt-4.1"_s })
{
    installHandlers();
    m_server->setFallbackHandler([this](const RecordedRequest &r) {
        return error(404, u"invalid_request_error"_s, QString(),
            u"Invalid URL (%1 %2)"_s.arg(QString::fromLatin1(r.method), r.path));
    });
}

FakeOpenAI::~FakeOpenAI() = default;

bool FakeOpenAI::listen(quint16 port)
{
    return m_server->listen(port);
}

QUrl FakeOpenAI::apiBaseUrl() const
{
    return QUrl(m_server->baseUrl().toString() + m_basePath);
}

void FakeOpenAI::enqueue(const Turn &turn)
{
    m_turns.enqueue(turn);
}

void FakeOpenAI::setBasePath(const QString &path)
{
    m_basePath = path;
    installHandlers();
}

void FakeOpenAI::installHandlers()
{
    m_server->setHandler(
        m_basePath + u"/chat/completions"_s, [this](const RecordedRequest &r) { return completions(r); });
    m_server->setHandler(m_basePath + u"/models"_s, [this](const RecordedRequest &r) { return listModels(r); });
    m_server->setHandler(m_basePath + u"/models/*"_s, [this](const RecordedRequest &r) { return getModel(r); });
}

qint64 FakeOpenAI::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void FakeOpenAI::addCommonHeaders(ScriptedResponse &response)
{
    ++m_idCounter;
    response.setHeader("x-request-id", "req_fake" + QByteArray::number(m_idCounter).rightJustified(12, '0'));
    response.setHeader("openai-processing-ms", "42");
    response.setHeader("x-ratelimit-limit-requests", "10000");
    response.setHeader("x-ratelimit-limit-tokens", "2000000");
    response.setHeader(
        "x-ratelimit-remaining-requests", QByteArray::number(qMax<qint64>(0, 10000 - qint64(m_idCounter))));
    response.setHeader("x-ratelimit-remaining-tokens", "1999000");
    response.setHeader("x-ratelimit-reset-requests", "6ms");
    response.setHeader("x-ratelimit-reset-tokens", "30ms");
    response.chunkedTransfer = m_chunked;
}

ScriptedResponse FakeOpenAI::error(
    int status, const QString &type, const QString &code, const QString &message, const QString &param)
{
    QString t = type;
    QJsonValue c = code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code);
    if (m_profile == Profile::OllamaV1) {
        t = status == 400 ? u"invalid_request_error"_s : status == 404 ? u"not_found_error"_s : u"api_error"_s;
        c = QJsonValue::Null;
    }
    ScriptedResponse response = ScriptedResponse::json(status,
        QJsonObject { { u"error"_s,
            QJsonObject { { u"message"_s, message }, { u"type"_s, t },
                { u"param"_s, param.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(param) },
                { u"code"_s, c } } } });
    addCommonHeaders(response);
    return response;
}

ScriptedResponse FakeOpenAI::listModels(const RecordedRequest &request)
{
    if (request.method != "GET")
        return error(404, u"invalid_request_error"_s, QString(),
            u"Invalid URL (%1 %2)"_s.arg(QString::fromLatin1(request.method), request.path));
    if (!m_apiKey.isEmpty() && request.header("authorization") != "Bearer " + m_apiKey.toUtf8())
        return error(401, u"invalid_request_error"_s, u"invalid_api_key"_s, u"Incorrect API key provided."_s);
    QJsonArray data;
    for (const QString &id : std::as_const(m_models)) {
        data.append(QJsonObject { { u"id"_s, id }, { u"object"_s, u"model"_s }, { u"created"_s, 1686935002 },
            { u"owned_by"_s, m_profile == Profile::OllamaV1 ? u"library"_s : u"openai"_s } });
    }
    ScriptedResponse response = ScriptedResponse::json(200, { { u"object"_s, u"list"_s }, { u"data"_s, data } });
    addCommonHeaders(response);
    return response;
}

ScriptedResponse FakeOpenAI::getModel(const RecordedRequest &request)
{
    const QString id = request.path.mid(m_basePath.size() + int(qstrlen("/models/")));
    if (request.method != "GET")
        return error(404, u"invalid_request_error"_s, QString(),
            u"Invalid URL (%1 %2)"_s.arg(QString::fromLatin1(request.method), request.path));
    if (!m_apiKey.isEmpty() && request.header("authorization") != "Bearer " + m_apiKey.toUtf8())
        return error(401, u"invalid_request_error"_s, u"invalid_api_key"_s, u"Incorrect API key provided."_s);
    if (!m_models.contains(id))
        return error(404, u"invalid_request_error"_s, u"model_not_found"_s,
            u"The model `%1` does not exist or you do not have access to it."_s.arg(id));
    ScriptedResponse response = ScriptedResponse::json(200,
        { { u"id"_s, id }, { u"object"_s, u"model"_s }, { u"created"_s, 1686935002 },
            { u"owned_by"_s, m_profile == Profile::OllamaV1 ? u"library"_s : u"openai"_s } });
    addCommonHeaders(response);
    return response;
}

ScriptedResponse FakeOpenAI::completions(const RecordedRequest &request)
{
    if (request.method != "POST")
        return error(404, u"invalid_request_error"_s, QString(),
            u"Invalid URL (%1 %2)"_s.arg(QString::fromLatin1(request.method), request.path));
    if (!m_apiKey.isEmpty()) {
        const QByteArray auth = request.header("authorization");
        if (auth.isEmpty()) {
            return error(401, u"invalid_request_error"_s, QString(),
                u"You didn't provide an API key. You need to provide your API key in an Authorization header "
                "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."_s);
        }
        if (auth != "Bearer " + m_apiKey.toUtf8())
            return error(401, u"invalid_request_error"_s, u"invalid_api_key"_s, u"Incorrect API key provided."_s);
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return error(400, u"invalid_request_error"_s, QString(),
            u"We could not parse the JSON body of your request. (HINT: This likely means you aren't using "
            "your HTTP library correctly.)"_s);
    }
    const QJsonObject body = doc.object();
    const QString model = body.value(u"model"_s).toString();
    if (model.isEmpty())
        return error(400, u"invalid_request_error"_s, QString(), u"you must provide a model parameter"_s);
    if (!body.value(u"messages"_s).isArray()) {
        return error(400, u"invalid_request_error"_s, u"missing_required_parameter"_s,
            u"Missing required parameter: 'messages'."_s, u"messages"_s);
    }
    if (!m_models.contains(model)) {
        return error(404, u"invalid_request_error"_s, u"model_not_found"_s,
            u"The model `%1` does not exist or you do not have access to it."_s.arg(model));
    }

    Turn turn;
    if (!m_turns.isEmpty()) {
        turn = m_turns.dequeue();
    } else {
        for (int i = 0; i < m_defaultOutputTokens; ++i)
            turn.pieces.append(QString::fromLatin1(FILLER[i % std::size(FILLER)]).leftJustified(4, u' '));
    }
    if (turn.httpStatus != 200) {
        ScriptedResponse response = error(turn.httpStatus, turn.errorType, turn.errorCode, turn.errorMessage);
        if (turn.retryAfterSeconds) {
            response.setHeader("retry-after", QByteArray::number(qCeil(*turn.retryAfterSeconds)));
            response.setHeader("retry-after-ms", QByteArray::number(qRound64(*turn.retryAfterSeconds * 1000)));
        }
        return response;
    }

    // max_completion_tokens (or the deprecated max_tokens) cuts the text: finish_reason "length".
    QString finishReason
        = turn.finishReason.isEmpty() ? (turn.toolCalls.isEmpty() ? u"stop"_s : u"tool_calls"_s) : turn.finishReason;
    const int maxTokens = body.value(u"max_completion_tokens"_s).toInt(body.value(u"max_tokens"_s).toInt(-1));
    if (maxTokens >= 0) {
        QStringList kept;
        QByteArray sofar;
        for (const QString &p : std::as_const(turn.pieces)) {
            if (countTokens(sofar + p.toUtf8()) > maxTokens) {
                finishReason = u"length"_s;
                turn.toolCalls.clear();
                break;
            }
            sofar += p.toUtf8();
            kept.append(p);
        }
        turn.pieces = kept;
    }

    // Tool call ids, argument strings and their fragments.
    QByteArray generated = turn.pieces.join(QString()).toUtf8();
    for (qsizetype i = 0; i < turn.toolCalls.size(); ++i) {
        ToolCallSpec &call = turn.toolCalls[i];
        if (call.id.isEmpty())
            call.id = u"call_fake%1"_s.arg(++m_idCounter);
        const QString args = QString::fromUtf8(compact(call.arguments));
        if (call.fragments.isEmpty())
            call.fragments = cut(args, 3);
        generated += args.toUtf8();
    }
    const qint64 promptTokens = qMax<qint64>(1,
        countTokens(QJsonDocument(body.value(u"messages"_s).toArray()).toJson(QJsonDocument::Compact)
            + (body.contains(u"tools"_s)
                    ? QJsonDocument(body.value(u"tools"_s).toArray()).toJson(QJsonDocument::Compact)
                    : QByteArray())));
    const qint64 completionTokens = turn.completionTokens.value_or(qMax<qint64>(1, countTokens(generated)));
    const QJsonObject usage { { u"prompt_tokens"_s, promptTokens }, { u"completion_tokens"_s, completionTokens },
        { u"total_tokens"_s, promptTokens + completionTokens },
        { u"prompt_tokens_details"_s, QJsonObject { { u"cached_tokens"_s, 0 } } },
        { u"completion_tokens_details"_s, QJsonObject { { u"reasoning_tokens"_s, 0 } } } };
    const QString id = u"chatcmpl-fake%1"_s.arg(++m_idCounter);
    const qint64 created = now() / 1000;
    const QString fingerprint = u"fp_fake0001"_s;

    const bool stream = body.value(u"stream"_s).toBool(false);
    if (!stream) {
        ScriptedResponse response;
        switch (turn.ending) {
        case Turn::Ending::ErrorChunk:
            return error(500, u"server_error"_s, QString(), turn.errorMessage);
        case Turn::Ending::Stall:
        case Turn::Ending::Reset:
            response.silent = true;
            response.resetAfterChunks = turn.ending == Turn::Ending::Reset;
            return response;
        case Turn::Ending::Truncated:
        case Turn::Ending::Malformed:
            response = ScriptedResponse::json(200, {});
            response.chunks = { "{\"id\":\"" + id.toUtf8() + "\",\"object\":\"chat.completion\",\"choices\":[{" };
            addCommonHeaders(response);
            return response;
        case Turn::Ending::Done:
        case Turn::Ending::EofWithoutDone:
            break;
        }
        QJsonArray calls;
        for (const ToolCallSpec &call : std::as_const(turn.toolCalls)) {
            calls.append(QJsonObject { { u"id"_s, call.id }, { u"type"_s, u"function"_s },
                { u"function"_s,
                    QJsonObject {
                        { u"name"_s, call.name }, { u"arguments"_s, QString::fromUtf8(compact(call.arguments)) } } } });
        }
        const QString content = turn.pieces.join(QString());
        const QJsonObject message { { u"role"_s, u"assistant"_s },
            { u"content"_s,
                content.isEmpty() && !calls.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(content) },
            { u"refusal"_s, QJsonValue::Null },
            { u"tool_calls"_s, calls.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(calls) } };
        QJsonObject completion { { u"id"_s, id }, { u"object"_s, u"chat.completion"_s }, { u"created"_s, created },
            { u"model"_s, model }, { u"system_fingerprint"_s, fingerprint },
            { u"choices"_s,
                QJsonArray { QJsonObject { { u"index"_s, 0 }, { u"message"_s, message },
                    { u"logprobs"_s, QJsonValue::Null }, { u"finish_reason"_s, finishReason } } } } };
        if (m_profile != Profile::NoUsage)
            completion.insert(u"usage"_s, usage);
        response = ScriptedResponse::json(200, completion);
        addCommonHeaders(response);
        return response;
    }

    const bool includeUsage = m_profile != Profile::NoUsage
        && body.value(u"stream_options"_s).toObject().value(u"include_usage"_s).toBool();
    const QByteArray eol = turn.crlf ? "\r\n" : "\n";
    const QByteArray prefix = turn.noSpaceAfterData ? "data:" : "data: ";
    auto event = [&](const QByteArray &data) -> QByteArray { return prefix + data + eol + eol; };
    int obfuscation = 0;
    auto chunk = [&](const QJsonObject &delta, const QJsonValue &finish) -> QByteArray {
        QJsonObject o { { u"id"_s, id }, { u"object"_s, u"chat.completion.chunk"_s }, { u"created"_s, created },
            { u"model"_s, model }, { u"system_fingerprint"_s, fingerprint },
            { u"choices"_s,
                QJsonArray { QJsonObject { { u"index"_s, 0 }, { u"delta"_s, delta },
                    { u"logprobs"_s, QJsonValue::Null }, { u"finish_reason"_s, finish } } } } };
        if (includeUsage)
            o.insert(u"usage"_s, QJsonValue::Null);
        if (m_profile == Profile::OpenAI)
            o.insert(u"obfuscation"_s, QString::fromLatin1("xyzXYZ012").left(1 + (obfuscation++ % 9)));
        return event(compact(o));
    };

    QList<QByteArray> events;
    events.append(chunk({ { u"role"_s, u"assistant"_s }, { u"content"_s, u""_s }, { u"refusal"_s, QJsonValue::Null } },
        QJsonValue::Null));
    for (const QString &piece : std::as_const(turn.pieces))
        events.append(chunk({ { u"content"_s, piece } }, QJsonValue::Null));
    for (qsizetype i = 0; i < turn.toolCalls.size(); ++i) {
        const ToolCallSpec &call = turn.toolCalls.at(i);
        events.append(chunk(
            { { u"tool_calls"_s,
                QJsonArray { QJsonObject { { u"index"_s, int(i) }, { u"id"_s, call.id }, { u"type"_s, u"function"_s },
                    { u"function"_s, QJsonObject { { u"name"_s, call.name }, { u"arguments"_s, u""_s } } } } } } },
            QJsonValue::Null));
        for (const QString &fragment : call.fragments) {
            events.append(chunk({ { u"tool_calls"_s,
                                    QJsonArray { QJsonObject { { u"index"_s, int(i) },
                                        { u"function"_s, QJsonObject { { u"arguments"_s, fragment } } } } } } },
                QJsonValue::Null));
        }
    }

    ScriptedResponse response = ScriptedResponse::stream("text/event-stream; charset=utf-8", {});
    switch (turn.ending) {
    case Turn::Ending::Done:
    case Turn::Ending::EofWithoutDone:
        events.append(chunk({}, finishReason));
        if (includeUsage) {
            QJsonObject o { { u"id"_s, id }, { u"object"_s, u"chat.completion.chunk"_s }, { u"created"_s, created },
                { u"model"_s, model }, { u"system_fingerprint"_s, fingerprint }, { u"choices"_s, QJsonArray() },
                { u"usage"_s, usage } };
            if (m_profile == Profile::OpenAI)
                o.insert(u"obfuscation"_s, u"abc"_s);
            events.append(event(compact(o)));
        }
        if (turn.ending == Turn::Ending::Done)
            events.append(event("[DONE]"));
        break;
    case Turn::Ending::ErrorChunk:
        events.append(event(compact({ { u"error"_s,
            QJsonObject { { u"message"_s, turn.errorMessage }, { u"type"_s, turn.errorType },
                { u"param"_s, QJsonValue::Null }, { u"code"_s, QJsonValue::Null } } } })));
        break;
    case Turn::Ending::Stall:
        if (turn.pieces.isEmpty() && turn.toolCalls.isEmpty()) {
            events.clear();
            response.silent = true;
        }
        response.stallAfterChunks = true;
        break;
    case Turn::Ending::Reset:
        response.resetAfterChunks = true;
        break;
    case Turn::Ending::Malformed:
        events.append(event("{\"id\":\"" + id.toUtf8() + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{"));
        break;
    case Turn::Ending::Truncated:
        break; // the body just ends (a clean close) before the finish chunk
    }
    if (turn.pingComments) {
        QList<QByteArray> withPings;
        for (const QByteArray &e : std::as_const(events)) {
            withPings.append(": ping" + eol + eol);
            withPings.append(e);
        }
        events = withPings;
    }
    if (turn.splitEvents) {
        QList<QByteArray> split;
        for (const QByteArray &e : std::as_const(events)) {
            split.append(e.left(e.size() / 2));
            split.append(e.mid(e.size() / 2));
        }
        events = split;
    }
    response.chunks = events;
    response.chunkDelayMs = turn.chunkDelayMs >= 0 ? turn.chunkDelayMs : m_chunkDelayMs;
    addCommonHeaders(response);
    return response;
}

} // namespace Fakes
