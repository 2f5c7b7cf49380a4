// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "config/configloader.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include <QFile>
#include <QFileInfo>

#include <toml++/toml.h>

#include "config/configschema.h"
#include "config/secretref.h"
#include "defaulttemplate.h"

using namespace Qt::StringLiterals;

namespace Gateway::Config
{

namespace
{

/// A configuration file this large is a mistake (or an attack); refuse before parsing it.
constexpr qsizetype MAX_CONFIG_BYTES = 1024 * 1024;
/// How much of a bad value an error message repeats.
constexpr qsizetype MAX_ECHO_CHARS = 40;

const QString ENVIRONMENT_SOURCE = u"environment"_s;
const QString COMMAND_LINE_SOURCE = u"command line"_s;

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString tomlTypeName(const toml::node &node)
{
    switch (node.type()) {
    case toml::node_type::none:
        return u"nothing"_s;
    case toml::node_type::table:
        return u"table"_s;
    case toml::node_type::array:
        return u"array"_s;
    case toml::node_type::string:
        return u"string"_s;
    case toml::node_type::integer:
        return u"integer"_s;
    case toml::node_type::floating_point:
        return u"float"_s;
    case toml::node_type::boolean:
        return u"boolean"_s;
    case toml::node_type::date:
        return u"date"_s;
    case toml::node_type::time:
        return u"time"_s;
    case toml::node_type::date_time:
        return u"date-time"_s;
    }
    return u"unknown"_s;
}

/// A bad value as it may appear in a message: quoted, control characters escaped, truncated.
QString echo(const QString &value)
{
    QString shown;
    for (const QChar c : value.left(MAX_ECHO_CHARS)) {
        if (c == u'"' || c == u'\\')
            shown += u'\\' + QString(c);
        else if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            shown += u"\\u%1"_s.arg(uint(c.unicode()), 4, 16, QChar(u'0'));
        else
            shown += c;
    }
    if (value.size() > MAX_ECHO_CHARS)
        shown += u"..."_s;
    return u'"' + shown + u'"';
}

bool hasControlCharacters(const QString &value)
{
    return std::any_of(value.cbegin(), value.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> previous(size_t(b.size()) + 1);
    std::vector<int> current(previous.size());
    for (size_t j = 0; j < previous.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[size_t(j - 1)] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            current[size_t(j)] = std::min({ previous[size_t(j)] + 1, current[size_t(j - 1)] + 1, substitution });
        }
        std::swap(previous, current);
    }
    return previous.back();
}

/// "; did you mean X?" for the closest candidate within two edits, else empty.
QString suggestion(const QString &name, const QStringList &candidates)
{
    QString best;
    int bestDistance = 3;
    for (const QString &candidate : candidates) {
        const int distance = editDistance(name.toLower(), candidate.toLower());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best.isEmpty() ? QString() : u"did you mean %1?"_s.arg(best);
}

/// Checks a value that already has the right type against the spec's rules. May rewrite value
/// (a Choice becomes its canonical spelling). Returns an error message, or nothing when valid.
std::optional<QString> checkValue(const KeySpec &spec, QVariant &value)
{
    const QString expected = u"expected "_s + spec.expectation();
    switch (spec.type) {
    case ValueType::Integer: {
        const qint64 number = value.toLongLong();
        if (number < spec.minimum || number > spec.maximum)
            return expected + u", got "_s + QString::number(number);
        return std::nullopt;
    }
    case ValueType::Boolean:
        return std::nullopt;
    case ValueType::String: {
        const QString text = value.toString();
        if (text.isEmpty() && !spec.allowEmpty)
            return expected + u", got an empty string"_s;
        if (hasControlCharacters(text))
            return expected + u" without control characters, got "_s + echo(text);
        return std::nullopt;
    }
    case ValueType::Choice: {
        const QString text = value.toString();
        for (const QString &choice : spec.choices) {
            if (choice.compare(text, Qt::CaseInsensitive) == 0) {
                value = choice;
                return std::nullopt;
            }
        }
        return expected + u", got "_s + echo(text);
    }
    case ValueType::Secret:
        // Never echo: a malformed reference may be a secret pasted in the wrong place.
        if (SecretRef::parse(value.toString()).kind == SecretRef::Kind::Invalid)
            return expected;
        return std::nullopt;
    }
    return std::nullopt;
}

/// Parses an environment variable per the key's type. Secrets are handled by the caller.
std::optional<QString> parseEnvironmentValue(const KeySpec &spec, const QString &raw, QVariant &value)
{
    switch (spec.type) {
    case ValueType::Integer: {
        bool ok = false;
        const qint64 number = raw.trimmed().toLongLong(&ok, 10);
        if (!ok)
            return u"expected "_s + spec.expectation() + u", got "_s + echo(raw);
        value = qlonglong(number);
        return std::nullopt;
    }
    case ValueType::Boolean: {
        const QString text = raw.trimmed().toLower();
        if (text == u"true" || text == u"1" || text == u"yes" || text == u"on") {
            value = true;
        } else if (text == u"false" || text == u"0" || text == u"no" || text == u"off") {
            value = false;
        } else {
            return u"expected "_s + spec.expectation() + u" (or 1/0, yes/no, on/off), got "_s + echo(raw);
        }
        return std::nullopt;
    }
    case ValueType::String:
    case ValueType::Choice:
    case ValueType::Secret:
        value = raw;
        return std::nullopt;
    }
    return std::nullopt;
}

struct Entry
{
    const toml::key *key;
    const toml::node *node;
};

/// A table's entries in document order (toml++ keeps them sorted by name), so the first error
/// reported is the first one in the file.
std::vector<Entry> entriesInDocumentOrder(const toml::table &table)
{
    std::vector<Entry> entries;
    for (auto &&[key, node] : table)
        entries.push_back({ &key, &node });
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        const toml::source_position &pa = a.key->source().begin;
        const toml::source_position &pb = b.key->source().begin;
        return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
    });
    return entries;
}

QString sectionList(const QStringList &paths)
{
    QStringList bracketed;
    for (const QString &path : paths)
        bracketed.append(u'[' + path + u']');
    return bracketed.join(u", "_s);
}

/// One load: the settings being built and where the values come from.
class Loader
{
public:
    Loader(const QString &sourceName, const QString &home) : m_source(sourceName) { m_settings.home = home; }

