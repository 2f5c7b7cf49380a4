// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Discord Gateway payloads (HELLO, heartbeat requests and ACKs, RECONNECT, INVALID_SESSION,
// dispatches: READY, RESUMED, MESSAGE_CREATE, anything else) into a fresh DiscordChannel, one
// payload per input line, as they would arrive on its socket. The first byte decides which
// inbound messages the sink refuses (a refused MESSAGE_CREATE must not advance the sequence).
// Checks: every message handed to the sink has a sender, non-blank text of at most 16,000
// characters, and is not the bot's own; the session reported by sessionChanged is the channel's;
// the sequence only moves to a dispatch's "s" and never past a refused message.
#include "fuzzsupport.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "channels/discordchannel.h"

#include <cstdlib>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Gateway::Channels::DiscordChannel;
    using Gateway::Channels::InboundMessage;
    if (size < 1 || size > 64 * 1024)
        return 0;
    FuzzSupport::app();
    const quint8 refuseMask = data[0];
    const QList<QByteArray> lines = FuzzSupport::bytes(data + 1, size - 1).split('\n');

    DiscordChannel::Options options;
    options.apiBase = QUrl(u"http://127.0.0.1:9/api/v10"_s);
    options.gatewayUrl = QUrl(u"ws://127.0.0.1:9/"_s);
    options.token = u"fuzz.bot.token"_s;
    DiscordChannel channel(options);
    int handed = 0;
    bool lastRefused = false;
    channel.setSink([&](const InboundMessage &m) {
        if (m.channel != u"discord"_s || m.senderId.isEmpty() || m.text.trimmed().isEmpty() || m.text.size() > 16'000
            || (!channel.botUserId().isEmpty() && m.senderId == channel.botUserId()))
            std::abort();
        lastRefused = (refuseMask >> (handed++ % 8)) & 1;
        return !lastRefused;
    });
    QObject::connect(&channel, &DiscordChannel::sessionChanged, [&](const QString &id, const QString &, int seq) {
        if (id != channel.sessionId() || seq != channel.sequence())
            std::abort();
    });

    for (const QByteArray &line : lines) {
        const int before = channel.sequence();
        const int handedBefore = handed;
        const QString text = QString::fromUtf8(line);
        const QJsonObject payload = QJsonDocument::fromJson(text.toUtf8()).object();
        channel.handlePayload(text);
        const int after = channel.sequence();
        const QJsonValue s = payload.value(u"s"_s);
        if (after != before) {
            // Only a dispatch with a numeric "s" moves it, to that value (INVALID_SESSION resets).
            const bool reset = payload.value(u"op"_s).toInt(-1) == 9 && after == -1;
            if (!reset && (payload.value(u"op"_s).toInt(-1) != 0 || !s.isDouble() || after != s.toInt()))
                std::abort();
        }
        if (handed > handedBefore && lastRefused && after != before)
            std::abort(); // a message the sink refused must be replayed, not skipped
        if (payload.value(u"op"_s).toInt(-1) == 0 && payload.value(u"t"_s).toString() == u"READY"_s
            && channel.sessionId() != payload.value(u"d"_s).toObject().value(u"session_id"_s).toString())
            std::abort();
    }
    return 0;
}
