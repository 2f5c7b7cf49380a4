// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/providererror.h"

#include <cmath>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Providers
{
namespace
{

constexpr qsizetype MAX_MESSAGE_CHARS = 500;

QString scrub(QString message, const QString &secret)
{
    if (secret.size() >= 6)
        message.replace(secret, u"***"_s);
    if (message.size() > MAX_MESSAGE_CHARS)
        message = message.left(MAX_MESSAGE_CHARS) + u'…';
    return message;
}

QString stringOrNumber(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return {};
}

struct ErrorBody
{
    QString type;
    QString code;
    QString message;
};

// Anthropic {"type":"error","error":{"type","message"}}, OpenAI {"error":{"message","type","code"}},
// Ollama {"error":"..."}, and the odd {"detail": ...} / {"message": ...} of compatible servers.
ErrorBody parseErrorValue(const QJsonValue &error)
{
    ErrorBody result;
    if (error.isObject()) {
        const QJsonObject object = error.toObject();
        result.type = object.value("type"_L1).toString();
        result.code = stringOrNumber(object.value("code"_L1));
        result.message = object.value("message"_L1).toString();
    } else if (error.isString()) {
        result.message = error.toString();
    }
    return result;
}

ErrorBody parseErrorBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return {};
    const QJsonObject object = document.object();
    if (object.contains("error"_L1))
        return parseErrorValue(object.value("error"_L1));
    ErrorBody result;
    if (object.value("detail"_L1).isString())
        result.message = object.value("detail"_L1).toString();
    else if (object.value("message"_L1).isString())
        result.message = object.value("message"_L1).toString();
    return result;
}

bool isQuota(const ErrorBody &body)
{
    return body.code == u"insufficient_quota" || body.type == u"insufficient_quota" || body.type == u"billing_error"
        || body.code == u"billing_hard_limit_reached";
}

} // namespace

bool ProviderError::isRetryable() const
{
    if (afterOutput)
        return false;
    switch (kind) {
    case Kind::Connect:
    case Kind::Timeout:
    case Kind::RateLimited:
    case Kind::Overloaded:
    case Kind::Server:
    case Kind::Upstream:
        return true;
    case Kind::Auth:
    case Kind::BadRequest:
    case Kind::Quota:
    case Kind::Malformed:
    case Kind::Aborted:
        return false;
    }
    return false;
}

QString ProviderError::kindName() const
{
    switch (kind) {
    case Kind::Connect:
        return u"connect"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::RateLimited:
        return u"rate_limit"_s;
    case Kind::Overloaded:
        return u"overloaded"_s;
    case Kind::Server:
        return u"server"_s;
    case Kind::Auth:
        return u"auth"_s;
    case Kind::BadRequest:
        return u"bad_request"_s;
    case Kind::Quota:
        return u"quota"_s;
    case Kind::Malformed:
        return u"malformed"_s;
    case Kind::Upstream:
        return u"upstream"_s;
    case Kind::Aborted:
        return u"aborted"_s;
    }
    return u"unknown"_s;
}

ProviderError errorFromHttp(int status, const QByteArray &body, qint64 retryAfter, const QString &secret)
{
    using Kind = ProviderError::Kind;
    const ErrorBody parsed = parseErrorBody(body);
    ProviderError error;
    error.httpStatus = status;
    error.retryAfterMs = retryAfter;
    error.errorType = parsed.code.isEmpty() ? parsed.type : parsed.code;

    // error.type/code first: some overload cases arrive as 429 + overloaded_error, and OpenAI's
    // insufficient_quota is a 429 that must never be retried.
    if (isQuota(parsed) || status == 402)
        error.kind = Kind::Quota;
    else if (parsed.type == u"overloaded_error" || status == 529 || status == 503)
        error.kind = Kind::Overloaded;
    else if (status == 429 || parsed.type == u"rate_limit_error")
        error.kind = Kind::RateLimited;
    else if (status == 401 || status == 403 || parsed.type == u"authentication_error"
        || parsed.type == u"permission_error")
        error.kind = Kind::Auth;
    else if (status == 408 || status == 504)
        error.kind = Kind::Timeout;
    else if (status == 409 || status >= 500)
        error.kind = Kind::Server;
    else
        error.kind = Kind::BadRequest; // 400/404/413/422 and unexpected redirects

    QString message = parsed.message;
    if (message.isEmpty())
        message
            = status >= 300 && status < 400 ? u"unexpected redirect (HTTP %1)"_s.arg(status) : u"HTTP %1"_s.arg(status);
    error.message = scrub(message, secret);
    return error;
}

ProviderError makeError(ProviderError::Kind kind, int httpStatus, const QString &message)
{
    ProviderError error;
    error.kind = kind;
    error.httpStatus = httpStatus;
    error.message = message;
    return error;
}

ProviderError errorFromNetwork(QNetworkReply::NetworkError networkError, const QString &detail)
{
    using Kind = ProviderError::Kind;
    ProviderError error;
    error.message = detail;
    switch (networkError) {
    case QNetworkReply::OperationCanceledError:
        error.kind = Kind::Aborted;
        break;
    case QNetworkReply::TimeoutError:
        error.kind = Kind::Timeout;
        break;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        error.kind = Kind::Malformed;
        break;
    default:
        error.kind = Kind::Connect;
        break;
    }
    return error;
}

qint64 retryAfterMs(const QNetworkReply &reply)
{
    bool ok = false;
    const QByteArray ms = reply.rawHeader("retry-after-ms").trimmed();
    if (!ms.isEmpty()) {
        const double value = ms.toDouble(&ok);
        if (ok && std::isfinite(value) && value >= 0)
            return qint64(value);
    }
    const QByteArray after = reply.rawHeader("retry-after").trimmed();
    if (after.isEmpty())
        return -1;
    const double seconds = after.toDouble(&ok);
    if (ok && std::isfinite(seconds) && seconds >= 0 && seconds < 1e9)
        return qint64(seconds * 1000.0);
    const QDateTime date = QDateTime::fromString(QString::fromLatin1(after), Qt::RFC2822Date);
    if (date.isValid())
        return qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(date));
    return -1;
}

ProviderError errorFromStream(const QJsonValue &value, const QString &secret)
{
    const ErrorBody parsed = parseErrorValue(value);
    ProviderError error;
    error.kind = ProviderError::Kind::Upstream;
    error.httpStatus = 200;
    error.errorType = parsed.type.isEmpty() ? parsed.code : parsed.type;
    error.message = scrub(parsed.message.isEmpty() ? u"error in stream"_s : parsed.message, secret);
    return error;
}

Error toError(const ProviderError &error)
{
    return Error { error.kindName(), error.message };
}

} // namespace Gateway::Providers
