// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "config/secretref.h"

using namespace Qt::StringLiterals;

namespace Gateway::Config
{

namespace
{

constexpr QStringView STORED_PREFIX = u"secret:";
constexpr QStringView ENV_PREFIX = u"env:";
constexpr QStringView FILE_PREFIX = u"file:";

// [A-Za-z0-9][A-Za-z0-9._-]{0,127}
bool isValidStoredName(const QString &name)
{
    if (name.isEmpty() || name.size() > 128)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (!(alnum || (i > 0 && (c == u'.' || c == u'_' || c == u'-'))))
            return false;
    }
    return true;
}

// [A-Za-z_][A-Za-z0-9_]{0,254}, checked by hand: no PCRE at start-up (its pages count against
// idle memory).
bool isValidVariableName(const QString &name)
{
    if (name.isEmpty() || name.size() > 255)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name.at(i).unicode();
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        if (!(letter || (i > 0 && c >= u'0' && c <= u'9')))
            return false;
    }
    return true;
}

bool isValidPath(const QString &path)
{
    if (path.isEmpty())
        return false;
    for (const QChar c : path) {
        if (c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

} // namespace

SecretRef SecretRef::parse(const QString &value)
{
    if (value.isEmpty())
        return { Kind::None, {} };
    if (value.startsWith(STORED_PREFIX)) {
        const QString name = value.mid(STORED_PREFIX.size());
        return isValidStoredName(name) ? SecretRef { Kind::Stored, name } : SecretRef { Kind::Invalid, value };
    }
    if (value.startsWith(ENV_PREFIX)) {
        const QString name = value.mid(ENV_PREFIX.size());
        return isValidVariableName(name) ? SecretRef { Kind::Environment, name } : SecretRef { Kind::Invalid, value };
    }
    if (value.startsWith(FILE_PREFIX)) {
        const QString path = value.mid(FILE_PREFIX.size());
        return isValidPath(path) ? SecretRef { Kind::File, path } : SecretRef { Kind::Invalid, value };
    }
    return { Kind::PlainText, value };
}

QString SecretRef::environmentReference(const QString &variable)
{
    return ENV_PREFIX.toString() + variable;
}

QString SecretRef::toString() const
{
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::Stored:
        return STORED_PREFIX.toString() + target;
    case Kind::Environment:
        return ENV_PREFIX.toString() + target;
    case Kind::File:
        return FILE_PREFIX.toString() + target;
    case Kind::PlainText:
    case Kind::Invalid:
        return target;
    }
    return QString();
}

} // namespace Gateway::Config
