// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QHash>
#include <QPointer>

#include "channels/channel.h"
#include "http/httprequest.h"

namespace Gateway::People
{
class Directory;
}

namespace Gateway::Channels
{

class ChannelStore;

/// @brief The built-in web chat: a page served at /chat (from the binary's resources, strict
/// Content-Security-Policy, no third-party origin) that speaks the gateway protocol over a
/// WebSocket on the same port.
///
/// The page authenticates with an access token (a personal `skn_…` token or the gateway token) or
/// asks for one through pairing: POST /chat/pair creates a pairing request (a code the person
/// reads to the owner, listed by `pairing.list` under the channel "webchat") and a one-time claim
/// secret; once an admin approves the code with `pairing.approve`, POST /chat/pair/claim hands
/// the page a personal token for the person (identity ("webchat", device id)), exactly once.
/// Messages then go over the protocol (`chat.send`), so they need no outbox: the page sees the
/// reply stream and the history directly.
class WebChat final : public Channel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebChat)

public:
    struct Options
    {
        QString dmPolicy = QStringLiteral("pairing"); ///< pairing, allowlist (tokens only), open
        int maxPending = 20; ///< pending web pairing requests at most (all visitors together)
        int pairPerPeer = 5; ///< pairing requests per remote address per window
        int badClaimsPerPeer = 20; ///< wrong claim secrets per remote address per window
        qint64 windowMs = 10 * 60 * 1000;
        /// The gateway listens on loopback only: pairing is refused to pages loaded through
        /// another host name (DNS rebinding).
        bool loopbackOnly = true;
    };

    explicit WebChat(Options options, QObject *parent = nullptr);
    ~WebChat() override;

    QString id() const override { return QStringLiteral("webchat"); }
    QString label() const override { return QStringLiteral("Web chat"); }
    void start() override;
    void stop() override;
    /// The page receives its answers over the protocol; nothing is pushed through the outbox.
    void deliver(const OutboundMessage &message, std::function<void(const DeliveryResult &)> done) override;
    void typing(const QString &, const QString &) override { }
    bool acceptsOutbound() const override { return false; }
    void registerRoutes(Http::Router &router) override;

    /// Pairing needs the channel bookkeeping and the people directory (set once storage is open).
    void attach(ChannelStore *store, People::Directory *people);
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    /// The static files of the page: path → (content type, resource path).
    static QList<std::pair<QString, std::pair<QByteArray, QString>>> files();
    /// The Content-Security-Policy the page is served with.
    static QByteArray contentSecurityPolicy();

private:
    Http::Response page(const QString &resource, const QByteArray &contentType) const;
    /// Requests not from the page itself, or before storage is open: the answer to give.
    std::optional<Http::Response> refuse(const Http::Request &request) const;
    Http::Response pair(const Http::Request &request);
    Http::Response claim(const Http::Request &request);
    bool limited(QHash<QString, QList<qint64>> &counts, const QString &peer, int max, bool add);

    Options m_options;
    ChannelStore *m_store = nullptr;
    QPointer<People::Directory> m_people;
    QHash<QString, QList<qint64>> m_pairRequests; ///< peer → times
    QHash<QString, QList<qint64>> m_badClaims; ///< peer → times
    std::function<qint64()> m_clock;
};

} // namespace Gateway::Channels
