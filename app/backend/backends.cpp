// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "backends.h"

#include "audit/auditmodel.h"
#include "channels/channelscontroller.h"
#include "chat/chatcontroller.h"
#include "dashboard/dashboardcontroller.h"
#include "gatewayhost.h"
#include "logs/logmodel.h"
#include "providers/ollamacontroller.h"
#include "providers/providerscontroller.h"
#include "providers/wizardcontroller.h"
#include "settings/settingscontroller.h"
#include "terminal/terminalcontroller.h"
#include "users/userscontroller.h"

struct Backends::Private
{
    // One member per page controller, declared in the order they are created.
    Private(GatewayHost &host, Gateway::Logging::EventLog *log, Language::Translators *translators)
        : logs(log),
          dashboard(host),
          audit(host),
          settings(host, translators),
          channels(host),
          users(host),
          terminal(host)
    {
    }

    LogModel logs;
    DashboardController dashboard;
    AuditModel audit;
    SettingsController settings;
    ChannelsController channels;
    UsersController users;
    TerminalController terminal; // approval of admin-terminal commands (a banner in Main.qml)
    std::unique_ptr<ChatController> chat; // Chat page
    // Providers & Models page and the first-run wizard (the wizard uses the Ollama controller).
    std::unique_ptr<OllamaController> ollama;
    std::unique_ptr<ProvidersController> providers;
    std::unique_ptr<WizardController> wizard;
};

Backends::Backends(GatewayHost &host, Gateway::Logging::EventLog *log, Language::Translators *translators)
    : d(std::make_unique<Private>(host, log, translators))
{
    d->chat = std::make_unique<ChatController>(host);
    d->ollama = std::make_unique<OllamaController>(host);
    d->providers = std::make_unique<ProvidersController>(host);
    d->wizard = std::make_unique<WizardController>(host, *d->ollama);
}

Backends::~Backends() = default;

ChannelsController *Backends::channels() const
{
    return &d->channels;
}
