// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

#include "providers/ndjsonparser.h"
#include "providers/sseparser.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Providers::NdjsonParser;
using Gateway::Providers::SseEvent;
using Gateway::Providers::SseParser;

namespace
{

// Feeds input in the given chunk sizes (cycled) and returns every object, then finish().
QList<QJsonObject> ndjsonAll(const QByteArray &input, const QList<int> &sizes, QString *error = nullptr)
{
    NdjsonParser parser;
    QList<QJsonObject> out;
    qsizetype pos = 0;
    int i = 0;
    while (pos < input.size()) {
        const qsizetype n = qMin<qsizetype>(sizes.at(i++ % sizes.size()), input.size() - pos);
        parser.feed(QByteArrayView(input).sliced(pos, n));
        pos += n;
        while (parser.hasObject())
            out.append(parser.takeObject());
    }
    parser.finish();
    while (parser.hasObject())
        out.append(parser.takeObject());
    if (error)
        *error = parser.errorString();
    return out;
}

struct SseResult
{
    QList<SseEvent> events;
    QString error;
};

SseResult sseAll(const QByteArray &input, const QList<int> &sizes, SseParser &&parser = SseParser())
{
    SseResult result;
    qsizetype pos = 0;
    int i = 0;
    while (pos < input.size()) {
        const qsizetype n = qMin<qsizetype>(sizes.at(i++ % sizes.size()), input.size() - pos);
        parser.feed(QByteArrayView(input).sliced(pos, n));
        pos += n;
        while (parser.hasEvent())
            result.events.append(parser.takeEvent());
    }
    parser.finish();
    while (parser.hasEvent())
        result.events.append(parser.takeEvent());
    result.error = parser.errorString();
    return result;
}

QByteArrayList dataOf(const QList<SseEvent> &events)
{
    QByteArrayList out;
    for (const SseEvent &e : events)
        out.append(e.data);
    return out;
}

// Every way to cut input in two, plus byte by byte, plus a few random chunkings.
QList<QList<int>> splits(const QByteArray &input)
{
    QList<QList<int>> result { { 1 }, { 2 }, { 3 }, { 7 }, { int(input.size()) + 1 } };
    for (int cut = 1; cut < input.size(); ++cut)
        result.append({ cut, int(input.size()) });
    QRandomGenerator random(42);
    for (int r = 0; r < 20; ++r) {
        QList<int> sizes;
        for (int k = 0; k < 16; ++k)
            sizes.append(1 + int(random.bounded(12)));
        result.append(sizes);
    }
    return result;
}

const QByteArray NDJSON_STREAM = "{\"message\":{\"content\":\"H\xC3\xA9llo \xF0\x9F\x8C\x8D\"},\"done\":false}\n"
                                 "\n"
                                 "{\"message\":{\"content\":\"\xE4\xB8\x96\xE7\x95\x8C\"},\"done\":false}\r\n"
                                 "   \n"
                                 "{\"done\":true,\"eval_count\":2}\n";

} // namespace

class tst_StreamParsers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ndjsonAnySplit();
    void ndjsonLastLineWithoutNewline();
    void ndjsonInvalidLineStops();
    void ndjsonNonObjectLine();
    void ndjsonLineBound();
    void ndjsonTruncatedAtEnd();
    void ndjsonHostileBytes();

    void sseSpecExamples_data();
    void sseSpecExamples();
    void sseAnySplit();
    void sseCrLfSplitBetweenCrAndLf();
    void sseLoneCr();
    void sseBom();
    void sseFieldsAndRetry();
    void sseEventWithoutDataIsDropped();
    void ssePendingEventDiscardedAtEnd();
    void sseLineBound();
    void sseEventBound();
    void sseHostileBytes();
    void sseManyBlankLines();
};

