// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "protocol/params.h"

#include <QJsonArray>

#include "protocol/dispatcher.h"

using namespace Qt::StringLiterals;

namespace Gateway::Protocol
{

Params::Params(const QJsonObject &params, QString method) : m_params(params), m_method(std::move(method)) { }

Params::Params(const QJsonObject &params, QString method, const QStringList &allowed)
    : Params(params, std::move(method))
{
    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        if (!allowed.contains(it.key())) {
            fail(u"unknown parameter \"%1\""_s.arg(it.key().left(32)));
            break;
        }
    }
}

std::optional<QString> Params::string(const QString &key, qint64 maxLength, bool required)
{
    const QJsonValue v = m_params.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(u"%1 is required"_s.arg(key));
        return std::nullopt;
    }
    if (!v.isString())
        return fail(u"%1 must be a string"_s.arg(key)), std::nullopt;
    const QString text = v.toString();
    if (text.size() > maxLength)
        return fail(u"%1 is longer than %2 characters"_s.arg(key).arg(maxLength)), std::nullopt;
    if (required && text.trimmed().isEmpty())
        return fail(u"%1 must not be empty"_s.arg(key)), std::nullopt;
    return text;
}

std::optional<qint64> Params::integer(const QString &key, qint64 minimum, qint64 maximum, bool required)
{
    const QJsonValue v = m_params.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            fail(u"%1 is required"_s.arg(key));
        return std::nullopt;
    }
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(qint64(d)) || d < double(minimum) || d > double(maximum))
        return fail(u"%1 must be an integer from %2 to %3"_s.arg(key).arg(minimum).arg(maximum)), std::nullopt;
    return qint64(d);
}

std::optional<bool> Params::boolean(const QString &key)
{
    const QJsonValue v = m_params.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isBool())
        return fail(u"%1 must be true or false"_s.arg(key)), std::nullopt;
    return v.toBool();
}

std::optional<QJsonObject> Params::object(const QString &key)
{
    const QJsonValue v = m_params.value(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isObject())
        return fail(u"%1 must be an object"_s.arg(key)), std::nullopt;
    return v.toObject();
}

QStringList Params::strings(const QString &key, int maxItems, int maxLength)
{
    const QJsonValue v = m_params.value(key);
    QStringList list;
    if (v.isUndefined() || v.isNull())
        return list;
    if (!v.isArray() || v.toArray().size() > maxItems)
        return fail(u"%1 must be an array of at most %2 strings"_s.arg(key).arg(maxItems)), list;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString() || item.toString().size() > maxLength)
            return fail(u"%1 must hold strings of at most %2 characters"_s.arg(key).arg(maxLength)), QStringList();
        list.append(item.toString());
    }
    return list;
}

void Params::fail(const QString &problem)
{
    if (m_problem.isEmpty())
        m_problem = problem;
}

bool Params::rejected(const Reply &reply) const
{
    if (m_problem.isEmpty())
        return false;
    reply.fail(ProtocolError::invalidRequest(u"invalid %1 params: %2"_s.arg(m_method, m_problem)));
    return true;
}

} // namespace Gateway::Protocol
