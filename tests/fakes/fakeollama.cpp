// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "fakeollama.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Fakes
{

namespace
{

// "keep forever": now + max int64 nanoseconds, about 292 years (reference, /api/ps).
constexpr qint64 FOREVER_MS = Q_INT64_C(9223372036854);
constexpr qint64 DEFAULT_KEEP_ALIVE_MS = 5 * 60 * 1000;

QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

ScriptedResponse errorResponse(int status, const QString &message)
{
    return ScriptedResponse::json(status, QJsonObject { { u"error"_s, message } });
}

/// Go's time.ParseDuration, in milliseconds; nullopt when malformed.
std::optional<qint64> parseGoDuration(const QString &text)
{
    if (text == u"0"_s)
        return 0;
    static const QRegularExpression whole(u"^[-+]?(\\d+(\\.\\d*)?(ns|us|µs|ms|s|m|h))+$"_s);
    if (!whole.match(text).hasMatch())
        return std::nullopt;
    static const QRegularExpression part(u"(\\d+(?:\\.\\d*)?)(ns|us|µs|ms|s|m|h)"_s);
    double ms = 0;
    auto it = part.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const double v = m.captured(1).toDouble();
        const QString unit = m.captured(2);
        if (unit == u"h"_s)
            ms += v * 3600000;
        else if (unit == u"m"_s)
            ms += v * 60000;
        else if (unit == u"s"_s)
            ms += v * 1000;
        else if (unit == u"ms"_s)
            ms += v;
        else if (unit == u"ns"_s)
            ms += v / 1e6;
        else
            ms += v / 1e3;
    }
    return text.startsWith(u'-') ? -qint64(ms) : qint64(ms);
}

QString digestOf(const QString &name)
{
    return QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex());
}

qint64 sizeOf(const QString &name)
{
    return 1000000000 + qint64(qHash(name, 7) % 4000000000u);
}

} // namespace

FakeOllama::Turn FakeOllama::Turn::text(const QStringList &pieces)
{
    Turn t;
    t.pieces = pieces;
    return t;
}

FakeOllama::Turn FakeOllama::Turn::toolCall(
    const QString &name, const QJsonObject &arguments, const QStringList &textBefore)
{
    Turn t;
    t.pieces = textBefore;
    t.toolCalls = { { name, arguments } };
    return t;
}

FakeOllama::Turn FakeOllama::Turn::errorLine(const QString &message, const QStringList &piecesBefore)
{
    Turn t;
    t.pieces = piecesBefore;
    t.error = message;
    t.ending = Ending::ErrorLine;
    return t;
}

FakeOllama::Turn FakeOllama::Turn::httpError(int status, const QString &message)
{
    Turn t;
    t.httpStatus = status;
    t.error = message;
    return t;
}

FakeOllama::Turn FakeOllama::Turn::busy()
{
    return httpError(503, u"server busy, please try again.  maximum pending requests exceeded"_s);
}

FakeOllama::Turn FakeOllama::Turn::stall(const QStringList &piecesBefore)
{
    Turn t;
    t.pieces = piecesBefore;
    t.ending = Ending::Stall;
    return t;
}

FakeOllama::Turn FakeOllama::Turn::reset(const QStringList &piecesBefore)
{
    Turn t;
    t.pieces = piecesBefore;
    t.ending = Ending::Reset;
    return t;
}

FakeOllama::Turn FakeOllama::Turn::malformedLine(const QStringList &piecesBefore)
{
    Turn t;
    t.pieces = piecesBefore;
    t.ending = Ending::Malformed;
    return t;
}

FakeOllama::Turn FakeOllama::Turn::truncated(const QStringList &piecesBefore)
{
    Turn t;
    t.pieces = piecesBefore;
    t.ending = Ending::Truncated;
    return t;
}

FakeOllama::FakeOllama(QObject *parent) : QObject(parent), m_server(new FakeHttpServer(this))
{
    setModels({ u"llama3.2:latest"_s, u"qwen3:0.6b"_s });
    m_server->setHandler(u"/api/chat"_s, [this](const RecordedRequest &r) { return chat(r); });
    m_server->setHandler(u"/api/tags"_s, [this](const RecordedRequest &r) { return tags(r); });
    m_server->setHandler(u"/api/show"_s, [this](const RecordedRequest &r) { return show(r); });
    m_server->setHandler(u"/api/ps"_s, [this](const RecordedRequest &r) { return ps(r); });
    m_server->setHandler(u"/api/pull"_s, [this](const RecordedRequest &r) { return pull(r); });
    m_server->setHandler(u"/api/delete"_s, [this](const RecordedRequest &r) { return remove(r); });
    m_server->setHandler(u"/api/version"_s, [this](const RecordedRequest &r) {
        if (r.method != "GET" && r.method != "HEAD")
            return errorResponse(404, u"404 page not found"_s);
        return ScriptedResponse::json(200, QJsonObject { { u"version"_s, m_version } });
    });
    m_server->setHandler(u"/"_s, [](const RecordedRequest &r) {
        ScriptedResponse response;
        response.status = (r.method == "GET" || r.method == "HEAD") ? 200 : 404;
        response.headers = { { "Content-Type", "text/plain; charset=utf-8" } };
        response.chunks
            = { response.status == 200 ? QByteArray("Ollama is running") : QByteArray("404 page not found") };
        return response;
    });
}

