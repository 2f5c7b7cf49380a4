// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The provider fakes, driven by a plain QNetworkAccessManager and checked against the wire
// formats in shared/reference/{ollama-api,anthropic-messages-api,openai-chat-api}.md.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include "fakeanthropic.h"
#include "fakehttpserver.h"
#include "fakeollama.h"
#include "fakeopenai.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeAnthropic;
using Fakes::FakeHttpServer;
using Fakes::FakeOllama;
using Fakes::FakeOpenAI;
using Fakes::ScriptedResponse;

namespace
{

constexpr int WAIT_MS = 10000;

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct Result
{
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    int reads = 0;
    QHash<QByteArray, QByteArray> headers; ///< lower-cased names

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const { return headers.value(name); }
};

struct SseEvent
{
    QByteArray name;
    QByteArray data;
    QJsonObject json() const { return QJsonDocument::fromJson(data).object(); }
};

QList<SseEvent> parseSse(const QByteArray &body)
{
    // Per the SSE rules the references list: blank line ends an event, ':' starts a comment,
    // one optional space after "data:", CRLF tolerated, unnamed events are "message".
    QList<SseEvent> events;
    const QByteArray normalized = QByteArray(body).replace("\r\n", "\n");
    qsizetype pos = 0;
    while (pos < normalized.size()) {
        qsizetype end = normalized.indexOf("\n\n", pos);
        if (end < 0)
            end = normalized.size();
        SseEvent e { "message", QByteArray() };
        for (const QByteArray &line : normalized.mid(pos, end - pos).split('\n')) {
            if (line.startsWith(':'))
                continue;
            if (line.startsWith("event:")) {
                e.name = line.mid(6).trimmed();
            } else if (line.startsWith("data:")) {
                QByteArray d = line.mid(5);
                if (d.startsWith(' '))
                    d.remove(0, 1);
                e.data = e.data.isNull() ? d : e.data + '\n' + d;
            }
        }
        if (!e.data.isNull())
            events.append(e);
        pos = end + 2;
    }
    return events;
}

QList<QJsonObject> ndjson(const QByteArray &body)
{
    QList<QJsonObject> lines;
    for (const QByteArray &l : body.split('\n')) {
        if (!l.isEmpty())
            lines.append(QJsonDocument::fromJson(l).object());
    }
    return lines;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_Fakes final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    qint64 m_now = 1767225600000; // 2026-01-01T00:00:00Z, for the injected clocks

    Result send(const QByteArray &verb, const QUrl &url, const QByteArray &body = {}, const Headers &headers = {})
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        // QNAM only knows a HEAD has no body when it is sent with head().
        QNetworkReply *reply = verb == "HEAD" ? m_nam.head(request) : m_nam.sendCustomRequest(request, verb, body);
        Result result;
        connect(reply, &QNetworkReply::readyRead, reply, [&result, reply] {
            ++result.reads;
            result.body += reply->readAll();
        });
        QSignalSpy finished(reply, &QNetworkReply::finished);
        result.finished = finished.wait(WAIT_MS);
        result.body += reply->readAll();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        for (const auto &h : reply->rawHeaderPairs())
            result.headers.insert(h.first.toLower(), h.second);
        reply->deleteLater();
        return result;
    }

    Result postJson(const QUrl &url, const QJsonObject &body, const Headers &headers = {})
    {
        return send("POST", url, compact(body), headers);
    }

    static Headers anthropicHeaders()
    {
        return { { "x-api-key", "sk-ant-test" }, { "anthropic-version", "2023-06-01" } };
    }

    Result anthropic(FakeAnthropic &fake, const QJsonObject &body)
    {
        return postJson(QUrl(fake.baseUrl().toString() + u"/v1/messages"_s), body, anthropicHeaders());
    }

    static QJsonObject usageOf(const Result &r)
    {
        const QJsonObject body = r.json();
        if (body.contains(u"usage"_s))
            return body.value(u"usage"_s).toObject();
        for (const SseEvent &e : parseSse(r.body)) {
            if (e.name == "message_start")
                return e.json().value(u"message"_s).toObject().value(u"usage"_s).toObject();
        }
        return {};
    }

    static QString longText(int bytes, QChar salt = u'a')
    {
        QString s;
        s.reserve(bytes);
        for (int i = 0; i < bytes; ++i)
            s.append(QChar(u'a' + (i * 7 + salt.unicode()) % 26));
        return s;
    }

    static QJsonObject ephemeral(const QString &ttl = {})
    {
        QJsonObject cc { { u"type"_s, u"ephemeral"_s } };
        if (!ttl.isEmpty())
            cc.insert(u"ttl"_s, ttl);
        return cc;
    }

