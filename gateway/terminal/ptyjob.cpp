// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "terminal/ptyjob.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <limits>
#include <vector>

#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSocketNotifier>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Terminal
{

namespace
{
constexpr qint64 MAX_PENDING_INPUT = 64 * 1024;
constexpr qint64 READ_CHUNK = 16 * 1024;

int openPidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
    return int(::syscall(SYS_pidfd_open, pid, 0));
#else
    Q_UNUSED(pid);
    errno = ENOSYS;
    return -1;
#endif
}
} // namespace

PtyJob::PtyJob(Options options, QObject *parent) : QObject(parent), m_options(std::move(options))
{
    m_exitPoll.setInterval(100);
    connect(&m_exitPoll, &QTimer::timeout, this, &PtyJob::checkExit);
    m_timeLimit.setSingleShot(true);
    connect(&m_timeLimit, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        kill();
    });
    m_grace.setSingleShot(true);
    connect(&m_grace, &QTimer::timeout, this, [this] {
        if (m_pid > 0)
            ::killpg(pid_t(m_pid), SIGKILL);
    });
}

PtyJob::~PtyJob()
{
    if (m_state == State::Running && m_pid > 0) {
        ::killpg(pid_t(m_pid), SIGKILL);
        int status = 0;
        while (::waitpid(pid_t(m_pid), &status, 0) < 0 && errno == EINTR) { }
    }
    closeFds();
}

QString PtyJob::stateName(State state)
{
    switch (state) {
    case State::NotStarted:
        return u"pending"_s;
    case State::Running:
        return u"running"_s;
    case State::Exited:
        return u"exited"_s;
    case State::Killed:
        return u"killed"_s;
    case State::TimedOut:
        return u"timed_out"_s;
    case State::Failed:
        break;
    }
    return u"failed"_s;
}

bool PtyJob::start()
{
    if (m_state != State::NotStarted)
        return false;
    // Everything the child needs is built before fork(): after it only async-signal-safe calls.
    const QByteArray shell = QByteArrayLiteral("/bin/sh");
    const QByteArray commandBytes = m_options.command.toUtf8();
    const QByteArray cwd
        = QFile::encodeName(m_options.workingDirectory.isEmpty() ? QDir::homePath() : m_options.workingDirectory);
    std::vector<QByteArray> envBytes;
    envBytes.reserve(size_t(m_options.environment.size()));
    for (const QString &entry : std::as_const(m_options.environment))
        envBytes.push_back(entry.toUtf8());
    std::vector<char *> envp;
    for (QByteArray &entry : envBytes)
        envp.push_back(entry.data());
    envp.push_back(nullptr);
    QByteArray argShell = shell, argC = QByteArrayLiteral("-c"), argI = QByteArrayLiteral("-i");
    QByteArray argCommand = commandBytes;
    std::vector<char *> argv { argShell.data() };
    if (m_options.interactive && m_options.command.isEmpty()) {
        argv.push_back(argI.data());
    } else {
        argv.push_back(argC.data());
        argv.push_back(argCommand.data());
    }
    argv.push_back(nullptr);

    struct winsize size
    {
    };
    size.ws_row = 40;
    size.ws_col = 120;
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
    if (pid < 0) {
        m_error = u"cannot start a pseudo-terminal: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
        m_state = State::Failed;
        m_finishedAt = QDateTime::currentMSecsSinceEpoch();
        return false;
    }
    if (pid == 0) {
        // The child: its own session and process group (forkpty called setsid and made the PTY
        // its controlling terminal). Default signal handling, nothing blocked.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        for (int sig : { SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU })
            signal(sig, SIG_DFL);
        if (::chdir(cwd.constData()) != 0) {
            static const char message[] = "skynet: cannot change to the working directory\n";
            (void)!::write(STDERR_FILENO, message, sizeof(message) - 1);
            _exit(126);
        }
        ::execve(shell.constData(), argv.data(), envp.data());
        _exit(127);
    }
    m_pid = pid;
    m_master = master;
    m_startedAt = QDateTime::currentMSecsSinceEpoch();
    m_state = State::Running;
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    ::fcntl(m_master, F_SETFD, FD_CLOEXEC);
    m_readNotifier = new QSocketNotifier(qintptr(m_master), QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &PtyJob::readMaster);
    m_writeNotifier = new QSocketNotifier(qintptr(m_master), QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &PtyJob::writeMaster);
    m_pidfd = openPidfd(pid);
    if (m_pidfd >= 0) {
        ::fcntl(m_pidfd, F_SETFD, FD_CLOEXEC);
        m_exitNotifier = new QSocketNotifier(qintptr(m_pidfd), QSocketNotifier::Read, this);
        connect(m_exitNotifier, &QSocketNotifier::activated, this, &PtyJob::checkExit);
    } else {
        m_exitPoll.start();
    }
    if (m_options.timeLimitMs > 0)
        m_timeLimit.start(int(qMin<qint64>(m_options.timeLimitMs, std::numeric_limits<int>::max())));
    return true;
}

