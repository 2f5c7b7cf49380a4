// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <deque>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Gateway::Providers
{

/// @brief One dispatched Server-Sent Event.
struct SseEvent
{
    QByteArray type = QByteArrayLiteral("message"); ///< `event:` field, "message" when absent
    QByteArray data; ///< `data:` lines joined with '\n' (UTF-8)
    QByteArray lastEventId;
};

/// @brief Incremental Server-Sent Events parser following the WHATWG event-stream grammar.
///
/// Lines end with CRLF, LF or a lone CR (also when split across feeds); an initial UTF-8 BOM is
/// dropped; `:` lines are comments; `field: value` loses one leading space; several `data:` lines
/// join with '\n'; a blank line dispatches (an event without data is not dispatched); unknown
/// fields are ignored; pending data at end of input is discarded. A line or an event above its
/// bound is an error that stops the parser; events dispatched before it stay available.
class SseParser
{
public:
    static constexpr qsizetype DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;
    static constexpr qsizetype DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

    explicit SseParser(
        qsizetype maxLineBytes = DEFAULT_MAX_LINE_BYTES, qsizetype maxEventBytes = DEFAULT_MAX_EVENT_BYTES);

    void feed(QByteArrayView data);
    /// End of input: an incomplete event is discarded, as the spec says.
    void finish();

    bool hasEvent() const { return !m_events.empty(); }
    SseEvent takeEvent();

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    /// The last `retry:` value in milliseconds, -1 when none was sent.
    qint64 retryMs() const { return m_retryMs; }
    /// Comment lines seen (servers send them as keep-alives).
    qint64 commentCount() const { return m_comments; }
    /// True while an event has fields but no dispatching blank line yet.
    bool hasPendingEvent() const { return !m_line.isEmpty() || m_sawField; }

private:
    void processLine(QByteArrayView line);
    void dispatch();

    qsizetype m_maxLineBytes;
    qsizetype m_maxEventBytes;
    QByteArray m_line;
    bool m_afterCr = false;
    bool m_firstLine = true;
    bool m_sawField = false;
    QByteArray m_type;
    QByteArray m_data;
    QByteArray m_lastEventId;
    qint64 m_retryMs = -1;
    qint64 m_comments = 0;
    std::deque<SseEvent> m_events;
    QString m_error;
};

} // namespace Gateway::Providers
