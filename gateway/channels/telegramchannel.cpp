// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "channels/telegramchannel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>

#include "http/httprequest.h"
#include "http/router.h"
#include "logging.h"
#include "secrets/secretstore.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Channels
{

namespace
{

constexpr int MAX_BACKOFF_MS = 60'000;
constexpr int MAX_UPDATES = 100;

struct ApiAnswer
{
    bool ok = false;
    int status = 0; ///< HTTP status, 0 on a network error
    int errorCode = 0;
    QString description;
    QJsonValue result;
    qint64 retryAfterS = -1;
    QString migrateTo;
    bool networkError = false;
    /// A 2xx whose body is unreadable (malformed, or cut off): Telegram took the call.
    bool unreadableSuccess = false;
};

ApiAnswer readAnswer(QNetworkReply *reply)
{
    ApiAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject json = replyJson(reply);
    answer.unreadableSuccess = answer.status >= 200 && answer.status < 300 && json.isEmpty();
    if (answer.status == 0 || (json.isEmpty() && reply->error() != QNetworkReply::NoError)) {
        answer.networkError = true;
        // Qt's text for an HTTP error names the URL, and the bot token is in its path: this text
        // reaches lastError (channels.status, the admin window), so the token is cut out.
        static const QRegularExpression tokenInPath(u"/bot[^/\\s]+/"_s);
        answer.description = reply->errorString().replace(tokenInPath, u"/bot<token>/"_s);
        return answer;
    }
    answer.ok = json.value(u"ok"_s).toBool();
    answer.errorCode = json.value(u"error_code"_s).toInt(answer.status);
    answer.description = json.value(u"description"_s).toString().left(300);
    answer.result = json.value(u"result"_s);
    const QJsonObject parameters = json.value(u"parameters"_s).toObject();
    if (parameters.contains(u"retry_after"_s))
        answer.retryAfterS = parameters.value(u"retry_after"_s).toInteger();
    if (parameters.contains(u"migrate_to_chat_id"_s))
        answer.migrateTo = QString::number(parameters.value(u"migrate_to_chat_id"_s).toInteger());
    if (!answer.ok && answer.description.isEmpty()) {
        answer.description = json.isEmpty() ? u"HTTP %1 with a body that is not the Bot API's JSON"_s.arg(answer.status)
                                            : u"HTTP %1"_s.arg(answer.status);
    }
    return answer;
}

QString idString(const QJsonValue &value)
{
    // Ids can exceed 32 bits (up to 52 significant bits): keep them exact.
    return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
}

} // namespace

TelegramChannel::TelegramChannel(Options options, QObject *parent)
    : Channel(parent), m_options(std::move(options)), m_offset(m_options.offset)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (m_running && (m_username.isEmpty() || m_options.webhook))
            checkToken();
        else if (m_running)
            poll();
    });
}

TelegramChannel::~TelegramChannel()
{
    stop();
}

QNetworkReply *TelegramChannel::call(const QString &method, const QJsonObject &params, int timeoutMs)
{
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    QUrl url = m_options.baseUrl;
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    // The token is part of the path; it never reaches a log line (the logger masks secrets).
    url.setPath(path + u"/bot"_s + m_options.token + u'/' + method);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setTransferTimeout(timeoutMs);
    return m_nam->post(request, QJsonDocument(params).toJson(QJsonDocument::Compact));
}

void TelegramChannel::start()
{
    if (m_running)
        return;
    if (m_options.token.isEmpty()) {
        setState(State::Failed, u"no bot token: set channels.telegram.token (e.g. env:TELEGRAM_BOT_TOKEN)"_s);
        return;
    }
    if (m_options.webhook && (!m_options.webhookUrl.isValid() || m_options.webhookSecret.isEmpty())) {
        setState(
            State::Failed, u"webhook mode needs channels.telegram.webhook_url and channels.telegram.webhook_secret"_s);
        return;
    }
    m_running = true;
    m_failures = 0;
    setState(State::Starting);
    checkToken();
}

