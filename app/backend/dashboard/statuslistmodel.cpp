// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "dashboard/statuslistmodel.h"

StatusListModel::StatusListModel(QObject *parent) : QAbstractListModel(parent) { }

int StatusListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant StatusListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case KeyRole:
        return row.key;
    case Qt::DisplayRole:
    case NameRole:
        return row.name;
    case HealthRole:
        return QVariant::fromValue(row.health);
    case StateTextRole:
        return row.stateText;
    case DetailRole:
        return row.detail;
    }
    return {};
}

QHash<int, QByteArray> StatusListModel::roleNames() const
{
    return { { KeyRole, "key" }, { NameRole, "name" }, { HealthRole, "health" }, { StateTextRole, "stateText" },
        { DetailRole, "detail" } };
}

void StatusListModel::setRows(const QList<Row> &rows)
{
    bool sameKeys = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameKeys && i < rows.size(); ++i)
        sameKeys = rows.at(i).key == m_rows.at(i).key;
    if (!sameKeys) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        Q_EMIT countChanged();
        return;
    }
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (rows.at(i) == m_rows.at(i))
            continue;
        m_rows[i] = rows.at(i);
        Q_EMIT dataChanged(index(int(i)), index(int(i)));
    }
}
