// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "config/configeditor.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include "config/configloader.h"
#include "config/configschema.h"
#include "config/secretref.h"

using namespace Qt::StringLiterals;

namespace Gateway::Config
{

namespace
{

const QRegularExpression &sectionPattern()
{
    static const QRegularExpression re(uR"(^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$)"_s);
    return re;
}

const QRegularExpression &keyPattern()
{
    // key = value [# comment]; the value is a basic or literal string or a bare word/number.
    static const QRegularExpression re(
        uR"re(^(\s*)([A-Za-z0-9_-]+)(\s*=\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^#\s]+)(\s*(#.*)?)$)re"_s);
    return re;
}

Error editError(const QString &message)
{
    return Error { u"CONFIG_EDIT"_s, message };
}

QVariant parseValue(const QString &literal)
{
    if (literal.startsWith(u'"')) {
        QString out;
        const QString body = literal.mid(1, literal.size() - 2);
        for (qsizetype i = 0; i < body.size(); ++i) {
            QChar c = body.at(i);
            if (c == u'\\' && i + 1 < body.size()) {
                const QChar n = body.at(++i);
                c = n == u'n' ? QChar(u'\n') : n == u't' ? QChar(u'\t') : n;
            }
            out.append(c);
        }
        return out;
    }
    if (literal.startsWith(u'\''))
        return literal.mid(1, literal.size() - 2);
    if (literal == u"true" || literal == u"false")
        return literal == u"true";
    bool ok = false;
    const qlonglong number = literal.toLongLong(&ok);
    return ok ? QVariant(number) : QVariant(literal);
}

} // namespace

QString tomlString(const QString &text)
{
    QString out = u"\""_s;
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += u'\\' + QString(c);
        else if (c == u'\n')
            out += u"\\n"_s;
        else if (c == u'\t')
            out += u"\\t"_s;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0'));
        else
            out += c;
    }
    return out + u'"';
}

Result<ConfigEditor> ConfigEditor::open(const QString &path)
{
    ConfigEditor editor;
    editor.m_path = path;
    QFile file(path);
    if (!file.exists()) {
        editor.m_lines = QString::fromUtf8(ConfigLoader::defaultTemplate()).split(u'\n');
        editor.m_modified = true;
        return editor;
    }
    if (!file.open(QIODevice::ReadOnly))
        return editError(u"cannot read %1: %2"_s.arg(path, file.errorString()));
    editor.m_lines = QString::fromUtf8(file.readAll()).split(u'\n');
    return editor;
}

ConfigEditor ConfigEditor::fromText(const QString &text)
{
    ConfigEditor editor;
    editor.m_lines = text.split(u'\n');
    return editor;
}

ConfigEditor::Location ConfigEditor::locate(const QString &section, const QString &key) const
{
    Location where;
    QString current;
    for (int i = 0; i < m_lines.size(); ++i) {
        const QString &line = m_lines.at(i);
        if (line.trimmed().startsWith(u'[')) {
            const QRegularExpressionMatch m = sectionPattern().match(line);
            if (where.sectionLine >= 0 && where.sectionEnd < 0)
                where.sectionEnd = i;
            current = m.hasMatch() ? m.captured(1) : QString(); // [[arrays]] never match
            if (current == section && where.sectionLine < 0)
                where.sectionLine = i;
            continue;
        }
        if (current != section || where.sectionLine < 0 || where.sectionEnd >= 0)
            continue;
        const QRegularExpressionMatch m = keyPattern().match(line);
        if (m.hasMatch() && m.captured(2) == key && where.keyLine < 0)
            where.keyLine = i;
    }
    if (where.sectionLine >= 0 && where.sectionEnd < 0)
        where.sectionEnd = int(m_lines.size());
    return where;
}

