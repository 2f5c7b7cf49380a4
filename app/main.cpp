// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// skynet: the desktop app (Qt Quick window over the in-process gateway), or the headless
// gateway with --no-gui.

#include <chrono>
#include <cstdio>
#include <memory>

#include <QApplication>
#include <QIcon>
#include <QFileInfo>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QUrl>

#include "backends.h"
#include "channels/channelscontroller.h"
#include "desktop/desktopintegration.h"
#include "desktop/singleinstance.h"
#include "desktop/systemtray.h"
#include "gatewayhost.h"
#include "gatewaystatus.h"
#include "settings/language.h"
#include "eventlog.h"
#include "logging.h"
#include "service/bootstrap.h"
#include "service/service.h"
#include "service/systemlimits.h"

using namespace Qt::StringLiterals;

namespace
{

void printTo(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fputs(bytes.constData(), stream);
    if (!text.endsWith(u'\n'))
        std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char **argv)
{
    // A QGuiApplication aborts without a display, so --no-gui must be decided on raw argv.
    if (Gateway::argvRequestsNoGui(argc, argv))
        return Gateway::runHeadless(argc, argv, /*isDesktopApp=*/true);

    // QApplication (not QGuiApplication): the tray icon and its menu are QtWidgets.
    QApplication app(argc, argv);
    QGuiApplication::setApplicationName(u"skynet"_s);
    QGuiApplication::setApplicationDisplayName(u"Skynet"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(SKYNET_VERSION));
    QGuiApplication::setOrganizationName(u"Skynet"_s);
    // The installed desktop file is org.skynet.Skynet.desktop (resources/linux/): Wayland
    // matches windows to it by this name.
    QGuiApplication::setDesktopFileName(u"org.skynet.Skynet"_s);
    QGuiApplication::setWindowIcon(QIcon(u":/icons/org.skynet.Skynet.svg"_s));
    // The language chosen in Settings, else the system's; English needs no translation.
    Language::Translators translators(&app);
    translators.install(Language::effectiveLocale());

    const Gateway::Result<Gateway::CommandLine> parsed = Gateway::parseCommandLine(app.arguments(), true);
    if (!parsed) {
        printTo(stderr, parsed.error().message);
        return Gateway::ExitConfigError;
    }
    const Gateway::CommandLine commandLine = *parsed;
    if (commandLine.showHelp) {
        printTo(stdout, commandLine.helpText);
        return Gateway::ExitOk;
    }
    if (commandLine.showVersion) {
        printTo(stdout, QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion());
        return Gateway::ExitOk;
    }
    // One-shot commands (`token`, `config check`); parseCommandLine() rejected unknown ones.
    if (const int exitCode = Gateway::runCommand(commandLine); exitCode >= 0)
        return exitCode;

    // One window per user and home: a second launch raises the first and exits, before it
    // touches the home folder, the keychain or the port.
    const QString home = Gateway::homeFolder(commandLine);
    SingleInstance instance(SingleInstance::socketPathFor(home));
    if (instance.start() == SingleInstance::Role::Secondary) {
        // --minimized (autostart) asks for no window: Skynet is running, which is all it wanted.
        if (commandLine.minimized || instance.sendRaise())
            return Gateway::ExitOk;
        printTo(stderr,
            QCoreApplication::translate("main", "Skynet is already running for %1 but does not answer.").arg(home));
        return Gateway::ExitFailure;
    }

    // The Logs page shows what was logged from here on, start-up included.
    Gateway::Logging::EventLog eventLog;
    Gateway::Logging::attachEventLog(&eventLog);

    Gateway::Result<Gateway::Bootstrap> bootstrap = Gateway::prepare(commandLine);
    if (!bootstrap) {
        printTo(stderr, bootstrap.error().message);
        return Gateway::ExitConfigError;
    }
    if (!bootstrap->firstRunNotice.isEmpty())
        printTo(stderr, bootstrap->firstRunNotice);
    Gateway::SystemLimits::raiseOpenFileLimit();
    Gateway::installQuitOnSignals(&app);

    // The in-process gateway; the settings pages rebuild it from the files with restart().
    GatewayHost host(std::move(*bootstrap), [commandLine] { return Gateway::prepare(commandLine); });
    // Declared after the host and before the engine: QML may use them until the engine is gone.
    GatewayStatus status(host);
    Backends backends(host, &eventLog, &translators);
    // Autostart runs the same home and config, in the tray.
    QStringList autostartArguments { u"--minimized"_s, u"--home"_s, home };
    if (!commandLine.configPath.isEmpty())
        autostartArguments << u"--config"_s << QFileInfo(commandLine.configPath).absoluteFilePath();
    DesktopIntegration desktop(
        &host, &status, DesktopIntegration::defaultOptions(home, autostartArguments, commandLine.minimized));
    std::unique_ptr<SystemTray> tray;
    if (SystemTray::isAvailable()) {
        tray = std::make_unique<SystemTray>(desktop, status);
        desktop.setTray(tray.get());
        // Closing the window hides it; Quit (tray, Ctrl+Q) ends the app.
        QGuiApplication::setQuitOnLastWindowClosed(false);
    }
    QObject::connect(&instance, &SingleInstance::raiseRequested, &desktop, &DesktopIntegration::showWindow);
    QObject::connect(backends.channels(), &ChannelsController::pairingRequested, &desktop,
        &DesktopIntegration::notifyPairingRequest);
    // A failure (port in use, ...) is shown in the window as state; the user can retry there.
    status.start();

    QQmlApplicationEngine engine;
    // Qt 6.4 puts QML modules under qrc:/<URI path>/ but does not search qrc:/ for imports.
    engine.addImportPath(u"qrc:/"_s);
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(Gateway::ExitFailure); }, Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/Skynet/Ui/Main.qml"_s));
    // bench/gui.sh: report when the first frame is on screen (steady clock, as the bench reads it).
    if (qEnvironmentVariableIsSet("SKYNET_BENCH_FIRST_FRAME") && !engine.rootObjects().isEmpty()) {
        if (auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst())) {
            QObject::connect(
                window, &QQuickWindow::frameSwapped, &app,
                [] {
                    const auto now = std::chrono::steady_clock::now().time_since_epoch();
                    std::fprintf(stderr, "first-frame-steady-ns %lld\n",
                        static_cast<long long>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()));
                    std::fflush(stderr);
                },
                Qt::SingleShotConnection);
        }
    }

    const int exitCode = QCoreApplication::exec();
    // The tray outlives the stop (a failure may still be reported); the engine, the tray and then
    // the controller are destroyed in reverse order of declaration. setTray(nullptr) here would
    // re-evaluate the window's visibility binding and flash a --minimized window.
    host.stop();
    Gateway::Logging::attachEventLog(nullptr);
    Gateway::Logging::shutdown();
    return exitCode;
}
