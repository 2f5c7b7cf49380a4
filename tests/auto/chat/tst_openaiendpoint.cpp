// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The OpenAI-compatible endpoint on the gateway port, driven by a plain HTTP client.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include "fakeollama.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using TestSupport::TestGateway;

class tst_OpenAiEndpoint final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<TestGateway> m_gateway;
    QNetworkAccessManager m_manager;

    struct Answer
    {
        int status = 0;
        QByteArray body;
        QList<QByteArray> chunks; ///< readyRead pieces, to see streaming
    };

    Answer post(const QJsonObject &body, const QString &token, const QString &path = u"/v1/chat/completions"_s)
    {
        QNetworkRequest request(m_gateway->httpUrl(path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        if (!token.isNull())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QNetworkReply *reply = m_manager.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        Answer answer;
        connect(reply, &QNetworkReply::readyRead, reply, [&answer, reply] {
            const QByteArray piece = reply->readAll();
            answer.chunks.append(piece);
            answer.body += piece;
        });
        (void)QTest::qWaitFor([reply] { return reply->isFinished(); }, TestSupport::WAIT_MS);
        answer.body += reply->readAll();
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delete reply;
        return answer;
    }

    static QJsonObject chatBody(bool stream)
    {
        return QJsonObject { { u"model"_s, u"skynet"_s }, { u"stream"_s, stream },
            { u"stream_options"_s, QJsonObject { { u"include_usage"_s, true } } },
            { u"messages"_s,
                QJsonArray { QJsonObject { { u"role"_s, u"system"_s }, { u"content"_s, u"Be brief."_s } },
                    QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"ping"_s } },
                    QJsonObject { { u"role"_s, u"assistant"_s }, { u"content"_s, u"pong"_s } },
                    QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"again"_s } } } } };
    }

