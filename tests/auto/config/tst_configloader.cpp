// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "config/configloader.h"
#include "config/configschema.h"
#include "config/secretref.h"
#include "config/settings.h"

using namespace Gateway::Config;
using namespace Qt::StringLiterals;

namespace
{

const QString SOURCE = u"test.toml"_s;
const QString HOME = u"/home/test/.skynet"_s;
constexpr qsizetype ONE_MIB = 1024 * 1024;

Gateway::Result<Settings, ConfigError> load(
    const QByteArray &toml, const QProcessEnvironment &env = {}, const Overrides &overrides = {})
{
    return ConfigLoader::loadFromData(toml, SOURCE, HOME, env, overrides);
}

QProcessEnvironment environment(const QList<std::pair<QString, QString>> &variables)
{
    QProcessEnvironment env;
    for (const auto &[name, value] : variables)
        env.insert(name, value);
    return env;
}

QVariant valueOf(const Settings &settings, const QString &dottedKey)
{
    const KeySpec *spec = ConfigSchema::find(dottedKey);
    if (!spec)
        qFatal("unknown key in test");
    return spec->get(settings);
}

QString sourceDir()
{
    const QString dir = qEnvironmentVariable("SKYNET_SOURCE_DIR");
    return dir.isEmpty() ? QStringLiteral(SKYNET_SOURCE_DIR_FALLBACK) : dir;
}

QByteArray readSourceFile(const QString &relativePath)
{
    QFile file(QDir(sourceDir()).filePath(relativePath));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString describe(const ConfigError &error)
{
    return u"got: "_s + error.toString();
}

// Safe in QVERIFY2, whose message is built whether or not the check fails.
QString describe(const Gateway::Result<Settings, ConfigError> &result)
{
    return result.ok() ? u"loaded"_s : describe(result.error());
}

QString describeWarnings(const Settings &settings)
{
    return u"warnings: "_s + settings.warnings.join(u" | "_s);
}

// Every field, compared directly (not through the schema), so a schema entry bound to the wrong
// field is caught.
void compareSettings(const Settings &actual, const Settings &expected)
{
    QCOMPARE(actual.gateway.bind, expected.gateway.bind);
    QCOMPARE(actual.gateway.port, expected.gateway.port);
    QCOMPARE(actual.gateway.auth, expected.gateway.auth);
    QCOMPARE(actual.gateway.token, expected.gateway.token);
    QCOMPARE(actual.gateway.password, expected.gateway.password);
    QCOMPARE(actual.gateway.allowInsecureBind, expected.gateway.allowInsecureBind);
    QCOMPARE(actual.gateway.tlsEnabled, expected.gateway.tlsEnabled);
    QCOMPARE(actual.gateway.tlsCert, expected.gateway.tlsCert);
    QCOMPARE(actual.gateway.tlsKey, expected.gateway.tlsKey);
    QCOMPARE(actual.gateway.maxConnectionsPerAddress, expected.gateway.maxConnectionsPerAddress);
    QCOMPARE(actual.gateway.allowedOrigins, expected.gateway.allowedOrigins);
    QCOMPARE(actual.gateway.tickIntervalMs, expected.gateway.tickIntervalMs);
    QCOMPARE(actual.gateway.maxPayload, expected.gateway.maxPayload);
    QCOMPARE(actual.gateway.maxBufferedBytes, expected.gateway.maxBufferedBytes);
    QCOMPARE(actual.gateway.handshakeTimeoutMs, expected.gateway.handshakeTimeoutMs);
    QCOMPARE(actual.gateway.maxHeaderBytes, expected.gateway.maxHeaderBytes);
    QCOMPARE(actual.gateway.headerTimeoutMs, expected.gateway.headerTimeoutMs);
    QCOMPARE(actual.gateway.maxBodyBytes, expected.gateway.maxBodyBytes);
    QCOMPARE(actual.gateway.maxConnections, expected.gateway.maxConnections);
    QCOMPARE(actual.storage.path, expected.storage.path);
    QCOMPARE(actual.storage.synchronous, expected.storage.synchronous);
    QCOMPARE(actual.storage.busyTimeoutMs, expected.storage.busyTimeoutMs);
    QCOMPARE(actual.storage.secrets, expected.storage.secrets);
    QCOMPARE(actual.logging.level, expected.logging.level);
    QCOMPARE(actual.logging.file, expected.logging.file);
    QCOMPARE(actual.logging.dir, expected.logging.dir);
    QCOMPARE(actual.logging.maxFileBytes, expected.logging.maxFileBytes);
    QCOMPARE(actual.logging.maxFiles, expected.logging.maxFiles);
    QCOMPARE(actual.logging.accessLog, expected.logging.accessLog);
    QCOMPARE(actual.agent.defaultAgentId, expected.agent.defaultAgentId);
    QCOMPARE(actual.agent.mainKey, expected.agent.mainKey);
}

/// A valid value for the key that differs from its default, as an environment string, and the
/// value the setting must then hold.
std::pair<QString, QVariant> nonDefaultValue(const KeySpec &spec)
{
    const QVariant def = spec.defaultValue();
    switch (spec.type) {
    case ValueType::Integer: {
        const qlonglong value = def.toLongLong() < spec.maximum ? def.toLongLong() + 1 : def.toLongLong() - 1;
        return { QString::number(value), value };
    }
    case ValueType::Boolean:
        return { def.toBool() ? u"false"_s : u"true"_s, !def.toBool() };
    case ValueType::String:
        return { QString(def.toString() + u"-x"_s), QString(def.toString() + u"-x"_s) };
    case ValueType::Choice:
        for (const QString &choice : spec.choices) {
            if (choice != def.toString())
                return { choice, choice };
        }
        break;
    case ValueType::Secret:
        return { u"the-secret-value"_s, QString(u"env:"_s + spec.envName()) };
    }
    return {};
}

} // namespace

class tst_ConfigLoader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultTemplateYieldsStructDefaults();
    void compiledTemplateMatchesSourceFile();
    void templateAndDocsMatchSchema();
    void schemaIsConsistent();
    void emptyDocument_data();
    void emptyDocument();
    void validSyntax_data();
    void validSyntax();
    void loadFileWithEveryKey();
    void badInput_data();
    void badInput();
    void errorsNeverEchoSecrets();
    void errorToString_data();
    void errorToString();
    void unknownKeyWarning_data();
    void unknownKeyWarning();
    void plainTextSecretWarning_data();
    void plainTextSecretWarning();
    void secretReferences_data();
    void secretReferences();
    void secretRefParse_data();
    void secretRefParse();
    void envOverride_data();
    void envOverride();
    void envOverrideEveryKey();
    void envEmptyIsNoOverride();
    void badEnv_data();
    void badEnv();
    void unknownEnvWarning();
    void precedence_data();
    void precedence();
    void badOverride_data();
    void badOverride();
    void oversizedInput();
    void loadFileErrors_data();
    void loadFileErrors();
    void resolvePath_data();
    void resolvePath();
    void envNameForKey_data();
    void envNameForKey();
};

