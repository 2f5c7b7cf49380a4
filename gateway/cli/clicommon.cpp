// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "cli/clicommon.h"

#include <QDateTime>
#include <QFileInfo>

#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Cli
{

QString databasePath(const Config::Settings &settings)
{
    return QFileInfo(settings.resolvePath(settings.storage.path)).absoluteFilePath();
}

bool openDatabase(const Config::Settings &settings, Storage::Database &database, QTextStream &err)
{
    const QString path = databasePath(settings);
    if (!QFileInfo(path).isFile()) {
        err << u"no database at %1 yet: start the gateway once (skynet-gateway), then try again\n"_s.arg(path);
        return false;
    }
    Storage::Database::Options options;
    options.path = path;
    options.synchronous = settings.storage.synchronous;
    options.busyTimeoutMs = settings.storage.busyTimeoutMs;
    if (Status s = database.open(options); !s) {
        err << u"cannot open the database %1: %2\n"_s.arg(path, s.error().message);
        return false;
    }
    return true;
}

QString formatTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
}

QString echo(const QString &text)
{
    QString cut = text.left(MAX_ECHO);
    for (QChar &c : cut) {
        if (c.category() == QChar::Other_Control)
            c = u'?';
    }
    return cut;
}

} // namespace Gateway::Cli
