// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// chatload: N concurrent WebSocket clients of which K chat in a closed loop, optionally while a
// fake Telegram delivers bursts of inbound messages (docs/reliability.md, "Load").
//
// Processes: this client (its own connections on --threads event loops, plus a FakeTelegram on
// its own thread), the built skynet-gateway on a fresh home, and a FakeOllama (this executable
// again, run with --serve-fake). Steps:
//   1. the fake's own answer time, straight over TCP (sequential requests: what a turn costs
//      without the gateway);
//   2. the owner creates K users (users.create) and a personal token for each (users.token);
//   3. one user's turns through the idle gateway, sequential (the unloaded turn latency);
//   4. N connections (the first K of each shard's share chat, with the users' tokens; the rest
//      are the owner's read-only clients that only hold), then D seconds of closed-loop
//      chat.send (send -> terminal chat event) on the K; during those seconds the Telegram fake
//      optionally receives bursts of messages from many chats (long polling), each answered by
//      the gateway through the fake provider;
//   5. figures: turns/s, latency p50/p99, the gateway-added latency (via the gateway minus the
//      fake's own answer time), gateway RSS (sampled), per-client turns (starvation), errors,
//      channel reply latency and exactly-once counts. A table on stdout, one JSON line last.
// Nothing sleeps: everything waits on signals, timers or processEvents().

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include "fakeollama.h"
#include "faketelegram.h"

#include "benchsupport.h"

using namespace Qt::StringLiterals;

namespace
{

constexpr int REPLY_PIECES = 8;
constexpr int START_TIMEOUT_MS = 15000;
constexpr int REQUEST_TIMEOUT_MS = 30000;
constexpr int TURN_TIMEOUT_MS = 300000; ///< the gateway's own run timeout (agent.run_timeout_ms)
constexpr int DRAIN_TIMEOUT_MS = 300000;
constexpr int RSS_SAMPLE_MS = 500;
const QString MODEL = u"llama3.2"_s;

/// @brief Command-line options of one run.
struct Options
{
    QString gateway;
    QString token;
    int count = 10000; ///< N: connections
    int chatters = 1000; ///< K: of them chatting
    int users = 1000; ///< people the chatters are spread over (round robin)
    double seconds = 60; ///< D: closed-loop chat time
    int threads = 4;
    int concurrency = 256; ///< handshakes in flight
    int directRequests = 200;
    int baselineTurns = 100;
    int channelMessages = 0; ///< Telegram messages in bursts during the chat time (0 = none)
    int channelChats = 50;
    int burstSize = 100;
    int burstIntervalMs = 5000;
    int thinkMs = 0; ///< pause of a chatting client between a final event and its next turn
    QString label;
};

// ---------------------------------------------------------------------------------------------
// Small helpers (the shared ones are in bench/support/benchsupport.h)

using Bench::compact;
using Bench::loadAverage;
using Bench::machineLine;
using Bench::nowNs;
using Bench::ownCpuSeconds;
using Bench::percentile;
using Bench::processCpuSeconds;
using Bench::ProcMemory;
using Bench::raiseFileLimit;
using Bench::readProcMemory;
using Bench::round2;
using Bench::stringField;

/// A short periodic wake-up: done() often turns on events posted from other threads.
constexpr int WAIT_POLL_MS = 10;

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    return Bench::waitUntil(done, timeoutMs, WAIT_POLL_MS);
}

QJsonObject connectFrame(const QString &token, bool write, bool admin = false)
{
    QStringList scopes { u"operator.read"_s };
    if (write)
        scopes.append(u"operator.write"_s);
    if (admin)
        scopes.append(u"operator.admin"_s);
    return Bench::connectFrame({ .token = token, .scopes = scopes });
}

/// @brief A child process (the fake or the gateway) that prints "listening on <url>" once ready.
class Child : public Bench::Child
{
public:
    explicit Child(const QString &name) : Bench::Child(name, 15000, WAIT_POLL_MS) { }
};

// ---------------------------------------------------------------------------------------------
// The fake provider process

/// Replies "ack-<tag> t0 … t7 " when the last user message holds "burst-<tag>" (a channel
/// message, so its answer can be matched), else "t0 … t7 ". Chunked, TCP_NODELAY, no delay.
int serveFake(QCoreApplication &app, quint16 port)
{
    auto *fake = new Fakes::FakeOllama(&app);
    fake->setChunkDelayMs(0);
    fake->setChunkedTransfer(true);
    fake->setDefaultReply([](const QJsonObject &request) {
        static const QRegularExpression pattern(u"burst-(\\d+)"_s);
        QString last;
        const QJsonArray messages = request.value(u"messages"_s).toArray();
        for (const QJsonValue &m : messages) {
            if (m.toObject().value(u"role"_s).toString() == u"user"_s)
                last = m.toObject().value(u"content"_s).toString();
        }
        QStringList pieces;
        const QRegularExpressionMatch match = pattern.match(last);
        if (match.hasMatch())
            pieces.append(u"ack-%1 "_s.arg(match.captured(1)));
        for (int i = 0; i < REPLY_PIECES; ++i)
            pieces.append(u"t%1 "_s.arg(i));
        return pieces;
    });
    // Like overhead.cpp: Nagle off on the fake's sockets (real Ollama is a Go server).
    QObject::connect(&fake->server(), &Fakes::FakeHttpServer::requestReceived, fake, [fake] {
        const QList<QTcpSocket *> sockets = fake->server().findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    });
    if (!fake->listen(port)) {
        std::fprintf(stderr, "chatload: the fake cannot listen on 127.0.0.1:%u\n", unsigned(port));
        return 1;
    }
    std::printf("listening on %s\n", fake->baseUrl().toString().toUtf8().constData());
    std::fflush(stdout);
    return app.exec();
}

// ---------------------------------------------------------------------------------------------
// The direct path: the fake's own answer time

