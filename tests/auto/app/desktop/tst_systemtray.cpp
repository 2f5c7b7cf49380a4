// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// SystemTray: the menu's actions, the tooltip and message clicks, driven without a tray host.

#include <memory>

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QMenu>
#include <QPixmap>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>

#include "desktop/desktopintegration.h"
#include "desktop/systemtray.h"
#include "gatewayhost.h"
#include "gatewaystatus.h"
#include "secrets/secretstore.h"

using namespace Qt::StringLiterals;

class tst_SystemTray final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void menuAndToolTip();
    void messageClickOpensItsPage();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<GatewayHost> m_host;
};

void tst_SystemTray::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto secrets = std::make_shared<Gateway::Secrets::FileSecretStore>(m_dir->filePath(u"secrets.json"_s));
    QVERIFY(secrets->open().ok());
    Gateway::Config::Settings settings;
    settings.home = m_dir->path();
    settings.gateway.bind = u"127.0.0.1"_s;
    settings.gateway.port = 0;
    settings.gateway.auth = u"token"_s;
    settings.gateway.token = u"tst-systemtray-token"_s;
    settings.logging.file = false;
    Gateway::Bootstrap boot { settings, secrets, {}, {} };
    m_host = std::make_unique<GatewayHost>(boot, [boot] { return Gateway::Result<Gateway::Bootstrap>(boot); });
}

void tst_SystemTray::cleanup()
{
    m_host.reset();
    m_dir.reset();
}

void tst_SystemTray::menuAndToolTip()
{
    GatewayStatus status(*m_host);
    DesktopIntegration desktop(m_host.get(), &status, {});
    SystemTray tray(desktop, status);
    auto *icon = tray.findChild<QSystemTrayIcon *>();
    QVERIFY(icon);
    QVERIFY(icon->contextMenu());
    QCOMPARE(icon->toolTip(), u"Skynet: gateway stopped"_s);

    const QList<QAction *> actions = icon->contextMenu()->actions();
    QStringList texts;
    for (const QAction *action : actions)
        texts << (action->isSeparator() ? u"-"_s : action->text());
    QCOMPARE(
        texts, (QStringList { u"Open Skynet"_s, u"Chat"_s, u"-"_s, u"Start gateway"_s, u"-"_s, u"Quit Skynet"_s }));

    QSignalSpy show(&desktop, &DesktopIntegration::showRequested);
    actions.at(0)->trigger();
    actions.at(1)->trigger();
    QCOMPARE(show.count(), 2);
    QCOMPARE(show.at(0).constFirst().toString(), QString());
    QCOMPARE(show.at(1).constFirst().toString(), u"chat"_s);

    // Start/Stop follows the gateway; the tooltip follows its address.
    actions.at(3)->trigger();
    QTRY_VERIFY(status.isReady());
    QTRY_COMPARE(actions.at(3)->text(), u"Stop gateway"_s);
    QTRY_COMPARE(icon->toolTip(), desktop.trayToolTip());
    QVERIFY(icon->toolTip().contains(status.address()));
    actions.at(3)->trigger();
    QTRY_VERIFY(!status.isRunning());
    QCOMPARE(actions.at(3)->text(), u"Start gateway"_s);
    QCOMPARE(icon->toolTip(), u"Skynet: gateway stopped"_s);

    // A click on the icon opens the window.
    Q_EMIT icon->activated(QSystemTrayIcon::Trigger);
    QCOMPARE(show.count(), 3);
    Q_EMIT icon->activated(QSystemTrayIcon::Context); // the menu, not the window
    QCOMPARE(show.count(), 3);
}

void tst_SystemTray::messageClickOpensItsPage()
{
    GatewayStatus status(*m_host);
    DesktopIntegration desktop(m_host.get(), &status, {});
    SystemTray tray(desktop, status);
    desktop.setTray(&tray);
    auto *icon = tray.findChild<QSystemTrayIcon *>();
    QVERIFY(icon);
    QSignalSpy show(&desktop, &DesktopIntegration::showRequested);
    desktop.notifyPairingRequest(u"telegram"_s, u"123456"_s, u"Alice"_s);
    Q_EMIT icon->messageClicked();
    QCOMPARE(show.count(), 1);
    QCOMPARE(show.constFirst().constFirst().toString(), u"users"_s);
    desktop.setTray(nullptr);
}

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QPixmap pixmap(16, 16); // the app sets its SVG icon; any icon will do here
    pixmap.fill(Qt::darkBlue);
    QApplication::setWindowIcon(QIcon(pixmap));
    tst_SystemTray test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_systemtray.moc"
