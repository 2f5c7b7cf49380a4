// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// ProvidersController: API keys go to the secret store and skynet.toml only names them; the
// base URL, model, routing tiers and privacy/offline switches are written and applied with a
// restart; bad input is refused with clear messages; the page renders offscreen.

#include <memory>

#include <QDir>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "backends.h"
#include "gatewaystatus.h"
#include "config/configloader.h"
#include "providers/providerentry.h"
#include "providers/providerscontroller.h"
#include "providerstestenv.h"
#include "secrets/secretstore.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::StringLiterals;
using TestSupport::WAIT_MS;

namespace
{
const QString ANTHROPIC_KEY = u"sk-ant-api03-TESTKEY-0123456789abcdefghijklmnop"_s;
const QString OPENAI_KEY = u"sk-proj-TESTKEY-9876543210zyxwvutsrq"_s;
} // namespace

class tst_ProvidersController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loadsSettings();
    void keysGoToTheSecretStore();
    void removeKey();
    void writesSettingsAndRestarts();
    void routingAndModes();
    void revert();
    void restartFromElsewhereKeepsEdits();
    void badKeys_data();
    void badKeys();
    void badUrls_data();
    void badUrls();
    void badModelAndTiers();
    void saveFailureIsState();
    void pageRendersAndApplies();

private:
    std::unique_ptr<ProvidersTest::Environment> m_env;
    std::unique_ptr<GatewayHost> m_host;
};

void tst_ProvidersController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Keys from the developer's environment would change what "not set" means.
    qunsetenv("ANTHROPIC_API_KEY");
    qunsetenv("OPENAI_API_KEY");
    qunsetenv("OPENAI_BASE_URL");
    qunsetenv("ANTHROPIC_BASE_URL");
}

void tst_ProvidersController::init()
{
    m_env = std::make_unique<ProvidersTest::Environment>();
    QVERIFY(m_env->isValid());
    QVERIFY(m_env->writeConfig(u"[routing]\n# how turns are routed\ntrivial = \"ollama:llama3.2\"\n"_s));
    QString error;
    m_host = m_env->makeHost(&error);
    QVERIFY2(m_host, qPrintable(error));
    QVERIFY(m_host->start().ok());
}

void tst_ProvidersController::cleanup()
{
    m_host.reset();
    m_env.reset();
}

void tst_ProvidersController::loadsSettings()
{
    ProvidersController controller(*m_host);
    QCOMPARE(controller.configPath(), m_env->configPath());
    QCOMPARE(controller.ollama()->baseUrl(), m_env->ollama().baseUrl().toString());
    QCOMPARE(controller.ollama()->model(), u"llama3.2"_s);
    QCOMPARE(controller.anthropic()->model(), u"claude-sonnet-4-5"_s);
    QVERIFY(controller.anthropic()->isEnabled());
    QVERIFY(!controller.anthropic()->isKeySet());
    QVERIFY(controller.anthropic()->keyStatus().startsWith(u"Not set"_s));
    QCOMPARE(controller.routingMode(), u"auto"_s);
    QCOMPARE(controller.trivialTier(), u"ollama:llama3.2"_s);
    QVERIFY(!controller.privacy());
    QVERIFY(!controller.offline());
    QVERIFY(!controller.isModified());
    // Health from providers.status: Ollama is in the pool, Anthropic without a key is not.
    QTRY_VERIFY_WITH_TIMEOUT(!controller.ollama()->healthText().isEmpty(), WAIT_MS);
    QVERIFY(controller.ollama()->isActive());
    QVERIFY(controller.ollama()->isAvailable());
    QVERIFY(!controller.anthropic()->isActive());
    QVERIFY2(controller.anthropic()->healthText().contains(u"no API key"_s),
        qPrintable(controller.anthropic()->healthText()));
}

