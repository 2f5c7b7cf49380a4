// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "config/configschema.h"

#include <limits>
#include <type_traits>

using namespace Qt::StringLiterals;

namespace Gateway::Config
{

namespace
{

constexpr qint64 INT_FIELD_MAX = std::numeric_limits<int>::max();
constexpr qint64 INT64_FIELD_MAX = std::numeric_limits<qint64>::max();

// Binds a spec to a field reached through a chain of member pointers, e.g.
// (&Settings::gateway, &GatewaySettings::port); a nested table adds one more link.
template<typename... Members>
void bindField(KeySpec &spec, Members... path)
{
    using Field = std::remove_cvref_t<decltype((std::declval<Settings &>().*....*path))>;
    spec.get = [=](const Settings &settings) -> QVariant {
        const Field &field = (settings.*....*path);
        if constexpr (std::is_same_v<Field, bool> || std::is_same_v<Field, QString>)
            return QVariant::fromValue(field);
        else
            return QVariant::fromValue(qlonglong(field));
    };
    spec.set = [=](Settings &settings, const QVariant &value) {
        Field &field = (settings.*....*path);
        if constexpr (std::is_same_v<Field, bool>)
            field = value.toBool();
        else if constexpr (std::is_same_v<Field, QString>)
            field = value.toString();
        else
            field = static_cast<Field>(value.toLongLong());
    };
}

template<typename... Members>
KeySpec integerKey(const QString &section, const QString &name, qint64 minimum, qint64 maximum, Members... path)
{
    using Field = std::remove_cvref_t<decltype((std::declval<Settings &>().*....*path))>;
    static_assert(std::is_integral_v<Field> && !std::is_same_v<Field, bool>, "integer keys need an integer field");
    Q_ASSERT(minimum <= maximum && maximum <= qint64(std::numeric_limits<Field>::max()));
    KeySpec spec { section, name, ValueType::Integer, minimum, maximum, {}, false, {}, {} };
    bindField(spec, path...);
    return spec;
}

template<typename... Members>
KeySpec booleanKey(const QString &section, const QString &name, Members... path)
{
    using Field = std::remove_cvref_t<decltype((std::declval<Settings &>().*....*path))>;
    static_assert(std::is_same_v<Field, bool>, "boolean keys need a bool field");
    KeySpec spec { section, name, ValueType::Boolean, 0, 0, {}, false, {}, {} };
    bindField(spec, path...);
    return spec;
}

template<typename... Members>
KeySpec stringKey(
    const QString &section, const QString &name, ValueType type, const QStringList &choices, Members... path)
{
    using Field = std::remove_cvref_t<decltype((std::declval<Settings &>().*....*path))>;
    static_assert(std::is_same_v<Field, QString>, "string keys need a QString field");
    KeySpec spec { section, name, type, 0, 0, choices, false, {}, {} };
    bindField(spec, path...);
    return spec;
}

template<typename... Members>
KeySpec textKey(const QString &section, const QString &name, Members... path)
{
    return stringKey(section, name, ValueType::String, {}, path...);
}

template<typename... Members>
KeySpec optionalTextKey(const QString &section, const QString &name, Members... path)
{
    KeySpec spec = stringKey(section, name, ValueType::String, {}, path...);
    spec.allowEmpty = true;
    return spec;
}

template<typename... Members>
KeySpec choiceKey(const QString &section, const QString &name, const QStringList &choices, Members... path)
{
    return stringKey(section, name, ValueType::Choice, choices, path...);
}

template<typename... Members>
KeySpec secretKey(const QString &section, const QString &name, Members... path)
{
    return stringKey(section, name, ValueType::Secret, {}, path...);
}

// The schema. To add a key: add the field to settings.h (its initialiser is the default), one line
// here, the key to config/default.toml and a row to docs/configuration.md (a test checks all three).
// A nested table such as [providers.anthropic] is a section "providers.anthropic" whose fields are
// reached with one more member pointer: secretKey(u"providers.anthropic"_s, u"api_key"_s,
// &Settings::providers, &ProvidersSettings::anthropic, &ProviderSettings::apiKey).
// The same eight keys for every provider table.
#define PROVIDER_KEYS(NAME)                                                                                            \
    booleanKey(u"providers." #NAME ""_s, u"enabled"_s, &Settings::providers, &ProvidersSettings::NAME,                 \
        &ProviderSettings::enabled),                                                                                   \
        optionalTextKey(u"providers." #NAME ""_s, u"base_url"_s, &Settings::providers, &ProvidersSettings::NAME,       \
            &ProviderSettings::baseUrl),                                                                               \
        secretKey(u"providers." #NAME ""_s, u"api_key"_s, &Settings::providers, &ProvidersSettings::NAME,              \
            &ProviderSettings::apiKey),                                                                                \
        textKey(u"providers." #NAME ""_s, u"model"_s, &Settings::providers, &ProvidersSettings::NAME,                  \
            &ProviderSettings::model),                                                                                 \
        integerKey(u"providers." #NAME ""_s, u"priority"_s, 0, 1000, &Settings::providers, &ProvidersSettings::NAME,   \
            &ProviderSettings::priority),                                                                              \
        integerKey(u"providers." #NAME ""_s, u"connect_timeout_ms"_s, 1, INT_FIELD_MAX, &Settings::providers,          \
            &ProvidersSettings::NAME, &ProviderSettings::connectTimeoutMs),                                            \
        integerKey(u"providers." #NAME ""_s, u"idle_timeout_ms"_s, 1, INT_FIELD_MAX, &Settings::providers,             \
            &ProvidersSettings::NAME, &ProviderSettings::idleTimeoutMs),                                               \
        integerKey(u"providers." #NAME ""_s, u"max_retries"_s, 0, 10, &Settings::providers, &ProvidersSettings::NAME,  \
            &ProviderSettings::maxRetries)

QList<KeySpec> buildSchema()
{
    const QString gateway = u"gateway"_s;
    const QString storage = u"storage"_s;
    const QString logging = u"logging"_s;
    const QString agent = u"agent"_s;
    using G = GatewaySettings;
    using S = StorageSettings;
    using L = LoggingSettings;
    using A = AgentSettings;
    const auto g = &Settings::gateway;
    const auto s = &Settings::storage;
    const auto l = &Settings::logging;
    const auto a = &Settings::agent;

    return {
        textKey(gateway, u"bind"_s, g, &G::bind),
        integerKey(gateway, u"port"_s, 1, 65535, g, &G::port),
        choiceKey(gateway, u"auth"_s, { u"token"_s, u"password"_s, u"none"_s }, g, &G::auth),
        secretKey(gateway, u"token"_s, g, &G::token),
        secretKey(gateway, u"password"_s, g, &G::password),
        booleanKey(gateway, u"allow_insecure_bind"_s, g, &G::allowInsecureBind),
        booleanKey(gateway, u"tls_enabled"_s, g, &G::tlsEnabled),
        optionalTextKey(gateway, u"tls_cert"_s, g, &G::tlsCert),
        optionalTextKey(gateway, u"tls_key"_s, g, &G::tlsKey),
        integerKey(gateway, u"tick_interval_ms"_s, 1000, 3600000, g, &G::tickIntervalMs),
        integerKey(gateway, u"max_payload"_s, 1, INT64_FIELD_MAX, g, &G::maxPayload),
        integerKey(gateway, u"max_buffered_bytes"_s, 1, INT64_FIELD_MAX, g, &G::maxBufferedBytes),
        integerKey(gateway, u"handshake_timeout_ms"_s, 1, INT_FIELD_MAX, g, &G::handshakeTimeoutMs),
        integerKey(gateway, u"max_header_bytes"_s, 1, INT_FIELD_MAX, g, &G::maxHeaderBytes),
        integerKey(gateway, u"header_timeout_ms"_s, 1, INT_FIELD_MAX, g, &G::headerTimeoutMs),
        integerKey(gateway, u"max_body_bytes"_s, 1, INT_FIELD_MAX, g, &G::maxBodyBytes),
        integerKey(gateway, u"max_connections"_s, 1, INT_FIELD_MAX, g, &G::maxConnections),
        integerKey(gateway, u"max_connections_per_address"_s, 1, INT_FIELD_MAX, g, &G::maxConnectionsPerAddress),
        optionalTextKey(gateway, u"allowed_origins"_s, g, &G::allowedOrigins),

        textKey(storage, u"path"_s, s, &S::path),
        choiceKey(storage, u"synchronous"_s, { u"OFF"_s, u"NORMAL"_s, u"FULL"_s }, s, &S::synchronous),
        // Bounded: a locked database answers STORAGE_BUSY within a minute, never hangs a request.
        integerKey(storage, u"busy_timeout_ms"_s, 0, 60'000, s, &S::busyTimeoutMs),
        choiceKey(storage, u"secrets"_s, { u"auto"_s, u"keychain"_s, u"file"_s }, s, &S::secrets),

        choiceKey(logging, u"level"_s, { u"debug"_s, u"info"_s, u"warning"_s, u"error"_s }, l, &L::level),
        booleanKey(logging, u"file"_s, l, &L::file),
        textKey(logging, u"dir"_s, l, &L::dir),
        integerKey(logging, u"max_file_bytes"_s, 1, INT64_FIELD_MAX, l, &L::maxFileBytes),
        integerKey(logging, u"max_files"_s, 1, INT_FIELD_MAX, l, &L::maxFiles),
        booleanKey(logging, u"access_log"_s, l, &L::accessLog),

        textKey(agent, u"default_agent_id"_s, a, &A::defaultAgentId),
        textKey(agent, u"main_key"_s, a, &A::mainKey),
        textKey(agent, u"soul"_s, a, &A::soul),
        textKey(agent, u"soul_dir"_s, a, &A::soulDir),
        integerKey(agent, u"max_tokens"_s, 1, 1000000, a, &A::maxTokens),
        integerKey(agent, u"max_tool_iterations"_s, 0, 100, a, &A::maxToolIterations),
        integerKey(agent, u"run_timeout_ms"_s, 1000, INT_FIELD_MAX, a, &A::runTimeoutMs),
        integerKey(agent, u"history_messages"_s, 1, 100000, a, &A::historyMessages),
        booleanKey(agent, u"prompt_caching"_s, a, &A::promptCaching),

        choiceKey(
            u"people"_s, u"default_role"_s, { u"user"_s, u"child"_s }, &Settings::people, &PeopleSettings::defaultRole),
        textKey(u"people"_s, u"owner_name"_s, &Settings::people, &PeopleSettings::ownerName),
        integerKey(u"people"_s, u"pinned_memories"_s, 0, 200, &Settings::people, &PeopleSettings::pinnedMemories),
        integerKey(u"people"_s, u"recalled_memories"_s, 0, 50, &Settings::people, &PeopleSettings::recalledMemories),
        booleanKey(u"people"_s, u"compaction"_s, &Settings::people, &PeopleSettings::compaction),

        booleanKey(u"scheduler"_s, u"enabled"_s, &Settings::scheduler, &SchedulerSettings::enabled),
        textKey(u"scheduler"_s, u"default_time_zone"_s, &Settings::scheduler, &SchedulerSettings::defaultTimeZone),
        integerKey(u"scheduler"_s, u"max_jobs_per_user"_s, 0, 100000, &Settings::scheduler,
            &SchedulerSettings::maxJobsPerUser),

        booleanKey(u"channels.telegram"_s, u"enabled"_s, &Settings::channels, &ChannelsSettings::telegram,
            &TelegramSettings::enabled),
        secretKey(u"channels.telegram"_s, u"token"_s, &Settings::channels, &ChannelsSettings::telegram,
            &TelegramSettings::token),
        optionalTextKey(u"channels.telegram"_s, u"base_url"_s, &Settings::channels, &ChannelsSettings::telegram,
            &TelegramSettings::baseUrl),
        choiceKey(u"channels.telegram"_s, u"dm_policy"_s, { u"pairing"_s, u"allowlist"_s, u"open"_s },
            &Settings::channels, &ChannelsSettings::telegram, &TelegramSettings::dmPolicy),
        optionalTextKey(u"channels.telegram"_s, u"allow_from"_s, &Settings::channels, &ChannelsSettings::telegram,
            &TelegramSettings::allowFrom),
        optionalTextKey(u"channels.telegram"_s, u"allow_chats"_s, &Settings::channels, &ChannelsSettings::telegram,
            &TelegramSettings::allowChats),
        integerKey(u"channels.telegram"_s, u"poll_timeout_s"_s, 0, 50, &Settings::channels, &ChannelsSettings::telegram,
            &TelegramSettings::pollTimeoutS),
        choiceKey(u"channels.telegram"_s, u"mode"_s, { u"polling"_s, u"webhook"_s }, &Settings::channels,
            &ChannelsSettings::telegram, &TelegramSettings::mode),
        optionalTextKey(u"channels.telegram"_s, u"webhook_url"_s, &Settings::channels, &ChannelsSettings::telegram,
            &TelegramSettings::webhookUrl),
        secretKey(u"channels.telegram"_s, u"webhook_secret"_s, &Settings::channels, &ChannelsSettings::telegram,
            &TelegramSettings::webhookSecret),
        textKey(u"channels.telegram"_s, u"webhook_path"_s, &Settings::channels, &ChannelsSettings::telegram,
            &TelegramSettings::webhookPath),

        booleanKey(u"channels.discord"_s, u"enabled"_s, &Settings::channels, &ChannelsSettings::discord,
            &DiscordSettings::enabled),
        secretKey(u"channels.discord"_s, u"token"_s, &Settings::channels, &ChannelsSettings::discord,
            &DiscordSettings::token),
        optionalTextKey(u"channels.discord"_s, u"api_base"_s, &Settings::channels, &ChannelsSettings::discord,
            &DiscordSettings::apiBase),
        optionalTextKey(u"channels.discord"_s, u"gateway_url"_s, &Settings::channels, &ChannelsSettings::discord,
            &DiscordSettings::gatewayUrl),
        choiceKey(u"channels.discord"_s, u"dm_policy"_s, { u"pairing"_s, u"allowlist"_s, u"open"_s },
            &Settings::channels, &ChannelsSettings::discord, &DiscordSettings::dmPolicy),
        optionalTextKey(u"channels.discord"_s, u"allow_from"_s, &Settings::channels, &ChannelsSettings::discord,
            &DiscordSettings::allowFrom),
        optionalTextKey(u"channels.discord"_s, u"allow_chats"_s, &Settings::channels, &ChannelsSettings::discord,
            &DiscordSettings::allowChats),

        booleanKey(u"channels.whatsapp"_s, u"enabled"_s, &Settings::channels, &ChannelsSettings::whatsapp,
            &WhatsAppSettings::enabled),
        optionalTextKey(u"channels.whatsapp"_s, u"phone_number_id"_s, &Settings::channels, &ChannelsSettings::whatsapp,
            &WhatsAppSettings::phoneNumberId),
        secretKey(u"channels.whatsapp"_s, u"access_token"_s, &Settings::channels, &ChannelsSettings::whatsapp,
            &WhatsAppSettings::accessToken),
        secretKey(u"channels.whatsapp"_s, u"app_secret"_s, &Settings::channels, &ChannelsSettings::whatsapp,
            &WhatsAppSettings::appSecret),
        secretKey(u"channels.whatsapp"_s, u"verify_token"_s, &Settings::channels, &ChannelsSettings::whatsapp,
            &WhatsAppSettings::verifyToken),
        optionalTextKey(u"channels.whatsapp"_s, u"graph_base"_s, &Settings::channels, &ChannelsSettings::whatsapp,
            &WhatsAppSettings::graphBase),
        textKey(u"channels.whatsapp"_s, u"api_version"_s, &Settings::channels, &ChannelsSettings::whatsapp,
            &WhatsAppSettings::apiVersion),
        textKey(u"channels.whatsapp"_s, u"webhook_path"_s, &Settings::channels, &ChannelsSettings::whatsapp,
            &WhatsAppSettings::webhookPath),
        choiceKey(u"channels.whatsapp"_s, u"dm_policy"_s, { u"pairing"_s, u"allowlist"_s, u"open"_s },
            &Settings::channels, &ChannelsSettings::whatsapp, &WhatsAppSettings::dmPolicy),
        optionalTextKey(u"channels.whatsapp"_s, u"allow_from"_s, &Settings::channels, &ChannelsSettings::whatsapp,
            &WhatsAppSettings::allowFrom),

        booleanKey(u"channels.webchat"_s, u"enabled"_s, &Settings::channels, &ChannelsSettings::webchat,
            &WebChatSettings::enabled),
        choiceKey(u"channels.webchat"_s, u"dm_policy"_s, { u"pairing"_s, u"allowlist"_s, u"open"_s },
            &Settings::channels, &ChannelsSettings::webchat, &WebChatSettings::dmPolicy),
        integerKey(u"channels.webchat"_s, u"max_pending"_s, 1, 1000, &Settings::channels, &ChannelsSettings::webchat,
            &WebChatSettings::maxPending),

        PROVIDER_KEYS(ollama),
        PROVIDER_KEYS(anthropic),
        PROVIDER_KEYS(openai),

        choiceKey(u"routing"_s, u"mode"_s, { u"auto"_s, u"fixed"_s }, &Settings::routing, &RoutingSettings::mode),
        textKey(u"routing"_s, u"trivial"_s, &Settings::routing, &RoutingSettings::trivial),
        textKey(u"routing"_s, u"standard"_s, &Settings::routing, &RoutingSettings::standard),
        textKey(u"routing"_s, u"complex"_s, &Settings::routing, &RoutingSettings::complex),
        booleanKey(u"routing"_s, u"privacy"_s, &Settings::routing, &RoutingSettings::privacy),
        booleanKey(u"routing"_s, u"offline"_s, &Settings::routing, &RoutingSettings::offline),

        optionalTextKey(u"pricing"_s, u"table"_s, &Settings::pricing, &PricingSettings::table),

        booleanKey(u"skills"_s, u"enabled"_s, &Settings::skills, &SkillsSettings::enabled),
        textKey(u"skills"_s, u"folder"_s, &Settings::skills, &SkillsSettings::folder),
        optionalTextKey(u"skills"_s, u"trusted_keys"_s, &Settings::skills, &SkillsSettings::trustedKeys),
        textKey(u"skills"_s, u"trusted_keys_dir"_s, &Settings::skills, &SkillsSettings::trustedKeysDir),
        textKey(u"skills"_s, u"advisories"_s, &Settings::skills, &SkillsSettings::advisories),
        integerKey(u"skills"_s, u"run_timeout_ms"_s, 1000, 600000, &Settings::skills, &SkillsSettings::runTimeoutMs),
        integerKey(u"skills"_s, u"memory_mb"_s, 64, 65536, &Settings::skills, &SkillsSettings::memoryMb),
        integerKey(u"skills"_s, u"max_output_kb"_s, 1, 16384, &Settings::skills, &SkillsSettings::maxOutputKb),
        booleanKey(u"terminal"_s, u"enabled"_s, &Settings::terminal, &TerminalSettings::enabled),
        optionalTextKey(u"terminal"_s, u"allowlist"_s, &Settings::terminal, &TerminalSettings::allowlist),
        optionalTextKey(u"terminal"_s, u"ssh_hosts"_s, &Settings::terminal, &TerminalSettings::sshHosts),
        integerKey(u"terminal"_s, u"time_limit_s"_s, 1, 86400, &Settings::terminal, &TerminalSettings::timeLimitS),
        integerKey(u"terminal"_s, u"max_output_bytes"_s, 1024, 67108864, &Settings::terminal,
            &TerminalSettings::maxOutputBytes),
        integerKey(u"terminal"_s, u"max_jobs"_s, 1, 64, &Settings::terminal, &TerminalSettings::maxJobs),
        integerKey(
            u"terminal"_s, u"approval_timeout_s"_s, 1, 86400, &Settings::terminal, &TerminalSettings::approvalTimeoutS),
        integerKey(u"terminal"_s, u"kill_grace_ms"_s, 0, 60000, &Settings::terminal, &TerminalSettings::killGraceMs),
    };
}

QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u'"' + escaped + u'"';
}

QString joinChoices(const QStringList &choices)
{
    QStringList quotedChoices;
    for (const QString &choice : choices)
        quotedChoices.append(quoted(choice));
    if (quotedChoices.size() < 2)
        return quotedChoices.join(QString());
    const QString last = quotedChoices.takeLast();
    return quotedChoices.join(u", "_s) + u" or "_s + last;
}

} // namespace

QString KeySpec::dottedKey() const
{
    return section + u'.' + name;
}

QString KeySpec::envName() const
{
    return ConfigSchema::envNameForKey(dottedKey());
}

QVariant KeySpec::defaultValue() const
{
    return get(Settings {});
}

QString KeySpec::defaultLiteral() const
{
    const QVariant value = defaultValue();
    switch (type) {
    case ValueType::Integer:
        return QString::number(value.toLongLong());
    case ValueType::Boolean:
        return value.toBool() ? u"true"_s : u"false"_s;
    case ValueType::String:
    case ValueType::Choice:
    case ValueType::Secret:
        return quoted(value.toString());
    }
    return QString();
}

QString KeySpec::expectation() const
{
    switch (type) {
    case ValueType::Integer:
        if (maximum == INT64_FIELD_MAX)
            return u"an integer of at least %1"_s.arg(minimum);
        return u"an integer from %1 to %2"_s.arg(minimum).arg(maximum);
    case ValueType::Boolean:
        return u"true or false"_s;
    case ValueType::String:
        return allowEmpty ? u"a string"_s : u"a non-empty string"_s;
    case ValueType::Choice:
        return u"one of "_s + joinChoices(choices);
    case ValueType::Secret:
        return u"a secret reference (\"\", \"secret:NAME\", \"env:VAR\" or \"file:/path\")"_s;
    }
    return QString();
}

QString KeySpec::typeName() const
{
    switch (type) {
    case ValueType::Integer:
        return u"integer"_s;
    case ValueType::Boolean:
        return u"boolean"_s;
    case ValueType::String:
        return u"string"_s;
    case ValueType::Choice:
        return u"enum"_s;
    case ValueType::Secret:
        return u"secret reference"_s;
    }
    return QString();
}

const QList<KeySpec> &ConfigSchema::keys()
{
    static const QList<KeySpec> s_keys = buildSchema();
    return s_keys;
}

const KeySpec *ConfigSchema::find(const QString &dottedKey)
{
    for (const KeySpec &spec : keys()) {
        if (spec.dottedKey() == dottedKey)
            return &spec;
    }
    return nullptr;
}

QStringList ConfigSchema::sections()
{
    QStringList result;
    for (const KeySpec &spec : keys()) {
        if (!result.contains(spec.section))
            result.append(spec.section);
    }
    return result;
}

bool ConfigSchema::isTablePath(const QString &path)
{
    const QString prefix = path + u'.';
    for (const KeySpec &spec : keys()) {
        if (spec.section == path || spec.section.startsWith(prefix))
            return true;
    }
    return false;
}

QString ConfigSchema::envNameForKey(const QString &dottedKey)
{
    QString name = dottedKey.toUpper();
    name.replace(u'.', u'_').replace(u'-', u'_');
    return u"SKYNET_"_s + name;
}

} // namespace Gateway::Config
