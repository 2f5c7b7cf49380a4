// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "fakewhatsapp.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Fakes
{

namespace
{

constexpr int MAX_TEXT_LENGTH = 4096;
constexpr qint64 WINDOW_MS = 24LL * 60 * 60 * 1000;
const QString ERROR_HREF = u"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"_s;

struct Canonical
{
    int httpStatus;
    QString message;
    QString details;
};

Canonical canonical(int code)
{
    switch (code) {
    case 0:
        return { 401, u"(#0) AuthException"_s, u"We were unable to authenticate the app user."_s };
    case 1:
        return { 500, u"An unknown error occurred"_s, u"Invalid request or possible server error."_s };
    case 2:
        return { 503, u"Service temporarily unavailable"_s,
            u"Temporary due to downtime or due to being overloaded."_s };
    case 4:
        return { 400, u"(#4) Application request limit reached"_s, u"The app has reached its API call rate limit."_s };
    case 10:
        return { 403, u"(#10) Permission denied"_s, u"Permission is either not granted or has been removed."_s };
    case 100:
        return { 400, u"(#100) Invalid parameter"_s,
            u"The request included one or more unsupported or misspelled parameters."_s };
    case 190:
        return { 401, u"Error validating access token: Session has expired."_s, u"Your access token has expired."_s };
    case 368:
        return {
            403, u"(#368) Temporarily blocked for policies violations"_s,
            u"The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy."_s
        };
    case 80007:
        return { 400, u"(#80007) Rate limit issues"_s, u"The WhatsApp Business Account has reached its rate limit."_s };
    case 130429:
        return {
            400, u"(#130429) Rate limit hit"_s,
            u"Message failed to send because there were too many messages sent from this phone number in a short period of time"_s
        };
    case 131000:
        return { 500, u"(#131000) Something went wrong"_s, u"Message failed to send due to an unknown error."_s };
    case 131008:
        return { 400, u"(#131008) Required parameter is missing"_s, u"The request is missing a required parameter."_s };
    case 131009:
        return { 400, u"(#131009) Parameter value is not valid"_s, u"One or more parameter values are invalid."_s };
    case 131026:
        return {
            400, u"(#131026) Message undeliverable"_s,
            u"Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number."_s
        };
    case 131047:
        return {
            400, u"(#131047) Re-engagement message"_s,
            u"Message failed to send because more than 24 hours have passed since the customer last replied to this number."_s
        };
    case 131048:
        return {
            400, u"(#131048) Spam rate limit hit"_s,
            u"Message failed to send because there are restrictions on how many messages can be sent from this phone number."_s
        };
    case 131056:
        return {
            400, u"(#131056) (Business Account, Consumer Account) pair rate limit hit"_s,
            u"Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time."_s
        };
    default:
        return { 400, u"(#%1) Error"_s.arg(code), QString() };
    }
}

/// Title of an async status error ("Re-engagement message"): the message without "(#code) ".
QString titleOf(int code)
{
    static const QRegularExpression prefix(u"^\\(#\\d+\\) "_s);
    return canonical(code).message.remove(prefix);
}

/// Meta writes these keys first, in this order; others follow alphabetically.
const QStringList &keyOrder()
{
    static const QStringList order { u"object"_s, u"entry"_s, u"id"_s, u"changes"_s, u"value"_s, u"field"_s,
        u"messaging_product"_s, u"metadata"_s, u"display_phone_number"_s, u"phone_number_id"_s, u"contacts"_s,
        u"profile"_s, u"name"_s, u"wa_id"_s, u"messages"_s, u"statuses"_s, u"from"_s, u"context"_s, u"status"_s,
        u"timestamp"_s, u"recipient_id"_s, u"conversation"_s, u"pricing"_s, u"errors"_s, u"type"_s, u"text"_s,
        u"body"_s, u"code"_s, u"title"_s, u"message"_s, u"error_data"_s, u"details"_s, u"href"_s };
    return order;
}

void writeString(const QString &s, QByteArray *out)
{
    static const char hex[] = "0123456789abcdef";
    out->append('"');
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out->append("\\\"");
            break;
        case u'\\':
            out->append("\\\\");
            break;
        case u'/':
            out->append("\\/");
            break;
        case u'\n':
            out->append("\\n");
            break;
        case u'\r':
            out->append("\\r");
            break;
        case u'\t':
            out->append("\\t");
            break;
        default:
            if (u < 0x20 || u > 0x7e) {
                out->append("\\u");
                out->append(hex[(u >> 12) & 0xf]);
                out->append(hex[(u >> 8) & 0xf]);
                out->append(hex[(u >> 4) & 0xf]);
                out->append(hex[u & 0xf]);
            } else {
                out->append(char(u));
            }
        }
    }
    out->append('"');
}

