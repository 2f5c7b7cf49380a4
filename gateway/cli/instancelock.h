// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>

namespace Gateway::Cli
{

/// @brief "A gateway has this database open": an exclusive flock() on a file next to the database
/// (<db>.lock, holding the pid for messages). The kernel drops the lock when the process dies, so
/// a crashed gateway never leaves a stale lock behind.
///
/// The gateway holds it while its storage is open; `skynet-gateway restore` takes it before it
/// replaces the file, so a gateway never starts on a half-restored database and a restore never
/// pulls the file from under a running gateway.
class InstanceLock final
{
public:
    explicit InstanceLock(const QString &databasePath);
    ~InstanceLock();
    InstanceLock(const InstanceLock &) = delete;
    InstanceLock &operator=(const InstanceLock &) = delete;

    /// Takes the lock without waiting; false when another live process holds it.
    bool tryLock();
    void unlock();
    bool isLocked() const;
    /// The pid written by the process holding the lock (0 when unknown or free).
    qint64 holderPid() const;
    /// True when another process holds the lock now (a running gateway on that database).
    static bool isHeldElsewhere(const QString &databasePath, qint64 *pid = nullptr);
    QString path() const { return m_path; }

    /// <databasePath>.lock
    static QString lockPathFor(const QString &databasePath);

private:
    QString m_path;
    int m_fd = -1;
};

} // namespace Gateway::Cli
