// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "channels/webchat.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrl>

#include "channels/channelstore.h"
#include "core/network.h"
#include "http/origin.h"
#include "http/router.h"
#include "logging.h"
#include "people/auditlog.h"
#include "people/directory.h"
#include "people/userstore.h"
#include "secrets/secretstore.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Channels
{

namespace
{
constexpr int MAX_NAME_CHARS = 64;
constexpr qsizetype MAX_BODY = 4096;

QString randomToken(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray sha256Hex(const QString &value)
{
    return QCryptographicHash::hash(value.toUtf8(), QCryptographicHash::Sha256).toHex();
}

Http::Response jsonResponse(int status, const QJsonObject &object)
{
    return Http::Response::json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString claimKey(const QString &deviceId)
{
    return u"claim:"_s + deviceId;
}

bool validDeviceId(const QString &id)
{
    if (id.size() != 21 || !id.startsWith(u'w'))
        return false;
    for (qsizetype i = 1; i < id.size(); ++i) {
        const QChar c = id.at(i);
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}
} // namespace

WebChat::WebChat(Options options, QObject *parent)
    : Channel(parent), m_options(std::move(options)), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

WebChat::~WebChat() = default;

void WebChat::start()
{
    // Served by the gateway's own HTTP server: up whenever the gateway is.
    setState(State::Running);
}

void WebChat::stop()
{
    setState(State::Stopped);
}

void WebChat::deliver(const OutboundMessage &, std::function<void(const DeliveryResult &)> done)
{
    DeliveryResult result;
    result.outcome = DeliveryResult::Outcome::Failed;
    result.error = u"the web chat receives its answers over the protocol; it has no push delivery"_s;
    done(result);
}

void WebChat::attach(ChannelStore *store, People::Directory *people)
{
    m_store = store;
    m_people = people;
}

QList<std::pair<QString, std::pair<QByteArray, QString>>> WebChat::files()
{
    return {
        { u"/chat"_s, { "text/html; charset=utf-8", u":/webchat/index.html"_s } },
        { u"/chat/"_s, { "text/html; charset=utf-8", u":/webchat/index.html"_s } },
        { u"/chat/chat.js"_s, { "text/javascript; charset=utf-8", u":/webchat/chat.js"_s } },
        { u"/chat/chat.css"_s, { "text/css; charset=utf-8", u":/webchat/chat.css"_s } },
        { u"/chat/icon.svg"_s, { "image/svg+xml", u":/webchat/icon.svg"_s } },
    };
}

QByteArray WebChat::contentSecurityPolicy()
{
    // Everything from this origin, nothing inline, no plugins, no framing. connect-src 'self'
    // covers ws:/wss: to the same host and port (CSP Level 3).
    return QByteArrayLiteral("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                             "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
}

Http::Response WebChat::page(const QString &resource, const QByteArray &contentType) const
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        return Http::Response::error(404, u"not found"_s);
    Http::Response response;
    response.status = 200;
    response.contentType = contentType;
    response.body = file.readAll();
    response.headers = {
        { QByteArrayLiteral("Content-Security-Policy"), contentSecurityPolicy() },
        { QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY") },
        { QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer") },
        { QByteArrayLiteral("Cross-Origin-Opener-Policy"), QByteArrayLiteral("same-origin") },
        { QByteArrayLiteral("Cross-Origin-Resource-Policy"), QByteArrayLiteral("same-origin") },
        { QByteArrayLiteral("Permissions-Policy"), QByteArrayLiteral("camera=(), microphone=(), geolocation=()") },
    };
    return response;
}

void WebChat::registerRoutes(Http::Router &router)
{
    for (const auto &[path, file] : files()) {
        // Copies, not structured bindings: clang before 16 cannot capture those (the fuzz build).
        const auto contentType = file.first;
        const auto resource = file.second;
        router.add(
            "GET", path, [this, resource, contentType](const Http::Request &) { return page(resource, contentType); });
    }
    router.add("POST", u"/chat/pair"_s, [this](const Http::Request &request) { return pair(request); });
    router.add("POST", u"/chat/pair/claim"_s, [this](const Http::Request &request) { return claim(request); });
}

bool WebChat::limited(QHash<QString, QList<qint64>> &counts, const QString &peer, int max, bool add)
{
    const qint64 now = m_clock();
    QList<qint64> &times = counts[peer];
    times.removeIf([&](qint64 t) { return now - t > m_options.windowMs; });
    if (add)
        times.append(now);
    const bool over = times.size() > max;
    if (times.isEmpty())
        counts.remove(peer);
    // Bounded memory: forget the oldest peers when a flood of addresses arrives.
    if (counts.size() > 4096)
        counts.erase(counts.begin());
    return over;
}

namespace
{
// The page's own requests only: JSON (a cross-site form cannot send it without a preflight that
// is never answered) and, when the browser names an origin, the gateway's own. While the gateway
// listens on loopback only, the page must also have been loaded through a loopback name: a
// public name resolving to 127.0.0.1 (DNS rebinding) gets nothing.
std::optional<Http::Response> refuseForeign(const Http::Request &request, bool loopbackOnly)
{
    if (!request.header("content-type").startsWith("application/json"))
        return Http::Response::error(415, u"send application/json"_s);
    const QString host = QString::fromLatin1(request.header("host"));
    if (!Http::isSameOrigin(request))
        return Http::Response::error(403, u"origin not allowed"_s);
    if (loopbackOnly) {
        const QUrl hostUrl(u"http://"_s + host);
        if (!hostUrl.isValid() || !isLoopbackHost(hostUrl.host()))
            return Http::Response::error(403, u"this gateway serves the web chat to loopback addresses only"_s);
    }
    if (request.body.size() > MAX_BODY)
        return Http::Response::error(413, u"request too large"_s);
    return std::nullopt;
}
} // namespace

std::optional<Http::Response> WebChat::refuse(const Http::Request &request) const
{
    if (auto refused = refuseForeign(request, m_options.loopbackOnly))
        return refused;
    if (!m_store || !m_people || !m_people->isReady()) {
        Http::Response r = Http::Response::error(503, u"the gateway is starting; try again shortly"_s);
        r.headers.append({ QByteArrayLiteral("Retry-After"), QByteArrayLiteral("2") });
        return r;
    }
    return std::nullopt;
}

Http::Response WebChat::pair(const Http::Request &request)
{
    if (auto refused = refuse(request))
        return *refused;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (!doc.isObject())
        return Http::Response::error(400, u"the body must be a JSON object: "_s + parseError.errorString());
    const QJsonValue nameValue = doc.object().value(u"name"_s);
    if (!nameValue.isString() && !nameValue.isUndefined())
        return Http::Response::error(400, u"name must be a string"_s);
    QString name = nameValue.toString().simplified();
    if (name.size() > MAX_NAME_CHARS)
        return Http::Response::error(400, u"name is longer than %1 characters"_s.arg(MAX_NAME_CHARS));
    if (name.isEmpty())
        name = u"Web visitor"_s;

    if (m_options.dmPolicy == u"allowlist")
        return Http::Response::error(
            403, u"this Skynet does not take new web chat visitors; ask its owner for an access token"_s);
    if (limited(m_pairRequests, request.peer, m_options.pairPerPeer, true))
        return Http::Response::error(429, u"too many pairing requests from this address; try again later"_s);
    int pending = 0;
    for (const ChannelStore::PairingRequest &r : m_store->pairingRequests(u"pending"_s))
        pending += r.channel == id() ? 1 : 0;
    if (m_options.dmPolicy != u"open" && pending >= m_options.maxPending)
        return Http::Response::error(
            429, u"too many web chat pairing requests are waiting for the owner; try again later"_s);

    QByteArray idBytes(12, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(idBytes.data()), idBytes.size() / 4);
    const QString deviceId = u"w"_s + QString::fromLatin1(idBytes.toHex().left(20));
    const QString secret = randomToken(32);
    const qint64 now = m_clock();
    const Result<QString> code = m_store->pairingCode(id(), deviceId, name, deviceId, now);
    if (!code)
        return Http::Response::error(500, code.error().message);
    if (Status s = m_store->setState(id(), claimKey(deviceId), QString::fromLatin1(sha256Hex(secret))); !s)
        return Http::Response::error(500, s.error().message);
    m_people->record(u"system"_s, u"pairing.request"_s, id(), u"pending"_s,
        QJsonObject { { u"identity"_s, People::AuditLog::pseudonym(deviceId) } });
    QJsonObject result { { u"deviceId"_s, deviceId }, { u"claim"_s, secret }, { u"code"_s, *code },
        { u"state"_s, u"pending"_s } };
    if (m_options.dmPolicy == u"open") {
        // Everyone is let in: approved at once; the page claims its token right away.
        const Result<ChannelStore::PairingRequest> decided = m_store->decidePairing(id(), *code, true, now);
        if (decided)
            result.insert(u"state"_s, u"approved"_s);
    }
    qCInfo(lcGatewayService).noquote() << "web chat pairing request" << *code << "from" << request.peer;
    return jsonResponse(200, result);
}

Http::Response WebChat::claim(const Http::Request &request)
{
    if (auto refused = refuse(request))
        return *refused;
    if (limited(m_badClaims, request.peer, m_options.badClaimsPerPeer, false))
        return Http::Response::error(429, u"too many failed claims from this address; try again later"_s);
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString deviceId = body.value(u"deviceId"_s).toString();
    const QString secret = body.value(u"claim"_s).toString();
    const QByteArray stored = m_store->state(id(), claimKey(deviceId)).toLatin1();
    // Same work for an unknown device as for a wrong secret; the comparison is constant-time.
    const bool match = validDeviceId(deviceId) && !secret.isEmpty() && secret.size() <= 128 && !stored.isEmpty()
        && Secrets::constantTimeEquals(sha256Hex(secret), stored);
    if (!match) {
        limited(m_badClaims, request.peer, m_options.badClaimsPerPeer, true);
        return Http::Response::error(403, u"unknown pairing request or wrong claim secret"_s);
    }
    const QString state = m_store->pairingState(id(), deviceId);
    if (state == u"pending")
        return jsonResponse(202, QJsonObject { { u"state"_s, u"pending"_s } });
    // Decided: the claim secret is spent either way.
    (void)m_store->setState(id(), claimKey(deviceId), QString());
    if (state != u"approved")
        return jsonResponse(403, QJsonObject { { u"state"_s, u"rejected"_s } });
    QString name;
    for (const ChannelStore::PairingRequest &r : m_store->pairingRequests(u"approved"_s)) {
        if (r.channel == id() && r.senderId == deviceId)
            name = r.senderName;
    }
    const Result<People::User> user = m_people->resolveInbound(id(), deviceId, name, true);
    if (!user)
        return Http::Response::error(500, user.error().message);
    const Result<QString> token = m_people->users()->issueToken(user->id, u"web chat"_s, m_clock());
    if (!token)
        return Http::Response::error(500, token.error().message);
    m_people->record(u"system"_s, u"webchat.token"_s, user->id, u"ok"_s,
        QJsonObject { { u"identity"_s, People::AuditLog::pseudonym(deviceId) } });
    return jsonResponse(200,
        QJsonObject { { u"state"_s, u"approved"_s }, { u"token"_s, *token }, { u"userId"_s, user->id },
            { u"name"_s, user->displayName } });
}

} // namespace Gateway::Channels