void tst_ConfigLoader::defaultTemplateYieldsStructDefaults()
{
    const auto result = load(ConfigLoader::defaultTemplate());
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QVERIFY2(result->warnings.isEmpty(), qPrintable(describeWarnings(*result)));
    compareSettings(*result, Settings {});
    QCOMPARE(result->home, HOME);
    QVERIFY(result->configPath.isEmpty());
}

void tst_ConfigLoader::compiledTemplateMatchesSourceFile()
{
    const QByteArray onDisk = readSourceFile(u"config/default.toml"_s);
    QVERIFY(!onDisk.isEmpty());
    QCOMPARE(ConfigLoader::defaultTemplate(), onDisk);
}

void tst_ConfigLoader::templateAndDocsMatchSchema()
{
    // The template: every key, in schema order, with the schema's default, and nothing else.
    const QString templateText = QString::fromUtf8(readSourceFile(u"config/default.toml"_s));
    QVERIFY(!templateText.isEmpty());
    static const QRegularExpression s_sectionLine(u"^\\[([A-Za-z0-9_.-]+)\\]\\s*$"_s);
    static const QRegularExpression s_keyLine(u"^([A-Za-z0-9_-]+)\\s*=\\s*(.*?)\\s*$"_s);
    QString section;
    QStringList templateKeys;
    QHash<QString, QString> templateDefaults;
    for (const QString &line : templateText.split(u'\n')) {
        if (const auto match = s_sectionLine.match(line); match.hasMatch()) {
            section = match.captured(1);
        } else if (const auto kv = s_keyLine.match(line); kv.hasMatch()) {
            QVERIFY2(!section.isEmpty(), qPrintable(u"key outside a section: "_s + line));
            const QString key = section + u'.' + kv.captured(1);
            templateKeys.append(key);
            templateDefaults.insert(key, kv.captured(2));
        }
    }
    QCOMPARE(templateKeys, ConfigLoader::knownKeys());

    // The docs: a "## [section]" heading, then a table whose rows are
    // | `key` | type | `default` | `ENV` | meaning |
    const QString docs = QString::fromUtf8(readSourceFile(u"docs/configuration.md"_s));
    QVERIFY(!docs.isEmpty());
    static const QRegularExpression s_heading(u"^#+\\s+(?:\\[([A-Za-z0-9_.-]+)\\])?"_s);
    static const QRegularExpression s_row(u"^\\|\\s*`([A-Za-z0-9_-]+)`\\s*\\|"_s);
    section.clear();
    QHash<QString, std::pair<QString, QString>> documented;
    for (const QString &line : docs.split(u'\n')) {
        if (const auto match = s_heading.match(line); match.hasMatch()) {
            section = match.captured(1);
        } else if (const auto row = s_row.match(line); row.hasMatch() && !section.isEmpty()) {
            const QStringList cells = line.split(u'|');
            QVERIFY2(cells.size() >= 6, qPrintable(line));
            auto unquote = [](QString cell) {
                cell = cell.trimmed();
                if (cell.startsWith(u'`') && cell.endsWith(u'`') && cell.size() >= 2)
                    cell = cell.mid(1, cell.size() - 2);
                return cell;
            };
            const QString key = section + u'.' + row.captured(1);
            QVERIFY2(!documented.contains(key), qPrintable(u"documented twice: "_s + key));
            documented.insert(key, { unquote(cells.at(3)), unquote(cells.at(4)) });
        }
    }

    for (const KeySpec &spec : ConfigSchema::keys()) {
        const QString key = spec.dottedKey();
        QVERIFY2(templateDefaults.contains(key), qPrintable(u"missing in config/default.toml: "_s + key));
        QCOMPARE(templateDefaults.value(key), spec.defaultLiteral());
        QVERIFY2(documented.contains(key), qPrintable(u"missing in docs/configuration.md: "_s + key));
        QCOMPARE(documented.value(key).first, spec.defaultLiteral());
        QCOMPARE(documented.value(key).second, spec.envName());
    }
    for (auto it = documented.cbegin(); it != documented.cend(); ++it)
        QVERIFY2(ConfigSchema::find(it.key()), qPrintable(u"documented but unknown: "_s + it.key()));
}

void tst_ConfigLoader::schemaIsConsistent()
{
    static const QRegularExpression s_snakeCase(u"\\A[a-z][a-z0-9_]*\\z"_s);
    QSet<QString> keys;
    QSet<QString> envNames;
    for (const KeySpec &spec : ConfigSchema::keys()) {
        QVERIFY2(s_snakeCase.match(spec.name).hasMatch(), qPrintable(spec.name));
        QVERIFY2(!keys.contains(spec.dottedKey()), qPrintable(spec.dottedKey()));
        QVERIFY2(!envNames.contains(spec.envName()), qPrintable(spec.envName()));
        keys.insert(spec.dottedKey());
        envNames.insert(spec.envName());
        QCOMPARE(ConfigLoader::envNameForKey(spec.dottedKey()), spec.envName());
        QCOMPARE(ConfigSchema::find(spec.dottedKey()), &spec);
        QVERIFY(ConfigSchema::isTablePath(spec.section));
        if (spec.type == ValueType::Integer) {
            QVERIFY(spec.minimum <= spec.defaultValue().toLongLong());
            QVERIFY(spec.defaultValue().toLongLong() <= spec.maximum);
        }
        if (spec.type == ValueType::Choice)
            QVERIFY(spec.choices.contains(spec.defaultValue().toString()));
    }
    QCOMPARE(ConfigSchema::sections(),
        (QStringList { u"gateway"_s, u"storage"_s, u"logging"_s, u"agent"_s, u"people"_s, u"scheduler"_s,
            u"channels.telegram"_s, u"channels.discord"_s, u"channels.whatsapp"_s, u"channels.webchat"_s,
            u"providers.ollama"_s, u"providers.anthropic"_s, u"providers.openai"_s, u"routing"_s, u"pricing"_s,
            u"skills"_s, u"terminal"_s }));
    QVERIFY(!ConfigSchema::find(u"gateway"_s));
    QVERIFY(!ConfigSchema::isTablePath(u"gatway"_s));
}

void tst_ConfigLoader::emptyDocument_data()
{
    QTest::addColumn<QByteArray>("toml");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("blank lines") << QByteArray("\n\n  \n\t\n");
    QTest::addRow("only comments") << QByteArray("# nothing here\n   # or here\n");
    QTest::addRow("empty sections") << QByteArray("[gateway]\n[storage]\n[logging]\n[agent]\n");
}

void tst_ConfigLoader::emptyDocument()
{
    QFETCH(QByteArray, toml);
    const auto result = load(toml);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QVERIFY2(result->warnings.isEmpty(), qPrintable(describeWarnings(*result)));
    compareSettings(*result, Settings {});
}

