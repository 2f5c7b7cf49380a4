// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QList>

#include "channels/channel.h"

namespace TestSupport
{

/// @brief A channel without a platform: tests hand it inbound messages and read what it was
/// asked to deliver. It can be told to fail deliveries, to exercise the outbox.
class LoopbackChannel final : public Gateway::Channels::Channel
{
    Q_OBJECT

public:
    explicit LoopbackChannel(QString id = QStringLiteral("loopback"), QObject *parent = nullptr)
        : Channel(parent), m_id(std::move(id))
    {
    }

    QString id() const override { return m_id; }
    QString label() const override { return QStringLiteral("Loopback"); }
    void start() override { setState(State::Running); }
    void stop() override { setState(State::Stopped); }
    void deliver(const Gateway::Channels::OutboundMessage &message,
        std::function<void(const Gateway::Channels::DeliveryResult &)> done) override
    {
        Gateway::Channels::DeliveryResult result;
        if (!m_failures.isEmpty()) {
            result = m_failures.takeFirst();
        } else {
            m_delivered.append(message);
            result.platformMessageId = QString::number(m_delivered.size());
        }
        done(result);
        Q_EMIT deliveredChanged();
    }
    void typing(const QString &, const QString &) override { ++m_typing; }

    /// Hands an inbound message to the manager; true once it is recorded.
    bool inject(const Gateway::Channels::InboundMessage &message)
    {
        Gateway::Channels::InboundMessage m = message;
        m.channel = m_id;
        return hand(m);
    }
    /// The next deliveries answer with these results (then deliveries succeed again).
    void failNext(const Gateway::Channels::DeliveryResult &result) { m_failures.append(result); }
    const QList<Gateway::Channels::OutboundMessage> &delivered() const { return m_delivered; }
    int typingCount() const { return m_typing; }

Q_SIGNALS:
    void deliveredChanged();

private:
    QString m_id;
    QList<Gateway::Channels::OutboundMessage> m_delivered;
    QList<Gateway::Channels::DeliveryResult> m_failures;
    int m_typing = 0;
};

} // namespace TestSupport