/// One POST /api/chat over a fresh TCP connection, timed from the write to the done line.
double directTurnMs(const QUrl &url, QString *error)
{
    const QByteArray body = "{\"model\":\"" + MODEL.toUtf8()
        + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    const QByteArray request = "POST /api/chat HTTP/1.1\r\nHost: " + url.authority().toUtf8()
        + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    QTcpSocket socket;
    socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    qint64 endNs = -1;
    bool closed = false;
    QByteArray tail;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] {
        const QByteArray text = tail + socket.readAll();
        if (text.contains("\"done\":true") && endNs < 0)
            endNs = nowNs();
        tail = text.right(16);
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] { closed = true; });
    const qint64 sentNs = nowNs();
    socket.connectToHost(url.host(), quint16(url.port()));
    socket.write(request);
    if (!waitUntil([&] { return endNs >= 0 || closed; }, REQUEST_TIMEOUT_MS) || endNs < 0) {
        *error = u"no done line from the fake"_s;
        return -1.0;
    }
    socket.abort();
    return double(endNs - sentNs) / 1e6;
}

// ---------------------------------------------------------------------------------------------
// A synchronous control client (owner: users and tokens; one user: the unloaded baseline)

class ControlClient
{
public:
    bool open(quint16 port, const QString &token, bool write, QString *error, bool admin = false)
    {
        bool challenged = false;
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket, [this, &challenged](const QString &f) {
            if (stringField(f, u"event") == u"connect.challenge")
                challenged = true;
            if (m_handler)
                m_handler(f);
        });
        QObject::connect(&m_socket, &QWebSocket::disconnected, &m_socket, [this] { m_disconnected = true; });
        m_socket.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)));
        if (!waitUntil([&] { return challenged || m_disconnected; }, START_TIMEOUT_MS) || !challenged) {
            *error = u"no connect.challenge: "_s + m_socket.errorString();
            return false;
        }
        const QJsonObject res = request(connectFrame(token, write, admin));
        if (!res.value(u"ok"_s).toBool()) {
            *error = u"connect failed: "_s + compact(res);
            return false;
        }
        return true;
    }

    /// Sends a req frame (its id is replaced) and waits for the matching res.
    QJsonObject request(QJsonObject frame)
    {
        const QString id = u"q%1"_s.arg(++m_nextId);
        frame.insert(u"id"_s, id);
        QJsonObject response;
        m_handler = [&](const QString &text) {
            if (stringField(text, u"type", true) != u"res")
                return;
            const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
            if (object.value(u"id"_s).toString() == id)
                response = object;
        };
        m_socket.sendTextMessage(compact(frame));
        waitUntil([&] { return !response.isEmpty() || m_disconnected; }, REQUEST_TIMEOUT_MS);
        m_handler = nullptr;
        return response;
    }

    QJsonObject call(const QString &method, const QJsonObject &params)
    {
        return request(QJsonObject { { u"type"_s, u"req"_s }, { u"method"_s, method }, { u"params"_s, params } });
    }

    /// One chat turn, send -> terminal chat event; ms, or -1 with *error.
    double turn(const QString &sessionKey, QString *error)
    {
        const QString id = u"t%1"_s.arg(++m_nextId);
        qint64 endNs = -1;
        m_handler = [&](const QString &text) {
            if (stringField(text, u"event") != u"chat")
                return;
            const QStringView state = stringField(text, u"state", true);
            if (state == u"final")
                endNs = nowNs();
            else if (state == u"error" || state == u"aborted") {
                endNs = nowNs();
                *error = u"run ended with "_s + state.toString();
            }
        };
        const QJsonObject params { { u"sessionKey"_s, sessionKey }, { u"message"_s, u"hello"_s },
            { u"idempotencyKey"_s, u"base-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(id) } };
        const qint64 sentNs = nowNs();
        m_socket.sendTextMessage(compact(QJsonObject {
            { u"type"_s, u"req"_s }, { u"id"_s, id }, { u"method"_s, u"chat.send"_s }, { u"params"_s, params } }));
        if (!waitUntil([&] { return endNs >= 0 || m_disconnected; }, TURN_TIMEOUT_MS) || endNs < 0)
            *error = u"no final chat event"_s;
        m_handler = nullptr;
        return error->isEmpty() ? double(endNs - sentNs) / 1e6 : -1.0;
    }

    void close()
    {
        m_socket.close();
        waitUntil([this] { return m_disconnected; }, 2000);
    }

private:
    QWebSocket m_socket;
    std::function<void(const QString &)> m_handler;
    int m_nextId = 0;
    bool m_disconnected = false;
};

// ---------------------------------------------------------------------------------------------
// Load shards: one event loop's share of the N connections

/// @brief Opens its connections (bounded handshakes in flight), then runs closed-loop chat turns
/// on its chatters until told to stop. Lives in its own QThread; results are read after freeze().
class Shard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Shard)

public:
    Shard(int index, quint16 port, int count, int chatters, int concurrency, QStringList chatterTokens,
        const QString &ownerToken, int thinkMs)
        : m_index(index),
          m_thinkMs(thinkMs),
          m_url(u"ws://127.0.0.1:%1/"_s.arg(port)),
          m_count(count),
          m_chatters(chatters),
          m_concurrency(concurrency),
          m_chatterTokens(std::move(chatterTokens)),
          m_idleConnect(compact(connectFrame(ownerToken, false)))
    {
        m_connections.resize(size_t(count));
    }

    // Results (valid after freeze()).
    std::vector<double> latencyMs; ///< send -> final, turns completed inside the window
    std::vector<int> turnsPerChatter; ///< completed turns, in the window or while draining
    QHash<QString, int> errors;
    int ready = 0;
    int failed = 0;
    int dropped = 0;
    int completedInWindow = 0;
    int completedAfter = 0; ///< turns sent in the window, finished after it (not counted in turns/s)
    int turnErrors = 0;
    int inFlight = 0;

