// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

// A GatewayHost over a temporary home with a real skynet.toml, as the desktop app has one: the
// pages edit the file and restart() rebuilds the service from it. Shared by the channels and
// users page tests.

#include <memory>
#include <optional>

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include "config/configeditor.h"
#include "config/configloader.h"
#include "gatewayhost.h"
#include "secrets/secretstore.h"
#include "service/localclient.h"
#include "testsupport.h"

namespace AppTest
{

using namespace Qt::StringLiterals;

inline const QString GATEWAY_TOKEN = u"app-page-test-gateway-token"_s;

struct Home
{
    QTemporaryDir dir;
    std::shared_ptr<Gateway::Secrets::FileSecretStore> secrets;
    QString configPath;

    /// Writes the template with a stored gateway token, file logging off, plus extra keys.
    bool prepare(const QList<QPair<QString, QVariant>> &keys = {})
    {
        if (!dir.isValid())
            return false;
        configPath = dir.filePath(u"skynet.toml"_s);
        secrets = std::make_shared<Gateway::Secrets::FileSecretStore>(dir.filePath(u"secrets.json"_s));
        if (!secrets->open() || !secrets->write(u"gateway.token"_s, GATEWAY_TOKEN))
            return false;
        Gateway::Result<Gateway::Config::ConfigEditor> editor = Gateway::Config::ConfigEditor::open(configPath);
        if (!editor)
            return false;
        QList<QPair<QString, QVariant>> all { { u"gateway.token"_s, u"secret:gateway.token"_s },
            { u"logging.file"_s, false }, { u"storage.secrets"_s, u"file"_s } };
        all += keys;
        for (const auto &[key, value] : all) {
            if (Gateway::Status s = editor->set(key, value); !s) {
                qWarning().noquote() << key << s.error().message;
                return false;
            }
        }
        editor->setPath(configPath);
        const Gateway::Status saved = editor->save();
        if (!saved)
            qWarning().noquote() << saved.error().message;
        return saved.ok();
    }

    Gateway::Result<Gateway::Bootstrap> load() const
    {
        Gateway::Config::Overrides overrides;
        overrides.bind = u"127.0.0.1"_s;
        auto loaded = Gateway::Config::ConfigLoader::loadFile(configPath, dir.path(), QProcessEnvironment(), overrides);
        if (!loaded)
            return Gateway::Error { u"CONFIG"_s, loaded.error().toString() };
        loaded->configPath = configPath;
        loaded->gateway.port = 0; // any free port (as --port 0 does)
        return Gateway::Bootstrap { *loaded, secrets, {}, {} };
    }

    /// A started host (nullptr on failure).
    std::unique_ptr<GatewayHost> host() const
    {
        Gateway::Result<Gateway::Bootstrap> boot = load();
        if (!boot) {
            qWarning().noquote() << boot.error().message;
            return nullptr;
        }
        auto host = std::make_unique<GatewayHost>(*boot, [this] { return load(); });
        if (!host->start())
            return nullptr;
        return host;
    }

    QString configText() const
    {
        QFile file(configPath);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }
};

/// Calls a method through the host's LocalClient and waits for the reply.
inline Gateway::LocalReply call(GatewayHost &host, const QString &method, const QJsonObject &params = {})
{
    std::optional<Gateway::LocalReply> reply;
    host.client()->call(method, params, [&reply](const Gateway::LocalReply &r) { reply = r; });
    (void)QTest::qWaitFor([&] { return reply.has_value(); }, TestSupport::WAIT_MS);
    return reply.value_or(Gateway::LocalReply { false, {}, u"TIMEOUT"_s, u"no reply"_s });
}

} // namespace AppTest
