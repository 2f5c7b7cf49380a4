// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// FakeTelegram driven by a plain QNetworkAccessManager and checked against
// shared/reference/telegram-bot-api.md ("What a faithful fake must do").

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include "fakehttpserver.h"
#include "faketelegram.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeHttpServer;
using Fakes::FakeTelegram;
using Fakes::ScriptedResponse;

namespace
{

constexpr int WAIT_MS = 8000;
constexpr qint64 CHAT = 4242;
constexpr qint64 USER = 4242;

struct Result
{
    bool finished = false;
    int status = 0;
    QByteArray body;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    bool ok() const { return json().value(u"ok"_s).toBool(); }
    QJsonValue result() const { return json().value(u"result"_s); }
    QString description() const { return json().value(u"description"_s).toString(); }
    int errorCode() const { return json().value(u"error_code"_s).toInt(); }
};

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_FakeTelegram final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    qint64 m_now = 1767225600000; // 2026-01-01T00:00:00Z

    QNetworkReply *start(const QByteArray &verb, const QUrl &url, const QByteArray &body = {},
        const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request(url);
        if (!contentType.isEmpty())
            request.setRawHeader("Content-Type", contentType);
        request.setTransferTimeout(20000);
        return m_nam.sendCustomRequest(request, verb, body);
    }

    static Result wait(QNetworkReply *reply)
    {
        Result result;
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(WAIT_MS);
        }
        result.finished = reply->isFinished();
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        reply->deleteLater();
        return result;
    }

    QNetworkReply *startCall(FakeTelegram &tg, const QString &method, const QJsonObject &params = {})
    {
        return start("POST", tg.methodUrl(method), compact(params));
    }

    Result call(FakeTelegram &tg, const QString &method, const QJsonObject &params = {})
    {
        return wait(startCall(tg, method, params));
    }

    Result send(FakeTelegram &tg, const QString &text, qint64 chat = CHAT, const QString &parseMode = {})
    {
        QJsonObject params { { u"chat_id"_s, chat }, { u"text"_s, text } };
        if (!parseMode.isEmpty())
            params.insert(u"parse_mode"_s, parseMode);
        return call(tg, u"sendMessage"_s, params);
    }

    static QList<qint64> updateIds(const Result &r)
    {
        QList<qint64> ids;
        for (const QJsonValue &u : r.result().toArray())
            ids.append(u.toObject().value(u"update_id"_s).toInteger());
        return ids;
    }

