// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// ChatController against a GatewayHost whose Ollama provider is FakeOllama: models, sessions,
// streaming, abort, history per session, errors as state, restart; and the Chat page in the
// Skynet.Ui window rendered offscreen.

#include <memory>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJSEngine>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "backends.h"
#include "chat/chatcontroller.h"
#include "fakeollama.h"
#include "gatewayhost.h"
#include "gatewaystatus.h"
#include "secrets/secretstore.h"
#include "service/service.h"
#include "testsupport.h"
#include "../guitestsupport.h"

using namespace Qt::StringLiterals;
using Fakes::FakeOllama;
using Author = ChatMessagesModel::Author;
using State = ChatMessagesModel::State;
using GuiTest::findItem;

namespace
{

/// Models are checked by QAbstractItemModelTester for the whole test.
struct Testers
{
    explicit Testers(ChatController &c)
        : messages(c.messages(), QAbstractItemModelTester::FailureReportingMode::QtTest),
          sessions(c.sessions(), QAbstractItemModelTester::FailureReportingMode::QtTest),
          models(c.models(), QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
    }
    QAbstractItemModelTester messages;
    QAbstractItemModelTester sessions;
    QAbstractItemModelTester models;
};

/// QTest::keyClicks exists for widgets only.
void typeText(QWindow *window, const QString &text)
{
    for (const QChar c : text)
        QTest::keyClick(window, c.toLatin1());
}

QString text(ChatController &c, int row)
{
    if (row >= c.messages()->rowCount())
        return {};
    return c.messages()->data(c.messages()->index(row), ChatMessagesModel::TextRole).toString();
}

State state(ChatController &c, int row)
{
    return c.messages()->data(c.messages()->index(row), ChatMessagesModel::StateRole).value<State>();
}

Author author(ChatController &c, int row)
{
    return c.messages()->data(c.messages()->index(row), ChatMessagesModel::AuthorRole).value<Author>();
}

QStringList modelSpecs(ChatController &c)
{
    QStringList specs;
    for (int row = 0; row < c.models()->rowCount(); ++row)
        specs.append(c.models()->data(c.models()->index(row), ChatModelsModel::SpecRole).toString());
    return specs;
}

QStringList sessionKeys(ChatController &c)
{
    QStringList keys;
    for (int row = 0; row < c.sessions()->rowCount(); ++row)
        keys.append(c.sessions()->data(c.sessions()->index(row), ChatSessionsModel::KeyRole).toString());
    return keys;
}

} // namespace

class tst_ChatController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void singletonIsTheExistingInstance();
    void loadsModelsAndSessions();
    void streamsDeltaByDelta();
    void modelPickerChoosesTheModel();
    void stopAbortsMidStream();
    void historyReloadsAfterSwitchingSessions();
    void providerErrorIsState_data();
    void providerErrorIsState();
    void badInputIsRefused();
    void followsServiceRestart();
    void notRunningIsState();
    void chatPageStreamsAnswer();

private:
    std::unique_ptr<GatewayHost> makeHost();
    /// A host started with a ready controller.
    bool startAll();
    /// Sends and waits until the turn ended.
    bool sendAndWait(const QString &message);

    std::unique_ptr<QTemporaryDir> m_home;
    std::shared_ptr<Gateway::Secrets::FileSecretStore> m_secrets;
    std::unique_ptr<FakeOllama> m_ollama;
    std::unique_ptr<GatewayHost> m_host;
    std::unique_ptr<Backends> m_backends; // every page's controller, as main() makes them
    ChatController *m_chat = nullptr; // Backends' instance
    QJSEngine m_jsEngine;
};

void tst_ChatController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_ChatController::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_secrets = std::make_shared<Gateway::Secrets::FileSecretStore>(m_home->filePath(u"secrets.json"_s));
    QVERIFY(m_secrets->open().ok());
    m_ollama = std::make_unique<FakeOllama>();
    QVERIFY(m_ollama->listen());
}

void tst_ChatController::cleanup()
{
    m_backends.reset();
    m_chat = nullptr;
    m_host.reset();
    m_ollama.reset();
    m_secrets.reset();
    m_home.reset();
}

