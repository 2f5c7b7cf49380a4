// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The file secret store (headless fallback), references and the constant-time comparison.

#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include "secrets/secretstore.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway::Secrets;

class tst_SecretStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void roundTripWithPrivatePermissions()
    {
        const QString path = m_dir.filePath(u"s1.json"_s);
        {
            FileSecretStore store(path);
            QVERIFY(store.open().ok());
            QVERIFY(!store.read(u"a"_s));
            QVERIFY(store.write(u"a"_s, u"value-1"_s).ok());
        }
        const QFileDevice::Permissions perms = QFile::permissions(path);
        QVERIFY(perms & QFileDevice::ReadOwner);
        QVERIFY(!(perms
            & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));
        FileSecretStore again(path);
        QVERIFY(again.open().ok());
        QCOMPARE(again.read(u"a"_s).value_or(QString()), u"value-1"_s);
        QVERIFY(again.remove(u"a"_s).ok());
        FileSecretStore third(path);
        QVERIFY(third.open().ok());
        QVERIFY(!third.read(u"a"_s));
    }

    void refusesReadableByOthers()
    {
        const QString path = m_dir.filePath(u"s2.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{}");
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        FileSecretStore store(path);
        const auto status = store.open();
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains(u"chmod 600"_s));
    }

    void refusesGarbage()
    {
        const QString path = m_dir.filePath(u"s3.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write("not json");
        file.close();
        FileSecretStore store(path);
        QVERIFY(!store.open().ok());
    }

    void resolvesReferences()
    {
        FileSecretStore store(m_dir.filePath(u"s4.json"_s));
        QVERIFY(store.open().ok());
        QVERIFY(store.write(u"gateway.token"_s, u"stored"_s).ok());
        QProcessEnvironment env;
        env.insert(u"MY_TOKEN"_s, u"from-env"_s);
        QFile file(m_dir.filePath(u"token.txt"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("from-file\nsecond line\n");
        file.close();

        QCOMPARE(resolve(u"secret:gateway.token"_s, &store, env).value_or(QString()), u"stored"_s);
        QCOMPARE(resolve(u"env:MY_TOKEN"_s, &store, env).value_or(QString()), u"from-env"_s);
        QCOMPARE(resolve(u"file:token.txt"_s, &store, env, m_dir.path()).value_or(QString()), u"from-file"_s);
        QCOMPARE(resolve(u"plain-text"_s, &store, env).value_or(QString()), u"plain-text"_s);
        QVERIFY(!resolve(QString(), &store, env));
        QVERIFY(!resolve(u"secret:missing"_s, &store, env));
        QVERIFY(!resolve(u"env:UNSET_VAR"_s, &store, env));
        QVERIFY(!resolve(u"file:/no/such/file"_s, &store, env));
    }

    void constantTime()
    {
        QVERIFY(constantTimeEquals("abc", "abc"));
        QVERIFY(!constantTimeEquals("abc", "abd"));
        QVERIFY(!constantTimeEquals("abc", "abcd"));
        QVERIFY(!constantTimeEquals("abcd", "abc"));
        QVERIFY(!constantTimeEquals("", ""));
        QVERIFY(!constantTimeEquals("a", ""));
    }

    void tokensAreRandom()
    {
        const QString a = generateToken();
        const QString b = generateToken();
        QVERIFY(a != b);
        QCOMPARE(a.size(), 43); // 32 bytes, base64url without padding
        QVERIFY(!a.contains(u'='));
        QVERIFY(!a.contains(u'+'));
    }
};

QTEST_APPLESS_MAIN(tst_SecretStore)
#include "tst_secretstore.moc"