FakeOllama::~FakeOllama() = default;

bool FakeOllama::listen(quint16 port)
{
    return m_server->listen(port);
}

void FakeOllama::enqueue(const Turn &turn)
{
    m_turns.enqueue(turn);
}

QString FakeOllama::normalizedModel(const QString &name)
{
    const qsizetype slash = name.lastIndexOf(u'/');
    return name.indexOf(u':', slash + 1) < 0 ? name + u":latest"_s : name;
}

void FakeOllama::setModels(const QStringList &models)
{
    m_models.clear();
    for (const QString &name : models)
        m_models.append(Model { normalizedModel(name), { u"completion"_s, u"tools"_s }, 8192, 0 });
}

QStringList FakeOllama::models() const
{
    QStringList names;
    for (const Model &m : m_models)
        names.append(m.name);
    return names;
}

void FakeOllama::setCapabilities(const QString &model, const QStringList &capabilities)
{
    const int i = findModel(model);
    if (i >= 0)
        m_models[i].capabilities = capabilities;
}

void FakeOllama::setContextLength(const QString &model, int tokens)
{
    const int i = findModel(model);
    if (i >= 0)
        m_models[i].contextLength = tokens;
}

int FakeOllama::findModel(const QString &name) const
{
    const QString wanted = normalizedModel(name);
    for (int i = 0; i < m_models.size(); ++i) {
        if (m_models.at(i).name == wanted)
            return i;
    }
    return -1;
}

qint64 FakeOllama::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

