// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include "channels/channellistmodel.h"
#include "channels/pairinglistmodel.h"

class QJSEngine;
class QNetworkAccessManager;
class QQmlEngine;
class QTimer;

class GatewayHost;

/// @brief The Channels page: channel state, settings with secrets, connection tests, pairing.
///
/// State comes from `channels.status` and `pairing.list` through the host's LocalClient (so the
/// role policy and audit apply), refreshed when Channels::ChannelManager reports a change.
/// Saving writes tokens to the secret store, only "secret:<name>" references to skynet.toml
/// (Config::ConfigEditor), then restarts the gateway. Errors become errorString, never dialogs.
class ChannelsController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(ChannelsController)

    Q_PROPERTY(ChannelListModel *channels READ channels CONSTANT FINAL)
    Q_PROPERTY(PairingListModel *pairings READ pairings CONSTANT FINAL)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged FINAL)
    Q_PROPERTY(QString testChannel READ testChannel NOTIFY testChanged FINAL)
    Q_PROPERTY(bool testing READ isTesting NOTIFY testChanged FINAL)
    Q_PROPERTY(bool testOk READ testOk NOTIFY testChanged FINAL)
    Q_PROPERTY(QString testMessage READ testMessage NOTIFY testChanged FINAL)

public:
    /// host must outlive this object. Only one ChannelsController may exist at a time.
    explicit ChannelsController(GatewayHost &host, QObject *parent = nullptr);
    ~ChannelsController() override;

    /// QML singleton factory: hands out the instance Backends created (never creates one).
    static ChannelsController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    ChannelListModel *channels() const { return m_channels; }
    PairingListModel *pairings() const { return m_pairings; }
    bool isBusy() const { return m_busy; }
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }
    QString notice() const { return m_notice; }
    QString testChannel() const { return m_testChannel; }
    bool isTesting() const { return m_testing; }
    bool testOk() const { return m_testOk; }
    QString testMessage() const { return m_testMessage; }

    /// Whether text can be a token: printable ASCII without spaces or '/', '?', '#'.
    static bool isValidToken(const QString &text);

public Q_SLOTS:
    /// Reads channels.status, pairing.list and the running configuration again.
    void refresh();
    /// Saves one channel: enabled, dm_policy ("pairing", "allowlist", "open"), the secrets entered
    /// (key within [channels.<id>] → value; an empty value keeps the stored one) and, for
    /// WhatsApp, the phone number id; then restarts the gateway. false (and errorString) when the
    /// input is refused or a step failed.
    bool save(const QString &channel, bool enabled, const QString &dmPolicy, const QVariantMap &secrets,
        const QString &phoneNumberId = {});
    /// Asks the platform who the token belongs to (Telegram getMe, Discord /users/@me, WhatsApp
    /// phone number) against the configured base URL. An empty token tests the stored one.
    void testConnection(const QString &channel, const QString &token, const QString &phoneNumberId = {});
    void approve(const QString &channel, const QString &code);
    void reject(const QString &channel, const QString &code);
    void clearError();

Q_SIGNALS:
    void busyChanged();
    void errorStringChanged();
    void errorOccurred(const QString &message);
    void noticeChanged();
    void testChanged();
    /// The gateway's Channels::ChannelManager::pairingRequested, for notifications.
    void pairingRequested(const QString &channel, const QString &code, const QString &displayName);
    /// A save went through and the gateway restarted.
    void saved(const QString &channel);
    /// A pairing request was approved or rejected (approved: the person's user id).
    void pairingDecided(const QString &channel, const QString &code, bool approved, const QString &userId);

private:
    void attach();
    void detach();
    void refreshConfiguration();
    void decide(const QString &channel, const QString &code, bool approve);
    void setError(const QString &message);
    void setNotice(const QString &notice);
    void setBusy(bool busy);
    void finishTest(bool ok, const QString &message);

    static ChannelsController *s_instance;

    GatewayHost &m_host;
    ChannelListModel *m_channels;
    PairingListModel *m_pairings;
    QNetworkAccessManager *m_nam;
    QTimer *m_refreshTimer; ///< coalesces bursts of statusChanged
    QJsonObject m_status; ///< the last channels.status
    bool m_busy = false;
    QString m_errorString;
    QString m_notice;
    QString m_testChannel;
    bool m_testing = false;
    bool m_testOk = false;
    QString m_testMessage;
    quint64 m_testSerial = 0;
};
