// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "ws/connection.h"

#include <QJsonArray>
#include <QPointer>
#include <QJsonObject>
#include <QTimerEvent>
#include <QUuid>
#include <QWebSocket>

#include "logging.h"
#include "protocol/methods.h"
#include "secrets/secretstore.h"
#include "ws/hub.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Protocol::ProtocolError;

namespace Gateway::Ws
{

namespace
{

constexpr int SERVER_MIN_PROTOCOL = 3;
constexpr int SERVER_MAX_PROTOCOL = 4;
constexpr quint64 PRE_CONNECT_MAX_FRAME = 64 * 1024;

constexpr int CLOSE_PROTOCOL_ERROR = 1002;
constexpr int CLOSE_POLICY = 1008;

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool isPositiveInt(const QJsonValue &value)
{
    return value.isDouble() && value.toDouble() >= 1 && value.toDouble() == double(value.toInteger());
}

QString invalidConnect(const QString &what)
{
    return u"invalid connect params: "_s + what;
}

ProtocolError authError(
    const QString &detailCode, const QString &message, const QString &authReason, const QString &nextStep)
{
    ProtocolError error = ProtocolError::invalidRequest(message, detailCode);
    error.details.insert(u"authReason"_s, authReason);
    error.details.insert(u"canRetryWithDeviceToken"_s, false);
    error.details.insert(u"recommendedNextStep"_s, nextStep);
    return error;
}

} // namespace

Connection::Connection(Hub *hub, QWebSocket *socket) : QObject(socket), m_hub(hub), m_socket(socket)
{
    m_clock.start();
    m_session.connId = newUuid();
    m_session.remoteAddress = socket->peerAddress().toString();
    m_nonce = newUuid();

    socket->setMaxAllowedIncomingFrameSize(PRE_CONNECT_MAX_FRAME);
    socket->setMaxAllowedIncomingMessageSize(PRE_CONNECT_MAX_FRAME);
    connect(socket, &QWebSocket::textMessageReceived, this, &Connection::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &Connection::onBinary);
    connect(socket, &QWebSocket::disconnected, this, &Connection::onDisconnected);

    m_handshakeTimer = startTimer(hub->settings().gateway.handshakeTimeoutMs);
    // The challenge carries no seq (openclaw-protocol.md §2.1).
    send(Protocol::eventFrame(
        u"connect.challenge"_s, QJsonObject { { u"nonce"_s, m_nonce }, { u"ts"_s, Protocol::nowMs() } }, -1));
}

Connection::~Connection()
{
    if (!m_gone)
        m_hub->connectionClosed(this);
}

void Connection::send(const QByteArray &frame)
{
    if (m_closing)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(frame));
    const qint64 pending = m_socket->bytesToWrite();
    if (pending > m_hub->settings().gateway.maxBufferedBytes) {
        qCWarning(lcGatewayWs).noquote() << "dropping slow client" << m_session.connId << "from"
                                         << m_session.remoteAddress << "with" << pending << "bytes unsent";
        m_closing = true;
        m_closeCode = -1;
        m_socket->abort();
    }
}

void Connection::sendEvent(const QString &event, const QJsonValue &payload)
{
    send(Protocol::eventFrame(event, payload, ++m_seq));
}

void Connection::close(int code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_closeCode = code;
    // A close reason may carry at most 123 bytes of UTF-8.
    QByteArray utf8 = reason.toUtf8();
    if (utf8.size() > 123) {
        utf8.truncate(123);
        while (!utf8.isEmpty() && (static_cast<unsigned char>(utf8.back()) & 0xC0) == 0x80)
            utf8.chop(1);
        if (!utf8.isEmpty() && (static_cast<unsigned char>(utf8.back()) & 0x80))
            utf8.chop(1);
    }
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), QString::fromUtf8(utf8));
    m_socket->flush();
}

void Connection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_handshakeTimer)
        return;
    killTimer(m_handshakeTimer);
    m_handshakeTimer = 0;
    if (!m_authenticated) {
        qCInfo(lcGatewayWs).noquote() << "closing" << m_session.remoteAddress << "- no connect within"
                                      << m_hub->settings().gateway.handshakeTimeoutMs << "ms";
        close(CLOSE_POLICY, u"connect timeout"_s);
    }
}

