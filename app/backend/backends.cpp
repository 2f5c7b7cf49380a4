// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "backends.h"

#include "chat/chatcontroller.h"
#include "gatewayhost.h"

struct Backends::Private
{
    // One member per page controller, declared in the order they are created.
    std::unique_ptr<ChatController> chat; // Chat page
};

Backends::Backends(GatewayHost &host) : d(std::make_unique<Private>())
{
    d->chat = std::make_unique<ChatController>(host);
}

Backends::~Backends() = default;
