// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <optional>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QQueue>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "fakehttpserver.h"

namespace Fakes
{

/// @brief A faithful fake of the Anthropic Messages API (shared/reference/anthropic-messages-api.md):
/// POST /v1/messages (SSE or JSON), POST /v1/messages/count_tokens, GET /v1/models[/{id}],
/// with prompt caching computed like the real API and a running bill per model.
///
/// Token estimate (stable, documented): countTokens(bytes) = ceil(UTF-8 bytes / 4). A prompt is a
/// list of blocks in the order tools -> system -> messages; each block costs countTokens() of its
/// canonical serialization (see canonicalBlock()), and a prefix costs the sum of its blocks.
class FakeAnthropic final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeAnthropic)

public:
    /// @brief One content block of a scripted reply.
    struct Block
    {
        enum class Kind { Text, ToolUse, Thinking };
        Kind kind = Kind::Text;
        QStringList pieces; ///< Text/Thinking: the deltas. ToolUse: the partial_json fragments
                            ///< (default: the compact input JSON cut into 3+ pieces, first "").
        QString toolId; ///< ToolUse: default "toolu_fake_<n>"
        QString toolName;
        QJsonObject input;
    };

    /// @brief One scripted answer to POST /v1/messages.
    struct Turn
    {
        enum class Ending {
            Complete, ///< ... message_delta, message_stop
            ErrorEvent, ///< after the deltas: event: error {errorType, errorMessage}; no message_stop
            Stall, ///< after the deltas: silence, connection open (silent if no blocks)
            Reset, ///< after the deltas: TCP reset before message_stop
            Malformed, ///< after the deltas: a data: line that is not JSON, then close
            Truncated, ///< after the deltas: a clean close without message_delta and message_stop
        };

        int httpStatus = 200; ///< not 200: the JSON error body, no stream
        QString errorType; ///< HTTP error or error event: e.g. "overloaded_error"
        QString errorMessage;
        std::optional<double> retryAfterSeconds; ///< HTTP error: the retry-after header
        QList<Block> blocks;
        QString stopReason; ///< empty: "tool_use" if a ToolUse block is present, else "end_turn"
        Ending ending = Ending::Complete;
        int pings = 1; ///< ping events after the first content_block_start
        int pingEveryDeltas = 0; ///< also a ping after every N deltas (0: none)
        bool unknownEvent = false; ///< insert an event type the client must ignore
        bool splitEvents = false; ///< write each event in two TCP writes, cut mid-line
        std::optional<int> outputTokens; ///< default: countTokens() of the generated text/JSON, >= 1
        int chunkDelayMs = -1; ///< -1: the fake's default

        static Turn text(const QStringList &pieces);
        static Turn toolUse(const QString &name, const QJsonObject &input, const QStringList &textBefore = {});
        static Turn thinkingThenText(const QStringList &thinking, const QStringList &pieces);
        static Turn httpError(int status, const QString &errorType, const QString &message);
        static Turn rateLimited(double retryAfterSeconds = 1); ///< 429 rate_limit_error + retry-after
        static Turn overloaded(); ///< 529 overloaded_error
        static Turn errorEvent(const QString &errorType, const QString &message, const QStringList &piecesBefore = {});
        static Turn stall(const QStringList &piecesBefore = {});
        static Turn reset(const QStringList &piecesBefore = {});
        static Turn malformed(const QStringList &piecesBefore = {});
        static Turn truncated(const QStringList &piecesBefore = {});
    };

    /// @brief Token usage of one response, as reported in `usage`.
    struct Usage
    {
        qint64 inputTokens = 0; ///< after the last (effective) breakpoint
        qint64 cacheCreationTokens = 0; ///< written now (5m + 1h)
        qint64 cacheReadTokens = 0;
        qint64 cacheCreation5mTokens = 0;
        qint64 cacheCreation1hTokens = 0;
        qint64 outputTokens = 0;
    };

    /// @brief Running totals for one model (or all), with the cost in USD.
    struct Totals
    {
        qint64 requests = 0;
        qint64 inputTokens = 0;
        qint64 cacheWrite5mTokens = 0;
        qint64 cacheWrite1hTokens = 0;
        qint64 cacheReadTokens = 0;
        qint64 outputTokens = 0;
        double costUsd = 0;
    };

    struct Bill
    {
        QMap<QString, Totals> perModel;
        Totals total;
        QStringList unpricedModels; ///< billed at 0 because no price is configured
    };

    struct Price
    {
        double inputPerMTok = 0;
        double outputPerMTok = 0;
    };

    static constexpr int MAX_BREAKPOINTS = 4;
    static constexpr int LOOKBACK_BLOCKS = 20;
    static constexpr qint64 TTL_5M_MS = 5 * 60 * 1000;
    static constexpr qint64 TTL_1H_MS = 60 * 60 * 1000;

    explicit FakeAnthropic(QObject *parent = nullptr);
    ~FakeAnthropic() override;

    bool listen(quint16 port = 0);
    QUrl baseUrl() const { return m_server->baseUrl(); }
    FakeHttpServer &server() { return *m_server; }

    void enqueue(const Turn &turn);
    int pendingTurns() const { return m_turns.size(); }
    void clearTurns() { m_turns.clear(); }

    /// Expected x-api-key (or OAuth bearer). Empty (default): any non-empty key is accepted.
    void setApiKey(const QString &key) { m_apiKey = key; }
    /// Model ids served (GET /v1/models and model validation). Default: the reference's table.
    void setModels(const QStringList &ids);
    QStringList models() const { return m_models; }
    /// Minimum cacheable prefix in tokens for a model (default from the reference table, matched
    /// by prefix so dated ids work; models the reference lacks use 1024).
    void setMinCacheableTokens(const QString &model, int tokens);
    int minCacheableTokens(const QString &model) const;
    void setPrice(const QString &model, double inputPerMTok, double outputPerMTok);
    std::optional<Price> price(const QString &model) const;
    /// Output length of the default reply (4 bytes = 1 token per piece). Default 16.
    void setDefaultOutputTokens(int tokens) { m_defaultOutputTokens = tokens; }
    void setChunkDelayMs(int ms) { m_chunkDelayMs = ms; }
    void setChunkedTransfer(bool on) { m_chunked = on; } ///< Transfer-Encoding: chunked, like the real API
    /// Milliseconds since the epoch; drives the cache TTL and the rate-limit reset times.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    /// anthropic-ratelimit-requests-limit / tokens-limit reported (remaining counts down).
    void setRateLimits(qint64 requestsPerMinute, qint64 tokensPerMinute);

    static qint64 countTokens(const QByteArray &utf8) { return (utf8.size() + 3) / 4; }
    /// The bytes a cache key is made of: compact JSON (sorted keys) of the block without its
    /// cache_control, wrapped with where it sits: {"tool":…}, {"system":…} or {"role":…,"block":…}.
    static QByteArray canonicalBlock(const QString &section, const QJsonObject &block, const QString &role = {});
    /// Input tokens of a request body (what count_tokens answers).
    static qint64 countRequestTokens(const QJsonObject &request);

    Usage lastUsage() const { return m_lastUsage; }
    Bill totals() const;
    void resetTotals() { m_totals.clear(); }
    void clearCache() { m_cache.clear(); }
    int cacheEntryCount() const;
    /// Cost of one usage at the model's price: input x1, cache write 5m x1.25, 1h x2,
    /// cache read x0.1 (of the input price), output at the output price.
    double cost(const QString &model, const Usage &usage) const;

