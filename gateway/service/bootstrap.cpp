// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "service/bootstrap.h"

#include <cstdio>
#include <cstring>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include "agent/modelrouter.h"
#include "cli/cli.h"
#include "config/configschema.h"
#include "config/secretref.h"
#include "core/clock.h"
#include "core/network.h"
#include "logging.h"
#include "people/directory.h"
#include "people/soulcommand.h"
#include "protocol/methods.h"
#include "secrets/secretstore.h"
#include "service/service.h"
#include "service/systemlimits.h"
#include "tls/credentials.h"

#if defined(__GLIBC__)
#include <malloc.h>
#if defined(__linux__)
#include <link.h>
#include <sys/mman.h>
#endif
#endif
#if defined(Q_OS_UNIX)
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace Gateway
{

namespace
{

const QString GATEWAY_TOKEN_SECRET = QStringLiteral("gateway.token");

void printOut(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
    std::fflush(stdout);
}

void printErr(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stderr);
    std::fflush(stderr);
}

QString defaultHome(const QProcessEnvironment &env)
{
    if (const QString home = env.value(u"SKYNET_HOME"_s); !home.isEmpty())
        return home;
    return QDir(QDir::homePath()).filePath(u".skynet"_s);
}

bool stderrIsTerminal()
{
#if defined(Q_OS_UNIX)
    return ::isatty(STDERR_FILENO) == 1;
#else
    return false;
#endif
}

QString programName(bool isDesktopApp)
{
    return isDesktopApp ? u"skynet"_s : u"skynet-gateway"_s;
}

// Most of the program's own code runs once at start (config, migrations, schema, setup of every
// part) and then never again at idle. Once the gateway is up, the kernel is told it may drop
// those pages from this process (MADV_PAGEOUT, Linux 5.4+); they stay in the page cache and
// fault back in when a request needs them. docs/performance.md has the figures.
void releaseStartupCode()
{
#if defined(Q_OS_LINUX) && defined(__GLIBC__)
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
    dl_iterate_phdr(
        [](dl_phdr_info *info, size_t, void *) -> int {
            // The first object is the executable itself.
            for (int i = 0; i < info->dlpi_phnum; ++i) {
                const ElfW(Phdr) &segment = info->dlpi_phdr[i];
                if (segment.p_type != PT_LOAD || !(segment.p_flags & PF_X))
                    continue;
                const long page = sysconf(_SC_PAGESIZE);
                const auto start = (info->dlpi_addr + segment.p_vaddr) & ~uintptr_t(page - 1);
                const auto end = info->dlpi_addr + segment.p_vaddr + segment.p_memsz;
                (void)madvise(reinterpret_cast<void *>(start), end - start, MADV_PAGEOUT);
            }
            return 1; // only the executable
        },
        nullptr);
#endif
}

#if defined(Q_OS_UNIX)
int s_signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(s_signalPipe[1], &byte, 1);
}

} // namespace

// SIGINT/SIGTERM end the event loop through a self-pipe (the only async-signal-safe way).
void installQuitOnSignals(QCoreApplication *app)
{
    if (::pipe(s_signalPipe) != 0)
        return;
    ::fcntl(s_signalPipe[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(s_signalPipe[1], F_SETFD, FD_CLOEXEC);
    auto *notifier = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [notifier] {
        char byte;
        [[maybe_unused]] const ssize_t n = ::read(s_signalPipe[0], &byte, 1);
        notifier->setEnabled(false);
        QCoreApplication::quit();
    });
    struct sigaction action;
    std::memset(&action, 0, sizeof(action));
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
    // A write past the file size limit (RLIMIT_FSIZE, e.g. a quota'd service) must fail with
    // EFBIG, which SQLite reports as a full or unwritable database, instead of killing the
    // process with SIGXFSZ (docs/reliability.md, fault injection).
    ::signal(SIGXFSZ, SIG_IGN);
}
#else
} // namespace

void installQuitOnSignals(QCoreApplication *) { }
#endif

bool argvRequestsNoGui(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--no-gui") == 0)
            return true;
        if (std::strcmp(argv[i], "--") == 0)
            break;
    }
    return false;
}