void TelegramChannel::stop()
{
    m_running = false;
    m_retry.stop();
    if (m_poll) {
        m_poll->disconnect(this);
        m_poll->abort();
        m_poll->deleteLater();
    }
    if (state() != State::Failed)
        setState(State::Stopped);
}

void TelegramChannel::checkToken()
{
    QNetworkReply *reply = call(u"getMe"_s, {}, m_options.requestTimeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!m_running)
            return;
        const ApiAnswer answer = readAnswer(reply);
        if (answer.ok) {
            m_username = answer.result.toObject().value(u"username"_s).toString();
            m_failures = 0;
            if (m_options.webhook) {
                setWebhook();
                return;
            }
            setState(State::Running);
            qCInfo(lcGatewayService).noquote() << "telegram: connected as" << QString(u"@"_s + m_username);
            poll();
            return;
        }
        if (answer.errorCode == 401 || answer.errorCode == 404) {
            // A wrong token does not get better by asking again.
            m_running = false;
            setState(State::Failed,
                u"Telegram refused the bot token (%1); check channels.telegram.token"_s.arg(answer.description));
            qCWarning(lcGatewayService).noquote() << "telegram:" << lastError();
            return;
        }
        scheduleRetry(answer.description);
    });
}

void TelegramChannel::poll()
{
    if (!m_running || m_poll)
        return;
    const QJsonObject params { { u"offset"_s, m_offset }, { u"limit"_s, MAX_UPDATES },
        { u"timeout"_s, m_options.pollTimeoutS }, { u"allowed_updates"_s, QJsonArray { u"message"_s } } };
    // The HTTP timeout is longer than the long poll, or every quiet poll would look like a failure.
    m_poll = call(u"getUpdates"_s, params, (m_options.pollTimeoutS + 10) * 1000);
    QNetworkReply *reply = m_poll;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onPollFinished(reply); });
}

void TelegramChannel::onPollFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_poll == reply)
        m_poll = nullptr;
    if (!m_running)
        return;
    const ApiAnswer answer = readAnswer(reply);
    if (!answer.ok) {
        if (answer.errorCode == 409) {
            scheduleRetry(u"conflict: "_s + answer.description
                + u" (another instance polls with this token, or a webhook is set)"_s);
            return;
        }
        if (answer.errorCode == 401) {
            m_running = false;
            setState(State::Failed, u"Telegram refused the bot token: "_s + answer.description);
            return;
        }
        if (answer.retryAfterS > 0) {
            m_retry.start(int(qMin<qint64>(answer.retryAfterS * 1000, MAX_BACKOFF_MS)));
            setState(State::Backoff, answer.description);
            return;
        }
        scheduleRetry(answer.description);
        return;
    }
    m_failures = 0;
    if (state() != State::Running)
        setState(State::Running);
    const QJsonArray updates = answer.result.toArray();
    for (const QJsonValue &value : updates) {
        const QJsonObject update = value.toObject();
        const qint64 updateId = update.value(u"update_id"_s).toInteger();
        if (const std::optional<InboundMessage> inbound = parseUpdate(update)) {
            // Not recorded: the offset stays, the update comes again.
            if (!hand(*inbound)) {
                scheduleRetry(u"could not record an inbound message"_s);
                return;
            }
        }
        m_offset = qMax(m_offset, updateId + 1);
        Q_EMIT offsetChanged(m_offset);
    }
    poll();
}

