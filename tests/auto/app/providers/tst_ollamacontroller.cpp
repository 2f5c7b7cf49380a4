// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// OllamaController and its models list against a FakeOllama: reachability, pull with progress,
// pull failure and cancel, delete, bad model names.

#include <memory>

#include <algorithm>

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonObject>
#include <QTcpServer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "providers/ollamacontroller.h"
#include "providers/ollamamodelsmodel.h"
#include "providerstestenv.h"
#include "testsupport.h"

using namespace Qt::StringLiterals;
using TestSupport::WAIT_MS;

class tst_OllamaController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void listsModels();
    void unreachableIsState();
    void pullReportsProgressAndRefreshes();
    void pullFailureIsState();
    void cancelPull();
    void secondPullWhileRunningIsRefused();
    void deleteModel();
    void deleteUnknownModelIsState();
    void badModelNames_data();
    void badModelNames();
    void followsRestart();

private:
    std::unique_ptr<ProvidersTest::Environment> m_env;
    std::unique_ptr<GatewayHost> m_host;
    std::unique_ptr<OllamaController> m_controller;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_OllamaController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_OllamaController::init()
{
    m_env = std::make_unique<ProvidersTest::Environment>();
    QVERIFY(m_env->isValid());
    QVERIFY(m_env->writeConfig());
    QString error;
    m_host = m_env->makeHost(&error);
    QVERIFY2(m_host, qPrintable(error));
    m_controller = std::make_unique<OllamaController>(*m_host);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_controller->models(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_OllamaController::cleanup()
{
    m_tester.reset();
    m_controller.reset();
    m_host.reset();
    m_env.reset();
}

void tst_OllamaController::listsModels()
{
    QCOMPARE(m_controller->baseUrl(), m_env->ollama().baseUrl().toString());
    QCOMPARE(m_controller->isChecked(), false);
    QSignalSpy reachable(m_controller.get(), &OllamaController::reachableChanged);
    m_controller->refresh();
    QVERIFY(m_controller->isChecking());
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->isChecked(), WAIT_MS);
    QVERIFY(!m_controller->isChecking());
    QVERIFY(m_controller->isReachable());
    QCOMPARE(m_controller->version(), u"0.12.3"_s);
    QVERIFY(m_controller->connectionError().isEmpty());
    QCOMPARE(reachable.count(), 1);

    OllamaModelsModel *models = m_controller->models();
    QCOMPARE(models->rowCount(), 2);
    QVERIFY(!models->isLoading());
    const QModelIndex first = models->index(0);
    QCOMPARE(first.data(OllamaModelsModel::NameRole).toString(), u"llama3.2:latest"_s);
    QVERIFY(first.data(OllamaModelsModel::SizeBytesRole).toLongLong() > 0);
    QVERIFY(!first.data(OllamaModelsModel::SizeTextRole).toString().isEmpty());
    QVERIFY(first.data(OllamaModelsModel::ModifiedRole).toDateTime().isValid());
    QVERIFY(!first.data(OllamaModelsModel::ModifiedTextRole).toString().isEmpty());
    QCOMPARE(first.data(OllamaModelsModel::DetailsTextRole).toString(), u"3.2B · Q4_K_M"_s);
    QCOMPARE(models->index(1).data(OllamaModelsModel::NameRole).toString(), u"qwen3:0.6b"_s);
    QVERIFY(models->contains(u"llama3.2"_s));
    QVERIFY(!models->contains(u"llama3.1:8b"_s));
    const QHash<int, QByteArray> roles = models->roleNames();
    QCOMPARE(roles.value(OllamaModelsModel::NameRole), QByteArray("name"));
    QCOMPARE(roles.value(OllamaModelsModel::SizeTextRole), QByteArray("sizeText"));
    QCOMPARE(roles.value(OllamaModelsModel::ModifiedTextRole), QByteArray("modifiedText"));
}

void tst_OllamaController::unreachableIsState()
{
    // A port nothing listens on.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    QVERIFY(m_env->writeConfig());
    QFile file(m_env->configPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    file.close();
    text.replace(m_env->ollama().baseUrl().toString(), u"http://127.0.0.1:%1"_s.arg(port));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8());
    file.close();
    QVERIFY(m_host->restart().ok());
    QCOMPARE(m_controller->baseUrl(), u"http://127.0.0.1:%1"_s.arg(port));

    m_controller->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->isChecked(), WAIT_MS);
    QVERIFY(!m_controller->isReachable());
    QVERIFY(m_controller->version().isEmpty());
    QVERIFY2(
        m_controller->connectionError().contains(QString::number(port)), qPrintable(m_controller->connectionError()));
    QCOMPARE(m_controller->models()->rowCount(), 0);
}

