// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
//
// Secrets in a real Secret Service (gnome-keyring on a private session bus with a throwaway
// HOME: tests/support/keyring-session.sh, wired up in CMakeLists.txt): the round trip, the move
// of secrets.json into the keychain, plain-text config secrets moved out of skynet.toml, the
// gateway's token kept only in the keychain, and the fallbacks without a session bus.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QtTest>

#include "secrets/secretstore.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::GatewayProcess;

namespace
{
QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        return false;
    f.close();
    return f.setPermissions(permissions);
}

// Every file under dir that contains needle.
QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            found.append(path);
    }
    return found;
}

// A fresh name per test run: the keyring lives as long as the session bus.
QString uniqueName(const char *what)
{
    return u"test.%1.%2"_s.arg(QString::fromLatin1(what)).arg(QRandomGenerator::global()->generate());
}
} // namespace

class tst_Keychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("SKYNET_TEST_KEYRING") == u"1"_s,
            "run through CTest: the suite needs the throwaway keyring of tests/support/keyring-session.sh");
    }

    void roundTrip()
    {
        QTemporaryDir home;
        auto opened = Gateway::Secrets::openStore(home.path(), u"keychain"_s);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        Gateway::Secrets::SecretStore *store = opened->store.get();
        QVERIFY(store->isKeychain());
        QVERIFY(store->describe().contains(u"keychain"_s));
        const QString name = uniqueName("roundtrip");
        QVERIFY(!store->read(name));
        QVERIFY(store->write(name, u"s3cr3t ✓ with spaces"_s));
        QCOMPARE(store->read(name).value_or(QString()), u"s3cr3t ✓ with spaces"_s);

        // A second store has no cache: the value really is in the Secret Service.
        auto again = Gateway::Secrets::openStore(home.path(), u"auto"_s);
        QVERIFY(again && again->store->isKeychain());
        QCOMPARE(again->store->read(name).value_or(QString()), u"s3cr3t ✓ with spaces"_s);
        QVERIFY(again->store->remove(name));
        auto third = Gateway::Secrets::openStore(home.path(), u"auto"_s);
        QVERIFY(!third->store->read(name));
        // Nothing on disk.
        QVERIFY(!QFile::exists(home.filePath(u"secrets.json"_s)));
    }

    void secretsFileMovesIntoTheKeychain()
    {
        QTemporaryDir home;
        const QString a = uniqueName("moved-a");
        const QString b = uniqueName("moved-b");
        const QByteArray json = QJsonDocument(QJsonObject { { a, u"alpha"_s }, { b, u"beta"_s } }).toJson();
        QVERIFY(writeFile(home.filePath(u"secrets.json"_s), json, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        auto opened = Gateway::Secrets::openStore(home.path(), u"auto"_s);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        QVERIFY(opened->store->isKeychain());
        QVERIFY2(opened->notice.contains(u"moved 2 secret(s)"_s), qPrintable(opened->notice));
        QVERIFY(!QFile::exists(home.filePath(u"secrets.json"_s)));
        QCOMPARE(opened->store->read(a).value_or(QString()), u"alpha"_s);
        QCOMPARE(opened->store->read(b).value_or(QString()), u"beta"_s);

        // A secrets file others may read is refused, and left where it is.
        QVERIFY(writeFile(home.filePath(u"secrets.json"_s), json,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        QVERIFY(!Gateway::Secrets::openStore(home.path(), u"auto"_s));
        QVERIFY(QFile::exists(home.filePath(u"secrets.json"_s)));
    }

    void gatewayKeepsItsTokenInTheKeychain()
    {
        GatewayProcess gateway;
        QVERIFY2(gateway.start(), gateway.standardError().constData());
        QCOMPARE(gateway.terminate(), 0);
        QVERIFY(!QFile::exists(gateway.home() + u"/secrets.json"_s));
        GatewayProcess cli;
        QCOMPARE(cli.run({ u"--home"_s, gateway.home(), u"token"_s }), 0);
        const QByteArray token = cli.standardOutput().trimmed();
        QVERIFY(token.size() >= 40);
        auto opened = Gateway::Secrets::openStore(gateway.home(), u"keychain"_s);
        QVERIFY(opened);
        QCOMPARE(opened->store->read(u"gateway.token"_s).value_or(QString()).toUtf8(), token);
        // The token is nowhere in the home folder (config, logs, database).
        QCOMPARE(filesContaining(gateway.home(), token), QStringList());
    }

    void plainTextConfigSecretsMoveOut()
    {
        GatewayProcess gateway;
        const QString config = gateway.home() + u"/skynet.toml"_s;
        const QByteArray plain
            = "4242:AAplainTextTelegramToken" + QByteArray::number(QRandomGenerator::global()->generate());
        QVERIFY(writeFile(config,
            "# my settings\n[channels.telegram]\nenabled = false # off for now\ntoken = \"" + plain
                + "\"   # pasted from BotFather\n\n[channels.discord]\ntoken = \"env:DISCORD_BOT_TOKEN\"\n",
            QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY2(gateway.start(), gateway.standardError().constData());
        QCOMPARE(gateway.terminate(), 0);
        const QString rewritten = readAll(config);
        QVERIFY2(rewritten.contains(u"token = \"secret:channels.telegram.token\"   # pasted from BotFather"_s),
            qPrintable(rewritten));
        QVERIFY(rewritten.startsWith(u"# my settings\n[channels.telegram]\nenabled = false # off for now\n"_s));
        QVERIFY(rewritten.contains(u"token = \"env:DISCORD_BOT_TOKEN\""_s)); // references stay
        auto opened = Gateway::Secrets::openStore(gateway.home(), u"keychain"_s);
        QVERIFY(opened);
        QCOMPARE(opened->store->read(u"channels.telegram.token"_s).value_or(QString()).toUtf8(), plain);
        QCOMPARE(filesContaining(gateway.home(), plain), QStringList());
        QVERIFY(!gateway.standardOutput().contains(plain) && !gateway.standardError().contains(plain));
        QVERIFY(!gateway.standardError().contains("plain-text secret in"));
    }

    void noSessionBusFallsBackToTheFile()
    {
        GatewayProcess gateway;
        // No bus: "auto" keeps secrets in secrets.json (0600) and says so.
        QVERIFY2(gateway.start({ u"--log-level"_s, u"info"_s }, { u"DBUS_SESSION_BUS_ADDRESS="_s, u"DISPLAY="_s }),
            gateway.standardError().constData());
        QCOMPARE(gateway.terminate(), 0);
        const QString file = gateway.home() + u"/secrets.json"_s;
        QVERIFY(QFile::exists(file));
        QCOMPARE(
            QFile::permissions(file) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        QVERIFY2(gateway.standardOutput().contains("no D-Bus session bus")
                || gateway.standardError().contains("no D-Bus session bus"),
            gateway.standardError().constData());

        // "keychain" refuses to run without one, with a message that says what to do.
        GatewayProcess strict;
        const int code = strict.run({ u"--home"_s, strict.home(), u"token"_s },
            { u"DBUS_SESSION_BUS_ADDRESS="_s, u"DISPLAY="_s, u"SKYNET_STORAGE_SECRETS=keychain"_s });
        QCOMPARE(code, 2);
        QVERIFY2(
            strict.standardError().contains("storage.secrets is \"keychain\""), strict.standardError().constData());
    }

    void missingModuleFallsBack()
    {
        QTemporaryDir home;
        qputenv("SKYNET_KEYCHAIN_MODULE", "/nonexistent/skynet-keychain.so");
        // The test binary's folder has no module either: auto falls back to the file and says why.
        auto opened = Gateway::Secrets::openStore(home.path(), u"auto"_s);
        qputenv("SKYNET_KEYCHAIN_MODULE", qgetenv("SKYNET_KEYCHAIN_MODULE_REAL"));
        QVERIFY(opened);
        QVERIFY(!opened->store->isKeychain());
        QVERIFY2(opened->notice.contains(u"skynet-keychain module is missing"_s), qPrintable(opened->notice));
    }
};

QTEST_GUILESS_MAIN(tst_Keychain)
#include "tst_keychain.moc"
