// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// A GatewayHost over a throwaway home with a real skynet.toml (file secret store) whose
// [providers.ollama] points at a FakeOllama; restart() prepares again from those files.
#pragma once

#include <memory>

#include <QDir>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

#include "fakeollama.h"
#include "gatewayhost.h"
#include "service/bootstrap.h"
#include "../guitestsupport.h"

namespace ProvidersTest
{

class Environment
{
public:
    Environment() { m_ollama.listen(); }

    bool isValid() const { return m_home.isValid() && !m_ollama.baseUrl().isEmpty(); }
    Fakes::FakeOllama &ollama() { return m_ollama; }
    QString home() const { return m_home.path(); }
    QString configPath() const { return m_home.filePath(QStringLiteral("skynet.toml")); }

    /// Writes skynet.toml: the fake Ollama, file secrets, no log file, plus extra lines.
    bool writeConfig(const QString &extra = {})
    {
        QFile file(configPath());
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        const QString text = QStringLiteral("# test configuration\n"
                                            "[gateway]\nbind = \"127.0.0.1\"\n\n"
                                            "[storage]\nsecrets = \"file\"\n\n"
                                            "[logging]\nfile = false\nlevel = \"warning\"\n\n"
                                            "[providers.ollama]\nbase_url = \"%1\"\n\n")
                                 .arg(m_ollama.baseUrl().toString())
            + extra;
        file.write(text.toUtf8());
        return true;
    }

    QString readConfig() const
    {
        QFile file(configPath());
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll());
    }

    /// nullptr when the configuration could not be prepared (the message in error).
    std::unique_ptr<GatewayHost> makeHost(QString *error = nullptr)
    {
        Gateway::CommandLine commandLine;
        commandLine.home = home();
        commandLine.configPath = configPath();
        commandLine.overrides.port = 0;
        Gateway::Result<Gateway::Bootstrap> boot = Gateway::prepare(commandLine);
        if (!boot) {
            if (error)
                *error = boot.error().message;
            return nullptr;
        }
        return std::make_unique<GatewayHost>(std::move(*boot), [commandLine] { return Gateway::prepare(commandLine); });
    }

private:
    QTemporaryDir m_home;
    Fakes::FakeOllama m_ollama;
};

using GuiTest::click;
using GuiTest::findItem;
using GuiTest::loadMainWindow;
using GuiTest::screenshot;
using GuiTest::typeText;

} // namespace ProvidersTest
