// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Gateway::Storage
{

/// @brief One step of the schema: applied in its own transaction to go from version-1 to version.
struct Migration
{
    int version = 0;
    QString description;
    QStringList statements;
};

/// @brief The schema of this binary, in order. Append steps; never edit a released one.
const QList<Migration> &migrations();

/// @brief The version a database has after every step of migrations().
int latestSchemaVersion();

} // namespace Gateway::Storage
