// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// skynet-gateway doctor: one line per check (OK, WARN, FAIL) and what to do about each problem.
// It changes nothing (no config written, no token generated, no migration run) and every network
// check gives up after NETWORK_TIMEOUT_MS.
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTimer>

#include "cli/cli.h"
#include "cli/clicommon.h"
#include "cli/instancelock.h"
#include "config/configloader.h"
#include "config/secretref.h"
#include "core/network.h"
#include "providers/ollamaprovider.h"
#include "providers/providerfactory.h"
#include "secrets/secretstore.h"
#include "service/bootstrap.h"
#include "storage/migrations.h"
#include "tls/credentials.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Cli
{

namespace
{

constexpr int NETWORK_TIMEOUT_MS = 2000;
constexpr qint64 MAX_REPLY_BYTES = 64 * 1024;

class Report final
{
public:
    explicit Report(QTextStream &out) : m_out(out) { }

    void ok(const QString &what) { line(u"OK  "_s, what, {}); }
    void warn(const QString &what, const QString &fix) { line(u"WARN"_s, what, fix), ++m_warnings; }
    void fail(const QString &what, const QString &fix) { line(u"FAIL"_s, what, fix), ++m_failures; }
    int failures() const { return m_failures; }
    int warnings() const { return m_warnings; }
    int total() const { return m_total; }

private:
    void line(const QString &level, const QString &what, const QString &fix)
    {
        ++m_total;
        m_out << level << u"  "_s << what << u'\n';
        if (!fix.isEmpty())
            m_out << u"      → "_s << fix << u'\n';
        m_out.flush();
    }
    QTextStream &m_out;
    int m_total = 0;
    int m_warnings = 0;
    int m_failures = 0;
};

/// A GET with a hard deadline; status 0 when nothing answered in time.
struct Probe
{
    int status = 0;
    QByteArray body;
    QString error;
};

/// GET with short limits; for https, `trusted` are the certificates accepted as the authority (the
/// gateway's own, which may be self-signed).
Probe get(const QUrl &url, const QList<QSslCertificate> &trusted = {})
{
    QNetworkAccessManager manager;
    manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    QNetworkRequest request(url);
    request.setTransferTimeout(NETWORK_TIMEOUT_MS);
    if (url.scheme() == u"https" && !trusted.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(trusted);
        request.setSslConfiguration(ssl);
    }
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, reply, &QNetworkReply::abort);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > MAX_REPLY_BYTES)
            reply->abort();
    });
    deadline.start(NETWORK_TIMEOUT_MS);
    if (!reply->isFinished())
        loop.exec();
    Probe probe;
    probe.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    probe.body = reply->read(MAX_REPLY_BYTES);
    if (reply->error() != QNetworkReply::NoError && probe.status == 0)
        probe.error
            = deadline.isActive() ? reply->errorString() : u"no answer within %1 s"_s.arg(NETWORK_TIMEOUT_MS / 1000);
    delete reply;
    return probe;
}

bool ownerOnly(const QFileInfo &info)
{
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    return !(info.permissions() & others);
}

