// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/jsonrequest.h"

#include <algorithm>

#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QRandomGenerator>

#include "providers/httpexchange.h"
#include "providers/providererror.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Providers
{

JsonRequest::JsonRequest(QNetworkAccessManager &nam, QNetworkRequest request, QByteArray verb, QByteArray body,
    const Timeouts &timeouts, const QString &secret, Callback done, QObject *parent)
    : QObject(parent),
      m_nam(&nam),
      m_request(std::move(request)),
      m_verb(std::move(verb)),
      m_payload(std::move(body)),
      m_timeouts(timeouts),
      m_secret(secret),
      m_done(std::move(done))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &JsonRequest::attempt);
}

JsonRequest::~JsonRequest() = default;

void JsonRequest::start()
{
    attempt();
}

void JsonRequest::attempt()
{
    if (!m_nam) {
        finish(makeError(ProviderError::Kind::Aborted, 0, u"network manager gone"_s));
        return;
    }
    ++m_attempt;
    m_body.clear();
    auto *exchange = new HttpExchange(*m_nam, m_request, m_verb, m_payload, m_timeouts, m_secret, this);
    m_exchange = exchange;
    connect(exchange, &HttpExchange::responseStarted, this, [this, exchange] {
        if (m_observer && exchange->reply())
            m_observer(*exchange->reply());
    });
    connect(exchange, &HttpExchange::dataReceived, this, [this, exchange](const QByteArray &data) {
        if (m_body.size() + data.size() > MAX_BODY_BYTES) {
            exchange->abort();
            exchange->deleteLater();
            finish(makeError(ProviderError::Kind::Malformed, exchange->status(),
                u"response larger than %1 bytes"_s.arg(MAX_BODY_BYTES)));
            return;
        }
        m_body.append(data);
    });
    connect(exchange, &HttpExchange::completed, this, [this, exchange] {
        exchange->deleteLater();
        if (m_body.trimmed().isEmpty()) {
            finish(QJsonDocument());
            return;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(m_body, &parseError);
        m_body.clear();
        if (parseError.error != QJsonParseError::NoError) {
            finish(makeError(ProviderError::Kind::Malformed, exchange->status(),
                u"response is not valid JSON (%1)"_s.arg(parseError.errorString())));
            return;
        }
        finish(document);
    });
    connect(exchange, &HttpExchange::failed, this, [this, exchange](const ProviderError &error) {
        exchange->deleteLater();
        onFailed(error);
    });
}

void JsonRequest::onFailed(const ProviderError &error)
{
    if (error.isRetryable() && m_attempt <= m_timeouts.retries) {
        qint64 delay = 0;
        if (error.retryAfterMs >= 0) {
            delay = error.retryAfterMs;
        } else {
            const qint64 base = m_timeouts.retryBase.count();
            const qint64 exponential
                = std::min<qint64>(base << std::min(m_attempt - 1, 20), m_timeouts.retryMax.count());
            // ±25% jitter so callers that failed together do not retry together.
            const qint64 jitter = exponential / 4;
            delay = exponential - jitter + qint64(QRandomGenerator::global()->bounded(quint32(2 * jitter + 1)));
        }
        if (delay <= m_timeouts.retryMax.count()) {
            qCDebug(lcGatewayProviders).noquote() << "retrying" << QString::fromLatin1(m_verb) << m_request.url().path()
                                                  << "in" << delay << "ms (" << error.kindName() << ")";
            m_retryTimer.start(std::chrono::milliseconds(delay));
            return;
        }
    }
    finish(error);
}

void JsonRequest::finish(Result<QJsonDocument, ProviderError> result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_retryTimer.stop();
    if (m_done)
        m_done(std::move(result));
    deleteLater();
}

} // namespace Gateway::Providers
