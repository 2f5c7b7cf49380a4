// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <memory>
#include <optional>

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include "core/result.h"

namespace Gateway::Secrets
{

/// @brief Where named secrets (gateway token, API keys, bot tokens) live. Config files only name
/// a secret; the value is read through this interface.
class SecretStore
{
public:
    virtual ~SecretStore() = default;
    virtual std::optional<QString> read(const QString &name) = 0;
    virtual Status write(const QString &name, const QString &value) = 0;
    virtual Status remove(const QString &name) = 0;
    /// A sentence for people: where the secrets are kept.
    virtual QString describe() const = 0;
    /// The OS keychain (not a file on disk).
    virtual bool isKeychain() const { return false; }
};

/// @brief Secrets in one JSON file readable only by its owner (0600, checked when opened).
/// The headless fallback when no OS keychain is available.
class FileSecretStore final : public SecretStore
{
public:
    explicit FileSecretStore(QString path);

    /// Reads the file if it exists. Fails when it is readable by group/others or is not valid.
    Status open();

    std::optional<QString> read(const QString &name) override;
    Status write(const QString &name, const QString &value) override;
    Status remove(const QString &name) override;
    QString describe() const override;
    QString path() const { return m_path; }
    QStringList names() const { return m_values.keys(); }

private:
    Status save();

    QString m_path;
    QHash<QString, QString> m_values;
};

/// @brief Resolves a secret reference from the config (Config::SecretRef):
/// "" → nullopt; "secret:NAME" → store; "env:VAR" → environment; "file:PATH" → first line of
/// the file (relative to home); anything else is a plain-text value (warned about by the loader).
std::optional<QString> resolve(
    const QString &reference, SecretStore *store, const QProcessEnvironment &env, const QString &home = {});

/// @brief The secret store a gateway uses, chosen by [storage] secrets:
/// "keychain" (the OS keychain or an error), "file" (secrets.json, 0600) or "auto" (the keychain
/// when one answers, else the file). With a keychain, secrets left in secrets.json by earlier
/// runs without one are moved into it and the file is removed.
struct OpenedStore
{
    std::shared_ptr<SecretStore> store;
    QString notice; ///< for the log: a fallback or a migration that happened
};
Result<OpenedStore> openStore(const QString &home, const QString &backend);

/// @brief Moves plain-text secrets written in the config file (e.g. `token = "123:AA…"` under
/// [channels.telegram]) into the store under their dotted key name and rewrites those lines as
/// `token = "secret:channels.telegram.token"` (comments and everything else kept). Values that
/// came from the environment are left alone. Returns the keys moved.
Result<QStringList> migratePlainTextSecrets(const QString &configPath, SecretStore *store);

/// @brief Compares two secrets in time independent of where they differ.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

/// @brief A random URL-safe token with `bytes` bytes of entropy.
QString generateToken(int bytes = 32);

} // namespace Gateway::Secrets
