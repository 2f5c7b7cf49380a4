// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "secrets/secretstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>

#include "config/secretref.h"
#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Secrets
{

namespace
{
constexpr qint64 MAX_SECRETS_FILE_BYTES = 1024 * 1024;
}

FileSecretStore::FileSecretStore(QString path) : m_path(std::move(path)) { }

Status FileSecretStore::open()
{
    m_values.clear();
    QFile file(m_path);
    if (!file.exists())
        return {};
    const QFileDevice::Permissions perms = file.permissions();
    if (perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)) {
        return Error { u"SECRETS_PERMISSIONS"_s, u"%1 is readable by other users; run: chmod 600 %1"_s.arg(m_path) };
    }
    if (file.size() > MAX_SECRETS_FILE_BYTES)
        return Error { u"SECRETS_TOO_LARGE"_s, u"%1 is larger than 1 MiB"_s.arg(m_path) };
    if (!file.open(QIODevice::ReadOnly))
        return Error { u"SECRETS_UNREADABLE"_s, u"cannot read %1: %2"_s.arg(m_path, file.errorString()) };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return Error { u"SECRETS_INVALID"_s, u"%1 is not a JSON object (%2)"_s.arg(m_path, parseError.errorString()) };
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it)
        m_values.insert(it.key(), it.value().toString());
    return {};
}

std::optional<QString> FileSecretStore::read(const QString &name)
{
    const auto it = m_values.constFind(name);
    if (it == m_values.cend())
        return std::nullopt;
    return *it;
}

Status FileSecretStore::write(const QString &name, const QString &value)
{
    m_values.insert(name, value);
    return save();
}

Status FileSecretStore::remove(const QString &name)
{
    if (m_values.remove(name) == 0)
        return {};
    return save();
}

QString FileSecretStore::describe() const
{
    return u"in the file %1 (readable only by you)"_s.arg(m_path);
}

Status FileSecretStore::save()
{
    QJsonObject object;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        object.insert(it.key(), it.value());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return Error { u"SECRETS_UNWRITABLE"_s, u"cannot write %1: %2"_s.arg(m_path, file.errorString()) };
    // Restrict before any secret byte is written.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error { u"SECRETS_UNWRITABLE"_s, u"cannot write %1: %2"_s.arg(m_path, file.errorString()) };
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

std::optional<QString> resolve(
    const QString &reference, SecretStore *store, const QProcessEnvironment &env, const QString &home)
{
    const Config::SecretRef ref = Config::SecretRef::parse(reference);
    switch (ref.kind) {
    case Config::SecretRef::Kind::None:
    case Config::SecretRef::Kind::Invalid:
        return std::nullopt;
    case Config::SecretRef::Kind::PlainText:
        return ref.target;
    case Config::SecretRef::Kind::Stored:
        return store ? store->read(ref.target) : std::nullopt;
    case Config::SecretRef::Kind::Environment: {
        const QString value = env.value(ref.target);
        return value.isEmpty() ? std::nullopt : std::optional<QString>(value);
    }
    case Config::SecretRef::Kind::File: {
        const QString path
            = QDir::isRelativePath(ref.target) && !home.isEmpty() ? QDir(home).filePath(ref.target) : ref.target;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || file.size() > MAX_SECRETS_FILE_BYTES)
            return std::nullopt;
        const QString value = QString::fromUtf8(file.readLine()).trimmed();
        return value.isEmpty() ? std::nullopt : std::optional<QString>(value);
    }
    }
    return std::nullopt;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Runs over the longer input whatever the contents; the length difference is folded in.
    const qsizetype n = qMax(a.size(), b.size());
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= x ^ y;
    }
    return diff == 0 && n > 0;
}

QString generateToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    for (int i = (bytes / 4) * 4; i < bytes; ++i)
        raw[i] = char(QRandomGenerator::system()->generate() & 0xff);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace Gateway::Secrets
