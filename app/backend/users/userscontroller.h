// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "service/localclient.h"
#include "users/identitylistmodel.h"
#include "users/memorylistmodel.h"
#include "users/userlistmodel.h"

class QJSEngine;
class QQmlEngine;

class GatewayHost;

/// @brief The Users page: the people list, and the selected person's role, budget, linked
/// accounts and memories, export and deletion.
///
/// Everything goes through the host's LocalClient (users.*, identities.*, memory.*), so the
/// gateway's role policy and audit trail apply exactly as for any admin client. Errors become
/// errorString (the gateway's message), never dialogs.
class UsersController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(UsersController)

    Q_PROPERTY(UserListModel *users READ users CONSTANT FINAL)
    Q_PROPERTY(IdentityListModel *identities READ identities CONSTANT FINAL)
    Q_PROPERTY(MemoryListModel *memories READ memories CONSTANT FINAL)
    Q_PROPERTY(QString selectedUserId READ selectedUserId NOTIFY selectedChanged FINAL)
    Q_PROPERTY(QString displayName READ displayName NOTIFY selectedChanged FINAL)
    Q_PROPERTY(QString role READ role NOTIFY selectedChanged FINAL)
    Q_PROPERTY(bool isOwner READ isOwner NOTIFY selectedChanged FINAL)
    Q_PROPERTY(double dailyTokenBudget READ dailyTokenBudget NOTIFY selectedChanged FINAL)
    Q_PROPERTY(double tokensToday READ tokensToday NOTIFY selectedChanged FINAL)
    Q_PROPERTY(QString linkCode READ linkCode NOTIFY linkCodeChanged FINAL)
    Q_PROPERTY(QString suggestedExportPath READ suggestedExportPath NOTIFY selectedChanged FINAL)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged FINAL)

public:
    /// host must outlive this object. Only one UsersController may exist at a time.
    explicit UsersController(GatewayHost &host, QObject *parent = nullptr);
    ~UsersController() override;

    /// QML singleton factory: hands out the instance Backends created (never creates one).
    static UsersController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    UserListModel *users() const { return m_users; }
    IdentityListModel *identities() const { return m_identities; }
    MemoryListModel *memories() const { return m_memories; }
    QString selectedUserId() const { return m_selectedId; }
    QString displayName() const;
    QString role() const;
    bool isOwner() const { return m_details.value(u"isOwner").toBool(); }
    qint64 dailyTokenBudget() const;
    qint64 tokensToday() const;
    QString linkCode() const { return m_linkCode; }
    QString suggestedExportPath() const;
    bool isLoading() const { return m_pending > 0; }
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }
    QString notice() const { return m_notice; }

public Q_SLOTS:
    void refresh();
    /// Shows a user's details, identities and memories ("" clears the selection).
    void selectUser(const QString &userId);
    void createUser(const QString &displayName, const QString &role);
    /// "admin", "user" or "child" for the selected user.
    void setRole(const QString &role);
    /// Tokens per day for the selected user; 0 = no limit.
    void setDailyTokenBudget(qint64 tokens);
    /// A one-time code the person sends as "/link CODE" from the account to link (10 minutes).
    void requestLinkCode();
    void unlinkIdentity(const QString &channel, const QString &externalId);
    void deleteMemory(qint64 memoryId);
    /// Writes users.export of the selected user to path (a local path or a file: URL).
    void exportUser(const QString &path);
    /// Deletes the selected user with their identities and memories (not the owner).
    void deleteUser();
    void clearError();

Q_SIGNALS:
    void selectedChanged();
    void linkCodeChanged();
    void loadingChanged();
    void errorStringChanged();
    void errorOccurred(const QString &message);
    void noticeChanged();
    /// The export file was written.
    void exported(const QString &path);

private:
    using Done = std::function<void(const QJsonObject &payload)>;
    /// Calls method; a failure becomes errorString, success runs done.
    void call(const QString &method, const QJsonObject &params, Done done);
    void loadSelected();
    void setError(const QString &message);
    void setNotice(const QString &notice);
    void setLinkCode(const QString &code);

    static UsersController *s_instance;

    GatewayHost &m_host;
    UserListModel *m_users;
    IdentityListModel *m_identities;
    MemoryListModel *m_memories;
    QString m_selectedId;
    QJsonObject m_details; ///< the last users.get of the selected user
    QString m_linkCode;
    int m_pending = 0;
    QString m_errorString;
    QString m_notice;
};
