// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// SingleInstance: the guard in-process (stale sockets, garbage peers) and two launches of `skynet`.

#include <cstring>
#include <future>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLocalSocket>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "desktop/singleinstance.h"
#include "testsupport.h"

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace
{

/// Connects, sends bytes, and says whether the guard answered "ok" before closing.
QByteArray exchange(const QString &path, const QByteArray &bytes)
{
    QLocalSocket socket;
    socket.connectToServer(path);
    if (!socket.waitForConnected(TestSupport::WAIT_MS))
        return "no connection";
    socket.write(bytes);
    socket.flush();
    QByteArray answer;
    while (socket.state() == QLocalSocket::ConnectedState && socket.waitForReadyRead(TestSupport::WAIT_MS))
        answer += socket.readAll();
    answer += socket.readAll();
    return answer;
}

/// exchange() on a thread while this thread's event loop serves the guard.
QByteArray exchangeWhileServing(const QString &path, const QByteArray &bytes)
{
    auto peer = std::async(std::launch::async, [path, bytes] { return exchange(path, bytes); });
    if (!QTest::qWaitFor([&peer] { return peer.wait_for(std::chrono::seconds(0)) == std::future_status::ready; },
            TestSupport::WAIT_MS))
        return "timeout";
    return peer.get();
}

/// A launch of the built `skynet` that collects its output.
struct Launch
{
    QProcess process;
    QByteArray output;

    void start(const QProcessEnvironment &env, const QStringList &args)
    {
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(&process, &QProcess::readyRead, &process, [this] { output += process.readAll(); });
        process.start(TestSupport::GatewayProcess::binary(u"skynet"_s), args);
    }
    ~Launch()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }
};

} // namespace

class tst_SingleInstance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void parseMessage_data();
    void parseMessage();
    void messageRoundTrips();
    void socketPathIsPerUserAndHome();
    void socketFolderIsPrivate();
    void secondInstanceRaisesFirst();
    void staleSocketIsReplaced();
    void junkFileIsReplaced();
    void garbageIsIgnored_data();
    void garbageIsIgnored();
    void silentPeerIsDropped();
    void unguardedWithoutFolder();
    void twoLaunches();

private:
    QString socketPath() const { return m_dir->filePath(u"guard.sock"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_SingleInstance::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_SingleInstance::cleanup()
{
    m_dir.reset();
}

void tst_SingleInstance::parseMessage_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("page");
    QTest::addRow("raise") << QByteArray("raise") << true << QString();
    QTest::addRow("raise with newline") << QByteArray("raise\n") << true << QString();
    QTest::addRow("raise with spaces") << QByteArray("  raise \r\n") << true << QString();
    QTest::addRow("show chat") << QByteArray("show chat\n") << true << u"chat"_s;
    QTest::addRow("show 32 letters") << QByteArray("show " + QByteArray(32, 'a')) << true << QString(32, u'a');
    QTest::addRow("show 33 letters") << QByteArray("show " + QByteArray(33, 'a')) << false << QString();
    QTest::addRow("show upper case") << QByteArray("show Chat") << false << QString();
    QTest::addRow("show nothing") << QByteArray("show ") << false << QString();
    QTest::addRow("show two words") << QByteArray("show chat now") << false << QString();
    QTest::addRow("show path") << QByteArray("show ../etc") << false << QString();
    QTest::addRow("RAISE") << QByteArray("RAISE") << false << QString();
    QTest::addRow("empty") << QByteArray() << false << QString();
    QTest::addRow("binary") << QByteArray("\x00\xff\xfe raise", 9) << false << QString();
    QTest::addRow("too long") << QByteArray("raise" + QByteArray(300, ' ')) << false << QString();
}

void tst_SingleInstance::parseMessage()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QFETCH(QString, page);
    const std::optional<QString> parsed = SingleInstance::parseMessage(line);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, page);
}

void tst_SingleInstance::messageRoundTrips()
{
    QCOMPARE(SingleInstance::messageFor({}), QByteArray("raise"));
    QCOMPARE(SingleInstance::parseMessage(SingleInstance::messageFor(u"logs"_s)), std::optional<QString>(u"logs"_s));
}

void tst_SingleInstance::socketPathIsPerUserAndHome()
{
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir->path()));
    QFile::setPermissions(m_dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString a = SingleInstance::socketPathFor(u"/home/a/.skynet"_s);
    QVERIFY(!a.isEmpty());
    QCOMPARE(QFileInfo(a).absolutePath(), QFileInfo(m_dir->path()).absoluteFilePath());
    QCOMPARE(SingleInstance::socketPathFor(u"/home/a/.skynet"_s), a);
    QCOMPARE(SingleInstance::socketPathFor(u"/home/a/.skynet/../.skynet"_s), a); // one home, one name
    QVERIFY(SingleInstance::socketPathFor(u"/home/a/other"_s) != a);
#if defined(Q_OS_UNIX)
    QVERIFY(QFileInfo(a).fileName().startsWith(u"skynet-"_s + QString::number(::getuid()) + u'-'));
#endif
    // A socket path must fit sockaddr_un (108 bytes) however long the home is.
    QVERIFY(SingleInstance::socketPathFor(QString(500, u'x')).size() < m_dir->path().size() + 64);
    qunsetenv("XDG_RUNTIME_DIR");
}

