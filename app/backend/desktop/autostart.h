// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>
#include <QStringList>

#include "core/result.h"

/// @brief Starts the desktop app when the user logs in.
///
/// Linux and other XDG desktops: an autostart entry, $XDG_CONFIG_HOME/autostart/<app id>.desktop
/// (~/.config when unset), whose Exec line is the running binary with the given arguments
/// (--minimized: the app starts in the tray). Windows (Registry Run key) and macOS (LaunchAgent)
/// are not implemented yet: isSupported() is false there.
class Autostart final
{
public:
    static constexpr auto FILE_NAME = "org.skynet.Skynet.desktop";

    /// entryPath: where the entry lives (defaultEntryPath() in the app); program: the absolute
    /// path of the binary to start; arguments: passed to it.
    Autostart(QString entryPath, QString program, QStringList arguments);

    static bool isSupported();
    /// The entry path the desktop reads ("" where unsupported).
    static QString defaultEntryPath();
    /// The desktop entry text for program + arguments.
    static QByteArray desktopEntry(const QString &program, const QStringList &arguments);
    /// One Exec argument quoted and escaped for a desktop entry value (Desktop Entry
    /// Specification, "The Exec key"); "" for arguments an Exec line cannot carry (newlines).
    static QString quoteExecArgument(const QString &argument);

    QString entryPath() const { return m_entryPath; }
    /// True when the entry exists and is not disabled (Hidden=true, X-GNOME-Autostart-enabled=false).
    bool isEnabled() const;
    /// Writes (atomically) or removes the entry.
    Gateway::Status setEnabled(bool enabled);

private:
    QString m_entryPath;
    QString m_program;
    QStringList m_arguments;
};
