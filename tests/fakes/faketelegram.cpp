// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "faketelegram.h"

#include <algorithm>
#include <cmath>

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Fakes
{

namespace
{

constexpr int MAX_TEXT_LENGTH = 4096; // MessageLimit.MAX_TEXT_LENGTH, in UTF-16 code units

const QStringList &methodNames()
{
    static const QStringList names { u"getMe"_s, u"getUpdates"_s, u"setWebhook"_s, u"deleteWebhook"_s,
        u"getWebhookInfo"_s, u"sendMessage"_s, u"editMessageText"_s, u"sendChatAction"_s, u"sendMessageDraft"_s,
        u"getChat"_s, u"deleteMessage"_s, u"setMyCommands"_s, u"deleteMyCommands"_s, u"getMyCommands"_s,
        u"answerCallbackQuery"_s, u"logOut"_s, u"close"_s };
    return names;
}

const QStringList &chatActions()
{
    static const QStringList actions { u"typing"_s, u"upload_photo"_s, u"record_video"_s, u"upload_video"_s,
        u"record_voice"_s, u"upload_voice"_s, u"upload_document"_s, u"choose_sticker"_s, u"find_location"_s,
        u"record_video_note"_s, u"upload_video_note"_s };
    return actions;
}

/// Update types delivered when allowed_updates is empty: all but these.
const QStringList &optInUpdateTypes()
{
    static const QStringList types { u"chat_member"_s, u"message_reaction"_s, u"message_reaction_count"_s };
    return types;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// "a=1&b=x+y" → {"a":"1","b":"x y"} (values stay strings, as the Bot API receives them).
void parseUrlEncoded(const QByteArray &data, QJsonObject *into)
{
    for (const QByteArray &pair : data.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray key = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        key.replace('+', ' ');
        value.replace('+', ' ');
        into->insert(QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
            QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
}

void parseMultipart(const QByteArray &body, const QByteArray &contentType, QJsonObject *into)
{
    const qsizetype b = contentType.indexOf("boundary=");
    if (b < 0)
        return;
    QByteArray boundary = contentType.mid(b + 9).trimmed();
    if (boundary.startsWith('"'))
        boundary = boundary.mid(1, boundary.indexOf('"', 1) - 1);
    const QByteArray delimiter = "--" + boundary;
    QList<QByteArray> parts;
    for (qsizetype pos = body.indexOf(delimiter); pos >= 0;) {
        const qsizetype next = body.indexOf(delimiter, pos + delimiter.size());
        parts.append(body.mid(pos + delimiter.size(), next < 0 ? -1 : next - pos - delimiter.size()));
        pos = next;
    }
    for (const QByteArray &part : std::as_const(parts)) {
        const qsizetype headerEnd = part.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            continue;
        const QByteArray headers = part.left(headerEnd);
        QByteArray value = part.mid(headerEnd + 4);
        if (value.endsWith("\r\n"))
            value.chop(2);
        static const QRegularExpression nameRe(u"name=\"([^\"]*)\""_s);
        const auto m = nameRe.match(QString::fromUtf8(headers));
        if (m.hasMatch())
            into->insert(m.captured(1), QString::fromUtf8(value));
    }
}

/// Numbers may come as JSON numbers or (form/query) strings.
bool toInt64(const QJsonValue &v, qint64 *out)
{
    if (v.isDouble()) {
        *out = v.toInteger();
        return double(*out) == v.toDouble();
    }
    if (v.isString()) {
        bool ok = false;
        *out = v.toString().trimmed().toLongLong(&ok);
        return ok;
    }
    return false;
}

qint64 intParam(const QJsonObject &params, const QString &name, qint64 fallback = 0)
{
    qint64 v = 0;
    return toInt64(params.value(name), &v) ? v : fallback;
}

bool boolParam(const QJsonObject &params, const QString &name)
{
    const QJsonValue v = params.value(name);
    if (v.isBool())
        return v.toBool();
    if (v.isDouble())
        return v.toDouble() != 0;
    const QString s = v.toString().toLower();
    return s == u"true"_s || s == u"1"_s;
}

/// Objects and arrays are JSON-serialised strings in form/query encoding.
QJsonValue structuredParam(const QJsonObject &params, const QString &name)
{
    const QJsonValue v = params.value(name);
    if (!v.isString())
        return v;
    const QJsonDocument doc = QJsonDocument::fromJson(v.toString().toUtf8());
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return QJsonValue::Undefined;
}

QString textParam(const QJsonObject &params, const QString &name)
{
    const QJsonValue v = params.value(name);
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

QString updateType(const QJsonObject &update)
{
    for (auto it = update.constBegin(); it != update.constEnd(); ++it) {
        if (it.key() != u"update_id"_s)
            return it.key();
    }
    return {};
}

qint64 utf8Offset(const QString &text, qsizetype index)
{
    return text.left(index).toUtf8().size();
}

// ------------------------------------------------------------------ entity parsers

struct Entity
{
    QString type;
    qsizetype offset = 0;
    qsizetype length = 0;
    QString url;
    QString language;
};

struct OpenEntity
{
    QString name; ///< tdlib's name ("Bold") or the HTML tag
    QString type; ///< Bot API type ("bold")
    qsizetype textStart = 0;
    qsizetype sourcePos = 0;
    QString url;
    QString language;
};

void addEntity(QList<Entity> &entities, const OpenEntity &open, qsizetype end)
{
    if (end > open.textStart && !open.type.isEmpty())
        entities.append(Entity { open.type, open.textStart, end - open.textStart, open.url, open.language });
}

bool parseMarkdownV2(const QString &in, QString *out, QList<Entity> *entities, QString *error)
{
    static const QString reserved = u"_*[]()~`>#+-=|{}.!"_s;
    QList<OpenEntity> stack;
    qsizetype quoteStart = -1;
    const qsizetype n = in.size();
    auto unclosed = [&](const OpenEntity &e) {
        *error = u"Can't find end of %1 entity at byte offset %2"_s.arg(e.name).arg(utf8Offset(in, e.sourcePos));
        return false;
    };
    auto toggle = [&](const QString &name, const QString &type, qsizetype pos) {
        for (qsizetype k = stack.size() - 1; k >= 0; --k) {
            if (stack.at(k).name != name)
                continue;
            if (k != stack.size() - 1)
                return unclosed(stack.last());
            addEntity(*entities, stack.takeLast(), out->size());
            return true;
        }
        stack.append(OpenEntity { name, type, out->size(), pos, {}, {} });
        return true;
    };
    for (qsizetype i = 0; i < n;) {
        const QChar c = in.at(i);
        if (c == u'\n' && quoteStart >= 0) {
            entities->append(Entity { u"blockquote"_s, quoteStart, out->size() - quoteStart, {}, {} });
            quoteStart = -1;
        }
        if (c == u'\\' && i + 1 < n && in.at(i + 1).unicode() >= 1 && in.at(i + 1).unicode() <= 126) {
            out->append(in.at(i + 1));
            i += 2;
            continue;
        }
        if (!reserved.contains(c)) {
            out->append(c);
            ++i;
            continue;
        }
        if (c == u'`') {
            const bool pre = in.mid(i, 3) == u"```"_s;
            const qsizetype open = i;
            i += pre ? 3 : 1;
            QString language;
            if (pre) {
                const qsizetype nl = in.indexOf(u'\n', i);
                const qsizetype close = in.indexOf(u"```"_s, i);
                if (nl >= 0 && (close < 0 || nl < close)) {
                    language = in.mid(i, nl - i).trimmed();
                    if (!language.contains(u' '))
                        i = nl + 1;
                    else
                        language.clear();
                }
            }
            const qsizetype start = out->size();
            bool closed = false;
            while (i < n) {
                if (in.at(i) == u'\\' && i + 1 < n && in.at(i + 1).unicode() <= 126) {
                    out->append(in.at(i + 1));
                    i += 2;
                    continue;
                }
                if (pre ? in.mid(i, 3) == u"```"_s : in.at(i) == u'`') {
                    i += pre ? 3 : 1;
                    closed = true;
                    break;
                }
                out->append(in.at(i++));
            }
            if (!closed)
                return unclosed(OpenEntity { pre ? u"Pre"_s : u"Code"_s, {}, 0, open, {}, {} });
            if (out->size() > start)
                entities->append(Entity { pre ? u"pre"_s : u"code"_s, start, out->size() - start, {}, language });
            continue;
        }
        if (c == u'*') {
            if (!toggle(u"Bold"_s, u"bold"_s, i))
                return false;
            ++i;
        } else if (c == u'_') {
            const bool underline = i + 1 < n && in.at(i + 1) == u'_';
            if (!toggle(underline ? u"Underline"_s : u"Italic"_s, underline ? u"underline"_s : u"italic"_s, i))
                return false;
            i += underline ? 2 : 1;
        } else if (c == u'~') {
            if (!toggle(u"Strikethrough"_s, u"strikethrough"_s, i))
                return false;
            ++i;
        } else if (c == u'|' && i + 1 < n && in.at(i + 1) == u'|') {
            if (!toggle(u"Spoiler"_s, u"spoiler"_s, i))
                return false;
            i += 2;
        } else if (c == u'[') {
            stack.append(OpenEntity { u"TextUrl"_s, u"text_link"_s, out->size(), i, {}, {} });
            ++i;
        } else if (c == u']' && !stack.isEmpty() && stack.last().name == u"TextUrl"_s) {
            OpenEntity link = stack.takeLast();
            ++i;
            if (i < n && in.at(i) == u'(') {
                const qsizetype urlStart = i;
                ++i;
                QString url;
                bool closed = false;
                while (i < n) {
                    if (in.at(i) == u'\\' && i + 1 < n) {
                        url.append(in.at(i + 1));
                        i += 2;
                        continue;
                    }
                    if (in.at(i) == u')') {
                        closed = true;
                        ++i;
                        break;
                    }
                    url.append(in.at(i++));
                }
                if (!closed) {
                    *error = u"Can't find end of a URL at byte offset %1"_s.arg(utf8Offset(in, urlStart));
                    return false;
                }
                link.url = url;
                addEntity(*entities, link, out->size());
            }
        } else if (c == u'>' && (i == 0 || in.at(i - 1) == u'\n')) {
            quoteStart = out->size();
            ++i;
        } else {
            *error = u"Character '%1' is reserved and must be escaped with the preceding '\\'"_s.arg(c);
            return false;
        }
    }
    if (quoteStart >= 0)
        entities->append(Entity { u"blockquote"_s, quoteStart, out->size() - quoteStart, {}, {} });
    if (!stack.isEmpty())
        return unclosed(stack.last());
    return true;
}

bool parseLegacyMarkdown(const QString &in, QString *out, QList<Entity> *entities, QString *error)
{
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = in.at(i);
        if (c == u'\\' && i + 1 < n && QStringView(u"_*`[").contains(in.at(i + 1))) {
            out->append(in.at(i + 1));
            i += 2;
            continue;
        }
        if (c != u'_' && c != u'*' && c != u'`' && c != u'[') {
            out->append(c);
            ++i;
            continue;
        }
        const qsizetype open = i;
        const bool pre = c == u'`' && in.mid(i, 3) == u"```"_s;
        const QString end = pre ? u"```"_s : (c == u'[' ? u"]"_s : QString(c));
        i += pre ? 3 : 1;
        const qsizetype close = in.indexOf(end, i);
        if (close < 0) {
            *error = u"Can't find end of the entity starting at byte offset %1"_s.arg(utf8Offset(in, open));
            return false;
        }
        const qsizetype start = out->size();
        out->append(in.mid(i, close - i));
        i = close + end.size();
        Entity e { {}, start, out->size() - start, {}, {} };
        if (c == u'[') {
            if (i < n && in.at(i) == u'(') {
                const qsizetype urlEnd = in.indexOf(u')', i);
                if (urlEnd < 0) {
                    *error = u"Can't find end of the entity starting at byte offset %1"_s.arg(utf8Offset(in, open));
                    return false;
                }
                e.url = in.mid(i + 1, urlEnd - i - 1);
                e.type = u"text_link"_s;
                i = urlEnd + 1;
            }
        } else {
            e.type = c == u'*' ? u"bold"_s : c == u'_' ? u"italic"_s : pre ? u"pre"_s : u"code"_s;
        }
        if (e.length > 0 && !e.type.isEmpty())
            entities->append(e);
    }
    return true;
}

bool parseHtml(const QString &in, QString *out, QList<Entity> *entities, QString *error)
{
    static const QHash<QString, QString> tagTypes { { u"b"_s, u"bold"_s }, { u"strong"_s, u"bold"_s },
        { u"i"_s, u"italic"_s }, { u"em"_s, u"italic"_s }, { u"u"_s, u"underline"_s }, { u"ins"_s, u"underline"_s },
        { u"s"_s, u"strikethrough"_s }, { u"strike"_s, u"strikethrough"_s }, { u"del"_s, u"strikethrough"_s },
        { u"tg-spoiler"_s, u"spoiler"_s }, { u"span"_s, u"spoiler"_s }, { u"a"_s, u"text_link"_s },
        { u"code"_s, u"code"_s }, { u"pre"_s, u"pre"_s }, { u"blockquote"_s, u"blockquote"_s },
        { u"tg-emoji"_s, u"custom_emoji"_s } };
    static const QRegularExpression entityRe(u"^&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});"_s);
    static const QRegularExpression attrRe(u"^\\s*([a-zA-Z-]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?"_s);
    QList<OpenEntity> stack;
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = in.at(i);
        if (c == u'&') {
            const auto m = entityRe.match(QStringView(in).mid(i));
            if (m.hasMatch()) {
                const QString name = m.captured(1);
                if (name == u"lt"_s)
                    out->append(u'<');
                else if (name == u"gt"_s)
                    out->append(u'>');
                else if (name == u"amp"_s)
                    out->append(u'&');
                else if (name == u"quot"_s)
                    out->append(u'"');
                else {
                    const uint code = name.startsWith(u"#x"_s) ? name.mid(2).toUInt(nullptr, 16) : name.mid(1).toUInt();
                    const char32_t cp = code;
                    out->append(QString::fromUcs4(&cp, 1));
                }
                i += m.capturedLength(0);
                continue;
            }
        }
        if (c != u'<') {
            out->append(c);
            ++i;
            continue;
        }
        const qsizetype tagStart = i;
        const qsizetype close = in.indexOf(u'>', i);
        if (in.mid(i, 2) == u"</"_s) {
            if (close < 0) {
                *error = u"Unclosed end tag at byte offset %1"_s.arg(utf8Offset(in, tagStart));
                return false;
            }
            const QString name = in.mid(i + 2, close - i - 2).trimmed().toLower();
            if (stack.isEmpty()) {
                *error = u"Unexpected end tag at byte offset %1"_s.arg(utf8Offset(in, tagStart));
                return false;
            }
            if (stack.last().name != name) {
                *error = u"Unmatched end tag at byte offset %1, expected \"</%2>\", found \"</%3>\""_s
                             .arg(utf8Offset(in, tagStart))
                             .arg(stack.last().name, name);
                return false;
            }
            const OpenEntity open = stack.takeLast();
            if (open.name == u"code"_s && !stack.isEmpty() && stack.last().name == u"pre"_s
                && !open.language.isEmpty()) {
                stack.last().language = open.language; // <pre><code class="language-x">
            } else if (open.type != u"text_link"_s || !open.url.isEmpty()) {
                addEntity(*entities, open, out->size());
            }
            i = close + 1;
            continue;
        }
        qsizetype j = i + 1;
        while (j < n && (in.at(j).isLetterOrNumber() || in.at(j) == u'-'))
            ++j;
        const QString name = in.mid(i + 1, j - i - 1).toLower();
        if (!tagTypes.contains(name)) {
            *error = u"Unsupported start tag \"%1\" at byte offset %2"_s.arg(name).arg(utf8Offset(in, tagStart));
            return false;
        }
        if (close < 0) {
            *error = u"Unclosed start tag at byte offset %1"_s.arg(utf8Offset(in, tagStart));
            return false;
        }
        OpenEntity open { name, tagTypes.value(name), out->size(), tagStart, {}, {} };
        QString attributes = in.mid(j, close - j);
        while (!attributes.trimmed().isEmpty() && attributes.trimmed() != u"/"_s) {
            const auto m = attrRe.match(attributes);
            if (!m.hasMatch()) {
                *error = u"Unclosed start tag at byte offset %1"_s.arg(utf8Offset(in, tagStart));
                return false;
            }
            const QString attr = m.captured(1).toLower();
            const QString value = m.captured(2) + m.captured(3) + m.captured(4);
            if (name == u"a"_s && attr == u"href"_s)
                open.url = value;
            else if (name == u"code"_s && attr == u"class"_s && value.startsWith(u"language-"_s))
                open.language = value.mid(9);
            else if (name == u"span"_s && attr == u"class"_s && value == u"tg-spoiler"_s)
                open.language = value;
            attributes = attributes.mid(m.capturedLength(0));
        }
        if (name == u"span"_s && open.language != u"tg-spoiler"_s) {
            *error = u"Tag \"span\" must have class \"tg-spoiler\" at byte offset %1"_s.arg(utf8Offset(in, tagStart));
            return false;
        }
        if (name == u"span"_s)
            open.language.clear();
        stack.append(open);
        i = close + 1;
    }
    if (!stack.isEmpty()) {
        *error = u"Can't find end tag corresponding to start tag \"%1\""_s.arg(stack.last().name);
        return false;
    }
    return true;
}

} // namespace

// ------------------------------------------------------------------ FakeTelegram

QJsonObject FakeTelegram::Call::toJson() const
{
    QJsonObject o { { u"method"_s, method }, { u"params"_s, params }, { u"at_ms"_s, atMs }, { u"ok"_s, ok() } };
    if (chatId != 0)
        o.insert(u"chat_id"_s, chatId);
    if (!text.isNull())
        o.insert(u"text"_s, text);
    if (!entities.isEmpty())
        o.insert(u"entities"_s, entities);
    if (messageId != 0)
        o.insert(u"message_id"_s, messageId);
    if (errorCode != 0) {
        o.insert(u"error_code"_s, errorCode);
        o.insert(u"description"_s, description);
    }
    if (viaWebhookReply)
        o.insert(u"via_webhook_reply"_s, true);
    return o;
}

FakeTelegram::Result FakeTelegram::Result::ok(const QJsonValue &value, const QString &description)
{
    Result r;
    r.value = value;
    r.description = description;
    return r;
}

FakeTelegram::Result FakeTelegram::Result::error(int code, const QString &description, const QJsonObject &parameters)
{
    Result r;
    r.errorCode = code;
    r.description = description;
    r.parameters = parameters;
    return r;
}

FakeTelegram::FakeTelegram(QObject *parent)
    : QObject(parent),
      m_server(new FakeHttpServer(this)),
      m_nam(new QNetworkAccessManager(this)),
      m_webhookTimer(new QTimer(this))
{
    m_webhookTimer->setSingleShot(true);
    connect(m_webhookTimer, &QTimer::timeout, this, &FakeTelegram::deliverWebhook);
    m_server->setAsyncHandler(
        u"/bot*"_s, [this](const RecordedRequest &r, const Responder &responder) { handleBot(r, responder); });
    m_server->setHandler(u"/__fake/*"_s, [this](const RecordedRequest &r) { return handleControl(r); });
    m_server->setFallbackHandler(
        [](const RecordedRequest &) { return toResponse(Result::error(404, u"Not Found"_s)); });
}

FakeTelegram::~FakeTelegram() = default;

bool FakeTelegram::listen(quint16 port)
{
    return m_server->listen(port);
}

QUrl FakeTelegram::methodUrl(const QString &method) const
{
    return QUrl(baseUrl().toString() + u"/bot"_s + m_token + u'/' + method);
}

qint64 FakeTelegram::botId() const
{
    return m_token.section(u':', 0, 0).toLongLong();
}

qint64 FakeTelegram::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

QJsonObject FakeTelegram::botUser() const
{
    return QJsonObject { { u"id"_s, botId() }, { u"is_bot"_s, true }, { u"first_name"_s, u"Skynet Test"_s },
        { u"username"_s, m_botUsername } };
}

QJsonObject FakeTelegram::chatJson(const Chat &chat) const
{
    QJsonObject o { { u"id"_s, chat.id }, { u"type"_s, chat.type } };
    if (chat.type == u"private"_s) {
        o.insert(u"first_name"_s, chat.firstName.isEmpty() ? u"User%1"_s.arg(chat.id) : chat.firstName);
    } else {
        o.insert(u"title"_s, chat.title.isEmpty() ? u"Chat %1"_s.arg(chat.id) : chat.title);
    }
    if (!chat.username.isEmpty())
        o.insert(u"username"_s, chat.username);
    if (chat.forum)
        o.insert(u"is_forum"_s, true);
    return o;
}

void FakeTelegram::addTopic(qint64 chatId, qint64 threadId)
{
    Chat &chat = ensureChat(chatId, u"supergroup"_s);
    chat.forum = true;
    chat.topics.insert(threadId);
}

bool FakeTelegram::badThread(const Chat &chat, const QJsonObject &params, Result *error) const
{
    const qint64 thread = intParam(params, u"message_thread_id"_s);
    if (thread == 0 || (chat.forum && chat.topics.contains(thread)))
        return false;
    *error = Result::error(400, u"Bad Request: message thread not found"_s);
    return true;
}

FakeTelegram::Chat &FakeTelegram::ensureChat(qint64 id, const QString &type)
{
    auto it = m_chats.find(id);
    if (it == m_chats.end()) {
        Chat chat;
        chat.id = id;
        chat.type = type;
        it = m_chats.insert(id, chat);
    }
    return *it;
}

void FakeTelegram::addChat(qint64 chatId, const QString &type, const QString &title, const QString &username)
{
    Chat &chat = ensureChat(chatId, type);
    chat.type = type;
    chat.title = title;
    chat.username = username;
}

bool FakeTelegram::hasWaitingPoll() const
{
    return m_poll && m_poll->responder.isWaiting();
}

QList<FakeTelegram::Call> FakeTelegram::sentMessages() const
{
    static const QStringList sending { u"sendMessage"_s, u"editMessageText"_s, u"sendChatAction"_s,
        u"sendMessageDraft"_s };
    QList<Call> out;
    for (const Call &c : m_calls) {
        if (sending.contains(c.method))
            out.append(c);
    }
    return out;
}

QString FakeTelegram::messageText(qint64 chatId, qint64 messageId) const
{
    return m_messages.value(chatId).value(messageId).json.value(u"text"_s).toString();
}

void FakeTelegram::failNext(
    const QString &method, int errorCode, const QString &description, const QJsonObject &parameters)
{
    m_failures[method.toLower()].enqueue(Failure { errorCode, description, parameters });
}

void FakeTelegram::failNextRetryAfter(const QString &method, int seconds)
{
    failNext(method, 429, u"Too Many Requests: retry after %1"_s.arg(seconds),
        QJsonObject { { u"retry_after"_s, seconds } });
}

void FakeTelegram::setChatRateLimit(int messages, int windowMs)
{
    m_rateMessages = messages;
    m_rateWindowMs = std::max(1, windowMs);
    m_sendTimes.clear();
}

void FakeTelegram::setBlocked(qint64 chatId, bool blocked)
{
    if (blocked)
        m_blocked.insert(chatId);
    else
        m_blocked.remove(chatId);
}

void FakeTelegram::migrateChat(qint64 groupId, qint64 supergroupId)
{
    m_migrated.insert(groupId, supergroupId);
    Chat &chat = ensureChat(supergroupId, u"supergroup"_s);
    chat.type = u"supergroup"_s;
}

qint64 FakeTelegram::injectMessage(
    qint64 chatId, qint64 fromId, const QString &text, const QString &chatType, qint64 threadId)
{
    Chat &chat = ensureChat(chatId, chatType);
    if (threadId != 0) {
        chat.forum = true;
        chat.topics.insert(threadId);
    }
    QJsonObject message { { u"message_id"_s, chat.nextMessageId++ },
        { u"from"_s,
            QJsonObject { { u"id"_s, fromId }, { u"is_bot"_s, false }, { u"first_name"_s, u"User%1"_s.arg(fromId) },
                { u"language_code"_s, u"en"_s } } },
        { u"chat"_s, chatJson(chat) }, { u"date"_s, now() / 1000 }, { u"text"_s, text } };
    if (threadId != 0) {
        message.insert(u"message_thread_id"_s, threadId);
        message.insert(u"is_topic_message"_s, true);
    }
    m_messages[chatId].insert(message.value(u"message_id"_s).toInteger(), StoredMessage { message, false });
    return injectUpdate(QJsonObject { { u"message"_s, message } });
}

qint64 FakeTelegram::injectUpdate(QJsonObject update)
{
    qint64 id = 0;
    if (!toInt64(update.value(u"update_id"_s), &id)) {
        id = m_nextUpdateId;
        update.insert(u"update_id"_s, id);
    }
    m_nextUpdateId = std::max(m_nextUpdateId, id + 1);
    // Chats seen in updates become known, as with the real API.
    const QJsonObject message = update.value(updateType(update)).toObject();
    const QJsonObject chat = message.value(u"chat"_s).toObject();
    if (chat.contains(u"id"_s)) {
        Chat &c = ensureChat(chat.value(u"id"_s).toInteger(), chat.value(u"type"_s).toString(u"private"_s));
        c.title = chat.value(u"title"_s).toString(c.title);
        c.username = chat.value(u"username"_s).toString(c.username);
        c.firstName = chat.value(u"first_name"_s).toString(c.firstName);
        const qint64 mid = message.value(u"message_id"_s).toInteger();
        if (mid >= c.nextMessageId)
            c.nextMessageId = mid + 1;
        if (mid > 0 && !m_messages.value(c.id).contains(mid))
            m_messages[c.id].insert(mid, StoredMessage { message, false });
    }
    m_updates.append(Update { id, update, 0 });
    wakePoll();
    if (m_webhookUrl.isValid() && !m_webhookUrl.isEmpty())
        scheduleWebhook(0);
    return id;
}

// ------------------------------------------------------------------ HTTP entry points

ScriptedResponse FakeTelegram::toResponse(const Result &result)
{
    QJsonObject body;
    if (result.errorCode == 0) {
        body = QJsonObject { { u"ok"_s, true }, { u"result"_s, result.value } };
        if (!result.description.isEmpty())
            body.insert(u"description"_s, result.description);
        return ScriptedResponse::json(200, body);
    }
    body = QJsonObject { { u"ok"_s, false }, { u"error_code"_s, result.errorCode },
        { u"description"_s, result.description } };
    if (!result.parameters.isEmpty())
        body.insert(u"parameters"_s, result.parameters);
    return ScriptedResponse::json(result.errorCode, body);
}

void FakeTelegram::handleBot(const RecordedRequest &request, const Responder &responder)
{
    // /bot<TOKEN>/<method>
    const QString rest = request.path.mid(4);
    const qsizetype slash = rest.indexOf(u'/');
    const QString method = slash < 0 ? QString() : rest.mid(slash + 1);
    if (slash < 0 || method.isEmpty() || method.contains(u'/')) {
        responder.respond(toResponse(Result::error(404, u"Not Found"_s)));
        return;
    }
    if (rest.left(slash) != m_token) {
        responder.respond(toResponse(Result::error(401, u"Unauthorized"_s)));
        return;
    }
    QString canonical;
    for (const QString &name : methodNames()) {
        if (name.compare(method, Qt::CaseInsensitive) == 0)
            canonical = name;
    }
    if (canonical.isEmpty() || (request.method != "GET" && request.method != "POST")) {
        responder.respond(toResponse(Result::error(404, u"Not Found"_s)));
        return;
    }

    QJsonObject params;
    parseUrlEncoded(request.query, &params);
    const QByteArray contentType = request.header("content-type").toLower();
    Call call;
    call.method = canonical;
    call.atMs = now();
    if (contentType.startsWith("application/json") && !request.body.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (!doc.isObject()) {
            call.params = params;
            const Result bad = Result::error(400, u"Bad Request: can't parse JSON object"_s);
            call.errorCode = bad.errorCode;
            call.description = bad.description;
            record(call);
            responder.respond(toResponse(bad));
            return;
        }
        const QJsonObject body = doc.object();
        for (auto it = body.constBegin(); it != body.constEnd(); ++it)
            params.insert(it.key(), it.value());
    } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
        parseUrlEncoded(request.body, &params);
    } else if (contentType.startsWith("multipart/form-data")) {
        parseMultipart(request.body, request.header("content-type"), &params);
    }
    call.params = params;

    if (canonical == u"getUpdates"_s) {
        auto failures = m_failures.find(canonical.toLower());
        if (failures != m_failures.end() && !failures->isEmpty()) {
            const Failure f = failures->dequeue();
            call.errorCode = f.errorCode;
            call.description = f.description;
            record(call);
            responder.respond(toResponse(Result::error(f.errorCode, f.description, f.parameters)));
            return;
        }
        getUpdates(params, responder, call);
        return;
    }
    const Result result = dispatch(canonical, params, call);
    responder.respond(toResponse(result));
}

FakeTelegram::Result FakeTelegram::dispatch(const QString &method, const QJsonObject &params, Call &call)
{
    Result result;
    auto failures = m_failures.find(method.toLower());
    if (failures != m_failures.end() && !failures->isEmpty()) {
        const Failure f = failures->dequeue();
        result = Result::error(f.errorCode, f.description, f.parameters);
        qint64 chatId = 0;
        if (toInt64(params.value(u"chat_id"_s), &chatId))
            call.chatId = chatId;
    } else if (method == u"getMe"_s) {
        QJsonObject me = botUser();
        me.insert(u"can_join_groups"_s, true);
        me.insert(u"can_read_all_group_messages"_s, false);
        me.insert(u"supports_inline_queries"_s, false);
        me.insert(u"can_connect_to_business"_s, false);
        me.insert(u"has_main_web_app"_s, false);
        result = Result::ok(me);
    } else if (method == u"setWebhook"_s) {
        result = setWebhookCall(params);
    } else if (method == u"deleteWebhook"_s) {
        result = deleteWebhook(params);
    } else if (method == u"getWebhookInfo"_s) {
        result = webhookInfo();
    } else if (method == u"sendMessage"_s) {
        result = sendMessage(params, call);
    } else if (method == u"editMessageText"_s) {
        result = editMessageText(params, call);
    } else if (method == u"sendChatAction"_s) {
        result = sendChatAction(params, call);
    } else if (method == u"sendMessageDraft"_s) {
        result = sendMessageDraft(params, call);
    } else if (method == u"getChat"_s) {
        result = getChat(params, call);
    } else if (method == u"deleteMessage"_s) {
        result = deleteMessage(params, call);
    } else if (method == u"getMyCommands"_s) {
        result = Result::ok(QJsonArray());
    } else {
        result = Result::ok(true); // setMyCommands, deleteMyCommands, answerCallbackQuery, logOut, close
    }
    call.errorCode = result.errorCode;
    call.description = result.description;
    record(call);
    return result;
}

void FakeTelegram::record(Call &call)
{
    m_calls.append(call);
    Q_EMIT callReceived(call);
}

ScriptedResponse FakeTelegram::handleControl(const RecordedRequest &request)
{
    const QString what = request.path.mid(8); // after "/__fake/"
    const QJsonObject body = request.json();
    const auto ok = [](const QJsonValue &value) {
        return ScriptedResponse::json(200, QJsonObject { { u"ok"_s, true }, { u"result"_s, value } });
    };
    if (what == u"inject_update"_s && request.method == "POST")
        return ok(QJsonObject { { u"update_id"_s, injectUpdate(body) } });
    if (what == u"inject_message"_s && request.method == "POST") {
        return ok(QJsonObject { { u"update_id"_s,
            injectMessage(intParam(body, u"chat_id"_s), intParam(body, u"from_id"_s, intParam(body, u"chat_id"_s)),
                body.value(u"text"_s).toString(), body.value(u"chat_type"_s).toString(u"private"_s),
                intParam(body, u"message_thread_id"_s)) } });
    }
    if (what == u"sent"_s || what == u"calls"_s) {
        QJsonArray list;
        for (const Call &c : what == u"sent"_s ? sentMessages() : m_calls)
            list.append(c.toJson());
        return ok(list);
    }
    if (what == u"fail_next"_s && request.method == "POST") {
        failNext(body.value(u"method"_s).toString(), body.value(u"error_code"_s).toInt(400),
            body.value(u"description"_s).toString(u"Bad Request"_s), body.value(u"parameters"_s).toObject());
        return ok(true);
    }
    if (what == u"rate_limit"_s && request.method == "POST") {
        setChatRateLimit(body.value(u"messages"_s).toInt(), body.value(u"window_ms"_s).toInt(1000));
        return ok(true);
    }
    if (what == u"block"_s && request.method == "POST") {
        setBlocked(intParam(body, u"chat_id"_s), body.value(u"blocked"_s).toBool(true));
        return ok(true);
    }
    if (what == u"migrate"_s && request.method == "POST") {
        migrateChat(intParam(body, u"chat_id"_s), intParam(body, u"migrate_to_chat_id"_s));
        return ok(true);
    }
    if (what == u"state"_s) {
        return ok(QJsonObject { { u"confirmed_offset"_s, m_confirmedOffset },
            { u"pending_update_count"_s, pendingUpdateCount() }, { u"webhook_url"_s, m_webhookUrl.toString() },
            { u"waiting_poll"_s, hasWaitingPoll() }, { u"token"_s, m_token } });
    }
    return toResponse(Result::error(404, u"Not Found"_s));
}

// ------------------------------------------------------------------ getUpdates

void FakeTelegram::confirm(qint64 offset)
{
    if (offset > 0) {
        m_updates.removeIf([offset](const Update &u) { return u.id < offset; });
        m_confirmedOffset = std::max(m_confirmedOffset, offset);
    } else if (offset < 0) {
        const qsizetype keep = std::min<qsizetype>(-offset, m_updates.size());
        m_updates.remove(0, m_updates.size() - keep);
    }
}

QList<FakeTelegram::Update> FakeTelegram::takeUpdates(qint64 offset, int limit)
{
    // Updates of types the bot did not subscribe to are never stored (as with Telegram).
    m_updates.removeIf([this](const Update &u) {
        const QString type = updateType(u.json);
        return m_allowedUpdates.isEmpty() ? optInUpdateTypes().contains(type) : !m_allowedUpdates.contains(type);
    });
    QList<Update> out;
    for (const Update &u : std::as_const(m_updates)) {
        if (out.size() >= limit)
            break;
        if (offset <= 0 || u.id >= offset)
            out.append(u);
    }
    return out;
}

void FakeTelegram::answerPoll(Poll &poll, const Result &result)
{
    if (poll.timer)
        poll.timer->stop();
    poll.responder.respond(toResponse(result));
}

void FakeTelegram::getUpdates(const QJsonObject &params, const Responder &responder, Call &call)
{
    ++m_getUpdatesCalls;
    const auto finish = [&](const Result &r) {
        call.errorCode = r.errorCode;
        call.description = r.description;
        record(call);
        responder.respond(toResponse(r));
    };
    if (!m_webhookUrl.isEmpty()) {
        finish(Result::error(409,
            u"Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"_s));
        return;
    }
    // A newer getUpdates terminates the one still waiting.
    if (m_poll) {
        std::unique_ptr<Poll> old = std::move(m_poll);
        if (old->responder.isWaiting()) {
            answerPoll(*old,
                Result::error(409,
                    u"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"_s));
        }
        delete old->timer;
    }
    const QJsonValue allowed = structuredParam(params, u"allowed_updates"_s);
    if (allowed.isArray()) {
        m_allowedUpdates.clear();
        for (const QJsonValue &v : allowed.toArray())
            m_allowedUpdates.append(v.toString());
    }
    const qint64 offset = intParam(params, u"offset"_s);
    const int limit = int(std::clamp<qint64>(intParam(params, u"limit"_s, 100), 1, 100));
    const double timeout = params.value(u"timeout"_s).isString() ? params.value(u"timeout"_s).toString().toDouble()
                                                                 : params.value(u"timeout"_s).toDouble();
    confirm(offset);
    const QList<Update> updates = takeUpdates(offset, limit);
    if (!updates.isEmpty() || timeout <= 0) {
        QJsonArray list;
        for (const Update &u : updates)
            list.append(u.json);
        finish(Result::ok(list));
        return;
    }
    record(call);
    m_poll = std::make_unique<Poll>();
    m_poll->responder = responder;
    m_poll->offset = offset;
    m_poll->limit = limit;
    m_poll->timer = new QTimer(this);
    m_poll->timer->setSingleShot(true);
    Poll *poll = m_poll.get();
    connect(m_poll->timer, &QTimer::timeout, this, [this, poll] {
        if (m_poll.get() != poll)
            return;
        answerPoll(*poll, Result::ok(QJsonArray()));
        m_poll->timer->deleteLater();
        m_poll.reset();
    });
    m_poll->timer->start(int(std::lround(timeout * 1000)));
}

void FakeTelegram::wakePoll()
{
    if (!m_poll)
        return;
    if (!m_poll->responder.isWaiting()) {
        m_poll->timer->deleteLater();
        m_poll.reset();
        return;
    }
    const QList<Update> updates = takeUpdates(m_poll->offset, m_poll->limit);
    if (updates.isEmpty())
        return;
    QJsonArray list;
    for (const Update &u : updates)
        list.append(u.json);
    answerPoll(*m_poll, Result::ok(list));
    m_poll->timer->deleteLater();
    m_poll.reset();
}

// ------------------------------------------------------------------ webhook

void FakeTelegram::setWebhook(const QUrl &url, const QString &secretToken)
{
    m_webhookUrl = url;
    m_secretToken = secretToken;
    if (m_poll) {
        answerPoll(*m_poll,
            Result::error(409,
                u"Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"_s));
        m_poll->timer->deleteLater();
        m_poll.reset();
    }
    if (!url.isEmpty())
        scheduleWebhook(0);
}

FakeTelegram::Result FakeTelegram::setWebhookCall(const QJsonObject &params)
{
    const QString urlText = params.value(u"url"_s).toString();
    if (urlText.isEmpty()) {
        const bool wasSet = !m_webhookUrl.isEmpty();
        if (boolParam(params, u"drop_pending_updates"_s))
            m_updates.clear();
        m_webhookUrl.clear();
        m_secretToken.clear();
        return Result::ok(true, wasSet ? u"Webhook was deleted"_s : u"Webhook is already deleted"_s);
    }
    const QUrl url(urlText);
    const bool local = url.host() == u"127.0.0.1"_s || url.host() == u"localhost"_s;
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"https"_s && !(local && url.scheme() == u"http"_s)))
        return Result::error(400, u"Bad Request: bad webhook: An HTTPS URL must be provided for webhook"_s);
    const int port = url.port(url.scheme() == u"https"_s ? 443 : 80);
    if (!local && port != 443 && port != 80 && port != 88 && port != 8443)
        return Result::error(
            400, u"Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"_s);
    const QString secret = params.value(u"secret_token"_s).toString();
    static const QRegularExpression secretRe(u"^[A-Za-z0-9_-]*$"_s);
    if (secret.size() > 256 || !secretRe.match(secret).hasMatch())
        return Result::error(400, u"Bad Request: secret token contains unallowed characters"_s);
    const qint64 maxConnections = intParam(params, u"max_connections"_s, 40);
    const QJsonValue allowed = structuredParam(params, u"allowed_updates"_s);
    if (allowed.isArray()) {
        m_allowedUpdates.clear();
        for (const QJsonValue &v : allowed.toArray())
            m_allowedUpdates.append(v.toString());
    }
    if (boolParam(params, u"drop_pending_updates"_s))
        m_updates.clear();
    const bool same = m_webhookUrl == url && m_secretToken == secret;
    m_maxConnections = int(std::clamp<qint64>(maxConnections, 1, 100));
    setWebhook(url, secret);
    return Result::ok(true, same ? u"Webhook is already set"_s : u"Webhook was set"_s);
}

