// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>
#include <QStringList>

namespace Gateway::Config
{

/// @brief [gateway]: the listener, authentication and protocol limits.
struct GatewaySettings
{
    QString bind = QStringLiteral("127.0.0.1");
    int port = 18789;
    /// "token", "password" or "none" (none is refused on non-loopback binds).
    QString auth = QStringLiteral("token");
    /// Secret reference for the shared token (see SecretRef); empty means "generate on first run".
    QString token;
    /// Secret reference for the password (auth = "password").
    QString password;
    /// Allow a non-loopback bind without TLS (a token is still mandatory).
    bool allowInsecureBind = false;
    /// Serve HTTPS and WSS on the gateway port.
    bool tlsEnabled = false;
    /// PEM certificate (chain) file; empty: a self-signed certificate generated into the home
    /// folder (tls/gateway-cert.pem). Relative paths resolve against the home folder.
    QString tlsCert;
    /// PEM private key file (unencrypted, mode 0600); empty with tlsCert empty: generated.
    QString tlsKey;
    int tickIntervalMs = 30000;
    qint64 maxPayload = 26214400; // bytes, after connect
    qint64 maxBufferedBytes = 52428800; // bytes queued per socket before it is dropped
    int handshakeTimeoutMs = 15000; // WebSocket open -> successful connect
    int maxHeaderBytes = 16384; // HTTP request head
    int headerTimeoutMs = 5000; // time to receive a complete HTTP request head
    int maxBodyBytes = 1048576; // HTTP request body
    int maxConnections = 20000; // open sockets, all clients together
    /// Open sockets from one remote address (loopback addresses are exempt).
    int maxConnectionsPerAddress = 256;
    /// Browser origins (scheme://host[:port], comma- or space-separated) allowed to open a
    /// WebSocket besides the gateway's own.
    QString allowedOrigins;
};

/// @brief [storage]: the SQLite database.
struct StorageSettings
{
    /// Relative paths resolve against the home folder.
    QString path = QStringLiteral("skynet.db");
    /// "OFF", "NORMAL" or "FULL".
    QString synchronous = QStringLiteral("NORMAL");
    int busyTimeoutMs = 5000;
    /// Where secrets live: "auto" (the OS keychain when one answers, else secrets.json readable
    /// only by the user), "keychain" (fail without one) or "file".
    QString secrets = QStringLiteral("auto");
};

/// @brief [logging]
struct LoggingSettings
{
    /// "debug", "info", "warning", "error".
    QString level = QStringLiteral("info");
    /// Write a size-rotated log file under dir.
    bool file = true;
    /// Relative paths resolve against the home folder.
    QString dir = QStringLiteral("logs");
    qint64 maxFileBytes = 10485760;
    int maxFiles = 5;
    /// One structured line per HTTP request and WebSocket connection.
    bool accessLog = true;
};

/// @brief [agent]: the agent runtime.
struct AgentSettings
{
    QString defaultAgentId = QStringLiteral("main");
    QString mainKey = QStringLiteral("main");
    /// The base persona; relative paths resolve against the home folder. Missing → built-in.
    QString soul = QStringLiteral("SOUL.md");
    /// The persona overlays: role/<role>.md, channel/<channel>.md, user/<id>.md (relative to home).
    QString soulDir = QStringLiteral("soul");
    int maxTokens = 1024;
    int maxToolIterations = 8;
    int runTimeoutMs = 300000;
    /// Messages of history sent with each turn (the newest ones).
    int historyMessages = 50;
    /// Mark the stable prompt prefix for provider-side caching (Anthropic cache_control).
    bool promptCaching = true;
};

/// @brief [people]: users, roles and per-user memory.
struct PeopleSettings
{
    /// Role of a person first seen on a channel (once the channel's access policy lets them in).
    QString defaultRole = QStringLiteral("user");
    /// Display name of the owner: the admin user behind the gateway token.
    QString ownerName = QStringLiteral("Owner");
    /// Memories every prompt of a user carries (preferences first; the per-user cache tier).
    int pinnedMemories = 20;
    /// Memories most relevant to the current message added to each turn (after the conversation).
    int recalledMemories = 5;
    /// Summarise turns that leave the history window into memories of the user.
    bool compaction = true;
};

/// @brief [scheduler]: reminders and jobs (gateway/scheduler, docs/scheduler.md).
struct SchedulerSettings
{
    /// Fire jobs; when false, jobs are kept but nothing fires and cron.* methods refuse changes.
    bool enabled = true;
    /// IANA time zone of a job that names none (and whose user has none).
    QString defaultTimeZone = QStringLiteral("UTC");
    /// Jobs one user may have.
    int maxJobsPerUser = 100;
};

/// @brief [channels.telegram]: a Telegram bot (Bot API, long polling).
struct TelegramSettings
{
    bool enabled = false;
    /// Secret reference for the bot token ("123456:AA…").
    QString token = QStringLiteral("env:TELEGRAM_BOT_TOKEN");
    /// "" = https://api.telegram.org (a local Bot API server or a test fake otherwise).
    QString baseUrl;
    /// Strangers in private chats: "pairing" (a code, nothing else, until an admin approves),
    /// "allowlist" (only allow_from), "open" (everyone becomes a user).
    QString dmPolicy = QStringLiteral("pairing");
    /// Comma-separated Telegram user ids always let in.
    QString allowFrom;
    /// Comma-separated group chat ids: when set, only these groups are answered (when the bot is
    /// mentioned), and everyone in them may talk to Skynet.
    QString allowChats;
    /// Long-poll timeout of getUpdates in seconds (the HTTP timeout is 10 s longer).
    int pollTimeoutS = 25;
    /// "polling" (getUpdates) or "webhook" (Telegram POSTs to webhook_url).
    QString mode = QStringLiteral("polling");
    /// The public HTTPS URL that reaches webhook_path on this gateway.
    QString webhookUrl;
    /// Secret reference for X-Telegram-Bot-Api-Secret-Token (1-256 of A-Z a-z 0-9 _ -).
    QString webhookSecret = QStringLiteral("env:TELEGRAM_WEBHOOK_SECRET");
    QString webhookPath = QStringLiteral("/webhooks/telegram");
};

/// @brief [channels.discord]: a Discord bot (Gateway v10 + REST).
struct DiscordSettings
{
    bool enabled = false;
    QString token = QStringLiteral("env:DISCORD_BOT_TOKEN");
    /// "" = https://discord.com/api/v10.
    QString apiBase;
    /// "" = ask GET /gateway/bot.
    QString gatewayUrl;
    QString dmPolicy = QStringLiteral("pairing");
    QString allowFrom;
    /// Comma-separated guild channel ids: when set, only these are answered (when mentioned), and
    /// everyone in them may talk to Skynet.
    QString allowChats;
};

/// @brief [channels.whatsapp]: the WhatsApp Cloud API (webhooks on the gateway's port).
struct WhatsAppSettings
{
    bool enabled = false;
    QString phoneNumberId;
    QString accessToken = QStringLiteral("env:WHATSAPP_ACCESS_TOKEN");
    QString appSecret = QStringLiteral("env:WHATSAPP_APP_SECRET");
    QString verifyToken = QStringLiteral("env:WHATSAPP_VERIFY_TOKEN");
    /// "" = https://graph.facebook.com.
    QString graphBase;
    QString apiVersion = QStringLiteral("v23.0");
    QString webhookPath = QStringLiteral("/webhooks/whatsapp");
    QString dmPolicy = QStringLiteral("pairing");
    QString allowFrom;
};

/// @brief [channels.webchat]: the built-in web chat page at /chat on the gateway's port.
struct WebChatSettings
{
    bool enabled = true;
    /// New visitors: "pairing" (a code the owner approves, then a personal token), "allowlist"
    /// (no new visitors: access tokens only), "open" (every visitor gets a token at once).
    QString dmPolicy = QStringLiteral("pairing");
    /// Pairing requests from the page waiting for the owner, at most.
    int maxPending = 20;
};

/// @brief [channels.*]
struct ChannelsSettings
{
    TelegramSettings telegram;
    DiscordSettings discord;
    WhatsAppSettings whatsapp;
    WebChatSettings webchat;
};

/// @brief One model provider: [providers.ollama], [providers.anthropic], [providers.openai].
struct ProviderSettings
{
    bool enabled = true;
    /// "" = the provider's default, or its usual environment variable (OLLAMA_HOST, ...).
    QString baseUrl;
    /// Secret reference for the API key ("" = none).
    QString apiKey;
    /// The model used when routing names only this provider.
    QString model;
    /// Failover order: lower first.
    int priority = 1;
    int connectTimeoutMs = 10000;
    /// No byte for this long while waiting or streaming → timeout.
    int idleTimeoutMs = 60000;
    /// Retries on the same provider before failing over (429/5xx/connect, before any output).
    int maxRetries = 1;
};

/// @brief [providers.*]
struct ProvidersSettings
{
    ProviderSettings ollama { true, QString(), QString(), QStringLiteral("llama3.2"), 1, 10000, 300000, 1 };
    ProviderSettings anthropic { true, QString(), QStringLiteral("env:ANTHROPIC_API_KEY"),
        QStringLiteral("claude-sonnet-4-5"), 2, 10000, 60000, 1 };
    ProviderSettings openai { true, QString(), QStringLiteral("env:OPENAI_API_KEY"), QStringLiteral("gpt-4o-mini"), 3,
        10000, 60000, 1 };
};

/// @brief [routing]: which model answers which kind of turn.
struct RoutingSettings
{
    /// "auto" classifies every turn; "fixed" always uses `standard`.
    QString mode = QStringLiteral("auto");
    QString trivial = QStringLiteral("ollama:llama3.2");
    QString standard = QStringLiteral("anthropic:claude-sonnet-4-5");
    QString complex = QStringLiteral("anthropic:claude-opus-4-5");
    /// Only providers that run on this machine (Ollama, a local OpenAI-compatible server).
    bool privacy = false;
    /// No network beyond this machine at all (implies privacy).
    bool offline = false;
};

/// @brief [pricing]: USD per million tokens, "model=input/output, ...". Cache writes cost 1.25×
/// and cache reads 0.1× the input price (Anthropic's multipliers).
struct PricingSettings
{
    QString table
        = QStringLiteral("claude-haiku-4-5=1/5, claude-sonnet-4-5=3/15, claude-sonnet-4-6=3/15, claude-sonnet-5=3/15, "
                         "claude-opus-4-5=5/25, claude-opus-4-6=5/25, claude-opus-4-7=5/25, claude-opus-4-8=5/25, "
                         "claude-opus-5=5/25, claude-fable-5=10/50, gpt-4o-mini=0.15/0.6, gpt-4o=2.5/10");
};

/// @brief [skills]: installed skills, the install pipeline and the sandbox their scripts run in.
struct SkillsSettings
{
    bool enabled = true;
    /// Installed skills live here, one folder each (relative to home).
    QString folder = QStringLiteral("skills");
    /// Trusted publisher keys: comma-separated base64 Ed25519 public keys (public, not secrets).
    QString trustedKeys;
    /// A folder of *.pub trusted publisher keys (base64 or PEM; relative to home).
    QString trustedKeysDir = QStringLiteral("skills-trust");
    /// A folder of OSV-format advisory JSON files the admin updates offline (relative to home).
    QString advisories = QStringLiteral("advisories");
    /// Limits of one sandboxed script run.
    int runTimeoutMs = 30000;
    int memoryMb = 512;
    int maxOutputKb = 64;
};

/// @brief [terminal]: the admin terminal tool (docs/terminal.md). Off by default.
struct TerminalSettings
{
    bool enabled = false;
    /// Comma-separated glob patterns (`*` any text, `?` one character, whole command) of commands
    /// that run without approval; only commands without shell operators can match.
    QString allowlist;
    /// Comma-separated hosts `ssh` may reach (after approval); any other host is refused.
    QString sshHosts;
    /// Wall-clock limit of a command or session; it is killed (process group) when reached.
    int timeLimitS = 600;
    /// Output kept per job (the newest bytes; older ones are dropped and the job says truncated).
    qint64 maxOutputBytes = 1048576;
    /// Jobs and sessions running at once.
    int maxJobs = 4;
    /// How long a request waits for an admin's decision before it expires.
    int approvalTimeoutS = 300;
    /// Time between SIGTERM and SIGKILL when a job is killed.
    int killGraceMs = 2000;
};

/// @brief The whole validated configuration plus where it came from.
struct Settings
{
    GatewaySettings gateway;
    StorageSettings storage;
    LoggingSettings logging;
    AgentSettings agent;
    PeopleSettings people;
    SchedulerSettings scheduler;
    ChannelsSettings channels;
    ProvidersSettings providers;
    RoutingSettings routing;
    PricingSettings pricing;
    SkillsSettings skills;
    TerminalSettings terminal;

    /// The home folder (~/.skynet, SKYNET_HOME or --home); absolute.
    QString home;
    /// The config file that was read (empty when none was read).
    QString configPath;
    /// Non-fatal findings (unknown keys, plain-text secrets), one sentence each.
    QStringList warnings;

    /// Resolves a path from the config against the home folder.
    QString resolvePath(const QString &path) const;
};

} // namespace Gateway::Config
