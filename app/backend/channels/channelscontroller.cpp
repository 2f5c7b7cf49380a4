// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "channels/channelscontroller.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QQmlEngine>
#include <QThread>
#include <QTimer>

#include "channels/channelmanager.h"
#include "channels/connectiontest.h"
#include "config/configeditor.h"
#include "config/settings.h"
#include "gatewayhost.h"
#include "secrets/secretstore.h"
#include "service/service.h"

using namespace Qt::StringLiterals;

ChannelsController *ChannelsController::s_instance = nullptr;

namespace
{

const QStringList CHANNEL_IDS { u"telegram"_s, u"discord"_s, u"whatsapp"_s, u"webchat"_s };
const QStringList DM_POLICIES { u"pairing"_s, u"allowlist"_s, u"open"_s };

QString channelLabel(const QString &id)
{
    if (id == u"telegram")
        return ChannelsController::tr("Telegram");
    if (id == u"discord")
        return ChannelsController::tr("Discord");
    if (id == u"whatsapp")
        return ChannelsController::tr("WhatsApp");
    return ChannelsController::tr("Web chat");
}

/// The secret keys of a channel's section, in the order the form shows them.
QList<QPair<QString, QString>> secretKeys(const QString &id)
{
    if (id == u"telegram" || id == u"discord")
        return { { u"token"_s, ChannelsController::tr("Bot token") } };
    if (id == u"whatsapp")
        return { { u"access_token"_s, ChannelsController::tr("Access token") },
            { u"app_secret"_s, ChannelsController::tr("App secret") },
            { u"verify_token"_s, ChannelsController::tr("Verify token") } };
    return {};
}

/// The reference the running configuration holds for a secret key.
QString secretReference(const Gateway::Config::Settings &s, const QString &id, const QString &key)
{
    if (id == u"telegram" && key == u"token")
        return s.channels.telegram.token;
    if (id == u"discord" && key == u"token")
        return s.channels.discord.token;
    if (id == u"whatsapp" && key == u"access_token")
        return s.channels.whatsapp.accessToken;
    if (id == u"whatsapp" && key == u"app_secret")
        return s.channels.whatsapp.appSecret;
    if (id == u"whatsapp" && key == u"verify_token")
        return s.channels.whatsapp.verifyToken;
    return {};
}

} // namespace

ChannelsController::ChannelsController(GatewayHost &host, QObject *parent)
    : QObject(parent),
      m_host(host),
      m_channels(new ChannelListModel(this)),
      m_pairings(new PairingListModel(this)),
      m_nam(new QNetworkAccessManager(this)),
      m_refreshTimer(new QTimer(this))
{
    Q_ASSERT_X(!s_instance, "ChannelsController", "only one ChannelsController may exist at a time");
    s_instance = this;
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(100);
    connect(m_refreshTimer, &QTimer::timeout, this, &ChannelsController::refresh);
    connect(&m_host, &GatewayHost::serviceAboutToChange, this, &ChannelsController::detach);
    connect(&m_host, &GatewayHost::serviceChanged, this, &ChannelsController::attach);
    attach();
}

ChannelsController::~ChannelsController()
{
    s_instance = nullptr;
}

ChannelsController *ChannelsController::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "ChannelsController::create", "Backends must create ChannelsController before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void ChannelsController::attach()
{
    Gateway::Service *service = m_host.service();
    if (!service)
        return;
    if (Gateway::Channels::ChannelManager *manager = service->channels()) {
        connect(manager, &Gateway::Channels::ChannelManager::statusChanged, m_refreshTimer, qOverload<>(&QTimer::start),
            Qt::UniqueConnection);
        connect(manager, &Gateway::Channels::ChannelManager::pairingRequested, this,
            &ChannelsController::pairingRequested, Qt::UniqueConnection);
    }
    connect(service, &Gateway::Service::readyChanged, this, &ChannelsController::refresh, Qt::UniqueConnection);
    refresh();
}

