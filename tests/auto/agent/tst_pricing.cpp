// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The [pricing] table: parsing, error messages, lookup by exact id and dated prefix, cost.

#include <QTest>

#include "agent/pricing.h"
#include "config/settings.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway;
using namespace Gateway::Agent;

namespace
{

Providers::Usage usage(qint64 input, qint64 output, qint64 cacheWrite = 0, qint64 cacheRead = 0)
{
    Providers::Usage u;
    u.inputTokens = input;
    u.outputTokens = output;
    u.cacheWriteTokens = cacheWrite;
    u.cacheReadTokens = cacheRead;
    return u;
}

PriceTable defaultTable()
{
    auto table = PriceTable::parse(Config::PricingSettings {}.table);
    return table ? *table : PriceTable {};
}

} // namespace

class tst_Pricing final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseGood_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QStringList>("models");
        QTest::addRow("empty") << QString() << QStringList();
        QTest::addRow("one") << u"a=1/2"_s << QStringList { u"a"_s };
        QTest::addRow("spaces, newlines, trailing comma")
            << u"  a = 1 / 2 ,\n b=0.5/.25, "_s << QStringList { u"a"_s, u"b"_s };
        QTest::addRow("ids with colons and slashes")
            << u"llama3.2:3b=0/0, org/model@v1=0.1/0.2"_s << QStringList { u"llama3.2:3b"_s, u"org/model@v1"_s };
        QTest::addRow("lower-cased") << u"GPT-4o=2.5/10"_s << QStringList { u"gpt-4o"_s };
    }

    void parseGood()
    {
        QFETCH(QString, table);
        QFETCH(QStringList, models);
        const auto parsed = PriceTable::parse(table);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
        QCOMPARE(parsed->models(), models);
        QCOMPARE(parsed->isEmpty(), models.isEmpty());
    }

    void defaultTableParses()
    {
        const auto parsed = PriceTable::parse(Config::PricingSettings {}.table);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->size(), 12);
    }

    void parseBad_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("message");
        QTest::addRow("no =") << u"gpt-4o"_s << u"entry 1 (\"gpt-4o\"): no '='"_s;
        QTest::addRow("second entry") << u"a=1/2, b"_s << u"entry 2 (\"b\"): no '='"_s;
        QTest::addRow("no model") << u"=1/2"_s << u"the model is missing"_s;
        QTest::addRow("model with a space") << u"my model=1/2"_s << u"\"my model\" is not a model id"_s;
        QTest::addRow("one price") << u"a=1"_s << u"exactly one '/'"_s;
        QTest::addRow("three prices") << u"a=1/2/3"_s << u"exactly one '/'"_s;
        QTest::addRow("input not a number") << u"a=x/2"_s << u"the input price \"x\" is not a non-negative number"_s;
        QTest::addRow("negative output") << u"a=1/-2"_s << u"the output price \"-2\" is not a non-negative number"_s;
        QTest::addRow("missing output") << u"a=1/"_s << u"the output price is missing"_s;
        QTest::addRow("nan") << u"a=nan/1"_s << u"the input price \"nan\""_s;
        QTest::addRow("inf") << u"a=1/inf"_s << u"the output price \"inf\""_s;
        QTest::addRow("exponent") << u"a=1e3/1"_s << u"the input price \"1e3\""_s;
        QTest::addRow("currency sign") << u"a=$3/15"_s << u"the input price \"$3\""_s;
        QTest::addRow("duplicate") << u"a=1/2, A=3/4"_s << u"entry 2 (\"A=3/4\"): \"A\" is listed twice"_s;
    }

    void parseBad()
    {
        QFETCH(QString, table);
        QFETCH(QString, message);
        const auto parsed = PriceTable::parse(table);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, u"PRICING"_s);
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
        QVERIFY(parsed.error().message.startsWith(u"pricing.table entry "_s));
        QVERIFY(parsed.error().message.contains(u"model=input/output"_s));
    }

    void find_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("found");
        QTest::addColumn<double>("input");
        QTest::addColumn<double>("output");
        QTest::addRow("exact") << u"claude-sonnet-4-5"_s << true << 3.0 << 15.0;
        QTest::addRow("case-insensitive") << u"CLAUDE-OPUS-4-5"_s << true << 5.0 << 25.0;
        QTest::addRow("dated Anthropic id") << u"claude-sonnet-4-5-20250929"_s << true << 3.0 << 15.0;
        QTest::addRow("Vertex-style @date") << u"claude-opus-4-5@20251101"_s << true << 5.0 << 25.0;
        QTest::addRow("dated OpenAI id") << u"gpt-4o-2024-08-06"_s << true << 2.5 << 10.0;
        QTest::addRow("longest prefix wins") << u"gpt-4o-mini-2024-07-18"_s << true << 0.15 << 0.6;
        QTest::addRow("prefix must end at a separator") << u"claude-sonnet-4-50"_s << false << 0.0 << 0.0;
        QTest::addRow("shorter id") << u"claude-sonnet-4"_s << false << 0.0 << 0.0;
        QTest::addRow("unknown") << u"llama3.2"_s << false << 0.0 << 0.0;
        QTest::addRow("empty") << QString() << false << 0.0 << 0.0;
    }

    void find()
    {
        QFETCH(QString, model);
        QFETCH(bool, found);
        QFETCH(double, input);
        QFETCH(double, output);
        const std::optional<Price> price = defaultTable().find(model);
        QCOMPARE(price.has_value(), found);
        if (found) {
            QCOMPARE(price->input, input);
            QCOMPARE(price->output, output);
        }
    }

    void cost_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<qint64>("input");
        QTest::addColumn<qint64>("output");
        QTest::addColumn<qint64>("cacheWrite");
        QTest::addColumn<qint64>("cacheRead");
        QTest::addColumn<bool>("local");
        QTest::addColumn<double>("usd");
        // (1000·3 + 2000·3·1.25 + 10000·3·0.1 + 500·15) / 1e6 = (3000 + 7500 + 3000 + 7500) / 1e6
        QTest::addRow("sonnet with cache")
            << u"claude-sonnet-4-5"_s << qint64(1000) << qint64(500) << qint64(2000) << qint64(10000) << false << 0.021;
        QTest::addRow("dated sonnet, same price") << u"claude-sonnet-4-5-20250929"_s << qint64(1000) << qint64(500)
                                                  << qint64(2000) << qint64(10000) << false << 0.021;
        // 1M·5 + 1M·25 per million
        QTest::addRow("opus, a million each")
            << u"claude-opus-4-5"_s << qint64(1000000) << qint64(1000000) << qint64(0) << qint64(0) << false << 30.0;
        // 2M·0.15 + 0.5M·0.6 = 0.3 + 0.3
        QTest::addRow("gpt-4o-mini") << u"gpt-4o-mini"_s << qint64(2000000) << qint64(500000) << qint64(0) << qint64(0)
                                     << false << 0.6;
        // 100k cache reads of haiku: 100000·1·0.1 / 1e6
        QTest::addRow("cache reads only")
            << u"claude-haiku-4-5"_s << qint64(0) << qint64(0) << qint64(0) << qint64(100000) << false << 0.01;
        // 40k cache writes of fable: 40000·10·1.25 / 1e6
        QTest::addRow("cache writes only")
            << u"claude-fable-5"_s << qint64(0) << qint64(0) << qint64(40000) << qint64(0) << false << 0.5;
        QTest::addRow("local costs nothing")
            << u"claude-opus-4-5"_s << qint64(1000000) << qint64(1000000) << qint64(0) << qint64(0) << true << 0.0;
        QTest::addRow("unknown model costs nothing")
            << u"llama3.2"_s << qint64(1000000) << qint64(1000000) << qint64(0) << qint64(0) << false << 0.0;
        QTest::addRow("negative counts are ignored")
            << u"claude-opus-4-5"_s << qint64(-1000000) << qint64(1000000) << qint64(0) << qint64(0) << false << 25.0;
        QTest::addRow("no tokens") << u"claude-opus-4-5"_s << qint64(0) << qint64(0) << qint64(0) << qint64(0) << false
                                   << 0.0;
    }

    void cost()
    {
        QFETCH(QString, model);
        QFETCH(qint64, input);
        QFETCH(qint64, output);
        QFETCH(qint64, cacheWrite);
        QFETCH(qint64, cacheRead);
        QFETCH(bool, local);
        QFETCH(double, usd);
        const double actual = defaultTable().cost(model, usage(input, output, cacheWrite, cacheRead), local);
        QVERIFY2(qAbs(actual - usd) < 1e-12, qPrintable(QString::number(actual, 'g', 17)));
    }

    void emptyTableCostsNothing()
    {
        const PriceTable table;
        QCOMPARE(table.cost(u"claude-opus-4-5"_s, usage(1000, 1000), false), 0.0);
        QVERIFY(!table.find(u"claude-opus-4-5"_s));
    }
};

QTEST_APPLESS_MAIN(tst_Pricing)
#include "tst_pricing.moc"
