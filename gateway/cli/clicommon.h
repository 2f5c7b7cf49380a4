// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>
#include <QTextStream>

#include "config/settings.h"

namespace Gateway::Storage
{
class Database;
}

namespace Gateway::Cli
{

constexpr int EXIT_OK = 0;
constexpr int EXIT_FAILED = 1;
constexpr int EXIT_USAGE = 2;
/// What an echoed argument is cut to in a message (arguments come from the command line).
constexpr qsizetype MAX_ECHO = 64;
/// The audit actor of every change made on the command line.
inline const QString CLI_ACTOR = QStringLiteral("cli");

/// The database file the settings name (absolute).
QString databasePath(const Config::Settings &settings);

/// Opens the existing database of the settings (never creates one): WAL, busy_timeout, this
/// binary's migrations. The CLI's connection runs next to a running gateway's; SQLite's locking
/// (WAL: readers never block, writers wait up to busy_timeout) keeps both consistent.
bool openDatabase(const Config::Settings &settings, Storage::Database &database, QTextStream &err);

/// "2026-11-26 01:02:03 UTC"
QString formatTime(qint64 msSinceEpoch);

/// Cuts text from the command line for echoing it in a message.
QString echo(const QString &text);

} // namespace Gateway::Cli
