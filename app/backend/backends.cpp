// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "backends.h"

#include "gatewayhost.h"
#include "providers/ollamacontroller.h"
#include "providers/providerscontroller.h"
#include "providers/wizardcontroller.h"

struct Backends::Private
{
    // One member per page controller, declared in the order they are created.
    // Providers & Models page and the first-run wizard (the wizard uses the Ollama controller).
    std::unique_ptr<OllamaController> ollama;
    std::unique_ptr<ProvidersController> providers;
    std::unique_ptr<WizardController> wizard;
};

Backends::Backends(GatewayHost &host) : d(std::make_unique<Private>())
{
    d->ollama = std::make_unique<OllamaController>(host);
    d->providers = std::make_unique<ProvidersController>(host);
    d->wizard = std::make_unique<WizardController>(host, *d->ollama);
}

Backends::~Backends() = default;