void tst_SingleInstance::socketFolderIsPrivate()
{
#if !defined(Q_OS_UNIX)
    QSKIP("Unix sockets only");
#else
    // A runtime folder others may enter is not used: the guard falls back to <tmp>/skynet-<uid>.
    QVERIFY(QFile::setPermissions(m_dir->path(),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
            | QFileDevice::ExeOther));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir->path()));
    const QString path = SingleInstance::socketPathFor(u"/home/a/.skynet"_s);
    qunsetenv("XDG_RUNTIME_DIR");
    QVERIFY(!path.isEmpty());
    const QFileInfo folder(QFileInfo(path).absolutePath());
    QCOMPARE(folder.absoluteFilePath(), QDir(QDir::tempPath()).filePath(u"skynet-"_s + QString::number(::getuid())));
    QCOMPARE(int(folder.permissions()
                 & (QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther | QFileDevice::ReadGroup
                     | QFileDevice::WriteGroup | QFileDevice::ExeGroup)),
        0);
    QCOMPARE(folder.ownerId(), ::getuid());
#endif
}

void tst_SingleInstance::secondInstanceRaisesFirst()
{
    SingleInstance first(socketPath());
    QCOMPARE(first.start(), SingleInstance::Role::Primary);
    QCOMPARE(first.start(), SingleInstance::Role::Primary); // idempotent
    QSignalSpy raised(&first, &SingleInstance::raiseRequested);

    // The second launch blocks on its socket (as it does before exiting): run it on a thread while
    // this one serves.
    const QString path = socketPath();
    auto second = std::async(std::launch::async, [path] {
        SingleInstance instance(path);
        if (instance.start() != SingleInstance::Role::Secondary)
            return false;
        return instance.sendRaise(u"chat"_s);
    });
    QTRY_COMPARE(raised.count(), 1);
    QCOMPARE(raised.constFirst().constFirst().toString(), u"chat"_s);
    QVERIFY(second.get());

    auto plain = std::async(std::launch::async, [path] {
        SingleInstance instance(path);
        return instance.start() == SingleInstance::Role::Secondary && instance.sendRaise();
    });
    QTRY_COMPARE(raised.count(), 2);
    QCOMPARE(raised.at(1).constFirst().toString(), QString());
    QVERIFY(plain.get());

    // sendRaise() is for a secondary only.
    QVERIFY(!first.sendRaise());
}

void tst_SingleInstance::staleSocketIsReplaced()
{
#if !defined(Q_OS_UNIX)
    QSKIP("Unix sockets only");
#else
    // What a crash leaves: a bound socket file nobody listens on.
    const QByteArray path = QFile::encodeName(socketPath());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    QVERIFY(size_t(path.size()) < sizeof(address.sun_path));
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    ::close(fd);
    QVERIFY(QFileInfo::exists(socketPath()));
    QCOMPARE(exchange(socketPath(), "raise\n"), QByteArray("no connection"));

    SingleInstance recovered(socketPath());
    QCOMPARE(recovered.start(), SingleInstance::Role::Primary);
    QSignalSpy raised(&recovered, &SingleInstance::raiseRequested);
    QCOMPARE(exchangeWhileServing(socketPath(), "raise\n"), QByteArray("ok\n"));
    QCOMPARE(raised.count(), 1);
#endif
}

void tst_SingleInstance::junkFileIsReplaced()
{
    QFile junk(socketPath());
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a socket");
    junk.close();
    SingleInstance instance(socketPath());
    QCOMPARE(instance.start(), SingleInstance::Role::Primary);
    QCOMPARE(exchangeWhileServing(socketPath(), "raise\n"), QByteArray("ok\n"));
}

void tst_SingleInstance::garbageIsIgnored_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("unknown word") << QByteArray("hello\n");
    QTest::addRow("bad page") << QByteArray("show ../../etc/passwd\n");
    QTest::addRow("binary") << QByteArray("\x01\x02\x03\n", 4);
    QTest::addRow("no newline, too long") << QByteArray(5000, 'r');
    QTest::addRow("long line") << QByteArray(QByteArray(1000, 'a') + '\n');
}

void tst_SingleInstance::garbageIsIgnored()
{
    QFETCH(QByteArray, bytes);
    SingleInstance instance(socketPath());
    QCOMPARE(instance.start(), SingleInstance::Role::Primary);
    QSignalSpy raised(&instance, &SingleInstance::raiseRequested);

    const QString path = socketPath();
    QCOMPARE(exchangeWhileServing(path, bytes), QByteArray()); // dropped without an answer
    QCOMPARE(raised.count(), 0);

    // More garbage peers than it serves at once: none keeps a slot.
    for (int i = 0; i < SingleInstance::MAX_CONNECTIONS * 2; ++i)
        QCOMPARE(exchangeWhileServing(path, bytes), QByteArray());
    QCOMPARE(raised.count(), 0);

    // The guard still serves well-formed requests afterwards.
    auto good = std::async(std::launch::async, [path] { return exchange(path, "raise\n"); });
    QTRY_COMPARE(raised.count(), 1);
    QCOMPARE(good.get(), QByteArray("ok\n"));
}

