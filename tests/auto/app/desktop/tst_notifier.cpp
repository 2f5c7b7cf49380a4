// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Notifier: coalescing, the off switch and the gateway events it turns into notifications, with a
// recording sink instead of the tray.

#include <QSignalSpy>
#include <QTest>

#include "agent/providerpool.h"
#include "channels/channelmanager.h"
#include "desktop/notifier.h"
#include "providers/provider.h"
#include "service/service.h"
#include "testsupport.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{

struct Shown
{
    QString title;
    QString message;
    QString page;
};

class RecordingSink final : public NotificationSink
{
public:
    void showNotification(const QString &title, const QString &message, const QString &page) override
    {
        shown.append({ title, message, page });
    }
    QList<Shown> shown;
};

/// A provider that is never called: the pool only needs its id.
class IdleProvider final : public Gateway::Providers::Provider
{
public:
    explicit IdleProvider(QString id) : m_id(std::move(id)) { }
    QString id() const override { return m_id; }
    QString kind() const override { return u"idle"_s; }
    bool isLocal() const override { return true; }
    Gateway::Providers::ChatStream *chat(const Gateway::Providers::ChatRequest &, QObject *) override
    {
        return nullptr;
    }
    void listModels(std::function<void(Gateway::Result<QList<Gateway::Providers::ModelInfo>>)> done) override
    {
        done(QList<Gateway::Providers::ModelInfo>());
    }

private:
    QString m_id;
};

constexpr auto SHORT = 200ms;

} // namespace

class tst_Notifier final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstShowsAtOnce();
    void burstBecomesOneSummary();
    void oneHeldMessageShowsAsIs();
    void duplicatesCountOnce();
    void stormIsBounded();
    void offSwitch();
    void noSinkDropsQuietly();
    void pairingRequest();
    void longDetailsAreClipped();
    void deliveryFailuresFromService();
    void providerGoingDown();
};

void tst_Notifier::firstShowsAtOnce()
{
    RecordingSink sink;
    Notifier notifier;
    QCOMPARE(notifier.interval(), Notifier::DEFAULT_INTERVAL);
    notifier.setSink(&sink);
    QVERIFY(!notifier.isHolding());
    notifier.post(u"A"_s, u"a"_s, u"logs"_s);
    QCOMPARE(sink.shown.size(), 1);
    QCOMPARE(sink.shown.at(0).title, u"A"_s);
    QCOMPARE(sink.shown.at(0).message, u"a"_s);
    QCOMPARE(sink.shown.at(0).page, u"logs"_s);
    QVERIFY(notifier.isHolding()); // the next one waits for the interval
}

void tst_Notifier::burstBecomesOneSummary()
{
    RecordingSink sink;
    Notifier notifier;
    notifier.setInterval(SHORT);
    notifier.setSink(&sink);
    notifier.post(u"First"_s, u"1"_s, u"channels"_s);
    notifier.post(u"Second"_s, u"2"_s, u"channels"_s);
    notifier.post(u"Third"_s, u"3"_s, u"providers"_s);
    notifier.post(u"Fourth"_s, u"4"_s, u"channels"_s);
    notifier.post(u"Fifth"_s, u"5"_s, u"channels"_s);
    QCOMPARE(sink.shown.size(), 1);
    QCOMPARE(notifier.pendingCount(), 4);

    QTRY_COMPARE(sink.shown.size(), 2);
    const Shown summary = sink.shown.at(1);
    QCOMPARE(summary.title, u"Skynet: 4 events"_s);
    QCOMPARE(summary.message, u"Second\nThird\nFourth\nand 1 more"_s);
    QCOMPARE(summary.page, QString()); // mixed pages: none in particular
    QCOMPARE(notifier.pendingCount(), 0);

    // Quiet for an interval: the next event shows at once again.
    QTRY_VERIFY(!notifier.isHolding());
    notifier.post(u"Later"_s, u"6"_s, u"users"_s);
    QCOMPARE(sink.shown.size(), 3);
    QCOMPARE(sink.shown.at(2).title, u"Later"_s);
}

