// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <deque>

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace Gateway::Providers
{

/// @brief Incremental newline-delimited JSON parser (Ollama streams).
///
/// Bytes may be fed in any split (mid-line, mid-UTF-8 sequence): lines are cut on '\n' bytes and
/// only complete lines are decoded. Empty lines are skipped, a trailing '\r' is tolerated. Every
/// non-empty line must be a JSON object; anything else, or a line longer than the bound, is an
/// error that stops the parser. Objects parsed before the error stay available.
class NdjsonParser
{
public:
    static constexpr qsizetype DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

    explicit NdjsonParser(qsizetype maxLineBytes = DEFAULT_MAX_LINE_BYTES);

    void feed(QByteArrayView data);
    /// End of input: parses a last line that had no '\n'.
    void finish();

    bool hasObject() const { return !m_objects.empty(); }
    QJsonObject takeObject();

    bool hasError() const { return !m_error.isEmpty(); }
    /// Describes the error without quoting the input.
    QString errorString() const { return m_error; }
    /// Bytes of an incomplete line still waiting for its '\n'.
    qsizetype pendingBytes() const { return m_line.size(); }

private:
    void parseLine(QByteArrayView line);

    qsizetype m_maxLineBytes;
    QByteArray m_line;
    std::deque<QJsonObject> m_objects;
    qint64 m_lineNumber = 0;
    QString m_error;
};

} // namespace Gateway::Providers
