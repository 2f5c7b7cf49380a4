// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "core/libcrypto.h"

#include <QLibrary>
#include <QList>
#include <QPair>

using namespace Qt::StringLiterals;

namespace Gateway::LibCrypto
{

QLibrary *library(QString *error)
{
    struct Loaded
    {
        QLibrary *library = nullptr;
        QString error;
    };
    static const Loaded loaded = [] {
        Loaded result;
        // Linux, macOS, Windows (the OpenSSL 3 DLLs next to the executables).
        const QList<QPair<QString, int>> names
            = { { u"crypto"_s, 3 }, { u"libcrypto.3"_s, -1 }, { u"libcrypto-3-x64"_s, -1 }, { u"libcrypto-3"_s, -1 } };
        for (const auto &[name, version] : names) {
            auto *candidate = new QLibrary(name, version);
            // OpenSSL 3 has this; 1.1 does not.
            if (candidate->load() && candidate->resolve("EVP_PKEY_get_base_id")) {
                result.library = candidate; // never unloaded
                return result;
            }
            result.error = candidate->isLoaded() ? name + u" is not OpenSSL 3"_s : candidate->errorString();
            delete candidate;
        }
        result.error = u"OpenSSL 3 (libcrypto) is not available: "_s + result.error;
        return result;
    }();
    if (!loaded.library && error)
        *error = loaded.error;
    return loaded.library;
}

} // namespace Gateway::LibCrypto
