// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "cli/instancelock.h"

#include <QFile>

#if defined(Q_OS_UNIX)
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Cli
{

InstanceLock::InstanceLock(const QString &databasePath) : m_path(lockPathFor(databasePath)) { }

InstanceLock::~InstanceLock()
{
    unlock();
}

QString InstanceLock::lockPathFor(const QString &databasePath)
{
    return databasePath + u".lock"_s;
}

bool InstanceLock::tryLock()
{
#if defined(Q_OS_UNIX)
    if (m_fd >= 0)
        return true;
    const QByteArray path = QFile::encodeName(m_path);
    const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return false;
    }
    // The pid, for "a gateway (pid N) is running" messages; the lock itself is the flock.
    const QByteArray pid = QByteArray::number(qint64(::getpid())) + '\n';
    if (::ftruncate(fd, 0) == 0)
        (void)!::pwrite(fd, pid.constData(), size_t(pid.size()), 0);
    m_fd = fd;
    return true;
#else
    return true; // no lock on this platform yet: restore relies on the port check
#endif
}

void InstanceLock::unlock()
{
#if defined(Q_OS_UNIX)
    if (m_fd < 0)
        return;
    // The file stays: removing it would race with a process that just opened it.
    ::flock(m_fd, LOCK_UN);
    ::close(m_fd);
    m_fd = -1;
#endif
}

bool InstanceLock::isLocked() const
{
    return m_fd >= 0;
}

qint64 InstanceLock::holderPid() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.read(32).trimmed().toLongLong();
}

bool InstanceLock::isHeldElsewhere(const QString &databasePath, qint64 *pid)
{
    InstanceLock probe(databasePath);
    if (!QFile::exists(probe.path()))
        return false;
    if (probe.tryLock()) {
        probe.unlock();
        return false;
    }
    if (pid)
        *pid = probe.holderPid();
    return true;
}

} // namespace Gateway::Cli
