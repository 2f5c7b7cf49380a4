// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "testsupport.h"

#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

#include "secrets/secretstore.h"
#include "service/service.h"

using namespace Qt::Literals::StringLiterals;

namespace TestSupport
{

// ---------------------------------------------------------------- TestGateway

TestGateway::TestGateway(
    const std::function<void(Gateway::Config::Settings &)> &adjust, bool openStorage, const QString &homePath)
    : m_homePath(homePath.isEmpty() ? m_home.path() : homePath)
{
    Gateway::Config::Settings settings;
    settings.home = m_homePath;
    // Tests never reach a hosted API by accident; a test enables the providers it fakes.
    settings.providers.anthropic.enabled = false;
    settings.providers.openai.enabled = false;
    settings.providers.ollama.baseUrl = u"http://127.0.0.1:9"_s;
    settings.gateway.port = 0;
    settings.logging.file = false;
    m_token = Gateway::Secrets::generateToken();
    m_secrets = std::make_shared<Gateway::Secrets::FileSecretStore>(QDir(m_homePath).filePath(u"secrets.json"_s));
    (void)m_secrets->open();
    (void)m_secrets->write(u"gateway.token"_s, m_token);
    settings.gateway.token = u"secret:gateway.token"_s;
    if (adjust)
        adjust(settings);
    m_service = std::make_unique<Gateway::Service>(settings, m_secrets);
    Gateway::Status status = openStorage ? m_service->start() : m_service->listen();
    if (!status)
        m_error = status.error().message;
}

TestGateway::~TestGateway()
{
    m_service.reset();
}

bool TestGateway::isRunning() const
{
    return m_service && m_service->isRunning();
}

quint16 TestGateway::port() const
{
    return m_service->port();
}

QUrl TestGateway::wsUrl() const
{
    return QUrl(u"%1://127.0.0.1:%2/"_s.arg(m_service->isTls() ? u"wss"_s : u"ws"_s).arg(port()));
}

QUrl TestGateway::httpUrl(const QString &path) const
{
    return QUrl(u"%1://127.0.0.1:%2%3"_s.arg(m_service->isTls() ? u"https"_s : u"http"_s).arg(port()).arg(path));
}

// ---------------------------------------------------------------- ProtocolClient

ProtocolClient::ProtocolClient() : m_socket(std::make_unique<QWebSocket>())
{
    QObject::connect(m_socket.get(), &QWebSocket::textMessageReceived, [this](const QString &text) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        if (frame.value(u"event"_s).toString() == u"connect.challenge")
            m_challenge = frame;
        m_frames.append(frame);
    });
    QObject::connect(m_socket.get(), &QWebSocket::disconnected, [this] { m_closed = true; });
}

ProtocolClient::~ProtocolClient()
{
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->abort();
}

bool ProtocolClient::open(const QUrl &url, const QByteArray &origin)
{
    QNetworkRequest request(url);
    if (!origin.isEmpty())
        request.setRawHeader("Origin", origin);
    m_socket->open(request);
    return QTest::qWaitFor([this] { return !m_challenge.isEmpty() || m_closed; }, WAIT_MS) && !m_challenge.isEmpty();
}

QJsonObject ProtocolClient::connectParams(
    const QString &token, int minProtocol, int maxProtocol, const QStringList &scopes)
{
    QJsonObject params {
        { u"minProtocol"_s, minProtocol },
        { u"maxProtocol"_s, maxProtocol },
        { u"client"_s,
            QJsonObject { { u"id"_s, u"test"_s }, { u"version"_s, u"1.0"_s }, { u"platform"_s, u"linux"_s },
                { u"mode"_s, u"test"_s } } },
        { u"role"_s, u"operator"_s },
        { u"caps"_s, QJsonArray() },
        { u"scopes"_s, QJsonArray::fromStringList(scopes) },
    };
    if (!token.isNull())
        params.insert(u"auth"_s, QJsonObject { { u"token"_s, token } });
    return params;
}

