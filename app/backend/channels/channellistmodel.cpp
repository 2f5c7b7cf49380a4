// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "channels/channellistmodel.h"

#include <QVariantMap>

using namespace Qt::StringLiterals;

bool ChannelListModel::Row::operator==(const Row &other) const
{
    if (secrets.size() != other.secrets.size())
        return false;
    for (qsizetype i = 0; i < secrets.size(); ++i) {
        if (secrets.at(i).key != other.secrets.at(i).key || secrets.at(i).label != other.secrets.at(i).label
            || secrets.at(i).isSet != other.secrets.at(i).isSet)
            return false;
    }
    return id == other.id && label == other.label && enabled == other.enabled && state == other.state
        && lastError == other.lastError && failedDeliveries == other.failedDeliveries
        && lastDeliveryError == other.lastDeliveryError && pendingPairings == other.pendingPairings
        && dmPolicy == other.dmPolicy && phoneNumberId == other.phoneNumberId && testable == other.testable;
}

ChannelListModel::ChannelListModel(QObject *parent) : QAbstractListModel(parent) { }

int ChannelListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ChannelListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return row.label;
    case ChannelIdRole:
        return row.id;
    case EnabledRole:
        return row.enabled;
    case StateRole:
        return row.state;
    case LastErrorRole:
        return row.lastError;
    case FailedDeliveriesRole:
        return row.failedDeliveries;
    case LastDeliveryErrorRole:
        return row.lastDeliveryError;
    case PendingPairingsRole:
        return row.pendingPairings;
    case DmPolicyRole:
        return row.dmPolicy;
    case PhoneNumberIdRole:
        return row.phoneNumberId;
    case SecretFieldsRole: {
        QVariantList fields;
        for (const SecretField &f : row.secrets)
            fields.append(QVariantMap { { u"key"_s, f.key }, { u"label"_s, f.label }, { u"isSet"_s, f.isSet } });
        return fields;
    }
    case TestableRole:
        return row.testable;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChannelListModel::roleNames() const
{
    return { { ChannelIdRole, "channelId" }, { LabelRole, "label" }, { EnabledRole, "channelEnabled" },
        { StateRole, "channelState" }, { LastErrorRole, "lastError" }, { FailedDeliveriesRole, "failedDeliveries" },
        { LastDeliveryErrorRole, "lastDeliveryError" }, { PendingPairingsRole, "pendingPairings" },
        { DmPolicyRole, "dmPolicy" }, { PhoneNumberIdRole, "phoneNumberId" }, { SecretFieldsRole, "secretFields" },
        { TestableRole, "testable" } };
}

int ChannelListModel::indexOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return int(i);
    }
    return -1;
}

void ChannelListModel::setRows(const QList<Row> &rows)
{
    bool sameIds = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameIds && i < rows.size(); ++i)
        sameIds = rows.at(i).id == m_rows.at(i).id;
    if (!sameIds) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows.at(i) == m_rows.at(i))
            continue;
        m_rows[i] = rows.at(i);
        Q_EMIT dataChanged(index(int(i)), index(int(i)));
    }
}
