// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "core/result.h"

namespace Gateway::Skills
{

/// @brief Limits of one sandboxed run.
struct SandboxLimits
{
    int timeoutMs = 30000;
    qint64 memoryBytes = 512LL * 1024 * 1024; ///< RLIMIT_AS of the sandbox
    qint64 maxOutputBytes = 64 * 1024; ///< stdout and stderr each; more kills the run
    qint64 maxFileBytes = 64LL * 1024 * 1024; ///< RLIMIT_FSIZE
};

/// @brief What to run: argv inside the skill folder.
struct SandboxRequest
{
    QString folder; ///< the skill folder (absolute), mounted read-only
    QString dataFolder; ///< the only writable path (absolute; created when missing)
    QStringList command; ///< argv; command[0] is looked up on the sandbox's PATH
    bool network = false; ///< share the host network (the approved "network" capability)
    QStringList hiddenPaths; ///< extra folders replaced by an empty read-only tmpfs (the gateway home)
};

struct SandboxResult
{
    int exitCode = -1;
    bool timedOut = false;
    bool outputExceeded = false;
    QByteArray standardOutput;
    QByteArray standardError;
};

/// @brief Runs skill scripts under bubblewrap: the system read-only, /tmp /home /root /run/user
/// and the gateway home hidden behind empty read-only tmpfs mounts, the skill folder read-only
/// but for its data folder, every namespace unshared (the network too unless allowed),
/// --die-with-parent, a new session, RLIMIT_AS / RLIMIT_FSIZE / no core dumps, a minimal
/// environment, a time limit that kills the whole process group, and bounded output.
/// Fails closed: without a working bwrap nothing runs (code SANDBOX_UNAVAILABLE).
class Sandbox final
{
public:
    explicit Sandbox(SandboxLimits limits = {});

    /// Whether `bwrap --ro-bind / / --unshare-all true` works here (checked once, cached).
    /// reason explains a failure.
    static bool isAvailable(QString *reason = nullptr);
    /// The bwrap arguments for a request (tests inspect them).
    QStringList arguments(const SandboxRequest &request) const;
    /// Runs synchronously (bounded by the time limit).
    Result<SandboxResult> run(const SandboxRequest &request) const;

    const SandboxLimits &limits() const { return m_limits; }

private:
    SandboxLimits m_limits;
};

} // namespace Gateway::Skills
