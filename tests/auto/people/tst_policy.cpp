// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The policy engine's decisions that the permission matrix does not reach through the protocol:
// models and providers, channel actions, quiet hours (wrapping midnight, time zones), budgets, and
// that every denial is counted.

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include "people/policy.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway::People;

namespace
{
User person(Role role)
{
    User u;
    u.id = u"u_0000000000000001"_s;
    u.displayName = u"Test"_s;
    u.role = role;
    return u;
}

qint64 at(const QString &iso, const QString &zone)
{
    return QDateTime::fromString(iso, Qt::ISODate).toTimeZone(QTimeZone(zone.toUtf8())).toMSecsSinceEpoch();
}

qint64 utc(int hour, int minute)
{
    return QDateTime(QDate(2026, 11, 25), QTime(hour, minute), QTimeZone::utc()).toMSecsSinceEpoch();
}
} // namespace

class tst_Policy final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void methodsFollowTheTable()
    {
        Policy policy;
        const Actor admin { u"a"_s, Role::Admin, u"operator"_s };
        const Actor user { u"u"_s, Role::User, u"operator"_s };
        const Actor child { u"c"_s, Role::Child, u"operator"_s };
        const Actor nobody;
        QVERIFY(policy.method(admin, u"users.delete"_s));
        QVERIFY(!policy.method(user, u"users.delete"_s));
        QCOMPARE(policy.method(user, u"memory.add"_s).ownOnly, true);
        QCOMPARE(policy.method(admin, u"memory.add"_s).ownOnly, false);
        QVERIFY(policy.method(user, u"users.export"_s));
        QVERIFY(!policy.method(child, u"users.export"_s));
        QVERIFY(!policy.method(nobody, u"health"_s));
        // A method nobody classified yet is for admins only.
        QVERIFY(policy.method(admin, u"future.method"_s));
        QVERIFY(!policy.method(user, u"future.method"_s));
        QVERIFY(!policy.method(child, u"future.method"_s));
        QCOMPARE(policy.denials(), 5);
        QCOMPARE(policy.denialsByKind().value(u"method"_s), 5);
        QVERIFY(!policy.method(child, u"config.get"_s).reason.isEmpty());
    }

    void models()
    {
        Policy policy;
        User child = person(Role::Child);
        QVERIFY(policy.model(child, u"ollama"_s, u"llama3.2"_s, true));
        QVERIFY(!policy.model(child, u"anthropic"_s, u"claude-sonnet-4-5"_s, false));
        QVERIFY(policy.model(person(Role::User), u"anthropic"_s, u"claude-sonnet-4-5"_s, false));
        child.allowedModels = QStringList { u"anthropic:claude-haiku-4-5"_s, u"openai"_s };
        QVERIFY(policy.model(child, u"anthropic"_s, u"claude-haiku-4-5"_s, false));
        QVERIFY(!policy.model(child, u"anthropic"_s, u"claude-opus-4-5"_s, false));
        QVERIFY(policy.model(child, u"openai"_s, u"gpt-4o"_s, false));
        // An allowlist replaces the local-only default, also for local models.
        QVERIFY(!policy.model(child, u"ollama"_s, u"llama3.2"_s, true));
        User user = person(Role::User);
        user.allowedModels = QStringList { u"ollama"_s };
        QVERIFY(!policy.model(user, u"anthropic"_s, u"claude-sonnet-4-5"_s, false));
        QCOMPARE(policy.denialsByKind().value(u"model"_s), 4);
    }

    void tools()
    {
        Policy policy;
        const QStringList all { u"current_time"_s, u"memory_forget"_s, u"memory_save"_s, u"memory_search"_s,
            u"terminal"_s };
        QCOMPARE(policy.allowedTools(person(Role::Admin), all), all);
        QCOMPARE(policy.allowedTools(person(Role::User), all), all.mid(0, 4)); // terminal: unclassified
        User child = person(Role::Child);
        QCOMPARE(policy.allowedTools(child, all), all.mid(0, 4));
        child.allowedTools = QStringList { u"current_time"_s, u"terminal"_s };
        // The allowlist narrows; it cannot lift a tool above the role's minimum.
        QCOMPARE(policy.allowedTools(child, all), QStringList { u"current_time"_s });
        QVERIFY(!policy.tool(child, u"memory_save"_s));
        QVERIFY(policy.tool(child, u"current_time"_s));
        QCOMPARE(policy.denialsByKind().value(u"tool"_s), 1);
    }

    void channelActions()
    {
        Policy policy;
        const Actor admin { u"a"_s, Role::Admin, u"telegram"_s };
        const Actor child { u"c"_s, Role::Child, u"telegram"_s };
        QVERIFY(policy.channel(child, u"telegram"_s, u"message"_s));
        QVERIFY(!policy.channel(child, u"telegram"_s, u"send"_s));
        QVERIFY(!policy.channel(Actor { u"u"_s, Role::User, u"discord"_s }, u"discord"_s, u"approve"_s));
        QVERIFY(policy.channel(admin, u"telegram"_s, u"configure"_s));
        QCOMPARE(policy.denialsByKind().value(u"channel"_s), 2);
    }

    void quietHours_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<bool>("quiet");
        QTest::addRow("inside") << u"13:00-15:00"_s << u"UTC"_s << utc(14, 0) << true;
        QTest::addRow("start is inside") << u"13:00-15:00"_s << u"UTC"_s << utc(13, 0) << true;
        QTest::addRow("end is outside") << u"13:00-15:00"_s << u"UTC"_s << utc(15, 0) << false;
        QTest::addRow("wraps midnight, late") << u"21:00-07:00"_s << u"UTC"_s << utc(23, 30) << true;
        QTest::addRow("wraps midnight, early") << u"21:00-07:00"_s << u"UTC"_s << utc(6, 59) << true;
        QTest::addRow("wraps midnight, day") << u"21:00-07:00"_s << u"UTC"_s << utc(12, 0) << false;
        // 20:30 UTC is 21:30 in Berlin (CET in November).
        QTest::addRow("user's zone") << u"21:00-07:00"_s << u"Europe/Berlin"_s << utc(20, 30) << true;
        QTest::addRow("user's zone, not yet") << u"21:00-07:00"_s << u"Europe/Berlin"_s << utc(19, 30) << false;
        QTest::addRow("summer time") << u"21:00-07:00"_s << u"Europe/Berlin"_s
                                     << at(u"2026-07-01T19:30:00Z"_s, u"UTC"_s) << true;
        QTest::addRow("empty") << QString() << u"UTC"_s << utc(3, 0) << false;
        QTest::addRow("equal ends") << u"10:00-10:00"_s << u"UTC"_s << utc(10, 0) << false;
        QTest::addRow("malformed") << u"25:00-07:00"_s << u"UTC"_s << utc(3, 0) << false;
        QTest::addRow("bad zone is UTC") << u"13:00-15:00"_s << u"Not/AZone"_s << utc(14, 0) << true;
    }

    void quietHours()
    {
        QFETCH(QString, spec);
        QFETCH(QString, zone);
        QFETCH(qint64, now);
        QFETCH(bool, quiet);
        QCOMPARE(Policy::inQuietHours(spec, zone, now), quiet);
        User user = person(Role::Child);
        user.quietHours = spec;
        user.timezone = zone;
        Policy policy;
        QCOMPARE(bool(policy.quietHours(user, now)), !quiet);
        QCOMPARE(policy.denials(), quiet ? 1 : 0);
    }

    void quietHoursSyntax()
    {
        QVERIFY(Policy::isValidQuietHours(u"00:00-23:59"_s));
        for (const QString &bad : { u""_s, u"7:00-9:00"_s, u"07:00-9:00"_s, u"07:60-09:00"_s, u"24:00-01:00"_s,
                 u"07:00 - 09:00"_s, u"07:00-09:00x"_s, u"x07:00-09:00"_s })
            QVERIFY2(!Policy::isValidQuietHours(bad), qPrintable(bad));
    }

    void budget()
    {
        Policy policy;
        User user = person(Role::Child);
        QVERIFY(policy.budget(user, 1'000'000, 1'000'000)); // 0 = no budget
        user.dailyTokenBudget = 1000;
        QVERIFY(policy.budget(user, 900, 100)); // exactly fits
        const Decision over = policy.budget(user, 900, 101);
        QVERIFY(!over);
        QVERIFY(over.reason.contains(u"900 of 1000"_s));
        QVERIFY(!policy.budget(user, 1000, 1));
        QCOMPARE(policy.denialsByKind().value(u"budget"_s), 2);
    }
};

QTEST_GUILESS_MAIN(tst_Policy)
#include "tst_policy.moc"