void writeValue(const QJsonValue &v, QByteArray *out)
{
    switch (v.type()) {
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        QStringList keys = o.keys();
        std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
            const qsizetype ia = keyOrder().indexOf(a);
            const qsizetype ib = keyOrder().indexOf(b);
            if (ia >= 0 || ib >= 0)
                return ia >= 0 && (ib < 0 || ia < ib);
            return a < b;
        });
        out->append('{');
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i > 0)
                out->append(',');
            writeString(keys.at(i), out);
            out->append(':');
            writeValue(o.value(keys.at(i)), out);
        }
        out->append('}');
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray a = v.toArray();
        out->append('[');
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i > 0)
                out->append(',');
            writeValue(a.at(i), out);
        }
        out->append(']');
        break;
    }
    case QJsonValue::String:
        writeString(v.toString(), out);
        break;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            out->append(QByteArray::number(qint64(d)));
        else
            out->append(QByteArray::number(d, 'g', 17));
        break;
    }
    case QJsonValue::Bool:
        out->append(v.toBool() ? "true" : "false");
        break;
    default:
        out->append("null");
    }
}

QString digitsOf(const QString &to)
{
    QString d;
    for (const QChar c : to) {
        if (c.isDigit())
            d.append(c);
    }
    return d;
}

} // namespace

FakeWhatsApp::FakeWhatsApp(QObject *parent)
    : QObject(parent), m_server(new FakeHttpServer(this)), m_nam(new QNetworkAccessManager(this))
{
    m_server->setHandler(u"/__fake/*"_s, [this](const RecordedRequest &r) { return handleControl(r); });
    m_server->setHandler(u"/media/*"_s, [this](const RecordedRequest &r) { return handleMedia(r); });
    m_server->setFallbackHandler([this](const RecordedRequest &r) { return handleGraph(r); });
}

FakeWhatsApp::~FakeWhatsApp() = default;

bool FakeWhatsApp::listen(quint16 port)
{
    return m_server->listen(port);
}

QUrl FakeWhatsApp::messagesUrl() const
{
    return QUrl(baseUrl().toString() + u'/' + m_apiVersion + u'/' + m_phoneNumberId + u"/messages"_s);
}

qint64 FakeWhatsApp::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

QByteArray FakeWhatsApp::signature(const QByteArray &body, const QByteArray &secret)
{
    return "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

QByteArray FakeWhatsApp::metaJson(const QJsonValue &value)
{
    QByteArray out;
    writeValue(value, &out);
    return out;
}

QJsonObject FakeWhatsApp::graphError(int code, const QString &message, const QString &details)
{
    const Canonical c = canonical(code);
    QJsonObject error { { u"message"_s, message.isEmpty() ? c.message : message }, { u"type"_s, u"OAuthException"_s },
        { u"code"_s, code },
        { u"fbtrace_id"_s,
            QString::fromLatin1(QByteArray::number(QRandomGenerator::global()->generate64(), 36)
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)) } };
    const QString d = details.isEmpty() ? c.details : details;
    if (!d.isEmpty())
        error.insert(u"error_data"_s, QJsonObject { { u"messaging_product"_s, u"whatsapp"_s }, { u"details"_s, d } });
    if (code == 130429)
        error.insert(u"error_subcode"_s, 2494055);
    if (code == 190)
        error.insert(u"error_subcode"_s, 463);
    return error;
}