public Q_SLOTS:
    void start()
    {
        for (int i = 0; i < std::min(m_concurrency, m_count); ++i)
            openNext();
        if (m_count == 0)
            Q_EMIT handshakesSettled();
    }

    /// Starts the closed loop on every ready chatter until endNs (nowNs()).
    void startChat(qint64 endNs)
    {
        m_endNs = endNs;
        turnsPerChatter.assign(size_t(m_chatters), 0);
        auto *expiry = new QTimer(this);
        connect(expiry, &QTimer::timeout, this, &Shard::expireTurns);
        expiry->start(1000);
        for (int i = 0; i < m_chatters; ++i) {
            if (m_connections[size_t(i)].state == State::Ready)
                sendTurn(i);
        }
        checkDrained();
    }

    void freeze() { m_frozen = true; }

Q_SIGNALS:
    void handshakesSettled();
    void drained();

private:
    enum class State { Idle, Opening, Ready, Failed, Closed };

    struct Connection
    {
        QWebSocket *socket = nullptr;
        State state = State::Idle;
        qint64 sentNs = 0; ///< the turn in flight, 0 = none
        int turn = 0;
    };

    bool isChatter(int index) const { return index < m_chatters; }

    void openNext()
    {
        if (m_nextIndex >= m_count || m_frozen)
            return;
        const int index = m_nextIndex++;
        Connection &conn = m_connections[size_t(index)];
        conn.socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        conn.state = State::Opening;
        QWebSocket *socket = conn.socket;
        connect(socket, &QWebSocket::textMessageReceived, this,
            [this, index](const QString &message) { onMessage(index, message); });
        connect(socket, &QWebSocket::disconnected, this, [this, index] { onClosed(index); });
        connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this, index](QAbstractSocket::SocketError) {
                if (m_connections[size_t(index)].state == State::Opening)
                    onClosed(index);
            });
        socket->open(m_url);
    }

    void onMessage(int index, const QString &message)
    {
        if (m_frozen)
            return;
        Connection &conn = m_connections[size_t(index)];
        if (conn.state == State::Opening) {
            if (stringField(message, u"event") == u"connect.challenge") {
                conn.socket->sendTextMessage(isChatter(index)
                        ? compact(connectFrame(
                            m_chatterTokens.value(index % std::max<qsizetype>(1, m_chatterTokens.size())), true))
                        : m_idleConnect);
                return;
            }
            if (stringField(message, u"type", true) == u"res") {
                const QJsonObject frame = QJsonDocument::fromJson(message.toUtf8()).object();
                if (!frame.value(u"ok"_s).toBool()) {
                    fail(index,
                        u"connect rejected: "_s + frame.value(u"error"_s).toObject().value(u"message"_s).toString());
                    return;
                }
                conn.state = State::Ready;
                ++ready;
                settleOne();
            }
            return;
        }
        if (conn.state != State::Ready || conn.sentNs == 0)
            return;
        const QStringView type = stringField(message, u"type", true);
        if (type == u"res") {
            if (message.contains(u"\"ok\":false"_s)) {
                const QJsonObject frame = QJsonDocument::fromJson(message.toUtf8()).object();
                turnFailed(index,
                    u"chat.send refused: "_s + frame.value(u"error"_s).toObject().value(u"message"_s).toString());
            }
            return;
        }
        if (stringField(message, u"event") != u"chat")
            return; // agent events, ticks
        const QStringView state = stringField(message, u"state", true);
        if (state == u"final")
            turnDone(index);
        else if (state == u"error" || state == u"aborted")
            turnFailed(index,
                u"run ended with "_s + state.toString() + u": "_s + stringField(message, u"errorMessage").toString());
    }

    void sendTurn(int index)
    {
        Connection &conn = m_connections[size_t(index)];
        if (nowNs() >= m_endNs || conn.state != State::Ready)
            return;
        ++conn.turn;
        const QString id = u"s%1"_s.arg(conn.turn);
        const QJsonObject params {
            { u"sessionKey"_s, u"load-%1-%2"_s.arg(m_index).arg(index) },
            { u"message"_s, u"hello %1"_s.arg(conn.turn) },
            { u"idempotencyKey"_s,
                u"load-%1-%2-%3-%4"_s.arg(QCoreApplication::applicationPid()).arg(m_index).arg(index).arg(conn.turn) }
        };
        conn.sentNs = nowNs();
        ++inFlight;
        conn.socket->sendTextMessage(compact(QJsonObject {
            { u"type"_s, u"req"_s }, { u"id"_s, id }, { u"method"_s, u"chat.send"_s }, { u"params"_s, params } }));
    }

    /// A turn that never ends counts as an error and the client goes on (one timer per shard:
    /// a timer per turn would pile up tens of thousands in Qt's sorted timer list).
    void expireTurns()
    {
        const qint64 limit = nowNs() - qint64(TURN_TIMEOUT_MS) * 1000000;
        for (int i = 0; i < m_chatters; ++i) {
            const Connection &c = m_connections[size_t(i)];
            if (c.sentNs != 0 && c.sentNs < limit)
                turnFailed(i, u"no final chat event within %1 s"_s.arg(TURN_TIMEOUT_MS / 1000));
        }
        checkDrained();
    }

    void turnDone(int index)
    {
        Connection &conn = m_connections[size_t(index)];
        const qint64 now = nowNs();
        if (now <= m_endNs) {
            latencyMs.push_back(double(now - conn.sentNs) / 1e6);
            ++completedInWindow;
            ++turnsPerChatter[size_t(index)];
        } else {
            ++completedAfter;
            ++turnsPerChatter[size_t(index)]; // starvation counts every completed turn
        }
        conn.sentNs = 0;
        --inFlight;
        next(index);
        checkDrained();
    }

    /// The next turn of a chatter: at once in a closed loop, or after the think time.
    void next(int index)
    {
        if (m_thinkMs <= 0)
            sendTurn(index);
        else if (nowNs() < m_endNs)
            QTimer::singleShot(m_thinkMs, this, [this, index] { sendTurn(index); });
    }

    void turnFailed(int index, const QString &reason)
    {
        Connection &conn = m_connections[size_t(index)];
        if (conn.sentNs == 0)
            return;
        conn.sentNs = 0;
        --inFlight;
        ++turnErrors;
        errors[reason.left(120)] += 1;
        next(index);
        checkDrained();
    }

    void checkDrained()
    {
        if (inFlight == 0 && m_endNs > 0 && nowNs() >= m_endNs && !m_drainedSent) {
            m_drainedSent = true;
            Q_EMIT drained();
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
            errors[u"connection closed: "_s + conn.socket->closeReason().left(80)] += 1;
            if (conn.sentNs != 0) {
                conn.sentNs = 0;
                --inFlight;
                ++turnErrors;
                checkDrained();
            }
            return;
        }
        fail(index, conn.socket->closeReason().isEmpty() ? conn.socket->errorString() : conn.socket->closeReason());
    }

    void fail(int index, const QString &reason)
    {
        Connection &conn = m_connections[size_t(index)];
        if (conn.state == State::Failed || conn.state == State::Ready)
            return;
        conn.state = State::Failed;
        ++failed;
        errors[u"handshake: "_s + reason.left(100)] += 1;
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

    const int m_index;
    const int m_thinkMs;
    const QUrl m_url;
    const int m_count;
    const int m_chatters;
    const int m_concurrency;
    const QStringList m_chatterTokens;
    const QString m_idleConnect;
    std::vector<Connection> m_connections;
    int m_nextIndex = 0;
    qint64 m_endNs = 0;
    bool m_frozen = false;
    bool m_drainedSent = false;
};

