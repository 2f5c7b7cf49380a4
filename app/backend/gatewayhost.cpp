// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "gatewayhost.h"

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
    if (!status)
        Q_EMIT errorOccurred(status.error().message);
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
