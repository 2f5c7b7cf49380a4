// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QHash>
#include <QString>

#include <memory>

#include "http/httprequest.h"
#include "http/responder.h"

namespace Gateway::Http
{

/// @brief Request handling between the transport (Server) and the endpoints: exact-path routes
/// with per-method handlers; 404 for unknown paths, 405 with Allow for known paths.
class Router final
{
public:
    using Handler = std::function<Response(const Request &request)>;
    /// A handler that answers later or streams, through the responder.
    using AsyncHandler = std::function<void(const Request &request, const std::shared_ptr<Responder> &responder)>;

    /// Registers method (e.g. "GET") on path. GET routes also answer HEAD.
    void add(const QByteArray &method, const QString &path, Handler handler);
    void addAsync(const QByteArray &method, const QString &path, AsyncHandler handler);
    /// Answers through the responder (sync handlers at once).
    void dispatch(const Request &request, const std::shared_ptr<Responder> &responder) const;
    /// Sync routes only (404/405 included); async routes answer 500 here.
    Response route(const Request &request) const;

private:
    QHash<QString, QHash<QByteArray, AsyncHandler>> m_routes;
};

} // namespace Gateway::Http
