// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// UsersController against a real in-process gateway (temp home, skynet.toml): every action is
// checked against the gateway's own state. The last test loads Main.qml offscreen with the
// app's Backends and shows the Channels and Users pages.

#include <memory>

#include <QAbstractItemModelTester>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
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
#include "people/memorystore.h"
#include "people/userstore.h"
#include "service/service.h"
#include "users/userscontroller.h"
#include "../guitestsupport.h"

using namespace Qt::StringLiterals;
using GuiTest::findItem;
using GuiTest::loadMainWindow;

namespace
{

} // namespace

class tst_UsersController final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AppTest::Home> m_home;
    std::unique_ptr<GatewayHost> m_host;
    std::unique_ptr<UsersController> m_controller;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    Gateway::People::UserStore *store() const { return m_host->service()->people()->users(); }

    /// Creates a user through the page and selects it; returns its id.
    QString createUser(const QString &name, const QString &role = u"user"_s)
    {
        const int before = m_controller->users()->rowCount();
        m_controller->createUser(name, role);
        if (!QTest::qWaitFor([&] { return m_controller->users()->rowCount() == before + 1; }, TestSupport::WAIT_MS))
            return {};
        return m_controller->selectedUserId();
    }

    void makeController()
    {
        m_controller = std::make_unique<UsersController>(*m_host);
        for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *> {
                 m_controller->users(), m_controller->identities(), m_controller->memories() })
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        // The owner is always there.
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->users()->rowCount(), 1, TestSupport::WAIT_MS);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_home = std::make_unique<AppTest::Home>();
        QVERIFY(m_home->prepare());
        m_host = m_home->host();
        QVERIFY(m_host);
        QTRY_VERIFY_WITH_TIMEOUT(m_host->service()->isReady(), TestSupport::WAIT_MS);
    }

    void cleanup()
    {
        m_testers.clear();
        m_controller.reset();
        m_host.reset();
        m_home.reset();
    }

    void createsAndChangesRole()
    {
        makeController();
        const QString id = createUser(u"Ana"_s, u"user"_s);
        QVERIFY(!id.isEmpty());
        QVERIFY(!m_controller->hasError());
        QCOMPARE(store()->get(id)->displayName, u"Ana"_s);
        QCOMPARE(Gateway::People::roleName(store()->get(id)->role), u"user"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->displayName(), u"Ana"_s, TestSupport::WAIT_MS);
        QCOMPARE(m_controller->role(), u"user"_s);

        m_controller->setRole(u"child"_s);
        QTRY_COMPARE_WITH_TIMEOUT(Gateway::People::roleName(store()->get(id)->role), u"child"_s, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->role(), u"child"_s, TestSupport::WAIT_MS);
        const QModelIndexList rows
            = m_controller->users()->match(m_controller->users()->index(0), UserListModel::UserIdRole, id);
        QCOMPARE(rows.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(
            rows.first().data(UserListModel::RoleRole).toString(), u"child"_s, TestSupport::WAIT_MS);

        m_controller->setDailyTokenBudget(5000);
        QTRY_COMPARE_WITH_TIMEOUT(store()->get(id)->dailyTokenBudget, qint64(5000), TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->dailyTokenBudget(), qint64(5000), TestSupport::WAIT_MS);

        // The changes are audited as the owner's.
        const Gateway::LocalReply audit = AppTest::call(*m_host, u"audit.list"_s, { { u"action"_s, u"users.*"_s } });
        QVERIFY(audit.ok);
        QVERIFY(audit.payload.toObject().value(u"entries"_s).toArray().size() >= 3);
    }

    void unlinksAnIdentity()
    {
        makeController();
        const QString id = createUser(u"Bo"_s);
        QVERIFY(!id.isEmpty());
        QVERIFY(AppTest::call(*m_host, u"identities.link"_s,
            { { u"userId"_s, id }, { u"channel"_s, u"telegram"_s }, { u"externalId"_s, u"111"_s } })
                    .ok);
        QVERIFY(AppTest::call(*m_host, u"identities.link"_s,
            { { u"userId"_s, id }, { u"channel"_s, u"discord"_s }, { u"externalId"_s, u"222"_s } })
                    .ok);
        m_controller->selectUser(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->identities()->rowCount(), 2, TestSupport::WAIT_MS);
        m_controller->unlinkIdentity(u"discord"_s, u"222"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->identities()->rowCount(), 1, TestSupport::WAIT_MS);
        QVERIFY(store()->identity(u"discord"_s, u"222"_s)->userId != id);
        QCOMPARE(store()->identity(u"telegram"_s, u"111"_s)->userId, id);
        QCOMPARE(m_controller->identities()->index(0).data(IdentityListModel::ChannelRole).toString(), u"telegram"_s);

        // The last identity cannot be unlinked: the gateway's message, as state.
        m_controller->unlinkIdentity(u"telegram"_s, u"111"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->hasError(), TestSupport::WAIT_MS);
        QCOMPARE(store()->identity(u"telegram"_s, u"111"_s)->userId, id);

        // A link code for linking another account.
        m_controller->requestLinkCode();
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->linkCode().isEmpty(), TestSupport::WAIT_MS);
    }

    void deletesAMemory()
    {
        makeController();
        const QString id = createUser(u"Cy"_s);
        QVERIFY(!id.isEmpty());
        for (const QString &text : { u"likes tea"_s, u"has a cat"_s }) {
            QVERIFY(AppTest::call(*m_host, u"memory.add"_s, { { u"userId"_s, id }, { u"content"_s, text } }).ok);
        }
        m_controller->selectUser(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->memories()->rowCount(), 2, TestSupport::WAIT_MS);
        const QModelIndexList tea = m_controller->memories()->match(
            m_controller->memories()->index(0), MemoryListModel::ContentRole, u"likes tea"_s);
        QCOMPARE(tea.size(), 1);
        m_controller->deleteMemory(tea.first().data(MemoryListModel::MemoryIdRole).toLongLong());
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->memories()->rowCount(), 1, TestSupport::WAIT_MS);
        QCOMPARE(m_host->service()->people()->memories()->count(id), 1);
        QCOMPARE(m_host->service()->people()->memories()->list(id).first().content, u"has a cat"_s);
    }

    void exportsAndDeletes()
    {
        makeController();
        const QString id = createUser(u"Dee"_s);
        QVERIFY(!id.isEmpty());
        QVERIFY(
            AppTest::call(*m_host, u"memory.add"_s, { { u"userId"_s, id }, { u"content"_s, u"plays chess"_s } }).ok);
        m_controller->selectUser(id);
        QVERIFY(m_controller->suggestedExportPath().endsWith(u".json"_s));
        const QString path = m_home->dir.filePath(u"export/dee.json"_s);
        QVERIFY(QDir().mkpath(m_home->dir.filePath(u"export"_s)));
        QSignalSpy exported(m_controller.get(), &UsersController::exported);
        m_controller->exportUser(QUrl::fromLocalFile(path).toString());
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, TestSupport::WAIT_MS);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        QVERIFY(QJsonDocument::fromJson(json).isObject());
        QVERIFY(json.contains(id.toUtf8()));
        QVERIFY(json.contains("plays chess"));
        QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());

        m_controller->deleteUser();
        QTRY_VERIFY_WITH_TIMEOUT(!store()->get(id), TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->users()->rowCount(), 1, TestSupport::WAIT_MS);
        QVERIFY(m_controller->selectedUserId().isEmpty());
        QCOMPARE(m_controller->memories()->rowCount(), 0);
    }

    void badInput()
    {
        makeController();
        m_controller->createUser(u"   "_s, u"user"_s);
        QVERIFY(m_controller->errorString().contains(u"name"_s));
        m_controller->clearError();
        m_controller->createUser(u"Eve"_s, u"king"_s);
        QVERIFY(m_controller->errorString().contains(u"admin, user or child"_s));
        m_controller->clearError();
        m_controller->setRole(u"admin"_s); // nobody selected
        QVERIFY(m_controller->errorString().contains(u"Select a user"_s));
        m_controller->clearError();
        m_controller->selectUser(u"no-such-user"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->errorString().contains(u"unknown user"_s), TestSupport::WAIT_MS);
        m_controller->clearError();
        m_controller->exportUser(u"relative/path.json"_s);
        QVERIFY(m_controller->errorString().contains(u"full path"_s));
        QCOMPARE(m_controller->users()->rowCount(), 1);

        // The owner keeps the admin role and cannot be deleted.
        const QString owner = m_controller->users()->index(0).data(UserListModel::UserIdRole).toString();
        m_controller->clearError();
        m_controller->selectUser(owner);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->isOwner(), TestSupport::WAIT_MS);
        m_controller->setRole(u"child"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->hasError(), TestSupport::WAIT_MS);
        QCOMPARE(Gateway::People::roleName(store()->get(owner)->role), u"admin"_s);
        m_controller->clearError();
        m_controller->deleteUser();
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->hasError(), TestSupport::WAIT_MS);
        QVERIFY(store()->get(owner));
    }

    void mainWindowShowsBothPages()
    {
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

        QVERIFY(QQmlProperty::write(window, u"currentPage"_s, u"channels"_s));
        QQuickItem *channels = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (channels = findItem(window->contentItem(), u"channelsPage"_s)) && channels->isVisible(),
            TestSupport::WAIT_MS);
        QTRY_VERIFY_WITH_TIMEOUT(findItem(window->contentItem(), u"channelCard_telegram"_s), TestSupport::WAIT_MS);
        QVERIFY(findItem(window->contentItem(), u"channelCard_webchat"_s));
        QVERIFY(findItem(window->contentItem(), u"secret_whatsapp_app_secret"_s));

        QVERIFY(QQmlProperty::write(window, u"currentPage"_s, u"users"_s));
        QQuickItem *users = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (users = findItem(window->contentItem(), u"usersPage"_s)) && users->isVisible(), TestSupport::WAIT_MS);
        QVERIFY(!channels->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(findItem(window->contentItem(), u"userList"_s), TestSupport::WAIT_MS);
        auto *list = findItem(window->contentItem(), u"userList"_s);
        QTRY_COMPARE_WITH_TIMEOUT(QQmlProperty::read(list, u"count"_s).toInt(), 1, TestSupport::WAIT_MS);
        // Selecting a user (through the instance QML uses) shows the details.
        UsersController *controller = UsersController::create(&engine, &engine);
        QVERIFY(!findItem(window->contentItem(), u"userDetails"_s)->isVisible());
        controller->createUser(u"Ana"_s, u"child"_s);
        QTRY_COMPARE_WITH_TIMEOUT(QQmlProperty::read(list, u"count"_s).toInt(), 2, TestSupport::WAIT_MS);
        QVERIFY(AppTest::call(*m_host, u"memory.add"_s,
            { { u"userId"_s, controller->selectedUserId() }, { u"content"_s, u"likes tea"_s } })
                    .ok);
        QVERIFY(AppTest::call(*m_host, u"identities.link"_s,
            { { u"userId"_s, controller->selectedUserId() }, { u"channel"_s, u"telegram"_s },
                { u"externalId"_s, u"4242"_s } })
                    .ok);
        controller->selectUser(controller->selectedUserId());
        QTRY_VERIFY_WITH_TIMEOUT(findItem(window->contentItem(), u"userDetails"_s)->isVisible(), TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(controller->memories()->rowCount(), 1, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(
            QQmlProperty::read(findItem(window->contentItem(), u"userRole"_s), u"currentValue"_s).toString(),
            u"child"_s, TestSupport::WAIT_MS);
        // Keyboard: Enter in the name field creates the user; Enter on Create with no name is an
        // error shown in the page's banner.
        auto *nameField = findItem(window->contentItem(), u"newUserName"_s);
        QVERIFY(nameField);
        nameField->forceActiveFocus();
        QVERIFY(QQmlProperty::write(nameField, u"text"_s, u"Bo"_s));
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(QQmlProperty::read(list, u"count"_s).toInt(), 3, TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(controller->displayName(), u"Bo"_s, TestSupport::WAIT_MS);
        auto *create = findItem(window->contentItem(), u"createUser"_s);
        create->forceActiveFocus();
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(findItem(window->contentItem(), u"usersError"_s)->isVisible(), TestSupport::WAIT_MS);
        QVERIFY(controller->errorString().contains(u"name"_s));
        controller->clearError();
        controller->selectUser(store()->identity(u"telegram"_s, u"4242"_s)->userId);
        QTRY_COMPARE_WITH_TIMEOUT(controller->memories()->rowCount(), 1, TestSupport::WAIT_MS);
        if (qEnvironmentVariableIsSet("SKYNET_SCREENSHOT_DIR")) {
            const QString dir = qEnvironmentVariable("SKYNET_SCREENSHOT_DIR");
            window->grabWindow().save(dir + u"/users.png"_s);
            QQmlProperty::write(window, u"currentPage"_s, u"channels"_s);
            QTest::qWait(200);
            window->grabWindow().save(dir + u"/channels.png"_s);
        }
    }
};

QTEST_MAIN(tst_UsersController)
#include "tst_userscontroller.moc"
