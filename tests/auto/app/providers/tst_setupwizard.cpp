// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The first-run wizard: WizardController's actions (owner name, gateway token, Telegram,
// recommended model) and SetupWizard.qml in Main.qml offscreen, walked with keys and clicks.

#include <memory>

#include <QDir>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "backends.h"
#include "gatewaystatus.h"
#include "providers/ollamacontroller.h"
#include "providers/ollamamodelsmodel.h"
#include "providers/wizardcontroller.h"
#include "providerstestenv.h"
#include "secrets/secretstore.h"
#include "service/localclient.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::StringLiterals;
using TestSupport::WAIT_MS;

namespace
{
const QString BOT_TOKEN = u"123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"_s;

QString ownerDisplayName(GatewayHost &host)
{
    QString name;
    bool done = false;
    host.client()->call(u"users.get"_s, {}, [&](const Gateway::LocalReply &reply) {
        name = reply.payload.toObject().value(u"user"_s).toObject().value(u"displayName"_s).toString();
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, WAIT_MS))
        return u"<timeout>"_s;
    return name;
}
} // namespace

class tst_SetupWizard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void firstRunShowsItOnce();
    void ownerNameOnceStorageIsReady();
    void ownerName();
    void badOwnerName();
    void gatewayToken();
    void tokenFromElsewhereCannotBeRegenerated();
    void telegram();
    void badTelegramTokens_data();
    void badTelegramTokens();
    void machineFromFixture();
    void walkThroughInTheWindow();
    void skipInTheWindow();

private:
    std::unique_ptr<ProvidersTest::Environment> m_env;
    std::unique_ptr<GatewayHost> m_host;
};

void tst_SetupWizard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_SetupWizard::init()
{
    QSettings().clear();
    qunsetenv("SKYNET_WIZARD_AUTOSHOW");
    m_env = std::make_unique<ProvidersTest::Environment>();
    QVERIFY(m_env->isValid());
    QVERIFY(m_env->writeConfig());
    QString error;
    m_host = m_env->makeHost(&error);
    QVERIFY2(m_host, qPrintable(error));
    QVERIFY(m_host->start().ok());
}

void tst_SetupWizard::cleanup()
{
    m_host.reset();
    m_env.reset();
    QSettings().clear();
}

void tst_SetupWizard::firstRunShowsItOnce()
{
    qputenv("SKYNET_WIZARD_AUTOSHOW", "1");
    {
        OllamaController ollama(*m_host);
        WizardController wizard(*m_host, ollama);
        QVERIFY(wizard.isActive()); // first run
        QVERIFY(!wizard.isCompleted());
        QSignalSpy active(&wizard, &WizardController::activeChanged);
        wizard.finish();
        QVERIFY(!wizard.isActive());
        QVERIFY(wizard.isCompleted());
        QCOMPARE(active.count(), 1);
        QCOMPARE(QSettings().value(u"wizard/completed"_s).toBool(), true);
    }
    {
        OllamaController ollama(*m_host);
        WizardController wizard(*m_host, ollama);
        QVERIFY(!wizard.isActive()); // remembered
        QVERIFY(wizard.isCompleted());
        wizard.start(); // "run setup again"
        QVERIFY(wizard.isActive());
        wizard.skip();
        QVERIFY(!wizard.isActive());
    }
    // Without the variable, test mode keeps it closed even on a first run.
    qunsetenv("SKYNET_WIZARD_AUTOSHOW");
    QSettings().clear();
    OllamaController ollama(*m_host);
    WizardController wizard(*m_host, ollama);
    QVERIFY(!wizard.isActive());
    QVERIFY(!wizard.isCompleted());
}

void tst_SetupWizard::ownerNameOnceStorageIsReady()
{
    // As in main(): the backends exist before the service starts.
    qputenv("SKYNET_WIZARD_AUTOSHOW", "1");
    m_host = m_env->makeHost();
    QVERIFY(m_host);
    OllamaController ollama(*m_host);
    WizardController wizard(*m_host, ollama);
    QVERIFY(wizard.isActive());
    QVERIFY(m_host->start().ok());
    QTRY_VERIFY_WITH_TIMEOUT(!wizard.ownerName().isEmpty(), WAIT_MS);
}

