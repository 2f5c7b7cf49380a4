// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "skills/skillmanifest.h"

namespace Gateway::Skills
{

/// @brief The machine a skill must run on (injectable for tests).
struct HostInfo
{
    QString os; ///< linux, macos, windows
    QString arch; ///< x86_64, arm64, ...
    qint64 ramMb = 0;
    /// Whether a binary is on PATH.
    std::function<bool(const QString &)> hasBinary;

    static HostInfo current();
    /// Normalises aliases (amd64 → x86_64, aarch64 → arm64, darwin → macos, ...).
    static QString normalizeArch(const QString &arch);
};

/// @brief The outcome of stage 5: what is missing, and the install hint for this platform.
struct RequirementReport
{
    QStringList problems; ///< one sentence each; empty = satisfied
    QStringList missingBinaries;
    QString installer; ///< the manager whose hint applies here ("" = none)
    QString installCommand;

    bool ok() const { return problems.isEmpty(); }
    QJsonObject toJson() const;
};

/// @brief Stage 5: OS, architecture, memory and required binaries.
class RequirementCheck final
{
public:
    static RequirementReport check(const SkillManifest &manifest, const HostInfo &host);
    /// The install hint for this host: the system manager first (apt, dnf, pacman on Linux; brew
    /// on macOS; winget, choco, scoop on Windows), then language managers (pip, npm, cargo, go),
    /// each only when its program is present.
    static QPair<QString, QString> hintFor(const SkillManifest &manifest, const HostInfo &host);
};

} // namespace Gateway::Skills
