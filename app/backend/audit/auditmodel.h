// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QAbstractListModel>
#include <QJsonObject>
#include <QList>
#include <QtQml/qqmlregistration.h>

class GatewayHost;
class QJSEngine;
class QQmlEngine;

/// @brief The audit trail (audit.list), newest first, a page at a time, with a chain check
/// (audit.verify). Read through the owner's LocalClient, so the admin-only rule applies.
class AuditModel final : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(AuditModel)
    Q_PROPERTY(QString actionFilter READ actionFilter WRITE setActionFilter NOTIFY actionFilterChanged FINAL)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged FINAL)
    Q_PROPERTY(bool canLoadMore READ canLoadMore NOTIFY canLoadMoreChanged FINAL)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged FINAL)
    Q_PROPERTY(VerifyState verifyState READ verifyState NOTIFY verifyStateChanged FINAL)
    Q_PROPERTY(QString verifyText READ verifyText NOTIFY verifyStateChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)

public:
    enum Roles {
        IdRole = Qt::UserRole,
        TimeTextRole, ///< local date and time
        ActorRole,
        ActionRole,
        TargetRole,
        OutcomeRole, ///< ok, denied, failed
        DetailRole, ///< the detail object as compact JSON text
    };
    Q_ENUM(Roles)

    enum class VerifyState { Unknown, Checking, Intact, Broken, Failed };
    Q_ENUM(VerifyState)

    static constexpr int PAGE_SIZE = 100;

    explicit AuditModel(GatewayHost &host, QObject *parent = nullptr);
    ~AuditModel() override;
    static AuditModel *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString actionFilter() const { return m_actionFilter; }
    void setActionFilter(const QString &action);
    bool isLoading() const { return m_loading; }
    bool canLoadMore() const { return m_canLoadMore; }
    VerifyState verifyState() const { return m_verifyState; }
    QString verifyText() const;
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }

public Q_SLOTS:
    /// Reloads the newest page.
    void reload();
    /// Appends the next older page.
    void loadMore();
    /// Checks the hash chain of the whole trail.
    void verify();

Q_SIGNALS:
    void actionFilterChanged();
    void loadingChanged();
    void canLoadMoreChanged();
    void countChanged();
    void verifyStateChanged();
    void errorStringChanged();
    /// A page arrived (tests wait on it).
    void loaded();

private:
    struct Row
    {
        qint64 id = 0;
        qint64 at = 0;
        QString actor;
        QString action;
        QString target;
        QString outcome;
        QString detail;
    };
    void fetch(qint64 beforeId);
    void setLoading(bool loading);
    void setErrorString(const QString &message);

    static AuditModel *s_instance;
    GatewayHost &m_host;
    QList<Row> m_rows;
    QString m_actionFilter;
    bool m_loading = false;
    bool m_canLoadMore = false;
    quint64 m_generation = 0; ///< answers of an older reload() are dropped
    VerifyState m_verifyState = VerifyState::Unknown;
    qint64 m_brokenAt = 0;
    QString m_errorString;
};
