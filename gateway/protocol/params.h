// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace Gateway::Protocol
{

class Reply;

/// @brief Strict reading of a request's params: a wrong type, an over-long value or (when the
/// method names its keys) an unknown key is an error, never ignored. The first problem wins and
/// is answered as "invalid <method> params: <problem>" (INVALID_REQUEST).
///
/// Absent and null are the same: an optional value that is absent reads as std::nullopt.
class Params
{
public:
    Params(const QJsonObject &params, QString method);
    /// The same, and every key outside allowed is an error.
    Params(const QJsonObject &params, QString method, const QStringList &allowed);

    /// A string of at most maxLength UTF-16 units. A required one must be present and not blank.
    std::optional<QString> string(const QString &key, qint64 maxLength, bool required = false);
    /// An integer in [minimum, maximum] (a JSON number without fraction).
    std::optional<qint64> integer(const QString &key, qint64 minimum, qint64 maximum, bool required = false);
    std::optional<bool> boolean(const QString &key);
    std::optional<QJsonObject> object(const QString &key);
    /// An array of at most maxItems strings of at most maxLength each (absent: empty).
    QStringList strings(const QString &key, int maxItems, int maxLength);

    bool has(const QString &key) const { return m_params.contains(key); }
    QJsonValue value(const QString &key) const { return m_params.value(key); }
    /// Records a problem found by the caller's own checks (the first one wins).
    void fail(const QString &problem);
    bool failed() const { return !m_problem.isEmpty(); }
    /// Answers the error and returns true when a parameter was bad.
    bool rejected(const Reply &reply) const;

private:
    QJsonObject m_params;
    QString m_method;
    QString m_problem;
};

} // namespace Gateway::Protocol
