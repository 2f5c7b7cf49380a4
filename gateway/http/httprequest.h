// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include "core/result.h"

namespace Gateway::Http
{

/// @brief A parsed HTTP/1.x request head (and, once read, its body).
struct Request
{
    QByteArray method;
    QByteArray target; ///< as sent, e.g. "/health?x=1"
    QString path; ///< percent-decoded path without the query
    QByteArray query;
    int versionMinor = 1; ///< HTTP/1.<minor>
    QList<QPair<QByteArray, QByteArray>> headers; ///< names lower-cased, values trimmed
    QByteArray body;
    QString peer; ///< remote address

    QByteArray header(const QByteArray &lowerName) const;
    bool hasHeader(const QByteArray &lowerName) const;
    /// "Upgrade: websocket" with "Connection: upgrade" on a GET.
    bool isWebSocketUpgrade() const;
    bool wantsKeepAlive() const;
    qint64 contentLength() const; ///< -1 when absent
};

/// @brief A response to write; Content-Length, Connection and the security headers are added by
/// the server.
struct Response
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static Response json(int status, const QByteArray &body);
    static Response error(int status, const QString &message);
};

/// @brief Why a head was rejected: the status to answer with and a short reason.
struct ParseError
{
    int status = 400;
    QString message;
};

/// Parses "METHOD TARGET HTTP/1.x\r\nName: value\r\n...\r\n\r\n" (the terminator included).
Result<Request, ParseError> parseRequestHead(const QByteArray &head);

/// The reason phrase for a status code.
QByteArray reasonPhrase(int status);

/// Serializes a response with the standard headers.
QByteArray serializeResponse(const Response &response, bool keepAlive, bool headOnly);

} // namespace Gateway::Http
