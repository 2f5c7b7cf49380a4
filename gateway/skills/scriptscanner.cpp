// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "skills/scriptscanner.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Gateway::Skills
{

namespace
{

struct Pattern
{
    QString rule;
    QRegularExpression re;
};

const QList<Pattern> &patterns()
{
    using RE = QRegularExpression;
    constexpr auto CI = QRegularExpression::CaseInsensitiveOption;
    static const QString shells = u"(?:sudo\\s+)?(?:ba|z|da|k|fi)?sh|python[0-9.]*|perl|ruby|node|php"_s;
    static const QList<Pattern> list = {
        // Fetch-and-execute: a download piped or substituted into an interpreter.
        { u"fetch-and-execute"_s, RE(u"\\b(?:curl|wget|fetch)\\b[^|]*\\|\\s*(?:%1)\\b"_s.arg(shells)) },
        { u"fetch-and-execute"_s, RE(u"(?:%1|eval|source|\\.)\\s+<\\(\\s*(?:curl|wget)\\b"_s.arg(shells)) },
        { u"fetch-and-execute"_s, RE(u"(?:eval|(?:ba)?sh\\s+-c)\\s+[\"']?\\$\\(\\s*(?:curl|wget)\\b"_s) },
        { u"fetch-and-execute"_s, RE(u"(?:exec|eval)\\s*\\(\\s*(?:urllib|requests)\\S*\\.(?:urlopen|get)\\b"_s) },
        // Obfuscation: decoded payloads executed, or eval of long encoded strings.
        { u"obfuscation"_s,
            RE(u"\\b(?:base64\\s+(?:-d|--decode|-D)|xxd\\s+-r|openssl\\s+(?:enc\\s+)?-d)\\b[^|]*\\|\\s*(?:%1|eval)\\b"_s
                    .arg(shells)) },
        { u"obfuscation"_s,
            RE(u"\\b(?:eval|exec)\\b.*(?:base64|b64decode|fromCharCode|\\\\x[0-9a-f]{2}.*\\\\x[0-9a-f]{2}|xxd\\s+-r)"_s,
                CI) },
        { u"obfuscation"_s, RE(u"\\b(?:eval|exec)\\b.*[A-Za-z0-9+/]{120,}={0,2}"_s) },
        // Credential paths.
        { u"credential-path"_s,
            RE(u"(?:~|\\$HOME|\\$\\{HOME\\}|/home/[^/\\s]+|/root)/\\.(?:ssh|aws|gnupg|netrc|docker|kube|skynet|password-store|config/gh)\\b"_s) },
        { u"credential-path"_s,
            RE(u"/etc/(?:shadow|gshadow|sudoers)\\b|\\bid_(?:rsa|ed25519|ecdsa|dsa)\\b|\\.aws/credentials\\b"_s) },
        { u"credential-path"_s, RE(u"\\bkeyrings?/|login\\.keychain|\\.local/share/keyrings|\\bkwallet"_s, CI) },
        // Shell injection.
        { u"shell-injection"_s, RE(u"\\beval\\s+[\"']?\\$"_s) },
        { u"shell-injection"_s, RE(u"\\b(?:ba)?sh\\s+-c\\s+(?:\"[^\"]*)?\\$(?:\\{)?[0-9@*]"_s) },
        { u"shell-injection"_s,
            RE(u"\\bshell\\s*=\\s*True\\b|\\bos\\.system\\s*\\([^)]*(?:\\+|%|\\.format|f[\"'])"_s) },
        // Writes outside the skill folder.
        { u"write-outside"_s,
            RE(u"(?:^|[^0-9&<>])>>?\\s*[\"']?(?:/(?!dev/(?:null|stdout|stderr)\\b)|~|\\$HOME|\\$\\{HOME\\}|\\.\\./)"_s) },
        { u"write-outside"_s, RE(u"\\btee\\s+(?:-a\\s+)?[\"']?(?:/(?!dev/null)|~|\\$HOME|\\.\\./)"_s) },
        { u"write-outside"_s,
            RE(u"\\b(?:cp|mv|ln|install|rsync|dd)\\b[^;&|]*\\s(?:of=)?[\"']?(?:/(?!dev/null)|~/|\\$HOME|\\.\\./)\\S*[\"']?\\s*$"_s) },
        { u"write-outside"_s, RE(u"\\bopen\\s*\\(\\s*[\"'](?:/|~|\\.\\./)[^\"']*[\"']\\s*,\\s*[\"'][wax]"_s) },
    };
    return list;
}

const QRegularExpression &networkPattern()
{
    static const QRegularExpression re(
        u"\\b(?:curl|wget|nc|ncat|netcat|socat|ssh|scp|sftp|telnet|ftp)\\b|\\b(?:https?|ftp|wss?)://|/dev/tcp/|"
        "\\bimport\\s+(?:socket|requests|urllib|http\\.client)\\b|\\bfrom\\s+(?:socket|requests|urllib|http)\\b"_s);
    return re;
}

} // namespace

QJsonObject Finding::toJson() const
{
    return QJsonObject { { u"rule"_s, rule }, { u"file"_s, file }, { u"line"_s, line }, { u"excerpt"_s, excerpt } };
}

const QList<ScanRule> &ScriptScanner::rules()
{
    static const QList<ScanRule> list = {
        { u"fetch-and-execute"_s, u"a download piped or substituted into a shell or interpreter (curl … | sh)"_s },
        { u"obfuscation"_s, u"decoded or long encoded payloads executed (base64 -d | sh, eval of encoded text)"_s },
        { u"credential-path"_s, u"reads of credential stores (~/.ssh, ~/.aws, /etc/shadow, keyrings, ~/.skynet)"_s },
        { u"shell-injection"_s, u"eval of variables, arguments interpolated into sh -c, shell=True"_s },
        { u"write-outside"_s, u"writes to absolute, home or parent paths instead of the skill folder"_s },
        { u"undeclared-network"_s, u"network tools or URLs without the network capability"_s },
    };
    return list;
}

bool ScriptScanner::isScript(const QString &relativePath, const QByteArray &head)
{
    if (relativePath == u"SKILL.md" || relativePath == u"SKILL.sig")
        return false;
    static const QStringList extensions
        = { u".sh"_s, u".bash"_s, u".py"_s, u".pl"_s, u".rb"_s, u".js"_s, u".mjs"_s, u".php"_s, u".zsh"_s };
    if (relativePath.startsWith(u"scripts/"_s) || head.startsWith("#!"))
        return true;
    return std::any_of(extensions.cbegin(), extensions.cend(),
        [&](const QString &ext) { return relativePath.endsWith(ext, Qt::CaseInsensitive); });
}

QString ScriptScanner::interpreterFor(const QString &relativePath, const QByteArray &head)
{
    if (relativePath.endsWith(u".py"_s) || head.startsWith("#!/usr/bin/env python")
        || head.startsWith("#!/usr/bin/python"))
        return u"python3"_s;
    if (relativePath.endsWith(u".bash"_s) || head.startsWith("#!/bin/bash") || head.startsWith("#!/usr/bin/env bash"))
        return u"bash"_s;
    if (relativePath.endsWith(u".sh"_s) || head.startsWith("#!/bin/sh"))
        return u"sh"_s;
    return {};
}

QList<Finding> ScriptScanner::scan(const QString &file, const QString &text, const QStringList &capabilities)
{
    QList<Finding> findings;
    const bool network = capabilities.contains(u"network"_s);
    const QStringList lines = text.split(u'\n');
    QString logical;
    int startLine = 0;
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (logical.isEmpty())
            startLine = i + 1;
        if (line.endsWith(u'\\') && i + 1 < lines.size() && logical.size() < 8192) {
            logical += line.chopped(1) + u' ';
            continue;
        }
        logical += line;
        const QString trimmed = logical.trimmed();
        logical.clear();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(u"//"_s))
            continue;
        QStringList hit;
        for (const Pattern &p : patterns()) {
            if (!hit.contains(p.rule) && p.re.match(trimmed).hasMatch())
                hit.append(p.rule);
        }
        if (!network && networkPattern().match(trimmed).hasMatch())
            hit.append(u"undeclared-network"_s);
        for (const QString &rule : std::as_const(hit))
            findings.append({ rule, file, startLine, trimmed.left(120) });
        if (findings.size() > 200)
            break;
    }
    return findings;
}

} // namespace Gateway::Skills
