// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// HTTP request heads: parseRequestHead() on any bytes, then what the server asks of a request.
#include "fuzzsupport.h"
#include "http/httprequest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Gateway::Http;
    const auto parsed = parseRequestHead(FuzzSupport::bytes(data, size));
    if (parsed) {
        (void)parsed->isWebSocketUpgrade();
        (void)parsed->wantsKeepAlive();
        (void)parsed->contentLength();
        (void)parsed->header("host");
        (void)serializeResponse(Response::error(400, parsed->path), parsed->wantsKeepAlive(), parsed->method == "HEAD");
    }
    return 0;
}
