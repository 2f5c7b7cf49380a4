// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "protocol/frames.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Protocol
{

namespace
{
constexpr qsizetype MAX_ID_LENGTH = 256;
constexpr qsizetype MAX_METHOD_LENGTH = 128;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

QJsonObject ProtocolError::toJson() const
{
    QJsonObject object { { u"code"_s, code }, { u"message"_s, message } };
    if (!details.isEmpty())
        object.insert(u"details"_s, details);
    if (retryable)
        object.insert(u"retryable"_s, true);
    if (retryAfterMs >= 0)
        object.insert(u"retryAfterMs"_s, retryAfterMs);
    return object;
}

ProtocolError ProtocolError::invalidRequest(const QString &message, const QString &detailCode)
{
    ProtocolError error { Code::InvalidRequest.toString(), message, {}, false, -1 };
    if (!detailCode.isEmpty())
        error.details.insert(u"code"_s, detailCode);
    return error;
}

Result<Request, FrameError> parseRequest(const QByteArray &frame)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return FrameError { {},
            u"invalid frame: not JSON (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset) };
    if (!doc.isObject())
        return FrameError { {}, u"invalid frame: expected a JSON object"_s };
    const QJsonObject object = doc.object();

    // Recover the id first so that every later problem can be answered.
    QString id;
    const QJsonValue idValue = object.value(u"id"_s);
    if (idValue.isString() && !idValue.toString().isEmpty() && idValue.toString().size() <= MAX_ID_LENGTH)
        id = idValue.toString();

    const QJsonValue type = object.value(u"type"_s);
    if (!type.isString())
        return FrameError { id, u"invalid frame: missing \"type\""_s };
    if (type.toString() != u"req")
        return FrameError { id,
            u"invalid frame: clients send only \"req\" frames, got \"%1\""_s.arg(type.toString().left(32)) };
    if (idValue.isUndefined())
        return FrameError { {}, u"invalid request: missing \"id\""_s };
    if (id.isEmpty())
        return FrameError { {}, u"invalid request: \"id\" must be a non-empty string of at most 256 characters"_s };
    const QJsonValue method = object.value(u"method"_s);
    if (!method.isString() || method.toString().isEmpty() || method.toString().size() > MAX_METHOD_LENGTH)
        return FrameError { id, u"invalid request: \"method\" must be a non-empty string"_s };
    const QJsonValue params = object.value(u"params"_s);
    if (!params.isUndefined() && !params.isNull() && !params.isObject())
        return FrameError { id, u"invalid request: \"params\" must be an object"_s };
    return Request { id, method.toString(), params.toObject() };
}

QByteArray responseFrame(const QString &id, const QJsonValue &payload)
{
    QJsonObject object { { u"type"_s, u"res"_s }, { u"id"_s, id }, { u"ok"_s, true } };
    if (!payload.isUndefined())
        object.insert(u"payload"_s, payload);
    return compact(object);
}

QByteArray errorFrame(const QString &id, const ProtocolError &error, const QJsonValue &payload)
{
    QJsonObject object { { u"type"_s, u"res"_s }, { u"id"_s, id }, { u"ok"_s, false }, { u"error"_s, error.toJson() } };
    if (!payload.isUndefined())
        object.insert(u"payload"_s, payload);
    return compact(object);
}

QByteArray eventFrame(const QString &event, const QJsonValue &payload, qint64 seq)
{
    QJsonObject object { { u"type"_s, u"event"_s }, { u"event"_s, event } };
    if (!payload.isUndefined())
        object.insert(u"payload"_s, payload);
    if (seq >= 0)
        object.insert(u"seq"_s, seq);
    return compact(object);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace Gateway::Protocol
