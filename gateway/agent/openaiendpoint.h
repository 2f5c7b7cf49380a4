// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <optional>

#include <QObject>
#include <QPointer>

namespace Gateway::Http
{
class Router;
}

namespace Gateway::Agent
{

class ChatRuntime;
class ProviderPool;

/// @brief `POST /v1/chat/completions` and `GET /v1/models` on the gateway port, so any OpenAI
/// client can use Skynet as its server. Requests authenticate with `Authorization: Bearer` and
/// the gateway token; the whole message list comes with every request (streaming SSE or not).
/// `model` is "skynet" (routed per turn), "<provider>" or "<provider>:<model>".
class OpenAiEndpoint final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenAiEndpoint)

public:
    /// The user a bearer token belongs to ("" = the owner, through the gateway token), or
    /// std::nullopt when the token is not valid.
    /// peer: the client address (for the brute-force delay); std::nullopt refuses (401).
    using Authorizer = std::function<std::optional<QString>(const QString &bearerToken, const QString &peer)>;

    OpenAiEndpoint(ChatRuntime *runtime, ProviderPool *pool, Authorizer authorize, QObject *parent = nullptr);
    void registerRoutes(Http::Router &router);

private:
    QPointer<ChatRuntime> m_runtime;
    QPointer<ProviderPool> m_pool;
    Authorizer m_authorize;
    quint64 m_counter = 0;
};

} // namespace Gateway::Agent
