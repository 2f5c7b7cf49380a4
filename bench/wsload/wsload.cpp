// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// wsload: WebSocket handshake and connection-hold load client for the gateway.
//
// Opens N QWebSocket connections with at most C handshakes in flight, completes the OpenClaw
// connect.challenge -> connect -> hello-ok handshake on each, holds them all open, reads the
// server's RSS from /proc/<pid>/status, checks that a sample of connections still answers a
// `health` request, then prints one JSON line on stdout and a human summary on stderr.
// Everything is driven by signals and timers; nothing sleeps. By default one event loop drives
// every socket; --threads T splits the sockets over T event loops (see docs/performance.md: Qt's
// poll()-based dispatchers cost O(open sockets) per wake-up, on the client as on the server).

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include "benchsupport.h"

using namespace Qt::StringLiterals;

namespace
{

/// @brief Command-line options of one run.
struct Options
{
    QUrl url;
    QString token;
    int count = 1000;
    int concurrency = 256;
    int threads = 1;
    qint64 serverPid = 0;
    int holdMs = 3000;
    int sample = 100;
    int timeoutMs = 120000;
    int sampleTimeoutMs = 30000;
    int protocolMax = 4;
};

// Shared helpers: bench/support/benchsupport.h
using Bench::ownCpuSeconds;
using Bench::percentile;
using Bench::ProcMemory;
using Bench::raiseFileLimit;
using Bench::readProcMemory;
using Bench::round2;

/// TcpExt ListenOverflows and ListenDrops of this network namespace (accept-queue overflows).
std::pair<qint64, qint64> readListenCounters()
{
    QFile file(u"/proc/net/netstat"_s);
    if (!file.open(QIODevice::ReadOnly))
        return { -1, -1 };
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (!lines.at(i).startsWith("TcpExt:") || !lines.at(i + 1).startsWith("TcpExt:"))
            continue;
        const QList<QByteArray> names = lines.at(i).simplified().split(' ');
        const QList<QByteArray> values = lines.at(i + 1).simplified().split(' ');
        const qsizetype overflows = names.indexOf("ListenOverflows");
        const qsizetype drops = names.indexOf("ListenDrops");
        if (overflows < 0 || drops < 0 || values.size() != names.size())
            return { -1, -1 };
        return { values.at(overflows).toLongLong(), values.at(drops).toLongLong() };
    }
    return { -1, -1 };
}

QString buildConnectFrame(const Options &options)
{
    return Bench::compact(
        Bench::connectFrame({ .token = options.token, .id = u"1"_s, .maxProtocol = options.protocolMax }));
}

/// @brief One event loop's share of the connections: opens them with a bounded number in flight,
/// completes each handshake, then answers the coordinator's health sample.
///
/// Lives in its own QThread. Its results are read by the coordinator only after freeze() ran.
class Shard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Shard)

public:
    Shard(const Options &options, int count, int concurrency, const QElapsedTimer &clock)
        : m_url(options.url),
          m_connectFrame(buildConnectFrame(options)),
          m_count(count),
          m_concurrency(concurrency),
          m_clock(clock)
    {
        m_connections.resize(size_t(count));
    }

    /// Results; valid once freeze() has returned.
    std::vector<double> handshakeMs;
    std::vector<double> upgradeMs;
    std::vector<double> healthMs;
    std::vector<qint64> helloNs;
    QHash<QString, int> errors;
    int ready = 0;
    int failed = 0;
    int dropped = 0;
    int healthSent = 0;
    int healthOk = 0;

    int readyNow() const
    {
        int n = 0;
        for (const Connection &conn : m_connections)
            n += conn.state == State::Ready ? 1 : 0;
        return n;
    }

