// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QtQml/qqmlregistration.h>

#include "users/jsonlistmodel.h"

/// @brief The platform accounts linked to the selected user (users.get identities).
class IdentityListModel : public JsonListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("IdentityListModel is provided by UsersController")
    Q_DISABLE_COPY_MOVE(IdentityListModel)

public:
    enum Roles {
        ChannelRole = Qt::UserRole,
        ExternalIdRole, ///< the account's id on the platform
        DisplayNameRole,
        LastSeenAtRole
    };
    Q_ENUM(Roles)

    explicit IdentityListModel(QObject *parent = nullptr);
};
