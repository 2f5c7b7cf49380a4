// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "tls/credentials.h"

#include "core/libcrypto.h"

#include <memory>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QLibrary>
#include <QSslSocket>
#include <QSysInfo>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Tls
{

namespace
{

constexpr qint64 MAX_PEM_BYTES = 1 << 20; // a certificate chain or key file larger than 1 MiB is not one

// libcrypto is resolved at run time rather than linked (core/libcrypto.h): the headers give the
// types; these pointers the functions.
#define SKYNET_CRYPTO_FUNCTIONS(X)                                                                                     \
    X(ERR_get_error)                                                                                                   \
    X(ERR_clear_error)                                                                                                 \
    X(ERR_error_string_n)                                                                                              \
    X(EVP_PKEY_Q_keygen)                                                                                               \
    X(EVP_PKEY_free)                                                                                                   \
    X(EVP_sha256)                                                                                                      \
    X(X509_new)                                                                                                        \
    X(X509_free)                                                                                                       \
    X(X509_get_serialNumber)                                                                                           \
    X(X509_set_version)                                                                                                \
    X(X509_gmtime_adj)                                                                                                 \
    X(X509_getm_notBefore)                                                                                             \
    X(X509_getm_notAfter)                                                                                              \
    X(X509_set_pubkey)                                                                                                 \
    X(X509_get_subject_name)                                                                                           \
    X(X509_NAME_add_entry_by_txt)                                                                                      \
    X(X509_set_issuer_name)                                                                                            \
    X(X509V3_set_ctx)                                                                                                  \
    X(X509V3_EXT_conf_nid)                                                                                             \
    X(X509_add_ext)                                                                                                    \
    X(X509_EXTENSION_free)                                                                                             \
    X(X509_sign)                                                                                                       \
    X(X509_check_private_key)                                                                                          \
    X(BN_new)                                                                                                          \
    X(BN_free)                                                                                                         \
    X(BN_rand)                                                                                                         \
    X(BN_to_ASN1_INTEGER)                                                                                              \
    X(BIO_new)                                                                                                         \
    X(BIO_s_mem)                                                                                                       \
    X(BIO_new_mem_buf)                                                                                                 \
    X(BIO_free_all)                                                                                                    \
    X(BIO_ctrl)                                                                                                        \
    X(PEM_write_bio_PrivateKey)                                                                                        \
    X(PEM_write_bio_X509)                                                                                              \
    X(PEM_read_bio_X509)                                                                                               \
    X(PEM_read_bio_PrivateKey)

struct Crypto
{
    SKYNET_LIBCRYPTO_POINTERS(SKYNET_CRYPTO_FUNCTIONS)
    QString error;
};

const Crypto &crypto()
{
    static const Crypto loaded = LibCrypto::load<Crypto>(u"libcrypto lacks OpenSSL 3 functions"_s,
        [](QLibrary &library, Crypto &table) { SKYNET_LIBCRYPTO_RESOLVE_ALL(SKYNET_CRYPTO_FUNCTIONS) });
    return loaded;
}

bool cryptoAvailable(QString *error)
{
    if (crypto().X509_new)
        return true;
    *error = crypto().error;
    return false;
}

struct FreePKey
{
    void operator()(EVP_PKEY *p) const { crypto().EVP_PKEY_free(p); }
};
struct FreeX509
{
    void operator()(X509 *p) const { crypto().X509_free(p); }
};
struct FreeBio
{
    void operator()(BIO *p) const { crypto().BIO_free_all(p); }
};
struct FreeBigNum
{
    void operator()(BIGNUM *p) const { crypto().BN_free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, FreePKey>;
using X509Ptr = std::unique_ptr<X509, FreeX509>;
using Bio = std::unique_ptr<BIO, FreeBio>;
using BigNum = std::unique_ptr<BIGNUM, FreeBigNum>;

QString opensslError()
{
    const unsigned long code = crypto().ERR_get_error();
    crypto().ERR_clear_error();
    if (code == 0)
        return u"unknown OpenSSL error"_s;
    char buffer[256];
    crypto().ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = crypto().BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data); // BIO_get_mem_data
    return QByteArray(data, int(size));
}

Result<QByteArray> readPem(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.exists())
        return Error { u"TLS_FILE_MISSING"_s, u"the TLS %1 file %2 does not exist"_s.arg(what, path) };
    if (file.size() > MAX_PEM_BYTES)
        return Error { u"TLS_FILE_INVALID"_s, u"the TLS %1 file %2 is larger than 1 MiB"_s.arg(what, path) };
    if (!file.open(QIODevice::ReadOnly))
        return Error { u"TLS_FILE_UNREADABLE"_s,
            u"cannot read the TLS %1 file %2: %3"_s.arg(what, path, file.errorString()) };
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions, QString *error)
{
    QFile file(path);
    // NewOnly: never overwrite (or follow a planted link to) an existing file.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions)) {
        *error = u"cannot create %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    if (file.write(data) != data.size() || !file.flush()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        file.close();
        file.remove();
        return false;
    }
    file.close();
    return true;
}

bool addExtension(X509 *certificate, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    const Crypto &c = crypto();
    c.X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = c.X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData());
    if (!extension)
        return false;
    const bool ok = c.X509_add_ext(certificate, extension, -1) == 1;
    c.X509_EXTENSION_free(extension);
    return ok;
}

} // namespace

