// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/httpexchange.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include "providers/providererror.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Providers
{
namespace
{

// Error bodies are small JSON objects; anything bigger is cut (it is only read for its type).
constexpr qsizetype MAX_ERROR_BODY_BYTES = 64 * 1024;

} // namespace

HttpExchange::HttpExchange(QNetworkAccessManager &nam, QNetworkRequest request, const QByteArray &verb,
    const QByteArray &body, const Timeouts &timeouts, const QString &secret, QObject *parent)
    : QObject(parent), m_timeouts(timeouts), m_secret(secret), m_verb(verb), m_path(request.url().path())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpExchange::onTimeout);
    m_elapsed.start();

    QNetworkReply *reply = nullptr;
    if (verb == "GET")
        reply = nam.get(request);
    else if (verb == "POST")
        reply = nam.post(request, body);
    else
        reply = nam.sendCustomRequest(request, verb, body);
    m_reply = reply;
    connect(reply, &QNetworkReply::socketStartedConnecting, this, [this] {
        if (m_phase == Phase::Queued)
            enterPhase(Phase::Connecting);
    });
    connect(reply, &QNetworkReply::requestSent, this, &HttpExchange::onRequestSent);
    connect(reply, &QNetworkReply::metaDataChanged, this, &HttpExchange::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &HttpExchange::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &HttpExchange::onFinished);
    enterPhase(Phase::Queued);
}

HttpExchange::~HttpExchange()
{
    release();
}

void HttpExchange::abort()
{
    if (m_reply)
        qCDebug(lcGatewayProviders).noquote()
            << QString::fromLatin1(m_verb) << m_path << "aborted after" << m_elapsed.elapsed() << "ms";
    release();
}

QNetworkRequest HttpExchange::jsonRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Content-Type", "application/json");
    // Never follow a redirect: the auth header must only ever reach the configured host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

QUrl HttpExchange::endpoint(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void HttpExchange::onRequestSent()
{
    if (m_phase == Phase::Queued || m_phase == Phase::Connecting)
        enterPhase(Phase::WaitingForFirstByte);
}

void HttpExchange::onMetaData()
{
    if (!m_reply || m_headersSeen)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_headersSeen = true;
    m_status = status.toInt();
    if (m_phase == Phase::Queued || m_phase == Phase::Connecting)
        enterPhase(Phase::WaitingForFirstByte);
    Q_EMIT responseStarted(m_status);
}

void HttpExchange::onReadyRead()
{
    if (!m_reply)
        return;
    if (!m_headersSeen) {
        const QPointer<HttpExchange> self(this);
        onMetaData();
        if (!self || !m_reply)
            return;
    }
    const QByteArray data = m_reply->readAll();
    if (data.isEmpty())
        return;
    enterPhase(Phase::Streaming); // restarts the idle timer
    m_bytes += data.size();
    if (m_status < 200 || m_status >= 300) {
        m_errorBody.append(data.left(MAX_ERROR_BODY_BYTES - m_errorBody.size()));
        return;
    }
    Q_EMIT dataReceived(data);
}

void HttpExchange::onFinished()
{
    if (!m_reply)
        return;
    const QPointer<HttpExchange> self(this);
    onReadyRead(); // whatever is still buffered
    if (!self || !m_reply)
        return;
    if (!m_headersSeen) {
        onMetaData();
        if (!self || !m_reply)
            return;
    }
    m_timer.stop();
    const QNetworkReply::NetworkError networkError = m_reply->error();
    if (m_headersSeen && (m_status < 200 || m_status >= 300)) {
        const ProviderError error = errorFromHttp(m_status, m_errorBody, retryAfterMs(*m_reply), m_secret);
        fail(error);
        return;
    }
    if (networkError != QNetworkReply::NoError || !m_headersSeen) {
        QString detail = m_reply->errorString();
        const QString password = m_reply->url().password();
        if (!password.isEmpty())
            detail.replace(password, u"***"_s);
        if (!m_secret.isEmpty())
            detail.replace(m_secret, u"***"_s);
        ProviderError error = errorFromNetwork(networkError, detail);
        error.httpStatus = m_status;
        fail(error);
        return;
    }
    qCDebug(lcGatewayProviders).noquote() << QString::fromLatin1(m_verb) << m_path << "->" << m_status << "in"
                                          << m_elapsed.elapsed() << "ms," << m_bytes << "bytes";
    release();
    Q_EMIT completed();
}

void HttpExchange::onTimeout()
{
    if (!m_reply)
        return;
    ProviderError error;
    error.kind = ProviderError::Kind::Timeout;
    error.httpStatus = m_status;
    switch (m_phase) {
    case Phase::Queued:
        error.message = u"no free connection to the provider within %1 ms"_s.arg(m_timeouts.firstByte.count());
        break;
    case Phase::Connecting:
        error.message = u"no connection within %1 ms"_s.arg(m_timeouts.connect.count());
        break;
    case Phase::WaitingForFirstByte:
        error.message = u"no response within %1 ms"_s.arg(m_timeouts.firstByte.count());
        break;
    case Phase::Streaming:
        error.message = u"stream stalled for %1 ms"_s.arg(m_timeouts.idle.count());
        break;
    }
    fail(error);
}

void HttpExchange::enterPhase(Phase phase)
{
    m_phase = phase;
    switch (phase) {
    case Phase::Queued:
        m_timer.start(m_timeouts.firstByte);
        break;
    case Phase::Connecting:
        m_timer.start(m_timeouts.connect);
        break;
    case Phase::WaitingForFirstByte:
        m_timer.start(m_timeouts.firstByte);
        break;
    case Phase::Streaming:
        m_timer.start(m_timeouts.idle);
        break;
    }
}

void HttpExchange::release()
{
    m_timer.stop();
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->disconnect(this);
    // abort() closes the TCP connection of an unfinished HTTP/1 reply, so the upstream stops
    // generating (and billing) tokens for a stream nobody reads.
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

void HttpExchange::fail(const ProviderError &error)
{
    qCInfo(lcGatewayProviders).noquote() << QString::fromLatin1(m_verb) << m_path << "failed:" << error.kindName()
                                         << "status" << error.httpStatus << "after" << m_elapsed.elapsed() << "ms";
    release();
    Q_EMIT failed(error);
}

} // namespace Gateway::Providers
