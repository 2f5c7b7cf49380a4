// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QString>
#include <QUrl>

#include "fakehttpserver.h"

class QNetworkAccessManager;

namespace Fakes
{

/// @brief A faithful fake of the WhatsApp Business Cloud API (shared/reference/whatsapp-cloud-api.md),
/// both directions:
///  - Gateway → Meta: `POST /{version}/{phone-number-id}/messages` (Bearer token, Graph error
///    envelope, `contacts` + `messages[{id:"wamid.…"}]` answer, read receipts with
///    typing_indicator → {"success":true}), `GET /{version}/{media-id}`, `GET /{version}/{phone-number-id}` and the
///    media bytes; accepted messages are followed by `statuses` webhooks (sent → delivered → read, or failed with an
///    errors array, e.g. 131047 outside the 24 h window, 131026 undeliverable).
///  - Meta → gateway: the GET verification handshake against the gateway's callback URL, and
///    notifications POSTed with `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw
///    body)>`; the body is written the way Meta writes it (its key order, non-ASCII as \uXXXX,
///    '/' as \/), so a receiver that re-serialises before verifying fails. Non-200 answers are
///    retried with the same bytes; redeliver()/setDuplicateDeliveries() make duplicates.
///
/// Fake-only HTTP endpoints under /__fake/ (inject_text, sent, fail_next, state) allow running
/// it as a separate process.
class FakeWhatsApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeWhatsApp)