private Q_SLOTS:
    void init()
    {
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
        const QString url = m_ollama->baseUrl().toString();
        m_gateway
            = std::make_unique<TestGateway>([url](Gateway::Config::Settings &s) { s.providers.ollama.baseUrl = url; });
        QVERIFY(m_gateway->isRunning());
    }

    void cleanup()
    {
        m_gateway.reset();
        m_ollama.reset();
    }

    void nonStreaming()
    {
        m_ollama->enqueue(FakeOllama::Turn::text({ u"po"_s, u"ng!"_s }));
        const Answer answer = post(chatBody(false), m_gateway->token());
        QCOMPARE(answer.status, 200);
        const QJsonObject completion = QJsonDocument::fromJson(answer.body).object();
        QCOMPARE(completion.value(u"object"_s).toString(), u"chat.completion"_s);
        const QJsonObject choice = completion.value(u"choices"_s).toArray().first().toObject();
        QCOMPARE(choice.value(u"message"_s).toObject().value(u"content"_s).toString(), u"pong!"_s);
        QCOMPARE(choice.value(u"finish_reason"_s).toString(), u"stop"_s);
        QVERIFY(completion.value(u"usage"_s).toObject().value(u"completion_tokens"_s).toInt() > 0);
        // The full message list went upstream, the client's system prompt after the persona.
        const QJsonArray sent = m_ollama->server().requests().constLast().json().value(u"messages"_s).toArray();
        QVERIFY(sent.first().toObject().value(u"content"_s).toString().contains(u"Be brief."_s));
        QCOMPARE(sent.at(1).toObject().value(u"content"_s).toString(), u"ping"_s);
        QCOMPARE(sent.at(2).toObject().value(u"content"_s).toString(), u"pong"_s);
        QCOMPARE(sent.last().toObject().value(u"content"_s).toString(), u"again"_s);
    }

    void streaming()
    {
        m_ollama->setChunkDelayMs(10);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"a"_s, u"b"_s, u"c"_s }));
        const Answer answer = post(chatBody(true), m_gateway->token());
        QCOMPARE(answer.status, 200);
        QVERIFY(answer.chunks.size() > 1);
        QString text;
        bool sawFinish = false;
        bool sawUsage = false;
        const QList<QByteArray> events = answer.body.split('\n');
        QVERIFY(answer.body.trimmed().endsWith("data: [DONE]"));
        for (const QByteArray &line : events) {
            if (!line.startsWith("data: ") || line == "data: [DONE]")
                continue;
            const QJsonObject chunk = QJsonDocument::fromJson(line.mid(6)).object();
            QCOMPARE(chunk.value(u"object"_s).toString(), u"chat.completion.chunk"_s);
            if (chunk.contains(u"usage"_s)) {
                sawUsage = true;
                continue;
            }
            const QJsonObject choice = chunk.value(u"choices"_s).toArray().first().toObject();
            text += choice.value(u"delta"_s).toObject().value(u"content"_s).toString();
            sawFinish |= choice.value(u"finish_reason"_s).toString() == u"stop";
        }
        QCOMPARE(text, u"abc"_s);
        QVERIFY(sawFinish);
        QVERIFY(sawUsage);
    }

    void unauthorized()
    {
        QCOMPARE(post(chatBody(false), QString()).status, 401);
        const Answer wrong = post(chatBody(false), u"wrong"_s);
        QCOMPARE(wrong.status, 401);
        QCOMPARE(QJsonDocument::fromJson(wrong.body).object().value(u"error"_s).toObject().value(u"code"_s).toString(),
            u"invalid_api_key"_s);
        QCOMPARE(m_ollama->server().requestCount(u"/api/chat"_s), 0);
    }

    void badBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("not JSON") << QByteArray("{nope");
        QTest::addRow("no messages") << QByteArray(R"({"model":"skynet"})");
        QTest::addRow("empty messages") << QByteArray(R"({"messages":[]})");
        QTest::addRow("bad role") << QByteArray(R"({"messages":[{"role":"wizard","content":"x"}]})");
        QTest::addRow("bad content") << QByteArray(R"({"messages":[{"role":"user","content":5}]})");
        QTest::addRow("only system") << QByteArray(R"({"messages":[{"role":"system","content":"x"}]})");
    }

    void badBodies()
    {
        QFETCH(QByteArray, body);
        QNetworkRequest request(m_gateway->httpUrl(u"/v1/chat/completions"_s));
        request.setRawHeader("Authorization", "Bearer " + m_gateway->token().toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = m_manager.post(request, body);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), TestSupport::WAIT_MS);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QVERIFY(QJsonDocument::fromJson(reply->readAll()).object().value(u"error"_s).toObject().contains(u"message"_s));
        delete reply;
        QCOMPARE(m_ollama->server().requestCount(u"/api/chat"_s), 0);
    }

    void models()
    {
        QNetworkRequest request(m_gateway->httpUrl(u"/v1/models"_s));
        request.setRawHeader("Authorization", "Bearer " + m_gateway->token().toUtf8());
        QNetworkReply *reply = m_manager.get(request);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), TestSupport::WAIT_MS);
        const QJsonObject list = QJsonDocument::fromJson(reply->readAll()).object();
        delete reply;
        QCOMPARE(list.value(u"object"_s).toString(), u"list"_s);
        QStringList ids;
        for (const QJsonValue &m : list.value(u"data"_s).toArray())
            ids.append(m.toObject().value(u"id"_s).toString());
        QVERIFY(ids.contains(u"skynet"_s));
        QVERIFY(ids.contains(u"ollama:llama3.2"_s));
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/v1/models"_s)).status, 401);
    }

    void upstreamFailureIsAnError()
    {
        // Both the attempt and its retry fail.
        m_ollama->enqueue(FakeOllama::Turn::httpError(500, u"broken"_s));
        m_ollama->enqueue(FakeOllama::Turn::httpError(500, u"broken"_s));
        const Answer answer = post(chatBody(false), m_gateway->token());
        QCOMPARE(answer.status, 502);
        QVERIFY(QJsonDocument::fromJson(answer.body).object().value(u"error"_s).toObject().contains(u"message"_s));
    }

    void clientDisconnectAbortsTheRun()
    {
        m_ollama->enqueue(FakeOllama::Turn::stall({ u"partial"_s }));
        QNetworkRequest request(m_gateway->httpUrl(u"/v1/chat/completions"_s));
        request.setRawHeader("Authorization", "Bearer " + m_gateway->token().toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply *reply = m_manager.post(request, QJsonDocument(chatBody(true)).toJson());
        QTRY_COMPARE_WITH_TIMEOUT(m_ollama->server().openConnections(), 1, TestSupport::WAIT_MS);
        QTRY_VERIFY_WITH_TIMEOUT(reply->bytesAvailable() > 0, TestSupport::WAIT_MS);
        reply->abort();
        delete reply;
        QTRY_COMPARE_WITH_TIMEOUT(m_ollama->server().openConnections(), 0, TestSupport::WAIT_MS);
    }
};

QTEST_GUILESS_MAIN(tst_OpenAiEndpoint)
#include "tst_openaiendpoint.moc"
