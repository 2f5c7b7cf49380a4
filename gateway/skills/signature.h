// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "core/result.h"

namespace Gateway::Skills
{

/// @brief One file of a skill with its pin.
struct FilePin
{
    QString path; ///< relative to the skill folder, '/' separated
    QString sha256; ///< lowercase hex
    qint64 size = 0;
};

/// @brief A trusted publisher key (Ed25519, raw 32 bytes) and where it came from.
struct PublisherKey
{
    QByteArray raw;
    QString source;
    /// First 16 hex characters of SHA-256(raw): how keys are named in audit entries and replies.
    QString fingerprint() const;
};

/// @brief Integrity of a skill folder: the file pins, the canonical manifest they form, and the
/// Ed25519 signature (SKILL.sig, base64) over it. OpenSSL libcrypto does the cryptography.
class Signature final
{
public:
    static constexpr qsizetype MAX_FILES = 256;
    static constexpr qint64 MAX_FILE_BYTES = 2 * 1024 * 1024;
    static constexpr qint64 MAX_TOTAL_BYTES = 16 * 1024 * 1024;
    static constexpr int MAX_DEPTH = 6;
    /// The signature file; not part of the manifest it signs.
    static constexpr QStringView SIGNATURE_FILE = u"SKILL.sig";
    /// The skill's writable state folder: never pinned, never signed, never installed from a source.
    static inline const QString DATA_FOLDER = QStringLiteral("data");

    /// Pins every regular file under folder (sorted by path). Refuses symlinks, special files,
    /// hidden path parts ("..", ".git"), and anything over the limits. Error code INVALID_SKILL.
    static Result<QList<FilePin>> pinFolder(const QString &folder);
    /// "<sha256> <path>\n" per file, sorted by path, SKILL.sig left out.
    static QByteArray canonicalManifest(const QList<FilePin> &pins);

    /// Keys from a comma-separated list of base64 raw keys and from *.pub files in a folder (base64
    /// raw or PEM "PUBLIC KEY"). Bad entries are skipped and reported in warnings.
    static QList<PublisherKey> loadKeys(const QString &inlineKeys, const QString &folder, QStringList *warnings);
    /// A base64 raw key or a PEM public key → raw 32 bytes (empty on failure).
    static QByteArray parseKey(const QByteArray &text);

    /// Whether signature (64 bytes) is a valid Ed25519 signature of data by key (32 bytes).
    static bool verify(const QByteArray &publicKey, const QByteArray &data, const QByteArray &signature);
    /// Signs with a raw 32-byte private key (publishers' tooling and tests); empty on failure.
    static QByteArray sign(const QByteArray &privateKey, const QByteArray &data);
    /// The raw public key of a raw private key (empty on failure).
    static QByteArray publicKeyOf(const QByteArray &privateKey);
};

} // namespace Gateway::Skills