void tst_Notifier::oneHeldMessageShowsAsIs()
{
    RecordingSink sink;
    Notifier notifier;
    notifier.setInterval(SHORT);
    notifier.setSink(&sink);
    notifier.post(u"A"_s, u"a"_s, u"channels"_s);
    notifier.post(u"B"_s, u"b"_s, u"users"_s);
    QCOMPARE(sink.shown.size(), 1);
    QTRY_COMPARE(sink.shown.size(), 2);
    QCOMPARE(sink.shown.at(1).title, u"B"_s);
    QCOMPARE(sink.shown.at(1).message, u"b"_s);
    QCOMPARE(sink.shown.at(1).page, u"users"_s);
}

void tst_Notifier::duplicatesCountOnce()
{
    RecordingSink sink;
    Notifier notifier;
    notifier.setInterval(SHORT);
    notifier.setSink(&sink);
    notifier.post(u"A"_s, u"a"_s, {});
    for (int i = 0; i < 10; ++i)
        notifier.post(u"Same"_s, u"same"_s, u"channels"_s);
    QCOMPARE(notifier.pendingCount(), 1);
    QTRY_COMPARE(sink.shown.size(), 2);
    QCOMPARE(sink.shown.at(1).title, u"Same"_s);
}

void tst_Notifier::stormIsBounded()
{
    RecordingSink sink;
    Notifier notifier;
    notifier.setInterval(SHORT);
    notifier.setSink(&sink);
    for (int i = 0; i < 500; ++i)
        notifier.post(u"Failure %1"_s.arg(i), u"x"_s, u"channels"_s);
    QCOMPARE(sink.shown.size(), 1);
    QCOMPARE(notifier.pendingCount(), 499);
    QTRY_COMPARE(sink.shown.size(), 2);
    QCOMPARE(sink.shown.at(1).title, u"Skynet: 499 events"_s);
    QVERIFY(sink.shown.at(1).message.endsWith(u"and 496 more"_s));
    QCOMPARE(sink.shown.at(1).page, u"channels"_s); // all about one page
    // Nothing more arrives: nothing more is shown.
    QTRY_VERIFY(!notifier.isHolding());
    QCOMPARE(sink.shown.size(), 2);
}

void tst_Notifier::offSwitch()
{
    RecordingSink sink;
    Notifier notifier;
    notifier.setInterval(SHORT);
    notifier.setSink(&sink);
    notifier.setEnabled(false);
    QVERIFY(!notifier.isEnabled());
    notifier.post(u"A"_s, u"a"_s, {});
    notifier.notifyGatewayError(u"port in use"_s);
    QCOMPARE(sink.shown.size(), 0);
    QCOMPARE(notifier.pendingCount(), 0);

    // Turned off while messages are held: they are dropped, not shown later.
    notifier.setEnabled(true);
    notifier.post(u"A"_s, u"a"_s, {});
    notifier.post(u"B"_s, u"b"_s, {});
    QCOMPARE(notifier.pendingCount(), 1);
    notifier.setEnabled(false);
    QCOMPARE(notifier.pendingCount(), 0);
    QVERIFY(!notifier.isHolding());
    QTest::qWait(int(SHORT.count()) * 2); // nothing may arrive after the interval either
    QCOMPARE(sink.shown.size(), 1);
}

void tst_Notifier::noSinkDropsQuietly()
{
    Notifier notifier;
    notifier.post(u"A"_s, u"a"_s, {});
    QCOMPARE(notifier.pendingCount(), 0);
    QVERIFY(!notifier.isHolding());
}

void tst_Notifier::pairingRequest()
{
    RecordingSink sink;
    Notifier notifier;
    notifier.setSink(&sink);
    notifier.notifyPairingRequest(u"telegram"_s, u"482913"_s, u"Alice"_s);
    QCOMPARE(sink.shown.size(), 1);
    QCOMPARE(sink.shown.at(0).title, u"Pairing request on telegram"_s);
    QVERIFY(sink.shown.at(0).message.contains(u"Alice"_s));
    QVERIFY(sink.shown.at(0).message.contains(u"482913"_s));
    QCOMPARE(sink.shown.at(0).page, u"users"_s);

    // No name: still a readable message.
    Notifier second;
    second.setSink(&sink);
    second.notifyPairingRequest(u"discord"_s, u"1"_s, u"  "_s);
    QVERIFY(sink.shown.at(1).message.startsWith(u"Someone"_s));
}