/// The config: loaded, or the defaults (then the failure is reported).
Config::Settings checkConfig(const CommandLine &commandLine, const QString &home, Report &report)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Config::Overrides overrides = commandLine.overrides;
    if (overrides.port == 0)
        overrides.port = -1;
    const QString path
        = commandLine.configPath.isEmpty() ? QDir(home).filePath(u"skynet.toml"_s) : commandLine.configPath;
    const auto defaults = [&] {
        auto loaded = Config::ConfigLoader::loadFromData({}, u"defaults"_s, home, env, overrides);
        if (!loaded) // the environment itself is wrong: fall back to the bare defaults
            loaded = Config::ConfigLoader::loadFromData({}, u"defaults"_s, home);
        return loaded ? *loaded : Config::Settings {};
    };
    if (!QFileInfo::exists(path)) {
        if (!commandLine.configPath.isEmpty()) {
            report.fail(u"config: %1 does not exist"_s.arg(path),
                u"pass the path of your skynet.toml with --config, or leave --config out to use %1"_s.arg(
                    QDir(home).filePath(u"skynet.toml"_s)));
        } else {
            report.warn(u"config: %1 does not exist yet"_s.arg(path),
                u"start the gateway once (skynet-gateway) and it writes the documented template there"_s);
        }
        return defaults();
    }
    auto loaded = Config::ConfigLoader::loadFile(path, home, env, overrides);
    if (!loaded) {
        report.fail(u"config: "_s + loaded.error().toString(),
            u"edit %1 at the line shown (every key is documented in config/default.toml and "
            "docs/configuration.md), then run: skynet-gateway config check; the checks below use the defaults"_s.arg(
                path));
        return defaults();
    }
    report.ok(u"config: %1 is valid"_s.arg(path));
    for (const QString &warning : std::as_const(loaded->warnings))
        report.warn(u"config: "_s + warning, u"edit %1 as the warning says (the gateway starts anyway)"_s.arg(path));
    return *loaded;
}

void checkHome(const QString &home, Report &report)
{
    const QFileInfo info(home);
    if (!info.exists()) {
        report.warn(u"home: %1 does not exist yet"_s.arg(home), u"the gateway creates it at its first start"_s);
        return;
    }
    if (!info.isDir() || !info.isWritable()) {
        report.fail(u"home: %1 is not a folder you can write to"_s.arg(home),
            u"check the owner and permissions of %1 (it must belong to the user running Skynet)"_s.arg(home));
        return;
    }
    if (!ownerOnly(info)) {
        report.warn(u"home: %1 can be read by other users"_s.arg(home),
            u"run: chmod 700 %1 (it holds the database, logs and perhaps secrets)"_s.arg(home));
        return;
    }
    report.ok(u"home: %1 (private to you)"_s.arg(home));
}

