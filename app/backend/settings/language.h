// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;
class QTranslator;

/// @brief The UI language: the system's by default, or one chosen in Settings (kept in QSettings).
namespace Language
{

/// The codes Skynet ships translations for, English first ("en", "de", "sr_Latn").
QStringList available();
/// The language's own name ("Deutsch", "Srpski (latinica)").
QString nativeName(const QString &code);
/// The saved choice ("" = follow the system).
QString saved();
void save(const QString &code);
/// The locale to translate for: the saved choice, else the system's.
QLocale effectiveLocale();

/// @brief The installed Qt and Skynet translators; install() replaces them.
class Translators
{
public:
    explicit Translators(QCoreApplication *app);
    ~Translators();
    /// Loads the translations for locale; English removes them. Returns whether Skynet's
    /// translation was found (English always counts as found).
    bool install(const QLocale &locale);

private:
    QCoreApplication *m_app;
    QTranslator *m_qt = nullptr;
    QTranslator *m_skynet = nullptr;
};

} // namespace Language
