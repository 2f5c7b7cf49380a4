// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QMetaType>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include "core/result.h"

/// Small helpers every store of the gateway uses with QtSql.
namespace Gateway::Storage
{

/// A failed SQLite call as an Error whose code says what the caller can do about it:
/// - STORAGE_BUSY: another connection or process holds the database lock for longer than
///   storage.busy_timeout_ms (SQLITE_BUSY, SQLITE_LOCKED); trying again later works.
/// - STORAGE_FULL: the database cannot grow (SQLITE_FULL: the disk, a file size limit or
///   max_page_count); nothing was written.
/// - STORAGE_IO_ERROR: the file could not be written (SQLITE_IOERR, e.g. EFBIG or a failing disk).
/// - STORAGE_ERROR: anything else.
/// The message is "what: <plain reason>: <driver message>". QtSql keeps SQLite's result code in
/// nativeErrorCode() for statements but not for COMMIT, so SQLite's fixed messages are matched too.
Error storageError(const QString &what, const QSqlError &error);

/// A failed statement as an Error (see storageError).
inline Error sqlError(const QString &what, const QSqlQuery &query)
{
    return storageError(what, query.lastError());
}

/// A failed transaction call (commit, begin) on a connection as an Error (see storageError).
inline Error sqlError(const QString &what, const QSqlDatabase &db)
{
    return storageError(what, db.lastError());
}

/// True for the errors a client may simply try again (STORAGE_BUSY).
inline bool isTransientStorageError(const Error &error)
{
    return error.code == QStringLiteral("STORAGE_BUSY");
}

/// True for any error that storageError() produced from a failing database (not bad input).
inline bool isStorageFault(const Error &error)
{
    return error.code == QStringLiteral("STORAGE_BUSY") || error.code == QStringLiteral("STORAGE_FULL")
        || error.code == QStringLiteral("STORAGE_IO_ERROR");
}

/// QtSql binds a null QString as SQL NULL: for NOT NULL text columns, bind text(value).
inline QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

/// An empty string as SQL NULL (optional columns).
inline QVariant nullable(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

} // namespace Gateway::Storage