void FakeWhatsApp::setUndeliverable(const QString &waId, bool on)
{
    if (on)
        m_undeliverable.insert(digitsOf(waId));
    else
        m_undeliverable.remove(digitsOf(waId));
}

void FakeWhatsApp::setPairRateLimit(int messages, int windowMs)
{
    m_pairMessages = messages;
    m_pairWindowMs = std::max(1, windowMs);
    m_pairTimes.clear();
}

void FakeWhatsApp::failNext(int code, int httpStatus, const QString &message, const QString &details)
{
    m_failures.enqueue(Failure { code, httpStatus, message, details });
}

QString FakeWhatsApp::addMedia(const QByteArray &bytes, const QString &mimeType)
{
    const QString id = QString::number(Q_INT64_C(1000000000000000) + qint64(++m_counter));
    m_media.insert(id, Media { bytes, mimeType });
    return id;
}

QString FakeWhatsApp::newWamid(const QString &waId)
{
    const QByteArray raw = waId.toLatin1() + '\x15' + QByteArray::number(++m_counter) + '\x02'
        + QByteArray::number(QRandomGenerator::global()->generate64(), 16).toUpper();
    return u"wamid.HBgL"_s + QString::fromLatin1(raw.toBase64(QByteArray::OmitTrailingEquals));
}

QJsonObject FakeWhatsApp::metadata() const
{
    return QJsonObject { { u"display_phone_number"_s, m_displayNumber }, { u"phone_number_id"_s, m_phoneNumberId } };
}

// ------------------------------------------------------------------ gateway → Meta

ScriptedResponse FakeWhatsApp::finishCall(const RecordedRequest &request, int status, const QJsonObject &response)
{
    GraphCall call;
    call.method = request.method;
    call.path = request.path;
    call.body = request.json();
    call.httpStatus = status;
    call.response = response;
    call.atMs = now();
    m_calls.append(call);
    ScriptedResponse r = ScriptedResponse::json(status, response);
    if (status == 401)
        r.setHeader("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid OAuth access token\"");
    return r;
}

ScriptedResponse FakeWhatsApp::graphErrorResponse(
    const RecordedRequest &request, int code, int httpStatus, const QString &message, const QString &details)
{
    return finishCall(request, httpStatus != 0 ? httpStatus : canonical(code).httpStatus,
        QJsonObject { { u"error"_s, graphError(code, message, details) } });
}

bool FakeWhatsApp::authorized(const RecordedRequest &request, ScriptedResponse *error)
{
    const QByteArray auth = request.header("authorization");
    if (!auth.startsWith("Bearer ") || auth.mid(7).trimmed() != m_accessToken.toUtf8()) {
        *error = graphErrorResponse(request, 190, 401, u"Invalid OAuth access token - Cannot parse access token"_s,
            u"Invalid OAuth access token"_s);
        return false;
    }
    if (m_tokenExpired) {
        *error = graphErrorResponse(request, 190, 401,
            u"Error validating access token: Session has expired on %1. The current time is %2."_s.arg(
                QDateTime::fromMSecsSinceEpoch(now() - 3600000, Qt::UTC).toString(Qt::ISODate),
                QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC).toString(Qt::ISODate)));
        return false;
    }
    return true;
}