void tst_ConfigLoader::validSyntax_data()
{
    QTest::addColumn<QByteArray>("toml");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("expected");
    QTest::addRow("dotted key at top level")
        << QByteArray("gateway.port = 1234\n") << u"gateway.port"_s << QVariant(1234LL);
    QTest::addRow("inline table") << QByteArray("gateway = { port = 1234 }\n") << u"gateway.port"_s << QVariant(1234LL);
    QTest::addRow("byte order mark") << QByteArray("\xef\xbb\xbf[gateway]\nport = 1234\n") << u"gateway.port"_s
                                     << QVariant(1234LL);
    QTest::addRow("CRLF line ends") << QByteArray("[gateway]\r\nport = 1234\r\n") << u"gateway.port"_s
                                    << QVariant(1234LL);
    QTest::addRow("hex integer") << QByteArray("[gateway]\nport = 0x4d2\n") << u"gateway.port"_s << QVariant(1234LL);
    QTest::addRow("digit separators") << QByteArray("[gateway]\nmax_payload = 1_048_576\n") << u"gateway.max_payload"_s
                                      << QVariant(1048576LL);
    QTest::addRow("64-bit size") << QByteArray("[logging]\nmax_file_bytes = 8589934592\n")
                                 << u"logging.max_file_bytes"_s << QVariant(8589934592LL);
    QTest::addRow("enum in other case") << QByteArray("[storage]\nsynchronous = \"full\"\n") << u"storage.synchronous"_s
                                        << QVariant(u"FULL"_s);
    QTest::addRow("literal string") << QByteArray("[storage]\npath = 'C:\\data\\skynet.db'\n") << u"storage.path"_s
                                    << QVariant(u"C:\\data\\skynet.db"_s);
    QTest::addRow("unicode string") << QByteArray("[agent]\ndefault_agent_id = \"h\xc3\xa9lp\xe2\x9c\x93\"\n")
                                    << u"agent.default_agent_id"_s << QVariant(u"h\u00e9lp\u2713"_s);
    QTest::addRow("minimum tick") << QByteArray("[gateway]\ntick_interval_ms = 1000\n") << u"gateway.tick_interval_ms"_s
                                  << QVariant(1000LL);
    QTest::addRow("zero busy timeout") << QByteArray("[storage]\nbusy_timeout_ms = 0\n") << u"storage.busy_timeout_ms"_s
                                       << QVariant(0LL);
}

void tst_ConfigLoader::validSyntax()
{
    QFETCH(QByteArray, toml);
    QFETCH(QString, key);
    QFETCH(QVariant, expected);
    const auto result = load(toml);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QVERIFY2(result->warnings.isEmpty(), qPrintable(describeWarnings(*result)));
    QCOMPARE(valueOf(*result, key), expected);
}

void tst_ConfigLoader::loadFileWithEveryKey()
{
    const QString path = QDir(sourceDir()).filePath(u"tests/data/config/custom.toml"_s);
    const auto result = ConfigLoader::loadFile(path, HOME);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QVERIFY2(result->warnings.isEmpty(), qPrintable(describeWarnings(*result)));
    QCOMPARE(result->configPath, QFileInfo(path).absoluteFilePath());

    Settings expected;
    expected.gateway.bind = u"0.0.0.0"_s;
    expected.gateway.port = 8443;
    expected.gateway.auth = u"password"_s;
    expected.gateway.token = u"secret:gateway-token"_s;
    expected.gateway.password = u"env:SKYNET_TEST_PASSWORD"_s;
    expected.gateway.allowInsecureBind = true;
    expected.gateway.tlsEnabled = true;
    expected.gateway.tlsCert = u"/etc/skynet/cert.pem"_s;
    expected.gateway.tlsKey = u"/etc/skynet/key.pem"_s;
    expected.gateway.tickIntervalMs = 1000;
    expected.gateway.maxPayload = 1048576;
    expected.gateway.maxBufferedBytes = 2097152;
    expected.gateway.handshakeTimeoutMs = 3000;
    expected.gateway.maxHeaderBytes = 8192;
    expected.gateway.headerTimeoutMs = 2000;
    expected.gateway.maxBodyBytes = 65536;
    expected.gateway.maxConnections = 100;
    expected.gateway.maxConnectionsPerAddress = 10;
    expected.gateway.allowedOrigins = u"https://chat.example.org"_s;
    expected.storage.path = u"/var/lib/skynet/skynet.db"_s;
    expected.storage.synchronous = u"FULL"_s;
    expected.storage.busyTimeoutMs = 0;
    expected.storage.secrets = u"file"_s;
    expected.logging.level = u"debug"_s;
    expected.logging.file = false;
    expected.logging.dir = u"/var/log/skynet"_s;
    expected.logging.maxFileBytes = 1024;
    expected.logging.maxFiles = 1;
    expected.logging.accessLog = false;
    expected.agent.defaultAgentId = u"assistant"_s;
    expected.agent.mainKey = u"primary"_s;
    compareSettings(*result, expected);

    // The fixture really exercises every key.
    for (const KeySpec &spec : ConfigSchema::keys())
        QVERIFY2(spec.get(*result) != spec.defaultValue(), qPrintable(spec.dottedKey()));
}

