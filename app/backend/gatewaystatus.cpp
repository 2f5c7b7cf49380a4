// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "gatewaystatus.h"

#include <chrono>
#include <climits>

#include <QAbstractSocket>
#include <QHostAddress>
#include <QJSEngine>
#include <QQmlEngine>
#include <QThread>
#include <QTimer>

#include "gatewayhost.h"
#include "service/service.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

GatewayStatus *GatewayStatus::s_instance = nullptr;

GatewayStatus::GatewayStatus(GatewayHost &host, QObject *parent)
    : QObject(parent), m_host(host), m_uptimeTimer(new QTimer(this))
{
    Q_ASSERT_X(!s_instance, "GatewayStatus", "only one GatewayStatus may exist at a time");
    s_instance = this;

    m_uptimeTimer->setInterval(1s);
    connect(m_uptimeTimer, &QTimer::timeout, this, &GatewayStatus::refreshUptime);

    connect(&m_host, &GatewayHost::errorOccurred, this, &GatewayStatus::setErrorString);
    connect(&m_host, &GatewayHost::serviceChanged, this, &GatewayStatus::attach);
    attach();
}

void GatewayStatus::attach()
{
    Gateway::Service *service = m_host.service();
    connect(service, &Gateway::Service::runningChanged, this, &GatewayStatus::refresh, Qt::UniqueConnection);
    connect(service, &Gateway::Service::readyChanged, this, &GatewayStatus::refresh, Qt::UniqueConnection);
    connect(service, &Gateway::Service::clientCountChanged, this, &GatewayStatus::refresh, Qt::UniqueConnection);
    refresh();
}

GatewayStatus::~GatewayStatus()
{
    s_instance = nullptr;
}

GatewayStatus *GatewayStatus::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "GatewayStatus::create", "main() must create GatewayStatus before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    // QML must never delete the instance main() owns.
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

bool GatewayStatus::isRunning() const
{
    return m_running;
}

bool GatewayStatus::isReady() const
{
    return m_ready;
}

GatewayStatus::State GatewayStatus::state() const
{
    return m_state;
}

QString GatewayStatus::address() const
{
    return m_address;
}

int GatewayStatus::port() const
{
    return m_port;
}

QString GatewayStatus::url() const
{
    return m_url;
}

qint64 GatewayStatus::uptimeMs() const
{
    return m_uptimeMs;
}

QString GatewayStatus::uptimeText() const
{
    return formatUptime(m_uptimeMs);
}

int GatewayStatus::clientCount() const
{
    return m_clientCount;
}

QString GatewayStatus::errorString() const
{
    return m_errorString;
}

bool GatewayStatus::hasError() const
{
    return !m_errorString.isEmpty();
}

QString GatewayStatus::version() const
{
    return QStringLiteral(SKYNET_VERSION);
}

QString GatewayStatus::formatUptime(qint64 ms)
{
    const qint64 totalSeconds = qMax<qint64>(ms, 0) / 1000;
    const qint64 days = totalSeconds / 86400;
    const QString clock = u"%1:%2:%3"_s.arg((totalSeconds / 3600) % 24, 2, 10, QLatin1Char('0'))
                              .arg((totalSeconds / 60) % 60, 2, 10, QLatin1Char('0'))
                              .arg(totalSeconds % 60, 2, 10, QLatin1Char('0'));
    if (days == 0)
        return clock;
    // Two messages so that English needs no plural translation file; %n still gets each
    // language's plural forms.
    if (days == 1) {
        //: Uptime of one to two days; %1 is hours:minutes:seconds
        return tr("1 day %1").arg(clock);
    }
    //: Uptime of two days or more (%n >= 2); %1 is hours:minutes:seconds
    return tr("%n days %1", nullptr, int(qMin<qint64>(days, INT_MAX))).arg(clock);
}

void GatewayStatus::start()
{
    if (m_host.service()->isRunning())
        return;
    // GatewayHost reports a failure through errorOccurred (→ setErrorString).
    if (m_host.start().ok())
        setErrorString({});
    refresh();
}

void GatewayStatus::stop()
{
    m_host.stop();
    refresh();
}

void GatewayStatus::restart()
{
    if (m_host.restart().ok())
        setErrorString({});
    refresh();
}

void GatewayStatus::refresh()
{
    const Gateway::Service &service = *m_host.service();
    const bool running = service.isRunning();
    const bool ready = running && service.isReady();

    QString address;
    QString url;
    int port = 0;
    if (running) {
        port = service.port();
        const QHostAddress host = service.address();
        const QString hostText
            = host.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + host.toString() + u']' : host.toString();
        address = hostText + u':' + QString::number(port);
        url = service.url();
    }

    State state = State::Stopped;
    if (running)
        state = ready ? State::Ready : State::Starting;
    else if (hasError())
        state = State::Failed;

    if (running)
        m_uptimeTimer->start();
    else
        m_uptimeTimer->stop();

    const bool runningDiffers = m_running != running;
    const bool readyDiffers = m_ready != ready;
    const bool addressDiffers = m_address != address || m_url != url || m_port != port;
    const bool stateDiffers = m_state != state;
    m_running = running;
    m_ready = ready;
    m_address = address;
    m_url = url;
    m_port = port;
    m_state = state;

    if (runningDiffers)
        Q_EMIT runningChanged();
    if (readyDiffers)
        Q_EMIT readyChanged();
    if (addressDiffers)
        Q_EMIT addressChanged();
    if (stateDiffers)
        Q_EMIT stateChanged();

    const int clients = running ? service.clientCount() : 0;
    if (clients != m_clientCount) {
        m_clientCount = clients;
        Q_EMIT clientCountChanged();
    }
    refreshUptime();
}

void GatewayStatus::refreshUptime()
{
    const qint64 uptime = m_running ? qMax<qint64>(m_host.service()->uptimeMs(), 0) : 0;
    if (uptime == m_uptimeMs)
        return;
    m_uptimeMs = uptime;
    Q_EMIT uptimeMsChanged();
}

void GatewayStatus::setErrorString(const QString &message)
{
    if (message != m_errorString) {
        m_errorString = message;
        Q_EMIT errorStringChanged();
        // A failure may change the state without any running/ready signal from the service.
        refresh();
    }
    if (!message.isEmpty())
        Q_EMIT errorOccurred(message);
}