public Q_SLOTS:
    void start()
    {
        const int initial = std::min(m_concurrency, m_count);
        for (int i = 0; i < initial; ++i)
            openNext();
        if (m_count == 0)
            Q_EMIT handshakesSettled();
    }

    /// Sends a `health` request on `sample` ready connections spread over the shard.
    void sendHealth(int sample)
    {
        std::vector<int> readyIndexes;
        for (int i = 0; i < m_count; ++i) {
            if (m_connections[size_t(i)].state == State::Ready)
                readyIndexes.push_back(i);
        }
        sample = std::min(sample, int(readyIndexes.size()));
        const QString frame = u"{\"type\":\"req\",\"id\":\"h\",\"method\":\"health\"}"_s;
        for (int k = 0; k < sample; ++k) {
            Connection &conn
                = m_connections[size_t(readyIndexes[size_t(qint64(k) * qint64(readyIndexes.size()) / sample)])];
            conn.healthSentNs = m_clock.nsecsElapsed();
            conn.socket->sendTextMessage(frame);
        }
        healthSent = sample;
        if (sample == 0)
            Q_EMIT healthSettled();
    }

    /// Stops reacting to the sockets so the coordinator can read the results.
    void freeze() { m_frozen = true; }

Q_SIGNALS:
    void handshakesSettled();
    void healthSettled();

private:
    enum class State { Idle, Opening, Upgraded, Ready, Failed, Closed };

    struct Connection
    {
        QWebSocket *socket = nullptr;
        State state = State::Idle;
        qint64 openedNs = 0;
        qint64 upgradedNs = 0;
        qint64 healthSentNs = 0;
    };

    void openNext()
    {
        if (m_nextIndex >= m_count || m_frozen)
            return;
        const int index = m_nextIndex++;
        Connection &conn = m_connections[size_t(index)];
        conn.socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        conn.state = State::Opening;
        conn.openedNs = m_clock.nsecsElapsed();
        QWebSocket *socket = conn.socket;
        connect(socket, &QWebSocket::connected, this, [this, index] {
            Connection &c = m_connections[size_t(index)];
            c.upgradedNs = m_clock.nsecsElapsed();
            c.state = State::Upgraded;
        });
        connect(socket, &QWebSocket::textMessageReceived, this,
            [this, index](const QString &message) { onMessage(index, message); });
        connect(socket, &QWebSocket::disconnected, this, [this, index] { onClosed(index); });
        // Qt 6.4 name (errorOccurred from 6.5); a refused connect reports only this, not disconnected.
        connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, index](QAbstractSocket::SocketError) {
                if (m_connections[size_t(index)].state != State::Ready)
                    onClosed(index);
            });
        socket->open(m_url);
    }

    void onMessage(int index, const QString &message)
    {
        if (m_frozen)
            return;
        Connection &conn = m_connections[size_t(index)];
        const QJsonObject frame = QJsonDocument::fromJson(message.toUtf8()).object();
        const QString type = frame.value(u"type"_s).toString();
        if (conn.state == State::Upgraded || conn.state == State::Opening) {
            if (type == u"event"_s && frame.value(u"event"_s).toString() == u"connect.challenge"_s) {
                conn.socket->sendTextMessage(m_connectFrame);
                return;
            }
            if (type == u"res"_s && frame.value(u"id"_s).toString() == u"1"_s) {
                const bool ok = frame.value(u"ok"_s).toBool()
                    && frame.value(u"payload"_s).toObject().value(u"type"_s).toString() == u"hello-ok"_s;
                if (!ok) {
                    fail(index,
                        u"connect rejected: "_s + frame.value(u"error"_s).toObject().value(u"message"_s).toString());
                    return;
                }
                conn.state = State::Ready;
                const qint64 now = m_clock.nsecsElapsed();
                handshakeMs.push_back(double(now - conn.openedNs) / 1e6);
                upgradeMs.push_back(double(conn.upgradedNs - conn.openedNs) / 1e6);
                helloNs.push_back(now);
                ++ready;
                settleOne();
            }
            return;
        }
        if (conn.state == State::Ready && conn.healthSentNs > 0 && type == u"res"_s
            && frame.value(u"id"_s).toString() == u"h"_s) {
            healthMs.push_back(double(m_clock.nsecsElapsed() - conn.healthSentNs) / 1e6);
            conn.healthSentNs = 0;
            healthOk += frame.value(u"ok"_s).toBool() ? 1 : 0;
            if (int(healthMs.size()) == healthSent)
                Q_EMIT healthSettled();
        }
    }

    void onClosed(int index)
    {
        Connection &conn = m_connections[size_t(index)];
        if (m_frozen || conn.state == State::Failed || conn.state == State::Closed)
            return;
        if (conn.state == State::Ready) {
            conn.state = State::Closed;
            ++dropped;
            if (conn.healthSentNs > 0) {
                conn.healthSentNs = 0;
                --healthSent;
                if (int(healthMs.size()) == healthSent)
                    Q_EMIT healthSettled();
            }
            return;
        }
        const QString reason
            = conn.socket->closeReason().isEmpty() ? conn.socket->errorString() : conn.socket->closeReason();
        fail(index, reason);
    }

    void fail(int index, const QString &reason)
    {
        Connection &conn = m_connections[size_t(index)];
        if (conn.state == State::Failed || conn.state == State::Ready)
            return;
        conn.state = State::Failed;
        ++failed;
        errors[reason.left(120)] += 1;
        conn.socket->abort();
        conn.socket->deleteLater();
        conn.socket = nullptr;
        settleOne();
    }

    void settleOne()
    {
        if (ready + failed < m_count)
            openNext();
        else
            Q_EMIT handshakesSettled();
    }

    const QUrl m_url;
    const QString m_connectFrame;
    const int m_count;
    const int m_concurrency;
    const QElapsedTimer m_clock;
    std::vector<Connection> m_connections;
    int m_nextIndex = 0;
    bool m_frozen = false;
};

