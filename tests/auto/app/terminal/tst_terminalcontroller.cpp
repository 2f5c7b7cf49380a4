// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// TerminalController against a real in-process gateway with the terminal enabled: a command
// waiting for approval appears, Approve runs it and Deny does not; the last test loads Main.qml
// offscreen and approves through the banner's button.

#include <memory>

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QJsonArray>
#include <QQmlApplicationEngine>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "../channels/apphost.h"
#include "backends.h"
#include "gatewaystatus.h"
#include "people/directory.h"
#include "service/service.h"
#include "terminal/terminalcontroller.h"
#include "terminal/terminalmanager.h"

using namespace Qt::StringLiterals;

namespace
{

QQuickItem *findItem(QQuickItem *item, const QString &objectName)
{
    if (!item)
        return nullptr;
    if (item->objectName() == objectName)
        return item;
    const QList<QQuickItem *> children = item->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}

} // namespace

class tst_TerminalController final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AppTest::Home> m_home;
    std::unique_ptr<GatewayHost> m_host;

    bool startHost(bool enabled)
    {
        m_home = std::make_unique<AppTest::Home>();
        if (!m_home->prepare({ { u"terminal.enabled"_s, enabled } }))
            return false;
        m_host = m_home->host();
        return m_host && QTest::qWaitFor([this] { return m_host->service()->isReady(); }, TestSupport::WAIT_MS);
    }

    /// terminal.run through the host's client; the request id (0 on failure).
    qint64 submit(const QString &command)
    {
        const Gateway::LocalReply reply = AppTest::call(*m_host, u"terminal.run"_s, { { u"command"_s, command } });
        if (!reply.ok || reply.payload.toObject().value(u"state"_s).toString() != u"pending")
            return 0;
        return reply.payload.toObject().value(u"id"_s).toInteger();
    }

    QJsonObject jobOutput(qint64 id)
    {
        return AppTest::call(*m_host, u"terminal.output"_s, { { u"id"_s, id } }).payload.toObject();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cleanup()
    {
        m_host.reset();
        m_home.reset();
    }

    void approveRunsTheCommand()
    {
        QVERIFY(startHost(true));
        TerminalController controller(*m_host);
        QAbstractItemModelTester tester(controller.pending(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(controller.isEnabled());
        QSignalSpy asked(&controller, &TerminalController::approvalRequested);
        const QString command = u"echo gui-approved; true"_s;
        const qint64 id = submit(command);
        QVERIFY(id > 0);
        QTRY_COMPARE_WITH_TIMEOUT(controller.pending()->rowCount(), 1, TestSupport::WAIT_MS);
        const QModelIndex row = controller.pending()->index(0);
        QCOMPARE(row.data(TerminalRequestModel::CommandRole).toString(), command);
        QCOMPARE(row.data(TerminalRequestModel::RequestIdRole).toLongLong(), id);
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.first().first().toString(), command);

        controller.approve(id);
        QTRY_COMPARE_WITH_TIMEOUT(controller.pending()->rowCount(), 0, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(jobOutput(id).value(u"state"_s).toString(), u"exited"_s, TestSupport::WAIT_MS);
        QVERIFY(jobOutput(id).value(u"data"_s).toString().contains(u"gui-approved"_s));
        QCOMPARE(jobOutput(id).value(u"approvedBy"_s).toString(), m_host->service()->people()->ownerId());
        QVERIFY(!controller.hasError());
    }

    void denyRunsNothing()
    {
        QVERIFY(startHost(true));
        TerminalController controller(*m_host);
        const qint64 id = submit(u"echo never; true"_s);
        QVERIFY(id > 0);
        QTRY_COMPARE_WITH_TIMEOUT(controller.pending()->rowCount(), 1, TestSupport::WAIT_MS);
        controller.deny(id);
        QTRY_COMPARE_WITH_TIMEOUT(controller.pending()->rowCount(), 0, TestSupport::WAIT_MS);
        QCOMPARE(m_host->service()->terminal()->jobs().size(), 0);
        // A second decision on the same request is an error shown as state.
        controller.approve(id);
        QTRY_VERIFY_WITH_TIMEOUT(controller.hasError(), TestSupport::WAIT_MS);
        QCOMPARE(m_host->service()->terminal()->jobs().size(), 0);
    }

    void disabledShowsNothing()
    {
        QVERIFY(startHost(false));
        TerminalController controller(*m_host);
        QVERIFY(!controller.isEnabled());
        QCOMPARE(submit(u"echo x; true"_s), qint64(0));
        QCOMPARE(controller.pending()->rowCount(), 0);
    }

    /// The banner in the main window shows the exact command; its Approve button runs it.
    void bannerApproves()
    {
        QVERIFY(startHost(true));
        GatewayStatus status(*m_host);
        Backends backends(*m_host);
        QQmlApplicationEngine engine;
        engine.addImportPath(u"qrc:/"_s);
        engine.load(QUrl(u"qrc:/Skynet/Ui/Main.qml"_s));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
        QVERIFY(window);
        window->resize(1024, 680);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QQuickItem *banner = findItem(window->contentItem(), u"terminalApprovalBanner"_s);
        QVERIFY(banner);
        QVERIFY(!banner->isVisible());

        const QString command = u"echo from-the-banner && true"_s;
        const qint64 id = submit(command);
        QVERIFY(id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), TestSupport::WAIT_MS);
        QQuickItem *text = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (text = findItem(window->contentItem(), u"terminalCommand_%1"_s.arg(id))), TestSupport::WAIT_MS);
        QCOMPARE(QQmlProperty::read(text, u"text"_s).toString(), command);
        QQuickItem *approve = findItem(window->contentItem(), u"terminalApprove_%1"_s.arg(id));
        QVERIFY(approve);
        QVERIFY(QMetaObject::invokeMethod(approve, "clicked"));
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(jobOutput(id).value(u"state"_s).toString(), u"exited"_s, TestSupport::WAIT_MS);
        QVERIFY(jobOutput(id).value(u"data"_s).toString().contains(u"from-the-banner"_s));
    }
};

QTEST_MAIN(tst_TerminalController)
#include "tst_terminalcontroller.moc"