void tst_ConfigLoader::badInput_data()
{
    QTest::addColumn<QByteArray>("toml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("exact"); // false: toml++'s wording, only a part is checked

    // Syntax (toml++ wording; our part is the position).
    QTest::addRow("syntax: missing value")
        << QByteArray("[gateway]\nport = \n") << 2 << 8 << QString() << u"expected"_s << false;
    QTest::addRow("syntax: unterminated string")
        << QByteArray("[gateway]\nbind = \"abc\n") << 2 << 12 << QString() << u"string"_s << false;
    QTest::addRow("syntax: duplicate key")
        << QByteArray("[gateway]\nport = 1\nport = 2\n") << 3 << 8 << QString() << u"redefine"_s << false;
    QTest::addRow("syntax: unclosed header")
        << QByteArray("# c\n[gateway\nport = 1\n") << 2 << 9 << QString() << u"table"_s << false;
    QTest::addRow("non-UTF-8") << QByteArray("[gateway]\nbind = \"\xff\xfe\"\n") << 2 << 8 << QString() << u"utf-8"_s
                               << false;
    QTest::addRow("binary garbage") << QByteArray("\x7f"
                                                  "ELF\x02\x01\x01\x00\x00\x00",
        10) << 1 << 1 << QString() << u"Error while parsing"_s
                                    << false;
    QTest::addRow("NUL byte in a value") << QByteArray("[gateway]\nbind = \"a\0"
                                                       "b\"\n",
        23) << 2 << 10 << QString() << u"Error while parsing"_s
                                         << false;

    // Types.
    QTest::addRow("port is a string") << QByteArray("[gateway]\nport = \"abc\"\n") << 2 << 8 << u"gateway.port"_s
                                      << u"expected an integer from 1 to 65535, got string"_s << true;
    QTest::addRow("port is a float") << QByteArray("[gateway]\nport = 80.5\n") << 2 << 8 << u"gateway.port"_s
                                     << u"expected an integer from 1 to 65535, got float"_s << true;
    QTest::addRow("port is an array") << QByteArray("[gateway]\nport = [1]\n") << 2 << 8 << u"gateway.port"_s
                                      << u"expected an integer from 1 to 65535, got array"_s << true;
    QTest::addRow("boolean is a string") << QByteArray("[gateway]\nallow_insecure_bind = \"yes\"\n") << 2 << 23
                                         << u"gateway.allow_insecure_bind"_s << u"expected true or false, got string"_s
                                         << true;
    QTest::addRow("boolean is an integer") << QByteArray("[logging]\nfile = 1\n") << 2 << 8 << u"logging.file"_s
                                           << u"expected true or false, got integer"_s << true;
    QTest::addRow("string is an integer") << QByteArray("[storage]\npath = 5\n") << 2 << 8 << u"storage.path"_s
                                          << u"expected a non-empty string, got integer"_s << true;
    QTest::addRow("enum is a boolean") << QByteArray("[logging]\nlevel = true\n") << 2 << 9 << u"logging.level"_s
                                       << u"expected one of \"debug\", \"info\", \"warning\" or \"error\", "
                                          "got boolean"_s
                                       << true;
    QTest::addRow("secret is an integer")
        << QByteArray("[gateway]\ntoken = 123\n") << 2 << 9 << u"gateway.token"_s
        << u"expected a secret reference (\"\", \"secret:NAME\", \"env:VAR\" or \"file:/path\"), got integer"_s << true;
    QTest::addRow("date instead of integer")
        << QByteArray("[gateway]\nport = 1979-05-27\n") << 2 << 8 << u"gateway.port"_s
        << u"expected an integer from 1 to 65535, got date"_s << true;

    // Ranges.
    QTest::addRow("port 0") << QByteArray("[gateway]\nport = 0\n") << 2 << 8 << u"gateway.port"_s
                            << u"expected an integer from 1 to 65535, got 0"_s << true;
    QTest::addRow("port 70000") << QByteArray("[gateway]\nport = 70000\n") << 2 << 8 << u"gateway.port"_s
                                << u"expected an integer from 1 to 65535, got 70000"_s << true;
    QTest::addRow("negative port") << QByteArray("[gateway]\n  port   =   -1\n") << 2 << 14 << u"gateway.port"_s
                                   << u"expected an integer from 1 to 65535, got -1"_s << true;
    QTest::addRow("negative max_payload")
        << QByteArray("[gateway]\nmax_payload = -1\n") << 2 << 15 << u"gateway.max_payload"_s
        << u"expected an integer of at least 1, got -1"_s << true;
    QTest::addRow("zero max_body_bytes") << QByteArray("[gateway]\nmax_body_bytes = 0\n") << 2 << 18
                                         << u"gateway.max_body_bytes"_s
                                         << u"expected an integer from 1 to 2147483647, got 0"_s << true;
    QTest::addRow("negative max_file_bytes")
        << QByteArray("[logging]\nmax_file_bytes = -1024\n") << 2 << 18 << u"logging.max_file_bytes"_s
        << u"expected an integer of at least 1, got -1024"_s << true;
    QTest::addRow("negative busy timeout")
        << QByteArray("[storage]\nbusy_timeout_ms = -5\n") << 2 << 19 << u"storage.busy_timeout_ms"_s
        << u"expected an integer from 0 to 60000, got -5"_s << true;
    QTest::addRow("busy timeout above a minute")
        << QByteArray("[storage]\nbusy_timeout_ms = 60001\n") << 2 << 19 << u"storage.busy_timeout_ms"_s
        << u"expected an integer from 0 to 60000, got 60001"_s << true;
    QTest::addRow("int field overflow") << QByteArray("[gateway]\nmax_connections = 3000000000\n") << 2 << 19
                                        << u"gateway.max_connections"_s
                                        << u"expected an integer from 1 to 2147483647, got 3000000000"_s << true;
    QTest::addRow("tick interval below 1000")
        << QByteArray("[gateway]\ntick_interval_ms = 999\n") << 2 << 20 << u"gateway.tick_interval_ms"_s
        << u"expected an integer from 1000 to 3600000, got 999"_s << true;

    // Enums and strings.
    QTest::addRow("bad auth") << QByteArray("[gateway]\nauth = \"foo\"\n") << 2 << 8 << u"gateway.auth"_s
                              << u"expected one of \"token\", \"password\" or \"none\", got \"foo\""_s << true;
    QTest::addRow("bad synchronous") << QByteArray("[storage]\nsynchronous = \"SOMETIMES\"\n") << 2 << 15
                                     << u"storage.synchronous"_s
                                     << u"expected one of \"OFF\", \"NORMAL\" or \"FULL\", got \"SOMETIMES\""_s << true;
    QTest::addRow("bad level") << QByteArray("[logging]\nlevel = \"verbose\"\n") << 2 << 9 << u"logging.level"_s
                               << u"expected one of \"debug\", \"info\", \"warning\" or \"error\", got \"verbose\""_s
                               << true;
    QTest::addRow("empty bind") << QByteArray("[gateway]\nbind = \"\"\n") << 2 << 8 << u"gateway.bind"_s
                                << u"expected a non-empty string, got an empty string"_s << true;
    QTest::addRow("control character in path")
        << QByteArray("[storage]\npath = \"a\\u0001b\"\n") << 2 << 8 << u"storage.path"_s
        << u"expected a non-empty string without control characters, got \"a\\u0001b\""_s << true;
    QTest::addRow("long bad value is truncated")
        << QByteArray("[gateway]\nauth = \"" + QByteArray(100, 'x') + "\"\n") << 2 << 8 << u"gateway.auth"_s
        << QString(u"expected one of \"token\", \"password\" or \"none\", got \""_s + QString(40, u'x') + u"...\""_s)
        << true;
    QTest::addRow("empty env reference") << QByteArray("[gateway]\ntoken = \"env:\"\n") << 2 << 9 << u"gateway.token"_s
                                         << u"expected a secret reference (\"\", \"secret:NAME\", \"env:VAR\" or "
                                            "\"file:/path\")"_s
                                         << true;
    QTest::addRow("bad stored secret name")
        << QByteArray("[gateway]\npassword = \"secret:has space\"\n") << 2 << 12 << u"gateway.password"_s
        << u"expected a secret reference (\"\", \"secret:NAME\", \"env:VAR\" or \"file:/path\")"_s << true;

    // Structure.
    QTest::addRow("unknown section")
        << QByteArray("[gatway]\nport = 1\n") << 1 << 2 << u"gatway"_s
        << u"unknown section [gatway] (did you mean gateway?); known sections: %1"_s.arg(
               u"[gateway], [storage], [logging], [agent], [people], [scheduler], [channels.telegram], [channels.discord], [channels.whatsapp], [channels.webchat], [providers.ollama], [providers.anthropic], [providers.openai], [routing], [pricing], [skills], [terminal]"_s)
        << true;
    QTest::addRow("unknown section after a good one")
        << QByteArray("[gateway]\nport = 1\n\n[providerz]\nx = 1\n") << 4 << 2 << u"providerz"_s
        << u"unknown section [providerz]; known sections: [gateway], [storage], [logging], [agent], [people], [scheduler], [channels.telegram], [channels.discord], [channels.whatsapp], [channels.webchat], [providers.ollama], [providers.anthropic], [providers.openai], [routing], [pricing], [skills], [terminal]"_s
        << true;
    QTest::addRow("key outside any section")
        << QByteArray("# c\nport = 1\n[gateway]\n") << 2 << 1 << u"port"_s
        << u"key outside any section; put it under one of [gateway], [storage], [logging], [agent], [people], [scheduler], [channels.telegram], [channels.discord], [channels.whatsapp], [channels.webchat], [providers.ollama], [providers.anthropic], [providers.openai], [routing], [pricing], [skills], [terminal]"_s
        << true;
    QTest::addRow("section is a value") << QByteArray("gateway = 5\n") << 1 << 1 << u"gateway"_s
                                        << u"expected a table [gateway], got integer"_s << true;
    QTest::addRow("array of tables") << QByteArray("[[gateway]]\nport = 1\n") << 1 << 3 << u"gateway"_s
                                     << u"expected a table [gateway], got array"_s << true;
    QTest::addRow("dotted key with bad value") << QByteArray("gateway.port = 0\n") << 1 << 16 << u"gateway.port"_s
                                               << u"expected an integer from 1 to 65535, got 0"_s << true;
    QTest::addRow("inline table with bad value")
        << QByteArray("gateway = { port = \"x\" }\n") << 1 << 20 << u"gateway.port"_s
        << u"expected an integer from 1 to 65535, got string"_s << true;
    QTest::addRow("first error in document order")
        << QByteArray("[logging]\nlevel = \"nope\"\n[gateway]\nport = 0\n") << 2 << 9 << u"logging.level"_s
        << u"expected one of \"debug\", \"info\", \"warning\" or \"error\", got \"nope\""_s << true;
    QTest::addRow("first error in a section")
        << QByteArray("[gateway]\nport = 0\nbind = \"\"\n") << 2 << 8 << u"gateway.port"_s
        << u"expected an integer from 1 to 65535, got 0"_s << true;
}

void tst_ConfigLoader::badInput()
{
    QFETCH(QByteArray, toml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, key);
    QFETCH(QString, message);
    QFETCH(bool, exact);

    const auto result = load(toml);
    QVERIFY(!result.ok());
    const ConfigError &error = result.error();
    QCOMPARE(error.file, SOURCE);
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
    QCOMPARE(error.key, key);
    if (exact)
        QCOMPARE(error.message, message);
    else
        QVERIFY2(error.message.contains(message, Qt::CaseInsensitive), qPrintable(describe(error)));
}

void tst_ConfigLoader::errorsNeverEchoSecrets()
{
    const auto malformed = load("[gateway]\ntoken = \"secret:hunter2 with spaces\"\n");
    QVERIFY(!malformed.ok());
    QVERIFY2(!malformed.error().toString().contains(u"hunter2"_s), qPrintable(describe(malformed)));

    // A secret in the environment is never parsed, so a later error cannot quote it.
    const auto fromEnv = load("[gateway]\nport = 0\n", environment({ { u"SKYNET_GATEWAY_TOKEN"_s, u"hunter2"_s } }));
    QVERIFY(!fromEnv.ok());
    QVERIFY(!fromEnv.error().toString().contains(u"hunter2"_s));
}

void tst_ConfigLoader::errorToString_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::addRow("everything") << u"config.toml"_s << 3 << 8 << u"gateway.port"_s
                                << u"config.toml:3:8: gateway.port: bad"_s;
    QTest::addRow("no column") << u"config.toml"_s << 3 << 0 << u"gateway.port"_s
                               << u"config.toml:3: gateway.port: bad"_s;
    QTest::addRow("no position") << u"environment"_s << 0 << 0 << u"gateway.port"_s
                                 << u"environment: gateway.port: bad"_s;
    QTest::addRow("no key") << u"config.toml"_s << 2 << 7 << QString() << u"config.toml:2:7: bad"_s;
    QTest::addRow("message only") << QString() << 0 << 0 << QString() << u"bad"_s;
}