void tst_SetupWizard::ownerName()
{
    OllamaController ollama(*m_host);
    WizardController wizard(*m_host, ollama);
    wizard.start();
    QTRY_VERIFY_WITH_TIMEOUT(!wizard.ownerName().isEmpty(), WAIT_MS);
    QVERIFY(!wizard.isOwnerSaved());
    QVERIFY(wizard.saveOwnerName(u"  Ada Lovelace "_s));
    QVERIFY(wizard.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(wizard.isOwnerSaved(), WAIT_MS);
    QVERIFY(!wizard.isBusy());
    QCOMPARE(wizard.ownerName(), u"Ada Lovelace"_s);
    QCOMPARE(ownerDisplayName(*m_host), u"Ada Lovelace"_s);
}

void tst_SetupWizard::badOwnerName()
{
    OllamaController ollama(*m_host);
    WizardController wizard(*m_host, ollama);
    QSignalSpy errors(&wizard, &WizardController::errorOccurred);
    QVERIFY(!wizard.saveOwnerName(u"   "_s));
    QVERIFY(wizard.errorString().contains(u"Enter your name"_s));
    QVERIFY(!wizard.saveOwnerName(QString(101, u'x')));
    QVERIFY(wizard.errorString().contains(u"too long"_s));
    QCOMPARE(errors.count(), 2);
    wizard.clearError();
    QVERIFY(!wizard.hasError());
}

void tst_SetupWizard::gatewayToken()
{
    OllamaController ollama(*m_host);
    WizardController wizard(*m_host, ollama);
    // prepare() generated one on this first run and stored it as "gateway.token".
    const QString token = wizard.revealToken();
    QVERIFY(token.size() >= 32);
    QCOMPARE(m_host->secrets()->read(u"gateway.token"_s).value_or(QString()), token);
    QVERIFY(wizard.hasToken());
    const QString masked = wizard.maskedToken();
    QVERIFY(!masked.contains(token));
    QVERIFY(!masked.contains(token.mid(4, 10)));
    QVERIFY(masked.startsWith(token.left(4)));

    QSignalSpy changed(&wizard, &WizardController::tokenChanged);
    QVERIFY2(wizard.regenerateToken(), qPrintable(wizard.errorString()));
    QVERIFY(changed.count() >= 1);
    const QString fresh = wizard.revealToken();
    QVERIFY(fresh.size() >= 32);
    QVERIFY(fresh != token);
    QCOMPARE(m_host->secrets()->read(u"gateway.token"_s).value_or(QString()), fresh);
    // The restarted gateway uses the new token; the file does not contain it.
    QVERIFY(!m_env->readConfig().contains(fresh));
    QVERIFY(m_host->service()->isRunning());
}

void tst_SetupWizard::tokenFromElsewhereCannotBeRegenerated()
{
    QString text = m_env->readConfig();
    text.replace(u"[gateway]\n"_s, u"[gateway]\ntoken = \"env:TST_SETUPWIZARD_TOKEN\"\n"_s);
    QFile file(m_env->configPath());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8());
    file.close();
    qputenv("TST_SETUPWIZARD_TOKEN", "a-token-from-the-environment-0123456789");
    m_host.reset();
    m_host = m_env->makeHost();
    QVERIFY(m_host);
    OllamaController ollama(*m_host);
    WizardController wizard(*m_host, ollama);
    QCOMPARE(wizard.revealToken(), u"a-token-from-the-environment-0123456789"_s);
    QVERIFY(!wizard.regenerateToken());
    QVERIFY2(wizard.errorString().contains(u"env:TST_SETUPWIZARD_TOKEN"_s), qPrintable(wizard.errorString()));
    qunsetenv("TST_SETUPWIZARD_TOKEN");
}

void tst_SetupWizard::telegram()
{
    // No test talks to api.telegram.org: the channel polls a closed local port instead.
    QVERIFY(m_env->writeConfig(u"[channels.telegram]\nbase_url = \"http://127.0.0.1:9\"\n"_s));
    QVERIFY(m_host->restart().ok());
    OllamaController ollama(*m_host);
    WizardController wizard(*m_host, ollama);
    QVERIFY(!wizard.isTelegramConnected());
    QSignalSpy restarted(m_host.get(), &GatewayHost::serviceChanged);
    QVERIFY2(wizard.connectTelegram(u" "_s + BOT_TOKEN + u" "_s), qPrintable(wizard.errorString()));
    QVERIFY(wizard.isTelegramConnected());
    QCOMPARE(restarted.count(), 1);
    QCOMPARE(m_host->secrets()->read(u"channels.telegram.token"_s).value_or(QString()), BOT_TOKEN);
    const QString text = m_env->readConfig();
    QVERIFY(!text.contains(BOT_TOKEN));
    QVERIFY(!text.contains(u"AAHdqTcvCH1v"_s));
    QCOMPARE(text.count(u"[channels.telegram]"_s), 1);
    QVERIFY(text.contains(u"token = \"secret:channels.telegram.token\""_s));
    QVERIFY(text.contains(u"base_url = \"http://127.0.0.1:9\""_s));
    QCOMPARE(m_host->service()->settings().channels.telegram.enabled, true);
    QCOMPARE(m_host->service()->settings().channels.telegram.token, u"secret:channels.telegram.token"_s);
}

