// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "settings/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace Language
{

QStringList available()
{
    return { u"en"_s, u"de"_s, u"sr_Latn"_s };
}

QString nativeName(const QString &code)
{
    if (code == u"de")
        return u"Deutsch"_s;
    if (code == u"sr_Latn")
        return u"Srpski (latinica)"_s;
    if (code == u"en")
        return u"English"_s;
    return {};
}

QString saved()
{
    const QString code = QSettings().value(u"ui/language"_s).toString();
    return available().contains(code) ? code : QString();
}

void save(const QString &code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(u"ui/language"_s);
    else
        settings.setValue(u"ui/language"_s, code);
}

QLocale effectiveLocale()
{
    const QString code = saved();
    if (code == u"sr_Latn")
        return QLocale(QLocale::Serbian, QLocale::LatinScript, QLocale::Serbia);
    if (!code.isEmpty())
        return QLocale(code);
    // Not QLocale(): that is the default locale, which install() set to the previous choice.
    return QLocale::system();
}

Translators::Translators(QCoreApplication *app) : m_app(app) { }

Translators::~Translators()
{
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt);
    if (m_skynet)
        QCoreApplication::removeTranslator(m_skynet);
    delete m_qt;
    delete m_skynet;
}

bool Translators::install(const QLocale &locale)
{
    for (QTranslator **t : { &m_qt, &m_skynet }) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    QLocale::setDefault(locale);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return true;
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        m_qt = qt.release();
    }
    auto skynet = std::make_unique<QTranslator>();
    if (!skynet->load(locale, u"skynet"_s, u"_"_s, u":/i18n"_s))
        return false;
    QCoreApplication::installTranslator(skynet.get());
    m_skynet = skynet.release();
    Q_UNUSED(m_app)
    return true;
}

} // namespace Language
