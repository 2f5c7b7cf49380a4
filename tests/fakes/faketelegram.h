// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <memory>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "fakehttpserver.h"

class QNetworkAccessManager;
class QTimer;

namespace Fakes
{

/// @brief A faithful fake of the Telegram Bot API (shared/reference/telegram-bot-api.md):
/// `GET|POST /bot<TOKEN>/<method>` with query, form-urlencoded, multipart or JSON parameters and
/// case-insensitive method names; getMe, getUpdates (a real long poll: the request is held until
/// an update is injected or the timeout passes), setWebhook (updates are then POSTed to the URL
/// with X-Telegram-Bot-Api-Secret-Token and retried on non-2xx), deleteWebhook, getWebhookInfo,
/// sendMessage, editMessageText (MarkdownV2/HTML/Markdown parsed into entities), sendChatAction,
/// sendMessageDraft, plus a few harmless extras (getChat, deleteMessage, setMyCommands, ...).
///
/// Tests drive it from C++ (injectMessage(), sentMessages(), failNext(), ...) or over HTTP through
/// the fake-only endpoints under /__fake/ (inject_update, inject_message, sent, fail_next,
/// rate_limit, state), so it could also run as a separate process.
class FakeTelegram final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeTelegram)

public:
    /// @brief One Bot API call the fake answered (any method, successful or not).
    struct Call
    {
        QString method; ///< canonical spelling ("sendMessage"), whatever case the client used
        QJsonObject params; ///< merged query/form/JSON parameters (form values stay strings)
        qint64 chatId = 0; ///< resolved chat id, 0 when the call has none
        QString text; ///< text after entity parsing (sendMessage/editMessageText/sendMessageDraft)
        QJsonArray entities; ///< entities of text (UTF-16 offsets)
        qint64 messageId = 0; ///< sent or edited message
        qint64 atMs = 0; ///< fake clock, milliseconds since the epoch
        int errorCode = 0; ///< 0 = ok
        QString description; ///< error description
        bool viaWebhookReply = false; ///< the call came in the body of a webhook response
        bool ok() const { return errorCode == 0; }
        QJsonObject toJson() const;
    };

    /// @brief One POST of an update to the webhook.
    struct WebhookAttempt
    {
        qint64 updateId = 0;
        int attempt = 0; ///< 1 for the first delivery of that update
        int httpStatus = 0; ///< 0 on a network error
        QString error; ///< as getWebhookInfo's last_error_message; empty on success
        qint64 atMs = 0;
    };

    explicit FakeTelegram(QObject *parent = nullptr);
    ~FakeTelegram() override;

    bool listen(quint16 port = 0);
    /// "http://127.0.0.1:PORT": the client calls `<baseUrl>/bot<TOKEN>/<method>`.
    QUrl baseUrl() const { return m_server->baseUrl(); }
    /// `<baseUrl>/bot<token>/<method>` for the current token.
    QUrl methodUrl(const QString &method) const;
    FakeHttpServer &server() { return *m_server; }

    // ---- identity
    /// The only accepted token (default "123456789:AAFakeTelegramTokenForTests"); its numeric
    /// prefix is the bot's user id.
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }
    void setBotUsername(const QString &username) { m_botUsername = username; } ///< default "skynet_test_bot"
    qint64 botId() const;
    /// Milliseconds since the epoch for dates, timestamps and rate limits (default: system clock).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    // ---- chats and updates
    /// Makes a chat known (chats also become known when a message from them is injected).
    /// type: private|group|supergroup|channel.
    void addChat(qint64 chatId, const QString &type = QStringLiteral("private"), const QString &title = {},
        const QString &username = {});
    /// A forum topic in a chat (the chat becomes a forum: is_forum). Sending with a
    /// message_thread_id that is not a topic of the chat fails with 400 "message thread not found".
    void addTopic(qint64 chatId, qint64 threadId);
    /// A user's text message as an Update; returns its update_id. threadId != 0 makes it a forum
    /// topic message (message_thread_id + is_topic_message; the topic is added).
    qint64 injectMessage(qint64 chatId, qint64 fromId, const QString &text,
        const QString &chatType = QStringLiteral("private"), qint64 threadId = 0);
    /// Any Update object; update_id is assigned unless present. Returns the update_id.
    qint64 injectUpdate(QJsonObject update);
    /// The next update_id to assign (default 100000001). Lets tests simulate an id jump.
    void setNextUpdateId(qint64 id) { m_nextUpdateId = id; }
    /// Updates not yet confirmed (for getUpdates) or delivered (webhook).
    int pendingUpdateCount() const { return int(m_updates.size()); }
    /// The highest offset a getUpdates call has confirmed with (0 = none yet).
    qint64 confirmedOffset() const { return m_confirmedOffset; }
    /// Is a long poll currently held open?
    bool hasWaitingPoll() const;
    int getUpdatesCalls() const { return m_getUpdatesCalls; }

    // ---- what the bot did
    /// Every sendMessage, editMessageText, sendChatAction and sendMessageDraft, in order.
    QList<Call> sentMessages() const;
    /// Every Bot API call (after token and method checks), in order.
    QList<Call> calls() const { return m_calls; }
    void clearCalls() { m_calls.clear(); }
    /// The current text of a message in the store (empty when unknown).
    QString messageText(qint64 chatId, qint64 messageId) const;

    // ---- scripting
    /// The next call of method (case-insensitive) fails with errorCode/description (+parameters,
    /// e.g. {"retry_after":3} or {"migrate_to_chat_id":-100123}); FIFO per method.
    void failNext(const QString &method, int errorCode, const QString &description, const QJsonObject &parameters = {});
    void failNextRetryAfter(const QString &method, int seconds); ///< 429 Too Many Requests: retry after N
    /// At most `messages` sendMessage/editMessageText per chat within windowMs; beyond that 429
    /// with parameters.retry_after (seconds until a slot frees). messages = 0 turns it off.
    void setChatRateLimit(int messages, int windowMs);
    /// Sends to that chat fail with 403 "Forbidden: bot was blocked by the user".
    void setBlocked(qint64 chatId, bool blocked = true);
    /// The group was upgraded: sends to it fail with 400 + parameters.migrate_to_chat_id.
    void migrateChat(qint64 groupId, qint64 supergroupId);

    // ---- webhook delivery
    QUrl webhookUrl() const { return m_webhookUrl; }
    QString webhookSecret() const { return m_secretToken; }
    void setWebhookRetryDelayMs(int ms) { m_webhookRetryMs = ms; } ///< default 1000
    /// Attempts per update before giving up and dropping it (default 0 = never give up).
    void setWebhookMaxAttempts(int attempts) { m_webhookMaxAttempts = attempts; }
    QList<WebhookAttempt> webhookAttempts() const { return m_webhookAttempts; }
    /// Sets the webhook directly, as setWebhook would (no URL checks).
    void setWebhook(const QUrl &url, const QString &secretToken = {});

    /// MarkdownV2 / HTML / Markdown → plain text + entities; false with tdlib's wording on a
    /// parse error. Public so tests can check the parser directly.
    static bool parseEntities(
        const QString &text, const QString &parseMode, QString *plain, QJsonArray *entities, QString *error);

