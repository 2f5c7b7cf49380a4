// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include "core/result.h"

namespace Gateway::Protocol
{

/// Top-level error codes of the OpenClaw protocol (openclaw-protocol.md §4).
namespace Code
{
inline constexpr QStringView InvalidRequest = u"INVALID_REQUEST";
inline constexpr QStringView Forbidden = u"FORBIDDEN";
inline constexpr QStringView NotPaired = u"NOT_PAIRED";
inline constexpr QStringView Unavailable = u"UNAVAILABLE";
} // namespace Code

/// @brief An error as it travels in a `res` frame: {code, message, details?, retryable?, retryAfterMs?}.
struct ProtocolError
{
    QString code;
    QString message;
    QJsonObject details;
    bool retryable = false;
    qint64 retryAfterMs = -1;

    QJsonObject toJson() const;
    static ProtocolError invalidRequest(const QString &message, const QString &detailCode = {});
};

/// @brief A parsed `req` frame.
struct Request
{
    QString id;
    QString method;
    QJsonObject params; ///< absent params are {}
};

/// @brief Why a text frame is not a valid request. id is set when the frame carried a usable one,
/// so the error can be answered.
struct FrameError
{
    QString id;
    QString message;
};

/// @brief Parses one text frame into a request (the only frame type a client sends).
Result<Request, FrameError> parseRequest(const QByteArray &frame);

/// Serialized frames (compact JSON, UTF-8).
QByteArray responseFrame(const QString &id, const QJsonValue &payload);
QByteArray errorFrame(const QString &id, const ProtocolError &error, const QJsonValue &payload = QJsonValue::Undefined);
/// seq < 0 leaves the seq field out (connect.challenge carries none).
QByteArray eventFrame(const QString &event, const QJsonValue &payload, qint64 seq);

/// Milliseconds since the Unix epoch.
qint64 nowMs();

} // namespace Gateway::Protocol
