// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "skills/signature.h"

#include <memory>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLibrary>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "core/libcrypto.h"

using namespace Qt::StringLiterals;

namespace Gateway::Skills
{

namespace
{

// libcrypto is resolved at run time rather than linked (core/libcrypto.h): a gateway that never
// checks a skill signature does not map it. The headers give the types; these pointers the
// functions.
#define SKYNET_SIGNATURE_FUNCTIONS(X)                                                                                  \
    X(BIO_free)                                                                                                        \
    X(BIO_new_mem_buf)                                                                                                 \
    X(EVP_DigestSign)                                                                                                  \
    X(EVP_DigestSignInit)                                                                                              \
    X(EVP_DigestVerify)                                                                                                \
    X(EVP_DigestVerifyInit)                                                                                            \
    X(EVP_MD_CTX_free)                                                                                                 \
    X(EVP_MD_CTX_new)                                                                                                  \
    X(EVP_PKEY_free)                                                                                                   \
    X(EVP_PKEY_get_base_id)                                                                                            \
    X(EVP_PKEY_get_raw_public_key)                                                                                     \
    X(EVP_PKEY_new_raw_private_key)                                                                                    \
    X(EVP_PKEY_new_raw_public_key)                                                                                     \
    X(PEM_read_bio_PUBKEY)

struct Crypto
{
    SKYNET_LIBCRYPTO_POINTERS(SKYNET_SIGNATURE_FUNCTIONS)
    QString error;
    bool ok() const { return PEM_read_bio_PUBKEY != nullptr; }
};

const Crypto &crypto()
{
    static const Crypto loaded = LibCrypto::load<Crypto>(u"libcrypto lacks the Ed25519 functions of OpenSSL 3"_s,
        [](QLibrary &library, Crypto &table) { SKYNET_LIBCRYPTO_RESOLVE_ALL(SKYNET_SIGNATURE_FUNCTIONS) });
    return loaded;
}

struct PkeyFree
{
    void operator()(EVP_PKEY *key) const { crypto().EVP_PKEY_free(key); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *ctx) const { crypto().EVP_MD_CTX_free(ctx); }
};
struct BioFree
{
    void operator()(BIO *bio) const { crypto().BIO_free(bio); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

Error invalid(const QString &message)
{
    return Error { u"INVALID_SKILL"_s, message };
}

} // namespace

QString PublisherKey::fingerprint() const
{
    return QString::fromLatin1(QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toHex().left(16));
}

Result<QList<FilePin>> Signature::pinFolder(const QString &folder)
{
    const QFileInfo root(folder);
    if (!root.isDir() || root.isSymLink())
        return invalid(u"not a folder"_s);
    const QDir base(root.absoluteFilePath());
    QList<FilePin> pins;
    qint64 total = 0;
    QDirIterator it(base.absolutePath(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = base.relativeFilePath(info.absoluteFilePath());
        // data/ is the skill's own writable state (the sandbox mounts it read-write): not pinned.
        if (relative == DATA_FOLDER || relative.startsWith(DATA_FOLDER + u'/'))
            continue;
        if (relative.count(u'/') >= MAX_DEPTH)
            return invalid(u"%1 is nested too deep"_s.arg(relative.left(128)));
        if (info.isSymLink())
            return invalid(u"%1 is a symbolic link (not allowed in a skill)"_s.arg(relative.left(128)));
        for (const QString &part : relative.split(u'/')) {
            if (part.startsWith(u'.'))
                return invalid(u"%1: hidden files are not allowed in a skill"_s.arg(relative.left(128)));
        }
        if (info.isDir())
            continue;
        if (!info.isFile())
            return invalid(u"%1 is not a regular file"_s.arg(relative.left(128)));
        if (pins.size() >= MAX_FILES)
            return invalid(u"more than %1 files"_s.arg(MAX_FILES));
        if (info.size() > MAX_FILE_BYTES)
            return invalid(u"%1 is larger than %2 bytes"_s.arg(relative.left(128)).arg(MAX_FILE_BYTES));
        total += info.size();
        if (total > MAX_TOTAL_BYTES)
            return invalid(u"the skill is larger than %1 bytes"_s.arg(MAX_TOTAL_BYTES));
        QFile file(info.absoluteFilePath());
        if (!file.open(QIODevice::ReadOnly))
            return invalid(u"cannot read %1"_s.arg(relative.left(128)));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        qint64 read = 0;
        while (!file.atEnd() && read <= MAX_FILE_BYTES) {
            const QByteArray chunk = file.read(64 * 1024);
            if (chunk.isEmpty())
                break;
            read += chunk.size();
            hash.addData(chunk);
        }
        if (read > MAX_FILE_BYTES)
            return invalid(u"%1 grew while it was read"_s.arg(relative.left(128)));
        pins.append({ relative, QString::fromLatin1(hash.result().toHex()), read });
    }
    std::sort(
        pins.begin(), pins.end(), [](const FilePin &a, const FilePin &b) { return a.path.toUtf8() < b.path.toUtf8(); });
    return pins;
}

QByteArray Signature::canonicalManifest(const QList<FilePin> &pins)
{
    QByteArray out;
    for (const FilePin &pin : pins) {
        if (pin.path == SIGNATURE_FILE)
            continue;
        out += pin.sha256.toLatin1() + ' ' + pin.path.toUtf8() + '\n';
    }
    return out;
}

QByteArray Signature::parseKey(const QByteArray &text)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.startsWith("-----BEGIN")) {
        if (!crypto().ok())
            return {}; // no libcrypto: no key (every signed skill is then refused, never accepted)
        std::unique_ptr<BIO, BioFree> bio(crypto().BIO_new_mem_buf(trimmed.constData(), int(trimmed.size())));
        if (!bio)
            return {};
        Pkey key(crypto().PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
        if (!key || crypto().EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519)
            return {};
        QByteArray raw(32, '\0');
        size_t length = size_t(raw.size());
        if (crypto().EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char *>(raw.data()), &length) != 1
            || length != 32)
            return {};
        return raw;
    }
    const auto decoded = QByteArray::fromBase64Encoding(trimmed, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 32)
        return {};
    return decoded.decoded;
}

QList<PublisherKey> Signature::loadKeys(const QString &inlineKeys, const QString &folder, QStringList *warnings)
{
    QList<PublisherKey> keys;
    int index = 0;
    for (const QString &entry : inlineKeys.split(u',', Qt::SkipEmptyParts)) {
        ++index;
        const QByteArray raw = parseKey(entry.trimmed().toLatin1());
        if (raw.isEmpty()) {
            if (warnings)
                warnings->append(u"skills.trusted_keys entry %1 is not a base64 Ed25519 public key"_s.arg(index));
            continue;
        }
        keys.append({ raw, u"config"_s });
    }
    if (!folder.isEmpty() && QFileInfo(folder).isDir()) {
        const QDir dir(folder);
        const QStringList files = dir.entryList({ u"*.pub"_s }, QDir::Files, QDir::Name);
        for (const QString &name : files.mid(0, 256)) {
            QFile file(dir.filePath(name));
            if (!file.open(QIODevice::ReadOnly) || file.size() > 8192)
                continue;
            const QByteArray raw = parseKey(file.readAll());
            if (raw.isEmpty()) {
                if (warnings)
                    warnings->append(u"%1 is not an Ed25519 public key"_s.arg(name));
                continue;
            }
            keys.append({ raw, name });
        }
    }
    return keys;
}

bool Signature::verify(const QByteArray &publicKey, const QByteArray &data, const QByteArray &signature)
{
    if (publicKey.size() != 32 || signature.size() != 64 || !crypto().ok())
        return false;
    Pkey key(crypto().EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(publicKey.constData()), 32));
    MdCtx ctx(crypto().EVP_MD_CTX_new());
    if (!key || !ctx || crypto().EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return false;
    return crypto().EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()), 64,
               reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()))
        == 1;
}

QByteArray Signature::sign(const QByteArray &privateKey, const QByteArray &data)
{
    if (privateKey.size() != 32 || !crypto().ok())
        return {};
    Pkey key(crypto().EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(privateKey.constData()), 32));
    MdCtx ctx(crypto().EVP_MD_CTX_new());
    if (!key || !ctx || crypto().EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return {};
    QByteArray signature(64, '\0');
    size_t length = 64;
    if (crypto().EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
            reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()))
            != 1
        || length != 64)
        return {};
    return signature;
}

QByteArray Signature::publicKeyOf(const QByteArray &privateKey)
{
    if (privateKey.size() != 32 || !crypto().ok())
        return {};
    Pkey key(crypto().EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(privateKey.constData()), 32));
    if (!key)
        return {};
    QByteArray raw(32, '\0');
    size_t length = 32;
    if (crypto().EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char *>(raw.data()), &length) != 1)
        return {};
    return raw;
}

} // namespace Gateway::Skills