void Connection::onText(const QString &message)
{
    if (m_closing)
        return;
    auto parsed = Protocol::parseRequest(message.toUtf8());
    if (!m_authenticated) {
        if (!parsed) {
            const QString text = u"invalid handshake: "_s + parsed.error().message;
            rejectHandshake(parsed.error().id, ProtocolError::invalidRequest(text), CLOSE_POLICY);
            return;
        }
        if (parsed->method != u"connect") {
            rejectHandshake(parsed->id,
                ProtocolError::invalidRequest(u"invalid handshake: first request must be connect"_s), CLOSE_POLICY);
            return;
        }
        handleConnect(*parsed);
        return;
    }

    if (!parsed) {
        qCInfo(lcGatewayProtocol).noquote() << "bad frame from" << m_session.connId << ":" << parsed.error().message;
        if (!parsed.error().id.isEmpty())
            send(Protocol::errorFrame(parsed.error().id, ProtocolError::invalidRequest(parsed.error().message)));
        return;
    }
    const Protocol::Request &request = *parsed;
    if (request.method == u"connect") {
        // A second connect is an ordinary admin-scoped call (openclaw-protocol.md §2.4).
        if (!m_session.hasScope(Protocol::Scope::Admin.toString()))
            send(Protocol::errorFrame(
                request.id, Protocol::Dispatcher::missingScope(Protocol::Scope::Admin.toString())));
        else
            send(Protocol::errorFrame(
                request.id, ProtocolError::invalidRequest(u"already connected"_s, u"ALREADY_CONNECTED"_s)));
        return;
    }
    QPointer<Connection> self(this);
    const Protocol::Reply reply(request.id, [self](const QByteArray &frame) {
        if (self)
            self->send(frame);
    });
    m_hub->dispatcher().dispatch(m_session, request, reply);
}

void Connection::onBinary(const QByteArray &message)
{
    if (m_closing)
        return;
    if (!m_authenticated) {
        rejectHandshake(
            {}, ProtocolError::invalidRequest(u"invalid handshake: binary frames are not accepted"_s), CLOSE_POLICY);
        return;
    }
    // Text frames only; with no id there is nothing to answer, and the socket stays open.
    qCInfo(lcGatewayProtocol).noquote() << "ignored a binary frame of" << message.size() << "bytes from"
                                        << m_session.connId;
}

void Connection::rejectHandshake(const QString &id, const ProtocolError &error, int closeCode)
{
    qCInfo(lcGatewayWs).noquote() << "handshake rejected for" << m_session.remoteAddress << ":" << error.message;
    if (!id.isEmpty())
        send(Protocol::errorFrame(id, error));
    close(closeCode, error.message);
}