FakeTelegram::Result FakeTelegram::deleteWebhook(const QJsonObject &params)
{
    const bool wasSet = !m_webhookUrl.isEmpty();
    if (boolParam(params, u"drop_pending_updates"_s))
        m_updates.clear();
    m_webhookUrl.clear();
    m_secretToken.clear();
    m_lastErrorDate = 0;
    m_lastErrorMessage.clear();
    return Result::ok(true, wasSet ? u"Webhook was deleted"_s : u"Webhook is already deleted"_s);
}

FakeTelegram::Result FakeTelegram::webhookInfo() const
{
    QJsonObject info { { u"url"_s, m_webhookUrl.toString() }, { u"has_custom_certificate"_s, false },
        { u"pending_update_count"_s, pendingUpdateCount() } };
    if (!m_webhookUrl.isEmpty()) {
        info.insert(u"max_connections"_s, m_maxConnections);
        info.insert(u"ip_address"_s, u"127.0.0.1"_s);
        if (!m_allowedUpdates.isEmpty())
            info.insert(u"allowed_updates"_s, QJsonArray::fromStringList(m_allowedUpdates));
    }
    if (m_lastErrorDate != 0) {
        info.insert(u"last_error_date"_s, m_lastErrorDate);
        info.insert(u"last_error_message"_s, m_lastErrorMessage);
    }
    return Result::ok(info);
}

