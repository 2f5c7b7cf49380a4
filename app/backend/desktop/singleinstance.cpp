// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QRegularExpression>
#include <QTimer>

#include "desktoplogging.h"

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace
{

/// The user's id for the socket name (the login name where there are no uids).
QString userId()
{
#if defined(Q_OS_UNIX)
    return QString::number(::getuid());
#else
    const QString name = qEnvironmentVariable("USERNAME");
    return QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex().left(12));
#endif
}

#if defined(Q_OS_UNIX)
/// True when dir exists, is ours and nobody else may enter it.
bool isPrivateFolder(const QString &dir)
{
    const QFileInfo info(dir);
    if (!info.isDir() || info.isSymLink() || info.ownerId() != ::getuid())
        return false;
    const QFile::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    return (info.permissions() & others) == 0;
}

/// $XDG_RUNTIME_DIR when it is private, else <tmp>/skynet-<uid> (created 0700); "" when neither is.
QString privateSocketFolder()
{
    if (const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        !runtime.isEmpty() && QDir::isAbsolutePath(runtime) && isPrivateFolder(runtime))
        return runtime;
    const QString fallback = QDir(QDir::tempPath()).filePath(u"skynet-"_s + userId());
    if (!QFileInfo::exists(fallback)) {
        QDir().mkdir(fallback);
        QFile::setPermissions(fallback, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    return isPrivateFolder(fallback) ? fallback : QString();
}
#endif

/// Ends a peer's connection without an answer; its slot is free again once it is deleted.
void drop(QLocalSocket *socket)
{
    socket->abort();
    socket->deleteLater(); // also when abort() emitted no disconnected()
}

} // namespace

SingleInstance::SingleInstance(QString socketPath, QObject *parent)
    : QObject(parent), m_socketPath(std::move(socketPath))
{
}

SingleInstance::~SingleInstance()
{
    if (m_server) {
        // The peers die with the server: their destroyed() must not reach this half-gone object.
        const QList<QLocalSocket *> peers = m_server->findChildren<QLocalSocket *>();
        for (QLocalSocket *peer : peers)
            peer->disconnect(this);
        m_server->close(); // removes the socket file
    }
}

QString SingleInstance::socketPathFor(const QString &home)
{
    const QByteArray homeHash
        = QCryptographicHash::hash(QDir(home).absolutePath().toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    const QString name = u"skynet-"_s + userId() + u'-' + QString::fromLatin1(homeHash) + u".sock"_s;
#if defined(Q_OS_UNIX)
    const QString folder = privateSocketFolder();
    return folder.isEmpty() ? QString() : QDir(folder).filePath(name);
#else
    // A named pipe; QLocalServer::UserAccessOption keeps other users out.
    return name;
#endif
}

std::optional<QString> SingleInstance::parseMessage(const QByteArray &line)
{
    if (line.size() > MAX_MESSAGE_BYTES)
        return std::nullopt;
    const QString text = QString::fromLatin1(line.trimmed());
    if (text == u"raise"_s)
        return QString();
    static const QRegularExpression show(u"^show ([a-z]{1,32})$"_s);
    if (const QRegularExpressionMatch match = show.match(text); match.hasMatch())
        return match.captured(1);
    return std::nullopt;
}

QByteArray SingleInstance::messageFor(const QString &page)
{
    return page.isEmpty() ? QByteArray("raise") : "show " + page.toLatin1();
}

SingleInstance::Role SingleInstance::start()
{
    if (m_role != Role::Unknown)
        return m_role;
    if (m_socketPath.isEmpty()) {
        m_errorString = tr("No private folder for the single-instance socket");
        m_role = Role::Unguarded;
        return m_role;
    }
    // Two launches at the same moment must not both remove the other's socket: the check and
    // the listen happen under a lock file (a crashed holder's lock is recognised as stale).
    QLockFile lock(m_socketPath + u".lock"_s);
    const bool locked = lock.tryLock(int(IO_TIMEOUT.count()));
    if (!locked)
        qCWarning(lcDesktop) << "could not lock" << lock.fileName() << "- checking for another instance anyway";

    auto peer = std::make_unique<QLocalSocket>();
    peer->connectToServer(m_socketPath);
    if (peer->waitForConnected(int(IO_TIMEOUT.count()))) {
        m_peer = std::move(peer);
        m_role = Role::Secondary;
        return m_role;
    }
    // Nobody answers: no socket yet, or a stale one from a crash.
    m_role = listen() ? Role::Primary : Role::Unguarded;
    return m_role;
}

bool SingleInstance::listen()
{
    QLocalServer::removeServer(m_socketPath);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->setMaxPendingConnections(MAX_CONNECTIONS);
    if (!m_server->listen(m_socketPath)) {
        m_errorString = m_server->errorString();
        qCWarning(lcDesktop).noquote() << "cannot listen on" << m_socketPath << ":" << m_errorString
                                       << "- a second launch will open a second window";
        delete m_server;
        m_server = nullptr;
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections >= MAX_CONNECTIONS) {
            drop(socket);
            continue;
        }
        ++m_connections;
        socket->setReadBufferSize(MAX_MESSAGE_BYTES + 1);
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this] { --m_connections; });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        // A peer that never finishes its line is dropped.
        QTimer::singleShot(IO_TIMEOUT, socket, [socket] { drop(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void SingleInstance::onReadyRead(QLocalSocket *socket)
{
    if (!socket->canReadLine()) {
        if (socket->bytesAvailable() >= MAX_MESSAGE_BYTES) {
            qCDebug(lcDesktop) << "dropped a single-instance peer: line too long";
            drop(socket);
        }
        return;
    }
    const QByteArray line = socket->readLine(MAX_MESSAGE_BYTES + 1);
    const std::optional<QString> page = parseMessage(line);
    if (!page) {
        qCDebug(lcDesktop) << "ignored a malformed single-instance message";
        drop(socket);
        return;
    }
    socket->write("ok\n");
    socket->disconnectFromServer();
    qCInfo(lcDesktop).noquote() << "another launch asked to show the window"
                                << (page->isEmpty() ? QString() : QString(u"(page "_s + *page + u')'));
    Q_EMIT raiseRequested(*page);
}

bool SingleInstance::sendRaise(const QString &page)
{
    if (m_role != Role::Secondary || !m_peer)
        return false;
    m_peer->write(messageFor(page) + '\n');
    m_peer->flush();
    while (!m_peer->canReadLine()) {
        if (!m_peer->waitForReadyRead(int(IO_TIMEOUT.count())))
            return false;
    }
    return m_peer->readLine(MAX_MESSAGE_BYTES).trimmed() == "ok";
}
