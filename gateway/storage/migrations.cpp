// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "storage/migrations.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Storage {

const QList<Migration> &migrations()
{
    static const QList<Migration> steps = {
        {1,
         u"sessions: one row per conversation key"_s,
         {
             u"CREATE TABLE sessions ("
             "  key TEXT PRIMARY KEY NOT NULL,"
             "  agent_id TEXT NOT NULL DEFAULT 'main',"
             "  kind TEXT NOT NULL DEFAULT 'direct',"
             "  label TEXT,"
             "  created_at INTEGER NOT NULL,"
             "  updated_at INTEGER NOT NULL"
             ")"_s,
             u"CREATE INDEX sessions_updated ON sessions(updated_at DESC)"_s,
         }},
    };
    return steps;
}

int latestSchemaVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

} // namespace Gateway::Storage
