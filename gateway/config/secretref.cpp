// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "config/secretref.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Gateway::Config {

namespace {

constexpr QStringView STORED_PREFIX = u"secret:";
constexpr QStringView ENV_PREFIX = u"env:";
constexpr QStringView FILE_PREFIX = u"file:";

bool isValidStoredName(const QString &name)
{
    static const QRegularExpression s_pattern(u"\\A[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\z"_s);
    return s_pattern.match(name).hasMatch();
}

bool isValidVariableName(const QString &name)
{
    static const QRegularExpression s_pattern(u"\\A[A-Za-z_][A-Za-z0-9_]{0,254}\\z"_s);
    return s_pattern.match(name).hasMatch();
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
        return {Kind::None, {}};
    if (value.startsWith(STORED_PREFIX)) {
        const QString name = value.mid(STORED_PREFIX.size());
        return isValidStoredName(name) ? SecretRef{Kind::Stored, name} : SecretRef{Kind::Invalid, value};
    }
    if (value.startsWith(ENV_PREFIX)) {
        const QString name = value.mid(ENV_PREFIX.size());
        return isValidVariableName(name) ? SecretRef{Kind::Environment, name} : SecretRef{Kind::Invalid, value};
    }
    if (value.startsWith(FILE_PREFIX)) {
        const QString path = value.mid(FILE_PREFIX.size());
        return isValidPath(path) ? SecretRef{Kind::File, path} : SecretRef{Kind::Invalid, value};
    }
    return {Kind::PlainText, value};
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
