// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// benchsupport: helpers shared by the benchmark programs in bench/ (chatload, overhead, wsload,
// soakdriver): /proc readers, the process clock and CPU time, RLIMIT_NOFILE, percentiles, an
// event-loop wait, a scan of compact JSON, the OpenClaw connect frame and a child-process
// launcher that waits for a "listening on <url>" line. Header-only; Linux (reads /proc).

#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <vector>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

namespace Bench
{

using namespace Qt::StringLiterals;

/// CLOCK_MONOTONIC in ns: the same clock on every thread of this process and in its children.
inline qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// ---------------------------------------------------------------------------------------------
// /proc readers and resource limits

/// @brief Memory figures of one process, in KiB, from /proc/<pid>/status.
struct ProcMemory
{
    qint64 rssKb = -1;
    qint64 hwmKb = -1;
    int threads = -1;
};

inline ProcMemory readProcMemory(qint64 pid)
{
    ProcMemory memory;
    QFile file(u"/proc/%1/status"_s.arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return memory;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const auto value
            = [&line] { return line.mid(line.indexOf(':') + 1).simplified().split(' ').value(0).toLongLong(); };
        if (line.startsWith("VmRSS:"))
            memory.rssKb = value();
        else if (line.startsWith("VmHWM:"))
            memory.hwmKb = value();
        else if (line.startsWith("Threads:"))
            memory.threads = int(value());
    }
    return memory;
}

/// CPU seconds (user + system) a process has used, from /proc/<pid>/stat; -1 if unknown.
inline double processCpuSeconds(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return -1.0;
    const QByteArray stat = file.readAll();
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1.0;
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / double(sysconf(_SC_CLK_TCK));
}

/// CPU seconds (user + system) this process has used.
inline double ownCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &tv) { return double(tv.tv_sec) + double(tv.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// Raises the soft RLIMIT_NOFILE to the hard limit; returns the resulting soft limit.
inline rlim_t raiseFileLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return limit.rlim_cur;
}

/// The 1, 5 and 15 minute load averages ("0.52 0.58 0.59"), or empty.
inline QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).section(u' ', 0, 2) : QString();
}

/// "<n> CPUs, <model>, kernel <version>, Qt <version>".
inline QString machineLine()
{
    QString model;
    QFile cpuinfo(u"/proc/cpuinfo"_s);
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name")) {
                model = QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
    return u"%1 CPUs, %2, kernel %3, Qt %4"_s.arg(sysconf(_SC_NPROCESSORS_ONLN))
        .arg(model, QSysInfo::kernelVersion(), QString::fromLatin1(qVersion()));
}

// ---------------------------------------------------------------------------------------------
// Statistics

/// Nearest-rank percentile; -1 when there are no values.
inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return -1.0;
    std::sort(values.begin(), values.end());
    const auto rank = size_t(std::ceil(p / 100.0 * double(values.size())));
    return values.at(std::clamp<size_t>(rank, 1, values.size()) - 1);
}

/// The median (the mean of the middle two for an even count); -1 when there are no values.
inline double median(std::vector<double> values)
{
    if (values.empty())
        return -1.0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2.0;
}

inline double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

inline double round3(double value)
{
    return std::round(value * 1000.0) / 1000.0;
}

// ---------------------------------------------------------------------------------------------
// The event loop

