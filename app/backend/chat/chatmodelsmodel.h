// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

/// @brief The choices of the Chat page's model picker: "Automatic" (the gateway's routing)
/// first, then every model models.list reports, as "provider:model" specs.
class ChatModelsModel final : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by ChatController")
    Q_DISABLE_COPY_MOVE(ChatModelsModel)

public:
    enum Roles {
        SpecRole = Qt::UserRole, ///< "provider:model"; "" for automatic routing
        NameRole, ///< what the picker shows
        ProviderRole,
        AvailableRole,
        IsDefaultRole, ///< the provider's configured model
    };
    Q_ENUM(Roles)

    struct Model
    {
        QString spec;
        QString name;
        QString provider;
        bool available = true;
        bool isDefault = false;
    };

    explicit ChatModelsModel(QObject *parent);
    ~ChatModelsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the listed models; the "Automatic" row stays first.
    void setModels(const QList<Model> &models);
    int rowOf(const QString &spec) const;

private:
    QList<Model> m_models;
};
