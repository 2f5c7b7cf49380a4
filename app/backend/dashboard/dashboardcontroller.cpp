// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "dashboard/dashboardcontroller.h"

#include <chrono>

#include <QCoreApplication>
#include <QEvent>
#include <QJSEngine>
#include <QJsonArray>
#include <QLocale>
#include <QQmlEngine>

#include "gatewayhost.h"
#include "service/localclient.h"
#include "service/service.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

DashboardController *DashboardController::s_instance = nullptr;

DashboardController::DashboardController(GatewayHost &host, QObject *parent) : QObject(parent), m_host(host)
{
    Q_ASSERT_X(!s_instance, "DashboardController", "only one DashboardController may exist at a time");
    s_instance = this;
    m_timer.setInterval(3s);
    connect(&m_timer, &QTimer::timeout, this, &DashboardController::refresh);
    // The rows' state texts are translated here: a new language needs new rows.
    if (QCoreApplication *app = QCoreApplication::instance())
        app->installEventFilter(this);
    connect(&m_host, &GatewayHost::serviceChanged, this, [this] {
        m_outstanding = 0;
        if (m_active)
            refresh();
    });
}

bool DashboardController::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && watched == QCoreApplication::instance() && m_active)
        QMetaObject::invokeMethod(this, &DashboardController::refresh, Qt::QueuedConnection);
    return QObject::eventFilter(watched, event);
}

DashboardController::~DashboardController()
{
    s_instance = nullptr;
}

DashboardController *DashboardController::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "DashboardController::create", "main() must create it before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void DashboardController::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (active) {
        refresh();
        m_timer.start();
    } else {
        m_timer.stop();
    }
    Q_EMIT activeChanged();
}

QString DashboardController::costTodayText() const
{
    return QLocale().toCurrencyString(m_costTodayUsd, u"$"_s, m_costTodayUsd < 1 ? 4 : 2);
}

void DashboardController::setErrorString(const QString &message)
{
    if (message == m_errorString)
        return;
    m_errorString = message;
    Q_EMIT errorStringChanged();
}

QList<StatusListModel::Row> DashboardController::providerRows(const QJsonObject &payload)
{
    QList<StatusListModel::Row> rows;
    const QJsonArray providers = payload.value(u"providers"_s).toArray();
    for (const QJsonValue &value : providers) {
        const QJsonObject p = value.toObject();
        StatusListModel::Row row;
        row.key = p.value(u"id"_s).toString();
        row.name = row.key;
        const QString circuit = p.value(u"circuit"_s).toString();
        const bool available = p.value(u"available"_s).toBool();
        const QString lastError = p.value(u"lastError"_s).toString();
        if (!available) {
            row.health = StatusListModel::Health::Error;
            row.stateText = tr("Unavailable");
        } else if (circuit == u"half-open" || circuit == u"halfOpen" || p.value(u"consecutiveFailures"_s).toInt() > 0) {
            row.health = StatusListModel::Health::Warning;
            row.stateText = tr("Recovering");
        } else {
            row.health = StatusListModel::Health::Ok;
            row.stateText = tr("Healthy");
        }
        QStringList detail;
        if (const QString model = p.value(u"model"_s).toString(); !model.isEmpty())
            detail.append(model);
        if (p.value(u"local"_s).toBool())
            detail.append(tr("local"));
        if (!lastError.isEmpty() && row.health != StatusListModel::Health::Ok)
            detail.append(lastError);
        row.detail = detail.join(u" · "_s);
        rows.append(row);
    }
    return rows;
}

QList<StatusListModel::Row> DashboardController::channelRows(const QJsonObject &payload)
{
    QList<StatusListModel::Row> rows;
    const QJsonObject channels = payload.value(u"channels"_s).toObject();
    const QJsonObject labels = payload.value(u"channelLabels"_s).toObject();
    QStringList order;
    for (const QJsonValue &v : payload.value(u"channelOrder"_s).toArray())
        order.append(v.toString());
    for (const QString &key : channels.keys()) {
        if (!order.contains(key))
            order.append(key);
    }
    const QJsonObject failed = payload.value(u"failedDeliveries"_s).toObject();
    for (const QString &key : std::as_const(order)) {
        const QJsonObject c = channels.value(key).toObject();
        StatusListModel::Row row;
        row.key = key;
        row.name = labels.value(key).toString(key);
        const QString state = c.value(u"state"_s).toString();
        const QString lastError = c.value(u"lastError"_s).toString();
        if (c.value(u"running"_s).toBool()) {
            row.health = lastError.isEmpty() ? StatusListModel::Health::Ok : StatusListModel::Health::Warning;
            row.stateText = tr("Running");
        } else if (!lastError.isEmpty() || state == u"failed" || state == u"error") {
            row.health = StatusListModel::Health::Error;
            row.stateText = tr("Failed");
        } else {
            row.health = StatusListModel::Health::Off;
            row.stateText = state == u"starting" ? tr("Starting") : tr("Stopped");
        }
        row.detail = lastError;
        rows.append(row);
    }
    Q_UNUSED(failed)
    return rows;
}

void DashboardController::refresh()
{
    Gateway::LocalClient *client = m_host.client();
    if (!client || m_outstanding > 0)
        return;
    if (!m_host.service()->isReady()) {
        m_providers.setRows({});
        m_channels.setRows({});
        setErrorString({});
        Q_EMIT refreshed();
        return;
    }
    m_outstanding = 3;
    m_roundError.clear();
    const auto done = [this](const Gateway::LocalReply &reply) {
        if (!reply.ok && m_roundError.isEmpty())
            m_roundError = reply.errorMessage;
        if (--m_outstanding == 0) {
            setErrorString(m_roundError);
            Q_EMIT refreshed();
        }
    };
    client->call(u"providers.status"_s, {}, [this, done](const Gateway::LocalReply &reply) {
        if (reply.ok)
            m_providers.setRows(providerRows(reply.payload.toObject()));
        done(reply);
    });
    client->call(u"channels.status"_s, {}, [this, done](const Gateway::LocalReply &reply) {
        if (reply.ok) {
            const QJsonObject payload = reply.payload.toObject();
            m_channels.setRows(channelRows(payload));
            int pending = 0;
            const QJsonObject byChannel = payload.value(u"pendingPairings"_s).toObject();
            for (auto it = byChannel.begin(); it != byChannel.end(); ++it)
                pending += it.value().toInt();
            if (pending != m_pendingPairings) {
                m_pendingPairings = pending;
                Q_EMIT pendingPairingsChanged();
            }
        }
        done(reply);
    });
    client->call(u"usage.status"_s, { { u"days"_s, 1 } }, [this, done](const Gateway::LocalReply &reply) {
        if (reply.ok) {
            const QJsonObject totals = reply.payload.toObject().value(u"totals"_s).toObject();
            const int calls = totals.value(u"calls"_s).toInt();
            const double cost = totals.value(u"costUsd"_s).toDouble();
            if (calls != m_callsToday || !qFuzzyCompare(1 + cost, 1 + m_costTodayUsd)) {
                m_callsToday = calls;
                m_costTodayUsd = cost;
                Q_EMIT usageChanged();
            }
        }
        done(reply);
    });
}
