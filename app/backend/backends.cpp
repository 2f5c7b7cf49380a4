// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "backends.h"

#include "channels/channelscontroller.h"
#include "gatewayhost.h"
#include "users/userscontroller.h"

struct Backends::Private
{
    // One member per page controller, declared in the order they are created.
    explicit Private(GatewayHost &host) : channels(host), users(host) { }
    ChannelsController channels;
    UsersController users;
};

Backends::Backends(GatewayHost &host) : d(std::make_unique<Private>(host)) { }

Backends::~Backends() = default;