void tst_ConfigLoader::errorToString()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    const ConfigError error { file, line, column, key, u"bad"_s };
    QCOMPARE(error.toString(), expected);

    const auto loaded = load("[gateway]\nport = 70000\n");
    QVERIFY(!loaded.ok());
    QCOMPARE(
        loaded.error().toString(), u"test.toml:2:8: gateway.port: expected an integer from 1 to 65535, got 70000"_s);
}

void tst_ConfigLoader::unknownKeyWarning_data()
{
    QTest::addColumn<QByteArray>("toml");
    QTest::addColumn<QString>("warning");
    QTest::addRow("typo with suggestion") << QByteArray("[gateway]\nprot = 1234\nport = 1234\n")
                                          << u"test.toml:2:1: unknown key gateway.prot ignored; did you mean port?"_s;
    QTest::addRow("no close match") << QByteArray("[storage]\npath = \"x.db\"\n  something_else = \"x\"\n")
                                    << u"test.toml:3:3: unknown key storage.something_else ignored"_s;
    QTest::addRow("unknown sub-table") << QByteArray("[logging.extra]\nq = 1\n[gateway]\nport = 1234\n")
                                       << u"test.toml:1:10: unknown key logging.extra ignored"_s;
    QTest::addRow("quoted key with a dot")
        << QByteArray("[gateway]\n\"port.x\" = 1\nport = 1234\n")
        << u"test.toml:2:1: unknown key gateway.port.x ignored; did you mean port?"_s;
}

void tst_ConfigLoader::unknownKeyWarning()
{
    QFETCH(QByteArray, toml);
    QFETCH(QString, warning);
    const auto result = load(toml);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(result->warnings, QStringList { warning });
}

void tst_ConfigLoader::plainTextSecretWarning_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::addRow("token") << u"token"_s << u"hunter2-very-secret"_s;
    QTest::addRow("password") << u"password"_s << u"correct horse battery staple"_s;
    QTest::addRow("prefix in other case") << u"token"_s << u"ENV:NOT_A_REFERENCE"_s;
    QTest::addRow("unknown prefix") << u"token"_s << u"vault:kv/skynet"_s;
}

void tst_ConfigLoader::plainTextSecretWarning()
{
    QFETCH(QString, key);
    QFETCH(QString, secret);
    const QByteArray toml = "[gateway]\n" + key.toUtf8() + " = \"" + secret.toUtf8() + "\"\n";
    const auto result = load(toml);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    const QString dotted = u"gateway."_s + key;
    QCOMPARE(result->warnings,
        QStringList { u"plain-text secret in test.toml at %1; move it to the keychain / %2"_s.arg(
            dotted, ConfigLoader::envNameForKey(dotted)) });
    for (const QString &warning : result->warnings)
        QVERIFY(!warning.contains(secret));
    // Accepted as is; the bootstrap tells it apart with SecretRef.
    QCOMPARE(valueOf(*result, dotted).toString(), secret);
    QCOMPARE(SecretRef::parse(secret).kind, SecretRef::Kind::PlainText);
}

void tst_ConfigLoader::secretReferences_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addRow("unset") << QString();
    QTest::addRow("stored") << u"secret:gateway-token"_s;
    QTest::addRow("environment") << u"env:MY_TOKEN"_s;
    QTest::addRow("absolute file") << u"file:/run/secrets/skynet_token"_s;
    QTest::addRow("relative file") << u"file:secrets/token"_s;
}

void tst_ConfigLoader::secretReferences()
{
    QFETCH(QString, reference);
    const QByteArray toml
        = "[gateway]\ntoken = \"" + reference.toUtf8() + "\"\npassword = \"" + reference.toUtf8() + "\"\n";
    const auto result = load(toml);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QVERIFY2(result->warnings.isEmpty(), qPrintable(describeWarnings(*result)));
    QCOMPARE(result->gateway.token, reference);
    QCOMPARE(result->gateway.password, reference);
}

