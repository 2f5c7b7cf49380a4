// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// Ollama's NDJSON stream: the input is fed in pieces whose sizes come from the input itself, so
// every split (mid-line, mid-UTF-8) is explored; the objects equal those of a one-piece feed.
#include "fuzzsupport.h"
#include "providers/ndjsonparser.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Gateway::Providers::NdjsonParser;
    if (size < 1)
        return 0;
    const int step = 1 + data[0] % 17;
    const QByteArray input = FuzzSupport::bytes(data + 1, size - 1);
    NdjsonParser whole(4096);
    whole.feed(input);
    whole.finish();
    NdjsonParser pieces(4096);
    for (qsizetype at = 0; at < input.size(); at += step)
        pieces.feed(QByteArrayView(input.constData() + at, qMin<qsizetype>(step, input.size() - at)));
    pieces.finish();
    while (whole.hasObject()) {
        if (!pieces.hasObject() || whole.takeObject() != pieces.takeObject())
            std::abort(); // a split changed the result
    }
    if (pieces.hasObject() || whole.hasError() != pieces.hasError())
        std::abort();
    return 0;
}
