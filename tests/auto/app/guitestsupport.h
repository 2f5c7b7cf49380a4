// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

// What every window test of the desktop app needs: load Main.qml as main() does, find items by
// objectName in the visual tree, click and type into them, and save screenshots on request.

#include <QByteArray>
#include <QDir>
#include <QPointF>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>
#include <QTest>
#include <QUrl>

namespace GuiTest
{

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

/// Loads qrc:/Skynet/Ui/Main.qml as main() does (Qt 6.4 does not search qrc:/ by default).
/// Null when the window did not load (the engine's warnings say why).
inline QQuickWindow *loadMainWindow(QQmlApplicationEngine &engine)
{
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Skynet/Ui/Main.qml")));
    if (engine.rootObjects().size() != 1)
        return nullptr;
    return qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
}

/// Types text into the window's focused item, one key at a time (QTest::keyClicks is widgets-only).
inline void typeText(QQuickWindow *window, const QByteArray &text)
{
    for (const char c : text)
        QTest::keyClick(window, c);
}

/// A left click in the middle of item.
inline void click(QQuickWindow *window, QQuickItem *item)
{
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(window, Qt::LeftButton, {}, centre.toPoint());
}

/// Saves the window as <SKYNET_SCREENSHOT_DIR>/<name>.png when that variable is set
/// (scripts/screenshots.sh).
inline void screenshot(QQuickWindow *window, const QString &name)
{
    if (qEnvironmentVariableIsSet("SKYNET_SCREENSHOT_DIR"))
        window->grabWindow().save(
            QDir(qEnvironmentVariable("SKYNET_SCREENSHOT_DIR")).filePath(name + QStringLiteral(".png")));
}

} // namespace GuiTest
