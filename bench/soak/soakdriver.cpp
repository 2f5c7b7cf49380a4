// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// soakdriver: the steady workload and the sampler of the soak (bench/soak.sh, docs/reliability.md).
//
// Against a running skynet-gateway (started by bench/soak.sh with an accelerated clock): creates
// users with personal tokens and scheduled jobs (interval and cron) for each, keeps N WebSocket
// clients connected over those users, sends chat turns at a steady rate over a few sessions per
// user, closes and reopens a client now and then, asks for `health` periodically, and samples the
// gateway's RSS, open file descriptors, threads, CPU time and database size (+ WAL) every few
// seconds. Writes samples.csv, summary.json and summary.txt into --out and prints the summary.
// Everything is driven by timers and signals; nothing sleeps.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTextStream>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include "benchsupport.h"

using namespace Qt::StringLiterals;

namespace
{

struct Options
{
    QUrl url;
    QString token;
    qint64 pid = 0;
    QString dbPath;
    QString outDir;
    double minutes = 60;
    double scale = 24;
    int clients = 50;
    int users = 10;
    int sessionsPerUser = 3;
    double turnsPerSecond = 3;
    int sampleSeconds = 15;
    int reconnectSeconds = 5;
    int healthSeconds = 10;
    int turnTimeoutMs = 120000;
};

struct Sample
{
    double realS = 0;
    double virtualH = 0;
    qint64 rssKb = -1;
    qint64 hwmKb = -1;
    int fds = -1;
    int threads = -1;
    double cpuS = -1;
    qint64 dbBytes = 0;
    qint64 walBytes = 0;
    qint64 turnsOk = 0;
    qint64 errors = 0;
    qint64 reconnects = 0;
    qint64 healthOk = 0;
    qint64 firings = -1;
    qint64 messages = -1;
    qint64 sessions = -1;
    qint64 memories = -1;
    int connected = 0;
};

int procFds(qint64 pid)
{
    const QDir dir(u"/proc/%1/fd"_s.arg(pid));
    if (!dir.exists())
        return -1;
    return int(dir.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size());
}

qint64 fileSize(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? info.size() : 0;
}

/// One WebSocket connection that completes the connect handshake and then carries requests.
class Connection : public QObject
{
public:
    using Callback = std::function<void(const QJsonObject &frame)>;

    Connection(QString token, QObject *parent) : QObject(parent), m_token(std::move(token))
    {
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, this, &Connection::onText);
        QObject::connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            const bool was = m_ready;
            m_ready = false;
            failPending(u"disconnected"_s);
            if (onClosed)
                onClosed(was);
        });
    }

    void open(const QUrl &url)
    {
        m_ready = false;
        m_socket.open(url);
    }
    void close() { m_socket.close(); }
    bool isReady() const { return m_ready; }
    bool isBusy() const { return !runId.isEmpty(); }

    QString request(const QString &method, const QJsonObject &params, Callback callback)
    {
        const QString id = u"r%1"_s.arg(++m_nextId);
        QJsonObject frame { { u"type"_s, u"req"_s }, { u"id"_s, id }, { u"method"_s, method } };
        if (!params.isEmpty())
            frame.insert(u"params"_s, params);
        if (callback)
            m_pending.insert(id, std::move(callback));
        m_socket.sendTextMessage(Bench::compact(frame));
        return id;
    }

    std::function<void()> onReady;
    std::function<void(const QString &)> onConnectFailed;
    std::function<void(bool wasReady)> onClosed;
    std::function<void(const QJsonObject &payload)> onChatEvent;

    // The turn in flight (driver state).
    QString runId;
    qint64 sentAtMs = 0;
    int user = 0;