void tst_SetupWizard::badTelegramTokens_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("expected");
    QTest::addRow("empty") << QString() << u"Paste the token"_s;
    QTest::addRow("no colon") << u"123456789AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"_s
                              << u"does not look like a bot token"_s;
    QTest::addRow("letters before the colon") << u"abc:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"_s << u"does not look like"_s;
    QTest::addRow("too short") << u"123456789:AAH"_s << u"does not look like"_s;
    QTest::addRow("inner space") << u"123456789:AAHdqTcvCH1vGW xfSeofSAs0K5PALDsaw"_s << u"does not look like"_s;
    QTest::addRow("quote") << u"123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALD\"aw"_s << u"does not look like"_s;
}

void tst_SetupWizard::badTelegramTokens()
{
    QFETCH(QString, token);
    QFETCH(QString, expected);
    OllamaController ollama(*m_host);
    WizardController wizard(*m_host, ollama);
    const QString before = m_env->readConfig();
    QSignalSpy restarted(m_host.get(), &GatewayHost::serviceChanged);
    QVERIFY(!wizard.connectTelegram(token));
    QVERIFY2(wizard.errorString().contains(expected), qPrintable(wizard.errorString()));
    QVERIFY(!wizard.isTelegramConnected());
    QCOMPARE(restarted.count(), 0);
    QCOMPARE(m_env->readConfig(), before);
    QVERIFY(!m_host->secrets()->read(u"channels.telegram.token"_s).has_value());
}

void tst_SetupWizard::machineFromFixture()
{
    QTemporaryDir root;
    QVERIFY(QDir().mkpath(root.filePath(u"proc"_s)));
    QFile meminfo(root.filePath(u"proc/meminfo"_s));
    QVERIFY(meminfo.open(QIODevice::WriteOnly));
    meminfo.write("MemTotal:        3900000 kB\n");
    meminfo.close();
    OllamaController ollama(*m_host);
    WizardController wizard(*m_host, ollama);
    QSignalSpy changed(&wizard, &WizardController::machineChanged);
    wizard.setMachineRoot(root.path());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(wizard.recommendedModel(), u"llama3.2:1b"_s);
    QVERIFY(wizard.ramText().contains(u"3.7"_s));
    QVERIFY(wizard.gpuText().startsWith(u"No graphics card"_s));
    QVERIFY(wizard.cpuCores() >= 1);

    // Pulling the recommendation uses the same controller as the Providers page.
    QSignalSpy finished(&ollama, &OllamaController::pullFinished);
    QVERIFY(wizard.pullRecommended());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WAIT_MS);
    QCOMPARE(finished.first().at(0).toString(), u"llama3.2:1b"_s);
    QVERIFY(m_env->ollama().models().contains(u"llama3.2:1b"_s));
}

