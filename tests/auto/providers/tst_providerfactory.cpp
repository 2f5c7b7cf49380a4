// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include <QTest>

#include "providers/anthropicprovider.h"
#include "providers/openaiprovider.h"
#include "providers/providerfactory.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway::Providers;

namespace
{

ProviderConfig configOf(const QString &kind, const QString &id = {}, const QUrl &baseUrl = {}, const QString &key = {})
{
    ProviderConfig config;
    config.kind = kind;
    config.id = id;
    config.baseUrl = baseUrl;
    config.apiKey = key;
    return config;
}

} // namespace

class tst_ProviderFactory final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseOllamaHost_data();
    void parseOllamaHost();
    void ollamaDefaults();
    void vendorEnvironment();
    void keyNeverLeaksToOtherHosts();
    void explicitValuesWin();
    void defaultsFromEnvironment();
    void create();
    void createRejectsBadConfig();
    void createAllReportsAndSkips();
};

void tst_ProviderFactory::parseOllamaHost_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("url");
    QTest::addRow("wildcard") << u"0.0.0.0"_s << u"http://127.0.0.1:11434"_s;
    QTest::addRow("wildcard with port") << u"0.0.0.0:8080"_s << u"http://127.0.0.1:8080"_s;
    QTest::addRow("port only") << u":11500"_s << u"http://127.0.0.1:11500"_s;
    QTest::addRow("host only") << u"gpu-box"_s << u"http://gpu-box:11434"_s;
    QTest::addRow("host and port") << u"192.168.1.20:11434"_s << u"http://192.168.1.20:11434"_s;
    QTest::addRow("scheme") << u"http://gpu-box:9999"_s << u"http://gpu-box:9999"_s;
    QTest::addRow("https default port") << u"https://ollama.example.com"_s << u"https://ollama.example.com:443"_s;
    QTest::addRow("ipv6") << u"[::1]:11434"_s << u"http://[::1]:11434"_s;
    QTest::addRow("path") << u"http://proxy:80/ollama"_s << u"http://proxy:80/ollama"_s;
    QTest::addRow("spaces") << u"  localhost:11434 "_s << u"http://localhost:11434"_s;
}

void tst_ProviderFactory::parseOllamaHost()
{
    QFETCH(QString, value);
    QFETCH(QString, url);
    QCOMPARE(ProviderFactory::parseOllamaHost(value).toString(), url);
}

void tst_ProviderFactory::ollamaDefaults()
{
    const ProviderConfig plain = ProviderFactory::withEnvironment(configOf(u"ollama"_s), QProcessEnvironment());
    QCOMPARE(plain.baseUrl, QUrl(u"http://127.0.0.1:11434"_s));
    QCOMPARE(plain.id, u"ollama"_s);
    QVERIFY(plain.local);

    QProcessEnvironment env;
    env.insert(u"OLLAMA_HOST"_s, u"gpu-box:11434"_s);
    const ProviderConfig remote = ProviderFactory::withEnvironment(configOf(u"ollama"_s), env);
    QCOMPARE(remote.baseUrl, QUrl(u"http://gpu-box:11434"_s));
    QVERIFY(!remote.local); // another machine: not "local" for privacy mode
}

void tst_ProviderFactory::vendorEnvironment()
{
    QProcessEnvironment env;
    env.insert(u"ANTHROPIC_API_KEY"_s, u"sk-ant-env"_s);
    env.insert(u"OPENAI_API_KEY"_s, u"sk-openai-env"_s);
    const ProviderConfig anthropic = ProviderFactory::withEnvironment(configOf(u"anthropic"_s), env);
    QCOMPARE(anthropic.baseUrl, QUrl(u"https://api.anthropic.com"_s));
    QCOMPARE(anthropic.apiKey, u"sk-ant-env"_s);
    QVERIFY(!anthropic.local);
    const ProviderConfig openai = ProviderFactory::withEnvironment(configOf(u"openai"_s), env);
    QCOMPARE(openai.baseUrl, QUrl(u"https://api.openai.com/v1"_s));
    QCOMPARE(openai.apiKey, u"sk-openai-env"_s);

    env.insert(u"ANTHROPIC_BASE_URL"_s, u"https://gateway.corp.example/anthropic"_s);
    env.insert(u"OPENAI_BASE_URL"_s, u"http://127.0.0.1:8000/v1"_s);
    const ProviderConfig proxied = ProviderFactory::withEnvironment(configOf(u"anthropic"_s), env);
    QCOMPARE(proxied.baseUrl, QUrl(u"https://gateway.corp.example/anthropic"_s));
    QCOMPARE(proxied.apiKey, u"sk-ant-env"_s);
    const ProviderConfig vllm = ProviderFactory::withEnvironment(configOf(u"openai"_s), env);
    QCOMPARE(vllm.baseUrl, QUrl(u"http://127.0.0.1:8000/v1"_s));
    QCOMPARE(vllm.apiKey, u"sk-openai-env"_s);
    QVERIFY(vllm.local);
}

