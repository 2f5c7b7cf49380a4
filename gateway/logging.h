// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QLoggingCategory>
#include <QString>

#include "config/settings.h"

Q_DECLARE_LOGGING_CATEGORY(lcGatewayService)
Q_DECLARE_LOGGING_CATEGORY(lcGatewayConfig)
Q_DECLARE_LOGGING_CATEGORY(lcGatewayHttp)
Q_DECLARE_LOGGING_CATEGORY(lcGatewayWs)
Q_DECLARE_LOGGING_CATEGORY(lcGatewayProtocol)
Q_DECLARE_LOGGING_CATEGORY(lcGatewayStorage)
Q_DECLARE_LOGGING_CATEGORY(lcGatewaySecrets)
Q_DECLARE_LOGGING_CATEGORY(lcGatewayProviders)
/// One structured line per HTTP request and per WebSocket connection.
Q_DECLARE_LOGGING_CATEGORY(lcGatewayAccess)
Q_DECLARE_LOGGING_CATEGORY(lcGatewaySkills)

namespace Gateway::Logging
{

/// @brief Installs the message handler: stderr plus (when enabled) a size-rotated file
/// `<dir>/skynet.log`, `skynet.log.1`, ... Sets the category filter from the configured level.
/// Safe to call again (reconfigures).
void install(const Config::LoggingSettings &settings, const QString &home);

/// @brief Every later log line has this value replaced by "***" (defence in depth: secrets are
/// never passed to the logger on purpose). Values shorter than 6 characters are ignored.
void registerSecret(const QString &value);

/// @brief Flushes and closes the log file, restoring Qt's default handler.
void shutdown();

/// @brief The current log file path ("" when file logging is off).
QString logFilePath();

} // namespace Gateway::Logging