void tst_ProvidersController::keysGoToTheSecretStore()
{
    ProvidersController controller(*m_host);
    QSignalSpy keyChanged(controller.anthropic(), &ProviderEntry::keyChanged);
    QVERIFY(controller.anthropic()->setApiKey(u"  "_s + ANTHROPIC_KEY + u"\n"_s)); // pasted with whitespace
    QVERIFY(controller.anthropic()->isKeyPending());
    QVERIFY(controller.anthropic()->isKeySet());
    QVERIFY(controller.isModified());
    QVERIFY(keyChanged.count() >= 1);
    QVERIFY(controller.openai()->setApiKey(OPENAI_KEY));
    controller.openai()->setBaseUrl(u"http://127.0.0.1:1234/v1"_s);

    QSignalSpy applied(&controller, &ProvidersController::applied);
    QVERIFY2(controller.apply(), qPrintable(controller.errorString()));
    QCOMPARE(applied.count(), 1);
    QVERIFY(!controller.hasError());
    QVERIFY(!controller.isModified());
    QVERIFY(controller.statusMessage().contains(m_env->configPath()));

    // The secrets are in the store ...
    Gateway::Secrets::SecretStore *store = m_host->secrets();
    QCOMPARE(store->read(u"providers.anthropic.api_key"_s).value_or(QString()), ANTHROPIC_KEY);
    QCOMPARE(store->read(u"providers.openai.api_key"_s).value_or(QString()), OPENAI_KEY);
    // ... and the file only names them.
    const QString text = m_env->readConfig();
    QVERIFY(!text.contains(ANTHROPIC_KEY));
    QVERIFY(!text.contains(u"TESTKEY"_s));
    QVERIFY(text.contains(u"api_key = \"secret:providers.anthropic.api_key\""_s));
    QVERIFY(text.contains(u"api_key = \"secret:providers.openai.api_key\""_s));
    QVERIFY(text.contains(u"# test configuration"_s)); // comments kept
    QVERIFY(text.contains(u"# how turns are routed"_s));
    // Nor is the key anywhere else in the home folder's secrets file as plain config.
    QVERIFY(!m_env->readConfig().contains(OPENAI_KEY));

    // After the restart the key is "set", stored, never shown, and Anthropic is in the pool.
    QVERIFY(controller.anthropic()->isKeySet());
    QVERIFY(!controller.anthropic()->isKeyPending());
    QVERIFY2(controller.anthropic()->keyStatus().startsWith(u"Set (stored"_s),
        qPrintable(controller.anthropic()->keyStatus()));
    QVERIFY(!controller.anthropic()->keyStatus().contains(ANTHROPIC_KEY));
    QCOMPARE(controller.anthropic()->pendingKey(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(controller.anthropic()->isActive(), WAIT_MS);
    QCOMPARE(m_host->service()->settings().providers.anthropic.apiKey, u"secret:providers.anthropic.api_key"_s);
}

void tst_ProvidersController::removeKey()
{
    {
        ProvidersController controller(*m_host);
        QVERIFY(controller.anthropic()->setApiKey(ANTHROPIC_KEY));
        QVERIFY(controller.apply());
    }
    ProvidersController controller(*m_host);
    QVERIFY(controller.anthropic()->isKeySet());
    controller.anthropic()->clearApiKey();
    QVERIFY(!controller.anthropic()->isKeySet());
    QVERIFY(controller.anthropic()->keyStatus().contains(u"removed"_s));
    QVERIFY(controller.apply());
    QVERIFY(!m_host->secrets()->read(u"providers.anthropic.api_key"_s).has_value());
    QVERIFY(m_env->readConfig().contains(u"api_key = \"\""_s));
    QVERIFY(!controller.anthropic()->isKeySet());
    QTRY_VERIFY_WITH_TIMEOUT(!controller.anthropic()->healthText().isEmpty(), WAIT_MS);
    QVERIFY(!controller.anthropic()->isActive());
}

void tst_ProvidersController::writesSettingsAndRestarts()
{
    ProvidersController controller(*m_host);
    QSignalSpy restarted(m_host.get(), &GatewayHost::serviceChanged);
    controller.ollama()->setModel(u"qwen3:0.6b"_s);
    controller.anthropic()->setEnabled(false);
    controller.openai()->setModel(u"gpt-4o"_s);
    QVERIFY(controller.isModified());
    QVERIFY(controller.apply());
    QCOMPARE(restarted.count(), 1);
    const Gateway::Config::Settings &settings = m_host->service()->settings();
    QCOMPARE(settings.providers.ollama.model, u"qwen3:0.6b"_s);
    QCOMPARE(settings.providers.anthropic.enabled, false);
    QCOMPARE(settings.providers.openai.model, u"gpt-4o"_s);
    const QString text = m_env->readConfig();
    QVERIFY(text.contains(u"model = \"qwen3:0.6b\""_s));
    QVERIFY(text.contains(u"enabled = false"_s));
    // The reloaded controller shows the saved state.
    QCOMPARE(controller.ollama()->model(), u"qwen3:0.6b"_s);
    QVERIFY(!controller.anthropic()->isEnabled());
    QVERIFY(!controller.isModified());
    QTRY_VERIFY_WITH_TIMEOUT(controller.anthropic()->healthText() == u"Disabled"_s, WAIT_MS);

    // An empty address goes back to the default (the key is removed from the file).
    controller.ollama()->setBaseUrl(QString());
    QVERIFY(controller.apply());
    QVERIFY(!m_env->readConfig().contains(m_env->ollama().baseUrl().toString()));
    QVERIFY(m_host->service()->settings().providers.ollama.baseUrl.isEmpty());
}

void tst_ProvidersController::routingAndModes()
{
    ProvidersController controller(*m_host);
    controller.setRoutingMode(u"fixed"_s);
    controller.setStandardTier(u"ollama:llama3.2:3b"_s);
    controller.setComplexTier(u"anthropic"_s);
    controller.setPrivacy(true);
    QVERIFY(controller.apply());
    Gateway::Config::RoutingSettings routing = m_host->service()->settings().routing;
    QCOMPARE(routing.mode, u"fixed"_s);
    QCOMPARE(routing.standard, u"ollama:llama3.2:3b"_s);
    QCOMPARE(routing.complex, u"anthropic"_s);
    QVERIFY(routing.privacy);
    QVERIFY(!routing.offline);
    QVERIFY(m_env->readConfig().contains(u"privacy = true"_s));

    controller.setOffline(true);
    QVERIFY(controller.apply());
    QVERIFY(m_host->service()->settings().routing.offline);
    QVERIFY(controller.offline());
    // Offline: only local providers are in the pool.
    QTRY_VERIFY_WITH_TIMEOUT(controller.openai()->healthText().contains(u"offline"_s), WAIT_MS);
}

void tst_ProvidersController::revert()
{
    ProvidersController controller(*m_host);
    QSignalSpy modified(&controller, &ProvidersController::modifiedChanged);
    controller.ollama()->setModel(u"other"_s);
    controller.setTrivialTier(u"ollama:x"_s);
    QVERIFY(controller.anthropic()->setApiKey(ANTHROPIC_KEY));
    QVERIFY(controller.isModified());
    QVERIFY(modified.count() >= 3);
    controller.revert();
    QVERIFY(!controller.isModified());
    QCOMPARE(controller.ollama()->model(), u"llama3.2"_s);
    QCOMPARE(controller.trivialTier(), u"ollama:llama3.2"_s);
    QVERIFY(!controller.anthropic()->isKeyPending());
    QVERIFY(!m_host->secrets()->read(u"providers.anthropic.api_key"_s).has_value());
}

void tst_ProvidersController::restartFromElsewhereKeepsEdits()
{
    ProvidersController controller(*m_host);
    controller.ollama()->setModel(u"qwen3:0.6b"_s);
    controller.setPrivacy(true);
    QVERIFY(controller.anthropic()->setApiKey(ANTHROPIC_KEY));
    // Another page applies its settings and restarts the gateway.
    QVERIFY(m_host->restart().ok());
    QVERIFY(controller.isModified());
    QCOMPARE(controller.ollama()->model(), u"qwen3:0.6b"_s);
    QVERIFY(controller.privacy());
    QVERIFY(controller.anthropic()->isKeyPending());
    QVERIFY(controller.apply());
    QCOMPARE(m_host->service()->settings().providers.ollama.model, u"qwen3:0.6b"_s);
    QVERIFY(m_host->service()->settings().routing.privacy);
    QCOMPARE(m_host->secrets()->read(u"providers.anthropic.api_key"_s).value_or(QString()), ANTHROPIC_KEY);
    QVERIFY(!controller.isModified());
    QVERIFY(!controller.anthropic()->isKeyPending());
}

void tst_ProvidersController::badKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::addRow("empty") << QString() << u"must not be empty"_s;
    QTest::addRow("whitespace") << u"   "_s << u"must not be empty"_s;
    QTest::addRow("too short") << u"sk-1"_s << u"too short"_s;
    QTest::addRow("inner space") << u"sk-ant-abc def-0123456789"_s << u"no spaces"_s;
    QTest::addRow("line break inside") << u"sk-ant-abc\ndef-0123456789"_s << u"no spaces"_s;
    QTest::addRow("non-ASCII") << u"sk-ant-äbcdef-0123456789"_s << u"non-ASCII"_s;
    QTest::addRow("too long") << QString(2000, u'a') << u"too long"_s;
}

void tst_ProvidersController::badKeys()
{
    QFETCH(QString, key);
    QFETCH(QString, expected);
    ProvidersController controller(*m_host);
    QVERIFY(!controller.anthropic()->setApiKey(key));
    QVERIFY2(controller.anthropic()->keyError().contains(expected), qPrintable(controller.anthropic()->keyError()));
    QVERIFY(!controller.anthropic()->isKeyPending());
    QVERIFY(!controller.isModified());
    // A good key afterwards clears the message.
    QVERIFY(controller.anthropic()->setApiKey(ANTHROPIC_KEY));
    QVERIFY(controller.anthropic()->keyError().isEmpty());
}

void tst_ProvidersController::badUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::addRow("no scheme") << u"localhost:11434"_s << u"is not a web address"_s;
    QTest::addRow("ftp") << u"ftp://example.com"_s << u"is not a web address"_s;
    QTest::addRow("no host") << u"http://"_s << u"is not a web address"_s;
    QTest::addRow("words") << u"my ollama"_s << u"is not a web address"_s;
    QTest::addRow("credentials") << u"https://user:pw@example.com"_s << u"user name or password"_s;
}