std::unique_ptr<GatewayHost> tst_ChatController::makeHost()
{
    Gateway::Config::Settings settings;
    settings.home = m_home->path();
    settings.gateway.bind = u"127.0.0.1"_s;
    settings.gateway.port = 0;
    settings.gateway.auth = u"token"_s;
    settings.gateway.token = u"tst-chatcontroller-token"_s;
    settings.logging.file = false;
    settings.providers.anthropic.enabled = false; // never a hosted API from a test
    settings.providers.openai.enabled = false;
    settings.providers.ollama.baseUrl = m_ollama->baseUrl().toString();
    settings.providers.ollama.model = u"llama3.2"_s;
    settings.providers.ollama.maxRetries = 0;
    Gateway::Bootstrap boot { settings, m_secrets, {}, {} };
    return std::make_unique<GatewayHost>(boot, [boot] { return Gateway::Result<Gateway::Bootstrap>(boot); });
}

bool tst_ChatController::startAll()
{
    m_host = makeHost();
    m_backends = std::make_unique<Backends>(*m_host);
    m_chat = ChatController::create(nullptr, &m_jsEngine);
    if (m_chat->isReady())
        return false; // not started yet: the controller must not claim to be ready
    if (!m_host->start().ok())
        return false;
    return QTest::qWaitFor([this] { return m_chat->isReady() && !m_chat->isLoading(); }, TestSupport::WAIT_MS);
}

bool tst_ChatController::sendAndWait(const QString &message)
{
    if (!m_chat->send(message))
        return false;
    if (!m_chat->isBusy())
        return false;
    return QTest::qWaitFor([this] { return !m_chat->isBusy() && !m_chat->isLoading(); }, TestSupport::WAIT_MS);
}

void tst_ChatController::singletonIsTheExistingInstance()
{
    QVERIFY(startAll());
    QQmlEngine engine;
    QCOMPARE(ChatController::create(&engine, &engine), m_chat);
    QCOMPARE(QJSEngine::objectOwnership(m_chat), QJSEngine::CppOwnership);
}

void tst_ChatController::loadsModelsAndSessions()
{
    QVERIFY(startAll());
    Testers testers(*m_chat);
    QCOMPARE(modelSpecs(*m_chat), (QStringList { QString(), u"ollama:llama3.2:latest"_s, u"ollama:qwen3:0.6b"_s }));
    QCOMPARE(m_chat->models()->data(m_chat->models()->index(0), ChatModelsModel::NameRole).toString(), u"Automatic"_s);
    QCOMPARE(m_chat->models()->data(m_chat->models()->index(1), ChatModelsModel::IsDefaultRole).toBool(), true);
    QCOMPARE(m_chat->models()->data(m_chat->models()->index(2), ChatModelsModel::IsDefaultRole).toBool(), false);
    QCOMPARE(m_chat->currentModel(), QString());
    QCOMPARE(m_chat->currentModelIndex(), 0);
    // The owner's main session is current; it is listed before its first message.
    QCOMPARE(m_chat->currentSession(), u"agent:main:main"_s);
    QCOMPARE(m_chat->currentSessionTitle(), u"main"_s);
    QCOMPARE(sessionKeys(*m_chat), QStringList { u"agent:main:main"_s });
    QCOMPARE(m_chat->currentSessionIndex(), 0);
    QCOMPARE(m_chat->messages()->rowCount(), 0);
    QVERIFY(!m_chat->hasError());
}

