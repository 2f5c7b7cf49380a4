// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "skills/advisories.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Gateway::Skills
{

namespace
{

int compareIdentifiers(const QStringList &a, const QStringList &b)
{
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        if (i >= a.size())
            return -1;
        if (i >= b.size())
            return 1;
        bool aNum = false, bNum = false;
        const qulonglong x = a.at(i).toULongLong(&aNum);
        const qulonglong y = b.at(i).toULongLong(&bNum);
        if (aNum && bNum) {
            if (x != y)
                return x < y ? -1 : 1;
            continue;
        }
        if (aNum != bNum)
            return aNum ? -1 : 1; // numeric identifiers sort before alphanumeric ones (SemVer §11)
        const int c = a.at(i).compare(b.at(i));
        if (c != 0)
            return c < 0 ? -1 : 1;
    }
    return 0;
}

} // namespace

int AdvisoryDatabase::compareVersions(const QString &a, const QString &b)
{
    const auto split = [](QString v) {
        v = v.trimmed();
        if (v.startsWith(u'v'))
            v.remove(0, 1);
        v = v.section(u'+', 0, 0);
        const qsizetype dash = v.indexOf(u'-');
        const QString release = dash < 0 ? v : v.left(dash);
        const QString pre = dash < 0 ? QString() : v.mid(dash + 1);
        return std::pair { release.split(u'.'), pre };
    };
    auto [ra, pa] = split(a);
    auto [rb, pb] = split(b);
    // Missing release parts are zeros (1.2 == 1.2.0).
    while (ra.size() < rb.size())
        ra.append(u"0"_s);
    while (rb.size() < ra.size())
        rb.append(u"0"_s);
    if (const int c = compareIdentifiers(ra, rb); c != 0)
        return c;
    if (pa.isEmpty() != pb.isEmpty())
        return pa.isEmpty() ? 1 : -1;
    return compareIdentifiers(pa.split(u'.'), pb.split(u'.'));
}

void AdvisoryDatabase::loadFolder(const QString &folder)
{
    const QDir dir(folder);
    if (folder.isEmpty() || !dir.exists())
        return;
    const QStringList files = dir.entryList({ u"*.json"_s }, QDir::Files, QDir::Name);
    for (const QString &name : files.mid(0, MAX_FILES)) {
        QFile file(dir.filePath(name));
        if (file.size() > MAX_FILE_BYTES || !file.open(QIODevice::ReadOnly)) {
            m_warnings.append(u"%1: unreadable or larger than %2 bytes"_s.arg(name).arg(MAX_FILE_BYTES));
            continue;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        if (error.error != QJsonParseError::NoError) {
            m_warnings.append(u"%1: not JSON (%2)"_s.arg(name, error.errorString()));
            continue;
        }
        if (doc.isObject()) {
            add(doc.object());
        } else {
            for (const QJsonValue &v : doc.array()) {
                if (v.isObject())
                    add(v.toObject());
            }
        }
    }
}

void AdvisoryDatabase::add(const QJsonObject &advisory)
{
    if (advisory.value(u"affected"_s).isArray())
        m_advisories.append(advisory);
}

bool AdvisoryDatabase::affects(const QJsonObject &advisory, const DeclaredPackage &package)
{
    for (const QJsonValue &value : advisory.value(u"affected"_s).toArray()) {
        const QJsonObject affected = value.toObject();
        const QJsonObject pkg = affected.value(u"package"_s).toObject();
        if (pkg.value(u"ecosystem"_s).toString().section(u':', 0, 0).compare(package.ecosystem, Qt::CaseInsensitive)
                != 0
            || pkg.value(u"name"_s).toString().compare(package.name, Qt::CaseInsensitive) != 0)
            continue;
        for (const QJsonValue &v : affected.value(u"versions"_s).toArray()) {
            if (v.toString() == package.version)
                return true;
        }
        for (const QJsonValue &r : affected.value(u"ranges"_s).toArray()) {
            const QJsonObject range = r.toObject();
            const QString type = range.value(u"type"_s).toString();
            if (type != u"SEMVER" && type != u"ECOSYSTEM")
                continue;
            struct Event
            {
                QString kind;
                QString version;
            };
            QList<Event> events;
            for (const QJsonValue &e : range.value(u"events"_s).toArray()) {
                const QJsonObject event = e.toObject();
                for (const QString &kind : { u"introduced"_s, u"fixed"_s, u"last_affected"_s }) {
                    if (event.value(kind).isString())
                        events.append({ kind, event.value(kind).toString() });
                }
            }
            // Evaluated in version order ("0" is before everything).
            std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
                if (a.version == u"0" || b.version == u"0")
                    return a.version == u"0" && b.version != u"0";
                return compareVersions(a.version, b.version) < 0;
            });
            bool affectedNow = false;
            for (const Event &event : std::as_const(events)) {
                const int c = event.version == u"0" ? 1 : compareVersions(package.version, event.version);
                if (c < 0)
                    break;
                if (event.kind == u"introduced")
                    affectedNow = true;
                else if (event.kind == u"fixed")
                    affectedNow = false;
                else if (c > 0) // last_affected: the version itself is still affected
                    affectedNow = false;
            }
            if (affectedNow)
                return true;
        }
    }
    return false;
}

QList<AdvisoryMatch> AdvisoryDatabase::check(const QList<DeclaredPackage> &packages) const
{
    QList<AdvisoryMatch> matches;
    for (const DeclaredPackage &package : packages) {
        for (const QJsonObject &advisory : m_advisories) {
            if (affects(advisory, package))
                matches.append({ advisory.value(u"id"_s).toString().left(64),
                    advisory.value(u"summary"_s).toString().left(200), package });
        }
    }
    return matches;
}

} // namespace Gateway::Skills
