// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "skills/sandbox.h"

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include "logging.h"

using namespace Qt::StringLiterals;

namespace Gateway::Skills
{

namespace
{

QString bwrapPath()
{
    return QStandardPaths::findExecutable(u"bwrap"_s);
}

struct Availability
{
    bool ok = false;
    QString reason;
};

Availability probe()
{
    const QString bwrap = bwrapPath();
    if (bwrap.isEmpty())
        return { false, u"bubblewrap (bwrap) is not installed"_s };
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(bwrap, { u"--ro-bind"_s, u"/"_s, u"/"_s, u"--unshare-all"_s, u"--die-with-parent"_s, u"true"_s });
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished(1000);
        return { false, u"bwrap did not answer"_s };
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return { false,
            u"bwrap cannot create namespaces here: "_s + QString::fromLocal8Bit(p.readAll()).trimmed().left(300) };
    return { true, {} };
}

bool isUnder(const QString &path, const QString &folder)
{
    return path == folder || path.startsWith(folder + u'/');
}

} // namespace

Sandbox::Sandbox(SandboxLimits limits) : m_limits(limits) { }

bool Sandbox::isAvailable(QString *reason)
{
    static const Availability availability = probe();
    if (reason)
        *reason = availability.reason;
    return availability.ok;
}

QStringList Sandbox::arguments(const SandboxRequest &request) const
{
    const QString folder = QDir::cleanPath(QFileInfo(request.folder).absoluteFilePath());
    // No data folder = nothing writable at all (QFileInfo("") would name the current folder).
    const QString data
        = request.dataFolder.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(request.dataFolder).absoluteFilePath());
    QStringList args { u"--ro-bind"_s, u"/"_s, u"/"_s, u"--dev"_s, u"/dev"_s, u"--proc"_s, u"/proc"_s };
    // Empty read-only stand-ins for the places secrets and other users' sockets live.
    QStringList hidden;
    for (const QString &path : { u"/tmp"_s, u"/var/tmp"_s, u"/home"_s, u"/root"_s, u"/run/user"_s })
        hidden.append(path);
    for (const QString &path : request.hiddenPaths) {
        const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
        if (clean.size() > 1
            && std::none_of(hidden.cbegin(), hidden.cend(), [&](const QString &h) { return isUnder(clean, h); }))
            hidden.append(clean);
    }
    QStringList mounted;
    for (const QString &path : std::as_const(hidden)) {
        if (!QFileInfo(path).isDir())
            continue;
        args << u"--tmpfs"_s << path;
        mounted.append(path);
    }
    args << u"--ro-bind"_s << folder << folder;
    if (!data.isEmpty())
        args << u"--bind"_s << data << data;
    for (const QString &path : std::as_const(mounted))
        args << u"--remount-ro"_s << path;
    args << u"--chdir"_s << folder << u"--unshare-all"_s;
    if (request.network)
        args << u"--share-net"_s;
    args << u"--die-with-parent"_s << u"--new-session"_s << u"--hostname"_s << u"skill"_s << u"--"_s;
    args += request.command;
    return args;
}

Result<SandboxResult> Sandbox::run(const SandboxRequest &request) const
{
    QString reason;
    if (!isAvailable(&reason))
        return Error { u"SANDBOX_UNAVAILABLE"_s, u"the sandbox is not available, so nothing runs: "_s + reason };
    if (request.command.isEmpty())
        return Error { u"INVALID_REQUEST"_s, u"nothing to run"_s };
    if (!request.dataFolder.isEmpty() && !QDir().mkpath(request.dataFolder))
        return Error { u"SANDBOX_FAILED"_s, u"cannot create the skill's data folder"_s };

    QProcess process;
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/local/bin:/usr/bin:/bin"_s);
    env.insert(u"LANG"_s, u"C.UTF-8"_s);
    const QString home = request.dataFolder.isEmpty() ? request.folder : request.dataFolder;
    env.insert(u"HOME"_s, home);
    env.insert(u"TMPDIR"_s, home);
    env.insert(u"SKILL_DIR"_s, request.folder);
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    const SandboxLimits limits = m_limits;
    // In the child before exec: its own process group (killed as a whole), and the limits,
    // which bwrap and everything it starts inherit.
    process.setChildProcessModifier([limits] {
        ::setsid();
        const rlimit as { rlim_t(limits.memoryBytes), rlim_t(limits.memoryBytes) };
        ::setrlimit(RLIMIT_AS, &as);
        const rlimit fsize { rlim_t(limits.maxFileBytes), rlim_t(limits.maxFileBytes) };
        ::setrlimit(RLIMIT_FSIZE, &fsize);
        const rlimit core { 0, 0 };
        ::setrlimit(RLIMIT_CORE, &core);
    });

    SandboxResult result;
    const auto killGroup = [&process] {
        const qint64 pid = process.processId();
        if (pid > 0)
            ::kill(-pid_t(pid), SIGKILL);
        process.kill();
    };
    const auto drain = [&](QProcess::ProcessChannel channel, QByteArray &into) {
        process.setReadChannel(channel);
        const QByteArray chunk = process.readAll();
        if (into.size() + chunk.size() > limits.maxOutputBytes) {
            into += chunk.left(limits.maxOutputBytes - into.size());
            if (!result.outputExceeded) {
                result.outputExceeded = true;
                killGroup();
            }
        } else {
            into += chunk;
        }
    };
    QObject::connect(&process, &QProcess::readyReadStandardOutput, &process,
        [&] { drain(QProcess::StandardOutput, result.standardOutput); });
    QObject::connect(&process, &QProcess::readyReadStandardError, &process,
        [&] { drain(QProcess::StandardError, result.standardError); });

    process.start(bwrapPath(), arguments(request));
    if (!process.waitForStarted(10000))
        return Error { u"SANDBOX_FAILED"_s, u"bwrap did not start: "_s + process.errorString() };
    const QDeadlineTimer deadline(limits.timeoutMs);
    while (process.state() != QProcess::NotRunning) {
        if (deadline.hasExpired()) {
            result.timedOut = true;
            qCInfo(lcGatewaySkills) << "sandbox: time limit reached, killing the process group";
            killGroup();
            process.waitForFinished(5000);
            break;
        }
        process.waitForFinished(int(std::clamp<qint64>(deadline.remainingTime(), 1, 200)));
    }
    drain(QProcess::StandardOutput, result.standardOutput);
    drain(QProcess::StandardError, result.standardError);
    result.exitCode = process.exitStatus() == QProcess::NormalExit && !result.timedOut && !result.outputExceeded
        ? process.exitCode()
        : -1;
    return result;
}

} // namespace Gateway::Skills
