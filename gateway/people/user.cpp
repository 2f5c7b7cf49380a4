// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "people/user.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::People
{

QString roleName(Role role)
{
    switch (role) {
    case Role::Admin:
        return u"admin"_s;
    case Role::User:
        return u"user"_s;
    case Role::Child:
        break;
    }
    return u"child"_s;
}

std::optional<Role> roleFromName(const QString &name)
{
    if (name == u"admin")
        return Role::Admin;
    if (name == u"user")
        return Role::User;
    if (name == u"child")
        return Role::Child;
    return std::nullopt;
}

QJsonObject User::toJson() const
{
    QJsonObject o { { u"id"_s, id }, { u"displayName"_s, displayName }, { u"role"_s, roleName(role) },
        { u"language"_s, language }, { u"timezone"_s, timezone }, { u"profile"_s, profile },
        { u"dailyTokenBudget"_s, dailyTokenBudget }, { u"quietHours"_s, quietHours }, { u"createdAt"_s, createdAt },
        { u"lastSeenAt"_s, lastSeenAt ? QJsonValue(lastSeenAt) : QJsonValue(QJsonValue::Null) } };
    o.insert(u"allowedTools"_s, allowedTools ? QJsonValue(QJsonArray::fromStringList(*allowedTools)) : QJsonValue());
    o.insert(u"allowedModels"_s, allowedModels ? QJsonValue(QJsonArray::fromStringList(*allowedModels)) : QJsonValue());
    return o;
}

QJsonObject Identity::toJson() const
{
    return QJsonObject { { u"channel"_s, channel }, { u"externalId"_s, externalId }, { u"userId"_s, userId },
        { u"displayName"_s, displayName }, { u"createdAt"_s, createdAt },
        { u"lastSeenAt"_s, lastSeenAt ? QJsonValue(lastSeenAt) : QJsonValue(QJsonValue::Null) } };
}

} // namespace Gateway::People