void tst_StreamParsers::ndjsonAnySplit()
{
    const QList<QJsonObject> expected = ndjsonAll(NDJSON_STREAM, { int(NDJSON_STREAM.size()) });
    QCOMPARE(expected.size(), 3);
    QCOMPARE(expected.at(0).value("message"_L1).toObject().value("content"_L1).toString(), u"Héllo 🌍"_s);
    QCOMPARE(expected.at(1).value("message"_L1).toObject().value("content"_L1).toString(), u"世界"_s);
    QVERIFY(expected.at(2).value("done"_L1).toBool());
    for (const QList<int> &sizes : splits(NDJSON_STREAM)) {
        QString error;
        QCOMPARE(ndjsonAll(NDJSON_STREAM, sizes, &error), expected);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
}

void tst_StreamParsers::ndjsonLastLineWithoutNewline()
{
    NdjsonParser parser;
    parser.feed("{\"a\":1}\n{\"b\":");
    QVERIFY(parser.hasObject());
    QCOMPARE(parser.takeObject().value("a"_L1).toInt(), 1);
    QVERIFY(!parser.hasObject());
    QVERIFY(parser.pendingBytes() > 0);
    parser.feed("2}");
    QVERIFY(!parser.hasObject());
    parser.finish();
    QVERIFY(parser.hasObject());
    QCOMPARE(parser.takeObject().value("b"_L1).toInt(), 2);
    QVERIFY(!parser.hasError());
}

void tst_StreamParsers::ndjsonInvalidLineStops()
{
    NdjsonParser parser;
    parser.feed("{\"a\":1}\n{\"content\":oops}\n{\"c\":3}\n");
    QVERIFY(parser.hasError());
    QVERIFY(parser.hasObject()); // what came before the bad line is kept
    QCOMPARE(parser.takeObject().value("a"_L1).toInt(), 1);
    QVERIFY(!parser.hasObject()); // nothing after it
    QVERIFY(!parser.errorString().contains(u"oops"_s)); // the input is never quoted
    parser.feed("{\"d\":4}\n");
    QVERIFY(!parser.hasObject());
}

void tst_StreamParsers::ndjsonNonObjectLine()
{
    for (const QByteArray &line :
        { QByteArray("[1,2]\n"), QByteArray("42\n"), QByteArray("\"text\"\n"), QByteArray("null\n") }) {
        NdjsonParser parser;
        parser.feed(line);
        QVERIFY2(parser.hasError(), line.constData());
        QVERIFY(!parser.hasObject());
    }
}

void tst_StreamParsers::ndjsonLineBound()
{
    NdjsonParser parser(1024);
    const QByteArray chunk(100, 'x');
    for (int i = 0; i < 20 && !parser.hasError(); ++i)
        parser.feed(chunk);
    QVERIFY(parser.hasError());
    QVERIFY(parser.pendingBytes() <= 1024);
    // A line of exactly the bound is fine.
    NdjsonParser exact(16);
    exact.feed("{\"k\":\"0123456\"}\n"); // 15 bytes + '\n'
    QVERIFY(!exact.hasError());
    QVERIFY(exact.hasObject());
}

void tst_StreamParsers::ndjsonTruncatedAtEnd()
{
    NdjsonParser parser;
    parser.feed("{\"message\":{\"content\":\"trunc");
    parser.finish();
    QVERIFY(parser.hasError());
    QVERIFY(!parser.hasObject());
}

void tst_StreamParsers::ndjsonHostileBytes()
{
    // Invalid UTF-8, NUL bytes and control characters: an error, never a crash or a hang.
    NdjsonParser parser;
    parser.feed(QByteArray("{\"a\":\"\xFF\xFE\"}\n", 12));
    QVERIFY(parser.hasError());
    NdjsonParser nul;
    nul.feed(QByteArray("{\"a\":1}\0\n", 9));
    QVERIFY(nul.hasError() || nul.hasObject());
    QRandomGenerator random(7);
    for (int round = 0; round < 50; ++round) {
        NdjsonParser fuzz(4096);
        QByteArray bytes(2048, Qt::Uninitialized);
        for (char &c : bytes)
            c = char(random.bounded(256));
        fuzz.feed(bytes);
        fuzz.finish();
        while (fuzz.hasObject())
            fuzz.takeObject();
    }
}

void tst_StreamParsers::sseSpecExamples_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("data");
    QTest::addColumn<QByteArrayList>("types");

    // The examples of the WHATWG HTML spec, section "Server-sent events".
    QTest::addRow("multi-line data") << QByteArray("data: YHOO\ndata: +2\ndata: 10\n\n")
                                     << QByteArrayList { "YHOO\n+2\n10" } << QByteArrayList { "message" };
    QTest::addRow("comments and ids") << QByteArray(
        ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n")
                                      << QByteArrayList { "first event", "second event", " third event" }
                                      << QByteArrayList { "message", "message", "message" };
    QTest::addRow("empty data fields") << QByteArray("data\n\ndata\ndata\n\ndata:") << QByteArrayList { "", "\n" }
                                       << QByteArrayList { "message", "message" };
    QTest::addRow("optional space") << QByteArray("data:test\n\ndata: test\n\n") << QByteArrayList { "test", "test" }
                                    << QByteArrayList { "message", "message" };
    QTest::addRow("event names") << QByteArray("event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\ndata: x\n\n")
                                 << QByteArrayList { "73857293", "2153", "x" }
                                 << QByteArrayList { "add", "remove", "message" };
    QTest::addRow("anthropic framing") << QByteArray(
        "event: ping\ndata: {\"type\": \"ping\"}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
                                       << QByteArrayList { "{\"type\": \"ping\"}", "{\"type\":\"message_stop\"}" }
                                       << QByteArrayList { "ping", "message_stop" };
    QTest::addRow("crlf and comments") << QByteArray(
        ": ping\r\n\r\ndata: {\"a\":1}\r\n\r\n: keep-alive\r\ndata: [DONE]\r\n\r\n")
                                       << QByteArrayList { "{\"a\":1}", "[DONE]" }
                                       << QByteArrayList { "message", "message" };
    QTest::addRow("unknown fields ignored")
        << QByteArray("foo: bar\ndata: x\nbaz\n\n") << QByteArrayList { "x" } << QByteArrayList { "message" };
    QTest::addRow("colon in value") << QByteArray("data: a:b: c\n\n") << QByteArrayList { "a:b: c" }
                                    << QByteArrayList { "message" };
}

void tst_StreamParsers::sseSpecExamples()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, data);
    QFETCH(QByteArrayList, types);
    for (const QList<int> &sizes : splits(input)) {
        const SseResult result = sseAll(input, sizes);
        QVERIFY(result.error.isEmpty());
        QCOMPARE(dataOf(result.events), data);
        QByteArrayList gotTypes;
        for (const SseEvent &e : result.events)
            gotTypes.append(e.type);
        QCOMPARE(gotTypes, types);
    }
}