private:
    void onText(const QString &text)
    {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = frame.value(u"type"_s).toString();
        if (type == u"event") {
            const QString event = frame.value(u"event"_s).toString();
            if (event == u"connect.challenge") {
                sendConnect();
            } else if (event == u"chat" && onChatEvent) {
                onChatEvent(frame.value(u"payload"_s).toObject());
            }
            return;
        }
        if (type != u"res")
            return;
        const QString id = frame.value(u"id"_s).toString();
        if (id == u"connect"_s) {
            if (frame.value(u"ok"_s).toBool()
                && frame.value(u"payload"_s).toObject().value(u"type"_s).toString() == u"hello-ok") {
                m_ready = true;
                if (onReady)
                    onReady();
            } else if (onConnectFailed) {
                onConnectFailed(Bench::compact(frame).left(300));
            }
            return;
        }
        const Callback callback = m_pending.take(id);
        if (callback)
            callback(frame);
    }

    void sendConnect()
    {
        m_socket.sendTextMessage(Bench::compact(Bench::connectFrame({ .token = m_token,
            .scopes = { u"operator.read"_s, u"operator.write"_s, u"operator.admin"_s },
            .id = u"connect"_s,
            .version = u"soak"_s,
            .caps = true })));
    }

    void failPending(const QString &why)
    {
        const QHash<QString, Callback> pending = std::exchange(m_pending, {});
        for (const Callback &callback : pending) {
            callback(QJsonObject { { u"type"_s, u"res"_s }, { u"ok"_s, false },
                { u"error"_s, QJsonObject { { u"code"_s, u"CLOSED"_s }, { u"message"_s, why } } } });
        }
    }

    QWebSocket m_socket;
    QString m_token;
    bool m_ready = false;
    qint64 m_nextId = 0;
    QHash<QString, Callback> m_pending;
};

class Soak : public QObject
{
public:
    explicit Soak(Options options) : m_o(std::move(options)) { }

    void start()
    {
        m_wall.start();
        m_admin = new Connection(m_o.token, this);
        m_admin->onConnectFailed = [this](const QString &why) { fatal(u"the admin connection failed: "_s + why); };
        m_admin->onReady = [this] { setUp(); };
        m_admin->onClosed = [this](bool) {
            if (!m_finishing)
                error(u"admin connection closed"_s);
        };
        m_admin->open(m_o.url);
        QTimer::singleShot(30000, this, [this] {
            if (!m_running && !m_finishing)
                fatal(u"set-up did not finish in 30 s"_s);
        });
    }

private:
    double virtualHours() const { return double(m_wall.elapsed()) / 3.6e6 * m_o.scale; }

    void error(const QString &what)
    {
        ++m_errors;
        m_errorKinds[what.left(60)] += 1;
        if (m_errors <= 20)
            std::fprintf(stderr, "soak: error: %s\n", qPrintable(what));
    }

    void fatal(const QString &what)
    {
        std::fprintf(stderr, "soak: FATAL: %s\n", qPrintable(what));
        m_fatal = what;
        finish();
    }

    void setUp()
    {
        // Users with their own tokens, a generous daily budget (so the per-day accounting runs
        // over virtual days without refusing), and two interval and two cron jobs each.
        m_tokens.resize(size_t(m_o.users));
        m_userIds.resize(size_t(m_o.users));
        for (int u = 0; u < m_o.users; ++u) {
            m_admin->request(u"users.create"_s, { { u"displayName"_s, u"Soak user %1"_s.arg(u) } },
                [this, u](const QJsonObject &res) {
                    if (!res.value(u"ok"_s).toBool())
                        return fatal(u"users.create failed: "_s + compact(res));
                    const QString id
                        = res.value(u"payload"_s).toObject().value(u"user"_s).toObject().value(u"id"_s).toString();
                    m_userIds[size_t(u)] = id;
                    m_admin->request(u"users.update"_s, { { u"userId"_s, id }, { u"dailyTokenBudget"_s, 50'000'000 } },
                        [this](const QJsonObject &r) {
                            if (!r.value(u"ok"_s).toBool())
                                error(u"users.update failed: "_s + compact(r));
                        });
                    const QList<QPair<QString, QString>> jobs { { u"interval"_s, u"30m"_s }, { u"interval"_s, u"2h"_s },
                        { u"cron"_s, u"0 * * * *"_s }, { u"cron"_s, u"0 9 * * *"_s } };
                    for (const auto &[kind, spec] : jobs) {
                        m_admin->request(u"cron.add"_s,
                            { { u"userId"_s, id }, { u"kind"_s, kind }, { u"spec"_s, spec },
                                { u"message"_s, u"soak %1 %2"_s.arg(kind, spec) }, { u"catchUp"_s, u"once"_s } },
                            [this](const QJsonObject &r) {
                                if (!r.value(u"ok"_s).toBool())
                                    return fatal(u"cron.add failed: "_s + compact(r));
                                ++m_jobs;
                                setUpStep();
                            });
                    }
                    m_admin->request(u"users.token"_s, { { u"userId"_s, id }, { u"label"_s, u"soak"_s } },
                        [this, u](const QJsonObject &r) {
                            if (!r.value(u"ok"_s).toBool())
                                return fatal(u"users.token failed: "_s + compact(r));
                            m_tokens[size_t(u)] = r.value(u"payload"_s).toObject().value(u"token"_s).toString();
                            setUpStep();
                        });
                });
        }
    }

