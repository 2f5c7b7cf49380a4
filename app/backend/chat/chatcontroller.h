// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "chat/chatmessagesmodel.h"
#include "chat/chatmodelsmodel.h"
#include "chat/chatsessionsmodel.h"

class QJSEngine;
class QQmlEngine;

class GatewayHost;

namespace Gateway
{
class LocalClient;
struct LocalReply;
} // namespace Gateway

/// @brief The Chat page: talks to the agent through the in-process gateway as the owner.
///
/// Uses the protocol methods a WebSocket client uses (sessions.list, chat.history, chat.send,
/// chat.abort, models.list) through GatewayHost::client(). The answer of a turn streams in as
/// `chat` events and grows the assistant's row of messages(). When the gateway is rebuilt
/// (GatewayHost::serviceChanged) it follows the new client and loads everything again.
class ChatController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(ChatController)

    Q_PROPERTY(ChatMessagesModel *messages READ messages CONSTANT FINAL)
    Q_PROPERTY(ChatSessionsModel *sessions READ sessions CONSTANT FINAL)
    Q_PROPERTY(ChatModelsModel *models READ models CONSTANT FINAL)
    Q_PROPERTY(QString currentSession READ currentSession NOTIFY currentSessionChanged FINAL)
    Q_PROPERTY(QString currentSessionTitle READ currentSessionTitle NOTIFY currentSessionChanged FINAL)
    Q_PROPERTY(int currentSessionIndex READ currentSessionIndex NOTIFY currentSessionIndexChanged FINAL)
    Q_PROPERTY(QString currentModel READ currentModel WRITE setCurrentModel NOTIFY currentModelChanged FINAL)
    Q_PROPERTY(int currentModelIndex READ currentModelIndex WRITE setCurrentModelIndex NOTIFY currentModelChanged FINAL)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged FINAL)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged FINAL)
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(int maxMessageLength READ maxMessageLength CONSTANT FINAL)

public:
    /// Longest message the page sends (characters); the gateway's own limit is higher.
    static constexpr int MAX_MESSAGE_LENGTH = 100'000;
    /// Messages loaded per session.
    static constexpr int HISTORY_LIMIT = 200;
    static constexpr int SESSION_LIMIT = 200;

    /// host must outlive this object. Only one ChatController may exist at a time.
    explicit ChatController(GatewayHost &host, QObject *parent = nullptr);
    ~ChatController() override;

    /// QML singleton factory: hands out the instance Backends created (never creates one).
    static ChatController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    ChatMessagesModel *messages() { return &m_messages; }
    ChatSessionsModel *sessions() { return &m_sessions; }
    ChatModelsModel *models() { return &m_models; }
    QString currentSession() const { return m_currentSession; }
    QString currentSessionTitle() const;
    int currentSessionIndex() const;
    QString currentModel() const { return m_currentModel; }
    void setCurrentModel(const QString &spec);
    int currentModelIndex() const;
    void setCurrentModelIndex(int row);
    bool isBusy() const { return !m_activeRunId.isEmpty(); }
    bool isLoading() const { return m_pendingLoads > 0; }
    bool isReady() const { return m_ready; }
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }
    int maxMessageLength() const { return MAX_MESSAGE_LENGTH; }

    /// Sends text to the current session with the current model. Refused (false) when the text
    /// is blank, longer than maxMessageLength (errorString says so), or a turn is running.
    Q_INVOKABLE bool send(const QString &text);
    /// Stops the running turn (chat.abort); its message ends as aborted.
    Q_INVOKABLE void stop();
    /// Starts a new, empty session and makes it current.
    Q_INVOKABLE void newSession();
    /// Makes key current and loads its history.
    Q_INVOKABLE void selectSession(const QString &key);
    /// Loads sessions, models and the current session's history again.
    Q_INVOKABLE void reload();
    Q_INVOKABLE void clearError();

Q_SIGNALS:
    void currentSessionChanged();
    void currentSessionIndexChanged();
    void currentModelChanged();
    void busyChanged();
    void loadingChanged();
    void readyChanged();
    void errorStringChanged();
    /// Emitted with every error, also when the text did not change.
    void errorOccurred(const QString &message);

private:
    void attach();
    void detach();
    void onReadyChanged();
    void onEvent(const QString &name, const QJsonObject &payload);
    void loadSessions();
    void loadModels();
    void loadHistory();
    void setCurrentSession(const QString &key);
    void setActiveRun(const QString &runId);
    void setReady(bool ready);
    void beginLoad();
    void endLoad();
    void setErrorString(const QString &message);
    /// Ends the running turn's row (state, partial text, error) and clears busy.
    void endRun(const QString &runId, ChatMessagesModel::State state, const QString &text, const QString &error);
    QString defaultSessionKey() const;

    static ChatController *s_instance;

    GatewayHost &m_host;
    QPointer<Gateway::LocalClient> m_client;
    ChatMessagesModel m_messages;
    ChatSessionsModel m_sessions;
    ChatModelsModel m_models;
    QString m_currentSession;
    QString m_currentModel;
    QString m_activeRunId;
    QString m_errorString;
    quint64 m_historyGeneration = 0;
    quint64 m_sessionsGeneration = 0;
    quint64 m_modelsGeneration = 0;
    int m_pendingLoads = 0;
    bool m_ready = false;
};
