// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Every page of the admin window, rendered offscreen over a real in-process gateway (FakeOllama
// as its model provider): each page loads without a QML warning, is shown by the navigation,
// and renders something. With SKYNET_SCREENSHOT_DIR set (scripts/screenshots.sh), the pages are
// written there as PNGs (docs/screenshots/).
//
// Also the pieces behind the Dashboard, Settings and Logs pages: DashboardController,
// SettingsController and LogModel/LogFilter (with QAbstractItemModelTester).

#include <memory>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "audit/auditmodel.h"
#include "backends.h"
#include "chat/chatcontroller.h"
#include "config/configeditor.h"
#include "config/configloader.h"
#include "dashboard/dashboardcontroller.h"
#include "eventlog.h"
#include "fakeollama.h"
#include "gatewayhost.h"
#include "gatewaystatus.h"
#include "logging.h"
#include "logs/logmodel.h"
#include "secrets/secretstore.h"
#include "service/bootstrap.h"
#include "service/localclient.h"
#include "people/directory.h"
#include "people/auditlog.h"
#include "service/service.h"
#include "settings/language.h"
#include "settings/settingscontroller.h"
#include "testsupport.h"
#include "guitestsupport.h"

using namespace Qt::StringLiterals;
using Fakes::FakeOllama;
using GuiTest::findItem;
using GuiTest::loadMainWindow;

namespace
{

/// True when the image has more than a handful of distinct colours (a page, not a blank fill).
bool looksRendered(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) {
            colours.insert(image.pixel(x, y));
            if (colours.size() > 8)
                return true;
        }
    }
    return false;
}

} // namespace

