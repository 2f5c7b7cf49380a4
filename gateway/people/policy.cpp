// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "people/policy.h"

#include <algorithm>

#include <QDateTime>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::People
{

namespace
{
constexpr Access N = Access::None;
constexpr Access O = Access::Own;
constexpr Access A = Access::All;
} // namespace

const QList<MethodRule> &Policy::methodRules()
{
    // Keep in step with docs/users-and-roles.md (tst_permissionmatrix compares them).
    static const QList<MethodRule> rules = {
        { u"agent"_s, A, O, O },
        { u"agent.wait"_s, A, O, O },
        { u"agents.list"_s, A, A, A },
        { u"audit.list"_s, A, N, N },
        { u"audit.verify"_s, A, N, N },
        { u"channels.status"_s, A, N, N },
        { u"chat.abort"_s, A, O, O },
        { u"chat.history"_s, A, O, O },
        { u"chat.send"_s, A, O, O },
        { u"commands.list"_s, A, A, A },
        { u"config.get"_s, A, N, N },
        { u"cron.add"_s, A, O, O },
        { u"cron.list"_s, A, O, O },
        { u"cron.remove"_s, A, O, O },
        { u"cron.run"_s, A, O, O },
        { u"cron.runs"_s, A, O, O },
        { u"cron.update"_s, A, O, O },
        { u"health"_s, A, A, A },
        { u"identities.code"_s, A, O, O },
        { u"identities.link"_s, A, N, N },
        { u"identities.unlink"_s, A, N, N },
        { u"memory.add"_s, A, O, O },
        { u"memory.delete"_s, A, O, O },
        { u"memory.list"_s, A, O, O },
        { u"memory.search"_s, A, O, O },
        { u"models.list"_s, A, A, A },
        { u"pairing.approve"_s, A, N, N },
        { u"pairing.list"_s, A, N, N },
        { u"pairing.reject"_s, A, N, N },
        { u"providers.status"_s, A, N, N },
        { u"send"_s, A, N, N },
        { u"sessions.list"_s, A, O, O },
        { u"skills.disable"_s, A, N, N },
        { u"skills.enable"_s, A, N, N },
        { u"skills.install"_s, A, N, N },
        { u"skills.list"_s, A, A, A },
        { u"skills.remove"_s, A, N, N },
        { u"skills.search"_s, A, A, A },
        { u"status"_s, A, A, A },
        { u"system-presence"_s, A, N, N },
        { u"terminal.approve"_s, A, N, N },
        { u"terminal.deny"_s, A, N, N },
        { u"terminal.jobs"_s, A, N, N },
        { u"terminal.kill"_s, A, N, N },
        { u"terminal.output"_s, A, N, N },
        { u"terminal.pending"_s, A, N, N },
        { u"terminal.run"_s, A, N, N },
        { u"terminal.session"_s, A, N, N },
        { u"terminal.write"_s, A, N, N },
        { u"usage.cost"_s, A, O, O },
        { u"usage.status"_s, A, O, O },
        { u"users.create"_s, A, N, N },
        { u"users.delete"_s, A, N, N },
        { u"users.export"_s, A, O, N },
        { u"users.get"_s, A, O, O },
        { u"users.list"_s, A, N, N },
        { u"users.token"_s, A, N, N },
        { u"users.update"_s, A, O, N },
    };
    return rules;
}

const QList<ToolRule> &Policy::toolRules()
{
    static const QList<ToolRule> rules = {
        { u"current_time"_s, Role::Child, true },
        { u"memory_forget"_s, Role::Child, true },
        { u"memory_save"_s, Role::Child, true },
        { u"memory_search"_s, Role::Child, true },
        { u"reminder"_s, Role::Child, true },
        { u"skill_load"_s, Role::Child, false },
        { u"skill_run"_s, Role::User, false },
        // The admin terminal: never for users or children, whatever their allowlist says.
        { u"terminal_run"_s, Role::Admin, false },
        { u"terminal_status"_s, Role::Admin, false },
    };
    return rules;
}

Access Policy::access(const MethodRule &rule, Role role)
{
    switch (role) {
    case Role::Admin:
        return rule.admin;
    case Role::User:
        return rule.user;
    case Role::Child:
        break;
    }
    return rule.child;
}

void Policy::countDenial(const QString &kind)
{
    ++m_total;
    ++m_byKind[kind];
}

Decision Policy::method(const Actor &actor, const QString &method)
{
    if (!actor.isAuthenticated()) {
        countDenial(u"method"_s);
        return Decision::deny(u"not authenticated"_s);
    }
    const QList<MethodRule> &rules = methodRules();
    const auto it = std::find_if(rules.cbegin(), rules.cend(), [&](const MethodRule &r) { return r.method == method; });
    // Methods without a rule (added later, not yet classified) are for admins only.
    const Access granted = it == rules.cend() ? (actor.role == Role::Admin ? A : N) : access(*it, actor.role);
    if (granted == N) {
        countDenial(u"method"_s);
        return Decision::deny(u"the %1 role may not call %2"_s.arg(roleName(actor.role), method.left(64)));
    }
    return Decision::allow(granted == O);
}

QStringList Policy::allowedTools(const User &user, const QStringList &available) const
{
    QStringList allowed;
    for (const QString &name : available) {
        const QList<ToolRule> &rules = toolRules();
        const auto it = std::find_if(rules.cbegin(), rules.cend(), [&](const ToolRule &r) { return r.tool == name; });
        // Tools without a rule are admin-only until classified.
        const Role minimum = it == rules.cend() ? Role::Admin : it->minimum;
        if (!atLeast(user.role, minimum))
            continue;
        if (user.allowedTools) {
            if (!user.allowedTools->contains(name))
                continue;
        } else if (user.role == Role::Child && (it == rules.cend() || !it->childDefault)) {
            continue;
        }
        allowed.append(name);
    }
    allowed.sort();
    return allowed;
}

Decision Policy::tool(const User &user, const QString &tool)
{
    if (allowedTools(user, { tool }).isEmpty()) {
        countDenial(u"tool"_s);
        return Decision::deny(u"the tool %1 is not allowed for %2"_s.arg(tool.left(64), user.displayName));
    }
    return Decision::allow();
}

Decision Policy::model(const User &user, const QString &provider, const QString &model, bool local)
{
    const QString full = provider + u':' + model;
    if (user.allowedModels) {
        for (const QString &entry : *user.allowedModels) {
            // "provider" allows every model of the provider; "provider:model" one model.
            if (entry == provider || entry == full)
                return Decision::allow();
        }
        countDenial(u"model"_s);
        return Decision::deny(u"the model %1 is not allowed for %2"_s.arg(full.left(128), user.displayName));
    }
    if (user.role == Role::Child && !local) {
        countDenial(u"model"_s);
        return Decision::deny(
            u"children use local models only unless an admin allows others (%1)"_s.arg(full.left(128)));
    }
    return Decision::allow();
}

Decision Policy::channel(const Actor &actor, const QString &channel, const QString &action)
{
    // Sending on behalf of the gateway and configuring channels are admin actions; everyone may
    // talk on the channels they reach the gateway through.
    if (action == u"message")
        return Decision::allow();
    if (actor.role == Role::Admin)
        return Decision::allow();
    countDenial(u"channel"_s);
    return Decision::deny(u"only an admin may %1 on %2"_s.arg(action.left(32), channel.left(32)));
}

bool Policy::isValidQuietHours(const QString &spec)
{
    static const QRegularExpression re(u"^([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]):([0-5]\\d)$"_s);
    return re.match(spec).hasMatch();
}

bool Policy::inQuietHours(const QString &spec, const QString &timezone, qint64 nowMs)
{
    if (!isValidQuietHours(spec))
        return false;
    const int start = spec.mid(0, 2).toInt() * 60 + spec.mid(3, 2).toInt();
    const int end = spec.mid(6, 2).toInt() * 60 + spec.mid(9, 2).toInt();
    if (start == end)
        return false;
    QTimeZone zone(timezone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();
    const QTime local = QDateTime::fromMSecsSinceEpoch(nowMs, zone).time();
    const int minute = local.hour() * 60 + local.minute();
    return start < end ? (minute >= start && minute < end) : (minute >= start || minute < end);
}

Decision Policy::quietHours(const User &user, qint64 nowMs)
{
    if (!inQuietHours(user.quietHours, user.timezone, nowMs))
        return Decision::allow();
    countDenial(u"quiet_hours"_s);
    return Decision::deny(u"it is quiet time (%1, %2); talk to me again later"_s.arg(user.quietHours, user.timezone));
}

Decision Policy::budget(const User &user, qint64 usedToday, qint64 estimate)
{
    if (user.dailyTokenBudget <= 0 || usedToday + estimate <= user.dailyTokenBudget)
        return Decision::allow();
    countDenial(u"budget"_s);
    return Decision::deny(u"the daily token budget is used up (%1 of %2 tokens used, this request needs about %3); "
                          "it resets at midnight (%4)"_s.arg(usedToday)
                              .arg(user.dailyTokenBudget)
                              .arg(estimate)
                              .arg(user.timezone));
}

} // namespace Gateway::People
