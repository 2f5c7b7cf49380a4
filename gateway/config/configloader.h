// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

#include "core/result.h"
#include "config/settings.h"

namespace Gateway::Config
{

/// @brief Why a configuration was rejected: enough to find and fix the exact spot.
struct ConfigError
{
    QString file; ///< the file (or "environment", "command line")
    int line = 0; ///< 1-based, 0 when not applicable
    int column = 0; ///< 1-based, 0 when not applicable
    QString key; ///< dotted key, e.g. "gateway.port" (empty for syntax errors)
    QString message; ///< what was expected, e.g. "expected an integer from 1 to 65535, got 70000"

    /// "FILE:LINE:COLUMN: KEY: MESSAGE" (parts that are unknown are left out).
    QString toString() const;
};

/// @brief Values given on the command line; they win over the file and the environment.
struct Overrides
{
    QString bind;
    int port = -1;
    QString logLevel;
};

/// @brief Reads TOML with toml++, applies SKYNET_<SECTION>_<KEY> environment overrides and CLI
/// overrides, and validates every key against the schema.
class ConfigLoader final
{
public:
    /// Parses TOML text. sourceName is used in errors. home is copied into Settings::home.
    static Result<Settings, ConfigError> loadFromData(const QByteArray &toml, const QString &sourceName,
        const QString &home, const QProcessEnvironment &env = {}, const Overrides &overrides = {});
    /// Reads and parses a file.
    static Result<Settings, ConfigError> loadFile(
        const QString &path, const QString &home, const QProcessEnvironment &env = {}, const Overrides &overrides = {});
    /// The documented template shipped as config/default.toml (compiled in).
    static QByteArray defaultTemplate();
    /// Every known key as "section.key", in template order (used by docs checks and env overrides).
    static QStringList knownKeys();
    /// The environment variable that overrides a key: "gateway.port" -> "SKYNET_GATEWAY_PORT".
    static QString envNameForKey(const QString &dottedKey);
};

} // namespace Gateway::Config
