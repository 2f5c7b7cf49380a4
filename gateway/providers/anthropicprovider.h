// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QDateTime>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>

#include "providers/provider.h"
#include "providers/providerconfig.h"

class QNetworkAccessManager;
class QNetworkReply;

namespace Gateway::Providers
{

/// @brief One `anthropic-ratelimit-<name>-*` triple; -1 / invalid when the header was absent.
struct RateLimitWindow
{
    qint64 limit = -1;
    qint64 remaining = -1;
    QDateTime reset;
};

/// @brief The latest rate-limit headers Anthropic sent (any response, errors included).
struct AnthropicRateLimits
{
    RateLimitWindow requests;
    RateLimitWindow tokens;
    RateLimitWindow inputTokens;
    RateLimitWindow outputTokens;
    qint64 retryAfterMs = -1; ///< from the same response, -1 when absent
    QDateTime observedAt; ///< invalid until a response carried rate-limit headers
};

/// @brief Anthropic Messages API (`POST /v1/messages`, SSE) with prompt caching.
///
/// Request layout, in Anthropic's prefix order tools → system → messages:
/// - tools, the last one carrying a cache_control breakpoint;
/// - system: the stable systemBlocks, the last one carrying a breakpoint;
/// - messages, with breakpoints on the last block of the previous-to-last user turn (what the
///   previous call wrote: a guaranteed hit) and on the last block of the last turn (what the
///   next call will read);
/// - volatileSystem after every breakpoint (see buildRequestBody()).
/// At most 4 breakpoints, as the API allows. Response headers `anthropic-ratelimit-*` are
/// exposed through rateLimits().
class AnthropicProvider final : public QObject, public Provider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnthropicProvider)

public:
    static constexpr auto DEFAULT_BASE_URL = "https://api.anthropic.com";
    static constexpr auto API_VERSION = "2023-06-01";
    static constexpr int MAX_CACHE_BREAKPOINTS = 4;

    /// config.apiKey is sent as `x-api-key`.
    explicit AnthropicProvider(ProviderConfig config, QObject *parent = nullptr);
    ~AnthropicProvider() override;

    QString id() const override { return m_config.id; }
    QString kind() const override;
    bool isLocal() const override { return m_config.local; }
    QUrl baseUrl() const { return m_config.baseUrl; }

    ChatStream *chat(const ChatRequest &request, QObject *parent) override;
    void listModels(std::function<void(Result<QList<ModelInfo>>)> done) override;

    AnthropicRateLimits rateLimits() const { return m_rateLimits; }

    /// The `/v1/messages` body for request (with "stream": true).
    static QJsonObject buildRequestBody(const ChatRequest &request);

    /// Reads the rate-limit headers of reply (called for every response).
    void updateRateLimits(const QNetworkReply &reply);

Q_SIGNALS:
    void rateLimitsChanged();

private:
    QNetworkRequest makeRequest(const QString &path) const;
    void fetchModels(
        const QString &afterId, int page, QList<ModelInfo> models, std::function<void(Result<QList<ModelInfo>>)> done);

    ProviderConfig m_config;
    QNetworkAccessManager &network();
    QNetworkAccessManager *m_nam = nullptr;
    AnthropicRateLimits m_rateLimits;
};

} // namespace Gateway::Providers