    std::optional<ConfigError> applyDocument(const QByteArray &data);
    std::optional<ConfigError> applyEnvironment(const QProcessEnvironment &env);
    std::optional<ConfigError> applyOverrides(const Overrides &overrides);

    Settings takeSettings() { return std::move(m_settings); }

private:
    std::optional<ConfigError> applyTable(const toml::table &table, const QString &path);
    std::optional<ConfigError> applyNode(const KeySpec &spec, const toml::node &node);
    std::optional<ConfigError> applyOverride(const QString &dottedKey, QVariant value, const QString &option);

    ConfigError fileError(const toml::source_region &where, const QString &key, const QString &message) const
    {
        return { m_source, int(where.begin.line), int(where.begin.column), key, message };
    }

    QString m_source;
    Settings m_settings;
};

std::optional<ConfigError> Loader::applyDocument(const QByteArray &data)
{
    if (data.size() > MAX_CONFIG_BYTES) {
        return ConfigError { m_source, 0, 0, QString(),
            u"the file is larger than 1 MiB (%1 bytes); refusing to parse it"_s.arg(data.size()) };
    }
    const std::string_view text(data.constData(), size_t(data.size()));
    toml::table root;
#if TOML_EXCEPTIONS
    try {
        root = toml::parse(text);
    } catch (const toml::parse_error &error) {
        return fileError(error.source(), QString(), fromStd(error.description()));
    }
#else
    toml::parse_result result = toml::parse(text);
    if (!result)
        return fileError(result.error().source(), QString(), fromStd(result.error().description()));
    root = std::move(result).table();
#endif
    return applyTable(root, QString());
}

std::optional<ConfigError> Loader::applyTable(const toml::table &table, const QString &path)
{
    const QStringList sections = ConfigSchema::sections();
    const bool inSection = sections.contains(path);
    for (const Entry &entry : entriesInDocumentOrder(table)) {
        const QString name = fromStd(entry.key->str());
        const QString dotted = path.isEmpty() ? name : path + u'.' + name;
        // A quoted key containing a dot ("gateway.port" = 1) names nothing in the schema.
        const bool plainName = !name.contains(u'.');

        if (const KeySpec *spec = plainName ? ConfigSchema::find(dotted) : nullptr) {
            if (auto error = applyNode(*spec, *entry.node))
                return error;
            continue;
        }
        if (plainName && ConfigSchema::isTablePath(dotted)) {
            const toml::table *subTable = entry.node->as_table();
            if (!subTable) {
                return fileError(entry.key->source(), dotted,
                    u"expected a table [%1], got %2"_s.arg(dotted, tomlTypeName(*entry.node)));
            }
            if (auto error = applyTable(*subTable, dotted))
                return error;
            continue;
        }

        const toml::source_position &at = entry.key->source().begin;
        if (inSection) {
            QStringList siblings;
            for (const KeySpec &spec : ConfigSchema::keys()) {
                if (spec.section == path)
                    siblings.append(spec.name);
            }
            const QString hint = suggestion(name, siblings);
            m_settings.warnings.append(u"%1:%2:%3: unknown key %4 ignored%5"_s.arg(m_source, QString::number(at.line),
                QString::number(at.column), dotted, hint.isEmpty() ? QString() : QString(u"; "_s + hint)));
            continue;
        }

        // At the top level, or inside a table that only groups sections ([providers.*]).
        QStringList candidates;
        for (const QString &section : sections) {
            if (path.isEmpty() || section.startsWith(path + u'.'))
                candidates.append(section);
        }
        const QString hint = suggestion(dotted, candidates);
        const QString hintText = hint.isEmpty() ? QString() : QString(u" ("_s + hint + u')');
        if (path.isEmpty() && !entry.node->is_table()) {
            return fileError(entry.key->source(), dotted,
                u"key outside any section; put it under one of %1"_s.arg(sectionList(candidates)));
        }
        return fileError(entry.key->source(), dotted,
            u"unknown section [%1]%2; known sections: %3"_s.arg(dotted, hintText, sectionList(candidates)));
    }
    return std::nullopt;
}

std::optional<ConfigError> Loader::applyNode(const KeySpec &spec, const toml::node &node)
{
    QVariant value;
    switch (spec.type) {
    case ValueType::Integer:
        if (const auto *number = node.as_integer())
            value = qlonglong(number->get());
        break;
    case ValueType::Boolean:
        if (const auto *flag = node.as_boolean())
            value = flag->get();
        break;
    case ValueType::String:
    case ValueType::Choice:
    case ValueType::Secret:
        if (const auto *text = node.as_string())
            value = fromStd(text->get());
        break;
    }
    if (!value.isValid()) {
        return fileError(
            node.source(), spec.dottedKey(), u"expected "_s + spec.expectation() + u", got "_s + tomlTypeName(node));
    }
    if (auto message = checkValue(spec, value))
        return fileError(node.source(), spec.dottedKey(), *message);

    if (spec.type == ValueType::Secret && SecretRef::parse(value.toString()).kind == SecretRef::Kind::PlainText) {
        // Never repeat the value: warnings end up in logs and on screens.
        m_settings.warnings.append(u"plain-text secret in %1 at %2; move it to the keychain / %3"_s.arg(
            m_source, spec.dottedKey(), spec.envName()));
    }
    spec.set(m_settings, value);
    return std::nullopt;
}

std::optional<ConfigError> Loader::applyEnvironment(const QProcessEnvironment &env)
{
    QStringList knownNames;
    for (const KeySpec &spec : ConfigSchema::keys()) {
        const QString variable = spec.envName();
        knownNames.append(variable);
        const QString raw = env.value(variable);
        if (raw.isEmpty()) // unset or set to nothing: both mean "no override"
            continue;
        if (spec.type == ValueType::Secret) {
            // The variable holds the secret itself; keep only where to find it.
            spec.set(m_settings, SecretRef::environmentReference(variable));
            continue;
        }
        QVariant value;
        std::optional<QString> message = parseEnvironmentValue(spec, raw, value);
        if (!message)
            message = checkValue(spec, value);
        if (message)
            return ConfigError { ENVIRONMENT_SOURCE, 0, 0, spec.dottedKey(),
                *message + u" (from "_s + variable + u')' };
        spec.set(m_settings, value);
    }

    // A typo in a variable name would silently do nothing; say so.
    QStringList prefixes;
    for (const QString &section : ConfigSchema::sections())
        prefixes.append(ConfigSchema::envNameForKey(section) + u'_');
    QStringList variables = env.keys();
    variables.sort();
    for (const QString &variable : variables) {
        if (knownNames.contains(variable))
            continue;
        const bool inSection = std::any_of(
            prefixes.cbegin(), prefixes.cend(), [&](const QString &prefix) { return variable.startsWith(prefix); });
        if (inSection) {
            const QString hint = suggestion(variable, knownNames);
            m_settings.warnings.append(u"environment: %1 matches no configuration key and is ignored%2"_s.arg(
                variable, hint.isEmpty() ? QString() : QString(u"; "_s + hint)));
        }
    }
    return std::nullopt;
}

std::optional<ConfigError> Loader::applyOverride(const QString &dottedKey, QVariant value, const QString &option)
{
    const KeySpec *spec = ConfigSchema::find(dottedKey);
    Q_ASSERT(spec);
    if (auto message = checkValue(*spec, value))
        return ConfigError { COMMAND_LINE_SOURCE, 0, 0, dottedKey, *message + u" (from "_s + option + u')' };
    spec->set(m_settings, value);
    return std::nullopt;
}

std::optional<ConfigError> Loader::applyOverrides(const Overrides &overrides)
{
    if (!overrides.bind.isEmpty()) {
        if (auto error = applyOverride(u"gateway.bind"_s, overrides.bind, u"--bind"_s))
            return error;
    }
    if (overrides.port != -1) {
        if (auto error = applyOverride(u"gateway.port"_s, qlonglong(overrides.port), u"--port"_s))
            return error;
    }
    if (!overrides.logLevel.isEmpty()) {
        if (auto error = applyOverride(u"logging.level"_s, overrides.logLevel, u"--log-level"_s))
            return error;
    }
    return std::nullopt;
}

} // namespace