private Q_SLOTS:
    void tokenAndMethodRouting()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        const Result badToken = wait(start("GET", QUrl(tg.baseUrl().toString() + u"/bot1:wrong/getMe"_s), {}, {}));
        QCOMPARE(badToken.status, 401);
        QCOMPARE(badToken.body, "{\"description\":\"Unauthorized\",\"error_code\":401,\"ok\":false}");
        const Result badMethod = call(tg, u"sendCarrierPigeon"_s);
        QCOMPARE(badMethod.status, 404);
        QCOMPARE(badMethod.description(), u"Not Found"_s);
        QCOMPARE(badMethod.errorCode(), 404);
        QCOMPARE(wait(start("GET", QUrl(tg.baseUrl().toString() + u"/elsewhere"_s))).status, 404);

        // GET and POST, any case.
        const Result me = wait(start("GET", tg.methodUrl(u"GETME"_s), {}, {}));
        QCOMPARE(me.status, 200);
        QVERIFY(me.ok());
        const QJsonObject user = me.result().toObject();
        QCOMPARE(user.value(u"id"_s).toInteger(), 123456789);
        QCOMPARE(user.value(u"is_bot"_s).toBool(), true);
        QCOMPARE(user.value(u"username"_s).toString(), u"skynet_test_bot"_s);
        QVERIFY(user.contains(u"can_read_all_group_messages"_s));
        tg.setToken(u"987:other"_s);
        QCOMPARE(call(tg, u"getme"_s).result().toObject().value(u"id"_s).toInteger(), 987);
    }

    void paramsJsonFormQueryMultipart()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        tg.injectMessage(CHAT, USER, u"hi"_s);
        // Query string.
        QUrl url = tg.methodUrl(u"sendMessage"_s);
        url.setQuery(u"chat_id=%1&text=from%20query"_s.arg(CHAT));
        const Result q = wait(start("GET", url, {}, {}));
        QVERIFY2(q.ok(), q.body.constData());
        QCOMPARE(q.result().toObject().value(u"text"_s).toString(), u"from query"_s);
        // Form-urlencoded, objects as JSON strings.
        const qint64 first = q.result().toObject().value(u"message_id"_s).toInteger();
        const QByteArray form = "chat_id=" + QByteArray::number(CHAT)
            + "&text=from+form%21&reply_parameters=" + QUrl::toPercentEncoding(u"{\"message_id\":%1}"_s.arg(first));
        const Result f = wait(start("POST", tg.methodUrl(u"sendMessage"_s), form, "application/x-www-form-urlencoded"));
        QVERIFY2(f.ok(), f.body.constData());
        const QJsonObject fm = f.result().toObject();
        QCOMPARE(fm.value(u"text"_s).toString(), u"from form!"_s);
        QCOMPARE(fm.value(u"reply_to_message"_s).toObject().value(u"message_id"_s).toInteger(), first);
        QCOMPARE(fm.value(u"message_id"_s).toInteger(), first + 1);
        // Multipart.
        const QByteArray multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n"
            + QByteArray::number(CHAT)
            + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nfrom multipart\r\n--XyZ--\r\n";
        const Result m
            = wait(start("POST", tg.methodUrl(u"sendMessage"_s), multipart, "multipart/form-data; boundary=XyZ"));
        QVERIFY2(m.ok(), m.body.constData());
        QCOMPARE(m.result().toObject().value(u"text"_s).toString(), u"from multipart"_s);
        // JSON, with a reply to a missing message.
        const Result j = call(tg, u"sendMessage"_s,
            { { u"chat_id"_s, CHAT }, { u"text"_s, u"json"_s },
                { u"reply_parameters"_s, QJsonObject { { u"message_id"_s, 999 } } } });
        QCOMPARE(j.status, 400);
        QCOMPARE(j.description(), u"Bad Request: message to be replied not found"_s);
        QCOMPARE(wait(start("POST", tg.methodUrl(u"sendMessage"_s), "{not json")).status, 400);
        // Unknown chat.
        QCOMPARE(send(tg, u"x"_s, 777).description(), u"Bad Request: chat not found"_s);
        QCOMPARE(
            call(tg, u"sendMessage"_s, { { u"text"_s, u"x"_s } }).description(), u"Bad Request: chat_id is empty"_s);
    }

    void longPollBlocksUntilAnUpdateArrives()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        QElapsedTimer clock;
        clock.start();
        QNetworkReply *poll = startCall(tg, u"getUpdates"_s, { { u"timeout"_s, 5 } });
        QTRY_VERIFY(tg.hasWaitingPoll());
        QVERIFY(!poll->isFinished());
        const qint64 id = tg.injectMessage(CHAT, USER, u"wake up"_s, u"supergroup"_s, 7);
        const Result r = wait(poll);
        QVERIFY(r.ok());
        QVERIFY2(clock.elapsed() < 4000, "released by the update, not by the timeout");
        QCOMPARE(updateIds(r), QList<qint64> { id });
        const QJsonObject message = r.result().toArray().first().toObject().value(u"message"_s).toObject();
        QCOMPARE(message.value(u"text"_s).toString(), u"wake up"_s);
        QCOMPARE(message.value(u"chat"_s).toObject().value(u"type"_s).toString(), u"supergroup"_s);
        QCOMPARE(message.value(u"message_thread_id"_s).toInteger(), 7);
        QCOMPARE(message.value(u"is_topic_message"_s).toBool(), true);
        QCOMPARE(message.value(u"from"_s).toObject().value(u"id"_s).toInteger(), USER);
        QVERIFY(!tg.hasWaitingPoll());
    }

    void abortedLongPollLosesNothing()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        QNetworkReply *poll = startCall(tg, u"getUpdates"_s, { { u"timeout"_s, 5 } });
        QTRY_VERIFY(tg.hasWaitingPoll());
        poll->abort(); // the client gives up (network error, shutdown)
        poll->deleteLater();
        QTRY_VERIFY(!tg.hasWaitingPoll());
        const qint64 id = tg.injectMessage(CHAT, USER, u"kept"_s);
        QCOMPARE(tg.pendingUpdateCount(), 1);
        QCOMPARE(updateIds(call(tg, u"getUpdates"_s, { { u"timeout"_s, 5 } })), QList<qint64> { id });
    }

    void longPollTimeoutReturnsEmpty()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        QElapsedTimer clock;
        clock.start();
        const Result r = call(tg, u"getUpdates"_s, { { u"timeout"_s, 1 } });
        QVERIFY(r.finished);
        QCOMPARE(r.body, "{\"ok\":true,\"result\":[]}");
        QVERIFY(clock.elapsed() >= 900);
        QVERIFY(clock.elapsed() < 3000);
        // timeout 0 (the default) is a short poll.
        clock.restart();
        QCOMPARE(call(tg, u"getUpdates"_s).result().toArray().size(), 0);
        QVERIFY(clock.elapsed() < 900);
    }

    void offsetConfirmsAndLimits()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        tg.setNextUpdateId(500);
        const qint64 a = tg.injectMessage(CHAT, USER, u"a"_s);
        const qint64 b = tg.injectMessage(CHAT, USER, u"b"_s);
        const qint64 c = tg.injectMessage(CHAT, USER, u"c"_s);
        QCOMPARE(a, 500);
        QCOMPARE(updateIds(call(tg, u"getUpdates"_s)), (QList<qint64> { a, b, c }));
        // Not confirmed yet: returned again.
        QCOMPARE(updateIds(call(tg, u"getUpdates"_s)), (QList<qint64> { a, b, c }));
        QCOMPARE(updateIds(call(tg, u"getUpdates"_s, { { u"limit"_s, 1 } })), QList<qint64> { a });
        // offset = b confirms a.
        QCOMPARE(updateIds(call(tg, u"getUpdates"_s, { { u"offset"_s, b } })), (QList<qint64> { b, c }));
        QCOMPARE(tg.confirmedOffset(), b);
        QCOMPARE(tg.pendingUpdateCount(), 2);
        QCOMPARE(updateIds(call(tg, u"getUpdates"_s)), (QList<qint64> { b, c }));
        // Negative offset: only the last one survives.
        QCOMPARE(updateIds(call(tg, u"getUpdates"_s, { { u"offset"_s, -1 } })), QList<qint64> { c });
        QCOMPARE(tg.pendingUpdateCount(), 1);
        QCOMPARE(updateIds(call(tg, u"getUpdates"_s, { { u"offset"_s, c + 1 } })), QList<qint64> {});
        QCOMPARE(tg.confirmedOffset(), c + 1);
        QCOMPARE(tg.pendingUpdateCount(), 0);
        // Ids keep increasing.
        QCOMPARE(tg.injectMessage(CHAT, USER, u"d"_s), c + 1);
    }

    void allowedUpdates()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        tg.injectUpdate(QJsonObject { { u"message_reaction"_s, QJsonObject { { u"message_id"_s, 1 } } } });
        const qint64 msg = tg.injectMessage(CHAT, USER, u"m"_s);
        // Default: everything but chat_member / message_reaction / message_reaction_count.
        QCOMPARE(updateIds(call(tg, u"getUpdates"_s)), QList<qint64> { msg });
        const qint64 edited = tg.injectUpdate(QJsonObject { { u"edited_message"_s,
            QJsonObject { { u"message_id"_s, 1 }, { u"text"_s, u"e"_s },
                { u"chat"_s, QJsonObject { { u"id"_s, CHAT }, { u"type"_s, u"private"_s } } } } } });
        // Form encoding: the array is a JSON string.
        const QByteArray form = "allowed_updates=" + QUrl::toPercentEncoding(u"[\"edited_message\"]"_s);
        const Result r = wait(start("POST", tg.methodUrl(u"getUpdates"_s), form, "application/x-www-form-urlencoded"));
        QCOMPARE(updateIds(r), QList<qint64> { edited });
    }

    void overlappingPollsConflict()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        QNetworkReply *first = startCall(tg, u"getUpdates"_s, { { u"timeout"_s, 5 } });
        QTRY_VERIFY(tg.hasWaitingPoll());
        QNetworkReply *second = startCall(tg, u"getUpdates"_s, { { u"timeout"_s, 5 } });
        const Result terminated = wait(first);
        QCOMPARE(terminated.status, 409);
        QCOMPARE(terminated.description(),
            u"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"_s);
        QTRY_VERIFY(tg.hasWaitingPoll());
        const qint64 id = tg.injectMessage(CHAT, USER, u"x"_s);
        QCOMPARE(updateIds(wait(second)), QList<qint64> { id });
    }

    void webhookConflictAndValidation()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        FakeHttpServer gateway;
        QVERIFY(gateway.listen());
        gateway.setHandler(u"/tg"_s, [](const Fakes::RecordedRequest &) { return ScriptedResponse::json(200, {}); });
        const QString hook = gateway.baseUrl().toString() + u"/tg"_s;

        QCOMPARE(
            call(tg, u"setWebhook"_s, { { u"url"_s, hook }, { u"secret_token"_s, u"bad secret!"_s } }).status, 400);
        QCOMPARE(
            call(tg, u"setWebhook"_s, { { u"url"_s, hook }, { u"secret_token"_s, QString(257, u'a') } }).status, 400);
        const Result insecure = call(tg, u"setWebhook"_s, { { u"url"_s, u"http://example.com/hook"_s } });
        QCOMPARE(insecure.status, 400);
        QVERIFY(insecure.description().startsWith(u"Bad Request: bad webhook:"_s));
        QCOMPARE(call(tg, u"setWebhook"_s, { { u"url"_s, u"https://example.com:9999/hook"_s } }).status, 400);

        const Result set = call(tg, u"setWebhook"_s, { { u"url"_s, hook }, { u"secret_token"_s, u"Ok_secret-1"_s } });
        QVERIFY2(set.ok(), set.body.constData());
        QCOMPARE(set.result().toBool(), true);
        QCOMPARE(set.description(), u"Webhook was set"_s);
        const Result conflict = call(tg, u"getUpdates"_s, { { u"timeout"_s, 5 } });
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.description(),
            u"Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"_s);
        const QJsonObject info = call(tg, u"getWebhookInfo"_s).result().toObject();
        QCOMPARE(info.value(u"url"_s).toString(), hook);
        QCOMPARE(info.value(u"pending_update_count"_s).toInt(), 0);
        QCOMPARE(info.value(u"max_connections"_s).toInt(), 40);
        QCOMPARE(info.value(u"has_custom_certificate"_s).toBool(), false);

        const Result deleted = call(tg, u"deleteWebhook"_s);
        QVERIFY(deleted.ok());
        QCOMPARE(deleted.description(), u"Webhook was deleted"_s);
        QCOMPARE(call(tg, u"getUpdates"_s).status, 200);
        QCOMPARE(call(tg, u"getWebhookInfo"_s).result().toObject().value(u"url"_s).toString(), QString());
    }

    void webhookDeliveryWithSecretAndRetry()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        tg.setWebhookRetryDelayMs(50);
        tg.addChat(CHAT);

        FakeHttpServer gateway;
        QVERIFY(gateway.listen());
        ScriptedResponse failure = ScriptedResponse::json(500, {});
        gateway.enqueue(u"/tg"_s, failure);
        gateway.setHandler(u"/tg"_s, [](const Fakes::RecordedRequest &r) {
            // Answer with a Bot API call in the body, as the reference allows.
            const qint64 chat
                = r.json().value(u"message"_s).toObject().value(u"chat"_s).toObject().value(u"id"_s).toInteger();
            return ScriptedResponse::json(200,
                QJsonObject { { u"method"_s, u"sendMessage"_s }, { u"chat_id"_s, chat }, { u"text"_s, u"pong"_s } });
        });
        QVERIFY(call(tg, u"setWebhook"_s,
            { { u"url"_s, QString(gateway.baseUrl().toString() + u"/tg"_s) }, { u"secret_token"_s, u"s3cr3t"_s } })
                    .ok());
        const qint64 id = tg.injectMessage(CHAT, USER, u"ping"_s);
        QTRY_COMPARE_WITH_TIMEOUT(gateway.requestCount(u"/tg"_s), 2, WAIT_MS);
        QTRY_COMPARE(tg.pendingUpdateCount(), 0);
        for (const Fakes::RecordedRequest &r : gateway.requests()) {
            QCOMPARE(r.method, "POST");
            QCOMPARE(r.header("x-telegram-bot-api-secret-token"), "s3cr3t");
            QVERIFY(r.header("content-type").startsWith("application/json"));
            QCOMPARE(r.json().value(u"update_id"_s).toInteger(), id);
            QCOMPARE(r.json().value(u"message"_s).toObject().value(u"text"_s).toString(), u"ping"_s);
        }
        const QList<FakeTelegram::WebhookAttempt> attempts = tg.webhookAttempts();
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts.at(0).httpStatus, 500);
        QCOMPARE(attempts.at(1).httpStatus, 200);
        QCOMPARE(attempts.at(1).attempt, 2);
        const QJsonObject info = call(tg, u"getWebhookInfo"_s).result().toObject();
        QCOMPARE(info.value(u"last_error_message"_s).toString(),
            u"Wrong response from the webhook: 500 Internal Server Error"_s);
        QVERIFY(info.value(u"last_error_date"_s).toInteger() > 0);
        // The sendMessage in the webhook answer was executed.
        QTRY_VERIFY(!tg.sentMessages().isEmpty());
        QCOMPARE(tg.sentMessages().last().text, u"pong"_s);
        QVERIFY(tg.sentMessages().last().viaWebhookReply);

        // drop_pending_updates on deleteWebhook.
        gateway.setHandler(u"/tg"_s, [](const Fakes::RecordedRequest &) { return ScriptedResponse::json(503, {}); });
        tg.setWebhookRetryDelayMs(60000);
        tg.injectMessage(CHAT, USER, u"stuck"_s);
        QTRY_COMPARE(gateway.requestCount(u"/tg"_s), 3);
        QCOMPARE(tg.pendingUpdateCount(), 1);
        QVERIFY(call(tg, u"deleteWebhook"_s, { { u"drop_pending_updates"_s, true } }).ok());
        QCOMPARE(tg.pendingUpdateCount(), 0);
        QCOMPARE(call(tg, u"getUpdates"_s).result().toArray().size(), 0);
    }

    void textLengthChecks()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        tg.addChat(CHAT);
        const Result empty = send(tg, QString());
        QCOMPARE(empty.status, 400);
        QCOMPARE(empty.description(), u"Bad Request: message text is empty"_s);
        QCOMPARE(send(tg, u"   "_s).description(), u"Bad Request: message text is empty"_s);
        QVERIFY(send(tg, QString(4096, u'x')).ok());
        const Result tooLong = send(tg, QString(4097, u'x'));
        QCOMPARE(tooLong.status, 400);
        QCOMPARE(tooLong.description(), u"Bad Request: message is too long"_s);
        // Counted in UTF-16 code units: 2048 emoji = 4096 units.
        const QString emoji = u"😀"_s;
        QVERIFY(send(tg, emoji.repeated(2048)).ok());
        QCOMPARE(send(tg, emoji.repeated(2048) + u'x').description(), u"Bad Request: message is too long"_s);
        // After entity parsing: markup does not count.
        QVERIFY(send(tg, u"<b>"_s + QString(4096, u'x') + u"</b>"_s, CHAT, u"HTML"_s).ok());
    }

    void parseModes()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        tg.addChat(CHAT);
        const Result md = send(
            tg, u"Hello *world*\\! _it_ __u__ ~s~ ||sp|| `c\\`` [link](http://x.y/a\\)b)"_s, CHAT, u"MarkdownV2"_s);
        QVERIFY2(md.ok(), md.body.constData());
        const QJsonObject m = md.result().toObject();
        QCOMPARE(m.value(u"text"_s).toString(), u"Hello world! it u s sp c` link"_s);
        const QJsonArray e = m.value(u"entities"_s).toArray();
        QCOMPARE(e.size(), 7);
        QCOMPARE(
            e.at(0).toObject(), (QJsonObject { { u"type"_s, u"bold"_s }, { u"offset"_s, 6 }, { u"length"_s, 5 } }));
        QCOMPARE(e.at(6).toObject().value(u"type"_s).toString(), u"text_link"_s);
        QCOMPARE(e.at(6).toObject().value(u"url"_s).toString(), u"http://x.y/a)b"_s);

        const Result reserved = send(tg, u"Hello."_s, CHAT, u"MarkdownV2"_s);
        QCOMPARE(reserved.status, 400);
        QCOMPARE(reserved.description(),
            u"Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"_s);
        const Result unclosed = send(tg, u"ab *bold"_s, CHAT, u"MarkdownV2"_s);
        QCOMPARE(unclosed.description(),
            u"Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 3"_s);

        const Result html = send(tg,
            u"<b>bold</b> &lt;3 <a href=\"https://e.x\">l</a> <pre><code class=\"language-cpp\">x</code></pre>"_s, CHAT,
            u"HTML"_s);
        QVERIFY2(html.ok(), html.body.constData());
        QCOMPARE(html.result().toObject().value(u"text"_s).toString(), u"bold <3 l x"_s);
        const QJsonArray he = html.result().toObject().value(u"entities"_s).toArray();
        QCOMPARE(he.size(), 3);
        QCOMPARE(he.at(2).toObject().value(u"language"_s).toString(), u"cpp"_s);
        QVERIFY(send(tg, u"<b>x"_s, CHAT, u"HTML"_s)
                    .description()
                    .startsWith(u"Bad Request: can't parse entities: Can't find end tag corresponding to start tag"_s));
        QCOMPARE(send(tg, u"a < b"_s, CHAT, u"HTML"_s).description(),
            u"Bad Request: can't parse entities: Unsupported start tag \"\" at byte offset 2"_s);
        QVERIFY(send(tg, u"<b>x</i>"_s, CHAT, u"HTML"_s).description().contains(u"Unmatched end tag"_s));

        QVERIFY(send(tg, u"*bold* _it_ plain."_s, CHAT, u"Markdown"_s).ok());
        QCOMPARE(send(tg, u"a *b"_s, CHAT, u"Markdown"_s).description(),
            u"Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 2"_s);
        QCOMPARE(send(tg, u"x"_s, CHAT, u"Textile"_s).status, 400);
        // Plain text is never parsed.
        QVERIFY(send(tg, u"Hello. *not bold"_s).ok());
    }

    void editMessageText()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        tg.injectMessage(CHAT, USER, u"question"_s);
        const Result sent = send(tg, u"…"_s);
        QVERIFY(sent.ok());
        const qint64 id = sent.result().toObject().value(u"message_id"_s).toInteger();
        const QJsonObject edit { { u"chat_id"_s, CHAT }, { u"message_id"_s, id }, { u"text"_s, u"partial answer"_s } };
        const Result edited = call(tg, u"editMessageText"_s, edit);
        QVERIFY2(edited.ok(), edited.body.constData());
        QCOMPARE(edited.result().toObject().value(u"text"_s).toString(), u"partial answer"_s);
        QVERIFY(edited.result().toObject().contains(u"edit_date"_s));
        QCOMPARE(tg.messageText(CHAT, id), u"partial answer"_s);

        const Result same = call(tg, u"editMessageText"_s, edit);
        QCOMPARE(same.status, 400);
        QCOMPARE(same.description(),
            u"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"_s);
        // Same text, different entities: modified.
        QJsonObject bold = edit;
        bold.insert(u"text"_s, u"*partial answer*"_s);
        bold.insert(u"parse_mode"_s, u"MarkdownV2"_s);
        QVERIFY(call(tg, u"editMessageText"_s, bold).ok());

        QJsonObject missing = edit;
        missing.insert(u"message_id"_s, 9999);
        QCOMPARE(call(tg, u"editMessageText"_s, missing).description(), u"Bad Request: message to edit not found"_s);
        QJsonObject users = edit;
        users.insert(u"message_id"_s, 1); // the user's message
        QCOMPARE(call(tg, u"editMessageText"_s, users).description(), u"Bad Request: message can't be edited"_s);
        QJsonObject empty = edit;
        empty.insert(u"text"_s, u""_s);
        QCOMPARE(call(tg, u"editMessageText"_s, empty).description(), u"Bad Request: text must be non-empty"_s);
        QJsonObject tooLong = edit;
        tooLong.insert(u"text"_s, QString(4097, u'y'));
        QCOMPARE(call(tg, u"editMessageText"_s, tooLong).description(), u"Bad Request: message is too long"_s);
    }

    void chatActionsAndDraftsRecorded()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        tg.setClock([this] { return m_now; });
        tg.injectMessage(CHAT, USER, u"hi"_s);
        tg.addChat(-100777, u"supergroup"_s, u"Group"_s);
        QVERIFY(call(tg, u"sendChatAction"_s, { { u"chat_id"_s, CHAT }, { u"action"_s, u"typing"_s } }).ok());
        m_now += 4000;
        QVERIFY(call(tg, u"sendChatAction"_s, { { u"chat_id"_s, CHAT }, { u"action"_s, u"typing"_s } }).ok());
        QCOMPARE(call(tg, u"sendChatAction"_s, { { u"chat_id"_s, CHAT }, { u"action"_s, u"dancing"_s } }).status, 400);
        m_now += 300;
        const Result draft = call(
            tg, u"sendMessageDraft"_s, { { u"chat_id"_s, CHAT }, { u"draft_id"_s, 5 }, { u"text"_s, u"Think"_s } });
        QVERIFY2(draft.ok(), draft.body.constData());
        QCOMPARE(draft.result().toBool(), true);
        QVERIFY(call(tg, u"sendMessageDraft"_s, { { u"chat_id"_s, CHAT }, { u"draft_id"_s, 5 }, { u"text"_s, u""_s } })
                    .ok());
        QCOMPARE(call(tg, u"sendMessageDraft"_s, { { u"chat_id"_s, CHAT }, { u"draft_id"_s, 0 } }).status, 400);
        QCOMPARE(call(tg, u"sendMessageDraft"_s, { { u"chat_id"_s, -100777 }, { u"draft_id"_s, 1 } }).status, 400);
        QVERIFY(send(tg, u"Thinking done"_s).ok());

        const QList<FakeTelegram::Call> sent = tg.sentMessages();
        QCOMPARE(sent.size(), 8);
        QCOMPARE(sent.at(0).method, u"sendChatAction"_s);
        QCOMPARE(sent.at(0).params.value(u"action"_s).toString(), u"typing"_s);
        QCOMPARE(sent.at(1).atMs - sent.at(0).atMs, 4000);
        QCOMPARE(sent.at(3).method, u"sendMessageDraft"_s);
        QCOMPARE(sent.at(3).text, u"Think"_s);
        QCOMPARE(sent.at(3).chatId, CHAT);
        QCOMPARE(sent.at(3).atMs, m_now);
        QVERIFY(!sent.at(2).ok());
        QCOMPARE(sent.last().method, u"sendMessage"_s);
        QCOMPARE(sent.last().text, u"Thinking done"_s);
        QVERIFY(sent.last().messageId > 0);
    }

    void forumTopics()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        // A topic message makes the chat a forum with that topic.
        tg.injectMessage(-100500, USER, u"in a topic"_s, u"supergroup"_s, 7);
        tg.addChat(-100501, u"supergroup"_s); // an ordinary supergroup
        const Result inTopic = call(tg, u"sendMessage"_s,
            { { u"chat_id"_s, -100500 }, { u"message_thread_id"_s, 7 }, { u"text"_s, u"answer"_s } });
        QVERIFY2(inTopic.ok(), inTopic.body.constData());
        QCOMPARE(inTopic.result().toObject().value(u"message_thread_id"_s).toInteger(), 7);
        QCOMPARE(inTopic.result().toObject().value(u"chat"_s).toObject().value(u"is_forum"_s).toBool(), true);
        QVERIFY(call(tg, u"sendChatAction"_s,
            { { u"chat_id"_s, -100500 }, { u"message_thread_id"_s, 7 }, { u"action"_s, u"typing"_s } })
                    .ok());
        // Unknown topics, and threads in chats that are not forums, are refused.
        const Result unknown = call(
            tg, u"sendMessage"_s, { { u"chat_id"_s, -100500 }, { u"message_thread_id"_s, 8 }, { u"text"_s, u"x"_s } });
        QCOMPARE(unknown.status, 400);
        QVERIFY(unknown.body.contains("message thread not found"));
        QCOMPARE(call(tg, u"sendMessage"_s,
                     { { u"chat_id"_s, -100501 }, { u"message_thread_id"_s, 7 }, { u"text"_s, u"x"_s } })
                     .status,
            400);
        QCOMPARE(call(tg, u"sendChatAction"_s,
                     { { u"chat_id"_s, -100501 }, { u"message_thread_id"_s, 7 }, { u"action"_s, u"typing"_s } })
                     .status,
            400);
        tg.addTopic(-100501, 9);
        QVERIFY(call(
            tg, u"sendMessage"_s, { { u"chat_id"_s, -100501 }, { u"message_thread_id"_s, 9 }, { u"text"_s, u"x"_s } })
                    .ok());
        // Without a thread: the General topic, fine anywhere.
        QVERIFY(call(tg, u"sendMessage"_s, { { u"chat_id"_s, -100500 }, { u"text"_s, u"general"_s } }).ok());
    }

    void rateLimitPerChat()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        tg.setClock([this] { return m_now; });
        tg.injectMessage(CHAT, USER, u"hi"_s);
        tg.addChat(-5, u"group"_s);
        tg.setChatRateLimit(2, 3000);
        QVERIFY(send(tg, u"1"_s).ok());
        m_now += 1000;
        QVERIFY(send(tg, u"2"_s).ok());
        const Result limited = send(tg, u"3"_s);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.description(), u"Too Many Requests: retry after 2"_s);
        QCOMPARE(limited.json().value(u"parameters"_s).toObject(), (QJsonObject { { u"retry_after"_s, 2 } }));
        QVERIFY(send(tg, u"other chat"_s, -5).ok()); // per chat
        m_now += 2000;
        QVERIFY(send(tg, u"3 again"_s).ok());
    }

    void scriptedFailures()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        tg.injectMessage(CHAT, USER, u"hi"_s);
        tg.failNextRetryAfter(u"SENDMESSAGE"_s, 35);
        const Result retry = send(tg, u"x"_s);
        QCOMPARE(retry.status, 429);
        QCOMPARE(retry.body,
            "{\"description\":\"Too Many Requests: retry after "
            "35\",\"error_code\":429,\"ok\":false,\"parameters\":{\"retry_after\":35}}");
        QVERIFY(send(tg, u"x"_s).ok()); // only the next one
        tg.failNext(u"getUpdates"_s, 502, u"Bad Gateway"_s);
        QCOMPARE(call(tg, u"getUpdates"_s).status, 502);

        tg.setBlocked(CHAT);
        const Result blocked = send(tg, u"x"_s);
        QCOMPARE(blocked.status, 403);
        QCOMPARE(blocked.description(), u"Forbidden: bot was blocked by the user"_s);
        tg.setBlocked(CHAT, false);
        QVERIFY(send(tg, u"x"_s).ok());

        tg.injectMessage(-42, USER, u"in a group"_s, u"group"_s);
        tg.migrateChat(-42, -1001234567890);
        const Result migrated = send(tg, u"x"_s, -42);
        QCOMPARE(migrated.status, 400);
        QCOMPARE(migrated.json().value(u"parameters"_s).toObject().value(u"migrate_to_chat_id"_s).toInteger(),
            -1001234567890);
        QVERIFY(send(tg, u"x"_s, -1001234567890).ok());
    }

    void controlEndpoints()
    {
        FakeTelegram tg;
        QVERIFY(tg.listen());
        const QString base = tg.baseUrl().toString();
        const Result injected = wait(start("POST", QUrl(base + u"/__fake/inject_message"_s),
            compact({ { u"chat_id"_s, CHAT }, { u"text"_s, u"over http"_s } })));
        QVERIFY(injected.ok());
        const qint64 id = injected.result().toObject().value(u"update_id"_s).toInteger();
        QCOMPARE(updateIds(call(tg, u"getUpdates"_s, { { u"offset"_s, id } })), QList<qint64> { id });
        const Result raw = wait(start("POST", QUrl(base + u"/__fake/inject_update"_s),
            compact({ { u"callback_query"_s, QJsonObject { { u"id"_s, u"cb1"_s } } } })));
        QCOMPARE(raw.result().toObject().value(u"update_id"_s).toInteger(), id + 1);
        QVERIFY(send(tg, u"reply"_s).ok());
        const Result sent = wait(start("GET", QUrl(base + u"/__fake/sent"_s)));
        QCOMPARE(sent.result().toArray().size(), 1);
        QCOMPARE(sent.result().toArray().first().toObject().value(u"text"_s).toString(), u"reply"_s);
        QVERIFY(wait(start("POST", QUrl(base + u"/__fake/fail_next"_s),
                         compact({ { u"method"_s, u"sendMessage"_s }, { u"error_code"_s, 403 },
                             { u"description"_s, u"Forbidden: bot was kicked from the group chat"_s } })))
                    .ok());
        QCOMPARE(send(tg, u"x"_s).status, 403);
        const QJsonObject state = wait(start("GET", QUrl(base + u"/__fake/state"_s))).result().toObject();
        QCOMPARE(state.value(u"confirmed_offset"_s).toInteger(), id);
        QCOMPARE(state.value(u"pending_update_count"_s).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_FakeTelegram)
#include "tst_faketelegram.moc"
