// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QHash>

#include "secrets/secretstore.h"

namespace Gateway::Secrets
{

/// @brief Secrets in the operating system's keychain through QtKeychain: the Secret Service
/// (GNOME Keyring, KWallet) on Linux, the Keychain on macOS, the Credential Manager on Windows.
///
/// Calls are synchronous (a short local event loop per job, bounded by a timeout); values read
/// are cached for the life of the store. QtKeychain 0.13 reports a missing keychain as error 7
/// ("OtherError"), never as NoBackendAvailable, so probe() is how callers find out whether one
/// answers (../shared/TOOLCHAIN.md). The insecure plain-text fallback of QtKeychain is never used.
class KeychainSecretStore final : public SecretStore
{
public:
    /// service: the name entries are filed under ("skynet"; tests use their own).
    explicit KeychainSecretStore(QString service = QStringLiteral("skynet"), int timeoutMs = 5000);

    /// Whether a keychain answers here: a read of an entry that need not exist either succeeds
    /// or reports "not found". The error says why not (no session bus, locked, no backend).
    static Status probe(const QString &service = QStringLiteral("skynet"), int timeoutMs = 5000);

    std::optional<QString> read(const QString &name) override;
    Status write(const QString &name, const QString &value) override;
    Status remove(const QString &name) override;
    QString describe() const override;
    bool isKeychain() const override { return true; }

private:
    QString m_service;
    int m_timeoutMs;
    QHash<QString, std::optional<QString>> m_cache;
};

} // namespace Gateway::Secrets
