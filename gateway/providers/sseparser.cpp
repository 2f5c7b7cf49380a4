// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/sseparser.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Providers
{

SseParser::SseParser(qsizetype maxLineBytes, qsizetype maxEventBytes)
    : m_maxLineBytes(maxLineBytes), m_maxEventBytes(maxEventBytes)
{
}

void SseParser::feed(QByteArrayView data)
{
    qsizetype i = 0;
    const qsizetype size = data.size();
    if (m_afterCr && size > 0) {
        // The previous feed ended with '\r': a '\n' here belongs to the same CRLF.
        m_afterCr = false;
        if (data[0] == '\n')
            i = 1;
    }
    while (!hasError() && i < size) {
        const char *begin = data.data() + i;
        const char *end = data.data() + size;
        const char *eol = std::find_if(begin, end, [](char c) { return c == '\r' || c == '\n'; });
        const qsizetype length = eol - begin;
        if (m_line.size() + length > m_maxLineBytes) {
            m_error = u"line exceeds %1 bytes"_s.arg(m_maxLineBytes);
            m_line.clear();
            return;
        }
        if (eol == end) {
            m_line.append(begin, length);
            return;
        }
        if (m_line.isEmpty()) {
            processLine(QByteArrayView(begin, length));
        } else {
            m_line.append(begin, length);
            processLine(m_line);
            m_line.clear();
        }
        i += length + 1;
        if (*eol == '\r') {
            if (i < size) {
                if (data[i] == '\n')
                    ++i;
            } else {
                m_afterCr = true;
            }
        }
    }
}

void SseParser::finish()
{
    m_line.clear();
    m_type.clear();
    m_data.clear();
    m_sawField = false;
    m_afterCr = false;
}

SseEvent SseParser::takeEvent()
{
    if (m_events.empty())
        return {};
    SseEvent event = std::move(m_events.front());
    m_events.pop_front();
    return event;
}

void SseParser::processLine(QByteArrayView line)
{
    if (m_firstLine) {
        m_firstLine = false;
        if (line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
    }
    if (line.isEmpty()) {
        dispatch();
        return;
    }
    if (line.front() == ':') {
        ++m_comments;
        return;
    }
    QByteArrayView field = line;
    QByteArrayView value;
    const qsizetype colon = line.indexOf(':');
    if (colon >= 0) {
        field = line.first(colon);
        value = line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
    }
    m_sawField = true;
    if (field == "data") {
        if (m_data.size() + value.size() + 1 > m_maxEventBytes) {
            m_error = u"event exceeds %1 bytes"_s.arg(m_maxEventBytes);
            m_data.clear();
            return;
        }
        m_data.append(value);
        m_data.append('\n');
    } else if (field == "event") {
        m_type = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastEventId = value.toByteArray();
    } else if (field == "retry") {
        const bool digits
            = !value.isEmpty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits && value.size() < 12)
            m_retryMs = value.toByteArray().toLongLong();
    }
    // Any other field is ignored, as the spec requires.
}

void SseParser::dispatch()
{
    m_sawField = false;
    if (m_data.isEmpty()) {
        m_type.clear();
        return;
    }
    SseEvent event;
    m_data.chop(1); // the '\n' after the last data line
    event.data = std::exchange(m_data, {});
    if (!m_type.isEmpty())
        event.type = std::exchange(m_type, {});
    event.lastEventId = m_lastEventId;
    m_events.push_back(std::move(event));
}

} // namespace Gateway::Providers
