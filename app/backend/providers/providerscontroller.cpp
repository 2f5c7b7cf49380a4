// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/providerscontroller.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QQmlEngine>
#include <QRegularExpression>

#include "agent/providerpool.h"
#include "config/configeditor.h"
#include "gatewayhost.h"
#include "providers/ollamaprovider.h"
#include "providers/providerentry.h"
#include "secrets/secretstore.h"
#include "service/localclient.h"
#include "service/service.h"

using namespace Qt::StringLiterals;

ProvidersController *ProvidersController::s_instance = nullptr;

ProvidersController::ProvidersController(GatewayHost &host, QObject *parent)
    : QObject(parent),
      m_host(host),
      m_ollama(new ProviderEntry(
          u"ollama"_s, tr("Ollama"), QString::fromLatin1(Gateway::Providers::OllamaProvider::DEFAULT_BASE_URL), this)),
      m_anthropic(new ProviderEntry(u"anthropic"_s, tr("Anthropic"), u"https://api.anthropic.com"_s, this)),
      m_openai(new ProviderEntry(u"openai"_s, tr("OpenAI-compatible"), u"https://api.openai.com/v1"_s, this))
{
    Q_ASSERT_X(!s_instance, "ProvidersController", "only one ProvidersController may exist at a time");
    s_instance = this;
    for (ProviderEntry *entry : { m_ollama, m_anthropic, m_openai }) {
        connect(entry, &ProviderEntry::modifiedChanged, this, &ProvidersController::modifiedChanged);
        connect(entry, &ProviderEntry::modifiedChanged, this, [this] { setStatusMessage({}); });
    }
    connect(this, &ProvidersController::routingChanged, this, &ProvidersController::modifiedChanged);
    connect(&m_host, &GatewayHost::serviceChanged, this, &ProvidersController::reload);
    reload();
}

ProvidersController::~ProvidersController()
{
    s_instance = nullptr;
}