public:
    /// How far the automatic status webhooks go after an accepted message.
    enum class StatusFlow {
        None,
        Sent,
        Delivered,
        Read,
    };
    /// How a free-form message outside the 24 h window fails.
    enum class WindowMode {
        AsyncFailedStatus, ///< 200 accepted, then a failed status with 131047 (what Meta usually does)
        SyncError, ///< 400 with error code 131047
        Off, ///< no window check
    };
    /// How a notification is signed (the negative cases a receiver must reject).
    enum class Signing {
        Valid,
        Missing, ///< no X-Hub-Signature-256 header
        WrongSecret, ///< signed with another secret
        TamperedBody, ///< signed, then one byte of the body changed
        NoPrefix, ///< the hex digest without "sha256="
    };

    struct SentMessage
    {
        QString wamid;
        QString to; ///< as the gateway wrote it
        QString waId; ///< digits only
        QString type;
        QString text; ///< text.body for type text
        QString contextMessageId; ///< context.message_id (a quoted reply)
        QJsonObject request;
        qint64 atMs = 0;
    };

    /// @brief One Graph API request and the fake's answer.
    struct GraphCall
    {
        QByteArray method;
        QString path;
        QJsonObject body;
        int httpStatus = 0;
        QJsonObject response;
        qint64 atMs = 0;
        int errorCode() const
        {
            return response.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
        }
    };

    struct ReadReceipt
    {
        QString messageId;
        QString typingIndicator; ///< typing_indicator.type, empty when none
        qint64 atMs = 0;
    };

    /// @brief One notification POSTed to the gateway (with all its attempts).
    struct Delivery
    {
        int id = 0;
        QString kind; ///< "messages", "statuses", "errors" or "raw"
        QByteArray body; ///< the exact bytes sent (and signed)
        QByteArray signatureHeader; ///< X-Hub-Signature-256 as sent (empty when Missing)
        Signing signing = Signing::Valid;
        QList<int> attemptStatuses; ///< HTTP status per attempt, 0 for a network error
        bool delivered = false; ///< answered 200
        bool gaveUp = false;
        int redeliveryOf = 0; ///< the delivery these bytes were first sent with (0 = original)
    };

    struct Verification
    {
        int id = 0;
        QString mode;
        QString verifyToken;
        QString challenge;
        int httpStatus = 0; ///< 0 = network error
        QByteArray body;
        /// The gateway answered 200 with exactly the challenge as the body.
        bool echoed() const { return httpStatus == 200 && body == challenge.toUtf8(); }
    };

    explicit FakeWhatsApp(QObject *parent = nullptr);
    ~FakeWhatsApp() override;

    bool listen(quint16 port = 0);
    QUrl baseUrl() const { return m_server->baseUrl(); } ///< plays graph.facebook.com
    /// `<baseUrl>/<version>/<phone-number-id>/messages`.
    QUrl messagesUrl() const;
    FakeHttpServer &server() { return *m_server; }

    // ---- configuration (defaults in brackets)
    void setAccessToken(const QString &token) { m_accessToken = token; } ///< ["EAAFakeWhatsAppToken"]
    QString accessToken() const { return m_accessToken; }
    void setPhoneNumberId(const QString &id) { m_phoneNumberId = id; } ///< ["106540352242922"]
    QString phoneNumberId() const { return m_phoneNumberId; }
    void setDisplayPhoneNumber(const QString &number) { m_displayNumber = number; } ///< ["15550783881"]
    void setWabaId(const QString &id) { m_wabaId = id; } ///< ["102290129340398"]
    QString wabaId() const { return m_wabaId; }
    void setApiVersion(const QString &version) { m_apiVersion = version; } ///< messagesUrl()'s ["v23.0"]
    void setAppSecret(const QByteArray &secret) { m_appSecret = secret; } ///< ["fake-app-secret"]
    QByteArray appSecret() const { return m_appSecret; }
    /// The gateway's callback URL (verification GET and notification POSTs).
    void setWebhookUrl(const QUrl &url) { m_webhookUrl = url; }
    QUrl webhookUrl() const { return m_webhookUrl; }
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); } ///< ms since the epoch

    // ---- Meta → gateway
    /// GET <webhook>?hub.mode=…&hub.verify_token=…&hub.challenge=… ; verificationFinished reports
    /// the answer. An empty challenge picks a random number. Returns the attempt id.
    int verifyWebhook(
        const QString &verifyToken, const QString &mode = QStringLiteral("subscribe"), const QString &challenge = {});
    QList<Verification> verifications() const { return m_verifications; }
    /// An inbound text message from waId (opens the 24 h window). Returns its wamid.
    QString injectText(const QString &from, const QString &text,
        const QString &profileName = QStringLiteral("Test User"), const QString &contextMessageId = {},
        Signing signing = Signing::Valid);
    /// Any inbound message object (id, from and timestamp are filled in when absent). Returns its wamid.
    QString injectMessage(QJsonObject message, const QString &profileName = QStringLiteral("Test User"),
        Signing signing = Signing::Valid);
    /// A status notification for wamid ("sent", "delivered", "read", "failed" + errors).
    int sendStatus(const QString &wamid, const QString &status, const QJsonArray &errors = {});
    /// A signed `failed` status for wamid, as Meta sends one when an accepted message could not be
    /// delivered: errors[{code, title, message, error_data:{details}, href}] with the canonical
    /// texts of the code (131047 re-engagement, 131026 undeliverable, ...). Returns the delivery id.
    int sendFailedStatus(const QString &wamid, int code, const QString &details = {});
    /// The errors array of a failed status for code (what sendFailedStatus() sends).
    static QJsonArray statusErrors(int code, const QString &details = {});
    /// Wraps a change value ({"messaging_product","metadata",...}) in the envelope and POSTs it.
    int deliverValue(const QJsonObject &value, const QString &kind, Signing signing = Signing::Valid);
    /// POSTs body exactly as given.
    int deliverRaw(const QByteArray &body, Signing signing = Signing::Valid);
    /// POSTs an earlier delivery's bytes and signature again (what Meta does; dedupe tests).
    int redeliver(int deliveryId);
    /// Every successful delivery is followed by a duplicate (default off).
    void setDuplicateDeliveries(bool on) { m_duplicate = on; }
    void setRetryDelayMs(int ms) { m_retryDelayMs = ms; } ///< [1000]
    void setMaxAttempts(int attempts) { m_maxAttempts = attempts; } ///< per delivery [5]
    QList<Delivery> deliveries() const { return m_deliveries; }
    Delivery delivery(int id) const { return m_deliveries.value(id - 1); }
    /// The last inbound message from waId (set by inject*; for window tests).
    void setLastInbound(const QString &waId, qint64 atMs) { m_lastInbound.insert(waId, atMs); }

    /// "sha256=" + lowercase hex HMAC-SHA256(secret, body).
    static QByteArray signature(const QByteArray &body, const QByteArray &secret);
    /// Meta-style JSON bytes: Meta's key order, non-ASCII as \uXXXX, '/' as \/.
    static QByteArray metaJson(const QJsonValue &value);

    // ---- gateway → Meta
    QList<SentMessage> sentMessages() const { return m_sent; }
    QList<ReadReceipt> readReceipts() const { return m_reads; }
    QList<GraphCall> calls() const { return m_calls; }
    void setStatusFlow(StatusFlow flow) { m_statusFlow = flow; } ///< [Read]
    void setStatusDelayMs(int ms) { m_statusDelayMs = ms; } ///< between status steps [0]
    void setWindowMode(WindowMode mode) { m_windowMode = mode; } ///< [AsyncFailedStatus]
    /// Messages to waId are accepted, then fail with 131026 (not on WhatsApp).
    void setUndeliverable(const QString &waId, bool on = true);
    /// At most `messages` per recipient within windowMs, beyond that 400 code 131056 (0 = off).
    void setPairRateLimit(int messages, int windowMs);
    /// The next send fails with this Graph error code (130429, 131056, 131026, 190, 131000, ...);
    /// httpStatus/message/details default to the canonical ones. FIFO.
    void failNext(int code, int httpStatus = 0, const QString &message = {}, const QString &details = {});
    /// The token stops working: 401 code 190 (subcode 463, session expired).
    void expireToken(bool expired = true) { m_tokenExpired = expired; }
    /// Media the gateway can fetch by id; returns the media id.
    QString addMedia(const QByteArray &bytes, const QString &mimeType);
    /// The canonical Graph error object ({"message","type","code","error_data",...}).
    static QJsonObject graphError(int code, const QString &message = {}, const QString &details = {});

