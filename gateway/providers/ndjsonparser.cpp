// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/ndjsonparser.h"

#include <algorithm>

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Providers
{

NdjsonParser::NdjsonParser(qsizetype maxLineBytes) : m_maxLineBytes(maxLineBytes) { }

void NdjsonParser::feed(QByteArrayView data)
{
    qsizetype start = 0;
    while (!hasError() && start < data.size()) {
        const char *begin = data.data() + start;
        const char *end = data.data() + data.size();
        const char *newline = std::find(begin, end, '\n');
        const qsizetype length = newline - begin;
        if (m_line.size() + length > m_maxLineBytes) {
            m_error = u"line %1 exceeds %2 bytes"_s.arg(m_lineNumber + 1).arg(m_maxLineBytes);
            m_line.clear();
            return;
        }
        if (newline == end) {
            m_line.append(begin, length);
            return;
        }
        if (m_line.isEmpty()) {
            parseLine(QByteArrayView(begin, length));
        } else {
            m_line.append(begin, length);
            parseLine(m_line);
            m_line.clear();
        }
        start += length + 1;
    }
}

void NdjsonParser::finish()
{
    if (hasError() || m_line.isEmpty())
        return;
    const QByteArray last = std::exchange(m_line, {});
    parseLine(last);
}

QJsonObject NdjsonParser::takeObject()
{
    if (m_objects.empty())
        return {};
    QJsonObject object = std::move(m_objects.front());
    m_objects.pop_front();
    return object;
}

void NdjsonParser::parseLine(QByteArrayView line)
{
    ++m_lineNumber;
    const QByteArrayView trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        m_error = u"line %1 is not valid JSON (%2 at offset %3)"_s.arg(m_lineNumber)
                      .arg(parseError.errorString())
                      .arg(parseError.offset);
        return;
    }
    if (!document.isObject()) {
        m_error = u"line %1 is not a JSON object"_s.arg(m_lineNumber);
        return;
    }
    m_objects.push_back(document.object());
}

} // namespace Gateway::Providers
