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
        { 3,
            u"people: users, identities, access tokens, link codes, per-user memory with FTS5, "
            "sessions owned by users, and the hash-chained audit log"_s,
            {
                u"CREATE TABLE users ("
                "  id TEXT PRIMARY KEY NOT NULL,"
                "  display_name TEXT NOT NULL,"
                "  role TEXT NOT NULL CHECK (role IN ('admin', 'user', 'child')),"
                "  language TEXT NOT NULL DEFAULT '',"
                "  timezone TEXT NOT NULL DEFAULT 'UTC',"
                "  profile TEXT NOT NULL DEFAULT '{}',"
                "  daily_token_budget INTEGER NOT NULL DEFAULT 0,"
                "  allowed_tools TEXT,"
                "  allowed_models TEXT,"
                "  quiet_hours TEXT NOT NULL DEFAULT '',"
                "  created_at INTEGER NOT NULL,"
                "  last_seen_at INTEGER"
                ")"_s,
                u"CREATE TABLE identities ("
                "  channel TEXT NOT NULL,"
                "  external_id TEXT NOT NULL,"
                "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                "  display_name TEXT NOT NULL DEFAULT '',"
                "  created_at INTEGER NOT NULL,"
                "  last_seen_at INTEGER,"
                "  PRIMARY KEY (channel, external_id)"
                ")"_s,
                u"CREATE INDEX identities_user ON identities(user_id)"_s,
                u"CREATE TABLE user_tokens ("
                "  token_hash TEXT PRIMARY KEY NOT NULL,"
                "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                "  label TEXT NOT NULL DEFAULT '',"
                "  created_at INTEGER NOT NULL,"
                "  last_used_at INTEGER"
                ")"_s,
                u"CREATE INDEX user_tokens_user ON user_tokens(user_id)"_s,
                u"CREATE TABLE link_codes ("
                "  code_hash TEXT PRIMARY KEY NOT NULL,"
                "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                "  channel TEXT NOT NULL,"
                "  created_at INTEGER NOT NULL,"
                "  expires_at INTEGER NOT NULL"
                ")"_s,
                u"CREATE TABLE link_failures ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  subject TEXT NOT NULL,"
                "  at INTEGER NOT NULL"
                ")"_s,
                u"CREATE INDEX link_failures_subject ON link_failures(subject, at)"_s,
                u"CREATE INDEX link_failures_at ON link_failures(at)"_s,
                u"CREATE TABLE memories ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                "  kind TEXT NOT NULL CHECK (kind IN ('fact', 'preference', 'note', 'summary')),"
                "  content TEXT NOT NULL,"
                "  source_channel TEXT NOT NULL DEFAULT '',"
                "  source_session TEXT NOT NULL DEFAULT '',"
                "  created_at INTEGER NOT NULL,"
                "  updated_at INTEGER NOT NULL"
                ")"_s,
                u"CREATE INDEX memories_user ON memories(user_id, updated_at DESC)"_s,
                u"CREATE VIRTUAL TABLE memories_fts USING fts5("
                "  content, content='memories', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"_s,
                u"CREATE TRIGGER memories_ai AFTER INSERT ON memories BEGIN"
                "  INSERT INTO memories_fts(rowid, content) VALUES (new.id, new.content);"
                " END"_s,
                u"CREATE TRIGGER memories_ad AFTER DELETE ON memories BEGIN"
                "  INSERT INTO memories_fts(memories_fts, rowid, content) VALUES ('delete', old.id, old.content);"
                " END"_s,
                u"CREATE TRIGGER memories_au AFTER UPDATE OF content ON memories BEGIN"
                "  INSERT INTO memories_fts(memories_fts, rowid, content) VALUES ('delete', old.id, old.content);"
                "  INSERT INTO memories_fts(rowid, content) VALUES (new.id, new.content);"
                " END"_s,
                u"ALTER TABLE sessions ADD COLUMN user_id TEXT REFERENCES users(id) ON DELETE CASCADE"_s,
                u"ALTER TABLE sessions ADD COLUMN channel TEXT NOT NULL DEFAULT ''"_s,
                u"ALTER TABLE sessions ADD COLUMN compacted_through INTEGER NOT NULL DEFAULT 0"_s,
                u"CREATE INDEX sessions_user ON sessions(user_id)"_s,
                u"CREATE TABLE audit_log ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  at INTEGER NOT NULL,"
                "  actor TEXT NOT NULL,"
                "  action TEXT NOT NULL,"
                "  target TEXT NOT NULL DEFAULT '',"
                "  outcome TEXT NOT NULL DEFAULT 'ok',"
                "  detail TEXT NOT NULL DEFAULT '{}',"
                "  prev_hash TEXT NOT NULL,"
                "  hash TEXT NOT NULL"
                ")"_s,
                u"CREATE INDEX audit_log_action ON audit_log(action, id)"_s,
            } },
        { 4,
            u"channels: inbound messages recorded before they are acknowledged (de-duplicated by platform id), "
            "the outbox of replies, per-channel state (offsets), and pairing requests from strangers"_s,
            {
                u"CREATE TABLE channel_inbound ("
                "  channel TEXT NOT NULL,"
                "  platform_id TEXT NOT NULL,"
                "  chat_id TEXT NOT NULL,"
                "  chat_type TEXT NOT NULL DEFAULT 'private',"
                "  thread_id TEXT NOT NULL DEFAULT '',"
                "  sender_id TEXT NOT NULL,"
                "  sender_name TEXT NOT NULL DEFAULT '',"
                "  text TEXT NOT NULL,"
                "  mentioned INTEGER NOT NULL DEFAULT 0,"
                "  state TEXT NOT NULL DEFAULT 'received',"
                "  user_id TEXT,"
                "  run_id TEXT,"
                "  received_at INTEGER NOT NULL,"
                "  handled_at INTEGER,"
                "  PRIMARY KEY (channel, platform_id)"
                ")"_s,
                u"CREATE INDEX channel_inbound_state ON channel_inbound(state, received_at)"_s,
                u"CREATE TABLE channel_outbox ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  channel TEXT NOT NULL,"
                "  chat_id TEXT NOT NULL,"
                "  thread_id TEXT NOT NULL DEFAULT '',"
                "  user_id TEXT,"
                "  text TEXT NOT NULL,"
                "  idempotency_key TEXT NOT NULL UNIQUE,"
                "  state TEXT NOT NULL DEFAULT 'pending',"
                "  attempts INTEGER NOT NULL DEFAULT 0,"
                "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
                "  platform_message_id TEXT,"
                "  last_error TEXT,"
                "  created_at INTEGER NOT NULL,"
                "  sent_at INTEGER"
                ")"_s,
                u"CREATE INDEX channel_outbox_pending ON channel_outbox(state, next_attempt_at)"_s,
                u"CREATE TABLE channel_state ("
                "  channel TEXT NOT NULL,"
                "  key TEXT NOT NULL,"
                "  value TEXT NOT NULL,"
                "  PRIMARY KEY (channel, key)"
                ")"_s,
                u"CREATE TABLE channel_pairing ("
                "  channel TEXT NOT NULL,"
                "  sender_id TEXT NOT NULL,"
                "  code TEXT NOT NULL,"
                "  sender_name TEXT NOT NULL DEFAULT '',"
                "  chat_id TEXT NOT NULL,"
                "  state TEXT NOT NULL DEFAULT 'pending',"
                "  created_at INTEGER NOT NULL,"
                "  decided_at INTEGER,"
                "  PRIMARY KEY (channel, sender_id)"
                ")"_s,
            } },
        { 5,
            u"channels: the draft streamed while the model writes (its platform message id, with the inbound "
            "message), and the message a reply edits instead of posting anew"_s,
            {
                u"ALTER TABLE channel_inbound ADD COLUMN draft_message_id TEXT NOT NULL DEFAULT ''"_s,
                u"ALTER TABLE channel_outbox ADD COLUMN edit_message_id TEXT NOT NULL DEFAULT ''"_s,
            } },
        { 6,
            u"scheduler: jobs of users (once, interval, cron; time zone, catch-up policy, target) and their "
            "firings, each (job, due) recorded once before its delivery"_s,
            {
                u"CREATE TABLE scheduler_jobs ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                "  name TEXT NOT NULL DEFAULT '',"
                "  kind TEXT NOT NULL CHECK (kind IN ('once', 'interval', 'cron')),"
                "  spec TEXT NOT NULL,"
                "  tz TEXT NOT NULL DEFAULT 'UTC',"
                "  catch_up TEXT NOT NULL DEFAULT 'once' CHECK (catch_up IN ('once', 'all', 'skip')),"
                "  message TEXT NOT NULL,"
                "  channel TEXT NOT NULL DEFAULT '',"
                "  target TEXT NOT NULL DEFAULT '',"
                "  enabled INTEGER NOT NULL DEFAULT 1,"
                "  next_due INTEGER,"
                "  anchor INTEGER NOT NULL DEFAULT 0,"
                "  last_due INTEGER,"
                "  created_at INTEGER NOT NULL,"
                "  updated_at INTEGER NOT NULL"
                ")"_s,
                u"CREATE INDEX scheduler_jobs_due ON scheduler_jobs(next_due) WHERE enabled = 1 AND next_due IS NOT NULL"_s,
                u"CREATE INDEX scheduler_jobs_user ON scheduler_jobs(user_id)"_s,
                u"CREATE TABLE scheduler_runs ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  job_id INTEGER NOT NULL REFERENCES scheduler_jobs(id) ON DELETE CASCADE,"
                "  due INTEGER NOT NULL,"
                "  fired_at INTEGER NOT NULL,"
                "  state TEXT NOT NULL,"
                "  manual INTEGER NOT NULL DEFAULT 0,"
                "  outbox_id INTEGER,"
                "  error TEXT,"
                "  UNIQUE (job_id, due)"
                ")"_s,
                u"CREATE INDEX scheduler_runs_state ON scheduler_runs(state) WHERE state = 'recorded'"_s,
            } },
        { 7,
            u"skills: the registry of installed skills (manifest, state, approval, usage), the SHA-256 pin of "
            "every file, and full-text search over names, descriptions, triggers and bodies"_s,
            {
                u"CREATE TABLE skills ("
                "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                "  name TEXT NOT NULL UNIQUE,"
                "  version TEXT NOT NULL,"
                "  description TEXT NOT NULL,"
                "  triggers TEXT NOT NULL DEFAULT '',"
                "  body TEXT NOT NULL DEFAULT '',"
                "  manifest TEXT NOT NULL,"
                "  folder TEXT NOT NULL,"
                "  state TEXT NOT NULL CHECK (state IN ('pending', 'enabled', 'disabled')),"
                "  reason TEXT NOT NULL DEFAULT '',"
                "  signed INTEGER NOT NULL DEFAULT 0,"
                "  publisher TEXT NOT NULL DEFAULT '',"
                "  approved_capabilities TEXT NOT NULL DEFAULT '[]',"
                "  requirements TEXT NOT NULL DEFAULT '{}',"
                "  installed_at INTEGER NOT NULL,"
                "  updated_at INTEGER NOT NULL,"
                "  approved_at INTEGER,"
                "  approved_by TEXT,"
                "  loads INTEGER NOT NULL DEFAULT 0,"
                "  runs INTEGER NOT NULL DEFAULT 0,"
                "  failures INTEGER NOT NULL DEFAULT 0,"
                "  last_used_at INTEGER"
                ")"_s,
                u"CREATE TABLE skill_files ("
                "  skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,"
                "  path TEXT NOT NULL,"
                "  sha256 TEXT NOT NULL,"
                "  size INTEGER NOT NULL,"
                "  PRIMARY KEY (skill_id, path)"
                ")"_s,
                u"CREATE VIRTUAL TABLE skills_fts USING fts5("
                "  name, description, triggers, body, content='skills', content_rowid='id',"
                "  tokenize='unicode61 remove_diacritics 2')"_s,
                u"CREATE TRIGGER skills_ai AFTER INSERT ON skills BEGIN"
                "  INSERT INTO skills_fts(rowid, name, description, triggers, body)"
                "  VALUES (new.id, new.name, new.description, new.triggers, new.body);"
                " END"_s,
                u"CREATE TRIGGER skills_ad AFTER DELETE ON skills BEGIN"
                "  INSERT INTO skills_fts(skills_fts, rowid, name, description, triggers, body)"
                "  VALUES ('delete', old.id, old.name, old.description, old.triggers, old.body);"
                " END"_s,
                u"CREATE TRIGGER skills_au AFTER UPDATE OF name, description, triggers, body ON skills BEGIN"
                "  INSERT INTO skills_fts(skills_fts, rowid, name, description, triggers, body)"
                "  VALUES ('delete', old.id, old.name, old.description, old.triggers, old.body);"
                "  INSERT INTO skills_fts(rowid, name, description, triggers, body)"
                "  VALUES (new.id, new.name, new.description, new.triggers, new.body);"
                " END"_s,
            } },
    };
    return steps;
}

int latestSchemaVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

} // namespace Gateway::Storage
