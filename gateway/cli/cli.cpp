// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "cli/cli.h"

#include "cli/clicommon.h"
#include "service/bootstrap.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Cli
{

namespace
{

const QStringList COMMANDS = { u"users"_s, u"pairing"_s, u"audit"_s, u"doctor"_s, u"backup"_s, u"restore"_s };

QString usage(const QString &command)
{
    if (command == u"users")
        return u"usage: skynet-gateway users [list [--limit N] | show <user-id> | set-role <user-id> "
               "<admin|user|child>]"_s;
    if (command == u"pairing")
        return u"usage: skynet-gateway pairing [list | approve <channel> <code-or-id> | reject <channel> <code-or-id>]"_s;
    if (command == u"audit")
        return u"usage: skynet-gateway audit verify | audit list [--limit N]"_s;
    if (command == u"doctor")
        return u"usage: skynet-gateway doctor"_s;
    if (command == u"backup")
        return u"usage: skynet-gateway backup <file> [--force]"_s;
    if (command == u"restore")
        return u"usage: skynet-gateway restore <file>"_s;
    return {};
}

} // namespace

bool isCliCommand(const QString &command)
{
    return COMMANDS.contains(command);
}

QString usageError(const QString &command, const Arguments &arguments)
{
    const QStringList &a = arguments.positional;
    const QString sub = a.value(0);
    bool ok = true;
    if (command == u"users") {
        ok = a.isEmpty() || (sub == u"list" && a.size() == 1) || (sub == u"show" && a.size() == 2)
            || (sub == u"set-role" && a.size() == 3);
    } else if (command == u"pairing") {
        ok = a.isEmpty() || (sub == u"list" && a.size() == 1)
            || ((sub == u"approve" || sub == u"reject") && a.size() == 3);
    } else if (command == u"audit") {
        ok = (sub == u"verify" || sub == u"list") && a.size() == 1;
    } else if (command == u"doctor") {
        ok = a.isEmpty();
    } else if (command == u"backup") {
        ok = a.size() == 1 && !a.first().isEmpty();
    } else if (command == u"restore") {
        ok = a.size() == 1 && !a.first().isEmpty() && !arguments.force;
    }
    if (ok && arguments.limit < 1)
        return u"--limit expects an integer from 1 to 1000"_s;
    return ok ? QString() : usage(command);
}

QString helpText(const QString &command)
{
    QString text = usage(command).mid(7) + u"\n\n"_s;
    if (command == u"users") {
        text += u"  users [list]                 every user: id, role, number of identities, name\n"
                "  users show <user-id>         one user with their identities\n"
                "  users set-role <id> <role>   make a user admin, user or child (audited as \"cli\";\n"
                "                               a running gateway applies it to open connections)\n"
                "  --limit N                    list at most N users (default 50, at most 1000)\n"_s;
    } else if (command == u"pairing") {
        text += u"  pairing [list]                     pending requests (channel, code, time, sender id, name)\n"
                "  pairing approve <channel> <code>   let that person in: they become a user (people.default_role)\n"
                "                                     and are answered from their next message on\n"
                "  pairing reject <channel> <code>    turn the request down\n"
                "  <code> may also be the sender id. Decisions are audited as \"cli\" and take effect in a\n"
                "  running gateway at once.\n"_s;
    } else if (command == u"audit") {
        text += u"  audit verify        walk the hash chain: \"audit log intact: N entries\" (exit 0), or\n"
                "                      \"audit log broken at entry <id> (<action> at <time>)\" (exit 1)\n"
                "  audit list          the newest entries (--limit N, default 50)\n"_s;
    } else if (command == u"doctor") {
        text += u"  Checks the configuration, the home folder, the database, the secret store and the\n"
                "  secrets the configuration refers to, the model providers, the channels and the port.\n"
                "  One line per check (OK, WARN or FAIL) and, for each problem, what to do.\n"
                "  Exit code 1 when a check FAILs. Network checks give up after 2 seconds.\n"_s;
    } else if (command == u"backup") {
        text += u"  A consistent copy of the database (SQLite VACUUM INTO), also while the gateway runs\n"
                "  and writes. The file is readable by you only (0600). An existing file is kept unless\n"
                "  --force is given.\n"_s;
    } else if (command == u"restore") {
        text += u"  Replaces the database with a backup: the file must pass SQLite's integrity check and\n"
                "  carry a schema version this Skynet knows. Refused while a gateway runs on the\n"
                "  database; the previous database is kept as <database>.before-restore.\n"_s;
    }
    text += u"\nCommon options: --home <dir>, --config <path>, -h/--help.\n"
            "Exit codes: 0 success, 1 failure (or a FAILed check), 2 usage or configuration error.\n"_s;
    return text;
}

int run(const CommandLine &commandLine, const Arguments &arguments, QTextStream &out, QTextStream &err)
{
    const QString &command = commandLine.command;
    if (command == u"doctor")
        return runDoctor(commandLine, out, err);
    Result<Bootstrap> boot = prepare(commandLine);
    if (!boot) {
        err << boot.error().message << u'\n';
        return EXIT_USAGE;
    }
    const Config::Settings &settings = boot->settings;
    if (command == u"users")
        return runUsers(settings, arguments, out, err);
    if (command == u"pairing")
        return runPairing(settings, arguments, out, err);
    if (command == u"audit")
        return runAudit(settings, arguments, out, err);
    if (command == u"backup")
        return runBackup(settings, arguments, out, err);
    if (command == u"restore")
        return runRestore(settings, arguments, out, err);
    err << usage(command) << u'\n';
    return EXIT_USAGE;
}

} // namespace Gateway::Cli
