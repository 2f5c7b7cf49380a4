// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The admin terminal: PTY jobs (a session's echo, exit codes, the output and time limits, a kill
// that takes the whole process group), the command checks (allowlist globs, shell operators,
// sudo, ssh hosts), approval, denial and expiry over a real in-process gateway, the roles (users
// and children refused by the policy and by the tool itself), a disabled terminal, and the audit
// trail (which never holds the command).

#include <csignal>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "agent/chatruntime.h"
#include "agent/toolregistry.h"
#include "people/directory.h"
#include "people/policy.h"
#include "people/user.h"
#include "service/service.h"
#include "terminal/commandcheck.h"
#include "terminal/ptyjob.h"
#include "terminal/terminalmanager.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Terminal::CommandCheck;
using Gateway::Terminal::Manager;
using Gateway::Terminal::PtyJob;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;
using TestSupport::WAIT_MS;

namespace
{

const QStringList ALL_SCOPES { u"operator.read"_s, u"operator.write"_s, u"operator.admin"_s, u"operator.approvals"_s,
    u"operator.pairing"_s };

QJsonObject payloadOf(const QJsonObject &response)
{
    return response.value(u"payload"_s).toObject();
}

QJsonObject errorOf(const QJsonObject &response)
{
    return response.value(u"error"_s).toObject();
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

/// Gone: no /proc entry, or a zombie waiting for init (it runs no more).
bool processGone(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) == "Z";
}

PtyJob::Options options(const QString &command)
{
    PtyJob::Options o;
    o.command = command;
    o.environment = { u"PATH=/usr/bin:/bin"_s, u"TERM=dumb"_s };
    o.killGraceMs = 300;
    return o;
}

} // namespace