ScriptedResponse FakeWhatsApp::handleGraph(const RecordedRequest &request)
{
    // /{version}/{phone-number-id}/messages or /{version}/{media-id}
    static const QRegularExpression path(u"^/(v\\d+\\.\\d+)/([^/]+)(?:/([^/]+))?/?$"_s);
    const auto m = path.match(request.path);
    if (!m.hasMatch()) {
        return graphErrorResponse(request, 2500, 400, u"Unknown path components: %1"_s.arg(request.path));
    }
    ScriptedResponse error;
    if (!authorized(request, &error))
        return error;
    const QString object = m.captured(2);
    const QString edge = m.captured(3);
    const auto unsupported = [&]() {
        return graphErrorResponse(request, 100, 400,
            u"Unsupported %1 request. Object with ID '%2' does not exist, cannot be loaded due to missing permissions, or does not support this operation."_s
                .arg(QString::fromLatin1(request.method.toLower()), object));
    };
    if (edge.isEmpty() && request.method == "GET" && m_media.contains(object)) {
        const Media &media = m_media[object];
        return finishCall(request, 200,
            QJsonObject { { u"messaging_product"_s, u"whatsapp"_s },
                { u"url"_s, QString(baseUrl().toString() + u"/media/"_s + object + u"?ext=1&hash=fake"_s) },
                { u"mime_type"_s, media.mimeType },
                { u"sha256"_s,
                    QString::fromLatin1(QCryptographicHash::hash(media.bytes, QCryptographicHash::Sha256).toHex()) },
                { u"file_size"_s, qint64(media.bytes.size()) }, { u"id"_s, object } });
    }
    if (edge.isEmpty() && request.method == "GET" && object == m_phoneNumberId) {
        // The phone number node (what a connection test reads).
        return finishCall(request, 200,
            QJsonObject { { u"verified_name"_s, u"Skynet Test"_s }, { u"display_phone_number"_s, m_displayNumber },
                { u"quality_rating"_s, u"GREEN"_s }, { u"id"_s, m_phoneNumberId } });
    }
    if (object != m_phoneNumberId || edge != u"messages"_s || request.method != "POST")
        return unsupported();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (!doc.isObject())
        return graphErrorResponse(request, 100, 400, u"(#100) The parameter messaging_product is required."_s);
    return sendMessage(request, doc.object());
}

