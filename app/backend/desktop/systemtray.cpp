// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "systemtray.h"

#include <QAction>
#include <QGuiApplication>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>

#include "desktop/desktopintegration.h"
#include "gatewaystatus.h"

using namespace Qt::StringLiterals;

bool SystemTray::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

SystemTray::SystemTray(DesktopIntegration &desktop, GatewayStatus &status, QObject *parent)
    : QObject(parent),
      m_desktop(desktop),
      m_status(status),
      m_icon(new QSystemTrayIcon(QGuiApplication::windowIcon(), this)),
      m_menu(std::make_unique<QMenu>())
{
    QAction *open = m_menu->addAction(tr("Open Skynet"));
    QFont bold = open->font();
    bold.setBold(true);
    open->setFont(bold);
    connect(open, &QAction::triggered, &m_desktop, [this] { m_desktop.showWindow(); });
    QAction *chat = m_menu->addAction(tr("Chat"));
    connect(chat, &QAction::triggered, &m_desktop, [this] { m_desktop.showWindow(u"chat"_s); });
    m_menu->addSeparator();
    m_gatewayAction = m_menu->addAction(QString());
    connect(m_gatewayAction, &QAction::triggered, &m_desktop, &DesktopIntegration::toggleGateway);
    m_menu->addSeparator();
    QAction *quit = m_menu->addAction(tr("Quit Skynet"));
    connect(quit, &QAction::triggered, &m_desktop, &DesktopIntegration::quit);
    m_icon->setContextMenu(m_menu.get());

    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            m_desktop.showWindow();
    });
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, [this] { m_desktop.showWindow(m_lastPage); });
    connect(&m_desktop, &DesktopIntegration::trayToolTipChanged, this, &SystemTray::refresh);
    connect(&m_status, &GatewayStatus::runningChanged, this, &SystemTray::refresh);
    refresh();
    m_icon->show();
}

SystemTray::~SystemTray()
{
    m_icon->hide();
}

void SystemTray::showNotification(const QString &title, const QString &message, const QString &page)
{
    m_lastPage = page;
    m_icon->showMessage(title, message, QGuiApplication::windowIcon());
}

void SystemTray::refresh()
{
    m_icon->setToolTip(m_desktop.trayToolTip());
    m_gatewayAction->setText(m_status.isRunning() ? tr("Stop gateway") : tr("Start gateway"));
}
