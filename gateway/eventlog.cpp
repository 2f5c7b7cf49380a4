// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "eventlog.h"

#include <atomic>

#include <QDateTime>
#include <QMutexLocker>

namespace Gateway::Logging
{

namespace
{
std::atomic<EventLog *> g_attached { nullptr };
QMutex g_attachMutex; ///< held while the handler uses the attached log, and to change it
} // namespace

EventLog::EventLog(int capacity, QObject *parent) : QObject(parent), m_capacity(qMax(capacity, 1))
{
    qRegisterMetaType<LogEntry>();
}

EventLog::~EventLog()
{
    QMutexLocker lock(&g_attachMutex);
    if (g_attached.load() == this)
        g_attached.store(nullptr);
}

QList<LogEntry> EventLog::entries() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries;
}

void EventLog::append(QtMsgType level, const QString &category, const QString &message)
{
    LogEntry entry;
    entry.timeMs = QDateTime::currentMSecsSinceEpoch();
    entry.level = level;
    entry.category = category;
    entry.message = message;
    {
        QMutexLocker lock(&m_mutex);
        entry.seq = m_nextSeq++;
        m_entries.append(entry);
        if (m_entries.size() > m_capacity)
            m_entries.remove(0, m_entries.size() - m_capacity);
    }
    QMetaObject::invokeMethod(
        this, [this, entry] { Q_EMIT entryAdded(entry); }, Qt::QueuedConnection);
}

void attachEventLog(EventLog *log)
{
    QMutexLocker lock(&g_attachMutex);
    g_attached.store(log);
}

/// Called by the message handler (logging.cpp) for every line.
void feedEventLog(QtMsgType level, const char *category, const QString &message)
{
    if (!g_attached.load(std::memory_order_relaxed))
        return;
    QMutexLocker lock(&g_attachMutex);
    if (EventLog *log = g_attached.load())
        log->append(level, QString::fromLatin1(category ? category : "default"), message);
}

} // namespace Gateway::Logging
