// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

/// @brief The chat sessions of the owner (sessions.list), most recently used first.
class ChatSessionsModel final : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by ChatController")
    Q_DISABLE_COPY_MOVE(ChatSessionsModel)

public:
    enum Roles {
        KeyRole = Qt::UserRole, ///< the canonical session key ("agent:main:main")
        TitleRole, ///< label, or the key without the "agent:<id>:" prefix
        UpdatedAtRole, ///< ms since the epoch, 0 for a session with no message yet
        KindRole, ///< direct, group, …
    };
    Q_ENUM(Roles)

    struct Session
    {
        QString key;
        QString title;
        qint64 updatedAt = 0;
        QString kind;
    };

    explicit ChatSessionsModel(QObject *parent);
    ~ChatSessionsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setSessions(QList<Session> sessions);
    /// Adds a session that has no message yet at the top (no-op when the key is listed).
    void prepend(const Session &session);
    int rowOf(const QString &key) const;
    const Session &at(int row) const { return m_sessions.at(row); }

    /// "agent:main:desk-1" → "desk-1".
    static QString shortKey(const QString &key);

private:
    QList<Session> m_sessions;
};
