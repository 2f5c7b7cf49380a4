// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// GatewayStatus against a real Service on 127.0.0.1:0, and the Skynet.Ui window rendered offscreen.

#include <memory>

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QGuiApplication>
#include <QImage>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "backends.h"
#include "gatewayhost.h"
#include "gatewaystatus.h"
#include "secrets/secretstore.h"
#include "service/service.h"
#include "testsupport.h"
#include "guitestsupport.h"

using namespace Qt::StringLiterals;
using GuiTest::findItem;
using GuiTest::loadMainWindow;

namespace
{

const QString TOKEN = u"tst-gatewaystatus-token"_s;

} // namespace

class tst_GatewayStatus final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void formatUptime_data();
    void formatUptime();
    void singletonIsTheExistingInstance();
    void followsService();
    void countsClients();
    void startFailureIsState();
    void mainWindowShowsStatus();
    void mainWindowIsTranslated_data();
    void mainWindowIsTranslated();
    void commandLine_data();
    void commandLine();

private:
    std::unique_ptr<GatewayHost> makeService(int port = 0);
    /// Loads Main.qml; returns the window (owned by engine) or nullptr.

    std::unique_ptr<QTemporaryDir> m_home;
    std::shared_ptr<Gateway::Secrets::FileSecretStore> m_secrets;
};

void tst_GatewayStatus::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_GatewayStatus::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_secrets = std::make_shared<Gateway::Secrets::FileSecretStore>(m_home->filePath(u"secrets.json"_s));
    const Gateway::Status opened = m_secrets->open();
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
}

void tst_GatewayStatus::cleanup()
{
    m_secrets.reset();
    m_home.reset();
}

std::unique_ptr<GatewayHost> tst_GatewayStatus::makeService(int port)
{
    Gateway::Config::Settings settings;
    settings.home = m_home->path();
    settings.gateway.bind = u"127.0.0.1"_s;
    settings.gateway.port = port;
    settings.gateway.auth = u"token"_s;
    settings.gateway.token = TOKEN; // a plain value resolves to itself
    settings.logging.file = false;
    Gateway::Bootstrap boot { settings, m_secrets, {}, {} };
    return std::make_unique<GatewayHost>(boot, [boot] { return Gateway::Result<Gateway::Bootstrap>(boot); });
}

