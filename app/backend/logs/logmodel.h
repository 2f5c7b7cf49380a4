// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QPointer>
#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;

#include "eventlog.h"

/// @brief The gateway's event log (Gateway::Logging::EventLog) as rows, newest last.
///
/// main() owns the only instance and attaches the EventLog; QML gets it as the `LogModel`
/// singleton and shows it through LogFilter.
class LogModel final : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(LogModel)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged FINAL)
    Q_PROPERTY(int errorCount READ errorCount NOTIFY errorCountChanged FINAL)

public:
    enum Roles {
        SeqRole = Qt::UserRole,
        TimeRole, ///< QDateTime, local time
        TimeTextRole, ///< "14:03:07.123"
        LevelRole, ///< 0 debug, 1 info, 2 warning, 3 error (fatal too)
        LevelNameRole, ///< translated "Warning"
        CategoryRole, ///< "http" (the part after "skynet.gateway.")
        MessageRole,
    };
    Q_ENUM(Roles)

    explicit LogModel(Gateway::Logging::EventLog *log, QObject *parent = nullptr);
    ~LogModel() override;
    static LogModel *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Warnings and errors among the kept rows.
    int errorCount() const { return m_errorCount; }
    static int levelOf(QtMsgType type);

    /// All shown rows as text (for "Copy"), one line each.
    Q_INVOKABLE QString toText(int maximumRows = 2000) const;

public Q_SLOTS:
    void clear();

Q_SIGNALS:
    void countChanged();
    void errorCountChanged();

private:
    void add(const Gateway::Logging::LogEntry &entry);

    static LogModel *s_instance;
    QPointer<Gateway::Logging::EventLog> m_log;
    QList<Gateway::Logging::LogEntry> m_rows;
    int m_capacity;
    int m_errorCount = 0;
};

/// @brief The rows of a LogModel that pass a level and a text filter (newest last).
class LogFilter : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int minimumLevel READ minimumLevel WRITE setMinimumLevel NOTIFY minimumLevelChanged FINAL)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged FINAL)
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)

public:
    explicit LogFilter(QObject *parent = nullptr);

    int minimumLevel() const { return m_minimumLevel; }
    void setMinimumLevel(int level);
    QString text() const { return m_text; }
    void setText(const QString &text);
    int count() const { return rowCount(); }

Q_SIGNALS:
    void minimumLevelChanged();
    void textChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minimumLevel = 0;
    QString m_text;
};
