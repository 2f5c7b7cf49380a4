// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/ollamacontroller.h"

#include <QJSEngine>
#include <QProcessEnvironment>
#include <QQmlEngine>
#include <QRegularExpression>

#include "gatewayhost.h"
#include "providers/ollamamodelsmodel.h"
#include "providers/ollamaprovider.h"
#include "providers/providerfactory.h"
#include "providers/pulljob.h"
#include "secrets/secretstore.h"
#include "service/service.h"

using namespace Qt::StringLiterals;
using Gateway::Providers::OllamaProvider;
using Gateway::Providers::ProviderError;
using Gateway::Providers::PullJob;

OllamaController *OllamaController::s_instance = nullptr;

OllamaController::OllamaController(GatewayHost &host, QObject *parent)
    : QObject(parent), m_host(host), m_models(new OllamaModelsModel(this))
{
    Q_ASSERT_X(!s_instance, "OllamaController", "only one OllamaController may exist at a time");
    s_instance = this;
    rebuildProvider();
    connect(&m_host, &GatewayHost::serviceChanged, this, [this] {
        rebuildProvider();
        if (m_checked)
            refresh();
    });
}

OllamaController::~OllamaController()
{
    delete m_pull;
    s_instance = nullptr;
}

OllamaController *OllamaController::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "OllamaController::create", "Backends must create OllamaController before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void OllamaController::rebuildProvider()
{
    const Gateway::Config::Settings &settings = m_host.service()->settings();
    const Gateway::Config::ProviderSettings &ollama = settings.providers.ollama;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    Gateway::Providers::ProviderConfig config;
    config.id = config.kind = u"ollama"_s;
    if (!ollama.baseUrl.isEmpty())
        config.baseUrl = QUrl(ollama.baseUrl);
    config.apiKey = Gateway::Secrets::resolve(ollama.apiKey, m_host.secrets(), env, settings.home).value_or(QString());
    config.timeouts.connect = std::chrono::milliseconds(ollama.connectTimeoutMs);
    config.timeouts.idle = std::chrono::milliseconds(ollama.idleTimeoutMs);
    config.timeouts.firstByte = std::chrono::milliseconds(qMax(ollama.idleTimeoutMs, 1));
    config.timeouts.retries = 0; // the UI shows the state at once; the user retries
    config = Gateway::Providers::ProviderFactory::withEnvironment(config, env);
    if (config.baseUrl.isEmpty())
        config.baseUrl = QUrl(QString::fromLatin1(OllamaProvider::DEFAULT_BASE_URL));
    const QString key = config.baseUrl.toString() + u'\n' + config.apiKey;
    if (m_provider && key == m_providerKey)
        return;
    if (isPulling()) {
        // The job uses the old provider's connection; it cannot outlive it.
        m_pull->abort();
        setErrorString(tr("The download of %1 stopped because the Ollama address changed.").arg(m_pullModel));
    }
    m_providerKey = key;
    // Answers still on their way die with the old provider (its callbacks never run).
    m_provider = std::make_unique<OllamaProvider>(config);
    if (m_pendingChecks > 0) {
        m_pendingChecks = 0;
        m_models->setLoading(false);
        Q_EMIT checkingChanged();
    }
    if (m_deleting) {
        m_deleting = false;
        Q_EMIT deletingChanged();
    }
    Q_EMIT baseUrlChanged();
}

QString OllamaController::baseUrl() const
{
    return m_provider ? m_provider->baseUrl().toString() : QString();
}

bool OllamaController::isPulling() const
{
    return m_pull && !m_pull->isDone();
}

double OllamaController::pullProgress() const
{
    if (m_pullTotal <= 0)
        return -1.0;
    return qBound(0.0, double(m_pullCompleted) / double(m_pullTotal), 1.0);
}

QString OllamaController::pullText() const
{
    if (m_pullTotal <= 0)
        return {};
    //: Download progress: "1.2 GB of 4.7 GB"
    return tr("%1 of %2")
        .arg(OllamaModelsModel::formatSize(m_pullCompleted), OllamaModelsModel::formatSize(m_pullTotal));
}

QString OllamaController::validateModelName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter a model name, for example llama3.2:3b.");
    if (trimmed.size() > 200)
        return tr("The model name is too long.");
    // [host/][namespace/]model[:tag] with the characters Ollama allows.
    static const QRegularExpression valid(
        u"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?$"_s);
    if (!valid.match(trimmed).hasMatch())
        return tr("\"%1\" is not a model name: use letters, digits, '.', '-', '_', '/' and one ':' before the tag.")
            .arg(trimmed.left(60));
    return {};
}

void OllamaController::beginCheck()
{
    if (m_pendingChecks++ == 0)
        Q_EMIT checkingChanged();
}