QString FakeOllama::createdAt() const
{
    return QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject FakeOllama::modelJson(const Model &model) const
{
    const QString family
        = model.name.section(u':', 0, 0).section(u'/', -1).startsWith(u"qwen"_s) ? u"qwen3"_s : u"llama"_s;
    const QJsonObject details { { u"parent_model"_s, u""_s }, { u"format"_s, u"gguf"_s }, { u"family"_s, family },
        { u"families"_s, QJsonArray { family } }, { u"parameter_size"_s, u"3.2B"_s },
        { u"quantization_level"_s, u"Q4_K_M"_s } };
    return QJsonObject { { u"name"_s, model.name }, { u"model"_s, model.name }, { u"size"_s, sizeOf(model.name) },
        { u"digest"_s, digestOf(model.name) }, { u"details"_s, details } };
}

ScriptedResponse FakeOllama::finish(ScriptedResponse response, int chunkDelayMs) const
{
    response.chunkDelayMs = chunkDelayMs >= 0 ? chunkDelayMs : m_chunkDelayMs;
    response.chunkedTransfer = m_chunked;
    return response;
}

ScriptedResponse FakeOllama::tags(const RecordedRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD")
        return errorResponse(404, u"404 page not found"_s);
    QJsonArray list;
    for (const Model &m : m_models) {
        QJsonObject o = modelJson(m);
        o.insert(u"modified_at"_s, u"2025-05-04T17:37:44.706015396-07:00"_s);
        list.append(o);
    }
    return ScriptedResponse::json(200, QJsonObject { { u"models"_s, list } });
}

ScriptedResponse FakeOllama::show(const RecordedRequest &request)
{
    if (request.method != "POST")
        return errorResponse(404, u"404 page not found"_s);
    if (request.body.isEmpty())
        return errorResponse(400, u"missing request body"_s);
    const QJsonObject body = request.json();
    const QString name = body.value(u"model"_s).toString(body.value(u"name"_s).toString());
    if (name.isEmpty())
        return errorResponse(400, u"model is required"_s);
    const int i = findModel(name);
    if (i < 0)
        return errorResponse(404, u"model '%1' not found"_s.arg(name));
    const Model &m = m_models.at(i);
    const QJsonObject base = modelJson(m);
    const QString arch = base.value(u"details"_s).toObject().value(u"family"_s).toString();
    QJsonObject info { { u"general.architecture"_s, arch }, { u"general.parameter_count"_s, qint64(3212749888) },
        { u"%1.context_length"_s.arg(arch), m.contextLength } };
    return ScriptedResponse::json(200,
        QJsonObject { { u"modelfile"_s, u"FROM %1\n"_s.arg(m.name) },
            { u"parameters"_s, u"stop                           \"<|eot_id|>\""_s },
            { u"template"_s, u"{{ .Prompt }}"_s }, { u"details"_s, base.value(u"details"_s) },
            { u"model_info"_s, info }, { u"capabilities"_s, QJsonArray::fromStringList(m.capabilities) },
            { u"modified_at"_s, u"2025-05-04T17:37:44.706015396-07:00"_s } });
}

ScriptedResponse FakeOllama::ps(const RecordedRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD")
        return errorResponse(404, u"404 page not found"_s);
    QJsonArray list;
    const qint64 t = now();
    for (const Model &m : m_models) {
        if (m.expiresAtMs <= t)
            continue;
        QJsonObject o = modelJson(m);
        o.insert(u"expires_at"_s, QDateTime::fromMSecsSinceEpoch(m.expiresAtMs, Qt::UTC).toString(Qt::ISODateWithMs));
        o.insert(u"size_vram"_s, o.value(u"size"_s));
        o.insert(u"context_length"_s, m.contextLength);
        list.append(o);
    }
    return ScriptedResponse::json(200, QJsonObject { { u"models"_s, list } });
}

ScriptedResponse FakeOllama::pull(const RecordedRequest &request)
{
    if (request.method != "POST")
        return errorResponse(404, u"404 page not found"_s);
    if (request.body.isEmpty())
        return errorResponse(400, u"missing request body"_s);
    const QJsonObject body = request.json();
    const QString name = body.value(u"model"_s).toString(body.value(u"name"_s).toString());
    if (name.isEmpty())
        return errorResponse(400, u"model is required"_s);
    if (findModel(name) < 0)
        m_models.append(Model { normalizedModel(name), { u"completion"_s, u"tools"_s }, 8192, 0 });
    if (!body.value(u"stream"_s).toBool(true))
        return ScriptedResponse::json(200, QJsonObject { { u"status"_s, u"success"_s } });

    const QString digest = u"sha256:"_s + digestOf(normalizedModel(name));
    const qint64 total = sizeOf(normalizedModel(name));
    QList<QByteArray> lines { line(QJsonObject { { u"status"_s, u"pulling manifest"_s } }) };
    for (int step = 0; step <= 4; ++step) {
        lines.append(line(QJsonObject { { u"status"_s, QString(u"pulling "_s + digest.mid(7, 12)) },
            { u"digest"_s, digest }, { u"total"_s, total }, { u"completed"_s, total * step / 4 } }));
    }
    lines.append(line(QJsonObject { { u"status"_s, u"verifying sha256 digest"_s } }));
    lines.append(line(QJsonObject { { u"status"_s, u"writing manifest"_s } }));
    lines.append(line(QJsonObject { { u"status"_s, u"success"_s } }));
    return finish(ScriptedResponse::stream("application/x-ndjson", lines), -1);
}

ScriptedResponse FakeOllama::remove(const RecordedRequest &request)
{
    if (request.method != "DELETE")
        return errorResponse(404, u"404 page not found"_s);
    if (request.body.isEmpty())
        return errorResponse(400, u"missing request body"_s);
    const QJsonObject body = request.json();
    const QString name = body.value(u"model"_s).toString(body.value(u"name"_s).toString());
    if (name.isEmpty())
        return errorResponse(400, u"model is required"_s);
    const int i = findModel(name);
    if (i < 0)
        return errorResponse(404, u"model '%1' not found"_s.arg(name));
    m_models.removeAt(i);
    ScriptedResponse ok;
    ok.status = 200;
    return ok;
}

ScriptedResponse FakeOllama::chat(const RecordedRequest &request)
{
    if (request.method != "POST")
        return errorResponse(404, u"404 page not found"_s);
    if (request.body.isEmpty())
        return errorResponse(400, u"missing request body"_s);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return errorResponse(400, u"invalid character looking for beginning of value"_s);
    const QJsonObject body = doc.object();
    const QString modelName = body.value(u"model"_s).toString();
    if (modelName.isEmpty())
        return errorResponse(400, u"model is required"_s);

    // keep_alive: Go duration string or a number of seconds; any other type is a 400.
    std::optional<qint64> keepAliveMs;
    const QJsonValue keepAlive = body.value(u"keep_alive"_s);
    if (keepAlive.isString()) {
        keepAliveMs = parseGoDuration(keepAlive.toString());
        if (!keepAliveMs)
            return errorResponse(400, u"time: invalid duration \"%1\""_s.arg(keepAlive.toString()));
    } else if (keepAlive.isDouble()) {
        keepAliveMs = qint64(keepAlive.toDouble() * 1000);
    } else if (!keepAlive.isUndefined() && !keepAlive.isNull()) {
        const QString type = keepAlive.isBool() ? u"bool"_s
            : keepAlive.isArray()               ? u"[]interface {}"_s
                                                : u"map[string]interface {}"_s;
        return errorResponse(400, u"Unsupported type: '%1'"_s.arg(type));
    }
    const QJsonValue topLogprobs = body.value(u"top_logprobs"_s);
    if (topLogprobs.isDouble() && (topLogprobs.toInt() < 0 || topLogprobs.toInt() > 20))
        return errorResponse(400, u"top_logprobs must be between 0 and 20"_s);

    const int modelIndex = findModel(modelName);
    if (modelIndex < 0)
        return errorResponse(404, u"model '%1' not found"_s.arg(modelName));
    Model &model = m_models[modelIndex];
    const QJsonValue think = body.value(u"think"_s);
    const bool wantsThinking = think.isString() || (think.isBool() && think.toBool());
    if (wantsThinking && !model.capabilities.contains(u"thinking"_s))
        return errorResponse(400, u"\"%1\" does not support thinking"_s.arg(modelName));

    // Loading state for /api/ps: negative keeps forever, 0 unloads, omitted is the 5m default.
    const qint64 t = now();
    const qint64 ka = keepAliveMs.value_or(DEFAULT_KEEP_ALIVE_MS);
    model.expiresAtMs = ka < 0 ? t + FOREVER_MS : (ka == 0 ? 0 : t + ka);

    const QJsonArray messages = body.value(u"messages"_s).toArray();
    if (messages.isEmpty()) {
        return ScriptedResponse::json(200,
            QJsonObject { { u"model"_s, modelName }, { u"created_at"_s, createdAt() },
                { u"message"_s, QJsonObject { { u"role"_s, u"assistant"_s }, { u"content"_s, u""_s } } },
                { u"done_reason"_s, ka == 0 ? u"unload"_s : u"load"_s }, { u"done"_s, true } });
    }

    Turn turn;
    if (!m_turns.isEmpty()) {
        turn = m_turns.dequeue();
    } else if (m_defaultReply) {
        turn.pieces = m_defaultReply(body);
    } else {
        QString last;
        for (const QJsonValue &m : messages) {
            if (m.toObject().value(u"role"_s).toString() == u"user"_s)
                last = m.toObject().value(u"content"_s).toString();
        }
        const QStringList words = QString(u"Echo: "_s + last).split(u' ', Qt::SkipEmptyParts);
        for (qsizetype i = 0; i < words.size(); ++i)
            turn.pieces.append(i + 1 < words.size() ? words.at(i) + u' ' : words.at(i));
    }
    if (turn.httpStatus != 200)
        return errorResponse(turn.httpStatus, turn.error);

    // options.num_predict: one streamed piece counts as one token here.
    QString doneReason = turn.doneReason;
    const int numPredict = body.value(u"options"_s).toObject().value(u"num_predict"_s).toInt(-1);
    if (numPredict >= 0 && turn.pieces.size() > numPredict) {
        turn.pieces = turn.pieces.mid(0, numPredict);
        turn.toolCalls.clear();
        doneReason = u"length"_s;
    }

    const qint64 promptEval = turn.promptEvalCount.value_or(
        qMax<qint64>(1, (QJsonDocument(messages).toJson(QJsonDocument::Compact).size() + 3) / 4));
    const qint64 eval
        = turn.evalCount.value_or(turn.thinking.size() + turn.pieces.size() + (turn.toolCalls.isEmpty() ? 0 : 1));
    QJsonArray toolCalls;
    for (qsizetype i = 0; i < turn.toolCalls.size(); ++i) {
        toolCalls.append(QJsonObject {
            { u"id"_s, u"call_%1"_s.arg(digestOf(turn.toolCalls.at(i).name + QString::number(i)).left(8)) },
            { u"function"_s,
                QJsonObject { { u"index"_s, int(i) }, { u"name"_s, turn.toolCalls.at(i).name },
                    { u"arguments"_s, turn.toolCalls.at(i).arguments } } } });
    }
    auto withMetrics = [&](QJsonObject o) {
        // Go omitempty: zero counts and durations are left out.
        const qint64 load = 1000000;
        const qint64 promptDuration = promptEval * 100000;
        const qint64 evalDuration = eval * 2000000;
        o.insert(u"done"_s, true);
        o.insert(u"done_reason"_s, doneReason);
        o.insert(u"total_duration"_s, load + promptDuration + evalDuration + 500000);
        o.insert(u"load_duration"_s, load);
        if (promptEval > 0) {
            o.insert(u"prompt_eval_count"_s, promptEval);
            o.insert(u"prompt_eval_duration"_s, promptDuration);
        }
        if (eval > 0) {
            o.insert(u"eval_count"_s, eval);
            o.insert(u"eval_duration"_s, evalDuration);
        }
        return o;
    };

    const bool stream = body.value(u"stream"_s).toBool(true);
    if (!stream) {
        switch (turn.ending) {
        case Turn::Ending::ErrorLine:
            return errorResponse(500, turn.error);
        case Turn::Ending::Stall: {
            ScriptedResponse silent;
            silent.silent = true;
            return silent;
        }
        case Turn::Ending::Reset: {
            ScriptedResponse silent;
            silent.silent = true;
            silent.resetAfterChunks = true;
            return silent;
        }
        case Turn::Ending::Truncated:
        case Turn::Ending::Malformed: {
            ScriptedResponse broken = ScriptedResponse::json(200, {});
            broken.chunks = { "{\"model\":\"" + modelName.toUtf8() + "\",\"message\":{\"role\":" };
            return broken;
        }
        case Turn::Ending::Done:
            break;
        }
        QJsonObject message { { u"role"_s, u"assistant"_s }, { u"content"_s, turn.pieces.join(QString()) } };
        if (!turn.thinking.isEmpty())
            message.insert(u"thinking"_s, turn.thinking.join(QString()));
        if (!toolCalls.isEmpty())
            message.insert(u"tool_calls"_s, toolCalls);
        return ScriptedResponse::json(200,
            withMetrics({ { u"model"_s, modelName }, { u"created_at"_s, createdAt() }, { u"message"_s, message } }));
    }

    auto chunk = [&](const QJsonObject &message) {
        return line({ { u"model"_s, modelName }, { u"created_at"_s, createdAt() }, { u"message"_s, message },
            { u"done"_s, false } });
    };
    QList<QByteArray> lines;
    for (const QString &piece : std::as_const(turn.thinking))
        lines.append(chunk({ { u"role"_s, u"assistant"_s }, { u"content"_s, u""_s }, { u"thinking"_s, piece } }));
    for (const QString &piece : std::as_const(turn.pieces))
        lines.append(chunk({ { u"role"_s, u"assistant"_s }, { u"content"_s, piece } }));
    if (!toolCalls.isEmpty())
        lines.append(chunk({ { u"role"_s, u"assistant"_s }, { u"content"_s, u""_s }, { u"tool_calls"_s, toolCalls } }));

    ScriptedResponse response = ScriptedResponse::stream("application/x-ndjson", {});
    switch (turn.ending) {
    case Turn::Ending::Done:
        lines.append(line(withMetrics({ { u"model"_s, modelName }, { u"created_at"_s, createdAt() },
            { u"message"_s, QJsonObject { { u"role"_s, u"assistant"_s }, { u"content"_s, u""_s } } } })));
        break;
    case Turn::Ending::ErrorLine:
        lines.append(line(QJsonObject { { u"error"_s, turn.error } }));
        break;
    case Turn::Ending::Stall:
        if (lines.isEmpty())
            response.silent = true;
        response.stallAfterChunks = true;
        break;
    case Turn::Ending::Reset: {
        const QByteArray half = chunk({ { u"role"_s, u"assistant"_s }, { u"content"_s, u"trunc"_s } });
        lines.append(half.left(half.size() / 2));
        response.resetAfterChunks = true;
        break;
    }
    case Turn::Ending::Malformed:
        lines.append(
            "{\"model\":\"" + modelName.toUtf8() + "\",\"message\":{\"role\":\"assistant\",\"content\":oops}\n");
        break;
    case Turn::Ending::Truncated:
        break; // the body just ends (a clean close) where the done line should come
    }
    if (turn.splitLines) {
        QList<QByteArray> split;
        for (const QByteArray &l : std::as_const(lines)) {
            split.append(l.left(l.size() / 2));
            split.append(l.mid(l.size() / 2));
        }
        lines = split;
    }
    response.chunks = lines;
    return finish(response, turn.chunkDelayMs);
}

} // namespace Fakes
