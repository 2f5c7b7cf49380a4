// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

// Shared by the libFuzzer targets: one QCoreApplication for the process (event-driven code needs
// it) and quiet logging (the targets feed garbage on purpose; warnings would flood the output).

#include <QByteArray>
#include <QCoreApplication>
#include <QLoggingCategory>

namespace FuzzSupport
{

inline QCoreApplication &app()
{
    static int argc = 1;
    static char name[] = "skynet-fuzz";
    static char *argv[] = { name, nullptr };
    static QCoreApplication *instance = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
        return new QCoreApplication(argc, argv);
    }();
    return *instance;
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace FuzzSupport
