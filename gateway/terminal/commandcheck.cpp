// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "terminal/commandcheck.h"

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Terminal
{

namespace
{

QString baseName(const QString &word)
{
    const qsizetype slash = word.lastIndexOf(u'/');
    return slash < 0 ? word : word.mid(slash + 1);
}

// ssh options that take an argument (OpenSSH's getopt string).
bool sshOptionTakesArgument(QChar c)
{
    return QStringView(u"BbcDEeFIiJLlmOoPpQRSWw").contains(c);
}

} // namespace

QStringList CommandCheck::splitList(const QString &list)
{
    QStringList out;
    for (const QString &entry : list.split(u',')) {
        const QString trimmed = entry.trimmed();
        if (!trimmed.isEmpty())
            out.append(trimmed);
    }
    return out;
}

QStringList CommandCheck::words(const QString &command)
{
    QStringList out;
    QString current;
    bool inWord = false;
    QChar quote;
    bool escaped = false;
    for (const QChar c : command) {
        if (escaped) {
            current.append(c);
            inWord = true;
            escaped = false;
            continue;
        }
        if (c == u'\\' && quote != u'\'') {
            escaped = true;
            continue;
        }
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                current.append(c);
            continue;
        }
        if (c == u'\'' || c == u'"') {
            quote = c;
            inWord = true;
            continue;
        }
        // Shell operators separate words too, so "ls;sudo x" yields "sudo".
        if (c.isSpace() || QStringView(u";&|<>()`{}").contains(c)) {
            if (inWord)
                out.append(current);
            current.clear();
            inWord = false;
            continue;
        }
        current.append(c);
        inWord = true;
    }
    if (inWord)
        out.append(current);
    return out;
}

bool CommandCheck::globMatch(const QString &pattern, const QString &text)
{
    // Iterative matcher with one backtrack point (linear in practice, no regex blow-up).
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern.at(p) == u'?' || pattern.at(p) == text.at(t))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern.at(p) == u'*') {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern.at(p) == u'*')
        ++p;
    return p == pattern.size();
}

CommandCheck CommandCheck::inspect(const QString &command)
{
    CommandCheck check;
    for (const QChar c : command) {
        if (QStringView(u";&|<>$`(){}\\\n\r").contains(c) || c.category() == QChar::Other_Control) {
            check.hasShellOperators = true;
            break;
        }
    }
    const QStringList all = words(command);
    if (!all.isEmpty())
        check.program = baseName(all.first()).left(64);
    static const QSet<QString> escalation { u"sudo"_s, u"su"_s, u"doas"_s, u"pkexec"_s, u"run0"_s };
    static const QSet<QString> remote { u"ssh"_s, u"scp"_s, u"sftp"_s, u"rsync"_s, u"sshpass"_s };
    for (qsizetype i = 0; i < all.size(); ++i) {
        const QString name = baseName(all.at(i));
        if (escalation.contains(name))
            check.escalates = true;
        if (!remote.contains(name))
            continue;
        check.usesSsh = true;
        if (name != u"ssh") {
            // scp/sftp/rsync/sshpass name hosts in forms this check does not read: a human must
            // not be able to approve them past the host allowlist by accident.
            check.sshHostUnknown = true;
            continue;
        }
        QString host;
        for (qsizetype j = i + 1; j < all.size(); ++j) {
            const QString &word = all.at(j);
            if (word.startsWith(u'-') && word.size() > 1) {
                if (word.size() == 2 && sshOptionTakesArgument(word.at(1)))
                    ++j;
                continue;
            }
            host = word;
            break;
        }
        if (host.startsWith(u"ssh://"))
            host = host.mid(6);
        host = host.mid(host.lastIndexOf(u'@') + 1);
        if (const qsizetype colon = host.indexOf(u':'); colon >= 0 && host.count(u':') == 1)
            host = host.left(colon); // host:port in ssh:// form
        if (host.isEmpty())
            check.sshHostUnknown = true;
        else
            check.sshHosts.append(host.toLower());
    }
    return check;
}

} // namespace Gateway::Terminal
