// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "config/settings.h"

#include <QDir>

namespace Gateway::Config
{

QString Settings::resolvePath(const QString &path) const
{
    if (path.isEmpty())
        return QDir::cleanPath(home);
    if (QDir::isAbsolutePath(path))
        return QDir::cleanPath(path);
    return QDir::cleanPath(QDir(home).filePath(path));
}

} // namespace Gateway::Config
