// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QtQml/qqmlregistration.h>

#include "users/jsonlistmodel.h"

/// @brief Terminal commands waiting for an admin's approval (terminal.pending), oldest first.
class TerminalRequestModel : public JsonListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TerminalRequestModel is provided by TerminalController")
    Q_DISABLE_COPY_MOVE(TerminalRequestModel)

public:
    enum Roles {
        RequestIdRole = Qt::UserRole,
        CommandRole, ///< the exact command ("" for an interactive session)
        WorkingDirectoryRole,
        InteractiveRole,
        RequesterNameRole,
        ViaRole, ///< "protocol" or "tool" (the model asked)
        ExpiresAtRole, ///< ms since the epoch
        ReasonsRole ///< why it needs approval
    };
    Q_ENUM(Roles)

    explicit TerminalRequestModel(QObject *parent = nullptr);
};
