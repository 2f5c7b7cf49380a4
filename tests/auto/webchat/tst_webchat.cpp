// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
//
// The built-in web chat: the page and its headers, the pairing endpoints (bad input, foreign
// origins, rate limits, one-time claims) and, in a real headless Chromium, the whole path: open
// /chat, sign in with a token or through pairing, send a message, watch the answer stream in,
// reload (history), survive a gateway restart (reconnect).

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "browser.h"
#include "fakeollama.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using TestSupport::HeadlessBrowser;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

namespace
{
// The chat page (not the blank document before the navigation commits) has loaded.
const QString PAGE_READY
    = QStringLiteral("String(document.readyState === 'complete' && !!document.getElementById('status') && "
                     "!!document.getElementById('composer'))");

struct Answer
{
    int status = 0;
    QByteArray head;
    QJsonObject json;
};

// A POST as the page sends it (JSON, the page's own Origin) unless told otherwise.
Answer post(
    quint16 port, const QString &path, const QByteArray &body, QList<QByteArray> headers = {}, QByteArray host = {})
{
    if (headers.isEmpty())
        headers = { "Content-Type: application/json", "Origin: http://127.0.0.1:" + QByteArray::number(port) };
    if (host.isEmpty())
        host = "127.0.0.1:" + QByteArray::number(port);
    QByteArray request = "POST " + path.toUtf8() + " HTTP/1.1\r\nHost: " + host
        + "\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const QByteArray &h : headers)
        request += h + "\r\n";
    request += "\r\n" + body;
    const QByteArray raw = TestSupport::rawHttp(port, request);
    Answer answer;
    const qsizetype split = raw.indexOf("\r\n\r\n");
    answer.head = raw.left(split);
    answer.status = raw.mid(9, 3).toInt();
    answer.json = QJsonDocument::fromJson(raw.mid(split + 4)).object();
    return answer;
}

QString errorMessage(const Answer &answer)
{
    return answer.json.value(u"error"_s).toObject().value(u"message"_s).toString();
}
} // namespace

