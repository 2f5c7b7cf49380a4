// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// overhead: what the gateway adds between a client and a model provider.
//
// Three processes: this client, the built skynet-gateway, and a FakeOllama (this executable
// again, run with --serve-fake). The same fake answers both paths:
//   direct   POST /api/chat (NDJSON stream): QNetworkAccessManager for TTFT, a bare QTcpSocket
//            for the relay rate (the fake's own rate, with a client that is not the bottleneck);
//   Skynet   chat.send over an authenticated WebSocket; the gateway calls the same fake.
// Measured: time to first token (TTFT, N sequential requests per series, series interleaved),
// the relay rate of one long reply (pieces "t0 ", "t1 ", ... counted by their text on arrival,
// timed from the fake's own "streaming" announcement on the shared CLOCK_MONOTONIC), chat
// frames/s, and the CPU time of every process during the relay. Figures are printed (a table on
// stdout, one JSON line last); nothing is asserted. See docs/benchmarks/overhead.md.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include "fakeollama.h"

#include "benchsupport.h"

using namespace Qt::StringLiterals;

namespace
{

constexpr int SHORT_REPLY_PIECES = 8;
constexpr int ANNOUNCE_MIN_PIECES = 1000; ///< the fake reports when it starts streaming replies this long
constexpr int WARMUP_REQUESTS = 10;
constexpr int START_TIMEOUT_MS = 15000;
constexpr int REQUEST_TIMEOUT_MS = 30000;
constexpr int STREAM_TIMEOUT_MS = 300000;
const QString TOKEN = u"bench-overhead-token-0123456789abcdef"_s;
const QString MODEL = u"llama3.2"_s;

/// @brief Command-line options of one run.
struct Options
{
    QString gateway;
    QString preload; ///< LD_PRELOAD for the gateway (the TCP_NODELAY shim), or empty
    int requests = 200;
    int repeats = 3;
    int pieces = 100000;
    int streamRepeats = 3;
    int replyPieces = SHORT_REPLY_PIECES;
};

// Shared helpers: bench/support/benchsupport.h
using Bench::median;
using Bench::nowNs;
using Bench::ownCpuSeconds;
using Bench::percentile;
using Bench::processCpuSeconds;
using Bench::round3;
using Bench::stringField;
using Bench::waitUntil;

/// One piece of a reply is one token "t<i> ": count them by their trailing space.
qint64 countPieces(QStringView text)
{
    return text.count(u' ');
}

// ---------------------------------------------------------------------------------------------
// The fake provider process

/// Replies "t0 t1 … t<n-1> " in n NDJSON lines when the last user message holds
/// "bench-pieces=<n>", else SHORT_REPLY_PIECES pieces. Chunked and keep-alive, like Ollama.
int serveFake(QCoreApplication &app, quint16 port)
{
    auto *fake = new Fakes::FakeOllama(&app);
    fake->setChunkDelayMs(0);
    fake->setChunkedTransfer(true);
    fake->setDefaultReply([](const QJsonObject &request) {
        static const QRegularExpression pattern(u"bench-pieces=(\\d+)"_s);
        QString last;
        const QJsonArray messages = request.value(u"messages"_s).toArray();
        for (const QJsonValue &m : messages) {
            if (m.toObject().value(u"role"_s).toString() == u"user"_s)
                last = m.toObject().value(u"content"_s).toString();
        }
        const QRegularExpressionMatch match = pattern.match(last);
        const int n = match.hasMatch() ? match.captured(1).toInt() : SHORT_REPLY_PIECES;
        if (n >= ANNOUNCE_MIN_PIECES) {
            // The lines are built now, before anything is written (about 10 us each); the first
            // is written on the next event-loop turn. Relay rates are timed from this line on.
            QTimer::singleShot(0, [n] {
                std::printf("streaming %d pieces from %lld\n", n, nowNs());
                std::fflush(stdout);
            });
        }
        QStringList pieces;
        pieces.reserve(n);
        for (int i = 0; i < n; ++i)
            pieces.append(u"t%1 "_s.arg(i));
        return pieces;
    });
    // Real Ollama is a Go server, and Go sets TCP_NODELAY on every connection; FakeHttpServer
    // keeps Nagle, which holds each small NDJSON chunk until the previous one is ACKed (a 40 ms
    // delayed-ACK stall per stream on Linux). Its sockets are children of its QTcpServer, and a
    // request is recorded before the response is written.
    QObject::connect(&fake->server(), &Fakes::FakeHttpServer::requestReceived, fake, [fake] {
        const QList<QTcpSocket *> sockets = fake->server().findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    });
    if (!fake->listen(port)) {
        std::fprintf(stderr, "overhead: the fake cannot listen on 127.0.0.1:%u\n", unsigned(port));
        return 1;
    }
    std::printf("listening on %s\n", fake->baseUrl().toString().toUtf8().constData());
    std::fflush(stdout);
    return app.exec();
}

// ---------------------------------------------------------------------------------------------
// Child processes

/// @brief A child process (the fake or the gateway) that prints "listening on <url>" once ready.
class Child : public Bench::Child
{
public:
    explicit Child(const QString &name) : Bench::Child(name, 5000) { }