ScriptedResponse FakeWhatsApp::sendMessage(const RecordedRequest &request, const QJsonObject &body)
{
    const QJsonValue product = body.value(u"messaging_product"_s);
    if (product.isUndefined())
        return graphErrorResponse(request, 100, 400, u"(#100) The parameter messaging_product is required."_s);
    if (product.toString() != u"whatsapp"_s) {
        return graphErrorResponse(request, 100, 400,
            u"(#100) Param messaging_product must be one of {WHATSAPP} - got \"%1\"."_s.arg(product.toString()));
    }
    // Mark as read (+ typing indicator).
    if (body.value(u"status"_s).toString() == u"read"_s) {
        const QString id = body.value(u"message_id"_s).toString();
        if (id.isEmpty())
            return graphErrorResponse(request, 100, 400, u"(#100) The parameter message_id is required."_s);
        if (!m_inboundIds.contains(id))
            return graphErrorResponse(
                request, 100, 400, u"(#100) Invalid parameter"_s, u"Message with id %1 not found"_s.arg(id));
        m_reads.append(
            ReadReceipt { id, body.value(u"typing_indicator"_s).toObject().value(u"type"_s).toString(), now() });
        return finishCall(request, 200, QJsonObject { { u"success"_s, true } });
    }
    if (!m_failures.isEmpty()) {
        const Failure f = m_failures.dequeue();
        return graphErrorResponse(request, f.code, f.httpStatus, f.message, f.details);
    }
    const QString to = body.value(u"to"_s).toString();
    if (to.isEmpty())
        return graphErrorResponse(request, 100, 400, u"(#100) The parameter to is required."_s);
    const QString waId = digitsOf(to);
    static const QRegularExpression phone(u"^\\+?[0-9 ()-]{5,20}$"_s);
    if (waId.size() < 5 || !phone.match(to).hasMatch()) {
        return graphErrorResponse(
            request, 131009, 400, {}, u"Recipient phone number is not a valid phone number: %1"_s.arg(to));
    }
    const QString type = body.value(u"type"_s).toString(u"text"_s);
    static const QStringList types { u"text"_s, u"template"_s, u"image"_s, u"audio"_s, u"video"_s, u"document"_s,
        u"sticker"_s, u"location"_s, u"contacts"_s, u"interactive"_s, u"reaction"_s };
    if (!types.contains(type)) {
        return graphErrorResponse(request, 100, 400,
            u"(#100) Param type must be one of {AUDIO, CONTACTS, DOCUMENT, IMAGE, INTERACTIVE, LOCATION, REACTION, STICKER, TEMPLATE, TEXT, VIDEO} - got \"%1\"."_s
                .arg(type));
    }
    if (!body.value(type).isObject())
        return graphErrorResponse(request, 131008, 400, {}, u"The parameter %1 is required."_s.arg(type));
    QString text;
    if (type == u"text"_s) {
        const QJsonValue bodyValue = body.value(u"text"_s).toObject().value(u"body"_s);
        text = bodyValue.toString();
        if (!bodyValue.isString())
            return graphErrorResponse(request, 131008, 400, {}, u"The parameter text['body'] is required."_s);
        if (text.trimmed().isEmpty())
            return graphErrorResponse(request, 131009, 400, {}, u"Param text['body'] must not be empty."_s);
        if (text.size() > MAX_TEXT_LENGTH) {
            return graphErrorResponse(
                request, 100, 400, u"(#100) Param text['body'] must be at most 4096 characters long."_s);
        }
    }
    if (m_pairMessages > 0) {
        const qint64 t = now();
        QList<qint64> &times = m_pairTimes[waId];
        times.removeIf([&](qint64 at) { return at <= t - m_pairWindowMs; });
        if (times.size() >= m_pairMessages)
            return graphErrorResponse(request, 131056);
        times.append(t);
    }
    const bool freeForm = type != u"template"_s;
    const qint64 last = m_lastInbound.value(waId, -1);
    const bool outside = freeForm && m_windowMode != WindowMode::Off && (last < 0 || now() - last > WINDOW_MS);
    if (outside && m_windowMode == WindowMode::SyncError)
        return graphErrorResponse(request, 131047);

    SentMessage sent;
    sent.wamid = newWamid(waId);
    sent.to = to;
    sent.waId = waId;
    sent.type = type;
    sent.text = text;
    sent.contextMessageId = body.value(u"context"_s).toObject().value(u"message_id"_s).toString();
    sent.request = body;
    sent.atMs = now();
    m_sent.append(sent);
    m_recipientOf.insert(sent.wamid, waId);
    QJsonObject messageEntry { { u"id"_s, sent.wamid } };
    if (type == u"template"_s)
        messageEntry.insert(u"message_status"_s, u"accepted"_s);
    const ScriptedResponse response = finishCall(request, 200,
        QJsonObject { { u"messaging_product"_s, u"whatsapp"_s },
            { u"contacts"_s, QJsonArray { QJsonObject { { u"input"_s, to }, { u"wa_id"_s, waId } } } },
            { u"messages"_s, QJsonArray { messageEntry } } });
    Q_EMIT messageAccepted(sent);
    scheduleStatuses(sent.wamid, waId, outside);
    return response;
}

QJsonObject FakeWhatsApp::statusObject(
    const QString &wamid, const QString &waId, const QString &status, const QJsonArray &errors) const
{
    QJsonObject s { { u"id"_s, wamid }, { u"status"_s, status }, { u"timestamp"_s, QString::number(now() / 1000) },
        { u"recipient_id"_s, waId } };
    if (status == u"sent"_s || status == u"delivered"_s) {
        s.insert(u"conversation"_s,
            QJsonObject {
                { u"id"_s,
                    QString::fromLatin1(QCryptographicHash::hash(waId.toLatin1(), QCryptographicHash::Md5).toHex()) },
                { u"expiration_timestamp"_s, QString::number(now() / 1000 + 86400) },
                { u"origin"_s, QJsonObject { { u"type"_s, u"service"_s } } } });
        s.insert(u"pricing"_s,
            QJsonObject {
                { u"billable"_s, false }, { u"pricing_model"_s, u"PMP"_s }, { u"category"_s, u"service"_s } });
    }
    if (!errors.isEmpty())
        s.insert(u"errors"_s, errors);
    return s;
}

