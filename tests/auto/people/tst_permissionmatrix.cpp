// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The permission matrix of docs/users-and-roles.md: the documented tables against the policy in
// the code and against the running gateway, cell by cell, as admin, user, child and
// unauthenticated; tools by role, and a refused tool call in a real run (Ollama fake).

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <map>

#include "agent/chatruntime.h"
#include "agent/toolregistry.h"
#include "channels/channelmanager.h"
#include "channels/channelstore.h"
#include "loopbackchannel.h"
#include "fakeollama.h"
#include "people/directory.h"
#include "people/policy.h"
#include "people/user.h"
#include "service/service.h"
#include "storage/database.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using Gateway::People::Access;
using Gateway::People::Actor;
using Gateway::People::Policy;
using Gateway::People::Role;
using Gateway::People::User;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;
using TestSupport::WAIT_MS;

namespace
{

const QString NONE = u"—"_s;
const QStringList ROLES { u"admin"_s, u"user"_s, u"child"_s };
const QStringList ALL_SCOPES { u"operator.read"_s, u"operator.write"_s, u"operator.admin"_s };
const QStringList METHOD_COLUMNS { u"Method"_s, u"admin"_s, u"user"_s, u"child"_s, u"unauthenticated"_s };
const QStringList TOOL_COLUMNS { u"Tool"_s, u"admin"_s, u"user"_s, u"child (default)"_s, u"unauthenticated"_s };
/// Methods whose params can name someone else's data (params.userId, a session key, a run id).
const QSet<QString> SUBJECT_METHODS { u"agent"_s, u"agent.wait"_s, u"chat.abort"_s, u"chat.history"_s, u"chat.send"_s,
    u"cron.add"_s, u"cron.list"_s, u"cron.remove"_s, u"cron.run"_s, u"cron.runs"_s, u"cron.update"_s,
    u"identities.code"_s, u"memory.add"_s, u"memory.delete"_s, u"memory.list"_s, u"memory.search"_s, u"users.export"_s,
    u"users.get"_s, u"users.update"_s };
/// Methods that list sessions or usage: scoped to the caller for users and children.
const QSet<QString> LISTING_METHODS { u"health"_s, u"sessions.list"_s, u"status"_s, u"usage.cost"_s,
    u"usage.status"_s };

QString sourceDir()
{
    const QString dir = qEnvironmentVariable("SKYNET_SOURCE_DIR");
    if (!dir.isEmpty())
        return dir;
    // Run outside CTest: this file is <source>/tests/auto/people/tst_permissionmatrix.cpp.
    return QDir::cleanPath(QFileInfo(QString::fromUtf8(__FILE__)).absoluteDir().filePath(u"../../.."_s));
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString uniqueId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

/// A minimal unsigned skill folder (for the skills.* methods); returns its absolute path.
QString writeSkill(const QString &name)
{
    static QTemporaryDir root;
    const QString dir = root.filePath(name);
    QDir().mkpath(dir);
    QFile md(dir + u"/SKILL.md"_s);
    if (md.open(QIODevice::WriteOnly))
        md.write("---\nname: " + name.toUtf8() + "\ndescription: A test skill\nversion: 1.0.0\n---\nDo nothing.\n");
    return dir;
}

/// @brief A markdown table: its header cells and its rows (backticks around a cell removed).
struct MarkdownTable
{
    QStringList columns;
    QList<QStringList> rows;
};

/// The first table after the line `heading` (before the next heading).
MarkdownTable tableAfter(const QString &markdown, const QString &heading)
{
    static const QRegularExpression separator(u"^:?-+:?$"_s);
    MarkdownTable table;
    bool inSection = false;
    bool inTable = false;
    for (const QString &raw : markdown.split(u'\n')) {
        const QString line = raw.trimmed();
        if (!inSection) {
            inSection = line == heading;
            continue;
        }
        if (!line.startsWith(u'|')) {
            if (inTable || line.startsWith(u'#'))
                break;
            continue;
        }
        inTable = true;
        QString inner = line.mid(1);
        if (inner.endsWith(u'|'))
            inner.chop(1);
        QStringList cells = inner.split(u'|');
        bool isSeparator = true;
        for (QString &cell : cells) {
            cell = cell.trimmed();
            if (cell.size() >= 2 && cell.startsWith(u'`') && cell.endsWith(u'`'))
                cell = cell.mid(1, cell.size() - 2);
            isSeparator = isSeparator && separator.match(cell).hasMatch();
        }
        if (table.columns.isEmpty())
            table.columns = cells;
        else if (!isSeparator)
            table.rows.append(cells);
    }
    return table;
}

QString cellOf(Access access)
{
    switch (access) {
    case Access::All:
        return u"all"_s;
    case Access::Own:
        return u"own"_s;
    case Access::None:
        break;
    }
    return NONE;
}

Role roleOf(const QString &name)
{
    return name == u"admin" ? Role::Admin : name == u"user" ? Role::User : Role::Child;
}

QJsonObject errorOf(const QJsonObject &response)
{
    return response.value(u"error"_s).toObject();
}

QString detailCode(const QJsonObject &response)
{
    return errorOf(response).value(u"details"_s).toObject().value(u"code"_s).toString();
}

QStringList toStrings(const QJsonArray &array)
{
    QStringList list;
    for (const QJsonValue &v : array)
        list.append(v.toString());
    return list;
}

} // namespace

class tst_PermissionMatrix final : public QObject
{
    Q_OBJECT

private:
    /// @brief A person of the test household with an open connection of their own.
    struct Person
    {
        QString id;
        QString name;
        QString role;
        QString token;
        QString session; ///< canonical key of their main session (they chatted there)
        QString runId; ///< a finished run of theirs
        QJsonObject hello;
        std::unique_ptr<ProtocolClient> client;
    };

    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<TestGateway> m_gateway;
    Person m_owner;
    /// "admin" (a second admin, not the owner), "user", "child", and "victim" (a user whose data
    /// the others try to reach).
    std::map<QString, Person> m_people;
    /// The tables of docs/users-and-roles.md: name → cells (admin, user, child, unauthenticated).
    QMap<QString, QStringList> m_methodTable;
    QMap<QString, QStringList> m_toolTable;
    int m_cells = 0;

    // ------------------------------------------------------------------ helpers

    void readDocTables()
    {
        QFile file(QDir(sourceDir()).filePath(u"docs/users-and-roles.md"_s));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(u"cannot read "_s + file.fileName()));
        const QString markdown = QString::fromUtf8(file.readAll());
        const auto load = [](const MarkdownTable &table, const QStringList &columns, QMap<QString, QStringList> *out) {
            QCOMPARE(table.columns, columns);
            QVERIFY(!table.rows.isEmpty());
            for (const QStringList &row : table.rows) {
                QVERIFY2(row.size() == columns.size(), qPrintable(row.join(u" | "_s)));
                QVERIFY2(!out->contains(row.first()), qPrintable(u"listed twice: "_s + row.first()));
                out->insert(row.first(), row.mid(1));
            }
        };
        load(tableAfter(markdown, u"### Methods"_s), METHOD_COLUMNS, &m_methodTable);
        if (QTest::currentTestFailed())
            return;
        load(tableAfter(markdown, u"### Tools"_s), TOOL_COLUMNS, &m_toolTable);
    }

    QString cell(const QString &method, const QString &role) const
    {
        return m_methodTable.value(method).value(int(ROLES.indexOf(role)));
    }

