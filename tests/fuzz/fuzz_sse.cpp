// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Server-Sent Events (Anthropic and OpenAI streams): any bytes, fed whole and in pieces; the
// events must not depend on how the bytes were split.
#include "fuzzsupport.h"
#include "providers/sseparser.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Gateway::Providers::SseParser;
    if (size < 1)
        return 0;
    const int step = 1 + data[0] % 13;
    const QByteArray input = FuzzSupport::bytes(data + 1, size - 1);
    SseParser whole(2048, 4096);
    whole.feed(input);
    whole.finish();
    SseParser pieces(2048, 4096);
    for (qsizetype at = 0; at < input.size(); at += step)
        pieces.feed(QByteArrayView(input.constData() + at, qMin<qsizetype>(step, input.size() - at)));
    pieces.finish();
    while (whole.hasEvent()) {
        if (!pieces.hasEvent())
            std::abort();
        const auto a = whole.takeEvent();
        const auto b = pieces.takeEvent();
        if (a.type != b.type || a.data != b.data || a.lastEventId != b.lastEventId)
            std::abort(); // a split changed the result
    }
    if (pieces.hasEvent() || whole.hasError() != pieces.hasError())
        std::abort();
    return 0;
}
