// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Model routing: the heuristic, /model and session overrides, fixed mode, privacy/offline,
// availability fallback, target parsing, and `skynet-gateway route` end to end.

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "agent/modelrouter.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway;
using namespace Gateway::Agent;

namespace
{

bool hasReason(const QStringList &reasons, const QString &part)
{
    for (const QString &reason : reasons) {
        if (reason.contains(part))
            return true;
    }
    return false;
}

RouteInput input(const QString &text)
{
    RouteInput result;
    result.text = text;
    return result;
}

QByteArray describe(const RouteDecision &decision)
{
    return QJsonDocument(decision.toJson()).toJson(QJsonDocument::Compact);
}

const QString LONG_DESIGN = u"I need your help to design the architecture of a multi-tenant job scheduler for our "
                            "platform. We currently run cron jobs on three servers and they keep colliding. Please "
                            "plan the migration step by step and compare at least two approaches.\n\n"
                            "Requirements:\n"
                            "1. Jobs must run exactly once even when a node dies.\n"
                            "2. Tenants must not starve each other.\n"
                            "3. We need an audit log of every run with its duration and exit status.\n"
                            "4. Operators want a web page with the queue, retries and failures.\n\n"
                            "What storage would you use, and why? How would you shard the queue? What are the "
                            "failure modes of leader election here? Finally, list the trade-offs of each option "
                            "and recommend one, with a rollout plan that does not need downtime."_s;

} // namespace

#define SKIP_WITHOUT_BINARY()                                                                                          \
    do {                                                                                                               \
        if (qEnvironmentVariableIsEmpty("SKYNET_BINARY_DIR"))                                                          \
            QSKIP("SKYNET_BINARY_DIR is not set (run through ctest)");                                                 \
    } while (false)

