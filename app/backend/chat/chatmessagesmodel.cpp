// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "chat/chatmessagesmodel.h"

using namespace Qt::StringLiterals;

ChatMessagesModel::ChatMessagesModel(QObject *parent) : QAbstractListModel(parent) { }

ChatMessagesModel::~ChatMessagesModel() = default;

int ChatMessagesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

QVariant ChatMessagesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Message &m = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return m.text;
    case AuthorRole:
        return QVariant::fromValue(m.author);
    case StateRole:
        return QVariant::fromValue(m.state);
    case ErrorTextRole:
        return m.errorText;
    case RunIdRole:
        return m.runId;
    case ModelRole:
        return m.model;
    case TimestampRole:
        return m.timestamp;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatMessagesModel::roleNames() const
{
    return {
        { AuthorRole, "author" },
        { TextRole, "text" },
        { StateRole, "messageState" },
        { ErrorTextRole, "errorText" },
        { RunIdRole, "runId" },
        { ModelRole, "model" },
        { TimestampRole, "timestamp" },
    };
}

void ChatMessagesModel::setMessages(QList<Message> messages)
{
    beginResetModel();
    m_messages = std::move(messages);
    endResetModel();
}

void ChatMessagesModel::clear()
{
    if (m_messages.isEmpty())
        return;
    setMessages({});
}

void ChatMessagesModel::append(const Message &message)
{
    const int row = int(m_messages.size());
    beginInsertRows({}, row, row);
    m_messages.append(message);
    endInsertRows();
}

int ChatMessagesModel::rowOfRun(const QString &runId) const
{
    if (runId.isEmpty())
        return -1;
    // The running turn is at the end; search backwards.
    for (qsizetype row = m_messages.size() - 1; row >= 0; --row) {
        const Message &m = m_messages.at(row);
        if (m.author == Author::Assistant && m.runId == runId)
            return int(row);
    }
    return -1;
}

void ChatMessagesModel::update(int row, const Message &message)
{
    if (row < 0 || row >= m_messages.size())
        return;
    Message &current = m_messages[row];
    QList<int> roles;
    if (current.text != message.text)
        roles << TextRole << Qt::DisplayRole;
    if (current.state != message.state)
        roles << StateRole;
    if (current.errorText != message.errorText)
        roles << ErrorTextRole;
    if (current.model != message.model)
        roles << ModelRole;
    if (current.runId != message.runId)
        roles << RunIdRole;
    if (current.timestamp != message.timestamp)
        roles << TimestampRole;
    current = message;
    if (roles.isEmpty())
        return;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed, roles);
}