void tst_GatewayStatus::formatUptime_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    QTest::addRow("zero") << qint64(0) << u"00:00:00"_s;
    QTest::addRow("negative clamps") << qint64(-5000) << u"00:00:00"_s;
    QTest::addRow("sub-second rounds down") << qint64(999) << u"00:00:00"_s;
    QTest::addRow("minutes and seconds") << qint64(187'000) << u"00:03:07"_s;
    QTest::addRow("just under a day") << qint64(86'399'000) << u"23:59:59"_s;
    QTest::addRow("one day") << qint64(86'400'000) << u"1 day 00:00:00"_s;
    QTest::addRow("one day and a bit") << qint64(86'400'000 + 59'000) << u"1 day 00:00:59"_s;
    QTest::addRow("days") << qint64(2 * 86'400'000 + 4 * 3'600'000 + 10'000) << u"2 days 04:00:10"_s;
}

void tst_GatewayStatus::formatUptime()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(GatewayStatus::formatUptime(ms), expected);
}

void tst_GatewayStatus::singletonIsTheExistingInstance()
{
    std::unique_ptr<GatewayHost> host = makeService();
    GatewayStatus status(*host);
    QQmlEngine engine;
    QCOMPARE(GatewayStatus::create(&engine, &engine), &status);
    QCOMPARE(QJSEngine::objectOwnership(&status), QJSEngine::CppOwnership);
}

void tst_GatewayStatus::followsService()
{
    std::unique_ptr<GatewayHost> host = makeService();
    GatewayStatus status(*host);
    Gateway::Service *service = host->service();
    QCOMPARE(status.isRunning(), false);
    QCOMPARE(status.state(), GatewayStatus::State::Stopped);
    QVERIFY(status.address().isEmpty());
    QCOMPARE(status.version(), QStringLiteral(SKYNET_VERSION));

    QSignalSpy runningSpy(&status, &GatewayStatus::runningChanged);
    QSignalSpy addressSpy(&status, &GatewayStatus::addressChanged);
    QSignalSpy stateSpy(&status, &GatewayStatus::stateChanged);
    status.start();
    QVERIFY2(!status.hasError(), qPrintable(status.errorString()));
    QTRY_COMPARE(status.isRunning(), true);
    QTRY_COMPARE(status.isReady(), true);
    QCOMPARE(status.state(), GatewayStatus::State::Ready);
    QCOMPARE(runningSpy.count(), 1);
    QVERIFY(addressSpy.count() >= 1);
    QVERIFY(stateSpy.count() >= 1);

    const quint16 port = service->port();
    QVERIFY(port != 0);
    QCOMPARE(status.port(), int(port));
    QCOMPARE(status.address(), u"127.0.0.1:"_s + QString::number(port));
    QCOMPARE(status.url(), service->url());
    QVERIFY(status.url().startsWith(u"ws://127.0.0.1:"_s));
    QCOMPARE(status.clientCount(), 0);

    // The 1 s timer carries the uptime forward while running.
    QSignalSpy uptimeSpy(&status, &GatewayStatus::uptimeMsChanged);
    QTRY_VERIFY(uptimeSpy.count() >= 1);
    QTRY_VERIFY(status.uptimeMs() >= 1000);
    QCOMPARE(status.uptimeText(), GatewayStatus::formatUptime(status.uptimeMs()));

    // Starting twice is a no-op, not an error.
    status.start();
    QVERIFY(!status.hasError());

    status.stop();
    QTRY_COMPARE(status.isRunning(), false);
    QCOMPARE(status.isReady(), false);
    QCOMPARE(status.state(), GatewayStatus::State::Stopped);
    QVERIFY(status.address().isEmpty());
    QVERIFY(status.url().isEmpty());
    QCOMPARE(status.uptimeMs(), qint64(0));
    QCOMPARE(runningSpy.count(), 2);
}

void tst_GatewayStatus::countsClients()
{
    std::unique_ptr<GatewayHost> host = makeService();
    GatewayStatus status(*host);
    status.start();
    QVERIFY2(status.isRunning(), qPrintable(status.errorString()));

    QSignalSpy countSpy(&status, &GatewayStatus::clientCountChanged);
    TestSupport::ProtocolClient client;
    QVERIFY(client.openAndConnect(QUrl(status.url()), TOKEN));
    QTRY_COMPARE(status.clientCount(), 1);
    QVERIFY(countSpy.count() >= 1);

    client.socket().close();
    QTRY_COMPARE(status.clientCount(), 0);
    status.stop();
}

void tst_GatewayStatus::startFailureIsState()
{
    // Hold a port so the service cannot bind it.
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    const quint16 blockedPort = blocker.serverPort();

    std::unique_ptr<GatewayHost> host = makeService(blockedPort);
    GatewayStatus status(*host);
    QSignalSpy errorSpy(&status, &GatewayStatus::errorOccurred);
    QSignalSpy errorStringSpy(&status, &GatewayStatus::errorStringChanged);
    status.start();
    QCOMPARE(status.isRunning(), false);
    QVERIFY(status.hasError());
    QVERIFY(!status.errorString().isEmpty());
    QCOMPARE(status.state(), GatewayStatus::State::Failed);
    QCOMPARE(errorSpy.count(), 1);
    QCOMPARE(errorStringSpy.count(), 1);

    // Retry once the port is free: the error clears and the state follows.
    blocker.close();
    status.start();
    QVERIFY2(status.isRunning(), qPrintable(status.errorString()));
    QVERIFY(!status.hasError());
    QCOMPARE(status.state(), GatewayStatus::State::Ready);
    QCOMPARE(status.port(), int(blockedPort));
    status.stop();
}

void tst_GatewayStatus::mainWindowShowsStatus()
{
    std::unique_ptr<GatewayHost> host = makeService();
    GatewayStatus status(*host);
    Backends backends(*host); // the window's singletons (as in main())
    Gateway::Service *service = host->service();
    status.start();
    QVERIFY2(status.isRunning(), qPrintable(status.errorString()));

    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QCOMPARE(window->title(), u"Skynet"_s);
    QVERIFY(QTest::qWaitForWindowExposed(window));

    QQuickItem *content = window->contentItem();
    auto *address = findItem(content, u"addressValue"_s);
    QVERIFY(address);
    QCOMPARE(address->property("text").toString(), status.address());
    QVERIFY(address->property("text").toString().endsWith(u':' + QString::number(service->port())));
    auto *badge = findItem(content, u"stateBadge"_s);
    QVERIFY(badge);
    QCOMPARE(badge->property("text").toString(), u"Running"_s);
    auto *version = findItem(content, u"versionValue"_s);
    QVERIFY(version);
    QCOMPARE(version->property("text").toString(), QStringLiteral(SKYNET_VERSION));
    auto *banner = findItem(content, u"errorBanner"_s);
    QVERIFY(banner);
    QCOMPARE(banner->isVisible(), false);

    // Keyboard: Tab reaches the values in reading order, Backtab goes back.
    QVERIFY(!address->hasActiveFocus());
    QTest::keyClick(window, Qt::Key_Tab);
    QTRY_VERIFY(address->hasActiveFocus());
    QCOMPARE(address->property("selectedText").toString(), status.address()); // ready for Ctrl+C
    QTest::keyClick(window, Qt::Key_Tab);
    auto *url = findItem(content, u"urlValue"_s);
    QVERIFY(url);
    QTRY_VERIFY(url->hasActiveFocus());
    QTest::keyClick(window, Qt::Key_Backtab);
    QTRY_VERIFY(address->hasActiveFocus());

    // The uptime label follows the timer.
    auto *uptime = findItem(content, u"uptimeValue"_s);
    QVERIFY(uptime);
    QTRY_VERIFY(status.uptimeMs() >= 1000);
    QTRY_COMPARE(uptime->property("text").toString(), status.uptimeText());

    // Stopping is reflected without reloading.
    status.stop();
    QTRY_COMPARE(badge->property("text").toString(), u"Stopped"_s);
    QCOMPARE(address->property("text").toString(), u"—"_s);
    status.start();
    QTRY_COMPARE(badge->property("text").toString(), u"Running"_s);
    QTRY_VERIFY(status.uptimeMs() >= 1000);
    QTRY_COMPARE(uptime->property("text").toString(), status.uptimeText());

    address->setFocus(false); // no focus ring in the screenshot
    const QImage image = window->grabWindow();
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), window->size() * window->devicePixelRatio());
    // (The README's screenshots come from scripts/screenshots.sh.)
    const QString path = m_home->filePath(u"status.png"_s);
    QVERIFY2(image.save(path), qPrintable(path));
    QVERIFY(!QImage(path).isNull());
    status.stop();
}