void tst_OllamaController::pullReportsProgressAndRefreshes()
{
    m_env->ollama().setChunkDelayMs(20);
    m_controller->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->isChecked(), WAIT_MS);
    QCOMPARE(m_controller->models()->rowCount(), 2);

    QList<double> progress;
    connect(m_controller.get(), &OllamaController::pullProgressChanged, this,
        [&] { progress.append(m_controller->pullProgress()); });
    QSignalSpy finished(m_controller.get(), &OllamaController::pullFinished);
    QSignalSpy failed(m_controller.get(), &OllamaController::pullFailed);
    QSignalSpy pulling(m_controller.get(), &OllamaController::pullingChanged);
    QVERIFY(m_controller->pull(u"  llama3.1:8b "_s));
    QVERIFY(m_controller->isPulling());
    QCOMPARE(m_controller->pullModel(), u"llama3.1:8b"_s);
    QCOMPARE(m_controller->pullProgress(), -1.0); // nothing known yet: indeterminate

    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WAIT_MS);
    QCOMPARE(finished.first().at(0).toString(), u"llama3.1:8b"_s);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!m_controller->isPulling());
    QVERIFY(!m_controller->hasError());
    QCOMPARE(pulling.count(), 2); // started, ended

    // The fake reports 0, 1/4, 2/4, 3/4 and 4/4 of the layer: several distinct values, rising.
    QList<double> fractions;
    for (double value : std::as_const(progress)) {
        if (value >= 0 && (fractions.isEmpty() || fractions.constLast() != value))
            fractions.append(value);
    }
    QVERIFY2(fractions.size() >= 4, qPrintable(QString::number(fractions.size())));
    QVERIFY(std::is_sorted(fractions.cbegin(), fractions.cend()));
    QCOMPARE(fractions.constLast(), 1.0);
    QVERIFY(m_controller->pullText().contains(u" of "_s));

    // The list was refreshed and has the new model.
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->models()->contains(u"llama3.1:8b"_s), WAIT_MS);
    QCOMPARE(m_controller->models()->rowCount(), 3);
    QCOMPARE(
        m_env->ollama().server().lastRequest(u"/api/pull"_s).json().value(u"model"_s).toString(), u"llama3.1:8b"_s);
}

void tst_OllamaController::pullFailureIsState()
{
    Fakes::ScriptedResponse failure = Fakes::ScriptedResponse::stream("application/x-ndjson",
        { QByteArray("{\"status\":\"pulling manifest\"}\n"),
            QByteArray("{\"error\":\"pull model manifest: file does not exist\"}\n") });
    m_env->ollama().server().enqueue(u"/api/pull"_s, failure);
    QSignalSpy failed(m_controller.get(), &OllamaController::pullFailed);
    QSignalSpy errors(m_controller.get(), &OllamaController::errorOccurred);
    QVERIFY(m_controller->pull(u"nosuchmodel:1b"_s));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, WAIT_MS);
    QVERIFY(!m_controller->isPulling());
    QVERIFY(m_controller->hasError());
    QVERIFY2(m_controller->errorString().contains(u"nosuchmodel:1b"_s), qPrintable(m_controller->errorString()));
    QVERIFY2(m_controller->errorString().contains(u"file does not exist"_s), qPrintable(m_controller->errorString()));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(m_controller->pullStatus(), u"Failed"_s);

    // An HTTP error before the stream is a failure too.
    m_env->ollama().server().enqueue(
        u"/api/pull"_s, Fakes::ScriptedResponse::json(500, QJsonObject { { u"error"_s, u"disk full"_s } }));
    QVERIFY(m_controller->pull(u"llama3.2:1b"_s));
    QVERIFY(!m_controller->hasError()); // a new pull clears the old error
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, WAIT_MS);
    QVERIFY(m_controller->hasError());
    m_controller->clearError();
    QVERIFY(!m_controller->hasError());
}

void tst_OllamaController::cancelPull()
{
    m_env->ollama().setChunkDelayMs(300);
    QSignalSpy progress(m_controller.get(), &OllamaController::pullProgressChanged);
    QSignalSpy finished(m_controller.get(), &OllamaController::pullFinished);
    QSignalSpy failed(m_controller.get(), &OllamaController::pullFailed);
    QVERIFY(m_controller->pull(u"qwen2.5:14b"_s));
    // Wait for the first progress line from the server, then cancel mid-download.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_env->ollama().server().requestCount(u"/api/pull"_s) == 1 && progress.count() >= 2, WAIT_MS);
    QVERIFY(m_controller->isPulling());
    m_controller->cancelPull();
    QVERIFY(!m_controller->isPulling());
    QCOMPARE(m_controller->pullStatus(), u"Cancelled"_s);
    QVERIFY(!m_controller->hasError());
    QTRY_COMPARE_WITH_TIMEOUT(m_env->ollama().server().openConnections(), 0, WAIT_MS);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 0);
    // Cancelling when nothing runs is harmless; a new pull works.
    m_controller->cancelPull();
    m_env->ollama().setChunkDelayMs(0);
    QVERIFY(m_controller->pull(u"qwen2.5:14b"_s));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, WAIT_MS);
}

