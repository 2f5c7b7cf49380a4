// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QtQml/qqmlregistration.h>

#include "users/jsonlistmodel.h"

/// @brief What Skynet remembers about the selected user (memory.list).
class MemoryListModel : public JsonListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("MemoryListModel is provided by UsersController")
    Q_DISABLE_COPY_MOVE(MemoryListModel)

public:
    enum Roles {
        ContentRole = Qt::UserRole,
        MemoryIdRole,
        KindRole, ///< fact, preference, note, summary
        SourceChannelRole,
        UpdatedAtRole
    };
    Q_ENUM(Roles)

    explicit MemoryListModel(QObject *parent = nullptr);
};