Result<CommandLine> parseCommandLine(const QStringList &arguments, bool isDesktopApp)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(isDesktopApp
            ? u"Skynet: a security-first, self-hosted AI gateway (desktop app)."_s
            : u"Skynet gateway: a security-first, self-hosted AI gateway (headless)."_s);
    const QCommandLineOption help({ u"h"_s, u"help"_s }, u"Show this help and exit."_s);
    const QCommandLineOption version({ u"v"_s, u"version"_s }, u"Show the version and exit."_s);
    const QCommandLineOption config(
        u"config"_s, u"Read the configuration from <path> (default: <home>/skynet.toml)."_s, u"path"_s);
    const QCommandLineOption home(
        u"home"_s, u"Use <dir> as the home folder (default: $SKYNET_HOME or ~/.skynet)."_s, u"dir"_s);
    const QCommandLineOption bind(u"bind"_s, u"Listen on <address> (overrides gateway.bind)."_s, u"address"_s);
    const QCommandLineOption port(
        u"port"_s, u"Listen on <port>; 0 picks a free port (overrides gateway.port)."_s, u"port"_s);
    const QCommandLineOption logLevel(
        u"log-level"_s, u"debug, info, warning or error (overrides logging.level)."_s, u"level"_s);
    const QCommandLineOption noGui(u"no-gui"_s, u"Run the gateway headless, without a window."_s);
    const QCommandLineOption minimized(
        u"minimized"_s, u"Start in the system tray with the window hidden (shown when there is no tray)."_s);
    const QCommandLineOption user(u"user"_s, u"The user <id> a command is about (soul)."_s, u"id"_s);
    const QCommandLineOption channel(
        u"channel"_s, u"The channel <name> a command is about (soul; default: operator)."_s, u"name"_s);
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(config);
    parser.addOption(home);
    parser.addOption(bind);
    parser.addOption(port);
    parser.addOption(logLevel);
    const QCommandLineOption force(u"force"_s, u"backup: replace an existing file."_s);
    const QCommandLineOption limit(u"limit"_s, u"users, audit list: show at most <n> entries."_s, u"n"_s);
    parser.addOption(user);
    parser.addOption(channel);
    parser.addOption(force);
    parser.addOption(limit);
    if (isDesktopApp) {
        parser.addOption(noGui);
        parser.addOption(minimized);
    }
    parser.addPositionalArgument(u"command"_s,
        u"Optional: token (print the gateway token), config check (validate the "
        "configuration and exit), route \"<text>\" (print the model routing decision "
        "for <text> as JSON), soul --user <id> [--channel <name>] (print the persona "
        "composed for that user on that channel, layer by layer), tls fingerprint (print the SHA-256 "
        "fingerprint of the TLS certificate; generates the self-signed one if missing), users, pairing, "
        "audit verify, doctor, backup <file>, restore <file> (see '<command> --help' and docs/cli.md). "
        "Without a command the gateway runs."_s,
        u"[command [args...]]"_s);

    CommandLine result;
    result.helpText = parser.helpText();
    if (!parser.parse(arguments))
        return Error { u"USAGE"_s, parser.errorText() + u"\nTry '%1 --help'."_s.arg(programName(isDesktopApp)) };

    result.showHelp = parser.isSet(help);
    result.showVersion = parser.isSet(version);
    result.configPath = parser.value(config);
    result.home = parser.value(home);
    result.overrides.bind = parser.value(bind);
    result.overrides.logLevel = parser.value(logLevel);
    result.noGui = isDesktopApp && parser.isSet(noGui);
    result.minimized = isDesktopApp && parser.isSet(minimized);
    if (result.noGui && result.minimized)
        return Error { u"USAGE"_s, u"--minimized needs the window; it cannot be combined with --no-gui"_s };
    result.user = parser.value(user);
    result.channel = parser.isSet(channel) ? parser.value(channel) : u"operator"_s;
    result.force = parser.isSet(force);
    if (parser.isSet(limit)) {
        bool ok = false;
        result.limit = parser.value(limit).toInt(&ok);
        if (!ok || result.limit < 1 || result.limit > 1000)
            return Error { u"USAGE"_s, u"--limit expects an integer from 1 to 1000"_s };
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const int value = parser.value(port).toInt(&ok);
        if (!ok || value < 0 || value > 65535) {
            return Error { u"USAGE"_s,
                u"--port expects an integer from 0 to 65535, got \"%1\""_s.arg(parser.value(port).left(32)) };
        }
        result.overrides.port = value;
    }
    if (parser.isSet(logLevel)) {
        static const QStringList levels = { u"debug"_s, u"info"_s, u"warning"_s, u"error"_s };
        if (!levels.contains(result.overrides.logLevel))
            return Error { u"USAGE"_s, u"--log-level expects debug, info, warning or error"_s };
    }
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        result.command = positional.first();
        result.arguments = positional.mid(1);
        static const QStringList commands = { u"token"_s, u"config"_s, u"route"_s, u"soul"_s, u"tls"_s };
        if (Cli::isCliCommand(result.command)) {
            if (!result.showHelp) {
                if (const QString error
                    = Cli::usageError(result.command, Cli::Arguments { result.arguments, result.force, result.limit });
                    !error.isEmpty())
                    return Error { u"USAGE"_s, error };
            }
            return result;
        }
        if (!commands.contains(result.command)) {
            return Error { u"USAGE"_s,
                u"unknown command \"%1\"\nTry '%2 --help'."_s.arg(result.command.left(64), programName(isDesktopApp)) };
        }
        if (result.command == u"config" && result.arguments != QStringList { u"check"_s })
            return Error { u"USAGE"_s, u"usage: %1 config check"_s.arg(programName(isDesktopApp)) };
        if (result.command == u"tls" && result.arguments != QStringList { u"fingerprint"_s })
            return Error { u"USAGE"_s, u"usage: %1 tls fingerprint"_s.arg(programName(isDesktopApp)) };
        if (result.command == u"token" && !result.arguments.isEmpty())
            return Error { u"USAGE"_s, u"usage: %1 token"_s.arg(programName(isDesktopApp)) };
        if (result.command == u"route" && result.arguments.size() != 1)
            return Error { u"USAGE"_s, u"usage: %1 route \"<text>\""_s.arg(programName(isDesktopApp)) };
        if (result.command == u"soul" && (!result.arguments.isEmpty() || result.user.isEmpty())) {
            return Error { u"USAGE"_s,
                u"usage: %1 soul --user <id> [--channel <name>]"_s.arg(programName(isDesktopApp)) };
        }
    }
    return result;
}

