// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// cron.* over a real in-process gateway: the owner's jobs into the session transcript and through
// the channel outbox, a job firing on the real timer, bad params (clear errors, the gateway stays
// up), roles (own jobs and own chats only for users and children), and the reminder tool.
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include "agent/chatruntime.h"
#include "agent/toolregistry.h"
#include "channels/channelmanager.h"
#include "people/directory.h"
#include "people/userstore.h"
#include "scheduler/scheduler.h"
#include "service/service.h"
#include "loopbackchannel.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

namespace
{
const QStringList SCOPES { u"operator.read"_s, u"operator.write"_s, u"operator.admin"_s };

QJsonObject payloadOf(const QJsonObject &response)
{
    return response.value(u"payload"_s).toObject();
}
QString errorCode(const QJsonObject &response)
{
    return response.value(u"error"_s).toObject().value(u"code"_s).toString();
}
QString errorMessage(const QJsonObject &response)
{
    return response.value(u"error"_s).toObject().value(u"message"_s).toString();
}
QString future(qint64 seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
}
} // namespace

class tst_CronMethods final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestGateway> m_gateway;
    std::unique_ptr<ProtocolClient> m_owner;
    TestSupport::LoopbackChannel *m_loopback = nullptr;

    struct Person
    {
        QString id;
        std::unique_ptr<ProtocolClient> client;
    };

    Person person(const QString &role)
    {
        Person p;
        const QJsonObject created = payloadOf(m_owner->request(
            u"users.create"_s, { { u"displayName"_s, QString(role + u" person"_s) }, { u"role"_s, role } }));
        p.id = created.value(u"user"_s).toObject().value(u"id"_s).toString();
        const QString token
            = payloadOf(m_owner->request(u"users.token"_s, { { u"userId"_s, p.id } })).value(u"token"_s).toString();
        p.client = std::make_unique<ProtocolClient>();
        if (!p.client->openAndConnect(m_gateway->wsUrl(), token, 4, SCOPES))
            p.client.reset();
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_gateway = std::make_unique<TestGateway>();
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
        m_loopback = new TestSupport::LoopbackChannel();
        m_gateway->service()->channels()->add(m_loopback);
        m_loopback->start();
        m_owner = std::make_unique<ProtocolClient>();
        QVERIFY(m_owner->openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, SCOPES));
    }
    void cleanupTestCase()
    {
        m_owner.reset();
        m_gateway.reset();
    }

    void ownerManagesAJobIntoTheSession()
    {
        QJsonObject added = m_owner->request(u"cron.add"_s,
            { { u"kind"_s, u"cron"_s }, { u"spec"_s, u"0 9 * * MON-FRI"_s }, { u"tz"_s, u"Europe/Berlin"_s },
                { u"message"_s, u"Reminder: stand-up"_s }, { u"name"_s, u"standup"_s } });
        QVERIFY2(added.value(u"ok"_s).toBool(), qPrintable(errorMessage(added)));
        const QJsonObject job = payloadOf(added).value(u"job"_s).toObject();
        const qint64 id = job.value(u"id"_s).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(job.value(u"catchUp"_s).toString(), u"once"_s);
        QCOMPARE(job.value(u"target"_s).toObject().value(u"session"_s).toString(), u"agent:main:main"_s);
        QVERIFY(job.value(u"nextDue"_s).toInteger() > QDateTime::currentMSecsSinceEpoch());
        QVERIFY(job.value(u"nextDueIso"_s).toString().endsWith(u"Z"_s));

        const QJsonObject list = payloadOf(m_owner->request(u"cron.list"_s));
        QVERIFY(list.value(u"total"_s).toInt() >= 1);

        QJsonObject updated = m_owner->request(
            u"cron.update"_s, { { u"id"_s, id }, { u"spec"_s, u"30 9 * * *"_s }, { u"catchUp"_s, u"skip"_s } });
        QVERIFY2(updated.value(u"ok"_s).toBool(), qPrintable(errorMessage(updated)));
        QCOMPARE(payloadOf(updated).value(u"job"_s).toObject().value(u"spec"_s).toString(), u"30 9 * * *"_s);
        QCOMPARE(payloadOf(updated).value(u"job"_s).toObject().value(u"catchUp"_s).toString(), u"skip"_s);

        // Fire now: the reminder lands in the owner's main session.
        const QJsonObject run = m_owner->request(u"cron.run"_s, { { u"id"_s, id } });
        QVERIFY2(run.value(u"ok"_s).toBool(), qPrintable(errorMessage(run)));
        QCOMPARE(payloadOf(run).value(u"firing"_s).toObject().value(u"state"_s).toString(), u"delivered"_s);
        const QJsonObject history
            = payloadOf(m_owner->request(u"chat.history"_s, { { u"sessionKey"_s, u"main"_s }, { u"limit"_s, 10 } }));
        QVERIFY2(QJsonDocument(history).toJson().contains("Reminder: stand-up"),
            QJsonDocument(history).toJson().constData());

        const QJsonArray runs
            = payloadOf(m_owner->request(u"cron.runs"_s, { { u"id"_s, id } })).value(u"runs"_s).toArray();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.at(0).toObject().value(u"manual"_s).toBool(), true);

        QVERIFY(m_owner->request(u"cron.remove"_s, { { u"id"_s, id } }).value(u"ok"_s).toBool());
        const QJsonObject gone = m_owner->request(u"cron.runs"_s, { { u"id"_s, id } });
        QCOMPARE(errorCode(gone), u"INVALID_REQUEST"_s);
        QVERIFY(errorMessage(gone).contains(u"no job"_s));
    }

    void aJobFiresOnTheRealTimerThroughTheOutbox()
    {
        QSignalSpy delivered(m_loopback, &TestSupport::LoopbackChannel::deliveredChanged);
        const qsizetype before = m_loopback->delivered().size();
        const QJsonObject added = m_owner->request(u"cron.add"_s,
            { { u"kind"_s, u"once"_s }, { u"spec"_s, future(2) }, { u"message"_s, u"Tea is ready"_s },
                { u"target"_s, QJsonObject { { u"channel"_s, u"loopback"_s }, { u"chat"_s, u"chat-7"_s } } } });
        QVERIFY2(added.value(u"ok"_s).toBool(), qPrintable(errorMessage(added)));
        const qint64 id = payloadOf(added).value(u"job"_s).toObject().value(u"id"_s).toInteger();
        QTRY_VERIFY_WITH_TIMEOUT(m_loopback->delivered().size() > before, 15'000);
        QCOMPARE(m_loopback->delivered().constLast().chatId, u"chat-7"_s);
        QCOMPARE(m_loopback->delivered().constLast().text, u"Tea is ready"_s);
        const QJsonArray runs
            = payloadOf(m_owner->request(u"cron.runs"_s, { { u"id"_s, id } })).value(u"runs"_s).toArray();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.at(0).toObject().value(u"state"_s).toString(), u"queued"_s);
        QVERIFY(runs.at(0).toObject().value(u"outboxId"_s).toInteger() > 0);
        // A finished one-shot job waits for nothing.
        const QJsonObject job
            = payloadOf(m_owner->request(u"cron.list"_s)).value(u"jobs"_s).toArray().last().toObject();
        QVERIFY(job.value(u"nextDue"_s).isNull());
    }

    void badParamsAreRefusedClearly_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("message");
        const QJsonObject good { { u"kind"_s, u"cron"_s }, { u"spec"_s, u"0 9 * * *"_s }, { u"message"_s, u"hi"_s } };
        const auto with = [&](const QString &key, const QJsonValue &value) {
            QJsonObject o = good;
            if (value.isUndefined())
                o.remove(key);
            else
                o.insert(key, value);
            return o;
        };
        QTest::addRow("add: no kind") << u"cron.add"_s << with(u"kind"_s, QJsonValue::Undefined)
                                      << u"kind is required"_s;
        QTest::addRow("add: kind not a string") << u"cron.add"_s << with(u"kind"_s, 5) << u"kind must be a string"_s;
        QTest::addRow("add: unknown kind") << u"cron.add"_s << with(u"kind"_s, u"weekly"_s) << u"kind must be"_s;
        QTest::addRow("add: bad cron") << u"cron.add"_s << with(u"spec"_s, u"0 25 * * *"_s) << u"hour field"_s;
        QTest::addRow("add: no message") << u"cron.add"_s << with(u"message"_s, QJsonValue::Undefined)
                                         << u"message is required"_s;
        QTest::addRow("add: bad tz") << u"cron.add"_s << with(u"tz"_s, u"Nowhere/Land"_s) << u"unknown time zone"_s;
        QTest::addRow("add: bad catch-up") << u"cron.add"_s << with(u"catchUp"_s, u"maybe"_s) << u"catchUp must be"_s;
        QTest::addRow("add: past") << u"cron.add"_s
                                   << QJsonObject { { u"kind"_s, u"once"_s }, { u"spec"_s, u"2001-01-01T00:00"_s },
                                          { u"message"_s, u"hi"_s } }
                                   << u"in the past"_s;
        QTest::addRow("add: target not an object")
            << u"cron.add"_s << with(u"target"_s, u"telegram"_s) << u"target must be an object"_s;
        QTest::addRow("add: channel without chat")
            << u"cron.add"_s << with(u"target"_s, QJsonObject { { u"channel"_s, u"loopback"_s } })
            << u"target.channel and target.chat"_s;
        QTest::addRow("add: huge message")
            << u"cron.add"_s << with(u"message"_s, QString(5000, u'x')) << u"message is longer than"_s;
        QTest::addRow("update: no id") << u"cron.update"_s << QJsonObject {} << u"id is required"_s;
        QTest::addRow("update: id not an integer")
            << u"cron.update"_s << QJsonObject { { u"id"_s, u"7"_s } } << u"id must be an integer"_s;
        QTest::addRow("remove: negative id")
            << u"cron.remove"_s << QJsonObject { { u"id"_s, -3 } } << u"id must be an integer"_s;
        QTest::addRow("run: fractional id")
            << u"cron.run"_s << QJsonObject { { u"id"_s, 1.5 } } << u"id must be an integer"_s;
        QTest::addRow("runs: bad limit") << u"cron.runs"_s << QJsonObject { { u"id"_s, 1 }, { u"limit"_s, 0 } }
                                         << u"limit must be"_s;
        QTest::addRow("list: bad offset")
            << u"cron.list"_s << QJsonObject { { u"offset"_s, u"x"_s } } << u"offset must be"_s;
    }
    void badParamsAreRefusedClearly()
    {
        QFETCH(QString, method);
        QFETCH(QJsonObject, params);
        QFETCH(QString, message);
        const QJsonObject response = m_owner->request(method, params);
        QVERIFY(!response.isEmpty());
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QCOMPARE(errorCode(response), u"INVALID_REQUEST"_s);
        QVERIFY2(
            errorMessage(response).startsWith(u"invalid %1 params"_s.arg(method)), qPrintable(errorMessage(response)));
        QVERIFY2(errorMessage(response).contains(message), qPrintable(errorMessage(response)));
        QVERIFY(m_owner->request(u"health"_s).value(u"ok"_s).toBool());
    }

    void unknownJob()
    {
        for (const QString &method : { u"cron.update"_s, u"cron.remove"_s, u"cron.run"_s, u"cron.runs"_s }) {
            const QJsonObject response = m_owner->request(method, { { u"id"_s, 999999 } });
            QCOMPARE(errorCode(response), u"INVALID_REQUEST"_s);
            QVERIFY(errorMessage(response).contains(u"no job 999999"_s));
        }
    }

    void usersAndChildrenManageOnlyTheirOwnJobs()
    {
        Person user = person(u"user"_s);
        Person child = person(u"child"_s);
        QVERIFY(user.client && child.client);
        const QJsonObject ownerJob = payloadOf(m_owner->request(u"cron.add"_s,
            { { u"kind"_s, u"cron"_s }, { u"spec"_s, u"0 7 * * *"_s }, { u"message"_s, u"owner's"_s } }));
        const qint64 ownerJobId = ownerJob.value(u"job"_s).toObject().value(u"id"_s).toInteger();
        QVERIFY(ownerJobId > 0);

        // Their own job, into their own session.
        const QJsonObject mine = user.client->request(
            u"cron.add"_s, { { u"kind"_s, u"interval"_s }, { u"spec"_s, u"2h"_s }, { u"message"_s, u"stretch"_s } });
        QVERIFY2(mine.value(u"ok"_s).toBool(), qPrintable(errorMessage(mine)));
        const QJsonObject job = payloadOf(mine).value(u"job"_s).toObject();
        QCOMPARE(job.value(u"userId"_s).toString(), user.id);
        QCOMPARE(
            job.value(u"target"_s).toObject().value(u"session"_s).toString(), u"agent:main:u:%1:main"_s.arg(user.id));
        const qint64 mineId = job.value(u"id"_s).toInteger();
        QVERIFY(
            child.client
                ->request(u"cron.add"_s,
                    { { u"kind"_s, u"cron"_s }, { u"spec"_s, u"0 19 * * *"_s }, { u"message"_s, u"brush teeth"_s } })
                .value(u"ok"_s)
                .toBool());

        // Listing shows only their own.
        const QJsonArray listed = payloadOf(user.client->request(u"cron.list"_s)).value(u"jobs"_s).toArray();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0).toObject().value(u"id"_s).toInteger(), mineId);
        QCOMPARE(errorCode(user.client->request(u"cron.list"_s, { { u"userId"_s, child.id } })), u"FORBIDDEN"_s);

        // Someone else's job: refused, and nothing changes.
        for (const QString &method : { u"cron.update"_s, u"cron.remove"_s, u"cron.run"_s, u"cron.runs"_s }) {
            const QJsonObject refused
                = user.client->request(method, { { u"id"_s, ownerJobId }, { u"spec"_s, u"1 1 * * *"_s } });
            QCOMPARE(errorCode(refused), u"FORBIDDEN"_s);
        }
        QCOMPARE(
            payloadOf(m_owner->request(u"cron.runs"_s, { { u"id"_s, ownerJobId } })).value(u"runs"_s).toArray().size(),
            0);
        // Jobs for someone else, another session, or a chat that is not theirs: refused.
        QCOMPARE(errorCode(user.client->request(u"cron.add"_s,
                     { { u"userId"_s, child.id }, { u"kind"_s, u"cron"_s }, { u"spec"_s, u"0 9 * * *"_s },
                         { u"message"_s, u"x"_s } })),
            u"FORBIDDEN"_s);
        QCOMPARE(errorCode(user.client->request(u"cron.add"_s,
                     { { u"kind"_s, u"cron"_s }, { u"spec"_s, u"0 9 * * *"_s }, { u"message"_s, u"x"_s },
                         { u"target"_s, QJsonObject { { u"session"_s, u"agent:main:main"_s } } } })),
            u"FORBIDDEN"_s);
        QCOMPARE(
            errorCode(user.client->request(u"cron.add"_s,
                { { u"kind"_s, u"cron"_s }, { u"spec"_s, u"0 9 * * *"_s }, { u"message"_s, u"spam"_s },
                    { u"target"_s, QJsonObject { { u"channel"_s, u"loopback"_s }, { u"chat"_s, u"stranger"_s } } } })),
            u"FORBIDDEN"_s);
        // ... but a chat of their own linked identity is fine.
        QVERIFY(
            m_owner
                ->request(u"identities.link"_s,
                    { { u"userId"_s, user.id }, { u"channel"_s, u"loopback"_s }, { u"externalId"_s, u"ulrich-dm"_s } })
                .value(u"ok"_s)
                .toBool());
        const QJsonObject dm = user.client->request(u"cron.add"_s,
            { { u"kind"_s, u"cron"_s }, { u"spec"_s, u"0 9 * * *"_s }, { u"message"_s, u"to my dm"_s },
                { u"target"_s, QJsonObject { { u"channel"_s, u"loopback"_s }, { u"chat"_s, u"ulrich-dm"_s } } } });
        QVERIFY2(dm.value(u"ok"_s).toBool(), qPrintable(errorMessage(dm)));
        // The owner (an admin) sees and manages everyone's.
        QVERIFY(
            payloadOf(m_owner->request(u"cron.list"_s, { { u"userId"_s, user.id } })).value(u"total"_s).toInt() == 2);
        QVERIFY(m_owner->request(u"cron.remove"_s, { { u"id"_s, mineId } }).value(u"ok"_s).toBool());
        // Audited without the message text.
        const QJsonObject audit = payloadOf(m_owner->request(u"audit.list"_s, { { u"limit"_s, 50 } }));
        const QByteArray auditText = QJsonDocument(audit).toJson();
        QVERIFY(auditText.contains("cron.add"));
        QVERIFY(auditText.contains("cron.remove"));
        QVERIFY(!auditText.contains("brush teeth"));
    }

    void theReminderTool()
    {
        Gateway::Agent::ToolRegistry &tools = m_gateway->service()->chatRuntime()->tools();
        QVERIFY(tools.contains(u"reminder"_s));
        const QString ownerId = m_gateway->service()->people()->ownerId();
        // From the desktop/web chat: into the session it was asked in.
        Gateway::Agent::ToolResult r = tools.run(u"reminder"_s,
            { { u"message"_s, u"Reminder: call mum"_s }, { u"at"_s, u"2030-06-01T09:00"_s },
                { u"tz"_s, u"Europe/Berlin"_s } },
            { u"agent:main:main"_s, u"run-1"_s, ownerId, u"operator"_s });
        QVERIFY2(!r.isError, qPrintable(r.content));
        QVERIFY2(r.content.contains(u"2030-06-01T09:00:00+02:00"_s), qPrintable(r.content));
        QVERIFY(r.content.contains(u"Europe/Berlin"_s));
        const qint64 id = r.content.section(u'#', 1).section(u' ', 0, 0).toLongLong();
        const auto job = m_gateway->service()->scheduler()->store()->job(id);
        QVERIFY(job);
        QCOMPARE(job->kind, u"once"_s);
        QCOMPARE(job->target, u"agent:main:main"_s);
        QCOMPARE(*job->nextDue, QDateTime(QDate(2030, 6, 1), QTime(7, 0), Qt::UTC).toMSecsSinceEpoch());
        // From a channel DM: back to that chat.
        r = tools.run(u"reminder"_s, { { u"message"_s, u"stretch"_s }, { u"every"_s, u"2h"_s } },
            { u"agent:main:loopback:dm:chat-9"_s, u"run-2"_s, ownerId, u"loopback"_s });
        QVERIFY2(!r.isError, qPrintable(r.content));
        QVERIFY(r.content.contains(u"repeating: 2h"_s));
        const auto dmJob = m_gateway->service()->scheduler()->store()->job(
            r.content.section(u'#', 1).section(u' ', 0, 0).toLongLong());
        QVERIFY(dmJob);
        QCOMPARE(dmJob->channel, u"loopback"_s);
        QCOMPARE(dmJob->target, u"chat-9"_s);
        // Mistakes come back to the model as tool errors.
        r = tools.run(
            u"reminder"_s, { { u"message"_s, u"x"_s } }, { u"agent:main:main"_s, u"run-3"_s, ownerId, u"operator"_s });
        QVERIFY(r.isError);
        QVERIFY(r.content.contains(u"exactly one of"_s));
        r = tools.run(u"reminder"_s, { { u"message"_s, u"x"_s }, { u"at"_s, u"next tuesday"_s } },
            { u"agent:main:main"_s, u"run-4"_s, ownerId, u"operator"_s });
        QVERIFY(r.isError);
        QVERIFY(r.content.contains(u"ISO 8601"_s));
    }
};

QTEST_GUILESS_MAIN(tst_CronMethods)
#include "tst_cronmethods.moc"