void tst_ConfigLoader::secretRefParse_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<SecretRef::Kind>("kind");
    QTest::addColumn<QString>("target");
    QTest::addRow("empty") << QString() << SecretRef::Kind::None << QString();
    QTest::addRow("stored") << u"secret:gateway.token_1"_s << SecretRef::Kind::Stored << u"gateway.token_1"_s;
    QTest::addRow("environment") << u"env:SKYNET_GATEWAY_TOKEN"_s << SecretRef::Kind::Environment
                                 << u"SKYNET_GATEWAY_TOKEN"_s;
    QTest::addRow("file") << u"file:/run/secrets/token"_s << SecretRef::Kind::File << u"/run/secrets/token"_s;
    QTest::addRow("plain text") << u"abc123"_s << SecretRef::Kind::PlainText << u"abc123"_s;
    QTest::addRow("empty stored name") << u"secret:"_s << SecretRef::Kind::Invalid << u"secret:"_s;
    QTest::addRow("bad variable name") << u"env:1ABC"_s << SecretRef::Kind::Invalid << u"env:1ABC"_s;
    QTest::addRow("empty file") << u"file:"_s << SecretRef::Kind::Invalid << u"file:"_s;
    QTest::addRow("newline in file") << u"file:/a\nb"_s << SecretRef::Kind::Invalid << u"file:/a\nb"_s;
}

void tst_ConfigLoader::secretRefParse()
{
    QFETCH(QString, value);
    QFETCH(SecretRef::Kind, kind);
    QFETCH(QString, target);
    const SecretRef ref = SecretRef::parse(value);
    QCOMPARE(ref.kind, kind);
    QCOMPARE(ref.target, target);
    QCOMPARE(ref.toString(), value);
    QCOMPARE(ref.isReference(),
        kind == SecretRef::Kind::Stored || kind == SecretRef::Kind::Environment || kind == SecretRef::Kind::File);
}

void tst_ConfigLoader::envOverride_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("expected");
    QTest::addRow("int") << u"SKYNET_GATEWAY_PORT"_s << u"8080"_s << u"gateway.port"_s << QVariant(8080LL);
    QTest::addRow("int with spaces") << u"SKYNET_GATEWAY_PORT"_s << u" 8080 "_s << u"gateway.port"_s
                                     << QVariant(8080LL);
    QTest::addRow("int, key with underscore")
        << u"SKYNET_GATEWAY_MAX_PAYLOAD"_s << u"1048576"_s << u"gateway.max_payload"_s << QVariant(1048576LL);
    QTest::addRow("int64") << u"SKYNET_LOGGING_MAX_FILE_BYTES"_s << u"8589934592"_s << u"logging.max_file_bytes"_s
                           << QVariant(8589934592LL);
    QTest::addRow("int, zero allowed") << u"SKYNET_STORAGE_BUSY_TIMEOUT_MS"_s << u"0"_s << u"storage.busy_timeout_ms"_s
                                       << QVariant(0LL);
    QTest::addRow("bool true") << u"SKYNET_GATEWAY_ALLOW_INSECURE_BIND"_s << u"true"_s
                               << u"gateway.allow_insecure_bind"_s << QVariant(true);
    QTest::addRow("bool 1") << u"SKYNET_GATEWAY_ALLOW_INSECURE_BIND"_s << u"1"_s << u"gateway.allow_insecure_bind"_s
                            << QVariant(true);
    QTest::addRow("bool YES") << u"SKYNET_GATEWAY_ALLOW_INSECURE_BIND"_s << u"YES"_s << u"gateway.allow_insecure_bind"_s
                              << QVariant(true);
    QTest::addRow("bool on") << u"SKYNET_GATEWAY_ALLOW_INSECURE_BIND"_s << u"on"_s << u"gateway.allow_insecure_bind"_s
                             << QVariant(true);
    QTest::addRow("bool false") << u"SKYNET_LOGGING_ACCESS_LOG"_s << u"False"_s << u"logging.access_log"_s
                                << QVariant(false);
    QTest::addRow("bool 0") << u"SKYNET_LOGGING_FILE"_s << u"0"_s << u"logging.file"_s << QVariant(false);
    QTest::addRow("bool no") << u"SKYNET_LOGGING_FILE"_s << u"no"_s << u"logging.file"_s << QVariant(false);
    QTest::addRow("bool off") << u"SKYNET_LOGGING_FILE"_s << u"off"_s << u"logging.file"_s << QVariant(false);
    QTest::addRow("enum") << u"SKYNET_GATEWAY_AUTH"_s << u"password"_s << u"gateway.auth"_s << QVariant(u"password"_s);
    QTest::addRow("enum, canonical case")
        << u"SKYNET_STORAGE_SYNCHRONOUS"_s << u"full"_s << u"storage.synchronous"_s << QVariant(u"FULL"_s);
    QTest::addRow("enum level") << u"SKYNET_LOGGING_LEVEL"_s << u"Debug"_s << u"logging.level"_s
                                << QVariant(u"debug"_s);
    QTest::addRow("string") << u"SKYNET_GATEWAY_BIND"_s << u"0.0.0.0"_s << u"gateway.bind"_s << QVariant(u"0.0.0.0"_s);
    QTest::addRow("string kept verbatim") << u"SKYNET_STORAGE_PATH"_s << u" /tmp/my db.sqlite"_s << u"storage.path"_s
                                          << QVariant(u" /tmp/my db.sqlite"_s);
    QTest::addRow("string, key with underscores")
        << u"SKYNET_AGENT_DEFAULT_AGENT_ID"_s << u"helper"_s << u"agent.default_agent_id"_s << QVariant(u"helper"_s);
    QTest::addRow("secret becomes a reference")
        << u"SKYNET_GATEWAY_TOKEN"_s << u"s3cr3t"_s << u"gateway.token"_s << QVariant(u"env:SKYNET_GATEWAY_TOKEN"_s);
    QTest::addRow("secret that looks like a reference")
        << u"SKYNET_GATEWAY_PASSWORD"_s << u"env:OTHER"_s << u"gateway.password"_s
        << QVariant(u"env:SKYNET_GATEWAY_PASSWORD"_s);
}

void tst_ConfigLoader::envOverride()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, key);
    QFETCH(QVariant, expected);
    const auto result = load("[gateway]\ntoken = \"secret:from-file\"\n", environment({ { variable, value } }));
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QVERIFY2(result->warnings.isEmpty(), qPrintable(describeWarnings(*result)));
    QCOMPARE(valueOf(*result, key), expected);
    for (const QString &warning : result->warnings)
        QVERIFY(!warning.contains(value));
}

void tst_ConfigLoader::envOverrideEveryKey()
{
    for (const KeySpec &spec : ConfigSchema::keys()) {
        const auto [raw, expected] = nonDefaultValue(spec);
        QVERIFY2(expected.isValid(), qPrintable(spec.dottedKey()));
        const auto result = load(QByteArray(), environment({ { spec.envName(), raw } }));
        QVERIFY2(result.ok(), qPrintable(spec.dottedKey() + u": "_s + describe(result)));
        QVERIFY2(result->warnings.isEmpty(), qPrintable(describeWarnings(*result)));
        QCOMPARE(spec.get(*result), expected);
        // Only that key changed.
        for (const KeySpec &other : ConfigSchema::keys()) {
            if (&other != &spec)
                QCOMPARE(other.get(*result), other.defaultValue());
        }
    }
}

