// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QMetaType>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include "core/result.h"

/// Small helpers every store of the gateway uses with QtSql.
namespace Gateway::Storage
{

/// A failed statement as an Error with code STORAGE_ERROR ("what: driver message").
inline Error sqlError(const QString &what, const QSqlQuery &query)
{
    return Error { QStringLiteral("STORAGE_ERROR"), what + QStringLiteral(": ") + query.lastError().text() };
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
