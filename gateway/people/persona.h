// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Gateway::People
{

/// @brief One layer of the composed persona, with where it came from.
struct PersonaPart
{
    QString layer; ///< base, role, channel, user, preferences, safety
    QString source; ///< file path, or "built-in" / "memory"
    QString text;
};

/// @brief The adaptive persona ("soul"): SOUL.md plus overlays, composed in a fixed order from
/// the most shared to the most personal, so that a change invalidates only the cached prompts
/// that really contain it:
///   1. base      SOUL.md (or the built-in persona)
///   2. role      <overlayDir>/role/<role>.md
///   3. channel   <overlayDir>/channel/<channel>.md
///   4. user      <overlayDir>/user/<userId>.md
///   5. preferences  the user's learned preferences (memories of kind "preference")
///   6. safety    the built-in safety rules, for the child role only, always last
/// Missing files are skipped. Names that are not [a-z0-9_-] are never used in a path.
class PersonaComposer final
{
public:
    struct Subject
    {
        QString userId;
        QString role; ///< admin, user, child
        QString channel; ///< operator, telegram, discord, whatsapp, webchat, ...
        QStringList preferences;
    };

    /// soulPath: SOUL.md; overlayDir: the folder holding role/, channel/ and user/.
    PersonaComposer(QString soulPath, QString overlayDir);

    QList<PersonaPart> parts(const Subject &subject) const;
    /// The parts' texts joined by a blank line.
    QString compose(const Subject &subject) const;

    static QString builtInPersona();
    static QString childSafety();
    /// true for names usable in an overlay path.
    static bool isSafeName(const QString &name);

private:
    QString readCached(const QString &path) const;

    QString m_soulPath;
    QString m_overlayDir;
    struct CachedFile
    {
        QDateTime modified;
        qint64 size = -1;
        QString text;
    };
    mutable QHash<QString, CachedFile> m_cache;
};

} // namespace Gateway::People