class tst_WebChat final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<TestGateway> m_gateway;
    std::unique_ptr<QTemporaryDir> m_home;

    void startGateway(const std::function<void(Gateway::Config::Settings &)> &extra = {}, quint16 port = 0)
    {
        const QString url = m_ollama->baseUrl().toString();
        m_gateway.reset();
        m_gateway = std::make_unique<TestGateway>(
            [url, extra, port](Gateway::Config::Settings &s) {
                s.providers.ollama.baseUrl = url;
                s.providers.ollama.model = u"llama3.2"_s;
                s.providers.ollama.maxRetries = 0;
                s.gateway.port = port;
                if (extra)
                    extra(s);
            },
            true, m_home->path());
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
    }

    quint16 port() const { return m_gateway->port(); }

    QJsonObject admin(const QString &method, const QJsonObject &params)
    {
        ProtocolClient client;
        if (!client.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s }))
            return {};
        return client.request(method, params);
    }

    // The browser must exist for the browser tests; CI installs Debian's chromium.
    bool haveBrowser()
    {
        if (!HeadlessBrowser::executable().isEmpty())
            return true;
        qWarning("chromium is not installed (scripts/install-deps.sh installs it with SKYNET_TEST_DEPS=1)");
        return false;
    }

    // Fills the composer and sends; returns at once.
    static void typeAndSend(HeadlessBrowser &browser, const QString &text)
    {
        browser.evaluate(u"document.getElementById('input').value = %1; "
                         "document.getElementById('send').click(); true"_s.arg(
                             QString::fromUtf8(QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact))
                                 .mid(1)
                                 .chopped(1)));
    }

    static QString lastAssistant(HeadlessBrowser &browser, const QString &what)
    {
        return browser.text(
            u"(() => { const m = [...document.querySelectorAll('.msg.assistant')].pop(); return m ? %1 : ''; })()"_s
                .arg(what));
    }

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
    }

    void cleanup()
    {
        m_gateway.reset();
        m_ollama.reset();
        m_home.reset();
    }

    void pageIsServedWithStrictHeaders()
    {
        startGateway();
        const TestSupport::HttpResult page = TestSupport::httpGet(m_gateway->httpUrl(u"/chat"_s));
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("<script src=\"/chat/chat.js\""));
        QVERIFY2(!page.body.contains("<script>") && !page.body.contains("style="), "nothing inline");
        QVERIFY2(!page.body.contains("http://") && !page.body.contains("https://"), "no third-party origin");
        QHash<QByteArray, QByteArray> headers;
        for (const auto &[name, value] : page.headers)
            headers.insert(name.toLower(), value);
        const QByteArray csp = headers.value("content-security-policy");
        QVERIFY2(csp.contains("default-src 'none'"), csp.constData());
        QVERIFY(csp.contains("script-src 'self'"));
        QVERIFY(csp.contains("frame-ancestors 'none'"));
        QVERIFY(!csp.contains("unsafe"));
        QCOMPARE(headers.value("x-frame-options"), QByteArray("DENY"));
        QCOMPARE(headers.value("x-content-type-options"), QByteArray("nosniff"));
        QVERIFY(headers.value("content-type").startsWith("text/html"));

        const TestSupport::HttpResult script = TestSupport::httpGet(m_gateway->httpUrl(u"/chat/chat.js"_s));
        QCOMPARE(script.status, 200);
        QVERIFY(script.body.contains("connect.challenge"));
        bool javascript = false;
        for (const auto &[name, value] : script.headers)
            javascript |= name.toLower() == "content-type" && value.startsWith("text/javascript");
        QVERIFY(javascript);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/chat/chat.css"_s)).status, 200);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/chat/nothing.js"_s)).status, 404);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/chat/chat.js"_s), "DELETE").status, 405);

        // The web chat is a channel like the others.
        const QJsonObject status = admin(u"channels.status"_s, {});
        QCOMPARE(status.value(u"payload"_s)
                     .toObject()
                     .value(u"channels"_s)
                     .toObject()
                     .value(u"webchat"_s)
                     .toObject()
                     .value(u"state"_s)
                     .toString(),
            u"running"_s);
    }

    void disabledMeansNoPage()
    {
        startGateway([](Gateway::Config::Settings &s) { s.channels.webchat.enabled = false; });
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/chat"_s)).status, 404);
        QCOMPARE(post(port(), u"/chat/pair"_s, "{}").status, 404);
    }

    void pairingRefusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QList<QByteArray>>("headers");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("host");
        const QByteArray json = "Content-Type: application/json";
        QTest::newRow("not json content type")
            << QByteArray("{}") << QList<QByteArray> { "Content-Type: text/plain" } << 415 << QByteArray();
        QTest::newRow("form post") << QByteArray("name=x")
                                   << QList<QByteArray> { "Content-Type: application/x-www-form-urlencoded" } << 415
                                   << QByteArray();
        QTest::newRow("foreign origin") << QByteArray("{}") << QList<QByteArray> { json, "Origin: http://evil.example" }
                                        << 403 << QByteArray();
        QTest::newRow("null origin") << QByteArray("{}") << QList<QByteArray> { json, "Origin: null" } << 403
                                     << QByteArray();
        QTest::newRow("rebinding host") << QByteArray("{}") << QList<QByteArray> { json } << 403
                                        << QByteArray("attacker.example:80");
        QTest::newRow("not an object") << QByteArray("[1,2]") << QList<QByteArray> { json } << 400 << QByteArray();
        QTest::newRow("broken json") << QByteArray("{\"name\":") << QList<QByteArray> { json } << 400 << QByteArray();
        QTest::newRow("name not a string")
            << QByteArray("{\"name\":42}") << QList<QByteArray> { json } << 400 << QByteArray();
        QTest::newRow("name too long") << QByteArray("{\"name\":\"" + QByteArray(65, 'a') + "\"}")
                                       << QList<QByteArray> { json } << 400 << QByteArray();
        QTest::newRow("body too large") << QByteArray("{\"name\":\"" + QByteArray(5000, 'a') + "\"}")
                                        << QList<QByteArray> { json } << 413 << QByteArray();
    }

    void pairingRefusesBadInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QList<QByteArray>, headers);
        QFETCH(int, status);
        QFETCH(QByteArray, host);
        startGateway();
        const Answer answer = post(port(), u"/chat/pair"_s, body, headers, host);
        QCOMPARE(answer.status, status);
        QVERIFY(!errorMessage(answer).isEmpty());
        // Nothing was created, and the gateway is still up.
        const QJsonObject list = admin(u"pairing.list"_s, {});
        QVERIFY(list.value(u"ok"_s).toBool());
        QCOMPARE(list.value(u"payload"_s).toObject().value(u"requests"_s).toArray().size(), 0);
        QCOMPARE(TestSupport::httpGet(m_gateway->httpUrl(u"/health"_s)).status, 200);
    }

    void pairingApprovedHandsOutOneToken()
    {
        startGateway();
        const Answer asked = post(port(), u"/chat/pair"_s, R"({"name":"Alice"})");
        QCOMPARE(asked.status, 200);
        const QString deviceId = asked.json.value(u"deviceId"_s).toString();
        const QString claim = asked.json.value(u"claim"_s).toString();
        const QString code = asked.json.value(u"code"_s).toString();
        QVERIFY(!deviceId.isEmpty() && claim.size() >= 40 && code.size() == 8);
        const QByteArray claimBody = QJsonDocument(
            QJsonObject { { u"deviceId"_s, deviceId },
                { u"claim"_s, claim } }).toJson(QJsonDocument::Compact);

        // Waiting for the owner.
        QCOMPARE(post(port(), u"/chat/pair/claim"_s, claimBody).status, 202);
        // A wrong secret or an unknown device learns nothing.
        const QByteArray wrong = QJsonDocument(QJsonObject { { u"deviceId"_s, deviceId }, { u"claim"_s, u"x"_s } })
                                     .toJson(QJsonDocument::Compact);
        QCOMPARE(post(port(), u"/chat/pair/claim"_s, wrong).status, 403);
        QCOMPARE(
            post(port(), u"/chat/pair/claim"_s, R"({"deviceId":"w0000000000000000000a","claim":"abc"})").status, 403);
        QCOMPARE(post(port(), u"/chat/pair/claim"_s, "garbage").status, 403);

        // The owner sees the request with the name and approves it.
        const QJsonArray requests
            = admin(u"pairing.list"_s, {}).value(u"payload"_s).toObject().value(u"requests"_s).toArray();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().toObject().value(u"channel"_s).toString(), u"webchat"_s);
        QCOMPARE(requests.first().toObject().value(u"senderName"_s).toString(), u"Alice"_s);
        QCOMPARE(requests.first().toObject().value(u"code"_s).toString(), code);
        const QJsonObject approved
            = admin(u"pairing.approve"_s, { { u"channel"_s, u"webchat"_s }, { u"code"_s, code } });
        QVERIFY2(approved.value(u"ok"_s).toBool(), QJsonDocument(approved).toJson().constData());

        // Nothing is pushed to the web chat (its page claims the token instead), and `send`
        // says plainly that it cannot deliver there.
        const QJsonObject sendResult = admin(u"send"_s,
            { { u"channel"_s, u"webchat"_s }, { u"to"_s, deviceId }, { u"message"_s, u"hi"_s },
                { u"idempotencyKey"_s, u"s1"_s } });
        QVERIFY(!sendResult.value(u"ok"_s).toBool());
        QVERIFY(
            sendResult.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"cannot be sent to"_s));
        const QJsonObject statusNow = admin(u"channels.status"_s, {});
        QVERIFY2(!QJsonDocument(statusNow).toJson().contains("no push delivery"),
            QJsonDocument(statusNow).toJson().constData());

        const Answer claimed = post(port(), u"/chat/pair/claim"_s, claimBody);
        QCOMPARE(claimed.status, 200);
        const QString token = claimed.json.value(u"token"_s).toString();
        QVERIFY(token.startsWith(u"skn_"_s));
        QCOMPARE(claimed.json.value(u"userId"_s).toString(),
            approved.value(u"payload"_s).toObject().value(u"userId"_s).toString());
        // Exactly once.
        QCOMPARE(post(port(), u"/chat/pair/claim"_s, claimBody).status, 403);

        // The token is Alice's: she chats as herself, in her own session namespace, and her
        // messages run with the web chat's persona overlay.
        QDir(m_home->path()).mkpath(u"soul/channel"_s);
        QFile overlay(m_home->path() + u"/soul/channel/webchat.md"_s);
        QVERIFY(overlay.open(QIODevice::WriteOnly));
        overlay.write("You are talking through the web chat page.");
        overlay.close();
        ProtocolClient alice;
        QVERIFY(alice.open(m_gateway->wsUrl()));
        QJsonObject params = ProtocolClient::connectParams(token, 3, 4, { u"operator.read"_s, u"operator.write"_s });
        QJsonObject client = params.value(u"client"_s).toObject();
        client.insert(u"id"_s, u"webchat-ui"_s);
        client.insert(u"mode"_s, u"webchat"_s);
        params.insert(u"client"_s, client);
        QVERIFY(alice.connect(params).value(u"ok"_s).toBool());
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hi Alice"_s }));
        const QJsonObject sent = alice.request(u"chat.send"_s,
            { { u"sessionKey"_s, u"webchat"_s }, { u"message"_s, u"hello"_s }, { u"idempotencyKey"_s, u"k1"_s } });
        QVERIFY(sent.value(u"ok"_s).toBool());
        const QString sessionKey = sent.value(u"payload"_s).toObject().value(u"sessionKey"_s).toString();
        QVERIFY2(sessionKey.contains(u":u:"_s + claimed.json.value(u"userId"_s).toString()), qPrintable(sessionKey));
        QTRY_VERIFY(!m_ollama->server().lastRequest(u"/api/chat"_s).body.isEmpty());
        const QByteArray prompt = m_ollama->server().lastRequest(u"/api/chat"_s).body;
        QVERIFY2(prompt.contains("through the web chat page"), prompt.constData());
    }

    void pairingRejectedSaysSo()
    {
        startGateway();
        const Answer asked = post(port(), u"/chat/pair"_s, R"({"name":"Mallory"})");
        QCOMPARE(asked.status, 200);
        const QByteArray claimBody = QJsonDocument(QJsonObject { { u"deviceId"_s, asked.json.value(u"deviceId"_s) },
                                                       { u"claim"_s, asked.json.value(u"claim"_s) } })
                                         .toJson(QJsonDocument::Compact);
        QVERIFY(admin(u"pairing.reject"_s,
            { { u"channel"_s, u"webchat"_s }, { u"code"_s, asked.json.value(u"code"_s).toString() } })
                    .value(u"ok"_s)
                    .toBool());
        const Answer claimed = post(port(), u"/chat/pair/claim"_s, claimBody);
        QCOMPARE(claimed.status, 403);
        QCOMPARE(claimed.json.value(u"state"_s).toString(), u"rejected"_s);
        QVERIFY(!claimed.json.contains(u"token"_s));
    }

    void policiesAndLimits()
    {
        // allowlist: no new visitors at all.
        startGateway([](Gateway::Config::Settings &s) { s.channels.webchat.dmPolicy = u"allowlist"_s; });
        QCOMPARE(post(port(), u"/chat/pair"_s, "{}").status, 403);

        // open: approved at once.
        startGateway([](Gateway::Config::Settings &s) { s.channels.webchat.dmPolicy = u"open"_s; });
        const Answer open = post(port(), u"/chat/pair"_s, R"({"name":"Bob"})");
        QCOMPARE(open.status, 200);
        QCOMPARE(open.json.value(u"state"_s).toString(), u"approved"_s);
        const Answer claimed = post(port(), u"/chat/pair/claim"_s,
            QJsonDocument(QJsonObject { { u"deviceId"_s, open.json.value(u"deviceId"_s) },
                              { u"claim"_s, open.json.value(u"claim"_s) } })
                .toJson(QJsonDocument::Compact));
        QCOMPARE(claimed.status, 200);
        QVERIFY(claimed.json.value(u"token"_s).toString().startsWith(u"skn_"_s));

        // pairing: at most max_pending requests wait, and one address cannot flood.
        startGateway([](Gateway::Config::Settings &s) { s.channels.webchat.maxPending = 2; });
        QCOMPARE(post(port(), u"/chat/pair"_s, "{}").status, 200);
        QCOMPARE(post(port(), u"/chat/pair"_s, "{}").status, 200);
        const Answer full = post(port(), u"/chat/pair"_s, "{}");
        QCOMPARE(full.status, 429);
        QVERIFY(errorMessage(full).contains(u"waiting"_s));
        startGateway();
        int statusAfterFlood = 0;
        for (int i = 0; i < 6; ++i)
            statusAfterFlood = post(port(), u"/chat/pair"_s, "{}").status;
        QCOMPARE(statusAfterFlood, 429);
        // Guessing claims is limited too.
        int guess = 0;
        for (int i = 0; i < 25; ++i)
            guess = post(port(), u"/chat/pair/claim"_s, R"({"deviceId":"w0000000000000000000a","claim":"abc"})").status;
        QCOMPARE(guess, 429);
    }

    // ---- in a real browser -------------------------------------------------------------------

    void browserTokenSignInStreamsTheAnswer()
    {
        if (!haveBrowser())
            QFAIL("the web chat must be tested in a real browser");
        startGateway();
        HeadlessBrowser browser;
        QVERIFY2(browser.start(m_gateway->httpUrl(u"/chat"_s)), qPrintable(browser.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(browser.text(PAGE_READY), u"true"_s, 30000);
        QCOMPARE(browser.text(u"document.getElementById('status').textContent"_s), u"Not connected"_s);

        // The browser enforces the CSP: an injected inline script does not run.
        QVERIFY2(browser.pageErrors().isEmpty(), qPrintable(browser.pageErrors().join(u'\n')));
        const QJsonValue blocked
            = browser.evaluate(u"new Promise((resolve) => {"
                               "  document.addEventListener('securitypolicyviolation', (e) => "
                               "resolve(e.violatedDirective), { once: true });"
                               "  const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                               "  document.head.appendChild(s);"
                               "  setTimeout(() => resolve('ran: ' + window.injected), 3000); })"_s);
        QCOMPARE(blocked.toString(), u"script-src-elem"_s);
        browser.clearErrors(); // the violation just provoked

        // A person with a personal token (it outlives the gateway restart below).
        const QString userId = admin(u"users.create"_s, { { u"displayName"_s, u"Dana"_s } })
                                   .value(u"payload"_s)
                                   .toObject()
                                   .value(u"user"_s)
                                   .toObject()
                                   .value(u"id"_s)
                                   .toString();
        QVERIFY(!userId.isEmpty());
        const QString token = admin(u"users.token"_s, { { u"userId"_s, userId } })
                                  .value(u"payload"_s)
                                  .toObject()
                                  .value(u"token"_s)
                                  .toString();
        QVERIFY(token.startsWith(u"skn_"_s));
        browser.evaluate(
            u"document.getElementById('token').value = '%1'; document.getElementById('connect').click(); true"_s.arg(
                token));
        QTRY_COMPARE_WITH_TIMEOUT(
            browser.text(u"document.getElementById('status').textContent"_s), u"Connected"_s, 30000);

        FakeOllama::Turn turn = FakeOllama::Turn::text({ u"Hello"_s, u" from"_s, u" the"_s, u" fake"_s, u" model."_s });
        turn.chunkDelayMs = 60; // slower than the gateway's 16 ms coalescing: several deltas
        m_ollama->enqueue(turn);
        typeAndSend(browser, u"Say hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastAssistant(browser, u"m.dataset.state || ''"_s), u"final"_s, 30000);
        QCOMPARE(lastAssistant(browser, u"m.textContent"_s), u"Hello from the fake model."_s);
        QVERIFY2(lastAssistant(browser, u"m.dataset.deltas"_s).toInt() >= 2,
            qPrintable(u"deltas rendered: "_s + lastAssistant(browser, u"m.dataset.deltas"_s)));
        QVERIFY(m_ollama->server().lastRequest(u"/api/chat"_s).body.contains("Say hello"));
        QCOMPARE(browser.text(u"document.querySelector('.msg.user').textContent"_s), u"Say hello"_s);

        // Reload: the stored token signs in again and the history comes back.
        browser.reload();
        QTRY_COMPARE_WITH_TIMEOUT(
            browser.text(u"document.getElementById('status').textContent"_s), u"Connected"_s, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            browser.text(u"document.querySelectorAll('.msg').length.toString()"_s), u"2"_s, 30000);
        QCOMPARE(lastAssistant(browser, u"m.textContent"_s), u"Hello from the fake model."_s);

        // The gateway restarts on the same port: the page reconnects by itself and goes on.
        const quint16 samePort = port();
        m_gateway.reset();
        QTRY_VERIFY_WITH_TIMEOUT(
            browser.text(u"document.getElementById('status').textContent"_s).startsWith(u"Disconnected"_s), 30000);
        startGateway({}, samePort);
        QTRY_COMPARE_WITH_TIMEOUT(
            browser.text(u"document.getElementById('status').textContent"_s), u"Connected"_s, 30000);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Still here."_s }));
        typeAndSend(browser, u"Are you there?"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastAssistant(browser, u"m.textContent"_s), u"Still here."_s, 30000);

        QVERIFY2(browser.pageErrors().isEmpty(), qPrintable(browser.pageErrors().join(u'\n')));
    }

    void browserPairingFlow()
    {
        if (!haveBrowser())
            QFAIL("the web chat must be tested in a real browser");
        startGateway();
        HeadlessBrowser browser;
        QVERIFY2(browser.start(m_gateway->httpUrl(u"/chat"_s)), qPrintable(browser.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(browser.text(PAGE_READY), u"true"_s, 30000);
        browser.evaluate(
            u"document.getElementById('name').value = 'Carol'; document.getElementById('pair').click(); true"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            browser.text(u"document.getElementById('pair-code').textContent"_s).size() == 8, 30000);
        const QString code = browser.text(u"document.getElementById('pair-code').textContent"_s);

        // Nothing but the code until the owner approves.
        QCOMPARE(browser.text(u"document.getElementById('status').textContent"_s), u"Not connected"_s);
        const QJsonObject approved
            = admin(u"pairing.approve"_s, { { u"channel"_s, u"webchat"_s }, { u"code"_s, code } });
        QVERIFY2(approved.value(u"ok"_s).toBool(), QJsonDocument(approved).toJson().constData());

        QTRY_COMPARE_WITH_TIMEOUT(
            browser.text(u"document.getElementById('status').textContent"_s), u"Connected"_s, 30000);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Welcome, "_s, u"Carol."_s }));
        typeAndSend(browser, u"Hi, I'm new"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastAssistant(browser, u"m.textContent"_s), u"Welcome, Carol."_s, 30000);

        // Carol is a person now, with the web chat identity.
        const QJsonArray users = admin(u"users.list"_s, {}).value(u"payload"_s).toObject().value(u"users"_s).toArray();
        bool found = false;
        for (const QJsonValue &u : users)
            found |= u.toObject().value(u"displayName"_s).toString() == u"Carol"_s;
        QVERIFY2(found, QJsonDocument(users).toJson().constData());
        QVERIFY2(browser.pageErrors().isEmpty(), qPrintable(browser.pageErrors().join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(tst_WebChat)
#include "tst_webchat.moc"