std::optional<InboundMessage> TelegramChannel::parseUpdate(const QJsonObject &update) const
{
    const QJsonObject message = update.value(u"message"_s).toObject();
    const QString text
        = message.contains(u"text"_s) ? message.value(u"text"_s).toString() : message.value(u"caption"_s).toString();
    const QJsonObject from = message.value(u"from"_s).toObject();
    // Stickers, photos without a caption, channel posts, bots: nothing to answer.
    if (message.isEmpty() || text.isEmpty() || from.isEmpty() || from.value(u"is_bot"_s).toBool())
        return std::nullopt;
    const QJsonObject chat = message.value(u"chat"_s).toObject();
    InboundMessage inbound;
    inbound.channel = id();
    inbound.platformId = QString::number(update.value(u"update_id"_s).toInteger());
    inbound.chatId = idString(chat.value(u"id"_s));
    inbound.chatType = chat.value(u"type"_s).toString() == u"private" ? u"private"_s : u"group"_s;
    // Forum topics (in supergroups and private chats): the answer goes to the same topic. A reply
    // thread in an ordinary group also has a message_thread_id, but sending with it fails there
    // ("message thread not found"): only topic messages carry it.
    if (message.value(u"is_topic_message"_s).toBool() && message.contains(u"message_thread_id"_s))
        inbound.threadId = idString(message.value(u"message_thread_id"_s));
    inbound.senderId = idString(from.value(u"id"_s));
    inbound.senderName
        = QString(from.value(u"first_name"_s).toString() + u' ' + from.value(u"last_name"_s).toString()).trimmed();
    inbound.text = text.left(16'000);
    const QJsonObject replyTo = message.value(u"reply_to_message"_s).toObject();
    inbound.mentioned = (!m_username.isEmpty() && text.contains(u'@' + m_username, Qt::CaseInsensitive))
        || (!m_username.isEmpty() && replyTo.value(u"from"_s).toObject().value(u"username"_s).toString() == m_username);
    return inbound;
}

void TelegramChannel::registerRoutes(Http::Router &router)
{
    if (!m_options.webhook)
        return;
    router.add("POST", m_options.webhookPath, [this](const Http::Request &request) { return onWebhook(request); });
}

Http::Response TelegramChannel::onWebhook(const Http::Request &request)
{
    // The secret Telegram was given with setWebhook, compared in constant time, before parsing.
    const QByteArray offered = request.header("x-telegram-bot-api-secret-token");
    if (m_options.webhookSecret.isEmpty() || !Secrets::constantTimeEquals(offered, m_options.webhookSecret.toUtf8())) {
        qCWarning(lcGatewayService) << "telegram: webhook call without the right secret refused";
        return Http::Response::error(401, u"unauthorized"_s);
    }
    if (!m_running)
        return Http::Response::error(503, u"the Telegram channel is not running"_s);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (!document.isObject())
        return Http::Response::error(400, u"the body is not a JSON object: "_s + error.errorString());
    if (const std::optional<InboundMessage> inbound = parseUpdate(document.object())) {
        // Not recorded: a non-2xx answer makes Telegram deliver it again.
        if (!hand(*inbound))
            return Http::Response::error(500, u"could not record the update"_s);
    }
    return Http::Response::json(200, QByteArrayLiteral("{\"ok\":true}"));
}

void TelegramChannel::setWebhook()
{
    const QJsonObject params { { u"url"_s, m_options.webhookUrl.toString() },
        { u"secret_token"_s, m_options.webhookSecret }, { u"allowed_updates"_s, QJsonArray { u"message"_s } } };
    QNetworkReply *reply = call(u"setWebhook"_s, params, m_options.requestTimeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!m_running)
            return;
        const ApiAnswer answer = readAnswer(reply);
        if (!answer.ok) {
            if (answer.errorCode == 400) {
                m_running = false;
                setState(State::Failed, u"Telegram refused the webhook: "_s + answer.description);
                return;
            }
            scheduleRetry(u"setWebhook: "_s + answer.description);
            return;
        }
        m_failures = 0;
        setState(State::Running);
        qCInfo(lcGatewayService).noquote() << "telegram: webhook set";
    });
}

void TelegramChannel::scheduleRetry(const QString &error)
{
    ++m_failures;
    // Exponential backoff with full jitter, capped.
    const int ceiling = int(qMin<qint64>(qint64(1000) << qMin(m_failures, 6), MAX_BACKOFF_MS));
    const int delay = ceiling / 2 + int(QRandomGenerator::global()->bounded(ceiling / 2 + 1));
    setState(State::Backoff, error);
    qCInfo(lcGatewayService).noquote() << "telegram:" << error << "- retrying in" << delay << "ms";
    m_retry.start(delay);
}

