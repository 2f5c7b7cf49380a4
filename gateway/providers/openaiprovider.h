// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>

#include "providers/provider.h"
#include "providers/providerconfig.h"

class QNetworkAccessManager;

namespace Gateway::Providers
{

/// @brief OpenAI Chat Completions and compatible servers (OpenAI, LM Studio, llama.cpp, vLLM,
/// Ollama `/v1`, OpenRouter): `POST <base>/chat/completions` as SSE with
/// `stream_options.include_usage`, tool-call fragments assembled per `index`.
///
/// The base URL includes the API prefix ("https://api.openai.com/v1"); a bare host gets "/v1".
/// `Authorization: Bearer` is sent only when an API key is configured (local servers need none).
/// 429 `insufficient_quota` is Kind::Quota (never retried); other 429s are RateLimited.
class OpenAiProvider final : public QObject, public Provider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenAiProvider)

public:
    static constexpr auto DEFAULT_BASE_URL = "https://api.openai.com/v1";

    explicit OpenAiProvider(ProviderConfig config, QObject *parent = nullptr);
    ~OpenAiProvider() override;

    QString id() const override { return m_config.id; }
    QString kind() const override;
    bool isLocal() const override { return m_config.local; }
    QUrl baseUrl() const { return m_config.baseUrl; }

    ChatStream *chat(const ChatRequest &request, QObject *parent) override;
    void listModels(std::function<void(Result<QList<ModelInfo>>)> done) override;

    /// The `/chat/completions` body. maxTokensField is "max_tokens" (what compatible servers
    /// honour) or "max_completion_tokens" (what api.openai.com's newer models require).
    static QJsonObject buildRequestBody(
        const ChatRequest &request, const QString &maxTokensField = QStringLiteral("max_tokens"));

private:
    QNetworkRequest makeRequest(const QString &path) const;

    ProviderConfig m_config;
    QString m_maxTokensField;
    QNetworkAccessManager &network();
    QNetworkAccessManager *m_nam = nullptr;
};

} // namespace Gateway::Providers
