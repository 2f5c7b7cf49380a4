// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "agent/toolregistry.h"

#include <algorithm>

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Agent
{

ToolRegistry::ToolRegistry() : m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    add({ u"current_time"_s, u"The current date and time. Optionally in an IANA time zone such as \"Europe/Berlin\"."_s,
            QJsonObject { { u"type"_s, u"object"_s },
                { u"properties"_s,
                    QJsonObject { { u"timezone"_s,
                        QJsonObject { { u"type"_s, u"string"_s },
                            { u"description"_s, u"IANA time zone name; default UTC"_s } } } } } } },
        [this](const QJsonObject &arguments, const ToolContext &) -> ToolResult {
            const QString zoneName = arguments.value(u"timezone"_s).toString();
            QTimeZone zone = QTimeZone::utc();
            if (!zoneName.isEmpty()) {
                zone = QTimeZone(zoneName.toUtf8());
                if (!zone.isValid())
                    return { u"unknown time zone: %1"_s.arg(zoneName.left(64)), true };
            }
            const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_clock(), zone);
            return { now.toString(Qt::ISODate) + u" ("_s + (zoneName.isEmpty() ? u"UTC"_s : zoneName) + u", "_s
                    + now.toString(u"dddd"_s) + u')',
                false };
        });
}

void ToolRegistry::add(const Providers::ToolSpec &spec, Handler handler)
{
    m_tools.append({ spec, std::move(handler) });
    std::sort(m_tools.begin(), m_tools.end(), [](const Entry &a, const Entry &b) { return a.spec.name < b.spec.name; });
}

QList<Providers::ToolSpec> ToolRegistry::specs() const
{
    QList<Providers::ToolSpec> specs;
    for (const Entry &entry : m_tools)
        specs.append(entry.spec);
    return specs;
}

bool ToolRegistry::contains(const QString &name) const
{
    return std::any_of(m_tools.cbegin(), m_tools.cend(), [&](const Entry &e) { return e.spec.name == name; });
}

ToolResult ToolRegistry::run(const QString &name, const QJsonObject &arguments, const ToolContext &context) const
{
    for (const Entry &entry : m_tools) {
        if (entry.spec.name == name)
            return entry.handler(arguments, context);
    }
    return { u"unknown tool: %1"_s.arg(name.left(64)), true };
}

} // namespace Gateway::Agent
