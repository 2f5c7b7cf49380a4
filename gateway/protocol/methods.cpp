// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "protocol/methods.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QSysInfo>

#include "config/configschema.h"
#include "config/secretref.h"
#include "people/directory.h"
#include "protocol/dispatcher.h"
#include "protocol/frames.h"
#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Protocol
{

namespace
{

constexpr int DEFAULT_SESSION_LIMIT = 50;
constexpr int MAX_SESSION_LIMIT = 1000;

QString mainSessionKey(const Config::Settings &settings)
{
    return u"agent:"_s + settings.agent.defaultAgentId + u':' + settings.agent.mainKey;
}

struct SessionRows
{
    int count = 0;
    QJsonArray rows;
};

// Reads sessions newest first. An unopened database reads as empty.
/// One line per channel for `status` ("Telegram: running").
QJsonArray channelSummary(const GatewayInfo &info)
{
    QJsonArray lines;
    const QJsonObject channels = info.channels();
    const QJsonObject states = channels.value(u"channels"_s).toObject();
    const QJsonObject labels = channels.value(u"channelLabels"_s).toObject();
    for (const QJsonValue &id : channels.value(u"channelOrder"_s).toArray()) {
        const QJsonObject state = states.value(id.toString()).toObject();
        lines.append(QString(labels.value(id.toString()).toString() + u": "_s + state.value(u"state"_s).toString()));
    }
    return lines;
}

/// Sessions a client may see: every one for admins, their own for users and children.
QString sessionFilter(const ClientSession &client)
{
    if (client.isOwner || client.userRole == u"admin")
        return QString();
    // A non-admin without a user id sees nothing (the id can never match).
    return client.userId.isEmpty() ? u"\x01"_s : client.userId;
}

SessionRows readSessions(const GatewayInfo &info, int limit, int offset, const QString &agentId,
    const QString &search = {}, const QString &userId = {})
{
    SessionRows result;
    Storage::Database *db = info.database();
    if (!db || !db->isOpen())
        return result;
    // Filters are bound values; the search text is matched literally (LIKE wildcards escaped).
    QStringList conditions;
    QVariantList binds;
    if (!agentId.isEmpty()) {
        conditions.append(u"agent_id = ?"_s);
        binds.append(agentId);
    }
    if (!userId.isEmpty()) {
        conditions.append(u"user_id = ?"_s);
        binds.append(userId);
    }
    if (!search.isEmpty()) {
        QString escaped = search.left(256);
        escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        conditions.append(u"(key LIKE ? ESCAPE '\\' OR COALESCE(label, '') LIKE ? ESCAPE '\\')"_s);
        const QString pattern = u'%' + escaped + u'%';
        binds.append(pattern);
        binds.append(pattern);
    }
    const QString where = conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(u" AND "_s);
    QSqlQuery q(db->connection());
    q.prepare(u"SELECT COUNT(*) FROM sessions"_s + where);
    for (const QVariant &bind : std::as_const(binds))
        q.addBindValue(bind);
    if (q.exec() && q.next())
        result.count = q.value(0).toInt();
    q.prepare(u"SELECT key, agent_id, kind, label, updated_at FROM sessions"_s + where
        + u" ORDER BY updated_at DESC LIMIT ? OFFSET ?"_s);
    for (const QVariant &bind : std::as_const(binds))
        q.addBindValue(bind);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (q.exec()) {
        while (q.next()) {
            QJsonObject row { { u"key"_s, q.value(0).toString() }, { u"agentId"_s, q.value(1).toString() },
                { u"kind"_s, q.value(2).toString() }, { u"updatedAt"_s, q.value(4).toLongLong() } };
            if (!q.value(3).isNull())
                row.insert(u"label"_s, q.value(3).toString());
            result.rows.append(row);
        }
    }
    return result;
}

QJsonArray recentSessions(const SessionRows &sessions)
{
    const qint64 now = nowMs();
    QJsonArray recent;
    for (const QJsonValue &value : sessions.rows) {
        const QJsonObject row = value.toObject();
        const qint64 updatedAt = row.value(u"updatedAt"_s).toInteger();
        recent.append(QJsonObject { { u"key"_s, row.value(u"key"_s) }, { u"updatedAt"_s, updatedAt },
            { u"age"_s, qMax<qint64>(0, now - updatedAt) } });
    }
    return recent;
}

QString databasePath(const GatewayInfo &info)
{
    Storage::Database *db = info.database();
    return db ? db->path() : info.settings().resolvePath(info.settings().storage.path);
}

qint64 residentBytes()
{
#if defined(Q_OS_LINUX)
    QFile status(u"/proc/self/statm"_s);
    if (status.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = status.readAll().split(' ');
        if (fields.size() > 1)
            return fields.at(1).toLongLong() * 4096;
    }
#endif
    return 0;
}

int intParam(const QJsonObject &params, const QString &key, int fallback, int min, int max)
{
    const QJsonValue value = params.value(key);
    if (!value.isDouble())
        return fallback;
    return qBound(min, value.toInt(fallback), max);
}

// The effective configuration as JSON, one object per section; plain-text secrets are redacted
// (references such as "secret:gateway.token" name a secret without revealing it).
QJsonObject effectiveConfig(const Config::Settings &settings)
{
    QJsonObject root;
    for (const Config::KeySpec &key : Config::ConfigSchema::keys()) {
        QJsonValue value = QJsonValue::fromVariant(key.get(settings));
        if (key.type == Config::ValueType::Secret) {
            const Config::SecretRef ref = Config::SecretRef::parse(value.toString());
            if (ref.kind == Config::SecretRef::Kind::PlainText || ref.kind == Config::SecretRef::Kind::Invalid)
                value = u"__OPENCLAW_REDACTED__"_s;
        }
        // Nested sections ("providers.anthropic") become nested objects.
        const QStringList path = key.section.split(u'.');
        std::function<void(QJsonObject &, int)> insert = [&](QJsonObject &object, int depth) {
            if (depth == path.size()) {
                object.insert(key.name, value);
                return;
            }
            QJsonObject child = object.value(path.at(depth)).toObject();
            insert(child, depth + 1);
            object.insert(path.at(depth), child);
        };
        insert(root, 0);
    }
    return root;
}

} // namespace

QString serverVersion()
{
    return u"skynet-" SKYNET_VERSION ""_s;
}

QJsonObject healthPayload(const GatewayInfo &info, const QString &userFilter)
{
    QElapsedTimer timer;
    timer.start();
    const Config::Settings &settings = info.settings();
    const SessionRows sessions = readSessions(info, 5, 0, {}, {}, userFilter);
    const QJsonObject sessionSummary { { u"path"_s, databasePath(info) }, { u"count"_s, sessions.count },
        { u"recent"_s, recentSessions(sessions) } };
    const QJsonObject heartbeat { { u"enabled"_s, false }, { u"every"_s, u"off"_s }, { u"everyMs"_s, 0 },
        { u"prompt"_s, QString() }, { u"target"_s, u"none"_s }, { u"ackMaxChars"_s, 0 } };
    const QJsonObject agent { { u"agentId"_s, settings.agent.defaultAgentId }, { u"isDefault"_s, true },
        { u"heartbeat"_s, heartbeat }, { u"sessions"_s, sessionSummary } };
    return QJsonObject {
        { u"ok"_s, true },
        { u"ts"_s, nowMs() },
        { u"durationMs"_s, timer.elapsed() },
        { u"status"_s, info.isReady() ? u"live"_s : u"starting"_s },
        { u"version"_s, serverVersion() },
        { u"uptimeMs"_s, info.uptimeMs() },
        { u"channels"_s, info.channels().value(u"channels"_s).toObject() },
        { u"channelOrder"_s, info.channels().value(u"channelOrder"_s).toArray() },
        { u"channelLabels"_s, info.channels().value(u"channelLabels"_s).toObject() },
        { u"heartbeatSeconds"_s, 0 },
        { u"defaultAgentId"_s, settings.agent.defaultAgentId },
        { u"agents"_s, QJsonArray { agent } },
        { u"sessions"_s, sessionSummary },
    };
}

QJsonObject helloSnapshot(const GatewayInfo &info)
{
    const Config::Settings &settings = info.settings();
    return QJsonObject {
        // The gateway itself only: a full list in every hello-ok made each handshake cost O(clients)
        // in time and bytes; clients read the rest with system-presence.
        { u"presence"_s, info.presence(1) },
        { u"health"_s, QJsonObject { { u"ok"_s, true }, { u"status"_s, info.isReady() ? u"live"_s : u"starting"_s } } },
        { u"stateVersion"_s, QJsonObject { { u"presence"_s, 0 }, { u"health"_s, 0 } } },
        { u"uptimeMs"_s, info.uptimeMs() },
        { u"sessionDefaults"_s,
            QJsonObject { { u"defaultAgentId"_s, settings.agent.defaultAgentId },
                { u"mainKey"_s, settings.agent.mainKey }, { u"mainSessionKey"_s, mainSessionKey(settings) },
                { u"scope"_s, u"per-sender"_s } } },
    };
}

void registerCoreMethods(Dispatcher &dispatcher, const GatewayInfo &info)
{
    const GatewayInfo *gateway = &info;
    const QString read = Scope::Read.toString();

    dispatcher.add(u"health"_s, read, [gateway](const ClientSession &client, const QJsonObject &, const Reply &reply) {
        reply.ok(healthPayload(*gateway, sessionFilter(client)));
    });

    dispatcher.add(u"status"_s, read, [gateway](const ClientSession &client, const QJsonObject &, const Reply &reply) {
        const Config::Settings &settings = gateway->settings();
        const SessionRows sessions = readSessions(*gateway, 10, 0, {}, {}, sessionFilter(client));
        QJsonObject status {
            { u"ok"_s, true },
            { u"runtimeVersion"_s, serverVersion() },
            { u"version"_s, serverVersion() },
            { u"uptimeMs"_s, gateway->uptimeMs() },
            { u"heartbeat"_s,
                QJsonObject { { u"defaultAgentId"_s, settings.agent.defaultAgentId }, { u"agents"_s, QJsonArray() } } },
            { u"channelSummary"_s, channelSummary(*gateway) },
            { u"queuedSystemEvents"_s, QJsonArray() },
            { u"tasks"_s, QJsonObject { { u"total"_s, 0 }, { u"active"_s, 0 } } },
            { u"sessions"_s,
                QJsonObject { { u"paths"_s, QJsonArray { databasePath(*gateway) } }, { u"count"_s, sessions.count },
                    { u"defaults"_s, QJsonObject { { u"model"_s, QJsonValue::Null }, { u"contextTokens"_s, 0 } } },
                    { u"recent"_s, recentSessions(sessions) }, { u"byAgent"_s, QJsonArray() } } },
            { u"gateway"_s,
                QJsonObject { { u"clients"_s, gateway->clientCount() }, { u"ready"_s, gateway->isReady() } } },
            { u"providers"_s, gateway->providers() },
        };
        // Process and file-system details and policy figures only for admins (openclaw-protocol.md §7.2).
        if (client.hasScope(Scope::Admin.toString()) && (client.isOwner || client.userRole == u"admin")) {
            status.insert(u"pid"_s, QCoreApplication::applicationPid());
            status.insert(u"processMemory"_s, QJsonObject { { u"rssBytes"_s, residentBytes() } });
            QJsonObject gw = status.value(u"gateway"_s).toObject();
            gw.insert(u"bind"_s, settings.gateway.bind);
            gw.insert(u"port"_s, settings.gateway.port);
            gw.insert(u"home"_s, settings.home);
            gw.insert(u"transport"_s, gateway->transport());
            status.insert(u"gateway"_s, gw);
            status.insert(u"people"_s, gateway->people());
        }
        reply.ok(status);
    });

    dispatcher.add(
        u"system-presence"_s, read, [gateway](const ClientSession &, const QJsonObject &, const Reply &reply) {
            reply.ok(gateway->presence(1000));
        });

    dispatcher.add(u"models.list"_s, read, [](const ClientSession &, const QJsonObject &, const Reply &reply) {
        // No model provider is configured in the foundation; the agent runtime fills this list.
        reply.ok(QJsonObject { { u"models"_s, QJsonArray() } });
    });

    dispatcher.add(u"agents.list"_s, read, [gateway](const ClientSession &, const QJsonObject &, const Reply &reply) {
        const Config::Settings &settings = gateway->settings();
        reply.ok(QJsonObject {
            { u"defaultId"_s, settings.agent.defaultAgentId },
            { u"mainKey"_s, settings.agent.mainKey },
            { u"scope"_s, u"per-sender"_s },
            { u"agents"_s,
                QJsonArray { QJsonObject { { u"id"_s, settings.agent.defaultAgentId }, { u"name"_s, u"Skynet"_s } } } },
        });
    });

    dispatcher.add(u"sessions.list"_s, read,
        [gateway](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            const int limit = intParam(params, u"limit"_s, DEFAULT_SESSION_LIMIT, 1, MAX_SESSION_LIMIT);
            const int offset = intParam(params, u"offset"_s, 0, 0, INT_MAX);
            const QJsonValue agentValue = params.value(u"agentId"_s);
            if (!agentValue.isUndefined() && !agentValue.isNull() && !agentValue.isString()) {
                reply.fail(ProtocolError::invalidRequest(u"invalid sessions.list params: agentId must be a string"_s));
                return;
            }
            const QJsonValue searchValue = params.value(u"search"_s);
            if (!searchValue.isUndefined() && !searchValue.isNull() && !searchValue.isString()) {
                reply.fail(ProtocolError::invalidRequest(u"invalid sessions.list params: search must be a string"_s));
                return;
            }
            const SessionRows sessions = readSessions(
                *gateway, limit, offset, agentValue.toString(), searchValue.toString(), sessionFilter(client));
            const bool hasMore = offset + sessions.rows.size() < sessions.count;
            QJsonObject result {
                { u"ts"_s, nowMs() },
                { u"path"_s, databasePath(*gateway) },
                { u"count"_s, sessions.rows.size() },
                { u"totalCount"_s, sessions.count },
                { u"limitApplied"_s, limit },
                { u"hasMore"_s, hasMore },
                { u"defaults"_s,
                    QJsonObject { { u"modelProvider"_s, QJsonValue::Null }, { u"model"_s, QJsonValue::Null },
                        { u"contextTokens"_s, 0 } } },
                { u"sessions"_s, sessions.rows },
            };
            if (hasMore)
                result.insert(u"nextOffset"_s, offset + sessions.rows.size());
            reply.ok(result);
        });

    // Read-only view of the configuration (openclaw-protocol.md §7.4); `gateway probe` reads it.
    dispatcher.add(u"config.get"_s, read, [gateway](const ClientSession &, const QJsonObject &, const Reply &reply) {
        const Config::Settings &settings = gateway->settings();
        QFile file(settings.configPath);
        const bool exists = !settings.configPath.isEmpty() && file.exists();
        QString hash;
        if (exists && file.open(QIODevice::ReadOnly))
            hash
                = QString::fromLatin1(QCryptographicHash::hash(file.read(1 << 20), QCryptographicHash::Sha256).toHex());
        const QJsonObject config = effectiveConfig(settings);
        reply.ok(QJsonObject {
            { u"path"_s, settings.configPath },
            { u"exists"_s, exists },
            { u"valid"_s, true },
            { u"hash"_s, hash },
            { u"config"_s, config },
            { u"parsed"_s, config },
            // The file may hold plain-text secrets; it is never sent.
            { u"raw"_s, QJsonValue::Null },
            { u"issues"_s, QJsonArray() },
            { u"warnings"_s, QJsonArray::fromStringList(settings.warnings) },
        });
    });

    dispatcher.add(u"commands.list"_s, read, [](const ClientSession &, const QJsonObject &, const Reply &reply) {
        // The slash commands chat.send and every channel understand.
        QJsonArray commands { QJsonObject { { u"name"_s, u"/model"_s }, { u"scope"_s, u"text"_s },
            { u"description"_s, u"Answer this message with a given model: /model <provider[:model]> <text>"_s } } };
        for (const auto &[name, description] : People::Directory::commands())
            commands.append(
                QJsonObject { { u"name"_s, name }, { u"scope"_s, u"text"_s }, { u"description"_s, description } });
        reply.ok(QJsonObject { { u"commands"_s, commands } });
    });
}

} // namespace Gateway::Protocol