    /// The start of the last long stream the fake announced (nowNs()), or -1.
    qint64 lastStreamStartNs() const
    {
        const QList<QByteArray> lines = standardOutput().split('\n');
        for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
            if (it->startsWith("streaming "))
                return it->mid(it->lastIndexOf(' ') + 1).toLongLong();
        }
        return -1;
    }
};

// ---------------------------------------------------------------------------------------------
// Measurements

/// @brief Timestamps (ns, nowNs()) and counts of one streamed reply.
struct Exchange
{
    qint64 sentNs = 0;
    qint64 ackNs = -1; ///< chat.send acknowledged (Skynet only)
    qint64 firstNs = -1; ///< first piece of text
    qint64 lastNs = -1; ///< last piece of text
    qint64 endNs = -1; ///< done line / final event
    qint64 pieces = 0;
    qint64 textFrames = 0; ///< NDJSON lines with text, or chat delta events
    qint64 bytes = 0; ///< body bytes (direct) or frame characters (Skynet; all ASCII here, so bytes too)
    QString error;

    bool finished() const { return endNs >= 0 || !error.isEmpty(); }
    double ttftMs() const { return firstNs < 0 ? -1.0 : double(firstNs - sentNs) / 1e6; }
    /// Pieces per second from the moment the fake started writing (streamStartNs) to the last
    /// piece: neither the fake's line building nor the batching of frames distorts it.
    double relayRate(qint64 streamStartNs) const
    {
        return lastNs > streamStartNs ? double(pieces) / (double(lastNs - streamStartNs) / 1e9) : -1.0;
    }
};

/// @brief The direct path: POST /api/chat to the fake, NDJSON read as it arrives.
class DirectClient
{
public:
    explicit DirectClient(const QUrl &baseUrl) : m_url(baseUrl.resolved(QUrl(u"/api/chat"_s))) { }

    Exchange chat(int pieces, int timeoutMs)
    {
        const QJsonObject body { { u"model"_s, MODEL },
            { u"messages"_s,
                QJsonArray {
                    QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"bench-pieces=%1"_s.arg(pieces) } } } },
            { u"stream"_s, true } };
        const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
        QNetworkRequest request(m_url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        Exchange x;
        QByteArray buffer;
        x.sentNs = nowNs();
        std::unique_ptr<QNetworkReply> reply(m_nam.post(request, payload));
        QObject::connect(reply.get(), &QNetworkReply::readyRead, reply.get(), [&] {
            const qint64 t = nowNs();
            const QByteArray data = reply->readAll();
            x.bytes += data.size();
            buffer += data;
            qsizetype start = 0;
            for (qsizetype nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n', start)) {
                const QString line = QString::fromUtf8(buffer.constData() + start, nl - start);
                start = nl + 1;
                const QStringView content = stringField(line, u"content");
                if (!content.isEmpty()) {
                    if (x.firstNs < 0)
                        x.firstNs = t;
                    x.lastNs = t;
                    x.pieces += countPieces(content);
                    ++x.textFrames;
                }
                if (line.contains(u"\"done\":true"_s))
                    x.endNs = t;
            }
            buffer.remove(0, start);
        });
        QObject::connect(reply.get(), &QNetworkReply::finished, reply.get(), [&] {
            if (x.endNs < 0)
                x.error = reply->error() != QNetworkReply::NoError ? reply->errorString() : u"no done line"_s;
        });
        if (!waitUntil([&] { return x.finished(); }, timeoutMs))
            x.error = u"timeout"_s;
        reply->disconnect();
        if (!reply->isFinished())
            reply->abort();
        return x;
    }

