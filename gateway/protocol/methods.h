// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include "config/settings.h"

namespace Gateway::Storage
{
class Database;
}

namespace Gateway::Protocol
{

class Dispatcher;

/// @brief What protocol methods may read of the running gateway (implemented by Service).
class GatewayInfo
{
public:
    virtual ~GatewayInfo() = default;
    virtual const Config::Settings &settings() const = 0;
    virtual qint64 uptimeMs() const = 0;
    virtual qint64 startedAtMs() const = 0;
    virtual int clientCount() const = 0;
    /// Presence entries: the gateway itself first, then connected clients (at most limit).
    virtual QJsonArray presence(int limit) const = 0;
    virtual Storage::Database *database() const = 0;
    virtual bool isReady() const = 0;
    /// Events this gateway emits (hello-ok features.events).
    virtual QStringList events() const = 0;
    /// Model providers with their health (as providers.status reports them).
    virtual QJsonArray providers() const = 0;
    /// People and policy figures for admins: users, denials by kind.
    virtual QJsonObject people() const { return {}; }
    /// {channels:{id:{state, running, lastError?}}, channelOrder:[], channelLabels:{}}
    virtual QJsonObject channels() const { return {}; }
    /// Transport security for admins: {tls, fingerprintSha256?, selfSigned?, notAfter?, refused counts}.
    virtual QJsonObject transport() const { return {}; }
};

/// The server version string reported everywhere ("skynet-0.1.0").
QString serverVersion();

/// `health` payload (openclaw-protocol.md §7.2).
/// userFilter: only that user's sessions ("" = every session).
QJsonObject healthPayload(const GatewayInfo &info, const QString &userFilter = {});
/// `snapshot` of hello-ok.
QJsonObject helloSnapshot(const GatewayInfo &info);

/// Registers the methods of the foundation: health, status, system-presence, models.list,
/// agents.list, sessions.list, commands.list.
void registerCoreMethods(Dispatcher &dispatcher, const GatewayInfo &info);

} // namespace Gateway::Protocol