void tst_SingleInstance::silentPeerIsDropped()
{
    SingleInstance instance(socketPath());
    QCOMPARE(instance.start(), SingleInstance::Role::Primary);
    QLocalSocket idle;
    idle.connectToServer(socketPath());
    QVERIFY(idle.waitForConnected(TestSupport::WAIT_MS));
    QSignalSpy disconnected(&idle, &QLocalSocket::disconnected);
    QElapsedTimer timer;
    timer.start();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, TestSupport::WAIT_MS);
    QVERIFY(timer.elapsed() >= SingleInstance::IO_TIMEOUT.count() - 500);
}

void tst_SingleInstance::unguardedWithoutFolder()
{
    SingleInstance none { QString() };
    QCOMPARE(none.start(), SingleInstance::Role::Unguarded);
    QVERIFY(!none.errorString().isEmpty());
    // A folder that cannot hold a socket: listen fails, the app runs unguarded.
    SingleInstance missing(m_dir->filePath(u"no/such/folder/guard.sock"_s));
    QCOMPARE(missing.start(), SingleInstance::Role::Unguarded);
    QVERIFY(!missing.errorString().isEmpty());
}

void tst_SingleInstance::twoLaunches()
{
    if (qEnvironmentVariableIsEmpty("SKYNET_BINARY_DIR"))
        QSKIP("SKYNET_BINARY_DIR is not set (run through ctest)");
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    QFile::setPermissions(runtime.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, m_dir->path());
    env.insert(u"XDG_RUNTIME_DIR"_s, runtime.path());
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"SKYNET_HOME"_s, m_dir->filePath(u"home-a"_s));
    env.remove(u"SKYNET_GATEWAY_TOKEN"_s);
    const QStringList args { u"--port"_s, u"0"_s };

    Launch first;
    first.start(env, args);
    QTRY_VERIFY_WITH_TIMEOUT(first.output.contains("listening on"), TestSupport::START_MS);

    // The same home (once from SKYNET_HOME, once as --home): the second exits 0 at once.
    for (const QStringList &secondArgs : { args, QStringList { u"--home"_s, m_dir->filePath(u"home-a"_s) } }) {
        Launch second;
        QElapsedTimer timer;
        timer.start();
        second.start(env, secondArgs);
        QVERIFY(second.process.waitForFinished(TestSupport::WAIT_MS));
        QCOMPARE(second.process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(second.process.exitCode() == 0, second.output.constData());
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(!second.output.contains("listening on"), second.output.constData());
    }
    QTRY_COMPARE(first.output.count("another launch asked to show the window"), 2);

    // A --minimized launch (autostart) exits too, but leaves the window alone.
    {
        Launch minimized;
        minimized.start(env, args + QStringList { u"--minimized"_s });
        QVERIFY(minimized.process.waitForFinished(TestSupport::WAIT_MS));
        QVERIFY2(minimized.process.exitCode() == 0, minimized.output.constData());
        QVERIFY(!minimized.output.contains("listening on"));
    }
    QCOMPARE(first.process.state(), QProcess::Running);
    QCOMPARE(first.output.count("another launch asked to show the window"), 2);

    // Another home runs side by side.
    Launch other;
    QProcessEnvironment otherEnv = env;
    otherEnv.insert(u"SKYNET_HOME"_s, m_dir->filePath(u"home-b"_s));
    other.start(otherEnv, args);
    QTRY_VERIFY_WITH_TIMEOUT(other.output.contains("listening on"), TestSupport::START_MS);
    QCOMPARE(first.process.state(), QProcess::Running);

    // A crash leaves the socket behind: the next launch takes over.
    first.process.kill();
    QVERIFY(first.process.waitForFinished());
    Launch after;
    after.start(env, args);
    QTRY_VERIFY_WITH_TIMEOUT(after.output.contains("listening on"), TestSupport::START_MS);
    QCOMPARE(after.process.state(), QProcess::Running);

    // --no-gui is not guarded: the headless gateway is a different program.
    Launch headless;
    QProcessEnvironment headlessEnv = env;
    headlessEnv.insert(u"SKYNET_HOME"_s, m_dir->filePath(u"home-c"_s));
    headless.start(headlessEnv, { u"--no-gui"_s, u"--port"_s, u"0"_s });
    QTRY_VERIFY_WITH_TIMEOUT(headless.output.contains("listening on"), TestSupport::START_MS);

    for (Launch *launch : { &other, &after, &headless }) {
        launch->process.terminate();
        QVERIFY(launch->process.waitForFinished(TestSupport::WAIT_MS));
        QCOMPARE(launch->process.exitCode(), 0);
    }
}

QTEST_GUILESS_MAIN(tst_SingleInstance)

#include "tst_singleinstance.moc"