Status ConfigEditor::set(const QString &dottedKey, const QVariant &value)
{
    const KeySpec *spec = ConfigSchema::find(dottedKey);
    if (!spec)
        return editError(u"%1 is not a configuration key"_s.arg(dottedKey));
    QString literal;
    switch (spec->type) {
    case ValueType::Boolean:
        if (value.typeId() != QMetaType::Bool)
            return editError(u"%1 must be true or false"_s.arg(dottedKey));
        literal = value.toBool() ? u"true"_s : u"false"_s;
        break;
    case ValueType::Integer: {
        bool ok = false;
        const qlonglong number = value.toLongLong(&ok);
        if (!ok || value.typeId() == QMetaType::Bool || number < spec->minimum || number > spec->maximum)
            return editError(
                u"%1 must be an integer from %2 to %3"_s.arg(dottedKey).arg(spec->minimum).arg(spec->maximum));
        literal = QString::number(number);
        break;
    }
    case ValueType::Choice: {
        const QString text = value.toString();
        QString canonical;
        for (const QString &choice : spec->choices) {
            if (choice.compare(text, Qt::CaseInsensitive) == 0)
                canonical = choice;
        }
        if (canonical.isEmpty())
            return editError(u"%1 must be one of: %2"_s.arg(dottedKey, spec->choices.join(u", "_s)));
        literal = tomlString(canonical);
        break;
    }
    case ValueType::Secret: {
        const QString text = value.toString();
        if (!text.isEmpty() && !SecretRef::parse(text).isReference())
            return editError(u"%1 must name a secret (secret:, env: or file:), never hold one"_s.arg(dottedKey));
        literal = tomlString(text);
        break;
    }
    case ValueType::String: {
        const QString text = value.toString();
        for (const QChar c : text) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                return editError(u"%1 must not contain control characters"_s.arg(dottedKey));
        }
        if (text.isEmpty() && !spec->allowEmpty)
            return editError(u"%1 must not be empty"_s.arg(dottedKey));
        literal = tomlString(text);
        break;
    }
    }

    const Location where = locate(spec->section, spec->name);
    if (where.keyLine >= 0) {
        const QRegularExpressionMatch m = keyPattern().match(m_lines.at(where.keyLine));
        const QString line = m.captured(1) + m.captured(2) + m.captured(3) + literal + m.captured(5);
        if (line != m_lines.at(where.keyLine)) {
            m_lines[where.keyLine] = line;
            m_modified = true;
        }
        return {};
    }
    const QString line = spec->name + u" = "_s + literal;
    if (where.sectionLine >= 0) {
        m_lines.insert(where.sectionLine + 1, line);
    } else {
        if (!m_lines.isEmpty() && !m_lines.constLast().trimmed().isEmpty())
            m_lines.append(QString());
        m_lines.append(u'[' + spec->section + u']');
        m_lines.append(line);
    }
    m_modified = true;
    return {};
}

Status ConfigEditor::unset(const QString &dottedKey)
{
    const KeySpec *spec = ConfigSchema::find(dottedKey);
    if (!spec)
        return editError(u"%1 is not a configuration key"_s.arg(dottedKey));
    const Location where = locate(spec->section, spec->name);
    if (where.keyLine >= 0) {
        m_lines.removeAt(where.keyLine);
        m_modified = true;
    }
    return {};
}

QVariant ConfigEditor::value(const QString &dottedKey) const
{
    const KeySpec *spec = ConfigSchema::find(dottedKey);
    if (!spec)
        return {};
    const Location where = locate(spec->section, spec->name);
    if (where.keyLine < 0)
        return {};
    return parseValue(keyPattern().match(m_lines.at(where.keyLine)).captured(4));
}

Status ConfigEditor::save()
{
    if (m_path.isEmpty())
        return editError(u"no file to save to"_s);
    const QByteArray data = text().toUtf8();
    const auto checked = ConfigLoader::loadFromData(data, m_path, QFileInfo(m_path).absolutePath());
    if (!checked)
        return editError(checked.error().toString());
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly))
        return editError(u"cannot write %1: %2"_s.arg(m_path, out.errorString()));
    out.write(data);
    if (!out.commit())
        return editError(u"cannot write %1: %2"_s.arg(m_path, out.errorString()));
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_modified = false;
    return {};
}

} // namespace Gateway::Config