void ChannelsController::detach()
{
    m_refreshTimer->stop();
    if (Gateway::Service *service = m_host.service())
        disconnect(service, nullptr, this, nullptr);
}

bool ChannelsController::isValidToken(const QString &text)
{
    if (text.isEmpty() || text.size() > 4096)
        return false;
    for (const QChar c : text) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == u'/' || c == u'?' || c == u'#')
            return false;
    }
    return true;
}

void ChannelsController::refresh()
{
    refreshConfiguration();
    Gateway::LocalClient *client = m_host.client();
    if (!client)
        return;
    client->call(u"channels.status"_s, {}, [this](const Gateway::LocalReply &reply) {
        if (!reply.ok) {
            // Storage not ready yet: the service's readyChanged brings another refresh.
            if (reply.errorCode != u"UNAVAILABLE")
                setError(tr("Cannot read the channel status: %1").arg(reply.errorMessage));
            return;
        }
        m_status = reply.payload.toObject();
        refreshConfiguration();
    });
    client->call(u"pairing.list"_s, {}, [this](const Gateway::LocalReply &reply) {
        if (reply.ok)
            m_pairings->setRequests(reply.payload.toObject().value(u"requests"_s).toArray());
        else if (reply.errorCode != u"UNAVAILABLE")
            setError(tr("Cannot read the pairing requests: %1").arg(reply.errorMessage));
    });
}

void ChannelsController::refreshConfiguration()
{
    Gateway::Service *service = m_host.service();
    if (!service)
        return;
    const Gateway::Config::Settings &s = service->settings();
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QJsonObject states = m_status.value(u"channels"_s).toObject();
    const QJsonObject pending = m_status.value(u"pendingPairings"_s).toObject();
    QList<ChannelListModel::Row> rows;
    for (const QString &id : CHANNEL_IDS) {
        ChannelListModel::Row row;
        row.id = id;
        row.label = channelLabel(id);
        row.testable = id != u"webchat";
        if (id == u"telegram") {
            row.enabled = s.channels.telegram.enabled;
            row.dmPolicy = s.channels.telegram.dmPolicy;
        } else if (id == u"discord") {
            row.enabled = s.channels.discord.enabled;
            row.dmPolicy = s.channels.discord.dmPolicy;
        } else if (id == u"whatsapp") {
            row.enabled = s.channels.whatsapp.enabled;
            row.dmPolicy = s.channels.whatsapp.dmPolicy;
            row.phoneNumberId = s.channels.whatsapp.phoneNumberId;
        } else {
            row.enabled = s.channels.webchat.enabled;
            row.dmPolicy = s.channels.webchat.dmPolicy;
        }
        for (const auto &[key, label] : secretKeys(id)) {
            const std::optional<QString> value
                = Gateway::Secrets::resolve(secretReference(s, id, key), m_host.secrets(), env, s.home);
            row.secrets.append(ChannelListModel::SecretField { key, label, value && !value->isEmpty() });
        }
        const QJsonObject entry = states.value(id).toObject();
        if (!entry.isEmpty()) {
            row.state = entry.value(u"state"_s).toString();
            row.lastError = entry.value(u"lastError"_s).toString();
            row.failedDeliveries = entry.value(u"failedDeliveries"_s).toInt();
            row.lastDeliveryError = entry.value(u"lastDeliveryError"_s).toString();
        } else {
            row.state = row.enabled ? u"stopped"_s : u"disabled"_s;
        }
        row.pendingPairings = pending.value(id).toInt();
        rows.append(row);
    }
    m_channels->setRows(rows);
}