QString gatewayTokenSecretName()
{
    return GATEWAY_TOKEN_SECRET;
}

QString homeFolder(const CommandLine &commandLine)
{
    const QString home
        = commandLine.home.isEmpty() ? defaultHome(QProcessEnvironment::systemEnvironment()) : commandLine.home;
    return QDir(home).absolutePath();
}

Result<Bootstrap> prepare(const CommandLine &commandLine)
{
#if defined(Q_OS_UNIX)
    // Everything Skynet writes (database, logs, config, secrets) is private to its user.
    ::umask(077);
#endif
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString home = homeFolder(commandLine);
    if (!QDir().mkpath(home))
        return Error { u"HOME"_s, u"cannot create the home folder %1"_s.arg(home) };
    QFile::setPermissions(home, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    // The config: --config, else <home>/skynet.toml, created from the template on first run.
    QString configPath = commandLine.configPath;
    bool freshTemplate = false;
    if (configPath.isEmpty()) {
        configPath = QDir(home).filePath(u"skynet.toml"_s);
        if (!QFileInfo::exists(configPath)) {
            // Written to a temporary name and renamed, so a crash never leaves half a file; not
            // fsynced: it is the shipped template and can always be written again.
            const QString partial = configPath + u".new"_s;
            QFile file(partial);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return Error { u"CONFIG"_s, u"cannot create %1: %2"_s.arg(configPath, file.errorString()) };
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            const QByteArray text = Config::ConfigLoader::defaultTemplate();
            const bool written = file.write(text) == text.size();
            file.close();
            if (!written || !QFile::rename(partial, configPath)) {
                QFile::remove(partial);
                return Error { u"CONFIG"_s, u"cannot create %1"_s.arg(configPath) };
            }
            freshTemplate = true;
        }
    } else if (!QFileInfo::exists(configPath)) {
        return Error { u"CONFIG"_s, u"%1: the configuration file does not exist"_s.arg(configPath) };
    }

    // --port 0 (pick a free port) is a command-line-only value; the file requires 1..65535.
    Config::Overrides overrides = commandLine.overrides;
    const bool anyPort = overrides.port == 0;
    if (anyPort)
        overrides.port = -1;
    // The template just written holds exactly the defaults (tst_configloader proves it), so a
    // first run skips parsing it: only the environment and the command line apply.
    auto loaded = freshTemplate ? Config::ConfigLoader::loadFromData({}, configPath, home, env, overrides)
                                : Config::ConfigLoader::loadFile(configPath, home, env, overrides);
    if (!loaded)
        return Error { u"CONFIG"_s, loaded.error().toString() };
    if (freshTemplate)
        loaded->configPath = QFileInfo(configPath).absoluteFilePath();
    Bootstrap boot;
    boot.settings = std::move(loaded.value());
    if (anyPort)
        boot.settings.gateway.port = 0;

    Logging::install(boot.settings.logging, home);

    Result<Secrets::OpenedStore> opened = Secrets::openStore(home, boot.settings.storage.secrets);
    if (!opened)
        return Error { u"SECRETS"_s, opened.error().message };
    std::shared_ptr<Secrets::SecretStore> store = opened->store;
    boot.secrets = store;
    if (!opened->notice.isEmpty())
        qCInfo(lcGatewayConfig).noquote() << opened->notice;
    // Plain-text secrets in an old config move into the store; the file then only names them.
    if (!freshTemplate) {
        const Result<QStringList> moved = Secrets::migratePlainTextSecrets(boot.settings.configPath, store.get());
        if (!moved)
            return Error { u"SECRETS"_s, moved.error().message };
        for (const QString &key : *moved) {
            const Config::KeySpec *spec = Config::ConfigSchema::find(key);
            // Unless the environment overrode the value, the setting now names the stored secret.
            if (spec && spec->get(boot.settings).toString() == store->read(key).value_or(QString()))
                spec->set(boot.settings, QString(u"secret:"_s + key));
            boot.settings.warnings.removeIf([&](const QString &w) { return w.contains(u" at "_s + key + u';'); });
            boot.secretsWritten.append(key);
            qCInfo(lcGatewayConfig).noquote() << "moved the plain-text secret" << key << "out of"
                                              << boot.settings.configPath << "; it is now kept" << store->describe();
        }
    }
    for (const QString &warning : std::as_const(boot.settings.warnings))
        qCWarning(lcGatewayConfig).noquote() << warning;

    // The gateway token: configured (reference or SKYNET_GATEWAY_TOKEN), else stored, else
    // generated once on loopback and printed with how to read it again.
    Config::GatewaySettings &gw = boot.settings.gateway;
    if (gw.auth == u"token") {
        if (gw.token.isEmpty()) {
            if (store->read(GATEWAY_TOKEN_SECRET)) {
                gw.token = u"secret:"_s + GATEWAY_TOKEN_SECRET;
            } else if (isLoopbackHost(gw.bind)) {
                const QString token = Secrets::generateToken();
                if (Status s = store->write(GATEWAY_TOKEN_SECRET, token); !s)
                    return Error { u"SECRETS"_s, s.error().message };
                gw.token = u"secret:"_s + GATEWAY_TOKEN_SECRET;
                boot.secretsWritten.append(GATEWAY_TOKEN_SECRET);
                // The value is shown only on a terminal: redirected stderr usually ends up in a
                // log file, and secrets never go to logs.
                const QString shown = stderrIsTerminal() ? u":\n\n    %1\n\n"_s.arg(token) : u".\n"_s;
                boot.firstRunNotice
                    = u"Skynet generated a gateway token for clients%1"
                      "It is stored %2. Print it with: skynet-gateway token\n"
                      "Clients pass it as --token, or set SKYNET_GATEWAY_TOKEN.\n"_s.arg(shown, store->describe());
            }
        } else {
            const Config::SecretRef ref = Config::SecretRef::parse(gw.token);
            if (ref.isReference() && !Secrets::resolve(gw.token, store.get(), env, home)) {
                return Error { u"SECRETS"_s,
                    u"%1: gateway.token refers to \"%2\", which is not set"_s.arg(configPath, gw.token) };
            }
        }
    }
    return boot;
}

int runCommand(const CommandLine &commandLine)
{
    if (commandLine.command.isEmpty())
        return -1;
    if (Cli::isCliCommand(commandLine.command)) {
        QString outText;
        QString errText;
        QTextStream out(&outText);
        QTextStream err(&errText);
        const int code = Cli::run(
            commandLine, Cli::Arguments { commandLine.arguments, commandLine.force, commandLine.limit }, out, err);
        out.flush();
        err.flush();
        printOut(outText);
        printErr(errText);
        return code;
    }
    auto boot = prepare(commandLine);
    if (!boot) {
        printErr(boot.error().message + u'\n');
        return ExitConfigError;
    }
    if (commandLine.command == u"config") {
        printOut(
            u"%1: OK\n"_s.arg(boot->settings.configPath.isEmpty() ? u"configuration"_s : boot->settings.configPath));
        for (const QString &warning : std::as_const(boot->settings.warnings))
            printOut(u"warning: "_s + warning + u'\n');
        return ExitOk;
    }
    if (commandLine.command == u"token") {
        const auto token = Secrets::resolve(boot->settings.gateway.token, boot->secrets.get(),
            QProcessEnvironment::systemEnvironment(), boot->settings.home);
        if (!token) {
            printErr(u"no gateway token is configured (gateway.auth = \"%1\")\n"_s.arg(boot->settings.gateway.auth));
            return ExitFailure;
        }
        printOut(*token + u'\n');
        return ExitOk;
    }
    if (commandLine.command == u"tls") {
        // The certificate the gateway serves (or would serve) with gateway.tls_enabled.
        const Result<Tls::Credentials> credentials = Tls::loadConfigured(boot->settings);
        if (!credentials) {
            printErr(credentials.error().message + u'\n');
            return ExitFailure;
        }
        if (!boot->settings.gateway.tlsEnabled)
            printErr(u"note: TLS is off (gateway.tls_enabled = false)\n"_s);
        printOut(credentials->fingerprint() + u'\n');
        return ExitOk;
    }
    if (commandLine.command == u"route") {
        // The decision the running gateway would make for a new conversation: a provider counts
        // as available when enabled and (cloud) its API key reference resolves. Circuit breakers
        // are not known here; they start closed.
        const Config::Settings &settings = boot->settings;
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        Secrets::SecretStore *store = boot->secrets.get();
        Agent::ModelRouter router(settings.routing, settings.providers);
        router.setAvailability([&](const QString &providerId) {
            const Config::ProviderSettings *provider
                = Agent::ModelRouter::providerSettings(settings.providers, providerId);
            if (!provider || !provider->enabled)
                return false;
            if (providerId == u"ollama")
                return true;
            const std::optional<QString> key = Secrets::resolve(provider->apiKey, store, env, settings.home);
            const bool hasKey = key && !key->isEmpty();
            // An OpenAI-compatible local server (LM Studio, llama.cpp, vLLM) usually needs no key.
            return hasKey || (providerId == u"openai" && !provider->baseUrl.trimmed().isEmpty());
        });
        Agent::RouteInput input;
        input.text = commandLine.arguments.first();
        const Agent::RouteDecision decision = router.route(input);
        printOut(QString::fromUtf8(QJsonDocument(decision.toJson()).toJson(QJsonDocument::Compact)) + u'\n');
        return decision.isValid() ? ExitOk : ExitFailure;
    }
    if (commandLine.command == u"soul") {
        QString outText;
        QString errText;
        QTextStream out(&outText);
        QTextStream err(&errText);
        const int code = People::runSoulCommand(boot->settings, commandLine.user, commandLine.channel, out, err);
        out.flush();
        err.flush();
        printOut(outText);
        printErr(errText);
        return code;
    }
    return -1;
}

int runHeadless(int argc, char **argv, bool isDesktopApp)
{
#if defined(Q_OS_UNIX)
    // Qt's GLib event dispatcher walks every socket notifier on each wake-up; with thousands of
    // clients the plain UNIX dispatcher costs about 40% less CPU per handshake (docs/performance.md).
    // The headless gateway needs nothing from GLib.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    // Before anything is written (config, logs): past a file size limit, EFBIG, not SIGXFSZ.
    ::signal(SIGXFSZ, SIG_IGN);
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(programName(isDesktopApp));
    QCoreApplication::setApplicationVersion(QStringLiteral(SKYNET_VERSION));

    auto parsed = parseCommandLine(QCoreApplication::arguments(), isDesktopApp);
    if (!parsed) {
        printErr(parsed.error().message + u'\n');
        return ExitConfigError;
    }
    const CommandLine &commandLine = *parsed;
    if (commandLine.showHelp) {
        printOut(Cli::isCliCommand(commandLine.command) ? Cli::helpText(commandLine.command) : commandLine.helpText);
        return ExitOk;
    }
    if (commandLine.showVersion) {
        printOut(u"%1 %2\n"_s.arg(programName(isDesktopApp), QStringLiteral(SKYNET_VERSION)));
        return ExitOk;
    }
    if (const int code = runCommand(commandLine); code >= 0)
        return code;

    auto boot = prepare(commandLine);
    if (!boot) {
        printErr(boot.error().message + u'\n');
        return ExitConfigError;
    }
    if (!boot->firstRunNotice.isEmpty())
        printErr(boot->firstRunNotice);

    SystemLimits::raiseOpenFileLimit();
    installQuitOnSignals(&app);

    // Test mode for the soak (bench/soak.sh): an accelerated clock, only from the environment.
    if (QString clockError; !Core::Clock::configureFromEnvironment(&clockError)) {
        printErr(u"%1: %2\n"_s.arg(programName(isDesktopApp), clockError));
        Logging::shutdown();
        return ExitConfigError;
    }
    if (Core::Clock::isAccelerated()) {
        printErr(u"%1: WARNING: %2\n"_s.arg(programName(isDesktopApp), Core::Clock::describe()));
        qWarning().noquote() << Core::Clock::describe();
    }

    Service service(boot->settings, boot->secrets);
    if (Status s = service.listen(); !s) {
        printErr(u"%1: %2\n"_s.arg(programName(isDesktopApp), s.error().message));
        Logging::shutdown();
        return ExitFailure;
    }
    // The port answers /health at once; creating and migrating the database (file creation,
    // fsyncs) runs on a worker thread meanwhile, and the main thread then opens its own
    // connection to the ready file. "listening" is printed once the gateway is ready.
    auto prepared = std::make_shared<Status>();
    QThread *worker
        = QThread::create([prepared, settings = boot->settings] { *prepared = Service::prepareStorage(settings); });
    const QStringList secretsWritten = boot->secretsWritten;
    QObject::connect(worker, &QThread::finished, &app, [&, worker, prepared] {
        worker->deleteLater();
        Status status = *prepared;
        if (status)
            status = service.openStorage();
        if (!status) {
            printErr(u"%1: %2\n"_s.arg(programName(isDesktopApp), status.error().message));
            QCoreApplication::exit(ExitFailure);
            return;
        }
#if defined(__GLIBC__)
        // The migrations ran on a thread of their own; give what its arena freed back to the
        // system rather than keeping it resident for the life of the process.
        malloc_trim(0);
#endif
        for (const QString &name : std::as_const(secretsWritten))
            service.people()->record(u"system"_s, u"secret.set"_s, name, u"ok"_s);
        releaseStartupCode();
        const QString http = service.url().replace(0, 2, u"http"_s);
        printOut(u"Skynet gateway listening on %1 (health: %2/health)\n"_s.arg(service.url(), http));
        if (service.isTls())
            printOut(u"TLS certificate SHA-256 fingerprint: %1\n"_s.arg(service.tlsFingerprint()));
    });
    // At idle priority (SCHED_IDLE on Linux): the migrations must not take the CPU from the main
    // thread while it answers its first requests.
    worker->start(QThread::IdlePriority);

    const int code = app.exec();
    service.stop();
    Logging::shutdown();
    return code;
}

} // namespace Gateway
