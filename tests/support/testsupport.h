// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <memory>

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>
#include <QWebSocket>

#include "config/settings.h"

namespace Gateway
{
class Service;
namespace Secrets
{
class FileSecretStore;
}
} // namespace Gateway

namespace TestSupport
{

/// Default time a test waits for one expected network event.
inline constexpr int WAIT_MS = 10000;

/// Longest a test waits for a started gateway or app to print its "listening on" line. Start-up is
/// a few tens of milliseconds on an idle machine, but on a saturated 2-core machine (CTest -j2,
/// a sanitizer build) the database writes of the first start have been seen to take 5-30 s.
inline constexpr int START_MS = 60000;

/// @brief A gateway Service running in this process on 127.0.0.1:<free port> with a throwaway
/// home, a file secret store and a known token.
class TestGateway
{
public:
    /// adjust may change the settings before the service starts.
    explicit TestGateway(const std::function<void(Gateway::Config::Settings &)> &adjust = {}, bool openStorage = true,
        const QString &homePath = {});
    ~TestGateway();

    bool isRunning() const;
    QString errorString() const { return m_error; }
    Gateway::Service *service() const { return m_service.get(); }
    quint16 port() const;
    QUrl wsUrl() const;
    QUrl httpUrl(const QString &path) const;
    QString token() const { return m_token; }
    QString home() const { return m_homePath; }

private:
    QTemporaryDir m_home;
    QString m_homePath;
    QString m_token;
    QString m_error;
    std::shared_ptr<Gateway::Secrets::FileSecretStore> m_secrets;
    std::unique_ptr<Gateway::Service> m_service;
};

/// @brief A real QWebSocket client that records every frame it receives.
class ProtocolClient
{
public:
    ProtocolClient();
    ~ProtocolClient();

    /// Opens the socket and waits for connect.challenge; false on failure.
    bool open(const QUrl &url, const QByteArray &origin = {});
    /// Sends a connect request and returns its response frame (empty object on timeout).
    QJsonObject connect(const QJsonObject &params, const QString &id = QStringLiteral("c1"));
    /// A minimal valid connect params object.
    static QJsonObject connectParams(const QString &token, int minProtocol = 3, int maxProtocol = 4,
        const QStringList &scopes = { QStringLiteral("operator.read") });
    /// open() + connect(connectParams(token)); true when hello-ok came back.
    bool openAndConnect(const QUrl &url, const QString &token, int maxProtocol = 4,
        const QStringList &scopes = { QStringLiteral("operator.read") });
    /// Sends a `req` and waits for the `res` with that id (empty object on timeout).
    QJsonObject request(const QString &method, const QJsonObject &params = {}, const QString &id = {});
    /// Sends raw text / binary.
    void sendText(const QByteArray &text);
    void sendBinary(const QByteArray &data);
    /// Waits for a res with this id.
    QJsonObject waitForResponse(const QString &id, int timeoutMs = WAIT_MS);
    /// Waits for an event by name (returns the whole frame).
    QJsonObject waitForEvent(const QString &event, int timeoutMs = WAIT_MS);
    /// Waits for the run's last `chat` event (state final, error or aborted); returns its payload
    /// ({} on timeout).
    QJsonObject waitForChatTerminal(const QString &runId, int timeoutMs = WAIT_MS);
    /// Waits until the server closed the socket; returns the close code (-1 on timeout).
    int waitForClose(int timeoutMs = WAIT_MS);
    QString closeReason() const;
    bool isOpen() const;

    QWebSocket &socket() { return *m_socket; }
    const QList<QJsonObject> &frames() const { return m_frames; }
    QJsonObject challenge() const { return m_challenge; }

private:
    std::unique_ptr<QWebSocket> m_socket;
    QList<QJsonObject> m_frames;
    QJsonObject m_challenge;
    bool m_closed = false;
    int m_nextId = 1;
};

/// @brief The built skynet-gateway started as a subprocess with a throwaway home.
class GatewayProcess
{
public:
    GatewayProcess();
    ~GatewayProcess();

    /// Path of a built executable (bin/<name> under SKYNET_BINARY_DIR).
    static QString binary(const QString &name = QStringLiteral("skynet-gateway"));

    /// Starts `skynet-gateway --home <home> --port 0 <extraArgs>` and waits for the
    /// "listening on" line. env entries are added to the environment.
    bool start(const QStringList &extraArgs = {}, const QStringList &env = {});
    /// Starts the same command as start() and returns at once (the caller watches
    /// standardOutput() for the "listening on" line, or kills it during its start-up).
    bool launch(const QStringList &extraArgs = {}, const QStringList &env = {});
    /// Runs the binary to completion (for --version, bad configs, commands): exit code.
    int run(const QStringList &args, const QStringList &env = {}, int timeoutMs = WAIT_MS);
    /// SIGTERM and wait; returns the exit code (-1 when it had to be killed).
    int terminate();
    /// SIGKILL (a crash: nothing is flushed, no shutdown runs) and wait.
    void kill();

    QProcess &process() { return m_process; }
    QString home() const { return m_home.path(); }
    quint16 port() const { return m_port; }
    QByteArray standardOutput() const { return m_stdout; }
    QByteArray standardError() const { return m_stderr; }

private:
    QTemporaryDir m_home;
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

/// Sends a GET with QNetworkAccessManager and returns {status, body}.
struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};
HttpResult httpGet(const QUrl &url, const QByteArray &method = "GET");
/// Sends raw bytes over TCP and returns everything the server wrote until it closed (or timeout).
QByteArray rawHttp(quint16 port, const QByteArray &bytes, int timeoutMs = WAIT_MS);

} // namespace TestSupport
