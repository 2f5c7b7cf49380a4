// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include "config/settings.h"

namespace Gateway::Config
{

/// @brief How a key's value is written in TOML and in the environment, and how it is checked.
enum class ValueType {
    Integer, ///< TOML integer within [minimum, maximum]; env: decimal
    Boolean, ///< TOML true/false; env: true/false, 1/0, yes/no, on/off
    String, ///< TOML string (non-empty unless allowEmpty, no control characters)
    Choice, ///< TOML string, one of choices (matched case-insensitively, stored as spelled in choices)
    Secret, ///< TOML string holding a secret reference (see SecretRef); env: the secret itself
};

/// @brief One configuration key. The schema (ConfigSchema::keys()) is the single source of truth
/// for the known keys, their environment variables, their validation and their defaults (read
/// from a default-constructed Settings, so the struct initialisers are the defaults).
struct KeySpec
{
    QString section; ///< table path: "gateway", or nested such as "providers.anthropic"
    QString name; ///< snake_case key inside the section: "max_payload"
    ValueType type = ValueType::String;
    qint64 minimum = 0; ///< Integer only
    qint64 maximum = 0; ///< Integer only
    QStringList choices; ///< Choice only, canonical spelling
    bool allowEmpty = false; ///< String only
    /// Reads the field (as qlonglong, bool or QString).
    std::function<QVariant(const Settings &)> get;
    /// Writes an already validated value (qlonglong, bool or QString) into the field.
    std::function<void(Settings &, const QVariant &)> set;

    /// "section.name", e.g. "gateway.max_payload".
    QString dottedKey() const;
    /// "SKYNET_GATEWAY_MAX_PAYLOAD".
    QString envName() const;
    /// The default as a value (from Settings{}).
    QVariant defaultValue() const;
    /// The default written as TOML: 18789, true, "127.0.0.1".
    QString defaultLiteral() const;
    /// What a valid value looks like: "an integer from 1 to 65535", "one of \"OFF\", \"NORMAL\" or \"FULL\"".
    QString expectation() const;
    /// Short type for docs: "integer", "boolean", "string", "enum", "secret reference".
    QString typeName() const;
};

/// @brief The configuration schema: every known key, in template order.
class ConfigSchema final
{
public:
    ConfigSchema() = delete;

    static const QList<KeySpec> &keys();
    /// The spec for "section.name", or nullptr.
    static const KeySpec *find(const QString &dottedKey);
    /// Every section that holds keys, in template order ("gateway", ..., "providers.anthropic").
    static QStringList sections();
    /// True when path is a section or a table that contains sections ("providers").
    static bool isTablePath(const QString &path);
    /// The environment variable for any dotted key: SKYNET_ + uppercase, '.' and '-' become '_'.
    static QString envNameForKey(const QString &dottedKey);
};

} // namespace Gateway::Config
