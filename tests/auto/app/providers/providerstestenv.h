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

/// Searches the visual item tree (QObject parents do not follow it through Controls).
inline QQuickItem *findItem(QQuickItem *item, const QString &objectName)
{
    if (!item)
        return nullptr;
    if (item->objectName() == objectName)
        return item;
    const QList<QQuickItem *> children = item->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}

/// Types text into the window's focused item, one key at a time (QTest::keyClicks is widgets-only).
inline void typeText(QQuickWindow *window, const QByteArray &text)
{
    for (const char c : text)
        QTest::keyClick(window, c);
}

/// Saves the window as <SKYNET_SCREENSHOT_DIR>/<name>.png when that variable is set.
inline void screenshot(QQuickWindow *window, const QString &name)
{
    if (qEnvironmentVariableIsSet("SKYNET_SCREENSHOT_DIR"))
        window->grabWindow().save(
            QDir(qEnvironmentVariable("SKYNET_SCREENSHOT_DIR")).filePath(name + QStringLiteral(".png")));
}

/// A left click in the middle of item.
inline void click(QQuickWindow *window, QQuickItem *item)
{
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(window, Qt::LeftButton, {}, centre.toPoint());
}

inline QQuickWindow *loadMainWindow(QQmlApplicationEngine &engine)
{
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Skynet/Ui/Main.qml")));
    if (engine.rootObjects().size() != 1)
        return nullptr;
    return qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
}

} // namespace ProvidersTest