    /// Calls as the owner (the gateway token); a failure is logged and yields an empty payload.
    QJsonObject asOwner(const QString &method, const QJsonObject &params = {})
    {
        const QJsonObject response = m_owner.client->request(method, params);
        if (!response.value(u"ok"_s).toBool())
            qWarning().noquote() << "owner" << method << compact(params) << "failed:" << compact(response);
        return response.value(u"payload"_s).toObject();
    }

    /// Connects with `token` asking for every scope; the response lands in person->hello.
    void connectPerson(Person *person, const QString &token)
    {
        person->client = std::make_unique<ProtocolClient>();
        QVERIFY(person->client->open(m_gateway->wsUrl()));
        const QJsonObject response = person->client->connect(ProtocolClient::connectParams(token, 3, 4, ALL_SCOPES));
        QVERIFY2(response.value(u"ok"_s).toBool(), qPrintable(compact(response)));
        person->hello = response.value(u"payload"_s).toObject();
        QCOMPARE(person->hello.value(u"type"_s).toString(), u"hello-ok"_s);
    }

    /// users.create + users.token as the owner, then a connection with the personal token.
    void createPerson(Person *person, const QString &name, const QString &role)
    {
        person->name = name;
        person->role = role;
        const QJsonObject created = asOwner(u"users.create"_s, { { u"displayName"_s, name }, { u"role"_s, role } })
                                        .value(u"user"_s)
                                        .toObject();
        person->id = created.value(u"id"_s).toString();
        QVERIFY2(person->id.startsWith(u"u_"), qPrintable(compact(created)));
        QCOMPARE(created.value(u"role"_s).toString(), role);
        person->token = asOwner(u"users.token"_s, { { u"userId"_s, person->id } }).value(u"token"_s).toString();
        QVERIFY(!person->token.isEmpty());
        connectPerson(person, person->token);
    }

    /// chat.send on `session` and agent.wait until the run is over; the run id lands in *runId.
    void chatAndWait(Person &person, const QString &session, QString *runId, QString *canonical = nullptr)
    {
        const QJsonObject ack = person.client->request(u"chat.send"_s,
            { { u"sessionKey"_s, session }, { u"message"_s, QString(u"hello, this is "_s + person.name) },
                { u"idempotencyKey"_s, uniqueId() } });
        QVERIFY2(ack.value(u"ok"_s).toBool(), qPrintable(compact(ack)));
        *runId = ack.value(u"payload"_s).toObject().value(u"runId"_s).toString();
        if (canonical)
            *canonical = ack.value(u"payload"_s).toObject().value(u"sessionKey"_s).toString();
        const QJsonObject done
            = person.client->request(u"agent.wait"_s, { { u"runId"_s, *runId }, { u"timeoutMs"_s, WAIT_MS } });
        QVERIFY2(done.value(u"ok"_s).toBool(), qPrintable(compact(done)));
        QCOMPARE(done.value(u"payload"_s).toObject().value(u"status"_s).toString(), u"ok"_s);
    }

    /// A throwaway user created by the owner (for users.delete, users.token, identities.*).
    QString throwawayUser(const QString &role = u"user"_s)
    {
        return asOwner(
            u"users.create"_s, { { u"displayName"_s, QString(u"Temp "_s + uniqueId().left(8)) }, { u"role"_s, role } })
            .value(u"user"_s)
            .toObject()
            .value(u"id"_s)
            .toString();
    }

    bool userExists(const QString &id)
    {
        return m_owner.client->request(u"users.get"_s, { { u"userId"_s, id } }).value(u"ok"_s).toBool();
    }

    bool memoryExists(const QString &userId, qint64 memoryId)
    {
        const QJsonObject list = asOwner(u"memory.list"_s, { { u"userId"_s, userId }, { u"limit"_s, 500 } });
        for (const QJsonValue &m : list.value(u"memories"_s).toArray()) {
            if (m.toObject().value(u"id"_s).toInteger() == memoryId)
                return true;
        }
        return false;
    }

    /// Ground truth from the database: the sessions a user owns.
    QSet<QString> sessionsOf(const QString &userId) const
    {
        QSet<QString> keys;
        QSqlQuery q(m_gateway->service()->database()->connection());
        q.prepare(u"SELECT key FROM sessions WHERE user_id = ?"_s);
        q.addBindValue(userId);
        if (q.exec()) {
            while (q.next())
                keys.insert(q.value(0).toString());
        }
        return keys;
    }

    int countRows(const QString &sql, const QVariantList &binds = {}) const
    {
        QSqlQuery q(m_gateway->service()->database()->connection());
        q.prepare(sql);
        for (const QVariant &bind : binds)
            q.addBindValue(bind);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }

    /// The admin terminal (docs/terminal.md): what an approve, deny, kill, output or write needs
    /// is created for the admin only (the others are refused before it would matter).
    void terminalParams(const QString &method, const Person &caller, QJsonObject *p)
    {
        const bool admin = caller.role == u"admin";
        const auto submitted = [this](const QString &m, const QJsonObject &params) {
            return asOwner(m, params).value(u"id"_s).toInteger();
        };
        if (method == u"terminal.run") {
            *p = { { u"command"_s, u"true"_s } };
        } else if (method == u"terminal.approve" || method == u"terminal.deny") {
            const qint64 id = admin ? submitted(u"terminal.run"_s, { { u"command"_s, u"true; true"_s } }) : 1;
            QVERIFY(id > 0);
            *p = { { u"id"_s, id } };
        } else if (method == u"terminal.kill" || method == u"terminal.output") {
            const qint64 id = admin ? submitted(u"terminal.run"_s, { { u"command"_s, u"true"_s } }) : 1;
            QVERIFY(id > 0);
            *p = { { u"id"_s, id } };
        } else if (method == u"terminal.write") {
            qint64 id = 1;
            if (admin) {
                id = submitted(u"terminal.session"_s, {});
                QVERIFY(id > 0);
                QVERIFY(asOwner(u"terminal.approve"_s, { { u"id"_s, id } }).contains(u"id"_s));
            }
            *p = { { u"id"_s, id }, { u"data"_s, u"exit\n"_s } };
        }
    }

