// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "autostart.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

Autostart::Autostart(QString entryPath, QString program, QStringList arguments)
    : m_entryPath(std::move(entryPath)), m_program(std::move(program)), m_arguments(std::move(arguments))
{
}

bool Autostart::isSupported()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS) && !defined(Q_OS_ANDROID) && !defined(Q_OS_IOS)
    return true;
#else
    // TODO(desktop): Windows: HKCU\Software\Microsoft\Windows\CurrentVersion\Run\Skynet =
    // "\"<exe>\" --minimized" (QSettings NativeFormat). macOS: a LaunchAgent plist in
    // ~/Library/LaunchAgents/org.skynet.Skynet.plist (RunAtLoad) or SMAppService (macOS 13).
    return false;
#endif
}

QString Autostart::defaultEntryPath()
{
    if (!isSupported())
        return {};
    // XDG Base Directory: a relative $XDG_CONFIG_HOME is invalid and must be ignored.
    QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (configHome.isEmpty() || !QDir::isAbsolutePath(configHome))
        configHome = QDir(QDir::homePath()).filePath(u".config"_s);
    return QDir(configHome).filePath(u"autostart/"_s + QLatin1StringView(FILE_NAME));
}

QString Autostart::quoteExecArgument(const QString &argument)
{
    if (argument.contains(u'\n') || argument.contains(u'\r') || argument.contains(QChar(0)))
        return {};
    // Inside double quotes, `"`, `` ` ``, `$` and `\` take a backslash; then, the value being a
    // desktop-entry string, every backslash is doubled; `%` starts a field code and is doubled.
    static const QString reserved = u" \t\"'\\><~|&;$*?#()`"_s;
    const bool needsQuotes = argument.isEmpty()
        || std::any_of(argument.cbegin(), argument.cend(), [](QChar c) { return reserved.contains(c); });
    QString quoted;
    if (needsQuotes) {
        quoted += u'"';
        for (const QChar c : argument) {
            if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
                quoted += u'\\';
            quoted += c;
        }
        quoted += u'"';
    } else {
        quoted = argument;
    }
    quoted.replace(u"\\"_s, u"\\\\"_s);
    quoted.replace(u"%"_s, u"%%"_s);
    return quoted;
}

QByteArray Autostart::desktopEntry(const QString &program, const QStringList &arguments)
{
    QStringList exec { quoteExecArgument(program) };
    for (const QString &argument : arguments)
        exec << quoteExecArgument(argument);
    const QString text = u"[Desktop Entry]\n"
                         "Type=Application\n"
                         "Name=Skynet\n"
                         "Comment=Self-hosted AI gateway, started in the system tray at login\n"
                         "Exec="_s
        + exec.join(u' ')
        + u"\n"
          "Icon=org.skynet.Skynet\n"
          "Terminal=false\n"
          "X-GNOME-Autostart-enabled=true\n"_s;
    return text.toUtf8();
}

bool Autostart::isEnabled() const
{
    if (m_entryPath.isEmpty())
        return false;
    QFile file(m_entryPath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = file.read(64 * 1024);
    for (const QByteArray &rawLine : text.split('\n')) {
        const QByteArray line = rawLine.trimmed();
        if (line == "Hidden=true" || line == "X-GNOME-Autostart-enabled=false")
            return false;
    }
    return true;
}

Gateway::Status Autostart::setEnabled(bool enabled)
{
    if (m_entryPath.isEmpty())
        return Gateway::Error { u"UNSUPPORTED"_s,
            QCoreApplication::translate("Autostart", "Starting at login is not supported on this system yet") };
    if (!enabled) {
        if (QFileInfo::exists(m_entryPath) && !QFile::remove(m_entryPath)) {
            return Gateway::Error { u"AUTOSTART"_s,
                QCoreApplication::translate("Autostart", "Cannot remove %1").arg(m_entryPath) };
        }
        return {};
    }
    for (const QString &argument : QStringList { m_program } + m_arguments) {
        if (quoteExecArgument(argument).isEmpty()) {
            return Gateway::Error { u"AUTOSTART"_s,
                QCoreApplication::translate("Autostart", "The program path cannot be started from a desktop entry") };
        }
    }
    const QString folder = QFileInfo(m_entryPath).absolutePath();
    if (!QDir().mkpath(folder)) {
        return Gateway::Error { u"AUTOSTART"_s,
            QCoreApplication::translate("Autostart", "Cannot create the folder %1").arg(folder) };
    }
    QSaveFile file(m_entryPath);
    if (!file.open(QIODevice::WriteOnly)) {
        return Gateway::Error { u"AUTOSTART"_s,
            QCoreApplication::translate("Autostart", "Cannot write %1: %2").arg(m_entryPath, file.errorString()) };
    }
    file.write(desktopEntry(m_program, m_arguments));
    if (!file.commit()) {
        return Gateway::Error { u"AUTOSTART"_s,
            QCoreApplication::translate("Autostart", "Cannot write %1: %2").arg(m_entryPath, file.errorString()) };
    }
    return {};
}
