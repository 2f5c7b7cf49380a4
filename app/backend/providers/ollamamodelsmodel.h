// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <QtQml/qqmlregistration.h>

#include "providers/ollamaprovider.h"

/// @brief The models installed on the Ollama host, for the model manager's list.
class OllamaModelsModel final : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by OllamaController.models")
    Q_DISABLE_COPY_MOVE(OllamaModelsModel)

    Q_PROPERTY(int count READ rowCount NOTIFY countChanged FINAL)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged FINAL)

public:
    enum Roles {
        NameRole = Qt::UserRole,
        SizeBytesRole,
        SizeTextRole,
        ModifiedRole,
        ModifiedTextRole,
        DetailsTextRole, ///< "3.2B · Q4_K_M"
    };
    Q_ENUM(Roles)

    explicit OllamaModelsModel(QObject *parent);
    ~OllamaModelsModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool isLoading() const { return m_loading; }
    void setLoading(bool loading);
    /// Replaces the rows (sorted by name).
    void setModels(QList<Gateway::Providers::OllamaLocalModel> models);
    QStringList names() const;
    bool contains(const QString &name) const;

    /// "4.7 GB" style size (powers of 1000, as Ollama prints them).
    static QString formatSize(qint64 bytes);

Q_SIGNALS:
    void countChanged();
    void loadingChanged();

private:
    QList<Gateway::Providers::OllamaLocalModel> m_rows;
    bool m_loading = false;
};