void checkDatabase(const Config::Settings &settings, Report &report)
{
    const QString path = databasePath(settings);
    const QFileInfo info(path);
    if (!info.exists()) {
        report.warn(u"database: %1 does not exist yet"_s.arg(path),
            u"the gateway creates it at its first start (or restore a backup: skynet-gateway restore <file>)"_s);
        return;
    }
    if (!info.isReadable() || !info.isFile()) {
        report.fail(u"database: %1 cannot be read"_s.arg(path),
            u"check its owner and permissions: it must belong to the user running Skynet (chmod 600 %1)"_s.arg(path));
        return;
    }
    const QString name = u"skynet-doctor-%1"_s.arg(QCoreApplication::applicationPid());
    QString problem;
    QString fix;
    int version = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s);
        if (!db.open()) {
            problem = u"cannot be opened: "_s + db.lastError().text();
            fix = u"check its owner and permissions (chmod 600 %1)"_s.arg(path);
        } else {
            QSqlQuery q(db);
            if (!q.exec(u"PRAGMA quick_check"_s)) {
                problem = u"is not an SQLite database ("_s + q.lastError().databaseText() + u')';
                fix = u"restore a backup: skynet-gateway restore <file> (the gateway refuses to start on it)"_s;
            } else {
                QStringList found;
                while (q.next() && found.size() < 3)
                    found.append(q.value(0).toString());
                if (found != QStringList { u"ok"_s }) {
                    problem = u"is damaged: "_s + found.join(u"; "_s);
                    fix = u"stop the gateway and restore a backup: skynet-gateway restore <file>"_s;
                } else if (!q.exec(u"SELECT MAX(version) FROM schema_version"_s) || !q.next()) {
                    problem = u"is not a Skynet database (no schema_version table)"_s;
                    fix = u"point storage.path at the Skynet database, or move this file away"_s;
                } else {
                    version = q.value(0).toInt();
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (!problem.isEmpty()) {
        report.fail(u"database: %1 %2"_s.arg(path, problem), fix);
        return;
    }
    const int latest = Storage::latestSchemaVersion();
    if (version > latest) {
        report.fail(
            u"database: %1 has schema version %2, newer than this Skynet (%3)"_s.arg(path).arg(version).arg(latest),
            u"install the newer Skynet that wrote it, or restore an older backup"_s);
    } else if (version < latest) {
        report.warn(u"database: %1 has schema version %2 of %3"_s.arg(path).arg(version).arg(latest),
            u"nothing to do: the gateway migrates it at its next start (take a backup first if you like)"_s);
    } else {
        report.ok(u"database: %1 (intact, schema version %2, %3 KiB)"_s.arg(path).arg(version).arg(info.size() / 1024));
    }
    if (!ownerOnly(info))
        report.warn(u"database: %1 can be read by other users"_s.arg(path), u"run: chmod 600 %1"_s.arg(path));
    qint64 pid = 0;
    if (InstanceLock::isHeldElsewhere(path, &pid))
        report.ok(u"database: in use by a running gateway%1"_s.arg(pid > 0 ? u" (pid %1)"_s.arg(pid) : QString()));
}

/// One secret reference of the config: resolvable or not.
bool checkSecret(const QString &key, const QString &reference, Secrets::SecretStore *store,
    const Config::Settings &settings, Report &report, bool required, const QString &purpose)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (reference.isEmpty())
        return false;
    const std::optional<QString> value = Secrets::resolve(reference, store, env, settings.home);
    const Config::SecretRef ref = Config::SecretRef::parse(reference);
    const QString shown = ref.isReference() ? reference : u"(a plain-text value)"_s;
    if (value && !value->isEmpty()) {
        report.ok(u"secret: %1 (%2) is set"_s.arg(key, shown));
        return true;
    }
    QString fix;
    if (reference.startsWith(u"env:"))
        fix = u"set the environment variable %1 for the gateway (%2), or store the value with the desktop app"_s.arg(
            reference.mid(4), purpose);
    else if (reference.startsWith(u"file:"))
        fix = u"write the value into the file %1 (%2)"_s.arg(reference.mid(5), purpose);
    else
        fix = u"store the secret \"%1\" again with the desktop app, or point %2 at env:VARIABLE (%3)"_s.arg(
            reference.mid(7), key, purpose);
    if (required)
        report.fail(u"secret: %1 refers to %2, which is not set"_s.arg(key, shown), fix);
    else
        report.warn(u"secret: %1 refers to %2, which is not set"_s.arg(key, shown), fix);
    return false;
}

void checkSecrets(const Config::Settings &settings, const std::shared_ptr<Secrets::SecretStore> &store, Report &report)
{
    const Config::GatewaySettings &gw = settings.gateway;
    if (gw.auth == u"token") {
        if (!gw.token.isEmpty()) {
            checkSecret(u"gateway.token"_s, gw.token, store.get(), settings, report, true,
                u"clients cannot connect without it"_s);
        } else if (store && store->read(u"gateway.token"_s)) {
            report.ok(u"secret: the gateway token is stored %1"_s.arg(store->describe()));
        } else if (isLoopbackHost(gw.bind)) {
            report.warn(u"secret: no gateway token yet"_s, u"the gateway generates one at its first start"_s);
        } else {
            report.fail(u"secret: no gateway token, and gateway.bind (%1) is not loopback"_s.arg(gw.bind),
                u"set SKYNET_GATEWAY_TOKEN or gateway.token = \"env:VARIABLE\" before listening on the network"_s);
        }
    } else if (gw.auth == u"password") {
        if (gw.password.isEmpty())
            report.fail(u"secret: gateway.auth is \"password\" but gateway.password is empty"_s,
                u"set gateway.password = \"env:VARIABLE\" (or secret:NAME)"_s);
        else
            checkSecret(u"gateway.password"_s, gw.password, store.get(), settings, report, true,
                u"clients cannot connect without it"_s);
    } else if (!isLoopbackHost(gw.bind)) {
        report.fail(u"auth: gateway.auth is \"none\" on %1"_s.arg(gw.bind),
            u"use gateway.auth = \"token\": the gateway refuses to listen on the network without it"_s);
    }
}

void checkProviders(const Config::Settings &settings, Secrets::SecretStore *store, Report &report)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    int usable = 0;
    const Config::ProviderSettings &ollama = settings.providers.ollama;
    if (ollama.enabled) {
        QUrl base = ollama.baseUrl.isEmpty() ? (env.value(u"OLLAMA_HOST"_s).trimmed().isEmpty()
                            ? QUrl(QString::fromLatin1(Providers::OllamaProvider::DEFAULT_BASE_URL))
                            : Providers::ProviderFactory::parseOllamaHost(env.value(u"OLLAMA_HOST"_s)))
                                             : QUrl(ollama.baseUrl);
        const bool remote = !Providers::ProviderFactory::isLoopback(base);
        if (settings.routing.offline && remote) {
            report.warn(
                u"provider: Ollama at %1 is not on this machine, and routing.offline is on"_s.arg(base.toString()),
                u"run Ollama locally or turn routing.offline off"_s);
        } else {
            QUrl url = base;
            url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + u"/api/version"_s);
            const Probe probe = get(url);
            if (probe.status == 200) {
                const QString version = QJsonDocument::fromJson(probe.body).object().value(u"version"_s).toString();
                report.ok(u"provider: Ollama answers at %1%2"_s.arg(base.toString(),
                    version.isEmpty() ? QString() : QString(u" (version "_s + version.left(32) + u')')));
                ++usable;
            } else {
                report.warn(u"provider: Ollama is not reachable at %1 (%2)"_s.arg(
                                base.toString(), probe.status ? u"HTTP %1"_s.arg(probe.status) : probe.error),
                    u"start it (ollama serve), set providers.ollama.base_url or OLLAMA_HOST to where it runs, or "
                    "set providers.ollama.enabled = false"_s);
            }
        }
    } else {
        report.ok(u"provider: Ollama is disabled"_s);
    }
    const struct
    {
        const char *name;
        const Config::ProviderSettings &settings;
    } clouds[] = { { "anthropic", settings.providers.anthropic }, { "openai", settings.providers.openai } };
    for (const auto &cloud : clouds) {
        const QString name = QString::fromLatin1(cloud.name);
        if (!cloud.settings.enabled) {
            report.ok(u"provider: %1 is disabled"_s.arg(name));
            continue;
        }
        const std::optional<QString> key = Secrets::resolve(cloud.settings.apiKey, store, env, settings.home);
        if (key && !key->isEmpty()) {
            if (settings.routing.offline || settings.routing.privacy)
                report.ok(u"provider: %1 has an API key (unused: routing keeps turns on this machine)"_s.arg(name));
            else
                report.ok(u"provider: %1 has an API key"_s.arg(name));
            if (!settings.routing.offline && !settings.routing.privacy)
                ++usable;
        } else if (name == u"openai" && !cloud.settings.baseUrl.trimmed().isEmpty()) {
            report.ok(u"provider: openai-compatible server at %1 (no key needed)"_s.arg(cloud.settings.baseUrl));
            ++usable;
        } else {
            const QString reference = cloud.settings.apiKey.isEmpty() ? u"(none)"_s : cloud.settings.apiKey;
            report.warn(u"provider: %1 has no API key (%2 is not set)"_s.arg(name, reference),
                reference.startsWith(u"env:")
                    ? u"set %1 for the gateway or enter the key in the desktop app, or set providers.%2.enabled = false"_s
                          .arg(reference.mid(4), name)
                    : u"enter the key in the desktop app, or set providers.%1.enabled = false"_s.arg(name));
        }
    }
    if (usable == 0)
        report.fail(u"providers: no model provider is usable, so no question can be answered"_s,
            u"start Ollama (ollama serve) or give Skynet an API key (ANTHROPIC_API_KEY or OPENAI_API_KEY)"_s);
}