void tst_StreamParsers::sseAnySplit()
{
    // Multi-byte UTF-8 cut anywhere must come out byte-identical.
    const QByteArray input = "event: content_block_delta\r\n"
                             "data: {\"text\":\"H\xC3\xA9llo \xF0\x9F\x8C\x8D \xE4\xB8\x96\"}\r\n\r\n"
                             "data: line one\n"
                             "data: line two\n\n";
    const SseResult whole = sseAll(input, { int(input.size()) });
    QCOMPARE(whole.events.size(), 2);
    QCOMPARE(QString::fromUtf8(whole.events.at(0).data), u"{\"text\":\"Héllo 🌍 世\"}"_s);
    QCOMPARE(whole.events.at(1).data, QByteArray("line one\nline two"));
    for (const QList<int> &sizes : splits(input)) {
        const SseResult result = sseAll(input, sizes);
        QCOMPARE(dataOf(result.events), dataOf(whole.events));
        QCOMPARE(result.events.at(0).type, QByteArray("content_block_delta"));
    }
}

void tst_StreamParsers::sseCrLfSplitBetweenCrAndLf()
{
    // A CRLF cut between its CR and LF is one line end, not two (which would dispatch early).
    SseParser parser;
    parser.feed("data: a\r");
    parser.feed("\ndata: b\r");
    parser.feed("\n\r");
    parser.feed("\n");
    QVERIFY(parser.hasEvent());
    QCOMPARE(parser.takeEvent().data, QByteArray("a\nb"));
    QVERIFY(!parser.hasEvent());
}

void tst_StreamParsers::sseLoneCr()
{
    const QByteArray input = "data: a\rdata: b\r\rdata: c\r\r";
    for (const QList<int> &sizes : splits(input)) {
        const SseResult result = sseAll(input, sizes);
        QCOMPARE(dataOf(result.events), (QByteArrayList { "a\nb", "c" }));
    }
}

void tst_StreamParsers::sseBom()
{
    const QByteArray input = "\xEF\xBB\xBF"
                             "data: x\n\n";
    for (const QList<int> &sizes : splits(input)) {
        const SseResult result = sseAll(input, sizes);
        QCOMPARE(dataOf(result.events), QByteArrayList { "x" });
    }
    // Only at the very start.
    const SseResult later = sseAll("data: x\n\n\xEF\xBB\xBF"
                                   "data: y\n\n",
        { 100 });
    QCOMPARE(later.events.size(), 1);
}

