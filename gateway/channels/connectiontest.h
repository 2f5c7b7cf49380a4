// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace Gateway::Channels
{

/// @brief What testConnection() checks: one platform account, before it is saved.
struct ConnectionTarget
{
    QString channel; ///< "telegram", "discord" or "whatsapp"
    QUrl baseUrl; ///< empty = the platform's (the channel class's default)
    QString token; ///< bot token (Telegram, Discord) or access token (WhatsApp)
    QString phoneNumberId; ///< WhatsApp only
    QString apiVersion; ///< WhatsApp Graph API version; empty = the channel's default
};

/// @brief How a connection test ended.
struct ConnectionTestResult
{
    bool ok = false;
    QString botName; ///< on success: "@skynet_bot", "skynet-bot", "Acme (+1 555 …)"
    QString error; ///< on failure: the platform's own text (never the token)
};

/// Asks the platform who the credentials belong to: Telegram `getMe`, Discord `GET /users/@me`,
/// WhatsApp `GET /<version>/<phone-number-id>`, against target.baseUrl. done runs once, later,
/// on the caller's thread (also for invalid input). Uses nam for the request.
void testConnection(QNetworkAccessManager &nam, const ConnectionTarget &target,
    std::function<void(const ConnectionTestResult &result)> done, int timeoutMs = 15000);

} // namespace Gateway::Channels
