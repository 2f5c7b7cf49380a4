// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <memory>

#include <QObject>
#include <QPalette>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;
class QSettings;

class Autostart;
class GatewayHost;
class GatewayStatus;
class NotificationSink;
class Notifier;

/// @brief The desktop side of the app for QML and the tray: close-to-tray, start at login,
/// notifications, the colour scheme and requests to show the window.
///
/// main() owns the only instance (create() hands it out). The tray, when the desktop has one,
/// is attached with setTray(); without a tray closing the window quits. Preferences are kept in
/// <home>/desktop.ini. C++ never touches the window: it asks with showRequested().
class DesktopIntegration final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(DesktopIntegration)

    Q_PROPERTY(bool trayAvailable READ isTrayAvailable NOTIFY trayAvailableChanged FINAL)
    Q_PROPERTY(bool startHidden READ startHidden NOTIFY trayAvailableChanged FINAL)
    Q_PROPERTY(bool startAtLogin READ startAtLogin WRITE setStartAtLogin NOTIFY startAtLoginChanged FINAL)
    Q_PROPERTY(bool startAtLoginSupported READ isStartAtLoginSupported CONSTANT FINAL)
    Q_PROPERTY(bool notificationsEnabled READ notificationsEnabled WRITE setNotificationsEnabled NOTIFY
            notificationsEnabledChanged FINAL)
    Q_PROPERTY(ColorScheme colorScheme READ colorScheme WRITE setColorScheme NOTIFY colorSchemeChanged FINAL)
    Q_PROPERTY(QString trayToolTip READ trayToolTip NOTIFY trayToolTipChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)

public:
    enum class ColorScheme {
        System, ///< the platform's palette
        Light,
        Dark,
    };
    Q_ENUM(ColorScheme)

    struct Options
    {
        QString settingsPath; ///< "" = preferences are not kept
        QString autostartEntryPath; ///< "" = start at login unsupported
        QString program; ///< the binary an autostart entry starts
        QStringList autostartArguments; ///< e.g. --minimized, --home DIR
        bool minimized = false; ///< --minimized: start hidden in the tray (when there is one)
    };

    /// host and status may be null (a UI test without a gateway); they must outlive this.
    DesktopIntegration(GatewayHost *host, GatewayStatus *status, Options options, QObject *parent = nullptr);
    ~DesktopIntegration() override;

    /// QML singleton factory: the instance main() created; without one (UI tests of other
    /// pages) a detached default instance owned by the engine, with no tray and no files.
    static DesktopIntegration *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    /// Options for the running app: preferences in home, the XDG autostart entry, this binary.
    static Options defaultOptions(const QString &home, const QStringList &autostartArguments, bool minimized);

    /// The tray (nullptr: none). It shows the notifications; its presence makes close hide.
    void setTray(NotificationSink *tray);
    Notifier *notifier() const { return m_notifier; }

    bool isTrayAvailable() const { return m_tray != nullptr; }
    bool startHidden() const { return m_minimized && m_tray; }
    bool startAtLogin() const;
    void setStartAtLogin(bool enabled);
    bool isStartAtLoginSupported() const;
    bool notificationsEnabled() const { return m_notificationsEnabled; }
    void setNotificationsEnabled(bool enabled);
    ColorScheme colorScheme() const { return m_colorScheme; }
    void setColorScheme(ColorScheme scheme);
    QString trayToolTip() const { return m_trayToolTip; }
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }

    /// The window is closing: true when it should hide instead (a tray keeps the app running).
    /// The first time, a notification says so.
    Q_INVOKABLE bool hideOnClose();

    static QPalette darkPalette();
    static QPalette lightPalette();
    /// Sets the application palette for scheme (System: back to the platform's).
    static void applyColorScheme(ColorScheme scheme);

public Q_SLOTS:
    /// Asks QML to show, raise and activate the window, on page when given.
    void showWindow(const QString &page = {});
    /// Starts the gateway when stopped, stops it when running.
    void toggleGateway();
    /// Leaves the app (tray Quit, Ctrl+Q).
    void quit();
    /// For the channels' pairingRequested(channel, code, name) signal.
    void notifyPairingRequest(const QString &channel, const QString &code, const QString &name);
    void clearError();

Q_SIGNALS:
    void trayAvailableChanged();
    void startAtLoginChanged();
    void notificationsEnabledChanged();
    void colorSchemeChanged();
    void trayToolTipChanged();
    void errorStringChanged();
    void errorOccurred(const QString &message);
    /// QML shows, raises and activates the window and, when page is not empty, shows that page.
    void showRequested(const QString &page);

private:
    struct Detached
    {
    };
    DesktopIntegration(Detached, QObject *parent);
    void refreshToolTip();
    void setErrorString(const QString &message);

    static DesktopIntegration *s_instance;

    GatewayHost *m_host = nullptr;
    GatewayStatus *m_status = nullptr;
    bool m_minimized = false;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Autostart> m_autostart;
    Notifier *m_notifier;
    NotificationSink *m_tray = nullptr;
    bool m_notificationsEnabled = true;
    bool m_closeHintShown = false; ///< this session (also without a settings file)
    ColorScheme m_colorScheme = ColorScheme::System;
    QString m_trayToolTip;
    QString m_errorString;
};
