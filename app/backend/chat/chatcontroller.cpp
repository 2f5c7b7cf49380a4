// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "chat/chatcontroller.h"

#include <QDateTime>
#include <QJSEngine>
#include <QJsonArray>
#include <QQmlEngine>
#include <QThread>
#include <QUuid>

#include "gatewayhost.h"
#include "service/localclient.h"
#include "service/service.h"

using namespace Qt::StringLiterals;

namespace
{

/// The text of a transcript or event message: `content` is a string or an array of parts.
QString messageText(const QJsonValue &message)
{
    const QJsonValue content = message.toObject().value(u"content"_s);
    if (content.isString())
        return content.toString();
    QString text;
    for (const QJsonValue &part : content.toArray()) {
        const QJsonObject p = part.toObject();
        if (p.value(u"type"_s).toString() == u"text")
            text += p.value(u"text"_s).toString();
    }
    return text;
}

QString modelSpec(const QJsonObject &object)
{
    const QString provider = object.value(u"provider"_s).toString();
    const QString model = object.value(u"model"_s).toString();
    if (model.isEmpty())
        return provider;
    return provider.isEmpty() ? model : provider + u':' + model;
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

ChatController *ChatController::s_instance = nullptr;

ChatController::ChatController(GatewayHost &host, QObject *parent)
    : QObject(parent), m_host(host), m_messages(this), m_sessions(this), m_models(this)
{
    Q_ASSERT_X(!s_instance, "ChatController", "only one ChatController may exist at a time");
    s_instance = this;
    connect(&m_host, &GatewayHost::serviceAboutToChange, this, &ChatController::detach);
    connect(&m_host, &GatewayHost::serviceChanged, this, &ChatController::attach);
    attach();
}

ChatController::~ChatController()
{
    s_instance = nullptr;
}

ChatController *ChatController::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "ChatController::create", "Backends must create ChatController before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void ChatController::attach()
{
    m_client = m_host.client();
    if (m_client)
        connect(m_client, &Gateway::LocalClient::eventReceived, this, &ChatController::onEvent);
    if (Gateway::Service *service = m_host.service())
        connect(service, &Gateway::Service::readyChanged, this, &ChatController::onReadyChanged);
    onReadyChanged();
}

void ChatController::detach()
{
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    if (Gateway::Service *service = m_host.service())
        disconnect(service, nullptr, this, nullptr);
    m_client.clear();
    // Answers of the old client never come: forget what was asked.
    ++m_historyGeneration;
    ++m_sessionsGeneration;
    ++m_modelsGeneration;
    if (m_pendingLoads != 0) {
        m_pendingLoads = 0;
        Q_EMIT loadingChanged();
    }
    if (isBusy()) {
        const int row = m_messages.rowOfRun(m_activeRunId);
        endRun(m_activeRunId, ChatMessagesModel::State::Aborted, row >= 0 ? m_messages.at(row).text : QString(),
            tr("The gateway restarted while the answer was being written."));
    }
    setReady(false);
}

void ChatController::onReadyChanged()
{
    const Gateway::Service *service = m_host.service();
    const bool ready = m_client && service && service->isReady();
    const bool becameReady = ready && !m_ready;
    setReady(ready);
    if (becameReady)
        reload();
}

void ChatController::setReady(bool ready)
{
    if (m_ready == ready)
        return;
    m_ready = ready;
    Q_EMIT readyChanged();
}

QString ChatController::defaultSessionKey() const
{
    const Gateway::Config::Settings &settings = m_host.service()->settings();
    return u"agent:"_s + settings.agent.defaultAgentId + u':' + settings.agent.mainKey;
}

void ChatController::reload()
{
    if (!m_client)
        return;
    if (m_currentSession.isEmpty())
        setCurrentSession(defaultSessionKey());
    loadSessions();
    loadModels();
    loadHistory();
}

void ChatController::beginLoad()
{
    if (m_pendingLoads++ == 0)
        Q_EMIT loadingChanged();
}

void ChatController::endLoad()
{
    if (m_pendingLoads > 0 && --m_pendingLoads == 0)
        Q_EMIT loadingChanged();
}

void ChatController::loadSessions()
{
    if (!m_client)
        return;
    const quint64 generation = ++m_sessionsGeneration;
    beginLoad();
    m_client->call(u"sessions.list"_s, QJsonObject { { u"limit"_s, SESSION_LIMIT } },
        [this, self = QPointer<ChatController>(this), generation](const Gateway::LocalReply &reply) {
            if (!self)
                return;
            endLoad();
            if (generation != m_sessionsGeneration)
                return; // superseded by a later request
            if (!reply.ok) {
                setErrorString(tr("Could not list the chat sessions: %1").arg(reply.errorMessage));
                return;
            }
            QList<ChatSessionsModel::Session> rows;
            bool hasCurrent = false;
            for (const QJsonValue &value : reply.payload.toObject().value(u"sessions"_s).toArray()) {
                const QJsonObject row = value.toObject();
                ChatSessionsModel::Session session;
                session.key = row.value(u"key"_s).toString();
                if (session.key.isEmpty())
                    continue;
                const QString label = row.value(u"label"_s).toString();
                session.title = label.isEmpty() ? ChatSessionsModel::shortKey(session.key) : label;
                session.updatedAt = row.value(u"updatedAt"_s).toInteger();
                session.kind = row.value(u"kind"_s).toString();
                hasCurrent = hasCurrent || session.key == m_currentSession;
                rows.append(session);
            }
            // A new session is listed once its first message is stored; show it meanwhile.
            if (!hasCurrent && !m_currentSession.isEmpty())
                rows.prepend({ m_currentSession, ChatSessionsModel::shortKey(m_currentSession), 0, u"direct"_s });
            m_sessions.setSessions(rows);
            Q_EMIT currentSessionIndexChanged();
        });
}

void ChatController::loadModels()
{
    if (!m_client)
        return;
    const quint64 generation = ++m_modelsGeneration;
    beginLoad();
    m_client->call(u"models.list"_s, {},
        [this, self = QPointer<ChatController>(this), generation](const Gateway::LocalReply &reply) {
            if (!self)
                return;
            endLoad();
            if (generation != m_modelsGeneration)
                return; // superseded by a later request
            if (!reply.ok) {
                setErrorString(tr("Could not list the models: %1").arg(reply.errorMessage));
                return;
            }
            QList<ChatModelsModel::Model> rows;
            for (const QJsonValue &value : reply.payload.toObject().value(u"models"_s).toArray()) {
                const QJsonObject m = value.toObject();
                const QString id = m.value(u"id"_s).toString();
                const QString provider = m.value(u"provider"_s).toString();
                if (id.isEmpty() || provider.isEmpty())
                    continue;
                const QString name = m.value(u"name"_s).toString();
                rows.append({ provider + u':' + id, QString(provider + u" · " + (name.isEmpty() ? id : name)), provider,
                    m.value(u"available"_s).toBool(true), m.value(u"default"_s).toBool() });
            }
            m_models.setModels(rows);
            // A model that is gone falls back to automatic routing.
            if (m_models.rowOf(m_currentModel) < 0) {
                m_currentModel.clear();
            }
            Q_EMIT currentModelChanged();
        });
}

void ChatController::loadHistory()
{
    if (!m_client || m_currentSession.isEmpty())
        return;
    const quint64 generation = ++m_historyGeneration;
    const QString session = m_currentSession;
    beginLoad();
    m_client->call(u"chat.history"_s, QJsonObject { { u"sessionKey"_s, session }, { u"limit"_s, HISTORY_LIMIT } },
        [this, self = QPointer<ChatController>(this), generation](const Gateway::LocalReply &reply) {
            if (!self)
                return;
            endLoad();
            if (generation != m_historyGeneration)
                return; // superseded by a later request
            if (!reply.ok) {
                setErrorString(tr("Could not load the conversation: %1").arg(reply.errorMessage));
                return;
            }
            QList<ChatMessagesModel::Message> rows;
            for (const QJsonValue &value : reply.payload.toObject().value(u"messages"_s).toArray()) {
                const QJsonObject m = value.toObject();
                const QString role = m.value(u"role"_s).toString();
                ChatMessagesModel::Message row;
                if (role == u"user")
                    row.author = ChatMessagesModel::Author::User;
                else if (role == u"assistant")
                    row.author = ChatMessagesModel::Author::Assistant;
                else
                    continue; // tool results and system notes are not part of the conversation view
                row.text = messageText(m);
                if (row.text.isEmpty())
                    continue; // an assistant turn that only called tools
                row.runId = m.value(u"runId"_s).toString();
                row.model = row.author == ChatMessagesModel::Author::Assistant ? modelSpec(m) : QString();
                row.timestamp = m.value(u"timestamp"_s).toInteger();
                const QString stop = m.value(u"stopReason"_s).toString();
                if (stop == u"aborted")
                    row.state = ChatMessagesModel::State::Aborted;
                else if (stop == u"error")
                    row.state = ChatMessagesModel::State::Failed;
                rows.append(row);
            }
            // A turn still streaming keeps its row (its events continue to update it).
            if (isBusy()) {
                const int running = m_messages.rowOfRun(m_activeRunId);
                bool stored = false;
                for (const ChatMessagesModel::Message &row : std::as_const(rows))
                    stored
                        = stored || (row.author == ChatMessagesModel::Author::Assistant && row.runId == m_activeRunId);
                if (running >= 0 && !stored)
                    rows.append(m_messages.at(running));
            }
            m_messages.setMessages(rows);
        });
}

QString ChatController::currentSessionTitle() const
{
    const int row = m_sessions.rowOf(m_currentSession);
    return row >= 0 ? m_sessions.at(row).title : ChatSessionsModel::shortKey(m_currentSession);
}

int ChatController::currentSessionIndex() const
{
    return m_sessions.rowOf(m_currentSession);
}

void ChatController::setCurrentSession(const QString &key)
{
    if (m_currentSession == key)
        return;
    m_currentSession = key;
    Q_EMIT currentSessionChanged();
    Q_EMIT currentSessionIndexChanged();
}

void ChatController::selectSession(const QString &key)
{
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty() || trimmed == m_currentSession)
        return;
    // The running turn goes on in the gateway; this page follows the session it shows.
    setActiveRun({});
    setCurrentSession(trimmed);
    m_messages.clear();
    loadHistory();
}

void ChatController::newSession()
{
    const Gateway::Service *service = m_host.service();
    const QString agent = service ? service->settings().agent.defaultAgentId : u"main"_s;
    const QString key = u"agent:"_s + agent + u":desktop-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
    setActiveRun({});
    ++m_historyGeneration; // an answer for the previous session must not fill the new one
    m_sessions.prepend({ key, ChatSessionsModel::shortKey(key), 0, u"direct"_s });
    setCurrentSession(key);
    m_messages.clear();
}

void ChatController::setCurrentModel(const QString &spec)
{
    if (m_currentModel == spec || m_models.rowOf(spec) < 0)
        return;
    m_currentModel = spec;
    Q_EMIT currentModelChanged();
}

int ChatController::currentModelIndex() const
{
    return qMax(0, m_models.rowOf(m_currentModel));
}

void ChatController::setCurrentModelIndex(int row)
{
    if (row < 0 || row >= m_models.rowCount())
        return;
    setCurrentModel(m_models.data(m_models.index(row), ChatModelsModel::SpecRole).toString());
}

void ChatController::setActiveRun(const QString &runId)
{
    if (m_activeRunId == runId)
        return;
    const bool wasBusy = isBusy();
    m_activeRunId = runId;
    if (wasBusy != isBusy())
        Q_EMIT busyChanged();
}

bool ChatController::send(const QString &text)
{
    const QString message = text.trimmed();
    if (message.isEmpty())
        return false;
    if (message.size() > MAX_MESSAGE_LENGTH) {
        setErrorString(tr("The message is too long: %1 characters, at most %2 can be sent.")
                           .arg(QLocale().toString(message.size()), QLocale().toString(MAX_MESSAGE_LENGTH)));
        return false;
    }
    if (isBusy())
        return false;
    if (!m_client || !m_ready) {
        setErrorString(tr("The gateway is not running; start it on the Dashboard page."));
        return false;
    }
    if (m_currentSession.isEmpty())
        setCurrentSession(defaultSessionKey());
    clearError();

    const QString runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_messages.append({ ChatMessagesModel::Author::User, message, ChatMessagesModel::State::Done, {}, {}, {}, now() });
    m_messages.append({ ChatMessagesModel::Author::Assistant, {}, ChatMessagesModel::State::Pending, {}, runId,
        m_currentModel, now() });
    setActiveRun(runId);

    QJsonObject params { { u"sessionKey"_s, m_currentSession }, { u"message"_s, message },
        { u"idempotencyKey"_s, runId } };
    if (!m_currentModel.isEmpty())
        params.insert(u"model"_s, m_currentModel);
    m_client->call(
        u"chat.send"_s, params, [this, self = QPointer<ChatController>(this), runId](const Gateway::LocalReply &reply) {
            if (!self)
                return;
            if (!reply.ok) {
                const QString error = reply.errorMessage.isEmpty() ? reply.errorCode : reply.errorMessage;
                endRun(runId, ChatMessagesModel::State::Failed, {}, error);
                setErrorString(tr("The message was not sent: %1").arg(error));
                return;
            }
            // The session is listed from now on.
            loadSessions();
        });
    return true;
}

void ChatController::stop()
{
    if (!isBusy() || !m_client)
        return;
    const QString runId = m_activeRunId;
    m_client->call(u"chat.abort"_s, QJsonObject { { u"sessionKey"_s, m_currentSession }, { u"runId"_s, runId } },
        [this, self = QPointer<ChatController>(this)](const Gateway::LocalReply &reply) {
            if (!self)
                return;
            if (!reply.ok)
                setErrorString(tr("Could not stop the answer: %1").arg(reply.errorMessage));
            // The aborted event ends the row; when the run had just finished there is none.
        });
}

void ChatController::onEvent(const QString &name, const QJsonObject &payload)
{
    const QString runId = payload.value(u"runId"_s).toString();
    const int row = m_messages.rowOfRun(runId);
    if (row < 0)
        return; // another session, or a turn this page does not show
    if (name == u"agent") {
        // The lifecycle names the model that answers (also after a failover).
        const QJsonObject data = payload.value(u"data"_s).toObject();
        if (payload.value(u"stream"_s).toString() == u"lifecycle" && data.value(u"phase"_s).toString() == u"model") {
            ChatMessagesModel::Message updated = m_messages.at(row);
            updated.model = modelSpec(data);
            m_messages.update(row, updated);
        }
        return;
    }
    if (name != u"chat")
        return;
    const QString state = payload.value(u"state"_s).toString();
    const QJsonValue message = payload.value(u"message"_s);
    ChatMessagesModel::Message updated = m_messages.at(row);
    const QString model = modelSpec(message.toObject());
    if (!model.isEmpty())
        updated.model = model;

    if (state == u"delta") {
        // `message` is the cumulative text; fall back to appending deltaText without it.
        if (message.isObject())
            updated.text = messageText(message);
        else if (payload.value(u"replace"_s).toBool())
            updated.text = payload.value(u"deltaText"_s).toString();
        else
            updated.text += payload.value(u"deltaText"_s).toString();
        updated.state = ChatMessagesModel::State::Streaming;
        m_messages.update(row, updated);
    } else if (state == u"final") {
        m_messages.update(row, updated);
        endRun(runId, ChatMessagesModel::State::Done, message.isObject() ? messageText(message) : updated.text, {});
        loadSessions();
    } else if (state == u"aborted") {
        m_messages.update(row, updated);
        endRun(runId, ChatMessagesModel::State::Aborted, message.isObject() ? messageText(message) : updated.text,
            payload.value(u"errorMessage"_s).toString());
    } else if (state == u"error") {
        QString error = payload.value(u"errorMessage"_s).toString();
        if (error.isEmpty())
            error = tr("The model did not answer.");
        m_messages.update(row, updated);
        endRun(runId, ChatMessagesModel::State::Failed, updated.text, error);
        setErrorString(error);
    }
}

void ChatController::endRun(
    const QString &runId, ChatMessagesModel::State state, const QString &text, const QString &error)
{
    const int row = m_messages.rowOfRun(runId);
    if (row >= 0) {
        ChatMessagesModel::Message updated = m_messages.at(row);
        updated.state = state;
        updated.text = text;
        updated.errorText = error;
        m_messages.update(row, updated);
    }
    if (runId == m_activeRunId)
        setActiveRun({});
}

void ChatController::clearError()
{
    setErrorString({});
}

void ChatController::setErrorString(const QString &message)
{
    if (message != m_errorString) {
        m_errorString = message;
        Q_EMIT errorStringChanged();
    }
    if (!message.isEmpty())
        Q_EMIT errorOccurred(message);
}