/// Runs the event loop until done() holds or timeoutMs passed; false on timeout.
///
/// pollMs 0: one single-shot timer makes the blocking processEvents() return at the deadline.
/// pollMs > 0: a periodic timer wakes it that often to check done(); needed where done() turns
/// on events posted from other threads, which the UNIX dispatcher (QT_NO_GLIB) delivers and then
/// goes on blocking in poll().
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs, int pollMs = 0)
{
    const QDeadlineTimer deadline(timeoutMs);
    QTimer wake;
    if (pollMs > 0) {
        wake.start(std::min(timeoutMs, pollMs));
    } else {
        wake.setSingleShot(true);
        wake.start(timeoutMs);
    }
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    // deleteLater() is otherwise never honoured: no exec() is running.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Frames

/// The string value of "key":"…" in compact JSON (first or last occurrence), still escaped.
/// A scan, not a parse: the client must not be the bottleneck with thousands of connections or
/// when a frame carries a large cumulative `message` (Qt writes object keys sorted).
inline QStringView stringField(QStringView json, QStringView key, bool last = false)
{
    const QString needle = u"\""_s + key + u"\":\""_s;
    const qsizetype at = last ? json.lastIndexOf(needle) : json.indexOf(needle);
    if (at < 0)
        return {};
    const qsizetype begin = at + needle.size();
    for (qsizetype i = begin; i < json.size(); ++i) {
        if (json.at(i) == u'\\')
            ++i;
        else if (json.at(i) == u'"')
            return json.mid(begin, i - begin);
    }
    return {};
}

/// A JSON object as compact UTF-8 text.
inline QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

/// @brief What varies between the benchmarks' OpenClaw `connect` requests.
struct ConnectRequest
{
    QString token;
    QStringList scopes { u"operator.read"_s };
    QString id = u"c1"_s;
    int minProtocol = 3;
    int maxProtocol = 4;
    QString version = u"bench"_s; ///< client.version
    bool caps = false; ///< send an empty "caps" array
};

/// The `connect` req frame an operator CLI client answers connect.challenge with.
inline QJsonObject connectFrame(const ConnectRequest &request)
{
    const QJsonObject client { { u"id"_s, u"cli"_s }, { u"version"_s, request.version }, { u"platform"_s, u"linux"_s },
        { u"mode"_s, u"cli"_s } };
    QJsonObject params { { u"minProtocol"_s, request.minProtocol }, { u"maxProtocol"_s, request.maxProtocol },
        { u"client"_s, client }, { u"role"_s, u"operator"_s },
        { u"scopes"_s, QJsonArray::fromStringList(request.scopes) },
        { u"auth"_s, QJsonObject { { u"token"_s, request.token } } } };
    if (request.caps)
        params.insert(u"caps"_s, QJsonArray());
    return QJsonObject { { u"type"_s, u"req"_s }, { u"id"_s, request.id }, { u"method"_s, u"connect"_s },
        { u"params"_s, params } };
}

// ---------------------------------------------------------------------------------------------
// Child processes

/// @brief A child process (a fake or the gateway) that prints "listening on <url>" once ready.
///
/// Its output goes to files in a temporary folder: draining pipes would cost this client CPU
/// during a measurement.
class Child
{
public:
    static constexpr int START_TIMEOUT_MS = 15000;

    /// stopTimeoutMs: how long stop() waits after SIGTERM before SIGKILL; pollMs: see waitUntil().
    explicit Child(const QString &name, int stopTimeoutMs = 15000, int pollMs = 0)
        : m_name(name), m_stopTimeoutMs(stopTimeoutMs), m_pollMs(pollMs)
    {
    }
    ~Child() { stop(); }
    Child(const Child &) = delete;
    Child &operator=(const Child &) = delete;

    /// Starts program and waits for the first "listening on <scheme>://host:port" in its output.
    bool start(const QString &program, const QStringList &args, const QProcessEnvironment &env)
    {
        m_process.setProcessEnvironment(env);
        m_process.setProgram(program);
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setStandardOutputFile(m_logDir.filePath(u"stdout"_s));
        m_process.setStandardErrorFile(m_logDir.filePath(u"stderr"_s));
        m_process.start();
        if (!m_process.waitForStarted(START_TIMEOUT_MS)) {
            m_error = m_process.errorString();
            return false;
        }
        static const QRegularExpression listening(u"listening on (\\w+://[^\\s:]+:(\\d+))"_s);
        const bool ok = waitUntil(
            [&] {
                if (m_process.state() != QProcess::Running)
                    return true;
                QFile out(m_logDir.filePath(u"stdout"_s));
                if (!out.open(QIODevice::ReadOnly))
                    return false;
                const QRegularExpressionMatch match = listening.match(QString::fromUtf8(out.readAll()));
                if (match.hasMatch()) {
                    m_url = QUrl(match.captured(1));
                    m_port = quint16(match.captured(2).toUInt());
                }
                return match.hasMatch();
            },
            START_TIMEOUT_MS, m_pollMs);
        if (!ok || m_port == 0) {
            m_error = u"no \"listening on\" line; stderr: "_s + standardError();
            return false;
        }
        return true;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(m_stopTimeoutMs)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }

    /// Removes the log folder (the process ends with _exit(), which runs no destructor).
    void removeLogs() { m_logDir.remove(); }
    qint64 pid() const { return m_process.processId(); }
    quint16 port() const { return m_port; }
    QUrl url() const { return m_url; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    QString errorString() const { return m_name + u": "_s + m_error; }
    /// Everything the child wrote to stdout so far.
    QByteArray standardOutput() const
    {
        QFile out(m_logDir.filePath(u"stdout"_s));
        return out.open(QIODevice::ReadOnly) ? out.readAll() : QByteArray();
    }
    /// The last 2000 bytes the child wrote to stderr.
    QString standardError() const
    {
        QFile err(m_logDir.filePath(u"stderr"_s));
        return err.open(QIODevice::ReadOnly) ? QString::fromUtf8(err.readAll().right(2000)) : QString();
    }
    /// Lines of the child's stderr that contain any of the words (warnings, errors); -1 if unreadable.
    int countStderr(const QStringList &words) const
    {
        QFile err(m_logDir.filePath(u"stderr"_s));
        if (!err.open(QIODevice::ReadOnly))
            return -1;
        int n = 0;
        for (const QByteArray &line : err.readAll().split('\n')) {
            for (const QString &word : words) {
                if (line.contains(word.toUtf8())) {
                    ++n;
                    break;
                }
            }
        }
        return n;
    }

private:
    QString m_name;
    int m_stopTimeoutMs;
    int m_pollMs;
    QTemporaryDir m_logDir;
    QProcess m_process;
    QUrl m_url;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace Bench
