// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The Channels page in the real window (offscreen): a stranger's Telegram message appears as a
// pairing row, its Approve button lets them in; a failing connection test shows the platform's
// error on the card.

#include <memory>

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTest>

#include "apphost.h"
#include "backends.h"
#include "faketelegram.h"
#include "gatewaystatus.h"
#include "people/directory.h"
#include "people/userstore.h"
#include "service/service.h"
#include "../guitestsupport.h"

using namespace Qt::StringLiterals;
using GuiTest::findItem;
using GuiTest::loadMainWindow;

namespace
{

void click(QQuickItem *button)
{
    QVERIFY(button);
    QVERIFY(button->isVisible());
    QVERIFY(button->isEnabled());
    button->forceActiveFocus();
    QTest::keyClick(button->window(), Qt::Key_Space);
}

} // namespace

class tst_ChannelsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pairingFromThePage()
    {
        Fakes::FakeTelegram telegram;
        QVERIFY(telegram.listen());
        AppTest::Home home;
        QVERIFY(home.prepare({ { u"channels.telegram.base_url"_s, telegram.baseUrl().toString() },
            { u"channels.telegram.poll_timeout_s"_s, 1 }, { u"channels.telegram.enabled"_s, true },
            { u"channels.telegram.token"_s, u"secret:channels.telegram.token"_s } }));
        QVERIFY(home.secrets->write(u"channels.telegram.token"_s, telegram.token()));
        std::unique_ptr<GatewayHost> host = home.host();
        QVERIFY(host);
        QTRY_VERIFY_WITH_TIMEOUT(host->service()->isReady(), TestSupport::WAIT_MS);

        GatewayStatus status(*host);
        Backends backends(*host);
        QQmlApplicationEngine engine;
        QQuickWindow *window = GuiTest::loadMainWindow(engine);
        QVERIFY(window);
        window->resize(1024, 680);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(QQmlProperty::write(window, u"currentPage"_s, u"channels"_s));
        QTRY_VERIFY_WITH_TIMEOUT(findItem(window->contentItem(), u"channelCard_telegram"_s), TestSupport::WAIT_MS);
        QTRY_COMPARE_WITH_TIMEOUT(
            QQmlProperty::read(findItem(window->contentItem(), u"state_telegram"_s), u"text"_s).toString(),
            u"Running"_s, TestSupport::WAIT_MS);

        // A stranger writes; the page shows the request with the code the bot sent them.
        telegram.injectMessage(5150, 5150, u"hi"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!telegram.sentMessages().isEmpty(), TestSupport::WAIT_MS);
        const QString sent = telegram.sentMessages().constFirst().text;
        const QRegularExpressionMatch code = QRegularExpression(u"code is ([A-Z0-9]+)"_s).match(sent);
        QVERIFY2(code.hasMatch(), qPrintable(sent));
        QQuickItem *approve = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (approve = findItem(window->contentItem(), u"approve_"_s + code.captured(1))), TestSupport::WAIT_MS);
        if (qEnvironmentVariableIsSet("SKYNET_SCREENSHOT_DIR"))
            window->grabWindow().save(qEnvironmentVariable("SKYNET_SCREENSHOT_DIR") + u"/channels-pairing.png"_s);
        click(approve);
        QTRY_VERIFY_WITH_TIMEOUT(
            host->service()->people()->users()->identity(u"telegram"_s, u"5150"_s).has_value(), TestSupport::WAIT_MS);
        QTRY_VERIFY_WITH_TIMEOUT(
            !findItem(window->contentItem(), u"approve_"_s + code.captured(1)), TestSupport::WAIT_MS);

        // Test connection with a wrong token typed in: the platform's error on the card.
        auto *field = findItem(window->contentItem(), u"secret_telegram_token"_s);
        QVERIFY(field);
        QVERIFY(QQmlProperty::write(field, u"text"_s, u"123:wrong"_s));
        click(findItem(window->contentItem(), u"test_telegram"_s));
        auto *result = findItem(window->contentItem(), u"testResult_telegram"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            QQmlProperty::read(result, u"text"_s).toString().contains(u"Unauthorized"_s), TestSupport::WAIT_MS);
        QVERIFY(result->isVisible());
        // Nothing was saved by testing.
        QCOMPARE(home.secrets->read(u"channels.telegram.token"_s).value_or(QString()), telegram.token());
    }
};

QTEST_MAIN(tst_ChannelsPage)
#include "tst_channelspage.moc"