void tst_ConfigLoader::envEmptyIsNoOverride()
{
    const auto result = load("[gateway]\nport = 1000\ntoken = \"secret:kept\"\n",
        environment({ { u"SKYNET_GATEWAY_PORT"_s, QString() }, { u"SKYNET_GATEWAY_TOKEN"_s, QString() } }));
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(result->gateway.port, 1000);
    QCOMPARE(result->gateway.token, u"secret:kept"_s);
}

void tst_ConfigLoader::badEnv_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::addRow("int: not a number")
        << u"SKYNET_GATEWAY_PORT"_s << u"abc"_s << u"gateway.port"_s
        << u"expected an integer from 1 to 65535, got \"abc\" (from SKYNET_GATEWAY_PORT)"_s;
    QTest::addRow("int: float") << u"SKYNET_GATEWAY_PORT"_s << u"80.5"_s << u"gateway.port"_s
                                << u"expected an integer from 1 to 65535, got \"80.5\" (from SKYNET_GATEWAY_PORT)"_s;
    QTest::addRow("int: out of range") << u"SKYNET_GATEWAY_PORT"_s << u"0"_s << u"gateway.port"_s
                                       << u"expected an integer from 1 to 65535, got 0 (from SKYNET_GATEWAY_PORT)"_s;
    QTest::addRow("int: negative size")
        << u"SKYNET_GATEWAY_MAX_PAYLOAD"_s << u"-1"_s << u"gateway.max_payload"_s
        << u"expected an integer of at least 1, got -1 (from SKYNET_GATEWAY_MAX_PAYLOAD)"_s;
    QTest::addRow("int: overflow") << u"SKYNET_GATEWAY_MAX_CONNECTIONS"_s << u"99999999999"_s
                                   << u"gateway.max_connections"_s
                                   << u"expected an integer from 1 to 2147483647, got 99999999999 (from "
                                      "SKYNET_GATEWAY_MAX_CONNECTIONS)"_s;
    QTest::addRow("int: tick too short") << u"SKYNET_GATEWAY_TICK_INTERVAL_MS"_s << u"10"_s
                                         << u"gateway.tick_interval_ms"_s
                                         << u"expected an integer from 1000 to 3600000, got 10 (from "
                                            "SKYNET_GATEWAY_TICK_INTERVAL_MS)"_s;
    QTest::addRow("bool") << u"SKYNET_GATEWAY_ALLOW_INSECURE_BIND"_s << u"maybe"_s << u"gateway.allow_insecure_bind"_s
                          << u"expected true or false (or 1/0, yes/no, on/off), got \"maybe\" (from "
                             "SKYNET_GATEWAY_ALLOW_INSECURE_BIND)"_s;
    QTest::addRow("enum") << u"SKYNET_GATEWAY_AUTH"_s << u"foo"_s << u"gateway.auth"_s
                          << u"expected one of \"token\", \"password\" or \"none\", got \"foo\" (from "
                             "SKYNET_GATEWAY_AUTH)"_s;
    QTest::addRow("enum level") << u"SKYNET_LOGGING_LEVEL"_s << u"loud"_s << u"logging.level"_s
                                << u"expected one of \"debug\", \"info\", \"warning\" or \"error\", got \"loud\" "
                                   "(from SKYNET_LOGGING_LEVEL)"_s;
    QTest::addRow("string with control character")
        << u"SKYNET_STORAGE_PATH"_s << u"a\tb"_s << u"storage.path"_s
        << u"expected a non-empty string without control characters, got \"a\\u0009b\" (from SKYNET_STORAGE_PATH)"_s;
}

void tst_ConfigLoader::badEnv()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, key);
    QFETCH(QString, message);
    const auto result = load(QByteArray(), environment({ { variable, value } }));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().file, u"environment"_s);
    QCOMPARE(result.error().line, 0);
    QCOMPARE(result.error().column, 0);
    QCOMPARE(result.error().key, key);
    QCOMPARE(result.error().message, message);
}

void tst_ConfigLoader::unknownEnvWarning()
{
    const auto result = load(QByteArray(),
        environment({ { u"SKYNET_GATEWAY_PROT"_s, u"1"_s }, { u"SKYNET_LOGGING_COLOUR"_s, u"1"_s },
            { u"SKYNET_HOME"_s, u"/tmp"_s }, { u"SKYNET_SOURCE_DIR"_s, u"/src"_s }, { u"PATH"_s, u"/usr/bin"_s } }));
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(result->warnings,
        (QStringList { u"environment: SKYNET_GATEWAY_PROT matches no configuration key and is ignored; did you "
                       "mean SKYNET_GATEWAY_PORT?"_s,
            u"environment: SKYNET_LOGGING_COLOUR matches no configuration key and is ignored"_s }));
    compareSettings(*result, Settings {});
}

void tst_ConfigLoader::precedence_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("fileValue"); // TOML literal; empty: not in the file
    QTest::addColumn<QString>("envValue"); // empty: not set
    QTest::addColumn<QString>("cliValue"); // empty: not given
    QTest::addColumn<QVariant>("expected");

    const QString port = u"gateway.port"_s;
    QTest::addRow("port: default") << port << QString() << QString() << QString() << QVariant(18789LL);
    QTest::addRow("port: file over default") << port << u"1000"_s << QString() << QString() << QVariant(1000LL);
    QTest::addRow("port: env over default") << port << QString() << u"2000"_s << QString() << QVariant(2000LL);
    QTest::addRow("port: env over file") << port << u"1000"_s << u"2000"_s << QString() << QVariant(2000LL);
    QTest::addRow("port: cli over file") << port << u"1000"_s << QString() << u"3000"_s << QVariant(3000LL);
    QTest::addRow("port: cli over env and file") << port << u"1000"_s << u"2000"_s << u"3000"_s << QVariant(3000LL);

    const QString bind = u"gateway.bind"_s;
    QTest::addRow("bind: default") << bind << QString() << QString() << QString() << QVariant(u"127.0.0.1"_s);
    QTest::addRow("bind: env over file") << bind << u"\"10.0.0.1\""_s << u"10.0.0.2"_s << QString()
                                         << QVariant(u"10.0.0.2"_s);
    QTest::addRow("bind: cli over env") << bind << u"\"10.0.0.1\""_s << u"10.0.0.2"_s << u"::1"_s << QVariant(u"::1"_s);

    const QString level = u"logging.level"_s;
    QTest::addRow("level: file") << level << u"\"warning\""_s << QString() << QString() << QVariant(u"warning"_s);
    QTest::addRow("level: env over file")
        << level << u"\"warning\""_s << u"error"_s << QString() << QVariant(u"error"_s);
    QTest::addRow("level: cli over env") << level << u"\"warning\""_s << u"error"_s << u"DEBUG"_s
                                         << QVariant(u"debug"_s);
}

