// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "skills/skillmanifest.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Gateway::Skills
{

namespace
{

Error invalid(int line, const QString &message)
{
    return Error { u"INVALID_SKILL"_s,
        line > 0 ? u"SKILL.md line %1: %2"_s.arg(line).arg(message) : u"SKILL.md: "_s + message };
}

QString unquote(const QString &value)
{
    const QString v = value.trimmed();
    if (v.size() >= 2 && ((v.startsWith(u'"') && v.endsWith(u'"')) || (v.startsWith(u'\'') && v.endsWith(u'\''))))
        return v.mid(1, v.size() - 2);
    return v;
}

/// `[a, b, "c"]` or a single scalar → items; std::nullopt on a malformed list.
std::optional<QStringList> flowList(const QString &value)
{
    const QString v = value.trimmed();
    if (!v.startsWith(u'['))
        return v.isEmpty() ? QStringList() : QStringList { unquote(v) };
    if (!v.endsWith(u']'))
        return std::nullopt;
    QStringList items;
    const QString inner = v.mid(1, v.size() - 2).trimmed();
    if (inner.isEmpty())
        return items;
    for (const QString &part : inner.split(u','))
        items.append(unquote(part));
    return items;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList fromArray(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

/// One top-level key with either an inline value or an indented block.
struct Entry
{
    int line = 0;
    QString value; ///< inline value ("" when a block follows)
    QList<QPair<int, QString>> block; ///< indented lines (trimmed), with their line numbers
};

} // namespace

bool ManifestParser::isValidName(const QString &name)
{
    static const QRegularExpression re(u"^[a-z0-9][a-z0-9-]{0,63}$"_s);
    return re.match(name).hasMatch();
}

const QStringList &ManifestParser::knownCapabilities()
{
    static const QStringList caps = { u"exec"_s, u"files"_s, u"network"_s };
    return caps;
}

const QStringList &ManifestParser::knownInstallers()
{
    static const QStringList managers = { u"apt"_s, u"brew"_s, u"cargo"_s, u"choco"_s, u"dnf"_s, u"go"_s, u"npm"_s,
        u"pacman"_s, u"pip"_s, u"scoop"_s, u"winget"_s };
    return managers;
}

Result<SkillManifest> ManifestParser::parse(const QByteArray &bytes)
{
    if (bytes.size() > MAX_FILE_BYTES)
        return invalid(0, u"larger than %1 bytes"_s.arg(MAX_FILE_BYTES));
    if (bytes.contains('\0'))
        return invalid(0, u"contains a NUL byte"_s);
    const QString text = QString::fromUtf8(bytes);
    if (text.contains(QChar::ReplacementCharacter))
        return invalid(0, u"is not valid UTF-8"_s);
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
    }
    if (lines.isEmpty() || lines.first() != u"---")
        return invalid(1, u"must start with a \"---\" line (the front matter)"_s);
    int end = -1;
    qsizetype frontBytes = 0;
    for (int i = 1; i < lines.size(); ++i) {
        if (lines.at(i) == u"---") {
            end = i;
            break;
        }
        frontBytes += lines.at(i).size() + 1;
        if (frontBytes > MAX_FRONT_MATTER_BYTES)
            return invalid(i + 1, u"the front matter is longer than %1 bytes"_s.arg(MAX_FRONT_MATTER_BYTES));
    }
    if (end < 0)
        return invalid(0, u"the front matter has no closing \"---\" line"_s);

    // Pass 1: split into top-level entries.
    static const QRegularExpression keyRe(u"^([a-z_]+):(?:\\s+(.*))?$"_s);
    QMap<QString, Entry> entries;
    QString current;
    for (int i = 1; i < end; ++i) {
        const QString &line = lines.at(i);
        const int lineNo = i + 1;
        if (line.size() > MAX_LINE)
            return invalid(lineNo, u"longer than %1 characters"_s.arg(MAX_LINE));
        if (line.contains(u'\t'))
            return invalid(lineNo, u"tabs are not allowed (indent with spaces)"_s);
        if (line.trimmed().isEmpty() || line.trimmed().startsWith(u'#'))
            continue;
        if (line.startsWith(u' ')) {
            if (current.isEmpty() || !entries[current].value.isEmpty())
                return invalid(lineNo, u"unexpected indented line"_s);
            entries[current].block.append({ lineNo, line.trimmed() });
            continue;
        }
        const QRegularExpressionMatch m = keyRe.match(line);
        if (!m.hasMatch())
            return invalid(lineNo, u"expected \"key: value\""_s);
        const QString key = m.captured(1);
        if (entries.contains(key))
            return invalid(lineNo, u"duplicate key \"%1\""_s.arg(key));
        entries.insert(key, Entry { lineNo, m.captured(2).trimmed(), {} });
        current = key;
    }

    static const QSet<QString> known = { u"name"_s, u"description"_s, u"version"_s, u"triggers"_s, u"platforms"_s,
        u"requires"_s, u"packages"_s, u"capabilities"_s, u"install"_s };
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        if (!known.contains(it.key()))
            return invalid(it->line, u"unknown key \"%1\""_s.arg(it.key().left(32)));
    }

    SkillManifest manifest;
    const auto scalar = [&](const QString &key, bool required) -> Result<QString> {
        if (!entries.contains(key))
            return required ? Result<QString>(invalid(0, u"\"%1\" is required"_s.arg(key)))
                            : Result<QString>(QString());
        const Entry &e = entries[key];
        if (!e.block.isEmpty())
            return invalid(e.line, u"\"%1\" must be a single value"_s.arg(key));
        const QString v = unquote(e.value);
        if (required && v.isEmpty())
            return invalid(e.line, u"\"%1\" must not be empty"_s.arg(key));
        return v;
    };
    // A list: inline [a, b] or a block of "- item" lines.
    const auto list = [&](const Entry &e, const QString &key) -> Result<QStringList> {
        QStringList items;
        if (!e.value.isEmpty()) {
            const std::optional<QStringList> parsed = flowList(e.value);
            if (!parsed)
                return invalid(e.line, u"\"%1\" is not a valid list"_s.arg(key));
            items = *parsed;
        } else {
            for (const auto &[lineNo, text] : e.block) {
                if (!text.startsWith(u"- "_s))
                    return invalid(lineNo, u"\"%1\" items start with \"- \""_s.arg(key));
                items.append(unquote(text.mid(2)));
            }
        }
        if (items.size() > MAX_LIST)
            return invalid(e.line, u"\"%1\" has more than %2 items"_s.arg(key).arg(MAX_LIST));
        for (const QString &item : std::as_const(items)) {
            if (item.isEmpty() || item.size() > 200)
                return invalid(e.line, u"\"%1\" has an empty or over-long item"_s.arg(key));
        }
        return items;
    };
    // A block of "sub: value" lines.
    const auto mapping = [&](const Entry &e, const QString &key) -> Result<QMap<QString, QPair<int, QString>>> {
        if (!e.value.isEmpty())
            return invalid(e.line, u"\"%1\" must be an indented block of \"key: value\" lines"_s.arg(key));
        QMap<QString, QPair<int, QString>> map;
        static const QRegularExpression subRe(u"^([a-z_]+):\\s+(.+)$"_s);
        for (const auto &[lineNo, text] : e.block) {
            const QRegularExpressionMatch m = subRe.match(text);
            if (!m.hasMatch())
                return invalid(lineNo, u"expected \"key: value\" under \"%1\""_s.arg(key));
            if (map.contains(m.captured(1)))
                return invalid(lineNo, u"duplicate key \"%1\""_s.arg(m.captured(1)));
            map.insert(m.captured(1), { lineNo, m.captured(2).trimmed() });
        }
        return map;
    };

    Result<QString> name = scalar(u"name"_s, true);
    if (!name)
        return name.error();
    if (!isValidName(*name))
        return invalid(
            entries[u"name"_s].line, u"name must be 1-64 of a-z, 0-9 and '-' (starting with a letter or digit)"_s);
    manifest.name = *name;
    Result<QString> description = scalar(u"description"_s, true);
    if (!description)
        return description.error();
    if (description->size() > MAX_DESCRIPTION)
        return invalid(
            entries[u"description"_s].line, u"description is longer than %1 characters"_s.arg(MAX_DESCRIPTION));
    manifest.description = *description;
    Result<QString> version = scalar(u"version"_s, true);
    if (!version)
        return version.error();
    static const QRegularExpression versionRe(u"^\\d{1,9}(\\.\\d{1,9}){0,3}([-+][0-9A-Za-z.-]{1,32})?$"_s);
    if (!versionRe.match(*version).hasMatch())
        return invalid(entries[u"version"_s].line, u"version must look like 1.2.3"_s);
    manifest.version = *version;

    if (entries.contains(u"triggers"_s)) {
        Result<QStringList> triggers = list(entries[u"triggers"_s], u"triggers"_s);
        if (!triggers)
            return triggers.error();
        for (const QString &t : std::as_const(*triggers))
            manifest.triggers.append(t.toLower());
    }
    if (entries.contains(u"capabilities"_s)) {
        Result<QStringList> caps = list(entries[u"capabilities"_s], u"capabilities"_s);
        if (!caps)
            return caps.error();
        for (const QString &c : std::as_const(*caps)) {
            if (!knownCapabilities().contains(c))
                return invalid(entries[u"capabilities"_s].line,
                    u"unknown capability \"%1\" (network, exec or files)"_s.arg(c.left(32)));
            if (!manifest.capabilities.contains(c))
                manifest.capabilities.append(c);
        }
        manifest.capabilities.sort();
    }
    if (entries.contains(u"packages"_s)) {
        const Entry &e = entries[u"packages"_s];
        Result<QStringList> items = list(e, u"packages"_s);
        if (!items)
            return items.error();
        for (const QString &item : std::as_const(*items)) {
            const QStringList parts = item.split(u' ', Qt::SkipEmptyParts);
            if (parts.size() != 3)
                return invalid(
                    e.line, u"a package is \"<ecosystem> <name> <version>\", not \"%1\""_s.arg(item.left(64)));
            manifest.packages.append({ parts.at(0), parts.at(1), parts.at(2) });
        }
    }
    if (entries.contains(u"platforms"_s)) {
        const Entry &e = entries[u"platforms"_s];
        auto map = mapping(e, u"platforms"_s);
        if (!map)
            return map.error();
        for (auto it = map->cbegin(); it != map->cend(); ++it) {
            const int lineNo = it->first;
            if (it.key() == u"os" || it.key() == u"arch") {
                const std::optional<QStringList> values = flowList(it->second);
                if (!values || values->size() > MAX_LIST)
                    return invalid(lineNo, u"\"%1\" is not a valid list"_s.arg(it.key()));
                if (it.key() == u"os") {
                    for (const QString &os : *values) {
                        if (os != u"linux" && os != u"macos" && os != u"windows")
                            return invalid(lineNo, u"os must be linux, macos or windows"_s);
                    }
                    manifest.os = *values;
                } else {
                    manifest.arch = *values;
                }
            } else if (it.key() == u"min_ram_mb") {
                bool ok = false;
                const int mb = it->second.toInt(&ok);
                if (!ok || mb < 0 || mb > 1024 * 1024)
                    return invalid(lineNo, u"min_ram_mb must be a number of megabytes"_s);
                manifest.minRamMb = mb;
            } else {
                return invalid(lineNo, u"unknown key \"%1\" under platforms"_s.arg(it.key().left(32)));
            }
        }
    }
    if (entries.contains(u"requires"_s)) {
        const Entry &e = entries[u"requires"_s];
        auto map = mapping(e, u"requires"_s);
        if (!map)
            return map.error();
        for (auto it = map->cbegin(); it != map->cend(); ++it) {
            if (it.key() != u"binaries")
                return invalid(it->first, u"unknown key \"%1\" under requires"_s.arg(it.key().left(32)));
            const std::optional<QStringList> values = flowList(it->second);
            static const QRegularExpression binRe(u"^[A-Za-z0-9._+-]{1,64}$"_s);
            if (!values || values->size() > MAX_LIST)
                return invalid(it->first, u"\"binaries\" is not a valid list"_s);
            for (const QString &b : *values) {
                if (!binRe.match(b).hasMatch())
                    return invalid(it->first, u"a binary is a plain file name, not \"%1\""_s.arg(b.left(64)));
            }
            manifest.binaries = *values;
        }
    }
    if (entries.contains(u"install"_s)) {
        const Entry &e = entries[u"install"_s];
        auto map = mapping(e, u"install"_s);
        if (!map)
            return map.error();
        for (auto it = map->cbegin(); it != map->cend(); ++it) {
            if (!knownInstallers().contains(it.key()))
                return invalid(it->first,
                    u"unknown installer \"%1\" (%2)"_s.arg(it.key().left(32), knownInstallers().join(u", "_s)));
            manifest.installHints.insert(it.key(), unquote(it->second));
        }
    }
    manifest.body = lines.mid(end + 1).join(u'\n').trimmed();
    return manifest;
}

QJsonObject SkillManifest::toJson() const
{
    QJsonArray packageArray;
    for (const DeclaredPackage &p : packages)
        packageArray.append(
            QJsonObject { { u"ecosystem"_s, p.ecosystem }, { u"name"_s, p.name }, { u"version"_s, p.version } });
    QJsonObject hints;
    for (auto it = installHints.cbegin(); it != installHints.cend(); ++it)
        hints.insert(it.key(), it.value());
    return QJsonObject { { u"name"_s, name }, { u"description"_s, description }, { u"version"_s, version },
        { u"triggers"_s, toArray(triggers) }, { u"os"_s, toArray(os) }, { u"arch"_s, toArray(arch) },
        { u"minRamMb"_s, minRamMb }, { u"binaries"_s, toArray(binaries) }, { u"packages"_s, packageArray },
        { u"capabilities"_s, toArray(capabilities) }, { u"install"_s, hints } };
}

SkillManifest SkillManifest::fromJson(const QJsonObject &o)
{
    SkillManifest m;
    m.name = o.value(u"name"_s).toString();
    m.description = o.value(u"description"_s).toString();
    m.version = o.value(u"version"_s).toString();
    m.triggers = fromArray(o.value(u"triggers"_s));
    m.os = fromArray(o.value(u"os"_s));
    m.arch = fromArray(o.value(u"arch"_s));
    m.minRamMb = o.value(u"minRamMb"_s).toInt();
    m.binaries = fromArray(o.value(u"binaries"_s));
    for (const QJsonValue &v : o.value(u"packages"_s).toArray()) {
        const QJsonObject p = v.toObject();
        m.packages.append(
            { p.value(u"ecosystem"_s).toString(), p.value(u"name"_s).toString(), p.value(u"version"_s).toString() });
    }
    m.capabilities = fromArray(o.value(u"capabilities"_s));
    const QJsonObject hints = o.value(u"install"_s).toObject();
    for (auto it = hints.constBegin(); it != hints.constEnd(); ++it)
        m.installHints.insert(it.key(), it.value().toString());
    return m;
}

} // namespace Gateway::Skills