Q_SIGNALS:
    void verificationFinished(const Fakes::FakeWhatsApp::Verification &verification);
    void deliveryAttempted(int deliveryId, int httpStatus);
    void deliveryFinished(int deliveryId, bool delivered);
    void messageAccepted(const Fakes::FakeWhatsApp::SentMessage &message);

private:
    struct Failure
    {
        int code = 0;
        int httpStatus = 0;
        QString message;
        QString details;
    };
    struct Media
    {
        QByteArray bytes;
        QString mimeType;
    };

    ScriptedResponse handleGraph(const RecordedRequest &request);
    ScriptedResponse handleMedia(const RecordedRequest &request);
    ScriptedResponse handleControl(const RecordedRequest &request);
    ScriptedResponse sendMessage(const RecordedRequest &request, const QJsonObject &body);
    ScriptedResponse finishCall(const RecordedRequest &request, int status, const QJsonObject &response);
    ScriptedResponse graphErrorResponse(const RecordedRequest &request, int code, int httpStatus = 0,
        const QString &message = {}, const QString &details = {});
    bool authorized(const RecordedRequest &request, ScriptedResponse *error);
    void scheduleStatuses(const QString &wamid, const QString &waId, bool outsideWindow);
    QJsonObject statusObject(
        const QString &wamid, const QString &waId, const QString &status, const QJsonArray &errors) const;
    QJsonObject metadata() const;
    int startDelivery(Delivery delivery);
    void attempt(int deliveryId);
    QString newWamid(const QString &waId);
    qint64 now() const;

    FakeHttpServer *m_server;
    QNetworkAccessManager *m_nam;
    QString m_accessToken = QStringLiteral("EAAFakeWhatsAppToken");
    QString m_phoneNumberId = QStringLiteral("106540352242922");
    QString m_displayNumber = QStringLiteral("15550783881");
    QString m_wabaId = QStringLiteral("102290129340398");
    QString m_apiVersion = QStringLiteral("v23.0");
    QByteArray m_appSecret = "fake-app-secret";
    QUrl m_webhookUrl;
    std::function<qint64()> m_clock;
    bool m_tokenExpired = false;

    QList<Verification> m_verifications;
    QList<Delivery> m_deliveries; ///< id = index + 1
    bool m_duplicate = false;
    int m_retryDelayMs = 1000;
    int m_maxAttempts = 5;

    QList<SentMessage> m_sent;
    QList<ReadReceipt> m_reads;
    QList<GraphCall> m_calls;
    QSet<QString> m_inboundIds;
    QHash<QString, QString> m_recipientOf; ///< wamid → wa_id of accepted messages
    QHash<QString, qint64> m_lastInbound; ///< wa_id → ms
    QSet<QString> m_undeliverable;
    QQueue<Failure> m_failures;
    int m_pairMessages = 0;
    int m_pairWindowMs = 6000;
    QHash<QString, QList<qint64>> m_pairTimes;
    StatusFlow m_statusFlow = StatusFlow::Read;
    int m_statusDelayMs = 0;
    WindowMode m_windowMode = WindowMode::AsyncFailedStatus;
    QHash<QString, Media> m_media;
    quint64 m_counter = 0;
};

} // namespace Fakes
