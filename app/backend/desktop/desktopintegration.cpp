// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "desktopintegration.h"

#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QJSEngine>
#include <QQmlEngine>
#include <QSettings>
#include <QThread>

#include "desktop/autostart.h"
#include "desktop/desktoplogging.h"
#include "desktop/notifier.h"
#include "gatewayhost.h"
#include "gatewaystatus.h"

using namespace Qt::StringLiterals;

namespace
{

const QString KEY_COLOR_SCHEME = u"desktop/colorScheme"_s;
const QString KEY_NOTIFICATIONS = u"desktop/notifications"_s;
const QString KEY_CLOSE_HINT_SHOWN = u"desktop/closeHintShown"_s;

QString schemeName(DesktopIntegration::ColorScheme scheme)
{
    switch (scheme) {
    case DesktopIntegration::ColorScheme::Light:
        return u"light"_s;
    case DesktopIntegration::ColorScheme::Dark:
        return u"dark"_s;
    case DesktopIntegration::ColorScheme::System:
        break;
    }
    return u"system"_s;
}

DesktopIntegration::ColorScheme schemeFromName(const QString &name)
{
    if (name == u"light")
        return DesktopIntegration::ColorScheme::Light;
    if (name == u"dark")
        return DesktopIntegration::ColorScheme::Dark;
    return DesktopIntegration::ColorScheme::System;
}

} // namespace

DesktopIntegration *DesktopIntegration::s_instance = nullptr;

DesktopIntegration::DesktopIntegration(GatewayHost *host, GatewayStatus *status, Options options, QObject *parent)
    : QObject(parent),
      m_host(host),
      m_status(status),
      m_minimized(options.minimized),
      m_autostart(std::make_unique<Autostart>(options.autostartEntryPath, options.program, options.autostartArguments)),
      m_notifier(new Notifier(this))
{
    Q_ASSERT_X(!s_instance, "DesktopIntegration", "only one DesktopIntegration may exist at a time");
    s_instance = this;

    if (!options.settingsPath.isEmpty()) {
        m_settings = std::make_unique<QSettings>(options.settingsPath, QSettings::IniFormat);
        m_notificationsEnabled = m_settings->value(KEY_NOTIFICATIONS, true).toBool();
        m_colorScheme = schemeFromName(m_settings->value(KEY_COLOR_SCHEME).toString());
    }
    m_notifier->setEnabled(m_notificationsEnabled);
    if (m_colorScheme != ColorScheme::System)
        applyColorScheme(m_colorScheme);

    if (m_host) {
        connect(m_host, &GatewayHost::errorOccurred, m_notifier, &Notifier::notifyGatewayError);
        connect(m_host, &GatewayHost::serviceAboutToChange, m_notifier, [this] { m_notifier->watch(nullptr); });
        connect(m_host, &GatewayHost::serviceChanged, m_notifier, [this] { m_notifier->watch(m_host->service()); });
        m_notifier->watch(m_host->service());
    }
    if (m_status) {
        for (const auto signal : { &GatewayStatus::stateChanged, &GatewayStatus::addressChanged,
                 &GatewayStatus::clientCountChanged, &GatewayStatus::errorStringChanged })
            connect(m_status, signal, this, &DesktopIntegration::refreshToolTip);
    }
    refreshToolTip();
}

DesktopIntegration::DesktopIntegration(Detached, QObject *parent)
    : QObject(parent),
      m_autostart(std::make_unique<Autostart>(QString(), QString(), QStringList())),
      m_notifier(new Notifier(this))
{
    refreshToolTip();
}

DesktopIntegration::~DesktopIntegration()
{
    if (s_instance == this)
        s_instance = nullptr;
}

DesktopIntegration *DesktopIntegration::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    if (!s_instance) {
        // Other pages' UI tests load Main.qml without the app's objects: give them inert defaults.
        auto *detached = new DesktopIntegration(Detached {}, nullptr);
        QJSEngine::setObjectOwnership(detached, QJSEngine::JavaScriptOwnership);
        Q_UNUSED(qmlEngine)
        return detached;
    }
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

DesktopIntegration::Options DesktopIntegration::defaultOptions(
    const QString &home, const QStringList &autostartArguments, bool minimized)
{
    Options options;
    options.settingsPath = QDir(home).filePath(u"desktop.ini"_s);
    options.autostartEntryPath = Autostart::defaultEntryPath();
    options.program = QCoreApplication::applicationFilePath();
    options.autostartArguments = autostartArguments;
    options.minimized = minimized;
    return options;
}

void DesktopIntegration::setTray(NotificationSink *tray)
{
    if (m_tray == tray)
        return;
    m_tray = tray;
    m_notifier->setSink(tray);
    Q_EMIT trayAvailableChanged();
}

bool DesktopIntegration::startAtLogin() const
{
    return m_autostart->isEnabled();
}

void DesktopIntegration::setStartAtLogin(bool enabled)
{
    if (enabled == startAtLogin())
        return;
    const Gateway::Status status = m_autostart->setEnabled(enabled);
    if (!status) {
        setErrorString(status.error().message);
    } else {
        setErrorString({});
        qCInfo(lcDesktop).noquote() << (enabled ? "start at login on:" : "start at login off:")
                                    << m_autostart->entryPath();
    }
    Q_EMIT startAtLoginChanged(); // also on failure: a bound switch snaps back
}

