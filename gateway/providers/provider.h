// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <optional>

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include "core/result.h"

namespace Gateway::Providers
{

/// @brief A tool call requested by the model (arguments already parsed from the fragments).
struct ToolCall
{
    QString id;
    QString name;
    QJsonObject arguments;
};

/// @brief One turn of a conversation in provider-neutral form.
struct ChatMessage
{
    enum class Role { User, Assistant, Tool };
    Role role = Role::User;
    QString text; ///< user or assistant text; for Role::Tool the result content
    QList<ToolCall> toolCalls; ///< assistant turns that asked for tools
    QString toolCallId; ///< Role::Tool: which call this answers
    QString toolName; ///< Role::Tool: the tool's name (Ollama wants it)
    bool isError = false; ///< Role::Tool: the tool failed
};

/// @brief A tool the model may call; parameters is a JSON Schema object.
struct ToolSpec
{
    QString name;
    QString description;
    QJsonObject parameters;
};

/// @brief Everything a provider needs for one model call.
///
/// The prompt is laid out for caching: systemBlocks are stable and byte-identical across turns
/// (persona, tool index, per-user overlay), in that order; volatileSystem (time, health) comes
/// after them and is never part of a cached prefix.
struct ChatRequest
{
    QString model;
    QStringList systemBlocks;
    QString volatileSystem;
    QList<ChatMessage> messages;
    QList<ToolSpec> tools;
    int maxTokens = 1024;
    std::optional<double> temperature;
    /// Anthropic: place cache_control breakpoints (system+tools, and the conversation prefix).
    bool promptCaching = true;
    /// Provider-specific extras (Ollama `options`, `keep_alive`).
    QJsonObject extra;
};

/// @brief Token counts as the provider reported them.
struct Usage
{
    qint64 inputTokens = 0; ///< uncached input
    qint64 outputTokens = 0;
    qint64 cacheWriteTokens = 0; ///< Anthropic cache_creation_input_tokens
    qint64 cacheReadTokens = 0; ///< Anthropic cache_read_input_tokens
};

enum class StopReason { Stop, Length, ToolUse, Refusal, Other };

/// @brief Why a call failed, classified for retry and failover decisions.
struct ProviderError
{
    enum class Kind {
        Connect, ///< could not connect / connection reset before any answer
        Timeout, ///< no answer (or no progress) in time
        RateLimited, ///< 429
        Overloaded, ///< 529 / overloaded_error / 503
        Server, ///< other 5xx
        Auth, ///< 401/403
        BadRequest, ///< 400/404/422: our request is wrong; retrying will not help
        Quota, ///< insufficient_quota / billing: never retried
        Malformed, ///< the stream could not be parsed
        Upstream, ///< an error event / error line inside a 200 stream
        Aborted, ///< abort() was called
    };
    Kind kind = Kind::Server;
    int httpStatus = 0;
    qint64 retryAfterMs = -1; ///< from retry-after / retry_after, -1 when absent
    QString message; ///< for people; never contains credentials
    /// The upstream's machine-readable error type/code when it gave one ("overloaded_error",
    /// "insufficient_quota", "rate_limit_exceeded", ...); empty otherwise.
    QString errorType;
    /// True when output had already been streamed when the failure happened.
    bool afterOutput = false;

    /// Worth retrying the same or another provider (before any output was streamed).
    bool isRetryable() const;
    /// Short machine name: "connect", "timeout", "rate_limit", ...
    QString kindName() const;
};

/// @brief One streaming model call. Emits textDelta/toolCall while streaming, then exactly one
/// of finished or failed. Deleting it (or abort()) cancels the upstream request.
class ChatStream : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~ChatStream() override = default;
    virtual void abort() = 0;

Q_SIGNALS:
    void textDelta(const QString &delta);
    void toolCall(const Gateway::Providers::ToolCall &call);
    /// Usage so far (Anthropic and OpenAI report it at the end; Ollama in the done line).
    void finished(Gateway::Providers::StopReason reason, const Gateway::Providers::Usage &usage);
    void failed(const Gateway::Providers::ProviderError &error);
};

/// @brief A model the provider offers.
struct ModelInfo
{
    QString id;
    QString name;
    qint64 contextWindow = 0;
    qint64 sizeBytes = 0; ///< local models (Ollama)
};

/// @brief A model provider: Ollama, Anthropic Messages, or an OpenAI-compatible server.
class Provider
{
public:
    virtual ~Provider() = default;
    /// The configured name, e.g. "ollama", "anthropic", "lmstudio".
    virtual QString id() const = 0;
    /// "ollama", "anthropic" or "openai".
    virtual QString kind() const = 0;
    /// Runs on this machine (privacy / offline mode).
    virtual bool isLocal() const = 0;
    /// Starts a streaming call; the returned stream is owned by parent.
    virtual ChatStream *chat(const ChatRequest &request, QObject *parent) = 0;
    /// Lists models; the callback runs on the event loop.
    virtual void listModels(std::function<void(Result<QList<ModelInfo>>)> done) = 0;
};

} // namespace Gateway::Providers

Q_DECLARE_METATYPE(Gateway::Providers::ToolCall)
Q_DECLARE_METATYPE(Gateway::Providers::Usage)
Q_DECLARE_METATYPE(Gateway::Providers::ProviderError)