void FakeTelegram::scheduleWebhook(int delayMs)
{
    if (m_webhookTimer->isActive() && m_webhookTimer->remainingTime() <= delayMs)
        return;
    m_webhookTimer->start(delayMs);
}

void FakeTelegram::deliverWebhook()
{
    if (m_webhookBusy || m_webhookUrl.isEmpty())
        return;
    const QList<Update> next = takeUpdates(0, 1);
    if (next.isEmpty())
        return;
    const qint64 updateId = next.first().id;
    m_webhookBusy = true;
    QNetworkRequest request(m_webhookUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    if (!m_secretToken.isEmpty())
        request.setRawHeader("X-Telegram-Bot-Api-Secret-Token", m_secretToken.toUtf8());
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_nam->post(request, compact(next.first().json));
    connect(reply, &QNetworkReply::finished, this, [this, reply, updateId] {
        reply->deleteLater();
        m_webhookBusy = false;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        auto it = std::find_if(
            m_updates.begin(), m_updates.end(), [updateId](const Update &u) { return u.id == updateId; });
        WebhookAttempt attempt;
        attempt.updateId = updateId;
        attempt.httpStatus = status;
        attempt.atMs = now();
        attempt.attempt = it == m_updates.end() ? 1 : ++it->attempts;
        if (status >= 200 && status < 300) {
            if (it != m_updates.end())
                m_updates.erase(it);
            // A Bot API call may come back in the response body; its result is not reported.
            const QJsonObject answer = QJsonDocument::fromJson(body).object();
            const QString method = answer.value(u"method"_s).toString();
            for (const QString &name : methodNames()) {
                if (!method.isEmpty() && name.compare(method, Qt::CaseInsensitive) == 0 && name != u"getUpdates"_s) {
                    Call call;
                    call.method = name;
                    call.params = answer;
                    call.atMs = now();
                    call.viaWebhookReply = true;
                    dispatch(name, answer, call);
                }
            }
        } else {
            attempt.error = status != 0
                ? u"Wrong response from the webhook: %1 %2"_s.arg(status).arg(
                    reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
                : (reply->error() == QNetworkReply::ConnectionRefusedError ? u"Connection refused"_s
                                                                           : u"Read timeout expired"_s);
            m_lastErrorDate = now() / 1000;
            m_lastErrorMessage = attempt.error;
            if (it != m_updates.end() && m_webhookMaxAttempts > 0 && it->attempts >= m_webhookMaxAttempts)
                m_updates.erase(it);
        }
        m_webhookAttempts.append(attempt);
        Q_EMIT webhookAttempted(attempt);
        if (!m_updates.isEmpty() && !m_webhookUrl.isEmpty())
            scheduleWebhook(attempt.error.isEmpty() ? 0 : m_webhookRetryMs);
    });
}

// ------------------------------------------------------------------ sending

FakeTelegram::Chat *FakeTelegram::resolveChat(const QJsonObject &params, Result *error, bool sending)
{
    const QJsonValue value = params.value(u"chat_id"_s);
    if (value.isUndefined() || value.isNull() || textParam(params, u"chat_id"_s).isEmpty()) {
        *error = Result::error(400, u"Bad Request: chat_id is empty"_s);
        return nullptr;
    }
    qint64 id = 0;
    Chat *chat = nullptr;
    if (toInt64(value, &id)) {
        if (sending && m_migrated.contains(id)) {
            *error = Result::error(400, u"Bad Request: group chat was upgraded to a supergroup chat"_s,
                QJsonObject { { u"migrate_to_chat_id"_s, m_migrated.value(id) } });
            return nullptr;
        }
        auto it = m_chats.find(id);
        chat = it == m_chats.end() ? nullptr : &*it;
    } else if (value.toString().startsWith(u'@')) {
        const QString username = value.toString().mid(1);
        for (auto it = m_chats.begin(); it != m_chats.end(); ++it) {
            if (it->username.compare(username, Qt::CaseInsensitive) == 0)
                chat = &*it;
        }
    }
    if (!chat) {
        *error = Result::error(400, u"Bad Request: chat not found"_s);
        return nullptr;
    }
    if (sending && m_blocked.contains(chat->id)) {
        *error = chat->type == u"private"_s
            ? Result::error(403, u"Forbidden: bot was blocked by the user"_s)
            : Result::error(403,
                chat->type == u"group"_s ? u"Forbidden: bot was kicked from the group chat"_s
                                         : u"Forbidden: bot was kicked from the supergroup chat"_s);
        return nullptr;
    }
    return chat;
}

bool FakeTelegram::rateLimited(qint64 chatId, Result *error)
{
    if (m_rateMessages <= 0)
        return false;
    const qint64 t = now();
    QList<qint64> &times = m_sendTimes[chatId];
    times.removeIf([&](qint64 at) { return at <= t - m_rateWindowMs; });
    if (times.size() >= m_rateMessages) {
        const qint64 waitMs = times.first() + m_rateWindowMs - t;
        const int retryAfter = std::max(1, int((waitMs + 999) / 1000));
        *error = Result::error(429, u"Too Many Requests: retry after %1"_s.arg(retryAfter),
            QJsonObject { { u"retry_after"_s, retryAfter } });
        return true;
    }
    times.append(t);
    return false;
}

namespace
{

/// Parses text per parse_mode (or takes the explicit entities); false with an error result.
bool prepareText(const QJsonObject &params, bool allowEmpty, const QString &emptyError, QString *plain,
    QJsonArray *entities, QString *error)
{
    const QString text = textParam(params, u"text"_s);
    if (text.trimmed().isEmpty() && !allowEmpty) {
        *error = emptyError;
        return false;
    }
    const QString mode = params.value(u"parse_mode"_s).toString();
    if (!mode.isEmpty()) {
        QString parseError;
        if (!FakeTelegram::parseEntities(text, mode, plain, entities, &parseError)) {
            *error = parseError;
            return false;
        }
    } else {
        *plain = text;
        const QJsonValue explicitEntities = structuredParam(params, u"entities"_s);
        if (explicitEntities.isArray())
            *entities = explicitEntities.toArray();
    }
    if (plain->trimmed().isEmpty() && !allowEmpty) {
        *error = emptyError;
        return false;
    }
    if (plain->size() > MAX_TEXT_LENGTH) {
        *error = u"Bad Request: message is too long"_s;
        return false;
    }
    return true;
}

} // namespace

bool FakeTelegram::parseEntities(
    const QString &text, const QString &parseMode, QString *plain, QJsonArray *entities, QString *error)
{
    QList<Entity> list;
    QString out;
    QString err;
    bool ok = false;
    if (parseMode == u"MarkdownV2"_s) {
        ok = parseMarkdownV2(text, &out, &list, &err);
    } else if (parseMode == u"Markdown"_s) {
        ok = parseLegacyMarkdown(text, &out, &list, &err);
    } else if (parseMode.compare(u"HTML"_s, Qt::CaseInsensitive) == 0) {
        ok = parseHtml(text, &out, &list, &err);
    } else {
        *error = u"Bad Request: unsupported parse_mode"_s;
        return false;
    }
    if (!ok) {
        *error = u"Bad Request: can't parse entities: "_s + err;
        return false;
    }
    std::stable_sort(list.begin(), list.end(), [](const Entity &a, const Entity &b) {
        return a.offset != b.offset ? a.offset < b.offset : a.length > b.length;
    });
    *plain = out;
    QJsonArray array;
    for (const Entity &e : list) {
        QJsonObject o { { u"type"_s, e.type }, { u"offset"_s, qint64(e.offset) }, { u"length"_s, qint64(e.length) } };
        if (!e.url.isEmpty())
            o.insert(u"url"_s, e.url);
        if (!e.language.isEmpty())
            o.insert(u"language"_s, e.language);
        array.append(o);
    }
    *entities = array;
    return true;
}

FakeTelegram::Result FakeTelegram::sendMessage(const QJsonObject &params, Call &call)
{
    Result error;
    Chat *chat = resolveChat(params, &error, true);
    if (!chat)
        return error;
    call.chatId = chat->id;
    if (badThread(*chat, params, &error))
        return error;
    QString plain;
    QJsonArray entities;
    QString textError;
    if (!prepareText(params, false, u"Bad Request: message text is empty"_s, &plain, &entities, &textError))
        return Result::error(400, textError);
    call.text = plain;
    call.entities = entities;

    QJsonObject reply = structuredParam(params, u"reply_parameters"_s).toObject();
    if (reply.isEmpty() && params.contains(u"reply_to_message_id"_s))
        reply = QJsonObject { { u"message_id"_s, intParam(params, u"reply_to_message_id"_s) } };
    QJsonObject replyTo;
    if (!reply.isEmpty()) {
        const qint64 replyId = intParam(reply, u"message_id"_s);
        if (m_messages.value(chat->id).contains(replyId))
            replyTo = m_messages.value(chat->id).value(replyId).json;
        else if (!boolParam(reply, u"allow_sending_without_reply"_s))
            return Result::error(400, u"Bad Request: message to be replied not found"_s);
    }
    if (rateLimited(chat->id, &error))
        return error;

    QJsonObject message { { u"message_id"_s, chat->nextMessageId++ }, { u"from"_s, botUser() },
        { u"chat"_s, chatJson(*chat) }, { u"date"_s, now() / 1000 }, { u"text"_s, plain } };
    if (!entities.isEmpty())
        message.insert(u"entities"_s, entities);
    const qint64 thread = intParam(params, u"message_thread_id"_s);
    if (thread != 0) {
        message.insert(u"message_thread_id"_s, thread);
        message.insert(u"is_topic_message"_s, true);
    }
    if (!replyTo.isEmpty())
        message.insert(u"reply_to_message"_s, replyTo);
    const QJsonValue markup = structuredParam(params, u"reply_markup"_s);
    if (markup.toObject().contains(u"inline_keyboard"_s))
        message.insert(u"reply_markup"_s, markup);
    call.messageId = message.value(u"message_id"_s).toInteger();
    m_messages[chat->id].insert(call.messageId, StoredMessage { message, true });
    return Result::ok(message);
}

FakeTelegram::Result FakeTelegram::editMessageText(const QJsonObject &params, Call &call)
{
    QString plain;
    QJsonArray entities;
    QString textError;
    if (params.contains(u"inline_message_id"_s)) {
        if (!prepareText(params, false, u"Bad Request: text must be non-empty"_s, &plain, &entities, &textError))
            return Result::error(400, textError);
        call.text = plain;
        call.entities = entities;
        return Result::ok(true);
    }
    Result error;
    Chat *chat = resolveChat(params, &error, true);
    if (!chat)
        return error;
    call.chatId = chat->id;
    const qint64 messageId = intParam(params, u"message_id"_s);
    if (messageId == 0)
        return Result::error(400, u"Bad Request: message identifier is not specified"_s);
    call.messageId = messageId;
    if (!prepareText(params, false, u"Bad Request: text must be non-empty"_s, &plain, &entities, &textError))
        return Result::error(400, textError);
    call.text = plain;
    call.entities = entities;
    auto &store = m_messages[chat->id];
    auto it = store.find(messageId);
    if (it == store.end())
        return Result::error(400, u"Bad Request: message to edit not found"_s);
    if (!it->fromBot)
        return Result::error(400, u"Bad Request: message can't be edited"_s);
    if (rateLimited(chat->id, &error))
        return error;
    const QJsonValue markup = structuredParam(params, u"reply_markup"_s);
    const QJsonValue newMarkup = markup.toObject().contains(u"inline_keyboard"_s) ? markup : QJsonValue();
    const QJsonValue oldMarkup = it->json.value(u"reply_markup"_s);
    const bool sameMarkup = (newMarkup.isNull() && oldMarkup.isUndefined()) || newMarkup == oldMarkup;
    if (it->json.value(u"text"_s).toString() == plain && it->json.value(u"entities"_s).toArray() == entities
        && sameMarkup) {
        return Result::error(400,
            u"Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"_s);
    }
    it->json.insert(u"text"_s, plain);
    if (entities.isEmpty())
        it->json.remove(u"entities"_s);
    else
        it->json.insert(u"entities"_s, entities);
    if (newMarkup.isNull())
        it->json.remove(u"reply_markup"_s);
    else
        it->json.insert(u"reply_markup"_s, newMarkup);
    it->json.insert(u"edit_date"_s, now() / 1000);
    return Result::ok(it->json);
}

FakeTelegram::Result FakeTelegram::sendChatAction(const QJsonObject &params, Call &call)
{
    Result error;
    Chat *chat = resolveChat(params, &error, true);
    if (!chat)
        return error;
    call.chatId = chat->id;
    if (badThread(*chat, params, &error))
        return error;
    const QString action = params.value(u"action"_s).toString();
    if (action.isEmpty())
        return Result::error(400, u"Bad Request: action is empty"_s);
    if (!chatActions().contains(action))
        return Result::error(400, u"Bad Request: wrong parameter action in request"_s);
    return Result::ok(true);
}

FakeTelegram::Result FakeTelegram::sendMessageDraft(const QJsonObject &params, Call &call)
{
    Result error;
    Chat *chat = resolveChat(params, &error, true);
    if (!chat)
        return error;
    call.chatId = chat->id;
    if (chat->type != u"private"_s)
        return Result::error(400, u"Bad Request: drafts can be sent only to private chats"_s);
    if (intParam(params, u"draft_id"_s) == 0)
        return Result::error(400, u"Bad Request: draft_id must be non-zero"_s);
    if (badThread(*chat, params, &error))
        return error;
    QString plain;
    QJsonArray entities;
    QString textError;
    if (!prepareText(params, true, {}, &plain, &entities, &textError))
        return Result::error(400, textError);
    call.text = plain;
    call.entities = entities;
    return Result::ok(true);
}

FakeTelegram::Result FakeTelegram::getChat(const QJsonObject &params, Call &call)
{
    Result error;
    Chat *chat = resolveChat(params, &error, false);
    if (!chat)
        return error;
    call.chatId = chat->id;
    return Result::ok(chatJson(*chat));
}

FakeTelegram::Result FakeTelegram::deleteMessage(const QJsonObject &params, Call &call)
{
    Result error;
    Chat *chat = resolveChat(params, &error, true);
    if (!chat)
        return error;
    call.chatId = chat->id;
    call.messageId = intParam(params, u"message_id"_s);
    if (!m_messages[chat->id].remove(call.messageId))
        return Result::error(400, u"Bad Request: message to delete not found"_s);
    return Result::ok(true);
}

} // namespace Fakes