void tst_ChatController::streamsDeltaByDelta()
{
    QVERIFY(startAll());
    Testers testers(*m_chat);
    m_ollama->setChunkDelayMs(80); // further apart than the gateway's coalescing window
    m_ollama->enqueue(FakeOllama::Turn::text({ u"Hel"_s, u"lo "_s, u"there"_s }));

    ChatMessagesModel *messages = m_chat->messages();
    QSignalSpy resets(messages, &QAbstractItemModel::modelReset);
    QSignalSpy changes(messages, &QAbstractItemModel::dataChanged);
    QSignalSpy busy(m_chat, &ChatController::busyChanged);
    // The text the answer's row had at each change.
    QStringList seen;
    connect(messages, &QAbstractItemModel::dataChanged, this,
        [&](const QModelIndex &from, const QModelIndex &to, const QList<int> &roles) {
            QCOMPARE(from, to); // one row at a time
            QCOMPARE(from.row(), 1);
            if (roles.contains(ChatMessagesModel::TextRole))
                seen.append(from.data(ChatMessagesModel::TextRole).toString());
        });

    QVERIFY(m_chat->send(u"  hi  "_s));
    QCOMPARE(messages->rowCount(), 2);
    QCOMPARE(author(*m_chat, 0), Author::User);
    QCOMPARE(text(*m_chat, 0), u"hi"_s); // trimmed
    QCOMPARE(author(*m_chat, 1), Author::Assistant);
    QCOMPARE(state(*m_chat, 1), State::Pending);
    QVERIFY(m_chat->isBusy());
    QVERIFY(!m_chat->send(u"second while busy"_s)); // one turn at a time
    QCOMPARE(messages->rowCount(), 2);

    QTRY_COMPARE_WITH_TIMEOUT(state(*m_chat, 1), State::Streaming, TestSupport::WAIT_MS);
    QTRY_VERIFY_WITH_TIMEOUT(!m_chat->isBusy(), TestSupport::WAIT_MS);
    QCOMPARE(state(*m_chat, 1), State::Done);
    QCOMPARE(text(*m_chat, 1), u"Hello there"_s);
    // Several changes of that one row, each a longer prefix of the answer (the gateway may
    // coalesce pieces that arrive together on a loaded machine; 80 ms apart they usually don't).
    QVERIFY2(seen.size() >= 2, qPrintable(seen.join(u'|')));
    QCOMPARE(seen.constLast(), u"Hello there"_s);
    for (qsizetype i = 1; i < seen.size(); ++i)
        QVERIFY2(seen.at(i).startsWith(seen.at(i - 1)) && seen.at(i) != seen.at(i - 1), qPrintable(seen.join(u'|')));
    QCOMPARE(resets.count(), 0); // grown in place, never reset
    QVERIFY(changes.count() >= 3);
    QCOMPARE(busy.count(), 2);
    QCOMPARE(messages->data(messages->index(1), ChatMessagesModel::ModelRole).toString(), u"ollama:llama3.2"_s);
    QVERIFY(!m_chat->hasError());
}

void tst_ChatController::modelPickerChoosesTheModel()
{
    QVERIFY(startAll());
    Testers testers(*m_chat);
    QSignalSpy modelSpy(m_chat, &ChatController::currentModelChanged);
    m_chat->setCurrentModel(u"ollama:nope"_s); // not listed: ignored
    QCOMPARE(m_chat->currentModel(), QString());
    m_chat->setCurrentModelIndex(99);
    m_chat->setCurrentModelIndex(-1);
    QCOMPARE(modelSpy.count(), 0);
    m_chat->setCurrentModelIndex(2);
    QCOMPARE(m_chat->currentModel(), u"ollama:qwen3:0.6b"_s);
    QCOMPARE(modelSpy.count(), 1);

    m_ollama->enqueue(FakeOllama::Turn::text({ u"small"_s }));
    QVERIFY(sendAndWait(u"which model?"_s));
    QCOMPARE(m_ollama->server().requests().constLast().json().value(u"model"_s).toString(), u"qwen3:0.6b"_s);
    QCOMPARE(state(*m_chat, 1), State::Done);

    // Back to automatic: the configured default answers.
    m_chat->setCurrentModel({});
    QCOMPARE(m_chat->currentModelIndex(), 0);
    m_ollama->enqueue(FakeOllama::Turn::text({ u"default"_s }));
    QVERIFY(sendAndWait(u"and now?"_s));
    QCOMPARE(m_ollama->server().requests().constLast().json().value(u"model"_s).toString(), u"llama3.2"_s);
}

