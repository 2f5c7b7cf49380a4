// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>

class QLibrary;

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

} // namespace Gateway::LibCrypto
