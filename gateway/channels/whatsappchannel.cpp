// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "channels/whatsappchannel.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QUrlQuery>

#include "channels/telegramchannel.h"
#include "http/httprequest.h"
#include "http/router.h"
#include "logging.h"
#include "secrets/secretstore.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Channels
{

namespace
{

constexpr int MAX_PART = 4096;
constexpr int MAX_FAILURES = 50;
constexpr qsizetype MAX_TEXT = 16'000;
constexpr qsizetype MAX_ID = 256;

/// @brief A Graph API answer, reduced to what the delivery logic needs.
struct GraphAnswer
{
    int status = 0; ///< HTTP status, 0 on a network error
    int code = 0; ///< error.code (0 = none)
    QString message;
    QJsonObject json;
    bool networkError = false;
    bool ok() const { return status >= 200 && status < 300 && code == 0; }
};

GraphAnswer readAnswer(QNetworkReply *reply)
{
    GraphAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.json = replyJson(reply);
    if (answer.status == 0) {
        answer.networkError = true;
        answer.message = reply->errorString();
        return answer;
    }
    const QJsonObject error = answer.json.value(u"error"_s).toObject();
    if (!error.isEmpty()) {
        answer.code = error.value(u"code"_s).toInt(-1);
        const QString details = error.value(u"error_data"_s).toObject().value(u"details"_s).toString();
        answer.message = error.value(u"message"_s).toString().left(300);
        if (!details.isEmpty())
            answer.message += u" — "_s + details.left(300);
    } else if (answer.status >= 300) {
        answer.code = -1;
    }
    if (answer.message.isEmpty() && !answer.ok())
        answer.message = u"HTTP %1"_s.arg(answer.status);
    return answer;
}

/// Throughput limits (app, WABA, phone number, pair): back off and send again.
bool isRateLimit(int code)
{
    return code == 4 || code == 80007 || code == 130429 || code == 131056;
}

/// Temporary trouble on Meta's side.
bool isTransient(int code)
{
    return code == 1 || code == 2 || code == 131000;
}

} // namespace

WhatsAppChannel::WhatsAppChannel(Options options, QObject *parent) : Channel(parent), m_options(std::move(options))
{
    if (m_options.path.isEmpty())
        m_options.path = u"/webhooks/whatsapp"_s;
    if (!m_options.path.startsWith(u'/'))
        m_options.path.prepend(u'/');
    if (m_options.version.isEmpty())
        m_options.version = u"v23.0"_s;
}

WhatsAppChannel::~WhatsAppChannel()
{
    stop();
}

void WhatsAppChannel::start()
{
    if (m_running)
        return;
    QStringList missing;
    if (m_options.phoneNumberId.isEmpty())
        missing.append(u"phone_number_id"_s);
    if (m_options.accessToken.isEmpty())
        missing.append(u"access_token"_s);
    if (m_options.appSecret.isEmpty())
        missing.append(u"app_secret"_s);
    if (m_options.verifyToken.isEmpty())
        missing.append(u"verify_token"_s);
    if (!m_options.graphBase.isValid() || m_options.graphBase.scheme().isEmpty())
        missing.append(u"graph_base (a valid URL)"_s);
    if (!missing.isEmpty()) {
        setState(State::Failed,
            u"WhatsApp is not configured: set channels.whatsapp."_s + missing.join(u", channels.whatsapp."_s));
        qCWarning(lcGatewayService).noquote() << "whatsapp:" << lastError();
        return;
    }
    m_running = true;
    setState(State::Running);
    qCInfo(lcGatewayService).noquote() << "whatsapp: webhook at" << m_options.path;
}

void WhatsAppChannel::stop()
{
    m_running = false;
    if (state() != State::Failed)
        setState(State::Stopped);
}

void WhatsAppChannel::registerRoutes(Http::Router &router)
{
    router.add("GET", m_options.path, [this](const Http::Request &request) { return verify(request); });
    router.add("POST", m_options.path, [this](const Http::Request &request) { return notify(request); });
}

QByteArray WhatsAppChannel::signature(const QByteArray &body, const QByteArray &secret)
{
    return "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

Http::Response WhatsAppChannel::verify(const Http::Request &request) const
{
    // QUrlQuery keeps the literal dots of "hub.mode" (some frameworks turn them into '_').
    const QUrlQuery query(QString::fromUtf8(request.query));
    const QString mode = query.queryItemValue(u"hub.mode"_s, QUrl::FullyDecoded);
    const QString token = query.queryItemValue(u"hub.verify_token"_s, QUrl::FullyDecoded);
    const QString challenge = query.queryItemValue(u"hub.challenge"_s, QUrl::FullyDecoded);
    if (!m_running || m_options.verifyToken.isEmpty() || mode != u"subscribe"_s
        || !Secrets::constantTimeEquals(token.toUtf8(), m_options.verifyToken.toUtf8())) {
        qCWarning(lcGatewayService).noquote() << "whatsapp: webhook verification refused (mode" << mode << ")";
        return Http::Response::error(403, u"verification failed"_s);
    }
    qCInfo(lcGatewayService).noquote() << "whatsapp: webhook verified";
    Http::Response response;
    response.status = 200;
    response.contentType = "text/plain";
    response.body = challenge.toUtf8();
    return response;
}

Http::Response WhatsAppChannel::notify(const Http::Request &request)
{
    if (!m_running)
        return Http::Response::error(503, u"the WhatsApp channel is not running"_s);
    // The signature covers the raw bytes as Meta sent them: checked before anything is parsed.
    QByteArray header = request.header("x-hub-signature-256").trimmed();
    if (!header.startsWith("sha256=")) {
        qCWarning(lcGatewayService).noquote() << "whatsapp: notification without a valid signature header rejected";
        return Http::Response::error(401, u"missing or malformed X-Hub-Signature-256"_s);
    }
    header = header.toLower();
    if (!Secrets::constantTimeEquals(header, signature(request.body, m_options.appSecret.toUtf8()))) {
        qCWarning(lcGatewayService).noquote() << "whatsapp: notification with a wrong signature rejected";
        return Http::Response::error(401, u"signature mismatch"_s);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Http::Response::error(400, u"malformed JSON"_s);

    bool allRecorded = true;
    const QJsonArray entries = document.object().value(u"entry"_s).toArray();
    for (const QJsonValue &entry : entries) {
        const QJsonArray changes = entry.toObject().value(u"changes"_s).toArray();
        for (const QJsonValue &change : changes) {
            const QJsonObject value = change.toObject().value(u"value"_s).toObject();
            QHash<QString, QString> names;
            const QJsonArray contacts = value.value(u"contacts"_s).toArray();
            for (const QJsonValue &contact : contacts) {
                const QJsonObject c = contact.toObject();
                names.insert(
                    c.value(u"wa_id"_s).toString(), c.value(u"profile"_s).toObject().value(u"name"_s).toString());
            }
            const QJsonArray messages = value.value(u"messages"_s).toArray();
            for (const QJsonValue &item : messages) {
                const QJsonObject message = item.toObject();
                const QString from = message.value(u"from"_s).toString();
                const QString wamid = message.value(u"id"_s).toString();
                if (message.value(u"type"_s).toString() != u"text"_s || from.isEmpty() || wamid.isEmpty())
                    continue; // media, reactions, system messages, ...: not handled (yet)
                const QString text = message.value(u"text"_s).toObject().value(u"body"_s).toString();
                if (text.trimmed().isEmpty())
                    continue;
                InboundMessage inbound;
                inbound.channel = id();
                inbound.platformId = wamid;
                inbound.chatId = from;
                inbound.chatType = u"private"_s;
                inbound.senderId = from;
                inbound.senderName = names.value(from);
                inbound.text = text.left(MAX_TEXT);
                if (hand(inbound)) {
                    m_lastInbound.insert(from, wamid);
                } else {
                    allRecorded = false;
                    qCWarning(lcGatewayService).noquote() << "whatsapp: could not record message" << wamid;
                }
            }
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const QJsonArray statuses = value.value(u"statuses"_s).toArray();
            for (const QJsonValue &item : statuses) {
                const QJsonObject status = item.toObject();
                const QString kind = status.value(u"status"_s).toString();
                const QString messageId = status.value(u"id"_s).toString().left(MAX_ID);
                if (messageId.isEmpty() || kind.isEmpty())
                    continue;
                // Meta's timestamp is a string of unix seconds.
                bool timed = false;
                const qint64 seconds = status.value(u"timestamp"_s).toString().toLongLong(&timed);
                const qint64 atMs = timed && seconds > 0 ? seconds * 1000 : now;
                if (kind != u"failed"_s) {
                    Q_EMIT messageStatus(messageId, kind.left(16), atMs, QString());
                    continue;
                }
                const QJsonArray errors = status.value(u"errors"_s).toArray();
                const QJsonObject error = errors.isEmpty() ? QJsonObject() : errors.first().toObject();
                StatusFailure failure;
                failure.messageId = messageId;
                failure.recipientId = status.value(u"recipient_id"_s).toString().left(MAX_ID);
                failure.code = error.value(u"code"_s).toInt();
                failure.title = error.value(u"title"_s).toString(error.value(u"message"_s).toString()).left(300);
                failure.details = error.value(u"error_data"_s).toObject().value(u"details"_s).toString().left(300);
                failure.atMs = atMs;
                recordFailure(failure);
                Q_EMIT messageStatus(messageId, kind, atMs, describe(failure));
            }
            const QJsonArray errors = value.value(u"errors"_s).toArray();
            for (const QJsonValue &item : errors) {
                const QJsonObject error = item.toObject();
                StatusFailure failure;
                failure.code = error.value(u"code"_s).toInt();
                failure.title = error.value(u"title"_s).toString(error.value(u"message"_s).toString()).left(300);
                failure.details = error.value(u"error_data"_s).toObject().value(u"details"_s).toString().left(300);
                failure.atMs = now;
                recordFailure(failure);
            }
        }
    }
    if (!allRecorded)
        return Http::Response::error(500, u"could not record every message; please redeliver"_s);
    return Http::Response::json(200, QByteArrayLiteral("{\"ok\":true}"));
}

void WhatsAppChannel::recordFailure(const StatusFailure &failure)
{
    // Meta redelivers notifications: the same failure of the same message counts once.
    for (const StatusFailure &known : std::as_const(m_failures)) {
        if (!failure.messageId.isEmpty() && known.messageId == failure.messageId && known.code == failure.code)
            return;
    }
    m_failures.append(failure);
    while (m_failures.size() > MAX_FAILURES)
        m_failures.removeFirst();
    const QString text = describe(failure);
    qCWarning(lcGatewayService).noquote() << "whatsapp:" << text;
    // The channel keeps running; the failure shows as its last error.
    setState(state(), text);
    Q_EMIT stateChanged();
}

QString WhatsAppChannel::describe(const StatusFailure &failure)
{
    QString text = failure.messageId.isEmpty()
        ? u"WhatsApp account error %1: %2"_s.arg(failure.code).arg(failure.title)
        : u"WhatsApp could not deliver %1 to %2: %3 (%4)"_s.arg(
            failure.messageId, failure.recipientId, failure.title, QString::number(failure.code));
    if (!failure.details.isEmpty())
        text += u" — "_s + failure.details;
    if (failure.code == 131047)
        text += u" [outside the 24-hour window: the user has to write first]"_s;
    return text;
}

QNetworkReply *WhatsAppChannel::post(const QJsonObject &body)
{
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    QUrl url = m_options.graphBase;
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u'/' + m_options.version + u'/' + m_options.phoneNumberId + u"/messages"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("Authorization", "Bearer " + m_options.accessToken.toUtf8());
    request.setTransferTimeout(m_options.requestTimeoutMs);
    return m_nam->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void WhatsAppChannel::typing(const QString &chatId, const QString &threadId)
{
    Q_UNUSED(threadId);
    // The typing indicator rides on a read receipt for the user's last message.
    const QString wamid = m_lastInbound.value(chatId);
    if (!m_running || wamid.isEmpty())
        return;
    const QJsonObject body { { u"messaging_product"_s, u"whatsapp"_s }, { u"status"_s, u"read"_s },
        { u"message_id"_s, wamid }, { u"typing_indicator"_s, QJsonObject { { u"type"_s, u"text"_s } } } };
    QNetworkReply *reply = post(body);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

void WhatsAppChannel::deliver(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done)
{
    const QString text = markdownToWhatsApp(message.text.isEmpty() ? u"…"_s : message.text);
    sendPart(message, TelegramChannel::split(text, MAX_PART), QString(), std::move(done));
}

void WhatsAppChannel::sendPart(const OutboundMessage &message, QStringList parts, QString sentIds,
    std::function<void(const DeliveryResult &)> done)
{
    if (parts.isEmpty()) {
        DeliveryResult sent;
        sent.platformMessageId = sentIds;
        done(sent);
        return;
    }
    const QJsonObject body { { u"messaging_product"_s, u"whatsapp"_s }, { u"recipient_type"_s, u"individual"_s },
        { u"to"_s, message.chatId }, { u"type"_s, u"text"_s },
        { u"text"_s, QJsonObject { { u"preview_url"_s, false }, { u"body"_s, parts.first() } } } };
    QNetworkReply *reply = post(body);
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, message, parts, sentIds, done = std::move(done)]() mutable {
            reply->deleteLater();
            const GraphAnswer answer = readAnswer(reply);
            if (answer.ok()) {
                const QString wamid
                    = answer.json.value(u"messages"_s).toArray().at(0).toObject().value(u"id"_s).toString();
                // Every part's wamid: a status webhook about any of them finds the reply.
                if (!wamid.isEmpty() && !sentIds.isEmpty())
                    sentIds += u',';
                sentIds += wamid;
                parts.removeFirst();
                sendPart(message, parts, sentIds, std::move(done));
                return;
            }
            DeliveryResult result;
            result.error = u"WhatsApp %1 (HTTP %2): %3"_s.arg(answer.code).arg(answer.status).arg(answer.message);
            if (answer.networkError) {
                result.outcome = DeliveryResult::Outcome::Retry;
                result.error = u"network: "_s + answer.message;
            } else if (answer.status == 429 || isRateLimit(answer.code) || isTransient(answer.code)
                || answer.status >= 500) {
                // Throttled or Meta has trouble: the manager backs off and sends again.
                result.outcome = DeliveryResult::Outcome::Retry;
            } else {
                // 131047 (24 h window), 131026 (undeliverable), 100 (bad parameter), 190 (token), ...
                result.outcome = DeliveryResult::Outcome::Failed;
                if (answer.status == 401 || answer.code == 190 || answer.code == 0) {
                    // A refused token does not get better by asking again: tell the operator.
                    setState(State::Failed,
                        u"WhatsApp refused the access token (%1); check channels.whatsapp.access_token"_s.arg(
                            answer.message));
                    qCWarning(lcGatewayService).noquote() << "whatsapp:" << lastError();
                }
            }
            // Parts already sent are not sent again: a retry sends what is left.
            if (!sentIds.isEmpty())
                result.remaining = parts.join(u"\n\n"_s);
            done(result);
        });
}

QString WhatsAppChannel::markdownToWhatsApp(const QString &markdown)
{
    QString out;
    // Fenced blocks stay as they are (WhatsApp renders ``` as monospace too).
    static const QRegularExpression fence(u"```[a-zA-Z0-9_+-]*\\n?([\\s\\S]*?)```"_s);
    static const QRegularExpression heading(
        u"^#{1,6}[ \\t]+(.+?)[ \\t]*#*[ \\t]*$"_s, QRegularExpression::MultilineOption);
    static const QRegularExpression spans(u"(`[^`\\n]+`)|\\*\\*([^*\\n]+)\\*\\*|__([^_\\n]+)__|~~([^~\\n]+)~~|"
                                          "\\[([^\\]\\n]+)\\]\\((https?://[^)\\s]+)\\)"_s);
    const auto convert = [&](QString text) {
        text.replace(heading, u"**\\1**"_s);
        QString result;
        qsizetype at = 0;
        auto it = spans.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            result += text.mid(at, m.capturedStart() - at);
            if (m.hasCaptured(1))
                result += m.captured(1);
            else if (m.hasCaptured(2) || m.hasCaptured(3))
                result += u'*' + m.captured(2) + m.captured(3) + u'*';
            else if (m.hasCaptured(4))
                result += u'~' + m.captured(4) + u'~';
            else
                result += m.captured(5) + u" ("_s + m.captured(6) + u')';
            at = m.capturedEnd();
        }
        result += text.mid(at);
        return result;
    };
    qsizetype at = 0;
    auto blocks = fence.globalMatch(markdown);
    while (blocks.hasNext()) {
        const QRegularExpressionMatch m = blocks.next();
        out += convert(markdown.mid(at, m.capturedStart() - at));
        out += u"```"_s + m.captured(1) + u"```"_s;
        at = m.capturedEnd();
    }
    out += convert(markdown.mid(at));
    return out;
}

} // namespace Gateway::Channels