void tst_GatewayStatus::mainWindowIsTranslated_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("running");
    QTest::addColumn<QString>("retry");
    QTest::addColumn<QString>("twoDays");
    QTest::addRow("German") << u"de_DE"_s << u"Läuft"_s << u"Erneut versuchen"_s << u"2 Tage 00:00:00"_s;
    QTest::addRow("Serbian (Latin)") << u"sr_Latn_RS"_s << u"Radi"_s << u"Pokušaj ponovo"_s << u"2 dana 00:00:00"_s;
}

void tst_GatewayStatus::mainWindowIsTranslated()
{
    QFETCH(QString, locale);
    QFETCH(QString, running);
    QFETCH(QString, retry);
    QFETCH(QString, twoDays);

    QTranslator translator;
    // The same lookup main() does for the system locale.
    QVERIFY(translator.load(QLocale(locale), u"skynet"_s, u"_"_s, u":/i18n"_s));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    const auto removeTranslator = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });

    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    const quint16 blockedPort = blocker.serverPort();
    std::unique_ptr<GatewayHost> host = makeService(blockedPort);
    GatewayStatus status(*host);
    Backends backends(*host); // the window's singletons (as in main())
    status.start();
    QVERIFY(status.hasError());

    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QQuickItem *content = window->contentItem();
    auto *button = findItem(content, u"startButton"_s);
    QVERIFY(button);
    QCOMPARE(button->property("text").toString(), retry);
    QVERIFY(findItem(content, u"errorBanner"_s)->isVisible());

    blocker.close();
    QMetaObject::invokeMethod(button, "clicked");
    QTRY_VERIFY(status.isRunning());
    auto *badge = findItem(content, u"stateBadge"_s);
    QVERIFY(badge);
    QTRY_COMPARE(badge->property("text").toString(), running);
    QVERIFY(!findItem(content, u"errorBanner"_s)->isVisible());
    QCOMPARE(GatewayStatus::formatUptime(2 * 86'400'000), twoDays);
    status.stop();
}

void tst_GatewayStatus::commandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("withDisplay");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("output");
    // --no-gui must never construct a QGuiApplication: these run with no display at all.
    QTest::addRow("--no-gui --version, no display")
        << QStringList { u"--no-gui"_s, u"--version"_s } << false << 0 << u"skynet " SKYNET_VERSION ""_s;
    QTest::addRow("--no-gui usage error, no display")
        << QStringList { u"--no-gui"_s, u"--port"_s, u"x"_s } << false << 2 << u"--port"_s;
    QTest::addRow("--version") << QStringList { u"--version"_s } << true << 0 << u"skynet " SKYNET_VERSION ""_s;
    QTest::addRow("--help") << QStringList { u"--help"_s } << true << 0 << u"--no-gui"_s;
    QTest::addRow("usage error") << QStringList { u"--bogus"_s } << true << 2 << u"bogus"_s;
    QTest::addRow("bad port") << QStringList { u"--port"_s, u"70000"_s } << true << 2 << u"--port"_s;
}

void tst_GatewayStatus::commandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, withDisplay);
    QFETCH(int, exitCode);
    QFETCH(QString, output);

    const QString binaryDir = qEnvironmentVariable("SKYNET_BINARY_DIR");
    if (binaryDir.isEmpty())
        QSKIP("SKYNET_BINARY_DIR is not set (run through ctest)");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, m_home->path());
    env.insert(u"SKYNET_HOME"_s, m_home->filePath(u"skynet-home"_s));
    if (withDisplay) {
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    } else {
        for (const QString &name : { u"QT_QPA_PLATFORM"_s, u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s })
            env.remove(name);
    }
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(binaryDir + u"/bin/skynet"_s, arguments);
    QVERIFY2(process.waitForFinished(TestSupport::WAIT_MS), qPrintable(process.errorString()));
    const QString all = QString::fromLocal8Bit(process.readAllStandardOutput() + process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == exitCode, qPrintable(all));
    QVERIFY2(all.contains(output), qPrintable(all));
}

int main(int argc, char **argv)
{
    // The UI test renders offscreen unless told otherwise (ctest sets it too).
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    tst_GatewayStatus test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gatewaystatus.moc"