    /// Params valid for `method` called by `caller` on their own data (subject == nullptr) or on
    /// `subject`'s data. Creates what the call consumes (a memory, a user, an identity); *probe
    /// gets what to look at afterwards (the memory id, the user id, the new display name).
    void paramsFor(
        const QString &method, const Person &caller, const Person *subject, QJsonObject *params, QVariant *probe)
    {
        const Person &holder = subject ? *subject : caller; // whose data the call is about
        const QString session = subject ? subject->session : u"main"_s;
        QJsonObject p;
        if (method == u"agent" || method == u"chat.send") {
            p = { { u"sessionKey"_s, session }, { u"message"_s, QString(u"hello from "_s + caller.name) },
                { u"idempotencyKey"_s, uniqueId() } };
        } else if (method == u"agent.wait") {
            p = { { u"runId"_s, holder.runId }, { u"timeoutMs"_s, WAIT_MS } };
        } else if (method == u"chat.abort") {
            p = { { u"sessionKey"_s, session } };
        } else if (method == u"chat.history") {
            p = { { u"sessionKey"_s, session }, { u"limit"_s, 5 } };
        } else if (method == u"memory.add") {
            const QString content = u"likes tea, note "_s + uniqueId();
            p = { { u"content"_s, content } };
            *probe = content;
        } else if (method == u"memory.delete") {
            const qint64 id = asOwner(u"memory.add"_s,
                { { u"userId"_s, holder.id }, { u"content"_s, QString(u"to be deleted "_s + uniqueId()) } })
                                  .value(u"memory"_s)
                                  .toObject()
                                  .value(u"id"_s)
                                  .toInteger();
            QVERIFY(id > 0);
            p = { { u"id"_s, id } };
            *probe = id;
        } else if (method == u"memory.search") {
            p = { { u"query"_s, u"tea"_s } };
        } else if (method == u"skills.search") {
            p = { { u"query"_s, u"test"_s } };
        } else if (method == u"skills.install") {
            p = { { u"path"_s, writeSkill(u"s-"_s + uniqueId().left(8)) } };
        } else if (method == u"skills.enable" || method == u"skills.disable" || method == u"skills.remove") {
            const QString name = u"s-"_s + uniqueId().left(8);
            QVERIFY(asOwner(u"skills.install"_s, { { u"path"_s, writeSkill(name) } }).contains(u"skill"_s));
            p = { { u"name"_s, name } };
            if (method == u"skills.enable")
                p.insert(u"allowUnsigned"_s, true);
        } else if (method == u"users.update") {
            const QString name = subject ? QString(u"Victim "_s + uniqueId().left(8)) : caller.name;
            p = { { u"displayName"_s, name } };
            *probe = name;
        } else if (method == u"users.create") {
            p = { { u"displayName"_s, QString(u"Made by "_s + caller.name) }, { u"role"_s, u"child"_s } };
        } else if (method == u"users.delete" || method == u"users.token") {
            const QString id = throwawayUser();
            QVERIFY(!id.isEmpty());
            p = { { u"userId"_s, id } };
            *probe = id;
        } else if (method == u"identities.link") {
            const QString id = throwawayUser();
            QVERIFY(!id.isEmpty());
            p = { { u"userId"_s, id }, { u"channel"_s, u"telegram"_s }, { u"externalId"_s, uniqueId() } };
            *probe = id;
        } else if (method == u"identities.unlink") {
            // A user with two identities, so that one can move to a new user.
            const QString id = throwawayUser();
            QVERIFY(!id.isEmpty());
            const QString first = uniqueId();
            for (const QString &external : { first, uniqueId() }) {
                QVERIFY(asOwner(u"identities.link"_s,
                    { { u"userId"_s, id }, { u"channel"_s, u"telegram"_s }, { u"externalId"_s, external } })
                            .contains(u"user"_s));
            }
            p = { { u"channel"_s, u"telegram"_s }, { u"externalId"_s, first } };
            *probe = id;
        } else if (method == u"cron.list") {
            p = { { u"userId"_s, holder.id } };
        } else if (method == u"cron.add") {
            p = { { u"kind"_s, u"cron"_s }, { u"spec"_s, u"0 9 * * *"_s },
                { u"message"_s, QString(u"Reminder for "_s + holder.name) } };
        } else if (method == u"cron.update" || method == u"cron.remove" || method == u"cron.run"
            || method == u"cron.runs") {
            // A job of the holder, made by the owner.
            const qint64 id = asOwner(u"cron.add"_s,
                { { u"userId"_s, holder.id }, { u"kind"_s, u"cron"_s }, { u"spec"_s, u"0 9 * * *"_s },
                    { u"message"_s, u"a job"_s } })
                                  .value(u"job"_s)
                                  .toObject()
                                  .value(u"id"_s)
                                  .toInteger();
            QVERIFY(id > 0);
            p = { { u"id"_s, id } };
            if (method == u"cron.update")
                p.insert(u"spec"_s, u"30 9 * * *"_s);
            *probe = id;
        } else if (method == u"sessions.list") {
            p = { { u"limit"_s, 1000 } };
        } else if (method == u"audit.list") {
            p = { { u"limit"_s, 5 } };
        } else if (method == u"pairing.approve" || method == u"pairing.reject") {
            const auto code = m_gateway->service()->channels()->store()->pairingCode(
                u"loopback"_s, uniqueId(), u"Stranger"_s, u"chat-1"_s, QDateTime::currentMSecsSinceEpoch());
            QVERIFY(code.ok());
            p = { { u"channel"_s, u"loopback"_s }, { u"code"_s, *code } };
        } else if (method == u"send") {
            p = { { u"channel"_s, u"loopback"_s }, { u"to"_s, u"chat-1"_s }, { u"message"_s, u"hello"_s },
                { u"idempotencyKey"_s, uniqueId() } };
        } else if (method.startsWith(u"terminal.")) {
            terminalParams(method, caller, &p);
        }
        // Every other method takes no params (or only optional ones).
        if (subject && SUBJECT_METHODS.contains(method) && !p.contains(u"sessionKey"_s) && !p.contains(u"runId"_s))
            p.insert(u"userId"_s, subject->id);
        *params = p;
    }

    /// A refusal by the policy: FORBIDDEN with details.code POLICY_DENIED.
    static void verifyDenied(const QJsonObject &response, const QString &what)
    {
        QVERIFY2(!response.isEmpty(), qPrintable(what + u": no response"_s));
        QVERIFY2(!response.value(u"ok"_s).toBool(),
            qPrintable(what + u": allowed, expected FORBIDDEN: "_s + compact(response)));
        QVERIFY2(errorOf(response).value(u"code"_s).toString() == u"FORBIDDEN",
            qPrintable(what + u": expected FORBIDDEN: "_s + compact(response)));
        QVERIFY2(detailCode(response) == u"POLICY_DENIED",
            qPrintable(what + u": expected details.code POLICY_DENIED: "_s + compact(response)));
    }

    /// Allowed: ok:true (every call here has valid params and what it needs).
    static void verifyAllowed(const QJsonObject &response, const QString &what)
    {
        QVERIFY2(!response.isEmpty(), qPrintable(what + u": no response"_s));
        QVERIFY2(errorOf(response).value(u"code"_s).toString() != u"FORBIDDEN",
            qPrintable(what + u": refused, expected allowed: "_s + compact(response)));
        QVERIFY2(response.value(u"ok"_s).toBool(), qPrintable(what + u": failed: "_s + compact(response)));
    }

