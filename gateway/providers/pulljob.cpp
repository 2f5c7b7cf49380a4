// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/pulljob.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "providers/httpexchange.h"
#include "providers/providererror.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Providers
{

PullJob::PullJob(QNetworkAccessManager &nam, const QUrl &baseUrl, const QString &model, const Timeouts &timeouts,
    const QString &apiKey, QObject *parent)
    : QObject(parent), m_model(model), m_secret(apiKey)
{
    QNetworkRequest request = HttpExchange::jsonRequest(HttpExchange::endpoint(baseUrl, u"/api/pull"_s));
    request.setRawHeader("Accept", "application/x-ndjson");
    if (!apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    const QByteArray body
        = QJsonDocument(QJsonObject { { u"model"_s, model }, { u"stream"_s, true } }).toJson(QJsonDocument::Compact);
    auto *exchange = new HttpExchange(nam, request, QByteArrayLiteral("POST"), body, timeouts, apiKey, this);
    m_exchange = exchange;
    connect(exchange, &HttpExchange::dataReceived, this, &PullJob::onData);
    connect(exchange, &HttpExchange::completed, this, &PullJob::onEnd);
    connect(exchange, &HttpExchange::failed, this, &PullJob::fail);
}

PullJob::~PullJob()
{
    m_done = true;
    close();
}

void PullJob::abort()
{
    fail(makeError(ProviderError::Kind::Aborted, 0, u"aborted"_s));
}

void PullJob::onData(const QByteArray &data)
{
    if (m_done)
        return;
    m_parser.feed(data);
    drain();
}

void PullJob::onEnd()
{
    if (m_done)
        return;
    m_parser.finish();
    if (drain() && !m_done)
        fail(makeError(ProviderError::Kind::Connect, 200, u"pull ended before success"_s));
}

bool PullJob::drain()
{
    const QPointer<PullJob> self(this);
    while (m_parser.hasObject()) {
        const QJsonObject line = m_parser.takeObject();
        if (line.contains("error"_L1)) {
            fail(errorFromStream(line.value("error"_L1), m_secret));
            return false;
        }
        m_status = line.value("status"_L1).toString();
        Q_EMIT progress(line.value("completed"_L1).toInteger(), line.value("total"_L1).toInteger(), m_status);
        if (!self || m_done)
            return false;
        if (m_status == u"success") {
            m_done = true;
            close();
            Q_EMIT finished();
            return false;
        }
    }
    if (m_parser.hasError()) {
        fail(makeError(ProviderError::Kind::Malformed, 200, m_parser.errorString()));
        return false;
    }
    return true;
}

void PullJob::fail(const ProviderError &error)
{
    if (m_done)
        return;
    m_done = true;
    close();
    Q_EMIT failed(error);
}

void PullJob::close()
{
    if (HttpExchange *exchange = m_exchange) {
        m_exchange = nullptr;
        exchange->abort();
        exchange->deleteLater();
    }
}

} // namespace Gateway::Providers
