// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "users/memorylistmodel.h"

using namespace Qt::StringLiterals;

MemoryListModel::MemoryListModel(QObject *parent)
    : JsonListModel(
        {
            { ContentRole, "content", u"content"_s },
            { MemoryIdRole, "memoryId", u"id"_s },
            { KindRole, "kind", u"kind"_s },
            { SourceChannelRole, "sourceChannel", u"sourceChannel"_s },
            { UpdatedAtRole, "updatedAt", u"updatedAt"_s },
        },
        u"id"_s, parent)
{
}
