// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
//
// Which secret store a gateway uses, and the migrations into it: secrets.json (left by runs
// without a keychain) and plain-text secrets written in an old config file.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibrary>
#include <QRegularExpression>
#include <QSaveFile>

#include "config/configschema.h"
#include "config/secretref.h"
#include "secrets/secretstore.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Secrets
{

namespace
{
// The keychain lives in the skynet-keychain module (see gateway/CMakeLists.txt): beside the
// executable, in ../lib/skynet (installed), or where SKYNET_KEYCHAIN_MODULE points.
struct KeychainModule
{
    bool (*probe)(QString *error) = nullptr;
    SecretStore *(*create)(const QString *service) = nullptr;
    QString error;
};

KeychainModule loadKeychainModule()
{
    KeychainModule module;
    QStringList candidates;
    if (const QString path = qEnvironmentVariable("SKYNET_KEYCHAIN_MODULE"); !path.isEmpty())
        candidates.append(path);
    const QString appDir = QCoreApplication::applicationDirPath();
    candidates << appDir + u"/skynet-keychain"_s << appDir + u"/../lib/skynet/skynet-keychain"_s
               << appDir + u"/../Frameworks/skynet-keychain"_s;
    for (const QString &candidate : std::as_const(candidates)) {
        QLibrary library(candidate);
        if (!library.load()) {
            module.error = library.errorString();
            continue;
        }
        module.probe = reinterpret_cast<bool (*)(QString *)>(library.resolve("skynet_keychain_probe"));
        module.create = reinterpret_cast<SecretStore *(*)(const QString *)>(library.resolve("skynet_keychain_create"));
        if (module.probe && module.create)
            return module; // stays loaded for the life of the process
        module.error = candidate + u" is not a Skynet keychain module"_s;
    }
    module.probe = nullptr;
    module.create = nullptr;
    module.error = u"no usable keychain: the skynet-keychain module is missing ("_s + module.error + u')';
    return module;
}
} // namespace

Result<OpenedStore> openStore(const QString &home, const QString &backend)
{
    const QString filePath = QDir(home).filePath(u"secrets.json"_s);
    const auto openFile = [&]() -> Result<std::shared_ptr<FileSecretStore>> {
        auto store = std::make_shared<FileSecretStore>(filePath);
        if (Status s = store->open(); !s)
            return s.error();
        return store;
    };
    if (backend == u"file") {
        auto file = openFile();
        if (!file)
            return file.error();
        return OpenedStore { *file, {} };
    }

    QString unavailable;
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // The Secret Service lives on the session bus. Without one (a server, a container, a plain
    // ssh login) there is nothing to ask, and loading the keychain just to hear so costs memory.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") && qEnvironmentVariableIsEmpty("DISPLAY"))
        unavailable = u"no usable keychain: there is no D-Bus session bus"_s;
#endif
    KeychainModule module;
    if (unavailable.isEmpty()) {
        module = loadKeychainModule();
        if (!module.probe)
            unavailable = module.error;
        else if (!module.probe(&unavailable) && unavailable.isEmpty())
            unavailable = u"no usable keychain"_s;
    }
    if (!unavailable.isEmpty()) {
        if (backend == u"keychain")
            return Error { u"SECRETS"_s,
                u"storage.secrets is \"keychain\", but %1. Unlock or start a keychain (Secret Service) in "
                "this session, or set storage.secrets = \"file\""_s.arg(unavailable) };
        auto file = openFile();
        if (!file)
            return file.error();
        return OpenedStore { *file, u"%1; secrets are kept %2"_s.arg(unavailable, (*file)->describe()) };
    }

    std::shared_ptr<SecretStore> store(module.create(nullptr));
    QString notice;
    if (QFile::exists(filePath)) {
        // Secrets stored while no keychain answered move into it; the file goes only when every
        // one of them is safely in the keychain.
        auto file = openFile();
        if (!file)
            return file.error();
        int moved = 0;
        for (const QString &name : (*file)->names()) {
            const std::optional<QString> value = (*file)->read(name);
            if (!value)
                continue;
            if (Status s = store->write(name, *value); !s)
                return Error { u"SECRETS"_s, s.error().message + u"; the secrets stay in "_s + filePath };
            ++moved;
        }
        if (!QFile::remove(filePath))
            return Error { u"SECRETS"_s, u"moved the secrets into the keychain but cannot remove "_s + filePath };
        notice = u"moved %1 secret(s) from %2 into the keychain"_s.arg(moved).arg(filePath);
    }
    return OpenedStore { store, notice };
}

Result<QStringList> migratePlainTextSecrets(const QString &configPath, SecretStore *store)
{
    QFile file(configPath);
    if (configPath.isEmpty() || !file.exists())
        return QStringList();
    if (!file.open(QIODevice::ReadOnly))
        return Error { u"SECRETS"_s, u"cannot read %1: %2"_s.arg(configPath, file.errorString()) };
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    file.close();

    // Only the simple, common form is rewritten: a `key = "value"` (or 'value') line inside its
    // [section]. Other spellings (inline tables, dotted keys) keep their warning.
    static const QRegularExpression sectionLine(uR"(^\s*\[\s*([A-Za-z0-9_.]+)\s*\]\s*(#.*)?$)"_s);
    static const QRegularExpression keyLine(
        uR"re(^(\s*)([A-Za-z0-9_]+)(\s*=\s*)(?:"((?:[^"\\]|\\.)*)"|'([^']*)')(\s*(#.*)?)$)re"_s);
    QString section;
    QStringList moved;
    for (QString &line : lines) {
        if (const QRegularExpressionMatch m = sectionLine.match(line); m.hasMatch()) {
            section = m.captured(1);
            continue;
        }
        const QRegularExpressionMatch m = keyLine.match(line);
        if (!m.hasMatch())
            continue;
        const QString dotted = section + u'.' + m.captured(2);
        const Config::KeySpec *spec = Config::ConfigSchema::find(dotted);
        if (!spec || spec->type != Config::ValueType::Secret)
            continue;
        QString value = m.capturedLength(4) > 0 ? m.captured(4) : m.captured(5);
        if (m.capturedLength(4) > 0) {
            // The escapes a secret may realistically contain in a basic string.
            value.replace(u"\\\""_s, u"\""_s).replace(u"\\\\"_s, u"\\"_s);
        }
        if (value.isEmpty() || Config::SecretRef::parse(value).kind != Config::SecretRef::Kind::PlainText)
            continue;
        if (Status s = store->write(dotted, value); !s)
            return s.error();
        line = m.captured(1) + m.captured(2) + m.captured(3) + u"\"secret:"_s + dotted + u'"' + m.captured(6);
        moved.append(dotted);
    }
    if (moved.isEmpty())
        return moved;
    QSaveFile out(configPath);
    if (!out.open(QIODevice::WriteOnly))
        return Error { u"SECRETS"_s, u"cannot rewrite %1: %2"_s.arg(configPath, out.errorString()) };
    out.write(lines.join(u'\n').toUtf8());
    if (!out.commit())
        return Error { u"SECRETS"_s, u"cannot rewrite %1: %2"_s.arg(configPath, out.errorString()) };
    QFile::setPermissions(configPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return moved;
}

} // namespace Gateway::Secrets
