// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Config::ConfigEditor: keys of the schema set in place (comments and layout kept), added under
// their section or in a new one, validated by type, and never a plain-text secret.

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "config/configeditor.h"
#include "config/configloader.h"

using namespace Qt::StringLiterals;
using Gateway::Config::ConfigEditor;

class tst_ConfigEditor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replacesInPlaceKeepingComments()
    {
        ConfigEditor editor
            = ConfigEditor::fromText(u"# top\n[gateway]\n# the port\nport = 18789 # inline\nbind = \"127.0.0.1\"\n"_s);
        QVERIFY(editor.set(u"gateway.port"_s, 18790).ok());
        QCOMPARE(editor.text(), u"# top\n[gateway]\n# the port\nport = 18790 # inline\nbind = \"127.0.0.1\"\n"_s);
        QVERIFY(editor.isModified());
        QCOMPARE(editor.value(u"gateway.port"_s).toLongLong(), 18790);
        QCOMPARE(editor.value(u"gateway.bind"_s).toString(), u"127.0.0.1"_s);
    }

    void addsUnderSectionOrNewSection()
    {
        ConfigEditor editor = ConfigEditor::fromText(u"[gateway]\nport = 1\n\n[logging]\nlevel = \"info\"\n"_s);
        QVERIFY(editor.set(u"gateway.bind"_s, u"0.0.0.0"_s).ok());
        QVERIFY(editor.set(u"channels.telegram.enabled"_s, true).ok());
        QCOMPARE(editor.text(),
            u"[gateway]\nbind = \"0.0.0.0\"\nport = 1\n\n[logging]\nlevel = \"info\"\n\n[channels.telegram]\nenabled = true"_s);
        // A key of the same name in another section is not touched.
        QVERIFY(editor.set(u"channels.discord.enabled"_s, false).ok());
        QCOMPARE(editor.value(u"channels.telegram.enabled"_s).toBool(), true);
        QCOMPARE(editor.value(u"channels.discord.enabled"_s).toBool(), false);
        QVERIFY(editor.unset(u"gateway.bind"_s).ok());
        QVERIFY(!editor.value(u"gateway.bind"_s).isValid());
    }

    void stringsAreEscaped()
    {
        ConfigEditor editor = ConfigEditor::fromText(QString());
        QVERIFY(editor.set(u"gateway.bind"_s, u"a\"b\\c"_s).ok());
        QCOMPARE(editor.value(u"gateway.bind"_s).toString(), u"a\"b\\c"_s);
        QVERIFY(editor.text().contains(u"bind = \"a\\\"b\\\\c\""_s));
    }

    void rejectsBadValues_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown key") << u"gateway.nope"_s << QVariant(1) << u"not a configuration key"_s;
        QTest::addRow("port too big") << u"gateway.port"_s << QVariant(70000) << u"integer from 1 to 65535"_s;
        QTest::addRow("port not a number") << u"gateway.port"_s << QVariant(u"x"_s) << u"integer"_s;
        QTest::addRow("bool as string") << u"channels.telegram.enabled"_s << QVariant(u"yes"_s) << u"true or false"_s;
        QTest::addRow("bad choice") << u"gateway.auth"_s << QVariant(u"magic"_s) << u"one of"_s;
        QTest::addRow("plain secret") << u"channels.telegram.token"_s << QVariant(u"123:ABC"_s) << u"never hold one"_s;
        QTest::addRow("control char") << u"gateway.bind"_s << QVariant(u"a\nb"_s) << u"control characters"_s;
    }

    void rejectsBadValues()
    {
        QFETCH(QString, key);
        QFETCH(QVariant, value);
        QFETCH(QString, message);
        ConfigEditor editor = ConfigEditor::fromText(u"[gateway]\nport = 18789\n"_s);
        const Gateway::Status status = editor.set(key, value);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(message), qPrintable(status.error().message));
        QCOMPARE(editor.text(), u"[gateway]\nport = 18789\n"_s);
        QVERIFY(!editor.isModified());
    }

    void choiceIsCanonical()
    {
        ConfigEditor editor = ConfigEditor::fromText(QString());
        QVERIFY(editor.set(u"gateway.auth"_s, u"TOKEN"_s).ok());
        QCOMPARE(editor.value(u"gateway.auth"_s).toString(), u"token"_s);
        QVERIFY(editor.set(u"channels.telegram.token"_s, u"secret:channels.telegram.token"_s).ok());
    }

    void savesTemplateAndLoads()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"skynet.toml"_s);
        auto opened = ConfigEditor::open(path); // missing: the shipped template
        QVERIFY(opened.ok());
        ConfigEditor editor = *opened;
        QVERIFY(editor.text().contains(u"[gateway]"_s));
        QVERIFY(editor.set(u"gateway.port"_s, 4242).ok());
        QVERIFY(editor.set(u"channels.telegram.enabled"_s, true).ok());
        QVERIFY(editor.set(u"channels.telegram.token"_s, u"secret:channels.telegram.token"_s).ok());
        const Gateway::Status saved = editor.save();
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
        QCOMPARE(
            QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
        const auto loaded = Gateway::Config::ConfigLoader::loadFile(path, dir.path());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
        QCOMPARE(loaded->gateway.port, 4242);
        QVERIFY(loaded->channels.telegram.enabled);
        // The comments of the template are still there.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("# TCP port for HTTP and WebSocket"));
    }

    void saveRefusesWhatTheLoaderRejects()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"skynet.toml"_s);
        QFile seed(path);
        QVERIFY(seed.open(QIODevice::WriteOnly));
        seed.write("[gateway]\nport = 18789\nbogus = [\n");
        seed.close();
        auto opened = ConfigEditor::open(path);
        QVERIFY(opened.ok());
        QVERIFY(opened->set(u"gateway.port"_s, 1000).ok());
        QVERIFY(!opened->save().ok());
        QVERIFY(seed.open(QIODevice::ReadOnly));
        QCOMPARE(seed.readAll(), QByteArray("[gateway]\nport = 18789\nbogus = [\n")); // untouched
    }
};

QTEST_APPLESS_MAIN(tst_ConfigEditor)
#include "tst_configeditor.moc"