    static QJsonObject textBlock(const QString &text, bool breakpoint = false)
    {
        QJsonObject b { { u"type"_s, u"text"_s }, { u"text"_s, text } };
        if (breakpoint)
            b.insert(u"cache_control"_s, ephemeral());
        return b;
    }

private Q_SLOTS:
    // ---------------------------------------------------------------- FakeHttpServer
    void server_recordsAndKeepsAlive()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler(u"/echo"_s, [](const Fakes::RecordedRequest &r) {
            return ScriptedResponse::json(200, QJsonObject { { u"got"_s, QString::fromUtf8(r.body) } });
        });
        QSignalSpy received(&server, &FakeHttpServer::requestReceived);
        const Result a
            = send("POST", QUrl(server.baseUrl().toString() + u"/echo?x=1"_s), "one", { { "X-Test", "yes" } });
        const Result b = send("POST", QUrl(server.baseUrl().toString() + u"/echo"_s), "two");
        QVERIFY(a.finished && b.finished);
        QCOMPARE(a.json().value(u"got"_s).toString(), u"one"_s);
        QCOMPARE(b.json().value(u"got"_s).toString(), u"two"_s);
        QCOMPARE(a.header("connection"), "keep-alive");
        QCOMPARE(received.size(), 2);
        QCOMPARE(server.requestCount(u"/echo"_s), 2);
        const Fakes::RecordedRequest first = server.requests().first();
        QCOMPARE(first.method, "POST");
        QCOMPARE(first.query, "x=1");
        QCOMPARE(first.header("x-test"), "yes");
        QCOMPARE(server.lastRequest(u"/echo"_s).body, "two");
        QTRY_COMPARE(server.openConnections(), 1); // QNAM reused one connection
        QCOMPARE(send("GET", QUrl(server.baseUrl().toString() + u"/nope"_s)).status, 404);
    }

    void server_queueBeforeHandlerAndPrefix()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler(u"/a/*"_s, [](const Fakes::RecordedRequest &r) {
            return ScriptedResponse::json(200, QJsonObject { { u"path"_s, r.path } });
        });
        server.enqueue(u"/a/x"_s, ScriptedResponse::json(201, {}));
        QCOMPARE(send("GET", QUrl(server.baseUrl().toString() + u"/a/x"_s)).status, 201);
        const Result r = send("GET", QUrl(server.baseUrl().toString() + u"/a/x"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"path"_s).toString(), u"/a/x"_s);
    }

    void server_streamsChunksCloseDelimited()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        ScriptedResponse s = ScriptedResponse::stream("text/plain", { "one\n", "two\n", "three\n" });
        s.chunkDelayMs = 30;
        server.enqueue(u"/s"_s, s);
        const Result r = send("GET", QUrl(server.baseUrl().toString() + u"/s"_s));
        QVERIFY(r.finished);
        QCOMPARE(r.error, QNetworkReply::NoError);
        QCOMPARE(r.body, "one\ntwo\nthree\n");
        QVERIFY2(r.reads >= 2, "each chunk must reach the client separately");
        QCOMPARE(r.header("connection"), "close");
        QVERIFY(!r.headers.contains("content-length"));
    }

    void server_chunkedFramingOnTheWire()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        ScriptedResponse s = ScriptedResponse::stream("text/plain", { "hello", "world!" });
        s.chunkedTransfer = true;
        server.enqueue(u"/c"_s, s);
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, server.port());
        QVERIFY(socket.waitForConnected(WAIT_MS));
        socket.write("GET /c HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray raw;
        QTRY_VERIFY_WITH_TIMEOUT((raw += socket.readAll()).endsWith("0\r\n\r\n"), WAIT_MS);
        QVERIFY(raw.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(raw.contains("Transfer-Encoding: chunked\r\n"));
        QVERIFY(raw.contains("\r\n\r\n5\r\nhello\r\n6\r\nworld!\r\n0\r\n\r\n"));
    }

    void server_resetAfterChunks()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        ScriptedResponse s = ScriptedResponse::stream("text/plain", { "partial" });
        s.chunkedTransfer = true;
        s.resetAfterChunks = true;
        server.enqueue(u"/r"_s, s);
        server.enqueue(u"/r"_s, s);
        // On the wire: the partial chunked body, no terminating chunk, then a TCP reset.
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, server.port());
        QVERIFY(socket.waitForConnected(WAIT_MS));
        socket.write("GET /r HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray raw;
        QTRY_VERIFY_WITH_TIMEOUT(
            (raw += socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState), WAIT_MS);
        raw += socket.readAll();
        QVERIFY(raw.endsWith("\r\n\r\n7\r\npartial\r\n"));
        QCOMPARE(socket.error(), QAbstractSocket::RemoteHostClosedError);
        // QNetworkAccessManager gets the partial body. Whether it reports RemoteHostClosedError
        // or NoError for the unfinished chunked body depends on timing (Qt 6.4), so a client must
        // detect truncation from the protocol (done / message_stop / [DONE]), not from the error.
        const Result r = send("GET", QUrl(server.baseUrl().toString() + u"/r"_s));
        QVERIFY(r.finished);
        QCOMPARE(r.body, "partial");
    }

    void server_stallKeepsConnectionOpen()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        ScriptedResponse s = ScriptedResponse::stream("text/plain", { "first" });
        s.stallAfterChunks = true;
        server.enqueue(u"/stall"_s, s);
        QNetworkReply *reply = m_nam.get(QNetworkRequest(QUrl(server.baseUrl().toString() + u"/stall"_s)));
        QByteArray got;
        connect(reply, &QNetworkReply::readyRead, reply, [&] { got += reply->readAll(); });
        QTRY_COMPARE_WITH_TIMEOUT(got, QByteArray("first"), WAIT_MS);
        QVERIFY(!reply->isFinished());
        QCOMPARE(server.openConnections(), 1);
        reply->abort();
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, WAIT_MS);
        reply->deleteLater();
    }

    void server_silentSendsNoStatusLine()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        ScriptedResponse s;
        s.silent = true;
        server.enqueue(u"/quiet"_s, s);
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, server.port());
        QVERIFY(socket.waitForConnected(WAIT_MS));
        socket.write("GET /quiet HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(u"/quiet"_s), 1, WAIT_MS);
        // A full round trip on another connection: anything written to the first would be here by now.
        QCOMPARE(send("GET", QUrl(server.baseUrl().toString() + u"/other"_s)).status, 404);
        QCOMPARE(socket.bytesAvailable(), 0);
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }

    // A held request is answered on release() when its client still waits, and dropped when the
    // client died -- also when the client's connection was still in the listen backlog.
    void server_holdAndRelease()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        int handled = 0;
        server.setHandler(u"/send"_s, [&handled](const Fakes::RecordedRequest &) {
            ++handled;
            return ScriptedResponse::json(200, QJsonObject { { u"ok"_s, true } });
        });
        server.setHold([](const Fakes::RecordedRequest &r) { return r.path == u"/send"; });
        const QByteArray request = "POST /send HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";

        // Alive: held, then answered.
        QTcpSocket alive;
        alive.connectToHost(u"127.0.0.1"_s, server.port());
        QVERIFY(alive.waitForConnected(WAIT_MS));
        alive.write(request);
        QTRY_COMPARE_WITH_TIMEOUT(server.heldCount(), 1, WAIT_MS);
        QCOMPARE(handled, 0);
        QCOMPARE(server.release(), 0);
        QCOMPARE(handled, 1);
        QTRY_VERIFY_WITH_TIMEOUT(alive.bytesAvailable() > 0, WAIT_MS);
        QVERIFY(alive.readAll().startsWith("HTTP/1.1 200"));
        alive.abort();
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, WAIT_MS);

        // Dead, with its connection in the listen backlog: the event loop never ran in between,
        // so the server has not accepted it yet (the crash test's kill right after a connect).
        server.setHold([](const Fakes::RecordedRequest &r) { return r.path == u"/send"; });
        {
            QTcpSocket dead;
            dead.connectToHost(u"127.0.0.1"_s, server.port());
            QVERIFY(dead.waitForConnected(WAIT_MS));
            dead.write(request);
            QVERIFY(dead.waitForBytesWritten(WAIT_MS));
            dead.abort();
        }
        // Not accepted yet: without acceptPending(), release() would miss it and the handler would run.
        QCOMPARE(server.openConnections(), 0);
        QCOMPARE(server.acceptPending(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, WAIT_MS);
        QCOMPARE(server.heldCount(), 1);
        QCOMPARE(server.release(), 1);
        QCOMPARE(send("GET", QUrl(server.baseUrl().toString() + u"/other"_s)).status, 404);
        QCOMPARE(handled, 1);
        QCOMPARE(server.requestCount(u"/send"_s), 2); // recorded, never processed
    }

    void server_headHasLengthButNoBody()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        const Result r = send("HEAD", QUrl(fake.baseUrl().toString() + u"/api/version"_s));
        QVERIFY(r.finished);
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.header("content-length"), "20");
    }

    // ---------------------------------------------------------------- Ollama
    void ollama_streamsNdjson()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.enqueue(FakeOllama::Turn::text({ u"Hel"_s, u"lo"_s }));
        const Result r = postJson(QUrl(fake.baseUrl().toString() + u"/api/chat"_s),
            { { u"model"_s, u"llama3.2"_s },
                { u"messages"_s,
                    QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } });
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), "application/x-ndjson");
        QVERIFY(r.body.endsWith('\n'));
        const QList<QJsonObject> lines = ndjson(r.body);
        QCOMPARE(lines.size(), 3);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(lines[i].value(u"model"_s).toString(), u"llama3.2"_s);
            QVERIFY(QDateTime::fromString(lines[i].value(u"created_at"_s).toString(), Qt::ISODateWithMs).isValid());
            QCOMPARE(lines[i].value(u"done"_s).toBool(true), false);
            QCOMPARE(lines[i].value(u"message"_s).toObject().value(u"role"_s).toString(), u"assistant"_s);
        }
        QCOMPARE(lines[0].value(u"message"_s).toObject().value(u"content"_s).toString(), u"Hel"_s);
        QCOMPARE(lines[1].value(u"message"_s).toObject().value(u"content"_s).toString(), u"lo"_s);
        const QJsonObject last = lines[2];
        QCOMPARE(last.value(u"done"_s).toBool(), true);
        QCOMPARE(last.value(u"done_reason"_s).toString(), u"stop"_s);
        QCOMPARE(last.value(u"message"_s).toObject().value(u"content"_s).toString(), QString());
        QCOMPARE(last.value(u"eval_count"_s).toInt(), 2);
        QVERIFY(last.value(u"prompt_eval_count"_s).toInt() > 0);
        for (const char *metric : { "total_duration", "load_duration", "prompt_eval_duration", "eval_duration" })
            QVERIFY2(last.value(QString::fromLatin1(metric)).toDouble() > 0, metric);
        QCOMPARE(fake.server().lastRequest(u"/api/chat"_s).json().value(u"model"_s).toString(), u"llama3.2"_s);
    }

    void ollama_nonStreamingAndToolCalls()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.enqueue(FakeOllama::Turn::text({ u"Hel"_s, u"lo"_s }));
        fake.enqueue(FakeOllama::Turn::toolCall(u"get_weather"_s, { { u"city"_s, u"Tokyo"_s } }));
        fake.enqueue(FakeOllama::Turn::toolCall(u"get_weather"_s, { { u"city"_s, u"Oslo"_s } }));
        const QUrl url(fake.baseUrl().toString() + u"/api/chat"_s);
        const QJsonArray messages { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } };
        const Result plain = postJson(
            url, { { u"model"_s, u"llama3.2:latest"_s }, { u"stream"_s, false }, { u"messages"_s, messages } });
        QCOMPARE(plain.header("content-type"), "application/json");
        QCOMPARE(plain.json().value(u"message"_s).toObject().value(u"content"_s).toString(), u"Hello"_s);
        QCOMPARE(plain.json().value(u"done"_s).toBool(), true);
        QCOMPARE(plain.json().value(u"eval_count"_s).toInt(), 2);

        const Result tool
            = postJson(url, { { u"model"_s, u"llama3.2"_s }, { u"stream"_s, false }, { u"messages"_s, messages } });
        const QJsonObject message = tool.json().value(u"message"_s).toObject();
        QCOMPARE(message.value(u"content"_s).toString(), QString());
        const QJsonObject fn
            = message.value(u"tool_calls"_s).toArray().first().toObject().value(u"function"_s).toObject();
        QCOMPARE(fn.value(u"name"_s).toString(), u"get_weather"_s);
        QVERIFY(fn.value(u"arguments"_s).isObject()); // an object, not a string
        QCOMPARE(fn.value(u"arguments"_s).toObject().value(u"city"_s).toString(), u"Tokyo"_s);

        const Result streamed = postJson(url, { { u"model"_s, u"llama3.2"_s }, { u"messages"_s, messages } });
        const QList<QJsonObject> lines = ndjson(streamed.body);
        QCOMPARE(lines.size(), 2);
        const QJsonObject call = lines[0].value(u"message"_s).toObject();
        QCOMPARE(call.value(u"content"_s).toString(), QString());
        QCOMPARE(call.value(u"tool_calls"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"function"_s)
                     .toObject()
                     .value(u"arguments"_s)
                     .toObject()
                     .value(u"city"_s)
                     .toString(),
            u"Oslo"_s);
        QCOMPARE(lines[1].value(u"done"_s).toBool(), true);
    }

    void ollama_defaultEcho()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        const Result r = postJson(QUrl(fake.baseUrl().toString() + u"/api/chat"_s),
            { { u"model"_s, u"qwen3:0.6b"_s }, { u"stream"_s, false },
                { u"messages"_s,
                    QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"ping pong"_s } } } } });
        QCOMPARE(r.json().value(u"message"_s).toObject().value(u"content"_s).toString(), u"Echo: ping pong"_s);
        QCOMPARE(r.json().value(u"eval_count"_s).toInt(), 3);
    }

    void ollama_errors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        const QByteArray msgs = R"("messages":[{"role":"user","content":"x"}])";
        QTest::addRow("missing body") << QByteArray() << 400 << u"missing request body"_s;
        QTest::addRow("no model") << QByteArray("{" + msgs + "}") << 400 << u"model is required"_s;
        QTest::addRow("unknown model") << QByteArray(R"({"model":"mistral",)" + msgs + "}") << 404
                                       << u"model 'mistral' not found"_s;
        QTest::addRow("top_logprobs") << QByteArray(R"({"model":"llama3.2","top_logprobs":21,)" + msgs + "}") << 400
                                      << u"top_logprobs must be between 0 and 20"_s;
        QTest::addRow("keep_alive bool") << QByteArray(R"({"model":"llama3.2","keep_alive":true,)" + msgs + "}") << 400
                                         << u"Unsupported type: 'bool'"_s;
        QTest::addRow("keep_alive abc") << QByteArray(R"({"model":"llama3.2","keep_alive":"abc",)" + msgs + "}") << 400
                                        << u"time: invalid duration \"abc\""_s;
        QTest::addRow("think unsupported") << QByteArray(R"({"model":"llama3.2","think":true,)" + msgs + "}") << 400
                                           << u"\"llama3.2\" does not support thinking"_s;
    }

    void ollama_errors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, error);
        FakeOllama fake;
        QVERIFY(fake.listen());
        const Result r = send("POST", QUrl(fake.baseUrl().toString() + u"/api/chat"_s), body);
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("content-type"), "application/json");
        QCOMPARE(r.json().value(u"error"_s).toString(), error);
    }

    void ollama_scriptedFaults()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        const QUrl url(fake.baseUrl().toString() + u"/api/chat"_s);
        const QJsonObject req { { u"model"_s, u"llama3.2"_s },
            { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"x"_s } } } } };

        fake.enqueue(FakeOllama::Turn::busy());
        Result r = postJson(url, req);
        QCOMPARE(r.status, 503);
        QCOMPARE(r.json().value(u"error"_s).toString(),
            u"server busy, please try again.  maximum pending requests exceeded"_s);

        fake.enqueue(FakeOllama::Turn::errorLine(u"an error was encountered while running the model"_s, { u"Hi"_s }));
        r = postJson(url, req);
        QCOMPARE(r.status, 200);
        QList<QJsonObject> lines = ndjson(r.body);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.last().value(u"error"_s).toString(), u"an error was encountered while running the model"_s);
        QVERIFY(!lines.last().contains(u"done"_s));

        fake.enqueue(FakeOllama::Turn::malformedLine({ u"Hi"_s }));
        r = postJson(url, req);
        const QList<QByteArray> raw = r.body.split('\n');
        QJsonParseError pe;
        QJsonDocument::fromJson(raw.value(1), &pe);
        QVERIFY(pe.error != QJsonParseError::NoError);

        fake.enqueue(FakeOllama::Turn::reset({ u"Hi"_s }));
        r = postJson(url, req);
        QCOMPARE(ndjson(r.body.left(r.body.indexOf('\n') + 1))
                     .first()
                     .value(u"message"_s)
                     .toObject()
                     .value(u"content"_s)
                     .toString(),
            u"Hi"_s);
        QVERIFY2(!r.body.endsWith('\n'), "the connection drops mid-line");
        QVERIFY(!r.body.contains("\"done\":true"));

        auto split = FakeOllama::Turn::text({ u"a"_s, u"b"_s });
        split.splitLines = true;
        fake.enqueue(split);
        r = postJson(url, req);
        QCOMPARE(ndjson(r.body).size(), 3);

        // num_predict: one streamed piece is one token.
        fake.enqueue(FakeOllama::Turn::text({ u"1"_s, u"2"_s, u"3"_s, u"4"_s }));
        QJsonObject limited = req;
        limited.insert(u"options"_s, QJsonObject { { u"num_predict"_s, 2 } });
        lines = ndjson(postJson(url, limited).body);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.last().value(u"done_reason"_s).toString(), u"length"_s);
        QCOMPARE(lines.last().value(u"eval_count"_s).toInt(), 2);
    }

    void ollama_stall()
    {
        FakeOllama fake;
        QVERIFY(fake.listen());
        fake.enqueue(FakeOllama::Turn::stall({ u"Hi"_s }));
        QNetworkRequest request(QUrl(fake.baseUrl().toString() + u"/api/chat"_s));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply
            = m_nam.post(request, R"({"model":"llama3.2","messages":[{"role":"user","content":"x"}]})");
        QByteArray got;
        connect(reply, &QNetworkReply::readyRead, reply, [&] { got += reply->readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(got.endsWith('\n'), WAIT_MS);
        QCOMPARE(ndjson(got).size(), 1);
        QVERIFY(!reply->isFinished());
        reply->abort();
        QTRY_COMPARE_WITH_TIMEOUT(fake.server().openConnections(), 0, WAIT_MS);
        reply->deleteLater();
    }

    void ollama_loadUnloadAndPs()
    {
        FakeOllama fake;
        fake.setClock([this] { return m_now; });
        QVERIFY(fake.listen());
        const QUrl chat(fake.baseUrl().toString() + u"/api/chat"_s);
        const QUrl ps(fake.baseUrl().toString() + u"/api/ps"_s);
        Result r = postJson(chat, { { u"model"_s, u"llama3.2"_s }, { u"messages"_s, QJsonArray() } });
        QCOMPARE(r.json().value(u"done_reason"_s).toString(), u"load"_s);
        QCOMPARE(r.json().value(u"done"_s).toBool(), true);
        QJsonArray running = send("GET", ps).json().value(u"models"_s).toArray();
        QCOMPARE(running.size(), 1);
        QCOMPARE(running.first().toObject().value(u"name"_s).toString(), u"llama3.2:latest"_s);
        QCOMPARE(running.first().toObject().value(u"expires_at"_s).toString(), u"2026-01-01T00:05:00.000Z"_s);
        QVERIFY(running.first().toObject().contains(u"size_vram"_s));

        r = postJson(chat, { { u"model"_s, u"llama3.2"_s }, { u"messages"_s, QJsonArray() }, { u"keep_alive"_s, 0 } });
        QCOMPARE(r.json().value(u"done_reason"_s).toString(), u"unload"_s);
        QCOMPARE(send("GET", ps).json().value(u"models"_s).toArray().size(), 0);

        postJson(
            chat, { { u"model"_s, u"llama3.2"_s }, { u"messages"_s, QJsonArray() }, { u"keep_alive"_s, u"-1m"_s } });
        running = send("GET", ps).json().value(u"models"_s).toArray();
        QVERIFY(running.first().toObject().value(u"expires_at"_s).toString().startsWith(u"2318-"));
    }

    void ollama_modelEndpoints()
    {
        FakeOllama fake;
        fake.setCapabilities(u"qwen3:0.6b"_s, { u"completion"_s, u"tools"_s, u"thinking"_s });
        fake.setContextLength(u"qwen3:0.6b"_s, 40960);
        QVERIFY(fake.listen());
        const QString base = fake.baseUrl().toString();
        Result r = send("GET", QUrl(base + u"/"_s));
        QCOMPARE(r.body, "Ollama is running");
        QCOMPARE(send("GET", QUrl(base + u"/api/version"_s)).json().value(u"version"_s).toString(), u"0.12.3"_s);

        const QJsonArray tags = send("GET", QUrl(base + u"/api/tags"_s)).json().value(u"models"_s).toArray();
        QCOMPARE(tags.size(), 2);
        const QJsonObject first = tags.first().toObject();
        for (const char *key : { "name", "model", "modified_at", "size", "digest", "details" })
            QVERIFY2(first.contains(QString::fromLatin1(key)), key);
        QCOMPARE(first.value(u"details"_s).toObject().value(u"format"_s).toString(), u"gguf"_s);

        r = postJson(QUrl(base + u"/api/show"_s), { { u"model"_s, u"qwen3:0.6b"_s } });
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(u"capabilities"_s).toArray().contains(u"thinking"_s));
        QCOMPARE(r.json().value(u"model_info"_s).toObject().value(u"qwen3.context_length"_s).toInt(), 40960);
        QCOMPARE(postJson(QUrl(base + u"/api/show"_s), { { u"model"_s, u"nope"_s } }).status, 404);
        QCOMPARE(postJson(QUrl(base + u"/api/show"_s), {}).json().value(u"error"_s).toString(), u"model is required"_s);

        // pull streams progress and installs the model; delete removes it.
        r = postJson(QUrl(base + u"/api/pull"_s), { { u"model"_s, u"mistral"_s } });
        const QList<QJsonObject> progress = ndjson(r.body);
        QCOMPARE(progress.first().value(u"status"_s).toString(), u"pulling manifest"_s);
        QCOMPARE(progress.last().value(u"status"_s).toString(), u"success"_s);
        bool sawBytes = false;
        for (const QJsonObject &p : progress) {
            if (p.contains(u"completed"_s)) {
                sawBytes = true;
                QVERIFY(p.value(u"digest"_s).toString().startsWith(u"sha256:"_s));
                QVERIFY(p.value(u"total"_s).toDouble() >= p.value(u"completed"_s).toDouble());
            }
        }
        QVERIFY(sawBytes);
        QVERIFY(fake.models().contains(u"mistral:latest"_s));
        QCOMPARE(send("DELETE", QUrl(base + u"/api/delete"_s), R"({"model":"mistral"})").status, 200);
        r = send("DELETE", QUrl(base + u"/api/delete"_s), R"({"model":"mistral"})");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().value(u"error"_s).toString(), u"model 'mistral' not found"_s);
    }

    // ---------------------------------------------------------------- Anthropic: wire format
    void anthropic_headerChecks()
    {
        FakeAnthropic fake;
        fake.setApiKey(u"sk-ant-test"_s);
        QVERIFY(fake.listen());
        const QUrl url(fake.baseUrl().toString() + u"/v1/messages"_s);
        const QJsonObject body { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 10 },
            { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } };
        const auto check = [](const Result &r, int status, const QString &type) {
            QCOMPARE(r.status, status);
            QCOMPARE(r.json().value(u"type"_s).toString(), u"error"_s);
            QCOMPARE(r.json().value(u"error"_s).toObject().value(u"type"_s).toString(), type);
            QVERIFY(!r.json().value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
            QCOMPARE(r.json().value(u"request_id"_s).toString().toUtf8(), r.header("request-id"));
            QVERIFY(r.header("request-id").startsWith("req_"));
        };
        check(postJson(url, body, { { "anthropic-version", "2023-06-01" } }), 401, u"authentication_error"_s);
        check(postJson(url, body, { { "x-api-key", "wrong" }, { "anthropic-version", "2023-06-01" } }), 401,
            u"authentication_error"_s);
        check(postJson(url, body,
                  { { "x-api-key", "sk-ant-test" }, { "authorization", "Bearer sk-ant-test" },
                      { "anthropic-version", "2023-06-01" } }),
            401, u"authentication_error"_s);
        check(postJson(url, body, { { "x-api-key", "sk-ant-test" } }), 400, u"invalid_request_error"_s);
        QCOMPARE(
            postJson(url, body, { { "authorization", "Bearer sk-ant-test" }, { "anthropic-version", "2023-06-01" } })
                .status,
            200);
        QCOMPARE(postJson(url, body, anthropicHeaders()).status, 200);
    }

    void anthropic_validation_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        const QJsonArray msgs { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } };
        QTest::addRow("no max_tokens") << QJsonObject { { u"model"_s, u"claude-sonnet-4-5"_s },
            { u"messages"_s, msgs } } << 400
                                       << u"invalid_request_error"_s;
        QTest::addRow("no model") << QJsonObject { { u"max_tokens"_s, 5 }, { u"messages"_s, msgs } } << 400
                                  << u"invalid_request_error"_s;
        QTest::addRow("empty messages") << QJsonObject { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 5 },
            { u"messages"_s, QJsonArray() } }
                                        << 400 << u"invalid_request_error"_s;
        QTest::addRow("unknown model") << QJsonObject { { u"model"_s, u"claude-2"_s }, { u"max_tokens"_s, 5 },
            { u"messages"_s, msgs } } << 404
                                       << u"not_found_error"_s;
        QJsonArray five;
        for (int i = 0; i < 5; ++i)
            five.append(textBlock(u"block %1"_s.arg(i), true));
        QTest::addRow("five breakpoints")
            << QJsonObject { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 5 },
                   { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, five } } } } }
            << 400 << u"invalid_request_error"_s;
        QJsonObject badTtl = textBlock(u"x"_s);
        badTtl.insert(u"cache_control"_s, ephemeral(u"10m"_s));
        QTest::addRow("bad ttl") << QJsonObject { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 5 },
            { u"system"_s, QJsonArray { badTtl } }, { u"messages"_s, msgs } }
                                 << 400 << u"invalid_request_error"_s;
        QTest::addRow("max_tokens 0 with stream") << QJsonObject { { u"model"_s, u"claude-sonnet-4-5"_s },
            { u"max_tokens"_s, 0 }, { u"stream"_s, true }, { u"messages"_s, msgs } }
                                                  << 400 << u"invalid_request_error"_s;
    }

    void anthropic_validation()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, type);
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        const Result r = anthropic(fake, body);
        QCOMPARE(r.status, status);
        QCOMPARE(r.json().value(u"error"_s).toObject().value(u"type"_s).toString(), type);
        QCOMPARE(fake.cacheEntryCount(), 0);
    }

    void anthropic_streamEventOrder()
    {
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        auto turn = FakeAnthropic::Turn::text({ u"Hel"_s, u"lo"_s, u"!"_s });
        turn.unknownEvent = true;
        turn.splitEvents = true;
        fake.enqueue(turn);
        const Result r = anthropic(fake,
            { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 100 }, { u"stream"_s, true },
                { u"messages"_s,
                    QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } });
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("text/event-stream"));
        for (const char *h : { "requests", "tokens", "input-tokens", "output-tokens" }) {
            for (const char *part : { "limit", "remaining", "reset" }) {
                const QByteArray name = "anthropic-ratelimit-" + QByteArray(h) + '-' + part;
                QVERIFY2(r.headers.contains(name), name.constData());
            }
        }
        QVERIFY(QDateTime::fromString(QString::fromLatin1(r.header("anthropic-ratelimit-requests-reset")), Qt::ISODate)
                    .isValid());

        const QList<SseEvent> events = parseSse(r.body);
        QList<QByteArray> names;
        QString text;
        for (const SseEvent &e : events) {
            names.append(e.name);
            QCOMPARE(e.json().value(u"type"_s).toString().toUtf8(), e.name); // type equals the event name
            if (e.name == "content_block_delta")
                text += e.json().value(u"delta"_s).toObject().value(u"text"_s).toString();
        }
        const QList<QByteArray> expected { "message_start", "content_block_start", "ping", "content_block_delta",
            "content_block_delta", "content_block_delta", "content_block_stop", "future_event_type", "message_delta",
            "message_stop" };
        QCOMPARE(names, expected);
        QCOMPARE(text, u"Hello!"_s);
        const QJsonObject message = events.first().json().value(u"message"_s).toObject();
        QVERIFY(message.value(u"id"_s).toString().startsWith(u"msg_"_s));
        QCOMPARE(message.value(u"content"_s).toArray().size(), 0);
        QVERIFY(message.value(u"stop_reason"_s).isNull());
        const QJsonObject startUsage = message.value(u"usage"_s).toObject();
        for (const char *key :
            { "input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "output_tokens" })
            QVERIFY2(startUsage.contains(QString::fromLatin1(key)), key);
        QCOMPARE(events[1].json().value(u"content_block"_s).toObject(),
            (QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, u""_s } }));
        const QJsonObject delta = events[8].json();
        QCOMPARE(delta.value(u"delta"_s).toObject().value(u"stop_reason"_s).toString(), u"end_turn"_s);
        QVERIFY(delta.value(u"delta"_s).toObject().value(u"stop_sequence"_s).isNull());
        QCOMPARE(delta.value(u"usage"_s).toObject().value(u"output_tokens"_s).toInt(), 2); // "Hello!" = 6 bytes
    }

    void anthropic_toolUseFragments()
    {
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        const QJsonObject input { { u"city"_s, u"Paris"_s }, { u"unit"_s, u"celsius"_s } };
        fake.enqueue(FakeAnthropic::Turn::toolUse(u"get_weather"_s, input, { u"Let me check."_s }));
        const Result r = anthropic(fake,
            { { u"model"_s, u"claude-haiku-4-5"_s }, { u"max_tokens"_s, 200 }, { u"stream"_s, true },
                { u"messages"_s,
                    QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"weather?"_s } } } } });
        const QList<SseEvent> events = parseSse(r.body);
        QJsonObject toolStart;
        QStringList fragments;
        QString stopReason;
        for (const SseEvent &e : events) {
            const QJsonObject j = e.json();
            if (e.name == "content_block_start" && j.value(u"index"_s).toInt() == 1)
                toolStart = j.value(u"content_block"_s).toObject();
            if (e.name == "content_block_delta" && j.value(u"index"_s).toInt() == 1) {
                QCOMPARE(j.value(u"delta"_s).toObject().value(u"type"_s).toString(), u"input_json_delta"_s);
                fragments.append(j.value(u"delta"_s).toObject().value(u"partial_json"_s).toString());
            }
            if (e.name == "message_delta")
                stopReason = j.value(u"delta"_s).toObject().value(u"stop_reason"_s).toString();
        }
        QCOMPARE(toolStart.value(u"type"_s).toString(), u"tool_use"_s);
        QVERIFY(toolStart.value(u"id"_s).toString().startsWith(u"toolu_"_s));
        QCOMPARE(toolStart.value(u"name"_s).toString(), u"get_weather"_s);
        QCOMPARE(toolStart.value(u"input"_s).toObject(), QJsonObject());
        QVERIFY(fragments.size() >= 4);
        QCOMPARE(fragments.first(), QString());
        for (const QString &f : std::as_const(fragments))
            QVERIFY2(!QJsonDocument::fromJson(f.toUtf8()).isObject(), "a fragment alone must not parse");
        QCOMPARE(QJsonDocument::fromJson(fragments.join(QString()).toUtf8()).object(), input);
        QCOMPARE(stopReason, u"tool_use"_s);

        // Non-streaming: the same turn as a Message.
        fake.enqueue(FakeAnthropic::Turn::toolUse(u"get_weather"_s, input));
        const Result plain = anthropic(fake,
            { { u"model"_s, u"claude-haiku-4-5"_s }, { u"max_tokens"_s, 200 },
                { u"messages"_s,
                    QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"weather?"_s } } } } });
        const QJsonObject msg = plain.json();
        QCOMPARE(msg.value(u"type"_s).toString(), u"message"_s);
        QCOMPARE(msg.value(u"role"_s).toString(), u"assistant"_s);
        QCOMPARE(msg.value(u"stop_reason"_s).toString(), u"tool_use"_s);
        QVERIFY(msg.value(u"stop_sequence"_s).isNull());
        QCOMPARE(msg.value(u"content"_s).toArray().first().toObject().value(u"input"_s).toObject(), input);
        const QJsonObject usage = msg.value(u"usage"_s).toObject();
        QVERIFY(usage.value(u"output_tokens"_s).toInt() >= 1);
        QVERIFY(usage.value(u"cache_creation"_s).toObject().contains(u"ephemeral_5m_input_tokens"_s));
    }

    void anthropic_errorsAndFaults()
    {
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        const QJsonObject body { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 100 },
            { u"stream"_s, true },
            { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } };
        fake.enqueue(FakeAnthropic::Turn::rateLimited(7));
        Result r = anthropic(fake, body);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.header("retry-after"), "7");
        QCOMPARE(r.json().value(u"error"_s).toObject().value(u"type"_s).toString(), u"rate_limit_error"_s);
        QVERIFY(r.header("content-type").startsWith("application/json")); // not SSE

        fake.enqueue(FakeAnthropic::Turn::overloaded());
        r = anthropic(fake, body);
        QCOMPARE(r.status, 529);
        QCOMPARE(r.json().value(u"error"_s).toObject().value(u"type"_s).toString(), u"overloaded_error"_s);

        fake.enqueue(FakeAnthropic::Turn::errorEvent(u"overloaded_error"_s, u"Overloaded"_s, { u"Par"_s, u"tial"_s }));
        r = anthropic(fake, body);
        QCOMPARE(r.status, 200);
        QList<SseEvent> events = parseSse(r.body);
        QCOMPARE(events.last().name, "error");
        QCOMPARE(events.last().json().value(u"error"_s).toObject().value(u"type"_s).toString(), u"overloaded_error"_s);
        for (const SseEvent &e : std::as_const(events))
            QVERIFY(e.name != "message_stop");

        fake.enqueue(FakeAnthropic::Turn::malformed({ u"x"_s }));
        r = anthropic(fake, body);
        events = parseSse(r.body);
        QJsonParseError pe;
        QJsonDocument::fromJson(events.last().data, &pe);
        QVERIFY(pe.error != QJsonParseError::NoError);

        fake.enqueue(FakeAnthropic::Turn::reset({ u"x"_s }));
        r = anthropic(fake, body);
        QVERIFY(r.body.contains("content_block_delta"));
        QVERIFY(!r.body.contains("message_stop"));

        // max_tokens cut-off: the default reply is 16 tokens, 4 bytes each.
        QJsonObject small = body;
        small.insert(u"max_tokens"_s, 3);
        r = anthropic(fake, small);
        events = parseSse(r.body);
        QCOMPARE(events.at(events.size() - 2).json().value(u"delta"_s).toObject().value(u"stop_reason"_s).toString(),
            u"max_tokens"_s);
        QCOMPARE(events.at(events.size() - 2).json().value(u"usage"_s).toObject().value(u"output_tokens"_s).toInt(), 3);
    }

    void anthropic_thinkingPingsAndSilentStall()
    {
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        auto turn
            = FakeAnthropic::Turn::thinkingThenText({ u"Let me "_s, u"think."_s }, { u"a"_s, u"b"_s, u"c"_s, u"d"_s });
        turn.pingEveryDeltas = 2;
        fake.enqueue(turn);
        QJsonObject body { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 100 }, { u"stream"_s, true },
            { u"system"_s, QJsonArray { textBlock(longText(8000), true) } },
            { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } };
        Result r = anthropic(fake, body);
        QList<QByteArray> names;
        QStringList deltaTypes;
        for (const SseEvent &e : parseSse(r.body)) {
            names.append(e.name);
            if (e.name == "content_block_delta")
                deltaTypes.append(e.json().value(u"delta"_s).toObject().value(u"type"_s).toString());
        }
        QCOMPARE(deltaTypes,
            (QStringList { u"thinking_delta"_s, u"thinking_delta"_s, u"signature_delta"_s, u"text_delta"_s,
                u"text_delta"_s, u"text_delta"_s, u"text_delta"_s }));
        QCOMPARE(names.count("ping"), 1 + 3); // after the first block start, then after deltas 2, 4, 6
        QCOMPARE(fake.totals().total.requests, 1);

        // A stream that never starts writes no readable cache entry and bills nothing.
        FakeAnthropic quiet;
        QVERIFY(quiet.listen());
        quiet.enqueue(FakeAnthropic::Turn::stall());
        QNetworkRequest request(QUrl(quiet.baseUrl().toString() + u"/v1/messages"_s));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        for (const auto &h : anthropicHeaders())
            request.setRawHeader(h.first, h.second);
        QNetworkReply *reply = m_nam.post(request, compact(body));
        QTRY_COMPARE_WITH_TIMEOUT(quiet.server().requestCount(u"/v1/messages"_s), 1, WAIT_MS);
        QCOMPARE(quiet.cacheEntryCount(), 0);
        QCOMPARE(quiet.totals().total.requests, 0);
        reply->abort();
        reply->deleteLater();
        r = anthropic(quiet, body);
        QCOMPARE(usageOf(r).value(u"cache_read_input_tokens"_s).toInteger(), 0);
        QVERIFY(usageOf(r).value(u"cache_creation_input_tokens"_s).toInteger() > 0);

        // Non-streaming: a scripted error event becomes a plain error response.
        quiet.enqueue(FakeAnthropic::Turn::errorEvent(u"overloaded_error"_s, u"Overloaded"_s));
        body.remove(u"stream"_s);
        r = anthropic(quiet, body);
        QCOMPARE(r.status, 529);
        QCOMPARE(quiet.totals().total.requests, 1);
    }

    void anthropic_modelsAndCountTokens()
    {
        FakeAnthropic fake;
        fake.setModels({ u"claude-sonnet-5"_s, u"claude-haiku-4-5"_s, u"claude-opus-4-8"_s });
        QVERIFY(fake.listen());
        const QString base = fake.baseUrl().toString();
        Result r = send("GET", QUrl(base + u"/v1/models?limit=2"_s), {}, anthropicHeaders());
        QCOMPARE(r.status, 200);
        QJsonArray data = r.json().value(u"data"_s).toArray();
        QCOMPARE(data.size(), 2);
        QCOMPARE(data.first().toObject().value(u"type"_s).toString(), u"model"_s);
        QCOMPARE(data.first().toObject().value(u"id"_s).toString(), u"claude-sonnet-5"_s);
        QVERIFY(data.first().toObject().contains(u"display_name"_s));
        QCOMPARE(r.json().value(u"has_more"_s).toBool(), true);
        QCOMPARE(r.json().value(u"first_id"_s).toString(), u"claude-sonnet-5"_s);
        QCOMPARE(r.json().value(u"last_id"_s).toString(), u"claude-haiku-4-5"_s);
        r = send("GET", QUrl(base + u"/v1/models?after_id=claude-haiku-4-5"_s), {}, anthropicHeaders());
        QCOMPARE(r.json().value(u"data"_s).toArray().size(), 1);
        QCOMPARE(r.json().value(u"has_more"_s).toBool(), false);
        QCOMPARE(send("GET", QUrl(base + u"/v1/models/claude-opus-4-8"_s), {}, anthropicHeaders())
                     .json()
                     .value(u"id"_s)
                     .toString(),
            u"claude-opus-4-8"_s);
        QCOMPARE(send("GET", QUrl(base + u"/v1/models/claude-9"_s), {}, anthropicHeaders()).status, 404);
        QCOMPARE(send("GET", QUrl(base + u"/v1/models"_s)).status, 401);

        const QJsonObject req { { u"model"_s, u"claude-sonnet-5"_s }, { u"system"_s, u"You are terse."_s },
            { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } };
        r = postJson(QUrl(base + u"/v1/messages/count_tokens"_s), req, anthropicHeaders());
        QCOMPARE(r.json().value(u"input_tokens"_s).toInteger(), FakeAnthropic::countRequestTokens(req));
        QJsonObject full = req;
        full.insert(u"max_tokens"_s, 10);
        const QJsonObject usage = usageOf(anthropic(fake, full));
        QCOMPARE(usage.value(u"input_tokens"_s).toInteger(), FakeAnthropic::countRequestTokens(req));
    }

    // ---------------------------------------------------------------- Anthropic: prompt caching
    void cache_writeThenReadThenExtend()
    {
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        const QJsonObject system = textBlock(longText(8000), true); // 2000+ tokens, above 1024
        const qint64 n = FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"system"_s, system));
        QVERIFY(n >= 2000);
        const QJsonObject user1 { { u"role"_s, u"user"_s }, { u"content"_s, u"first question"_s } };
        const qint64 u1 = FakeAnthropic::countTokens(
            FakeAnthropic::canonicalBlock(u"messages"_s, textBlock(u"first question"_s), u"user"_s));

        // Turn 1: the system prompt is written, the question is uncached input.
        Result r = anthropic(fake,
            { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 50 }, { u"system"_s, QJsonArray { system } },
                { u"messages"_s, QJsonArray { user1 } } });
        QJsonObject usage = usageOf(r);
        QCOMPARE(usage.value(u"cache_creation_input_tokens"_s).toInteger(), n);
        QCOMPARE(usage.value(u"cache_creation"_s).toObject().value(u"ephemeral_5m_input_tokens"_s).toInteger(), n);
        QCOMPARE(usage.value(u"cache_read_input_tokens"_s).toInteger(), 0);
        QCOMPARE(usage.value(u"input_tokens"_s).toInteger(), u1);

        // Turn 2: same prefix plus history, breakpoint moved to the last user block: read n,
        // write only the new part.
        const QJsonObject assistant { { u"role"_s, u"assistant"_s }, { u"content"_s, u"an answer"_s } };
        const QJsonObject user2 { { u"role"_s, u"user"_s },
            { u"content"_s, QJsonArray { textBlock(u"second question"_s, true) } } };
        const qint64 a = FakeAnthropic::countTokens(
            FakeAnthropic::canonicalBlock(u"messages"_s, textBlock(u"an answer"_s), u"assistant"_s));
        const qint64 u2 = FakeAnthropic::countTokens(
            FakeAnthropic::canonicalBlock(u"messages"_s, textBlock(u"second question"_s), u"user"_s));
        r = anthropic(fake,
            { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 50 }, { u"stream"_s, true },
                { u"system"_s, QJsonArray { system } }, { u"messages"_s, QJsonArray { user1, assistant, user2 } } });
        usage = usageOf(r);
        QCOMPARE(usage.value(u"cache_read_input_tokens"_s).toInteger(), n);
        QCOMPARE(usage.value(u"cache_creation_input_tokens"_s).toInteger(), u1 + a + u2);
        QCOMPARE(usage.value(u"input_tokens"_s).toInteger(), 0);
        QCOMPARE(fake.lastUsage().cacheReadTokens, n);

        // The same request again: everything up to the breakpoint is read.
        r = anthropic(fake,
            { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 50 }, { u"system"_s, QJsonArray { system } },
                { u"messages"_s, QJsonArray { user1, assistant, user2 } } });
        usage = usageOf(r);
        QCOMPARE(usage.value(u"cache_read_input_tokens"_s).toInteger(), n + u1 + a + u2);
        QCOMPARE(usage.value(u"cache_creation_input_tokens"_s).toInteger(), 0);
    }

    void cache_belowMinimumIsIgnored()
    {
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        QCOMPARE(fake.minCacheableTokens(u"claude-sonnet-4-5-20250929"_s), 1024);
        QCOMPARE(fake.minCacheableTokens(u"claude-haiku-4-5"_s), 4096);
        QCOMPARE(fake.minCacheableTokens(u"claude-sonnet-4-6"_s), 2048);
        QCOMPARE(fake.minCacheableTokens(u"claude-fable-5"_s), 2048);
        QCOMPARE(fake.minCacheableTokens(u"claude-opus-4-8"_s), 4096);
        // 8000 bytes ~ 2000 tokens: enough for Sonnet 4.5 (1024), not for Haiku 4.5 (4096).
        const QJsonObject system = textBlock(longText(8000), true);
        const QJsonObject user { { u"role"_s, u"user"_s }, { u"content"_s, u"q"_s } };
        for (int i = 0; i < 2; ++i) {
            const QJsonObject usage = usageOf(anthropic(fake,
                { { u"model"_s, u"claude-haiku-4-5"_s }, { u"max_tokens"_s, 5 }, { u"system"_s, QJsonArray { system } },
                    { u"messages"_s, QJsonArray { user } } }));
            QCOMPARE(usage.value(u"cache_creation_input_tokens"_s).toInteger(), 0);
            QCOMPARE(usage.value(u"cache_read_input_tokens"_s).toInteger(), 0);
            QCOMPARE(usage.value(u"input_tokens"_s).toInteger(),
                FakeAnthropic::countRequestTokens(
                    { { u"system"_s, QJsonArray { system } }, { u"messages"_s, QJsonArray { user } } }));
        }
        QCOMPARE(fake.cacheEntryCount(), 0);
        // A configurable minimum (models the reference has no number for).
        fake.setMinCacheableTokens(u"claude-haiku-4-5"_s, 1000);
        const QJsonObject usage = usageOf(anthropic(fake,
            { { u"model"_s, u"claude-haiku-4-5"_s }, { u"max_tokens"_s, 5 }, { u"system"_s, QJsonArray { system } },
                { u"messages"_s, QJsonArray { user } } }));
        QVERIFY(usage.value(u"cache_creation_input_tokens"_s).toInteger() > 0);
    }

    void cache_changedByteOrModelMisses()
    {
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        const QString text = longText(8000);
        QString changed = text;
        changed[4000] = u'#';
        const QJsonObject user { { u"role"_s, u"user"_s }, { u"content"_s, u"q"_s } };
        auto request = [&](const QString &model, const QString &systemText) {
            return QJsonObject { { u"model"_s, model }, { u"max_tokens"_s, 5 },
                { u"system"_s, QJsonArray { textBlock(systemText, true) } }, { u"messages"_s, QJsonArray { user } } };
        };
        const qint64 n = FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"system"_s, textBlock(text)));
        QCOMPARE(usageOf(anthropic(fake, request(u"claude-sonnet-4-5"_s, text)))
                     .value(u"cache_creation_input_tokens"_s)
                     .toInteger(),
            n);
        QJsonObject usage = usageOf(anthropic(fake, request(u"claude-sonnet-4-5"_s, changed)));
        QCOMPARE(usage.value(u"cache_read_input_tokens"_s).toInteger(), 0);
        QCOMPARE(usage.value(u"cache_creation_input_tokens"_s).toInteger(), n);
        // Another model (same minimum) has its own cache.
        usage = usageOf(anthropic(fake, request(u"claude-sonnet-4-5-20250929"_s, text)));
        QCOMPARE(usage.value(u"cache_read_input_tokens"_s).toInteger(), 0);
        QCOMPARE(usage.value(u"cache_creation_input_tokens"_s).toInteger(), n);
        // Moving or adding a cache_control marker does not change the cached bytes.
        usage = usageOf(anthropic(fake, request(u"claude-sonnet-4-5"_s, text)));
        QCOMPARE(usage.value(u"cache_read_input_tokens"_s).toInteger(), n);
    }

    void cache_toolsComeFirst()
    {
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        auto tool = [](const QString &name) {
            return QJsonObject { { u"name"_s, name }, { u"description"_s, longText(3000, name.at(0)) },
                { u"input_schema"_s, QJsonObject { { u"type"_s, u"object"_s } } } };
        };
        QJsonObject b = tool(u"beta"_s);
        b.insert(u"cache_control"_s, ephemeral());
        const QJsonArray tools { tool(u"alpha"_s), b };
        QJsonObject a2 = tool(u"alpha"_s);
        a2.insert(u"cache_control"_s, ephemeral());
        const QJsonArray reordered { tool(u"beta"_s), a2 };
        const QJsonObject user { { u"role"_s, u"user"_s }, { u"content"_s, u"q"_s } };
        const qint64 n = FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"tool"_s, tool(u"alpha"_s)))
            + FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"tool"_s, tool(u"beta"_s)));
        auto req = [&](const QJsonArray &t, const QString &system) {
            return QJsonObject { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 5 }, { u"tools"_s, t },
                { u"system"_s, system }, { u"messages"_s, QJsonArray { user } } };
        };
        QCOMPARE(
            usageOf(anthropic(fake, req(tools, u"sys one"_s))).value(u"cache_creation_input_tokens"_s).toInteger(), n);
        // The system prompt comes after the tools: changing it keeps the tools' prefix.
        QCOMPARE(usageOf(anthropic(fake, req(tools, u"sys two"_s))).value(u"cache_read_input_tokens"_s).toInteger(), n);
        // Reordering the tools changes the prefix.
        const QJsonObject usage = usageOf(anthropic(fake, req(reordered, u"sys one"_s)));
        QCOMPARE(usage.value(u"cache_read_input_tokens"_s).toInteger(), 0);
        QCOMPARE(usage.value(u"cache_creation_input_tokens"_s).toInteger(), n);
    }

    void cache_ttlWithInjectedClock()
    {
        FakeAnthropic fake;
        fake.setClock([this] { return m_now; });
        QVERIFY(fake.listen());
        const QJsonObject req { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 5 },
            { u"system"_s, QJsonArray { textBlock(longText(8000), true) } },
            { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"q"_s } } } } };
        auto read = [&] { return usageOf(anthropic(fake, req)).value(u"cache_read_input_tokens"_s).toInteger(); };
        QCOMPARE(read(), 0); // write
        m_now += 4 * 60 * 1000;
        QVERIFY(read() > 0); // hit, refreshes the 5 minutes
        m_now += 4 * 60 * 1000; // 8 min after the write, 4 after the refresh
        QVERIFY(read() > 0);
        m_now += 5 * 60 * 1000; // exactly 5 min after the last read: expired
        QCOMPARE(read(), 0);
        QCOMPARE(fake.lastUsage().cacheCreationTokens, fake.lastUsage().cacheCreation5mTokens);
        QVERIFY(fake.lastUsage().cacheCreationTokens > 0);

        // ttl "1h" lives longer and is reported separately.
        QJsonObject hour = req;
        QJsonObject block = textBlock(longText(8000, u'z'));
        block.insert(u"cache_control"_s, ephemeral(u"1h"_s));
        hour.insert(u"system"_s, QJsonArray { block });
        QJsonObject usage = usageOf(anthropic(fake, hour));
        QVERIFY(usage.value(u"cache_creation"_s).toObject().value(u"ephemeral_1h_input_tokens"_s).toInteger() > 0);
        QCOMPARE(usage.value(u"cache_creation"_s).toObject().value(u"ephemeral_5m_input_tokens"_s).toInteger(), 0);
        m_now += 30 * 60 * 1000;
        usage = usageOf(anthropic(fake, hour));
        QVERIFY(usage.value(u"cache_read_input_tokens"_s).toInteger() > 0);
    }

    void cache_lookback_data()
    {
        QTest::addColumn<int>("extraBlocks");
        QTest::addColumn<bool>("hit");
        QTest::addRow("20 blocks later: hit") << 20 << true;
        QTest::addRow("21 blocks later: miss") << 21 << false;
    }

    void cache_lookback()
    {
        QFETCH(int, extraBlocks);
        QFETCH(bool, hit);
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        const QJsonObject system = textBlock(longText(8000), true);
        const qint64 n = FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"system"_s, system));
        QJsonArray first { textBlock(u"q"_s) };
        anthropic(fake,
            { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 5 }, { u"system"_s, QJsonArray { system } },
                { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, first } } } } });
        QCOMPARE(fake.lastUsage().cacheCreationTokens, n);

        // Turn 2: only one breakpoint, extraBlocks blocks after the cached system block.
        QJsonArray blocks;
        for (int i = 0; i < extraBlocks; ++i)
            blocks.append(textBlock(u"part %1"_s.arg(i), i == extraBlocks - 1));
        QJsonObject plainSystem = system;
        plainSystem.remove(u"cache_control"_s);
        const QJsonObject usage = usageOf(anthropic(fake,
            { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 5 },
                { u"system"_s, QJsonArray { plainSystem } },
                { u"messages"_s,
                    QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, blocks } } } } }));
        qint64 partTokens = 0;
        for (const QJsonValue &b : std::as_const(blocks))
            partTokens
                += FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"messages"_s, b.toObject(), u"user"_s));
        QCOMPARE(usage.value(u"cache_read_input_tokens"_s).toInteger(), hit ? n : 0);
        QCOMPARE(usage.value(u"cache_creation_input_tokens"_s).toInteger(), hit ? partTokens : n + partTokens);
        QCOMPARE(usage.value(u"input_tokens"_s).toInteger(), 0);
    }

    void cache_multipleBreakpointsAndAutomatic()
    {
        FakeAnthropic fake;
        QVERIFY(fake.listen());
        // Two breakpoints in one request: one write covering both, split by nothing (same TTL).
        const QJsonObject s1 = textBlock(longText(6000, u'b'), true);
        const QJsonObject s2 = textBlock(longText(6000, u'c'), true);
        const qint64 t1 = FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"system"_s, s1));
        const qint64 t2 = FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"system"_s, s2));
        const QJsonObject user { { u"role"_s, u"user"_s }, { u"content"_s, u"q"_s } };
        QJsonObject usage = usageOf(anthropic(fake,
            { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 5 }, { u"system"_s, QJsonArray { s1, s2 } },
                { u"messages"_s, QJsonArray { user } } }));
        QCOMPARE(usage.value(u"cache_creation_input_tokens"_s).toInteger(), t1 + t2);
        QCOMPARE(fake.cacheEntryCount(), 2);
        // Only the first system block is unchanged: the first breakpoint's entry is read.
        const QJsonObject s2b = textBlock(longText(6000, u'd'), true);
        usage = usageOf(anthropic(fake,
            { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 5 }, { u"system"_s, QJsonArray { s1, s2b } },
                { u"messages"_s, QJsonArray { user } } }));
        QCOMPARE(usage.value(u"cache_read_input_tokens"_s).toInteger(), t1);
        QCOMPARE(usage.value(u"cache_creation_input_tokens"_s).toInteger(),
            FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"system"_s, s2b)));

        // Top-level cache_control: the breakpoint goes on the last block; nothing is uncached.
        const QJsonObject automatic { { u"model"_s, u"claude-sonnet-4-5"_s }, { u"max_tokens"_s, 5 },
            { u"cache_control"_s, ephemeral() }, { u"system"_s, longText(6000, u'e') },
            { u"messages"_s, QJsonArray { user } } };
        usage = usageOf(anthropic(fake, automatic));
        QCOMPARE(
            usage.value(u"cache_creation_input_tokens"_s).toInteger(), FakeAnthropic::countRequestTokens(automatic));
        QCOMPARE(usage.value(u"input_tokens"_s).toInteger(), 0);
    }

    void cache_billMatchesHandComputedPrices()
    {
        FakeAnthropic fake;
        fake.setClock([this] { return m_now; });
        fake.setDefaultOutputTokens(10);
        QVERIFY(fake.listen());
        // claude-fable-5: $10 input / $50 output per MTok (reference), minimum 2048 tokens.
        const QJsonObject system = textBlock(longText(12000), true);
        const qint64 n = FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"system"_s, system));
        QVERIFY(n >= 2048);
        const QJsonObject user { { u"role"_s, u"user"_s }, { u"content"_s, u"q"_s } };
        const qint64 u
            = FakeAnthropic::countTokens(FakeAnthropic::canonicalBlock(u"messages"_s, textBlock(u"q"_s), u"user"_s));
        const QJsonObject req { { u"model"_s, u"claude-fable-5"_s }, { u"max_tokens"_s, 100 },
            { u"system"_s, QJsonArray { system } }, { u"messages"_s, QJsonArray { user } } };
        anthropic(fake, req); // write n, input u, output 10
        anthropic(fake, req); // read n, input u, output 10
        fake.setPrice(u"claude-custom"_s, 2.0, 8.0);
        fake.setModels(fake.models() << u"claude-custom-1"_s);
        QJsonObject custom = req;
        custom.insert(u"model"_s, u"claude-custom-1"_s);
        anthropic(fake, custom); // unknown minimum: 1024 -> write n, input u, output 10

        const FakeAnthropic::Bill bill = fake.totals();
        const FakeAnthropic::Totals fable = bill.perModel.value(u"claude-fable-5"_s);
        QCOMPARE(fable.requests, 2);
        QCOMPARE(fable.inputTokens, 2 * u);
        QCOMPARE(fable.cacheWrite5mTokens, n);
        QCOMPARE(fable.cacheReadTokens, n);
        QCOMPARE(fable.outputTokens, 20);
        const double fableUsd = (2.0 * double(u) * 10 + double(n) * 10 * 1.25 + double(n) * 10 * 0.1 + 20.0 * 50) / 1e6;
        QVERIFY(qFuzzyCompare(fable.costUsd, fableUsd));
        const double customUsd = (double(u) * 2 + double(n) * 2 * 1.25 + 10.0 * 8) / 1e6;
        QVERIFY(qFuzzyCompare(bill.perModel.value(u"claude-custom-1"_s).costUsd, customUsd));
        QVERIFY(qFuzzyCompare(bill.total.costUsd, fableUsd + customUsd));
        QCOMPARE(bill.total.requests, 3);
        QVERIFY(bill.unpricedModels.isEmpty());

        QJsonObject unpriced = req;
        unpriced.insert(u"model"_s, u"claude-sonnet-5"_s);
        anthropic(fake, unpriced);
        QCOMPARE(fake.totals().unpricedModels, QStringList { u"claude-sonnet-5"_s });
        fake.resetTotals();
        QCOMPARE(fake.totals().total.requests, 0);
    }

    // ---------------------------------------------------------------- OpenAI
    void openai_streamWithUsage()
    {
        FakeOpenAI fake;
        QVERIFY(fake.listen());
        fake.enqueue(FakeOpenAI::Turn::text({ u"Hel"_s, u"lo"_s }));
        const Result r = postJson(QUrl(fake.apiBaseUrl().toString() + u"/chat/completions"_s),
            { { u"model"_s, u"gpt-4o-mini"_s }, { u"stream"_s, true },
                { u"stream_options"_s, QJsonObject { { u"include_usage"_s, true } } },
                { u"messages"_s,
                    QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } });
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("text/event-stream"));
        QVERIFY(!r.body.contains("event:"));
        QVERIFY(r.headers.contains("x-request-id"));
        QVERIFY(r.headers.contains("x-ratelimit-remaining-requests"));
        const QList<SseEvent> events = parseSse(r.body);
        QCOMPARE(events.size(), 6);
        QCOMPARE(events.last().data, "[DONE]");
        const QString id = events.first().json().value(u"id"_s).toString();
        QVERIFY(id.startsWith(u"chatcmpl-"_s));
        for (int i = 0; i < 5; ++i) {
            const QJsonObject c = events[i].json();
            QCOMPARE(c.value(u"object"_s).toString(), u"chat.completion.chunk"_s);
            QCOMPARE(c.value(u"id"_s).toString(), id);
            QCOMPARE(c.value(u"model"_s).toString(), u"gpt-4o-mini"_s);
        }
        const QJsonObject first = events[0].json().value(u"choices"_s).toArray().first().toObject();
        QCOMPARE(first.value(u"delta"_s).toObject().value(u"role"_s).toString(), u"assistant"_s);
        QVERIFY(first.value(u"finish_reason"_s).isNull());
        QVERIFY(events[0].json().value(u"usage"_s).isNull());
        QCOMPARE(events[1]
                     .json()
                     .value(u"choices"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"delta"_s)
                     .toObject()
                     .value(u"content"_s)
                     .toString(),
            u"Hel"_s);
        const QJsonObject finish = events[3].json().value(u"choices"_s).toArray().first().toObject();
        QCOMPARE(finish.value(u"delta"_s).toObject(), QJsonObject());
        QCOMPARE(finish.value(u"finish_reason"_s).toString(), u"stop"_s);
        const QJsonObject usageChunk = events[4].json();
        QCOMPARE(usageChunk.value(u"choices"_s).toArray().size(), 0);
        const QJsonObject usage = usageChunk.value(u"usage"_s).toObject();
        QCOMPARE(usage.value(u"completion_tokens"_s).toInt(), 2); // "Hello" = 5 bytes
        QCOMPARE(usage.value(u"total_tokens"_s).toInt(),
            usage.value(u"prompt_tokens"_s).toInt() + usage.value(u"completion_tokens"_s).toInt());
    }

    void openai_noUsageChunkWithoutOption()
    {
        FakeOpenAI fake;
        QVERIFY(fake.listen());
        const Result r = postJson(QUrl(fake.apiBaseUrl().toString() + u"/chat/completions"_s),
            { { u"model"_s, u"gpt-4o-mini"_s }, { u"stream"_s, true },
                { u"messages"_s,
                    QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } });
        const QList<SseEvent> events = parseSse(r.body);
        QCOMPARE(events.size(), 1 + 16 + 1 + 1); // role, default 16 pieces, finish, [DONE]
        for (const SseEvent &e : events)
            QVERIFY(!e.json().contains(u"usage"_s));
    }

    void openai_toolCallFragments()
    {
        FakeOpenAI fake;
        QVERIFY(fake.listen());
        const QJsonObject args { { u"city"_s, u"Paris"_s }, { u"days"_s, 3 } };
        fake.enqueue(FakeOpenAI::Turn::toolCall(u"get_weather"_s, args));
        const QUrl url(fake.apiBaseUrl().toString() + u"/chat/completions"_s);
        const QJsonArray messages { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } };
        Result r
            = postJson(url, { { u"model"_s, u"gpt-4o-mini"_s }, { u"stream"_s, true }, { u"messages"_s, messages } });
        QString joined;
        int fragments = 0;
        QString finish;
        bool sawHead = false;
        for (const SseEvent &e : parseSse(r.body)) {
            if (e.data == "[DONE]")
                continue;
            const QJsonObject choice = e.json().value(u"choices"_s).toArray().first().toObject();
            if (!choice.value(u"finish_reason"_s).isNull())
                finish = choice.value(u"finish_reason"_s).toString();
            for (const QJsonValue &tc : choice.value(u"delta"_s).toObject().value(u"tool_calls"_s).toArray()) {
                const QJsonObject call = tc.toObject();
                QCOMPARE(call.value(u"index"_s).toInt(), 0);
                if (call.contains(u"id"_s)) {
                    QVERIFY(!sawHead);
                    sawHead = true;
                    QCOMPARE(call.value(u"type"_s).toString(), u"function"_s);
                    QCOMPARE(call.value(u"function"_s).toObject().value(u"name"_s).toString(), u"get_weather"_s);
                    QCOMPARE(call.value(u"function"_s).toObject().value(u"arguments"_s).toString(), QString());
                } else {
                    QVERIFY(!call.value(u"function"_s).toObject().contains(u"name"_s));
                    ++fragments;
                }
                joined += call.value(u"function"_s).toObject().value(u"arguments"_s).toString();
            }
        }
        QVERIFY(sawHead);
        QVERIFY(fragments >= 3);
        QCOMPARE(QJsonDocument::fromJson(joined.toUtf8()).object(), args);
        QCOMPARE(finish, u"tool_calls"_s);

        fake.enqueue(FakeOpenAI::Turn::toolCall(u"get_weather"_s, args));
        r = postJson(url, { { u"model"_s, u"gpt-4o-mini"_s }, { u"messages"_s, messages } });
        const QJsonObject choice = r.json().value(u"choices"_s).toArray().first().toObject();
        QCOMPARE(choice.value(u"finish_reason"_s).toString(), u"tool_calls"_s);
        const QJsonObject call
            = choice.value(u"message"_s).toObject().value(u"tool_calls"_s).toArray().first().toObject();
        QVERIFY(call.value(u"function"_s).toObject().value(u"arguments"_s).isString()); // a JSON string
        QCOMPARE(QJsonDocument::fromJson(call.value(u"function"_s).toObject().value(u"arguments"_s).toString().toUtf8())
                     .object(),
            args);
    }

    void openai_nonStreamAndLength()
    {
        FakeOpenAI fake;
        QVERIFY(fake.listen());
        fake.enqueue(FakeOpenAI::Turn::text({ u"Hi"_s, u" there"_s }));
        const QUrl url(fake.apiBaseUrl().toString() + u"/chat/completions"_s);
        const QJsonArray messages { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } };
        Result r = postJson(url, { { u"model"_s, u"gpt-4o-mini"_s }, { u"messages"_s, messages } });
        QCOMPARE(r.header("content-type"), "application/json");
        const QJsonObject c = r.json();
        QCOMPARE(c.value(u"object"_s).toString(), u"chat.completion"_s);
        const QJsonObject choice = c.value(u"choices"_s).toArray().first().toObject();
        QCOMPARE(choice.value(u"message"_s).toObject().value(u"content"_s).toString(), u"Hi there"_s);
        QCOMPARE(choice.value(u"finish_reason"_s).toString(), u"stop"_s);
        QVERIFY(c.value(u"usage"_s).toObject().contains(u"prompt_tokens_details"_s));

        r = postJson(
            url, { { u"model"_s, u"gpt-4o-mini"_s }, { u"max_completion_tokens"_s, 3 }, { u"messages"_s, messages } });
        QCOMPARE(r.json().value(u"choices"_s).toArray().first().toObject().value(u"finish_reason"_s).toString(),
            u"length"_s);
        QCOMPARE(r.json().value(u"usage"_s).toObject().value(u"completion_tokens"_s).toInt(), 3);
    }

    void openai_errors()
    {
        FakeOpenAI fake;
        fake.setApiKey(u"sk-test"_s);
        QVERIFY(fake.listen());
        const QUrl url(fake.apiBaseUrl().toString() + u"/chat/completions"_s);
        const QJsonObject body { { u"model"_s, u"gpt-4o-mini"_s },
            { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } };
        const Headers auth { { "authorization", "Bearer sk-test" } };
        auto errorOf = [](const Result &r) { return r.json().value(u"error"_s).toObject(); };

        Result r = postJson(url, body);
        QCOMPARE(r.status, 401);
        QCOMPARE(errorOf(r).value(u"type"_s).toString(), u"invalid_request_error"_s);
        r = postJson(url, body, { { "authorization", "Bearer nope" } });
        QCOMPARE(r.status, 401);
        QCOMPARE(errorOf(r).value(u"code"_s).toString(), u"invalid_api_key"_s);
        QVERIFY(errorOf(r).contains(u"param"_s));

        QJsonObject unknown = body;
        unknown.insert(u"model"_s, u"gpt-9"_s);
        r = postJson(url, unknown, auth);
        QCOMPARE(r.status, 404);
        QCOMPARE(errorOf(r).value(u"code"_s).toString(), u"model_not_found"_s);

        fake.enqueue(FakeOpenAI::Turn::rateLimited(2));
        r = postJson(url, body, auth);
        QCOMPARE(r.status, 429);
        QCOMPARE(errorOf(r).value(u"code"_s).toString(), u"rate_limit_exceeded"_s);
        QCOMPARE(r.header("retry-after"), "2");
        QCOMPARE(r.header("retry-after-ms"), "2000");

        fake.enqueue(FakeOpenAI::Turn::insufficientQuota());
        r = postJson(url, body, auth);
        QCOMPARE(r.status, 429);
        QCOMPARE(errorOf(r).value(u"code"_s).toString(), u"insufficient_quota"_s);
        QCOMPARE(errorOf(r).value(u"type"_s).toString(), u"insufficient_quota"_s);
        QVERIFY(!r.headers.contains("retry-after"));

        fake.enqueue(FakeOpenAI::Turn::serverError(503));
        QCOMPARE(postJson(url, body, auth).status, 503);

        // Ollama's /v1 flavour: type by status, code null.
        fake.setProfile(FakeOpenAI::Profile::OllamaV1);
        r = postJson(url, unknown, auth);
        QCOMPARE(errorOf(r).value(u"type"_s).toString(), u"not_found_error"_s);
        QVERIFY(errorOf(r).value(u"code"_s).isNull());
    }

    void openai_streamFaultsAndFraming()
    {
        FakeOpenAI fake;
        QVERIFY(fake.listen());
        const QUrl url(fake.apiBaseUrl().toString() + u"/chat/completions"_s);
        const QJsonObject body { { u"model"_s, u"gpt-4o-mini"_s }, { u"stream"_s, true },
            { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } };

        fake.enqueue(FakeOpenAI::Turn::errorChunk(u"boom"_s, { u"a"_s }));
        Result r = postJson(url, body);
        QList<SseEvent> events = parseSse(r.body);
        QCOMPARE(events.last().json().value(u"error"_s).toObject().value(u"message"_s).toString(), u"boom"_s);

        fake.enqueue(FakeOpenAI::Turn::eofWithoutDone({ u"a"_s }));
        r = postJson(url, body);
        QVERIFY(!r.body.contains("[DONE]"));
        QVERIFY(r.body.contains("\"finish_reason\":\"stop\""));

        fake.enqueue(FakeOpenAI::Turn::malformed({ u"a"_s }));
        events = parseSse(postJson(url, body).body);
        QJsonParseError pe;
        QJsonDocument::fromJson(events.last().data, &pe);
        QVERIFY(pe.error != QJsonParseError::NoError);

        auto odd = FakeOpenAI::Turn::text({ u"x"_s, u"y"_s });
        odd.crlf = true;
        odd.noSpaceAfterData = true;
        odd.pingComments = true;
        odd.splitEvents = true;
        fake.enqueue(odd);
        r = postJson(url, body);
        QVERIFY(r.body.contains("data:{"));
        QVERIFY(r.body.contains(": ping\r\n\r\n"));
        QVERIFY(r.body.endsWith("data:[DONE]\r\n\r\n"));
        events = parseSse(r.body);
        QCOMPARE(events.size(), 5);

        fake.enqueue(FakeOpenAI::Turn::stall({ u"a"_s }));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = m_nam.post(request, compact(body));
        QByteArray got;
        connect(reply, &QNetworkReply::readyRead, reply, [&] { got += reply->readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(got.contains("\"content\":\"a\""), WAIT_MS);
        QVERIFY(!reply->isFinished());
        reply->abort();
        reply->deleteLater();
    }

    void openai_modelsAndBasePath()
    {
        FakeOpenAI fake;
        fake.setModels({ u"tiny"_s });
        fake.setProfile(FakeOpenAI::Profile::OllamaV1);
        QVERIFY(fake.listen());
        Result r = send("GET", QUrl(fake.apiBaseUrl().toString() + u"/models"_s));
        QCOMPARE(r.json().value(u"object"_s).toString(), u"list"_s);
        const QJsonObject m = r.json().value(u"data"_s).toArray().first().toObject();
        QCOMPARE(m.value(u"id"_s).toString(), u"tiny"_s);
        QCOMPARE(m.value(u"object"_s).toString(), u"model"_s);
        QCOMPARE(m.value(u"owned_by"_s).toString(), u"library"_s);
        QCOMPARE(send("GET", QUrl(fake.apiBaseUrl().toString() + u"/models/tiny"_s)).status, 200);
        QCOMPARE(send("GET", QUrl(fake.apiBaseUrl().toString() + u"/models/huge"_s)).status, 404);
        fake.setBasePath(u"/openai/v1"_s);
        QVERIFY(fake.apiBaseUrl().toString().endsWith(u"/openai/v1"_s));
        QCOMPARE(send("GET", QUrl(fake.apiBaseUrl().toString() + u"/models"_s)).status, 200);
    }

    // ---------------------------------------------------------------- fake-provider
    void fakeProviderExecutable_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("path");
        QTest::addRow("ollama") << u"ollama"_s << u"/api/version"_s;
        QTest::addRow("anthropic") << u"anthropic"_s << u"/v1/models"_s;
        QTest::addRow("openai") << u"openai"_s << u"/v1/models"_s;
    }

    void fakeProviderExecutable()
    {
        QFETCH(QString, kind);
        QFETCH(QString, path);
        const QString binaryDir = qEnvironmentVariable("SKYNET_BINARY_DIR");
        const QString exe = binaryDir + u"/tests/fakes/fake-provider"_s;
        if (binaryDir.isEmpty() || !QFile::exists(exe))
            QSKIP("fake-provider not built next to the test (run through ctest)");
        QProcess process;
        process.start(exe, { u"--kind"_s, kind, u"--port"_s, u"0"_s });
        QVERIFY(process.waitForStarted(WAIT_MS));
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), WAIT_MS);
        const QString line = QString::fromUtf8(process.readLine()).trimmed();
        QVERIFY2(line.startsWith(u"listening on http://127.0.0.1:"_s), qPrintable(line));
        const QUrl base(line.mid(int(qstrlen("listening on "))));
        const Result r = send("GET", QUrl(base.toString() + path), {}, anthropicHeaders());
        QCOMPARE(r.status, 200);
        process.terminate();
        QVERIFY(process.waitForFinished(WAIT_MS));
    }
};

QTEST_GUILESS_MAIN(tst_Fakes)
#include "tst_fakes.moc"
