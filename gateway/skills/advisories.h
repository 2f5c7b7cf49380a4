// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "skills/skillmanifest.h"

namespace Gateway::Skills
{

/// @brief A declared package that an advisory says is vulnerable.
struct AdvisoryMatch
{
    QString id; ///< OSV id (GHSA-..., PYSEC-..., CVE-...)
    QString summary;
    DeclaredPackage package;
};

/// @brief Known-vulnerable packages from OSV-format JSON files (https://ossf.github.io/osv-schema/)
/// that the admin drops into a folder (offline; no network). Implements affected[].package
/// {ecosystem, name}, ranges of type SEMVER and ECOSYSTEM (events introduced / fixed /
/// last_affected) and explicit versions lists. GIT ranges are ignored.
class AdvisoryDatabase final
{
public:
    static constexpr qint64 MAX_FILE_BYTES = 4 * 1024 * 1024;
    static constexpr int MAX_FILES = 20000;

    /// Reads every *.json in folder (one OSV object or an array of them). Unreadable or malformed
    /// files are skipped and named in warnings().
    void loadFolder(const QString &folder);
    /// Adds one OSV object (tests, and each file's entries).
    void add(const QJsonObject &advisory);
    int size() const { return int(m_advisories.size()); }
    QStringList warnings() const { return m_warnings; }

    QList<AdvisoryMatch> check(const QList<DeclaredPackage> &packages) const;
    /// Whether one advisory affects ecosystem/name@version.
    static bool affects(const QJsonObject &advisory, const DeclaredPackage &package);
    /// Orders versions: numeric dotted parts, then a pre-release (1.0.0-rc1 < 1.0.0); build
    /// metadata (+...) is ignored. Returns <0, 0, >0.
    static int compareVersions(const QString &a, const QString &b);

private:
    QList<QJsonObject> m_advisories;
    QStringList m_warnings;
};

} // namespace Gateway::Skills
