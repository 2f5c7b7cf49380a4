// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>
#include <QStringList>

namespace Gateway::Config {

/// @brief [gateway]: the listener, authentication and protocol limits.
struct GatewaySettings
{
    QString bind = QStringLiteral("127.0.0.1");
    int port = 18789;
    /// "token", "password" or "none" (none is refused on non-loopback binds).
    QString auth = QStringLiteral("token");
    /// Secret reference for the shared token (see SecretRef); empty means "generate on first run".
    QString token;
    /// Secret reference for the password (auth = "password").
    QString password;
    /// Allow a non-loopback bind without TLS (a token is still mandatory).
    bool allowInsecureBind = false;
    int tickIntervalMs = 30000;
    qint64 maxPayload = 26214400;        // bytes, after connect
    qint64 maxBufferedBytes = 52428800;  // bytes queued per socket before it is dropped
    int handshakeTimeoutMs = 15000;      // WebSocket open -> successful connect
    int maxHeaderBytes = 16384;          // HTTP request head
    int headerTimeoutMs = 5000;          // time to receive a complete HTTP request head
    int maxBodyBytes = 1048576;          // HTTP request body
    int maxConnections = 20000;          // open sockets, all clients together
};

/// @brief [storage]: the SQLite database.
struct StorageSettings
{
    /// Relative paths resolve against the home folder.
    QString path = QStringLiteral("skynet.db");
    /// "OFF", "NORMAL" or "FULL".
    QString synchronous = QStringLiteral("NORMAL");
    int busyTimeoutMs = 5000;
};

/// @brief [logging]
struct LoggingSettings
{
    /// "debug", "info", "warning", "error".
    QString level = QStringLiteral("info");
    /// Write a size-rotated log file under dir.
    bool file = true;
    /// Relative paths resolve against the home folder.
    QString dir = QStringLiteral("logs");
    qint64 maxFileBytes = 10485760;
    int maxFiles = 5;
    /// One structured line per HTTP request and WebSocket connection.
    bool accessLog = true;
};

/// @brief [agent]: defaults that the protocol reports before the agent runtime exists.
struct AgentSettings
{
    QString defaultAgentId = QStringLiteral("main");
    QString mainKey = QStringLiteral("main");
};

/// @brief The whole validated configuration plus where it came from.
struct Settings
{
    GatewaySettings gateway;
    StorageSettings storage;
    LoggingSettings logging;
    AgentSettings agent;

    /// The home folder (~/.skynet, SKYNET_HOME or --home); absolute.
    QString home;
    /// The config file that was read (empty when none was read).
    QString configPath;
    /// Non-fatal findings (unknown keys, plain-text secrets), one sentence each.
    QStringList warnings;

    /// Resolves a path from the config against the home folder.
    QString resolvePath(const QString &path) const;
};

} // namespace Gateway::Config