class tst_Pages final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"SkynetTest"_s);
    }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen());
        m_ollama->setModels({ u"llama3.2"_s, u"llama3.2:1b"_s, u"qwen2.5:7b"_s });
        // A real config file, so Settings can save and the host can restart from it.
        m_configPath = m_home->filePath(u"skynet.toml"_s);
        auto config = Gateway::Config::ConfigEditor::open(m_configPath); // the shipped template
        QVERIFY(config.ok());
        QVERIFY(config->set(u"gateway.port"_s, freePort()).ok());
        QVERIFY(config->set(u"logging.file"_s, false).ok());
        QVERIFY(config->set(u"providers.ollama.base_url"_s, m_ollama->baseUrl().toString()).ok());
        QVERIFY(config->save().ok());
        m_log = std::make_unique<Gateway::Logging::EventLog>(100);
        Gateway::Logging::attachEventLog(m_log.get());
    }

    void cleanup()
    {
        Gateway::Logging::attachEventLog(nullptr);
        m_backends.reset();
        m_translators.reset();
        m_status.reset();
        m_host.reset();
        m_log.reset();
        m_ollama.reset();
        m_home.reset();
    }

    void everyPageRenders_data()
    {
        QTest::addColumn<QString>("key");
        for (const char *key : { "dashboard", "chat", "channels", "providers", "users", "audit", "settings", "logs" })
            QTest::addRow("%s", key) << QString::fromLatin1(key);
    }

    void everyPageRenders()
    {
        QFETCH(QString, key);
        QVERIFY(startGateway());
        // A QML error on any page fails the test (binding loops, missing properties, ...).
        QTest::failOnWarning(QRegularExpression(u"qrc:/|\\.qml:"_s));
        QQmlApplicationEngine engine;
        QQuickWindow *window = loadMainWindow(engine);
        QVERIFY(window);
        window->resize(1024, 680);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(window->setProperty("currentPage", key));
        QQuickItem *page = nullptr;
        QTRY_VERIFY((page = findItem(window->contentItem(), key + u"Page"_s)) && page->isVisible());
        // Let bindings settle and the first data arrive (the dashboard polls on show).
        if (key == u"dashboard") {
            QTRY_VERIFY(DashboardController::create(nullptr, &engine)->providers()->rowCount() > 0);
        }
        QTest::qWait(50); // one more frame for layouts: not a synchronisation point
        const QImage image = window->grabWindow();
        QVERIFY(!image.isNull());
        QVERIFY2(looksRendered(image), "the page looks blank");
        if (const QString dir = qEnvironmentVariable("SKYNET_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QDir().mkpath(dir);
            QVERIFY(image.save(QDir(dir).filePath(key + u".png"_s)));
        }
    }

    void chatConversation()
    {
        // A conversation in the Chat page: two questions, answers streamed from the model.
        QVERIFY(startGateway());
        QQmlApplicationEngine engine;
        QQuickWindow *window = loadMainWindow(engine);
        QVERIFY(window);
        window->resize(1024, 680);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(window->setProperty("currentPage", u"chat"_s));
        QQuickItem *page = nullptr;
        QTRY_VERIFY((page = findItem(window->contentItem(), u"chatPage"_s)) && page->isVisible());
        ChatController *chat = ChatController::create(&engine, &engine);
        QTRY_VERIFY_WITH_TIMEOUT(chat->isReady(), TestSupport::WAIT_MS);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Skynet is a self-hosted AI gateway. "_s,
            u"It connects your chats on Telegram, Discord and WhatsApp "_s,
            u"to local models through Ollama, or to Claude, "_s, u"and remembers each person across channels."_s }));
        QVERIFY(chat->send(u"What are you?"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!chat->isBusy(), TestSupport::WAIT_MS);
        m_ollama->enqueue(FakeOllama::Turn::text({ u"Everything stays on this computer: "_s,
            u"the model runs in Ollama and the history in a local SQLite file."_s }));
        QVERIFY(chat->send(u"Where does my data go?"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!chat->isBusy(), TestSupport::WAIT_MS);
        QVERIFY2(!chat->hasError(), qPrintable(chat->errorString()));
        QQuickItem *list = findItem(page, u"messageList"_s);
        QVERIFY(list);
        QTRY_COMPARE(list->property("count").toInt(), 4);
        if (const QString dir = qEnvironmentVariable("SKYNET_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(window->grabWindow().save(QDir(dir).filePath(u"chat.png"_s)));
    }

    void germanSettings()
    {
        // The language changes at once, in the open window (Settings → Language).
        QVERIFY(startGateway());
        QQmlApplicationEngine engine;
        QQuickWindow *window = loadMainWindow(engine);
        QVERIFY(window);
        window->resize(1024, 680);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(window->setProperty("currentPage", u"settings"_s));
        QQuickItem *page = nullptr;
        QTRY_VERIFY((page = findItem(window->contentItem(), u"settingsPage"_s)) && page->isVisible());
        QCOMPARE(page->property("title").toString(), u"Settings"_s);
        SettingsController *settings = SettingsController::create(&engine, &engine);
        settings->setLanguage(u"de"_s);
        QTRY_COMPARE(page->property("title").toString(), u"Einstellungen"_s);
        QQuickItem *nav = findItem(window->contentItem(), u"nav_settings"_s);
        QVERIFY(nav);
        QTRY_COMPARE(nav->property("text").toString(), u"Einstellungen"_s);
        QCOMPARE(window->property("currentPage").toString(), u"settings"_s); // still on the same page
        QVERIFY(page->isVisible());
        if (const QString dir = qEnvironmentVariable("SKYNET_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(window->grabWindow().save(QDir(dir).filePath(u"settings-de.png"_s)));
        settings->setLanguage(u"sr_Latn"_s);
        QTRY_COMPARE(page->property("title").toString(), u"Podešavanja"_s);
        settings->setLanguage(QString());
        QTRY_COMPARE(page->property("title").toString(), u"Settings"_s);
    }

    void navigationByKeyboard()
    {
        QVERIFY(startGateway());
        QQmlApplicationEngine engine;
        QQuickWindow *window = loadMainWindow(engine);
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTest::keyClick(window, Qt::Key_2, Qt::ControlModifier);
        QTRY_COMPARE(window->property("currentPage").toString(), u"chat"_s);
        QTest::keyClick(window, Qt::Key_8, Qt::ControlModifier);
        QTRY_COMPARE(window->property("currentPage").toString(), u"logs"_s);
        QTRY_VERIFY(findItem(window->contentItem(), u"logsPage"_s));
    }

    void dashboardFollowsTheGateway()
    {
        QVERIFY(startGateway());
        DashboardController &dashboard = *DashboardController::create(nullptr, &m_dummyEngine);
        QAbstractItemModelTester providersTester(dashboard.providers());
        QAbstractItemModelTester channelsTester(dashboard.channels());
        QSignalSpy refreshed(&dashboard, &DashboardController::refreshed);
        dashboard.setActive(true);
        QTRY_VERIFY(refreshed.size() >= 1);
        QVERIFY2(!dashboard.hasError(), qPrintable(dashboard.errorString()));
        QCOMPARE(dashboard.providers()->rowCount(), 1);
        QCOMPARE(dashboard.providers()->data(dashboard.providers()->index(0), StatusListModel::KeyRole).toString(),
            u"ollama"_s);
        QCOMPARE(dashboard.callsToday(), 0);

        // A chat turn counts as a model call today.
        m_ollama->enqueue(FakeOllama::Turn::text({ u"hi"_s }));
        bool sent = false;
        m_host->client()->call(u"chat.send"_s,
            { { u"sessionKey"_s, u"dash"_s }, { u"message"_s, u"hello"_s }, { u"idempotencyKey"_s, u"d1"_s } },
            [&](const Gateway::LocalReply &reply) { sent = reply.ok; });
        QTRY_VERIFY(sent);
        QTRY_VERIFY(!m_ollama->server().requests().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT((dashboard.refresh(), dashboard.callsToday() == 1), TestSupport::WAIT_MS);
        QCOMPARE(dashboard.costTodayUsd(), 0.0); // a local model costs nothing

        // The service is replaced: the dashboard keeps working with the new one.
        QVERIFY(m_host->restart().ok());
        refreshed.clear();
        dashboard.refresh();
        QTRY_VERIFY(refreshed.size() >= 1);
        QCOMPARE(dashboard.providers()->rowCount(), 1);
        dashboard.setActive(false);
    }

    void providerRowsFromStatus()
    {
        const QJsonObject payload { { u"providers"_s,
            QJsonArray { QJsonObject { { u"id"_s, u"ollama"_s }, { u"available"_s, true },
                             { u"circuit"_s, u"closed"_s }, { u"model"_s, u"llama3.2"_s }, { u"local"_s, true } },
                QJsonObject {
                    { u"id"_s, u"anthropic"_s }, { u"available"_s, false }, { u"lastError"_s, u"401"_s } } } } };
        const QList<StatusListModel::Row> rows = DashboardController::providerRows(payload);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).health, StatusListModel::Health::Ok);
        QVERIFY(rows.at(0).detail.contains(u"llama3.2"_s));
        QCOMPARE(rows.at(1).health, StatusListModel::Health::Error);
        QVERIFY(rows.at(1).detail.contains(u"401"_s));
        // Garbage gives no rows, not a crash.
        QVERIFY(DashboardController::providerRows(QJsonObject { { u"providers"_s, 5 } }).isEmpty());
        QVERIFY(DashboardController::channelRows(QJsonObject { { u"channels"_s, u"x"_s } }).isEmpty());
    }

    void settingsApplyWritesConfigAndRestarts()
    {
        QVERIFY(startGateway());
        SettingsController &settings = *SettingsController::create(nullptr, &m_dummyEngine);
        QCOMPARE(settings.bind(), u"127.0.0.1"_s);
        QVERIFY(settings.isTokenSet());
        QVERIFY(!settings.maskedToken().contains(currentToken()));
        QVERIFY(!settings.isModified());

        // Bad drafts are refused with a message and change nothing.
        settings.setPort(0);
        QVERIFY(!settings.apply());
        QVERIFY(settings.hasError());
        settings.setPort(freePort());
        settings.setBind(u"not an address"_s);
        QVERIFY(!settings.apply());
        QVERIFY(settings.errorString().contains(u"IP address"_s));
        settings.setBind(u"0.0.0.0"_s);
        settings.setAuthMode(u"none"_s);
        QVERIFY(!settings.apply());
        // Beyond loopback without TLS the gateway itself refuses unless allowed.
        settings.setAuthMode(u"token"_s);
        QVERIFY(!settings.apply());
        QVERIFY2(settings.errorString().contains(u"TLS"_s), qPrintable(settings.errorString()));
        QVERIFY(m_host->service()->isRunning()); // the old configuration is back and running
        QVERIFY(settings.errorString().contains(u"previous"_s));
        {
            const auto kept = Gateway::Config::ConfigLoader::loadFile(m_configPath, m_home->path());
            QVERIFY(kept.ok());
            QCOMPARE(kept->gateway.bind, u"127.0.0.1"_s);
        }

        settings.setBind(u"127.0.0.1"_s);
        const int port = freePort();
        settings.setPort(port);
        QVERIFY2(settings.apply(), qPrintable(settings.errorString()));
        QCOMPARE(m_host->service()->port(), quint16(port));
        const auto loaded = Gateway::Config::ConfigLoader::loadFile(m_configPath, m_home->path());
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->gateway.port, port);
        QVERIFY(!settings.isModified());
    }

    void applyConfigValidatesStoresAndRollsBack()
    {
        QVERIFY(startGateway());
        const auto fileText = [this] {
            QFile file(m_configPath);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        const QByteArray original = fileText();
        const quint16 port = m_host->service()->port();
        const QString secretName = u"providers.anthropic.api_key"_s;

        // A refused key: nothing is written, neither the file nor the store.
        ConfigChange refused;
        refused.values.append({ u"gateway.port"_s, u"not a port"_s });
        refused.secrets.append({ secretName, secretName, u"sk-ant-test-1"_s });
        Gateway::Status s = m_host->applyConfig(refused);
        QVERIFY(!s);
        QCOMPARE(s.error().code, u"CONFIG"_s);
        QCOMPARE(fileText(), original);
        QVERIFY(!m_host->secrets()->read(secretName));

        // The gateway cannot start with the new file (its port is taken): the previous file is
        // back and the gateway runs with it.
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        ConfigChange clash;
        clash.values.append({ u"gateway.port"_s, int(taken.serverPort()) });
        s = m_host->applyConfig(clash);
        QVERIFY(!s);
        QCOMPARE(s.error().code, u"RESTART"_s);
        QCOMPARE(fileText(), original);
        QVERIFY(m_host->service()->isRunning());
        QCOMPARE(m_host->service()->port(), port);

        // A secret: the store holds the value, the file only names it.
        ConfigChange key;
        key.secrets.append({ secretName, secretName, u"sk-ant-test-2"_s });
        s = m_host->applyConfig(key);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QCOMPARE(m_host->secrets()->read(secretName).value_or(QString()), u"sk-ant-test-2"_s);
        QVERIFY(fileText().contains("secret:providers.anthropic.api_key"));
        QVERIFY(!fileText().contains("sk-ant-test-2"));
        QCOMPARE(m_host->service()->settings().providers.anthropic.apiKey, u"secret:"_s + secretName);
        // Audited by name, never by value.
        const QList<Gateway::People::AuditEntry> audited
            = m_host->service()->people()->audit()->list(u"secret.*"_s, 10);
        QVERIFY(!audited.isEmpty());
        QCOMPARE(audited.constFirst().action, u"secret.set"_s);
        QCOMPARE(audited.constFirst().target, secretName);
        for (const Gateway::People::AuditEntry &entry : audited)
            QVERIFY(!QJsonDocument(entry.toJson()).toJson().contains("sk-ant-test-2"));

        // Removing it: gone from the store, the file names nothing.
        ConfigChange removal;
        removal.secrets.append({ secretName, secretName, {}, true });
        s = m_host->applyConfig(removal);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QVERIFY(!m_host->secrets()->read(secretName));
        QVERIFY(!fileText().contains("secret:providers.anthropic.api_key"));
        QCOMPARE(m_host->service()->people()->audit()->list(u"secret.*"_s, 1).constFirst().action, u"secret.remove"_s);
    }

    void regeneratedTokenStaysOffDisk()
    {
        QVERIFY(startGateway());
        SettingsController &settings = *SettingsController::create(nullptr, &m_dummyEngine);
        const QString before = currentToken();
        QVERIFY(!before.isEmpty());
        QVERIFY2(settings.regenerateToken(), qPrintable(settings.errorString()));
        const QString after = currentToken();
        QVERIFY(!after.isEmpty());
        QVERIFY(after != before);
        QFile config(m_configPath);
        QVERIFY(config.open(QIODevice::ReadOnly));
        QVERIFY(!config.readAll().contains(after.toUtf8()));
        // Old token refused, new one accepted by the restarted gateway.
        TestSupport::ProtocolClient oldClient;
        QVERIFY(!oldClient.openAndConnect(QUrl(m_host->service()->url()), before));
        TestSupport::ProtocolClient newClient;
        QVERIFY(newClient.openAndConnect(QUrl(m_host->service()->url()), after));
    }

    void languageSwitchesAtOnce()
    {
        QVERIFY(startGateway());
        SettingsController &settings = *SettingsController::create(nullptr, &m_dummyEngine);
        QCOMPARE(settings.languages().first(), QString());
        QVERIFY(settings.languages().contains(u"sr_Latn"_s));
        QCOMPARE(settings.languageName(u"de"_s), u"Deutsch"_s);
        settings.setLanguage(u"xx"_s);
        QVERIFY(settings.hasError());
        settings.setLanguage(u"de"_s);
        QCOMPARE(settings.language(), u"de"_s);
        QCOMPARE(Language::saved(), u"de"_s);
        settings.setLanguage(QString());
        QCOMPARE(Language::saved(), QString());
    }

    void auditTrail()
    {
        QVERIFY(startGateway());
        AuditModel &audit = *AuditModel::create(nullptr, &m_dummyEngine);
        QAbstractItemModelTester tester(&audit);
        // Admin actions through the same methods the pages use leave entries.
        for (const QString &name : { u"Ann"_s, u"Bob"_s }) {
            bool done = false;
            m_host->client()->call(u"users.create"_s, { { u"displayName"_s, name }, { u"role"_s, u"user"_s } },
                [&](const Gateway::LocalReply &reply) { done = reply.ok || (qWarning() << reply.errorMessage, true); });
            QTRY_VERIFY(done);
        }
        QSignalSpy loaded(&audit, &AuditModel::loaded);
        audit.reload();
        QTRY_VERIFY(!loaded.isEmpty());
        QVERIFY2(!audit.hasError(), qPrintable(audit.errorString()));
        QVERIFY(audit.rowCount() >= 2);
        QCOMPARE(audit.data(audit.index(0), AuditModel::ActionRole).toString(), u"users.create"_s);
        // No name in clear anywhere in the trail.
        for (int i = 0; i < audit.rowCount(); ++i) {
            for (int role : { AuditModel::TargetRole, AuditModel::DetailRole, AuditModel::ActorRole })
                QVERIFY(!audit.data(audit.index(i), role).toString().contains(u"Ann"_s));
        }
        QVERIFY(!audit.canLoadMore());
        loaded.clear();
        audit.setActionFilter(u"nothing.like.this"_s);
        QTRY_VERIFY(!loaded.isEmpty());
        QCOMPARE(audit.rowCount(), 0);

        audit.verify();
        QCOMPARE(audit.verifyState(), AuditModel::VerifyState::Checking);
        QTRY_VERIFY(audit.verifyState() != AuditModel::VerifyState::Checking);
        QCOMPARE(audit.verifyState(), AuditModel::VerifyState::Intact);
        audit.setActionFilter(QString());
    }

    void logModelAndFilter()
    {
        LogModel model(m_log.get());
        QAbstractItemModelTester tester(&model);
        LogFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(&filter);
        const int before = model.rowCount();
        m_log->append(QtInfoMsg, u"skynet.gateway.http"_s, u"GET /health 200"_s);
        m_log->append(QtWarningMsg, u"skynet.gateway.providers"_s, u"ollama: connection refused"_s);
        m_log->append(QtCriticalMsg, u"skynet.gateway.storage"_s, u"disk full"_s);
        QTRY_COMPARE(model.rowCount(), before + 3);
        QCOMPARE(model.data(model.index(before), LogModel::CategoryRole).toString(), u"http"_s);
        QCOMPARE(model.data(model.index(before + 2), LogModel::LevelRole).toInt(), 3);
        QVERIFY(model.errorCount() >= 2);
        filter.setMinimumLevel(2);
        QCOMPARE(filter.rowCount(), model.errorCount());
        filter.setText(u"DISK"_s);
        QCOMPARE(filter.rowCount(), 1);
        filter.setText(u"providers"_s); // the category matches too
        QCOMPARE(filter.rowCount(), 1);
        filter.setMinimumLevel(99); // clamped to errors only
        QCOMPARE(filter.minimumLevel(), 3);
        QVERIFY(model.toText().contains(u"disk full"_s));

        // The ring is bounded: the oldest lines go.
        for (int i = 0; i < 150; ++i)
            m_log->append(QtInfoMsg, u"skynet.gateway.ws"_s, u"line %1"_s.arg(i));
        QTRY_COMPARE(model.data(model.index(model.rowCount() - 1), LogModel::MessageRole).toString(), u"line 149"_s);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(m_log->entries().size(), 100);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.errorCount(), 0);
    }

    void logLinesFromQtLogging()
    {
        // Lines logged through the message handler reach the log, with secrets masked.
        Gateway::Config::LoggingSettings logging;
        logging.file = false;
        Gateway::Logging::install(logging, m_home->path());
        Gateway::Logging::registerSecret(u"hunter2-secret"_s);
        QSignalSpy added(m_log.get(), &Gateway::Logging::EventLog::entryAdded);
        qCWarning(lcGatewayService) << "token hunter2-secret leaked?";
        QTRY_VERIFY(!added.isEmpty());
        const auto entry = added.constLast().at(0).value<Gateway::Logging::LogEntry>();
        QCOMPARE(entry.category, u"skynet.gateway.service"_s);
        QVERIFY(!entry.message.contains(u"hunter2"_s));
        Gateway::Logging::shutdown();
    }

private:
    bool startGateway()
    {
        Gateway::CommandLine commandLine;
        commandLine.home = m_home->path();
        commandLine.configPath = m_configPath;
        const auto prepare = [commandLine] { return Gateway::prepare(commandLine); };
        Gateway::Result<Gateway::Bootstrap> first = prepare();
        if (!first) {
            qWarning() << first.error().message;
            return false;
        }
        m_host = std::make_unique<GatewayHost>(std::move(*first), prepare);
        m_status = std::make_unique<GatewayStatus>(*m_host);
        m_translators = std::make_unique<Language::Translators>(QCoreApplication::instance());
        m_backends = std::make_unique<Backends>(*m_host, m_log.get(), m_translators.get());
        m_status->start();
        if (!m_host->service()->isReady())
            qWarning() << m_status->errorString();
        return m_host->service()->isReady();
    }

    QString currentToken() const { return m_host->secrets()->read(u"gateway.token"_s).value_or(QString()); }

    static int freePort()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        return server.serverPort();
    }

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<Gateway::Logging::EventLog> m_log;
    std::unique_ptr<GatewayHost> m_host;
    std::unique_ptr<GatewayStatus> m_status;
    std::unique_ptr<Language::Translators> m_translators;
    std::unique_ptr<Backends> m_backends;
    QString m_configPath;
    QJSEngine m_dummyEngine;
};

QTEST_MAIN(tst_Pages)
#include "tst_pages.moc"