/// @brief Runs the benchmark: starts the shards, holds, samples, reports.
class Coordinator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Coordinator)

public:
    explicit Coordinator(Options options, QObject *parent = nullptr) : QObject(parent), m_options(std::move(options))
    {
        m_holdTimer.setSingleShot(true);
        m_holdTimer.setTimerType(Qt::PreciseTimer);
        m_timeoutTimer.setSingleShot(true);
        m_sampleTimer.setSingleShot(true);
        connect(&m_holdTimer, &QTimer::timeout, this, &Coordinator::startHealthSample);
        connect(&m_timeoutTimer, &QTimer::timeout, this, [this] {
            m_timedOut = true;
            finish();
        });
        connect(&m_sampleTimer, &QTimer::timeout, this, &Coordinator::finish);
    }

    ~Coordinator() override
    {
        for (const std::unique_ptr<QThread> &thread : m_threads) {
            thread->quit();
            thread->wait();
        }
    }

    void start()
    {
        m_fileLimit = raiseFileLimit();
        m_serverBefore = readProcMemory(m_options.serverPid);
        m_serverCpuBefore = Bench::processCpuSeconds(m_options.serverPid);
        m_listenBefore = readListenCounters();
        m_timeoutTimer.start(m_options.timeoutMs);
        m_clock.start();
        const int threads = std::clamp(m_options.threads, 1, m_options.count);
        for (int t = 0; t < threads; ++t) {
            const int count = m_options.count / threads + (t < m_options.count % threads ? 1 : 0);
            const int concurrency = std::max(1, m_options.concurrency / threads);
            auto thread = std::make_unique<QThread>();
            auto shard = std::make_unique<Shard>(m_options, count, concurrency, m_clock);
            shard->moveToThread(thread.get());
            connect(thread.get(), &QThread::finished, shard.get(), &QObject::deleteLater);
            connect(shard.get(), &Shard::handshakesSettled, this, &Coordinator::onShardSettled);
            connect(shard.get(), &Shard::healthSettled, this, &Coordinator::onShardHealth);
            thread->start();
            m_shards.push_back(shard.release()); // owned by its thread from here on (deleteLater)
            m_threads.push_back(std::move(thread));
        }
        for (Shard *shard : m_shards)
            QMetaObject::invokeMethod(shard, &Shard::start, Qt::QueuedConnection);
    }

