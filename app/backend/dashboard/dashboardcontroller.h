// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include "dashboard/statuslistmodel.h"

class GatewayHost;
class QJSEngine;
class QQmlEngine;

/// @brief What the dashboard shows beyond GatewayStatus: providers with health, channels, model
/// calls and cost today, pending pairing requests. Polls the gateway (through the owner's
/// LocalClient) while the page is visible (`active`), never otherwise.
class DashboardController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(DashboardController)
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged FINAL)
    Q_PROPERTY(StatusListModel *providers READ providers CONSTANT FINAL)
    Q_PROPERTY(StatusListModel *channels READ channels CONSTANT FINAL)
    Q_PROPERTY(int callsToday READ callsToday NOTIFY usageChanged FINAL)
    Q_PROPERTY(double costTodayUsd READ costTodayUsd NOTIFY usageChanged FINAL)
    Q_PROPERTY(QString costTodayText READ costTodayText NOTIFY usageChanged FINAL)
    Q_PROPERTY(int pendingPairings READ pendingPairings NOTIFY pendingPairingsChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)

public:
    explicit DashboardController(GatewayHost &host, QObject *parent = nullptr);
    ~DashboardController() override;
    static DashboardController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    bool isActive() const { return m_active; }
    void setActive(bool active);
    StatusListModel *providers() { return &m_providers; }
    StatusListModel *channels() { return &m_channels; }
    int callsToday() const { return m_callsToday; }
    double costTodayUsd() const { return m_costTodayUsd; }
    QString costTodayText() const;
    int pendingPairings() const { return m_pendingPairings; }
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }

    /// The rows for a providers.status payload (public for tests).
    static QList<StatusListModel::Row> providerRows(const QJsonObject &payload);
    /// The rows for a channels.status payload (public for tests).
    static QList<StatusListModel::Row> channelRows(const QJsonObject &payload);

public Q_SLOTS:
    void refresh();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void activeChanged();
    void usageChanged();
    void pendingPairingsChanged();
    void errorStringChanged();
    /// One round of refresh() answered (tests wait on it).
    void refreshed();

private:
    void setErrorString(const QString &message);

    static DashboardController *s_instance;
    GatewayHost &m_host;
    QTimer m_timer;
    StatusListModel m_providers;
    StatusListModel m_channels;
    bool m_active = false;
    int m_callsToday = 0;
    double m_costTodayUsd = 0;
    int m_pendingPairings = 0;
    int m_outstanding = 0;
    QString m_errorString;
    QString m_roundError;
};
