// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

class QSocketNotifier;

namespace Gateway::Terminal
{

/// @brief One process on its own pseudo-terminal: a `/bin/sh -c` command or an interactive
/// shell. The child is a session and process-group leader (forkpty → setsid), so kill() and the
/// limits reach everything it started.
///
/// Output is read from the PTY master through a QSocketNotifier (never a blocking read) into a
/// bounded buffer that keeps the newest bytes; offsets count every byte ever produced, so a reader
/// can poll "what came after offset N". Exit is noticed through a pidfd (Linux ≥ 5.3; a 100 ms
/// waitpid(WNOHANG) timer otherwise) and the child is reaped at once. When the leader ends, what
/// is left of its process group is killed: a job never outlives itself.
class PtyJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PtyJob)

public:
    enum class State { NotStarted, Running, Exited, Killed, TimedOut, Failed };

    struct Options
    {
        QString command; ///< run with /bin/sh -c; empty with interactive = a login-less shell
        bool interactive = false; ///< a shell that takes input through write()
        QString workingDirectory;
        qint64 maxOutputBytes = 1048576;
        qint64 timeLimitMs = 600000;
        int killGraceMs = 2000;
        QStringList environment; ///< "NAME=value" entries; the child gets only these
    };

    explicit PtyJob(Options options, QObject *parent = nullptr);
    ~PtyJob() override;

    /// Forks the child. False (state Failed, errorString set) when the PTY or fork fails.
    bool start();
    /// SIGTERM (and SIGCONT) to the process group, SIGKILL after the grace period.
    void kill();
    /// Queues input for an interactive job (bounded: false when more than 64 KiB would wait).
    bool write(const QByteArray &data);

    State state() const { return m_state; }
    static QString stateName(State state);
    bool isRunning() const { return m_state == State::Running; }
    int exitCode() const { return m_exitCode; } ///< for Exited
    int signalNumber() const { return m_signal; } ///< the signal that ended it, 0 if none
    qint64 pid() const { return m_pid; }
    QString errorString() const { return m_error; }
    qint64 startedAtMs() const { return m_startedAt; }
    qint64 finishedAtMs() const { return m_finishedAt; }

    /// Bytes produced so far (including dropped ones).
    qint64 totalBytes() const { return m_dropped + m_buffer.size(); }
    /// Bytes dropped from the front because of the output limit.
    qint64 droppedBytes() const { return m_dropped; }
    bool isTruncated() const { return m_dropped > 0; }
    /// Output from `offset` (clamped to what is kept), at most maxBytes; *start gets the offset
    /// of the first returned byte.
    QByteArray output(qint64 offset, qint64 maxBytes, qint64 *start = nullptr) const;
    /// The last maxBytes of output.
    QByteArray tail(qint64 maxBytes) const;

Q_SIGNALS:
    void outputAdded();
    void finished();

private:
    void readMaster();
    void writeMaster();
    void checkExit();
    void reaped(int status);
    void closeFds();

    Options m_options;
    State m_state = State::NotStarted;
    bool m_killRequested = false;
    bool m_timedOut = false;
    int m_exitCode = -1;
    int m_signal = 0;
    qint64 m_pid = -1;
    int m_master = -1;
    int m_pidfd = -1;
    QString m_error;
    qint64 m_startedAt = 0;
    qint64 m_finishedAt = 0;
    QByteArray m_buffer;
    qint64 m_dropped = 0;
    QByteArray m_input;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QSocketNotifier *m_exitNotifier = nullptr;
    QTimer m_exitPoll;
    QTimer m_timeLimit;
    QTimer m_grace;
};

} // namespace Gateway::Terminal
