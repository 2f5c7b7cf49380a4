// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "backends.h"

#include "gatewayhost.h"

struct Backends::Private
{
    // One member per page controller, declared in the order they are created.
};

Backends::Backends(GatewayHost &host) : d(std::make_unique<Private>())
{
    Q_UNUSED(host)
}

Backends::~Backends() = default;