void tst_ChatController::stopAbortsMidStream()
{
    QVERIFY(startAll());
    Testers testers(*m_chat);
    m_ollama->enqueue(FakeOllama::Turn::stall({ u"partial "_s, u"answer"_s }));
    QVERIFY(m_chat->send(u"tell me a long story"_s));
    QTRY_COMPARE_WITH_TIMEOUT(text(*m_chat, 1), u"partial answer"_s, TestSupport::WAIT_MS);
    QCOMPARE(state(*m_chat, 1), State::Streaming);
    QVERIFY(m_chat->isBusy());

    m_chat->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!m_chat->isBusy(), TestSupport::WAIT_MS);
    QCOMPARE(state(*m_chat, 1), State::Aborted);
    QCOMPARE(text(*m_chat, 1), u"partial answer"_s);
    QVERIFY(!m_chat->hasError());
    m_chat->stop(); // nothing running: no-op

    // The input is usable again.
    m_ollama->enqueue(FakeOllama::Turn::text({ u"ok"_s }));
    QVERIFY(sendAndWait(u"short one then"_s));
    QCOMPARE(m_chat->messages()->rowCount(), 4);
    QCOMPARE(text(*m_chat, 3), u"ok"_s);
    QCOMPARE(state(*m_chat, 3), State::Done);

    // The stopped answer is kept as stopped in the history.
    QTRY_VERIFY(!m_chat->isLoading());
    const QString session = m_chat->currentSession();
    m_chat->newSession();
    m_chat->selectSession(session);
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->messages()->rowCount(), 4, TestSupport::WAIT_MS);
    QCOMPARE(state(*m_chat, 1), State::Aborted);
    QCOMPARE(text(*m_chat, 1), u"partial answer"_s);
}

void tst_ChatController::historyReloadsAfterSwitchingSessions()
{
    QVERIFY(startAll());
    Testers testers(*m_chat);
    m_ollama->enqueue(FakeOllama::Turn::text({ u"answer A"_s }));
    QVERIFY(sendAndWait(u"question A"_s));
    const QString first = m_chat->currentSession();

    QSignalSpy sessionSpy(m_chat, &ChatController::currentSessionChanged);
    m_chat->newSession();
    QCOMPARE(sessionSpy.count(), 1);
    const QString second = m_chat->currentSession();
    QVERIFY(second != first);
    QVERIFY(second.startsWith(u"agent:main:desktop-"_s));
    QCOMPARE(m_chat->messages()->rowCount(), 0);
    QCOMPARE(m_chat->currentSessionIndex(), 0);
    QCOMPARE(sessionKeys(*m_chat), (QStringList { second, first }));

    m_ollama->enqueue(FakeOllama::Turn::text({ u"answer B"_s }));
    QVERIFY(sendAndWait(u"question B"_s));
    // Both sessions are stored; the latest first.
    QTRY_COMPARE(sessionKeys(*m_chat), (QStringList { second, first }));

    m_chat->selectSession(first);
    QCOMPARE(m_chat->currentSession(), first);
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->messages()->rowCount(), 2, TestSupport::WAIT_MS);
    QCOMPARE(text(*m_chat, 0), u"question A"_s);
    QCOMPARE(text(*m_chat, 1), u"answer A"_s);
    QCOMPARE(m_chat->currentSessionIndex(), 1);

    m_chat->selectSession(second);
    QTRY_COMPARE_WITH_TIMEOUT(text(*m_chat, 0), u"question B"_s, TestSupport::WAIT_MS);
    QCOMPARE(m_chat->messages()->rowCount(), 2);
    QCOMPARE(text(*m_chat, 1), u"answer B"_s);

    // The model remembered the turn: the history of session B went to the model, not A's.
    const QJsonArray sent = m_ollama->server().requests().constLast().json().value(u"messages"_s).toArray();
    for (const QJsonValue &m : sent)
        QVERIFY(!m.toObject().value(u"content"_s).toString().contains(u"question A"_s));

    // Switching fast: only the last choice fills the list.
    m_chat->selectSession(first);
    m_chat->selectSession(second);
    QTRY_VERIFY(!m_chat->isLoading());
    QCOMPARE(text(*m_chat, 0), u"question B"_s);
    m_chat->selectSession(u"  "_s); // ignored
    QCOMPARE(m_chat->currentSession(), second);
}

void tst_ChatController::providerErrorIsState_data()
{
    QTest::addColumn<int>("fault");
    QTest::addRow("model not found") << 0;
    QTest::addRow("provider down") << 1;
    QTest::addRow("error mid-stream") << 2;
}

