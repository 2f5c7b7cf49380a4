// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

/// @brief Named things with a health state (providers, channels) for the dashboard.
class StatusListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by DashboardController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged FINAL)

public:
    enum class Health { Ok, Warning, Error, Off };
    Q_ENUM(Health)

    enum Roles {
        KeyRole = Qt::UserRole, ///< "ollama", "telegram"
        NameRole, ///< shown name
        HealthRole, ///< Health
        StateTextRole, ///< translated state ("Healthy", "Stopped", ...)
        DetailRole, ///< model, last error, ...
    };
    Q_ENUM(Roles)

    struct Row
    {
        QString key;
        QString name;
        Health health = Health::Off;
        QString stateText;
        QString detail;
        bool operator==(const Row &) const = default;
    };

    explicit StatusListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the rows, emitting only what changed (rows keep their delegates when the keys stay).
    void setRows(const QList<Row> &rows);
    const QList<Row> &rows() const { return m_rows; }

Q_SIGNALS:
    void countChanged();

private:
    QList<Row> m_rows;
};
