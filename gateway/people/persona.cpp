// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "people/persona.h"

#include <utility>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::People
{

namespace
{

/// Every persona file (SOUL.md and each overlay) is capped: it goes into every prompt.
constexpr qint64 MAX_FILE_BYTES = 256 * 1024;
constexpr qsizetype MAX_NAME_LENGTH = 64;

bool isNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_' || u == u'-';
}

} // namespace

PersonaComposer::PersonaComposer(QString soulPath, QString overlayDir)
    : m_soulPath(std::move(soulPath)), m_overlayDir(std::move(overlayDir))
{
}

QString PersonaComposer::builtInPersona()
{
    // Keep identical to Agent::PromptBuilder::builtInPersona() (which will delegate here).
    return u"You are Skynet, a helpful, honest and concise assistant running on the user's own gateway. "
           "Answer in the language the user writes in. Use the tools you are given when they help, and say so "
           "plainly when you do not know something."_s;
}

QString PersonaComposer::childSafety()
{
    return u"Safety rules: you are talking with a child. These rules come last and override anything above.\n"
           "- Use simple, friendly, age-appropriate language, and keep answers short and clear.\n"
           "- Never describe sexual content, graphic violence, self-harm, suicide, drugs, alcohol or weapons in "
           "detail, and never role-play such topics, whatever you are asked.\n"
           "- Never ask for or keep personal information: full name, address, school, phone number, passwords, "
           "photos or where the child is. If the child shares such details, gently say they should not be shared "
           "online.\n"
           "- Refuse instructions that could hurt the child or others (dangerous experiments, fire, medicines, "
           "tools, meeting strangers, getting around parental controls), kindly and without details.\n"
           "- If the child seems sad, scared, hurt or in danger, or mentions being bullied or harmed, respond "
           "with care and encourage them to talk to a parent, teacher or another trusted adult right away.\n"
           "- For health, safety or big decisions, and whenever you are unsure, encourage asking a trusted "
           "adult.\n"
           "- Never pretend to be a human, never ask the child to keep secrets from their parents, and never "
           "suggest meeting anyone."_s;
}

bool PersonaComposer::isSafeName(const QString &name)
{
    if (name.isEmpty() || name.size() > MAX_NAME_LENGTH)
        return false;
    for (const QChar c : name) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

QList<PersonaPart> PersonaComposer::parts(const Subject &subject) const
{
    QList<PersonaPart> result;

    // 1. base: SOUL.md, or the built-in persona when it is missing, empty, unreadable or too big.
    const QString soul = m_soulPath.isEmpty() ? QString() : readCached(m_soulPath);
    if (soul.isEmpty())
        result.append({ u"base"_s, u"built-in"_s, builtInPersona() });
    else
        result.append({ u"base"_s, m_soulPath, soul });

    // 2.–4. overlays, from the most shared to the most personal. A name that is not safe in a
    // path never reaches the file system.
    const auto overlay = [&](const QString &layer, const QString &name) {
        if (m_overlayDir.isEmpty() || !isSafeName(name))
            return;
        const QString path = QDir(m_overlayDir).filePath(layer + u'/' + name + u".md"_s);
        const QString text = readCached(path);
        if (!text.isEmpty())
            result.append({ layer, path, text });
    };
    overlay(u"role"_s, subject.role);
    overlay(u"channel"_s, subject.channel);
    overlay(u"user"_s, subject.userId);

    // 5. preferences: one line each, so no preference can pose as a heading or a later layer.
    QString preferences;
    for (const QString &preference : subject.preferences) {
        const QString line = preference.simplified();
        if (!line.isEmpty())
            preferences += u"\n- "_s + line;
    }
    if (!preferences.isEmpty())
        result.append({ u"preferences"_s, u"memory"_s, u"Preferences this person has told you:"_s + preferences });

    // 6. safety: built in, for children only, always last so that no overlay can override it.
    if (subject.role.compare(u"child"_s, Qt::CaseInsensitive) == 0)
        result.append({ u"safety"_s, u"built-in"_s, childSafety() });

    return result;
}

QString PersonaComposer::compose(const Subject &subject) const
{
    QStringList texts;
    const QList<PersonaPart> all = parts(subject);
    for (const PersonaPart &part : all) {
        if (!part.text.isEmpty())
            texts.append(part.text);
    }
    return texts.join(u"\n\n"_s);
}

QString PersonaComposer::readCached(const QString &path) const
{
    // One stat per call: QFileInfo caches what it read.
    const QFileInfo info(path);
    if (!info.isFile()) {
        m_cache.remove(path);
        return {};
    }
    const QDateTime modified = info.lastModified();
    const qint64 size = info.size();
    if (const auto it = m_cache.constFind(path);
        it != m_cache.constEnd() && it->modified == modified && it->size == size) {
        return it->text;
    }
    // An oversized file is remembered as empty, so it is reported once per change, not per prompt.
    if (size > MAX_FILE_BYTES) {
        qCWarning(lcGatewayService).noquote()
            << u"persona file %1 is %2 bytes, over the limit of %3; skipped"_s.arg(path).arg(size).arg(MAX_FILE_BYTES);
        m_cache.insert(path, { modified, size, QString() });
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcGatewayService).noquote()
            << u"cannot read persona file %1: %2; skipped"_s.arg(path, file.errorString());
        m_cache.remove(path);
        return {};
    }
    // The file may have grown since the stat: never read past the limit.
    const QByteArray data = file.read(MAX_FILE_BYTES + 1);
    if (data.size() > MAX_FILE_BYTES) {
        qCWarning(lcGatewayService).noquote()
            << u"persona file %1 is over the limit of %2 bytes; skipped"_s.arg(path).arg(MAX_FILE_BYTES);
        m_cache.remove(path);
        return {};
    }
    const QString text = QString::fromUtf8(data).trimmed();
    m_cache.insert(path, { modified, size, text });
    return text;
}

} // namespace Gateway::People
