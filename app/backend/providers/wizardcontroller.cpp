// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/wizardcontroller.h"

#include <QJSEngine>
#include <QJsonObject>
#include <QLocale>
#include <QPointer>
#include <QProcessEnvironment>
#include <QQmlEngine>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

#include "config/configeditor.h"
#include "config/secretref.h"
#include "gatewayhost.h"
#include "providers/ollamacontroller.h"
#include "providers/ollamamodelsmodel.h"
#include "secrets/secretstore.h"
#include "service/localclient.h"
#include "service/service.h"

using namespace Qt::StringLiterals;

namespace
{
const QString COMPLETED_KEY = u"wizard/completed"_s;
const QString TELEGRAM_TOKEN_SECRET = u"channels.telegram.token"_s;
} // namespace

WizardController *WizardController::s_instance = nullptr;

WizardController::WizardController(GatewayHost &host, OllamaController &ollama, QObject *parent)
    : QObject(parent), m_host(host), m_ollama(ollama)
{
    Q_ASSERT_X(!s_instance, "WizardController", "only one WizardController may exist at a time");
    s_instance = this;
    m_completed = QSettings().value(COMPLETED_KEY, false).toBool();
    // UI tests of other pages load the same window; they must not find it covered.
    const bool autoShow = !QStandardPaths::isTestModeEnabled() || qEnvironmentVariableIsSet("SKYNET_WIZARD_AUTOSHOW");
    m_active = !m_completed && autoShow;
    m_machine = MachineInfo::detect();
    m_recommendation = recommendModel(m_machine.ramBytes, m_machine.maxVramBytes());
    m_telegramConnected = m_host.service()->settings().channels.telegram.enabled
        && !m_host.service()->settings().channels.telegram.token.isEmpty();
    connect(m_ollama.models(), &QAbstractItemModel::modelReset, this, &WizardController::recommendedInstalledChanged);
    connect(this, &WizardController::machineChanged, this, &WizardController::recommendedInstalledChanged);
    // The owner's record can be read once storage is open (main() starts the service after
    // building the backends).
    const auto follow = [this] {
        connect(m_host.service(), &Gateway::Service::readyChanged, this, [this] {
            if (m_active && m_host.service()->isReady())
                loadOwner();
        });
    };
    follow();
    connect(&m_host, &GatewayHost::serviceChanged, this, [this, follow] {
        follow();
        Q_EMIT tokenChanged();
        if (m_active)
            loadOwner();
    });
    if (m_active)
        detect();
}

WizardController::~WizardController()
{
    s_instance = nullptr;
}

WizardController *WizardController::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "WizardController::create", "Backends must create WizardController before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

QString WizardController::ramText() const
{
    if (m_machine.ramBytes <= 0)
        return tr("unknown");
    return QLocale().formattedDataSize(m_machine.ramBytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString WizardController::gpuText() const
{
    if (m_machine.gpus.isEmpty())
        return tr("No graphics card found (models run on the processor)");
    QStringList parts;
    for (const MachineInfo::Gpu &gpu : m_machine.gpus) {
        QString text = gpu.name.isEmpty() ? gpu.vendor : gpu.name;
        if (gpu.vramBytes > 0)
            text = tr("%1 (%2 video memory)")
                       .arg(text, QLocale().formattedDataSize(gpu.vramBytes, 1, QLocale::DataSizeTraditionalFormat));
        parts.append(text);
    }
    return parts.join(u", "_s);
}

QString WizardController::recommendedSize() const
{
    //: %1 is a size like "4.9 GB"
    return tr("about %1")
        .arg(QLocale().formattedDataSize(m_recommendation.downloadBytes, 1, QLocale::DataSizeSIFormat));
}

bool WizardController::isRecommendedInstalled() const
{
    return m_ollama.models()->contains(m_recommendation.tag);
}

void WizardController::setMachineRoot(const QString &root)
{
    m_machine = MachineInfo::detect(root);
    m_recommendation = recommendModel(m_machine.ramBytes, m_machine.maxVramBytes());
    Q_EMIT machineChanged();
}

QString WizardController::validateTelegramToken(const QString &token)
{
    const QString trimmed = token.trimmed();
    if (trimmed.isEmpty())
        return tr("Paste the token that @BotFather gave you.");
    static const QRegularExpression valid(u"^\\d{3,20}:[A-Za-z0-9_-]{30,100}$"_s);
    if (!valid.match(trimmed).hasMatch())
        return tr(
            "This does not look like a bot token: it is digits, a colon, then about 35 letters, digits, '-' or '_'.");
    return {};
}

QString WizardController::revealToken() const
{
    const Gateway::Config::Settings &settings = m_host.service()->settings();
    return Gateway::Secrets::resolve(
        settings.gateway.token, m_host.secrets(), QProcessEnvironment::systemEnvironment(), settings.home)
        .value_or(QString());
}

bool WizardController::hasToken() const
{
    return !revealToken().isEmpty();
}

QString WizardController::maskedToken() const
{
    const QString token = revealToken();
    if (token.isEmpty())
        return {};
    // Enough to tell two tokens apart, not enough to use one.
    return token.left(4) + QString(12, u'•') + token.right(2);
}

void WizardController::start()
{
    setErrorString({});
    setActive(true);
    detect();
}

void WizardController::finish()
{
    setCompleted(true);
    setActive(false);
}

void WizardController::skip()
{
    finish();
}

void WizardController::detect()
{
    m_ollama.refresh();
    loadOwner();
    Q_EMIT tokenChanged();
}

void WizardController::loadOwner()
{
    Gateway::LocalClient *client = m_host.client();
    if (!client)
        return;
    const QPointer<WizardController> self(this);
    client->call(u"users.get"_s, {}, [self, this](const Gateway::LocalReply &reply) {
        if (!self || !reply.ok)
            return;
        const QString name = reply.payload.toObject().value(u"user"_s).toObject().value(u"displayName"_s).toString();
        if (name != m_ownerName) {
            m_ownerName = name;
            Q_EMIT ownerNameChanged();
        }
    });
}

bool WizardController::pullRecommended()
{
    return m_ollama.pull(m_recommendation.tag);
}

bool WizardController::saveOwnerName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        setErrorString(tr("Enter your name (it is how the assistant addresses you)."));
        return false;
    }
    if (trimmed.size() > 100) {
        setErrorString(tr("The name is too long (at most 100 characters)."));
        return false;
    }
    Gateway::LocalClient *client = m_host.client();
    if (!client) {
        setErrorString(tr("The gateway is not running."));
        return false;
    }
    setErrorString({});
    setBusy(true);
    const QPointer<WizardController> self(this);
    client->call(u"users.update"_s, QJsonObject { { u"displayName"_s, trimmed } },
        [self, this](const Gateway::LocalReply &reply) {
            if (!self)
                return;
            setBusy(false);
            if (!reply.ok) {
                setErrorString(tr("Could not save your name: %1").arg(reply.errorMessage));
                return;
            }
            m_ownerName = reply.payload.toObject().value(u"user"_s).toObject().value(u"displayName"_s).toString();
            m_ownerSaved = true;
            Q_EMIT ownerNameChanged();
        });
    return true;
}