void Connection::handleConnect(const Protocol::Request &request)
{
    const QJsonObject &params = request.params;
    const Config::GatewaySettings &gw = m_hub->settings().gateway;

    // Shape first: a strict parse of the fields we rely on.
    const QJsonValue minValue = params.value(u"minProtocol"_s);
    const QJsonValue maxValue = params.value(u"maxProtocol"_s);
    if (!isPositiveInt(minValue) || !isPositiveInt(maxValue) || minValue.toInteger() > maxValue.toInteger()) {
        rejectHandshake(request.id,
            ProtocolError::invalidRequest(
                invalidConnect(u"minProtocol and maxProtocol must be integers ≥ 1 with min ≤ max"_s)),
            CLOSE_POLICY);
        return;
    }
    const QJsonValue clientValue = params.value(u"client"_s);
    const QJsonObject client = clientValue.toObject();
    const auto stringField = [&client](const QString &key) { return client.value(key).toString(); };
    if (!clientValue.isObject() || !client.value(u"id"_s).isString() || stringField(u"id"_s).isEmpty()
        || !client.value(u"version"_s).isString() || !client.value(u"platform"_s).isString()
        || !client.value(u"mode"_s).isString() || stringField(u"mode"_s).isEmpty()) {
        rejectHandshake(request.id,
            ProtocolError::invalidRequest(invalidConnect(u"client must have string id, version, platform and mode"_s)),
            CLOSE_POLICY);
        return;
    }
    const QJsonValue roleValue = params.value(u"role"_s);
    const QString role = roleValue.isString() ? roleValue.toString() : u"operator"_s;
    if ((!roleValue.isUndefined() && !roleValue.isString()) || role != u"operator") {
        rejectHandshake(request.id,
            ProtocolError::invalidRequest(
                invalidConnect(u"role \"%1\" is not supported; use \"operator\""_s.arg(role.left(32)))),
            CLOSE_POLICY);
        return;
    }
    const QJsonValue scopesValue = params.value(u"scopes"_s);
    if (!scopesValue.isUndefined() && !scopesValue.isArray()) {
        rejectHandshake(
            request.id, ProtocolError::invalidRequest(invalidConnect(u"scopes must be an array"_s)), CLOSE_POLICY);
        return;
    }
    const QJsonValue authValue = params.value(u"auth"_s);
    if (!authValue.isUndefined() && !authValue.isNull() && !authValue.isObject()) {
        rejectHandshake(
            request.id, ProtocolError::invalidRequest(invalidConnect(u"auth must be an object"_s)), CLOSE_POLICY);
        return;
    }

    // Protocol range.
    const int clientMin = int(minValue.toInteger());
    const int clientMax = int(maxValue.toInteger());
    if (clientMax < SERVER_MIN_PROTOCOL || clientMin > SERVER_MAX_PROTOCOL) {
        ProtocolError error = ProtocolError::invalidRequest(u"protocol mismatch"_s, u"PROTOCOL_MISMATCH"_s);
        error.details.insert(u"clientMinProtocol"_s, clientMin);
        error.details.insert(u"clientMaxProtocol"_s, clientMax);
        error.details.insert(u"expectedProtocol"_s, SERVER_MAX_PROTOCOL);
        error.details.insert(u"minimumProbeProtocol"_s, SERVER_MIN_PROTOCOL);
        error.details.insert(u"supportedProtocols"_s, QJsonArray { SERVER_MIN_PROTOCOL, SERVER_MAX_PROTOCOL });
        rejectHandshake(request.id, error, CLOSE_PROTOCOL_ERROR);
        return;
    }

    // Authentication, rate-limited per address.
    AuthLimiter &limiter = m_hub->authLimiter();
    const qint64 now = Protocol::nowMs();
    if (const qint64 wait = limiter.retryAfterMs(m_session.remoteAddress, now); wait > 0) {
        ProtocolError error = ProtocolError::invalidRequest(
            u"unauthorized: too many failed attempts; retry later"_s, u"AUTH_RATE_LIMITED"_s);
        error.retryable = true;
        error.retryAfterMs = wait;
        error.details.insert(u"recommendedNextStep"_s, u"wait_then_retry"_s);
        rejectHandshake(request.id, error, CLOSE_POLICY);
        return;
    }
    const QJsonObject auth = authValue.toObject();
    const QString offered = auth.value(u"token"_s).isString() && !auth.value(u"token"_s).toString().isEmpty()
        ? auth.value(u"token"_s).toString()
        : auth.value(u"password"_s).toString();
    const AuthConfig &config = m_hub->auth();
    if (config.mode != u"none") {
        const bool password = config.mode == u"password";
        const QString expected = password ? config.password : config.token;
        const QString kind = password ? u"PASSWORD"_s : u"TOKEN"_s;
        const QString noun = password ? u"gateway password"_s : u"gateway token"_s;
        std::optional<ProtocolError> failure;
        // A personal access token names its user; the gateway token (or password) is the owner.
        std::optional<TokenUser> tokenUser;
        const bool ownerSecret = !expected.isEmpty() && !offered.isEmpty()
            && Secrets::constantTimeEquals(offered.toUtf8(), expected.toUtf8());
        if (!ownerSecret && !offered.isEmpty() && config.userToken)
            tokenUser = config.userToken(offered);
        if (ownerSecret || tokenUser) {
            // authenticated
        } else if (expected.isEmpty()) {
            failure = authError(u"AUTH_%1_NOT_CONFIGURED"_s.arg(kind),
                u"unauthorized: no %1 is configured on the gateway"_s.arg(noun),
                u"%1_not_configured"_s.arg(kind.toLower()), u"update_auth_configuration"_s);
        } else if (offered.isEmpty()) {
            failure = authError(u"AUTH_%1_MISSING"_s.arg(kind),
                u"unauthorized: %1 missing (pass --token, or set SKYNET_GATEWAY_TOKEN)"_s.arg(noun),
                u"%1_missing"_s.arg(kind.toLower()), u"update_auth_configuration"_s);
        } else {
            failure = authError(u"AUTH_%1_MISMATCH"_s.arg(kind),
                u"unauthorized: %1 mismatch (check the token you passed against the gateway's)"_s.arg(noun),
                u"%1_mismatch"_s.arg(kind.toLower()), u"update_auth_credentials"_s);
        }
        if (failure) {
            limiter.recordFailure(m_session.remoteAddress, now);
            Q_EMIT m_hub->authenticationFailed(m_session.remoteAddress, failure->details.value(u"code"_s).toString());
            rejectHandshake(request.id, *failure, CLOSE_POLICY);
            return;
        }
        limiter.recordSuccess(m_session.remoteAddress);
        if (tokenUser) {
            m_session.userId = tokenUser->userId;
            m_session.userRole = tokenUser->role;
        } else {
            m_session.isOwner = true;
            m_session.userRole = u"admin"_s;
        }
    } else {
        m_session.isOwner = true;
        m_session.userRole = u"admin"_s;
    }

    // Scopes: what was asked for; nothing asked means admin (§3.1). Probes get read access.
    QStringList scopes;
    for (const QJsonValue &scope : scopesValue.toArray()) {
        const QString name = scope.toString();
        if (name.startsWith(u"operator.") && name.size() <= 64 && !scopes.contains(name))
            scopes.append(name);
    }
    const QString mode = stringField(u"mode"_s);
    if (m_session.userRole != u"admin") {
        // Users and children never hold more than read and write, whatever they ask for.
        const QStringList asked = scopes;
        scopes.clear();
        for (const QString &scope : asked) {
            if (scope == Protocol::Scope::Read || scope == Protocol::Scope::Write)
                scopes.append(scope);
        }
        if (scopes.isEmpty())
            scopes = mode == u"probe"
                ? QStringList { Protocol::Scope::Read.toString() }
                : QStringList { Protocol::Scope::Read.toString(), Protocol::Scope::Write.toString() };
    }
    if (scopes.isEmpty())
        scopes.append(mode == u"probe" ? Protocol::Scope::Read.toString() : Protocol::Scope::Admin.toString());

    m_session.protocol = qMin(clientMax, SERVER_MAX_PROTOCOL);
    m_session.role = role;
    m_session.scopes = scopes;
    m_session.clientId = stringField(u"id"_s).left(64);
    m_session.clientVersion = stringField(u"version"_s).left(64);
    m_session.platform = stringField(u"platform"_s).left(64);
    m_session.mode = mode.left(32);
    m_session.deviceFamily = stringField(u"deviceFamily"_s).left(64);
    m_session.instanceId = stringField(u"instanceId"_s).left(128);
    m_session.displayName = stringField(u"displayName"_s).left(128);
    for (const QJsonValue &cap : params.value(u"caps"_s).toArray()) {
        if (cap.isString() && m_session.caps.size() < 64)
            m_session.caps.append(cap.toString().left(64));
    }
    m_session.connectedAtMs = now;

    killTimer(m_handshakeTimer);
    m_handshakeTimer = 0;
    m_authenticated = true;
    m_socket->setMaxAllowedIncomingFrameSize(quint64(gw.maxPayload));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(gw.maxPayload));
    m_hub->connectionAuthenticated(this);
    send(Protocol::responseFrame(request.id, helloOk()));
    qCInfo(lcGatewayWs).noquote() << "client" << m_session.clientId << "mode" << m_session.mode << "protocol"
                                  << m_session.protocol << "connected from" << m_session.remoteAddress;
}

