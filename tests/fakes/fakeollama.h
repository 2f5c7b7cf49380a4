// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <optional>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QQueue>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "fakehttpserver.h"

namespace Fakes
{

/// @brief A faithful fake of the Ollama native API (shared/reference/ollama-api.md):
/// /api/chat (NDJSON stream or one JSON object), /api/tags, /api/show, /api/version, /api/ps,
/// /api/pull, /api/delete, GET/HEAD /.
///
/// Chat turns are scripted per test with enqueue(FakeOllama::Turn::text({...})); when nothing is
/// queued the fake answers "Echo: <last user message>" one word per line, so benches run unscripted.
class FakeOllama final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeOllama)

public:
    struct ToolCallSpec
    {
        QString name;
        QJsonObject arguments; ///< an object, not a string (unlike OpenAI)
    };

    /// @brief One scripted answer to POST /api/chat.
    struct Turn
    {
        enum class Ending {
            Done, ///< final line with done:true, done_reason and metrics
            ErrorLine, ///< {"error":"..."} line (status stays 200), no done line, then close
            Stall, ///< silence with the connection open (no headers if nothing was written)
            Reset, ///< half a JSON line without '\n', then a TCP reset
            Malformed, ///< a line that is not JSON, then close
            Truncated, ///< the pieces, then a clean close without the done line
        };

        int httpStatus = 200; ///< not 200: a plain error response {"error": error}
        QString error; ///< message of the HTTP error or of the error line
        QStringList thinking; ///< message.thinking pieces (content "") streamed first
        QStringList pieces; ///< message.content pieces, one NDJSON line each
        QList<ToolCallSpec> toolCalls; ///< all in one line with content "" after the pieces
        QString doneReason = QStringLiteral("stop");
        Ending ending = Ending::Done;
        int chunkDelayMs = -1; ///< -1: the fake's default
        bool splitLines = false; ///< write each line in two TCP writes (tests line buffering)
        std::optional<qint64> promptEvalCount; ///< default: estimate of the request (bytes / 4)
        std::optional<qint64> evalCount; ///< default: number of streamed lines with content

        static Turn text(const QStringList &pieces);
        static Turn toolCall(const QString &name, const QJsonObject &arguments, const QStringList &textBefore = {});
        static Turn errorLine(const QString &message, const QStringList &piecesBefore = {});
        static Turn httpError(int status, const QString &message);
        static Turn busy(); ///< 503 "server busy, please try again.  maximum pending requests exceeded"
        static Turn stall(const QStringList &piecesBefore = {});
        static Turn reset(const QStringList &piecesBefore = {});
        static Turn malformedLine(const QStringList &piecesBefore = {});
        static Turn truncated(const QStringList &piecesBefore = {});
    };

    explicit FakeOllama(QObject *parent = nullptr);
    ~FakeOllama() override;

    bool listen(quint16 port = 0);
    QUrl baseUrl() const { return m_server->baseUrl(); }
    FakeHttpServer &server() { return *m_server; }

    void enqueue(const Turn &turn);
    int pendingTurns() const { return m_turns.size(); }
    void clearTurns() { m_turns.clear(); }

    /// Installed models as `name:tag` (a missing tag means `latest`). Default: llama3.2:latest,
    /// qwen3:0.6b.
    void setModels(const QStringList &models);
    QStringList models() const;
    void setCapabilities(const QString &model, const QStringList &capabilities); ///< default completion, tools
    void setContextLength(const QString &model, int tokens); ///< default 8192
    void setVersion(const QString &version) { m_version = version; } ///< default "0.12.3"
    void setChunkDelayMs(int ms) { m_chunkDelayMs = ms; }
    void setChunkedTransfer(bool on) { m_chunked = on; } ///< Transfer-Encoding: chunked, like real Ollama
    /// Milliseconds since the epoch for created_at and expires_at (default: system clock).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    /// Replaces the echo reply used when nothing is queued.
    void setDefaultReply(std::function<QStringList(const QJsonObject &request)> reply)
    {
        m_defaultReply = std::move(reply);
    }

    /// "llama3.2" -> "llama3.2:latest".
    static QString normalizedModel(const QString &name);

private:
    struct Model
    {
        QString name;
        QStringList capabilities;
        int contextLength = 8192;
        qint64 expiresAtMs = 0; ///< loaded until then (0 = not loaded)
    };

    ScriptedResponse chat(const RecordedRequest &request);
    ScriptedResponse tags(const RecordedRequest &request);
    ScriptedResponse show(const RecordedRequest &request);
    ScriptedResponse ps(const RecordedRequest &request);
    ScriptedResponse pull(const RecordedRequest &request);
    ScriptedResponse remove(const RecordedRequest &request);
    QJsonObject modelJson(const Model &model) const;
    int findModel(const QString &name) const;
    QString createdAt() const;
    qint64 now() const;
    ScriptedResponse finish(ScriptedResponse response, int chunkDelayMs) const;

    FakeHttpServer *m_server;
    QQueue<Turn> m_turns;
    QList<Model> m_models;
    QString m_version = QStringLiteral("0.12.3");
    int m_chunkDelayMs = 0;
    bool m_chunked = false;
    std::function<qint64()> m_clock;
    std::function<QStringList(const QJsonObject &)> m_defaultReply;
};

} // namespace Fakes