void checkChannels(const Config::Settings &settings, Secrets::SecretStore *store, Report &report)
{
    const Config::ChannelsSettings &c = settings.channels;
    int enabled = 0;
    if (c.telegram.enabled) {
        ++enabled;
        checkSecret(u"channels.telegram.token"_s, c.telegram.token, store, settings, report, true,
            u"the bot token from @BotFather; without it Telegram stays offline"_s);
        if (c.telegram.mode == u"webhook")
            checkSecret(u"channels.telegram.webhook_secret"_s, c.telegram.webhookSecret, store, settings, report, true,
                u"Telegram's webhook calls are refused without it"_s);
    }
    if (c.discord.enabled) {
        ++enabled;
        checkSecret(u"channels.discord.token"_s, c.discord.token, store, settings, report, true,
            u"the bot token from the Discord developer portal"_s);
    }
    if (c.whatsapp.enabled) {
        ++enabled;
        checkSecret(u"channels.whatsapp.access_token"_s, c.whatsapp.accessToken, store, settings, report, true,
            u"the WhatsApp Cloud API access token"_s);
        checkSecret(u"channels.whatsapp.app_secret"_s, c.whatsapp.appSecret, store, settings, report, true,
            u"webhook signatures cannot be checked without it"_s);
        checkSecret(u"channels.whatsapp.verify_token"_s, c.whatsapp.verifyToken, store, settings, report, true,
            u"Meta's webhook verification needs it"_s);
        if (c.whatsapp.phoneNumberId.isEmpty())
            report.fail(u"channel: whatsapp is enabled but channels.whatsapp.phone_number_id is empty"_s,
                u"copy the phone number id from the Meta app dashboard into channels.whatsapp.phone_number_id"_s);
    }
    if (enabled == 0)
        report.ok(
            c.webchat.enabled ? u"channels: only the web chat (/chat) is enabled"_s : u"channels: none enabled"_s);
}

