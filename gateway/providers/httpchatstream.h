// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QByteArray>
#include <QNetworkRequest>
#include <QPointer>

#include "providers/provider.h"
#include "providers/providerconfig.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace Gateway::Providers
{

class HttpExchange;

/// @brief Base of the HTTP streaming chat calls: owns the HttpExchange, guarantees exactly one
/// finished/failed, marks failures after streamed output (afterOutput) and closes the upstream
/// connection on abort(), on destruction and as soon as the stream reached its end.
///
/// Subclasses parse bytes in onData() and report through emitText()/emitToolCall()/complete()/
/// fail(). Listeners may call abort() from any slot; to destroy the stream from a slot use
/// deleteLater().
class HttpChatStream : public ChatStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpChatStream)

public:
    ~HttpChatStream() override;

    /// Cancels the call and closes the connection; emits failed(Aborted) unless already done.
    void abort() override;
    bool isDone() const { return m_done; }
    bool hasOutput() const { return m_hasOutput; }

protected:
    HttpChatStream(QString secret, QObject *parent);

    void start(
        QNetworkAccessManager &nam, const QNetworkRequest &request, const QByteArray &body, const Timeouts &timeouts);

    /// Response headers arrived (any status).
    virtual void onResponseStarted(const QNetworkReply &reply) { Q_UNUSED(reply) }
    /// A piece of a 2xx body.
    virtual void onData(const QByteArray &data) = 0;
    /// The 2xx body ended without complete() having been called.
    virtual void onEnd() = 0;

    /// Each returns false when the stream ended meanwhile (a listener aborted): stop parsing.
    bool emitText(const QString &text);
    bool emitToolCall(const ToolCall &call);
    void complete(StopReason reason, const Usage &usage);
    void fail(ProviderError error);
    /// fail() with Kind::Malformed.
    void failMalformed(const QString &message);
    /// fail() with Kind::Connect: the body ended (EOF/reset) before the stream's final event.
    void failTruncated();

    const QString &secret() const { return m_secret; }

private:
    void closeExchange();

    QString m_secret;
    QPointer<HttpExchange> m_exchange;
    bool m_done = false;
    bool m_hasOutput = false;
};

} // namespace Gateway::Providers
