// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// TOML configuration: any bytes through the loader (toml++ parse, schema, validation).
#include "config/configloader.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Gateway::Config::ConfigLoader;
    FuzzSupport::app();
    (void)ConfigLoader::loadFromData(
        FuzzSupport::bytes(data, size), QStringLiteral("fuzz.toml"), QStringLiteral("/nonexistent-home"));
    return 0;
}
