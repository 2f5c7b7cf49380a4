// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "service/localclient.h"
#include "terminal/terminalrequestmodel.h"

class QJSEngine;
class QQmlEngine;

class GatewayHost;

/// @brief Approval of admin-terminal commands in the desktop app (docs/terminal.md).
///
/// Listens to the gateway's `terminal.approval` and `terminal.resolved` events on the host's
/// LocalClient (the owner, an admin) and keeps `pending` equal to terminal.pending. approve()
/// and deny() call terminal.approve / terminal.deny, so the decision is audited with the owner
/// as the approver, exactly as from any admin client.
class TerminalController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(TerminalController)

    Q_PROPERTY(TerminalRequestModel *pending READ pending CONSTANT FINAL)
    Q_PROPERTY(bool enabled READ isEnabled NOTIFY enabledChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)

public:
    /// host must outlive this object. Only one TerminalController may exist at a time.
    explicit TerminalController(GatewayHost &host, QObject *parent = nullptr);
    ~TerminalController() override;

    /// QML singleton factory: hands out the instance Backends created (never creates one).
    static TerminalController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    TerminalRequestModel *pending() const { return m_pending; }
    /// terminal.enabled of the running gateway.
    bool isEnabled() const { return m_enabled; }
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }

public Q_SLOTS:
    void refresh();
    void approve(qint64 requestId);
    void deny(qint64 requestId);
    void clearError();

Q_SIGNALS:
    void enabledChanged();
    void errorStringChanged();
    /// A new command waits for approval (for a desktop notification).
    void approvalRequested(const QString &command);

private:
    void attach();
    void detach();
    void onEvent(const QString &name, const QJsonObject &payload);
    void setError(const QString &message);

    static TerminalController *s_instance;

    GatewayHost &m_host;
    TerminalRequestModel *m_pending;
    QPointer<Gateway::LocalClient> m_client;
    bool m_enabled = false;
    QString m_errorString;
    quint64 m_generation = 0; ///< answers of an older refresh are dropped
};
