// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QByteArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "core/result.h"
#include "providers/provider.h"
#include "providers/providerconfig.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace Gateway::Providers
{

class HttpExchange;

/// @brief A non-streaming JSON call with retries: connect/timeout/429/5xx failures are retried
/// up to Timeouts::retries times, waiting retry-after when the upstream gave one (and it fits in
/// Timeouts::retryMax) or an exponential backoff with jitter. The callback runs exactly once, on
/// the event loop, unless the request (or its parent) is destroyed first; then it deletes itself.
class JsonRequest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonRequest)

public:
    using Callback = std::function<void(Result<QJsonDocument, ProviderError>)>;
    using HeadersObserver = std::function<void(const QNetworkReply &reply)>;

    static constexpr qsizetype MAX_BODY_BYTES = 32 * 1024 * 1024;

    JsonRequest(QNetworkAccessManager &nam, QNetworkRequest request, QByteArray verb, QByteArray body,
        const Timeouts &timeouts, const QString &secret, Callback done, QObject *parent);
    ~JsonRequest() override;

    /// Called with every response's headers (e.g. to read rate-limit headers).
    void setHeadersObserver(HeadersObserver observer) { m_observer = std::move(observer); }
    void start();
    int attempts() const { return m_attempt; }

private:
    void attempt();
    void onFailed(const ProviderError &error);
    void finish(Result<QJsonDocument, ProviderError> result);

    QPointer<QNetworkAccessManager> m_nam;
    QNetworkRequest m_request;
    QByteArray m_verb;
    QByteArray m_payload;
    Timeouts m_timeouts;
    QString m_secret;
    Callback m_done;
    HeadersObserver m_observer;
    QPointer<HttpExchange> m_exchange;
    QTimer m_retryTimer;
    QByteArray m_body;
    int m_attempt = 0;
    bool m_finished = false;
};

} // namespace Gateway::Providers
