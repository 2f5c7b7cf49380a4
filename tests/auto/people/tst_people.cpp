// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// People end to end inside one gateway process, against the Ollama fake and a real SQLite file:
// a fact told on one channel answers a question on another after linking and after a restart;
// a child's budget stops requests before they are sent; the persona differs per role, channel and
// user; a child's models are the allowed ones; long conversations are compacted into the user's
// memory; personal tokens act as their user.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include "agent/chatruntime.h"
#include "fakeollama.h"
#include "people/directory.h"
#include "people/memorystore.h"
#include "people/userstore.h"
#include "people/persona.h"
#include "service/service.h"
#include "storage/database.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeOllama;
using Gateway::Agent::RunOptions;
using Gateway::Agent::RunOutcome;
using Gateway::People::Role;
using Gateway::People::User;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

class tst_People final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<TestGateway> m_gateway;
    QTemporaryDir m_home;
    std::function<void(Gateway::Config::Settings &)> m_extra;

    void startGateway()
    {
        const QString url = m_ollama->baseUrl().toString();
        auto extra = m_extra;
        m_gateway = std::make_unique<TestGateway>(
            [url, extra](Gateway::Config::Settings &s) {
                s.providers.ollama.baseUrl = url;
                s.providers.ollama.model = u"llama3.2"_s;
                s.providers.ollama.maxRetries = 0;
                if (extra)
                    extra(s);
            },
            true, m_home.path());
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
    }

    void restartGateway()
    {
        m_gateway.reset();
        startGateway();
    }

    Gateway::People::Directory *people() const { return m_gateway->service()->people(); }
    Gateway::Agent::ChatRuntime *runtime() const { return m_gateway->service()->chatRuntime(); }

    /// A person's message arriving on a channel, as the channel manager hands it over: identity
    /// resolution, then a run in that person's DM session on that channel. Returns the outcome.
    RunOutcome message(
        const QString &channel, const QString &externalId, const QString &text, const QString &name = u"Alice"_s)
    {
        const auto user = people()->resolveInbound(channel, externalId, name, true);
        if (!user)
            return RunOutcome {};
        RunOptions options;
        options.userId = user->id;
        options.channel = channel;
        const QString session = runtime()->canonicalSessionKey(channel + u":dm:"_s + externalId, user->id);
        QSignalSpy finished(runtime(), &Gateway::Agent::ChatRuntime::runFinished);
        const QString runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto started = runtime()->startRun(session, text, runId, nullptr, options);
        if (!started)
            return RunOutcome {};
        RunOutcome outcome;
        (void)QTest::qWaitFor(
            [&] {
                for (const QList<QVariant> &args : std::as_const(finished)) {
                    const auto o = args.first().value<RunOutcome>();
                    if (o.runId == runId) {
                        outcome = o;
                        return true;
                    }
                }
                return false;
            },
            TestSupport::WAIT_MS);
        return outcome;
    }

    /// The system prompt of the newest /api/chat request the fake received.
    QString lastSystemPrompt() const
    {
        for (qsizetype i = m_ollama->server().requests().size() - 1; i >= 0; --i) {
            const auto &request = m_ollama->server().requests().at(i);
            if (request.path != u"/api/chat")
                continue;
            const QJsonArray messages = request.json().value(u"messages"_s).toArray();
            if (!messages.isEmpty() && messages.first().toObject().value(u"role"_s).toString() == u"system")
                return messages.first().toObject().value(u"content"_s).toString();
            return QString();
        }
        return QString();
    }

    int chatRequests() const
    {
        int n = 0;
        for (const auto &request : m_ollama->server().requests())
            n += request.path == u"/api/chat" ? 1 : 0;
        return n;
    }

    QJsonObject lastChatBody() const
    {
        for (qsizetype i = m_ollama->server().requests().size() - 1; i >= 0; --i) {
            if (m_ollama->server().requests().at(i).path == u"/api/chat")
                return m_ollama->server().requests().at(i).json();
        }
        return {};
    }

    static QJsonObject payload(const QJsonObject &response) { return response.value(u"payload"_s).toObject(); }
    static QString errorCode(const QJsonObject &response)
    {
        return response.value(u"error"_s).toObject().value(u"code"_s).toString();
    }

    /// Owner connection (gateway token, all scopes).
    std::unique_ptr<ProtocolClient> owner()
    {
        auto client = std::make_unique<ProtocolClient>();
        if (!client->openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4,
                { u"operator.read"_s, u"operator.write"_s, u"operator.admin"_s }))
            return nullptr;
        return client;
    }

    void writeFile(const QString &relative, const QByteArray &text)
    {
        const QString path = QDir(m_home.path()).filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
    }