void FakeWhatsApp::scheduleStatuses(const QString &wamid, const QString &waId, bool outsideWindow)
{
    if (m_webhookUrl.isEmpty())
        return;
    int failure = 0;
    if (outsideWindow)
        failure = 131047;
    else if (m_undeliverable.contains(waId))
        failure = 131026;
    QStringList steps;
    if (failure != 0) {
        steps = { u"failed"_s };
    } else {
        if (m_statusFlow >= StatusFlow::Sent)
            steps.append(u"sent"_s);
        if (m_statusFlow >= StatusFlow::Delivered)
            steps.append(u"delivered"_s);
        if (m_statusFlow >= StatusFlow::Read)
            steps.append(u"read"_s);
    }
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QString status = steps.at(i);
        QTimer::singleShot(int(i + 1) * m_statusDelayMs, this, [this, wamid, status, failure] {
            sendStatus(wamid, status, failure != 0 ? statusErrors(failure) : QJsonArray());
        });
    }
}

ScriptedResponse FakeWhatsApp::handleMedia(const RecordedRequest &request)
{
    const QString id = request.path.mid(7);
    const QByteArray auth = request.header("authorization");
    if (!auth.startsWith("Bearer ") || auth.mid(7).trimmed() != m_accessToken.toUtf8())
        return graphErrorResponse(request, 190, 401, u"Invalid OAuth access token - Cannot parse access token"_s);
    if (!m_media.contains(id))
        return graphErrorResponse(request, 100, 404, u"(#100) Media not found"_s);
    const Media &media = m_media[id];
    ScriptedResponse r;
    r.headers = { { "Content-Type", media.mimeType.toLatin1() } };
    r.chunks = { media.bytes };
    return r;
}

ScriptedResponse FakeWhatsApp::handleControl(const RecordedRequest &request)
{
    const QString what = request.path.mid(8);
    const QJsonObject body = request.json();
    const auto ok = [](const QJsonObject &o) { return ScriptedResponse::json(200, o); };
    if (what == u"inject_text"_s && request.method == "POST") {
        const QString wamid = injectText(body.value(u"from"_s).toString(), body.value(u"text"_s).toString(),
            body.value(u"name"_s).toString(u"Test User"_s), body.value(u"context_message_id"_s).toString());
        return ok(QJsonObject { { u"wamid"_s, wamid }, { u"delivery_id"_s, int(m_deliveries.size()) } });
    }
    if (what == u"sent"_s) {
        QJsonArray list;
        for (const SentMessage &s : std::as_const(m_sent)) {
            list.append(QJsonObject { { u"wamid"_s, s.wamid }, { u"to"_s, s.to }, { u"wa_id"_s, s.waId },
                { u"type"_s, s.type }, { u"text"_s, s.text }, { u"request"_s, s.request }, { u"at_ms"_s, s.atMs } });
        }
        return ok(QJsonObject { { u"sent"_s, list } });
    }
    if (what == u"fail_next"_s && request.method == "POST") {
        failNext(body.value(u"code"_s).toInt(), body.value(u"http_status"_s).toInt(),
            body.value(u"message"_s).toString(), body.value(u"details"_s).toString());
        return ok(QJsonObject { { u"success"_s, true } });
    }
    if (what == u"webhook"_s && request.method == "POST") {
        setWebhookUrl(QUrl(body.value(u"url"_s).toString()));
        return ok(QJsonObject { { u"success"_s, true } });
    }
    if (what == u"state"_s) {
        int delivered = 0;
        for (const Delivery &d : std::as_const(m_deliveries))
            delivered += d.delivered ? 1 : 0;
        return ok(QJsonObject { { u"sent_count"_s, int(m_sent.size()) }, { u"deliveries"_s, int(m_deliveries.size()) },
            { u"delivered"_s, delivered }, { u"webhook_url"_s, m_webhookUrl.toString() } });
    }
    return ScriptedResponse::json(404, QJsonObject { { u"error"_s, u"unknown fake endpoint"_s } });
}