Q_SIGNALS:
    void callReceived(const Fakes::FakeTelegram::Call &call);
    void webhookAttempted(const Fakes::FakeTelegram::WebhookAttempt &attempt);

private:
    struct Result
    {
        int errorCode = 0;
        QString description;
        QJsonObject parameters;
        QJsonValue value;
        static Result ok(const QJsonValue &value, const QString &description = {});
        static Result error(int code, const QString &description, const QJsonObject &parameters = {});
    };
    struct Chat
    {
        qint64 id = 0;
        QString type;
        QString title;
        QString username;
        QString firstName;
        qint64 nextMessageId = 1;
        bool forum = false;
        QSet<qint64> topics;
    };
    struct StoredMessage
    {
        QJsonObject json;
        bool fromBot = false;
    };
    struct Failure
    {
        int errorCode = 0;
        QString description;
        QJsonObject parameters;
    };
    struct Update
    {
        qint64 id = 0;
        QJsonObject json;
        int attempts = 0;
    };
    struct Poll
    {
        Responder responder;
        qint64 offset = 0;
        int limit = 100;
        QTimer *timer = nullptr;
    };

    void handleBot(const RecordedRequest &request, const Responder &responder);
    ScriptedResponse handleControl(const RecordedRequest &request);
    static ScriptedResponse toResponse(const Result &result);
    Result dispatch(const QString &method, const QJsonObject &params, Call &call);
    void getUpdates(const QJsonObject &params, const Responder &responder, Call &call);
    Result sendMessage(const QJsonObject &params, Call &call);
    Result editMessageText(const QJsonObject &params, Call &call);
    Result sendChatAction(const QJsonObject &params, Call &call);
    Result sendMessageDraft(const QJsonObject &params, Call &call);
    Result setWebhookCall(const QJsonObject &params);
    Result deleteWebhook(const QJsonObject &params);
    Result webhookInfo() const;
    Result getChat(const QJsonObject &params, Call &call);
    Result deleteMessage(const QJsonObject &params, Call &call);

    /// The chat named by params.chat_id or an error (chat not found, blocked, migrated).
    Chat *resolveChat(const QJsonObject &params, Result *error, bool sending);
    bool rateLimited(qint64 chatId, Result *error);
    /// params.message_thread_id must name a topic of the chat (when present).
    bool badThread(const Chat &chat, const QJsonObject &params, Result *error) const;
    QJsonObject chatJson(const Chat &chat) const;
    QJsonObject botUser() const;
    Chat &ensureChat(qint64 id, const QString &type);
    QList<Update> takeUpdates(qint64 offset, int limit);
    void confirm(qint64 offset);
    void answerPoll(Poll &poll, const Result &result);
    void wakePoll();
    void scheduleWebhook(int delayMs);
    void deliverWebhook();
    void record(Call &call);
    qint64 now() const;

    FakeHttpServer *m_server;
    QNetworkAccessManager *m_nam;
    QString m_token = QStringLiteral("123456789:AAFakeTelegramTokenForTests");
    QString m_botUsername = QStringLiteral("skynet_test_bot");
    std::function<qint64()> m_clock;

    QHash<qint64, Chat> m_chats;
    QHash<qint64, QHash<qint64, StoredMessage>> m_messages; ///< chat → message id → message
    QSet<qint64> m_blocked;
    QHash<qint64, qint64> m_migrated;
    QHash<QString, QQueue<Failure>> m_failures; ///< lower-case method →
    int m_rateMessages = 0;
    int m_rateWindowMs = 1000;
    QHash<qint64, QList<qint64>> m_sendTimes; ///< chat → recent send times (ms)

    QList<Update> m_updates;
    qint64 m_nextUpdateId = 100000001;
    qint64 m_confirmedOffset = 0;
    QStringList m_allowedUpdates; ///< empty = the default set
    std::unique_ptr<Poll> m_poll;
    int m_getUpdatesCalls = 0;

    QUrl m_webhookUrl;
    QString m_secretToken;
    int m_maxConnections = 40;
    int m_webhookRetryMs = 1000;
    int m_webhookMaxAttempts = 0;
    bool m_webhookBusy = false;
    QTimer *m_webhookTimer;
    qint64 m_lastErrorDate = 0;
    QString m_lastErrorMessage;
    QList<WebhookAttempt> m_webhookAttempts;

    QList<Call> m_calls;
};

} // namespace Fakes