void tst_OllamaController::secondPullWhileRunningIsRefused()
{
    m_env->ollama().setChunkDelayMs(200);
    QVERIFY(m_controller->pull(u"llama3.2:1b"_s));
    QVERIFY(!m_controller->pull(u"llama3.2:3b"_s));
    QVERIFY(m_controller->errorString().contains(u"llama3.2:1b"_s));
    QCOMPARE(m_controller->pullModel(), u"llama3.2:1b"_s);
    m_controller->cancelPull();
}

void tst_OllamaController::deleteModel()
{
    m_controller->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->models()->rowCount(), 2, WAIT_MS);
    QSignalSpy deleted(m_controller.get(), &OllamaController::modelDeleted);
    QVERIFY(m_controller->deleteModel(u"qwen3:0.6b"_s));
    QVERIFY(m_controller->isDeleting());
    QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, WAIT_MS);
    QVERIFY(!m_controller->isDeleting());
    QVERIFY(!m_controller->hasError());
    QCOMPARE(m_env->ollama().models(), QStringList { u"llama3.2:latest"_s });
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->models()->rowCount(), 1, WAIT_MS);
    QCOMPARE(m_controller->models()->index(0).data(OllamaModelsModel::NameRole).toString(), u"llama3.2:latest"_s);
    QCOMPARE(m_env->ollama().server().lastRequest(u"/api/delete"_s).method, QByteArray("DELETE"));
}

void tst_OllamaController::deleteUnknownModelIsState()
{
    QSignalSpy deleting(m_controller.get(), &OllamaController::deletingChanged);
    QVERIFY(m_controller->deleteModel(u"missing:7b"_s));
    QTRY_COMPARE_WITH_TIMEOUT(deleting.count(), 2, WAIT_MS);
    QVERIFY(m_controller->hasError());
    QVERIFY2(m_controller->errorString().contains(u"missing:7b"_s), qPrintable(m_controller->errorString()));
    QCOMPARE(m_env->ollama().models().size(), 2);
}

void tst_OllamaController::badModelNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::addRow("empty") << QString() << u"Enter a model name"_s;
    QTest::addRow("spaces only") << u"   "_s << u"Enter a model name"_s;
    QTest::addRow("inner space") << u"llama 3"_s << u"is not a model name"_s;
    QTest::addRow("two tags") << u"llama3:8b:q4"_s << u"is not a model name"_s;
    QTest::addRow("shell characters") << u"llama3;rm -rf"_s << u"is not a model name"_s;
    QTest::addRow("leading dash") << u"-llama"_s << u"is not a model name"_s;
    QTest::addRow("too long") << QString(201, u'a') << u"too long"_s;
}

void tst_OllamaController::badModelNames()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QVERIFY(OllamaController::validateModelName(name).contains(expected));
    QSignalSpy errors(m_controller.get(), &OllamaController::errorOccurred);
    QVERIFY(!m_controller->pull(name));
    QVERIFY(!m_controller->isPulling());
    QVERIFY2(m_controller->errorString().contains(expected), qPrintable(m_controller->errorString()));
    QCOMPARE(errors.count(), 1);
    QVERIFY(!m_controller->deleteModel(name));
    QCOMPARE(m_env->ollama().server().requestCount(u"/api/pull"_s), 0);
    QCOMPARE(m_env->ollama().server().requestCount(u"/api/delete"_s), 0);
    // Good names pass.
    for (const QString &good :
        { u"llama3.2"_s, u"qwen2.5:14b"_s, u"hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M"_s })
        QVERIFY2(OllamaController::validateModelName(good).isEmpty(), qPrintable(good));
}

void tst_OllamaController::followsRestart()
{
    QVERIFY(OllamaController::instance() == m_controller.get());
    m_controller->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->isChecked(), WAIT_MS);
    // A second fake: the restart with a new address rebuilds the provider and checks again.
    Fakes::FakeOllama other;
    QVERIFY(other.listen());
    other.setModels({ u"phi4:14b"_s });
    other.setVersion(u"0.13.0"_s);
    QString text = m_env->readConfig();
    text.replace(m_env->ollama().baseUrl().toString(), other.baseUrl().toString());
    QFile file(m_env->configPath());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8());
    file.close();
    QSignalSpy urlChanged(m_controller.get(), &OllamaController::baseUrlChanged);
    // A check still running when the address changes does not leave "checking" stuck.
    m_env->ollama().setChunkDelayMs(500);
    m_env->ollama().server().enqueue(u"/api/version"_s,
        Fakes::ScriptedResponse::stream("application/json", { QByteArray("{\"vers"), QByteArray("ion\":\"0.1\"}") }));
    m_controller->refresh();
    QVERIFY(m_controller->isChecking());
    QVERIFY(m_host->restart().ok());
    QCOMPARE(urlChanged.count(), 1);
    QCOMPARE(m_controller->baseUrl(), other.baseUrl().toString());
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->version(), u"0.13.0"_s, WAIT_MS);
    QTRY_COMPARE_WITH_TIMEOUT(m_controller->models()->rowCount(), 1, WAIT_MS);
    QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isChecking(), WAIT_MS);
    QVERIFY(!m_controller->models()->isLoading());
}

QTEST_MAIN(tst_OllamaController)
#include "tst_ollamacontroller.moc"
