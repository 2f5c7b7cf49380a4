// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "people/user.h"

namespace Gateway::People
{

/// @brief How far a role may use a method: not at all, on its own data, or on everyone's.
enum class Access { None, Own, All };

/// @brief One row of the policy table (docs/users-and-roles.md mirrors it; the permission matrix
/// test checks both against each other and against the running gateway).
struct MethodRule
{
    QString method;
    Access admin;
    Access user;
    Access child;
};

/// @brief A tool and who may call it. A child gets a tool when the admin's allowlist for the child
/// names it, or (no allowlist) when it is in the child default set.
struct ToolRule
{
    QString tool;
    Role minimum;
    bool childDefault;
};

/// @brief The outcome of a check: allowed, or denied with a reason the user can read.
struct Decision
{
    bool allowed = false;
    bool ownOnly = false; ///< allowed on the actor's own data only
    QString reason;
    explicit operator bool() const { return allowed; }
    static Decision allow(bool ownOnly = false) { return { true, ownOnly, {} }; }
    static Decision deny(QString reason) { return { false, false, std::move(reason) }; }
};

/// @brief The one place every permission is decided: protocol methods, tools, models and
/// providers, channel actions, quiet hours and budgets. Denials are counted.
class Policy final
{
public:
    static const QList<MethodRule> &methodRules();
    static const QList<ToolRule> &toolRules();
    static Access access(const MethodRule &rule, Role role);

    /// A protocol method. Unknown methods are denied to everyone but admins.
    Decision method(const Actor &actor, const QString &method);
    /// A tool call by the model on behalf of `user`.
    Decision tool(const User &user, const QString &tool);
    /// The tools `user` may be offered (sorted names, from `available`).
    QStringList allowedTools(const User &user, const QStringList &available) const;
    /// A model: "provider:model". local tells whether the provider runs on this machine.
    /// A child without an admin-set list gets local models only; an allowlist applies to any role.
    Decision model(const User &user, const QString &provider, const QString &model, bool local);
    /// A channel action ("send", "configure", "approve") on `channel`.
    Decision channel(const Actor &actor, const QString &channel, const QString &action);
    /// Quiet hours ("HH:MM-HH:MM" in the user's time zone; may wrap midnight).
    Decision quietHours(const User &user, qint64 nowMs);
    /// The daily token budget: `estimate` more tokens on top of `usedToday` must fit.
    Decision budget(const User &user, qint64 usedToday, qint64 estimate);

    /// Whether quiet hours ("HH:MM-HH:MM") cover the local time; false for "" or malformed text.
    static bool inQuietHours(const QString &spec, const QString &timezone, qint64 nowMs);
    static bool isValidQuietHours(const QString &spec);

    /// Counts a denial (reason kind: method, tool, model, channel, quiet_hours, budget, data).
    void countDenial(const QString &kind);
    qint64 denials() const { return m_total; }
    QHash<QString, qint64> denialsByKind() const { return m_byKind; }

private:
    qint64 m_total = 0;
    QHash<QString, qint64> m_byKind;
};

} // namespace Gateway::People
