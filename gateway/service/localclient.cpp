// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "service/localclient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QPointer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Gateway
{

LocalClient::LocalClient(const Protocol::Dispatcher &dispatcher, const QString &displayName, QObject *parent)
    : QObject(parent), m_dispatcher(dispatcher)
{
    m_session.connId = u"local-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_session.protocol = 4;
    m_session.scopes = { Protocol::Scope::Admin.toString() };
    m_session.clientId = u"skynet-desktop"_s;
    m_session.clientVersion = QStringLiteral(SKYNET_VERSION);
    m_session.mode = u"ui"_s;
    m_session.platform = u"local"_s;
    m_session.displayName = displayName;
    m_session.remoteAddress = u"in-process"_s;
    m_session.connectedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_session.isOwner = true;
    m_session.userRole = u"admin"_s;
}

LocalClient::~LocalClient() = default;

QString LocalClient::call(const QString &method, const QJsonObject &params, Callback callback)
{
    const QString id = QString::number(m_nextId++);
    QPointer<LocalClient> self(this);
    // The dispatcher answers with a serialized `res` frame, now or later; it is read back here
    // and always handed over from the event loop, so callers see one order of events.
    auto sink = [self, callback = std::move(callback)](const QByteArray &frame) {
        if (!self || !callback)
            return;
        const QJsonObject res = QJsonDocument::fromJson(frame).object();
        LocalReply reply;
        reply.ok = res.value(u"ok"_s).toBool();
        reply.payload = res.value(u"payload"_s);
        if (!reply.ok) {
            const QJsonObject error = res.value(u"error"_s).toObject();
            reply.errorCode = error.value(u"code"_s).toString();
            reply.errorMessage = error.value(u"message"_s).toString();
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, callback, reply] {
                if (self)
                    callback(reply);
            },
            Qt::QueuedConnection);
    };
    m_dispatcher.dispatch(m_session, Protocol::Request { id, method, params }, Protocol::Reply(id, std::move(sink)));
    return id;
}

void LocalClient::deliver(const QString &name, const QJsonObject &payload)
{
    Q_EMIT eventReceived(name, payload);
}

} // namespace Gateway
