// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QtQml/qqmlregistration.h>

#include "users/jsonlistmodel.h"

/// @brief The gateway's people (users.list), with their role.
class UserListModel : public JsonListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("UserListModel is provided by UsersController")
    Q_DISABLE_COPY_MOVE(UserListModel)

public:
    enum Roles {
        DisplayNameRole = Qt::UserRole,
        UserIdRole,
        RoleRole, ///< "admin", "user", "child"
        IdentityCountRole, ///< linked platform accounts
        LastSeenAtRole, ///< ms since the epoch, null when never
    };
    Q_ENUM(Roles)

    explicit UserListModel(QObject *parent = nullptr);
};