bool ChannelsController::save(const QString &channel, bool enabled, const QString &dmPolicy, const QVariantMap &secrets,
    const QString &phoneNumberId)
{
    if (!CHANNEL_IDS.contains(channel)) {
        setError(tr("Unknown channel: %1").arg(channel.left(32)));
        return false;
    }
    if (!DM_POLICIES.contains(dmPolicy)) {
        setError(tr("Choose who may talk to Skynet: pairing, allowlist or open."));
        return false;
    }
    Gateway::Service *service = m_host.service();
    const int row = m_channels->indexOf(channel);
    const QList<QPair<QString, QString>> keys = secretKeys(channel);
    QHash<QString, QString> entered;
    for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it) {
        const auto known = std::find_if(keys.cbegin(), keys.cend(), [&](const auto &k) { return k.first == it.key(); });
        if (known == keys.cend()) {
            setError(tr("%1 has no setting %2.").arg(channelLabel(channel), it.key().left(32)));
            return false;
        }
        const QString value = it.value().toString().trimmed();
        if (value.isEmpty())
            continue; // keep the stored one
        if (!isValidToken(value)) {
            setError(tr("%1: the %2 contains characters a token cannot have (spaces, '/', non-ASCII).")
                         .arg(channelLabel(channel), known->second.toLower()));
            return false;
        }
        entered.insert(it.key(), value);
    }
    const QString phone = phoneNumberId.trimmed();
    if (channel == u"whatsapp") {
        for (const QChar c : phone) {
            if (!c.isDigit()) {
                setError(tr("WhatsApp: the phone number id must be digits only."));
                return false;
            }
        }
    }
    if (enabled) {
        for (const auto &[key, label] : keys) {
            bool isSet = entered.contains(key);
            if (!isSet && row >= 0) {
                for (const ChannelListModel::SecretField &f : m_channels->rows().at(row).secrets)
                    isSet = isSet || (f.key == key && f.isSet);
            }
            if (!isSet) {
                setError(
                    tr("%1: enter the %2 before enabling the channel.").arg(channelLabel(channel), label.toLower()));
                return false;
            }
        }
        if (channel == u"whatsapp" && phone.isEmpty()) {
            setError(tr("WhatsApp: enter the phone number id before enabling the channel."));
            return false;
        }
    }
    if (!service) {
        setError(tr("The settings did not come from a configuration file, so they cannot be saved here."));
        return false;
    }
    const QString section = u"channels."_s + channel + u'.';
    ConfigChange change;
    // The secrets go to the store; the file only names them.
    for (auto it = entered.constBegin(); it != entered.constEnd(); ++it)
        change.secrets.append({ section + it.key(), section + it.key(), it.value() });
    change.values.append({ section + u"enabled"_s, enabled });
    change.values.append({ section + u"dm_policy"_s, dmPolicy });
    if (channel == u"whatsapp")
        change.values.append({ section + u"phone_number_id"_s, phone.isEmpty() ? QVariant() : QVariant(phone) });
    setBusy(true);
    const Gateway::Status s = m_host.applyConfig(change);
    setBusy(false);
    if (!s) {
        const QString &code = s.error().code;
        const QString configPath = m_host.configPath();
        if (code == u"NO_FILE")
            setError(tr("The settings did not come from a configuration file, so they cannot be saved here."));
        else if (code == u"CONFIG_READ")
            setError(tr("Cannot open %1: %2").arg(configPath, s.error().message));
        else if (code == u"SECRET" || code == u"NO_STORE")
            setError(tr("Cannot store the %1 in %2: %3")
                         .arg(channelLabel(channel), m_host.secrets() ? m_host.secrets()->describe() : QString(),
                             s.error().message));
        else if (code == u"RESTART")
            setError(tr("The gateway could not start with these settings, so the previous ones are back: %1")
                         .arg(s.error().message));
        else
            setError(tr("Cannot save %1: %2").arg(configPath, s.error().message));
        return false;
    }
    clearError();
    setNotice(tr("%1 saved; the gateway restarted.").arg(channelLabel(channel)));
    Q_EMIT saved(channel);
    return true;
}

