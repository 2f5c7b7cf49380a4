// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The bubblewrap sandbox skill scripts run in: no network without the capability (a local TCP
// server this test listens on stays unreached), nothing writable but the skill's data folder,
// hidden home folders, a time limit that kills the process group, memory and output limits.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "skills/sandbox.h"

using namespace Qt::StringLiterals;
using namespace Gateway::Skills;
using Gateway::Result;

class tst_Sandbox final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_skill;
    QString m_data;

    void writeScript(const QString &name, const QByteArray &text)
    {
        QFile f(m_skill + u'/' + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
    SandboxRequest request(const QStringList &command, bool network = false) const
    {
        SandboxRequest r;
        r.folder = m_skill;
        r.dataFolder = m_data;
        r.command = command;
        r.network = network;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The only reason to skip: bwrap itself cannot create namespaces on this machine (the
        // sandbox then refuses to run anything, see failsClosedArguments).
        QProcess probe;
        probe.start(u"bwrap"_s, { u"--ro-bind"_s, u"/"_s, u"/"_s, u"true"_s });
        const bool works
            = probe.waitForFinished(10000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
        if (!works)
            QSKIP(qPrintable(u"bwrap --ro-bind / / true fails here: "_s
                + QString::fromLocal8Bit(probe.readAllStandardError()) + probe.errorString()));
        QString reason;
        QVERIFY2(Sandbox::isAvailable(&reason), qPrintable(reason));
        m_skill = m_root.filePath(u"skills/demo"_s);
        m_data = m_skill + u"/data"_s;
        QVERIFY(QDir().mkpath(m_skill));
    }

    void argumentsAreStrict()
    {
        Sandbox sandbox;
        const QStringList args = sandbox.arguments(request({ u"sh"_s, u"x.sh"_s }));
        QVERIFY(args.contains(u"--unshare-all"_s));
        QVERIFY(!args.contains(u"--share-net"_s));
        QVERIFY(args.contains(u"--die-with-parent"_s));
        QVERIFY(args.contains(u"--new-session"_s));
        QCOMPARE(args.mid(0, 3), (QStringList { u"--ro-bind"_s, u"/"_s, u"/"_s }));
        QVERIFY(sandbox.arguments(request({ u"true"_s }, true)).contains(u"--share-net"_s));
        QCOMPARE(args.mid(args.size() - 3), (QStringList { u"--"_s, u"sh"_s, u"x.sh"_s }));
        // Without a data folder nothing is bound writable.
        SandboxRequest readOnly = request({ u"true"_s });
        readOnly.dataFolder.clear();
        QVERIFY(!sandbox.arguments(readOnly).contains(u"--bind"_s));
        QVERIFY(args.contains(u"--bind"_s));
    }

    void runsAndCapturesOutput()
    {
        writeScript(u"hello.sh"_s, "echo \"hello $1\"; echo oops >&2; exit 3\n");
        Result<SandboxResult> r = Sandbox().run(request({ u"sh"_s, u"hello.sh"_s, u"world; rm -rf /"_s }));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(r->exitCode, 3);
        QCOMPARE(r->standardOutput, QByteArray("hello world; rm -rf /\n"));
        QCOMPARE(r->standardError, QByteArray("oops\n"));
        QVERIFY(!r->timedOut);
    }

    void noNetworkWithoutTheCapability()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        writeScript(u"net.sh"_s, "exec 3<>/dev/tcp/127.0.0.1/$1 && echo connected\n");
        const QString port = QString::number(server.serverPort());

        Result<SandboxResult> denied = Sandbox().run(request({ u"bash"_s, u"net.sh"_s, port }));
        QVERIFY(denied);
        QVERIFY2(denied->exitCode != 0, denied->standardOutput.constData());
        QVERIFY(!denied->standardOutput.contains("connected"));
        QVERIFY(!server.waitForNewConnection(100));

        // With the approved capability the same script reaches the server (the control).
        Result<SandboxResult> allowed = Sandbox().run(request({ u"bash"_s, u"net.sh"_s, port }, true));
        QVERIFY(allowed);
        QCOMPARE(allowed->exitCode, 0);
        QVERIFY(allowed->standardOutput.contains("connected"));
        QVERIFY(server.waitForNewConnection(5000));
    }

    void writesOnlyIntoTheDataFolder()
    {
        const QString outside = m_root.filePath(u"outside.txt"_s);
        const QString sibling = m_root.filePath(u"skills/other.txt"_s);
        writeScript(u"write.sh"_s,
            "echo x > \"$1\" && echo wrote-outside\n"
            "echo x > \"$2\" && echo wrote-sibling\n"
            "echo x > own.txt && echo wrote-own\n"
            "echo x > /usr/skynet-test && echo wrote-system\n"
            "echo x > data/ok.txt && echo wrote-data\n"
            "ls -A /home | wc -l\n");
        Result<SandboxResult> r = Sandbox().run(request({ u"sh"_s, u"write.sh"_s, outside, sibling }));
        QVERIFY(r);
        QCOMPARE(r->standardOutput, QByteArray("wrote-data\n0\n"));
        QVERIFY(!QFile::exists(outside));
        QVERIFY(!QFile::exists(sibling));
        QVERIFY(!QFile::exists(m_skill + u"/own.txt"_s));
        QVERIFY(QFile::exists(m_data + u"/ok.txt"_s));
    }

    void timeLimitKillsTheProcessGroup()
    {
        // A child in the background and a sleeping parent: both go when the limit hits.
        writeScript(u"slow.sh"_s, "sleep 60 &\nsleep 60\necho finished\n");
        SandboxLimits limits;
        limits.timeoutMs = 1000;
        Result<SandboxResult> r = Sandbox(limits).run(request({ u"sh"_s, u"slow.sh"_s }));
        QVERIFY(r);
        QVERIFY(r->timedOut);
        QCOMPARE(r->exitCode, -1);
        QVERIFY(!r->standardOutput.contains("finished"));
    }

    void memoryAndOutputLimits()
    {
        if (QStandardPaths::findExecutable(u"python3"_s).isEmpty())
            QSKIP("python3 is not installed");
        writeScript(u"big.py"_s, "x = bytearray(1024 * 1024 * 1024)\nprint('allocated')\n");
        SandboxLimits limits;
        limits.memoryBytes = 256LL * 1024 * 1024;
        Result<SandboxResult> r = Sandbox(limits).run(request({ u"python3"_s, u"big.py"_s }));
        QVERIFY(r);
        QVERIFY(r->exitCode != 0);
        QVERIFY(!r->standardOutput.contains("allocated"));
        QVERIFY2(r->standardError.contains("MemoryError"), r->standardError.constData());

        writeScript(u"loud.sh"_s, "yes skynet\n");
        SandboxLimits small;
        small.maxOutputBytes = 4096;
        Result<SandboxResult> loud = Sandbox(small).run(request({ u"sh"_s, u"loud.sh"_s }));
        QVERIFY(loud);
        QVERIFY(loud->outputExceeded);
        QCOMPARE(loud->standardOutput.size(), 4096);
        QCOMPARE(loud->exitCode, -1);
    }

    void environmentIsMinimal()
    {
        qputenv("SKYNET_TEST_SECRET", "hunter2");
        writeScript(u"env.sh"_s, "env\n");
        Result<SandboxResult> r = Sandbox().run(request({ u"sh"_s, u"env.sh"_s }));
        qunsetenv("SKYNET_TEST_SECRET");
        QVERIFY(r);
        QCOMPARE(r->exitCode, 0);
        QVERIFY(!r->standardOutput.contains("hunter2"));
        QVERIFY(r->standardOutput.contains(QByteArray("HOME=" + m_data.toUtf8())));
    }

    void failsClosedArguments() { QCOMPARE(Sandbox().run(request({})).error().code, u"INVALID_REQUEST"_s); }
};

QTEST_GUILESS_MAIN(tst_Sandbox)
#include "tst_sandbox.moc"
