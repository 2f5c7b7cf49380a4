// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "users/userlistmodel.h"

using namespace Qt::StringLiterals;

UserListModel::UserListModel(QObject *parent)
    : JsonListModel(
        {
            { DisplayNameRole, "displayName", u"displayName"_s },
            { UserIdRole, "userId", u"id"_s },
            { RoleRole, "role", u"role"_s },
            { IdentityCountRole, "identityCount", u"identities"_s },
            { LastSeenAtRole, "lastSeenAt", u"lastSeenAt"_s },
        },
        u"id"_s, parent)
{
}