    void setUpStep()
    {
        if (m_running || m_finishing)
            return;
        for (const QString &token : std::as_const(m_tokens)) {
            if (token.isEmpty())
                return;
        }
        if (m_jobs < m_o.users * 4)
            return;
        startLoad();
    }

    void startLoad()
    {
        std::fprintf(stderr, "soak: %d users, %d jobs set up; connecting %d clients\n", m_o.users, m_jobs, m_o.clients);
        for (int i = 0; i < m_o.clients; ++i) {
            const int u = i % m_o.users;
            auto *c = new Connection(m_tokens[size_t(u)], this);
            c->user = u;
            c->onConnectFailed = [this](const QString &why) { error(u"client connect failed: "_s + why); };
            c->onClosed = [this, c](bool) {
                if (!c->runId.isEmpty()) {
                    c->runId.clear();
                    if (!m_finishing && !m_closing.contains(c))
                        error(u"client closed during a turn"_s);
                }
                if (m_finishing)
                    return;
                if (m_closing.remove(c))
                    ++m_reconnects;
                else
                    error(u"client closed unexpectedly"_s);
                // Reopen from the event loop, not from inside the socket's own signal.
                QTimer::singleShot(100, c, [this, c] {
                    if (!m_finishing)
                        c->open(m_o.url);
                });
            };
            c->onChatEvent = [this, c](const QJsonObject &payload) { onChat(c, payload); };
            c->open(m_o.url);
            m_clients.push_back(c);
        }
        m_running = true;
        m_loadStart = m_wall.elapsed();

        const int turnMs = std::max(10, int(std::lround(1000.0 / m_o.turnsPerSecond)));
        connect(&m_turnTimer, &QTimer::timeout, this, &Soak::sendTurn);
        m_turnTimer.start(turnMs);
        connect(&m_reconnectTimer, &QTimer::timeout, this, &Soak::churn);
        m_reconnectTimer.start(m_o.reconnectSeconds * 1000);
        connect(&m_healthTimer, &QTimer::timeout, this, &Soak::health);
        m_healthTimer.start(m_o.healthSeconds * 1000);
        connect(&m_sampleTimer, &QTimer::timeout, this, &Soak::sample);
        m_sampleTimer.start(m_o.sampleSeconds * 1000);
        connect(&m_watchdog, &QTimer::timeout, this, &Soak::checkTimeouts);
        m_watchdog.start(5000);
        QTimer::singleShot(int(m_o.minutes * 60'000), this, &Soak::finish);
        sample();
    }

    void sendTurn()
    {
        QList<Connection *> idle;
        for (Connection *c : m_clients) {
            if (c->isReady() && !c->isBusy() && !m_closing.contains(c))
                idle.append(c);
        }
        if (idle.isEmpty()) {
            ++m_skipped;
            return;
        }
        Connection *c = idle.at(QRandomGenerator::global()->bounded(int(idle.size())));
        const int session = QRandomGenerator::global()->bounded(m_o.sessionsPerUser);
        const QString runId = u"soak-%1"_s.arg(++m_turnsSent);
        c->runId = runId;
        c->sentAtMs = m_wall.elapsed();
        static const QStringList texts { u"What should I cook tonight with rice and beans?"_s,
            u"Summarise my day: three meetings, a dentist appointment and a long walk."_s,
            u"Remind me what we talked about last time."_s, u"Translate 'good morning' into French."_s,
            u"Give me a short packing list for a weekend trip."_s };
        const QString text = texts.at(int(m_turnsSent % texts.size())) + u" (turn %1)"_s.arg(m_turnsSent);
        c->request(u"chat.send"_s,
            { { u"sessionKey"_s, u"soak-%1-%2"_s.arg(c->user).arg(session) }, { u"message"_s, text },
                { u"idempotencyKey"_s, runId } },
            [this, c, runId](const QJsonObject &res) {
                if (res.value(u"ok"_s).toBool() || c->runId != runId)
                    return;
                c->runId.clear();
                if (!m_finishing)
                    error(u"chat.send refused: "_s + compact(res));
            });
    }

    void onChat(Connection *c, const QJsonObject &payload)
    {
        if (c->runId.isEmpty() || payload.value(u"runId"_s).toString() != c->runId)
            return;
        const QString state = payload.value(u"state"_s).toString();
        if (state == u"final") {
            ++m_turnsOk;
            m_latencySumMs += m_wall.elapsed() - c->sentAtMs;
            c->runId.clear();
        } else if (state == u"error" || state == u"aborted") {
            c->runId.clear();
            error(u"turn "_s + state + u": "_s + payload.value(u"errorMessage"_s).toString().left(200));
        }
    }

    void checkTimeouts()
    {
        const qint64 now = m_wall.elapsed();
        for (Connection *c : m_clients) {
            if (!c->runId.isEmpty() && now - c->sentAtMs > m_o.turnTimeoutMs) {
                c->runId.clear();
                error(u"turn timed out"_s);
            }
        }
    }

    void churn()
    {
        // Close one idle connected client; its onClosed reopens it (a reconnect).
        QList<Connection *> idle;
        for (Connection *c : m_clients) {
            if (c->isReady() && !c->isBusy() && !m_closing.contains(c))
                idle.append(c);
        }
        if (idle.isEmpty())
            return;
        Connection *c = idle.at(QRandomGenerator::global()->bounded(int(idle.size())));
        m_closing.insert(c);
        c->close();
    }

    void health()
    {
        if (!m_admin->isReady()) {
            error(u"health: admin not connected"_s);
            return;
        }
        m_admin->request(u"health"_s, {}, [this](const QJsonObject &res) {
            if (res.value(u"ok"_s).toBool())
                ++m_healthOk;
            else if (!m_finishing)
                error(u"health failed: "_s + compact(res));
        });
    }

    void countRows(Sample &s)
    {
        if (m_o.dbPath.isEmpty() || !QFileInfo::exists(m_o.dbPath))
            return;
        const QString name = u"soak-sample"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_o.dbPath);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s);
            if (db.open()) {
                const auto count = [&db](const QString &table) -> qint64 {
                    QSqlQuery q(db);
                    if (q.exec(u"SELECT count(*) FROM "_s + table) && q.next())
                        return q.value(0).toLongLong();
                    return -1;
                };
                s.firings = count(u"scheduler_runs"_s);
                s.messages = count(u"messages"_s);
                s.sessions = count(u"sessions"_s);
                s.memories = count(u"memories"_s);
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(name);
    }

    void sample()
    {
        Sample s;
        s.realS = double(m_wall.elapsed() - m_loadStart) / 1000.0;
        s.virtualH = double(m_wall.elapsed() - m_loadStart) / 3.6e6 * m_o.scale;
        const Bench::ProcMemory memory = Bench::readProcMemory(m_o.pid);
        s.rssKb = memory.rssKb;
        s.hwmKb = memory.hwmKb;
        s.threads = memory.threads;
        s.fds = procFds(m_o.pid);
        s.cpuS = Bench::processCpuSeconds(m_o.pid);
        s.dbBytes = fileSize(m_o.dbPath);
        s.walBytes = fileSize(m_o.dbPath + u"-wal"_s);
        s.turnsOk = m_turnsOk;
        s.errors = m_errors;
        s.reconnects = m_reconnects;
        s.healthOk = m_healthOk;
        for (Connection *c : m_clients)
            s.connected += c->isReady() ? 1 : 0;
        countRows(s);
        if (s.rssKb < 0 && !m_finishing) {
            fatal(u"the gateway (pid %1) is gone"_s.arg(m_o.pid));
            return;
        }
        m_samples.push_back(s);
        std::fprintf(stderr,
            "soak: t=%6.0fs virt=%5.1fh rss=%lld kB fds=%d thr=%d db=%lld+%lld B turns=%lld err=%lld recon=%lld "
            "firings=%lld conn=%d\n",
            s.realS, s.virtualH, s.rssKb, s.fds, s.threads, s.dbBytes, s.walBytes, s.turnsOk, s.errors, s.reconnects,
            s.firings, s.connected);
    }

    static QString compact(const QJsonObject &o) { return Bench::compact(o).left(300); }

    void finish()
    {
        if (m_finishing)
            return;
        if (m_running)
            sample();
        m_finishing = true;
        m_turnTimer.stop();
        m_reconnectTimer.stop();
        m_healthTimer.stop();
        m_sampleTimer.stop();
        m_watchdog.stop();
        writeResults();
        for (Connection *c : m_clients)
            c->close();
        if (m_admin)
            m_admin->close();
        QTimer::singleShot(200, qApp, [this] { QCoreApplication::exit(m_pass ? 0 : 1); });
    }

    void writeResults()
    {
        QDir().mkpath(m_o.outDir);
        QFile csv(m_o.outDir + u"/samples.csv"_s);
        if (csv.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            QTextStream out(&csv);
            out << "real_s,virtual_h,rss_kb,hwm_kb,fds,threads,cpu_s,db_bytes,wal_bytes,turns_ok,errors,reconnects,"
                   "health_ok,firings,messages,sessions,memories,connected\n";
            for (const Sample &s : m_samples) {
                out << QString::number(s.realS, 'f', 1) << ',' << QString::number(s.virtualH, 'f', 3) << ',' << s.rssKb
                    << ',' << s.hwmKb << ',' << s.fds << ',' << s.threads << ',' << QString::number(s.cpuS, 'f', 2)
                    << ',' << s.dbBytes << ',' << s.walBytes << ',' << s.turnsOk << ',' << s.errors << ','
                    << s.reconnects << ',' << s.healthOk << ',' << s.firings << ',' << s.messages << ',' << s.sessions
                    << ',' << s.memories << ',' << s.connected << '\n';
            }
        }

        QJsonObject summary;
        summary.insert(u"fatal"_s, m_fatal);
        const double durationS = double(m_wall.elapsed() - m_loadStart) / 1000.0;
        // Warm-up: the first quarter of the run (6 virtual hours of a compressed day). The first
        // hour-long run showed the bounded caches (SQLite's page cache, the last 1,000 run
        // outcomes, the 2,000-line event log, session summaries) still filling until about 20 min
        // at 3 turns/s, and flat from there (docs/reliability.md, Soak).
        const double warmupS = m_o.minutes * 60.0 * 0.25;
        qsizetype w = -1;
        for (qsizetype i = 0; i < qsizetype(m_samples.size()); ++i) {
            if (m_samples[size_t(i)].realS >= warmupS) {
                w = i;
                break;
            }
        }
        QStringList lines;
        lines << u"Skynet soak: %1 min wall, clock x%2 = %3 virtual hours"_s.arg(durationS / 60.0, 0, 'f', 1)
                     .arg(m_o.scale)
                     .arg(durationS / 3600.0 * m_o.scale, 0, 'f', 1);
        lines << u"workload: %1 clients over %2 users (%3 sessions each), %4 turns/s offered, a reconnect every %5 s, "
                 "health every %6 s, %7 scheduled jobs (interval 30m and 2h, cron hourly and daily 09:00 per user)"_s
                     .arg(m_o.clients)
                     .arg(m_o.users)
                     .arg(m_o.sessionsPerUser)
                     .arg(m_o.turnsPerSecond)
                     .arg(m_o.reconnectSeconds)
                     .arg(m_o.healthSeconds)
                     .arg(m_jobs);
        summary.insert(u"durationS"_s, durationS);
        summary.insert(u"scale"_s, m_o.scale);
        summary.insert(u"virtualHours"_s, durationS / 3600.0 * m_o.scale);
        summary.insert(u"clients"_s, m_o.clients);
        summary.insert(u"users"_s, m_o.users);
        summary.insert(u"jobs"_s, m_jobs);
        summary.insert(u"turnsOk"_s, m_turnsOk);
        summary.insert(u"turnsSent"_s, m_turnsSent);
        summary.insert(u"turnsSkippedAllBusy"_s, m_skipped);
        summary.insert(u"turnsPerSecond"_s, durationS > 0 ? double(m_turnsOk) / durationS : 0.0);
        summary.insert(u"meanTurnLatencyMs"_s, m_turnsOk > 0 ? double(m_latencySumMs) / double(m_turnsOk) : 0.0);
        summary.insert(u"errors"_s, m_errors);
        QJsonObject kinds;
        for (auto it = m_errorKinds.constBegin(); it != m_errorKinds.constEnd(); ++it)
            kinds.insert(it.key(), it.value());
        summary.insert(u"errorKinds"_s, kinds);
        summary.insert(u"reconnects"_s, m_reconnects);
        summary.insert(u"healthOk"_s, m_healthOk);
        summary.insert(u"warmupS"_s, warmupS);
        summary.insert(u"samples"_s, qint64(m_samples.size()));

        bool pass = m_fatal.isEmpty() && m_errors == 0;
        if (w < 0 || w + 1 >= qsizetype(m_samples.size())) {
            lines << u"not enough samples after the warm-up (%1 s) to judge growth"_s.arg(warmupS);
            pass = false;
        } else {
            const Sample &a = m_samples[size_t(w)];
            const Sample &z = m_samples.back();
            qint64 maxRss = 0;
            int maxFds = 0;
            // Least-squares slope of RSS after the warm-up, in kB per hour of wall time.
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            int n = 0;
            for (size_t i = size_t(w); i < m_samples.size(); ++i) {
                const Sample &s = m_samples[i];
                maxRss = std::max(maxRss, s.rssKb);
                maxFds = std::max(maxFds, s.fds);
                const double x = s.realS / 3600.0;
                sx += x;
                sy += double(s.rssKb);
                sxx += x * x;
                sxy += x * double(s.rssKb);
                ++n;
            }
            const double slope = n > 1 && (n * sxx - sx * sx) > 0 ? (n * sxy - sx * sy) / (n * sxx - sx * sx) : 0.0;
            const double growthLast = 100.0 * double(z.rssKb - a.rssKb) / double(a.rssKb);
            const double growthMax = 100.0 * double(maxRss - a.rssKb) / double(a.rssKb);
            const qint64 dbA = a.dbBytes + a.walBytes;
            const qint64 dbZ = z.dbBytes + z.walBytes;
            const double virtualDays = (z.virtualH - a.virtualH) / 24.0;
            const double dbPerDay = virtualDays > 0 ? double(dbZ - dbA) / virtualDays : 0.0;
            // fds: no growth; the tolerance covers connections in flight at the moment of a
            // sample (one client reconnecting, a provider request opening its socket).
            const int fdTolerance = 3;
            const bool rssOk = growthLast <= 5.0;
            const bool fdOk = z.fds <= a.fds + fdTolerance;
            pass = pass && rssOk && fdOk;
            summary.insert(u"rssWarmupKb"_s, a.rssKb);
            summary.insert(u"rssEndKb"_s, z.rssKb);
            summary.insert(u"rssMaxAfterWarmupKb"_s, maxRss);
            summary.insert(u"rssGrowthPct"_s, growthLast);
            summary.insert(u"rssGrowthMaxPct"_s, growthMax);
            summary.insert(u"rssSlopeKbPerHour"_s, slope);
            summary.insert(u"fdsWarmup"_s, a.fds);
            summary.insert(u"fdsEnd"_s, z.fds);
            summary.insert(u"fdsMaxAfterWarmup"_s, maxFds);
            summary.insert(u"dbBytesWarmup"_s, dbA);
            summary.insert(u"dbBytesEnd"_s, dbZ);
            summary.insert(u"dbBytesPerVirtualDay"_s, dbPerDay);
            summary.insert(u"firings"_s, z.firings);
            summary.insert(u"messages"_s, z.messages);
            summary.insert(u"sessions"_s, z.sessions);
            summary.insert(u"memories"_s, z.memories);
            summary.insert(u"cpuSeconds"_s, z.cpuS);
            summary.insert(u"threadsEnd"_s, z.threads);
            lines << u"warm-up: the first %1 s (%2 virtual h); %3 samples every %4 s"_s.arg(warmupS, 0, 'f', 0)
                         .arg(warmupS / 3600.0 * m_o.scale, 0, 'f', 1)
                         .arg(m_samples.size())
                         .arg(m_o.sampleSeconds);
            lines << u"RSS: %1 kB after warm-up -> %2 kB at the end (max %3 kB): growth %4% (max %5%), slope %6 kB/h"
                     " [target <= 5%: %7]"_s.arg(a.rssKb)
                         .arg(z.rssKb)
                         .arg(maxRss)
                         .arg(growthLast, 0, 'f', 2)
                         .arg(growthMax, 0, 'f', 2)
                         .arg(slope, 0, 'f', 0)
                         .arg(rssOk ? u"PASS"_s : u"FAIL"_s);
            lines
                << u"fds: %1 after warm-up -> %2 at the end (max %3) [target: no growth, +%4 in-flight tolerance: %5]"_s
                       .arg(a.fds)
                       .arg(z.fds)
                       .arg(maxFds)
                       .arg(fdTolerance)
                       .arg(fdOk ? u"PASS"_s : u"FAIL"_s);
            lines << u"database (+WAL): %1 MB after warm-up -> %2 MB at the end; %3 MB per virtual day"
                     " (expected growth: messages, runs, audit)"_s.arg(double(dbA) / 1e6, 0, 'f', 2)
                         .arg(double(dbZ) / 1e6, 0, 'f', 2)
                         .arg(dbPerDay / 1e6, 0, 'f', 2);
            lines << u"rows at the end: %1 messages, %2 sessions, %3 memories, %4 scheduler firings; threads %5; "
                     "gateway CPU %6 s"_s.arg(z.messages)
                         .arg(z.sessions)
                         .arg(z.memories)
                         .arg(z.firings)
                         .arg(z.threads)
                         .arg(z.cpuS, 0, 'f', 1);
        }
        lines << u"turns: %1 done of %2 sent (%3/s, mean %4 ms), %5 skipped (all clients busy); %6 reconnects; "
                 "%7 health answers"_s.arg(m_turnsOk)
                     .arg(m_turnsSent)
                     .arg(durationS > 0 ? double(m_turnsOk) / durationS : 0.0, 0, 'f', 2)
                     .arg(m_turnsOk > 0 ? double(m_latencySumMs) / double(m_turnsOk) : 0.0, 0, 'f', 0)
                     .arg(m_skipped)
                     .arg(m_reconnects)
                     .arg(m_healthOk);
        lines << u"errors: %1%2 [target 0: %3]"_s.arg(m_errors)
                     .arg(m_errorKinds.isEmpty()
                             ? QString()
                             : u" "_s + QString::fromUtf8(QJsonDocument(kinds).toJson(QJsonDocument::Compact)))
                     .arg(m_errors == 0 ? u"PASS"_s : u"FAIL"_s);
        if (!m_fatal.isEmpty())
            lines << u"FATAL: "_s + m_fatal;
        lines << (pass ? u"RESULT: PASS"_s : u"RESULT: FAIL"_s);
        summary.insert(u"pass"_s, pass);
        m_pass = pass;

        QFile json(m_o.outDir + u"/summary.json"_s);
        if (json.open(QIODevice::WriteOnly | QIODevice::Truncate))
            json.write(QJsonDocument(summary).toJson());
        const QString text = lines.join(u'\n') + u'\n';
        QFile txt(m_o.outDir + u"/summary.txt"_s);
        if (txt.open(QIODevice::WriteOnly | QIODevice::Truncate))
            txt.write(text.toUtf8());
        std::fputs(text.toUtf8().constData(), stdout);
        std::fflush(stdout);
    }

    Options m_o;
    QElapsedTimer m_wall;
    qint64 m_loadStart = 0;
    Connection *m_admin = nullptr;
    std::vector<Connection *> m_clients;
    QSet<Connection *> m_closing;
    std::vector<QString> m_tokens;
    std::vector<QString> m_userIds;
    int m_jobs = 0;
    bool m_running = false;
    bool m_finishing = false;
    bool m_pass = false;
    QString m_fatal;
    QTimer m_turnTimer, m_reconnectTimer, m_healthTimer, m_sampleTimer, m_watchdog;
    qint64 m_turnsSent = 0, m_turnsOk = 0, m_skipped = 0, m_errors = 0, m_reconnects = 0, m_healthOk = 0;
    qint64 m_latencySumMs = 0;
    QHash<QString, qint64> m_errorKinds;
    std::vector<Sample> m_samples;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"The soak's workload and sampler (bench/soak.sh)."_s);
    parser.addHelpOption();
    const QCommandLineOption url(u"url"_s, u"Gateway WebSocket URL."_s, u"url"_s);
    const QCommandLineOption pid(u"pid"_s, u"Gateway process id (sampled in /proc)."_s, u"pid"_s);
    const QCommandLineOption db(u"db"_s, u"Gateway database file."_s, u"path"_s);
    const QCommandLineOption out(u"out"_s, u"Results folder."_s, u"dir"_s, u"."_s);
    const QCommandLineOption minutes(u"minutes"_s, u"Wall-clock duration of the load."_s, u"m"_s, u"60"_s);
    const QCommandLineOption scale(u"scale"_s, u"The gateway's clock scale (for reporting)."_s, u"x"_s, u"24"_s);
    const QCommandLineOption clients(u"clients"_s, u"WebSocket clients held open."_s, u"n"_s, u"50"_s);
    const QCommandLineOption users(u"users"_s, u"Users (clients are spread over them)."_s, u"n"_s, u"10"_s);
    const QCommandLineOption tps(u"turns-per-second"_s, u"Chat turns offered per second."_s, u"n"_s, u"3"_s);
    const QCommandLineOption sampleS(u"sample-seconds"_s, u"Sampling period."_s, u"s"_s, u"15"_s);
    parser.addOptions({ url, pid, db, out, minutes, scale, clients, users, tps, sampleS });
    parser.process(app);

    Options o;
    o.url = QUrl(parser.value(url));
    o.token = qEnvironmentVariable("SKYNET_GATEWAY_TOKEN");
    o.pid = parser.value(pid).toLongLong();
    o.dbPath = parser.value(db);
    o.outDir = parser.value(out);
    o.minutes = parser.value(minutes).toDouble();
    o.scale = parser.value(scale).toDouble();
    o.clients = std::clamp(parser.value(clients).toInt(), 1, 5000);
    o.users = std::clamp(parser.value(users).toInt(), 1, 100);
    o.turnsPerSecond = std::clamp(parser.value(tps).toDouble(), 0.01, 100.0);
    o.sampleSeconds = std::clamp(parser.value(sampleS).toInt(), 1, 3600);
    if (!o.url.isValid() || o.url.isEmpty() || o.pid <= 0 || o.token.isEmpty() || o.minutes <= 0) {
        std::fprintf(stderr, "soakdriver: --url, --pid, --minutes and SKYNET_GATEWAY_TOKEN are required\n");
        return 2;
    }
    Soak soak(o);
    QTimer::singleShot(0, &soak, [&soak] { soak.start(); });
    return app.exec();
}