class tst_ModelRouter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("history");
        QTest::addColumn<int>("attachments");
        QTest::addColumn<QString>("tier");
        QTest::addColumn<QString>("reason");

        // Small talk → trivial.
        QTest::addRow("greeting") << u"hi there"_s << 0 << 0 << u"trivial"_s << u"greeting or small talk (-3)"_s;
        QTest::addRow("thanks") << u"Thanks so much!"_s << 0 << 0 << u"trivial"_s << u"small talk"_s;
        QTest::addRow("good morning with emoji") << u"Good morning 👋"_s << 0 << 0 << u"trivial"_s << u"small talk"_s;
        QTest::addRow("how are you") << u"hey, how are you doing?"_s << 0 << 0 << u"trivial"_s << u"small talk"_s;
        QTest::addRow("ok") << u"ok"_s << 0 << 0 << u"trivial"_s << u"score -3 -> trivial"_s;
        QTest::addRow("emoji only") << u"👍"_s << 0 << 0 << u"trivial"_s << u"small talk"_s;
        // Plain questions → standard.
        QTest::addRow("plain question") << u"What is the capital of France?"_s << 0 << 0 << u"standard"_s
                                        << u"score 0 -> standard"_s;
        QTest::addRow("how-to question") << u"How do I reverse a list in Python?"_s << 0 << 0 << u"standard"_s
                                         << u"score 0 -> standard"_s;
        QTest::addRow("short follow-up") << u"continue"_s << 0 << 0 << u"standard"_s << u"score 0"_s;
        QTest::addRow("an answer is not small talk") << u"yes"_s << 0 << 0 << u"standard"_s << u"score 0"_s;
        QTest::addRow("greeting plus a request")
            << u"hi! can you explain what a monad is?"_s << 0 << 0 << u"standard"_s << u"score 0"_s;
        QTest::addRow("improve is not prove")
            << u"Can you improve this sentence: the cat sat."_s << 0 << 0 << u"standard"_s << u"score 0"_s;
        // Code.
        QTest::addRow("code question") << u"What does this print?\n```python\nprint(1 + 1)\n```"_s << 0 << 0
                                       << u"standard"_s << u"code block (+3)"_s;
        QTest::addRow("code review") << u"Please review this function and point out bugs:\n```cpp\nint twice(int x)\n"
                                        "{\n    return x * 2;\n}\n```"_s
                                     << 0 << 0 << u"complex"_s << u"multi-step or analysis request (review) (+2)"_s;
        QTest::addRow("inline code") << u"Why does `std::move` not move anything?"_s << 0 << 0 << u"standard"_s
                                     << u"inline code (+1)"_s;
        QTest::addRow("code without a fence") << u"fix this:\n#include <cstdio>\nint main() {\n    puts(\"hi\");\n}"_s
                                              << 0 << 0 << u"standard"_s << u"code without a fence"_s;
        QTest::addRow("stack trace") << u"Why?\nTraceback (most recent call last):\n  File \"a.py\", line 1\n"
                                        "ZeroDivisionError: division by zero"_s
                                     << 0 << 0 << u"standard"_s << u"stack trace or error output (+2)"_s;
        QTest::addRow("refactor with code")
            << u"Refactor this into smaller functions:\n```js\nfunction f(a) { return a; }\n```"_s << 0 << 0
            << u"complex"_s << u"refactor"_s;
        // Math.
        QTest::addRow("proof") << u"Prove that there are infinitely many primes."_s << 0 << 0 << u"complex"_s
                               << u"proof or derivation (prove) (+5)"_s;
        QTest::addRow("derivation") << u"Derive the quadratic formula."_s << 0 << 0 << u"complex"_s
                                    << u"proof or derivation (derive) (+5)"_s;
        QTest::addRow("latex integral") << u"Evaluate $$\\int_0^1 x^2 \\, dx$$"_s << 0 << 0 << u"complex"_s
                                        << u"LaTeX or math notation (+3)"_s;
        QTest::addRow("equation") << u"Solve x^2 + 3x - 4 = 0"_s << 0 << 0 << u"standard"_s << u"equation (+2)"_s;
        QTest::addRow("math terms") << u"What is the derivative of sin?"_s << 0 << 0 << u"standard"_s
                                    << u"math (derivative) (+3)"_s;
        // Multi-step and analysis.
        QTest::addRow("long design request") << LONG_DESIGN << 0 << 0 << u"complex"_s
                                             << u"multi-step or analysis request (step by step, compare, design, plan, "
                                                "architecture, trade-offs, migrate) (+4)"_s;
        QTest::addRow("list") << u"Shopping:\n- milk\n- eggs"_s << 0 << 0 << u"standard"_s << u"list of 2 items (+2)"_s;
        QTest::addRow("several questions")
            << u"What is X? And what is Y? Which is older?"_s << 0 << 0 << u"standard"_s << u"3 questions (+1)"_s;
        // Depth and attachments.
        QTest::addRow("code question, shallow")
            << u"How does this work?\n```js\nlet a = 1;\n```"_s << 0 << 0 << u"standard"_s << u"score 3 -> standard"_s;
        QTest::addRow("code question, deep") << u"How does this work?\n```js\nlet a = 1;\n```"_s << 25 << 0
                                             << u"complex"_s << u"conversation depth (25 messages) (+2)"_s;
        QTest::addRow("plain question, some depth")
            << u"And in Germany?"_s << 8 << 0 << u"standard"_s << u"conversation depth (8 messages) (+1)"_s;
        QTest::addRow("thanks, deep") << u"thanks!"_s << 40 << 0 << u"trivial"_s << u"score -1 -> trivial"_s;
        QTest::addRow("greeting with an attachment") << u"hi"_s << 0 << 1 << u"standard"_s << u"1 attachment (+2)"_s;
        QTest::addRow("compare attachments")
            << u"Compare these two contracts."_s << 0 << 2 << u"complex"_s << u"2 attachments (+4)"_s;
        QTest::addRow("attachments capped") << u"Summarize"_s << 0 << 5 << u"standard"_s << u"5 attachments (+4)"_s;
    }

    void classify()
    {
        QFETCH(QString, text);
        QFETCH(int, history);
        QFETCH(int, attachments);
        QFETCH(QString, tier);
        QFETCH(QString, reason);
        const Classification result = ModelRouter::classify(text, history, attachments);
        QVERIFY2(result.reasons.contains(reason) || hasReason(result.reasons, reason),
            qPrintable(result.reasons.join(u" | "_s)));
        QVERIFY2(result.tier == tier, qPrintable(result.reasons.join(u" | "_s)));
        // Deterministic: the same input gives the same answer.
        const Classification again = ModelRouter::classify(text, history, attachments);
        QCOMPARE(again.reasons, result.reasons);
        QCOMPARE(again.score, result.score);
    }

    void routeUsesTierTargets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addRow("trivial") << u"hello"_s << u"ollama"_s << u"llama3.2"_s;
        QTest::addRow("standard") << u"What is the capital of France?"_s << u"anthropic"_s << u"claude-sonnet-4-5"_s;
        QTest::addRow("complex") << u"Prove that sqrt(2) is irrational."_s << u"anthropic"_s << u"claude-opus-4-5"_s;
    }

    void routeUsesTierTargets()
    {
        QFETCH(QString, text);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        const ModelRouter router({}, {});
        const RouteDecision decision = router.route(input(text));
        QCOMPARE(decision.provider, provider);
        QCOMPARE(decision.model, model);
        QVERIFY(!decision.overridden);
        QCOMPARE(decision.stripped, text);
        QVERIFY(decision.isValid());
    }

    void overrides_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("session");
        QTest::addColumn<bool>("overridden");
        QTest::addColumn<QString>("tier");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("stripped");

        QTest::addRow("provider:model") << u"/model anthropic:claude-opus-4-5 explain monads"_s << QString() << true
                                        << u"override"_s << u"anthropic"_s << u"claude-opus-4-5"_s
                                        << u"explain monads"_s;
        QTest::addRow("ollama tag with colons") << u"/model ollama:llama3.2:3b hi"_s << QString() << true
                                                << u"override"_s << u"ollama"_s << u"llama3.2:3b"_s << u"hi"_s;
        QTest::addRow("bare ollama tag") << u"/model llama3.2:3b hi"_s << QString() << true << u"override"_s
                                         << u"ollama"_s << u"llama3.2:3b"_s << u"hi"_s;
        QTest::addRow("provider only") << u"/model openai what now"_s << QString() << true << u"override"_s
                                       << u"openai"_s << u"gpt-4o-mini"_s << u"what now"_s;
        QTest::addRow("tier") << u"/model complex hi"_s << QString() << true << u"complex"_s << u"anthropic"_s
                              << u"claude-opus-4-5"_s << u"hi"_s;
        QTest::addRow("tier, upper case") << u"/model TRIVIAL Prove Fermat"_s << QString() << true << u"trivial"_s
                                          << u"ollama"_s << u"llama3.2"_s << u"Prove Fermat"_s;
        QTest::addRow("short name") << u"/model opus hi"_s << QString() << true << u"override"_s << u"anthropic"_s
                                    << u"claude-opus-4-5"_s << u"hi"_s;
        QTest::addRow("bare model id keeps its name")
            << u"/model gpt-4o"_s << QString() << true << u"override"_s << u"openai"_s << u"gpt-4o"_s << QString();
        QTest::addRow("bare claude id") << u"/model claude-haiku-4-5 hi"_s << QString() << true << u"override"_s
                                        << u"anthropic"_s << u"claude-haiku-4-5"_s << u"hi"_s;
        QTest::addRow("leading space, text on the next line")
            << u"  /model  trivial\nWrite a long essay"_s << QString() << true << u"trivial"_s << u"ollama"_s
            << u"llama3.2"_s << u"Write a long essay"_s;
        QTest::addRow("session pin") << u"hi"_s << u"anthropic:claude-haiku-4-5"_s << true << u"override"_s
                                     << u"anthropic"_s << u"claude-haiku-4-5"_s << u"hi"_s;
        QTest::addRow("message beats the session") << u"/model ollama hi"_s << u"complex"_s << true << u"override"_s
                                                   << u"ollama"_s << u"llama3.2"_s << u"hi"_s;
        QTest::addRow("/model auto ignores the pin") << u"/model auto hello"_s << u"complex"_s << false << u"trivial"_s
                                                     << u"ollama"_s << u"llama3.2"_s << u"hello"_s;
        QTest::addRow("session auto") << u"hello"_s << u"auto"_s << false << u"trivial"_s << u"ollama"_s
                                      << u"llama3.2"_s << u"hello"_s;
        QTest::addRow("not a command: /modelx") << u"/modelx hi"_s << QString() << false << u"standard"_s
                                                << u"anthropic"_s << u"claude-sonnet-4-5"_s << u"/modelx hi"_s;
        QTest::addRow("not at the start") << u"please /model opus"_s << QString() << false << u"standard"_s
                                          << u"anthropic"_s << u"claude-sonnet-4-5"_s << u"please /model opus"_s;
    }

    void overrides()
    {
        QFETCH(QString, text);
        QFETCH(QString, session);
        QFETCH(bool, overridden);
        QFETCH(QString, tier);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(QString, stripped);
        const ModelRouter router({}, {});
        RouteInput routeInput = input(text);
        routeInput.sessionOverride = session;
        const RouteDecision decision = router.route(routeInput);
        QVERIFY2(decision.overridden == overridden, describe(decision).constData());
        QVERIFY2(decision.tier == tier, describe(decision).constData());
        QCOMPARE(decision.provider, provider);
        QCOMPARE(decision.model, model);
        QCOMPARE(decision.stripped, stripped);
        if (overridden)
            QCOMPARE(decision.reasons.value(0), u"explicit override"_s);
    }

    void overrideSpecIsReported()
    {
        const ModelRouter router({}, {});
        QCOMPARE(router.route(input(u"/model ollama:qwen2.5:7b hi"_s)).overrideSpec, u"ollama:qwen2.5:7b"_s);
        QCOMPARE(router.route(input(u"/model auto hi"_s)).overrideSpec, u"auto"_s);
        QCOMPARE(router.route(input(u"hi"_s)).overrideSpec, QString());
        const RouteDecision bare = router.route(input(u"/model"_s));
        QVERIFY(!bare.overridden);
        QCOMPARE(bare.stripped, QString());
    }

    void fixedMode()
    {
        Config::RoutingSettings routing;
        routing.mode = u"fixed"_s;
        const ModelRouter router(routing, {});
        for (const QString &text : { u"hi"_s, u"Prove that there are infinitely many primes."_s, LONG_DESIGN }) {
            const RouteDecision decision = router.route(input(text));
            QCOMPARE(decision.tier, u"standard"_s);
            QCOMPARE(decision.model, u"claude-sonnet-4-5"_s);
            QCOMPARE(decision.reasons, QStringList { u"routing mode is fixed"_s });
        }
        // An explicit override still wins.
        const RouteDecision pinned = router.route(input(u"/model complex hi"_s));
        QVERIFY(pinned.overridden);
        QCOMPARE(pinned.model, u"claude-opus-4-5"_s);
    }

    void localOnly_data()
    {
        QTest::addColumn<bool>("privacy");
        QTest::addColumn<bool>("offline");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ollamaEnabled");
        QTest::addColumn<QString>("ollamaUrl");
        QTest::addColumn<QString>("openaiUrl");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("reason");

        const QString complexText = u"Prove that sqrt(2) is irrational."_s;
        QTest::addRow("privacy: cloud tier falls back to ollama")
            << true << false << complexText << true << QString() << QString() << u"ollama"_s << u"llama3.2"_s
            << u"anthropic is not a local provider (privacy mode); falling back to ollama:llama3.2 (priority 1)"_s;
        QTest::addRow("offline: cloud tier falls back to ollama")
            << false << true << complexText << true << QString() << QString() << u"ollama"_s << u"llama3.2"_s
            << u"anthropic is not a local provider (offline mode); falling back to ollama:llama3.2 (priority 1)"_s;
        QTest::addRow("privacy: trivial stays on ollama")
            << true << false << u"hello"_s << true << QString() << QString() << u"ollama"_s << u"llama3.2"_s
            << u"small talk"_s;
        QTest::addRow("privacy: a local OpenAI-compatible server")
            << true << false << complexText << false << QString() << u"http://127.0.0.1:1234/v1"_s << u"openai"_s
            << u"gpt-4o-mini"_s << u"falling back to openai:gpt-4o-mini (priority 3)"_s;
        QTest::addRow("privacy: a remote OpenAI server is not local")
            << true << false << complexText << false << QString() << u"https://api.example.com/v1"_s << QString()
            << QString() << u"no other local provider is available"_s;
        QTest::addRow("privacy: a remote Ollama is not local")
            << true << false << u"hello"_s << true << u"http://gpu.lan:11434"_s << QString() << QString() << QString()
            << u"ollama is not a local provider (privacy mode); no other local provider is available"_s;
        QTest::addRow("privacy: an override does not bypass it")
            << true << false << u"/model anthropic:claude-opus-4-5 hi"_s << true << QString() << QString()
            << u"ollama"_s << u"llama3.2"_s << u"anthropic is not a local provider (privacy mode)"_s;
    }

    void localOnly()
    {
        QFETCH(bool, privacy);
        QFETCH(bool, offline);
        QFETCH(QString, text);
        QFETCH(bool, ollamaEnabled);
        QFETCH(QString, ollamaUrl);
        QFETCH(QString, openaiUrl);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(QString, reason);
        Config::RoutingSettings routing;
        routing.privacy = privacy;
        routing.offline = offline;
        Config::ProvidersSettings providers;
        providers.ollama.enabled = ollamaEnabled;
        providers.ollama.baseUrl = ollamaUrl;
        providers.openai.baseUrl = openaiUrl;
        const ModelRouter router(routing, providers);
        const RouteDecision decision = router.route(input(text));
        QVERIFY2(decision.provider == provider, describe(decision).constData());
        QCOMPARE(decision.model, model);
        QCOMPARE(decision.isValid(), !provider.isEmpty());
        QVERIFY2(hasReason(decision.reasons, reason), describe(decision).constData());
    }

    void isLocalProvider_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<bool>("local");
        QTest::addRow("ollama default") << u"ollama"_s << QString() << true;
        QTest::addRow("ollama localhost") << u"ollama"_s << u"http://localhost:11434"_s << true;
        QTest::addRow("ollama [::1]") << u"ollama"_s << u"http://[::1]:11434"_s << true;
        QTest::addRow("ollama 127.0.0.2 without scheme") << u"ollama"_s << u"127.0.0.2:11434"_s << true;
        QTest::addRow("ollama on the LAN") << u"ollama"_s << u"http://10.0.0.5:11434"_s << false;
        QTest::addRow("openai default is the cloud") << u"openai"_s << QString() << false;
        QTest::addRow("openai localhost") << u"openai"_s << u"http://localhost:8080/v1"_s << true;
        QTest::addRow("openai 127.0.0.1") << u"openai"_s << u"http://127.0.0.1:1234/v1"_s << true;
        QTest::addRow("openai look-alike host") << u"openai"_s << u"http://127.0.0.1.evil.example/v1"_s << false;
        QTest::addRow("openai localhost. look-alike") << u"openai"_s << u"http://localhost.evil.example/v1"_s << false;
        QTest::addRow("openai userinfo trick") << u"openai"_s << u"http://localhost@evil.example/v1"_s << false;
        QTest::addRow("anthropic is never local") << u"anthropic"_s << u"http://localhost:8080"_s << false;
        QTest::addRow("unknown provider") << u"mystery"_s << u"http://localhost"_s << false;
    }

    void isLocalProvider()
    {
        QFETCH(QString, provider);
        QFETCH(QString, baseUrl);
        QFETCH(bool, local);
        Config::ProviderSettings settings;
        settings.baseUrl = baseUrl;
        QCOMPARE(ModelRouter::isLocalProvider(provider, settings), local);
    }

    void availabilityFallback_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("unavailable");
        QTest::addColumn<QStringList>("priorities"); // ollama, anthropic, openai
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("reason");

        const QStringList defaults { u"1"_s, u"2"_s, u"3"_s };
        const QString standardText = u"What is the capital of France?"_s;
        QTest::addRow("anthropic down → ollama (priority 1)")
            << standardText << QStringList { u"anthropic"_s } << defaults << u"ollama"_s << u"llama3.2"_s
            << u"anthropic is unavailable; falling back to ollama:llama3.2 (priority 1)"_s;
        QTest::addRow("openai first by priority")
            << standardText << QStringList { u"anthropic"_s } << QStringList { u"5"_s, u"2"_s, u"0"_s } << u"openai"_s
            << u"gpt-4o-mini"_s << u"falling back to openai:gpt-4o-mini (priority 0)"_s;
        QTest::addRow("ollama down → anthropic default model")
            << u"hello"_s << QStringList { u"ollama"_s } << defaults << u"anthropic"_s << u"claude-sonnet-4-5"_s
            << u"ollama is unavailable; falling back to anthropic:claude-sonnet-4-5 (priority 2)"_s;
        QTest::addRow("two down → the third")
            << u"hello"_s << QStringList { u"ollama"_s, u"anthropic"_s } << defaults << u"openai"_s << u"gpt-4o-mini"_s
            << u"falling back to openai:gpt-4o-mini (priority 3)"_s;
        QTest::addRow("equal priorities keep the canonical order")
            << standardText << QStringList { u"anthropic"_s } << QStringList { u"1"_s, u"1"_s, u"1"_s } << u"ollama"_s
            << u"llama3.2"_s << u"falling back to ollama:llama3.2"_s;
        QTest::addRow("nothing available")
            << standardText << QStringList { u"ollama"_s, u"anthropic"_s, u"openai"_s } << defaults << QString()
            << QString() << u"anthropic is unavailable; no other provider is available"_s;
        QTest::addRow("an override to an unavailable provider falls back too")
            << u"/model anthropic:claude-opus-4-5 hi"_s << QStringList { u"anthropic"_s } << defaults << u"ollama"_s
            << u"llama3.2"_s << u"anthropic is unavailable; falling back"_s;
    }

    void availabilityFallback()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, unavailable);
        QFETCH(QStringList, priorities);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(QString, reason);
        Config::ProvidersSettings providers;
        providers.ollama.priority = priorities.at(0).toInt();
        providers.anthropic.priority = priorities.at(1).toInt();
        providers.openai.priority = priorities.at(2).toInt();
        ModelRouter router({}, providers);
        QStringList asked;
        router.setAvailability([&](const QString &id) {
            asked.append(id);
            return !unavailable.contains(id);
        });
        const RouteDecision decision = router.route(input(text));
        QVERIFY2(decision.provider == provider, describe(decision).constData());
        QCOMPARE(decision.model, model);
        QVERIFY2(hasReason(decision.reasons, reason), describe(decision).constData());
        for (const QString &id : std::as_const(asked))
            QVERIFY(ModelRouter::providerIds().contains(id));
    }

    void disabledAndMisconfigured()
    {
        Config::ProvidersSettings providers;
        providers.anthropic.enabled = false;
        const ModelRouter disabled({}, providers);
        RouteDecision decision = disabled.route(input(u"What is the capital of France?"_s));
        QCOMPARE(decision.provider, u"ollama"_s);
        QVERIFY(hasReason(decision.reasons, u"anthropic is disabled; falling back to ollama:llama3.2"_s));

        // Availability cannot re-enable a disabled provider.
        ModelRouter stillDisabled({}, providers);
        stillDisabled.setAvailability([](const QString &) { return true; });
        QCOMPARE(stillDisabled.route(input(u"What is the capital of France?"_s)).provider, u"ollama"_s);

        Config::RoutingSettings routing;
        routing.standard = QString();
        const ModelRouter empty(routing, {});
        decision = empty.route(input(u"What is the capital of France?"_s));
        QCOMPARE(decision.provider, u"ollama"_s);
        QVERIFY(hasReason(decision.reasons, u"routing.standard names no provider"_s));

        Config::ProvidersSettings noModel;
        noModel.ollama.model = QString();
        Config::RoutingSettings providerOnly;
        providerOnly.trivial = u"ollama"_s;
        const ModelRouter missing(providerOnly, noModel);
        decision = missing.route(input(u"hi"_s));
        QCOMPARE(decision.provider, u"anthropic"_s);
        QVERIFY(hasReason(decision.reasons, u"ollama has no model configured"_s));
    }

    void parseTarget_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("allowTier");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("tier");
        QTest::addColumn<bool>("inferred");

        QTest::addRow("provider:model") << u"anthropic:claude-opus-4-5"_s << false << u"anthropic"_s
                                        << u"claude-opus-4-5"_s << QString() << false;
        QTest::addRow("colon inside the model")
            << u"ollama:llama3.2:3b"_s << false << u"ollama"_s << u"llama3.2:3b"_s << QString() << false;
        QTest::addRow("bare ollama tag") << u"llama3.2:3b"_s << false << u"ollama"_s << u"llama3.2:3b"_s << QString()
                                         << true;
        QTest::addRow("hugging face ollama model") << u"hf.co/org/model-GGUF:Q4_K_M"_s << false << u"ollama"_s
                                                   << u"hf.co/org/model-GGUF:Q4_K_M"_s << QString() << true;
        QTest::addRow("provider only") << u"anthropic"_s << false << u"anthropic"_s << u"claude-sonnet-4-5"_s
                                       << QString() << false;
        QTest::addRow("provider and empty model")
            << u"openai:"_s << false << u"openai"_s << u"gpt-4o-mini"_s << QString() << false;
        QTest::addRow("spaces and case") << u"  Anthropic : claude-opus-4-5 "_s << false << u"anthropic"_s
                                         << u"claude-opus-4-5"_s << QString() << false;
        QTest::addRow("claude id") << u"claude-haiku-4-5"_s << false << u"anthropic"_s << u"claude-haiku-4-5"_s
                                   << QString() << true;
        QTest::addRow("gpt id") << u"gpt-4o"_s << false << u"openai"_s << u"gpt-4o"_s << QString() << true;
        QTest::addRow("o-series id") << u"o3-mini"_s << false << u"openai"_s << u"o3-mini"_s << QString() << true;
        QTest::addRow("a provider's default model")
            << u"gpt-4o-mini"_s << false << u"openai"_s << u"gpt-4o-mini"_s << QString() << true;
        QTest::addRow("other local model")
            << u"qwen2.5-coder:7b"_s << false << u"ollama"_s << u"qwen2.5-coder:7b"_s << QString() << true;
        QTest::addRow("tier when allowed") << u"Complex"_s << true << QString() << QString() << u"complex"_s << false;
        QTest::addRow("tier name as a model otherwise")
            << u"complex"_s << false << u"ollama"_s << u"complex"_s << QString() << true;
        QTest::addRow("empty") << u"  "_s << true << QString() << QString() << QString() << false;
    }

    void parseTarget()
    {
        QFETCH(QString, spec);
        QFETCH(bool, allowTier);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(QString, tier);
        QFETCH(bool, inferred);
        const RouteTarget target = ModelRouter::parseTarget(spec, Config::ProvidersSettings {}, allowTier);
        QCOMPARE(target.provider, provider);
        QCOMPARE(target.model, model);
        QCOMPARE(target.tier, tier);
        QCOMPARE(target.inferred, inferred);
    }

    void tierTargetsWithColons()
    {
        Config::RoutingSettings routing;
        routing.trivial = u"ollama:qwen2.5:0.5b"_s;
        routing.standard = u"llama3.1:8b"_s;
        const ModelRouter router(routing, {});
        RouteDecision decision = router.route(input(u"hello"_s));
        QCOMPARE(decision.provider, u"ollama"_s);
        QCOMPARE(decision.model, u"qwen2.5:0.5b"_s);
        decision = router.route(input(u"What is the capital of France?"_s));
        QCOMPARE(decision.provider, u"ollama"_s);
        QCOMPARE(decision.model, u"llama3.1:8b"_s);
    }

    void toJson()
    {
        const ModelRouter router({}, {});
        const QJsonObject json = router.route(input(u"hi there"_s)).toJson();
        QCOMPARE(json.value(u"tier"_s).toString(), u"trivial"_s);
        QCOMPARE(json.value(u"provider"_s).toString(), u"ollama"_s);
        QCOMPARE(json.value(u"model"_s).toString(), u"llama3.2"_s);
        QCOMPARE(json.value(u"score"_s).toInt(), -3);
        QCOMPARE(json.value(u"overridden"_s).toBool(), false);
        QCOMPARE(json.value(u"reasons"_s).toArray().first().toString(), u"greeting or small talk (-3)"_s);
        // The message itself is never part of the decision's JSON.
        QVERIFY(!QJsonDocument(json).toJson().contains("hi there"));
    }

    void hugeInputIsFast()
    {
        QString text;
        for (int i = 0; i < 20000; ++i)
            text += u"line %1: value = x * 2; // some log output that goes on\n"_s.arg(i);
        QElapsedTimer timer;
        timer.start();
        const Classification result = ModelRouter::classify(text);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(result.tier, u"complex"_s);
        QVERIFY(hasReason(result.reasons, u"very long message"_s));
    }

    // ------------------------------------------------------------------ the CLI, end to end

    void cli_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("tier");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("reason");

        QTest::addRow("greeting") << u"hi there"_s << QStringList() << 0 << u"trivial"_s << u"ollama"_s << u"llama3.2"_s
                                  << u"greeting or small talk (-3)"_s;
        QTest::addRow("complex with an Anthropic key")
            << u"Prove that there are infinitely many primes."_s << QStringList { u"ANTHROPIC_API_KEY=sk-ant-test"_s }
            << 0 << u"complex"_s << u"anthropic"_s << u"claude-opus-4-5"_s << u"proof or derivation (prove) (+5)"_s;
        QTest::addRow("complex without a key falls back")
            << u"Prove that there are infinitely many primes."_s << QStringList() << 0 << u"complex"_s << u"ollama"_s
            << u"llama3.2"_s << u"anthropic is unavailable; falling back to ollama:llama3.2 (priority 1)"_s;
        QTest::addRow("privacy from the environment")
            << u"Prove that there are infinitely many primes."_s
            << QStringList { u"ANTHROPIC_API_KEY=sk-ant-test"_s, u"SKYNET_ROUTING_PRIVACY=true"_s } << 0 << u"complex"_s
            << u"ollama"_s << u"llama3.2"_s << u"not a local provider (privacy mode)"_s;
        QTest::addRow("/model override") << u"/model opus hi"_s << QStringList { u"ANTHROPIC_API_KEY=sk-ant-test"_s }
                                         << 0 << u"override"_s << u"anthropic"_s << u"claude-opus-4-5"_s
                                         << u"explicit override"_s;
        QTest::addRow("fixed mode from the environment")
            << u"hi there"_s
            << QStringList { u"SKYNET_ROUTING_MODE=fixed"_s, u"OPENAI_API_KEY=sk-test"_s,
                   u"SKYNET_PROVIDERS_OLLAMA_ENABLED=false"_s }
            << 0 << u"standard"_s << u"openai"_s << u"gpt-4o-mini"_s
            << u"anthropic is unavailable; falling back to openai"_s;
    }

    void cli()
    {
        SKIP_WITHOUT_BINARY();
        QFETCH(QString, text);
        QFETCH(QStringList, env);
        QFETCH(int, exitCode);
        QFETCH(QString, tier);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(QString, reason);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QByteArray out;
        QByteArray err;
        QCOMPARE(runGateway({ u"--home"_s, home.path(), u"route"_s, text }, env, &out, &err), exitCode);
        QCOMPARE(out.count('\n'), 1); // one line, compact
        QJsonParseError parseError;
        const QJsonObject json = QJsonDocument::fromJson(out, &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, QByteArray(out + err).constData());
        QCOMPARE(json.value(u"tier"_s).toString(), tier);
        QCOMPARE(json.value(u"provider"_s).toString(), provider);
        QCOMPARE(json.value(u"model"_s).toString(), model);
        const QStringList reasons = json.value(u"reasons"_s).toVariant().toStringList();
        QVERIFY2(hasReason(reasons, reason), out.constData());
        // Secrets never reach the output.
        QVERIFY(!QByteArray(out + err).contains("sk-ant-test"));
    }

    void cliNothingAvailableExitsWithOne()
    {
        SKIP_WITHOUT_BINARY();
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QByteArray out;
        QByteArray err;
        QCOMPARE(runGateway({ u"--home"_s, home.path(), u"route"_s, u"hello"_s },
                     { u"SKYNET_ROUTING_OFFLINE=true"_s, u"SKYNET_PROVIDERS_OLLAMA_ENABLED=false"_s }, &out, &err),
            1);
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QCOMPARE(json.value(u"provider"_s).toString(), QString());
        QVERIFY2(out.contains("no other local provider is available"), QByteArray(out + err).constData());
    }

    void cliUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("no text") << QStringList { u"route"_s };
        QTest::addRow("two words") << QStringList { u"route"_s, u"hello"_s, u"world"_s };
    }

    void cliUsageErrors()
    {
        SKIP_WITHOUT_BINARY();
        QFETCH(QStringList, args);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QByteArray out;
        QByteArray err;
        QCOMPARE(runGateway(QStringList { u"--home"_s, home.path() } + args, {}, &out, &err), 2);
        QVERIFY2(err.contains("usage: skynet-gateway route \"<text>\""), err.constData());
        QVERIFY(out.isEmpty());
    }

    void cliHelpMentionsRoute()
    {
        SKIP_WITHOUT_BINARY();
        QByteArray out;
        QByteArray err;
        QCOMPARE(runGateway({ u"--help"_s }, {}, &out, &err), 0);
        QVERIFY2(out.contains("route \"<text>\""), out.constData());
    }

private:
    // Runs the built skynet-gateway with a clean environment (no SKYNET_* or provider keys from
    // the developer's shell) plus env; returns the exit code, -1 on crash or timeout.
    static int runGateway(const QStringList &args, const QStringList &env, QByteArray *out, QByteArray *err)
    {
        const QString binaryDir = qEnvironmentVariable("SKYNET_BINARY_DIR");
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        const QStringList keys = environment.keys();
        for (const QString &key : keys) {
            if (key.startsWith(u"SKYNET_"_s) || key.endsWith(u"_API_KEY"_s) || key == u"OLLAMA_HOST")
                environment.remove(key);
        }
        for (const QString &entry : env) {
            const qsizetype eq = entry.indexOf(u'=');
            environment.insert(entry.left(eq), entry.mid(eq + 1));
        }
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QDir(binaryDir).filePath(u"bin/skynet-gateway"_s), args);
        if (!process.waitForStarted(10000))
            return -1;
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished(5000);
            return -1;
        }
        *out = process.readAllStandardOutput();
        *err = process.readAllStandardError();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
};

QTEST_GUILESS_MAIN(tst_ModelRouter)
#include "tst_modelrouter.moc"
