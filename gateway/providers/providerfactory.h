// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <memory>
#include <vector>

#include <QList>
#include <QProcessEnvironment>
#include <QStringList>

#include "core/result.h"
#include "providers/provider.h"
#include "providers/providerconfig.h"

namespace Gateway::Providers
{

/// @brief Builds providers from ProviderConfig entries, filling gaps from the environment the
/// way the vendors' own tools do: OLLAMA_HOST; ANTHROPIC_API_KEY / ANTHROPIC_BASE_URL;
/// OPENAI_API_KEY / OPENAI_BASE_URL.
///
/// An environment API key is only attached to a config that talks to that vendor's endpoint
/// (empty baseUrl, or the one the environment names): a key never leaks to a third-party host
/// such as an LM Studio entry of kind "openai".
class ProviderFactory
{
public:
    /// config with empty fields filled from env; `local` set for loopback hosts.
    static ProviderConfig withEnvironment(ProviderConfig config, const QProcessEnvironment &env);

    /// One default config per provider the environment implies: "ollama" always, "anthropic"
    /// when ANTHROPIC_API_KEY is set, "openai" when OPENAI_API_KEY or OPENAI_BASE_URL is set.
    static QList<ProviderConfig> defaultsFromEnvironment(const QProcessEnvironment &env);

    /// Builds one provider (config used as given). Errors: unknown kind, bad base URL.
    static Result<std::unique_ptr<Provider>> create(const ProviderConfig &config);

    /// withEnvironment() + create() for each entry; failures are reported in errors and skipped.
    static std::vector<std::unique_ptr<Provider>> createAll(
        const QList<ProviderConfig> &configs, const QProcessEnvironment &env, QStringList *errors = nullptr);

    /// OLLAMA_HOST as Ollama reads it: "[scheme://]host[:port][/path]", defaults
    /// http / 127.0.0.1 / 11434; a wildcard bind address (0.0.0.0, ::) means this machine.
    static QUrl parseOllamaHost(const QString &value);

    /// 127.0.0.0/8, ::1 or "localhost".
    static bool isLoopback(const QUrl &url);
};

} // namespace Gateway::Providers
