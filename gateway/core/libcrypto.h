// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QLibrary>
#include <QString>

namespace Gateway::LibCrypto
{

/// @brief OpenSSL 3's libcrypto, loaded at run time on first use instead of linked.
///
/// A gateway that never uses TLS or skill signatures must not map it (about 3.5 MB of resident
/// pages, docs/performance.md); with TLS, Qt's OpenSSL backend has loaded the same library
/// already. Callers resolve the functions they need from the library (the OpenSSL headers give
/// the types). Null when libcrypto 3 is not installed; error then says why. Stays loaded for the
/// life of the process; safe to call from any thread.
QLibrary *library(QString *error = nullptr);

/// Resolves one function into pointer (whose type the OpenSSL header gives); false when missing.
template<typename Function>
bool resolve(QLibrary &library, const char *name, Function &pointer)
{
    pointer = reinterpret_cast<Function>(library.resolve(name));
    return pointer != nullptr;
}

/// A table of libcrypto functions, all resolved or none (then error says why; missing when the
/// library lacks one). The table is a struct declared with SKYNET_LIBCRYPTO_POINTERS(LIST) and a
/// QString error; resolveAll is a lambda whose body is SKYNET_LIBCRYPTO_RESOLVE_ALL(LIST):
///
///     #define MY_FUNCTIONS(X) X(BIO_free) X(EVP_MD_CTX_new)
///     struct Crypto { SKYNET_LIBCRYPTO_POINTERS(MY_FUNCTIONS) QString error; };
///     static const Crypto crypto = LibCrypto::load<Crypto>(u"..."_s,
///         [](QLibrary &library, Crypto &table) { SKYNET_LIBCRYPTO_RESOLVE_ALL(MY_FUNCTIONS) });
template<typename Table, typename ResolveAll>
Table load(const QString &missing, ResolveAll resolveAll)
{
    Table table;
    QLibrary *loaded = library(&table.error);
    if (!loaded)
        return table;
    if (!resolveAll(*loaded, table)) {
        table = Table();
        table.error = missing;
    }
    return table;
}

} // namespace Gateway::LibCrypto

#define SKYNET_LIBCRYPTO_POINTER(name) decltype(&::name) name = nullptr;
#define SKYNET_LIBCRYPTO_POINTERS(LIST) LIST(SKYNET_LIBCRYPTO_POINTER)
#define SKYNET_LIBCRYPTO_RESOLVE(name) complete = ::Gateway::LibCrypto::resolve(library, #name, table.name) && complete;
#define SKYNET_LIBCRYPTO_RESOLVE_ALL(LIST)                                                                             \
    bool complete = true;                                                                                              \
    LIST(SKYNET_LIBCRYPTO_RESOLVE)                                                                                     \
    return complete;

namespace Gateway::LibCrypto
{

} // namespace Gateway::LibCrypto