Q_SIGNALS:
    void done(int exitCode);

private:
    void onShardSettled()
    {
        if (++m_shardsSettled < int(m_shards.size()))
            return;
        m_handshakesEndNs = m_clock.nsecsElapsed();
        m_serverAfterHandshakes = readProcMemory(m_options.serverPid);
        m_holdTimer.start(m_options.holdMs);
    }

    void startHealthSample()
    {
        m_serverHeld = readProcMemory(m_options.serverPid);
        m_heldFor = double(m_clock.nsecsElapsed() - m_handshakesEndNs) / 1e9;
        m_sampleTimer.start(m_options.sampleTimeoutMs);
        const int shards = int(m_shards.size());
        for (int t = 0; t < shards; ++t) {
            const int sample = m_options.sample / shards + (t < m_options.sample % shards ? 1 : 0);
            QMetaObject::invokeMethod(
                m_shards[size_t(t)], [shard = m_shards[size_t(t)], sample] { shard->sendHealth(sample); });
        }
    }

    void onShardHealth()
    {
        if (++m_shardsSampled == int(m_shards.size()))
            finish();
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_holdTimer.stop();
        m_timeoutTimer.stop();
        m_sampleTimer.stop();
        for (Shard *shard : m_shards)
            QMetaObject::invokeMethod(shard, &Shard::freeze, Qt::BlockingQueuedConnection);
        const bool success = report();
        Q_EMIT done(success ? 0 : 1);
    }

    bool report() const
    {
        std::vector<double> handshake;
        std::vector<double> upgrade;
        std::vector<double> health;
        std::vector<qint64> hello;
        QHash<QString, int> errorCounts;
        int ready = 0;
        int failed = 0;
        int dropped = 0;
        int healthSent = 0;
        int healthOk = 0;
        for (const Shard *shard : m_shards) {
            handshake.insert(handshake.end(), shard->handshakeMs.cbegin(), shard->handshakeMs.cend());
            upgrade.insert(upgrade.end(), shard->upgradeMs.cbegin(), shard->upgradeMs.cend());
            health.insert(health.end(), shard->healthMs.cbegin(), shard->healthMs.cend());
            hello.insert(hello.end(), shard->helloNs.cbegin(), shard->helloNs.cend());
            for (auto it = shard->errors.cbegin(); it != shard->errors.cend(); ++it)
                errorCounts[it.key()] += it.value();
            ready += shard->ready;
            failed += shard->failed;
            dropped += shard->dropped;
            healthSent += shard->healthSent;
            healthOk += shard->healthOk;
        }
        std::sort(handshake.begin(), handshake.end());
        std::sort(upgrade.begin(), upgrade.end());
        std::sort(health.begin(), health.end());
        std::sort(hello.begin(), hello.end());

        // Wall time from the first open (clock start) to the last hello-ok.
        const double wallS = hello.empty() ? -1.0 : double(hello.back()) / 1e9;
        const double rate = wallS > 0 ? double(ready) / wallS : 0.0;
        // Handshake rate of each tenth of the run: shows whether it degrades as connections pile up.
        QJsonArray decileRates;
        if (hello.size() >= 10) {
            qint64 previousNs = 0;
            for (int d = 1; d <= 10; ++d) {
                const size_t end = hello.size() * size_t(d) / 10;
                const size_t begin = hello.size() * size_t(d - 1) / 10;
                const qint64 ns = hello[end - 1];
                decileRates.append(
                    std::round(double(end - begin) / (double(std::max<qint64>(1, ns - previousNs)) / 1e9)));
                previousNs = ns;
            }
        }
        const ProcMemory self = readProcMemory(QCoreApplication::applicationPid());
        const std::pair<qint64, qint64> listenAfter = readListenCounters();
        const double serverCpu = Bench::processCpuSeconds(m_options.serverPid);
        const double serverCpuUsed = (serverCpu >= 0 && m_serverCpuBefore >= 0) ? serverCpu - m_serverCpuBefore : -1.0;
        const qint64 perConnBytes = (m_serverHeld.rssKb > 0 && m_serverBefore.rssKb > 0 && ready > 0)
            ? (m_serverHeld.rssKb - m_serverBefore.rssKb) * 1024 / ready
            : -1;
        const qint64 overflows
            = (listenAfter.first >= 0 && m_listenBefore.first >= 0) ? listenAfter.first - m_listenBefore.first : -1;
        const qint64 drops
            = (listenAfter.second >= 0 && m_listenBefore.second >= 0) ? listenAfter.second - m_listenBefore.second : -1;
        QJsonObject errors;
        for (auto it = errorCounts.cbegin(); it != errorCounts.cend(); ++it)
            errors.insert(it.key(), it.value());

        const QJsonObject json {
            { u"bench"_s, u"wsload"_s },
            { u"url"_s, m_options.url.toString() },
            { u"n"_s, m_options.count },
            { u"concurrency"_s, m_options.concurrency },
            { u"client_threads"_s, int(m_shards.size()) },
            { u"ok"_s, ready },
            { u"failed"_s, failed },
            { u"timed_out"_s, m_timedOut },
            { u"wall_s"_s, std::round(wallS * 1000.0) / 1000.0 },
            { u"handshakes_per_s"_s, std::round(rate) },
            { u"rate_per_decile"_s, decileRates },
            { u"handshake_ms"_s,
                QJsonObject { { u"p50"_s, round2(percentile(handshake, 50)) },
                    { u"p90"_s, round2(percentile(handshake, 90)) }, { u"p99"_s, round2(percentile(handshake, 99)) },
                    { u"max"_s, round2(handshake.empty() ? -1.0 : handshake.back()) } } },
            { u"upgrade_ms"_s,
                QJsonObject {
                    { u"p50"_s, round2(percentile(upgrade, 50)) }, { u"p99"_s, round2(percentile(upgrade, 99)) } } },
            { u"held_s"_s, round2(m_heldFor) },
            { u"dropped_while_held"_s, dropped },
            { u"health_sent"_s, healthSent },
            { u"health_answered"_s, qint64(health.size()) },
            { u"health_ok"_s, healthOk },
            { u"health_p50_ms"_s, round2(percentile(health, 50)) },
            { u"health_max_ms"_s, round2(health.empty() ? -1.0 : health.back()) },
            { u"server_pid"_s, m_options.serverPid },
            { u"server_rss_kb_before"_s, m_serverBefore.rssKb },
            { u"server_rss_kb_after_handshakes"_s, m_serverAfterHandshakes.rssKb },
            { u"server_rss_kb_held"_s, m_serverHeld.rssKb },
            { u"server_hwm_kb"_s, m_serverHeld.hwmKb },
            { u"server_threads"_s, m_serverHeld.threads },
            { u"server_bytes_per_conn"_s, perConnBytes },
            { u"server_cpu_s"_s, round2(serverCpuUsed) },
            { u"client_cpu_s"_s, round2(ownCpuSeconds()) },
            { u"client_rss_kb"_s, self.rssKb },
            { u"listen_overflows"_s, overflows },
            { u"listen_drops"_s, drops },
            { u"nofile_soft"_s, qint64(m_fileLimit) },
            { u"errors"_s, errors },
        };
        std::fputs(QJsonDocument(json).toJson(QJsonDocument::Compact).constData(), stdout);
        std::fputs("\n", stdout);
        std::fflush(stdout);

        const auto mb = [](qint64 kb) { return kb < 0 ? u"?"_s : QString::number(double(kb) / 1024.0, 'f', 1); };
        QString summary;
        summary += u"wsload %1: %2/%3 handshakes ok, %4 failed%5\n"_s.arg(m_options.url.toString())
                       .arg(ready)
                       .arg(m_options.count)
                       .arg(failed)
                       .arg(m_timedOut ? u" (TIMED OUT)"_s : QString());
        summary += u"  rate      %1 handshakes/s over %2 s (concurrency %3, %4 client event loop(s))\n"_s
                       .arg(std::round(rate))
                       .arg(wallS, 0, 'f', 3)
                       .arg(m_options.concurrency)
                       .arg(m_shards.size());
        summary += u"  latency   p50 %1 ms, p90 %2 ms, p99 %3 ms, max %4 ms (open -> hello-ok)\n"_s
                       .arg(percentile(handshake, 50), 0, 'f', 2)
                       .arg(percentile(handshake, 90), 0, 'f', 2)
                       .arg(percentile(handshake, 99), 0, 'f', 2)
                       .arg(handshake.empty() ? -1.0 : handshake.back(), 0, 'f', 2);
        summary += u"  held      %1 connections for %2 s, %3 dropped; health %4/%5 answered (%6 ok), p50 %7 ms\n"_s
                       .arg(ready - dropped)
                       .arg(m_heldFor, 0, 'f', 1)
                       .arg(dropped)
                       .arg(health.size())
                       .arg(healthSent)
                       .arg(healthOk)
                       .arg(percentile(health, 50), 0, 'f', 2);
        if (m_options.serverPid > 0) {
            summary += u"  server    RSS %1 MB before, %2 MB held (HWM %3 MB), %4 KiB/connection, %5 CPU-s\n"_s
                           .arg(mb(m_serverBefore.rssKb), mb(m_serverHeld.rssKb), mb(m_serverHeld.hwmKb))
                           .arg(perConnBytes < 0 ? -1.0 : double(perConnBytes) / 1024.0, 0, 'f', 1)
                           .arg(serverCpuUsed, 0, 'f', 2);
        }
        summary
            += u"  client    RSS %1 MB, %2 CPU-s, RLIMIT_NOFILE %3; listen queue overflows %4\n"_s.arg(mb(self.rssKb))
                   .arg(ownCpuSeconds(), 0, 'f', 2)
                   .arg(qint64(m_fileLimit))
                   .arg(overflows);
        for (auto it = errorCounts.cbegin(); it != errorCounts.cend(); ++it)
            summary += u"  error x%1: %2\n"_s.arg(it.value()).arg(it.key());
        std::fputs(summary.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);

        return !m_timedOut && failed == 0 && dropped == 0 && healthSent > 0 && int(health.size()) == healthSent;
    }

    Options m_options;
    QElapsedTimer m_clock;
    QTimer m_holdTimer;
    QTimer m_timeoutTimer;
    QTimer m_sampleTimer;
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<Shard *> m_shards;
    ProcMemory m_serverBefore;
    ProcMemory m_serverAfterHandshakes;
    ProcMemory m_serverHeld;
    std::pair<qint64, qint64> m_listenBefore { -1, -1 };
    double m_serverCpuBefore = -1.0;
    double m_heldFor = 0.0;
    rlim_t m_fileLimit = 0;
    qint64 m_handshakesEndNs = 0;
    int m_shardsSettled = 0;
    int m_shardsSampled = 0;
    bool m_timedOut = false;
    bool m_finished = false;
};

} // namespace