QString ConfigError::toString() const
{
    QString location = file;
    if (!location.isEmpty() && line > 0) {
        location += u':' + QString::number(line);
        if (column > 0)
            location += u':' + QString::number(column);
    }
    QString result;
    if (!location.isEmpty())
        result += location + u": "_s;
    if (!key.isEmpty())
        result += key + u": "_s;
    return result + message;
}

Result<Settings, ConfigError> ConfigLoader::loadFromData(const QByteArray &toml, const QString &sourceName,
    const QString &home, const QProcessEnvironment &env, const Overrides &overrides)
{
    Loader loader(sourceName, home);
    if (auto error = loader.applyDocument(toml))
        return *error;
    if (auto error = loader.applyEnvironment(env))
        return *error;
    if (auto error = loader.applyOverrides(overrides))
        return *error;
    return loader.takeSettings();
}

Result<Settings, ConfigError> ConfigLoader::loadFile(
    const QString &path, const QString &home, const QProcessEnvironment &env, const Overrides &overrides)
{
    if (QFileInfo(path).isDir())
        return ConfigError { path, 0, 0, QString(), u"cannot read the configuration: it is a directory"_s };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ConfigError { path, 0, 0, QString(), u"cannot read the configuration: "_s + file.errorString() };
    // Read one byte past the cap so an oversized file (or an endless device) is refused unparsed.
    const QByteArray data = file.read(MAX_CONFIG_BYTES + 1);
    if (file.error() != QFileDevice::NoError)
        return ConfigError { path, 0, 0, QString(), u"cannot read the configuration: "_s + file.errorString() };

    Result<Settings, ConfigError> result = loadFromData(data, path, home, env, overrides);
    if (result)
        result->configPath = QFileInfo(path).absoluteFilePath();
    return result;
}

QByteArray ConfigLoader::defaultTemplate()
{
    return QByteArray(Generated::defaultToml);
}

QStringList ConfigLoader::knownKeys()
{
    QStringList keys;
    for (const KeySpec &spec : ConfigSchema::keys())
        keys.append(spec.dottedKey());
    return keys;
}

QString ConfigLoader::envNameForKey(const QString &dottedKey)
{
    return ConfigSchema::envNameForKey(dottedKey);
}

} // namespace Gateway::Config
