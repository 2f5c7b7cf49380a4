// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>
#include <QStringList>

namespace Gateway::Terminal
{

/// @brief What the terminal knows about a command before it runs: whether the allowlist may
/// pre-approve it, whether it escalates privileges, and which ssh hosts it reaches.
///
/// This is a conservative reading of shell text, not a shell parser: anything it cannot judge
/// (shell operators, substitutions) makes a command unmatchable by the allowlist, so a human
/// sees it. The ssh and sudo checks look at every word of the command.
struct CommandCheck
{
    QString program; ///< the first word's file name (for the audit trail), at most 64 characters
    bool hasShellOperators = false; ///< ; & | < > $ ` ( ) { } \ or a line break
    bool escalates = false; ///< sudo, su, doas or pkexec anywhere as a word
    bool usesSsh = false; ///< ssh (or scp, sftp) anywhere as a word
    QStringList sshHosts; ///< hosts named after ssh (lower case, user@ removed)
    bool sshHostUnknown = false; ///< an ssh word with no recognisable host

    static CommandCheck inspect(const QString &command);
    /// Words split on blanks, with simple quotes ('…', "…") removed.
    static QStringList words(const QString &command);
    /// Whole-string glob match: `*` any text (also `/`), `?` one character, the rest literal.
    static bool globMatch(const QString &pattern, const QString &text);
    /// Comma-separated list → trimmed non-empty entries.
    static QStringList splitList(const QString &list);
};

} // namespace Gateway::Terminal
