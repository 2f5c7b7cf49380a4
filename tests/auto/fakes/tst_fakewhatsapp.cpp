// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// FakeWhatsApp driven by a plain QNetworkAccessManager (gateway → Meta) and a small
// FakeHttpServer playing the gateway's webhook (Meta → gateway), checked against
// shared/reference/whatsapp-cloud-api.md ("What a faithful fake must do").

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include "fakehttpserver.h"
#include "fakewhatsapp.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeHttpServer;
using Fakes::FakeWhatsApp;
using Fakes::RecordedRequest;
using Fakes::ScriptedResponse;

namespace
{

constexpr int WAIT_MS = 8000;
const QString USER_WA = u"16505551234"_s;
const QByteArray VERIFY_TOKEN = "my-verify-token";

struct Result
{
    bool finished = false;
    int status = 0;
    QByteArray body;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject error() const { return json().value(u"error"_s).toObject(); }
    int code() const { return error().value(u"code"_s).toInt(); }
};

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject textMessage(const QString &to, const QString &body)
{
    return QJsonObject { { u"messaging_product"_s, u"whatsapp"_s }, { u"recipient_type"_s, u"individual"_s },
        { u"to"_s, to }, { u"type"_s, u"text"_s },
        { u"text"_s, QJsonObject { { u"preview_url"_s, false }, { u"body"_s, body } } } };
}

/// The first change value of a notification.
QJsonObject valueOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(u"entry"_s)
        .toArray()
        .first()
        .toObject()
        .value(u"changes"_s)
        .toArray()
        .first()
        .toObject()
        .value(u"value"_s)
        .toObject();
}

/// What a correct gateway does: HMAC over the raw bytes, constant-time compare.
bool signatureValid(const RecordedRequest &r, const QByteArray &secret)
{
    const QByteArray header = r.header("x-hub-signature-256");
    if (!header.startsWith("sha256="))
        return false;
    const QByteArray expected = QMessageAuthenticationCode::hash(r.body, secret, QCryptographicHash::Sha256).toHex();
    const QByteArray got = header.mid(7).toLower();
    if (got.size() != expected.size())
        return false;
    char diff = 0;
    for (qsizetype i = 0; i < got.size(); ++i)
        diff |= char(got.at(i) ^ expected.at(i));
    return diff == 0;
}

} // namespace

class tst_FakeWhatsApp final : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;
    qint64 m_now = 1767225600000; // 2026-01-01T00:00:00Z

    Result send(const QByteArray &verb, const QUrl &url, const QByteArray &body = {}, const QByteArray &bearer = {})
    {
        QNetworkRequest request(url);
        request.setRawHeader("Content-Type", "application/json");
        if (!bearer.isNull())
            request.setRawHeader("Authorization", "Bearer " + bearer);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        Result result;
        result.finished = finished.wait(WAIT_MS);
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        reply->deleteLater();
        return result;
    }

    Result post(FakeWhatsApp &wa, const QJsonObject &body)
    {
        return send("POST", wa.messagesUrl(), compact(body), wa.accessToken().toUtf8());
    }

    /// A gateway webhook at /webhook answering 200 to POSTs, with the verify handshake.
    static void installGateway(FakeHttpServer &gateway)
    {
        gateway.setHandler(u"/webhook"_s, [](const RecordedRequest &r) {
            if (r.method == "GET") {
                QUrlQuery query(QString::fromUtf8(r.query));
                ScriptedResponse response;
                response.headers = { { "Content-Type", "text/plain" } };
                if (query.queryItemValue(u"hub.mode"_s) == u"subscribe"_s
                    && query.queryItemValue(u"hub.verify_token"_s).toUtf8() == VERIFY_TOKEN) {
                    response.chunks = { query.queryItemValue(u"hub.challenge"_s).toUtf8() };
                } else {
                    response.status = 403;
                    response.chunks = { "Forbidden" };
                }
                return response;
            }
            return ScriptedResponse::json(200, {});
        });
    }

    QList<RecordedRequest> posts(const FakeHttpServer &gateway) const
    {
        QList<RecordedRequest> out;
        for (const RecordedRequest &r : gateway.requests()) {
            if (r.method == "POST")
                out.append(r);
        }
        return out;
    }

