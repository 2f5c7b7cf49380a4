// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "logs/logmodel.h"

#include <QDateTime>
#include <QJSEngine>
#include <QQmlEngine>

using namespace Qt::StringLiterals;

LogModel *LogModel::s_instance = nullptr;

LogModel::LogModel(Gateway::Logging::EventLog *log, QObject *parent)
    : QAbstractListModel(parent), m_log(log), m_capacity(log ? log->capacity() : 2000)
{
    Q_ASSERT_X(!s_instance, "LogModel", "only one LogModel may exist at a time");
    s_instance = this;
    if (log) {
        // What was logged before the window existed (start-up lines) is shown too.
        const QList<Gateway::Logging::LogEntry> entries = log->entries();
        for (const Gateway::Logging::LogEntry &entry : entries)
            add(entry);
        const qint64 lastSeq = m_rows.isEmpty() ? 0 : m_rows.constLast().seq;
        connect(
            log, &Gateway::Logging::EventLog::entryAdded, this, [this, lastSeq](const Gateway::Logging::LogEntry &e) {
                if (e.seq > lastSeq) // queued copies of lines already read above
                    add(e);
            });
    }
}

LogModel::~LogModel()
{
    s_instance = nullptr;
}

LogModel *LogModel::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "LogModel::create", "main() must create the LogModel before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

int LogModel::levelOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
    case QtFatalMsg:
        return 3;
    }
    return 1;
}

void LogModel::add(const Gateway::Logging::LogEntry &entry)
{
    const bool hadErrors = m_errorCount;
    if (m_rows.size() >= m_capacity) {
        beginRemoveRows({}, 0, 0);
        if (levelOf(m_rows.constFirst().level) >= 2)
            --m_errorCount;
        m_rows.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(entry);
    endInsertRows();
    if (levelOf(entry.level) >= 2) {
        ++m_errorCount;
        Q_EMIT errorCountChanged();
    } else if (hadErrors != bool(m_errorCount)) {
        Q_EMIT errorCountChanged();
    }
    Q_EMIT countChanged();
}

void LogModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_errorCount = 0;
    endResetModel();
    Q_EMIT countChanged();
    Q_EMIT errorCountChanged();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Gateway::Logging::LogEntry &e = m_rows.at(index.row());
    switch (role) {
    case SeqRole:
        return e.seq;
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(e.timeMs);
    case TimeTextRole:
        return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(u"HH:mm:ss.zzz"_s);
    case LevelRole:
        return levelOf(e.level);
    case LevelNameRole:
        switch (levelOf(e.level)) {
        case 0:
            return tr("Debug");
        case 1:
            return tr("Info");
        case 2:
            return tr("Warning");
        default:
            return tr("Error");
        }
    case CategoryRole: {
        QString category = e.category;
        if (category.startsWith(u"skynet.gateway."))
            category = category.mid(15);
        return category;
    }
    case Qt::DisplayRole:
    case MessageRole:
        return e.message;
    }
    return {};
}

QHash<int, QByteArray> LogModel::roleNames() const
{
    return { { SeqRole, "seq" }, { TimeRole, "time" }, { TimeTextRole, "timeText" }, { LevelRole, "level" },
        { LevelNameRole, "levelName" }, { CategoryRole, "category" }, { MessageRole, "message" } };
}

QString LogModel::toText(int maximumRows) const
{
    QStringList lines;
    const qsizetype first = qMax<qsizetype>(0, m_rows.size() - qMax(maximumRows, 0));
    for (qsizetype i = first; i < m_rows.size(); ++i) {
        const Gateway::Logging::LogEntry &e = m_rows.at(i);
        lines.append(QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC).toString(Qt::ISODateWithMs) + u' ' + e.category
            + u": "_s + e.message);
    }
    return lines.join(u'\n');
}

LogFilter::LogFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &LogFilter::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &LogFilter::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &LogFilter::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &LogFilter::countChanged);
}

void LogFilter::setMinimumLevel(int level)
{
    level = qBound(0, level, 3);
    if (level == m_minimumLevel)
        return;
    m_minimumLevel = level;
    invalidateFilter();
    Q_EMIT minimumLevelChanged();
    Q_EMIT countChanged();
}

void LogFilter::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
    Q_EMIT textChanged();
    Q_EMIT countChanged();
}

bool LogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(LogModel::LevelRole).toInt() < m_minimumLevel)
        return false;
    if (m_text.isEmpty())
        return true;
    return index.data(LogModel::MessageRole).toString().contains(m_text, Qt::CaseInsensitive)
        || index.data(LogModel::CategoryRole).toString().contains(m_text, Qt::CaseInsensitive);
}
