// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <memory>

#include <QString>
#include <QStringList>

#include "config/configloader.h"
#include "config/settings.h"
#include "core/result.h"

class QCoreApplication;

namespace Gateway
{

namespace Secrets
{
class SecretStore;
}
class Service;

/// @brief What the command line asked for (shared by skynet and skynet-gateway).
struct CommandLine
{
    QString configPath; ///< --config PATH
    QString home; ///< --home DIR
    Config::Overrides overrides; ///< --bind, --port, --log-level
    bool noGui = false; ///< --no-gui (skynet only)
    bool minimized = false; ///< --minimized (skynet only): start in the tray, window hidden
    bool showVersion = false;
    bool showHelp = false;
    QString command; ///< first positional argument ("" = run the gateway)
    QStringList arguments; ///< the positional arguments after the command
    QString user; ///< --user ID (soul)
    QString channel; ///< --channel NAME (soul; default "operator")
    bool force = false; ///< --force (backup: replace an existing file)
    int limit = 50; ///< --limit N (users, audit list)
    QString helpText; ///< filled by parse()
};

/// @brief Exit codes of both executables.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1, ///< could not start (port in use, storage, ...)
    ExitConfigError = 2, ///< bad configuration or command line
};

/// @brief Turns argv into a CommandLine; a usage error is returned as an Error whose message is
/// ready to print. Call after the Q(Core|Gui)Application exists.
Result<CommandLine> parseCommandLine(const QStringList &arguments, bool isDesktopApp);

/// @brief The absolute home folder the command line and environment select (--home, else
/// $SKYNET_HOME, else ~/.skynet), without creating it. prepare() uses the same folder.
QString homeFolder(const CommandLine &commandLine);

/// The secret store entry that holds the generated gateway token ("gateway.token").
QString gatewayTokenSecretName();

/// @brief True when argv contains --no-gui; safe to call before any application object exists.
bool argvRequestsNoGui(int argc, char **argv);

/// @brief Everything the gateway needs to start, resolved from the command line and environment:
/// the home folder (created), the config file (created from the template on first run), the
/// settings, the secret store, the gateway token (generated on first run on loopback).
struct Bootstrap
{
    Config::Settings settings;
    std::shared_ptr<Secrets::SecretStore> secrets;
    /// Text to print once on stderr (a generated token and how to read it again); may be empty.
    QString firstRunNotice;
    /// Names of the secrets prepare() wrote (a generated token, plain-text secrets moved into the
    /// store); audited as "secret.set" once the database is open.
    QStringList secretsWritten;
};

/// @brief Resolves home, config, logging and secrets. Failures carry ExitConfigError's message
/// (config errors name file, line, column and key).
Result<Bootstrap> prepare(const CommandLine &commandLine);

/// @brief The whole headless program: parse, prepare, start a Service, run the event loop.
/// Used by skynet-gateway's main() and by `skynet --no-gui`.
int runHeadless(int argc, char **argv, bool isDesktopApp);

/// @brief Makes SIGINT and SIGTERM end the event loop cleanly (no-op where unsupported).
void installQuitOnSignals(QCoreApplication *app);

/// @brief Runs a one-shot command (`token`, `config check`, ...) that needs no server; returns
/// -1 when command is not one of them.
int runCommand(const CommandLine &commandLine);

} // namespace Gateway