class tst_Terminal final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestGateway> m_gateway;
    std::unique_ptr<ProtocolClient> m_owner;
    std::unique_ptr<ProtocolClient> m_user;
    std::unique_ptr<ProtocolClient> m_child;
    QString m_userId;
    QString m_childId;

    Manager *terminal() const { return m_gateway->service()->terminal(); }

    QJsonObject asOwner(const QString &method, const QJsonObject &params = {})
    {
        return m_owner->request(method, params);
    }

    /// An event from the owner's socket whose payload has this id (empty when none came).
    QJsonObject eventFor(ProtocolClient &client, const QString &event, qint64 id, int timeoutMs = WAIT_MS)
    {
        QJsonObject found;
        (void)QTest::qWaitFor(
            [&] {
                for (const QJsonObject &frame : client.frames()) {
                    if (frame.value(u"event"_s).toString() == event
                        && frame.value(u"payload"_s).toObject().value(u"id"_s).toInteger() == id) {
                        found = frame.value(u"payload"_s).toObject();
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return found;
    }

    std::unique_ptr<ProtocolClient> person(const QString &name, const QString &role, QString *id)
    {
        const QJsonObject created
            = payloadOf(asOwner(u"users.create"_s, { { u"displayName"_s, name }, { u"role"_s, role } }));
        *id = created.value(u"user"_s).toObject().value(u"id"_s).toString();
        const QString token
            = payloadOf(asOwner(u"users.token"_s, { { u"userId"_s, *id } })).value(u"token"_s).toString();
        auto client = std::make_unique<ProtocolClient>();
        if (id->isEmpty() || token.isEmpty() || !client->openAndConnect(m_gateway->wsUrl(), token, 4, ALL_SCOPES))
            return nullptr;
        return client;
    }

    /// Waits until a job ended and answers terminal.output.
    QJsonObject finishedOutput(qint64 id)
    {
        QJsonObject out;
        (void)QTest::qWaitFor(
            [&] {
                out = payloadOf(asOwner(u"terminal.output"_s, { { u"id"_s, id } }));
                return out.value(u"state"_s).toString() != u"running";
            },
            WAIT_MS);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_gateway = std::make_unique<TestGateway>([](Gateway::Config::Settings &s) {
            s.terminal.enabled = true;
            s.terminal.allowlist = u"echo *, false, sudo *, uptime"_s;
            s.terminal.sshHosts = u"build.example"_s;
            s.terminal.killGraceMs = 300;
        });
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
        m_owner = std::make_unique<ProtocolClient>();
        QVERIFY(m_owner->openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, ALL_SCOPES));
        m_user = person(u"Ulrich"_s, u"user"_s, &m_userId);
        QVERIFY(m_user);
        m_child = person(u"Chloe"_s, u"child"_s, &m_childId);
        QVERIFY(m_child);
    }

    void cleanupTestCase()
    {
        m_user.reset();
        m_child.reset();
        m_owner.reset();
        m_gateway.reset();
    }

    void globs_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("match");
        QTest::newRow("literal") << u"uptime"_s << u"uptime"_s << true;
        QTest::newRow("literal prefix only") << u"uptime"_s << u"uptime -p"_s << false;
        QTest::newRow("star") << u"echo *"_s << u"echo a b/c"_s << true;
        QTest::newRow("star empty") << u"git *status"_s << u"git status"_s << true;
        QTest::newRow("question") << u"df -?"_s << u"df -h"_s << true;
        QTest::newRow("question needs one") << u"df -?"_s << u"df -"_s << false;
        QTest::newRow("middle") << u"git -C /srv/* status"_s << u"git -C /srv/app status"_s << true;
        QTest::newRow("middle mismatch") << u"git -C /srv/* status"_s << u"git -C /srv/app push"_s << false;
        QTest::newRow("case") << u"Echo *"_s << u"echo x"_s << false;
    }
    void globs()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(bool, match);
        QCOMPARE(CommandCheck::globMatch(pattern, text), match);
    }

    void inspect()
    {
        QVERIFY(!CommandCheck::inspect(u"echo hello world"_s).hasShellOperators);
        for (const QString &command : { u"echo a; rm x"_s, u"echo a && b"_s, u"echo $(id)"_s, u"echo `id`"_s,
                 u"echo a > f"_s, u"echo a | sh"_s, u"echo a\nid"_s, u"echo \\x"_s })
            QVERIFY2(CommandCheck::inspect(command).hasShellOperators, qPrintable(command));
        QCOMPARE(CommandCheck::inspect(u"/usr/bin/git status"_s).program, u"git"_s);
        for (const QString &command :
            { u"sudo ls"_s, u"echo a; sudo ls"_s, u"/usr/bin/sudo -u x ls"_s, u"su -c id"_s, u"s'u'do ls"_s })
            QVERIFY2(CommandCheck::inspect(command).escalates, qPrintable(command));
        QVERIFY(!CommandCheck::inspect(u"echo sudoku"_s).escalates);

        CommandCheck ssh = CommandCheck::inspect(u"ssh -p 2222 -i key admin@Build.Example uptime"_s);
        QVERIFY(ssh.usesSsh);
        QCOMPARE(ssh.sshHosts, QStringList { u"build.example"_s });
        ssh = CommandCheck::inspect(u"echo x | ssh evil.example sh"_s);
        QCOMPARE(ssh.sshHosts, QStringList { u"evil.example"_s });
        QVERIFY(CommandCheck::inspect(u"ssh"_s).sshHostUnknown);
        QVERIFY(CommandCheck::inspect(u"scp f build.example:"_s).sshHostUnknown);
        QVERIFY(CommandCheck::inspect(u"s\\sh evil.example"_s).usesSsh);
        QCOMPARE(CommandCheck::splitList(u" a , ,b* "_s), (QStringList { u"a"_s, u"b*"_s }));
    }

    /// An interactive shell on a PTY: what is typed runs, and its output comes back.
    void ptySessionEcho()
    {
        PtyJob::Options o = options({});
        o.interactive = true;
        PtyJob job(o);
        QVERIFY(job.start());
        QVERIFY(job.pid() > 0);
        // The quotes keep the echoed input from matching: only the shell's output says "hello".
        QVERIFY(job.write("echo hel''lo-from-pty\n"));
        QTRY_VERIFY_WITH_TIMEOUT(job.output(0, 1 << 20).contains("hello-from-pty"), WAIT_MS);
        QVERIFY(job.write("exit 4\n"));
        QTRY_VERIFY_WITH_TIMEOUT(!job.isRunning(), WAIT_MS);
        QCOMPARE(job.state(), PtyJob::State::Exited);
        QCOMPARE(job.exitCode(), 4);
        QVERIFY(processGone(job.pid())); // reaped: no zombie left behind
    }

    void oneShotExitCode()
    {
        PtyJob job(options(u"echo out; exit 7"_s));
        QSignalSpy finished(&job, &PtyJob::finished);
        QVERIFY(job.start());
        QVERIFY(finished.wait(WAIT_MS));
        QCOMPARE(job.state(), PtyJob::State::Exited);
        QCOMPARE(job.exitCode(), 7);
        QVERIFY(job.output(0, 100).startsWith("out"));
        QVERIFY(!job.isTruncated());
        QVERIFY(!job.write("x")); // not a session
    }

    void workingDirectoryAndEnvironment()
    {
        QTemporaryDir dir;
        PtyJob::Options o = options(u"pwd; echo \"token=${SKYNET_GATEWAY_TOKEN}\""_s);
        o.workingDirectory = dir.path();
        qputenv("SKYNET_GATEWAY_TOKEN", "must-not-leak");
        PtyJob job(o);
        QSignalSpy finished(&job, &PtyJob::finished);
        QVERIFY(job.start());
        QVERIFY(finished.wait(WAIT_MS));
        qunsetenv("SKYNET_GATEWAY_TOKEN");
        const QByteArray out = job.output(0, 4096);
        QVERIFY2(out.contains(QFile::encodeName(QDir(dir.path()).canonicalPath())), out.constData());
        QVERIFY2(out.contains("token=\r\n") && !out.contains("must-not-leak"), out.constData());
    }

    void outputLimitTruncates()
    {
        PtyJob::Options o = options(u"head -c 100000 /dev/zero | tr '\\0' x; printf END"_s);
        o.maxOutputBytes = 2048;
        PtyJob job(o);
        QSignalSpy finished(&job, &PtyJob::finished);
        QVERIFY(job.start());
        QVERIFY(finished.wait(WAIT_MS));
        QCOMPARE(job.totalBytes(), qint64(100003));
        QVERIFY(job.isTruncated());
        QCOMPARE(job.droppedBytes(), qint64(100003 - 2048));
        const QByteArray kept = job.output(0, 1 << 20);
        QCOMPARE(kept.size(), 2048);
        QVERIFY(kept.endsWith("xxEND"));
        // Offsets count every byte: reading from the start gives the oldest byte still kept.
        qint64 start = 0;
        QCOMPARE(job.output(0, 10, &start).size(), 10);
        QCOMPARE(start, qint64(100003 - 2048));
        QCOMPARE(job.output(100000, 10), QByteArray("END"));
    }

    void timeLimitKills()
    {
        PtyJob::Options o = options(u"sleep 60"_s);
        o.timeLimitMs = 200;
        PtyJob job(o);
        QSignalSpy finished(&job, &PtyJob::finished);
        QVERIFY(job.start());
        QVERIFY(finished.wait(WAIT_MS));
        QCOMPARE(job.state(), PtyJob::State::TimedOut);
        QVERIFY(job.signalNumber() > 0);
    }

    /// kill() ends the whole process group: a grandchild in the background, and one that
    /// ignores SIGTERM (SIGKILL after the grace period).
    void killTakesTheProcessGroup_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("background sleep") << u"sleep 300 & echo pid=$!; wait"_s;
        QTest::newRow("ignores SIGTERM") << u"trap '' TERM; sleep 300 & echo pid=$!; wait; wait"_s;
    }
    void killTakesTheProcessGroup()
    {
        QFETCH(QString, command);
        PtyJob job(options(command));
        QSignalSpy finished(&job, &PtyJob::finished);
        QVERIFY(job.start());
        QTRY_VERIFY_WITH_TIMEOUT(job.output(0, 4096).contains("\n"), WAIT_MS);
        const QByteArray out = job.output(0, 4096);
        const qsizetype at = out.indexOf("pid=");
        QVERIFY2(at >= 0, out.constData());
        const qint64 grandchild = out.mid(at + 4).trimmed().toLongLong();
        QVERIFY(grandchild > 0);
        QVERIFY(!processGone(grandchild));
        job.kill();
        QVERIFY(finished.count() == 1 || finished.wait(WAIT_MS));
        QCOMPARE(job.state(), PtyJob::State::Killed);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(grandchild), WAIT_MS);
        QVERIFY(processGone(job.pid()));
    }

    /// When the leader exits, a backgrounded grandchild does not outlive it.
    void leaderExitEndsTheGroup()
    {
        PtyJob job(options(u"sleep 300 & echo pid=$!"_s));
        QSignalSpy finished(&job, &PtyJob::finished);
        QVERIFY(job.start());
        QVERIFY(finished.wait(WAIT_MS));
        const QByteArray out = job.output(0, 4096);
        const qint64 grandchild = out.mid(out.indexOf("pid=") + 4).trimmed().toLongLong();
        QVERIFY2(grandchild > 0, out.constData());
        QTRY_VERIFY_WITH_TIMEOUT(processGone(grandchild), WAIT_MS);
    }

    void allowlistPreapproves()
    {
        const QJsonObject response = asOwner(u"terminal.run"_s, { { u"command"_s, u"echo preapproved"_s } });
        QVERIFY2(response.value(u"ok"_s).toBool(), qPrintable(compact(response)));
        const QJsonObject job = payloadOf(response);
        QCOMPARE(job.value(u"state"_s).toString(), u"running"_s);
        QCOMPARE(job.value(u"approvedBy"_s).toString(), u"allowlist"_s);
        const QJsonObject out = finishedOutput(job.value(u"id"_s).toInteger());
        QCOMPARE(out.value(u"state"_s).toString(), u"exited"_s);
        QCOMPARE(out.value(u"exitCode"_s).toInt(), 0);
        QVERIFY(out.value(u"data"_s).toString().contains(u"preapproved"_s));
    }

    /// A one-shot call with wait answers when the command ended, with its exit code.
    void oneShotWaits()
    {
        const QJsonObject response = asOwner(u"terminal.run"_s, { { u"command"_s, u"false"_s }, { u"wait"_s, true } });
        QVERIFY2(response.value(u"ok"_s).toBool(), qPrintable(compact(response)));
        QCOMPARE(payloadOf(response).value(u"state"_s).toString(), u"exited"_s);
        QCOMPARE(payloadOf(response).value(u"exitCode"_s).toInt(), 1);
    }

    void approvalRunsTheCommand()
    {
        const QString command = u"echo first; echo second"_s; // shell operators: never pre-approved
        const QJsonObject response = asOwner(u"terminal.run"_s, { { u"command"_s, command } });
        QVERIFY2(response.value(u"ok"_s).toBool(), qPrintable(compact(response)));
        const qint64 id = payloadOf(response).value(u"id"_s).toInteger();
        QCOMPARE(payloadOf(response).value(u"state"_s).toString(), u"pending"_s);
        // The admin sees the exact command; the user and the child are told nothing.
        const QJsonObject event = eventFor(*m_owner, u"terminal.approval"_s, id);
        QCOMPARE(event.value(u"command"_s).toString(), command);
        QCOMPARE(event.value(u"requester"_s).toString(), m_gateway->service()->people()->ownerId());
        QVERIFY(event.value(u"expiresAtMs"_s).toInteger() > event.value(u"createdAtMs"_s).toInteger());
        const QJsonArray pending = payloadOf(asOwner(u"terminal.pending"_s)).value(u"requests"_s).toArray();
        QVERIFY(std::any_of(pending.cbegin(), pending.cend(),
            [id](const QJsonValue &r) { return r.toObject().value(u"id"_s).toInteger() == id; }));

        const QJsonObject approved = asOwner(u"terminal.approve"_s, { { u"id"_s, id } });
        QVERIFY2(approved.value(u"ok"_s).toBool(), qPrintable(compact(approved)));
        QCOMPARE(payloadOf(approved).value(u"id"_s).toInteger(), id);
        QVERIFY(!eventFor(*m_owner, u"terminal.resolved"_s, id).isEmpty());
        const QJsonObject out = finishedOutput(id);
        QCOMPARE(out.value(u"state"_s).toString(), u"exited"_s);
        QVERIFY(out.value(u"data"_s).toString().contains(u"first"_s));
        QVERIFY(out.value(u"data"_s).toString().contains(u"second"_s));
        // Approving twice finds nothing.
        QCOMPARE(errorOf(asOwner(u"terminal.approve"_s, { { u"id"_s, id } })).value(u"code"_s).toString(),
            u"INVALID_REQUEST"_s);
        for (ProtocolClient *other : { m_user.get(), m_child.get() }) {
            for (const QJsonObject &frame : other->frames())
                QVERIFY2(!frame.value(u"event"_s).toString().startsWith(u"terminal."), qPrintable(compact(frame)));
        }
    }

    void denyAndNothingRuns()
    {
        QTemporaryDir dir;
        const QString marker = dir.filePath(u"ran"_s);
        const QJsonObject response = asOwner(u"terminal.run"_s, { { u"command"_s, u"touch %1; true"_s.arg(marker) } });
        const qint64 id = payloadOf(response).value(u"id"_s).toInteger();
        QCOMPARE(payloadOf(response).value(u"state"_s).toString(), u"pending"_s);
        const QJsonObject denied = asOwner(u"terminal.deny"_s, { { u"id"_s, id }, { u"reason"_s, u"no"_s } });
        QVERIFY2(denied.value(u"ok"_s).toBool(), qPrintable(compact(denied)));
        QCOMPARE(eventFor(*m_owner, u"terminal.resolved"_s, id).value(u"decision"_s).toString(), u"denied"_s);
        QVERIFY(!asOwner(u"terminal.approve"_s, { { u"id"_s, id } }).value(u"ok"_s).toBool());
        QVERIFY(!QFile::exists(marker));
        QVERIFY(!asOwner(u"terminal.output"_s, { { u"id"_s, id } }).value(u"ok"_s).toBool());
    }

    void requestsExpire()
    {
        Gateway::Config::TerminalSettings settings;
        settings.enabled = true;
        settings.approvalTimeoutS = 1;
        Manager manager(settings, m_gateway->service()->people());
        QSignalSpy events(&manager, &Manager::eventRaised);
        const auto submitted = manager.submit({}, u"uptime"_s, {}, false);
        QVERIFY(submitted);
        const qint64 id = submitted->value(u"id"_s).toInteger();
        QCOMPARE(manager.pending().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(manager.pending().isEmpty(), WAIT_MS);
        QCOMPARE(events.last().at(0).toString(), u"terminal.resolved"_s);
        QCOMPARE(events.last().at(1).toJsonObject().value(u"decision"_s).toString(), u"expired"_s);
        QVERIFY(!manager.approve(id, {}));
        QCOMPARE(manager.jobs().size(), 0);
        QCOMPARE(manager.status(id, {})->value(u"state"_s).toString(), u"expired"_s);
    }

    void sudoAlwaysNeedsApproval()
    {
        // "sudo *" is in the allowlist: it still waits for an admin.
        const QJsonObject response = asOwner(u"terminal.run"_s, { { u"command"_s, u"sudo echo hi"_s } });
        QVERIFY2(response.value(u"ok"_s).toBool(), qPrintable(compact(response)));
        QCOMPARE(payloadOf(response).value(u"state"_s).toString(), u"pending"_s);
        QVERIFY(payloadOf(response).value(u"reasons"_s).toArray().first().toString().contains(u"privilege"_s));
        QVERIFY(
            asOwner(u"terminal.deny"_s, { { u"id"_s, payloadOf(response).value(u"id"_s) } }).value(u"ok"_s).toBool());
    }

    void sshOnlyToAllowlistedHosts()
    {
        for (const QString &command : { u"ssh evil.example uptime"_s, u"echo x; ssh -l root evil.example"_s,
                 u"scp secrets build.example:"_s, u"ssh build.example true; ssh evil.example"_s }) {
            const QJsonObject response = asOwner(u"terminal.run"_s, { { u"command"_s, command } });
            QVERIFY2(!response.value(u"ok"_s).toBool(), qPrintable(command));
            QCOMPARE(
                errorOf(response).value(u"details"_s).toObject().value(u"code"_s).toString(), u"SSH_HOST_REFUSED"_s);
        }
        QCOMPARE(payloadOf(asOwner(u"terminal.pending"_s)).value(u"requests"_s).toArray().size(), 0);
        // An allowlisted host still needs approval for each command.
        const QJsonObject allowed
            = asOwner(u"terminal.run"_s, { { u"command"_s, u"ssh -p 22 build.example uptime"_s } });
        QVERIFY2(allowed.value(u"ok"_s).toBool(), qPrintable(compact(allowed)));
        QCOMPARE(payloadOf(allowed).value(u"state"_s).toString(), u"pending"_s);
        QVERIFY(
            asOwner(u"terminal.deny"_s, { { u"id"_s, payloadOf(allowed).value(u"id"_s) } }).value(u"ok"_s).toBool());
    }

    /// A session opened through the protocol (approved), typed into, read and killed.
    void sessionOverTheProtocol()
    {
        const QJsonObject opened = asOwner(u"terminal.session"_s);
        QVERIFY2(opened.value(u"ok"_s).toBool(), qPrintable(compact(opened)));
        const qint64 id = payloadOf(opened).value(u"id"_s).toInteger();
        QCOMPARE(payloadOf(opened).value(u"state"_s).toString(), u"pending"_s);
        QVERIFY(asOwner(u"terminal.approve"_s, { { u"id"_s, id } }).value(u"ok"_s).toBool());
        QVERIFY(asOwner(u"terminal.write"_s, { { u"id"_s, id }, { u"data"_s, u"echo ab''cd\n"_s } })
                    .value(u"ok"_s)
                    .toBool());
        QTRY_VERIFY_WITH_TIMEOUT(payloadOf(asOwner(u"terminal.output"_s, { { u"id"_s, id } }))
                                     .value(u"data"_s)
                                     .toString()
                                     .contains(u"abcd"_s),
            WAIT_MS);
        const QJsonObject killed = asOwner(u"terminal.kill"_s, { { u"id"_s, id } });
        QVERIFY2(killed.value(u"ok"_s).toBool(), qPrintable(compact(killed)));
        QCOMPARE(finishedOutput(id).value(u"state"_s).toString(), u"killed"_s);
        const QJsonObject jobs = payloadOf(asOwner(u"terminal.jobs"_s));
        QVERIFY(jobs.value(u"jobs"_s).toArray().size() >= 1);
        QCOMPARE(jobs.value(u"running"_s).toInt(), 0);
    }

    void badParams_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonObject>("params");
        QTest::newRow("run without command") << u"terminal.run"_s << QJsonObject {};
        QTest::newRow("run command number") << u"terminal.run"_s << QJsonObject { { u"command"_s, 5 } };
        QTest::newRow("run command too long")
            << u"terminal.run"_s << QJsonObject { { u"command"_s, QString(5000, u'a') } };
        QTest::newRow("run wait not bool")
            << u"terminal.run"_s << QJsonObject { { u"command"_s, u"uptime"_s }, { u"wait"_s, u"yes"_s } };
        QTest::newRow("approve without id") << u"terminal.approve"_s << QJsonObject {};
        QTest::newRow("approve id string") << u"terminal.approve"_s << QJsonObject { { u"id"_s, u"1"_s } };
        QTest::newRow("deny id fraction") << u"terminal.deny"_s << QJsonObject { { u"id"_s, 1.5 } };
        QTest::newRow("kill id negative") << u"terminal.kill"_s << QJsonObject { { u"id"_s, -1 } };
        QTest::newRow("output maxBytes 0")
            << u"terminal.output"_s << QJsonObject { { u"id"_s, 1 }, { u"maxBytes"_s, 0 } };
        QTest::newRow("write without data") << u"terminal.write"_s << QJsonObject { { u"id"_s, 1 } };
        QTest::newRow("session cwd number") << u"terminal.session"_s << QJsonObject { { u"cwd"_s, 1 } };
    }
    void badParams()
    {
        QFETCH(QString, method);
        QFETCH(QJsonObject, params);
        const QJsonObject response = asOwner(method, params);
        QVERIFY2(!response.value(u"ok"_s).toBool(), qPrintable(compact(response)));
        QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        QVERIFY2(errorOf(response).value(u"message"_s).toString().startsWith(u"invalid %1 params"_s.arg(method)),
            qPrintable(compact(response)));
    }

    void badValues()
    {
        // Clear errors, and the gateway stays up.
        for (const QJsonObject &params : { QJsonObject { { u"command"_s, u"   "_s } },
                 QJsonObject { { u"command"_s, u"uptime"_s }, { u"cwd"_s, u"relative/dir"_s } },
                 QJsonObject { { u"command"_s, u"uptime"_s }, { u"cwd"_s, u"/no/such/dir/here"_s } } }) {
            const QJsonObject response = asOwner(u"terminal.run"_s, params);
            QVERIFY2(!response.value(u"ok"_s).toBool(), qPrintable(compact(response)));
            QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        }
        QVERIFY(!asOwner(u"terminal.kill"_s, { { u"id"_s, 999999 } }).value(u"ok"_s).toBool());
        QVERIFY(!asOwner(u"terminal.write"_s, { { u"id"_s, 999999 }, { u"data"_s, u"x"_s } }).value(u"ok"_s).toBool());
        QVERIFY(asOwner(u"health"_s).value(u"ok"_s).toBool());
    }

    /// Users and children: every terminal method is refused by the policy, the tools are not
    /// offered to them (even when an admin's allowlist names them), and the tool itself refuses.
    void deniedToUserAndChild()
    {
        const QStringList methods { u"terminal.run"_s, u"terminal.session"_s, u"terminal.write"_s,
            u"terminal.pending"_s, u"terminal.approve"_s, u"terminal.deny"_s, u"terminal.jobs"_s, u"terminal.output"_s,
            u"terminal.kill"_s };
        const QJsonObject params { { u"command"_s, u"echo hi"_s }, { u"id"_s, 1 }, { u"data"_s, u"x"_s } };
        for (ProtocolClient *client : { m_user.get(), m_child.get() }) {
            for (const QString &method : methods) {
                const QJsonObject response = client->request(method, params);
                QVERIFY2(!response.value(u"ok"_s).toBool(), qPrintable(method));
                QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"FORBIDDEN"_s);
                QCOMPARE(
                    errorOf(response).value(u"details"_s).toObject().value(u"code"_s).toString(), u"POLICY_DENIED"_s);
            }
        }
        QCOMPARE(terminal()->pending().size(), 0);

        Gateway::People::Directory *people = m_gateway->service()->people();
        // Even an admin-set allowlist naming the tools does not give them to a child or a user.
        for (const QString &id : { m_userId, m_childId }) {
            QVERIFY(asOwner(u"users.update"_s,
                { { u"userId"_s, id },
                    { u"allowedTools"_s, QJsonArray { u"terminal_run"_s, u"terminal_status"_s, u"current_time"_s } } })
                        .value(u"ok"_s)
                        .toBool());
            const std::optional<Gateway::People::User> user = people->user(id);
            QVERIFY(user);
            QCOMPARE(people->policy().allowedTools(*user, { u"terminal_run"_s, u"terminal_status"_s }), QStringList());
            QVERIFY(!people->policy().tool(*user, u"terminal_run"_s));
            // The tool refuses by itself as well (defence in depth).
            Gateway::Agent::ToolContext context;
            context.userId = id;
            const Gateway::Agent::ToolResult result = m_gateway->service()->chatRuntime()->tools().run(
                u"terminal_run"_s, QJsonObject { { u"command"_s, u"echo hi"_s } }, context);
            QVERIFY(result.isError);
            QVERIFY2(result.content.contains(u"admins only"_s), qPrintable(result.content));
            QVERIFY(m_gateway->service()
                        ->chatRuntime()
                        ->tools()
                        .run(u"terminal_status"_s, QJsonObject { { u"id"_s, 1 } }, context)
                        .isError);
            // Direct calls into the manager too.
            QVERIFY(!terminal()->approve(1, id));
            QCOMPARE(terminal()->submit({ id, u"tool"_s, {} }, u"echo hi"_s, {}, false).error().code, u"FORBIDDEN"_s);
        }
        QCOMPARE(terminal()->pending().size(), 0);
        // The admin's model gets both tools.
        const std::optional<Gateway::People::User> owner = people->user(people->ownerId());
        QCOMPARE(people->policy().allowedTools(*owner, { u"terminal_run"_s, u"terminal_status"_s }),
            (QStringList { u"terminal_run"_s, u"terminal_status"_s }));
    }

    /// The admin's model: terminal_run starts or queues, terminal_status reports.
    void toolForTheAdmin()
    {
        Gateway::Agent::ToolContext context; // "" = the owner
        context.sessionKey = u"agent:main:main"_s;
        const auto &tools = m_gateway->service()->chatRuntime()->tools();
        Gateway::Agent::ToolResult result
            = tools.run(u"terminal_run"_s, QJsonObject { { u"command"_s, u"echo from-tool"_s } }, context);
        QVERIFY2(!result.isError && result.content.startsWith(u"job "_s), qPrintable(result.content));
        const qint64 id = result.content.section(u' ', 1, 1).toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(
            tools.run(u"terminal_status"_s, QJsonObject { { u"id"_s, id } }, context).content.contains(u"exited"_s),
            WAIT_MS);
        result = tools.run(u"terminal_status"_s, QJsonObject { { u"id"_s, id } }, context);
        QVERIFY2(result.content.contains(u"exit code 0"_s) && result.content.contains(u"from-tool"_s),
            qPrintable(result.content));

        result = tools.run(u"terminal_run"_s, QJsonObject { { u"command"_s, u"rm -rf /tmp/nothing-here"_s } }, context);
        QVERIFY2(!result.isError && result.content.contains(u"approval"_s), qPrintable(result.content));
        const qint64 pending = result.content.section(u' ', 1, 1).toLongLong();
        const QJsonObject event = eventFor(*m_owner, u"terminal.approval"_s, pending);
        QCOMPARE(event.value(u"via"_s).toString(), u"tool"_s);
        QCOMPARE(event.value(u"sessionKey"_s).toString(), u"agent:main:main"_s);
        QVERIFY(tools.run(u"terminal_status"_s, QJsonObject { { u"id"_s, pending } }, context)
                    .content.contains(u"pending"_s));
        QVERIFY(asOwner(u"terminal.deny"_s, { { u"id"_s, pending } }).value(u"ok"_s).toBool());
        result = tools.run(u"terminal_status"_s, QJsonObject { { u"id"_s, pending } }, context);
        QVERIFY2(!result.isError && result.content.contains(u"denied"_s), qPrintable(result.content));
        QVERIFY(tools.run(u"terminal_status"_s, QJsonObject { { u"id"_s, 999999 } }, context).isError);
        QVERIFY(tools.run(u"terminal_run"_s, QJsonObject {}, context).isError);
        QVERIFY(tools.run(u"terminal_status"_s, QJsonObject { { u"id"_s, u"x"_s } }, context).isError);
    }

    /// The trail has request, approval, start and exit; the command itself is never stored.
    void auditTrail()
    {
        const QString secret = u"s3cr3t-value-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        const QString command = u"echo %1 && true"_s.arg(secret);
        const qint64 id
            = payloadOf(asOwner(u"terminal.run"_s, { { u"command"_s, command } })).value(u"id"_s).toInteger();
        QVERIFY(id > 0);
        QVERIFY(asOwner(u"terminal.approve"_s, { { u"id"_s, id } }).value(u"ok"_s).toBool());
        QCOMPARE(finishedOutput(id).value(u"state"_s).toString(), u"exited"_s);

        const QJsonArray entries
            = payloadOf(asOwner(u"audit.list"_s, { { u"action"_s, u"terminal.*"_s }, { u"limit"_s, 200 } }))
                  .value(u"entries"_s)
                  .toArray();
        QStringList actions;
        for (const QJsonValue &v : entries) {
            const QJsonObject entry = v.toObject();
            QVERIFY2(!compact(entry).contains(secret), qPrintable(compact(entry)));
            if (entry.value(u"target"_s).toString() != u"job:%1"_s.arg(id))
                continue;
            actions.prepend(entry.value(u"action"_s).toString());
            const QJsonObject detail = entry.value(u"detail"_s).toObject();
            if (detail.contains(u"sha256"_s)) {
                QCOMPARE(detail.value(u"sha256"_s).toString(), Manager::commandHash(command));
                QCOMPARE(detail.value(u"program"_s).toString(), u"echo"_s);
            }
        }
        QCOMPARE(actions,
            (QStringList { u"terminal.request"_s, u"terminal.approve"_s, u"terminal.start"_s, u"terminal.exit"_s }));
        QVERIFY(payloadOf(asOwner(u"audit.verify"_s)).value(u"ok"_s).toBool());
    }

    /// Off by default: no tools offered, methods answer that the terminal is disabled.
    void disabledByDefault()
    {
        QVERIFY(!Gateway::Config::Settings {}.terminal.enabled);
        TestGateway gateway;
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        const auto &tools = gateway.service()->chatRuntime()->tools();
        QVERIFY(!tools.contains(u"terminal_run"_s));
        QVERIFY(!tools.contains(u"terminal_status"_s));
        ProtocolClient owner;
        QVERIFY(owner.openAndConnect(gateway.wsUrl(), gateway.token(), 4, ALL_SCOPES));
        const QJsonObject response = owner.request(u"terminal.run"_s, { { u"command"_s, u"echo hi"_s } });
        QVERIFY(!response.value(u"ok"_s).toBool());
        QCOMPARE(errorOf(response).value(u"code"_s).toString(), u"UNAVAILABLE"_s);
        QCOMPARE(errorOf(response).value(u"details"_s).toObject().value(u"code"_s).toString(), u"TERMINAL_DISABLED"_s);
        QCOMPARE(gateway.service()->terminal()->jobs().size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Terminal)
#include "tst_terminal.moc"