void OllamaController::endCheck()
{
    if (--m_pendingChecks == 0) {
        m_checked = true;
        Q_EMIT checkingChanged();
    }
}

void OllamaController::setReachable(bool reachable, const QString &version, const QString &error)
{
    if (m_reachable == reachable && m_version == version && m_connectionError == error)
        return;
    m_reachable = reachable;
    m_version = version;
    m_connectionError = error;
    Q_EMIT reachableChanged();
}

void OllamaController::refresh()
{
    if (!m_provider)
        return;
    const QPointer<OllamaController> self(this);
    OllamaProvider *provider = m_provider.get();
    beginCheck();
    m_models->setLoading(true);
    provider->version([self, this](Gateway::Result<QString> result) {
        if (!self)
            return;
        if (result)
            setReachable(true, *result, {});
        else
            setReachable(false, {}, tr("Ollama does not answer at %1: %2").arg(baseUrl(), result.error().message));
        endCheck();
    });
    beginCheck();
    provider->localModels([self, this](Gateway::Result<QList<Gateway::Providers::OllamaLocalModel>> result) {
        if (!self)
            return;
        m_models->setModels(result ? *result : QList<Gateway::Providers::OllamaLocalModel>());
        m_models->setLoading(false);
        endCheck();
    });
}

bool OllamaController::pull(const QString &model)
{
    const QString name = model.trimmed();
    if (const QString invalid = validateModelName(name); !invalid.isEmpty()) {
        setErrorString(invalid);
        return false;
    }
    if (isPulling()) {
        setErrorString(tr("%1 is still downloading; wait for it or cancel it first.").arg(m_pullModel));
        return false;
    }
    setErrorString({});
    delete m_pull;
    m_pullModel = name;
    m_pullStatus = tr("Starting…");
    m_pullCompleted = 0;
    m_pullTotal = 0;
    PullJob *job = m_provider->pull(name, this);
    m_pull = job;
    connect(job, &PullJob::progress, this, [this](qint64 completed, qint64 total, const QString &status) {
        // Lines without sizes ("verifying sha256 digest") keep the last layer's numbers.
        if (total > 0) {
            m_pullCompleted = completed;
            m_pullTotal = total;
        }
        m_pullStatus = status;
        Q_EMIT pullProgressChanged();
    });
    connect(job, &PullJob::finished, this, [this] {
        m_pullCompleted = m_pullTotal;
        m_pullStatus = tr("Downloaded");
        finishPull({}, true);
        Q_EMIT pullFinished(m_pullModel);
    });
    connect(job, &PullJob::failed, this, [this](const ProviderError &error) {
        if (error.kind == ProviderError::Kind::Aborted) {
            m_pullStatus = tr("Cancelled");
            finishPull({}, false);
            return;
        }
        m_pullStatus = tr("Failed");
        const QString message = tr("Downloading %1 failed: %2").arg(m_pullModel, error.message);
        finishPull(message, false);
        Q_EMIT pullFailed(m_pullModel, message);
    });
    Q_EMIT pullingChanged();
    Q_EMIT pullProgressChanged();
    return true;
}

void OllamaController::finishPull(const QString &error, bool refreshList)
{
    if (m_pull)
        m_pull->deleteLater();
    m_pull = nullptr;
    if (!error.isEmpty())
        setErrorString(error);
    Q_EMIT pullProgressChanged();
    Q_EMIT pullingChanged();
    // Only a finished download changes the list (Ollama keeps partial layers out of it).
    if (refreshList)
        refresh();
}

void OllamaController::cancelPull()
{
    if (isPulling())
        m_pull->abort();
}

bool OllamaController::deleteModel(const QString &model)
{
    const QString name = model.trimmed();
    if (const QString invalid = validateModelName(name); !invalid.isEmpty()) {
        setErrorString(invalid);
        return false;
    }
    if (m_deleting)
        return false;
    setErrorString({});
    m_deleting = true;
    Q_EMIT deletingChanged();
    const QPointer<OllamaController> self(this);
    m_provider->deleteModel(name, [self, this, name](Gateway::Status status) {
        if (!self)
            return;
        m_deleting = false;
        Q_EMIT deletingChanged();
        if (!status)
            setErrorString(tr("Deleting %1 failed: %2").arg(name, status.error().message));
        else
            Q_EMIT modelDeleted(name);
        refresh();
    });
    return true;
}

void OllamaController::clearError()
{
    setErrorString({});
}

void OllamaController::setErrorString(const QString &message)
{
    if (message != m_errorString) {
        m_errorString = message;
        Q_EMIT errorStringChanged();
    }
    if (!message.isEmpty())
        Q_EMIT errorOccurred(message);
}