bool DesktopIntegration::isStartAtLoginSupported() const
{
    return !m_autostart->entryPath().isEmpty();
}

void DesktopIntegration::setNotificationsEnabled(bool enabled)
{
    if (enabled == m_notificationsEnabled)
        return;
    m_notificationsEnabled = enabled;
    m_notifier->setEnabled(enabled);
    if (m_settings)
        m_settings->setValue(KEY_NOTIFICATIONS, enabled);
    Q_EMIT notificationsEnabledChanged();
}

void DesktopIntegration::setColorScheme(ColorScheme scheme)
{
    if (scheme == m_colorScheme)
        return;
    m_colorScheme = scheme;
    applyColorScheme(scheme);
    if (m_settings)
        m_settings->setValue(KEY_COLOR_SCHEME, schemeName(scheme));
    Q_EMIT colorSchemeChanged();
}

bool DesktopIntegration::hideOnClose()
{
    if (!m_tray)
        return false;
    const bool hintShown = m_settings && m_settings->value(KEY_CLOSE_HINT_SHOWN, false).toBool();
    if (!hintShown && !m_closeHintShown) {
        m_closeHintShown = true;
        if (m_settings)
            m_settings->setValue(KEY_CLOSE_HINT_SHOWN, true);
        m_tray->showNotification(tr("Skynet keeps running"),
            tr("The gateway still runs in the system tray. Choose Quit in its menu to exit."), QString());
    }
    return true;
}

QPalette DesktopIntegration::darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe8, 0xe8, 0xe8);
    const QColor disabledText(0x80, 0x80, 0x80);
    const QColor button(0x35, 0x35, 0x35);
    const QColor highlight(0x3d, 0x8e, 0xe0);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, button);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    palette.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x40));
    palette.setColor(QPalette::Mid, QColor(0x30, 0x30, 0x30));
    palette.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1a));
    palette.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    palette.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    for (const QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    return palette;
}

QPalette DesktopIntegration::lightPalette()
{
    QPalette palette;
    const QColor window(0xef, 0xef, 0xef);
    const QColor text(0x1f, 0x1f, 0x1f);
    const QColor disabledText(0x9a, 0x9a, 0x9a);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf7, 0xf7));
    palette.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x70, 0x70, 0x70));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Light, Qt::white);
    palette.setColor(QPalette::Midlight, QColor(0xe3, 0xe3, 0xe3));
    palette.setColor(QPalette::Mid, QColor(0xa0, 0xa0, 0xa0));
    palette.setColor(QPalette::Dark, QColor(0x9f, 0x9f, 0x9f));
    palette.setColor(QPalette::Shadow, QColor(0x76, 0x76, 0x76));
    palette.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x0b, 0x57, 0xd0));
    palette.setColor(QPalette::LinkVisited, QColor(0x68, 0x1d, 0xa8));
    for (const QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        palette.setColor(QPalette::Disabled, role, disabledText);
    return palette;
}

void DesktopIntegration::applyColorScheme(ColorScheme scheme)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return;
    switch (scheme) {
    case ColorScheme::Dark:
        QGuiApplication::setPalette(darkPalette());
        break;
    case ColorScheme::Light:
        QGuiApplication::setPalette(lightPalette());
        break;
    case ColorScheme::System:
        // A palette with no roles set resets the application palette to the platform theme's.
        QGuiApplication::setPalette(QPalette());
        break;
    }
}

void DesktopIntegration::showWindow(const QString &page)
{
    Q_EMIT showRequested(page);
}

void DesktopIntegration::toggleGateway()
{
    if (!m_status)
        return;
    if (m_status->isRunning())
        m_status->stop();
    else
        m_status->start();
}

void DesktopIntegration::quit()
{
    QCoreApplication::quit();
}

void DesktopIntegration::notifyPairingRequest(const QString &channel, const QString &code, const QString &name)
{
    m_notifier->notifyPairingRequest(channel, code, name);
}

void DesktopIntegration::clearError()
{
    setErrorString({});
}

void DesktopIntegration::refreshToolTip()
{
    QString text;
    if (!m_status) {
        text = tr("Skynet");
    } else {
        switch (m_status->state()) {
        case GatewayStatus::State::Ready:
            // Two strings rather than %n: English has no .qm to pick the plural form from.
            text = m_status->clientCount() == 1
                ? tr("Skynet: gateway running on %1, 1 client").arg(m_status->address())
                : tr("Skynet: gateway running on %1, %2 clients").arg(m_status->address()).arg(m_status->clientCount());
            break;
        case GatewayStatus::State::Starting:
            text = tr("Skynet: gateway starting on %1").arg(m_status->address());
            break;
        case GatewayStatus::State::Failed:
            text = tr("Skynet: gateway failed: %1").arg(m_status->errorString());
            break;
        case GatewayStatus::State::Stopped:
            text = tr("Skynet: gateway stopped");
            break;
        }
    }
    if (text == m_trayToolTip)
        return;
    m_trayToolTip = text;
    Q_EMIT trayToolTipChanged();
}

void DesktopIntegration::setErrorString(const QString &message)
{
    if (!message.isEmpty())
        Q_EMIT errorOccurred(message);
    if (message == m_errorString)
        return;
    m_errorString = message;
    Q_EMIT errorStringChanged();
}