    /// What an allowed call returned is about the right person (and, for listings, only about
    /// the caller when the cell is "own").
    void verifyResult(const QString &method, const Person &caller, const Person *subject, bool admin,
        const QJsonObject &payload, const QVariant &probe)
    {
        const QString subjectId = subject ? subject->id : caller.id;
        const QString what = method + u" as "_s + caller.role + (subject ? u" on another user's data"_s : QString());
        if (method == u"users.get" || method == u"users.update") {
            QCOMPARE(payload.value(u"user"_s).toObject().value(u"id"_s).toString(), subjectId);
            if (method == u"users.update")
                QCOMPARE(payload.value(u"user"_s).toObject().value(u"displayName"_s).toString(), probe.toString());
        } else if (method == u"users.export") {
            QCOMPARE(payload.value(u"format"_s).toString(), u"skynet.user-export.v1"_s);
            QCOMPARE(payload.value(u"user"_s).toObject().value(u"id"_s).toString(), subjectId);
        } else if (method == u"memory.list" || method == u"memory.search") {
            QCOMPARE(payload.value(u"userId"_s).toString(), subjectId);
        } else if (method == u"memory.add") {
            const QJsonObject memory = payload.value(u"memory"_s).toObject();
            QCOMPARE(memory.value(u"userId"_s).toString(), subjectId);
            QCOMPARE(memory.value(u"content"_s).toString(), probe.toString());
        } else if (method == u"memory.delete") {
            QVERIFY2(!memoryExists(subjectId, probe.toLongLong()), qPrintable(what + u": memory still there"_s));
        } else if (method == u"chat.send" || method == u"agent" || method == u"chat.history") {
            const QString expected = subject ? subject->session : u"agent:main:u:%1:main"_s.arg(caller.id);
            QCOMPARE(payload.value(u"sessionKey"_s).toString(), expected);
            if (method != u"chat.history")
                QVERIFY(!payload.value(u"runId"_s).toString().isEmpty());
        } else if (method == u"agent.wait") {
            QCOMPARE(payload.value(u"runId"_s).toString(), subject ? subject->runId : caller.runId);
            QCOMPARE(payload.value(u"status"_s).toString(), u"ok"_s);
        } else if (method == u"chat.abort") {
            QCOMPARE(payload.value(u"ok"_s).toBool(), true);
        } else if (method == u"identities.code") {
            QVERIFY(QRegularExpression(u"^[0-9A-Z]{5}-[0-9A-Z]{5}$"_s)
                        .match(payload.value(u"code"_s).toString())
                        .hasMatch());
        } else if (method == u"users.create") {
            QCOMPARE(payload.value(u"user"_s).toObject().value(u"role"_s).toString(), u"child"_s);
        } else if (method == u"users.delete") {
            QVERIFY2(!userExists(probe.toString()), qPrintable(what + u": the user is still there"_s));
        } else if (method == u"users.token") {
            QCOMPARE(payload.value(u"userId"_s).toString(), probe.toString());
            QVERIFY(!payload.value(u"token"_s).toString().isEmpty());
        } else if (method == u"identities.link") {
            QCOMPARE(payload.value(u"user"_s).toObject().value(u"id"_s).toString(), probe.toString());
        } else if (method == u"identities.unlink") {
            const QString fresh = payload.value(u"user"_s).toObject().value(u"id"_s).toString();
            QVERIFY(fresh.startsWith(u"u_"));
            QVERIFY(fresh != probe.toString());
        } else if (method == u"users.list") {
            QVERIFY(payload.value(u"total"_s).toInt() >= 5);
        } else if (method == u"audit.verify") {
            QCOMPARE(payload.value(u"ok"_s).toBool(), true);
        } else if (method == u"config.get") {
            QVERIFY(payload.value(u"config"_s).isObject());
        } else if (method == u"cron.add" || method == u"cron.update") {
            QCOMPARE(payload.value(u"job"_s).toObject().value(u"userId"_s).toString(), subjectId);
        } else if (method == u"cron.list") {
            for (const QJsonValue &job : payload.value(u"jobs"_s).toArray())
                QCOMPARE(job.toObject().value(u"userId"_s).toString(), subjectId);
        } else if (method == u"cron.remove") {
            QCOMPARE(countRows(u"SELECT COUNT(*) FROM scheduler_jobs WHERE id = ?"_s, { probe }), 0);
        } else if (method == u"cron.run") {
            QCOMPARE(payload.value(u"firing"_s).toObject().value(u"jobId"_s).toInteger(), probe.toLongLong());
        } else if (method == u"cron.runs") {
            QCOMPARE(payload.value(u"id"_s).toInteger(), probe.toLongLong());
        }
        if (!LISTING_METHODS.contains(method))
            return;

        // Listings: admins see every session and everyone's usage, the others only their own.
        const QSet<QString> own = sessionsOf(caller.id);
        QVERIFY(own.contains(caller.session));
        const int all = countRows(u"SELECT COUNT(*) FROM sessions"_s);
        QVERIFY(all > own.size());
        QSet<QString> listed;
        int count = -1;
        if (method == u"sessions.list") {
            for (const QJsonValue &s : payload.value(u"sessions"_s).toArray())
                listed.insert(s.toObject().value(u"key"_s).toString());
            count = payload.value(u"totalCount"_s).toInt();
        } else if (method == u"health" || method == u"status") {
            const QJsonObject sessions = payload.value(u"sessions"_s).toObject();
            for (const QJsonValue &s : sessions.value(u"recent"_s).toArray())
                listed.insert(s.toObject().value(u"key"_s).toString());
            count = sessions.value(u"count"_s).toInt();
            if (method == u"status") {
                // Process details and policy counts for admins only.
                QCOMPARE(payload.contains(u"pid"_s), admin);
                QCOMPARE(payload.contains(u"people"_s), admin);
            }
        } else {
            for (const QJsonValue &s : payload.value(u"bySession"_s).toArray())
                listed.insert(s.toObject().value(u"sessionKey"_s).toString());
            QSet<QString> users;
            for (const QJsonValue &u : payload.value(u"byUser"_s).toArray())
                users.insert(u.toObject().value(u"userId"_s).toString());
            if (admin) {
                QVERIFY2(users.contains(m_people.at(u"victim"_s).id), qPrintable(what + u": "_s + compact(payload)));
            } else {
                QVERIFY2(users.isEmpty(), qPrintable(what + u": byUser for a non-admin: "_s + compact(payload)));
                QVERIFY2(listed.contains(caller.session), qPrintable(what + u": own usage missing"_s));
            }
        }
        if (admin) {
            if (count >= 0)
                QCOMPARE(count, all);
            if (method == u"sessions.list")
                QVERIFY(listed.contains(m_people.at(u"victim"_s).session));
        } else {
            if (count >= 0)
                QCOMPARE(count, int(own.size()));
            const QSet<QString> foreign = listed - own;
            QVERIFY2(foreign.isEmpty(),
                qPrintable(what + u": lists other users' sessions: "_s + QStringList(foreign.values()).join(u", "_s)));
            if (method == u"sessions.list")
                QCOMPARE(listed, own);
        }
    }

    /// After a refused call: nothing happened to the data it aimed at.
    void verifyNoEffect(const QString &method, const Person *subject, const QVariant &probe, int runsBefore)
    {
        if (method == u"users.delete" || method == u"users.token" || method == u"identities.link") {
            QVERIFY2(userExists(probe.toString()), "a refused call changed the user");
            if (method == u"identities.link") {
                const QJsonObject got = asOwner(u"users.get"_s, { { u"userId"_s, probe.toString() } });
                QCOMPARE(got.value(u"identities"_s).toArray().size(), 0);
            }
        } else if (method == u"identities.unlink") {
            const QJsonObject got = asOwner(u"users.get"_s, { { u"userId"_s, probe.toString() } });
            QCOMPARE(got.value(u"identities"_s).toArray().size(), 2);
        } else if ((method == u"cron.remove" || method == u"cron.update") && subject) {
            QCOMPARE(
                countRows(u"SELECT COUNT(*) FROM scheduler_jobs WHERE id = ? AND spec = '0 9 * * *'"_s, { probe }), 1);
        } else if (method == u"cron.run" && subject) {
            QCOMPARE(countRows(u"SELECT COUNT(*) FROM scheduler_runs WHERE job_id = ?"_s, { probe }), 0);
        } else if (method == u"memory.delete" && subject) {
            QVERIFY2(memoryExists(subject->id, probe.toLongLong()), "a refused memory.delete deleted the memory");
        } else if (method == u"memory.add" && subject) {
            const QJsonObject list = asOwner(u"memory.list"_s, { { u"userId"_s, subject->id }, { u"limit"_s, 500 } });
            for (const QJsonValue &m : list.value(u"memories"_s).toArray())
                QVERIFY2(m.toObject().value(u"content"_s).toString() != probe.toString(),
                    "a refused memory.add saved the memory");
        } else if (method == u"users.update" && subject) {
            const QJsonObject got = asOwner(u"users.get"_s, { { u"userId"_s, subject->id } });
            QVERIFY(got.value(u"user"_s).toObject().value(u"displayName"_s).toString() != probe.toString());
        } else if ((method == u"chat.send" || method == u"agent") && subject) {
            QCOMPARE(countRows(u"SELECT COUNT(*) FROM runs WHERE session_key = ?"_s, { subject->session }), runsBefore);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        readDocTables();
        if (QTest::currentTestFailed())
            return;
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
        const QString url = m_ollama->baseUrl().toString();
        m_gateway = std::make_unique<TestGateway>([url](Gateway::Config::Settings &s) {
            s.providers.ollama.baseUrl = url;
            s.providers.ollama.model = u"llama3.2"_s;
            s.providers.ollama.maxRetries = 0;
            s.terminal.enabled = true; // its methods and tools are in the tables too
            s.terminal.allowlist = u"true"_s;
        });
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));

