// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Protocol frames: parseRequest() on any bytes; a parsed request must serialise back to frames.
#include "fuzzsupport.h"
#include "protocol/frames.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Gateway::Protocol;
    const QByteArray frame = FuzzSupport::bytes(data, size);
    const auto parsed = parseRequest(frame);
    if (parsed) {
        (void)responseFrame(parsed->id, parsed->params);
        (void)eventFrame(parsed->method, parsed->params, 1);
    } else {
        (void)errorFrame(QStringLiteral("x"), ProtocolError::invalidRequest(parsed.error().message));
    }
    return 0;
}
