// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include "providers/provider.h"

namespace Gateway::Agent
{

class ToolRegistry;
struct StoredMessage;

/// @brief Lays out every model call so its prefix can be cached:
///   1. persona (SOUL.md, byte-identical across turns),
///   2. the tool definitions (sorted by name),
///   3. the conversation (older turns never change once written),
///   4. volatile data (time) last, outside every cached prefix.
/// Nothing time-dependent is ever placed before the conversation.
class PromptBuilder final
{
public:
    /// soulPath: the persona file; when it cannot be read the built-in persona is used.
    explicit PromptBuilder(QString soulPath);

    /// The persona as sent (re-read when the file changes).
    QString persona() const;
    /// Builds the request for one call. history is the session's transcript, oldest first.
    Providers::ChatRequest build(const QList<StoredMessage> &history, const ToolRegistry &tools, const QString &model,
        int maxTokens, qint64 nowMs) const;

    static QString builtInPersona();

private:
    QString m_soulPath;
    // The persona is read again only when the file changes (one stat per call, not a read).
    mutable QString m_cachedPersona;
    mutable QDateTime m_cachedModified;
    mutable qint64 m_cachedSize = -1;
};

} // namespace Gateway::Agent
