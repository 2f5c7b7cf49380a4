// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "providers/provider.h"
#include "providers/providerconfig.h"

class QNetworkAccessManager;

namespace Gateway::Providers
{

/// @brief One HTTP request to a provider, with connect / first-byte / idle timeouts, read
/// incrementally as bytes arrive.
///
/// A 2xx body is handed out chunk by chunk (dataReceived) and ends with completed(); any other
/// status collects a bounded error body and ends with failed(errorFromHttp(...)); transport
/// failures and timeouts end with failed() too. Exactly one of completed/failed is emitted, never
/// after abort() or destruction. Redirects are not followed, so credentials never leave the
/// configured host.
class HttpExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpExchange)

public:
    /// Sends the request at once. secret is masked out of error messages.
    HttpExchange(QNetworkAccessManager &nam, QNetworkRequest request, const QByteArray &verb, const QByteArray &body,
        const Timeouts &timeouts, const QString &secret, QObject *parent = nullptr);
    ~HttpExchange() override;

    /// Cancels silently and closes the connection.
    void abort();
    bool isRunning() const { return m_reply != nullptr; }
    /// HTTP status once headers arrived, else 0.
    int status() const { return m_status; }
    /// The reply (for response headers) while running or inside a signal; may be null.
    const QNetworkReply *reply() const { return m_reply; }

    /// Shared request defaults: JSON content type, no redirects, no cache.
    static QNetworkRequest jsonRequest(const QUrl &url);
    /// base + path, keeping a path prefix of base ("http://h/v1" + "/models" = "http://h/v1/models").
    static QUrl endpoint(const QUrl &base, const QString &path);

Q_SIGNALS:
    /// Headers arrived (any status); reply() gives access to them.
    void responseStarted(int status);
    void dataReceived(const QByteArray &data);
    void completed();
    void failed(const Gateway::Providers::ProviderError &error);

private:
    /// Queued: QNetworkAccessManager holds the request until one of its connections to the host
    /// is free (at most six per host over HTTP/1.1); bounded by Timeouts::firstByte. The connect
    /// timeout starts only when a socket starts connecting, so a busy gateway (hundreds of turns
    /// waiting for a connection) does not fail them with "no connection".
    enum class Phase { Queued, Connecting, WaitingForFirstByte, Streaming };

    void onRequestSent();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void onTimeout();
    void enterPhase(Phase phase);
    void release();
    void fail(const ProviderError &error);

    QPointer<QNetworkReply> m_reply;
    Timeouts m_timeouts;
    QString m_secret;
    QByteArray m_verb;
    QString m_path;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    Phase m_phase = Phase::Queued;
    int m_status = 0;
    bool m_headersSeen = false;
    QByteArray m_errorBody;
    qint64 m_bytes = 0;
};

} // namespace Gateway::Providers
