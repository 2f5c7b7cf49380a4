// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "protocol/dispatcher.h"

#include <QJsonArray>

#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Protocol
{

bool ClientSession::hasScope(const QString &required) const
{
    return Dispatcher::scopeSatisfies(scopes, required);
}

void Reply::ok(const QJsonValue &payload) const
{
    if (m_sink)
        m_sink(responseFrame(m_id, payload));
}

void Reply::fail(const ProtocolError &error) const
{
    if (m_sink)
        m_sink(errorFrame(m_id, error));
}

void Reply::fail(const ProtocolError &error, const QJsonValue &payload) const
{
    if (m_sink)
        m_sink(errorFrame(m_id, error, payload));
}

void Dispatcher::add(const QString &method, const QString &scope, Handler handler)
{
    m_methods.insert(method, Entry { scope, std::move(handler) });
    m_methodsJson = QJsonArray();
}

const QJsonArray &Dispatcher::methodsJson() const
{
    if (m_methodsJson.isEmpty())
        m_methodsJson = QJsonArray::fromStringList(methods());
    return m_methodsJson;
}

QStringList Dispatcher::methods() const
{
    QStringList names = m_methods.keys();
    names.sort();
    return names;
}

void Dispatcher::dispatch(const ClientSession &client, const Request &request, const Reply &reply) const
{
    const auto it = m_methods.constFind(request.method);
    if (it == m_methods.cend()) {
        reply.fail(ProtocolError::invalidRequest(u"unknown method: "_s + request.method.left(128)));
        return;
    }
    // The role policy first (it counts and audits its denials), then the connection's scopes.
    if (m_guard) {
        if (std::optional<ProtocolError> denied = m_guard(client, request.method)) {
            reply.fail(*denied);
            return;
        }
    }
    if (!it->scope.isEmpty() && !client.hasScope(it->scope)) {
        qCInfo(lcGatewayProtocol).noquote()
            << "denied" << request.method << "to" << client.connId << "missing scope" << it->scope;
        ++m_scopeDenials;
        reply.fail(missingScope(it->scope));
        return;
    }
    it->handler(client, request.params, reply);
}

bool Dispatcher::scopeSatisfies(const QStringList &held, const QString &required)
{
    if (required.isEmpty() || held.contains(required) || held.contains(Scope::Admin.toString()))
        return true;
    if (required == Scope::Read && held.contains(Scope::Write.toString()))
        return true;
    return false;
}

ProtocolError Dispatcher::missingScope(const QString &scope)
{
    ProtocolError error { Code::Forbidden.toString(), u"missing scope: "_s + scope, {}, false, -1 };
    error.details = QJsonObject { { u"code"_s, u"MISSING_SCOPE"_s }, { u"missingScope"_s, scope },
        { u"requiredScopes"_s, QJsonArray { scope } } };
    return error;
}

} // namespace Gateway::Protocol
