// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/httpchatstream.h"

#include "providers/httpexchange.h"
#include "providers/providererror.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Providers
{

HttpChatStream::HttpChatStream(QString secret, QObject *parent) : ChatStream(parent), m_secret(std::move(secret)) { }

HttpChatStream::~HttpChatStream()
{
    m_done = true;
    closeExchange();
}

void HttpChatStream::start(
    QNetworkAccessManager &nam, const QNetworkRequest &request, const QByteArray &body, const Timeouts &timeouts)
{
    auto *exchange = new HttpExchange(nam, request, QByteArrayLiteral("POST"), body, timeouts, m_secret, this);
    m_exchange = exchange;
    connect(exchange, &HttpExchange::responseStarted, this, [this, exchange] {
        if (exchange->reply())
            onResponseStarted(*exchange->reply());
    });
    connect(exchange, &HttpExchange::dataReceived, this, [this](const QByteArray &data) {
        if (!m_done)
            onData(data);
    });
    connect(exchange, &HttpExchange::completed, this, [this] {
        if (!m_done)
            onEnd();
        if (!m_done)
            failTruncated(); // a subclass that neither completed nor failed: never leave it hanging
    });
    connect(exchange, &HttpExchange::failed, this, [this](const ProviderError &error) {
        if (!m_done)
            fail(error);
    });
}

void HttpChatStream::abort()
{
    if (m_done) {
        closeExchange();
        return;
    }
    fail(makeError(ProviderError::Kind::Aborted, 0, u"aborted"_s));
}

bool HttpChatStream::emitText(const QString &text)
{
    if (m_done)
        return false;
    if (text.isEmpty())
        return true;
    m_hasOutput = true;
    const QPointer<HttpChatStream> self(this);
    Q_EMIT textDelta(text);
    return self && !m_done;
}

bool HttpChatStream::emitToolCall(const ToolCall &call)
{
    if (m_done)
        return false;
    m_hasOutput = true;
    const QPointer<HttpChatStream> self(this);
    Q_EMIT toolCall(call);
    return self && !m_done;
}

void HttpChatStream::complete(StopReason reason, const Usage &usage)
{
    if (m_done)
        return;
    m_done = true;
    // The final event is in: close now rather than wait for the upstream to end the body.
    closeExchange();
    Q_EMIT finished(reason, usage);
}

void HttpChatStream::fail(ProviderError error)
{
    if (m_done)
        return;
    m_done = true;
    closeExchange();
    error.afterOutput = m_hasOutput;
    Q_EMIT failed(error);
}

void HttpChatStream::failMalformed(const QString &message)
{
    fail(makeError(ProviderError::Kind::Malformed, 200, message));
}

void HttpChatStream::failTruncated()
{
    fail(makeError(ProviderError::Kind::Connect, 200, u"stream ended before its final event"_s));
}

void HttpChatStream::closeExchange()
{
    if (HttpExchange *exchange = m_exchange) {
        m_exchange = nullptr;
        exchange->abort();
        exchange->deleteLater();
    }
}

} // namespace Gateway::Providers
