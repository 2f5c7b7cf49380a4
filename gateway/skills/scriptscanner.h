// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Gateway::Skills
{

/// @brief One hit of a static-analysis rule.
struct Finding
{
    QString
        rule; ///< fetch-and-execute, obfuscation, credential-path, shell-injection, write-outside, undeclared-network
    QString file;
    int line = 0;
    QString excerpt; ///< the offending line, trimmed and cut to 120 characters (never audited)

    QJsonObject toJson() const;
};

/// @brief A documented rule of the static analysis (docs/skills.md lists them).
struct ScanRule
{
    QString id;
    QString description;
};

/// @brief Static analysis of skill scripts (shell, Python and the like) with a fixed rule set.
/// Line-based: comment lines are skipped, continuation lines ("\" at the end) are joined.
/// It is a tripwire for the obvious, not a proof of safety; the sandbox is the real boundary.
class ScriptScanner final
{
public:
    static const QList<ScanRule> &rules();
    /// Whether a skill file is a script (scanned at install, runnable by skill_run): under
    /// scripts/, a known script extension, or a "#!" first line.
    static bool isScript(const QString &relativePath, const QByteArray &head);
    /// The interpreter skill_run uses for a script ("" = not runnable).
    static QString interpreterFor(const QString &relativePath, const QByteArray &head);
    /// Scans one script. capabilities: the skill's declared ones (network use needs "network").
    static QList<Finding> scan(const QString &file, const QString &text, const QStringList &capabilities);
};

} // namespace Gateway::Skills
