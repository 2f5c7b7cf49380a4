// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "people/soulcommand.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include "people/persona.h"
#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::People
{

namespace
{

constexpr int EXIT_OK = 0;
constexpr int EXIT_FAILURE_CODE = 1;
constexpr int EXIT_USAGE = 2;
/// What an echoed name is cut to in a message (names come from the command line).
constexpr qsizetype MAX_ECHO = 64;

} // namespace

int runSoulCommand(
    const Config::Settings &settings, const QString &userId, const QString &channel, QTextStream &out, QTextStream &err)
{
    if (userId.isEmpty()) {
        err << u"usage: skynet-gateway soul --user ID [--channel NAME]\n"_s;
        return EXIT_USAGE;
    }
    if (!PersonaComposer::isSafeName(channel)) {
        err << u"invalid channel name \"%1\": use 1 to 64 letters, digits, '-' or '_'\n"_s.arg(channel.left(MAX_ECHO));
        return EXIT_USAGE;
    }

    const QString dbPath = settings.resolvePath(settings.storage.path);
    if (!QFileInfo(dbPath).isFile()) {
        err << u"no database at %1 yet; start the gateway once\n"_s.arg(dbPath);
        return EXIT_FAILURE_CODE;
    }

    PersonaComposer::Subject subject;
    subject.userId = userId;
    subject.channel = channel;
    {
        Storage::Database database;
        Storage::Database::Options options;
        options.path = dbPath;
        options.synchronous = settings.storage.synchronous;
        options.busyTimeoutMs = settings.storage.busyTimeoutMs;
        if (Status s = database.open(options); !s) {
            err << u"cannot open the database %1: %2\n"_s.arg(dbPath, s.error().message);
            return EXIT_FAILURE_CODE;
        }

        QSqlQuery user(database.connection());
        user.prepare(u"SELECT role FROM users WHERE id = ?"_s);
        user.addBindValue(userId);
        if (!user.exec()) {
            err << u"cannot read the users: %1\n"_s.arg(user.lastError().text());
            return EXIT_FAILURE_CODE;
        }
        if (!user.next()) {
            err << u"unknown user: %1\n"_s.arg(userId.left(MAX_ECHO));
            return EXIT_FAILURE_CODE;
        }
        subject.role = user.value(0).toString();

        QSqlQuery preferences(database.connection());
        preferences.prepare(u"SELECT content FROM memories WHERE user_id = ? AND kind = 'preference' "
                            "ORDER BY created_at, id LIMIT ?"_s);
        preferences.addBindValue(userId);
        preferences.addBindValue(qMax(0, settings.people.pinnedMemories));
        if (!preferences.exec()) {
            err << u"cannot read the memories: %1\n"_s.arg(preferences.lastError().text());
            return EXIT_FAILURE_CODE;
        }
        while (preferences.next())
            subject.preferences.append(preferences.value(0).toString());
    }

    const PersonaComposer composer(
        settings.resolvePath(settings.agent.soul), settings.resolvePath(settings.agent.soulDir));
    const QList<PersonaPart> parts = composer.parts(subject);
    for (const PersonaPart &part : parts)
        out << u"# %1 (%2)\n%3\n\n"_s.arg(part.layer, part.source, part.text);
    out.flush();
    return EXIT_OK;
}

} // namespace Gateway::People
