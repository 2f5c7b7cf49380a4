// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "storage/migrations.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Storage
{

const QList<Migration> &migrations()
{
    static const QList<Migration> steps = {
        { 1, u"sessions: one row per conversation key"_s,
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
            } },
        { 2, u"agent runtime: runs (keyed by idempotency key) and the transcript with usage and cost"_s,
            {
                u"CREATE TABLE runs ("
                "  run_id TEXT PRIMARY KEY NOT NULL,"
                "  session_key TEXT NOT NULL REFERENCES sessions(key) ON DELETE CASCADE,"
                "  status TEXT NOT NULL,"
                "  message TEXT NOT NULL DEFAULT '',"
                "  stop_reason TEXT,"
                "  error TEXT,"
                "  provider TEXT,"
                "  model TEXT,"
                "  created_at INTEGER NOT NULL,"
                "  ended_at INTEGER"
                ")"_s,
                u"CREATE INDEX runs_session ON runs(session_key, created_at)"_s,
                u"CREATE TABLE messages ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  session_key TEXT NOT NULL REFERENCES sessions(key) ON DELETE CASCADE,"
                "  run_id TEXT,"
                "  role TEXT NOT NULL,"
                "  content TEXT NOT NULL,"
                "  provider TEXT,"
                "  model TEXT,"
                "  input_tokens INTEGER NOT NULL DEFAULT 0,"
                "  output_tokens INTEGER NOT NULL DEFAULT 0,"
                "  cache_write_tokens INTEGER NOT NULL DEFAULT 0,"
                "  cache_read_tokens INTEGER NOT NULL DEFAULT 0,"
                "  cost_usd REAL NOT NULL DEFAULT 0,"
                "  stop_reason TEXT,"
                "  created_at INTEGER NOT NULL"
                ")"_s,
                u"CREATE INDEX messages_session ON messages(session_key, id)"_s,
                u"CREATE INDEX messages_created ON messages(created_at)"_s,
            } },
    };
    return steps;
}

int latestSchemaVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

} // namespace Gateway::Storage
