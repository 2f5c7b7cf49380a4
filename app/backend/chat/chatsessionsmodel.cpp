// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "chat/chatsessionsmodel.h"

using namespace Qt::StringLiterals;

ChatSessionsModel::ChatSessionsModel(QObject *parent) : QAbstractListModel(parent) { }

ChatSessionsModel::~ChatSessionsModel() = default;

int ChatSessionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sessions.size());
}

QVariant ChatSessionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Session &s = m_sessions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return s.title;
    case KeyRole:
        return s.key;
    case UpdatedAtRole:
        return s.updatedAt;
    case KindRole:
        return s.kind;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatSessionsModel::roleNames() const
{
    return { { KeyRole, "key" }, { TitleRole, "title" }, { UpdatedAtRole, "updatedAt" }, { KindRole, "kind" } };
}

void ChatSessionsModel::setSessions(QList<Session> sessions)
{
    beginResetModel();
    m_sessions = std::move(sessions);
    endResetModel();
}

void ChatSessionsModel::prepend(const Session &session)
{
    if (rowOf(session.key) >= 0)
        return;
    beginInsertRows({}, 0, 0);
    m_sessions.prepend(session);
    endInsertRows();
}

int ChatSessionsModel::rowOf(const QString &key) const
{
    for (qsizetype row = 0; row < m_sessions.size(); ++row) {
        if (m_sessions.at(row).key == key)
            return int(row);
    }
    return -1;
}

QString ChatSessionsModel::shortKey(const QString &key)
{
    // "agent:<agentId>:<rest>"; a user's own sessions are "agent:<agentId>:u:<userId>:<rest>".
    if (!key.startsWith(u"agent:"_s))
        return key;
    const qsizetype second = key.indexOf(u':', 6);
    return second < 0 ? key : key.mid(second + 1);
}