private Q_SLOTS:
    void sendTextSuccessShape()
    {
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        wa.injectText(USER_WA, u"hello bot"_s); // opens the 24 h window (no webhook set: not posted)
        QSignalSpy accepted(&wa, &FakeWhatsApp::messageAccepted);
        QJsonObject reply = textMessage(u"+1 650-555-1234"_s, u"Hello!"_s);
        reply.insert(u"context"_s, QJsonObject { { u"message_id"_s, u"wamid.in"_s } });
        const Result r = post(wa, reply);
        QCOMPARE(r.status, 200);
        const QJsonObject body = r.json();
        QCOMPARE(body.value(u"messaging_product"_s).toString(), u"whatsapp"_s);
        QCOMPARE(body.value(u"contacts"_s).toArray().first().toObject(),
            (QJsonObject { { u"input"_s, u"+1 650-555-1234"_s }, { u"wa_id"_s, USER_WA } }));
        const QString wamid = body.value(u"messages"_s).toArray().first().toObject().value(u"id"_s).toString();
        QVERIFY(wamid.startsWith(u"wamid."_s));
        QCOMPARE(accepted.size(), 1);
        const QList<FakeWhatsApp::SentMessage> sent = wa.sentMessages();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().wamid, wamid);
        QCOMPARE(sent.first().waId, USER_WA);
        QCOMPARE(sent.first().text, u"Hello!"_s);
        QCOMPARE(sent.first().contextMessageId, u"wamid.in"_s);
        // Unique ids.
        const QString second = post(wa, textMessage(USER_WA, u"again"_s))
                                   .json()
                                   .value(u"messages"_s)
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(u"id"_s)
                                   .toString();
        QVERIFY(second != wamid);
        QCOMPARE(QJsonDocument::fromJson(post(wa,
                                             QJsonObject { { u"messaging_product"_s, u"whatsapp"_s },
                                                 { u"to"_s, USER_WA }, { u"type"_s, u"template"_s },
                                                 { u"template"_s, QJsonObject { { u"name"_s, u"hello_world"_s } } } })
                                             .body)
                     .object()
                     .value(u"messages"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"message_status"_s)
                     .toString(),
            u"accepted"_s);
    }

    void authAndValidationErrors()
    {
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        const QByteArray body = compact(textMessage(USER_WA, u"x"_s));
        const Result noAuth = send("POST", wa.messagesUrl(), body);
        QCOMPARE(noAuth.status, 401);
        QCOMPARE(noAuth.code(), 190);
        QCOMPARE(noAuth.error().value(u"type"_s).toString(), u"OAuthException"_s);
        QVERIFY(!noAuth.error().value(u"fbtrace_id"_s).toString().isEmpty());
        QCOMPARE(send("POST", wa.messagesUrl(), body, "wrong").code(), 190);
        wa.expireToken();
        const Result expired = post(wa, textMessage(USER_WA, u"x"_s));
        QCOMPARE(expired.status, 401);
        QCOMPARE(expired.code(), 190);
        QCOMPARE(expired.error().value(u"error_subcode"_s).toInt(), 463);
        wa.expireToken(false);

        QJsonObject noProduct = textMessage(USER_WA, u"x"_s);
        noProduct.remove(u"messaging_product"_s);
        QCOMPARE(post(wa, noProduct).status, 400);
        QCOMPARE(post(wa, noProduct).code(), 100);
        QJsonObject wrongProduct = textMessage(USER_WA, u"x"_s);
        wrongProduct.insert(u"messaging_product"_s, u"sms"_s);
        QCOMPARE(post(wa, wrongProduct).code(), 100);
        QJsonObject noTo = textMessage(USER_WA, u"x"_s);
        noTo.remove(u"to"_s);
        QCOMPARE(post(wa, noTo).code(), 100);
        QJsonObject badType = textMessage(USER_WA, u"x"_s);
        badType.insert(u"type"_s, u"hologram"_s);
        QCOMPARE(post(wa, badType).code(), 100);
        QJsonObject noBody = textMessage(USER_WA, u"x"_s);
        noBody.insert(u"text"_s, QJsonObject());
        QCOMPARE(post(wa, noBody).code(), 131008);
        const Result tooLong = post(wa, textMessage(USER_WA, QString(4097, u'x')));
        QCOMPARE(tooLong.status, 400);
        QCOMPARE(tooLong.code(), 100);
        QCOMPARE(post(wa, textMessage(u"not a number"_s, u"x"_s)).code(), 131009);
        // Another phone number id.
        const Result otherNumber
            = send("POST", QUrl(wa.baseUrl().toString() + u"/v23.0/999/messages"_s), body, wa.accessToken().toUtf8());
        QCOMPARE(otherNumber.status, 400);
        QCOMPARE(otherNumber.code(), 100);
        QVERIFY(wa.sentMessages().isEmpty());
        QVERIFY(wa.calls().size() >= 10);
    }

    void verificationHandshake()
    {
        FakeHttpServer gateway;
        QVERIFY(gateway.listen());
        installGateway(gateway);
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        wa.setWebhookUrl(QUrl(gateway.baseUrl().toString() + u"/webhook"_s));
        QSignalSpy finished(&wa, &FakeWhatsApp::verificationFinished);
        wa.verifyWebhook(QString::fromUtf8(VERIFY_TOKEN));
        wa.verifyWebhook(u"wrong-token"_s);
        wa.verifyWebhook(QString::fromUtf8(VERIFY_TOKEN), u"unsubscribe"_s);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, WAIT_MS);
        const QList<FakeWhatsApp::Verification> v = wa.verifications();
        QCOMPARE(v.at(0).httpStatus, 200);
        QVERIFY(v.at(0).echoed());
        QCOMPARE(v.at(0).body, v.at(0).challenge.toUtf8());
        QCOMPARE(v.at(1).httpStatus, 403);
        QVERIFY(!v.at(1).echoed());
        QCOMPARE(v.at(2).httpStatus, 403);
        // Literal dots in the query keys.
        QCOMPARE(gateway.requests().size(), 3);
        int subscribe = 0;
        for (const RecordedRequest &r : gateway.requests()) {
            QCOMPARE(r.method, "GET");
            QVERIFY2(r.query.startsWith("hub.mode="), r.query.constData());
            QVERIFY(r.query.contains("&hub.verify_token=") && r.query.contains("&hub.challenge="));
            if (r.query.startsWith("hub.mode=subscribe&hub.verify_token=my-verify-token&hub.challenge="))
                ++subscribe;
        }
        QCOMPARE(subscribe, 1);
    }

    void signedNotificationsAreVerifiable()
    {
        FakeHttpServer gateway;
        QVERIFY(gateway.listen());
        installGateway(gateway);
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        wa.setAppSecret("the-app-secret");
        wa.setWebhookUrl(QUrl(gateway.baseUrl().toString() + u"/webhook"_s));
        const QString text = u"Grüße 😀 see https://x.y/z"_s;
        const QString wamid = wa.injectText(USER_WA, text, u"Sheena Nelson"_s);
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 1, WAIT_MS);
        const RecordedRequest r = posts(gateway).first();
        QVERIFY(signatureValid(r, "the-app-secret"));
        QVERIFY(!signatureValid(r, "another-secret"));
        QCOMPARE(r.header("x-hub-signature-256"), FakeWhatsApp::signature(r.body, "the-app-secret"));
        QVERIFY(r.header("content-type").startsWith("application/json"));
        // Written as Meta writes it: \uXXXX escapes, escaped slashes, "object" first.
        QVERIFY(r.body.startsWith("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\""));
        QVERIFY(r.body.contains("Gr\\u00fc\\u00dfe \\ud83d\\ude00 see https:\\/\\/x.y\\/z"));
        // Re-serialising breaks the signature: a receiver must verify the raw bytes.
        const QByteArray reserialised = QJsonDocument::fromJson(r.body).toJson(QJsonDocument::Compact);
        QVERIFY(reserialised != r.body);
        QVERIFY(FakeWhatsApp::signature(reserialised, "the-app-secret") != r.header("x-hub-signature-256"));

        const QJsonObject value = valueOf(r.body);
        QCOMPARE(value.value(u"metadata"_s).toObject().value(u"phone_number_id"_s).toString(), wa.phoneNumberId());
        const QJsonObject contact = value.value(u"contacts"_s).toArray().first().toObject();
        QCOMPARE(contact.value(u"wa_id"_s).toString(), USER_WA);
        QCOMPARE(contact.value(u"profile"_s).toObject().value(u"name"_s).toString(), u"Sheena Nelson"_s);
        const QJsonObject message = value.value(u"messages"_s).toArray().first().toObject();
        QCOMPARE(message.value(u"id"_s).toString(), wamid);
        QCOMPARE(message.value(u"from"_s).toString(), USER_WA);
        QCOMPARE(message.value(u"type"_s).toString(), u"text"_s);
        QCOMPARE(message.value(u"text"_s).toObject().value(u"body"_s).toString(), text);
        QVERIFY(message.value(u"timestamp"_s).isString());
        QCOMPARE(QJsonDocument::fromJson(r.body).object().value(u"entry"_s).toArray().first().toObject().value(u"id"_s),
            wa.wabaId());
    }

    void negativeSignatures()
    {
        FakeHttpServer gateway;
        QVERIFY(gateway.listen());
        installGateway(gateway);
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        wa.setWebhookUrl(QUrl(gateway.baseUrl().toString() + u"/webhook"_s));
        wa.injectText(USER_WA, u"missing"_s, u"U"_s, {}, FakeWhatsApp::Signing::Missing);
        wa.injectText(USER_WA, u"wrong"_s, u"U"_s, {}, FakeWhatsApp::Signing::WrongSecret);
        wa.injectText(USER_WA, u"tampered"_s, u"U"_s, {}, FakeWhatsApp::Signing::TamperedBody);
        wa.injectText(USER_WA, u"noprefix"_s, u"U"_s, {}, FakeWhatsApp::Signing::NoPrefix);
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 4, WAIT_MS);
        int missing = 0;
        for (const RecordedRequest &r : posts(gateway)) {
            QVERIFY2(!signatureValid(r, wa.appSecret()), r.body.constData());
            QVERIFY(QJsonDocument::fromJson(r.body).isObject()); // still valid JSON
            missing += r.header("x-hub-signature-256").isEmpty() ? 1 : 0;
        }
        QCOMPARE(missing, 1);
        const FakeWhatsApp::Delivery tampered = wa.delivery(3);
        QCOMPARE(tampered.signing, FakeWhatsApp::Signing::TamperedBody);
        QVERIFY(FakeWhatsApp::signature(tampered.body, wa.appSecret()) != tampered.signatureHeader);
    }

    void retriesNon200WithSameBytesAndRedelivers()
    {
        FakeHttpServer gateway;
        QVERIFY(gateway.listen());
        gateway.enqueue(u"/webhook"_s, ScriptedResponse::json(500, {}));
        gateway.enqueue(u"/webhook"_s, ScriptedResponse::json(204, {})); // only 200 counts
        installGateway(gateway);
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        wa.setRetryDelayMs(20);
        wa.setWebhookUrl(QUrl(gateway.baseUrl().toString() + u"/webhook"_s));
        QSignalSpy finished(&wa, &FakeWhatsApp::deliveryFinished);
        wa.injectText(USER_WA, u"retry me"_s);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, WAIT_MS);
        const FakeWhatsApp::Delivery d = wa.delivery(1);
        QVERIFY(d.delivered);
        QCOMPARE(d.attemptStatuses, (QList<int> { 500, 204, 200 }));
        const QList<RecordedRequest> got = posts(gateway);
        QCOMPARE(got.size(), 3);
        for (const RecordedRequest &r : got) {
            QCOMPARE(r.body, d.body);
            QCOMPARE(r.header("x-hub-signature-256"), d.signatureHeader);
        }
        // Explicit redelivery and automatic duplicates: same bytes, same signature.
        wa.redeliver(1);
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 4, WAIT_MS);
        wa.setDuplicateDeliveries(true);
        wa.injectText(USER_WA, u"twice"_s);
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 6, WAIT_MS);
        const QList<RecordedRequest> all = posts(gateway);
        QCOMPARE(all.at(3).body, d.body);
        QCOMPARE(all.at(4).body, all.at(5).body);
        QCOMPARE(valueOf(all.at(4).body).value(u"messages"_s).toArray().first().toObject().value(u"id"_s),
            valueOf(all.at(5).body).value(u"messages"_s).toArray().first().toObject().value(u"id"_s));
        QCOMPARE(wa.delivery(4).redeliveryOf, 3);

        // Gives up after maxAttempts.
        gateway.setHandler(u"/webhook"_s, [](const RecordedRequest &) { return ScriptedResponse::json(500, {}); });
        wa.setDuplicateDeliveries(false);
        wa.setMaxAttempts(2);
        const int id = wa.deliverRaw("{\"object\":\"whatsapp_business_account\",\"entry\":[]}");
        QTRY_VERIFY_WITH_TIMEOUT(wa.delivery(id).gaveUp, WAIT_MS);
        QCOMPARE(wa.delivery(id).attemptStatuses, (QList<int> { 500, 500 }));
    }

    void statusWebhooksAfterSend()
    {
        FakeHttpServer gateway;
        QVERIFY(gateway.listen());
        installGateway(gateway);
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        wa.setWebhookUrl(QUrl(gateway.baseUrl().toString() + u"/webhook"_s));
        wa.setStatusDelayMs(40); // statuses may arrive out of order otherwise, as with Meta
        wa.injectText(USER_WA, u"hi"_s);
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 1, WAIT_MS);
        const Result r = post(wa, textMessage(USER_WA, u"answer"_s));
        QCOMPARE(r.status, 200);
        const QString wamid = r.json().value(u"messages"_s).toArray().first().toObject().value(u"id"_s).toString();
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 4, WAIT_MS);
        QStringList statuses;
        for (const RecordedRequest &p : posts(gateway).mid(1)) {
            QVERIFY(signatureValid(p, wa.appSecret()));
            const QJsonObject s = valueOf(p.body).value(u"statuses"_s).toArray().first().toObject();
            QCOMPARE(s.value(u"id"_s).toString(), wamid);
            QCOMPARE(s.value(u"recipient_id"_s).toString(), USER_WA);
            QVERIFY(s.value(u"timestamp"_s).isString());
            statuses.append(s.value(u"status"_s).toString());
        }
        QCOMPARE(statuses, (QStringList { u"sent"_s, u"delivered"_s, u"read"_s }));

        // Undeliverable: accepted, then failed with 131026.
        wa.setUndeliverable(u"15550001111"_s);
        wa.setLastInbound(u"15550001111"_s, QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(post(wa, textMessage(u"15550001111"_s, u"x"_s)).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 5, WAIT_MS);
        const QJsonObject failed
            = valueOf(posts(gateway).last().body).value(u"statuses"_s).toArray().first().toObject();
        QCOMPARE(failed.value(u"status"_s).toString(), u"failed"_s);
        const QJsonObject error = failed.value(u"errors"_s).toArray().first().toObject();
        QCOMPARE(error.value(u"code"_s).toInt(), 131026);
        QCOMPARE(error.value(u"title"_s).toString(), u"Message undeliverable"_s);
        QVERIFY(error.value(u"error_data"_s).toObject().contains(u"details"_s));
    }

    void customerServiceWindow()
    {
        FakeHttpServer gateway;
        QVERIFY(gateway.listen());
        installGateway(gateway);
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        wa.setClock([this] { return m_now; });
        wa.setStatusFlow(FakeWhatsApp::StatusFlow::None);
        wa.setWebhookUrl(QUrl(gateway.baseUrl().toString() + u"/webhook"_s));
        // Never wrote to us: accepted, then failed 131047.
        QCOMPARE(post(wa, textMessage(USER_WA, u"hello?"_s)).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 1, WAIT_MS);
        const QJsonObject failed
            = valueOf(posts(gateway).first().body).value(u"statuses"_s).toArray().first().toObject();
        QCOMPARE(failed.value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(failed.value(u"errors"_s).toArray().first().toObject().value(u"code"_s).toInt(), 131047);
        QCOMPARE(failed.value(u"errors"_s).toArray().first().toObject().value(u"title"_s).toString(),
            u"Re-engagement message"_s);

        // Inside the window: no failure.
        wa.injectText(USER_WA, u"hi"_s);
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 2, WAIT_MS);
        QCOMPARE(post(wa, textMessage(USER_WA, u"welcome"_s)).status, 200);
        // 25 hours later, synchronous mode: 400 with 131047; templates still pass.
        m_now += 25LL * 3600 * 1000;
        wa.setWindowMode(FakeWhatsApp::WindowMode::SyncError);
        const Result late = post(wa, textMessage(USER_WA, u"too late"_s));
        QCOMPARE(late.status, 400);
        QCOMPARE(late.code(), 131047);
        QCOMPARE(
            post(wa,
                QJsonObject { { u"messaging_product"_s, u"whatsapp"_s }, { u"to"_s, USER_WA },
                    { u"type"_s, u"template"_s }, { u"template"_s, QJsonObject { { u"name"_s, u"hello_world"_s } } } })
                .status,
            200);
        QVERIFY(posts(gateway).size() == 2); // nothing failed asynchronously since
    }

    void scriptedFailedStatus()
    {
        FakeHttpServer gateway;
        QVERIFY(gateway.listen());
        installGateway(gateway);
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        wa.setStatusFlow(FakeWhatsApp::StatusFlow::None);
        wa.setWebhookUrl(QUrl(gateway.baseUrl().toString() + u"/webhook"_s));
        wa.injectText(USER_WA, u"hi"_s);
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 1, WAIT_MS);
        const Result r = post(wa, textMessage(USER_WA, u"answer"_s));
        QCOMPARE(r.status, 200);
        const QString wamid = r.json().value(u"messages"_s).toArray().first().toObject().value(u"id"_s).toString();
        // Later Meta reports that the accepted message could not be delivered after all.
        const int id = wa.sendFailedStatus(wamid, 131047);
        QTRY_VERIFY_WITH_TIMEOUT(wa.delivery(id).delivered, WAIT_MS);
        QCOMPARE(posts(gateway).size(), 2);
        const RecordedRequest p = posts(gateway).last();
        QVERIFY(signatureValid(p, wa.appSecret()));
        QCOMPARE(p.body, wa.delivery(id).body);
        QCOMPARE(wa.delivery(id).kind, u"statuses"_s);
        const QJsonObject s = valueOf(p.body).value(u"statuses"_s).toArray().first().toObject();
        QCOMPARE(s.value(u"id"_s).toString(), wamid);
        QCOMPARE(s.value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(s.value(u"recipient_id"_s).toString(), USER_WA);
        QVERIFY(s.value(u"timestamp"_s).isString());
        QVERIFY(!s.contains(u"conversation"_s)); // only sent/delivered carry conversation and pricing
        const QJsonObject error = s.value(u"errors"_s).toArray().first().toObject();
        QCOMPARE(error.value(u"code"_s).toInt(), 131047);
        QCOMPARE(error.value(u"title"_s).toString(), u"Re-engagement message"_s);
        QCOMPARE(error.value(u"message"_s).toString(), u"Re-engagement message"_s);
        QVERIFY(error.value(u"error_data"_s).toObject().value(u"details"_s).toString().contains(u"24 hours"_s));
        QVERIFY(error.value(u"href"_s).toString().startsWith(u"https://developers.facebook.com/"_s));
        // Custom details are passed through.
        QCOMPARE(FakeWhatsApp::statusErrors(131026, u"gone"_s)
                     .first()
                     .toObject()
                     .value(u"error_data"_s)
                     .toObject()
                     .value(u"details"_s)
                     .toString(),
            u"gone"_s);
    }

    void scriptedErrorsAndPairRateLimit()
    {
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        wa.setWindowMode(FakeWhatsApp::WindowMode::Off);
        wa.failNext(130429);
        wa.failNext(131056);
        wa.failNext(131000);
        wa.failNext(131026);
        wa.failNext(4, 429);
        const Result throughput = post(wa, textMessage(USER_WA, u"x"_s));
        QCOMPARE(throughput.status, 400);
        QCOMPARE(throughput.code(), 130429);
        QCOMPARE(throughput.error().value(u"message"_s).toString(), u"(#130429) Rate limit hit"_s);
        QCOMPARE(throughput.error().value(u"error_subcode"_s).toInt(), 2494055);
        QCOMPARE(throughput.error().value(u"error_data"_s).toObject().value(u"messaging_product"_s).toString(),
            u"whatsapp"_s);
        QCOMPARE(post(wa, textMessage(USER_WA, u"x"_s)).code(), 131056);
        const Result unknown = post(wa, textMessage(USER_WA, u"x"_s));
        QCOMPARE(unknown.status, 500);
        QCOMPARE(unknown.code(), 131000);
        QCOMPARE(post(wa, textMessage(USER_WA, u"x"_s)).code(), 131026);
        QCOMPARE(post(wa, textMessage(USER_WA, u"x"_s)).status, 429);
        QCOMPARE(post(wa, textMessage(USER_WA, u"x"_s)).status, 200);

        wa.setClock([this] { return m_now; });
        wa.setPairRateLimit(1, 6000);
        QCOMPARE(post(wa, textMessage(u"15550002222"_s, u"1"_s)).status, 200);
        const Result pair = post(wa, textMessage(u"15550002222"_s, u"2"_s));
        QCOMPARE(pair.status, 400);
        QCOMPARE(pair.code(), 131056);
        QCOMPARE(post(wa, textMessage(u"15550003333"_s, u"other user"_s)).status, 200);
        m_now += 6000;
        QCOMPARE(post(wa, textMessage(u"15550002222"_s, u"2 again"_s)).status, 200);
    }

    void readReceiptAndTyping()
    {
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        const QString inbound = wa.injectText(USER_WA, u"hi"_s);
        const Result r = post(wa,
            QJsonObject { { u"messaging_product"_s, u"whatsapp"_s }, { u"status"_s, u"read"_s },
                { u"message_id"_s, inbound }, { u"typing_indicator"_s, QJsonObject { { u"type"_s, u"text"_s } } } });
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), (QJsonObject { { u"success"_s, true } }));
        QCOMPARE(wa.readReceipts().size(), 1);
        QCOMPARE(wa.readReceipts().first().messageId, inbound);
        QCOMPARE(wa.readReceipts().first().typingIndicator, u"text"_s);
        QCOMPARE(post(wa,
                     QJsonObject { { u"messaging_product"_s, u"whatsapp"_s }, { u"status"_s, u"read"_s },
                         { u"message_id"_s, u"wamid.unknown"_s } })
                     .code(),
            100);
        QVERIFY(wa.sentMessages().isEmpty());
    }

    void mediaDownload()
    {
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        const QByteArray bytes("\x89PNG fake image bytes", 21);
        const QString id = wa.addMedia(bytes, u"image/png"_s);
        const QByteArray token = wa.accessToken().toUtf8();
        const Result meta = send("GET", QUrl(wa.baseUrl().toString() + u"/v23.0/"_s + id), {}, token);
        QCOMPARE(meta.status, 200);
        const QJsonObject m = meta.json();
        QCOMPARE(m.value(u"id"_s).toString(), id);
        QCOMPARE(m.value(u"mime_type"_s).toString(), u"image/png"_s);
        QCOMPARE(m.value(u"file_size"_s).toInteger(), bytes.size());
        QCOMPARE(m.value(u"sha256"_s).toString(),
            QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        const QUrl url(m.value(u"url"_s).toString());
        QVERIFY(url.toString().startsWith(wa.baseUrl().toString() + u"/media/"_s));
        const Result download = send("GET", url, {}, token);
        QCOMPARE(download.status, 200);
        QCOMPARE(download.body, bytes);
        QCOMPARE(send("GET", url).status, 401);
        QCOMPARE(send("GET", QUrl(wa.baseUrl().toString() + u"/v23.0/"_s + id)).status, 401);
        QCOMPARE(send("GET", QUrl(wa.baseUrl().toString() + u"/v23.0/42"_s), {}, token).code(), 100);
    }

    void controlEndpoints()
    {
        FakeHttpServer gateway;
        QVERIFY(gateway.listen());
        installGateway(gateway);
        FakeWhatsApp wa;
        QVERIFY(wa.listen());
        const QString base = wa.baseUrl().toString();
        QCOMPARE(send("POST", QUrl(base + u"/__fake/webhook"_s),
                     compact({ { u"url"_s, QString(gateway.baseUrl().toString() + u"/webhook"_s) } }))
                     .status,
            200);
        const Result injected = send("POST", QUrl(base + u"/__fake/inject_text"_s),
            compact({ { u"from"_s, USER_WA }, { u"text"_s, u"over http"_s } }));
        QVERIFY(injected.json().value(u"wamid"_s).toString().startsWith(u"wamid."_s));
        QTRY_COMPARE_WITH_TIMEOUT(posts(gateway).size(), 1, WAIT_MS);
        wa.setStatusFlow(FakeWhatsApp::StatusFlow::None);
        QCOMPARE(post(wa, textMessage(USER_WA, u"reply"_s)).status, 200);
        const QJsonArray sent = send("GET", QUrl(base + u"/__fake/sent"_s)).json().value(u"sent"_s).toArray();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().toObject().value(u"text"_s).toString(), u"reply"_s);
        QCOMPARE(send("POST", QUrl(base + u"/__fake/fail_next"_s), compact({ { u"code"_s, 368 } })).status, 200);
        QCOMPARE(post(wa, textMessage(USER_WA, u"x"_s)).code(), 368);
        QCOMPARE(send("GET", QUrl(base + u"/__fake/state"_s)).json().value(u"delivered"_s).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_FakeWhatsApp)
#include "tst_fakewhatsapp.moc"