/// TLS: the configured or self-signed certificate loads (key matches, valid now, key file 0600),
/// and a non-loopback bind is covered. Returns the certificate chain to trust for the port probe.
QList<QSslCertificate> checkTls(const Config::Settings &settings, Report &report)
{
    const Config::GatewaySettings &gw = settings.gateway;
    const bool loopback = gw.bind == u"localhost" || QHostAddress(gw.bind).isLoopback();
    if (!gw.tlsEnabled) {
        if (loopback)
            report.ok(u"tls: off (the gateway listens on this computer only)"_s);
        else if (gw.allowInsecureBind)
            report.warn(u"tls: off while listening on %1 (gateway.allow_insecure_bind): tokens and chats cross "
                        "the network in clear text"_s.arg(gw.bind),
                u"set gateway.tls_enabled = true (a self-signed certificate is generated on first start)"_s);
        else
            report.fail(u"tls: off while gateway.bind is %1; the gateway refuses to start like this"_s.arg(gw.bind),
                u"set gateway.tls_enabled = true, or bind to 127.0.0.1"_s);
        return {};
    }
    const bool configured = !gw.tlsCert.isEmpty() || !gw.tlsKey.isEmpty();
    const QString certPath
        = configured ? QDir(settings.home).absoluteFilePath(gw.tlsCert) : Tls::selfSignedCertPath(settings);
    const QString keyPath
        = configured ? QDir(settings.home).absoluteFilePath(gw.tlsKey) : Tls::selfSignedKeyPath(settings);
    if (!configured && !QFileInfo::exists(certPath) && !QFileInfo::exists(keyPath)) {
        report.ok(u"tls: on; a self-signed certificate will be generated on first start"_s);
        return {};
    }
    const Result<Tls::Credentials> loaded = Tls::load(certPath, keyPath);
    if (!loaded) {
        report.fail(u"tls: "_s + loaded.error().message,
            configured
                ? u"point gateway.tls_cert and gateway.tls_key at a matching PEM certificate and unencrypted "
                  "key (chmod 600 the key)"_s
                : u"delete %1 and %2; the gateway generates a new pair on its next start"_s.arg(certPath, keyPath));
        return {};
    }
    report.ok(u"tls: on, %1 certificate valid until %2, SHA-256 fingerprint %3"_s.arg(
        loaded->selfSigned || !configured ? u"self-signed"_s : u"configured"_s,
        loaded->certificate().expiryDate().toString(Qt::ISODate), loaded->fingerprint()));
    return loaded->chain;
}

