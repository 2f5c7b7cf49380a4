// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/providerfactory.h"

#include <QHostAddress>

#include "providers/anthropicprovider.h"
#include "providers/ollamaprovider.h"
#include "providers/openaiprovider.h"
#include "providers/providererror.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Providers
{
namespace
{

QUrl envUrl(const QProcessEnvironment &env, const QString &name)
{
    const QString value = env.value(name).trimmed();
    return value.isEmpty() ? QUrl() : QUrl(value, QUrl::StrictMode);
}

bool sameEndpoint(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == u"https" ? 443 : 80) == b.port(b.scheme() == u"https" ? 443 : 80);
}

// Fills baseUrl and apiKey of a hosted vendor from its two variables.
void applyVendorEnvironment(ProviderConfig &config, const QProcessEnvironment &env, const QString &baseVar,
    const QString &keyVar, const QUrl &vendorDefault)
{
    const QUrl envBase = envUrl(env, baseVar);
    const bool hadBase = !config.baseUrl.isEmpty();
    if (!hadBase)
        config.baseUrl = envBase.isValid() && !envBase.isEmpty() ? envBase : vendorDefault;
    if (!config.apiKey.isEmpty())
        return;
    const bool vendorEndpoint = !hadBase || sameEndpoint(config.baseUrl, vendorDefault)
        || (envBase.isValid() && !envBase.isEmpty() && sameEndpoint(config.baseUrl, envBase));
    if (vendorEndpoint)
        config.apiKey = env.value(keyVar);
}

} // namespace

QUrl ProviderFactory::parseOllamaHost(const QString &value)
{
    QString rest = value.trimmed();
    QString scheme = u"http"_s;
    const qsizetype schemeEnd = rest.indexOf(u"://"_s);
    if (schemeEnd >= 0) {
        scheme = rest.left(schemeEnd).toLower();
        rest = rest.mid(schemeEnd + 3);
    }
    QString path;
    const qsizetype slash = rest.indexOf(u'/');
    if (slash >= 0) {
        path = rest.mid(slash);
        rest = rest.left(slash);
    }
    QString host = rest;
    int port = scheme == u"https" ? 443 : 11434;
    // "[::1]:11434", "host:port", ":11434", "host"
    const qsizetype bracket = rest.lastIndexOf(u']');
    const qsizetype colon = rest.lastIndexOf(u':');
    if (colon > bracket && (bracket >= 0 || rest.count(u':') == 1)) {
        host = rest.left(colon);
        bool ok = false;
        const int parsed = rest.mid(colon + 1).toInt(&ok);
        if (ok && parsed > 0 && parsed < 65536)
            port = parsed;
    }
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.isEmpty() || host == u"0.0.0.0" || host == u"::")
        host = u"127.0.0.1"_s;
    QUrl url;
    url.setScheme(scheme);
    url.setHost(host);
    url.setPort(port);
    if (!path.isEmpty() && path != u"/")
        url.setPath(path);
    return url;
}

bool ProviderFactory::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

ProviderConfig ProviderFactory::withEnvironment(ProviderConfig config, const QProcessEnvironment &env)
{
    if (config.kind == u"ollama") {
        if (config.baseUrl.isEmpty()) {
            const QString host = env.value(u"OLLAMA_HOST"_s);
            config.baseUrl = host.trimmed().isEmpty() ? QUrl(QString::fromLatin1(OllamaProvider::DEFAULT_BASE_URL))
                                                      : parseOllamaHost(host);
        }
    } else if (config.kind == u"anthropic") {
        applyVendorEnvironment(config, env, u"ANTHROPIC_BASE_URL"_s, u"ANTHROPIC_API_KEY"_s,
            QUrl(QString::fromLatin1(AnthropicProvider::DEFAULT_BASE_URL)));
    } else if (config.kind == u"openai") {
        applyVendorEnvironment(config, env, u"OPENAI_BASE_URL"_s, u"OPENAI_API_KEY"_s,
            QUrl(QString::fromLatin1(OpenAiProvider::DEFAULT_BASE_URL)));
    }
    if (config.id.isEmpty())
        config.id = config.kind;
    if (isLoopback(config.baseUrl))
        config.local = true;
    return config;
}

QList<ProviderConfig> ProviderFactory::defaultsFromEnvironment(const QProcessEnvironment &env)
{
    QList<ProviderConfig> configs;
    ProviderConfig ollama;
    ollama.id = ollama.kind = u"ollama"_s;
    configs.append(withEnvironment(ollama, env));
    if (!env.value(u"ANTHROPIC_API_KEY"_s).isEmpty()) {
        ProviderConfig anthropic;
        anthropic.id = anthropic.kind = u"anthropic"_s;
        configs.append(withEnvironment(anthropic, env));
    }
    if (!env.value(u"OPENAI_API_KEY"_s).isEmpty() || !env.value(u"OPENAI_BASE_URL"_s).isEmpty()) {
        ProviderConfig openai;
        openai.id = openai.kind = u"openai"_s;
        configs.append(withEnvironment(openai, env));
    }
    return configs;
}

Result<std::unique_ptr<Provider>> ProviderFactory::create(const ProviderConfig &config)
{
    if (!config.baseUrl.isEmpty()) {
        const QString scheme = config.baseUrl.scheme();
        if (!config.baseUrl.isValid() || (scheme != u"http" && scheme != u"https") || config.baseUrl.host().isEmpty())
            return Error { u"bad_config"_s,
                u"provider %1: base URL must be http(s)://host[:port][/path]"_s.arg(config.id) };
        if (!config.baseUrl.userInfo().isEmpty())
            return Error { u"bad_config"_s,
                u"provider %1: credentials belong in the secret store, not the URL"_s.arg(config.id) };
        if (scheme == u"http" && !config.apiKey.isEmpty() && !isLoopback(config.baseUrl))
            qCWarning(lcGatewayProviders).noquote()
                << "provider" << config.id << "sends its API key over plain http to" << config.baseUrl.host();
    }
    std::unique_ptr<Provider> provider;
    if (config.kind == u"ollama")
        provider = std::make_unique<OllamaProvider>(config);
    else if (config.kind == u"anthropic")
        provider = std::make_unique<AnthropicProvider>(config);
    else if (config.kind == u"openai")
        provider = std::make_unique<OpenAiProvider>(config);
    else
        return Error { u"bad_config"_s, u"provider %1: unknown kind \"%2\""_s.arg(config.id, config.kind) };
    return provider;
}

std::vector<std::unique_ptr<Provider>> ProviderFactory::createAll(
    const QList<ProviderConfig> &configs, const QProcessEnvironment &env, QStringList *errors)
{
    std::vector<std::unique_ptr<Provider>> providers;
    for (const ProviderConfig &config : configs) {
        Result<std::unique_ptr<Provider>> result = create(withEnvironment(config, env));
        if (!result) {
            if (errors)
                errors->append(result.error().message);
            continue;
        }
        providers.push_back(std::move(result.value()));
    }
    return providers;
}

} // namespace Gateway::Providers
