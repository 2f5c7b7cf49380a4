// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QByteArray>
#include <QList>
#include <QPair>

#include "http/httprequest.h"

namespace Gateway::Http
{

/// @brief Answers one HTTP request, now or later, whole or as a stream. Held by shared pointer;
/// every call is a no-op once the client has gone.
class Responder
{
public:
    virtual ~Responder() = default;
    /// A complete response.
    virtual void send(const Response &response) = 0;
    /// Starts a streamed response (chunked on HTTP/1.1, close-delimited on 1.0).
    virtual void beginStream(
        int status, const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &headers = {})
        = 0;
    /// One piece of a streamed body.
    virtual void write(const QByteArray &data) = 0;
    /// Ends a streamed body.
    virtual void end() = 0;
    /// False once the response is complete or the client disconnected.
    virtual bool isOpen() const = 0;
    /// Called once if the client goes away before the response is complete.
    virtual void setOnClosed(std::function<void()> callback) = 0;
};

} // namespace Gateway::Http
