// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <memory>

#include <QObject>
#include <QString>

#include "desktop/notifier.h"

class QAction;
class QMenu;
class QSystemTrayIcon;

class DesktopIntegration;
class GatewayStatus;

/// @brief The tray icon of the desktop app (QtWidgets; compiled into `skynet` only).
///
/// Its tooltip is DesktopIntegration::trayToolTip (gateway state, address, clients); its menu
/// opens the window or the chat, starts or stops the gateway and quits. It is the sink of the
/// Notifier: messages appear as tray balloons, and a click on one opens the page it is about.
class SystemTray final : public QObject, public NotificationSink
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemTray)

public:
    /// True when the desktop shows tray icons (false offscreen, on bare X11, on some Wayland
    /// desktops without a StatusNotifier host).
    static bool isAvailable();

    SystemTray(DesktopIntegration &desktop, GatewayStatus &status, QObject *parent = nullptr);
    ~SystemTray() override;

    void showNotification(const QString &title, const QString &message, const QString &page) override;

private:
    void refresh();

    DesktopIntegration &m_desktop;
    GatewayStatus &m_status;
    QSystemTrayIcon *m_icon;
    std::unique_ptr<QMenu> m_menu; ///< owned here: a QMenu takes only a widget parent
    QAction *m_gatewayAction;
    QString m_lastPage;
};
