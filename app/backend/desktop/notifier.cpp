// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "notifier.h"

#include "agent/providerpool.h"
#include "channels/channelmanager.h"
#include "service/service.h"

using namespace Qt::StringLiterals;

namespace
{

QString clip(const QString &text)
{
    const QString simplified = text.simplified();
    return simplified.size() > Notifier::MAX_DETAIL_CHARS ? QString(simplified.left(Notifier::MAX_DETAIL_CHARS) + u'…')
                                                          : simplified;
}

} // namespace

Notifier::Notifier(QObject *parent) : QObject(parent)
{
    m_window.setSingleShot(true);
    m_window.setInterval(DEFAULT_INTERVAL);
    connect(&m_window, &QTimer::timeout, this, &Notifier::flush);
}

Notifier::~Notifier() = default;

void Notifier::setSink(NotificationSink *sink)
{
    m_sink = sink;
}

void Notifier::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled) {
        m_pending.clear();
        m_overflow = 0;
        m_window.stop();
    }
}

std::chrono::milliseconds Notifier::interval() const
{
    return m_window.intervalAsDuration();
}

void Notifier::setInterval(std::chrono::milliseconds interval)
{
    m_window.setInterval(interval);
}

void Notifier::watch(Gateway::Service *service)
{
    if (m_channels)
        disconnect(m_channels, nullptr, this, nullptr);
    m_channels = service ? service->channels() : nullptr;
    if (m_channels) {
        connect(m_channels, &Gateway::Channels::ChannelManager::deliveryFailed, this, &Notifier::notifyDeliveryFailed);
    }
    watchProviders(service ? service->providerPool() : nullptr);
}

void Notifier::watchProviders(Gateway::Agent::ProviderPool *pool)
{
    if (m_pool)
        disconnect(m_pool, nullptr, this, nullptr);
    m_providersDown.clear();
    m_pool = pool;
    if (!pool)
        return;
    // Providers already down when we start watching are not news.
    const QStringList ids = pool->ids();
    for (const QString &id : ids) {
        if (!pool->isAvailable(id))
            m_providersDown.insert(id);
    }
    connect(pool, &Gateway::Agent::ProviderPool::healthChanged, this, &Notifier::notifyProviderHealth);
}

void Notifier::notifyPairingRequest(const QString &channel, const QString &code, const QString &name)
{
    const QString who = name.trimmed().isEmpty() ? tr("Someone") : clip(name);
    post(tr("Pairing request on %1").arg(clip(channel)),
        tr("%1 asks to talk to Skynet (code %2). Approve or reject it under Users.").arg(who, clip(code)), u"users"_s);
}

void Notifier::notifyGatewayError(const QString &message)
{
    post(tr("Skynet gateway error"), clip(message), u"dashboard"_s);
}

void Notifier::notifyDeliveryFailed(const QString &channel, qint64 outboxId, const QString &error)
{
    Q_UNUSED(outboxId)
    post(tr("A reply on %1 was not delivered").arg(clip(channel)),
        error.trimmed().isEmpty() ? tr("The platform refused it.") : clip(error), u"channels"_s);
}

void Notifier::notifyProviderHealth(const QString &providerId)
{
    if (!m_pool)
        return;
    if (m_pool->isAvailable(providerId)) {
        m_providersDown.remove(providerId);
        return;
    }
    if (m_providersDown.contains(providerId))
        return;
    m_providersDown.insert(providerId);
    post(tr("Provider %1 is down").arg(clip(providerId)),
        tr("Requests go to the other providers; Skynet retries it after a pause."), u"providers"_s);
}

void Notifier::post(const QString &title, const QString &message, const QString &page)
{
    if (!m_enabled || !m_sink)
        return;
    const Message entry { title, message, page };
    if (!m_window.isActive()) {
        show(entry);
        return;
    }
    if (m_pending.contains(entry))
        return;
    if (m_pending.size() >= MAX_PENDING)
        ++m_overflow;
    else
        m_pending.append(entry);
}

void Notifier::flush()
{
    if (m_pending.isEmpty() || !m_enabled || !m_sink) {
        m_pending.clear();
        m_overflow = 0;
        return; // quiet: the next event shows at once
    }
    if (m_pending.size() == 1 && m_overflow == 0) {
        const Message only = m_pending.takeFirst();
        show(only);
        return;
    }
    const int total = int(m_pending.size()) + m_overflow;
    static constexpr int LISTED = 3;
    QStringList lines;
    for (qsizetype i = 0; i < m_pending.size() && i < LISTED; ++i)
        lines << m_pending.at(i).title;
    if (total > LISTED)
        lines << tr("and %n more", nullptr, total - LISTED);
    QString page = m_pending.constFirst().page;
    for (const Message &pending : std::as_const(m_pending)) {
        if (pending.page != page) {
            page.clear();
            break;
        }
    }
    m_pending.clear();
    m_overflow = 0;
    show({ tr("Skynet: %n events", nullptr, total), lines.join(u'\n'), page });
}

void Notifier::show(const Message &message)
{
    m_sink->showNotification(message.title, message.message, message.page);
    m_window.start(); // the next interval holds what comes in
}
