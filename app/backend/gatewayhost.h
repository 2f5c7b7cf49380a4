// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QPointer>
#include <QList>
#include <QString>
#include <QVariant>

#include "core/result.h"
#include "service/bootstrap.h"
#include "service/localclient.h"

namespace Gateway
{
class Service;
namespace Secrets
{
class SecretStore;
}
} // namespace Gateway

/// @brief One change of skynet.toml and the secret store, applied by GatewayHost::applyConfig().
struct ConfigChange
{
    /// A secret to store (or remove) and the config key that names it ("secret:<name>").
    struct Secret
    {
        QString configKey; ///< "" = only the store changes (the file names it already)
        QString name; ///< the entry in the secret store
        QString value;
        bool remove = false; ///< remove the entry; configKey (if any) is set to ""
    };
    /// Keys to set; an invalid QVariant unsets the key (the default applies again).
    QList<std::pair<QString, QVariant>> values;
    QList<Secret> secrets;
};

/// @brief Owns the in-process gateway of the desktop app and rebuilds it on demand.
///
/// The pages change skynet.toml (Config::ConfigEditor) and the keychain, then call restart():
/// the running Service is stopped and replaced by one built from the files again, so a new
/// port, channel or provider applies without restarting the program. The backend objects
/// follow serviceChanged() and use client(), an in-process protocol client acting as the owner.
class GatewayHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayHost)

public:
    /// Reads the configuration and secrets again (Gateway::prepare() in the app).
    using Factory = std::function<Gateway::Result<Gateway::Bootstrap>()>;

    /// initial: what main() prepared already; factory: how to prepare again on restart().
    GatewayHost(Gateway::Bootstrap initial, Factory factory, QObject *parent = nullptr);
    ~GatewayHost() override;

    Gateway::Service *service() const { return m_service.get(); }
    /// The owner's in-process client of the current service (replaced with it).
    Gateway::LocalClient *client() const { return m_client; }
    Gateway::Secrets::SecretStore *secrets() const { return m_secrets.get(); }
    std::shared_ptr<Gateway::Secrets::SecretStore> sharedSecrets() const { return m_secrets; }
    /// The skynet.toml the service was built from ("" when the settings came from elsewhere).
    QString configPath() const;
    QString home() const;

    /// Starts the current service; the error is also emitted as errorOccurred().
    Gateway::Status start();
    void stop();
    /// Stops the service, prepares configuration and secrets again, builds and starts a new
    /// service. On a configuration error the old settings keep running (restarted).
    Gateway::Status restart();

    /// Checks that the settings came from a file and a secret store is there, sets the keys
    /// (validated before anything is written), stores the secrets, saves skynet.toml and
    /// restart()s. When the gateway cannot start with the new file, the previous file is put
    /// back and the gateway restarted with it. Error codes: NO_FILE, NO_STORE, CONFIG_READ,
    /// CONFIG (a key refused or the file not saved), SECRET, RESTART (previous file restored).
    Gateway::Status applyConfig(const ConfigChange &change);
    /// Stores a new random gateway token and restarts. Error codes: NO_TOKEN_AUTH (gateway.auth
    /// is not "token"), TOKEN_ELSEWHERE (the token comes from env:/file:/another secret),
    /// NO_STORE, SECRET, RESTART.
    Gateway::Status regenerateToken();

Q_SIGNALS:
    /// Before the service and client are destroyed: drop pointers to them.
    void serviceAboutToChange();
    /// After a new service (and client) replaced the old one.
    void serviceChanged();
    void errorOccurred(const QString &message);

private:
    void build(Gateway::Bootstrap bootstrap);
    /// Records a secret's change in the audit trail of the running gateway.
    void auditSecret(const QString &action, const QString &name);

    Factory m_factory;
    QString m_configPath;
    QString m_home;
    std::shared_ptr<Gateway::Secrets::SecretStore> m_secrets;
    QStringList m_secretsWritten; ///< by prepare() (a generated token), to audit after start()
    std::unique_ptr<Gateway::Service> m_service;
    QPointer<Gateway::LocalClient> m_client;
};