// ---------------------------------------------------------------------------------------------
// The Telegram side: a FakeTelegram on its own thread, bursts injected, answers recorded

/// @brief Owns the FakeTelegram in its thread; injects messages and records the bot's answers.
class TelegramHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TelegramHost)

public:
    TelegramHost() = default;

    struct Answer
    {
        int tag = -1; ///< the burst message it answers ("ack-<tag>"), -1 = not one of ours
        qint64 atNs = 0;
        qint64 chatId = 0;
        QString method;
    };

    // Read after the thread is done with them (BlockingQueuedConnection calls).
    std::vector<qint64> injectedNs; ///< by tag
    std::vector<Answer> answers;
    int drafts = 0;
    int otherCalls = 0;
    QHash<QString, int> otherTexts; ///< answers that are not ours (error texts), by their start

public Q_SLOTS:
    void listen(quint16 *port)
    {
        m_fake = new Fakes::FakeTelegram(this);
        connect(m_fake, &Fakes::FakeTelegram::callReceived, this, &TelegramHost::onCall);
        *port = m_fake->listen(0) ? quint16(m_fake->baseUrl().port()) : 0;
    }

    /// Injects messages tags [from, to): chat = 7000000 + tag % chats, one sender per chat.
    void inject(int from, int to, int chats)
    {
        for (int tag = from; tag < to; ++tag) {
            const qint64 chat = 7000000 + tag % chats;
            if (int(injectedNs.size()) <= tag)
                injectedNs.resize(size_t(tag) + 1, 0);
            injectedNs[size_t(tag)] = nowNs();
            m_fake->injectMessage(chat, chat, u"burst-%1 please answer"_s.arg(tag));
        }
    }

    void finalAnswers(int *count) const
    {
        *count = 0;
        for (const Answer &a : answers)
            *count += a.tag >= 0 ? 1 : 0;
    }

private:
    void onCall(const Fakes::FakeTelegram::Call &call)
    {
        if (!call.ok() || (call.method != u"sendMessage"_s && call.method != u"editMessageText"_s)) {
            ++otherCalls;
            return;
        }
        // A streamed draft ends with " …"; the final text does not.
        if (call.text.endsWith(QChar(0x2026))) {
            ++drafts;
            return;
        }
        static const QRegularExpression pattern(u"ack-(\\d+)"_s);
        const QRegularExpressionMatch match = pattern.match(call.text);
        answers.push_back(
            Answer { match.hasMatch() ? match.captured(1).toInt() : -1, nowNs(), call.chatId, call.method });
        if (!match.hasMatch())
            otherTexts[call.text.left(100)] += 1;
    }

    Fakes::FakeTelegram *m_fake = nullptr;
};

// ---------------------------------------------------------------------------------------------
// The run

QJsonObject percentiles(const std::vector<double> &values)
{
    return QJsonObject { { u"p50"_s, round2(percentile(values, 50)) }, { u"p90"_s, round2(percentile(values, 90)) },
        { u"p99"_s, round2(percentile(values, 99)) }, { u"max"_s, round2(percentile(values, 100)) },
        { u"n"_s, qint64(values.size()) } };
}