void tst_SetupWizard::walkThroughInTheWindow()
{
    m_env->ollama().setChunkDelayMs(10);
    GatewayStatus status(*m_host); // Main.qml shows it
    Backends backends(*m_host);
    WizardController *wizard = WizardController::instance();
    QVERIFY(wizard);
    QQmlApplicationEngine engine;
    QQuickWindow *window = ProvidersTest::loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QQuickItem *overlay = ProvidersTest::findItem(window->contentItem(), u"setupWizard"_s);
    QVERIFY(overlay);
    QVERIFY(!overlay->isVisible()); // test mode: it does not open by itself

    wizard->start();
    QTRY_VERIFY(overlay->isVisible());
    QQuickItem *steps = ProvidersTest::findItem(overlay, u"wizardSteps"_s);
    QQuickItem *stepLabel = ProvidersTest::findItem(overlay, u"wizardStepLabel"_s);
    QVERIFY(steps && stepLabel);
    QCOMPARE(steps->property("currentIndex").toInt(), 0);
    QCOMPARE(stepLabel->property("text").toString(), u"Step 1 of 5"_s);
    QTRY_VERIFY(overlay->hasActiveFocus());

    // The window below does not take clicks while the wizard is open.
    QTest::mouseClick(window, Qt::LeftButton, {}, QPoint(60, 140));
    QCOMPARE(window->property("currentPage").toString(), u"dashboard"_s);

    // (a) Ollama was found.
    QQuickItem *ollamaState = ProvidersTest::findItem(overlay, u"wizardOllamaState"_s);
    QTRY_VERIFY_WITH_TIMEOUT(ollamaState->property("text").toString().contains(u"0.12.3"_s), WAIT_MS);
    QVERIFY(ollamaState->property("text").toString().contains(u"2 model"_s));
    ProvidersTest::screenshot(window, u"wizard-ollama"_s);

    // Enter moves on.
    QTest::keyClick(window, Qt::Key_Return);
    QTRY_COMPARE(steps->property("currentIndex").toInt(), 1);
    QCOMPARE(stepLabel->property("text").toString(), u"Step 2 of 5"_s);

    // (b) The machine and the recommended model, downloaded with a progress bar.
    QQuickItem *recommendation = ProvidersTest::findItem(overlay, u"wizardRecommendation"_s);
    QVERIFY(recommendation->property("text").toString().contains(wizard->recommendedModel()));
    QVERIFY(!ProvidersTest::findItem(overlay, u"wizardRam"_s)->property("text").toString().isEmpty());
    QSignalSpy pulled(OllamaController::instance(), &OllamaController::pullFinished);
    QQuickItem *pullButton = ProvidersTest::findItem(overlay, u"wizardPullRecommended"_s);
    QTRY_VERIFY(pullButton->property("enabled").toBool());
    QVERIFY(!wizard->isRecommendedInstalled());
    ProvidersTest::click(window, pullButton);
    QQuickItem *bar = nullptr;
    QTRY_VERIFY((bar = ProvidersTest::findItem(overlay, u"pullProgressBar"_s)) && bar->isVisible());
    ProvidersTest::screenshot(window, u"wizard-pull"_s); // the download under way
    QTRY_COMPARE_WITH_TIMEOUT(pulled.count(), 1, WAIT_MS);
    QCOMPARE(pulled.first().at(0).toString(), wizard->recommendedModel());
    QVERIFY(m_env->ollama().models().contains(Fakes::FakeOllama::normalizedModel(wizard->recommendedModel())));
    QTRY_VERIFY(!bar->isVisible());
    QTRY_VERIFY(ProvidersTest::findItem(overlay, u"wizardRecommendedInstalled"_s)->isVisible());
    QVERIFY(wizard->isRecommendedInstalled());
    QVERIFY(!pullButton->isVisible());
    ProvidersTest::screenshot(window, u"wizard-machine"_s);

    ProvidersTest::click(window, ProvidersTest::findItem(overlay, u"wizardNext"_s));
    QTRY_COMPARE(steps->property("currentIndex").toInt(), 2);

    // (c) The owner's name (typed, Enter saves and moves on) and the masked token.
    QQuickItem *masked = ProvidersTest::findItem(overlay, u"wizardMaskedToken"_s);
    QVERIFY(!masked->property("text").toString().isEmpty());
    QVERIFY(!masked->property("text").toString().contains(wizard->revealToken()));
    // Copy puts the token itself on the clipboard; "New token" needs a second press.
    const QString oldToken = wizard->revealToken();
    ProvidersTest::click(window, ProvidersTest::findItem(overlay, u"wizardCopyToken"_s));
    QTRY_COMPARE(QGuiApplication::clipboard()->text(), oldToken);
    QQuickItem *regenerate = ProvidersTest::findItem(overlay, u"wizardRegenerateToken"_s);
    ProvidersTest::click(window, regenerate);
    QCOMPARE(wizard->revealToken(), oldToken);
    QVERIFY(regenerate->property("confirming").toBool());
    const QString maskedBefore = masked->property("text").toString();
    ProvidersTest::click(window, regenerate);
    QTRY_VERIFY(wizard->revealToken() != oldToken);
    QTRY_VERIFY(masked->property("text").toString() != maskedBefore);
    QVERIFY(!regenerate->property("confirming").toBool());
    QVERIFY(!wizard->hasError());
    QQuickItem *nameField = ProvidersTest::findItem(overlay, u"wizardOwnerName"_s);
    QTRY_VERIFY(!nameField->property("text").toString().isEmpty()); // the current name
    ProvidersTest::screenshot(window, u"wizard-owner"_s);
    ProvidersTest::click(window, nameField);
    QTRY_VERIFY(nameField->hasActiveFocus());
    QTest::keyClick(window, Qt::Key_A, Qt::ControlModifier);
    ProvidersTest::typeText(window, "Grace Hopper");
    QTest::keyClick(window, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(steps->property("currentIndex").toInt(), 3, WAIT_MS);
    QCOMPARE(ownerDisplayName(*m_host), u"Grace Hopper"_s);

    // (d) Telegram: a bad token is an error on the page, nothing is written.
    QQuickItem *telegramField = ProvidersTest::findItem(overlay, u"wizardTelegramToken"_s);
    ProvidersTest::click(window, telegramField);
    QTRY_VERIFY(telegramField->hasActiveFocus());
    ProvidersTest::typeText(window, "not-a-token");
    QTest::keyClick(window, Qt::Key_Return);
    QQuickItem *errorText = ProvidersTest::findItem(overlay, u"wizardErrorText"_s);
    QTRY_VERIFY(errorText->isVisible());
    QVERIFY(errorText->property("text").toString().contains(u"does not look like a bot token"_s));
    QCOMPARE(steps->property("currentIndex").toInt(), 3);
    ProvidersTest::screenshot(window, u"wizard-telegram"_s);
    QVERIFY(!m_env->readConfig().contains(u"[channels.telegram]"_s));
    // Emptied, Enter skips the optional step.
    QTest::keyClick(window, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(window, Qt::Key_Backspace);
    QTest::keyClick(window, Qt::Key_Return);
    QTRY_COMPARE(steps->property("currentIndex").toInt(), 4);
    QVERIFY(!errorText->isVisible());

    // Done: Tab reaches the buttons, Back goes back, Finish closes and remembers it.
    QTest::keyClick(window, Qt::Key_Tab);
    QQuickItem *focused = window->activeFocusItem();
    QVERIFY(focused);
    QVERIFY(overlay->isAncestorOf(focused));
    ProvidersTest::click(window, ProvidersTest::findItem(overlay, u"wizardBack"_s));
    QTRY_COMPARE(steps->property("currentIndex").toInt(), 3);
    ProvidersTest::click(window, ProvidersTest::findItem(overlay, u"wizardNext"_s));
    QTRY_COMPARE(steps->property("currentIndex").toInt(), 4);
    QQuickItem *finish = ProvidersTest::findItem(overlay, u"wizardNext"_s);
    QCOMPARE(finish->property("text").toString(), u"Finish"_s);

    ProvidersTest::screenshot(window, u"wizard-done"_s);

    ProvidersTest::click(window, finish);
    QTRY_VERIFY(!overlay->isVisible());
    QVERIFY(wizard->isCompleted());
    QCOMPARE(QSettings().value(u"wizard/completed"_s).toBool(), true);
    // The window works again.
    QTest::mouseClick(window, Qt::LeftButton, {}, QPoint(60, 140));
    QTRY_VERIFY(window->property("currentPage").toString() != u"dashboard"_s);
}

void tst_SetupWizard::skipInTheWindow()
{
    GatewayStatus status(*m_host); // Main.qml shows it
    Backends backends(*m_host);
    QQmlApplicationEngine engine;
    QQuickWindow *window = ProvidersTest::loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QQuickItem *overlay = ProvidersTest::findItem(window->contentItem(), u"setupWizard"_s);
    WizardController::instance()->start();
    QTRY_VERIFY(overlay->isVisible());
    QTRY_VERIFY(overlay->hasActiveFocus());
    // Tab through the controls to "Skip setup" and press Enter.
    bool reached = false;
    for (int i = 0; i < 12 && !reached; ++i) {
        QTest::keyClick(window, Qt::Key_Tab);
        QQuickItem *focused = window->activeFocusItem();
        QVERIFY(focused && overlay->isAncestorOf(focused));
        reached = focused->objectName() == u"wizardSkip";
    }
    QVERIFY(reached);
    QTest::keyClick(window, Qt::Key_Return);
    QTRY_VERIFY(!overlay->isVisible());
    QVERIFY(WizardController::instance()->isCompleted());
    QCOMPARE(QSettings().value(u"wizard/completed"_s).toBool(), true);
}

QTEST_MAIN(tst_SetupWizard)
#include "tst_setupwizard.moc"
