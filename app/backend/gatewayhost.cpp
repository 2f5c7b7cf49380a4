// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "gatewayhost.h"

#include <QJsonObject>

#include "config/configeditor.h"
#include "config/secretref.h"
#include "people/directory.h"
#include "secrets/secretstore.h"
#include "service/localclient.h"
#include "service/service.h"

using namespace Qt::StringLiterals;

GatewayHost::GatewayHost(Gateway::Bootstrap initial, Factory factory, QObject *parent)
    : QObject(parent), m_factory(std::move(factory))
{
    build(std::move(initial));
}

GatewayHost::~GatewayHost()
{
    if (m_service)
        m_service->stop();
    delete m_client;
}

void GatewayHost::build(Gateway::Bootstrap bootstrap)
{
    m_configPath = bootstrap.settings.configPath;
    m_home = bootstrap.settings.home;
    m_secrets = bootstrap.secrets;
    m_secretsWritten = bootstrap.secretsWritten; // audited once the service has its database
    m_service = std::make_unique<Gateway::Service>(std::move(bootstrap.settings), bootstrap.secrets);
    connect(m_service.get(), &Gateway::Service::errorOccurred, this, &GatewayHost::errorOccurred);
    m_client = m_service->createLocalClient(tr("Skynet desktop"), this);
}

QString GatewayHost::configPath() const
{
    return m_configPath;
}

QString GatewayHost::home() const
{
    return m_home;
}

Gateway::Status GatewayHost::start()
{
    if (m_service->isRunning())
        return {};
    Gateway::Status status = m_service->start();
    if (!status) {
        Q_EMIT errorOccurred(status.error().message);
        return status;
    }
    for (const QString &name : std::as_const(m_secretsWritten))
        auditSecret(u"secret.set"_s, name);
    m_secretsWritten.clear();
    return status;
}

void GatewayHost::stop()
{
    m_service->stop();
}

Gateway::Status GatewayHost::restart()
{
    Gateway::Result<Gateway::Bootstrap> next = m_factory
        ? m_factory()
        : Gateway::Result<Gateway::Bootstrap>(Gateway::Error { u"RESTART"_s, u"nothing to restart from"_s });
    Q_EMIT serviceAboutToChange();
    m_service->stop();
    delete m_client;
    if (next) {
        m_service.reset();
        build(std::move(*next));
    } else {
        // Keep the working configuration; the message says what is wrong with the new one.
        m_client = m_service->createLocalClient(tr("Skynet desktop"), this);
    }
    Q_EMIT serviceChanged();
    Gateway::Status started = start();
    if (!next) {
        Q_EMIT errorOccurred(next.error().message);
        return next.error();
    }
    return started;
}

Gateway::Status GatewayHost::applyConfig(const ConfigChange &change)
{
    using Gateway::Error;
    if (m_configPath.isEmpty())
        return Error { u"NO_FILE"_s, u"the settings did not come from a file"_s };
    Gateway::Secrets::SecretStore *store = m_secrets.get();
    if (!store && !change.secrets.isEmpty())
        return Error { u"NO_STORE"_s, u"there is no secret store"_s };
    Gateway::Result<Gateway::Config::ConfigEditor> editor = Gateway::Config::ConfigEditor::open(m_configPath);
    if (!editor)
        return Error { u"CONFIG_READ"_s, editor.error().message };
    const QString previousText = editor->text();

    // Every key first: the editor validates each value, and nothing is written before all pass.
    QStringList refused;
    const auto set = [&](const QString &key, const QVariant &value) {
        const Gateway::Status s = value.isValid() ? editor->set(key, value) : editor->unset(key);
        if (!s)
            refused.append(s.error().message);
    };
    for (const auto &[key, value] : change.values)
        set(key, value);
    for (const ConfigChange::Secret &secret : change.secrets) {
        if (!secret.configKey.isEmpty())
            set(secret.configKey, secret.remove ? QString() : QString(u"secret:"_s + secret.name));
    }
    if (!refused.isEmpty())
        return Error { u"CONFIG"_s, refused.join(u'\n') };

    // The secrets go to the store; the file only names them.
    for (const ConfigChange::Secret &secret : change.secrets) {
        if (secret.remove) {
            // A missing entry is fine: the file stops naming it either way.
            if (!store->remove(secret.name))
                qWarning("could not remove a secret from the secret store");
        } else if (Gateway::Status s = store->write(secret.name, secret.value); !s) {
            return Error { u"SECRET"_s, s.error().message };
        }
    }
    if (Gateway::Status s = editor->save(); !s)
        return Error { u"CONFIG"_s, s.error().message };

    const Gateway::Status restarted = restart();
    if (!restarted) {
        // The gateway refused the new file (a port in use, no TLS beyond loopback, a bad value):
        // put the previous file back and run with it again, so Skynet stays reachable and the
        // next start of the program does not fail.
        Gateway::Config::ConfigEditor previous = Gateway::Config::ConfigEditor::fromText(previousText);
        previous.setPath(m_configPath);
        if (previous.save().ok())
            (void)restart();
        return Error { u"RESTART"_s, restarted.error().message };
    }
    // The audit trail names each secret that changed (never its value), as the owner's action.
    for (const ConfigChange::Secret &secret : change.secrets)
        auditSecret(secret.remove ? u"secret.remove"_s : u"secret.set"_s, secret.name);
    return {};
}

void GatewayHost::auditSecret(const QString &action, const QString &name)
{
    Gateway::People::Directory *people = m_service ? m_service->people() : nullptr;
    if (people && m_service->isReady())
        people->record(people->ownerId().isEmpty() ? u"system"_s : people->ownerId(), action, name, u"ok"_s,
            QJsonObject { { u"via"_s, u"desktop"_s } });
}

Gateway::Status GatewayHost::regenerateToken()
{
    using Gateway::Error;
    const Gateway::Config::Settings &settings = m_service->settings();
    if (settings.gateway.auth != u"token")
        return Error { u"NO_TOKEN_AUTH"_s, settings.gateway.auth };
    const Gateway::Config::SecretRef ref = Gateway::Config::SecretRef::parse(settings.gateway.token);
    if (ref.kind != Gateway::Config::SecretRef::Kind::None
        && !(ref.kind == Gateway::Config::SecretRef::Kind::Stored && ref.target == Gateway::gatewayTokenSecretName()))
        return Error { u"TOKEN_ELSEWHERE"_s, settings.gateway.token.left(60) };
    Gateway::Secrets::SecretStore *store = m_secrets.get();
    if (!store)
        return Error { u"NO_STORE"_s, u"there is no secret store"_s };
    if (Gateway::Status s = store->write(Gateway::gatewayTokenSecretName(), Gateway::Secrets::generateToken()); !s)
        return Error { u"SECRET"_s, s.error().message };
    if (Gateway::Status s = restart(); !s)
        return Error { u"RESTART"_s, s.error().message };
    auditSecret(u"secret.set"_s, Gateway::gatewayTokenSecretName());
    return {};
}