private Q_SLOTS:
    void init()
    {
        m_extra = {};
        m_ollama = std::make_unique<FakeOllama>();
        m_ollama->setModels({ u"llama3.2:latest"_s, u"qwen3:0.6b"_s });
        QVERIFY(m_ollama->listen());
    }

    void cleanup()
    {
        m_gateway.reset();
        m_ollama.reset();
        QDir(m_home.path()).removeRecursively();
        QDir().mkpath(m_home.path());
    }

    void factCrossesChannelsAfterLinkingAndRestart()
    {
        startGateway();
        // Telegram: a fact by command, and one the model saves with its tool.
        RunOutcome o = message(u"telegram"_s, u"tg-100"_s, u"/remember my cat is called Miso"_s);
        QCOMPARE(o.status, u"ok"_s);
        QVERIFY2(o.text.startsWith(u"Remembered"_s), qPrintable(o.text));
        const int before = chatRequests();
        QCOMPARE(before, 0); // commands cost no model call
        m_ollama->enqueue(FakeOllama::Turn::toolCall(
            u"memory_save"_s, { { u"content"_s, u"Alice's favourite colour is teal"_s }, { u"kind"_s, u"fact"_s } }));
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Noted."_s }));
        o = message(u"telegram"_s, u"tg-100"_s, u"Remember that my favourite colour is teal."_s);
        QCOMPARE(o.status, u"ok"_s);
        const QString aliceId = people()->users()->identity(u"telegram"_s, u"tg-100"_s)->userId;

        // Discord: a stranger so far (another user), who does not know the facts.
        o = message(u"discord"_s, u"dc-200"_s, u"What is my cat called?"_s);
        QCOMPARE(o.status, u"ok"_s);
        QVERIFY(!lastSystemPrompt().contains(u"Miso"_s));
        const QString discordUser = people()->users()->identity(u"discord"_s, u"dc-200"_s)->userId;
        QVERIFY(discordUser != aliceId);

        // Link: code on Telegram, redeemed on Discord.
        o = message(u"telegram"_s, u"tg-100"_s, u"/link"_s);
        const QRegularExpressionMatch code = QRegularExpression(u"([0-9A-Z]{5}-[0-9A-Z]{5})"_s).match(o.text);
        QVERIFY2(code.hasMatch(), qPrintable(o.text));
        o = message(u"discord"_s, u"dc-200"_s, u"/link "_s + code.captured(1).toLower());
        QVERIFY2(o.text.startsWith(u"Linked"_s), qPrintable(o.text));
        QCOMPARE(people()->users()->identity(u"discord"_s, u"dc-200"_s)->userId, aliceId);
        QVERIFY(!people()->users()->get(discordUser)); // merged away

        // Restart: the link and the memories are in SQLite.
        restartGateway();
        QCOMPARE(people()->users()->identity(u"discord"_s, u"dc-200"_s)->userId, aliceId);
        o = message(u"discord"_s, u"dc-200"_s, u"What is my cat called, and what colour do I like?"_s);
        QCOMPARE(o.status, u"ok"_s);
        const QString system = lastSystemPrompt();
        QVERIFY2(system.contains(u"my cat is called Miso"_s), qPrintable(system));
        QVERIFY2(system.contains(u"Alice's favourite colour is teal"_s), qPrintable(system));
        // The discord session's history moved to Alice as well.
        QVERIFY(people()
                    ->users()
                    ->sessionOwner(runtime()->canonicalSessionKey(u"discord:dm:dc-200"_s, aliceId))
                    .value_or(QString())
            == aliceId);
    }

    void commandsWorkOverTheProtocol()
    {
        startGateway();
        auto client = owner();
        QVERIFY(client);
        QJsonObject ack = client->request(u"chat.send"_s,
            { { u"sessionKey"_s, u"main"_s }, { u"message"_s, u"/remember I live in Graz"_s },
                { u"idempotencyKey"_s, u"cmd-1"_s } });
        QVERIFY2(ack.value(u"ok"_s).toBool(), QJsonDocument(ack).toJson().constData());
        QTRY_VERIFY_WITH_TIMEOUT(payload(client->request(u"memory.search"_s, { { u"query"_s, u"Graz"_s } }))
                                     .value(u"memories"_s)
                                     .toArray()
                                     .size()
                == 1,
            TestSupport::WAIT_MS);
        const QJsonObject final = client->waitForEvent(u"chat"_s);
        QVERIFY(!final.isEmpty());
        QCOMPARE(chatRequests(), 0);
    }

    void childBudgetStopsRequestsBeforeTheyAreSent()
    {
        startGateway();
        auto admin = owner();
        QVERIFY(admin);
        const QString child
            = payload(admin->request(u"users.create"_s, { { u"displayName"_s, u"Tim"_s }, { u"role"_s, u"child"_s } }))
                  .value(u"user"_s)
                  .toObject()
                  .value(u"id"_s)
                  .toString();
        QVERIFY(!child.isEmpty());
        QVERIFY(admin->request(u"users.update"_s, { { u"userId"_s, child }, { u"dailyTokenBudget"_s, 3000 } })
                    .value(u"ok"_s)
                    .toBool());
        const QString token
            = payload(admin->request(u"users.token"_s, { { u"userId"_s, child } })).value(u"token"_s).toString();
        ProtocolClient tim;
        QVERIFY(tim.openAndConnect(m_gateway->wsUrl(), token, 4, { u"operator.read"_s, u"operator.write"_s }));

        // Each answer costs 1,000 tokens (as the fake reports them).
        const auto costly = [] {
            FakeOllama::Turn t = FakeOllama::Turn::text({ u"An answer."_s });
            t.promptEvalCount = 900;
            t.evalCount = 100;
            return t;
        };
        int sent = 0;
        for (int i = 0; i < 2; ++i) {
            m_ollama->enqueue(costly());
            const QString key = u"budget-%1"_s.arg(i);
            QVERIFY(tim.request(u"chat.send"_s,
                           { { u"sessionKey"_s, u"main"_s }, { u"message"_s, u"Tell me about volcanoes."_s },
                               { u"idempotencyKey"_s, key } })
                        .value(u"ok"_s)
                        .toBool());
            ++sent;
            QTRY_COMPARE_WITH_TIMEOUT(chatRequests(), sent, TestSupport::WAIT_MS);
            QTRY_VERIFY_WITH_TIMEOUT(
                payload(tim.request(u"users.get"_s)).value(u"usage"_s).toObject().value(u"tokensToday"_s).toInt()
                    == 1000 * sent,
                TestSupport::WAIT_MS);
        }
        // 1,000 left: the next request is sent with its answer capped to what remains.
        m_ollama->enqueue(costly());
        QVERIFY(tim.request(u"chat.send"_s,
                       { { u"sessionKey"_s, u"main"_s }, { u"message"_s, u"And geysers?"_s },
                           { u"idempotencyKey"_s, u"budget-2"_s } })
                    .value(u"ok"_s)
                    .toBool());
        QTRY_COMPARE_WITH_TIMEOUT(chatRequests(), 3, TestSupport::WAIT_MS);
        const qint64 numPredict = lastChatBody().value(u"options"_s).toObject().value(u"num_predict"_s).toInteger();
        QVERIFY2(numPredict > 0 && numPredict < 1000, qPrintable(QString::number(numPredict)));
        QTRY_VERIFY_WITH_TIMEOUT(
            payload(tim.request(u"users.get"_s)).value(u"usage"_s).toObject().value(u"remaining"_s).toInt() == 0,
            TestSupport::WAIT_MS);

        // Used up mid-day: refused before anything is sent, with a clear reason.
        const QJsonObject refused = tim.request(u"chat.send"_s,
            { { u"sessionKey"_s, u"main"_s }, { u"message"_s, u"One more?"_s },
                { u"idempotencyKey"_s, u"budget-3"_s } });
        QCOMPARE(errorCode(refused), u"FORBIDDEN"_s);
        QVERIFY2(refused.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"budget"_s),
            QJsonDocument(refused).toJson().constData());
        QCOMPARE(chatRequests(), 3);
        // A channel message from the child ends as a refusal too, without a model call.
        QVERIFY(admin
                    ->request(u"identities.link"_s,
                        { { u"userId"_s, child }, { u"channel"_s, u"telegram"_s }, { u"externalId"_s, u"tg-tim"_s } })
                    .value(u"ok"_s)
                    .toBool());
        const RunOutcome o = message(u"telegram"_s, u"tg-tim"_s, u"Hello?"_s, u"Tim"_s);
        QCOMPARE(o.status, u"error"_s);
        QVERIFY2(o.errorMessage.contains(u"budget"_s), qPrintable(o.errorMessage));
        QCOMPARE(chatRequests(), 3);
        // Commands still work: they cost nothing.
        QVERIFY(message(u"telegram"_s, u"tg-tim"_s, u"/whoami"_s, u"Tim"_s).text.contains(u"3000 of 3000"_s));
        // The owner is not limited by the child's budget.
        QVERIFY(
            admin
                ->request(u"chat.send"_s,
                    { { u"sessionKey"_s, u"main"_s }, { u"message"_s, u"Hi"_s }, { u"idempotencyKey"_s, u"o-1"_s } })
                .value(u"ok"_s)
                .toBool());
        QTRY_COMPARE_WITH_TIMEOUT(chatRequests(), 4, TestSupport::WAIT_MS);
    }

    void quietHoursRefuseTurns()
    {
        startGateway();
        const auto user = people()->resolveInbound(u"telegram"_s, u"tg-q"_s, u"Quinn"_s, true);
        QVERIFY(user);
        User quiet = *user;
        quiet.role = Role::Child;
        // Quiet all day except one minute that is not now.
        const QTime now = QDateTime::currentDateTimeUtc().time();
        const QTime end = now.addSecs(-120);
        quiet.quietHours = u"%1-%2"_s.arg(now.addSecs(-60).toString(u"HH:mm"_s), end.toString(u"HH:mm"_s));
        quiet.timezone = u"UTC"_s;
        {
            const auto s = people()->users()->update(quiet);
            QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        }
        const RunOutcome o = message(u"telegram"_s, u"tg-q"_s, u"Are you awake?"_s, u"Quinn"_s);
        QCOMPARE(o.status, u"error"_s);
        QVERIFY2(o.errorMessage.contains(u"quiet"_s), qPrintable(o.errorMessage));
        QCOMPARE(chatRequests(), 0);
    }

    void personaDiffersPerRoleChannelAndUser()
    {
        startGateway();
        writeFile(u"SOUL.md"_s, "BASE-SOUL: you are Skynet.");
        writeFile(u"soul/role/child.md"_s, "ROLE-CHILD: speak simply.");
        writeFile(u"soul/role/user.md"_s, "ROLE-USER: be direct.");
        writeFile(u"soul/channel/discord.md"_s, "CHANNEL-DISCORD: short lines.");
        const auto alice = people()->resolveInbound(u"telegram"_s, u"tg-a"_s, u"Alice"_s, true);
        const auto kid = people()->resolveInbound(u"discord"_s, u"dc-k"_s, u"Kid"_s, true);
        QVERIFY(alice && kid);
        User child = *kid;
        child.role = Role::Child;
        {
            const auto s = people()->users()->update(child);
            QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        }
        writeFile(u"soul/user/"_s + alice->id + u".md"_s, "USER-ALICE: she likes puns.");
        QVERIFY(people()->memories()->add(alice->id, u"preference"_s, u"answer in German"_s, u"telegram"_s, {}, 1));

        QCOMPARE(message(u"telegram"_s, u"tg-a"_s, u"Hi"_s).status, u"ok"_s);
        const QString forAlice = lastSystemPrompt();
        QCOMPARE(message(u"discord"_s, u"dc-k"_s, u"Hi"_s, u"Kid"_s).status, u"ok"_s);
        const QString forKid = lastSystemPrompt();

        const auto order = [](const QString &text, const QStringList &markers) {
            qsizetype at = -1;
            for (const QString &marker : markers) {
                const qsizetype next = text.indexOf(marker);
                if (next <= at)
                    return false;
                at = next;
            }
            return true;
        };
        QVERIFY2(order(forAlice, { u"BASE-SOUL"_s, u"ROLE-USER"_s, u"USER-ALICE"_s, u"answer in German"_s }),
            qPrintable(forAlice));
        QVERIFY(!forAlice.contains(u"CHANNEL-DISCORD"_s));
        QVERIFY(!forAlice.contains(u"ROLE-CHILD"_s));
        QVERIFY(!forAlice.contains(Gateway::People::PersonaComposer::childSafety()));
        QVERIFY2(order(forKid,
                     { u"BASE-SOUL"_s, u"ROLE-CHILD"_s, u"CHANNEL-DISCORD"_s,
                         Gateway::People::PersonaComposer::childSafety().left(40) }),
            qPrintable(forKid));
        QVERIFY(!forKid.contains(u"USER-ALICE"_s));
        // Both prompts start with the same base: the shared cacheable prefix.
        QVERIFY(forAlice.startsWith(u"BASE-SOUL: you are Skynet."_s));
        QVERIFY(forKid.startsWith(u"BASE-SOUL: you are Skynet."_s));
    }

    void childUsesOnlyAllowedModels()
    {
        startGateway();
        const auto kid = people()->resolveInbound(u"telegram"_s, u"tg-kid"_s, u"Kid"_s, true);
        QVERIFY(kid);
        User child = *kid;
        child.role = Role::Child;
        child.allowedModels = QStringList { u"ollama:qwen3:0.6b"_s };
        {
            const auto s = people()->users()->update(child);
            QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        }
        QCOMPARE(message(u"telegram"_s, u"tg-kid"_s, u"Hello"_s, u"Kid"_s).status, u"ok"_s);
        QCOMPARE(lastChatBody().value(u"model"_s).toString(), u"qwen3:0.6b"_s);
        // Asking for another model by name is refused, not silently rerouted.
        const int before = chatRequests();
        const RunOutcome o = message(u"telegram"_s, u"tg-kid"_s, u"/model ollama:llama3.2 Hello"_s, u"Kid"_s);
        QCOMPARE(o.status, u"error"_s);
        QVERIFY2(o.errorMessage.contains(u"not allowed"_s), qPrintable(o.errorMessage));
        QCOMPARE(chatRequests(), before);
        // The tools offered to a child are the child defaults.
        QStringList tools;
        for (const QJsonValue &t : lastChatBody().value(u"tools"_s).toArray())
            tools.append(t.toObject().value(u"function"_s).toObject().value(u"name"_s).toString());
        tools.sort();
        QCOMPARE(tools,
            (QStringList {
                u"current_time"_s, u"memory_forget"_s, u"memory_save"_s, u"memory_search"_s, u"reminder"_s }));
    }

    void longConversationsAreCompactedIntoTheUsersMemory()
    {
        m_extra = [](Gateway::Config::Settings &s) { s.agent.historyMessages = 4; };
        startGateway();
        m_ollama->setDefaultReply([](const QJsonObject &request) {
            const QString system
                = request.value(u"messages"_s).toArray().first().toObject().value(u"content"_s).toString();
            if (system.contains(u"long-term notes"_s))
                return QStringList { u"- Alice plays the cello in an orchestra."_s };
            return QStringList { u"I see."_s };
        });
        QSignalSpy compacted(runtime(), &Gateway::Agent::ChatRuntime::compacted);
        const QStringList lines = { u"I play the cello."_s, u"In an orchestra, on Tuesdays."_s,
            u"We rehearse Brahms."_s, u"The concert is in May."_s };
        for (const QString &line : lines)
            QCOMPARE(message(u"telegram"_s, u"tg-cello"_s, line).status, u"ok"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!compacted.isEmpty(), TestSupport::WAIT_MS);
        const QString aliceId = people()->users()->identity(u"telegram"_s, u"tg-cello"_s)->userId;
        QCOMPARE(compacted.first().at(1).toString(), aliceId);
        QVERIFY(compacted.first().at(2).toLongLong() > 0);
        const QList<Gateway::People::Memory> summaries = people()->memories()->list(aliceId, u"summary"_s);
        QCOMPARE(summaries.size(), 1);
        QVERIFY(summaries.first().content.contains(u"cello"_s));
        // Its usage counts like any call; it is not part of the conversation.
        QVERIFY(m_gateway->service()->people()->users()->tokensUsedToday(
                    *people()->user(aliceId), QDateTime::currentMSecsSinceEpoch())
            > 0);

        // Linked Discord identity, new session: the summary is recalled by relevance.
        QVERIFY(people()->users()->link(aliceId, u"discord"_s, u"dc-cello"_s, 1));
        QCOMPARE(message(u"discord"_s, u"dc-cello"_s, u"When is my cello concert?"_s).status, u"ok"_s);
        QVERIFY2(lastSystemPrompt().contains(u"Alice plays the cello"_s), qPrintable(lastSystemPrompt()));
    }

    void personalTokensActAsTheirUser()
    {
        startGateway();
        auto admin = owner();
        QVERIFY(admin);
        const QString bob
            = payload(admin->request(u"users.create"_s, { { u"displayName"_s, u"Bob"_s }, { u"role"_s, u"user"_s } }))
                  .value(u"user"_s)
                  .toObject()
                  .value(u"id"_s)
                  .toString();
        const QJsonObject issued = admin->request(u"users.token"_s, { { u"userId"_s, bob } });
        const QString token = payload(issued).value(u"token"_s).toString();
        QVERIFY2(token.startsWith(u"skn_"_s), qPrintable(token));
        ProtocolClient client;
        // Asks for admin; gets read and write only.
        QVERIFY(client.open(m_gateway->wsUrl()));
        const QJsonObject hello = client.connect(ProtocolClient::connectParams(
            token, 3, 4, { u"operator.read"_s, u"operator.write"_s, u"operator.admin"_s }));
        QStringList scopes;
        for (const QJsonValue &v : payload(hello).value(u"auth"_s).toObject().value(u"scopes"_s).toArray())
            scopes.append(v.toString());
        QCOMPARE(scopes, (QStringList { u"operator.read"_s, u"operator.write"_s }));

        const QJsonObject ack = client.request(u"chat.send"_s,
            { { u"sessionKey"_s, u"main"_s }, { u"message"_s, u"Hi, I am Bob"_s },
                { u"idempotencyKey"_s, u"bob-1"_s } });
        QCOMPARE(payload(ack).value(u"sessionKey"_s).toString(), u"agent:main:u:"_s + bob + u":main"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chatRequests(), 1, TestSupport::WAIT_MS);
        QVERIFY(lastSystemPrompt().contains(u"Name: Bob"_s));
        // The owner's main session is not Bob's.
        QVERIFY(admin
                    ->request(u"chat.send"_s,
                        { { u"sessionKey"_s, u"main"_s }, { u"message"_s, u"secret plans"_s },
                            { u"idempotencyKey"_s, u"owner-1"_s } })
                    .value(u"ok"_s)
                    .toBool());
        QCOMPARE(errorCode(client.request(u"chat.history"_s, { { u"sessionKey"_s, u"agent:main:main"_s } })),
            u"FORBIDDEN"_s);
        const QJsonArray sessions = payload(client.request(u"sessions.list"_s)).value(u"sessions"_s).toArray();
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.first().toObject().value(u"key"_s).toString(), u"agent:main:u:"_s + bob + u":main"_s);
        // The OpenAI-compatible endpoint takes the same token and answers as Bob.
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Hello Bob"_s }));
        QNetworkAccessManager manager;
        QNetworkRequest request(m_gateway->httpUrl(u"/v1/chat/completions"_s));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QNetworkReply *reply
            = manager.post(request, QByteArray(R"({"model":"skynet","messages":[{"role":"user","content":"hello"}]})"));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), TestSupport::WAIT_MS);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
        QVERIFY(lastSystemPrompt().contains(u"Name: Bob"_s));
        // A revoked token no longer connects.
        QVERIFY(
            admin->request(u"users.token"_s, { { u"userId"_s, bob }, { u"revoke"_s, true } }).value(u"ok"_s).toBool());
        ProtocolClient again;
        QVERIFY(!again.openAndConnect(m_gateway->wsUrl(), token));
    }

    void exportThenDeleteLeavesNothing()
    {
        startGateway();
        auto admin = owner();
        QVERIFY(admin);
        QCOMPARE(
            message(u"telegram"_s, u"tg-erase"_s, u"/remember MARKER-MEMORY-7731"_s, u"Erin-MARKER"_s).status, u"ok"_s);
        QCOMPARE(message(u"telegram"_s, u"tg-erase"_s, u"MARKER-MESSAGE-7731"_s, u"Erin-MARKER"_s).status, u"ok"_s);
        const QString erin = people()->users()->identity(u"telegram"_s, u"tg-erase"_s)->userId;
        const QJsonObject exported = payload(admin->request(u"users.export"_s, { { u"userId"_s, erin } }));
        const QByteArray json = QJsonDocument(exported).toJson(QJsonDocument::Compact);
        QVERIFY(json.contains("MARKER-MEMORY-7731"));
        QVERIFY(json.contains("MARKER-MESSAGE-7731"));
        QVERIFY(json.contains("tg-erase"));
        QVERIFY(admin->request(u"users.delete"_s, { { u"userId"_s, erin } }).value(u"ok"_s).toBool());
        // The whole database, every table and column: nothing of Erin is left but her opaque id
        // in the audit trail.
        QSqlDatabase db = m_gateway->service()->database()->connection();
        QSqlQuery tables(db);
        QVERIFY(tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table'"_s));
        int scanned = 0;
        while (tables.next()) {
            const QString table = tables.value(0).toString();
            QSqlQuery rows(db);
            QVERIFY(rows.exec(u"SELECT * FROM \"%1\""_s.arg(table)));
            while (rows.next()) {
                for (int c = 0; c < rows.record().count(); ++c) {
                    const QByteArray value = rows.value(c).toByteArray();
                    ++scanned;
                    for (const QByteArray &marker : { QByteArray("MARKER-MEMORY-7731"),
                             QByteArray("MARKER-MESSAGE-7731"), QByteArray("Erin-MARKER"), QByteArray("tg-erase") })
                        QVERIFY2(!value.contains(marker), qPrintable(table + u": "_s + QString::fromLatin1(marker)));
                    if (table != u"audit_log")
                        QVERIFY2(!value.contains(erin.toLatin1()), qPrintable(table));
                }
            }
        }
        QVERIFY(scanned > 0);
        QSqlQuery check(db);
        QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
        QCOMPARE(check.value(0).toString(), u"ok"_s);
        // And the audit chain still verifies.
        QVERIFY(payload(admin->request(u"audit.verify"_s)).value(u"ok"_s).toBool());
    }
};

QTEST_GUILESS_MAIN(tst_People)
#include "tst_people.moc"