        // A channel for send and the pairing methods.
        auto *loopback = new TestSupport::LoopbackChannel();
        m_gateway->service()->channels()->add(loopback);
        loopback->start();

        m_owner.name = u"Owner"_s;
        m_owner.role = u"admin"_s;
        m_owner.token = m_gateway->token();
        connectPerson(&m_owner, m_owner.token);
        if (QTest::currentTestFailed())
            return;
        m_owner.id = m_gateway->service()->people()->ownerId();
        QVERIFY(m_owner.id.startsWith(u"u_"));
        QCOMPARE(toStrings(m_owner.hello.value(u"auth"_s).toObject().value(u"scopes"_s).toArray()), ALL_SCOPES);

        const QList<std::pair<QString, QString>> people { { u"admin"_s, u"Ada"_s }, { u"user"_s, u"Ulrich"_s },
            { u"child"_s, u"Chloe"_s }, { u"victim"_s, u"Victor"_s } };
        for (const auto &[key, name] : people) {
            Person &person = m_people[key];
            createPerson(&person, name, key == u"victim" ? u"user"_s : key);
            if (QTest::currentTestFailed())
                return;
            // Non-admins are capped to read and write whatever they ask for.
            const QStringList scopes = toStrings(person.hello.value(u"auth"_s).toObject().value(u"scopes"_s).toArray());
            const QStringList capped { u"operator.read"_s, u"operator.write"_s };
            QCOMPARE(scopes, person.role == u"admin" ? ALL_SCOPES : capped);
        }
        // Everyone has a finished run in their main session; the owner in agent:main:main.
        chatAndWait(m_owner, u"main"_s, &m_owner.runId, &m_owner.session);
        QCOMPARE(m_owner.session, u"agent:main:main"_s);
        for (auto &[key, person] : m_people) {
            chatAndWait(person, u"main"_s, &person.runId, &person.session);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(person.session, u"agent:main:u:%1:main"_s.arg(person.id));
        }
        // The victim has a memory others might search for.
        QVERIFY(
            asOwner(u"memory.add"_s, { { u"userId"_s, m_people.at(u"victim"_s).id }, { u"content"_s, u"likes tea"_s } })
                .contains(u"memory"_s));
    }

    void cleanupTestCase()
    {
        qInfo("%d matrix cells checked", m_cells);
        m_people.clear();
        m_owner.client.reset();
        m_gateway.reset();
        m_ollama.reset();
    }

    /// The documented tables are the policy in the code, cell by cell.
    void docTableMatchesPolicy()
    {
        QMap<QString, QStringList> code;
        for (const Gateway::People::MethodRule &rule : Policy::methodRules()) {
            QVERIFY2(!code.contains(rule.method), qPrintable(u"two rules for "_s + rule.method));
            code.insert(rule.method, { cellOf(rule.admin), cellOf(rule.user), cellOf(rule.child), NONE });
        }
        QStringList mismatches;
        const QStringList names = QSet<QString>(m_methodTable.keyBegin(), m_methodTable.keyEnd())
                                      .unite(QSet<QString>(code.keyBegin(), code.keyEnd()))
                                      .values();
        for (const QString &method : names) {
            if (!code.contains(method)) {
                mismatches.append(method + u": documented, but the policy has no rule"_s);
                continue;
            }
            if (!m_methodTable.contains(method)) {
                mismatches.append(method + u": in the policy, but not documented"_s);
                continue;
            }
            for (int i = 0; i < METHOD_COLUMNS.size() - 1; ++i) {
                const QString documented = m_methodTable.value(method).at(i);
                if (documented != code.value(method).at(i))
                    mismatches.append(u"%1 / %2: the doc says \"%3\", the policy \"%4\""_s.arg(
                        method, METHOD_COLUMNS.at(i + 1), documented, code.value(method).at(i)));
            }
        }
        mismatches.sort();
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(u"\n"_s)));

        // The policy object decides exactly what its table says; nobody unauthenticated gets anything;
        // an unclassified method is for admins only.
        Policy policy;
        for (const Gateway::People::MethodRule &rule : Policy::methodRules()) {
            QVERIFY2(!policy.method(Actor {}, rule.method), qPrintable(rule.method));
            for (const QString &role : ROLES) {
                const Access access = Policy::access(rule, roleOf(role));
                const Gateway::People::Decision decision
                    = policy.method(Actor { u"u_0123456789abcdef"_s, roleOf(role), u"operator"_s }, rule.method);
                QVERIFY2(decision.allowed == (access != Access::None), qPrintable(rule.method + u" as "_s + role));
                QVERIFY2(decision.ownOnly == (access == Access::Own), qPrintable(rule.method + u" as "_s + role));
            }
        }
        QVERIFY(policy.method(Actor { u"u_0123456789abcdef"_s, Role::Admin, u"operator"_s }, u"future.method"_s));
        QVERIFY(!policy.method(Actor { u"u_0123456789abcdef"_s, Role::User, u"operator"_s }, u"future.method"_s));
        QVERIFY(!policy.method(Actor { u"u_0123456789abcdef"_s, Role::Child, u"operator"_s }, u"future.method"_s));

        // Tools: admin/user "yes" iff the role reaches the minimum; a child's default set.
        QMap<QString, QStringList> tools;
        for (const Gateway::People::ToolRule &rule : Policy::toolRules()) {
            QVERIFY2(!tools.contains(rule.tool), qPrintable(u"two rules for "_s + rule.tool));
            const auto yes = [](bool b) { return b ? u"yes"_s : NONE; };
            tools.insert(rule.tool,
                { yes(Gateway::People::atLeast(Role::Admin, rule.minimum)),
                    yes(Gateway::People::atLeast(Role::User, rule.minimum)),
                    yes(rule.childDefault && Gateway::People::atLeast(Role::Child, rule.minimum)), NONE });
        }
        QCOMPARE(m_toolTable.keys(), tools.keys());
        for (auto it = tools.cbegin(); it != tools.cend(); ++it)
            QCOMPARE(m_toolTable.value(it.key()), it.value());
    }

    /// Every method the gateway serves is classified in the table, and nothing else is listed.
    void everyServedMethodIsInTheTable()
    {
        QStringList served = toStrings(m_owner.hello.value(u"features"_s).toObject().value(u"methods"_s).toArray());
        served.sort();
        QStringList documented = m_methodTable.keys();
        documented.sort();
        const QSet<QString> servedSet(served.cbegin(), served.cend());
        const QSet<QString> documentedSet(documented.cbegin(), documented.cend());
        QVERIFY2((servedSet - documentedSet).isEmpty(),
            qPrintable(
                u"served but not in the table: "_s + QStringList((servedSet - documentedSet).values()).join(u", "_s)));
        QVERIFY2((documentedSet - servedSet).isEmpty(),
            qPrintable(
                u"in the table but not served: "_s + QStringList((documentedSet - servedSet).values()).join(u", "_s)));
        QCOMPARE(served, documented);
        // Non-admins are told about the same methods (the policy, not the list, refuses).
        for (const auto &[key, person] : m_people) {
            QStringList theirs = toStrings(person.hello.value(u"features"_s).toObject().value(u"methods"_s).toArray());
            theirs.sort();
            QCOMPARE(theirs, served);
        }
    }

    void matrix_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("role");
        for (auto it = m_methodTable.cbegin(); it != m_methodTable.cend(); ++it) {
            for (const QString &role : ROLES)
                QTest::addRow("%s as %s", qPrintable(it.key()), qPrintable(role)) << it.key() << role;
        }
    }

    /// Every method as admin, user and child: on their own data, then on another user's.
    void matrix()
    {
        QFETCH(QString, method);
        QFETCH(QString, role);
        const QString expected = cell(method, role);
        QVERIFY2(expected == u"all" || expected == u"own" || expected == NONE, qPrintable(expected));
        Person &caller = m_people.at(role);
        const Person &victim = m_people.at(u"victim"_s);
        const bool admin = role == u"admin";

        // Own data (or no data at all).
        QJsonObject params;
        QVariant probe;
        paramsFor(method, caller, nullptr, &params, &probe);
        if (QTest::currentTestFailed())
            return;
        QJsonObject response = caller.client->request(method, params);
        ++m_cells;
        const QString what = method + u" as "_s + role;
        if (expected == NONE) {
            verifyDenied(response, what);
            if (QTest::currentTestFailed())
                return;
            verifyNoEffect(method, nullptr, probe, 0);
        } else {
            verifyAllowed(response, what);
            if (QTest::currentTestFailed())
                return;
            verifyResult(method, caller, nullptr, admin, response.value(u"payload"_s).toObject(), probe);
        }
        if (QTest::currentTestFailed())
            return;

        // Another user's data: "own" refuses it, "all" allows it.
        if (SUBJECT_METHODS.contains(method)) {
            paramsFor(method, caller, &victim, &params, &probe);
            if (QTest::currentTestFailed())
                return;
            const int runsBefore = countRows(u"SELECT COUNT(*) FROM runs WHERE session_key = ?"_s, { victim.session });
            response = caller.client->request(method, params);
            ++m_cells;
            const QString whatOther = what + u" on another user's data "_s + compact(params);
            if (expected == u"all") {
                verifyAllowed(response, whatOther);
                if (QTest::currentTestFailed())
                    return;
                verifyResult(method, caller, &victim, admin, response.value(u"payload"_s).toObject(), probe);
            } else {
                verifyDenied(response, whatOther);
                if (QTest::currentTestFailed())
                    return;
                verifyNoEffect(method, &victim, probe, runsBefore);
            }
            if (QTest::currentTestFailed())
                return;
        }

        // The session of the owner (an admin) is someone else's data too.
        if (method == u"chat.history" || method == u"chat.abort") {
            response = caller.client->request(method, { { u"sessionKey"_s, m_owner.session } });
            ++m_cells;
            if (expected == u"all")
                verifyAllowed(response, what + u" on the owner's session"_s);
            else
                verifyDenied(response, what + u" on the owner's session"_s);
            if (QTest::currentTestFailed())
                return;
        }

        // "own" is about ids too: another user's memory id without a userId deletes nothing.
        if (method == u"memory.delete" && expected == u"own") {
            const qint64 id = asOwner(
                u"memory.add"_s, { { u"userId"_s, victim.id }, { u"content"_s, QString(u"keep me "_s + uniqueId()) } })
                                  .value(u"memory"_s)
                                  .toObject()
                                  .value(u"id"_s)
                                  .toInteger();
            QVERIFY(id > 0);
            response = caller.client->request(method, { { u"id"_s, id } });
            ++m_cells;
            QVERIFY2(!response.value(u"ok"_s).toBool(), qPrintable(compact(response)));
            QVERIFY(memoryExists(victim.id, id));
        }
        // A user may edit their profile, never their role, budget or allowlists.
        if (method == u"users.update" && expected == u"own") {
            for (const QJsonObject &restricted : { QJsonObject { { u"role"_s, u"admin"_s } },
                     QJsonObject { { u"dailyTokenBudget"_s, 0 } }, QJsonObject { { u"allowedTools"_s, QJsonValue() } },
                     QJsonObject { { u"allowedModels"_s, QJsonArray { u"anthropic"_s } } },
                     QJsonObject { { u"quietHours"_s, u""_s } } }) {
                response = caller.client->request(method, restricted);
                ++m_cells;
                verifyDenied(response, what + u" "_s + compact(restricted));
                if (QTest::currentTestFailed())
                    return;
            }
            const QJsonObject got = asOwner(u"users.get"_s, { { u"userId"_s, caller.id } });
            QCOMPARE(got.value(u"user"_s).toObject().value(u"role"_s).toString(), role);
        }
    }

    void unauthenticated_data()
    {
        QTest::addColumn<QString>("method");
        for (auto it = m_methodTable.cbegin(); it != m_methodTable.cend(); ++it) {
            QVERIFY2(it.value().last() == NONE, qPrintable(it.key()));
            QTest::addRow("%s", qPrintable(it.key())) << it.key();
        }
    }

    /// Nothing before the handshake: any method as the first frame closes the connection.
    void unauthenticated()
    {
        QFETCH(QString, method);
        ProtocolClient raw;
        QVERIFY(raw.open(m_gateway->wsUrl()));
        const QJsonObject response = raw.request(method, { { u"userId"_s, m_owner.id } });
        ++m_cells;
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        QCOMPARE(
            errorOf(response).value(u"message"_s).toString(), u"invalid handshake: first request must be connect"_s);
        QCOMPARE(raw.waitForClose(), 1008);
    }

    /// A wrong token, a revoked personal token and the token of a deleted user do not connect.
    void badTokensDoNotConnect()
    {
        ProtocolClient wrong;
        QVERIFY(wrong.open(m_gateway->wsUrl()));
        QJsonObject response = wrong.connect(ProtocolClient::connectParams(u"not-the-token"_s, 3, 4, ALL_SCOPES));
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QCOMPARE(detailCode(response), u"AUTH_TOKEN_MISMATCH"_s);
        QCOMPARE(wrong.waitForClose(), 1008);

        for (const bool deleteUser : { false, true }) {
            const QString id = throwawayUser(u"admin"_s);
            QVERIFY(!id.isEmpty());
            const QString token = asOwner(u"users.token"_s, { { u"userId"_s, id } }).value(u"token"_s).toString();
            QVERIFY(!token.isEmpty());
            if (deleteUser)
                QVERIFY(asOwner(u"users.delete"_s, { { u"userId"_s, id } }).value(u"ok"_s).toBool());
            else
                QCOMPARE(asOwner(u"users.token"_s, { { u"userId"_s, id }, { u"revoke"_s, true } })
                             .value(u"revoked"_s)
                             .toInt(),
                    1);
            ProtocolClient client;
            QVERIFY(client.open(m_gateway->wsUrl()));
            response = client.connect(ProtocolClient::connectParams(token, 3, 4, ALL_SCOPES));
            QVERIFY2(!response.value(u"ok"_s).toBool(), qPrintable(compact(response)));
            QCOMPARE(detailCode(response), u"AUTH_TOKEN_MISMATCH"_s);
            QCOMPARE(client.waitForClose(), 1008);
        }
    }

    /// Tools by role from the doc table, an unknown tool, a child's allowlist, and a refused tool
    /// call in a real run.
    void toolsMatrix()
    {
        const Gateway::Service *service = m_gateway->service();
        // Every tool the runtime offers is classified.
        QStringList registered;
        for (const Gateway::Providers::ToolSpec &spec : service->chatRuntime()->tools().specs())
            registered.append(spec.name);
        registered.sort();
        QCOMPARE(registered, m_toolTable.keys());

        QStringList names = m_toolTable.keys();
        const QString unknown = u"shell_exec"_s;
        names.append(unknown);
        Policy policy;
        for (const QString &role : ROLES) {
            User user;
            user.id = u"u_00000000000000%1"_s.arg(ROLES.indexOf(role));
            user.displayName = role;
            user.role = roleOf(role);
            QStringList expectedAll;
            for (const QString &tool : std::as_const(names)) {
                // Unclassified tools are admin-only.
                const bool expected = tool == unknown ? role == u"admin"
                                                      : m_toolTable.value(tool).at(int(ROLES.indexOf(role))) == u"yes";
                if (expected)
                    expectedAll.append(tool);
                ++m_cells;
                QVERIFY2(policy.allowedTools(user, { tool }) == (expected ? QStringList { tool } : QStringList()),
                    qPrintable(tool + u" as "_s + role));
                QVERIFY2(bool(policy.tool(user, tool)) == expected, qPrintable(tool + u" as "_s + role));
            }
            expectedAll.sort();
            QCOMPARE(policy.allowedTools(user, names), expectedAll);
        }

        // A child with an admin-set allowlist gets exactly that.
        Person kid;
        createPerson(&kid, u"Kim"_s, u"child"_s);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject updated = asOwner(
            u"users.update"_s, { { u"userId"_s, kid.id }, { u"allowedTools"_s, QJsonArray { u"current_time"_s } } });
        QCOMPARE(
            updated.value(u"user"_s).toObject().value(u"allowedTools"_s).toArray(), QJsonArray { u"current_time"_s });
        const std::optional<User> stored = service->people()->user(kid.id);
        QVERIFY(stored.has_value());
        QCOMPARE(policy.allowedTools(*stored, names), QStringList { u"current_time"_s });
        for (const QString &tool : std::as_const(names)) {
            ++m_cells;
            QVERIFY2(bool(policy.tool(*stored, tool)) == (tool == u"current_time"), qPrintable(tool));
        }

        // End to end: the model asks for memory_save on behalf of that child (no other run may
        // take the scripted turns).
        QTRY_COMPARE_WITH_TIMEOUT(service->chatRuntime()->activeRuns(), 0, WAIT_MS);
        m_ollama->server().clearRequests();
        m_ollama->enqueue(FakeOllama::Turn::toolCall(
            u"memory_save"_s, QJsonObject { { u"content"_s, u"the secret word is pumpernickel"_s } }));
        m_ollama->enqueue(FakeOllama::Turn::text({ u"I cannot save that."_s }));
        QString runId;
        chatAndWait(kid, u"main"_s, &runId);
        if (QTest::currentTestFailed())
            return;
        const QList<Fakes::RecordedRequest> requests = m_ollama->server().requests();
        QList<QJsonObject> chats;
        for (const Fakes::RecordedRequest &request : requests) {
            if (request.path == u"/api/chat")
                chats.append(request.json());
        }
        QCOMPARE(chats.size(), 2);
        // Offered only what the child may call.
        QStringList offered;
        for (const QJsonValue &tool : chats.first().value(u"tools"_s).toArray())
            offered.append(tool.toObject().value(u"function"_s).toObject().value(u"name"_s).toString());
        QCOMPARE(offered, QStringList { u"current_time"_s });
        // The call was refused with a tool error the model saw.
        const QJsonArray messages = chats.last().value(u"messages"_s).toArray();
        const QJsonObject toolMessage = messages.last().toObject();
        QCOMPARE(toolMessage.value(u"role"_s).toString(), u"tool"_s);
        QVERIFY2(
            toolMessage.value(u"content"_s).toString().contains(u"not allowed"_s), qPrintable(compact(toolMessage)));
        // ... is in the transcript as an error ...
        const QJsonObject history
            = kid.client->request(u"chat.history"_s, { { u"sessionKey"_s, u"main"_s }, { u"limit"_s, 50 } })
                  .value(u"payload"_s)
                  .toObject();
        bool sawError = false;
        for (const QJsonValue &m : history.value(u"messages"_s).toArray()) {
            for (const QJsonValue &part : m.toObject().value(u"content"_s).toArray()) {
                const QJsonObject o = part.toObject();
                if (o.value(u"type"_s) == u"toolResult"_s && o.value(u"toolName"_s) == u"memory_save"_s)
                    sawError = o.value(u"isError"_s).toBool();
            }
        }
        QVERIFY2(sawError, qPrintable(compact(history)));
        // ... saved nothing ...
        const QJsonObject memories = asOwner(u"memory.list"_s, { { u"userId"_s, kid.id } });
        QCOMPARE(memories.value(u"userId"_s).toString(), kid.id);
        QCOMPARE(memories.value(u"total"_s).toInt(), 0);
        // ... and was audited.
        bool audited = false;
        for (const QJsonValue &e : asOwner(u"audit.list"_s, { { u"action"_s, u"policy.deny"_s }, { u"limit"_s, 1000 } })
                                       .value(u"entries"_s)
                                       .toArray()) {
            const QJsonObject entry = e.toObject();
            audited |= entry.value(u"actor"_s) == kid.id && entry.value(u"target"_s) == u"memory_save"_s;
        }
        QVERIFY(audited);
    }

    /// Refusals are counted (status shows admins the counts) and written to the audit log.
    void deniesAreCounted()
    {
        Person &admin = m_people.at(u"admin"_s);
        Person &user = m_people.at(u"user"_s);
        Person &child = m_people.at(u"child"_s);
        // No run of an earlier test may count a denial in between.
        QTRY_COMPARE_WITH_TIMEOUT(m_gateway->service()->chatRuntime()->activeRuns(), 0, WAIT_MS);
        const auto people = [&admin] {
            return admin.client->request(u"status"_s).value(u"payload"_s).toObject().value(u"people"_s).toObject();
        };
        const QJsonObject before = people();
        QVERIFY2(before.value(u"denials"_s).isDouble(), qPrintable(compact(before)));
        const qint64 denials = before.value(u"denials"_s).toInteger();
        const QJsonObject byKind = before.value(u"denialsByKind"_s).toObject();
        const qint64 scopeDenials = before.value(u"scopeDenials"_s).toInteger();

        verifyDenied(child.client->request(u"config.get"_s), u"config.get as child"_s);
        verifyDenied(
            user.client->request(u"memory.list"_s, { { u"userId"_s, m_people.at(u"victim"_s).id } }), u"memory.list"_s);
        // A missing connection scope is refused too (MISSING_SCOPE) and counted.
        ProtocolClient reader;
        QVERIFY(reader.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.read"_s }));
        const QJsonObject missing = reader.request(u"memory.add"_s, { { u"content"_s, u"x"_s } });
        QCOMPARE(errorOf(missing).value(u"code"_s).toString(), u"FORBIDDEN"_s);
        QCOMPARE(detailCode(missing), u"MISSING_SCOPE"_s);

        const QJsonObject after = people();
        QCOMPARE(after.value(u"denials"_s).toInteger(), denials + 3);
        QCOMPARE(after.value(u"scopeDenials"_s).toInteger(), scopeDenials + 1);
        const QJsonObject byKindAfter = after.value(u"denialsByKind"_s).toObject();
        QCOMPARE(byKindAfter.value(u"method"_s).toInteger(), byKind.value(u"method"_s).toInteger() + 1);
        QCOMPARE(byKindAfter.value(u"data"_s).toInteger(), byKind.value(u"data"_s).toInteger() + 1);
        // Only admins see them.
        QVERIFY(!user.client->request(u"status"_s).value(u"payload"_s).toObject().contains(u"people"_s));

        // Audited (at most once per caller and target every 10 s, so an earlier entry counts).
        bool method = false;
        bool data = false;
        for (const QJsonValue &e : asOwner(u"audit.list"_s, { { u"action"_s, u"policy.deny"_s }, { u"limit"_s, 1000 } })
                                       .value(u"entries"_s)
                                       .toArray()) {
            const QJsonObject entry = e.toObject();
            QCOMPARE(entry.value(u"action"_s).toString(), u"policy.deny"_s);
            method |= entry.value(u"actor"_s) == child.id && entry.value(u"target"_s) == u"config.get"_s;
            data |= entry.value(u"actor"_s) == user.id && entry.value(u"target"_s) == u"memory.list"_s;
        }
        QVERIFY(method);
        QVERIFY(data);
        QVERIFY(asOwner(u"audit.verify"_s).value(u"ok"_s).toBool());
    }

    void foreignSessionsCannotBeClaimed_data()
    {
        QTest::addColumn<bool>("ownerNamespace");
        QTest::addRow("another user's main") << false;
        QTest::addRow("the owner's namespace") << true;
    }

    /// A session key in someone else's namespace is theirs even before they use it: nobody else
    /// may start it (and so own it, lock them out and read what they later say there).
    void foreignSessionsCannotBeClaimed()
    {
        QFETCH(bool, ownerNamespace);
        Person fresh;
        createPerson(&fresh, u"Fiona"_s, u"child"_s);
        if (QTest::currentTestFailed())
            return;
        Person &user = m_people.at(u"user"_s);
        const QString theirMain = u"agent:main:u:%1:main"_s.arg(fresh.id);
        // Keys without "u:<id>" are the owner's (an unused "notes" session of the owner here).
        const QString key = ownerNamespace ? QString(u"agent:main:notes-"_s + uniqueId().left(8)) : theirMain;
        verifyDenied(
            user.client->request(u"chat.send"_s,
                { { u"sessionKey"_s, key }, { u"message"_s, u"/whoami"_s }, { u"idempotencyKey"_s, uniqueId() } }),
            u"chat.send as user on an unused session of someone else: "_s + key);
        if (QTest::currentTestFailed() || ownerNamespace)
            return;
        // The rightful user still has their main session.
        const QJsonObject own = fresh.client->request(u"chat.send"_s,
            { { u"sessionKey"_s, u"main"_s }, { u"message"_s, u"/whoami"_s }, { u"idempotencyKey"_s, uniqueId() } });
        verifyAllowed(own, u"chat.send as child on their own main session"_s);
        QCOMPARE(own.value(u"payload"_s).toObject().value(u"sessionKey"_s).toString(), theirMain);
        QCOMPARE(sessionsOf(fresh.id), QSet<QString> { theirMain });
    }

    void roleChangesReachOpenConnections_data()
    {
        QTest::addColumn<bool>("deleteUser");
        QTest::addRow("admin demoted to child") << false;
        QTest::addRow("admin deleted") << true;
    }

    /// A personal token's connection acts as the user as they are now: a demoted admin loses the
    /// admin methods at once, a deleted admin everything.
    void roleChangesReachOpenConnections()
    {
        QFETCH(bool, deleteUser);
        Person admin;
        createPerson(&admin, deleteUser ? u"Dirk"_s : u"Dora"_s, u"admin"_s);
        if (QTest::currentTestFailed())
            return;
        verifyAllowed(admin.client->request(u"users.list"_s), u"users.list as admin"_s);
        if (deleteUser) {
            QVERIFY(asOwner(u"users.delete"_s, { { u"userId"_s, admin.id } }).value(u"ok"_s).toBool());
        } else {
            QCOMPARE(asOwner(u"users.update"_s, { { u"userId"_s, admin.id }, { u"role"_s, u"child"_s } })
                         .value(u"user"_s)
                         .toObject()
                         .value(u"role"_s)
                         .toString(),
                u"child"_s);
        }
        // Refused, or the connection is closed (an empty response).
        const QJsonObject token = admin.client->request(u"users.token"_s, { { u"userId"_s, m_owner.id } });
        QVERIFY2(!token.value(u"ok"_s).toBool(),
            qPrintable(u"%1: its open connection still issued a token for the owner: "_s.arg(
                           QString::fromUtf8(QTest::currentDataTag()))
                + compact(token)));
    }

    /// identities.link merges the identity's user into the target, but never the owner (who can be
    /// neither deleted nor demoted), whichever of the owner's identities is named.
    void ownerCannotBeMergedAway()
    {
        TestGateway gateway; // its own: a failure here must not take the owner of the others
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        ProtocolClient owner;
        QVERIFY(owner.openAndConnect(gateway.wsUrl(), gateway.token(), 4, ALL_SCOPES));
        const QString ownerId = gateway.service()->people()->ownerId();
        const auto call
            = [&owner](const QString &method, const QJsonObject &params) { return owner.request(method, params); };
        QVERIFY(call(u"identities.link"_s,
            { { u"userId"_s, ownerId }, { u"channel"_s, u"telegram"_s }, { u"externalId"_s, u"4711"_s } })
                    .value(u"ok"_s)
                    .toBool());
        const QString kid = call(u"users.create"_s, { { u"displayName"_s, u"Kid"_s }, { u"role"_s, u"child"_s } })
                                .value(u"payload"_s)
                                .toObject()
                                .value(u"user"_s)
                                .toObject()
                                .value(u"id"_s)
                                .toString();
        QVERIFY(!kid.isEmpty());
        for (const auto &[channel, external] :
            { std::pair { u"operator"_s, u"owner"_s }, std::pair { u"telegram"_s, u"4711"_s } }) {
            const QJsonObject linked = call(u"identities.link"_s,
                { { u"userId"_s, kid }, { u"channel"_s, channel }, { u"externalId"_s, external } });
            QVERIFY2(!linked.value(u"ok"_s).toBool(),
                qPrintable(u"linking the owner's %1 identity to a child merged the owner away: "_s.arg(channel)
                    + compact(linked).left(300)));
        }
        const QJsonObject got = call(u"users.get"_s, { { u"userId"_s, ownerId } });
        QVERIFY2(got.value(u"ok"_s).toBool(), qPrintable(compact(got)));
        QCOMPARE(
            got.value(u"payload"_s).toObject().value(u"user"_s).toObject().value(u"role"_s).toString(), u"admin"_s);
    }
};

QTEST_GUILESS_MAIN(tst_PermissionMatrix)
#include "tst_permissionmatrix.moc"