void tst_ConfigLoader::precedence()
{
    QFETCH(QString, key);
    QFETCH(QString, fileValue);
    QFETCH(QString, envValue);
    QFETCH(QString, cliValue);
    QFETCH(QVariant, expected);

    const KeySpec *spec = ConfigSchema::find(key);
    QVERIFY(spec);
    QByteArray toml;
    if (!fileValue.isEmpty())
        toml = '[' + spec->section.toUtf8() + "]\n" + spec->name.toUtf8() + " = " + fileValue.toUtf8() + '\n';
    QProcessEnvironment env;
    if (!envValue.isEmpty())
        env.insert(spec->envName(), envValue);
    Overrides overrides;
    if (!cliValue.isEmpty()) {
        if (key == u"gateway.port")
            overrides.port = cliValue.toInt();
        else if (key == u"gateway.bind")
            overrides.bind = cliValue;
        else
            overrides.logLevel = cliValue;
    }
    const auto result = load(toml, env, overrides);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(valueOf(*result, key), expected);
}

void tst_ConfigLoader::badOverride_data()
{
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("bind");
    QTest::addColumn<QString>("logLevel");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::addRow("port 0") << 0 << QString() << QString() << u"gateway.port"_s
                            << u"expected an integer from 1 to 65535, got 0 (from --port)"_s;
    QTest::addRow("port 65536") << 65536 << QString() << QString() << u"gateway.port"_s
                                << u"expected an integer from 1 to 65535, got 65536 (from --port)"_s;
    QTest::addRow("negative port") << -2 << QString() << QString() << u"gateway.port"_s
                                   << u"expected an integer from 1 to 65535, got -2 (from --port)"_s;
    QTest::addRow("bind with newline") << -1 << u"127.0.0.1\n"_s << QString() << u"gateway.bind"_s
                                       << u"expected a non-empty string without control characters, got "
                                          "\"127.0.0.1\\u000a\" (from --bind)"_s;
    QTest::addRow("log level") << -1 << QString() << u"trace"_s << u"logging.level"_s
                               << u"expected one of \"debug\", \"info\", \"warning\" or \"error\", got \"trace\" "
                                  "(from --log-level)"_s;
}

void tst_ConfigLoader::badOverride()
{
    QFETCH(int, port);
    QFETCH(QString, bind);
    QFETCH(QString, logLevel);
    QFETCH(QString, key);
    QFETCH(QString, message);
    Overrides overrides;
    overrides.port = port;
    overrides.bind = bind;
    overrides.logLevel = logLevel;
    const auto result = load(QByteArray(), {}, overrides);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().file, u"command line"_s);
    QCOMPARE(result.error().line, 0);
    QCOMPARE(result.error().key, key);
    QCOMPARE(result.error().message, message);
}

void tst_ConfigLoader::oversizedInput()
{
    // Exactly 1 MiB is still read.
    QByteArray limit = "[gateway]\nport = 1234\n";
    const QByteArray comment = "# " + QByteArray(77, 'x') + '\n';
    while (limit.size() + comment.size() <= ONE_MIB)
        limit += comment;
    limit += QByteArray(ONE_MIB - limit.size(), '\n');
    QCOMPARE(limit.size(), ONE_MIB);
    const auto atLimit = load(limit);
    QVERIFY2(atLimit.ok(), qPrintable(describe(atLimit)));
    QCOMPARE(atLimit->gateway.port, 1234);

    // One byte more is refused before parsing.
    const auto overLimit = load(limit + '\n');
    QVERIFY(!overLimit.ok());
    QCOMPARE(overLimit.error().file, SOURCE);
    QCOMPARE(overLimit.error().line, 0);
    QCOMPARE(overLimit.error().message, u"the file is larger than 1 MiB (1048577 bytes); refusing to parse it"_s);

    // A large file on disk: only the first MiB + 1 byte is read.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"huge.toml"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray block(64 * 1024, '#');
    for (int i = 0; i < 64; ++i) // 4 MiB
        QCOMPARE(file.write(block), block.size());
    file.close();
    const auto fromFile = ConfigLoader::loadFile(path, HOME);
    QVERIFY(!fromFile.ok());
    QCOMPARE(fromFile.error().file, path);
    QVERIFY2(fromFile.error().message.startsWith(u"the file is larger than 1 MiB"_s), qPrintable(describe(fromFile)));
}

void tst_ConfigLoader::loadFileErrors_data()
{
    QTest::addColumn<QString>("fileName"); // inside a temporary folder
    QTest::addColumn<QByteArray>("content"); // written when not null
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::addRow("missing file") << u"missing.toml"_s << QByteArray() << 0 << u"cannot read the configuration: "_s;
    QTest::addRow("directory") << QString() << QByteArray() << 0
                               << u"cannot read the configuration: it is a directory"_s;
    QTest::addRow("error names the file") << u"bad.toml"_s << QByteArray("[gateway]\n\nport = 0\n") << 3
                                          << u"expected an integer from 1 to 65535, got 0"_s;
}

void tst_ConfigLoader::loadFileErrors()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = fileName.isEmpty() ? dir.path() : dir.filePath(fileName);
    if (!content.isNull()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(content), content.size());
    }
    const auto result = ConfigLoader::loadFile(path, HOME);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().file, path);
    QCOMPARE(result.error().line, line);
    QVERIFY2(result.error().message.startsWith(message), qPrintable(describe(result)));
    QVERIFY(result.error().toString().startsWith(path + u':'));
}

void tst_ConfigLoader::resolvePath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::addRow("relative") << u"skynet.db"_s << u"/home/test/.skynet/skynet.db"_s;
    QTest::addRow("relative folder") << u"logs"_s << u"/home/test/.skynet/logs"_s;
    QTest::addRow("relative with dots") << u"data/../x.db"_s << u"/home/test/.skynet/x.db"_s;
    QTest::addRow("absolute") << u"/var/lib/skynet/skynet.db"_s << u"/var/lib/skynet/skynet.db"_s;
    QTest::addRow("absolute, not clean") << u"/var//lib/./skynet.db"_s << u"/var/lib/skynet.db"_s;
    QTest::addRow("empty") << QString() << u"/home/test/.skynet"_s;
}

void tst_ConfigLoader::resolvePath()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    Settings settings;
    settings.home = HOME;
    QCOMPARE(settings.resolvePath(path), expected);
}

void tst_ConfigLoader::envNameForKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::addRow("simple") << u"gateway.port"_s << u"SKYNET_GATEWAY_PORT"_s;
    QTest::addRow("underscores") << u"gateway.max_payload"_s << u"SKYNET_GATEWAY_MAX_PAYLOAD"_s;
    QTest::addRow("nested table") << u"providers.anthropic.api_key"_s << u"SKYNET_PROVIDERS_ANTHROPIC_API_KEY"_s;
    QTest::addRow("dash") << u"channels.my-bot.bot_token"_s << u"SKYNET_CHANNELS_MY_BOT_BOT_TOKEN"_s;
}

void tst_ConfigLoader::envNameForKey()
{
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QCOMPARE(ConfigLoader::envNameForKey(key), expected);
}

QTEST_APPLESS_MAIN(tst_ConfigLoader)
#include "tst_configloader.moc"
