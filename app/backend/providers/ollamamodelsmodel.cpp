// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/ollamamodelsmodel.h"

#include <algorithm>

#include <QLocale>

using namespace Qt::StringLiterals;
using Gateway::Providers::OllamaLocalModel;

OllamaModelsModel::OllamaModelsModel(QObject *parent) : QAbstractListModel(parent) { }

OllamaModelsModel::~OllamaModelsModel() = default;

int OllamaModelsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant OllamaModelsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OllamaLocalModel &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return row.name;
    case SizeBytesRole:
        return row.sizeBytes;
    case SizeTextRole:
        return formatSize(row.sizeBytes);
    case ModifiedRole:
        return row.modifiedAt;
    case ModifiedTextRole:
        return row.modifiedAt.isValid() ? QLocale().toString(row.modifiedAt.toLocalTime(), QLocale::ShortFormat)
                                        : QString();
    case DetailsTextRole: {
        QStringList parts { row.parameterSize, row.quantization };
        parts.removeAll(QString());
        return parts.join(u" · "_s);
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> OllamaModelsModel::roleNames() const
{
    return {
        { NameRole, "name" },
        { SizeBytesRole, "sizeBytes" },
        { SizeTextRole, "sizeText" },
        { ModifiedRole, "modified" },
        { ModifiedTextRole, "modifiedText" },
        { DetailsTextRole, "detailsText" },
    };
}

void OllamaModelsModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

void OllamaModelsModel::setModels(QList<OllamaLocalModel> models)
{
    std::sort(models.begin(), models.end(),
        [](const OllamaLocalModel &a, const OllamaLocalModel &b) { return a.name < b.name; });
    const int before = int(m_rows.size());
    beginResetModel();
    m_rows = std::move(models);
    endResetModel();
    if (before != int(m_rows.size()))
        Q_EMIT countChanged();
}

QStringList OllamaModelsModel::names() const
{
    QStringList list;
    for (const OllamaLocalModel &row : m_rows)
        list.append(row.name);
    return list;
}

bool OllamaModelsModel::contains(const QString &name) const
{
    const QString full = name.contains(u':') ? name : name + u":latest"_s;
    return std::any_of(m_rows.cbegin(), m_rows.cend(),
        [&](const OllamaLocalModel &row) { return row.name == name || row.name == full; });
}

QString OllamaModelsModel::formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}
