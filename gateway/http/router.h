// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QHash>
#include <QString>

#include "http/httprequest.h"

namespace Gateway::Http {

/// @brief Request handling between the transport (Server) and the endpoints: exact-path routes
/// with per-method handlers; 404 for unknown paths, 405 with Allow for known paths.
class Router final
{
public:
    using Handler = std::function<Response(const Request &request)>;

    /// Registers method (e.g. "GET") on path. GET routes also answer HEAD.
    void add(const QByteArray &method, const QString &path, Handler handler);
    Response route(const Request &request) const;

private:
    QHash<QString, QHash<QByteArray, Handler>> m_routes;
};

} // namespace Gateway::Http
