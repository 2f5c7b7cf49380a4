// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QJsonObject>
#include <QString>

namespace Gateway::Agent
{

/// @brief Where run events go: to the sockets interested in a session (those that sent to it or
/// read its history), never to every client, so one busy session does not cost the others.
class EventBus
{
public:
    virtual ~EventBus() = default;
    /// The socket connId wants the events of sessionKey from now on.
    virtual void subscribe(const QString &connId, const QString &sessionKey) = 0;
    /// Sends event to the subscribers of sessionKey that hold operator.read (and requiredCap when
    /// set). Protocol-4 sockets get payload; protocol-3 sockets get payloadV3, or nothing when it
    /// is empty.
    virtual void publish(const QString &sessionKey, const QString &event, const QJsonObject &payload,
        const QJsonObject &payloadV3, const QString &requiredCap = {})
        = 0;
};

} // namespace Gateway::Agent