void tst_StreamParsers::sseFieldsAndRetry()
{
    SseParser parser;
    parser.feed("retry: 2500\nid: 7\ndata: x\n\nretry: soon\ndata: y\n\n");
    QCOMPARE(parser.retryMs(), qint64(2500));
    QCOMPARE(parser.takeEvent().lastEventId, QByteArray("7"));
    QCOMPARE(parser.takeEvent().lastEventId, QByteArray("7")); // id persists across events
    parser.feed(QByteArray("id: a\0b\ndata: z\n\n", 17));
    QCOMPARE(parser.takeEvent().lastEventId, QByteArray("7")); // an id with NUL is ignored
    parser.feed(": c1\n: c2\n\n");
    QCOMPARE(parser.commentCount(), qint64(2));
}

void tst_StreamParsers::sseEventWithoutDataIsDropped()
{
    const SseResult result = sseAll("event: ping\n\nevent: x\nid: 3\n\ndata: y\n\n", { 100 });
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.at(0).type, QByteArray("message")); // the dropped event's type is reset
    QCOMPARE(result.events.at(0).data, QByteArray("y"));
}

void tst_StreamParsers::ssePendingEventDiscardedAtEnd()
{
    SseParser parser;
    parser.feed("data: complete\n\ndata: incomplete\n");
    QVERIFY(parser.hasPendingEvent());
    parser.finish();
    QCOMPARE(parser.takeEvent().data, QByteArray("complete"));
    QVERIFY(!parser.hasEvent());
    QVERIFY(!parser.hasError());
}

void tst_StreamParsers::sseLineBound()
{
    SseParser parser(1000, 100000);
    const QByteArray chunk = "data: " + QByteArray(300, 'x');
    parser.feed(chunk);
    QVERIFY(!parser.hasError());
    parser.feed(QByteArray(300, 'x'));
    parser.feed(QByteArray(300, 'x'));
    QVERIFY(!parser.hasError());
    parser.feed(QByteArray(300, 'x'));
    QVERIFY(parser.hasError());
    parser.feed("\n\n");
    QVERIFY(!parser.hasEvent()); // stopped for good
}

void tst_StreamParsers::sseEventBound()
{
    // Each line is short, the event is not: many data lines must not grow memory without bound.
    SseParser parser(1000, 10000);
    const QByteArray line = "data: " + QByteArray(90, 'y') + '\n';
    for (int i = 0; i < 200 && !parser.hasError(); ++i)
        parser.feed(line);
    QVERIFY(parser.hasError());
    QVERIFY(!parser.hasEvent());
}

void tst_StreamParsers::sseHostileBytes()
{
    // Invalid UTF-8 passes through as bytes (JSON parsing rejects it later); NULs are data.
    const SseResult result = sseAll(QByteArray("data: \xFF\xFE\0z\n\n", 12), { 1 });
    QCOMPARE(result.events.size(), 1);
    QCOMPARE(result.events.at(0).data, QByteArray("\xFF\xFE\0z", 4));
    QRandomGenerator random(11);
    for (int round = 0; round < 50; ++round) {
        SseParser fuzz(512, 2048);
        QByteArray bytes(4096, Qt::Uninitialized);
        for (char &c : bytes) {
            const quint32 r = random.bounded(10);
            c = r == 0 ? '\n' : r == 1 ? '\r' : r == 2 ? ':' : char(random.bounded(256));
        }
        for (qsizetype pos = 0; pos < bytes.size(); pos += 37)
            fuzz.feed(QByteArrayView(bytes).sliced(pos, qMin<qsizetype>(37, bytes.size() - pos)));
        fuzz.finish();
        while (fuzz.hasEvent())
            QVERIFY(fuzz.takeEvent().data.size() <= 2048);
    }
}

void tst_StreamParsers::sseManyBlankLines()
{
    SseParser parser;
    parser.feed(QByteArray(100000, '\n'));
    parser.feed(QByteArray(100000, '\r'));
    QVERIFY(!parser.hasEvent());
    QVERIFY(!parser.hasError());
    parser.feed("data: ok\n\n");
    QCOMPARE(parser.takeEvent().data, QByteArray("ok"));
}

QTEST_APPLESS_MAIN(tst_StreamParsers)
#include "tst_streamparsers.moc"
