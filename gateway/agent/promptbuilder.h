// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QDateTime>
#include <QList>
#include <QString>

#include "providers/provider.h"

namespace Gateway::Agent
{

class ToolRegistry;
struct StoredMessage;

/// @brief The per-person parts of a prompt (People::Directory::turnContext).
struct PromptParts
{
    QString persona; ///< the composed soul ("" = SOUL.md alone)
    QString userBlock; ///< profile and pinned memories ("" = none)
    QString recalled; ///< memories relevant to this message ("" = none)
    /// The compact index of enabled skills ("" = none; byte-stable while they do not change). Last, so
    /// the aggregate initialisations of the three fields above keep their meaning.
    QString skills;
};

/// @brief Lays out every model call so its prefix can be cached:
///   1. the tool definitions (sorted by name),
///   2. persona (SOUL.md plus its overlays: the same for everyone sharing role, channel, user),
///   2b. the skill index (enabled skills, a few words each: changes only when that set changes),
///   3. the user block (profile and pinned memories: changes only when they change),
///   4. the conversation (older turns never change once written),
///   5. volatile data (recalled memories, time) last, outside every cached prefix.
/// Nothing turn-dependent is ever placed before the conversation.
class PromptBuilder final
{
public:
    /// soulPath: the persona file; when it cannot be read the built-in persona is used.
    explicit PromptBuilder(QString soulPath);

    /// The persona as sent (re-read when the file changes).
    QString persona() const;
    /// Builds the request for one call. history is the session's transcript, oldest first.
    /// allowedTools: names offered to the model (std::nullopt = every tool).
    Providers::ChatRequest build(const QList<StoredMessage> &history, const ToolRegistry &tools, const QString &model,
        int maxTokens, qint64 nowMs, const PromptParts &parts = {},
        const std::optional<QStringList> &allowedTools = std::nullopt) const;

    static QString builtInPersona();

private:
    QString m_soulPath;
    // The persona is read again only when the file changes (one stat per call, not a read).
    mutable QString m_cachedPersona;
    mutable QDateTime m_cachedModified;
    mutable qint64 m_cachedSize = -1;
};

} // namespace Gateway::Agent
