// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "core/result.h"

namespace Gateway::Skills
{

/// @brief A package a skill declares it uses (checked against OSV advisories at install).
struct DeclaredPackage
{
    QString ecosystem; ///< as OSV spells it: PyPI, npm, crates.io, Go, Debian, ...
    QString name;
    QString version;
};

/// @brief The front matter of a SKILL.md, validated.
struct SkillManifest
{
    QString name; ///< [a-z0-9][a-z0-9-]{0,63}
    QString description;
    QString version;
    QStringList triggers;
    QStringList os; ///< linux, macos, windows ("" list = any)
    QStringList arch; ///< x86_64, arm64, ... ("" list = any)
    int minRamMb = 0;
    QStringList binaries; ///< required on PATH
    QList<DeclaredPackage> packages;
    QStringList capabilities; ///< network, exec, files (sorted)
    QMap<QString, QString> installHints; ///< manager (apt, brew, pip, ...) → command
    QString body; ///< the Markdown after the front matter

    QJsonObject toJson() const;
    static SkillManifest fromJson(const QJsonObject &object);
};

/// @brief The strict parser of SKILL.md: front matter between two `---` lines in a small YAML
/// subset (`key: value`, `key: [a, b]`, an indented block of `sub: value` or `- item` lines),
/// bounded sizes, no unknown or duplicate keys, no tabs. Errors name the line.
class ManifestParser final
{
public:
    static constexpr qsizetype MAX_FILE_BYTES = 256 * 1024;
    static constexpr qsizetype MAX_FRONT_MATTER_BYTES = 16 * 1024;
    static constexpr qsizetype MAX_LINE = 1000;
    static constexpr qsizetype MAX_LIST = 32;
    static constexpr qsizetype MAX_DESCRIPTION = 300;

    /// Parses a whole SKILL.md. Error code INVALID_SKILL.
    static Result<SkillManifest> parse(const QByteArray &text);

    static bool isValidName(const QString &name);
    static const QStringList &knownCapabilities();
    static const QStringList &knownInstallers();
};

} // namespace Gateway::Skills
