// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "service/service.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSet>
#include <QSslSocket>

#include "agent/chatruntime.h"
#include "agent/modelrouter.h"
#include "agent/pricing.h"
#include "agent/openaiendpoint.h"
#include "agent/providerpool.h"
#include "agent/toolregistry.h"
#include "core/clock.h"
#include "core/network.h"
#include "http/httpserver.h"
#include "http/router.h"
#include "logging.h"
#include "channels/channelmanager.h"
#include "channels/channelstore.h"
#include "channels/webchat.h"
#include "cli/instancelock.h"
#include "people/auditlog.h"
#include "people/directory.h"
#include "people/userstore.h"
#include "protocol/dispatcher.h"
#include "protocol/frames.h"
#include "protocol/methods.h"
#include "providers/providerfactory.h"
#include "scheduler/scheduler.h"
#include "secrets/secretstore.h"
#include "service/localclient.h"
#include "skills/skillmanager.h"
#include "storage/database.h"
#include "tls/credentials.h"
#include "terminal/terminalmanager.h"
#include "ws/hub.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway
{

namespace
{

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

/// @brief Run events go to the WebSocket hub (while listening) and to in-process clients.
class EventRouter final : public Agent::EventBus
{
public:
    Ws::Hub *hub = nullptr;
    QHash<QString, QPointer<LocalClient>> locals; ///< connId → client
    QHash<QString, QSet<QString>> localSubscribers; ///< session key → connIds

    void subscribe(const QString &connId, const QString &sessionKey) override
    {
        if (locals.contains(connId)) {
            localSubscribers[sessionKey].insert(connId);
            return;
        }
        if (hub)
            hub->subscribe(connId, sessionKey);
    }
    void publish(const QString &sessionKey, const QString &event, const QJsonObject &payload,
        const QJsonObject &payloadV3, const QString &requiredCap) override
    {
        if (hub)
            hub->publish(sessionKey, event, payload, payloadV3, requiredCap);
        if (!requiredCap.isEmpty())
            return; // local clients declare no caps
        const auto it = localSubscribers.constFind(sessionKey);
        if (it == localSubscribers.cend())
            return;
        const QSet<QString> targets = *it;
        for (const QString &connId : targets) {
            if (const QPointer<LocalClient> client = locals.value(connId))
                client->deliver(event, payload);
        }
    }
    void remove(const QString &connId)
    {
        locals.remove(connId);
        for (auto it = localSubscribers.begin(); it != localSubscribers.end();) {
            it->remove(connId);
            it = it->isEmpty() ? localSubscribers.erase(it) : std::next(it);
        }
    }
};

struct Service::Private final : public Protocol::GatewayInfo
{
    Config::Settings config;
    std::shared_ptr<Secrets::SecretStore> secrets;
    Storage::Database db;
    Protocol::Dispatcher dispatcher;
    Http::Router router;
    Http::Server *http = nullptr;
    Ws::Hub *hub = nullptr;
    EventRouter eventRouter;
    Agent::ProviderPool *pool = nullptr;
    Agent::ChatRuntime *runtime = nullptr;
    People::Directory *peopleDirectory = nullptr;
    Channels::ChannelManager *channelManager = nullptr;
    Channels::WebChat *webChat = nullptr;
    Scheduler::Scheduler *scheduler = nullptr;
    Skills::SkillManager *skillManager = nullptr;
    Terminal::Manager *terminal = nullptr;
    Ws::AuthConfig auth;
    /// "a gateway runs on this database" for skynet-gateway restore/doctor (docs/cli.md).
    std::unique_ptr<Cli::InstanceLock> instanceLock;
    std::optional<Tls::Credentials> tls; ///< while listening with TLS
    QElapsedTimer uptime;
    qint64 startedAt = 0;
    bool running = false;
    bool ready = false;

    // GatewayInfo
    const Config::Settings &settings() const override { return config; }
    qint64 uptimeMs() const override { return uptime.isValid() ? uptime.elapsed() : 0; }
    qint64 startedAtMs() const override { return startedAt; }
    int clientCount() const override { return hub ? hub->clientCount() : 0; }
    QJsonArray presence(int limit) const override { return hub ? hub->presence(limit) : QJsonArray(); }
    Storage::Database *database() const override { return ready ? const_cast<Storage::Database *>(&db) : nullptr; }
    bool isReady() const override { return ready; }
    QStringList events() const override
    {
        return { u"agent"_s, u"chat"_s, u"connect.challenge"_s, u"shutdown"_s, u"terminal.approval"_s,
            u"terminal.job"_s, u"terminal.resolved"_s, u"tick"_s };
    }

    QJsonArray providers() const override { return pool ? pool->status() : QJsonArray(); }
    QJsonObject channels() const override { return channelManager ? channelManager->statusJson() : QJsonObject(); }
    QJsonObject transport() const override
    {
        QJsonObject out { { u"tls"_s, tls.has_value() } };
        if (tls) {
            out.insert(u"fingerprintSha256"_s, tls->fingerprint());
            out.insert(u"selfSigned"_s, tls->selfSigned);
            out.insert(u"notAfter"_s, tls->certificate().expiryDate().toString(Qt::ISODate));
        }
        if (http) {
            out.insert(u"refusedPerAddress"_s, http->refusedPerAddress());
            out.insert(u"failedTlsHandshakes"_s, http->failedHandshakes());
        }
        if (hub)
            out.insert(u"authFailures"_s, hub->authLimiter().failureCount());
        return out;
    }
    QJsonObject people() const override
    {
        QJsonObject byKind;
        const QHash<QString, qint64> kinds = this->peopleDirectory->policy().denialsByKind();
        for (auto it = kinds.cbegin(); it != kinds.cend(); ++it)
            byKind.insert(it.key(), it.value());
        int users = 0;
        if (ready && peopleDirectory->users())
            (void)peopleDirectory->users()->list(1, 0, {}, &users);
        return QJsonObject { { u"users"_s, users }, { u"ownerId"_s, peopleDirectory->ownerId() },
            { u"denials"_s, peopleDirectory->policy().denials() + dispatcher.scopeDenials() },
            { u"denialsByKind"_s, byKind }, { u"scopeDenials"_s, dispatcher.scopeDenials() } };
    }

    void addRoutes();
    void addProviders(QObject *parent);
    Status openStorage();
};

void Service::Private::addRoutes()
{
    const auto health = [this](const Http::Request &) {
        return Http::Response::json(200,
            compactJson(QJsonObject { { u"ok"_s, true }, { u"status"_s, u"live"_s },
                { u"version"_s, Protocol::serverVersion() }, { u"uptimeMs"_s, uptimeMs() } }));
    };
    router.add("GET", u"/health"_s, health);
    router.add("GET", u"/healthz"_s, health);
    const auto readiness = [this](const Http::Request &) {
        QJsonArray failing;
        if (!ready)
            failing.append(u"storage"_s);
        return Http::Response::json(ready ? 200 : 503,
            compactJson(
                QJsonObject { { u"ready"_s, ready }, { u"failing"_s, failing }, { u"uptimeMs"_s, uptimeMs() } }));
    };
    router.add("GET", u"/readyz"_s, readiness);
    router.add("GET", u"/ready"_s, readiness);
    router.add("GET", u"/"_s, [](const Http::Request &) {
        Http::Response response = Http::Response::error(426,
            u"this is the Skynet gateway's WebSocket endpoint; "
            "see /health for status"_s);
        response.headers.append({ QByteArrayLiteral("Upgrade"), QByteArrayLiteral("websocket") });
        return response;
    });
}

// Builds the provider pool from [providers.*]: a provider whose API key is needed but missing is
// left out (a hosted API without a key cannot answer); offline mode keeps local ones only.
void Service::Private::addProviders(QObject *parent)
{
    pool = new Agent::ProviderPool(parent);
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    struct Entry
    {
        QString id;
        const Config::ProviderSettings *settings;
    };
    const QList<Entry> entries = { { u"ollama"_s, &config.providers.ollama },
        { u"anthropic"_s, &config.providers.anthropic }, { u"openai"_s, &config.providers.openai } };
    for (const Entry &entry : entries) {
        if (!entry.settings->enabled)
            continue;
        Providers::ProviderConfig pc;
        pc.id = entry.id;
        pc.kind = entry.id;
        if (!entry.settings->baseUrl.isEmpty())
            pc.baseUrl = QUrl(entry.settings->baseUrl);
        pc.apiKey = Secrets::resolve(entry.settings->apiKey, secrets.get(), env, config.home).value_or(QString());
        Logging::registerSecret(pc.apiKey);
        pc.timeouts.connect = std::chrono::milliseconds(entry.settings->connectTimeoutMs);
        pc.timeouts.idle = std::chrono::milliseconds(entry.settings->idleTimeoutMs);
        pc.timeouts.firstByte = std::chrono::milliseconds(qMax(entry.settings->idleTimeoutMs, 1));
        pc = Providers::ProviderFactory::withEnvironment(pc, env);
        if (entry.id == u"anthropic" && pc.apiKey.isEmpty())
            continue;
        if (entry.id == u"openai" && pc.apiKey.isEmpty() && entry.settings->baseUrl.isEmpty()
            && !env.contains(u"OPENAI_BASE_URL"_s))
            continue;
        pc.local = pc.local || Providers::ProviderFactory::isLoopback(pc.baseUrl);
        if (config.routing.offline && !pc.local)
            continue;
        auto provider = Providers::ProviderFactory::create(pc);
        if (!provider) {
            qCWarning(lcGatewayService).noquote() << "provider" << entry.id << "left out:" << provider.error().message;
            continue;
        }
        pool->add(std::move(provider.value()), *entry.settings, pc.local);
    }
}

namespace
{
Storage::Database::Options storageOptions(const Config::Settings &config)
{
    const QString path = config.resolvePath(config.storage.path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    Storage::Database::Options options;
    options.path = path;
    options.synchronous = config.storage.synchronous;
    options.busyTimeoutMs = config.storage.busyTimeoutMs;
    return options;
}
} // namespace

Status Service::Private::openStorage()
{
    return db.open(storageOptions(config));
}

Status Service::prepareStorage(const Config::Settings &settings)
{
    Storage::Database db;
    Status status = db.open(storageOptions(settings));
    db.close();
    return status;
}

Service::Service(Config::Settings settings, std::shared_ptr<Secrets::SecretStore> secrets, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->config = std::move(settings);
    d->secrets = std::move(secrets);
    Protocol::registerCoreMethods(d->dispatcher, *d);
    d->addProviders(this);
    d->runtime = new Agent::ChatRuntime(d->config, d->pool, this);
    d->runtime->registerMethods(d->dispatcher);
    d->runtime->setEventBus(&d->eventRouter);
    // People: every method call passes the role policy; runs know whom they answer.
    d->peopleDirectory = new People::Directory(d->config, this);
    d->peopleDirectory->registerMethods(d->dispatcher);
    d->peopleDirectory->registerTools(d->runtime->tools());
    d->runtime->setPeople(d->peopleDirectory);
    People::Directory *people = d->peopleDirectory;
    d->dispatcher.setGuard([people](const Protocol::ClientSession &client, const QString &method) {
        return people->guard(client, method);
    });
    // Channels: Telegram (and the others as they land) through the people and the runtime.
    d->channelManager = new Channels::ChannelManager(d->config, d->peopleDirectory, d->runtime, this);
    d->channelManager->setRouter(&d->router);
    d->channelManager->addConfigured(d->secrets.get());
    if (const Config::WebChatSettings &web = d->config.channels.webchat; web.enabled) {
        Channels::WebChat::Options options;
        options.dmPolicy = web.dmPolicy;
        options.maxPending = web.maxPending;
        options.loopbackOnly = isLoopbackHost(d->config.gateway.bind);
        d->webChat = new Channels::WebChat(options);
        d->channelManager->add(d->webChat);
    }
    d->channelManager->registerMethods(d->dispatcher);
    // Skills: the verified install pipeline, the sandbox, and the index in the prompt.
    d->skillManager = new Skills::SkillManager(d->config, d->peopleDirectory, this);
    d->skillManager->registerMethods(d->dispatcher);
    d->skillManager->registerTools(d->runtime->tools());
    Skills::SkillManager *skills = d->skillManager;
    d->runtime->setSkillIndex([skills] { return skills->promptIndex(); });

    // The scheduler: jobs of users, delivered through the channel outbox or into a session.
    Scheduler::Scheduler::Options schedulerOptions;
    schedulerOptions.enabled = d->config.scheduler.enabled;
    schedulerOptions.defaultTimeZone = d->config.scheduler.defaultTimeZone;
    schedulerOptions.maxJobsPerUser = d->config.scheduler.maxJobsPerUser;
    d->scheduler = new Scheduler::Scheduler(schedulerOptions, this);
    d->scheduler->setPeople(d->peopleDirectory);
    Channels::ChannelManager *channels = d->channelManager;
    d->scheduler->setSender(
        [channels](const QString &channel, const QString &chat, const QString &text, const QString &key,
            const QString &userId) { return channels->send(channel, chat, text, key, userId); });
    d->scheduler->setSessionKeyFunction(
        [runtime = d->runtime, mainKey = d->config.agent.mainKey](
            const QString &userId) { return runtime->canonicalSessionKey(mainKey, userId); });
    d->scheduler->registerMethods(d->dispatcher);
    d->scheduler->registerTools(d->runtime->tools());

    // Test mode (SKYNET_TEST_CLOCK_SCALE, bench/soak.sh): the components with day-scale
    // behaviour (budgets per day/month, schedules, timestamps, skill checks) follow the
    // accelerated clock; the scheduler's timer waits virtual / scale real milliseconds.
    if (Core::Clock::isAccelerated()) {
        d->peopleDirectory->setClock(&Core::Clock::nowMs);
        d->runtime->setClock(&Core::Clock::nowMs);
        d->runtime->tools().setClock(&Core::Clock::nowMs);
        d->skillManager->setClock(&Core::Clock::nowMs);
        d->scheduler->setClock(&Core::Clock::nowMs);
    }

    // The admin terminal (off by default): its events go to admins only.
    d->terminal = new Terminal::Manager(d->config.terminal, d->peopleDirectory, this);
    d->terminal->registerMethods(d->dispatcher);
    d->terminal->registerTools(d->runtime->tools());
    connect(
        d->terminal, &Terminal::Manager::eventRaised, this, [this](const QString &name, const QJsonObject &payload) {
            People::Directory *people = d->peopleDirectory;
            if (d->hub) {
                d->hub->broadcastIf(name, payload, [people](const Protocol::ClientSession &session) {
                    return people->actorOf(session).role == People::Role::Admin;
                });
            }
            const auto locals = d->eventRouter.locals;
            for (const QPointer<LocalClient> &client : locals) {
                if (client)
                    client->deliver(name, payload);
            }
        });

    // Per-turn routing over the providers that are usable right now.
    auto router = std::make_shared<Agent::ModelRouter>(d->config.routing, d->config.providers);
    Agent::ProviderPool *pool = d->pool;
    router->setAvailability([pool](const QString &id) { return pool->find(id) && pool->isAvailable(id); });
    const bool localOnly = d->config.routing.privacy || d->config.routing.offline;
    d->runtime->setRouter([router, localOnly](const QString &text, int historyMessages) {
        const Agent::RouteDecision decision = router->route(Agent::RouteInput { text, historyMessages, 0, QString() });
        Agent::RouteChoice choice;
        choice.provider = decision.provider;
        choice.model = decision.model;
        choice.tier = decision.tier;
        choice.reasons = decision.reasons;
        choice.localOnly = localOnly;
        choice.text = decision.stripped.isEmpty() ? text : decision.stripped;
        return choice;
    });
    // Cost per call from [pricing]; Ollama's models cost nothing. (A hosted API reached through
    // a loopback proxy is still billed, so this asks for the kind, not for the address.)
    auto prices = Agent::PriceTable::parse(d->config.pricing.table);
    if (!prices)
        qCWarning(lcGatewayConfig).noquote()
            << "pricing.table:" << prices.error().message << "- costs are recorded as 0";
    auto table = std::make_shared<Agent::PriceTable>(prices ? prices.value() : Agent::PriceTable());
    d->runtime->setCostFunction(
        [table, pool](const QString &provider, const QString &model, const Providers::Usage &usage) {
            const Providers::Provider *p = pool->find(provider);
            return table->cost(model, usage, p && p->kind() == u"ollama");
        });

    auto *openai = new Agent::OpenAiEndpoint(
        d->runtime, d->pool,
        [this](const QString &bearer, const QString &peer) -> std::optional<QString> {
            // The gateway's secret is the owner; a personal token is its user.
            const Ws::AuthConfig &auth = d->auth;
            if (auth.mode == u"none")
                return QString();
            // The WebSocket's brute-force delay covers the Bearer token too: one limiter per
            // address for both doors.
            Ws::AuthLimiter *limiter = d->hub ? &d->hub->authLimiter() : nullptr;
            const qint64 now = Protocol::nowMs();
            if (limiter && limiter->retryAfterMs(peer, now) > 0)
                return std::nullopt;
            const QString &expected = auth.mode == u"password" ? auth.password : auth.token;
            if (!expected.isEmpty() && Secrets::constantTimeEquals(bearer.toUtf8(), expected.toUtf8())) {
                if (limiter)
                    limiter->recordSuccess(peer);
                return QString();
            }
            if (const std::optional<People::User> user = d->peopleDirectory->userForToken(bearer)) {
                if (limiter)
                    limiter->recordSuccess(peer);
                return user->id;
            }
            if (limiter)
                limiter->recordFailure(peer, now);
            recordAuthFailure(peer, bearer.isEmpty() ? u"HTTP_BEARER_MISSING"_s : u"HTTP_BEARER_MISMATCH"_s);
            return std::nullopt;
        },
        this);
    openai->registerRoutes(d->router);
    d->addRoutes();
}

Service::~Service()
{
    stop();
}

Status Service::start()
{
    if (Status s = listen(); !s)
        return s;
    if (Status s = openStorage(); !s) {
        stop();
        return s;
    }
    return {};
}

Status Service::openStorage()
{
    if (!d->running)
        return Error { u"NOT_RUNNING"_s, u"the gateway is not listening"_s };
    if (d->ready)
        return {};
    // One gateway per database, and none while `skynet-gateway restore` swaps the file (docs/cli.md).
    // A second Service in this process (the desktop app rebuilding it) only warns.
    d->instanceLock = std::make_unique<Cli::InstanceLock>(storageOptions(d->config).path);
    if (!d->instanceLock->tryLock()) {
        const qint64 holder = d->instanceLock->holderPid();
        if (holder != QCoreApplication::applicationPid()) {
            d->instanceLock.reset();
            return Error { u"STORAGE_LOCKED"_s,
                u"another process (pid %1) is using %2: a second gateway or a restore; stop it first"_s.arg(holder).arg(
                    storageOptions(d->config).path) };
        }
        qCWarning(lcGatewayStorage).noquote() << "this process opens" << storageOptions(d->config).path << "twice";
    }
    if (Status s = d->openStorage(); !s)
        return s;
    if (Status s = d->peopleDirectory->attachStorage(&d->db); !s)
        return s;
    d->runtime->attachStorage(&d->db);
    if (Status s = d->channelManager->attachStorage(&d->db); !s)
        return s;
    if (d->webChat)
        d->webChat->attach(d->channelManager->store(), d->peopleDirectory);
    // After the channels: firings left undelivered by a crash go to their outbox now.
    if (Status s = d->scheduler->attachStorage(&d->db); !s)
        return s;
    if (Status s = d->skillManager->attachStorage(&d->db); !s)
        return s;
    d->ready = true;
    Q_EMIT readyChanged();
    qCInfo(lcGatewayService).noquote() << "listening on" << url() << "database" << d->db.path() << "schema"
                                       << d->db.schemaVersion();
    return {};
}

Status Service::listen()
{
    if (d->running)
        return {};
    const Config::GatewaySettings &gw = d->config.gateway;

    // Authentication material.
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Ws::AuthConfig auth;
    auth.mode = gw.auth;
    auth.token = Secrets::resolve(gw.token, d->secrets.get(), env, d->config.home).value_or(QString());
    auth.password = Secrets::resolve(gw.password, d->secrets.get(), env, d->config.home).value_or(QString());
    Logging::registerSecret(auth.token);
    Logging::registerSecret(auth.password);
    auth.userToken = [people = d->peopleDirectory](const QString &token) -> std::optional<Ws::TokenUser> {
        if (const std::optional<People::User> user = people->userForToken(token))
            return Ws::TokenUser { user->id, People::roleName(user->role) };
        return std::nullopt;
    };
    const bool hasSecret
        = (auth.mode == u"token" && !auth.token.isEmpty()) || (auth.mode == u"password" && !auth.password.isEmpty());

    // Loopback by default; anything else needs a secret, and TLS or an explicit override.
    if (!isLoopbackHost(gw.bind)) {
        if (!hasSecret) {
            return Error { u"INSECURE_BIND"_s,
                u"refusing to listen on %1 without authentication: set SKYNET_GATEWAY_TOKEN (or gateway.token) "
                "and gateway.auth = \"token\", or bind 127.0.0.1"_s.arg(gw.bind) };
        }
        if (!gw.tlsEnabled && !gw.allowInsecureBind) {
            return Error { u"INSECURE_BIND"_s,
                u"refusing to listen on %1 without TLS: set gateway.tls_enabled = true (a self-signed certificate "
                "is generated unless gateway.tls_cert/tls_key name one), or gateway.allow_insecure_bind = true "
                "to accept plain-text traffic beyond loopback"_s.arg(gw.bind) };
        }
        if (!gw.tlsEnabled)
            qCWarning(lcGatewayService).noquote() << "listening beyond loopback on" << gw.bind << "WITHOUT TLS";
    }
    if ((auth.mode == u"token" || auth.mode == u"password") && !hasSecret) {
        return Error { u"AUTH_NOT_CONFIGURED"_s,
            u"gateway.auth is \"%1\" but no %1 is available: set SKYNET_GATEWAY_TOKEN or gateway.%1"_s.arg(auth.mode) };
    }

    QHostAddress address;
    if (gw.bind.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(gw.bind))
        return Error { u"BAD_BIND"_s, u"gateway.bind \"%1\" is not an IP address"_s.arg(gw.bind) };

    // TLS: the configured certificate, or the self-signed one (generated on first run).
    std::optional<Tls::Credentials> tls;
    if (gw.tlsEnabled) {
        if (!QSslSocket::supportsSsl())
            return Error { u"TLS_UNAVAILABLE"_s,
                u"gateway.tls_enabled is set but Qt has no TLS backend (OpenSSL 3 libraries not found)"_s };
        Result<Tls::Credentials> credentials = Tls::loadConfigured(d->config);
        if (!credentials)
            return Error { credentials.error().code, credentials.error().message };
        tls = std::move(credentials.value());
        if (tls->generated)
            qCInfo(lcGatewayService).noquote() << "generated a self-signed TLS certificate" << tls->certPath;
        qCInfo(lcGatewayService).noquote()
            << "TLS certificate" << tls->certPath << (tls->selfSigned ? "(self-signed)" : "") << "SHA-256 fingerprint"
            << tls->fingerprint() << "valid until" << tls->certificate().expiryDate().toString(Qt::ISODate);
    }

    d->http = new Http::Server(d->config.gateway, d->router, this);
    d->http->setAccessLogEnabled(d->config.logging.accessLog);
    if (tls)
        d->http->setTlsConfiguration(Tls::serverConfiguration(*tls));
    d->hub = new Ws::Hub(d->config, d->dispatcher, *d, this);
    d->hub->setAuth(auth);
    connect(d->peopleDirectory, &People::Directory::accessRevoked, d->hub,
        [hub = d->hub](const QString &userId) { hub->closeUser(userId, 1008, u"access revoked"_s); });
    d->auth = auth;
    d->eventRouter.hub = d->hub;
    connect(d->hub, &Ws::Hub::clientCountChanged, this, &Service::clientCountChanged);
    connect(d->hub, &Ws::Hub::authenticationFailed, this,
        [this](const QString &address, const QString &code) { recordAuthFailure(address, code); });
    d->http->setUpgradeHandler(
        [this](QTcpSocket *socket, const Http::Request &request) { d->hub->accept(socket, request); });
    if (Status s = d->http->listen(address, quint16(gw.port)); !s) {
        delete d->http;
        d->http = nullptr;
        d->eventRouter.hub = nullptr;
        delete d->hub;
        d->hub = nullptr;
        return s;
    }
    d->tls = std::move(tls);
    d->uptime.start();
    d->startedAt = Protocol::nowMs();
    d->running = true;
    Q_EMIT runningChanged();
    return {};
}

void Service::stop()
{
    if (!d->running)
        return;
    d->eventRouter.hub = nullptr;
    d->channelManager->stopAll();
    if (d->hub)
        d->hub->shutdown(u"stop"_s);
    if (d->http)
        d->http->close();
    delete d->hub;
    d->hub = nullptr;
    delete d->http;
    d->http = nullptr;
    d->scheduler->detach();
    d->tls.reset();
    d->db.close();
    d->instanceLock.reset();
    const bool wasReady = d->ready;
    d->ready = false;
    d->running = false;
    d->uptime.invalidate();
    if (wasReady)
        Q_EMIT readyChanged();
    Q_EMIT runningChanged();
    Q_EMIT clientCountChanged();
}

LocalClient *Service::createLocalClient(const QString &displayName, QObject *parent)
{
    auto *client = new LocalClient(d->dispatcher, displayName, parent);
    const QString connId = client->session().connId;
    d->eventRouter.locals.insert(connId, client);
    connect(client, &QObject::destroyed, this, [this, connId] { d->eventRouter.remove(connId); });
    return client;
}

bool Service::isRunning() const
{
    return d->running;
}

bool Service::isReady() const
{
    return d->ready;
}

QHostAddress Service::address() const
{
    return d->http ? d->http->serverAddress() : QHostAddress();
}

quint16 Service::port() const
{
    return d->http ? d->http->serverPort() : 0;
}

QString Service::url() const
{
    QString host = address().toString();
    if (address().protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    return u"%1://%2:%3"_s.arg(d->tls ? u"wss"_s : u"ws"_s, host).arg(port());
}

bool Service::isTls() const
{
    return d->tls.has_value();
}

QString Service::tlsFingerprint() const
{
    return d->tls ? d->tls->fingerprint() : QString();
}

void Service::recordAuthFailure(const QString &address, const QString &code)
{
    // The address is personal data: the audit log keeps a pseudonym; the rate limiter bounds how
    // often one address can get here.
    qCInfo(lcGatewayService).noquote() << "authentication failed:" << code;
    d->peopleDirectory->record(u"anonymous"_s, u"auth.fail"_s, People::AuditLog::pseudonym(address), u"denied"_s,
        QJsonObject { { u"code"_s, code } });
}

qint64 Service::uptimeMs() const
{
    return d->uptimeMs();
}

int Service::clientCount() const
{
    return d->clientCount();
}

const Config::Settings &Service::settings() const
{
    return d->config;
}

Storage::Database *Service::database() const
{
    return d->database();
}

Agent::ProviderPool *Service::providerPool() const
{
    return d->pool;
}

Terminal::Manager *Service::terminal() const
{
    return d->terminal;
}

Channels::ChannelManager *Service::channels() const
{
    return d->channelManager;
}

Scheduler::Scheduler *Service::scheduler() const
{
    return d->scheduler;
}

Skills::SkillManager *Service::skills() const
{
    return d->skillManager;
}

People::Directory *Service::people() const
{
    return d->peopleDirectory;
}

Agent::ChatRuntime *Service::chatRuntime() const
{
    return d->runtime;
}

} // namespace Gateway
