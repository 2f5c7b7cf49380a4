// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "http/origin.h"

#include <QRegularExpression>
#include <QUrl>

#include "core/network.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Http
{

QString normalizedOrigin(const QString &origin)
{
    const QUrl url(origin.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty())
        return {};
    const int defaultPort = scheme == u"https" ? 443 : 80;
    QString host = url.host().toLower();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    const int port = url.port(defaultPort);
    return port == defaultPort ? QString(scheme + u"://"_s + host) : u"%1://%2:%3"_s.arg(scheme, host).arg(port);
}

QStringList parseOriginList(const QString &list)
{
    static const QRegularExpression separators(u"[,\\s]+"_s);
    QStringList origins;
    for (const QString &entry : list.split(separators, Qt::SkipEmptyParts)) {
        const QString origin = normalizedOrigin(entry);
        if (!origin.isEmpty() && !origins.contains(origin))
            origins.append(origin);
    }
    return origins;
}

bool isSameOrigin(const Request &request)
{
    const QByteArray origin = request.header("origin");
    if (origin.isEmpty())
        return true;
    const QUrl url(QString::fromLatin1(origin));
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return false;
    const QString host = QString::fromLatin1(request.header("host"));
    const QString originHostPort
        = url.host() + (url.port() > 0 ? QString(u":"_s + QString::number(url.port())) : QString());
    return !host.isEmpty() && originHostPort.compare(host, Qt::CaseInsensitive) == 0;
}

bool originAllowed(const Request &request, const QStringList &allowed, bool loopbackBind)
{
    const QByteArray origin = request.header("origin");
    if (origin.isEmpty() || isSameOrigin(request))
        return true;
    const QString normalized = normalizedOrigin(QString::fromLatin1(origin));
    if (normalized.isEmpty())
        return false;
    if (allowed.contains(normalized))
        return true;
    return loopbackBind && isLoopbackHost(QUrl(normalized).host());
}

} // namespace Gateway::Http