void PtyJob::kill()
{
    if (m_state != State::Running || m_pid <= 0)
        return;
    m_killRequested = true;
    ::killpg(pid_t(m_pid), SIGTERM);
    ::killpg(pid_t(m_pid), SIGCONT);
    if (m_options.killGraceMs <= 0)
        ::killpg(pid_t(m_pid), SIGKILL);
    else if (!m_grace.isActive())
        m_grace.start(m_options.killGraceMs);
}

bool PtyJob::write(const QByteArray &data)
{
    if (m_state != State::Running || !m_options.interactive)
        return false;
    if (m_input.size() + data.size() > MAX_PENDING_INPUT)
        return false;
    m_input.append(data);
    writeMaster();
    return true;
}

void PtyJob::writeMaster()
{
    while (!m_input.isEmpty() && m_master >= 0) {
        const ssize_t n = ::write(m_master, m_input.constData(), size_t(m_input.size()));
        if (n > 0) {
            m_input.remove(0, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EAGAIN)
            m_input.clear(); // the terminal is gone
        break;
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_input.isEmpty());
}

void PtyJob::readMaster()
{
    if (m_master < 0)
        return;
    char chunk[READ_CHUNK];
    bool added = false;
    for (;;) {
        const ssize_t n = ::read(m_master, chunk, sizeof chunk);
        if (n > 0) {
            m_buffer.append(chunk, qsizetype(n));
            added = true;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0 || (n < 0 && errno != EAGAIN)) {
            // EIO: every slave descriptor is closed; nothing more will come.
            if (m_readNotifier)
                m_readNotifier->setEnabled(false);
        }
        break;
    }
    if (m_buffer.size() > m_options.maxOutputBytes) {
        const qint64 excess = m_buffer.size() - m_options.maxOutputBytes;
        m_buffer.remove(0, qsizetype(excess));
        m_dropped += excess;
    }
    if (added)
        Q_EMIT outputAdded();
}

void PtyJob::checkExit()
{
    if (m_state != State::Running)
        return;
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(pid_t(m_pid), &status, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == pid_t(m_pid))
        reaped(status);
    else if (r < 0 && errno == ECHILD)
        reaped(0); // reaped elsewhere: nothing more to learn
}

void PtyJob::reaped(int status)
{
    // What is left of the process group (a backgrounded grandchild) ends with its leader.
    ::killpg(pid_t(m_pid), SIGKILL);
    readMaster();
    if (WIFEXITED(status))
        m_exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        m_signal = WTERMSIG(status);
    m_state = m_timedOut ? State::TimedOut : m_killRequested ? State::Killed : State::Exited;
    m_finishedAt = QDateTime::currentMSecsSinceEpoch();
    m_timeLimit.stop();
    m_grace.stop();
    m_exitPoll.stop();
    m_input.clear();
    closeFds();
    Q_EMIT finished();
}

void PtyJob::closeFds()
{
    // Called from a notifier's own activated() signal: disable now, delete later.
    for (QSocketNotifier **notifier : { &m_readNotifier, &m_writeNotifier, &m_exitNotifier }) {
        if (*notifier) {
            (*notifier)->setEnabled(false);
            (*notifier)->deleteLater();
            *notifier = nullptr;
        }
    }
    if (m_master >= 0)
        ::close(m_master);
    m_master = -1;
    if (m_pidfd >= 0)
        ::close(m_pidfd);
    m_pidfd = -1;
}

QByteArray PtyJob::output(qint64 offset, qint64 maxBytes, qint64 *start) const
{
    const qint64 from = qBound(m_dropped, offset, totalBytes());
    if (start)
        *start = from;
    return m_buffer.mid(qsizetype(from - m_dropped), qsizetype(qMax<qint64>(0, maxBytes)));
}

QByteArray PtyJob::tail(qint64 maxBytes) const
{
    return m_buffer.right(qsizetype(qMax<qint64>(0, maxBytes)));
}

} // namespace Gateway::Terminal
