// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <memory>

#include <QtGlobal>

class ChannelsController;
class GatewayHost;
namespace Gateway::Logging
{
class EventLog;
}
namespace Language
{
class Translators;
}

/// @brief The app-lifetime QML singletons of the pages, created by main() before the engine.
///
/// Each page's controller is built here with the GatewayHost; QML reaches it through the
/// controller's create(), which hands out this instance (STYLE.md §4).
class Backends final
{
    Q_DISABLE_COPY_MOVE(Backends)

public:
    /// log feeds the Logs page (nullptr: the page starts empty and stays so); translators are
    /// replaced when the language changes in Settings (nullptr: the language applies on restart).
    explicit Backends(
        GatewayHost &host, Gateway::Logging::EventLog *log = nullptr, Language::Translators *translators = nullptr);
    ~Backends();

    /// The Channels page's controller (its pairingRequested feeds desktop notifications).
    ChannelsController *channels() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};