QJsonObject Connection::helloOk() const
{
    const Config::GatewaySettings &gw = m_hub->settings().gateway;
    const Protocol::GatewayInfo &info = m_hub->info();
    return QJsonObject {
        { u"type"_s, u"hello-ok"_s },
        { u"protocol"_s, m_session.protocol },
        { u"server"_s, QJsonObject { { u"version"_s, Protocol::serverVersion() }, { u"connId"_s, m_session.connId } } },
        { u"features"_s,
            QJsonObject { { u"methods"_s, m_hub->dispatcher().methodsJson() },
                { u"events"_s, QJsonArray::fromStringList(info.events()) } } },
        { u"snapshot"_s, Protocol::helloSnapshot(info) },
        { u"auth"_s,
            QJsonObject { { u"role"_s, m_session.role }, { u"scopes"_s, QJsonArray::fromStringList(m_session.scopes) },
                { u"method"_s, m_hub->auth().mode } } },
        { u"policy"_s,
            QJsonObject { { u"maxPayload"_s, gw.maxPayload }, { u"maxBufferedBytes"_s, gw.maxBufferedBytes },
                { u"tickIntervalMs"_s, gw.tickIntervalMs } } },
    };
}

void Connection::onDisconnected()
{
    if (m_gone)
        return;
    m_gone = true;
    m_closing = true;
    if (m_hub->settings().logging.accessLog) {
        const int code = m_closeCode > 0 ? m_closeCode : int(m_socket->closeCode());
        qCInfo(lcGatewayAccess).noquote()
            << u"ws connId=%1 client=%2 mode=%3 protocol=%4 status=%5 closeCode=%6 durationMs=%7 peer=%8"_s
                   .arg(m_session.connId, m_session.clientId.isEmpty() ? u"-"_s : m_session.clientId,
                       m_session.mode.isEmpty() ? u"-"_s : m_session.mode)
                   .arg(m_authenticated ? m_session.protocol : 0)
                   .arg(m_authenticated ? u"authenticated"_s : u"unauthenticated"_s)
                   .arg(m_closeCode == -1 ? u"dropped"_s : QString::number(code))
                   .arg(m_clock.elapsed())
                   .arg(m_session.remoteAddress);
    }
    m_hub->connectionClosed(this);
    m_socket->deleteLater();
}

} // namespace Gateway::Ws
