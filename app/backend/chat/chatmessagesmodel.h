// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

/// @brief The messages of the chat session shown on the Chat page, oldest first.
///
/// Filled by ChatController from chat.history and from the `chat` events of the running turn:
/// the assistant's row grows delta by delta (dataChanged on that row only).
class ChatMessagesModel final : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by ChatController")
    Q_DISABLE_COPY_MOVE(ChatMessagesModel)

public:
    enum Roles {
        AuthorRole = Qt::UserRole, ///< Author
        TextRole,
        StateRole, ///< State
        ErrorTextRole,
        RunIdRole,
        ModelRole, ///< "provider:model" that answered ("" when unknown)
        TimestampRole, ///< ms since the epoch
    };
    Q_ENUM(Roles)

    enum class Author { User, Assistant };
    Q_ENUM(Author)

    enum class State {
        Done,
        Pending, ///< sent, no text yet
        Streaming,
        Aborted,
        Failed,
    };
    Q_ENUM(State)

    struct Message
    {
        Author author = Author::User;
        QString text;
        State state = State::Done;
        QString errorText;
        QString runId;
        QString model;
        qint64 timestamp = 0;
    };

    explicit ChatMessagesModel(QObject *parent);
    ~ChatMessagesModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setMessages(QList<Message> messages);
    void clear();
    void append(const Message &message);
    /// The row of the assistant's answer to runId, -1 when it is not shown.
    int rowOfRun(const QString &runId) const;
    const Message &at(int row) const { return m_messages.at(row); }
    /// Changes one row; emits dataChanged for the roles that differ.
    void update(int row, const Message &message);

private:
    QList<Message> m_messages;
};
