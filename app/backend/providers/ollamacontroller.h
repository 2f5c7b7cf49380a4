// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <memory>

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include "providers/provider.h"

class QJSEngine;
class QQmlEngine;

class GatewayHost;
#include "providers/ollamamodelsmodel.h"

namespace Gateway::Providers
{
class OllamaProvider;
class PullJob;
} // namespace Gateway::Providers

/// @brief The Ollama host of [providers.ollama]: is it there, which models it has, pulling and
/// deleting models. Shared by the Providers page and the first-run wizard.
///
/// It talks to Ollama with its own OllamaProvider built from the running configuration (URL,
/// OLLAMA_HOST, API key), so the model manager also works while the provider is disabled for
/// chat. The provider is rebuilt when a restart changes the URL or key.
class OllamaController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(OllamaController)

    Q_PROPERTY(QString baseUrl READ baseUrl NOTIFY baseUrlChanged FINAL)
    Q_PROPERTY(bool checking READ isChecking NOTIFY checkingChanged FINAL)
    Q_PROPERTY(bool checked READ isChecked NOTIFY checkingChanged FINAL)
    Q_PROPERTY(bool reachable READ isReachable NOTIFY reachableChanged FINAL)
    Q_PROPERTY(QString version READ version NOTIFY reachableChanged FINAL)
    /// Why the host could not be reached ("" while reachable or not checked yet).
    Q_PROPERTY(QString connectionError READ connectionError NOTIFY reachableChanged FINAL)
    Q_PROPERTY(OllamaModelsModel *models READ models CONSTANT FINAL)
    Q_PROPERTY(bool pulling READ isPulling NOTIFY pullingChanged FINAL)
    Q_PROPERTY(QString pullModel READ pullModel NOTIFY pullingChanged FINAL)
    Q_PROPERTY(QString pullStatus READ pullStatus NOTIFY pullProgressChanged FINAL)
    /// 0..1 while the size of the layer being downloaded is known, else -1 (indeterminate).
    Q_PROPERTY(double pullProgress READ pullProgress NOTIFY pullProgressChanged FINAL)
    /// "1.2 GB of 4.7 GB" while a layer downloads, else "".
    Q_PROPERTY(QString pullText READ pullText NOTIFY pullProgressChanged FINAL)
    Q_PROPERTY(bool deleting READ isDeleting NOTIFY deletingChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)

public:
    /// host must outlive this object. Only one may exist at a time.
    explicit OllamaController(GatewayHost &host, QObject *parent = nullptr);
    ~OllamaController() override;

    static OllamaController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    /// The instance Backends created (nullptr when none).
    static OllamaController *instance() { return s_instance; }

    QString baseUrl() const;
    bool isChecking() const { return m_pendingChecks > 0; }
    bool isChecked() const { return m_checked; }
    bool isReachable() const { return m_reachable; }
    QString version() const { return m_version; }
    QString connectionError() const { return m_connectionError; }
    OllamaModelsModel *models() const { return m_models; }
    bool isPulling() const;
    QString pullModel() const { return m_pullModel; }
    QString pullStatus() const { return m_pullStatus; }
    double pullProgress() const;
    QString pullText() const;
    bool isDeleting() const { return m_deleting; }
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }

    /// "" when name is a valid Ollama model name ("llama3.2", "qwen2.5:14b", "hf.co/x/y:Q4"),
    /// else why it is not (translated).
    Q_INVOKABLE static QString validateModelName(const QString &name);

public Q_SLOTS:
    /// Asks the host for its version and installed models.
    void refresh();
    /// Starts downloading model; false (and errorString) when the name is invalid or a pull
    /// is already running.
    bool pull(const QString &model);
    /// Stops the running pull (Ollama keeps the finished layers for a later pull).
    void cancelPull();
    /// Deletes an installed model; the list is refreshed afterwards.
    bool deleteModel(const QString &model);
    void clearError();

Q_SIGNALS:
    void baseUrlChanged();
    void checkingChanged();
    void reachableChanged();
    void pullingChanged();
    void pullProgressChanged();
    void deletingChanged();
    void errorStringChanged();
    void errorOccurred(const QString &message);
    void pullFinished(const QString &model);
    void pullFailed(const QString &model, const QString &message);
    void modelDeleted(const QString &model);

private:
    void rebuildProvider();
    void setErrorString(const QString &message);
    void beginCheck();
    void endCheck();
    void setReachable(bool reachable, const QString &version, const QString &error);
    void finishPull(const QString &error, bool refreshList);

    static OllamaController *s_instance;

    GatewayHost &m_host;
    std::unique_ptr<Gateway::Providers::OllamaProvider> m_provider;
    QString m_providerKey; ///< URL + key the provider was built with
    OllamaModelsModel *m_models;
    QPointer<Gateway::Providers::PullJob> m_pull;
    QString m_pullModel;
    QString m_pullStatus;
    qint64 m_pullCompleted = 0;
    qint64 m_pullTotal = 0;
    int m_pendingChecks = 0;
    bool m_checked = false;
    bool m_reachable = false;
    bool m_deleting = false;
    QString m_version;
    QString m_connectionError;
    QString m_errorString;
};
