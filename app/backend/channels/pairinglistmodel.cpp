// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "channels/pairinglistmodel.h"

#include <algorithm>

#include <QDateTime>
#include <QJsonObject>

using namespace Qt::StringLiterals;

PairingListModel::PairingListModel(QObject *parent) : QAbstractListModel(parent) { }

int PairingListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PairingListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case SenderNameRole:
        return row.senderName;
    case ChannelRole:
        return row.channel;
    case CodeRole:
        return row.code;
    case SenderIdRole:
        return row.senderId;
    case CreatedAtRole:
        return QDateTime::fromMSecsSinceEpoch(row.createdAt);
    default:
        return {};
    }
}

QHash<int, QByteArray> PairingListModel::roleNames() const
{
    return { { ChannelRole, "channel" }, { CodeRole, "code" }, { SenderIdRole, "senderId" },
        { SenderNameRole, "senderName" }, { CreatedAtRole, "createdAt" } };
}

void PairingListModel::setRequests(const QJsonArray &requests)
{
    QList<Row> fresh;
    for (const QJsonValue &value : requests) {
        const QJsonObject o = value.toObject();
        fresh.append(
            Row { o.value(u"channel"_s).toString(), o.value(u"code"_s).toString(), o.value(u"senderId"_s).toString(),
                o.value(u"senderName"_s).toString(), o.value(u"createdAt"_s).toInteger() });
    }
    const auto same = [](const Row &a, const Row &b) { return a.channel == b.channel && a.code == b.code; };
    const int before = int(m_rows.size());
    // Remove rows that are gone (from the end, so indexes stay valid).
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const bool kept
            = std::any_of(fresh.cbegin(), fresh.cend(), [&](const Row &r) { return same(r, m_rows.at(i)); });
        if (!kept) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    // Append new ones in the gateway's order.
    for (const Row &r : std::as_const(fresh)) {
        const bool known = std::any_of(m_rows.cbegin(), m_rows.cend(), [&](const Row &m) { return same(r, m); });
        if (!known) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
            m_rows.append(r);
            endInsertRows();
        }
    }
    if (before != m_rows.size())
        Q_EMIT countChanged();
}
