// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// skynet-gateway users … and pairing …: the same stores and the same audit trail the protocol
// methods use, on the gateway's database (also while it runs: it reads pairing state and user
// roles from the database, see UserStore::get).
#include <QDateTime>
#include <QJsonArray>

#include "channels/channelstore.h"
#include "cli/cli.h"
#include "cli/clicommon.h"
#include "people/auditlog.h"
#include "people/directory.h"
#include "people/userstore.h"
#include "storage/database.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Cli
{

namespace
{

QString padded(const QString &text, int width)
{
    return text.leftJustified(width, u' ', false);
}

int listUsers(People::UserStore &users, int limit, QTextStream &out)
{
    int total = 0;
    const QList<People::User> list = users.list(qBound(1, limit, 1000), 0, {}, &total);
    out << padded(u"ID"_s, 20) << u' ' << padded(u"ROLE"_s, 6) << u' ' << padded(u"IDENTITIES"_s, 10) << u' '
        << u"NAME"_s << u'\n';
    for (const People::User &user : list) {
        out << padded(user.id, 20) << u' ' << padded(People::roleName(user.role), 6) << u' '
            << padded(QString::number(users.identities(user.id).size()), 10) << u' ' << user.displayName << u'\n';
    }
    if (total > list.size())
        out << u"(%1 of %2 users; --limit N shows more)\n"_s.arg(list.size()).arg(total);
    return EXIT_OK;
}

int showUser(People::UserStore &users, const QString &id, QTextStream &out, QTextStream &err)
{
    const std::optional<People::User> user = users.get(id);
    if (!user) {
        err << u"unknown user: %1 (list them with: skynet-gateway users)\n"_s.arg(echo(id));
        return EXIT_FAILED;
    }
    out << u"id:          "_s << user->id << u'\n' << u"name:        "_s << user->displayName << u'\n'
        << u"role:        "_s << People::roleName(user->role) << u'\n' << u"language:    "_s
        << (user->language.isEmpty() ? u"(follows the user)"_s : user->language) << u'\n' << u"time zone:   "_s
        << user->timezone << u'\n' << u"budget:      "_s
        << (user->dailyTokenBudget > 0 ? u"%1 tokens a day"_s.arg(user->dailyTokenBudget) : u"unlimited"_s) << u'\n'
        << u"quiet hours: "_s << (user->quietHours.isEmpty() ? u"none"_s : user->quietHours) << u'\n'
        << u"created:     "_s << formatTime(user->createdAt) << u'\n' << u"last seen:   "_s
        << (user->lastSeenAt > 0 ? formatTime(user->lastSeenAt) : u"never"_s) << u'\n';
    const QList<People::Identity> identities = users.identities(id);
    out << u"identities:  "_s << identities.size() << u'\n';
    for (const People::Identity &identity : identities)
        out << u"  "_s << identity.channel << u' ' << identity.externalId
            << (identity.displayName.isEmpty() ? QString() : QString(u" ("_s + identity.displayName + u')')) << u'\n';
    return EXIT_OK;
}

int setRole(People::Directory &people, const QString &id, const QString &roleText, QTextStream &out, QTextStream &err)
{
    const std::optional<People::Role> role = People::roleFromName(roleText);
    if (!role) {
        err << u"invalid role \"%1\": use admin, user or child\n"_s.arg(echo(roleText));
        return EXIT_USAGE;
    }
    std::optional<People::User> user = people.users()->get(id);
    if (!user) {
        err << u"unknown user: %1 (list them with: skynet-gateway users)\n"_s.arg(echo(id));
        return EXIT_FAILED;
    }
    if (id == people.ownerId() && *role != People::Role::Admin) {
        err << u"the owner stays an admin\n"_s;
        return EXIT_FAILED;
    }
    const People::Role previous = user->role;
    if (previous == *role) {
        out << u"%1 is already %2\n"_s.arg(id, People::roleName(previous));
        return EXIT_OK;
    }
    user->role = *role;
    if (Status s = people.users()->update(*user); !s) {
        err << u"cannot change the role: %1\n"_s.arg(s.error().message);
        return EXIT_FAILED;
    }
    people.record(CLI_ACTOR, u"users.update"_s, id, u"ok"_s,
        QJsonObject { { u"fields"_s, QJsonArray { u"role"_s } }, { u"from"_s, People::roleName(previous) },
            { u"to"_s, People::roleName(*role) } });
    out << u"%1 is now %2 (was %3)\n"_s.arg(id, People::roleName(*role), People::roleName(previous));
    return EXIT_OK;
}

} // namespace

int runUsers(const Config::Settings &settings, const Arguments &arguments, QTextStream &out, QTextStream &err)
{
    Storage::Database database;
    if (!openDatabase(settings, database, err))
        return EXIT_FAILED;
    People::Directory people(settings);
    if (Status s = people.attachStorage(&database); !s) {
        err << u"cannot read the users: %1\n"_s.arg(s.error().message);
        return EXIT_FAILED;
    }
    const QStringList &a = arguments.positional;
    const QString sub = a.value(0, u"list"_s);
    if (sub == u"show")
        return showUser(*people.users(), a.at(1), out, err);
    if (sub == u"set-role")
        return setRole(people, a.at(1), a.at(2), out, err);
    return listUsers(*people.users(), arguments.limit, out);
}

int runPairing(const Config::Settings &settings, const Arguments &arguments, QTextStream &out, QTextStream &err)
{
    Storage::Database database;
    if (!openDatabase(settings, database, err))
        return EXIT_FAILED;
    People::Directory people(settings);
    if (Status s = people.attachStorage(&database); !s) {
        err << u"cannot read the users: %1\n"_s.arg(s.error().message);
        return EXIT_FAILED;
    }
    Channels::ChannelStore store(&database);
    const QStringList &a = arguments.positional;
    const QString sub = a.value(0, u"list"_s);
    if (sub == u"list") {
        const QList<Channels::ChannelStore::PairingRequest> pending = store.pairingRequests(u"pending"_s);
        if (pending.isEmpty()) {
            out << u"no pending pairing requests\n"_s;
            return EXIT_OK;
        }
        out << padded(u"CHANNEL"_s, 10) << u' ' << padded(u"CODE"_s, 10) << u' ' << padded(u"REQUESTED"_s, 23) << u' '
            << padded(u"SENDER"_s, 20) << u' ' << u"NAME"_s << u'\n';
        for (const Channels::ChannelStore::PairingRequest &r : pending)
            out << padded(r.channel, 10) << u' ' << padded(r.code, 10) << u' ' << padded(formatTime(r.createdAt), 23)
                << u' ' << padded(r.senderId, 20) << u' ' << r.senderName << u'\n';
        return EXIT_OK;
    }

    const bool approve = sub == u"approve";
    const QString channel = a.at(1);
    const QString code = a.at(2);
    if (channel.size() > 64 || code.size() > 64) {
        err << u"channel and code are at most 64 characters\n"_s;
        return EXIT_USAGE;
    }
    // The code, or the sender's platform id.
    QString requestCode = code;
    for (const Channels::ChannelStore::PairingRequest &r : store.pairingRequests(u"pending"_s)) {
        if (r.channel == channel && r.senderId == code)
            requestCode = r.code;
    }
    const Result<Channels::ChannelStore::PairingRequest> decided
        = store.decidePairing(channel, requestCode, approve, QDateTime::currentMSecsSinceEpoch());
    if (!decided) {
        err << decided.error().message << u" (see: skynet-gateway pairing list)\n"_s;
        return EXIT_FAILED;
    }
    people.record(CLI_ACTOR, approve ? u"pairing.approve"_s : u"pairing.reject"_s, channel, u"ok"_s,
        QJsonObject { { u"identity"_s, People::AuditLog::pseudonym(decided->senderId) } });
    if (!approve) {
        out << u"rejected the pairing request %1 on %2\n"_s.arg(decided->code, channel);
        return EXIT_OK;
    }
    // The same user the gateway would create when the person writes next (ChannelManager's
    // pairing.approve does the same).
    const Result<People::User> user = people.resolveInbound(channel, decided->senderId, decided->senderName, true);
    if (!user) {
        err << u"approved, but the user could not be created yet: %1 (it is created with their next "
               "message)\n"_s.arg(user.error().message);
        return EXIT_FAILED;
    }
    out << u"approved %1 on %2: user %3 (%4); they are answered from their next message on\n"_s.arg(
        decided->code, channel, user->id, People::roleName(user->role));
    return EXIT_OK;
}

} // namespace Gateway::Cli