void tst_Notifier::longDetailsAreClipped()
{
    RecordingSink sink;
    Notifier notifier;
    notifier.setSink(&sink);
    notifier.notifyGatewayError(QString(5000, u'e') + u"\n\nsecond line"_s);
    QCOMPARE(sink.shown.size(), 1);
    QCOMPARE(sink.shown.at(0).message.size(), Notifier::MAX_DETAIL_CHARS + 1);
    QVERIFY(sink.shown.at(0).message.endsWith(u'…'));
    QCOMPARE(sink.shown.at(0).page, u"dashboard"_s);
}

void tst_Notifier::deliveryFailuresFromService()
{
    TestSupport::TestGateway gateway;
    QVERIFY2(gateway.isRunning(), qPrintable(gateway.errorString()));
    RecordingSink sink;
    Notifier notifier;
    notifier.setInterval(SHORT);
    notifier.setSink(&sink);
    notifier.watch(gateway.service());
    notifier.watch(gateway.service()); // again (after a restart): still one message per failure

    Gateway::Channels::ChannelManager *channels = gateway.service()->channels();
    QVERIFY(channels);
    Q_EMIT channels->deliveryFailed(u"whatsapp"_s, 7, u"131047: more than 24 hours"_s);
    QCOMPARE(sink.shown.size(), 1);
    QCOMPARE(sink.shown.at(0).title, u"A reply on whatsapp was not delivered"_s);
    QCOMPARE(sink.shown.at(0).message, u"131047: more than 24 hours"_s);
    QCOMPARE(sink.shown.at(0).page, u"channels"_s);

    Q_EMIT channels->deliveryFailed(u"telegram"_s, 8, QString());
    QTRY_COMPARE(sink.shown.size(), 2);
    QCOMPARE(sink.shown.at(1).message, u"The platform refused it."_s);

    // Unwatched: nothing more.
    notifier.watch(nullptr);
    QTRY_VERIFY(!notifier.isHolding());
    Q_EMIT channels->deliveryFailed(u"whatsapp"_s, 9, u"x"_s);
    QCOMPARE(sink.shown.size(), 2);
}

void tst_Notifier::providerGoingDown()
{
    qint64 now = 1'000'000;
    Gateway::Agent::ProviderPool pool;
    pool.setClock([&now] { return now; });
    pool.add(std::make_unique<IdleProvider>(u"ollama"_s), {}, true);
    pool.add(std::make_unique<IdleProvider>(u"broken"_s), {}, false);
    Gateway::Providers::ProviderError error;
    error.kind = Gateway::Providers::ProviderError::Kind::Connect;
    error.message = u"connection refused"_s;
    // Down before the notifier watches: not news.
    for (int i = 0; i < Gateway::Agent::ProviderPool::FAILURES_TO_OPEN; ++i)
        pool.recordFailure(u"broken"_s, error);
    QVERIFY(!pool.isAvailable(u"broken"_s));

    RecordingSink sink;
    Notifier notifier;
    notifier.setInterval(SHORT);
    notifier.setSink(&sink);
    notifier.watchProviders(&pool);
    pool.recordFailure(u"broken"_s, error);
    QCOMPARE(sink.shown.size(), 0);

    // A healthy provider's failures notify once it opens, once.
    pool.recordFailure(u"ollama"_s, error);
    QCOMPARE(sink.shown.size(), 0); // still available
    for (int i = 1; i < Gateway::Agent::ProviderPool::FAILURES_TO_OPEN + 3; ++i)
        pool.recordFailure(u"ollama"_s, error);
    QVERIFY(!pool.isAvailable(u"ollama"_s));
    QCOMPARE(sink.shown.size(), 1);
    QCOMPARE(sink.shown.at(0).title, u"Provider ollama is down"_s);
    QCOMPARE(sink.shown.at(0).page, u"providers"_s);
    QTRY_VERIFY(!notifier.isHolding());
    QCOMPARE(sink.shown.size(), 1);

    // It recovers, then goes down again: a new notification.
    now += Gateway::Agent::ProviderPool::MAX_COOLDOWN_MS + 1;
    pool.recordSuccess(u"ollama"_s, 10);
    QVERIFY(pool.isAvailable(u"ollama"_s));
    for (int i = 0; i < Gateway::Agent::ProviderPool::FAILURES_TO_OPEN; ++i)
        pool.recordFailure(u"ollama"_s, error);
    QVERIFY(!pool.isAvailable(u"ollama"_s));
    QCOMPARE(sink.shown.size(), 2);
}

QTEST_GUILESS_MAIN(tst_Notifier)

#include "tst_notifier.moc"
