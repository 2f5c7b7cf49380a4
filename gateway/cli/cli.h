// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include "config/settings.h"

namespace Gateway
{
struct CommandLine;
}

namespace Gateway::Cli
{

/// @brief What the administration commands need from the command line.
struct Arguments
{
    QStringList positional; ///< after the command name
    bool force = false; ///< --force
    int limit = 50; ///< --limit N
};

/// True for users, pairing, audit, doctor, backup and restore.
bool isCliCommand(const QString &command);
/// The usage error for these arguments ("" when they are well-formed); exit code 2.
QString usageError(const QString &command, const Arguments &arguments);
/// `skynet-gateway <command> --help`.
QString helpText(const QString &command);

/// Runs one command; out and err are printed by the caller. Exit codes: 0 ok, 1 failed (or a
/// check failed), 2 usage or configuration error.
int run(const CommandLine &commandLine, const Arguments &arguments, QTextStream &out, QTextStream &err);

// The commands (each in its own file).
int runUsers(const Config::Settings &settings, const Arguments &arguments, QTextStream &out, QTextStream &err);
int runPairing(const Config::Settings &settings, const Arguments &arguments, QTextStream &out, QTextStream &err);
int runAudit(const Config::Settings &settings, const Arguments &arguments, QTextStream &out, QTextStream &err);
int runBackup(const Config::Settings &settings, const Arguments &arguments, QTextStream &out, QTextStream &err);
int runRestore(const Config::Settings &settings, const Arguments &arguments, QTextStream &out, QTextStream &err);
/// Needs no valid configuration: a broken one is one of the things it explains.
int runDoctor(const CommandLine &commandLine, QTextStream &out, QTextStream &err);

} // namespace Gateway::Cli
