// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "skills/requirements.h"

#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace Gateway::Skills
{

namespace
{

qint64 totalRamMb()
{
    QFile meminfo(u"/proc/meminfo"_s);
    if (!meminfo.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray first = meminfo.readLine(256); // "MemTotal:  16318368 kB"
    const QList<QByteArray> parts = first.simplified().split(' ');
    return parts.size() >= 2 && parts.first() == "MemTotal:" ? parts.at(1).toLongLong() / 1024 : 0;
}

} // namespace

QString HostInfo::normalizeArch(const QString &arch)
{
    const QString a = arch.toLower();
    if (a == u"amd64" || a == u"x64")
        return u"x86_64"_s;
    if (a == u"aarch64")
        return u"arm64"_s;
    return a;
}

HostInfo HostInfo::current()
{
    HostInfo host;
    const QString kernel = QSysInfo::kernelType();
    host.os = kernel == u"darwin" ? u"macos"_s : kernel == u"winnt" ? u"windows"_s : kernel;
    host.arch = normalizeArch(QSysInfo::currentCpuArchitecture());
    host.ramMb = totalRamMb();
    host.hasBinary = [](const QString &name) { return !QStandardPaths::findExecutable(name).isEmpty(); };
    return host;
}

QJsonObject RequirementReport::toJson() const
{
    return QJsonObject { { u"ok"_s, ok() }, { u"problems"_s, QJsonArray::fromStringList(problems) },
        { u"missingBinaries"_s, QJsonArray::fromStringList(missingBinaries) }, { u"installer"_s, installer },
        { u"installCommand"_s, installCommand } };
}

QPair<QString, QString> RequirementCheck::hintFor(const SkillManifest &manifest, const HostInfo &host)
{
    QStringList order;
    if (host.os == u"linux")
        order = { u"apt"_s, u"dnf"_s, u"pacman"_s };
    else if (host.os == u"macos")
        order = { u"brew"_s };
    else if (host.os == u"windows")
        order = { u"winget"_s, u"choco"_s, u"scoop"_s };
    order += { u"pip"_s, u"npm"_s, u"cargo"_s, u"go"_s };
    static const QHash<QString, QString> programs = { { u"apt"_s, u"apt-get"_s }, { u"pip"_s, u"pip3"_s } };
    for (const QString &manager : std::as_const(order)) {
        if (!manifest.installHints.contains(manager))
            continue;
        const QString program = programs.value(manager, manager);
        if (host.hasBinary && host.hasBinary(program))
            return { manager, manifest.installHints.value(manager) };
    }
    return {};
}

RequirementReport RequirementCheck::check(const SkillManifest &manifest, const HostInfo &host)
{
    RequirementReport report;
    if (!manifest.os.isEmpty() && !manifest.os.contains(host.os))
        report.problems.append(u"runs on %1, not on %2"_s.arg(manifest.os.join(u", "_s), host.os));
    if (!manifest.arch.isEmpty()) {
        bool match = false;
        for (const QString &a : manifest.arch)
            match = match || HostInfo::normalizeArch(a) == host.arch;
        if (!match)
            report.problems.append(
                u"needs a %1 processor, this one is %2"_s.arg(manifest.arch.join(u" or "_s), host.arch));
    }
    if (manifest.minRamMb > 0 && host.ramMb > 0 && host.ramMb < manifest.minRamMb)
        report.problems.append(
            u"needs %1 MB of memory, this machine has %2 MB"_s.arg(manifest.minRamMb).arg(host.ramMb));
    for (const QString &binary : manifest.binaries) {
        if (!host.hasBinary || !host.hasBinary(binary))
            report.missingBinaries.append(binary);
    }
    if (!report.missingBinaries.isEmpty()) {
        report.problems.append(u"missing programs: %1"_s.arg(report.missingBinaries.join(u", "_s)));
        const auto [installer, command] = hintFor(manifest, host);
        report.installer = installer;
        report.installCommand = command;
    }
    return report;
}

} // namespace Gateway::Skills