int run(const Options &options)
{
    const rlim_t fileLimit = raiseFileLimit();
    if (fileLimit < rlim_t(options.count) + 256) {
        std::fprintf(stderr, "chatload: RLIMIT_NOFILE %llu is too low for %d connections\n",
            static_cast<unsigned long long>(fileLimit), options.count);
        return 2;
    }
    const QString loadBefore = loadAverage();
    std::printf("chatload%s: %s, load %s\n",
        qPrintable(options.label.isEmpty() ? QString() : u" ["_s + options.label + u']'), qPrintable(machineLine()),
        qPrintable(loadBefore));
    std::printf("chatload: N=%d connections, K=%d chatting (over %d users) for %.0f s, %d client loops; "
                "think time %d ms; channel: %d Telegram messages from %d chats in bursts of %d every %d ms\n",
        options.count, options.chatters, options.users, options.seconds, options.threads, options.thinkMs,
        options.channelMessages, options.channelChats, options.burstSize, options.burstIntervalMs);
    std::fflush(stdout);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Child fake(u"fake"_s);
    if (!fake.start(QCoreApplication::applicationFilePath(), { u"--serve-fake"_s }, env)) {
        std::fprintf(stderr, "chatload: %s\n", qPrintable(fake.errorString()));
        return 1;
    }

    QThread telegramThread;
    auto *telegram = new TelegramHost;
    telegram->moveToThread(&telegramThread);
    QObject::connect(&telegramThread, &QThread::finished, telegram, &QObject::deleteLater);
    telegramThread.start();
    quint16 telegramPort = 0;
    QMetaObject::invokeMethod(
        telegram, [&] { telegram->listen(&telegramPort); }, Qt::BlockingQueuedConnection);
    const auto stopTelegram = qScopeGuard([&] {
        telegramThread.quit();
        telegramThread.wait();
    });
    if (telegramPort == 0) {
        std::fprintf(stderr, "chatload: the Telegram fake cannot listen\n");
        return 1;
    }

    QTemporaryDir home;
    env.remove(u"OLLAMA_HOST"_s);
    env.insert(u"SKYNET_GATEWAY_TOKEN"_s, options.token);
    env.insert(u"SKYNET_PROVIDERS_OLLAMA_BASE_URL"_s, fake.url().toString());
    env.insert(u"SKYNET_ROUTING_MODE"_s, u"fixed"_s);
    env.insert(u"SKYNET_ROUTING_STANDARD"_s, u"ollama"_s);
    env.insert(u"SKYNET_PROVIDERS_ANTHROPIC_ENABLED"_s, u"false"_s);
    env.insert(u"SKYNET_PROVIDERS_OPENAI_ENABLED"_s, u"false"_s);
    env.insert(u"SKYNET_CHANNELS_TELEGRAM_ENABLED"_s, u"true"_s);
    env.insert(u"SKYNET_CHANNELS_TELEGRAM_BASE_URL"_s, u"http://127.0.0.1:%1"_s.arg(telegramPort));
    env.insert(u"SKYNET_CHANNELS_TELEGRAM_DM_POLICY"_s, u"open"_s);
    env.insert(u"TELEGRAM_BOT_TOKEN"_s, u"123456789:AAFakeTelegramTokenForTests"_s);
    Child gateway(u"skynet-gateway"_s);
    if (!gateway.start(options.gateway, { u"--home"_s, home.path(), u"--port"_s, u"0"_s }, env)) {
        std::fprintf(stderr, "chatload: %s\n", qPrintable(gateway.errorString()));
        return 1;
    }
    const qint64 gwPid = gateway.pid();
    const quint16 port = gateway.port();
    std::printf("chatload: fake pid %lld at %s, Telegram fake on port %u, gateway pid %lld on port %u\n", fake.pid(),
        qPrintable(fake.url().toString()), unsigned(telegramPort), gwPid, unsigned(port));
    std::fflush(stdout);

    // (1) The fake's own answer time.
    std::vector<double> direct;
    for (int i = 0; i < options.directRequests; ++i) {
        QString error;
        const double ms = directTurnMs(fake.url(), &error);
        if (ms >= 0)
            direct.push_back(ms);
    }
    std::printf("chatload: direct to the fake: p50 %.3f ms, p99 %.3f ms (%zu requests)\n", percentile(direct, 50),
        percentile(direct, 99), direct.size());

    // (2) Users and their personal tokens.
    QStringList tokens;
    {
        ControlClient owner;
        QString error;
        if (!owner.open(port, options.token, true, &error, true)) {
            std::fprintf(stderr, "chatload: owner: %s\n", qPrintable(error));
            return 1;
        }
        const qint64 t0 = nowNs();
        for (int u = 0; u < options.users; ++u) {
            const QJsonObject created
                = owner.call(u"users.create"_s, QJsonObject { { u"displayName"_s, u"Load %1"_s.arg(u) } });
            const QString userId
                = created.value(u"payload"_s).toObject().value(u"user"_s).toObject().value(u"id"_s).toString();
            const QJsonObject issued = owner.call(u"users.token"_s, QJsonObject { { u"userId"_s, userId } });
            const QString token = issued.value(u"payload"_s).toObject().value(u"token"_s).toString();
            if (userId.isEmpty() || token.isEmpty()) {
                std::fprintf(stderr, "chatload: cannot create user %d: %s / %s\n", u, qPrintable(compact(created)),
                    qPrintable(compact(issued)));
                return 1;
            }
            tokens.append(token);
        }
        std::printf(
            "chatload: %d users with personal tokens created in %.1f s\n", options.users, double(nowNs() - t0) / 1e9);
        owner.close();
    }

    // (3) Unloaded turn latency through the gateway (one user, sequential).
    std::vector<double> unloaded;
    {
        ControlClient user;
        QString error;
        if (!user.open(port, tokens.value(0), true, &error)) {
            std::fprintf(stderr, "chatload: user: %s\n", qPrintable(error));
            return 1;
        }
        for (int i = 0; i < options.baselineTurns; ++i) {
            QString turnError;
            const double ms = user.turn(u"baseline"_s, &turnError);
            if (ms >= 0)
                unloaded.push_back(ms);
            else if (unloaded.empty() && i == 0)
                std::fprintf(stderr, "chatload: baseline turn failed: %s\n", qPrintable(turnError));
        }
        user.close();
    }
    std::printf("chatload: one client, idle gateway: turn p50 %.3f ms, p99 %.3f ms (%zu turns)\n",
        percentile(unloaded, 50), percentile(unloaded, 99), unloaded.size());
    std::fflush(stdout);

    // (4) N connections; the first K of the shards' shares chat.
    QObject context; // lives on this thread: receives the shards' signals
    const ProcMemory rssBefore = readProcMemory(gwPid);
    const int threads = std::clamp(options.threads, 1, options.count);
    std::vector<std::unique_ptr<QThread>> shardThreads;
    std::vector<Shard *> shards;
    int settled = 0;
    int drainedShards = 0;
    const auto stopShards = qScopeGuard([&] {
        for (const std::unique_ptr<QThread> &thread : shardThreads) {
            thread->quit();
            thread->wait();
        }
    });
    const qint64 handshakeStart = nowNs();
    for (int t = 0; t < threads; ++t) {
        const int count = options.count / threads + (t < options.count % threads ? 1 : 0);
        const int chatters = std::min(count, options.chatters / threads + (t < options.chatters % threads ? 1 : 0));
        // Chatter i of shard t is user (i * threads + t) % users: every user chats.
        QStringList shardTokens;
        for (int i = 0; i < chatters; ++i)
            shardTokens.append(tokens.value((i * threads + t) % int(tokens.size())));
        auto thread = std::make_unique<QThread>();
        auto *shard = new Shard(t, port, count, chatters, std::max(1, options.concurrency / threads), shardTokens,
            options.token, options.thinkMs);
        shard->moveToThread(thread.get());
        QObject::connect(thread.get(), &QThread::finished, shard, &QObject::deleteLater);
        QObject::connect(shard, &Shard::handshakesSettled, &context, [&settled] { ++settled; });
        QObject::connect(shard, &Shard::drained, &context, [&drainedShards] { ++drainedShards; });
        thread->start();
        shards.push_back(shard);
        shardThreads.push_back(std::move(thread));
    }
    for (Shard *shard : shards)
        QMetaObject::invokeMethod(shard, &Shard::start, Qt::QueuedConnection);
    if (!waitUntil([&] { return settled == threads; }, 600000)) {
        std::fprintf(stderr, "chatload: the handshakes did not settle within 600 s\n");
        return 1;
    }
    const double handshakeS = double(nowNs() - handshakeStart) / 1e9;
    int ready = 0, handshakeFailed = 0;
    for (Shard *shard : shards) {
        QMetaObject::invokeMethod(
            shard,
            [&ready, &handshakeFailed, shard] {
                ready += shard->ready;
                handshakeFailed += shard->failed;
            },
            Qt::BlockingQueuedConnection);
    }
    const ProcMemory rssConnected = readProcMemory(gwPid);
    std::printf("chatload: %d/%d connections ready (%d failed) in %.1f s; gateway RSS %.1f -> %.1f MB\n", ready,
        options.count, handshakeFailed, handshakeS, double(rssBefore.rssKb) / 1024, double(rssConnected.rssKb) / 1024);
    std::fflush(stdout);

    // (5) D seconds of chat, with bursts on the channel, RSS sampled.
    const double gwCpu0 = processCpuSeconds(gwPid);
    const double fakeCpu0 = processCpuSeconds(fake.pid());
    const double ownCpu0 = ownCpuSeconds();
    const qint64 chatStart = nowNs();
    const qint64 chatEnd = chatStart + qint64(options.seconds * 1e9);
    for (Shard *shard : shards)
        QMetaObject::invokeMethod(shard, [shard, chatEnd] { shard->startChat(chatEnd); });
    std::vector<qint64> rssSamples;
    QTimer rssTimer;
    QObject::connect(&rssTimer, &QTimer::timeout, &context, [&] {
        const qint64 kb = readProcMemory(gwPid).rssKb;
        if (kb > 0)
            rssSamples.push_back(kb);
    });
    rssTimer.start(RSS_SAMPLE_MS);
    int injected = 0;
    QTimer burstTimer;
    const auto burst = [&] {
        const int to = std::min(options.channelMessages, injected + options.burstSize);
        QMetaObject::invokeMethod(telegram,
            [telegram, from = injected, to, chats = options.channelChats] { telegram->inject(from, to, chats); });
        injected = to;
        if (injected >= options.channelMessages)
            burstTimer.stop();
    };
    QObject::connect(&burstTimer, &QTimer::timeout, &context, burst);
    if (options.channelMessages > 0)
        burstTimer.start(options.burstIntervalMs); // the first burst one interval into the chat time
    waitUntil([&] { return nowNs() >= chatEnd; }, int(options.seconds * 1000) + 1000);
    burstTimer.stop();
    const ProcMemory rssEnd = readProcMemory(gwPid);
    const double gwCpu = processCpuSeconds(gwPid) - gwCpu0;
    const double fakeCpu = processCpuSeconds(fake.pid()) - fakeCpu0;
    const double ownCpu = ownCpuSeconds() - ownCpu0;
    const QString loadDuring = loadAverage();
    // Turns in flight at the end finish (not counted in turns/s); channel answers arrive.
    const bool drained = waitUntil([&] { return drainedShards == threads; }, DRAIN_TIMEOUT_MS);
    int channelAnswered = 0;
    if (injected > 0) {
        waitUntil(
            [&] {
                QMetaObject::invokeMethod(
                    telegram, [&] { telegram->finalAnswers(&channelAnswered); }, Qt::BlockingQueuedConnection);
                return channelAnswered >= injected;
            },
            DRAIN_TIMEOUT_MS);
    }
    rssTimer.stop();
    const ProcMemory rssAfter = readProcMemory(gwPid);
    const bool gatewayAlive = gateway.isRunning();

    // Collect.
    std::vector<double> latency;
    std::vector<int> perChatter;
    QHash<QString, int> errors;
    int inWindow = 0, after = 0, turnErrors = 0, dropped = 0, stillInFlight = 0;
    for (Shard *shard : shards) {
        QMetaObject::invokeMethod(shard, &Shard::freeze, Qt::BlockingQueuedConnection);
        latency.insert(latency.end(), shard->latencyMs.cbegin(), shard->latencyMs.cend());
        perChatter.insert(perChatter.end(), shard->turnsPerChatter.cbegin(), shard->turnsPerChatter.cend());
        for (auto it = shard->errors.cbegin(); it != shard->errors.cend(); ++it)
            errors[it.key()] += it.value();
        inWindow += shard->completedInWindow;
        after += shard->completedAfter;
        turnErrors += shard->turnErrors;
        dropped += shard->dropped;
        stillInFlight += shard->inFlight;
    }
    std::vector<double> turns(perChatter.cbegin(), perChatter.cend());
    const int starved = int(std::count(perChatter.cbegin(), perChatter.cend(), 0));
    const double turnsPerS = double(inWindow) / options.seconds;
    const double d50 = percentile(direct, 50), d99 = percentile(direct, 99);
    const double l50 = percentile(latency, 50), l99 = percentile(latency, 99);
    qint64 rssMax = 0;
    for (qint64 kb : rssSamples)
        rssMax = std::max(rssMax, kb);

    // Channel: exactly once per message, latency inject -> final answer.
    std::vector<double> channelLatency;
    int channelMissing = 0, channelDuplicates = 0, channelForeign = 0, channelDrafts = 0;
    if (injected > 0) {
        QMetaObject::invokeMethod(
            telegram,
            [&] {
                std::vector<int> answersPerTag(size_t(injected), 0);
                for (const TelegramHost::Answer &a : telegram->answers) {
                    if (a.tag < 0 || a.tag >= injected) {
                        ++channelForeign;
                        continue;
                    }
                    if (answersPerTag[size_t(a.tag)]++ == 0)
                        channelLatency.push_back(double(a.atNs - telegram->injectedNs[size_t(a.tag)]) / 1e6);
                }
                for (int n : answersPerTag) {
                    channelMissing += n == 0 ? 1 : 0;
                    channelDuplicates += n > 1 ? n - 1 : 0;
                }
                channelDrafts = telegram->drafts;
                for (auto it = telegram->otherTexts.cbegin(); it != telegram->otherTexts.cend(); ++it)
                    errors[u"channel reply: "_s + it.key()] += it.value();
            },
            Qt::BlockingQueuedConnection);
    }

    // Report.
    const auto mb = [](qint64 kb) { return double(kb) / 1024.0; };
    std::printf("\n| figure | measured |\n|---|---|\n");
    std::printf("| connections ready / N | %d / %d (%d failed, %d dropped during the run) |\n", ready, options.count,
        handshakeFailed, dropped);
    std::printf("| chatting clients, users | %d over %d users |\n", int(perChatter.size()), options.users);
    std::printf("| turns completed in %.0f s | %d (%.1f turns/s) |\n", options.seconds, inWindow, turnsPerS);
    std::printf("| turn latency send -> final, p50 / p90 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |\n", l50,
        percentile(latency, 90), l99, percentile(latency, 100));
    std::printf("| the fake's own answer time (direct), p50 / p99 | %.3f / %.3f ms |\n", d50, d99);
    std::printf("| gateway-added latency under load, p50 / p99 | %.1f / %.1f ms |\n", l50 - d50, l99 - d99);
    std::printf("| one client on the idle gateway, p50 / p99 (added p50) | %.2f / %.2f ms (%.2f ms) |\n",
        percentile(unloaded, 50), percentile(unloaded, 99), percentile(unloaded, 50) - d50);
    std::printf("| completed turns per client (window + drain) min / median / max | %.0f / %.0f / %.0f; %d clients "
                "with 0 turns |\n",
        percentile(turns, 0), percentile(turns, 50), percentile(turns, 100), starved);
    std::printf("| turn errors | %d (+%d finished after the window, %d still in flight%s) |\n", turnErrors, after,
        stillInFlight, drained ? "" : ", DRAIN TIMED OUT");
    std::printf("| gateway RSS idle / %d connected / max during chat / after | %.1f / %.1f / %.1f / %.1f MB |\n", ready,
        mb(rssBefore.rssKb), mb(rssConnected.rssKb), mb(rssMax), mb(rssAfter.rssKb));
    std::printf("| CPU during the chat time: gateway / fake / this client | %.1f / %.1f / %.1f s of %.0f s |\n", gwCpu,
        fakeCpu, ownCpu, options.seconds);
    if (injected > 0) {
        std::printf("| channel messages injected / answered once | %d / %d (%d missing, %d duplicates, %d other "
                    "replies, %d drafts) |\n",
            injected, int(channelLatency.size()), channelMissing, channelDuplicates, channelForeign, channelDrafts);
        std::printf("| channel reply latency p50 / p99 / max | %.1f / %.1f / %.1f ms |\n",
            percentile(channelLatency, 50), percentile(channelLatency, 99), percentile(channelLatency, 100));
    }
    std::printf("| load average before / end of chat | %s / %s |\n", qPrintable(loadBefore), qPrintable(loadDuring));
    std::printf("| gateway alive at the end | %s |\n", gatewayAlive ? "yes" : "NO");
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        std::printf("  error x%d: %s\n", it.value(), qPrintable(it.key()));
    std::printf("\n");

    QJsonObject errorJson;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        errorJson.insert(it.key(), it.value());
    QJsonObject result {
        { u"bench"_s, u"chatload"_s },
        { u"label"_s, options.label },
        { u"machine"_s, machineLine() },
        { u"load_before"_s, loadBefore },
        { u"load_end_of_chat"_s, loadDuring },
        { u"n"_s, options.count },
        { u"k"_s, options.chatters },
        { u"users"_s, options.users },
        { u"seconds"_s, options.seconds },
        { u"client_threads"_s, threads },
        { u"think_ms"_s, options.thinkMs },
        { u"ready"_s, ready },
        { u"handshake_failed"_s, handshakeFailed },
        { u"handshake_s"_s, round2(handshakeS) },
        { u"dropped"_s, dropped },
        { u"turns"_s, inWindow },
        { u"turns_per_s"_s, round2(turnsPerS) },
        { u"turns_after_window"_s, after },
        { u"turn_errors"_s, turnErrors },
        { u"in_flight_at_end"_s, stillInFlight },
        { u"latency_ms"_s, percentiles(latency) },
        { u"direct_ms"_s, percentiles(direct) },
        { u"unloaded_ms"_s, percentiles(unloaded) },
        { u"added_ms"_s, QJsonObject { { u"p50"_s, round2(l50 - d50) }, { u"p99"_s, round2(l99 - d99) } } },
        { u"turns_per_client"_s,
            QJsonObject { { u"min"_s, percentile(turns, 0) }, { u"median"_s, percentile(turns, 50) },
                { u"max"_s, percentile(turns, 100) }, { u"zero"_s, starved } } },
        { u"rss_kb"_s,
            QJsonObject { { u"idle"_s, rssBefore.rssKb }, { u"connected"_s, rssConnected.rssKb },
                { u"max_during"_s, rssMax }, { u"end"_s, rssEnd.rssKb }, { u"after"_s, rssAfter.rssKb },
                { u"hwm"_s, rssAfter.hwmKb } } },
        { u"cpu_s"_s,
            QJsonObject {
                { u"gateway"_s, round2(gwCpu) }, { u"fake"_s, round2(fakeCpu) }, { u"client"_s, round2(ownCpu) } } },
        { u"gateway_alive"_s, gatewayAlive },
        { u"errors"_s, errorJson },
    };
    if (injected > 0) {
        result.insert(u"channel"_s,
            QJsonObject { { u"injected"_s, injected }, { u"answered"_s, qint64(channelLatency.size()) },
                { u"missing"_s, channelMissing }, { u"duplicates"_s, channelDuplicates },
                { u"other_replies"_s, channelForeign }, { u"drafts"_s, channelDrafts },
                { u"chats"_s, options.channelChats }, { u"burst_size"_s, options.burstSize },
                { u"burst_interval_ms"_s, options.burstIntervalMs },
                { u"latency_ms"_s, percentiles(channelLatency) } });
    }
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    if (!gatewayAlive)
        std::fprintf(stderr, "chatload: the gateway exited; stderr:\n%s\n", qPrintable(gateway.standardError()));
    const bool ok = gatewayAlive && ready == options.count && turnErrors == 0 && starved == 0 && dropped == 0
        && channelMissing == 0 && channelDuplicates == 0;
    // Tearing down 10k sockets one by one costs seconds; the children are stopped first.
    gateway.stop();
    fake.stop();
    gateway.removeLogs();
    fake.removeLogs();
    home.remove();
    std::fflush(nullptr);
    ::_exit(ok ? 0 : 3);
}

} // namespace

