// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

#include "core/result.h"

namespace Gateway::Config
{

/// @brief Changes keys of a skynet.toml in place, keeping its comments, order and layout.
///
/// Only keys of the schema (ConfigSchema) can be set, with values of their type; a value is
/// written where the key already is, else right below its [section] header, else in a new
/// section at the end. save() refuses to write a file the loader would reject. Used by the
/// desktop app's settings pages; the running service picks changes up on restart.
class ConfigEditor final
{
public:
    /// Reads path; a missing file starts from the shipped template.
    static Result<ConfigEditor> open(const QString &path);
    /// Edits text (for tests); save() then needs a path set with setPath().
    static ConfigEditor fromText(const QString &text);

    /// Sets dottedKey ("gateway.port") to value: bool, an integer, or a string (Choice keys are
    /// matched case-insensitively, Secret keys must hold a reference, never a secret).
    Status set(const QString &dottedKey, const QVariant &value);
    /// Removes the key's line, so the default applies; a missing key is not an error.
    Status unset(const QString &dottedKey);
    /// The current value written in the file for dottedKey (invalid when absent).
    QVariant value(const QString &dottedKey) const;

    QString text() const { return m_lines.join(u'\n'); }
    bool isModified() const { return m_modified; }
    void setPath(const QString &path) { m_path = path; }
    QString path() const { return m_path; }
    /// Checks the text with the config loader, then replaces the file atomically (0600).
    Status save();

private:
    struct Location
    {
        int sectionLine = -1; ///< index of the [section] header, -1 when absent
        int sectionEnd = -1; ///< index after the section's last line
        int keyLine = -1; ///< index of `key = ...`, -1 when absent
    };
    Location locate(const QString &section, const QString &key) const;

    QString m_path;
    QStringList m_lines;
    bool m_modified = false;
};

/// A TOML basic string literal for text ("..." with escapes).
QString tomlString(const QString &text);

} // namespace Gateway::Config
