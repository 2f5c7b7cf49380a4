// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <chrono>

#include <QString>
#include <QUrl>

namespace Gateway::Providers
{

/// @brief Network limits of one provider. Streams get the three timeouts; the non-streaming
/// calls (model lists, /api/show, ...) are also retried with exponential backoff.
struct Timeouts
{
    /// From the moment a socket starts connecting until the request is on the wire (TCP/TLS
    /// connect included). Time spent waiting for one of QNetworkAccessManager's connections to the
    /// host (six over HTTP/1.1) does not count; that wait is bounded by firstByte.
    std::chrono::milliseconds connect { 10'000 };
    /// From request sent until the first body byte (a cold local model can take long to load).
    std::chrono::milliseconds firstByte { 120'000 };
    /// Longest silence between two reads once the body started.
    std::chrono::milliseconds idle { 60'000 };
    /// Extra attempts for non-streaming calls on retryable failures.
    int retries = 2;
    std::chrono::milliseconds retryBase { 500 };
    std::chrono::milliseconds retryMax { 8'000 };
};

/// @brief How to build one provider. apiKey is the resolved secret (the caller reads it from the
/// secret store); it is only ever put into the provider's auth header, never logged.
struct ProviderConfig
{
    QString id; ///< configured name: "ollama", "anthropic", "lmstudio", ...
    QString kind; ///< "ollama", "anthropic" or "openai"
    QUrl baseUrl; ///< empty = the kind's default
    QString apiKey; ///< empty = no auth header
    Timeouts timeouts;
    bool local = false; ///< runs on this machine (privacy / offline mode)
};

} // namespace Gateway::Providers