bool WizardController::regenerateToken()
{
    const Gateway::Status s = m_host.regenerateToken();
    Q_EMIT tokenChanged();
    if (!s) {
        const QString &code = s.error().code;
        if (code == u"NO_TOKEN_AUTH")
            setErrorString(tr("The gateway does not use a token (gateway.auth is \"%1\").").arg(s.error().message));
        else if (code == u"TOKEN_ELSEWHERE")
            setErrorString(tr("The gateway token comes from \"%1\"; change it there.").arg(s.error().message));
        else if (code == u"NO_STORE")
            setErrorString(tr("There is no secret store for the token."));
        else if (code == u"SECRET")
            setErrorString(tr("Could not store the new token: %1").arg(s.error().message));
        else
            setErrorString(tr("The gateway did not restart: %1").arg(s.error().message));
        return false;
    }
    setErrorString({});
    return true;
}

bool WizardController::connectTelegram(const QString &token)
{
    if (const QString invalid = validateTelegramToken(token); !invalid.isEmpty()) {
        setErrorString(invalid);
        return false;
    }
    ConfigChange change;
    change.values.append({ u"channels.telegram.enabled"_s, true });
    change.secrets.append({ u"channels.telegram.token"_s, TELEGRAM_TOKEN_SECRET, token.trimmed() });
    if (const Gateway::Status s = m_host.applyConfig(change); !s) {
        const QString &code = s.error().code;
        if (code == u"NO_FILE")
            setErrorString(tr("These settings did not come from a file, so they cannot be saved."));
        else if (code == u"NO_STORE")
            setErrorString(tr("There is no secret store for the bot token."));
        else if (code == u"SECRET")
            setErrorString(tr("Could not store the bot token: %1").arg(s.error().message));
        else if (code == u"RESTART")
            setErrorString(tr("The gateway did not restart: %1").arg(s.error().message));
        else
            setErrorString(tr("Cannot save %1: %2").arg(m_host.configPath(), s.error().message));
        return false;
    }
    setErrorString({});
    m_telegramConnected = true;
    Q_EMIT telegramChanged();
    return true;
}

void WizardController::clearError()
{
    setErrorString({});
}

void WizardController::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged();
}

void WizardController::setCompleted(bool completed)
{
    QSettings settings;
    settings.setValue(COMPLETED_KEY, completed);
    settings.sync();
    if (m_completed == completed)
        return;
    m_completed = completed;
    Q_EMIT completedChanged();
}

void WizardController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void WizardController::setErrorString(const QString &message)
{
    if (message != m_errorString) {
        m_errorString = message;
        Q_EMIT errorStringChanged();
    }
    if (!message.isEmpty())
        Q_EMIT errorOccurred(message);
}
