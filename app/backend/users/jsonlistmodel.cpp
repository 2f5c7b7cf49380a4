// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "users/jsonlistmodel.h"

JsonListModel::JsonListModel(QList<Role> roles, QString idKey, QObject *parent)
    : QAbstractListModel(parent), m_roles(std::move(roles)), m_idKey(std::move(idKey))
{
}

int JsonListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant JsonListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    for (const Role &r : m_roles) {
        if (r.role == role || (role == Qt::DisplayRole && &r == &m_roles.first()))
            return m_rows.at(index.row()).value(r.key).toVariant();
    }
    return {};
}

QHash<int, QByteArray> JsonListModel::roleNames() const
{
    QHash<int, QByteArray> names;
    for (const Role &r : m_roles)
        names.insert(r.role, r.name);
    return names;
}

void JsonListModel::setRows(const QJsonArray &rows)
{
    QList<QJsonObject> fresh;
    fresh.reserve(rows.size());
    for (const QJsonValue &v : rows)
        fresh.append(v.toObject());
    bool sameIds = fresh.size() == m_rows.size();
    for (qsizetype i = 0; sameIds && i < fresh.size(); ++i)
        sameIds = fresh.at(i).value(m_idKey) == m_rows.at(i).value(m_idKey);
    if (!sameIds) {
        const qsizetype before = m_rows.size();
        beginResetModel();
        m_rows = fresh;
        endResetModel();
        if (before != m_rows.size())
            Q_EMIT countChanged();
        return;
    }
    for (qsizetype i = 0; i < fresh.size(); ++i) {
        if (fresh.at(i) == m_rows.at(i))
            continue;
        m_rows[i] = fresh.at(i);
        Q_EMIT dataChanged(index(int(i)), index(int(i)));
    }
}
