// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "chat/chatmodelsmodel.h"

using namespace Qt::StringLiterals;

namespace
{

ChatModelsModel::Model automatic()
{
    //: Model picker entry: let the gateway route each message to a model
    return ChatModelsModel::Model { {}, ChatModelsModel::tr("Automatic"), {}, true, false };
}

} // namespace

ChatModelsModel::ChatModelsModel(QObject *parent) : QAbstractListModel(parent), m_models { automatic() } { }

ChatModelsModel::~ChatModelsModel() = default;

int ChatModelsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

QVariant ChatModelsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Model &m = m_models.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return m.name;
    case SpecRole:
        return m.spec;
    case ProviderRole:
        return m.provider;
    case AvailableRole:
        return m.available;
    case IsDefaultRole:
        return m.isDefault;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatModelsModel::roleNames() const
{
    return { { SpecRole, "spec" }, { NameRole, "name" }, { ProviderRole, "provider" }, { AvailableRole, "available" },
        { IsDefaultRole, "isDefault" } };
}

void ChatModelsModel::setModels(const QList<Model> &models)
{
    beginResetModel();
    m_models = { automatic() };
    m_models.append(models);
    endResetModel();
}

int ChatModelsModel::rowOf(const QString &spec) const
{
    for (qsizetype row = 0; row < m_models.size(); ++row) {
        if (m_models.at(row).spec == spec)
            return int(row);
    }
    return -1;
}