QString fingerprint(const QSslCertificate &certificate)
{
    const QByteArray hex = certificate.digest(QCryptographicHash::Sha256).toHex().toUpper();
    QString out;
    out.reserve(hex.size() * 3 / 2);
    for (qsizetype i = 0; i < hex.size(); i += 2) {
        if (i)
            out += u':';
        out += QLatin1StringView(hex.mid(i, 2));
    }
    return out;
}

QString Credentials::fingerprint() const
{
    return chain.isEmpty() ? QString() : Tls::fingerprint(chain.first());
}

QString selfSignedCertPath(const Config::Settings &settings)
{
    return QDir(settings.home).filePath(u"tls/gateway-cert.pem"_s);
}

QString selfSignedKeyPath(const Config::Settings &settings)
{
    return QDir(settings.home).filePath(u"tls/gateway-key.pem"_s);
}

QStringList subjectAltNames(const QString &bind)
{
    QStringList names { u"localhost"_s, u"127.0.0.1"_s, u"::1"_s };
    const QHostAddress address(bind);
    if (!address.isNull() && address != QHostAddress::AnyIPv4 && address != QHostAddress::AnyIPv6
        && address != QHostAddress::Any) {
        names.append(address.toString());
    } else if (address.isNull() && !bind.isEmpty()) {
        names.append(bind);
    } else {
        const QString host = QSysInfo::machineHostName();
        if (!host.isEmpty())
            names.append(host);
    }
    names.removeDuplicates();
    return names;
}

Status generateSelfSigned(const QString &certPath, const QString &keyPath, const QStringList &hosts, int days)
{
    QString unavailable;
    if (!cryptoAvailable(&unavailable))
        return Error { u"TLS_UNAVAILABLE"_s, u"cannot generate a certificate: "_s + unavailable };
    const Crypto &c = crypto();
    c.ERR_clear_error();
    PKey key(c.EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")); // EVP_EC_gen("P-256")
    X509Ptr certificate(c.X509_new());
    if (!key || !certificate)
        return Error { u"TLS_GENERATE_FAILED"_s, u"cannot generate a key: %1"_s.arg(opensslError()) };
    X509 *x = certificate.get();
    BigNum serial(c.BN_new());
    bool ok = serial && c.BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1
        && c.BN_to_ASN1_INTEGER(serial.get(), c.X509_get_serialNumber(x)) != nullptr;
    ok = ok && c.X509_set_version(x, 2) == 1;
    // An hour of slack for clocks that run behind.
    ok = ok && c.X509_gmtime_adj(c.X509_getm_notBefore(x), -3600)
        && c.X509_gmtime_adj(c.X509_getm_notAfter(x), long(days) * 86400);
    ok = ok && c.X509_set_pubkey(x, key.get()) == 1;
    X509_NAME *name = c.X509_get_subject_name(x);
    ok = ok
        && c.X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
               reinterpret_cast<const unsigned char *>("Skynet gateway (self-signed)"), -1, -1, 0)
            == 1;
    ok = ok && c.X509_set_issuer_name(x, name) == 1;
    QStringList sans;
    for (const QString &host : hosts) {
        const QHostAddress address(host);
        if (!address.isNull())
            sans.append(u"IP:"_s + address.toString());
        else if (!host.isEmpty() && !host.contains(u',') && !host.contains(u':'))
            sans.append(u"DNS:"_s + host);
    }
    ok = ok && addExtension(x, NID_basic_constraints, "critical,CA:FALSE");
    ok = ok && addExtension(x, NID_key_usage, "critical,digitalSignature");
    ok = ok && addExtension(x, NID_ext_key_usage, "serverAuth");
    ok = ok && addExtension(x, NID_subject_key_identifier, "hash");
    ok = ok && (sans.isEmpty() || addExtension(x, NID_subject_alt_name, sans.join(u',').toUtf8()));
    ok = ok && c.X509_sign(x, key.get(), c.EVP_sha256()) > 0;
    if (!ok)
        return Error { u"TLS_GENERATE_FAILED"_s, u"cannot build the certificate: %1"_s.arg(opensslError()) };

    Bio keyBio(c.BIO_new(c.BIO_s_mem()));
    Bio certBio(c.BIO_new(c.BIO_s_mem()));
    if (!keyBio || !certBio
        || c.PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1
        || c.PEM_write_bio_X509(certBio.get(), x) != 1)
        return Error { u"TLS_GENERATE_FAILED"_s, u"cannot encode the certificate: %1"_s.arg(opensslError()) };

    QDir().mkpath(QFileInfo(keyPath).absolutePath());
    QDir().mkpath(QFileInfo(certPath).absolutePath());
    QString error;
    if (!writeFile(keyPath, bioBytes(keyBio.get()), QFileDevice::ReadOwner | QFileDevice::WriteOwner, &error))
        return Error { u"TLS_GENERATE_FAILED"_s, error };
    if (!writeFile(certPath, bioBytes(certBio.get()),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther,
            &error)) {
        QFile::remove(keyPath);
        return Error { u"TLS_GENERATE_FAILED"_s, error };
    }
    return {};
}

