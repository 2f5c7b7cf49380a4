// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <optional>

#include <QJsonObject>
#include <QObject>
#include <QQueue>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "fakehttpserver.h"

namespace Fakes
{

/// @brief A faithful fake of OpenAI-compatible Chat Completions (shared/reference/openai-chat-api.md):
/// POST {base}/chat/completions (SSE chunks ending with data: [DONE], or one chat.completion),
/// GET {base}/models[/{id}], bearer auth when a key is set. base defaults to "/v1".
class FakeOpenAI final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeOpenAI)

public:
    /// Variants the reference lists: usage/obfuscation and error shapes differ.
    enum class Profile {
        OpenAI, ///< usage chunk only with include_usage; chunks carry "obfuscation"
        OllamaV1, ///< honours include_usage; error type by status, code null; no obfuscation
        NoUsage, ///< never sends usage
    };

    struct ToolCallSpec
    {
        QString id; ///< default "call_fake_<n>"
        QString name;
        QJsonObject arguments; ///< sent as a JSON-encoded string
        QStringList fragments; ///< default: the arguments string cut into 3+ pieces
    };

    /// @brief One scripted answer to POST /chat/completions.
    struct Turn
    {
        enum class Ending {
            Done, ///< finish chunk, [usage chunk], data: [DONE]
            ErrorChunk, ///< after the pieces: data: {"error":{…}}, then close
            Stall, ///< after the pieces: silence, connection open (silent if no pieces)
            EofWithoutDone, ///< after the finish chunk: close without data: [DONE]
            Reset, ///< after the pieces: TCP reset
            Malformed, ///< after the pieces: a data: line that is not JSON, then close
            Truncated, ///< after the pieces: a clean close without finish chunk and [DONE]
        };

        int httpStatus = 200; ///< not 200: JSON error body
        QString errorType;
        QString errorCode; ///< empty: null
        QString errorMessage;
        std::optional<double> retryAfterSeconds; ///< retry-after + retry-after-ms headers
        QStringList pieces;
        QList<ToolCallSpec> toolCalls;
        QString finishReason; ///< empty: "tool_calls" with tool calls, else "stop"
        Ending ending = Ending::Done;
        bool pingComments = false; ///< ": ping" comment lines between chunks
        bool crlf = false; ///< "\r\n" line endings
        bool noSpaceAfterData = false; ///< "data:{…}"
        bool splitEvents = false; ///< each event in two TCP writes, cut mid-line
        int chunkDelayMs = -1;
        std::optional<int> completionTokens; ///< default: ceil(bytes of generated text / 4), >= 1

        static Turn text(const QStringList &pieces);
        static Turn toolCall(const QString &name, const QJsonObject &arguments);
        static Turn parallelToolCalls(const QList<ToolCallSpec> &calls);
        static Turn httpError(int status, const QString &type, const QString &code, const QString &message);
        static Turn rateLimited(double retryAfterSeconds = 1); ///< 429 rate_limit_exceeded (retry)
        static Turn insufficientQuota(); ///< 429 insufficient_quota (do not retry)
        static Turn serverError(int status = 500);
        static Turn errorChunk(const QString &message, const QStringList &piecesBefore = {});
        static Turn stall(const QStringList &piecesBefore = {});
        static Turn eofWithoutDone(const QStringList &pieces);
        static Turn reset(const QStringList &piecesBefore = {});
        static Turn malformed(const QStringList &piecesBefore = {});
        static Turn truncated(const QStringList &piecesBefore = {});
    };

    explicit FakeOpenAI(QObject *parent = nullptr);
    ~FakeOpenAI() override;

    bool listen(quint16 port = 0);
    QUrl baseUrl() const { return m_server->baseUrl(); } ///< without the base path
    QUrl apiBaseUrl() const; ///< with it: what a client's "base URL" setting holds
    FakeHttpServer &server() { return *m_server; }

    void enqueue(const Turn &turn);
    int pendingTurns() const { return m_turns.size(); }
    void clearTurns() { m_turns.clear(); }

    void setProfile(Profile profile) { m_profile = profile; }
    void setBasePath(const QString &path); ///< default "/v1"; "" serves /chat/completions
    /// Required bearer token; empty (default) means Authorization is not checked.
    void setApiKey(const QString &key) { m_apiKey = key; }
    void setModels(const QStringList &ids) { m_models = ids; } ///< default gpt-4o-mini, gpt-4.1
    QStringList models() const { return m_models; }
    void setDefaultOutputTokens(int tokens) { m_defaultOutputTokens = tokens; } ///< default 16
    void setChunkDelayMs(int ms) { m_chunkDelayMs = ms; }
    void setChunkedTransfer(bool on) { m_chunked = on; }
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    static qint64 countTokens(const QByteArray &utf8) { return (utf8.size() + 3) / 4; }

private:
    void installHandlers();
    ScriptedResponse completions(const RecordedRequest &request);
    ScriptedResponse listModels(const RecordedRequest &request);
    ScriptedResponse getModel(const RecordedRequest &request);
    ScriptedResponse error(
        int status, const QString &type, const QString &code, const QString &message, const QString &param = {});
    void addCommonHeaders(ScriptedResponse &response);
    qint64 now() const;

    FakeHttpServer *m_server;
    QQueue<Turn> m_turns;
    Profile m_profile = Profile::OpenAI;
    QString m_basePath = QStringLiteral("/v1");
    QString m_apiKey;
    QStringList m_models;
    int m_defaultOutputTokens = 16;
    int m_chunkDelayMs = 0;
    bool m_chunked = false;
    quint64 m_idCounter = 0;
    std::function<qint64()> m_clock;
};

} // namespace Fakes
