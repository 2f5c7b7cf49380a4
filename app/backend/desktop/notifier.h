// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <chrono>

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>

namespace Gateway
{
class Service;
namespace Agent
{
class ProviderPool;
}
namespace Channels
{
class ChannelManager;
}
} // namespace Gateway

/// @brief Where notifications appear: the tray's balloon in the app, a recorder in tests.
class NotificationSink
{
public:
    virtual ~NotificationSink() = default;
    /// page: the page a click on the message should open ("" = none in particular).
    virtual void showNotification(const QString &title, const QString &message, const QString &page) = 0;
};

/// @brief Turns gateway events (pairing requests, gateway errors, failed deliveries, providers
/// going down) into desktop notifications without storms.
///
/// The first event shows at once; events during the following interval (10 s) are held and then
/// shown as one message (a summary when there are several), so a burst of failures gives at most
/// one notification per interval. Identical pending messages count once. Off: nothing is shown
/// and held events are dropped.
class Notifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    static constexpr std::chrono::milliseconds DEFAULT_INTERVAL { 10'000 };
    /// Held messages beyond this only count towards the summary.
    static constexpr int MAX_PENDING = 50;
    /// Platform error texts are cut to this many characters.
    static constexpr int MAX_DETAIL_CHARS = 200;

    explicit Notifier(QObject *parent = nullptr);
    ~Notifier() override;

    /// sink is not owned; nullptr: notifications are dropped.
    void setSink(NotificationSink *sink);
    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);
    std::chrono::milliseconds interval() const;
    void setInterval(std::chrono::milliseconds interval);
    /// Messages held for the end of the current interval.
    int pendingCount() const { return int(m_pending.size()) + m_overflow; }

    /// True while an interval runs: the next message is held.
    bool isHolding() const { return m_window.isActive(); }

    /// Follows a service's delivery failures and provider health (again after each restart).
    void watch(Gateway::Service *service);
    /// Follows a provider pool's health (part of watch()).
    void watchProviders(Gateway::Agent::ProviderPool *pool);

public Q_SLOTS:
    /// A new contact asked to pair on a channel (the channels' pairingRequested signal).
    void notifyPairingRequest(const QString &channel, const QString &code, const QString &name);
    void notifyGatewayError(const QString &message);
    void notifyDeliveryFailed(const QString &channel, qint64 outboxId, const QString &error);
    /// Shows a message when the provider's circuit opened (it was available before).
    void notifyProviderHealth(const QString &providerId);
    /// Shows (or holds) one notification.
    void post(const QString &title, const QString &message, const QString &page);

private:
    struct Message
    {
        QString title;
        QString message;
        QString page;
        bool operator==(const Message &other) const = default;
    };
    void flush();
    void show(const Message &message);

    NotificationSink *m_sink = nullptr;
    bool m_enabled = true;
    QTimer m_window; ///< running: a notification was shown less than an interval ago
    QList<Message> m_pending;
    int m_overflow = 0;
    QPointer<Gateway::Channels::ChannelManager> m_channels;
    QPointer<Gateway::Agent::ProviderPool> m_pool;
    QSet<QString> m_providersDown;
};