private:
    QUrl m_url;
    QNetworkAccessManager m_nam;
};

/// @brief The fake's own rate: the same POST over a bare QTcpSocket, pieces counted in the raw
/// bytes (no HTTP thread, no per-line strings), so that this client is not the bottleneck.
class RawClient
{
public:
    explicit RawClient(const QUrl &baseUrl) : m_url(baseUrl) { }

    Exchange chat(int pieces, int timeoutMs)
    {
        static const QByteArray piece = "\"content\":\"t";
        const QByteArray body = "{\"model\":\"" + MODEL.toUtf8()
            + "\",\"stream\":true,\"messages\":[{\"role\":\"user\","
              "\"content\":\"bench-pieces="
            + QByteArray::number(pieces) + "\"}]}";
        const QByteArray request = "POST /api/chat HTTP/1.1\r\nHost: " + m_url.authority().toUtf8()
            + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        Exchange x;
        QByteArray tail; // a marker may straddle two reads
        QTcpSocket socket;
        bool closed = false;
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] {
            const qint64 t = nowNs();
            const QByteArray data = socket.readAll();
            x.bytes += data.size();
            const QByteArray text = tail + data;
            qint64 found = 0;
            for (qsizetype at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + piece.size()))
                ++found;
            if (found > 0) {
                if (x.firstNs < 0)
                    x.firstNs = t;
                x.lastNs = t;
                x.pieces += found;
                ++x.textFrames;
            }
            if (text.contains("\"done\":true"))
                x.endNs = t;
            tail = text.right(piece.size() - 1);
        });
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [&] { closed = true; });
        x.sentNs = nowNs();
        socket.connectToHost(m_url.host(), quint16(m_url.port()));
        socket.write(request);
        if (!waitUntil([&] { return x.finished() || closed; }, timeoutMs))
            x.error = u"timeout"_s;
        else if (x.endNs < 0)
            x.error = u"closed without a done line"_s;
        socket.abort();
        return x;
    }

private:
    QUrl m_url;
};

/// @brief The Skynet path: one authenticated WebSocket (protocol 4, read + write scopes).
class GatewayClient
{
public:
    GatewayClient() = default;