void ChannelsController::testConnection(const QString &channel, const QString &token, const QString &phoneNumberId)
{
    Gateway::Service *service = m_host.service();
    if (channel == u"webchat" || !CHANNEL_IDS.contains(channel) || !service) {
        m_testChannel = channel;
        finishTest(false, tr("This channel has no connection test."));
        return;
    }
    const Gateway::Config::Settings &s = service->settings();
    Gateway::Channels::ConnectionTarget target;
    target.channel = channel;
    target.token = token.trimmed();
    const QString key = channel == u"whatsapp" ? u"access_token"_s : u"token"_s;
    if (target.token.isEmpty()) {
        target.token = Gateway::Secrets::resolve(
            secretReference(s, channel, key), m_host.secrets(), QProcessEnvironment::systemEnvironment(), s.home)
                           .value_or(QString());
    }
    if (channel == u"telegram") {
        target.baseUrl = QUrl(s.channels.telegram.baseUrl);
    } else if (channel == u"discord") {
        target.baseUrl = QUrl(s.channels.discord.apiBase);
    } else {
        target.baseUrl = QUrl(s.channels.whatsapp.graphBase);
        target.apiVersion = s.channels.whatsapp.apiVersion;
        target.phoneNumberId
            = phoneNumberId.trimmed().isEmpty() ? s.channels.whatsapp.phoneNumberId : phoneNumberId.trimmed();
    }
    m_testChannel = channel;
    m_testing = true;
    m_testOk = false;
    m_testMessage = tr("Testing…");
    const quint64 serial = ++m_testSerial;
    Q_EMIT testChanged();
    if (target.token.isEmpty()) {
        finishTest(false, tr("Enter the token first."));
        return;
    }
    Gateway::Channels::testConnection(*m_nam, target,
        [this, serial, guard = QPointer<ChannelsController>(this)](
            const Gateway::Channels::ConnectionTestResult &result) {
            if (!guard || serial != m_testSerial)
                return; // a newer test replaced this one
            finishTest(result.ok,
                result.ok ? tr("Connected as %1.").arg(result.botName)
                          : tr("The platform refused: %1").arg(result.error));
        });
}

void ChannelsController::finishTest(bool ok, const QString &message)
{
    m_testing = false;
    m_testOk = ok;
    m_testMessage = message;
    Q_EMIT testChanged();
}

void ChannelsController::approve(const QString &channel, const QString &code)
{
    decide(channel, code, true);
}

void ChannelsController::reject(const QString &channel, const QString &code)
{
    decide(channel, code, false);
}

void ChannelsController::decide(const QString &channel, const QString &code, bool approve)
{
    Gateway::LocalClient *client = m_host.client();
    if (!client) {
        setError(tr("The gateway is not running."));
        return;
    }
    client->call(approve ? u"pairing.approve"_s : u"pairing.reject"_s,
        QJsonObject { { u"channel"_s, channel }, { u"code"_s, code } },
        [this, channel, code, approve](const Gateway::LocalReply &reply) {
            if (!reply.ok) {
                setError(approve ? tr("Cannot approve %1: %2").arg(code, reply.errorMessage)
                                 : tr("Cannot reject %1: %2").arg(code, reply.errorMessage));
                refresh();
                return;
            }
            const QJsonObject result = reply.payload.toObject();
            setNotice(approve ? tr("Approved %1 on %2.").arg(code, channelLabel(channel))
                              : tr("Rejected %1 on %2.").arg(code, channelLabel(channel)));
            Q_EMIT pairingDecided(channel, code, approve, result.value(u"userId"_s).toString());
            refresh();
        });
}

void ChannelsController::clearError()
{
    if (m_errorString.isEmpty())
        return;
    m_errorString.clear();
    Q_EMIT errorStringChanged();
}

void ChannelsController::setError(const QString &message)
{
    if (m_errorString != message) {
        m_errorString = message;
        Q_EMIT errorStringChanged();
    }
    setNotice({});
    Q_EMIT errorOccurred(message);
}

void ChannelsController::setNotice(const QString &notice)
{
    if (m_notice == notice)
        return;
    m_notice = notice;
    Q_EMIT noticeChanged();
}

void ChannelsController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}
