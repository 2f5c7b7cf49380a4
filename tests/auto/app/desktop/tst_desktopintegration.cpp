// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// DesktopIntegration and Autostart: start at login (XDG entry), preferences, colour scheme in a
// loaded window, close-to-tray and Esc with a recording tray, the tray tooltip, --minimized.

#include <memory>

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPalette>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "backends.h"
#include "desktop/autostart.h"
#include "desktop/desktopintegration.h"
#include "desktop/notifier.h"
#include "gatewayhost.h"
#include "gatewaystatus.h"
#include "secrets/secretstore.h"
#include "service/bootstrap.h"
#include "testsupport.h"
#include "../guitestsupport.h"

using namespace Qt::StringLiterals;
using GuiTest::findItem;
using GuiTest::loadMainWindow;

namespace
{

class RecordingTray final : public NotificationSink
{
public:
    void showNotification(const QString &title, const QString &message, const QString &page) override
    {
        Q_UNUSED(message)
        Q_UNUSED(page)
        titles.append(title);
    }
    QStringList titles;
};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_DesktopIntegration final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void quoteExecArgument_data();
    void quoteExecArgument();
    void autostartEntryPath();
    void autostartWritesAndRemoves();
    void autostartFailures();
    void startAtLoginProperty();
    void preferencesPersist();
    void singletonFallback();
    void commandLine_data();
    void commandLine();
    void trayToolTipFollowsGateway();
    void gatewayErrorNotifies();
    void colorSchemeSwitchesTheme();
    void closeHidesToTray();
    void closeWithoutTray();
    void escapeHidesToTray();
    void startsHiddenInTray();
    void focusFrameShowsKeyboardFocus();

private:
    std::unique_ptr<GatewayHost> makeHost(int port = 0);
    DesktopIntegration::Options options() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<Gateway::Secrets::FileSecretStore> m_secrets;
};

void tst_DesktopIntegration::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_DesktopIntegration::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_secrets = std::make_shared<Gateway::Secrets::FileSecretStore>(m_dir->filePath(u"secrets.json"_s));
    QVERIFY(m_secrets->open().ok());
}

void tst_DesktopIntegration::cleanup()
{
    DesktopIntegration::applyColorScheme(DesktopIntegration::ColorScheme::System);
    qunsetenv("XDG_CONFIG_HOME");
    m_secrets.reset();
    m_dir.reset();
}

std::unique_ptr<GatewayHost> tst_DesktopIntegration::makeHost(int port)
{
    Gateway::Config::Settings settings;
    settings.home = m_dir->path();
    settings.gateway.bind = u"127.0.0.1"_s;
    settings.gateway.port = port;
    settings.gateway.auth = u"token"_s;
    settings.gateway.token = u"tst-desktop-token"_s;
    settings.logging.file = false;
    Gateway::Bootstrap boot { settings, m_secrets, {}, {} };
    return std::make_unique<GatewayHost>(boot, [boot] { return Gateway::Result<Gateway::Bootstrap>(boot); });
}

DesktopIntegration::Options tst_DesktopIntegration::options() const
{
    DesktopIntegration::Options options;
    options.settingsPath = m_dir->filePath(u"desktop.ini"_s);
    options.autostartEntryPath = m_dir->filePath(u"config/autostart/org.skynet.Skynet.desktop"_s);
    options.program = u"/opt/skynet/bin/skynet"_s;
    options.autostartArguments = { u"--minimized"_s };
    return options;
}