    bool open(quint16 port, QString *error)
    {
        bool challenged = false;
        QString connectId;
        QJsonObject response;
        m_handler = [&](QStringView frame) {
            const QJsonObject object = QJsonDocument::fromJson(frame.toUtf8()).object();
            if (object.value(u"event"_s).toString() == u"connect.challenge"_s)
                challenged = true;
            else if (object.value(u"type"_s).toString() == u"res"_s)
                response = object;
        };
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString &frame) {
            if (m_handler)
                m_handler(frame);
        });
        QObject::connect(&m_socket, &QWebSocket::disconnected, &m_socket, [this] { m_disconnected = true; });
        m_socket.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(port)));
        if (!waitUntil([&] { return challenged || m_disconnected; }, START_TIMEOUT_MS) || !challenged) {
            *error = u"no connect.challenge: "_s + m_socket.errorString();
            return false;
        }
        send(Bench::connectFrame(
            { .token = TOKEN, .scopes = { u"operator.read"_s, u"operator.write"_s }, .minProtocol = 4 }));
        if (!waitUntil([&] { return !response.isEmpty() || m_disconnected; }, START_TIMEOUT_MS)
            || !response.value(u"ok"_s).toBool()) {
            *error = u"connect failed: "_s + QString::fromUtf8(QJsonDocument(response).toJson(QJsonDocument::Compact));
            return false;
        }
        m_handler = nullptr;
        return true;
    }

    /// chat.send on a fresh session; waits for the terminal chat event.
    Exchange chat(const QString &sessionKey, int pieces, int timeoutMs)
    {
        const QString id = u"r%1"_s.arg(++m_nextId);
        Exchange x;
        m_handler = [&](QStringView frame) {
            const qint64 t = nowNs();
            x.bytes += frame.size();
            // Compact JSON with sorted keys: the frame's own "type" is its last string field.
            const QStringView type = stringField(frame, u"type", true);
            if (type == u"res") {
                const QJsonObject res = QJsonDocument::fromJson(frame.toUtf8()).object();
                if (res.value(u"id"_s).toString() != id)
                    return;
                x.ackNs = t;
                if (!res.value(u"ok"_s).toBool())
                    x.error = u"chat.send failed: "_s + frame.left(300).toString();
                return;
            }
            if (stringField(frame, u"event") != u"chat")
                return; // agent events, ticks
            const QStringView state = stringField(frame, u"state", true);
            if (state == u"delta") {
                const QStringView delta = stringField(frame, u"deltaText");
                if (x.firstNs < 0)
                    x.firstNs = t;
                x.lastNs = t;
                x.pieces += countPieces(delta);
                ++x.textFrames;
            } else if (state == u"final") {
                x.endNs = t;
            } else if (state == u"error" || state == u"aborted") {
                x.error = u"run ended with "_s + state.toString() + u": "_s + frame.left(400).toString();
            }
        };
        const QJsonObject params { { u"sessionKey"_s, sessionKey }, { u"message"_s, u"bench-pieces=%1"_s.arg(pieces) },
            { u"idempotencyKey"_s, u"ovh-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(sessionKey) } };
        x.sentNs = nowNs();
        send(QJsonObject {
            { u"type"_s, u"req"_s }, { u"id"_s, id }, { u"method"_s, u"chat.send"_s }, { u"params"_s, params } });
        if (!waitUntil([&] { return x.finished() || m_disconnected; }, timeoutMs))
            x.error = u"timeout"_s;
        if (m_disconnected && x.error.isEmpty())
            x.error
                = u"the gateway closed the socket (%1 %2)"_s.arg(int(m_socket.closeCode())).arg(m_socket.closeReason());
        m_handler = nullptr;
        return x;
    }

    void close()
    {
        m_socket.close();
        waitUntil([this] { return m_disconnected; }, 2000);
    }

private:
    void send(const QJsonObject &frame)
    {
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
        m_socket.flush();
    }

    QWebSocket m_socket;
    std::function<void(QStringView)> m_handler;
    int m_nextId = 0;
    bool m_disconnected = false;
};

/// @brief TTFT percentiles of one series.
struct Series
{
    double p50 = -1, p90 = -1, p99 = -1, max = -1, ackP50 = -1;
    int failed = 0;
    double cpuMsPerRequest = -1; ///< gateway CPU per request (Skynet series)
};

Series summarize(const std::vector<double> &ttft, const std::vector<double> &ack, int failed)
{
    Series s;
    s.p50 = percentile(ttft, 50);
    s.p90 = percentile(ttft, 90);
    s.p99 = percentile(ttft, 99);
    s.max = percentile(ttft, 100);
    s.ackP50 = percentile(ack, 50);
    s.failed = failed;
    return s;
}

/// @brief One long reply relayed end to end, with CPU seconds of each process.
struct Relay
{
    Exchange x;
    qint64 streamStartNs = -1; ///< the fake started writing (its announcement)
    double gatewayCpu = -1, fakeCpu = -1, clientCpu = -1;

    double rate() const { return x.error.isEmpty() ? x.relayRate(streamStartNs) : 0.0; }
    double streamSeconds() const { return double(x.lastNs - streamStartNs) / 1e9; }
};

QJsonObject seriesJson(const Series &s)
{
    return QJsonObject { { u"p50_ms"_s, round3(s.p50) }, { u"p90_ms"_s, round3(s.p90) }, { u"p99_ms"_s, round3(s.p99) },
        { u"max_ms"_s, round3(s.max) }, { u"failed"_s, s.failed } };
}

QString machineLine()
{
    return Bench::machineLine() + u", load "_s + Bench::loadAverage();
}

int runBench(const Options &options)
{
    std::printf("overhead: %s\n", machineLine().toUtf8().constData());
    std::printf("overhead: TTFT %d requests x %d series (reply %d pieces), relay %d pieces x %d\n", options.requests,
        options.repeats, options.replyPieces, options.pieces, options.streamRepeats);
    std::printf("overhead: gateway %s%s\n", qPrintable(options.gateway),
        options.preload.isEmpty() ? "" : qPrintable(u" with LD_PRELOAD="_s + options.preload));
    std::fflush(stdout);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Child fake(u"fake"_s);
    if (!fake.start(QCoreApplication::applicationFilePath(), { u"--serve-fake"_s }, env)) {
        std::fprintf(stderr, "overhead: %s\n", qPrintable(fake.errorString()));
        return 1;
    }
    QTemporaryDir home;
    env.remove(u"OLLAMA_HOST"_s);
    env.insert(u"SKYNET_GATEWAY_TOKEN"_s, TOKEN);
    env.insert(u"SKYNET_PROVIDERS_OLLAMA_BASE_URL"_s, fake.url().toString());
    env.insert(u"SKYNET_ROUTING_MODE"_s, u"fixed"_s);
    env.insert(u"SKYNET_ROUTING_STANDARD"_s, u"ollama"_s);
    env.insert(u"SKYNET_AGENT_MAX_TOKENS"_s, u"1000000"_s); // sent as num_predict; the fake obeys it
    env.insert(u"SKYNET_PROVIDERS_ANTHROPIC_ENABLED"_s, u"false"_s);
    env.insert(u"SKYNET_PROVIDERS_OPENAI_ENABLED"_s, u"false"_s);
    if (!options.preload.isEmpty())
        env.insert(u"LD_PRELOAD"_s, options.preload);
    Child gateway(u"skynet-gateway"_s);
    if (!gateway.start(options.gateway, { u"--home"_s, home.path(), u"--port"_s, u"0"_s }, env)) {
        std::fprintf(stderr, "overhead: %s\n", qPrintable(gateway.errorString()));
        return 1;
    }
    std::printf("overhead: fake pid %lld at %s, gateway pid %lld on port %u\n", fake.pid(),
        fake.url().toString().toUtf8().constData(), gateway.pid(), unsigned(gateway.port()));
    std::fflush(stdout);

    DirectClient direct(fake.url());
    int sessions = 0;
    const auto sessionKey = [&] { return u"bench-ovh-%1"_s.arg(++sessions); };

    // Warm both paths (connections, first-use allocations, SQLite pages) before timing anything.
    {
        GatewayClient warm;
        QString error;
        if (!warm.open(gateway.port(), &error)) {
            std::fprintf(stderr, "overhead: %s\n", qPrintable(error));
            return 1;
        }
        for (int i = 0; i < WARMUP_REQUESTS; ++i) {
            const Exchange d = direct.chat(options.replyPieces, REQUEST_TIMEOUT_MS);
            const Exchange g = warm.chat(sessionKey(), options.replyPieces, REQUEST_TIMEOUT_MS);
            if (!d.error.isEmpty() || !g.error.isEmpty()) {
                std::fprintf(stderr, "overhead: warm-up failed: direct \"%s\", skynet \"%s\"\n", qPrintable(d.error),
                    qPrintable(g.error));
                return 1;
            }
            if (g.pieces != options.replyPieces || d.pieces != options.replyPieces)
                std::fprintf(stderr, "overhead: warm-up reply has %lld/%lld pieces, expected %d\n", d.pieces, g.pieces,
                    options.replyPieces);
        }
        warm.close();
    }

    // (1) + (2) TTFT: series interleaved (direct, Skynet, direct, ...) so load drifts hit both.
    std::vector<Series> directSeries, skynetSeries;
    std::vector<double> added50, added99;
    for (int rep = 0; rep < options.repeats; ++rep) {
        std::vector<double> ttft, ack;
        int failed = 0;
        for (int i = 0; i < options.requests; ++i) {
            const Exchange x = direct.chat(options.replyPieces, REQUEST_TIMEOUT_MS);
            if (x.error.isEmpty() && x.firstNs >= 0)
                ttft.push_back(x.ttftMs());
            else
                ++failed;
        }
        directSeries.push_back(summarize(ttft, {}, failed));

        // A socket follows at most 256 sessions, and every request uses a fresh session: one
        // socket per series (opened before the clock starts).
        GatewayClient client;
        QString error;
        if (!client.open(gateway.port(), &error)) {
            std::fprintf(stderr, "overhead: %s\n", qPrintable(error));
            return 1;
        }
        ttft.clear();
        failed = 0;
        const double cpu0 = processCpuSeconds(gateway.pid());
        for (int i = 0; i < options.requests; ++i) {
            const Exchange x = client.chat(sessionKey(), options.replyPieces, REQUEST_TIMEOUT_MS);
            if (x.error.isEmpty() && x.firstNs >= 0) {
                ttft.push_back(x.ttftMs());
                ack.push_back(double(x.ackNs - x.sentNs) / 1e6);
            } else {
                ++failed;
                if (failed == 1)
                    std::fprintf(stderr, "overhead: request failed: %s\n", qPrintable(x.error));
            }
        }
        Series s = summarize(ttft, ack, failed);
        s.cpuMsPerRequest = (processCpuSeconds(gateway.pid()) - cpu0) * 1000.0 / options.requests;
        skynetSeries.push_back(s);
        client.close();
        added50.push_back(s.p50 - directSeries.back().p50);
        added99.push_back(s.p99 - directSeries.back().p99);
        std::printf("  TTFT series %d: direct p50 %.3f p90 %.3f p99 %.3f ms | Skynet p50 %.3f p90 %.3f p99 %.3f ms "
                    "(ack p50 %.3f, gateway CPU %.2f ms/request)%s\n",
            rep + 1, directSeries.back().p50, directSeries.back().p90, directSeries.back().p99, s.p50, s.p90, s.p99,
            s.ackP50, s.cpuMsPerRequest, directSeries.back().failed + s.failed ? " FAILURES" : "");
        std::fflush(stdout);
    }

    // (3) Relay: one long reply, straight from the fake (its own rate) then through Skynet,
    // interleaved. Timed from the fake's "streaming" announcement to the last piece.
    RawClient raw(fake.url());
    std::vector<Relay> directRelays, skynetRelays;
    const auto streamStart = [&](const Exchange &x) {
        const qint64 start = fake.lastStreamStartNs();
        return start >= x.sentNs ? start : x.firstNs; // no announcement: from the first piece
    };
    const auto print = [&](int rep, const char *path, const Relay &r) {
        std::printf("  relay %d %-6s: %lld/%d pieces, %.0f pieces/s (stream start -> last piece %.3f s; request -> "
                    "stream start %.3f s, -> first piece %.3f s); %lld text frames (%.0f/s), %.1f MB; CPU s: gateway "
                    "%.2f fake %.2f client %.2f%s%s\n",
            rep + 1, path, r.x.pieces, options.pieces, r.rate(), r.streamSeconds(),
            double(r.streamStartNs - r.x.sentNs) / 1e9, double(r.x.firstNs - r.x.sentNs) / 1e9, r.x.textFrames,
            double(r.x.textFrames) / r.streamSeconds(), double(r.x.bytes) / 1e6, r.gatewayCpu, r.fakeCpu, r.clientCpu,
            r.x.error.isEmpty() ? "" : " ERROR: ", qPrintable(r.x.error));
    };
    for (int rep = 0; rep < options.streamRepeats; ++rep) {
        Relay d;
        const double fake0 = processCpuSeconds(fake.pid());
        const double own0 = ownCpuSeconds();
        d.x = raw.chat(options.pieces, STREAM_TIMEOUT_MS);
        d.fakeCpu = processCpuSeconds(fake.pid()) - fake0;
        d.clientCpu = ownCpuSeconds() - own0;
        d.streamStartNs = streamStart(d.x);
        directRelays.push_back(d);
        print(rep, "direct", d);

        GatewayClient client;
        QString error;
        if (!client.open(gateway.port(), &error)) {
            std::fprintf(stderr, "overhead: %s\n", qPrintable(error));
            return 1;
        }
        Relay g;
        const double gw1 = processCpuSeconds(gateway.pid());
        const double fake1 = processCpuSeconds(fake.pid());
        const double own1 = ownCpuSeconds();
        g.x = client.chat(sessionKey(), options.pieces, STREAM_TIMEOUT_MS);
        g.gatewayCpu = processCpuSeconds(gateway.pid()) - gw1;
        g.fakeCpu = processCpuSeconds(fake.pid()) - fake1;
        g.clientCpu = ownCpuSeconds() - own1;
        g.streamStartNs = streamStart(g.x);
        client.close();
        skynetRelays.push_back(g);
        print(rep, "Skynet", g);
        std::fflush(stdout);
    }

    // Summary: medians over the series / runs of this invocation.
    const auto collect = [](const auto &items, auto field) {
        std::vector<double> v;
        for (const auto &item : items)
            v.push_back(field(item));
        return v;
    };
    const double d50 = median(collect(directSeries, [](const Series &s) { return s.p50; }));
    const double d90 = median(collect(directSeries, [](const Series &s) { return s.p90; }));
    const double d99 = median(collect(directSeries, [](const Series &s) { return s.p99; }));
    const double s50 = median(collect(skynetSeries, [](const Series &s) { return s.p50; }));
    const double s90 = median(collect(skynetSeries, [](const Series &s) { return s.p90; }));
    const double s99 = median(collect(skynetSeries, [](const Series &s) { return s.p99; }));
    const double ack50 = median(collect(skynetSeries, [](const Series &s) { return s.ackP50; }));
    const double cpuPerRequest = median(collect(skynetSeries, [](const Series &s) { return s.cpuMsPerRequest; }));
    const double add50 = median(added50), add99 = median(added99);
    const auto rate = [](const Relay &r) { return r.rate(); };
    const double directRate = median(collect(directRelays, rate));
    const double skynetRate = median(collect(skynetRelays, rate));
    const double frameRate
        = median(collect(skynetRelays, [](const Relay &r) { return double(r.x.textFrames) / r.streamSeconds(); }));
    const double framesPerRun = median(collect(skynetRelays, [](const Relay &r) { return double(r.x.textFrames); }));
    const double mbPerRun = median(collect(skynetRelays, [](const Relay &r) { return double(r.x.bytes) / 1e6; }));
    const double gwCpu = median(collect(skynetRelays, [](const Relay &r) { return r.gatewayCpu; }));
    const double gwCpuShare
        = median(collect(skynetRelays, [](const Relay &r) { return r.gatewayCpu / r.streamSeconds(); }));
    const double gwUsPerPiece = gwCpu * 1e6 / options.pieces;
    bool relayComplete = true;
    for (const Relay &r : skynetRelays)
        relayComplete = relayComplete && r.x.error.isEmpty() && r.x.pieces == options.pieces;
    for (const Relay &r : directRelays)
        relayComplete = relayComplete && r.x.error.isEmpty() && r.x.pieces == options.pieces;

    const auto verdict = [](bool ok) { return ok ? "ok" : "MISSED"; };
    std::printf("\n| figure | target | direct | via Skynet | Skynet adds | verdict |\n|---|---|---|---|---|---|\n");
    std::printf("| TTFT p50 (median of %d series x %d) | added <= 2 ms | %.3f ms | %.3f ms | %+.3f ms | %s |\n",
        options.repeats, options.requests, d50, s50, add50, verdict(add50 <= 2.0));
    std::printf("| TTFT p90 | - | %.3f ms | %.3f ms | %+.3f ms | - |\n", d90, s90, s90 - d90);
    std::printf("| TTFT p99 | - | %.3f ms | %.3f ms | %+.3f ms | - |\n", d99, s99, add99);
    std::printf("| chat.send ack p50 | - | - | %.3f ms | - | - |\n", ack50);
    std::printf("| gateway CPU per short request | - | - | %.2f ms | - | - |\n", cpuPerRequest);
    std::printf("| relayed pieces/s, one connection (%d pieces, median of %d) | >= 20,000/s | %.0f/s | %.0f/s | "
                "x%.3f of direct | %s |\n",
        options.pieces, options.streamRepeats, directRate, skynetRate, skynetRate / directRate,
        relayComplete ? verdict(skynetRate >= 20000) : "INCOMPLETE");
    std::printf("| chat delta frames/s (frames per run) | - | - | %.0f/s (%.0f) | - | - |\n", frameRate, framesPerRun);
    std::printf("| data received per relay run | - | %.1f MB | %.1f MB | - | - |\n",
        median(collect(directRelays, [](const Relay &r) { return double(r.x.bytes) / 1e6; })), mbPerRun);
    std::printf("| gateway CPU per long reply | - | - | %.2f s (%.0f%% of a core while streaming, %.1f us/piece) "
                "| - | - |\n",
        gwCpu, gwCpuShare * 100.0, gwUsPerPiece);
    std::printf("\n");

    QJsonArray ttftSeries;
    for (size_t i = 0; i < directSeries.size(); ++i)
        ttftSeries.append(
            QJsonObject { { u"direct"_s, seriesJson(directSeries[i]) }, { u"skynet"_s, seriesJson(skynetSeries[i]) } });
    QJsonArray relays;
    for (size_t i = 0; i < skynetRelays.size(); ++i) {
        const Relay &d = directRelays[i], &g = skynetRelays[i];
        relays.append(QJsonObject { { u"direct_pieces_per_s"_s, std::round(d.rate()) },
            { u"skynet_pieces_per_s"_s, std::round(g.rate()) }, { u"direct_stream_s"_s, round3(d.streamSeconds()) },
            { u"skynet_stream_s"_s, round3(g.streamSeconds()) }, { u"skynet_pieces"_s, g.x.pieces },
            { u"skynet_frames"_s, g.x.textFrames }, { u"skynet_mb"_s, round3(double(g.x.bytes) / 1e6) },
            { u"gateway_cpu_s"_s, round3(g.gatewayCpu) }, { u"fake_cpu_s"_s, round3(g.fakeCpu) },
            { u"client_cpu_s"_s, round3(g.clientCpu) }, { u"error"_s, g.x.error } });
    }
    const QJsonObject result {
        { u"machine"_s, machineLine() },
        { u"gateway_preload"_s, options.preload },
        { u"requests"_s, options.requests },
        { u"pieces"_s, options.pieces },
        { u"ttft_ms"_s,
            QJsonObject { { u"direct_p50"_s, round3(d50) }, { u"direct_p99"_s, round3(d99) },
                { u"skynet_p50"_s, round3(s50) }, { u"skynet_p99"_s, round3(s99) }, { u"added_p50"_s, round3(add50) },
                { u"added_p99"_s, round3(add99) }, { u"ack_p50"_s, round3(ack50) } } },
        { u"ttft_series"_s, ttftSeries },
        { u"relay"_s,
            QJsonObject { { u"direct_pieces_per_s"_s, std::round(directRate) },
                { u"skynet_pieces_per_s"_s, std::round(skynetRate) },
                { u"skynet_frames_per_s"_s, std::round(frameRate) }, { u"gateway_cpu_s"_s, round3(gwCpu) },
                { u"complete"_s, relayComplete } } },
        { u"relay_runs"_s, relays },
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    if (!gateway.isRunning())
        std::fprintf(
            stderr, "overhead: the gateway exited during the run; stderr:\n%s\n", qPrintable(gateway.standardError()));
    return relayComplete ? 0 : 3;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"overhead"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Time to first token and relay rate: direct to a fake Ollama vs. through skynet-gateway."_s);
    parser.addHelpOption();
    const QCommandLineOption gateway(
        u"gateway"_s, u"The skynet-gateway binary (default: next to this one)."_s, u"path"_s);
    const QCommandLineOption preload(u"gateway-preload"_s,
        u"LD_PRELOAD for the gateway, e.g. bin/liboverhead_nodelay.so (TCP_NODELAY on accepted sockets)."_s, u"lib"_s);
    const QCommandLineOption requests(u"requests"_s, u"Sequential requests per TTFT series."_s, u"n"_s, u"200"_s);
    const QCommandLineOption repeats(u"repeats"_s, u"TTFT series per path."_s, u"n"_s, u"3"_s);
    const QCommandLineOption pieces(u"pieces"_s, u"Pieces of the long reply (relay rate)."_s, u"n"_s, u"100000"_s);
    const QCommandLineOption streamRepeats(u"stream-repeats"_s, u"Relay runs per path."_s, u"n"_s, u"3"_s);
    const QCommandLineOption replyPieces(u"reply-pieces"_s, u"Pieces of the short TTFT reply."_s, u"n"_s, u"8"_s);
    const QCommandLineOption fakeMode(u"serve-fake"_s, u"Internal: run the fake Ollama and print its URL."_s);
    const QCommandLineOption port(u"port"_s, u"Port of --serve-fake (0 = any)."_s, u"port"_s, u"0"_s);
    parser.addOptions({ gateway, preload, requests, repeats, pieces, streamRepeats, replyPieces, fakeMode, port });
    parser.process(app);

    if (parser.isSet(fakeMode))
        return serveFake(app, quint16(parser.value(port).toUInt()));

    Options options;
    options.gateway = parser.isSet(gateway)
        ? parser.value(gateway)
        : QFileInfo(QCoreApplication::applicationDirPath(), u"skynet-gateway"_s).absoluteFilePath();
    options.preload = parser.value(preload);
    options.requests = qMax(1, parser.value(requests).toInt());
    options.repeats = qMax(1, parser.value(repeats).toInt());
    options.pieces = qMax(2, parser.value(pieces).toInt());
    options.streamRepeats = qMax(1, parser.value(streamRepeats).toInt());
    options.replyPieces = qMax(1, parser.value(replyPieces).toInt());
    if (!QFileInfo(options.gateway).isExecutable()) {
        std::fprintf(stderr, "overhead: no gateway at %s (use --gateway)\n", qPrintable(options.gateway));
        return 2;
    }
    return runBench(options);
}
