// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QAbstractListModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

/// @brief Base of the Users page's lists: rows are JSON objects from a protocol reply; each role
/// reads one key. Subclasses declare the Roles enum and the role → key table.
class JsonListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonListModel)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged FINAL)

public:
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the rows: the same ids in the same order give dataChanged for changed rows,
    /// anything else a reset.
    void setRows(const QJsonArray &rows);
    void clear() { setRows({}); }
    const QList<QJsonObject> &rows() const { return m_rows; }

Q_SIGNALS:
    void countChanged();

protected:
    struct Role
    {
        int role;
        QByteArray name; ///< QML role name
        QString key; ///< JSON key
    };
    /// roles: the table; idKey: the key that identifies a row.
    JsonListModel(QList<Role> roles, QString idKey, QObject *parent);

private:
    QList<Role> m_roles;
    QString m_idKey;
    QList<QJsonObject> m_rows;
};