void tst_ProviderFactory::keyNeverLeaksToOtherHosts()
{
    QProcessEnvironment env;
    env.insert(u"OPENAI_API_KEY"_s, u"sk-openai-env"_s);
    env.insert(u"ANTHROPIC_API_KEY"_s, u"sk-ant-env"_s);
    const ProviderConfig lmstudio = ProviderFactory::withEnvironment(
        configOf(u"openai"_s, u"lmstudio"_s, QUrl(u"http://127.0.0.1:1234/v1"_s)), env);
    QVERIFY(lmstudio.apiKey.isEmpty());
    QVERIFY(lmstudio.local);
    const ProviderConfig openrouter = ProviderFactory::withEnvironment(
        configOf(u"openai"_s, u"openrouter"_s, QUrl(u"https://openrouter.ai/api/v1"_s)), env);
    QVERIFY(openrouter.apiKey.isEmpty());
    const ProviderConfig other = ProviderFactory::withEnvironment(
        configOf(u"anthropic"_s, u"compat"_s, QUrl(u"http://127.0.0.1:11434"_s)), env);
    QVERIFY(other.apiKey.isEmpty());
    // The vendor's own host, spelled out, still gets it.
    const ProviderConfig official = ProviderFactory::withEnvironment(
        configOf(u"openai"_s, u"openai"_s, QUrl(u"https://api.openai.com/v1"_s)), env);
    QCOMPARE(official.apiKey, u"sk-openai-env"_s);
}

void tst_ProviderFactory::explicitValuesWin()
{
    QProcessEnvironment env;
    env.insert(u"ANTHROPIC_API_KEY"_s, u"sk-ant-env"_s);
    env.insert(u"OLLAMA_HOST"_s, u"gpu-box"_s);
    const ProviderConfig anthropic
        = ProviderFactory::withEnvironment(configOf(u"anthropic"_s, u"claude"_s, {}, u"sk-ant-from-keychain"_s), env);
    QCOMPARE(anthropic.apiKey, u"sk-ant-from-keychain"_s);
    QCOMPARE(anthropic.id, u"claude"_s);
    const ProviderConfig ollama
        = ProviderFactory::withEnvironment(configOf(u"ollama"_s, {}, QUrl(u"http://127.0.0.1:11500"_s)), env);
    QCOMPARE(ollama.baseUrl, QUrl(u"http://127.0.0.1:11500"_s));
}

void tst_ProviderFactory::defaultsFromEnvironment()
{
    QCOMPARE(ProviderFactory::defaultsFromEnvironment(QProcessEnvironment()).size(), 1);
    QProcessEnvironment env;
    env.insert(u"ANTHROPIC_API_KEY"_s, u"sk-ant-env"_s);
    env.insert(u"OPENAI_BASE_URL"_s, u"http://127.0.0.1:1234/v1"_s);
    const QList<ProviderConfig> configs = ProviderFactory::defaultsFromEnvironment(env);
    QCOMPARE(configs.size(), 3);
    QCOMPARE(configs.at(0).kind, u"ollama"_s);
    QCOMPARE(configs.at(1).kind, u"anthropic"_s);
    QCOMPARE(configs.at(1).apiKey, u"sk-ant-env"_s);
    QCOMPARE(configs.at(2).kind, u"openai"_s);
    QCOMPARE(configs.at(2).baseUrl, QUrl(u"http://127.0.0.1:1234/v1"_s));
    QVERIFY(configs.at(2).local);
}

void tst_ProviderFactory::create()
{
    for (const QString &kind : { u"ollama"_s, u"anthropic"_s, u"openai"_s }) {
        auto result = ProviderFactory::create(
            ProviderFactory::withEnvironment(configOf(kind, kind + u"-1"_s), QProcessEnvironment()));
        QVERIFY(result.ok());
        QCOMPARE(result.value()->kind(), kind);
        QCOMPARE(result.value()->id(), kind + u"-1"_s);
    }
    auto lmstudio = ProviderFactory::create(
        ProviderFactory::withEnvironment(configOf(u"openai"_s, u"lmstudio"_s, QUrl(u"http://localhost:1234"_s)), {}));
    QVERIFY(lmstudio.ok());
    QVERIFY(lmstudio.value()->isLocal());
    auto *openai = dynamic_cast<OpenAiProvider *>(lmstudio.value().get());
    QVERIFY(openai);
    QCOMPARE(openai->baseUrl(), QUrl(u"http://localhost:1234/v1"_s));
}

void tst_ProviderFactory::createRejectsBadConfig()
{
    QVERIFY(!ProviderFactory::create(configOf(u"gemini"_s, u"g"_s)).ok());
    QCOMPARE(ProviderFactory::create(configOf(u"gemini"_s, u"g"_s)).error().code, u"bad_config"_s);
    QVERIFY(!ProviderFactory::create(configOf(u"ollama"_s, u"o"_s, QUrl(u"ftp://127.0.0.1"_s))).ok());
    QVERIFY(!ProviderFactory::create(configOf(u"ollama"_s, u"o"_s, QUrl(u"http://"_s))).ok());
    const auto withPassword
        = ProviderFactory::create(configOf(u"openai"_s, u"o"_s, QUrl(u"http://user:hunter22@127.0.0.1:1234/v1"_s)));
    QVERIFY(!withPassword.ok());
    QVERIFY(!withPassword.error().message.contains(u"hunter22"_s));
}

void tst_ProviderFactory::createAllReportsAndSkips()
{
    QStringList errors;
    const auto providers = ProviderFactory::createAll(
        { configOf(u"ollama"_s), configOf(u"nope"_s, u"broken"_s), configOf(u"anthropic"_s) }, QProcessEnvironment(),
        &errors);
    QCOMPARE(providers.size(), size_t(2));
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.at(0).contains(u"broken"_s));
    QCOMPARE(providers.at(1)->kind(), u"anthropic"_s);
}

QTEST_GUILESS_MAIN(tst_ProviderFactory)
#include "tst_providerfactory.moc"
