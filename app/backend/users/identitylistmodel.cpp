// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "users/identitylistmodel.h"

using namespace Qt::StringLiterals;

IdentityListModel::IdentityListModel(QObject *parent)
    : JsonListModel(
        {
            { ChannelRole, "channel", u"channel"_s },
            { ExternalIdRole, "externalId", u"externalId"_s },
            { DisplayNameRole, "displayName", u"displayName"_s },
            { LastSeenAtRole, "lastSeenAt", u"lastSeenAt"_s },
        },
        u"externalId"_s, parent)
{
}