Result<Credentials> load(const QString &certPath, const QString &keyPath)
{
    Result<QByteArray> certPem = readPem(certPath, u"certificate"_s);
    if (!certPem)
        return certPem.error();
#ifdef Q_OS_UNIX
    // A private key others can read is no longer private: refuse rather than serve with it.
    if (const QFileInfo info(keyPath); info.exists()) {
        const QFileDevice::Permissions loose = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        if (info.permissions() & loose)
            return Error { u"TLS_KEY_PERMISSIONS"_s,
                u"the TLS key file %1 is accessible by other users; run: chmod 600 %1"_s.arg(keyPath) };
    }
#endif
    Result<QByteArray> keyPem = readPem(keyPath, u"key"_s);
    if (!keyPem)
        return keyPem.error();

    Credentials credentials;
    credentials.certPath = certPath;
    credentials.keyPath = keyPath;
    credentials.chain = QSslCertificate::fromData(*certPem, QSsl::Pem);
    if (credentials.chain.isEmpty() || credentials.chain.first().isNull())
        return Error { u"TLS_CERT_INVALID"_s, u"%1 holds no PEM certificate"_s.arg(certPath) };
    for (const QSsl::KeyAlgorithm algorithm : { QSsl::Ec, QSsl::Rsa, QSsl::Dsa }) {
        QSslKey key(*keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull()) {
            credentials.key = key;
            break;
        }
    }
    if (credentials.key.isNull())
        return Error { u"TLS_KEY_INVALID"_s, u"%1 holds no unencrypted PEM private key (RSA or EC)"_s.arg(keyPath) };

    // The key must belong to the leaf certificate (OpenSSL compares the public halves).
    QString unavailable;
    if (!cryptoAvailable(&unavailable))
        return Error { u"TLS_UNAVAILABLE"_s, unavailable };
    const Crypto &c = crypto();
    c.ERR_clear_error();
    Bio certBio(c.BIO_new_mem_buf(certPem->constData(), int(certPem->size())));
    Bio keyBio(c.BIO_new_mem_buf(keyPem->constData(), int(keyPem->size())));
    X509Ptr leaf(certBio ? c.PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr) : nullptr);
    PKey privateKey(keyBio ? c.PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!leaf || !privateKey || c.X509_check_private_key(leaf.get(), privateKey.get()) != 1) {
        c.ERR_clear_error();
        return Error { u"TLS_KEY_MISMATCH"_s,
            u"the TLS key %1 does not belong to the certificate %2"_s.arg(keyPath, certPath) };
    }

    const QSslCertificate &cert = credentials.chain.first();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (cert.expiryDate() < now)
        return Error { u"TLS_CERT_EXPIRED"_s,
            u"the TLS certificate %1 expired on %2"_s.arg(certPath, cert.expiryDate().toString(Qt::ISODate)) };
    if (cert.effectiveDate() > now.addSecs(3600))
        return Error { u"TLS_CERT_NOT_YET_VALID"_s,
            u"the TLS certificate %1 is valid only from %2"_s.arg(
                certPath, cert.effectiveDate().toString(Qt::ISODate)) };
    return credentials;
}

Result<Credentials> loadConfigured(const Config::Settings &settings)
{
    const Config::GatewaySettings &gw = settings.gateway;
    if (!gw.tlsCert.isEmpty() || !gw.tlsKey.isEmpty()) {
        if (gw.tlsCert.isEmpty() || gw.tlsKey.isEmpty())
            return Error { u"TLS_CONFIG"_s,
                u"gateway.tls_cert and gateway.tls_key go together: set both, or neither for a self-signed "
                "certificate"_s };
        Result<Credentials> loaded = load(settings.resolvePath(gw.tlsCert), settings.resolvePath(gw.tlsKey));
        if (!loaded)
            return Error { loaded.error().code, u"gateway.tls_cert/tls_key: "_s + loaded.error().message };
        return loaded;
    }

    const QString certPath = selfSignedCertPath(settings);
    const QString keyPath = selfSignedKeyPath(settings);
    bool generated = false;
    if (!QFileInfo::exists(certPath) && !QFileInfo::exists(keyPath)) {
        if (Status s = generateSelfSigned(certPath, keyPath, subjectAltNames(gw.bind)); !s)
            return s.error();
        generated = true;
    }
    Result<Credentials> loaded = load(certPath, keyPath);
    if (!loaded)
        return Error { loaded.error().code,
            loaded.error().message
                + u" (the self-signed certificate; delete both files in %1 to generate a new one)"_s.arg(
                    QFileInfo(certPath).absolutePath()) };
    loaded->selfSigned = true;
    loaded->generated = generated;
    return loaded;
}

QSslConfiguration serverConfiguration(const Credentials &credentials)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    config.setLocalCertificateChain(credentials.chain);
    config.setPrivateKey(credentials.key);
    return config;
}

} // namespace Gateway::Tls
