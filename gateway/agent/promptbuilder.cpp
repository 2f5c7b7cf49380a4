// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "agent/promptbuilder.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include "agent/toolregistry.h"
#include "agent/transcriptstore.h"
#include "people/persona.h"

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Agent
{

namespace
{
constexpr qint64 MAX_SOUL_BYTES = 256 * 1024;
}

PromptBuilder::PromptBuilder(QString soulPath) : m_soulPath(std::move(soulPath)) { }

QString PromptBuilder::builtInPersona()
{
    return People::PersonaComposer::builtInPersona();
}

QString PromptBuilder::persona() const
{
    const QFileInfo info(m_soulPath);
    if (m_soulPath.isEmpty() || !info.isFile() || info.size() > MAX_SOUL_BYTES)
        return builtInPersona();
    if (info.lastModified() == m_cachedModified && info.size() == m_cachedSize)
        return m_cachedPersona;
    QFile file(m_soulPath);
    if (!file.open(QIODevice::ReadOnly))
        return builtInPersona();
    const QString text = QString::fromUtf8(file.readAll()).trimmed();
    m_cachedPersona = text.isEmpty() ? builtInPersona() : text;
    m_cachedModified = info.lastModified();
    m_cachedSize = info.size();
    return m_cachedPersona;
}

Providers::ChatRequest PromptBuilder::build(const QList<StoredMessage> &history, const ToolRegistry &tools,
    const QString &model, int maxTokens, qint64 nowMs, const PromptParts &parts,
    const std::optional<QStringList> &allowedTools) const
{
    Providers::ChatRequest request;
    request.model = model;
    request.maxTokens = maxTokens;
    request.systemBlocks.append(parts.persona.isEmpty() ? persona() : parts.persona);
    if (!parts.skills.isEmpty())
        request.systemBlocks.append(parts.skills);
    if (!parts.userBlock.isEmpty())
        request.systemBlocks.append(parts.userBlock);
    for (const Providers::ToolSpec &spec : tools.specs()) {
        if (!allowedTools || allowedTools->contains(spec.name))
            request.tools.append(spec);
    }
    for (const StoredMessage &message : history)
        request.messages.append(message.toChatMessage());
    // Minute resolution keeps the volatile block small; it sits after every cached block.
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    request.volatileSystem = u"Current time: "_s + now.toString(u"yyyy-MM-dd HH:mm"_s) + u" UTC."_s;
    if (!parts.recalled.isEmpty())
        request.volatileSystem += u"\n\n"_s + parts.recalled;
    return request;
}

} // namespace Gateway::Agent
