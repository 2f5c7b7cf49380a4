// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The foundation's methods and their payload shapes (openclaw-protocol.md §7).

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

#include "service/service.h"
#include "storage/database.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using TestSupport::ProtocolClient;
using TestSupport::TestGateway;

class tst_Methods final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestGateway> m_gateway;

    QJsonValue call(ProtocolClient &client, const QString &method, const QJsonObject &params = {})
    {
        const QJsonObject response = client.request(method, params);
        if (!response.value(u"ok"_s).toBool())
            qWarning() << method << response;
        return response.value(u"payload"_s);
    }

    void insertSession(const QString &key, const QString &agent, qint64 updatedAt)
    {
        QSqlQuery q(m_gateway->service()->database()->connection());
        q.prepare(u"INSERT INTO sessions (key, agent_id, created_at, updated_at) VALUES (?, ?, ?, ?)"_s);
        q.addBindValue(key);
        q.addBindValue(agent);
        q.addBindValue(updatedAt);
        q.addBindValue(updatedAt);
        QVERIFY(q.exec());
    }

private Q_SLOTS:
    void init()
    {
        m_gateway = std::make_unique<TestGateway>();
        QVERIFY2(m_gateway->isRunning(), qPrintable(m_gateway->errorString()));
    }
    void cleanup() { m_gateway.reset(); }

    void health()
    {
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        const QJsonObject health = call(client, u"health"_s).toObject();
        QCOMPARE(health.value(u"ok"_s).toBool(), true);
        QVERIFY(health.value(u"ts"_s).toInteger() > 0);
        QVERIFY(health.value(u"durationMs"_s).isDouble());
        QVERIFY(health.value(u"channels"_s).isObject());
        QVERIFY(health.value(u"channelOrder"_s).isArray());
        QVERIFY(health.value(u"channelLabels"_s).isObject());
        QCOMPARE(health.value(u"defaultAgentId"_s).toString(), u"main"_s);
        const QJsonArray agents = health.value(u"agents"_s).toArray();
        QCOMPARE(agents.size(), 1);
        QCOMPARE(agents.first().toObject().value(u"isDefault"_s).toBool(), true);
        QVERIFY(agents.first().toObject().value(u"heartbeat"_s).isObject());
        QVERIFY(health.value(u"sessions"_s).toObject().value(u"path"_s).toString().endsWith(u"skynet.db"));
    }

    void statusHidesProcessDetailsFromReaders()
    {
        ProtocolClient reader;
        QVERIFY(reader.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        const QJsonObject status = call(reader, u"status"_s).toObject();
        QVERIFY(status.value(u"runtimeVersion"_s).toString().startsWith(u"skynet-"));
        QVERIFY(status.value(u"sessions"_s).isObject());
        // Provider health is part of status (the test gateway has Ollama on a dead port).
        QCOMPARE(status.value(u"providers"_s).toArray().first().toObject().value(u"id"_s).toString(), u"ollama"_s);
        QVERIFY(!status.contains(u"pid"_s));
        QVERIFY(!status.value(u"gateway"_s).toObject().contains(u"home"_s));

        ProtocolClient admin;
        QVERIFY(admin.openAndConnect(m_gateway->wsUrl(), m_gateway->token(), 4, { u"operator.admin"_s }));
        const QJsonObject full = call(admin, u"status"_s).toObject();
        QCOMPARE(full.value(u"pid"_s).toInteger(), QCoreApplication::applicationPid());
        QVERIFY(full.value(u"processMemory"_s).toObject().value(u"rssBytes"_s).toInteger() > 0);
        QCOMPARE(full.value(u"gateway"_s).toObject().value(u"clients"_s).toInt(), 2);
    }

    void listsWithoutProviders()
    {
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        // The only provider (Ollama on a closed port) cannot list its models: its configured
        // model is offered, unavailable, and the failure is reported.
        const QJsonObject models = call(client, u"models.list"_s).toObject();
        QCOMPARE(models.value(u"models"_s).toArray().size(), 1);
        const QJsonObject configured = models.value(u"models"_s).toArray().first().toObject();
        QCOMPARE(configured.value(u"id"_s).toString(), u"llama3.2"_s);
        QCOMPARE(configured.value(u"provider"_s).toString(), u"ollama"_s);
        QCOMPARE(configured.value(u"available"_s).toBool(), false);
        QCOMPARE(configured.value(u"default"_s).toBool(), true);
        QCOMPARE(models.value(u"errors"_s).toArray().size(), 1);
        // The slash commands every channel understands: /model and the people commands.
        QStringList commands;
        for (const QJsonValue &c : call(client, u"commands.list"_s).toObject().value(u"commands"_s).toArray())
            commands.append(c.toObject().value(u"name"_s).toString());
        QCOMPARE(commands,
            (QStringList { u"/model"_s, u"/forget"_s, u"/link"_s, u"/memory"_s, u"/remember"_s, u"/whoami"_s }));
        const QJsonObject agents = call(client, u"agents.list"_s).toObject();
        QCOMPARE(agents.value(u"defaultId"_s).toString(), u"main"_s);
        QCOMPARE(agents.value(u"mainKey"_s).toString(), u"main"_s);
        QCOMPARE(agents.value(u"agents"_s).toArray().first().toObject().value(u"id"_s).toString(), u"main"_s);
    }

    void configGetRedactsSecrets()
    {
        m_gateway = std::make_unique<TestGateway>(
            [](Gateway::Config::Settings &s) { s.gateway.password = u"plain-text-password-123"_s; });
        QVERIFY(m_gateway->isRunning());
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));
        const QJsonObject response = client.request(u"config.get"_s);
        QVERIFY(response.value(u"ok"_s).toBool());
        const QJsonObject payload = response.value(u"payload"_s).toObject();
        const QJsonObject gateway = payload.value(u"config"_s).toObject().value(u"gateway"_s).toObject();
        QCOMPARE(gateway.value(u"port"_s).toInt(), 0);
        QCOMPARE(gateway.value(u"token"_s).toString(), u"secret:gateway.token"_s); // a reference, not a secret
        QCOMPARE(gateway.value(u"password"_s).toString(), u"__OPENCLAW_REDACTED__"_s);
        QVERIFY(payload.value(u"raw"_s).isNull());
        QVERIFY(!QJsonDocument(response).toJson().contains("plain-text-password-123"));
        QVERIFY(!QJsonDocument(response).toJson().contains(m_gateway->token().toUtf8()));
    }

    void sessionsList()
    {
        for (int i = 0; i < 5; ++i)
            insertSession(u"agent:main:s%1"_s.arg(i), u"main"_s, 1000 + i);
        insertSession(u"agent:other:x"_s, u"other"_s, 5000);
        ProtocolClient client;
        QVERIFY(client.openAndConnect(m_gateway->wsUrl(), m_gateway->token()));

        QJsonObject page = call(client, u"sessions.list"_s, { { u"limit"_s, 2 } }).toObject();
        QCOMPARE(page.value(u"totalCount"_s).toInt(), 6);
        QCOMPARE(page.value(u"count"_s).toInt(), 2);
        QCOMPARE(page.value(u"hasMore"_s).toBool(), true);
        QCOMPARE(page.value(u"nextOffset"_s).toInt(), 2);
        QJsonArray rows = page.value(u"sessions"_s).toArray();
        QCOMPARE(rows.first().toObject().value(u"key"_s).toString(), u"agent:other:x"_s); // newest first
        QCOMPARE(rows.first().toObject().value(u"kind"_s).toString(), u"direct"_s);

        page = call(client, u"sessions.list"_s, { { u"agentId"_s, u"main"_s }, { u"offset"_s, 4 } }).toObject();
        QCOMPARE(page.value(u"totalCount"_s).toInt(), 5);
        QCOMPARE(page.value(u"count"_s).toInt(), 1);
        QCOMPARE(page.value(u"hasMore"_s).toBool(), false);
        QCOMPARE(page.value(u"sessions"_s).toArray().first().toObject().value(u"key"_s).toString(), u"agent:main:s0"_s);

        // search matches key or label literally: "%" and "_" are not wildcards.
        page = call(client, u"sessions.list"_s, { { u"search"_s, u"other"_s } }).toObject();
        QCOMPARE(page.value(u"totalCount"_s).toInt(), 1);
        QCOMPARE(page.value(u"sessions"_s).toArray().first().toObject().value(u"key"_s).toString(), u"agent:other:x"_s);
        QCOMPARE(
            call(client, u"sessions.list"_s, { { u"search"_s, u"%"_s } }).toObject().value(u"totalCount"_s).toInt(), 0);
        QCOMPARE(call(client, u"sessions.list"_s, { { u"search"_s, u"main:s_"_s } })
                     .toObject()
                     .value(u"totalCount"_s)
                     .toInt(),
            0);
        QCOMPARE(call(client, u"sessions.list"_s, { { u"search"_s, u"main:s"_s } })
                     .toObject()
                     .value(u"totalCount"_s)
                     .toInt(),
            5);

        const QJsonObject bad = client.request(u"sessions.list"_s, { { u"agentId"_s, 42 } });
        QCOMPARE(bad.value(u"ok"_s).toBool(), false);
        QCOMPARE(bad.value(u"error"_s).toObject().value(u"code"_s).toString(), u"INVALID_REQUEST"_s);
        // Hostile values are clamped, not trusted.
        page = call(client, u"sessions.list"_s, { { u"limit"_s, -5 }, { u"offset"_s, -1 } }).toObject();
        QCOMPARE(page.value(u"count"_s).toInt(), 1);
        page = call(client, u"sessions.list"_s, { { u"limit"_s, 1e12 } }).toObject();
        QCOMPARE(page.value(u"count"_s).toInt(), 6);
    }
};

QTEST_GUILESS_MAIN(tst_Methods)
#include "tst_methods.moc"
