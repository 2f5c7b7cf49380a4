// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QJsonObject>
#include <QList>
#include <QString>

#include "providers/provider.h"

namespace Gateway::Agent
{

/// @brief What a tool returns: text for the model, or an error the model is told about.
struct ToolResult
{
    QString content;
    bool isError = false;
};

/// @brief Context a tool runs in (who asked, in which session).
struct ToolContext
{
    QString sessionKey;
    QString runId;
    QString userId; ///< the person the run answers ("" = the owner, before people exist)
    QString channel;
};

/// @brief The tools the gateway executes for the model. Declared once, sorted by name so the
/// tool list (part of the cached prompt prefix) is byte-stable.
class ToolRegistry final
{
public:
    using Handler = std::function<ToolResult(const QJsonObject &arguments, const ToolContext &context)>;

    ToolRegistry();

    void add(const Providers::ToolSpec &spec, Handler handler);
    /// Sorted by name.
    QList<Providers::ToolSpec> specs() const;
    bool contains(const QString &name) const;
    ToolResult run(const QString &name, const QJsonObject &arguments, const ToolContext &context) const;

    /// The built-in clock, replaceable in tests (milliseconds since the epoch).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

private:
    struct Entry
    {
        Providers::ToolSpec spec;
        Handler handler;
    };
    QList<Entry> m_tools;
    std::function<qint64()> m_clock;
};

} // namespace Gateway::Agent
