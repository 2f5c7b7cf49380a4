// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Gateway::People
{

/// @brief admin > user > child. The order of the enumerators is the order of privilege.
enum class Role { Child = 0, User = 1, Admin = 2 };

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);
/// true when `held` is at least `needed` (admin ≥ user ≥ child).
inline bool atLeast(Role held, Role needed)
{
    return int(held) >= int(needed);
}

/// @brief A person the gateway knows. Ids are opaque ("u_" + 16 hex digits), never personal data.
struct User
{
    QString id;
    QString displayName;
    Role role = Role::User;
    QString language; ///< BCP 47 tag or "" (follow the user's writing)
    QString timezone = QStringLiteral("UTC"); ///< IANA name; budgets and quiet hours use it
    QJsonObject profile; ///< free-form profile fields (string values)
    qint64 dailyTokenBudget = 0; ///< 0 = unlimited
    /// Tools and models a child may use (admin-set); std::nullopt = the role's default.
    std::optional<QStringList> allowedTools;
    std::optional<QStringList> allowedModels;
    QString quietHours; ///< "HH:MM-HH:MM" in the user's time zone, or ""
    qint64 createdAt = 0;
    qint64 lastSeenAt = 0;

    QJsonObject toJson() const;
};

/// @brief (channel, external id) → user; unique per (channel, external id).
struct Identity
{
    QString channel;
    QString externalId;
    QString userId;
    QString displayName;
    qint64 createdAt = 0;
    qint64 lastSeenAt = 0;

    QJsonObject toJson() const;
};

/// @brief Who is acting: the user behind a connection or a channel message.
struct Actor
{
    QString userId; ///< "" = unauthenticated
    Role role = Role::Child;
    QString channel; ///< "operator" for WebSocket operator connections, "telegram", ...
    bool isAuthenticated() const { return !userId.isEmpty(); }
};

} // namespace Gateway::People