void tst_ChatController::providerErrorIsState()
{
    QFETCH(int, fault);
    QVERIFY(startAll());
    Testers testers(*m_chat);
    QSignalSpy errors(m_chat, &ChatController::errorOccurred);
    if (fault == 0)
        m_ollama->enqueue(FakeOllama::Turn::httpError(404, u"model \"llama3.2\" not found, try pulling it first"_s));
    else if (fault == 1)
        m_ollama.reset();
    else
        m_ollama->enqueue(FakeOllama::Turn::errorLine(u"out of memory"_s, { u"so far "_s }));

    QVERIFY(m_chat->send(u"hello?"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!m_chat->isBusy(), TestSupport::WAIT_MS);
    QCOMPARE(state(*m_chat, 1), State::Failed);
    const QString rowError
        = m_chat->messages()->data(m_chat->messages()->index(1), ChatMessagesModel::ErrorTextRole).toString();
    QVERIFY(!rowError.isEmpty());
    QVERIFY(m_chat->hasError());
    QCOMPARE(m_chat->errorString(), rowError);
    QVERIFY(errors.count() >= 1);

    // The input stays usable: the next send starts a turn and clears the banner.
    if (!m_ollama) {
        m_ollama = std::make_unique<FakeOllama>();
        QVERIFY(m_ollama->listen()); // another port: the next turn fails again, as it should
    }
    QVERIFY(m_chat->send(u"again"_s));
    QVERIFY(!m_chat->hasError());
    QTRY_VERIFY_WITH_TIMEOUT(!m_chat->isBusy(), TestSupport::WAIT_MS);
    QCOMPARE(m_chat->messages()->rowCount(), 4);
    QCOMPARE(state(*m_chat, 3), fault == 1 ? State::Failed : State::Done);
    m_chat->clearError();
    QVERIFY(!m_chat->hasError());
}

void tst_ChatController::badInputIsRefused()
{
    QVERIFY(startAll());
    Testers testers(*m_chat);
    QSignalSpy errors(m_chat, &ChatController::errorOccurred);
    QVERIFY(!m_chat->send({}));
    QVERIFY(!m_chat->send(u" \n\t "_s));
    QCOMPARE(m_chat->messages()->rowCount(), 0);
    QVERIFY(!m_chat->hasError()); // nothing to say about an empty box
    const int requests = int(m_ollama->server().requests().size());

    const QString huge(ChatController::MAX_MESSAGE_LENGTH + 1, u'x');
    QVERIFY(!m_chat->send(huge));
    QCOMPARE(m_chat->messages()->rowCount(), 0);
    QVERIFY(m_chat->hasError());
    QCOMPARE(errors.count(), 1);
    QVERIFY(!m_chat->isBusy());
    QCOMPARE(int(m_ollama->server().requests().size()), requests);

    // Exactly the limit is sent (and the banner clears).
    QVERIFY(sendAndWait(QString(ChatController::MAX_MESSAGE_LENGTH, u'y')));
    QVERIFY(!m_chat->hasError());
    QCOMPARE(text(*m_chat, 0).size(), ChatController::MAX_MESSAGE_LENGTH);
    QCOMPARE(state(*m_chat, 1), State::Done); // the fake echoes
}

void tst_ChatController::followsServiceRestart()
{
    QVERIFY(startAll());
    Testers testers(*m_chat);
    m_ollama->enqueue(FakeOllama::Turn::text({ u"before"_s }));
    QVERIFY(sendAndWait(u"first"_s));
    m_chat->setCurrentModelIndex(2);

    // A restart while an answer streams ends it (the run dies with the old service).
    m_ollama->enqueue(FakeOllama::Turn::stall({ u"cut "_s }));
    QVERIFY(m_chat->send(u"second"_s));
    QTRY_COMPARE_WITH_TIMEOUT(text(*m_chat, 3), u"cut "_s, TestSupport::WAIT_MS);
    QSignalSpy readySpy(m_chat, &ChatController::readyChanged);
    QVERIFY(m_host->restart().ok());
    QVERIFY(!m_chat->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(m_chat->isReady() && !m_chat->isLoading(), TestSupport::WAIT_MS);
    QVERIFY(readySpy.count() >= 2);

    // History, sessions and models came from the new service; the picked model survived.
    QVERIFY(m_chat->messages()->rowCount() >= 2);
    QCOMPARE(text(*m_chat, 0), u"first"_s);
    QCOMPARE(text(*m_chat, 1), u"before"_s);
    QCOMPARE(m_chat->currentModel(), u"ollama:qwen3:0.6b"_s);
    QCOMPARE(sessionKeys(*m_chat), QStringList { u"agent:main:main"_s });

    // And the new client carries the next turn.
    m_ollama->enqueue(FakeOllama::Turn::text({ u"after"_s }));
    QVERIFY(sendAndWait(u"third"_s));
    const int last = m_chat->messages()->rowCount() - 1;
    QCOMPARE(text(*m_chat, last), u"after"_s);
    QCOMPARE(state(*m_chat, last), State::Done);
}

void tst_ChatController::notRunningIsState()
{
    m_host = makeHost();
    m_backends = std::make_unique<Backends>(*m_host);
    m_chat = ChatController::create(nullptr, &m_jsEngine);
    Testers testers(*m_chat);
    QVERIFY(!m_chat->isReady());
    QVERIFY(!m_chat->send(u"anyone?"_s));
    QVERIFY(m_chat->hasError());
    QCOMPARE(m_chat->messages()->rowCount(), 0);
    // Starting the gateway makes the page usable without any action.
    QVERIFY(m_host->start().ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_chat->isReady() && !m_chat->isLoading(), TestSupport::WAIT_MS);
    QCOMPARE(m_chat->models()->rowCount(), 3);
    QVERIFY(sendAndWait(u"anyone?"_s));
    QCOMPARE(state(*m_chat, 1), State::Done);
}

void tst_ChatController::chatPageStreamsAnswer()
{
    QVERIFY(startAll());
    GatewayStatus status(*m_host); // the dashboard page is created first
    QQmlApplicationEngine engine;
    QQuickWindow *window = GuiTest::loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(window->setProperty("currentPage", u"chat"_s));
    QQuickItem *content = window->contentItem();
    QTRY_VERIFY(findItem(content, u"chatPage"_s));
    QQuickItem *page = findItem(content, u"chatPage"_s);
    QTRY_VERIFY(page->isVisible());

    auto *input = findItem(page, u"chatInput"_s);
    auto *send = findItem(page, u"sendButton"_s);
    auto *stop = findItem(page, u"stopButton"_s);
    auto *picker = findItem(page, u"modelPicker"_s);
    auto *list = findItem(page, u"messageList"_s);
    auto *sessions = findItem(page, u"sessionList"_s);
    QVERIFY(input && send && stop && picker && list && sessions);
    QCOMPARE(picker->property("count").toInt(), 3);
    QCOMPARE(picker->property("currentText").toString(), u"Automatic"_s);
    QCOMPARE(sessions->property("count").toInt(), 1);
    QVERIFY(send->isVisible());
    QVERIFY(!send->isEnabled()); // nothing typed
    QVERIFY(!stop->isVisible());

    input->forceActiveFocus();
    QTRY_VERIFY(input->hasActiveFocus());
    typeText(window, u"line one"_s);
    QTest::keyClick(window, Qt::Key_Return, Qt::ShiftModifier); // a new line, not a send
    typeText(window, u"line two"_s);
    QCOMPARE(input->property("text").toString(), u"line one\nline two"_s);
    QVERIFY(send->isEnabled());
    QCOMPARE(m_chat->messages()->rowCount(), 0);

    m_ollama->setChunkDelayMs(80);
    m_ollama->enqueue(FakeOllama::Turn::stall({ u"Streamed "_s, u"answer"_s }));
    QTest::keyClick(window, Qt::Key_Return);
    QCOMPARE(m_chat->messages()->rowCount(), 2);
    QCOMPARE(input->property("text").toString(), QString()); // cleared once sent
    QTRY_VERIFY(stop->isVisible());
    QVERIFY(!send->isVisible());

    // The answer's delegate shows the text as it grows.
    QTRY_COMPARE(list->property("count").toInt(), 2);
    QQuickItem *answer = nullptr;
    QTRY_VERIFY((answer = findItem(list, u"chatMessage_1"_s)));
    QQuickItem *answerText = findItem(answer, u"messageText"_s);
    QVERIFY(answerText);
    QTRY_COMPARE_WITH_TIMEOUT(answerText->property("text").toString(), u"Streamed answer"_s, TestSupport::WAIT_MS);
    QCOMPARE(findItem(findItem(list, u"chatMessage_0"_s), u"messageText"_s)->property("text").toString(),
        u"line one\nline two"_s);

    // Stop ends it as stopped, and the send button is back.
    QMetaObject::invokeMethod(stop, "clicked");
    QTRY_VERIFY_WITH_TIMEOUT(send->isVisible(), TestSupport::WAIT_MS);
    QCOMPARE(state(*m_chat, 1), State::Aborted);
    QTRY_COMPARE(findItem(answer, u"messageState"_s)->property("text").toString(), u"Stopped"_s);

    // The picker sets the model of the next message.
    QVERIFY(QMetaObject::invokeMethod(picker, "activated", Q_ARG(int, 2)));
    QCOMPARE(m_chat->currentModel(), u"ollama:qwen3:0.6b"_s);
    QTRY_COMPARE(picker->property("currentText").toString(), u"ollama · qwen3:0.6b"_s);

    // A provider error shows in the banner; the input still works.
    m_ollama->enqueue(FakeOllama::Turn::httpError(500, u"boom"_s));
    typeText(window, u"fail please"_s);
    QTest::keyClick(window, Qt::Key_Enter);
    auto *banner = findItem(page, u"chatErrorBanner"_s);
    QVERIFY(banner);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), TestSupport::WAIT_MS);
    QVERIFY(input->isEnabled());
    QVERIFY(findItem(page, u"chatErrorText"_s)->property("text").toString().contains(u"boom"_s));

    QCOMPARE(m_ollama->server().requests().constLast().json().value(u"model"_s).toString(), u"qwen3:0.6b"_s);

    // A new chat empties the conversation; clicking the old session brings its history back.
    QMetaObject::invokeMethod(findItem(page, u"newSessionButton"_s), "clicked");
    QTRY_COMPARE(list->property("count").toInt(), 0);
    QTRY_COMPARE(sessions->property("count").toInt(), 2);
    QVERIFY(findItem(page, u"emptyHint"_s)->isVisible());
    QQuickItem *mainSession = nullptr;
    QTRY_VERIFY((mainSession = findItem(sessions, u"session_1"_s)));
    QCOMPARE(mainSession->property("text").toString(), u"main"_s);
    QMetaObject::invokeMethod(mainSession, "clicked");
    // Both questions and the stopped answer; a failed answer has no text to store.
    QTRY_COMPARE_WITH_TIMEOUT(list->property("count").toInt(), 3, TestSupport::WAIT_MS);
    QCOMPARE(findItem(page, u"sessionTitle"_s)->property("text").toString(), u"main"_s);
    QTRY_VERIFY(findItem(list, u"chatMessage_1"_s));
    QCOMPARE(findItem(findItem(list, u"chatMessage_1"_s), u"messageText"_s)->property("text").toString(),
        u"Streamed answer"_s);
    // Keyboard: Up moves to the new session in the list, Enter opens it.
    sessions->forceActiveFocus();
    QTRY_VERIFY(sessions->hasActiveFocus());
    sessions->setProperty("currentIndex", 1);
    QTest::keyClick(window, Qt::Key_Up);
    QCOMPARE(sessions->property("currentIndex").toInt(), 0);
    QTest::keyClick(window, Qt::Key_Return);
    QTRY_VERIFY(m_chat->currentSession().startsWith(u"agent:main:desktop-"_s));
    QTRY_COMPARE(list->property("count").toInt(), 0);
    QTest::keyClick(window, Qt::Key_Down);
    QTest::keyClick(window, Qt::Key_Return);
    QTRY_COMPARE(m_chat->currentSession(), u"agent:main:main"_s);
    QTRY_COMPARE_WITH_TIMEOUT(list->property("count").toInt(), 3, TestSupport::WAIT_MS);
    sessions->setFocus(false); // no focus ring in the screenshot

    ChatController::create(&engine, &engine)->clearError();
    QTRY_VERIFY(!banner->isVisible());

    QImage image = window->grabWindow();
    QVERIFY(!image.isNull());
    if (qEnvironmentVariable("SKYNET_UPDATE_SCREENSHOTS") == u"1"_s) {
        const QString sourceDir = qEnvironmentVariable("SKYNET_SOURCE_DIR");
        QVERIFY(!sourceDir.isEmpty());
        QVERIFY(QDir().mkpath(sourceDir + u"/docs/screenshots"_s));
        QVERIFY(image.save(sourceDir + u"/docs/screenshots/chat.png"_s));
    } else {
        QVERIFY(image.save(m_home->filePath(u"chat.png"_s)));
    }
}

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    tst_ChatController test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_chatcontroller.moc"
