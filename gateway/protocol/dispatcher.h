// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <optional>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include "protocol/frames.h"

namespace Gateway::Protocol
{

/// Operator scopes (openclaw-protocol.md §3.3).
namespace Scope
{
inline constexpr QStringView Read = u"operator.read";
inline constexpr QStringView Write = u"operator.write";
inline constexpr QStringView Admin = u"operator.admin";
inline constexpr QStringView Approvals = u"operator.approvals";
inline constexpr QStringView Pairing = u"operator.pairing";
} // namespace Scope

/// @brief Who is on the other end of one authenticated socket.
struct ClientSession
{
    QString connId;
    int protocol = 4;
    QString role = QStringLiteral("operator");
    QStringList scopes;
    QString clientId;
    QString clientVersion;
    QString platform;
    QString mode;
    QString deviceFamily;
    QString instanceId;
    QString displayName;
    QStringList caps;
    QString remoteAddress;
    qint64 connectedAtMs = 0;
    /// The person behind the connection (People::Directory): the gateway token is the owner, a
    /// personal token its user. Empty before the handshake.
    bool isOwner = false; ///< authenticated with the gateway token (or auth mode "none")
    QString userId; ///< a personal token's user ("" for the owner: People knows the owner's id)
    QString userRole; ///< admin, user or child

    bool hasScope(const QString &required) const;
};

/// @brief Answers one request, now or later (the socket may be gone by then: answers are dropped).
class Reply
{
public:
    using Sink = std::function<void(const QByteArray &frame)>;
    Reply(QString id, Sink sink) : m_id(std::move(id)), m_sink(std::move(sink)) { }

    void ok(const QJsonValue &payload) const;
    void fail(const ProtocolError &error) const;
    /// A failed final answer that still carries a payload (the second response of `agent`).
    void fail(const ProtocolError &error, const QJsonValue &payload) const;
    const QString &id() const { return m_id; }

private:
    QString m_id;
    Sink m_sink;
};

/// @brief The method table: name → required scope and handler. Every method the gateway serves
/// is registered here, and hello-ok's features.methods is read from it, so the list is truthful.
class Dispatcher final
{
public:
    using Handler = std::function<void(const ClientSession &client, const QJsonObject &params, const Reply &reply)>;
    /// Consulted after the scope check for every call: an error denies it.
    using Guard = std::function<std::optional<ProtocolError>(const ClientSession &client, const QString &method)>;

    void add(const QString &method, const QString &scope, Handler handler);
    void setGuard(Guard guard) { m_guard = std::move(guard); }
    /// Calls refused for a missing scope (policy denials are counted by the guard).
    qint64 scopeDenials() const { return m_scopeDenials; }
    bool contains(const QString &method) const { return m_methods.contains(method); }
    /// Sorted names of every registered method.
    QStringList methods() const;
    /// The same as a JSON array, built once (every hello-ok carries it).
    const QJsonArray &methodsJson() const;
    /// Checks the scope and runs the handler; unknown methods and missing scopes get their errors.
    void dispatch(const ClientSession &client, const Request &request, const Reply &reply) const;

    /// admin implies every scope; write implies read.
    static bool scopeSatisfies(const QStringList &held, const QString &required);
    static ProtocolError missingScope(const QString &scope);

private:
    struct Entry
    {
        QString scope;
        Handler handler;
    };
    QHash<QString, Entry> m_methods;
    mutable QJsonArray m_methodsJson; ///< empty = to be built
    Guard m_guard;
    mutable qint64 m_scopeDenials = 0;
};

} // namespace Gateway::Protocol
