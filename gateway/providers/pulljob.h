// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include "providers/ndjsonparser.h"
#include "providers/provider.h"
#include "providers/providerconfig.h"

class QNetworkAccessManager;

namespace Gateway::Providers
{

class HttpExchange;

/// @brief A running `POST /api/pull` (Ollama model download) reporting its NDJSON progress.
/// Emits progress() any number of times, then exactly one of finished or failed. Deleting it
/// or abort() closes the connection (Ollama then stops the download).
class PullJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PullJob)

public:
    /// Starts the pull at once.
    PullJob(QNetworkAccessManager &nam, const QUrl &baseUrl, const QString &model, const Timeouts &timeouts,
        const QString &apiKey, QObject *parent = nullptr);
    ~PullJob() override;

    QString model() const { return m_model; }
    bool isDone() const { return m_done; }
    /// Last status line ("pulling manifest", "downloading", "verifying sha256 digest", "success").
    QString status() const { return m_status; }
    /// Emits failed(Aborted) unless already done.
    void abort();

Q_SIGNALS:
    /// completed/total are bytes of the layer being downloaded (0 when the line has none).
    void progress(qint64 completed, qint64 total, const QString &status);
    void finished();
    void failed(const Gateway::Providers::ProviderError &error);

private:
    void onData(const QByteArray &data);
    void onEnd();
    bool drain();
    void fail(const ProviderError &error);
    void close();

    QString m_model;
    QString m_status;
    QString m_secret;
    NdjsonParser m_parser;
    QPointer<HttpExchange> m_exchange;
    bool m_done = false;
};

} // namespace Gateway::Providers