void tst_DesktopIntegration::quoteExecArgument_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("quoted");
    QTest::addRow("plain path") << u"/usr/bin/skynet"_s << u"/usr/bin/skynet"_s;
    QTest::addRow("option") << u"--minimized"_s << u"--minimized"_s;
    QTest::addRow("space") << u"/home/a b/skynet"_s << u"\"/home/a b/skynet\""_s;
    QTest::addRow("double quote") << uR"(/x/"q")"_s << uR"("/x/\\"q\\"")"_s;
    QTest::addRow("backslash: four in the file") << uR"(C:\dir)"_s << uR"("C:\\\\dir")"_s;
    QTest::addRow("dollar") << u"$HOME"_s << uR"("\\$HOME")"_s;
    QTest::addRow("backtick") << u"a`b"_s << uR"("a\\`b")"_s;
    QTest::addRow("percent (field code)") << u"50%"_s << u"50%%"_s;
    QTest::addRow("empty") << QString() << u"\"\""_s;
    QTest::addRow("newline is refused") << u"a\nb"_s << QString();
    QTest::addRow("carriage return is refused") << u"a\rb"_s << QString();
}

void tst_DesktopIntegration::quoteExecArgument()
{
    QFETCH(QString, argument);
    QFETCH(QString, quoted);
    QCOMPARE(Autostart::quoteExecArgument(argument), quoted);
}

void tst_DesktopIntegration::autostartEntryPath()
{
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir->filePath(u"xdg"_s)));
    QCOMPARE(Autostart::defaultEntryPath(), m_dir->filePath(u"xdg/autostart/org.skynet.Skynet.desktop"_s));
    // A relative XDG_CONFIG_HOME is invalid (XDG Base Directory) and ignored.
    qputenv("XDG_CONFIG_HOME", "relative/config");
    QCOMPARE(Autostart::defaultEntryPath(), QDir::homePath() + u"/.config/autostart/org.skynet.Skynet.desktop"_s);
    qunsetenv("XDG_CONFIG_HOME");
    QCOMPARE(Autostart::defaultEntryPath(), QDir::homePath() + u"/.config/autostart/org.skynet.Skynet.desktop"_s);
    QVERIFY(Autostart::isSupported());
}

void tst_DesktopIntegration::autostartWritesAndRemoves()
{
    const QString path = m_dir->filePath(u"config/autostart/org.skynet.Skynet.desktop"_s);
    Autostart autostart(path, u"/opt/Sky net/skynet"_s, { u"--minimized"_s, u"--home"_s, u"/h/.skynet"_s });
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(true).ok());
    QVERIFY(autostart.isEnabled());
    const QByteArray entry = readAll(path);
    QVERIFY(entry.startsWith("[Desktop Entry]\n"));
    QVERIFY(entry.contains("\nType=Application\n"));
    QVERIFY(entry.contains("\nExec=\"/opt/Sky net/skynet\" --minimized --home /h/.skynet\n"));
    QVERIFY(entry.contains("\nIcon=org.skynet.Skynet\n"));
    QCOMPARE(
        entry, Autostart::desktopEntry(u"/opt/Sky net/skynet"_s, { u"--minimized"_s, u"--home"_s, u"/h/.skynet"_s }));

    // Enabling again rewrites in place (atomically).
    QVERIFY(autostart.setEnabled(true).ok());
    QCOMPARE(readAll(path), entry);

    // The user (or a desktop's settings) disabled the entry without deleting it.
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("Hidden=true\n");
    }
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(true).ok());
    QVERIFY(autostart.isEnabled());

    QVERIFY(autostart.setEnabled(false).ok());
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!autostart.isEnabled());
    QVERIFY(autostart.setEnabled(false).ok()); // already off
}

void tst_DesktopIntegration::autostartFailures()
{
    // The config folder is a file: the entry cannot be written.
    QFile blocker(m_dir->filePath(u"config"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    Autostart blocked(m_dir->filePath(u"config/autostart/org.skynet.Skynet.desktop"_s), u"/bin/skynet"_s, {});
    const Gateway::Status status = blocked.setEnabled(true);
    QVERIFY(!status.ok());
    QVERIFY(!status.error().message.isEmpty());
    QVERIFY(!blocked.isEnabled());

    // A program path no Exec line can carry.
    Autostart newline(m_dir->filePath(u"ok/org.skynet.Skynet.desktop"_s), u"/bin/sky\nnet"_s, {});
    QVERIFY(!newline.setEnabled(true).ok());
    QVERIFY(!QFileInfo::exists(newline.entryPath()));

    // Unsupported (no path).
    Autostart unsupported(QString(), u"/bin/skynet"_s, {});
    QVERIFY(!unsupported.setEnabled(true).ok());
    QVERIFY(!unsupported.isEnabled());
}

void tst_DesktopIntegration::startAtLoginProperty()
{
    {
        DesktopIntegration desktop(nullptr, nullptr, options());
        QVERIFY(desktop.isStartAtLoginSupported());
        QVERIFY(!desktop.startAtLogin());
        QSignalSpy changed(&desktop, &DesktopIntegration::startAtLoginChanged);
        desktop.setStartAtLogin(true);
        QVERIFY(desktop.startAtLogin());
        QCOMPARE(changed.count(), 1);
        QVERIFY(readAll(options().autostartEntryPath).contains("\nExec=/opt/skynet/bin/skynet --minimized\n"));
        desktop.setStartAtLogin(true); // no change, no signal
        QCOMPARE(changed.count(), 1);
        desktop.setStartAtLogin(false);
        QVERIFY(!desktop.startAtLogin());
        QCOMPARE(changed.count(), 2);
        QVERIFY(!desktop.hasError());
    }
    {
        // Failure is state: errorString, errorOccurred, and the switch stays off.
        QVERIFY(QDir(m_dir->filePath(u"config"_s)).removeRecursively());
        QFile blocker(m_dir->filePath(u"config"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        DesktopIntegration desktop(nullptr, nullptr, options());
        QSignalSpy changed(&desktop, &DesktopIntegration::startAtLoginChanged);
        QSignalSpy failed(&desktop, &DesktopIntegration::errorOccurred);
        desktop.setStartAtLogin(true);
        QVERIFY(!desktop.startAtLogin());
        QVERIFY(desktop.hasError());
        QCOMPARE(failed.count(), 1);
        QCOMPARE(changed.count(), 1); // a bound switch snaps back
        desktop.clearError();
        QVERIFY(!desktop.hasError());
    }
    {
        DesktopIntegration::Options unsupported = options();
        unsupported.autostartEntryPath.clear();
        DesktopIntegration desktop(nullptr, nullptr, unsupported);
        QVERIFY(!desktop.isStartAtLoginSupported());
        desktop.setStartAtLogin(true);
        QVERIFY(!desktop.startAtLogin());
        QVERIFY(desktop.hasError());
    }
}

void tst_DesktopIntegration::preferencesPersist()
{
    {
        DesktopIntegration desktop(nullptr, nullptr, options());
        QCOMPARE(desktop.colorScheme(), DesktopIntegration::ColorScheme::System);
        QVERIFY(desktop.notificationsEnabled());
        QVERIFY(desktop.notifier()->isEnabled());
        QSignalSpy notificationsChanged(&desktop, &DesktopIntegration::notificationsEnabledChanged);
        QSignalSpy schemeChanged(&desktop, &DesktopIntegration::colorSchemeChanged);
        desktop.setNotificationsEnabled(false);
        desktop.setNotificationsEnabled(false);
        QCOMPARE(notificationsChanged.count(), 1);
        QVERIFY(!desktop.notifier()->isEnabled());
        desktop.setColorScheme(DesktopIntegration::ColorScheme::Dark);
        QCOMPARE(schemeChanged.count(), 1);
        QVERIFY(QGuiApplication::palette().color(QPalette::Window).lightnessF() < 0.5);
    }
    DesktopIntegration::applyColorScheme(DesktopIntegration::ColorScheme::System);
    QVERIFY(QGuiApplication::palette().color(QPalette::Window).lightnessF() >= 0.5);
    {
        // The next start reads them back, and applies the scheme.
        DesktopIntegration desktop(nullptr, nullptr, options());
        QCOMPARE(desktop.colorScheme(), DesktopIntegration::ColorScheme::Dark);
        QVERIFY(!desktop.notificationsEnabled());
        QVERIFY(!desktop.notifier()->isEnabled());
        QVERIFY(QGuiApplication::palette().color(QPalette::Window).lightnessF() < 0.5);
    }
    // A damaged value falls back to the system scheme.
    {
        QSettings settings(options().settingsPath, QSettings::IniFormat);
        settings.setValue(u"desktop/colorScheme"_s, u"purple"_s);
    }
    DesktopIntegration desktop(nullptr, nullptr, options());
    QCOMPARE(desktop.colorScheme(), DesktopIntegration::ColorScheme::System);
}

void tst_DesktopIntegration::singletonFallback()
{
    QQmlEngine engine;
    // Without the app's instance (another page's UI test): inert defaults, owned by the engine.
    DesktopIntegration *detached = DesktopIntegration::create(&engine, &engine);
    QVERIFY(detached);
    QCOMPARE(QJSEngine::objectOwnership(detached), QJSEngine::JavaScriptOwnership);
    QVERIFY(!detached->isTrayAvailable());
    QVERIFY(!detached->isStartAtLoginSupported());
    QVERIFY(!detached->hideOnClose());
    delete detached;

    DesktopIntegration desktop(nullptr, nullptr, options());
    QCOMPARE(DesktopIntegration::create(&engine, &engine), &desktop);
    QCOMPARE(QJSEngine::objectOwnership(&desktop), QJSEngine::CppOwnership);
}

void tst_DesktopIntegration::commandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("desktopApp");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("minimized");
    QTest::addRow("none") << QStringList {} << true << true << false;
    QTest::addRow("--minimized") << QStringList { u"--minimized"_s } << true << true << true;
    QTest::addRow("--minimized with home")
        << QStringList { u"--minimized"_s, u"--home"_s, u"/tmp/x"_s } << true << true << true;
    QTest::addRow("--minimized with a value") << QStringList { u"--minimized=yes"_s } << true << false << false;
    QTest::addRow("--minimized with --no-gui")
        << QStringList { u"--no-gui"_s, u"--minimized"_s } << true << false << false;
    QTest::addRow("--minimized for skynet-gateway") << QStringList { u"--minimized"_s } << false << false << false;
    QTest::addRow("misspelt") << QStringList { u"--minimised"_s } << true << false << false;
}

void tst_DesktopIntegration::commandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, desktopApp);
    QFETCH(bool, ok);
    QFETCH(bool, minimized);
    const auto parsed = Gateway::parseCommandLine(QStringList { u"skynet"_s } + arguments, desktopApp);
    QCOMPARE(parsed.ok(), ok);
    if (ok) {
        QCOMPARE(parsed->minimized, minimized);
        QVERIFY(parsed->helpText.contains(u"--minimized"_s));
    } else {
        QVERIFY(!parsed.error().message.isEmpty());
    }
}

void tst_DesktopIntegration::trayToolTipFollowsGateway()
{
    std::unique_ptr<GatewayHost> host = makeHost();
    GatewayStatus status(*host);
    Backends backends(*host); // the window's singletons, as main() makes them
    DesktopIntegration desktop(host.get(), &status, options());
    QCOMPARE(desktop.trayToolTip(), u"Skynet: gateway stopped"_s);
    QSignalSpy changed(&desktop, &DesktopIntegration::trayToolTipChanged);
    desktop.toggleGateway();
    QTRY_VERIFY(status.isReady());
    QTRY_COMPARE(desktop.trayToolTip(), u"Skynet: gateway running on %1, 0 clients"_s.arg(status.address()));
    QVERIFY(changed.count() >= 1);

    TestSupport::ProtocolClient client;
    QVERIFY(client.openAndConnect(QUrl(status.url()), u"tst-desktop-token"_s));
    QTRY_COMPARE(desktop.trayToolTip(), u"Skynet: gateway running on %1, 1 client"_s.arg(status.address()));
    client.socket().close();

    desktop.toggleGateway();
    QTRY_VERIFY(!status.isRunning());
    QCOMPARE(desktop.trayToolTip(), u"Skynet: gateway stopped"_s);
}

void tst_DesktopIntegration::gatewayErrorNotifies()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    std::unique_ptr<GatewayHost> host = makeHost(blocker.serverPort());
    GatewayStatus status(*host);
    Backends backends(*host); // the window's singletons, as main() makes them
    DesktopIntegration desktop(host.get(), &status, options());
    RecordingTray tray;
    desktop.setTray(&tray);
    status.start();
    QVERIFY(status.hasError());
    QCOMPARE(tray.titles, QStringList { u"Skynet gateway error"_s });
    QVERIFY(desktop.trayToolTip().startsWith(u"Skynet: gateway failed: "_s));

    // Notifications off: the next failure is silent.
    desktop.setNotificationsEnabled(false);
    status.start();
    QVERIFY(status.hasError());
    QCOMPARE(tray.titles.size(), 1);
    desktop.setTray(nullptr);
}

void tst_DesktopIntegration::colorSchemeSwitchesTheme()
{
    std::unique_ptr<GatewayHost> host = makeHost();
    GatewayStatus status(*host);
    Backends backends(*host); // the window's singletons, as main() makes them
    DesktopIntegration desktop(host.get(), &status, options());
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    // Theme is a QML singleton: read it the way the pages do, through an import.
    QQmlComponent probe(&engine);
    probe.setData("import QtQuick\nimport Skynet.Ui\nQtObject {\n"
                  "    readonly property bool dark: Theme.dark\n"
                  "    readonly property color danger: Theme.danger\n}\n",
        QUrl(u"qrc:/tst/Probe.qml"_s));
    std::unique_ptr<QObject> theme(probe.create());
    QVERIFY2(theme, qPrintable(probe.errorString()));
    const auto background = [window] {
        const QImage image = window->grabWindow();
        // Bottom right: the page's background, clear of any text.
        return image.pixelColor(image.width() - 8, image.height() - 8);
    };
    QCOMPARE(theme->property("dark").toBool(), false);
    QVERIFY(background().lightnessF() >= 0.5);

    desktop.setColorScheme(DesktopIntegration::ColorScheme::Dark);
    QTRY_COMPARE(theme->property("dark").toBool(), true);
    QTRY_VERIFY(background().lightnessF() < 0.5);
    QCOMPARE(theme->property("danger").value<QColor>(), QColor(u"#f28b82"_s)); // the dark variant
    if (qEnvironmentVariable("SKYNET_UPDATE_SCREENSHOTS") == u"1"_s) {
        const QString sourceDir = qEnvironmentVariable("SKYNET_SOURCE_DIR");
        QVERIFY2(!sourceDir.isEmpty(), "SKYNET_SOURCE_DIR is not set (run through ctest)");
        QVERIFY(window->grabWindow().save(sourceDir + u"/docs/screenshots/dashboard-dark.png"_s));
    }

    desktop.setColorScheme(DesktopIntegration::ColorScheme::Light);
    QTRY_COMPARE(theme->property("dark").toBool(), false);
    QTRY_VERIFY(background().lightnessF() >= 0.5);

    desktop.setColorScheme(DesktopIntegration::ColorScheme::Dark);
    QTRY_COMPARE(theme->property("dark").toBool(), true);
    desktop.setColorScheme(DesktopIntegration::ColorScheme::System); // the platform's (light offscreen)
    QTRY_COMPARE(theme->property("dark").toBool(), false);
    QTRY_VERIFY(background().lightnessF() >= 0.5);
}

void tst_DesktopIntegration::closeHidesToTray()
{
    std::unique_ptr<GatewayHost> host = makeHost();
    GatewayStatus status(*host);
    Backends backends(*host); // the window's singletons, as main() makes them
    DesktopIntegration desktop(host.get(), &status, options());
    RecordingTray tray;
    desktop.setTray(&tray);
    QVERIFY(desktop.isTrayAvailable());
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));

    window->close();
    QTRY_VERIFY(!window->isVisible());
    QCOMPARE(engine.rootObjects().size(), 1);
    QCOMPARE(tray.titles, QStringList { u"Skynet keeps running"_s }); // said once

    // The tray (or another launch) brings it back.
    window->setProperty("currentPage", u"dashboard"_s);
    desktop.showWindow(u"nonsense"_s);
    QTRY_VERIFY(window->isVisible());
    QCOMPARE(window->property("currentPage").toString(), u"dashboard"_s);
    window->close();
    QTRY_VERIFY(!window->isVisible());
    QCOMPARE(tray.titles.size(), 1);
    desktop.showWindow();
    QTRY_VERIFY(window->isVisible());

    // The hint is remembered across starts.
    QVERIFY(QSettings(options().settingsPath, QSettings::IniFormat).value(u"desktop/closeHintShown"_s).toBool());
    desktop.setTray(nullptr);
}

void tst_DesktopIntegration::closeWithoutTray()
{
    std::unique_ptr<GatewayHost> host = makeHost();
    GatewayStatus status(*host);
    Backends backends(*host); // the window's singletons, as main() makes them
    DesktopIntegration desktop(host.get(), &status, options());
    QVERIFY(!desktop.isTrayAvailable());
    QVERIFY(!desktop.hideOnClose());
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QSignalSpy closing(window, SIGNAL(closing(QQuickCloseEvent *)));
    window->close();
    QCOMPARE(closing.count(), 1);
    QVERIFY(!window->isVisible()); // closed for real: with the last window gone the app quits
}

void tst_DesktopIntegration::escapeHidesToTray()
{
    std::unique_ptr<GatewayHost> host = makeHost();
    GatewayStatus status(*host);
    Backends backends(*host); // the window's singletons, as main() makes them
    DesktopIntegration desktop(host.get(), &status, options());
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    window->requestActivate();
    QTRY_VERIFY(window->activeFocusItem());

    // No tray: Esc does nothing to the window.
    QTest::keyClick(window, Qt::Key_Escape);
    QVERIFY(window->isVisible());

    RecordingTray tray;
    desktop.setTray(&tray);
    QTest::keyClick(window, Qt::Key_Escape);
    QTRY_VERIFY(!window->isVisible());
    desktop.showWindow();
    QTRY_VERIFY(window->isVisible());
    desktop.setTray(nullptr);
}

void tst_DesktopIntegration::startsHiddenInTray()
{
    std::unique_ptr<GatewayHost> host = makeHost();
    GatewayStatus status(*host);
    Backends backends(*host); // the window's singletons, as main() makes them
    DesktopIntegration::Options minimized = options();
    minimized.minimized = true;
    {
        // --minimized without a tray: the window shows (nothing else could bring it back).
        DesktopIntegration desktop(host.get(), &status, minimized);
        QVERIFY(!desktop.startHidden());
        QQmlApplicationEngine engine;
        QQuickWindow *window = loadMainWindow(engine);
        QVERIFY(window);
        QVERIFY(window->isVisible());
    }
    DesktopIntegration desktop(host.get(), &status, minimized);
    RecordingTray tray;
    desktop.setTray(&tray);
    QVERIFY(desktop.startHidden());
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(!window->isVisible());
    desktop.showWindow();
    QTRY_VERIFY(window->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(window));
    desktop.setTray(nullptr);
}

void tst_DesktopIntegration::focusFrameShowsKeyboardFocus()
{
    std::unique_ptr<GatewayHost> host = makeHost();
    GatewayStatus status(*host);
    Backends backends(*host); // the window's singletons, as main() makes them
    DesktopIntegration desktop(host.get(), &status, options());
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    window->requestActivate();
    QQuickItem *frame = findItem(window->contentItem(), u"navigationFocusFrame"_s);
    QVERIFY(frame);
    QVERIFY(!frame->isVisible()); // the first view is clean

    // Tab into the page and back: the navigation shows where the focus is.
    QTest::keyClick(window, Qt::Key_Tab);
    QTRY_VERIFY(window->activeFocusItem());
    QVERIFY(!frame->isVisible());
    QTest::keyClick(window, Qt::Key_Backtab);
    QTRY_VERIFY(frame->isVisible());
    QVERIFY(frame->property("border").value<QObject *>());
    QObject *border = frame->property("border").value<QObject *>();
    QVERIFY(border->property("width").toInt() >= 2);
    const QColor highlight = window->property("palette").value<QObject *>()->property("highlight").value<QColor>();
    QCOMPARE(border->property("color").value<QColor>(), highlight);
    QVERIFY(frame->width() > 0 && frame->height() > 0);
    // Arrow keys move through the pages with the frame on.
    QTest::keyClick(window, Qt::Key_Down);
    QTRY_COMPARE(window->property("currentPage").toString(), u"chat"_s);
    QVERIFY(frame->isVisible());
}

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    // As in the app with a tray; the tests that close windows must not end the event loop.
    QGuiApplication::setQuitOnLastWindowClosed(false);
    tst_DesktopIntegration test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_desktopintegration.moc"
