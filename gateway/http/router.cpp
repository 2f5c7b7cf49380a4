// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "http/router.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Http
{

void Router::add(const QByteArray &method, const QString &path, Handler handler)
{
    m_routes[path].insert(
        method, [handler = std::move(handler)](const Request &request, const std::shared_ptr<Responder> &responder) {
            responder->send(handler(request));
        });
}

void Router::addAsync(const QByteArray &method, const QString &path, AsyncHandler handler)
{
    m_routes[path].insert(method, std::move(handler));
}

namespace
{
/// Collects a synchronous answer for route().
class CollectingResponder final : public Responder
{
public:
    void send(const Response &response) override
    {
        result = response;
        done = true;
    }
    void beginStream(int, const QByteArray &, const QList<QPair<QByteArray, QByteArray>> &) override { }
    void write(const QByteArray &) override { }
    void end() override { }
    bool isOpen() const override { return !done; }
    void setOnClosed(std::function<void()>) override { }
    Response result = Response::error(500, u"this endpoint answers asynchronously"_s);
    bool done = false;
};
} // namespace

Response Router::route(const Request &request) const
{
    auto collector = std::make_shared<CollectingResponder>();
    dispatch(request, collector);
    return collector->result;
}

void Router::dispatch(const Request &request, const std::shared_ptr<Responder> &responder) const
{
    const auto path = m_routes.constFind(request.path);
    if (path == m_routes.cend()) {
        responder->send(Response::error(404, u"no such endpoint: "_s + request.path.left(200)));
        return;
    }
    const QByteArray method = request.method == "HEAD" ? QByteArray("GET") : request.method;
    const auto handler = path->constFind(method);
    if (handler == path->cend()) {
        QList<QByteArray> allowed = path->keys();
        if (allowed.contains("GET"))
            allowed.append("HEAD");
        std::sort(allowed.begin(), allowed.end());
        Response response = Response::error(405, u"method not allowed"_s);
        response.headers.append({ QByteArrayLiteral("Allow"), allowed.join(", ") });
        responder->send(response);
        return;
    }
    (*handler)(request, responder);
}

} // namespace Gateway::Http
