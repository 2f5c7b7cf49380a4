// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "terminal/terminalcontroller.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QQmlEngine>

#include "gatewayhost.h"
#include "service/service.h"

using namespace Qt::StringLiterals;

TerminalController *TerminalController::s_instance = nullptr;

TerminalController::TerminalController(GatewayHost &host, QObject *parent)
    : QObject(parent), m_host(host), m_pending(new TerminalRequestModel(this))
{
    Q_ASSERT_X(!s_instance, "TerminalController", "only one TerminalController may exist at a time");
    s_instance = this;
    connect(&m_host, &GatewayHost::serviceAboutToChange, this, &TerminalController::detach);
    connect(&m_host, &GatewayHost::serviceChanged, this, &TerminalController::attach);
    attach();
}

TerminalController::~TerminalController()
{
    s_instance = nullptr;
}

TerminalController *TerminalController::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "TerminalController::create", "Backends must create TerminalController before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void TerminalController::attach()
{
    m_client = m_host.client();
    if (m_client)
        connect(m_client, &Gateway::LocalClient::eventReceived, this, &TerminalController::onEvent);
    const bool enabled = m_host.service() && m_host.service()->settings().terminal.enabled;
    if (enabled != m_enabled) {
        m_enabled = enabled;
        Q_EMIT enabledChanged();
    }
    if (Gateway::Service *service = m_host.service())
        connect(service, &Gateway::Service::readyChanged, this, &TerminalController::refresh);
    refresh();
}

void TerminalController::detach()
{
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    if (Gateway::Service *service = m_host.service())
        disconnect(service, nullptr, this, nullptr);
    m_client.clear();
    ++m_generation;
    // Requests die with the gateway that held them.
    m_pending->clear();
}

void TerminalController::onEvent(const QString &name, const QJsonObject &payload)
{
    if (name == u"terminal.approval") {
        refresh();
        Q_EMIT approvalRequested(payload.value(u"command"_s).toString());
    } else if (name == u"terminal.resolved") {
        refresh();
    }
}

void TerminalController::refresh()
{
    if (!m_client || !m_enabled) {
        m_pending->clear();
        return;
    }
    const quint64 generation = ++m_generation;
    m_client->call(u"terminal.pending"_s, {}, [this, generation](const Gateway::LocalReply &reply) {
        if (generation != m_generation)
            return;
        if (!reply.ok) {
            if (reply.errorCode != u"UNAVAILABLE")
                setError(reply.errorMessage);
            return;
        }
        m_pending->setRows(reply.payload.toObject().value(u"requests"_s).toArray());
    });
}

void TerminalController::approve(qint64 requestId)
{
    if (!m_client)
        return setError(tr("The gateway is not running."));
    m_client->call(
        u"terminal.approve"_s, QJsonObject { { u"id"_s, requestId } }, [this](const Gateway::LocalReply &reply) {
            if (!reply.ok)
                setError(reply.errorMessage);
            refresh();
        });
}

void TerminalController::deny(qint64 requestId)
{
    if (!m_client)
        return setError(tr("The gateway is not running."));
    m_client->call(
        u"terminal.deny"_s, QJsonObject { { u"id"_s, requestId } }, [this](const Gateway::LocalReply &reply) {
            if (!reply.ok)
                setError(reply.errorMessage);
            refresh();
        });
}

void TerminalController::clearError()
{
    setError({});
}

void TerminalController::setError(const QString &message)
{
    if (message == m_errorString)
        return;
    m_errorString = message;
    Q_EMIT errorStringChanged();
}