QJsonObject ProtocolClient::connect(const QJsonObject &params, const QString &id)
{
    const QJsonObject frame { { u"type"_s, u"req"_s }, { u"id"_s, id }, { u"method"_s, u"connect"_s },
        { u"params"_s, params } };
    sendText(QJsonDocument(frame).toJson(QJsonDocument::Compact));
    return waitForResponse(id);
}

bool ProtocolClient::openAndConnect(const QUrl &url, const QString &token, int maxProtocol, const QStringList &scopes)
{
    if (!open(url))
        return false;
    const QJsonObject response = connect(connectParams(token, 3, maxProtocol, scopes));
    return response.value(u"ok"_s).toBool()
        && response.value(u"payload"_s).toObject().value(u"type"_s).toString() == u"hello-ok";
}

QJsonObject ProtocolClient::waitForChatTerminal(const QString &runId, int timeoutMs)
{
    QJsonObject terminal;
    (void)QTest::qWaitFor(
        [&] {
            for (const QJsonObject &frame : std::as_const(m_frames)) {
                const QJsonObject p = frame.value(u"payload"_s).toObject();
                const QString state = p.value(u"state"_s).toString();
                if (frame.value(u"event"_s).toString() == u"chat" && p.value(u"runId"_s).toString() == runId
                    && (state == u"final" || state == u"error" || state == u"aborted")) {
                    terminal = p;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return terminal;
}

QJsonObject ProtocolClient::request(const QString &method, const QJsonObject &params, const QString &id)
{
    const QString requestId = id.isEmpty() ? u"r%1"_s.arg(m_nextId++) : id;
    QJsonObject frame { { u"type"_s, u"req"_s }, { u"id"_s, requestId }, { u"method"_s, method } };
    if (!params.isEmpty())
        frame.insert(u"params"_s, params);
    sendText(QJsonDocument(frame).toJson(QJsonDocument::Compact));
    return waitForResponse(requestId);
}

void ProtocolClient::sendText(const QByteArray &text)
{
    m_socket->sendTextMessage(QString::fromUtf8(text));
}

void ProtocolClient::sendBinary(const QByteArray &data)
{
    m_socket->sendBinaryMessage(data);
}

QJsonObject ProtocolClient::waitForResponse(const QString &id, int timeoutMs)
{
    QJsonObject found;
    (void)QTest::qWaitFor(
        [&] {
            for (const QJsonObject &frame : std::as_const(m_frames)) {
                if (frame.value(u"type"_s).toString() == u"res" && frame.value(u"id"_s).toString() == id) {
                    found = frame;
                    return true;
                }
            }
            return m_closed;
        },
        timeoutMs);
    if (found.isEmpty()) {
        for (const QJsonObject &frame : std::as_const(m_frames)) {
            if (frame.value(u"type"_s).toString() == u"res" && frame.value(u"id"_s).toString() == id)
                return frame;
        }
    }
    return found;
}

QJsonObject ProtocolClient::waitForEvent(const QString &event, int timeoutMs)
{
    QJsonObject found;
    (void)QTest::qWaitFor(
        [&] {
            for (const QJsonObject &frame : std::as_const(m_frames)) {
                if (frame.value(u"type"_s).toString() == u"event" && frame.value(u"event"_s).toString() == event) {
                    found = frame;
                    return true;
                }
            }
            return m_closed;
        },
        timeoutMs);
    return found;
}

int ProtocolClient::waitForClose(int timeoutMs)
{
    if (!QTest::qWaitFor([this] { return m_closed; }, timeoutMs))
        return -1;
    return int(m_socket->closeCode());
}

QString ProtocolClient::closeReason() const
{
    return m_socket->closeReason();
}

bool ProtocolClient::isOpen() const
{
    return !m_closed && m_socket->state() == QAbstractSocket::ConnectedState;
}

// ---------------------------------------------------------------- GatewayProcess

GatewayProcess::GatewayProcess()
{
    QObject::connect(
        &m_process, &QProcess::readyReadStandardOutput, [this] { m_stdout += m_process.readAllStandardOutput(); });
    QObject::connect(
        &m_process, &QProcess::readyReadStandardError, [this] { m_stderr += m_process.readAllStandardError(); });
}

GatewayProcess::~GatewayProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(START_MS);
    }
}

QString GatewayProcess::binary(const QString &name)
{
    return QDir(qEnvironmentVariable("SKYNET_BINARY_DIR")).filePath(u"bin/"_s + name);
}

static QProcessEnvironment processEnvironment(const QStringList &env)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const bool throwawayKeyring = environment.value(u"SKYNET_TEST_KEYRING"_s) == u"1";
    // A developer's own overrides must not leak into the test.
    for (const QString &key : environment.keys()) {
        if (key.startsWith(u"SKYNET_") && key != u"SKYNET_BINARY_DIR" && key != u"SKYNET_SOURCE_DIR")
            environment.remove(key);
    }
    // Nor may a gateway under test reach the developer's real keyring: only a throwaway keyring
    // (tests/support/keyring-session.sh) is passed on.
    if (!throwawayKeyring) {
        environment.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        environment.remove(u"DISPLAY"_s);
        environment.remove(u"WAYLAND_DISPLAY"_s);
    }
    for (const QString &entry : env) {
        const qsizetype eq = entry.indexOf(u'=');
        environment.insert(entry.left(eq), entry.mid(eq + 1));
    }
    return environment;
}

bool GatewayProcess::launch(const QStringList &extraArgs, const QStringList &env)
{
    // A restart (same home) must not find the previous run's "listening" line.
    m_stdout.clear();
    m_stderr.clear();
    m_process.setProcessEnvironment(processEnvironment(env));
    QStringList args { u"--home"_s, m_home.path(), u"--port"_s, u"0"_s };
    args += extraArgs;
    m_process.start(binary(), args);
    return m_process.waitForStarted(WAIT_MS);
}

bool GatewayProcess::start(const QStringList &extraArgs, const QStringList &env)
{
    if (!launch(extraArgs, env))
        return false;
    static const QRegularExpression listening(u"listening on wss?://[^:]+:(\\d+)"_s);
    QRegularExpressionMatch match;
    (void)QTest::qWaitFor(
        [&] {
            match = listening.match(QString::fromUtf8(m_stdout));
            return match.hasMatch() || m_process.state() == QProcess::NotRunning;
        },
        START_MS);
    if (!match.hasMatch())
        return false;
    m_port = quint16(match.captured(1).toUInt());
    return true;
}

int GatewayProcess::run(const QStringList &args, const QStringList &env, int timeoutMs)
{
    m_process.setProcessEnvironment(processEnvironment(env));
    m_process.start(binary(), args);
    if (!m_process.waitForStarted(timeoutMs))
        return -1;
    (void)QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(timeoutMs);
        return -1;
    }
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void GatewayProcess::kill()
{
    m_process.kill();
    // A SIGKILLed ASan process can take seconds to be torn down (its huge shadow mappings) when
    // both cores are busy: 10 s was seen to be too short.
    m_process.waitForFinished(START_MS);
}

int GatewayProcess::terminate()
{
    m_process.terminate();
    (void)QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, WAIT_MS);
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(START_MS);
        return -1;
    }
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

// ---------------------------------------------------------------- HTTP helpers

HttpResult httpGet(const QUrl &url, const QByteArray &method)
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    QNetworkReply *reply = manager.sendCustomRequest(request, method);
    (void)QTest::qWaitFor([reply] { return reply->isFinished(); }, WAIT_MS);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    delete reply;
    return result;
}

QByteArray rawHttp(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(bytes);
    QByteArray received;
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { received += socket.readAll(); });
    (void)QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    received += socket.readAll();
    return received;
}

} // namespace TestSupport