ProvidersController *ProvidersController::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(
        s_instance, "ProvidersController::create", "Backends must create ProvidersController before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void ProvidersController::reload()
{
    const Gateway::Config::Settings &settings = m_host.service()->settings();
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Gateway::Secrets::SecretStore *store = m_host.secrets();
    const QString where = store ? store->describe() : QString();
    const auto keyResolves = [&](const Gateway::Config::ProviderSettings &p) {
        return !Gateway::Secrets::resolve(p.apiKey, store, env, settings.home).value_or(QString()).isEmpty();
    };
    // A restart from another page keeps what is being edited here; after this page's own apply
    // the edits are what was saved.
    const bool keepEdits = !m_applying && isModified();
    m_ollama->load(settings.providers.ollama, keyResolves(settings.providers.ollama), where, keepEdits);
    m_anthropic->load(settings.providers.anthropic, keyResolves(settings.providers.anthropic), where, keepEdits);
    m_openai->load(settings.providers.openai, keyResolves(settings.providers.openai), where, keepEdits);

    const Gateway::Config::RoutingSettings &routing = settings.routing;
    m_savedMode = routing.mode;
    m_savedTrivial = routing.trivial;
    m_savedStandard = routing.standard;
    m_savedComplex = routing.complex;
    m_savedPrivacy = routing.privacy;
    m_savedOffline = routing.offline;
    if (keepEdits)
        Q_EMIT modifiedChanged();
    else
        revert();
    Q_EMIT loaded();
    // Circuit changes (a provider failing or recovering) show without reopening the page.
    if (Gateway::Agent::ProviderPool *pool = m_host.service()->providerPool())
        connect(pool, &Gateway::Agent::ProviderPool::healthChanged, this, &ProvidersController::refreshHealth,
            Qt::UniqueConnection);
    refreshHealth();
}

void ProvidersController::revert()
{
    for (ProviderEntry *entry : { m_ollama, m_anthropic, m_openai })
        entry->revert();
    m_mode = m_savedMode;
    m_trivial = m_savedTrivial;
    m_standard = m_savedStandard;
    m_complex = m_savedComplex;
    m_privacy = m_savedPrivacy;
    m_offline = m_savedOffline;
    Q_EMIT routingChanged();
}

void ProvidersController::refreshHealth()
{
    Gateway::LocalClient *client = m_host.client();
    if (!client)
        return;
    const quint64 generation = ++m_healthGeneration;
    const QPointer<ProvidersController> self(this);
    client->call(u"providers.status"_s, {}, [self, this, generation](const Gateway::LocalReply &reply) {
        if (!self || generation != m_healthGeneration)
            return;
        QHash<QString, QJsonObject> byId;
        if (reply.ok) {
            const QJsonArray list = reply.payload.toObject().value(u"providers"_s).toArray();
            for (const QJsonValue &value : list)
                byId.insert(value.toObject().value(u"id"_s).toString(), value.toObject());
        }
        const Gateway::Config::Settings &settings = m_host.service()->settings();
        for (ProviderEntry *entry : { m_ollama, m_anthropic, m_openai }) {
            if (!reply.ok) {
                entry->setHealth(false, false, tr("Unknown: %1").arg(reply.errorMessage));
                continue;
            }
            const auto it = byId.constFind(entry->id());
            if (it == byId.constEnd()) {
                QString why;
                const Gateway::Config::ProviderSettings *saved = entry->id() == u"ollama" ? &settings.providers.ollama
                    : entry->id() == u"anthropic" ? &settings.providers.anthropic
                                                  : &settings.providers.openai;
                if (!saved->enabled)
                    why = tr("Disabled");
                else if (settings.routing.offline)
                    why = tr("Not used: offline mode allows only this machine");
                else
                    why = tr("Not used: no API key or address");
                entry->setHealth(false, false, why);
                continue;
            }
            const QJsonObject status = *it;
            const bool available = status.value(u"available"_s).toBool();
            const QString circuit = status.value(u"circuit"_s).toString();
            const QString lastError = status.value(u"lastError"_s).toString();
            QString text;
            if (available && circuit == u"closed")
                text = status.value(u"calls"_s).toInteger() > 0
                    ? tr("Healthy (%1 ms)").arg(status.value(u"latencyMs"_s).toInteger())
                    : tr("Ready (no calls yet)");
            else if (available)
                text = tr("Recovering: trying again");
            else
                text = lastError.isEmpty() ? tr("Unavailable") : tr("Unavailable: %1").arg(lastError);
            entry->setHealth(true, available, text);
        }
    });
}

void ProvidersController::setRoutingMode(const QString &mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    setStatusMessage({});
    Q_EMIT routingChanged();
}

void ProvidersController::setTier(QString &field, const QString &value)
{
    if (field == value)
        return;
    field = value;
    setStatusMessage({});
    Q_EMIT routingChanged();
}

void ProvidersController::setTrivialTier(const QString &tier)
{
    setTier(m_trivial, tier);
}

void ProvidersController::setStandardTier(const QString &tier)
{
    setTier(m_standard, tier);
}

void ProvidersController::setComplexTier(const QString &tier)
{
    setTier(m_complex, tier);
}

void ProvidersController::setPrivacy(bool on)
{
    if (m_privacy == on)
        return;
    m_privacy = on;
    setStatusMessage({});
    Q_EMIT routingChanged();
}

void ProvidersController::setOffline(bool on)
{
    if (m_offline == on)
        return;
    m_offline = on;
    setStatusMessage({});
    Q_EMIT routingChanged();
}

bool ProvidersController::isModified() const
{
    return m_ollama->isModified() || m_anthropic->isModified() || m_openai->isModified() || m_mode != m_savedMode
        || m_trivial != m_savedTrivial || m_standard != m_savedStandard || m_complex != m_savedComplex
        || m_privacy != m_savedPrivacy || m_offline != m_savedOffline;
}

QString ProvidersController::configPath() const
{
    return m_host.configPath();
}

QString ProvidersController::validateTier(const QString &spec)
{
    const QString text = spec.trimmed();
    if (text.isEmpty())
        return tr("Name a provider and model, for example ollama:llama3.2.");
    static const QRegularExpression valid(u"^[A-Za-z0-9][A-Za-z0-9._/-]*(:[A-Za-z0-9._/:-]+)?$"_s);
    if (!valid.match(text).hasMatch())
        return tr("Use provider:model (for example anthropic:claude-sonnet-4-5), without spaces or quotes.");
    return {};
}

bool ProvidersController::apply()
{
    if (m_applying)
        return false;
    // Everything is checked before anything is written.
    QStringList problems;
    for (ProviderEntry *entry : { m_ollama, m_anthropic, m_openai }) {
        if (const QString e = entry->firstError(); !e.isEmpty())
            problems.append(e);
        if (!entry->keyError().isEmpty())
            problems.append(QString(entry->title() + u": "_s + entry->keyError()));
    }
    const QList<std::pair<QString, QString>> tiers { { tr("Trivial tier"), trivialTierError() },
        { tr("Standard tier"), standardTierError() }, { tr("Complex tier"), complexTierError() } };
    for (const auto &[label, error] : tiers) {
        if (!error.isEmpty())
            problems.append(QString(label + u": "_s + error));
    }
    if (m_mode != u"auto" && m_mode != u"fixed")
        problems.append(tr("Routing mode must be automatic or fixed."));
    if (!problems.isEmpty()) {
        setErrorString(problems.join(u'\n'));
        return false;
    }
    ConfigChange change;
    const auto set = [&change](const QString &key, const QVariant &value) { change.values.append({ key, value }); };
    for (ProviderEntry *entry : { m_ollama, m_anthropic, m_openai }) {
        const Gateway::Config::Settings &saved = m_host.service()->settings();
        const Gateway::Config::ProviderSettings &before = entry == m_ollama ? saved.providers.ollama
            : entry == m_anthropic                                          ? saved.providers.anthropic
                                                                            : saved.providers.openai;
        if (entry->isEnabled() != before.enabled)
            set(entry->configKey(u"enabled"_s), entry->isEnabled());
        if (entry->baseUrl().trimmed() != before.baseUrl) {
            // Empty: the key is removed and the default URL applies again.
            set(entry->configKey(u"base_url"_s),
                entry->baseUrl().trimmed().isEmpty() ? QVariant() : QVariant(entry->baseUrl().trimmed()));
        }
        if (entry->model().trimmed() != before.model)
            set(entry->configKey(u"model"_s), entry->model().trimmed());
        if (entry->isKeyPending()) {
            // The key goes to the secret store; the file only names it.
            change.secrets.append({ entry->configKey(u"api_key"_s), entry->secretName(),
                entry->removesKey() ? QString() : entry->pendingKey(), entry->removesKey() });
        }
    }
    if (m_mode != m_savedMode)
        set(u"routing.mode"_s, m_mode);
    if (m_trivial.trimmed() != m_savedTrivial)
        set(u"routing.trivial"_s, m_trivial.trimmed());
    if (m_standard.trimmed() != m_savedStandard)
        set(u"routing.standard"_s, m_standard.trimmed());
    if (m_complex.trimmed() != m_savedComplex)
        set(u"routing.complex"_s, m_complex.trimmed());
    if (m_privacy != m_savedPrivacy)
        set(u"routing.privacy"_s, m_privacy);
    if (m_offline != m_savedOffline)
        set(u"routing.offline"_s, m_offline);

    m_applying = true;
    Q_EMIT applyingChanged();
    // applyConfig() restarts the service; serviceChanged() reloads this controller from it.
    const QString path = m_host.configPath();
    const Gateway::Status result = m_host.applyConfig(change);
    m_applying = false;
    Q_EMIT applyingChanged();
    if (!result) {
        const QString &code = result.error().code;
        const QString &detail = result.error().message;
        if (code == u"NO_FILE")
            setErrorString(tr("These settings did not come from a file, so they cannot be saved."));
        else if (code == u"NO_STORE")
            setErrorString(tr("There is no secret store to keep API keys in."));
        else if (code == u"CONFIG_READ")
            setErrorString(tr("Cannot read %1: %2").arg(path, detail));
        else if (code == u"SECRET")
            setErrorString(tr("Cannot store the API key: %1").arg(detail));
        else if (code == u"RESTART")
            setErrorString(
                tr("The gateway could not start with these settings, so the previous ones are back: %1").arg(detail));
        else
            setErrorString(tr("Cannot save %1: %2").arg(path, detail));
        return false;
    }
    setErrorString({});
    setStatusMessage(tr("Saved to %1 and restarted the gateway.").arg(path));
    Q_EMIT applied();
    return true;
}

void ProvidersController::clearError()
{
    setErrorString({});
}

void ProvidersController::setErrorString(const QString &message)
{
    if (message != m_errorString) {
        m_errorString = message;
        Q_EMIT errorStringChanged();
    }
    if (!message.isEmpty())
        Q_EMIT errorOccurred(message);
}

void ProvidersController::setStatusMessage(const QString &message)
{
    if (message == m_statusMessage)
        return;
    m_statusMessage = message;
    Q_EMIT statusMessageChanged();
}
