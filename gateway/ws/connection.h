// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QElapsedTimer>
#include <QJsonValue>
#include <QObject>

#include "protocol/dispatcher.h"
#include "protocol/frames.h"

class QWebSocket;

namespace Gateway::Ws
{

class Hub;

/// @brief One WebSocket client: the OpenClaw handshake (challenge, connect, hello-ok), then
/// request dispatch, events with a per-socket seq, and the size and buffering limits.
/// A child of its QWebSocket.
class Connection final : public QObject
{
    Q_DISABLE_COPY_MOVE(Connection)

public:
    Connection(Hub *hub, QWebSocket *socket);
    ~Connection() override;

    bool isAuthenticated() const { return m_authenticated; }
    const Protocol::ClientSession &session() const { return m_session; }
    /// Sends a serialized frame; drops the client when its unsent bytes exceed maxBufferedBytes.
    void send(const QByteArray &frame);
    /// Sends an event with this socket's next seq.
    void sendEvent(const QString &event, const QJsonValue &payload);
    /// Closes with a code and a reason (truncated to 123 bytes).
    void close(int code, const QString &reason);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void onText(const QString &message);
    void onBinary(const QByteArray &message);
    void onDisconnected();
    void handleConnect(const Protocol::Request &request);
    void rejectHandshake(const QString &id, const Protocol::ProtocolError &error, int closeCode);
    QJsonObject helloOk() const;

    Hub *m_hub;
    QWebSocket *m_socket;
    Protocol::ClientSession m_session;
    QString m_nonce;
    qint64 m_seq = 0;
    int m_handshakeTimer = 0;
    bool m_authenticated = false;
    bool m_closing = false;
    bool m_gone = false;
    int m_closeCode = 0;
    QElapsedTimer m_clock;
};

} // namespace Gateway::Ws
