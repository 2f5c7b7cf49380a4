// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

/// @brief The four channels (Telegram, Discord, WhatsApp, web chat) with their configuration
/// and live state, one row each in a fixed order. Filled by ChannelsController.
class ChannelListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ChannelListModel is provided by ChannelsController")
    Q_DISABLE_COPY_MOVE(ChannelListModel)

public:
    enum Roles {
        ChannelIdRole = Qt::UserRole, ///< "telegram", "discord", "whatsapp", "webchat"
        LabelRole,
        EnabledRole, ///< enabled in skynet.toml (the running configuration)
        StateRole, ///< "disabled", "stopped", "starting", "running", "backoff", "failed"
        LastErrorRole,
        FailedDeliveriesRole,
        LastDeliveryErrorRole,
        PendingPairingsRole,
        DmPolicyRole, ///< "pairing", "allowlist", "open"
        PhoneNumberIdRole, ///< WhatsApp only
        SecretFieldsRole, ///< [{key, label, isSet}] — never the value
        TestableRole, ///< a connection test exists (not the web chat)
    };
    Q_ENUM(Roles)

    struct SecretField
    {
        QString key; ///< config key within [channels.<id>] ("token", "access_token", ...)
        QString label;
        bool isSet = false;
    };

    struct Row
    {
        QString id;
        QString label;
        bool enabled = false;
        QString state;
        QString lastError;
        int failedDeliveries = 0;
        QString lastDeliveryError;
        int pendingPairings = 0;
        QString dmPolicy;
        QString phoneNumberId;
        QList<SecretField> secrets;
        bool testable = false;
        bool operator==(const Row &other) const;
    };

    explicit ChannelListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the rows: changed rows get dataChanged, a different set of ids a reset.
    void setRows(const QList<Row> &rows);
    const QList<Row> &rows() const { return m_rows; }
    /// The row of a channel id, -1 when unknown.
    int indexOf(const QString &id) const;

private:
    QList<Row> m_rows;
};