private:
    struct CacheEntry
    {
        qint64 expiresAtMs = 0;
        qint64 ttlMs = TTL_5M_MS;
    };
    struct PromptBlock
    {
        QByteArray canonical;
        qint64 tokens = 0;
        QByteArray key; ///< hash of model + every canonical block up to and including this one
        std::optional<qint64> breakpointTtlMs;
    };

    ScriptedResponse messages(const RecordedRequest &request);
    ScriptedResponse countTokensEndpoint(const RecordedRequest &request);
    ScriptedResponse listModels(const RecordedRequest &request);
    ScriptedResponse getModel(const RecordedRequest &request);
    std::optional<ScriptedResponse> checkHeaders(const RecordedRequest &request);
    ScriptedResponse error(int status, const QString &type, const QString &message);
    void addCommonHeaders(ScriptedResponse &response, qint64 tokens);
    QJsonObject modelJson(const QString &id) const;
    /// Builds the block list; an error message when the cache_control markers are invalid.
    QString buildPrompt(const QJsonObject &request, QList<PromptBlock> &blocks) const;
    /// commit false: compute only (a response that never started cannot be read from later).
    Usage applyCache(const QString &model, const QList<PromptBlock> &blocks, bool commit);
    void bill(const QString &model, const Usage &usage);
    QJsonObject usageJson(const Usage &usage) const;
    qint64 now() const;
    QByteArray nextId(const char *prefix);

    FakeHttpServer *m_server;
    QQueue<Turn> m_turns;
    QString m_apiKey;
    QStringList m_models;
    QHash<QString, int> m_minCacheable;
    QHash<QString, Price> m_prices;
    QHash<QByteArray, CacheEntry> m_cache;
    QMap<QString, Totals> m_totals;
    Usage m_lastUsage;
    int m_defaultOutputTokens = 16;
    int m_chunkDelayMs = 0;
    bool m_chunked = false;
    qint64 m_requestsLimit = 4000;
    qint64 m_tokensLimit = 2000000;
    qint64 m_windowStartMs = -1;
    qint64 m_requestsUsed = 0;
    qint64 m_tokensUsed = 0;
    quint64 m_idCounter = 0;
    std::function<qint64()> m_clock;
};

} // namespace Fakes
