// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
//
// Transport security: TLS on the gateway port (self-signed and configured certificates, https
// and wss, plain-text and silent clients), non-loopback binds, Origin checks, the per-address
// connection limit and the brute-force delay on both doors (WebSocket connect and Bearer).
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "http/httpserver.h"
#include "http/origin.h"
#include "http/router.h"
#include "service/service.h"
#include "storage/database.h"
#include "testsupport.h"
#include "tls/credentials.h"
#include "ws/authlimiter.h"

using namespace Qt::Literals::StringLiterals;
using namespace TestSupport;

namespace
{

struct HttpsResult
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QSslCertificate peer;
};

// A client that trusts exactly `ca` (pinning the gateway's certificate); no CA: system roots only.
QSslConfiguration clientConfig(const QList<QSslCertificate> &ca)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(ca);
    return config;
}

HttpsResult httpsRequest(const QUrl &url, const QSslConfiguration &config, const QByteArray &method = "GET",
    const QByteArray &authorization = {}, const QByteArray &body = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setSslConfiguration(config);
    request.setTransferTimeout(WAIT_MS);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
    HttpsResult result;
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(WAIT_MS))
        return result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.error = reply->error();
    result.peer = reply->sslConfiguration().peerCertificate();
    delete reply;
    return result;
}

QSslCertificate servedCertificate(const TestGateway &gateway)
{
    const QList<QSslCertificate> chain
        = QSslCertificate::fromPath(Gateway::Tls::selfSignedCertPath(gateway.service()->settings()));
    return chain.isEmpty() ? QSslCertificate() : chain.first();
}

void enableTls(Gateway::Config::Settings &settings)
{
    settings.gateway.tlsEnabled = true;
}