void TelegramChannel::typing(const QString &chatId, const QString &threadId)
{
    QJsonObject params { { u"chat_id"_s, chatId.toLongLong() }, { u"action"_s, u"typing"_s } };
    if (!threadId.isEmpty())
        params.insert(u"message_thread_id"_s, threadId.toLongLong());
    QNetworkReply *reply = call(u"sendChatAction"_s, params, m_options.requestTimeoutMs);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

void TelegramChannel::deliver(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done)
{
    const QStringList parts = split(message.text.isEmpty() ? u"…"_s : message.text);
    sendPart(message, parts, true, QString(), std::move(done));
}

void TelegramChannel::edit(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done)
{
    // A draft is one message: the first part of what the model wrote so far.
    const QStringList parts = split(message.text.isEmpty() ? u"…"_s : message.text);
    sendPart(message, parts.mid(0, 1), true, QString(), std::move(done));
}

void TelegramChannel::sendPart(const OutboundMessage &message, QStringList parts, bool html, QString firstId,
    std::function<void(const DeliveryResult &)> done)
{
    if (parts.isEmpty()) {
        DeliveryResult sent;
        sent.platformMessageId = firstId;
        done(sent);
        return;
    }
    const QString part = parts.first();
    QJsonObject params { { u"chat_id"_s, message.chatId.toLongLong() } };
    // The first part of a reply that has a draft: the draft becomes it (editMessageText).
    const bool editing = firstId.isEmpty() && !message.editMessageId.isEmpty();
    if (editing)
        params.insert(u"message_id"_s, message.editMessageId.toLongLong());
    if (html) {
        params.insert(u"text"_s, markdownToHtml(part));
        params.insert(u"parse_mode"_s, u"HTML"_s);
    } else {
        params.insert(u"text"_s, part);
    }
    // editMessageText has no message_thread_id: the message stays in its topic.
    if (!message.threadId.isEmpty() && !editing)
        params.insert(u"message_thread_id"_s, message.threadId.toLongLong());
    QNetworkReply *reply = call(editing ? u"editMessageText"_s : u"sendMessage"_s, params, m_options.requestTimeoutMs);
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, message, parts, html, firstId, editing, done = std::move(done)]() mutable {
            reply->deleteLater();
            const ApiAnswer answer = readAnswer(reply);
            // Editing to the text the message already has: Telegram says so, and it is done.
            const bool unchanged = editing && answer.errorCode == 400
                && answer.description.contains(u"message is not modified"_s, Qt::CaseInsensitive);
            // A 2xx with an unreadable answer was taken: sending it again would post it twice.
            if (answer.ok || unchanged || answer.unreadableSuccess) {
                if (firstId.isEmpty())
                    firstId
                        = editing ? message.editMessageId : idString(answer.result.toObject().value(u"message_id"_s));
                parts.removeFirst();
                sendPart(message, parts, html, firstId, std::move(done));
                return;
            }
            if (editing && answer.errorCode == 400
                && (answer.description.contains(u"message to edit not found"_s, Qt::CaseInsensitive)
                    || answer.description.contains(u"message can't be edited"_s, Qt::CaseInsensitive))) {
                // The draft is gone (deleted by the person): the part goes out as a new message.
                OutboundMessage fresh = message;
                fresh.editMessageId.clear();
                sendPart(fresh, parts, html, firstId, std::move(done));
                return;
            }
            DeliveryResult result;
            result.error = u"Telegram %1: %2"_s.arg(answer.errorCode).arg(answer.description);
            if (answer.networkError) {
                result.outcome = DeliveryResult::Outcome::Retry;
                result.error = u"network: "_s + answer.description;
            } else if (answer.errorCode == 400 && answer.description.contains(u"can't parse entities"_s) && html) {
                // Our markup was not good enough for Telegram: the same text, plain.
                sendPart(message, parts, false, firstId, std::move(done));
                return;
            } else if (!answer.migrateTo.isEmpty()) {
                result.outcome = DeliveryResult::Outcome::Retry;
                result.movedToChatId = answer.migrateTo;
                result.retryAfterMs = 0;
            } else if (answer.errorCode == 429) {
                result.outcome = DeliveryResult::Outcome::Retry;
                result.retryAfterMs = answer.retryAfterS > 0 ? answer.retryAfterS * 1000 : -1;
            } else if (answer.errorCode >= 500) {
                result.outcome = DeliveryResult::Outcome::Retry;
            } else {
                // 400 (chat not found, too long), 403 (blocked): asking again will not help.
                result.outcome = DeliveryResult::Outcome::Failed;
            }
            // Parts already sent are not sent again: a retry sends what is left.
            if (!firstId.isEmpty())
                result.remaining = parts.join(u"\n\n"_s);
            done(result);
        });
}

