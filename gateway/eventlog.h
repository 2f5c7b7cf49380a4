// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>

namespace Gateway::Logging
{

/// @brief One log line as the user sees it (secrets already masked).
struct LogEntry
{
    qint64 seq = 0; ///< 1, 2, ... in arrival order
    qint64 timeMs = 0; ///< UTC milliseconds since the epoch
    QtMsgType level = QtInfoMsg;
    QString category; ///< "skynet.gateway.http"
    QString message;
};

/// @brief The user-visible event log: the last `capacity` log lines in memory.
///
/// The message handler (Logging::install) appends every line that passes the category filter,
/// from any thread; entryAdded() is always emitted later on the log's own thread, so receivers
/// (the desktop app's Logs page) never run inside a qWarning() of someone else's code.
class EventLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLog)

public:
    explicit EventLog(int capacity = 2000, QObject *parent = nullptr);
    /// Detaches from the message handler when attached.
    ~EventLog() override;

    int capacity() const { return m_capacity; }
    /// The kept lines, oldest first.
    QList<LogEntry> entries() const;
    /// Thread-safe.
    void append(QtMsgType level, const QString &category, const QString &message);

Q_SIGNALS:
    void entryAdded(const Gateway::Logging::LogEntry &entry);

private:
    const int m_capacity;
    mutable QMutex m_mutex;
    QList<LogEntry> m_entries;
    qint64 m_nextSeq = 1;
};

/// Makes the message handler feed log (nullptr: stop). At most one log is attached.
void attachEventLog(EventLog *log);

} // namespace Gateway::Logging

Q_DECLARE_METATYPE(Gateway::Logging::LogEntry)