// A certificate and key made by the openssl command line (RSA, as an admin would), mode 0600.
bool makeOpensslPair(const QString &dir, QString *cert, QString *key)
{
    *cert = dir + u"/server.crt"_s;
    *key = dir + u"/server.key"_s;
    QProcess openssl;
    openssl.start(u"openssl"_s,
        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, *key, u"-out"_s, *cert,
            u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=skynet-test"_s, u"-addext"_s,
            u"subjectAltName=IP:127.0.0.1,DNS:localhost"_s });
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
        return false;
    return QFile::setPermissions(*key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace

class tst_Tls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here");
    }

    // ------------------------------------------------------------ certificates

    void selfSignedCertificateIsGeneratedOnce()
    {
        QTemporaryDir dir;
        const QString home = dir.path();
        QString fingerprint;
        {
            TestGateway gateway(enableTls, true, home);
            QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
            QVERIFY(gateway.service()->isTls());
            const Gateway::Config::Settings &settings = gateway.service()->settings();
            const QString keyPath = Gateway::Tls::selfSignedKeyPath(settings);
            QVERIFY(QFileInfo::exists(keyPath));
            const QFileDevice::Permissions mode = QFileInfo(keyPath).permissions();
            QVERIFY(mode.testFlag(QFileDevice::ReadOwner));
            QVERIFY(!(mode
                & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                    | QFileDevice::WriteOther | QFileDevice::ExeOther)));
            const QSslCertificate cert = servedCertificate(gateway);
            QVERIFY(!cert.isNull());
            fingerprint = gateway.service()->tlsFingerprint();
            QCOMPARE(fingerprint, Gateway::Tls::fingerprint(cert));
            QCOMPARE(fingerprint.size(), 32 * 3 - 1);
            const auto names = cert.subjectAlternativeNames();
            QVERIFY(names.values(QSsl::DnsEntry).contains(u"localhost"_s));
            QVERIFY(names.values(QSsl::IpAddressEntry).contains(u"127.0.0.1"_s));
            QVERIFY(cert.expiryDate() > QDateTime::currentDateTimeUtc().addDays(300));
            QVERIFY(gateway.wsUrl().scheme() == u"wss" && gateway.service()->url().startsWith(u"wss://"_s));
        }
        // A restart with the same home serves the same certificate.
        TestGateway again(enableTls, true, home);
        QVERIFY2(again.isRunning(), qPrintable(again.errorString()));
        QCOMPARE(again.service()->tlsFingerprint(), fingerprint);
    }

    void httpsHealthWithPinnedCertificate()
    {
        TestGateway gateway(enableTls);
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        const QSslCertificate cert = servedCertificate(gateway);
        const HttpsResult ok = httpsRequest(gateway.httpUrl(u"/health"_s), clientConfig({ cert }));
        QCOMPARE(ok.error, QNetworkReply::NoError);
        QCOMPARE(ok.status, 200);
        QCOMPARE(QJsonDocument::fromJson(ok.body).object().value(u"ok"_s).toBool(), true);
        QCOMPARE(Gateway::Tls::fingerprint(ok.peer), gateway.service()->tlsFingerprint());

        // Not pinned: an unknown self-signed certificate is refused by the client, i.e. the
        // connection really was TLS with this certificate.
        const HttpsResult untrusted = httpsRequest(gateway.httpUrl(u"/health"_s), clientConfig({}));
        QCOMPARE(untrusted.error, QNetworkReply::SslHandshakeFailedError);
    }

    void wssConnectThroughTheHandshake()
    {
        TestGateway gateway(enableTls);
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        QCOMPARE(gateway.wsUrl().scheme(), u"wss"_s);
        ProtocolClient client;
        client.socket().setSslConfiguration(clientConfig({ servedCertificate(gateway) }));
        QVERIFY(client.openAndConnect(gateway.wsUrl(), gateway.token(), 4, { u"operator.admin"_s }));
        QVERIFY(client.socket().sslConfiguration().sessionCipher().isNull() == false);
        const QJsonObject status = client.request(u"status"_s);
        QVERIFY2(status.value(u"ok"_s).toBool(), QJsonDocument(status).toJson().constData());
        const QJsonObject transport
            = status.value(u"payload"_s).toObject().value(u"gateway"_s).toObject().value(u"transport"_s).toObject();
        QCOMPARE(transport.value(u"tls"_s).toBool(), true);
        QCOMPARE(transport.value(u"fingerprintSha256"_s).toString(), gateway.service()->tlsFingerprint());
        QCOMPARE(transport.value(u"selfSigned"_s).toBool(), true);
        // Frames flow both ways after the upgrade.
        QVERIFY(client.request(u"health"_s).value(u"ok"_s).toBool());
    }

    void plainTextClientIsRefused()
    {
        TestGateway gateway(enableTls);
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        const QByteArray answer
            = rawHttp(gateway.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QVERIFY2(!answer.contains("HTTP/1.1 200") && !answer.contains("\"ok\""), answer.constData());
        // A plain WebSocket client gets nowhere either.
        ProtocolClient plain;
        QVERIFY(!plain.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(gateway.port()))));
        // The gateway is still up.
        const HttpsResult ok
            = httpsRequest(gateway.httpUrl(u"/health"_s), clientConfig({ servedCertificate(gateway) }));
        QCOMPARE(ok.status, 200);
    }

    void silentClientTimesOutOfTheHandshake()
    {
        TestGateway gateway([](Gateway::Config::Settings &s) {
            enableTls(s);
            s.gateway.headerTimeoutMs = 300;
        });
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        QTcpSocket silent;
        QSignalSpy closed(&silent, &QTcpSocket::disconnected);
        silent.connectToHost(QHostAddress::LocalHost, gateway.port());
        QVERIFY(silent.waitForConnected(WAIT_MS));
        QVERIFY(closed.wait(WAIT_MS));
        QVERIFY(silent.readAll().isEmpty());
        const HttpsResult ok
            = httpsRequest(gateway.httpUrl(u"/health"_s), clientConfig({ servedCertificate(gateway) }));
        QCOMPARE(ok.status, 200);
    }

    void configuredCertificateIsServed()
    {
        QTemporaryDir dir;
        QString cert;
        QString key;
        if (!makeOpensslPair(dir.path(), &cert, &key))
            QSKIP("the openssl command is not available");
        TestGateway gateway([&](Gateway::Config::Settings &s) {
            enableTls(s);
            s.gateway.tlsCert = cert;
            s.gateway.tlsKey = key;
        });
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        const QSslCertificate expected = QSslCertificate::fromPath(cert).first();
        QCOMPARE(gateway.service()->tlsFingerprint(), Gateway::Tls::fingerprint(expected));
        QVERIFY(!QFileInfo::exists(Gateway::Tls::selfSignedCertPath(gateway.service()->settings())));
        const HttpsResult ok = httpsRequest(gateway.httpUrl(u"/health"_s), clientConfig({ expected }));
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.peer, expected);
    }

    void badCertificateStopsTheStart_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("message");
        QTest::addRow("missing cert file") << u"missing-cert"_s << u"does not exist"_s;
        QTest::addRow("not a certificate") << u"garbage-cert"_s << u"holds no PEM certificate"_s;
        QTest::addRow("not a key") << u"garbage-key"_s << u"no unencrypted PEM private key"_s;
        QTest::addRow("key of another certificate") << u"mismatch"_s << u"does not belong"_s;
        QTest::addRow("key readable by others") << u"loose-key"_s << u"chmod 600"_s;
        QTest::addRow("cert without key") << u"cert-only"_s << u"go together"_s;
    }

    void badCertificateStopsTheStart()
    {
        QFETCH(QString, problem);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString cert = dir.filePath(u"c.pem"_s);
        const QString key = dir.filePath(u"k.pem"_s);
        QVERIFY(Gateway::Tls::generateSelfSigned(cert, key, { u"localhost"_s }).ok());
        QString certSetting = cert;
        QString keySetting = key;
        const auto overwrite = [](const QString &path, const QByteArray &data) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(data);
        };
        if (problem == u"missing-cert") {
            certSetting = dir.filePath(u"nope.pem"_s);
        } else if (problem == u"garbage-cert") {
            overwrite(cert, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
        } else if (problem == u"garbage-key") {
            overwrite(key, "not a key at all\n");
        } else if (problem == u"mismatch") {
            const QString otherCert = dir.filePath(u"c2.pem"_s);
            const QString otherKey = dir.filePath(u"k2.pem"_s);
            QVERIFY(Gateway::Tls::generateSelfSigned(otherCert, otherKey, { u"localhost"_s }).ok());
            keySetting = otherKey;
        } else if (problem == u"loose-key") {
            QVERIFY(QFile::setPermissions(key,
                QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        } else if (problem == u"cert-only") {
            keySetting.clear();
        }
        TestGateway gateway([&](Gateway::Config::Settings &s) {
            enableTls(s);
            s.gateway.tlsCert = certSetting;
            s.gateway.tlsKey = keySetting;
        });
        QVERIFY(!gateway.isRunning());
        QVERIFY2(gateway.errorString().contains(message), qPrintable(gateway.errorString()));
    }

    // ------------------------------------------------------------ binds

    void nonLoopbackBindNeedsTls()
    {
        {
            TestGateway plain([](Gateway::Config::Settings &s) { s.gateway.bind = u"0.0.0.0"_s; });
            QVERIFY(!plain.isRunning());
            QVERIFY2(plain.errorString().contains(u"without TLS"_s), qPrintable(plain.errorString()));
            QVERIFY(plain.errorString().contains(u"tls_enabled"_s));
        }
        {
            TestGateway noToken([](Gateway::Config::Settings &s) {
                s.gateway.bind = u"0.0.0.0"_s;
                enableTls(s);
                s.gateway.token.clear();
            });
            QVERIFY(!noToken.isRunning());
            QVERIFY2(noToken.errorString().contains(u"without authentication"_s), qPrintable(noToken.errorString()));
        }
        TestGateway tls([](Gateway::Config::Settings &s) {
            s.gateway.bind = u"0.0.0.0"_s;
            enableTls(s);
        });
        QVERIFY2(tls.isRunning(), qPrintable(tls.errorString()));
        const HttpsResult ok = httpsRequest(tls.httpUrl(u"/health"_s), clientConfig({ servedCertificate(tls) }));
        QCOMPARE(ok.status, 200);
    }

    // ------------------------------------------------------------ Origin

    void originPolicy_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<bool>("allowed");
        QTest::addRow("no Origin (native client)") << QByteArray() << true;
        QTest::addRow("own origin") << QByteArray("https://127.0.0.1:PORT") << true;
        QTest::addRow("listed origin") << QByteArray("https://chat.example.org") << true;
        QTest::addRow("listed origin, other spelling") << QByteArray("HTTPS://Chat.Example.org:443") << true;
        QTest::addRow("listed origin, other port") << QByteArray("https://chat.example.org:8443") << false;
        QTest::addRow("listed host, other scheme") << QByteArray("http://chat.example.org") << false;
        QTest::addRow("foreign origin") << QByteArray("https://evil.example") << false;
        QTest::addRow("null origin") << QByteArray("null") << false;
        QTest::addRow("second listed origin") << QByteArray("http://localhost:5173") << true;
    }

    void originPolicy()
    {
        QFETCH(QByteArray, origin);
        QFETCH(bool, allowed);
        // Bound beyond loopback (with TLS), so the loopback-page allowance does not apply.
        TestGateway gateway([](Gateway::Config::Settings &s) {
            s.gateway.bind = u"0.0.0.0"_s;
            enableTls(s);
            s.gateway.allowedOrigins = u"https://chat.example.org/, http://localhost:5173 not-an-origin"_s;
        });
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        origin.replace("PORT", QByteArray::number(gateway.port()));
        ProtocolClient client;
        client.socket().setSslConfiguration(clientConfig({ servedCertificate(gateway) }));
        QCOMPARE(client.open(gateway.wsUrl(), origin), allowed);
    }

    void foreignOriginGets403BeforeTheUpgrade()
    {
        TestGateway gateway;
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        const QByteArray upgrade = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(gateway.port())
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: https://evil.example\r\n\r\n";
        const QByteArray answer = rawHttp(gateway.port(), upgrade);
        QVERIFY2(answer.startsWith("HTTP/1.1 403"), answer.constData());
        QVERIFY(!answer.contains("101 Switching"));
    }

    void originHelpers()
    {
        QCOMPARE(Gateway::Http::normalizedOrigin(u"HTTPS://Example.ORG:443/"_s), u"https://example.org"_s);
        QCOMPARE(Gateway::Http::normalizedOrigin(u"http://[::1]:8080"_s), u"http://[::1]:8080"_s);
        QCOMPARE(Gateway::Http::normalizedOrigin(u"ftp://example.org"_s), QString());
        QCOMPARE(Gateway::Http::normalizedOrigin(u"null"_s), QString());
        QCOMPARE(Gateway::Http::parseOriginList(u" https://a.example ,https://a.example http://b.example:81,,x"_s),
            QStringList({ u"https://a.example"_s, u"http://b.example:81"_s }));
    }

    // ------------------------------------------------------------ connections per address

    void connectionsPerAddressAreLimited_data()
    {
        QTest::addColumn<bool>("tls");
        QTest::addRow("plain") << false;
        QTest::addRow("tls") << true;
    }

    void connectionsPerAddressAreLimited()
    {
        QFETCH(bool, tls);
        QTemporaryDir dir;
        Gateway::Config::Settings settings;
        settings.home = dir.path();
        settings.gateway.maxConnectionsPerAddress = 2;
        settings.gateway.headerTimeoutMs = 60000;
        Gateway::Http::Router router;
        router.add("GET", u"/health"_s,
            [](const Gateway::Http::Request &) { return Gateway::Http::Response::json(200, "{}"); });
        Gateway::Http::Server server(settings.gateway, router);
        server.setLoopbackExempt(false);
        QList<QTcpSocket *> kept;
        server.setUpgradeHandler([&](QTcpSocket *socket, const Gateway::Http::Request &) { kept.append(socket); });
        if (tls) {
            settings.gateway.tlsEnabled = true;
            auto credentials = Gateway::Tls::loadConfigured(settings);
            QVERIFY2(credentials.ok(), credentials.ok() ? "" : qPrintable(credentials.error().message));
            server.setTlsConfiguration(Gateway::Tls::serverConfiguration(*credentials));
        }
        QVERIFY(server.listen(QHostAddress::LocalHost, 0).ok());

        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int i = 0; i < 2; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(QHostAddress::LocalHost, server.serverPort());
            QVERIFY(clients.back()->waitForConnected(WAIT_MS));
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionsFrom(QHostAddress::LocalHost), 2, WAIT_MS);

        // The third is closed at once, before any TLS handshake.
        QTcpSocket third;
        QSignalSpy closed(&third, &QTcpSocket::disconnected);
        third.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(closed.wait(WAIT_MS));
        QCOMPARE(server.refusedPerAddress(), qint64(1));
        QCOMPARE(server.failedHandshakes(), qint64(0));
        QCOMPARE(server.connectionsFrom(QHostAddress::LocalHost), 2);

        // One leaves: a new one fits.
        clients.front()->abort();
        clients.erase(clients.begin());
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionsFrom(QHostAddress::LocalHost), 1, WAIT_MS);
        QTcpSocket fourth;
        QSignalSpy fourthClosed(&fourth, &QTcpSocket::disconnected);
        fourth.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(fourth.waitForConnected(WAIT_MS));
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionsFrom(QHostAddress::LocalHost), 2, WAIT_MS);
        QCOMPARE(fourthClosed.count(), 0);
        QCOMPARE(server.refusedPerAddress(), qint64(1));

        if (!tls) {
            // An upgraded socket still counts until it is gone.
            fourth.write("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
            QTRY_COMPARE_WITH_TIMEOUT(kept.size(), 1, WAIT_MS);
            QCOMPARE(server.connectionsFrom(QHostAddress::LocalHost), 2);
            delete kept.takeFirst();
            QCOMPARE(server.connectionsFrom(QHostAddress::LocalHost), 1);
        }
    }

    void loopbackIsExemptByDefault()
    {
        TestGateway gateway([](Gateway::Config::Settings &s) { s.gateway.maxConnectionsPerAddress = 1; });
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        ProtocolClient a;
        ProtocolClient b;
        QVERIFY(a.open(gateway.wsUrl()));
        QVERIFY(b.open(gateway.wsUrl()));
    }

    // ------------------------------------------------------------ failed authentication

    void authDelaysGrow()
    {
        Gateway::Ws::AuthLimiter limiter;
        const QString address = u"203.0.113.7"_s;
        qint64 now = 1'000'000;
        for (int i = 0; i < Gateway::Ws::AuthLimiter::FREE_FAILURES; ++i)
            limiter.recordFailure(address, now);
        QCOMPARE(limiter.retryAfterMs(address, now), 0);
        qint64 previous = 0;
        for (int i = 0; i < 5; ++i) {
            limiter.recordFailure(address, now);
            const qint64 wait = limiter.retryAfterMs(address, now);
            QVERIFY2(wait > previous, qPrintable(u"delay %1 after %2"_s.arg(wait).arg(previous)));
            if (previous)
                QCOMPARE(wait, previous * 2);
            previous = wait;
            now += wait; // waited it out, then failed again
        }
        QCOMPARE(limiter.retryAfterMs(u"198.51.100.1"_s, now), 0); // other addresses are not affected
        limiter.recordSuccess(address);
        QCOMPARE(limiter.retryAfterMs(address, now), 0);
    }

    void bearerGuessingIsLimitedAndAudited()
    {
        TestGateway gateway(enableTls);
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        const QSslConfiguration config = clientConfig({ servedCertificate(gateway) });
        const QUrl models = gateway.httpUrl(u"/v1/models"_s);
        QCOMPARE(httpsRequest(models, config, "GET", "Bearer " + gateway.token().toUtf8()).status, 200);
        for (int i = 0; i < Gateway::Ws::AuthLimiter::FREE_FAILURES + 1; ++i)
            QCOMPARE(httpsRequest(models, config, "GET", "Bearer guess-" + QByteArray::number(i)).status, 401);
        // Now even the right token waits (and so does the WebSocket from this address).
        QCOMPARE(httpsRequest(models, config, "GET", "Bearer " + gateway.token().toUtf8()).status, 401);
        ProtocolClient ws;
        ws.socket().setSslConfiguration(config);
        QVERIFY(ws.open(gateway.wsUrl()));
        const QJsonObject refused = ws.connect(ProtocolClient::connectParams(gateway.token()));
        QCOMPARE(refused.value(u"error"_s).toObject().value(u"details"_s).toObject().value(u"code"_s).toString(),
            u"AUTH_RATE_LIMITED"_s);

        // Each failure is in the audit log, under a pseudonym of the address.
        QSqlQuery query(gateway.service()->database()->connection());
        QVERIFY(query.exec(u"SELECT target, outcome, detail FROM audit_log WHERE action = 'auth.fail'"_s));
        int rows = 0;
        while (query.next()) {
            ++rows;
            QVERIFY(!query.value(0).toString().contains(u"127.0.0.1"_s));
            QCOMPARE(query.value(1).toString(), u"denied"_s);
            QVERIFY(!query.value(2).toString().contains(u"guess"_s));
        }
        QCOMPARE(rows, Gateway::Ws::AuthLimiter::FREE_FAILURES + 1);
    }

    void webSocketAuthFailureIsAudited()
    {
        TestGateway gateway;
        QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
        ProtocolClient client;
        QVERIFY(client.open(gateway.wsUrl()));
        const QJsonObject response = client.connect(ProtocolClient::connectParams(u"wrong"_s));
        QCOMPARE(response.value(u"ok"_s).toBool(), false);
        QSqlQuery query(gateway.service()->database()->connection());
        QVERIFY(query.exec(u"SELECT detail FROM audit_log WHERE action = 'auth.fail'"_s));
        QVERIFY(query.next());
        QVERIFY2(query.value(0).toString().contains(u"AUTH_TOKEN_MISMATCH"_s), qPrintable(query.value(0).toString()));
    }

    // ------------------------------------------------------------ the built binary

    void binaryServesHttps()
    {
        GatewayProcess process;
        QVERIFY2(process.start({}, { u"SKYNET_GATEWAY_TLS_ENABLED=true"_s }), process.standardError().constData());
        const QList<QSslCertificate> chain = QSslCertificate::fromPath(process.home() + u"/tls/gateway-cert.pem"_s);
        QCOMPARE(chain.size(), 1);
        const HttpsResult ok
            = httpsRequest(QUrl(u"https://127.0.0.1:%1/health"_s.arg(process.port())), clientConfig({ chain.first() }));
        QCOMPARE(ok.status, 200);

        // `tls fingerprint` prints the same fingerprint.
        GatewayProcess command;
        QCOMPARE(command.run({ u"--home"_s, process.home(), u"tls"_s, u"fingerprint"_s },
                     { u"SKYNET_GATEWAY_TLS_ENABLED=true"_s }),
            0);
        QCOMPARE(command.standardOutput().trimmed(), Gateway::Tls::fingerprint(chain.first()).toLatin1());
        QCOMPARE(process.terminate(), 0);
        const QByteArray out = process.standardOutput();
        QVERIFY2(out.contains("listening on wss://"), out.constData());
        QVERIFY(out.contains("(health: https://"));
        QVERIFY(out.contains(
            QByteArray("TLS certificate SHA-256 fingerprint: " + Gateway::Tls::fingerprint(chain.first()).toLatin1())));

        GatewayProcess usage;
        QCOMPARE(usage.run({ u"tls"_s, u"print"_s }), 2);
    }
};

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