void tst_ProvidersController::badUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    ProvidersController controller(*m_host);
    const QString before = m_env->readConfig();
    controller.openai()->setBaseUrl(url);
    QVERIFY2(controller.openai()->baseUrlError().contains(expected), qPrintable(controller.openai()->baseUrlError()));
    QSignalSpy errors(&controller, &ProvidersController::errorOccurred);
    QSignalSpy restarted(m_host.get(), &GatewayHost::serviceChanged);
    QVERIFY(!controller.apply());
    QCOMPARE(errors.count(), 1);
    QVERIFY(controller.errorString().startsWith(u"OpenAI-compatible: "_s));
    QVERIFY(controller.errorString().contains(expected));
    QCOMPARE(restarted.count(), 0);
    QCOMPARE(m_env->readConfig(), before); // nothing written
    // Empty means the default and is fine.
    controller.openai()->setBaseUrl(QString());
    QVERIFY(controller.openai()->baseUrlError().isEmpty());
    QVERIFY(ProviderEntry::validateUrl(u"https://api.example.com/v1"_s).isEmpty());
}

void tst_ProvidersController::badModelAndTiers()
{
    ProvidersController controller(*m_host);
    controller.ollama()->setModel(QString());
    QVERIFY(controller.ollama()->modelError().contains(u"Enter the model"_s));
    controller.anthropic()->setModel(u"claude sonnet"_s);
    QVERIFY(controller.anthropic()->modelError().contains(u"spaces"_s));
    controller.setTrivialTier(QString());
    QVERIFY(controller.trivialTierError().contains(u"Name a provider and model"_s));
    controller.setComplexTier(u"anthropic: \"opus\""_s);
    QVERIFY(!controller.complexTierError().isEmpty());
    const QString before = m_env->readConfig();
    QVERIFY(!controller.apply());
    // Every problem is listed, one per line.
    const QStringList lines = controller.errorString().split(u'\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).startsWith(u"Ollama: "_s));
    QVERIFY(lines.at(1).startsWith(u"Anthropic: "_s));
    QVERIFY(lines.at(2).startsWith(u"Trivial tier: "_s));
    QVERIFY(lines.at(3).startsWith(u"Complex tier: "_s));
    QCOMPARE(m_env->readConfig(), before);
    controller.clearError();
    QVERIFY(!controller.hasError());
    for (const QString &good : { u"ollama:llama3.2"_s, u"anthropic"_s, u"gpt-4o"_s, u"ollama:hf.co/x/y:Q4_K_M"_s })
        QVERIFY2(ProvidersController::validateTier(good).isEmpty(), qPrintable(good));
}

void tst_ProvidersController::saveFailureIsState()
{
    ProvidersController controller(*m_host);
    // The file becomes invalid behind the page's back: the save refuses it, nothing restarts.
    QVERIFY(m_env->writeConfig(u"[routing]\nmode = \"sometimes\"\n"_s));
    controller.ollama()->setModel(u"qwen3:0.6b"_s);
    QSignalSpy restarted(m_host.get(), &GatewayHost::serviceChanged);
    QVERIFY(!controller.apply());
    QVERIFY(controller.hasError());
    QVERIFY2(controller.errorString().contains(u"mode"_s), qPrintable(controller.errorString()));
    QCOMPARE(restarted.count(), 0);
    QVERIFY(!controller.isApplying());
    QVERIFY(controller.isModified()); // the edit is kept for another try
}

void tst_ProvidersController::pageRendersAndApplies()
{
    GatewayStatus status(*m_host); // Main.qml shows it
    Backends backends(*m_host);
    QQmlApplicationEngine engine;
    QQuickWindow *window = ProvidersTest::loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QMetaObject::invokeMethod(window, "showPage", Q_ARG(QString, u"providers"_s)));
    QQuickItem *page = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((page = ProvidersTest::findItem(window->contentItem(), u"providersPage"_s)), WAIT_MS);
    QTRY_VERIFY_WITH_TIMEOUT(page->isVisible(), WAIT_MS);
    // The wizard stays closed in test mode.
    QQuickItem *wizard = ProvidersTest::findItem(window->contentItem(), u"setupWizard"_s);
    QVERIFY(wizard);
    QVERIFY(!wizard->isVisible());

    // The installed models appear in the list.
    QQuickItem *list = ProvidersTest::findItem(page, u"ollamaModelList"_s);
    QVERIFY(list);
    QTRY_COMPARE_WITH_TIMEOUT(list->property("count").toInt(), 2, WAIT_MS);
    QQuickItem *state = ProvidersTest::findItem(page, u"ollamaState"_s);
    QTRY_VERIFY_WITH_TIMEOUT(state->property("text").toString().contains(u"0.12.3"_s), WAIT_MS);
    ProvidersTest::screenshot(window, u"providers-top"_s);

    // Typing a bad address shows the message inline; Apply reports it.
    QQuickItem *urlField = ProvidersTest::findItem(page, u"openaiBaseUrl"_s);
    QVERIFY(urlField);
    urlField->forceActiveFocus();
    ProvidersTest::typeText(window, "nonsense");
    QQuickItem *urlError = ProvidersTest::findItem(page, u"openaiBaseUrlError"_s);
    QTRY_VERIFY(urlError->property("text").toString().contains(u"not a web address"_s));
    QQuickItem *apply = ProvidersTest::findItem(page, u"providersApply"_s);
    QVERIFY(apply->property("enabled").toBool());
    QVERIFY(QMetaObject::invokeMethod(apply, "clicked"));
    QQuickItem *banner = ProvidersTest::findItem(page, u"providersError"_s);
    QTRY_VERIFY(banner->isVisible());

    // Fix it and set a key through the key field: applied, and the field is empty again.
    QVERIFY(QMetaObject::invokeMethod(ProvidersTest::findItem(page, u"providersRevert"_s), "clicked"));
    QQuickItem *keyField = ProvidersTest::findItem(page, u"anthropicKeyField"_s);
    keyField->forceActiveFocus();
    ProvidersTest::typeText(window, ANTHROPIC_KEY.toLatin1().constData());
    QTest::keyClick(window, Qt::Key_Return);
    QTRY_COMPARE(keyField->property("text").toString(), QString());
    QVERIFY(QMetaObject::invokeMethod(apply, "clicked"));
    QTRY_VERIFY(!banner->isVisible());
    QCOMPARE(m_host->secrets()->read(u"providers.anthropic.api_key"_s).value_or(QString()), ANTHROPIC_KEY);
    QVERIFY(!m_env->readConfig().contains(ANTHROPIC_KEY));
    QQuickItem *keyStatus = ProvidersTest::findItem(page, u"anthropicKeyStatus"_s);
    QTRY_VERIFY(keyStatus->property("text").toString().startsWith(u"Set"_s));
    // The restarted gateway has Anthropic in its pool now.
    QQuickItem *health = ProvidersTest::findItem(page, u"anthropicHealth"_s);
    QTRY_VERIFY_WITH_TIMEOUT(health->property("text").toString().startsWith(u"Ready"_s), WAIT_MS);

    QVERIFY(!window->grabWindow().isNull());
    ProvidersTest::screenshot(window, u"providers"_s);
    // The routing section at the end of the page.
    QQuickItem *privacy = ProvidersTest::findItem(page, u"privacySwitch"_s);
    QVERIFY(privacy);
    privacy->forceActiveFocus(Qt::TabFocusReason);
    QObject *flickable = privacy->parentItem();
    while (flickable && !flickable->inherits("QQuickFlickable"))
        flickable = qobject_cast<QQuickItem *>(flickable)->parentItem();
    QVERIFY(flickable);
    flickable->setProperty(
        "contentY", flickable->property("contentHeight").toReal() - flickable->property("height").toReal());
    ProvidersTest::screenshot(window, u"providers-routing"_s);
}

QTEST_MAIN(tst_ProvidersController)
#include "tst_providerscontroller.moc"
