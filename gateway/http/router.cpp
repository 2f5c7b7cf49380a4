// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "http/router.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Http {

void Router::add(const QByteArray &method, const QString &path, Handler handler)
{
    m_routes[path].insert(method, std::move(handler));
}

Response Router::route(const Request &request) const
{
    const auto path = m_routes.constFind(request.path);
    if (path == m_routes.cend())
        return Response::error(404, u"no such endpoint: "_s + request.path.left(200));
    const QByteArray method = request.method == "HEAD" ? QByteArray("GET") : request.method;
    const auto handler = path->constFind(method);
    if (handler == path->cend()) {
        QList<QByteArray> allowed = path->keys();
        if (allowed.contains("GET"))
            allowed.append("HEAD");
        std::sort(allowed.begin(), allowed.end());
        Response response = Response::error(405, u"method not allowed"_s);
        response.headers.append({"Allow", allowed.join(", ")});
        return response;
    }
    return (*handler)(request);
}

} // namespace Gateway::Http
