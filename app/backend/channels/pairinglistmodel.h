// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QAbstractListModel>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

/// @brief Pending pairing requests (pairing.list): strangers who asked a channel to let them in.
class PairingListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PairingListModel is provided by ChannelsController")
    Q_DISABLE_COPY_MOVE(PairingListModel)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged FINAL)

public:
    enum Roles {
        ChannelRole = Qt::UserRole,
        CodeRole,
        SenderIdRole,
        SenderNameRole,
        CreatedAtRole, ///< QDateTime
    };
    Q_ENUM(Roles)

    explicit PairingListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// From pairing.list's `requests`; rows are matched by channel + code, so a refresh only
    /// inserts and removes what changed.
    void setRequests(const QJsonArray &requests);

Q_SIGNALS:
    void countChanged();

private:
    struct Row
    {
        QString channel;
        QString code;
        QString senderId;
        QString senderName;
        qint64 createdAt = 0;
    };
    QList<Row> m_rows;
};
