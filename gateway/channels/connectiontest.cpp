// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "channels/connectiontest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "channels/discordchannel.h"
#include "channels/telegramchannel.h"
#include "channels/whatsappchannel.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Channels
{

namespace
{

QUrl withPath(QUrl base, const QString &tail)
{
    QString path = base.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    base.setPath(path + tail);
    return base;
}

void finish(std::function<void(const ConnectionTestResult &)> done, ConnectionTestResult result)
{
    // Always asynchronous, as the network answers are.
    QTimer::singleShot(0, [done = std::move(done), result = std::move(result)] { done(result); });
}

ConnectionTestResult failure(const QString &error)
{
    return ConnectionTestResult { false, {}, error };
}

/// The platform's error text from a JSON body, else the transport's (the token masked).
QString errorText(const QString &channel, const QJsonObject &body, QNetworkReply *reply, const QString &token)
{
    QString text;
    if (channel == u"telegram")
        text = body.value(u"description"_s).toString();
    else if (channel == u"discord")
        text = body.value(u"message"_s).toString();
    else
        text = body.value(u"error"_s).toObject().value(u"message"_s).toString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (text.isEmpty())
        text = status != 0 ? u"HTTP %1"_s.arg(status) : reply->errorString();
    else if (status != 0 && !text.contains(QString::number(status)))
        text = u"%1 (HTTP %2)"_s.arg(text).arg(status);
    if (!token.isEmpty())
        text.replace(token, u"***"_s);
    return text;
}

} // namespace

void testConnection(QNetworkAccessManager &nam, const ConnectionTarget &target,
    std::function<void(const ConnectionTestResult &result)> done, int timeoutMs)
{
    const QString token = target.token.trimmed();
    if (token.isEmpty())
        return finish(std::move(done), failure(u"no token entered"_s));
    // Tokens travel in a URL path (Telegram) or a header: refuse what cannot be one.
    for (const QChar c : token) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == u'/' || c == u'?' || c == u'#')
            return finish(std::move(done), failure(u"the token contains characters a token cannot have"_s));
    }
    QUrl url;
    QNetworkRequest request;
    if (target.channel == u"telegram") {
        const QUrl base = target.baseUrl.isEmpty() ? TelegramChannel::Options {}.baseUrl : target.baseUrl;
        url = withPath(base, u"/bot"_s + token + u"/getMe"_s);
    } else if (target.channel == u"discord") {
        const QUrl base = target.baseUrl.isEmpty() ? DiscordChannel::Options {}.apiBase : target.baseUrl;
        url = withPath(base, u"/users/@me"_s);
        request.setRawHeader("Authorization", "Bot " + token.toUtf8());
    } else if (target.channel == u"whatsapp") {
        const QString phone = target.phoneNumberId.trimmed();
        bool digits = !phone.isEmpty();
        for (const QChar c : phone)
            digits = digits && c.isDigit();
        if (!digits)
            return finish(std::move(done), failure(u"the phone number id must be digits"_s));
        const WhatsAppChannel::Options defaults;
        const QUrl base = target.baseUrl.isEmpty() ? defaults.graphBase : target.baseUrl;
        const QString version = target.apiVersion.isEmpty() ? defaults.version : target.apiVersion;
        url = withPath(base, u'/' + version + u'/' + phone);
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    } else {
        return finish(std::move(done), failure(u"unknown channel: %1"_s.arg(target.channel.left(32))));
    }
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http"))
        return finish(std::move(done), failure(u"invalid base URL"_s));
    request.setUrl(url);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = nam.get(request);
    QObject::connect(
        reply, &QNetworkReply::finished, reply, [reply, channel = target.channel, token, done = std::move(done)] {
            reply->deleteLater();
            const QJsonObject body = replyJson(reply);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            ConnectionTestResult result;
            if (channel == u"telegram") {
                const QJsonObject me = body.value(u"result"_s).toObject();
                result.ok = body.value(u"ok"_s).toBool() && !me.isEmpty();
                const QString username = me.value(u"username"_s).toString();
                result.botName = username.isEmpty() ? me.value(u"first_name"_s).toString() : u'@' + username;
            } else if (channel == u"discord") {
                result.ok = status == 200 && body.contains(u"id"_s);
                result.botName = body.value(u"username"_s).toString();
            } else {
                result.ok = status == 200 && body.contains(u"id"_s);
                const QString name = body.value(u"verified_name"_s).toString();
                const QString number = body.value(u"display_phone_number"_s).toString();
                result.botName = number.isEmpty() ? name : u"%1 (%2)"_s.arg(name, number);
            }
            if (!result.ok) {
                result.botName.clear();
                result.error = errorText(channel, body, reply, token);
            }
            done(result);
        });
}

} // namespace Gateway::Channels