int main(int argc, char **argv)
{
    // Qt's glib dispatcher keeps socket notifiers in linked lists (O(n) add/remove) on top of the
    // O(n) poll(); the plain UNIX dispatcher roughly halves the client's CPU with 10k sockets.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"wsload"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Opens N authenticated OpenClaw WebSocket connections, measures handshakes/s and latency, "
        "holds them and reads the server's RSS. One JSON line on stdout, a summary on stderr."_s);
    parser.addHelpOption();
    const QCommandLineOption urlOption(u"url"_s, u"Gateway WebSocket URL."_s, u"url"_s, u"ws://127.0.0.1:18789/"_s);
    const QCommandLineOption countOption({ u"n"_s, u"count"_s }, u"Connections to open."_s, u"N"_s, u"1000"_s);
    const QCommandLineOption concurrencyOption(
        { u"c"_s, u"concurrency"_s }, u"Handshakes in flight (total)."_s, u"C"_s, u"256"_s);
    const QCommandLineOption threadsOption(
        { u"t"_s, u"threads"_s }, u"Client event loops (threads)."_s, u"T"_s, u"1"_s);
    const QCommandLineOption tokenOption(u"token"_s, u"Gateway token (default: $SKYNET_GATEWAY_TOKEN)."_s, u"token"_s);
    const QCommandLineOption pidOption(u"pid"_s, u"Server pid whose VmRSS is read."_s, u"pid"_s, u"0"_s);
    const QCommandLineOption holdOption(u"hold"_s, u"Seconds to hold all connections open."_s, u"s"_s, u"3"_s);
    const QCommandLineOption sampleOption(u"sample"_s, u"Connections that send a health request."_s, u"K"_s, u"100"_s);
    const QCommandLineOption timeoutOption(u"timeout"_s, u"Give up after this many seconds."_s, u"s"_s, u"120"_s);
    const QCommandLineOption sampleTimeoutOption(
        u"sample-timeout"_s, u"Seconds to wait for the health answers."_s, u"s"_s, u"30"_s);
    const QCommandLineOption protocolOption(
        u"max-protocol"_s, u"maxProtocol sent in connect (3 or 4)."_s, u"v"_s, u"4"_s);
    parser.addOptions({ urlOption, countOption, concurrencyOption, threadsOption, tokenOption, pidOption, holdOption,
        sampleOption, sampleTimeoutOption, timeoutOption, protocolOption });
    parser.process(app);

    Options options;
    options.url = QUrl(parser.value(urlOption));
    options.token
        = parser.isSet(tokenOption) ? parser.value(tokenOption) : qEnvironmentVariable("SKYNET_GATEWAY_TOKEN");
    options.count = std::max(1, parser.value(countOption).toInt());
    options.concurrency = std::max(1, parser.value(concurrencyOption).toInt());
    options.threads = std::max(1, parser.value(threadsOption).toInt());
    options.serverPid = parser.value(pidOption).toLongLong();
    options.holdMs = int(parser.value(holdOption).toDouble() * 1000.0);
    options.sample = std::max(0, parser.value(sampleOption).toInt());
    options.timeoutMs = int(parser.value(timeoutOption).toDouble() * 1000.0);
    options.sampleTimeoutMs = int(parser.value(sampleTimeoutOption).toDouble() * 1000.0);
    options.protocolMax = parser.value(protocolOption).toInt();
    if (!options.url.isValid() || options.url.scheme() != u"ws"_s) {
        std::fputs("wsload: --url must be a ws:// URL\n", stderr);
        return 2;
    }

    // Each connection needs one fd here (and one in the server); say so before the run fails.
    const rlim_t limit = raiseFileLimit();
    if (limit < rlim_t(options.count) + 64) {
        std::fprintf(stderr,
            "wsload: RLIMIT_NOFILE hard limit %llu is too low for %d connections "
            "(raise it as root: `ulimit -Hn`, limits.conf or LimitNOFILE=)\n",
            static_cast<unsigned long long>(limit), options.count);
        return 2;
    }

    auto coordinator = std::make_unique<Coordinator>(options);
    QObject::connect(coordinator.get(), &Coordinator::done, &app, [](int code) {
        // Tearing down 10k sockets one by one costs seconds (each removal scans the notifier
        // list); the kernel closes them faster. Results are already printed and flushed.
        std::fflush(nullptr);
        ::_exit(code);
    });
    QTimer::singleShot(0, coordinator.get(), &Coordinator::start);
    return app.exec();
}

#include "wsload.moc"