int main(int argc, char **argv)
{
    // As wsload: the plain UNIX dispatcher costs this client about half the CPU of glib's.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"chatload"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"N WebSocket clients, K of them chatting in a closed loop through "
                                     "skynet-gateway against a fake Ollama, optionally with Telegram bursts."_s);
    parser.addHelpOption();
    const QCommandLineOption gatewayOption(
        u"gateway"_s, u"The skynet-gateway binary (default: next to this one)."_s, u"path"_s);
    const QCommandLineOption countOption({ u"n"_s, u"count"_s }, u"Connections."_s, u"N"_s, u"10000"_s);
    const QCommandLineOption chattersOption({ u"k"_s, u"chatters"_s }, u"Chatting clients."_s, u"K"_s, u"1000"_s);
    const QCommandLineOption usersOption(u"users"_s, u"People the chatters are spread over (default: K)."_s, u"U"_s);
    const QCommandLineOption secondsOption({ u"d"_s, u"seconds"_s }, u"Chat time."_s, u"s"_s, u"60"_s);
    const QCommandLineOption threadsOption({ u"t"_s, u"threads"_s }, u"Client event loops."_s, u"T"_s, u"4"_s);
    const QCommandLineOption concurrencyOption(
        { u"c"_s, u"concurrency"_s }, u"Handshakes in flight."_s, u"C"_s, u"256"_s);
    const QCommandLineOption directOption(
        u"direct-requests"_s, u"Requests straight to the fake (its own answer time)."_s, u"n"_s, u"200"_s);
    const QCommandLineOption baselineOption(
        u"baseline-turns"_s, u"Sequential turns on the idle gateway."_s, u"n"_s, u"100"_s);
    const QCommandLineOption channelOption(
        u"channel-messages"_s, u"Telegram messages delivered in bursts (0 = none)."_s, u"n"_s, u"0"_s);
    const QCommandLineOption chatsOption(u"channel-chats"_s, u"Telegram chats they come from."_s, u"n"_s, u"50"_s);
    const QCommandLineOption burstOption(u"burst-size"_s, u"Messages per burst."_s, u"n"_s, u"100"_s);
    const QCommandLineOption intervalOption(u"burst-interval"_s, u"Seconds between bursts."_s, u"s"_s, u"5"_s);
    const QCommandLineOption thinkOption(u"think-ms"_s,
        u"Pause of a chatting client between its turns (0 = closed loop, the next turn at once)."_s, u"ms"_s, u"0"_s);
    const QCommandLineOption labelOption(u"label"_s, u"A name for this run (in the JSON)."_s, u"text"_s);
    const QCommandLineOption fakeMode(u"serve-fake"_s, u"Internal: run the fake Ollama and print its URL."_s);
    parser.addOptions({ gatewayOption, countOption, chattersOption, usersOption, secondsOption, threadsOption,
        concurrencyOption, directOption, baselineOption, channelOption, chatsOption, burstOption, intervalOption,
        thinkOption, labelOption, fakeMode });
    parser.process(app);
    if (parser.isSet(fakeMode))
        return serveFake(app, 0);

    Options options;
    options.gateway = parser.isSet(gatewayOption)
        ? parser.value(gatewayOption)
        : QFileInfo(QCoreApplication::applicationDirPath(), u"skynet-gateway"_s).absoluteFilePath();
    options.token = qEnvironmentVariable("SKYNET_GATEWAY_TOKEN", u"bench-chatload-token-0123456789abcdef"_s);
    options.count = std::max(1, parser.value(countOption).toInt());
    options.chatters = std::clamp(parser.value(chattersOption).toInt(), 1, options.count);
    options.users = parser.isSet(usersOption) ? std::clamp(parser.value(usersOption).toInt(), 1, options.chatters)
                                              : options.chatters;
    options.seconds = std::max(1.0, parser.value(secondsOption).toDouble());
    options.threads = std::max(1, parser.value(threadsOption).toInt());
    options.concurrency = std::max(1, parser.value(concurrencyOption).toInt());
    options.directRequests = std::max(1, parser.value(directOption).toInt());
    options.baselineTurns = std::max(1, parser.value(baselineOption).toInt());
    options.channelMessages = std::max(0, parser.value(channelOption).toInt());
    options.channelChats = std::max(1, parser.value(chatsOption).toInt());
    options.burstSize = std::max(1, parser.value(burstOption).toInt());
    options.burstIntervalMs = std::max(1, int(parser.value(intervalOption).toDouble() * 1000.0));
    options.thinkMs = std::max(0, parser.value(thinkOption).toInt());
    options.label = parser.value(labelOption);
    if (!QFileInfo(options.gateway).isExecutable()) {
        std::fprintf(stderr, "chatload: no gateway at %s (use --gateway)\n", qPrintable(options.gateway));
        return 2;
    }
    return run(options);
}

#include "chatload.moc"