QStringList TelegramChannel::split(const QString &text, int limit)
{
    QStringList parts;
    QString rest = text;
    while (rest.size() > limit) {
        qsizetype cut = rest.lastIndexOf(u"\n\n"_s, limit - 1);
        if (cut < limit / 2)
            cut = rest.lastIndexOf(u'\n', limit - 1);
        if (cut < limit / 2)
            cut = rest.lastIndexOf(u' ', limit - 1);
        if (cut < limit / 2)
            cut = limit;
        if (rest.at(cut - 1).isHighSurrogate())
            --cut;
        parts.append(rest.left(cut).trimmed());
        rest = rest.mid(cut).trimmed();
    }
    if (!rest.trimmed().isEmpty() || parts.isEmpty())
        parts.append(rest.trimmed());
    parts.removeAll(QString());
    return parts;
}

QString TelegramChannel::markdownToHtml(const QString &markdown)
{
    const auto escape
        = [](QString s) { return s.replace(u'&', u"&amp;"_s).replace(u'<', u"&lt;"_s).replace(u'>', u"&gt;"_s); };
    QString out;
    // Fenced code blocks first: their content is literal.
    static const QRegularExpression fence(u"```[a-zA-Z0-9_+-]*\\n?([\\s\\S]*?)```"_s);
    static const QRegularExpression inline_(u"`([^`\\n]+)`|\\*\\*([^*\\n]+)\\*\\*|__([^_\\n]+)__|"
                                            "(?<![\\w*])\\*([^*\\n]+)\\*(?![\\w*])|(?<![\\w_])_([^_\\n]+)_(?![\\w_])|"
                                            "\\[([^\\]\\n]+)\\]\\((https?://[^)\\s]+)\\)"_s);
    const auto inlineSpans = [&](const QString &text) {
        QString result;
        qsizetype at = 0;
        auto it = inline_.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            result += escape(text.mid(at, m.capturedStart() - at));
            if (m.hasCaptured(1))
                result += u"<code>"_s + escape(m.captured(1)) + u"</code>"_s;
            else if (m.hasCaptured(2) || m.hasCaptured(3))
                result += u"<b>"_s + escape(m.captured(2) + m.captured(3)) + u"</b>"_s;
            else if (m.hasCaptured(4) || m.hasCaptured(5))
                result += u"<i>"_s + escape(m.captured(4) + m.captured(5)) + u"</i>"_s;
            else
                result += u"<a href=\""_s + escape(m.captured(7)).replace(u'"', u"&quot;"_s) + u"\">"_s
                    + escape(m.captured(6)) + u"</a>"_s;
            at = m.capturedEnd();
        }
        result += escape(text.mid(at));
        return result;
    };
    qsizetype at = 0;
    auto blocks = fence.globalMatch(markdown);
    while (blocks.hasNext()) {
        const QRegularExpressionMatch m = blocks.next();
        out += inlineSpans(markdown.mid(at, m.capturedStart() - at));
        out += u"<pre>"_s + escape(m.captured(1)) + u"</pre>"_s;
        at = m.capturedEnd();
    }
    out += inlineSpans(markdown.mid(at));
    return out;
}

} // namespace Gateway::Channels