// ------------------------------------------------------------------ Meta → gateway

int FakeWhatsApp::verifyWebhook(const QString &verifyToken, const QString &mode, const QString &challenge)
{
    Verification v;
    v.id = int(m_verifications.size()) + 1;
    v.mode = mode;
    v.verifyToken = verifyToken;
    v.challenge = challenge.isEmpty() ? QString::number(QRandomGenerator::global()->bounded(1000000000, 2000000000))
                                      : challenge;
    m_verifications.append(v);
    QUrl url = m_webhookUrl;
    QUrlQuery query(url);
    query.addQueryItem(u"hub.mode"_s, QString::fromLatin1(QUrl::toPercentEncoding(mode)));
    query.addQueryItem(u"hub.verify_token"_s, QString::fromLatin1(QUrl::toPercentEncoding(verifyToken)));
    query.addQueryItem(u"hub.challenge"_s, QString::fromLatin1(QUrl::toPercentEncoding(v.challenge)));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", "facebookplatform/1.0 (+http://developers.facebook.com)");
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_nam->get(request);
    const int id = v.id;
    connect(reply, &QNetworkReply::finished, this, [this, reply, id] {
        reply->deleteLater();
        Verification &done = m_verifications[id - 1];
        done.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        done.body = reply->readAll();
        Q_EMIT verificationFinished(done);
    });
    return id;
}

QString FakeWhatsApp::injectText(const QString &from, const QString &text, const QString &profileName,
    const QString &contextMessageId, Signing signing)
{
    QJsonObject message { { u"type"_s, u"text"_s }, { u"text"_s, QJsonObject { { u"body"_s, text } } } };
    if (!contextMessageId.isEmpty()) {
        message.insert(u"context"_s, QJsonObject { { u"from"_s, m_displayNumber }, { u"id"_s, contextMessageId } });
    }
    message.insert(u"from"_s, from);
    return injectMessage(message, profileName, signing);
}

QString FakeWhatsApp::injectMessage(QJsonObject message, const QString &profileName, Signing signing)
{
    const QString from = digitsOf(message.value(u"from"_s).toString(u"16505551234"_s));
    message.insert(u"from"_s, from);
    if (!message.contains(u"id"_s))
        message.insert(u"id"_s, newWamid(from));
    if (!message.contains(u"timestamp"_s))
        message.insert(u"timestamp"_s, QString::number(now() / 1000));
    const QString wamid = message.value(u"id"_s).toString();
    m_inboundIds.insert(wamid);
    m_lastInbound.insert(from, now());
    const QJsonObject value { { u"messaging_product"_s, u"whatsapp"_s }, { u"metadata"_s, metadata() },
        { u"contacts"_s,
            QJsonArray {
                QJsonObject { { u"profile"_s, QJsonObject { { u"name"_s, profileName } } }, { u"wa_id"_s, from } } } },
        { u"messages"_s, QJsonArray { message } } };
    deliverValue(value, u"messages"_s, signing);
    return wamid;
}

int FakeWhatsApp::sendStatus(const QString &wamid, const QString &status, const QJsonArray &errors)
{
    const QString waId = m_recipientOf.value(wamid);
    const QJsonObject value { { u"messaging_product"_s, u"whatsapp"_s }, { u"metadata"_s, metadata() },
        { u"statuses"_s, QJsonArray { statusObject(wamid, waId, status, errors) } } };
    return deliverValue(value, u"statuses"_s);
}

QJsonArray FakeWhatsApp::statusErrors(int code, const QString &details)
{
    return QJsonArray { QJsonObject { { u"code"_s, code }, { u"title"_s, titleOf(code) },
        { u"message"_s, titleOf(code) },
        { u"error_data"_s, QJsonObject { { u"details"_s, details.isEmpty() ? canonical(code).details : details } } },
        { u"href"_s, ERROR_HREF } } };
}

int FakeWhatsApp::sendFailedStatus(const QString &wamid, int code, const QString &details)
{
    return sendStatus(wamid, u"failed"_s, statusErrors(code, details));
}

int FakeWhatsApp::deliverValue(const QJsonObject &value, const QString &kind, Signing signing)
{
    const QJsonObject envelope { { u"object"_s, u"whatsapp_business_account"_s },
        { u"entry"_s,
            QJsonArray { QJsonObject { { u"id"_s, m_wabaId },
                { u"changes"_s,
                    QJsonArray { QJsonObject { { u"value"_s, value }, { u"field"_s, u"messages"_s } } } } } } } };
    Delivery d;
    d.kind = kind;
    d.body = metaJson(envelope);
    d.signing = signing;
    return startDelivery(d);
}

int FakeWhatsApp::deliverRaw(const QByteArray &body, Signing signing)
{
    Delivery d;
    d.kind = u"raw"_s;
    d.body = body;
    d.signing = signing;
    return startDelivery(d);
}

int FakeWhatsApp::redeliver(int deliveryId)
{
    if (deliveryId < 1 || deliveryId > m_deliveries.size())
        return 0;
    const Delivery &original = m_deliveries.at(deliveryId - 1);
    Delivery d;
    d.kind = original.kind;
    d.body = original.body;
    d.signing = original.signing;
    d.signatureHeader = original.signatureHeader;
    d.redeliveryOf = original.redeliveryOf != 0 ? original.redeliveryOf : original.id;
    return startDelivery(d);
}

int FakeWhatsApp::startDelivery(Delivery d)
{
    d.id = int(m_deliveries.size()) + 1;
    if (d.redeliveryOf == 0) {
        switch (d.signing) {
        case Signing::Valid:
            d.signatureHeader = signature(d.body, m_appSecret);
            break;
        case Signing::Missing:
            break;
        case Signing::WrongSecret:
            d.signatureHeader = signature(d.body, m_appSecret + "-wrong");
            break;
        case Signing::TamperedBody:
            d.signatureHeader = signature(d.body, m_appSecret);
            // Change one character inside a string value, keeping the JSON valid.
            if (const qsizetype at = d.body.lastIndexOf("\":\""); at >= 0 && at + 3 < d.body.size()) {
                char &c = d.body[at + 3];
                c = c == 'x' ? 'y' : 'x';
            } else {
                d.body.append(' ');
            }
            break;
        case Signing::NoPrefix:
            d.signatureHeader = signature(d.body, m_appSecret).mid(7);
            break;
        }
    }
    m_deliveries.append(d);
    const int id = d.id;
    QTimer::singleShot(0, this, [this, id] { attempt(id); });
    return id;
}

void FakeWhatsApp::attempt(int deliveryId)
{
    if (m_webhookUrl.isEmpty())
        return;
    const Delivery &d = m_deliveries.at(deliveryId - 1);
    QNetworkRequest request(m_webhookUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("User-Agent", "facebookexternalua");
    if (!d.signatureHeader.isEmpty()) {
        request.setRawHeader("X-Hub-Signature-256", d.signatureHeader);
        request.setRawHeader("X-Hub-Signature",
            "sha1=" + QMessageAuthenticationCode::hash(d.body, m_appSecret, QCryptographicHash::Sha1).toHex());
    }
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_nam->post(request, d.body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, deliveryId] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        Delivery &delivery = m_deliveries[deliveryId - 1];
        delivery.attemptStatuses.append(status);
        Q_EMIT deliveryAttempted(deliveryId, status);
        if (status == 200) {
            delivery.delivered = true;
            const bool duplicate = m_duplicate && delivery.redeliveryOf == 0;
            Q_EMIT deliveryFinished(deliveryId, true);
            if (duplicate)
                redeliver(deliveryId);
            return;
        }
        if (delivery.attemptStatuses.size() >= m_maxAttempts) {
            delivery.gaveUp = true;
            Q_EMIT deliveryFinished(deliveryId, false);
            return;
        }
        QTimer::singleShot(m_retryDelayMs, this, [this, deliveryId] { attempt(deliveryId); });
    });
}

} // namespace Fakes