void checkPort(const Config::Settings &settings, const QList<QSslCertificate> &trusted, Report &report)
{
    const Config::GatewaySettings &gw = settings.gateway;
    QHostAddress address;
    if (gw.bind == u"localhost")
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(gw.bind)) {
        report.warn(u"port: cannot check %1:%2 (not a numeric address)"_s.arg(gw.bind).arg(gw.port), {});
        return;
    }
    QTcpServer server;
    if (server.listen(address, quint16(gw.port))) {
        server.close();
        report.ok(u"port: %1:%2 is free for the gateway"_s.arg(gw.bind).arg(gw.port));
        return;
    }
    if (server.serverError() != QAbstractSocket::AddressInUseError) {
        report.fail(u"port: cannot listen on %1:%2 (%3)"_s.arg(gw.bind).arg(gw.port).arg(server.errorString()),
            u"use an address of this machine in gateway.bind, and a port from 1024 up in gateway.port"_s);
        return;
    }
    QUrl url;
    url.setScheme(settings.gateway.tlsEnabled ? u"https"_s : u"http"_s);
    url.setHost(address == QHostAddress::Any || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6
            ? u"127.0.0.1"_s
            : address.toString());
    url.setPort(gw.port);
    url.setPath(u"/health"_s);
    const Probe probe = get(url, trusted);
    const QJsonObject health = QJsonDocument::fromJson(probe.body).object();
    if (probe.status == 200 && health.value(u"ok"_s).toBool() && health.contains(u"version"_s)) {
        report.ok(u"port: %1:%2 is in use by a running Skynet gateway (version %3)"_s.arg(gw.bind).arg(gw.port).arg(
            health.value(u"version"_s).toString().left(32)));
        return;
    }
    report.fail(u"port: %1:%2 is used by another program"_s.arg(gw.bind).arg(gw.port),
        u"stop that program, or give Skynet another port (gateway.port in skynet.toml, or --port)"_s);
}

} // namespace

int runDoctor(const CommandLine &commandLine, QTextStream &out, QTextStream &err)
{
    Q_UNUSED(err);
    Report report(out);
    const QString home = homeFolder(commandLine);
    checkHome(home, report);
    const Config::Settings settings = checkConfig(commandLine, home, report);

    checkDatabase(settings, report);

    std::shared_ptr<Secrets::SecretStore> store;
    if (QFileInfo(home).isDir()) {
        Result<Secrets::OpenedStore> opened = Secrets::openStore(home, settings.storage.secrets);
        if (opened) {
            store = opened->store;
            report.ok(u"secret store: kept %1"_s.arg(store->describe()));
        } else {
            report.fail(u"secret store: "_s + opened.error().message,
                settings.storage.secrets == u"keychain"
                    ? u"unlock the desktop keyring (or log in to the desktop session), or set storage.secrets = \"file\""_s
                    : u"fix the file as the message says (it must be valid JSON readable by you only: chmod 600)"_s);
        }
    } else {
        report.warn(u"secret store: not created yet"_s, u"the gateway creates it at its first start"_s);
    }
    checkSecrets(settings, store, report);
    checkProviders(settings, store.get(), report);
    checkChannels(settings, store.get(), report);
    const QList<QSslCertificate> trusted = checkTls(settings, report);
    checkPort(settings, trusted, report);

    out << u"\n%1 checks: %2 OK, %3 WARN, %4 FAIL\n"_s.arg(report.total())
               .arg(report.total() - report.warnings() - report.failures())
               .arg(report.warnings())
               .arg(report.failures());
    return report.failures() > 0 ? EXIT_FAILED : EXIT_OK;
}

} // namespace Gateway::Cli
