// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include "core/result.h"
#include "storage/migrations.h"

namespace Gateway::Storage
{

/// @brief The gateway's SQLite database: WAL, synchronous, busy_timeout and foreign keys set;
/// the schema brought to this binary's version step by step, each step in a transaction.
///
/// One named connection per Database object, used from the thread that opened it.
class Database final
{
    Q_DISABLE_COPY_MOVE(Database)

public:
    struct Options
    {
        QString path;
        QString synchronous = QStringLiteral("NORMAL");
        int busyTimeoutMs = 5000;
    };

    Database();
    ~Database();

    /// Opens (creating) the file and migrates it with the given steps (default: this binary's).
    /// Refuses a database whose schema_version is newer than the last step.
    Status open(const Options &options, const QList<Migration> &steps = migrations());
    void close();
    bool isOpen() const;

    QSqlDatabase connection() const;
    QString path() const { return m_options.path; }
    int schemaVersion() const { return m_schemaVersion; }
    /// The journal mode SQLite reports ("wal" when it could be enabled).
    QString journalMode() const { return m_journalMode; }

private:
    Status configure();
    Status migrate(const QList<Migration> &steps);
    Status readVersion(int *version);

    QString m_connectionName;
    Options m_options;
    int m_schemaVersion = 0;
    QString m_journalMode;
};

/// @brief RAII transaction: rolls back unless commit() succeeded.
class Transaction final
{
    Q_DISABLE_COPY_MOVE(Transaction)

public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    bool isActive() const { return m_active; }
    bool commit();
    /// Why commit() failed (the connection's error right after the failed COMMIT).
    QSqlError error() const { return m_error; }

private:
    QSqlDatabase m_db;
    QSqlError m_error;
    bool m_active = false;
};

} // namespace Gateway::Storage
