// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include "providers/provider.h"
#include "providers/providerconfig.h"

class QNetworkAccessManager;

namespace Gateway::Providers
{

class PullJob;

/// @brief What `POST /api/show` says about a local model.
struct OllamaModelDetails
{
    QString model;
    QStringList capabilities; ///< "completion", "tools", "vision", "thinking", ...
    qint64 contextLength = 0; ///< model_info["<arch>.context_length"], 0 when unknown
    QString family;
    QString parameterSize; ///< "3.2B"
    QString quantization; ///< "Q4_K_M"
    QJsonObject raw; ///< the whole answer
};

/// @brief One entry of `GET /api/tags` (a model installed on the Ollama host).
struct OllamaLocalModel
{
    QString name; ///< "llama3.2:latest"
    qint64 sizeBytes = 0;
    QDateTime modifiedAt; ///< invalid when the server gave none
    QString family;
    QString parameterSize; ///< "3.2B"
    QString quantization; ///< "Q4_K_M"
};

/// @brief One entry of `GET /api/ps` (a model loaded in memory).
struct OllamaRunningModel
{
    QString name;
    qint64 sizeBytes = 0;
    qint64 sizeVram = 0;
    qint64 contextLength = 0;
    QDateTime expiresAt;
};

/// @brief Ollama's native API: streaming `/api/chat` (NDJSON) plus model management.
///
/// chat() sends the whole history, tools in the OpenAI function shape, `options` (num_predict
/// from maxTokens, temperature) and `keep_alive`/`format`/`think`/`options` taken from
/// ChatRequest::extra. An `{"error": ...}` line after the 200 fails the stream with Upstream.
/// The non-streaming calls retry per Timeouts; callbacks never run after the provider is gone.
class OllamaProvider final : public QObject, public Provider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OllamaProvider)

public:
    static constexpr auto DEFAULT_BASE_URL = "http://127.0.0.1:11434";

    /// config.apiKey (hosted Ollama only) is sent as a Bearer token when not empty.
    explicit OllamaProvider(ProviderConfig config, QObject *parent = nullptr);
    ~OllamaProvider() override;

    QString id() const override { return m_config.id; }
    QString kind() const override;
    bool isLocal() const override { return m_config.local; }
    QUrl baseUrl() const { return m_config.baseUrl; }

    ChatStream *chat(const ChatRequest &request, QObject *parent) override;
    void listModels(std::function<void(Result<QList<ModelInfo>>)> done) override;

    /// `GET /api/tags` with what the model manager shows (size, modification time, details).
    void localModels(std::function<void(Result<QList<OllamaLocalModel>>)> done);
    void showModel(const QString &model, std::function<void(Result<OllamaModelDetails>)> done);
    /// `GET /api/version`: the "is this really Ollama" handshake.
    void version(std::function<void(Result<QString>)> done);
    void runningModels(std::function<void(Result<QList<OllamaRunningModel>>)> done);
    /// Starts `POST /api/pull`; the job is owned by parent (not retried).
    PullJob *pull(const QString &model, QObject *parent);
    void deleteModel(const QString &model, std::function<void(Status)> done);

    /// The `/api/chat` body for request (streaming).
    static QJsonObject buildChatBody(const ChatRequest &request);

private:
    void callJson(const QString &path, const QByteArray &verb, const QJsonObject &body,
        std::function<void(Result<QJsonDocument, ProviderError>)> done);

    ProviderConfig m_config;
    QNetworkAccessManager &network();
    QNetworkAccessManager *m_nam = nullptr;
};

} // namespace Gateway::Providers
