// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include "providers/provider.h"

namespace ProviderTests
{

/// @brief Collects everything a ChatStream emits, and how many terminal signals it sent.
struct StreamRecorder
{
    explicit StreamRecorder(Gateway::Providers::ChatStream *stream) : stream(stream)
    {
        using namespace Gateway::Providers;
        QObject::connect(stream, &ChatStream::textDelta, stream, [this](const QString &delta) {
            text += delta;
            ++deltas;
            if (terminals > 0)
                ++afterTerminal;
        });
        QObject::connect(stream, &ChatStream::toolCall, stream, [this](const ToolCall &call) {
            toolCalls.append(call);
            if (terminals > 0)
                ++afterTerminal;
        });
        QObject::connect(stream, &ChatStream::finished, stream, [this](StopReason r, const Usage &u) {
            reason = r;
            usage = u;
            finished = true;
            ++terminals;
        });
        QObject::connect(stream, &ChatStream::failed, stream, [this](const ProviderError &e) {
            error = e;
            failed = true;
            ++terminals;
        });
    }

    bool done() const { return terminals > 0; }

    Gateway::Providers::ChatStream *stream;
    QString text;
    int deltas = 0;
    QList<Gateway::Providers::ToolCall> toolCalls;
    Gateway::Providers::StopReason reason = Gateway::Providers::StopReason::Other;
    Gateway::Providers::Usage usage;
    Gateway::Providers::ProviderError error;
    bool finished = false;
    bool failed = false;
    int terminals = 0;
    int afterTerminal = 0;
};

/// Short timeouts so failure tests finish fast; no retries unless a test asks.
inline Gateway::Providers::Timeouts fastTimeouts(int idleMs = 5000, int firstByteMs = 5000)
{
    Gateway::Providers::Timeouts t;
    t.connect = std::chrono::milliseconds(3000);
    t.firstByte = std::chrono::milliseconds(firstByteMs);
    t.idle = std::chrono::milliseconds(idleMs);
    t.retries = 2;
    t.retryBase = std::chrono::milliseconds(10);
    t.retryMax = std::chrono::milliseconds(2000);
    return t;
}

/// A user message.
inline Gateway::Providers::ChatMessage userMessage(const QString &text)
{
    Gateway::Providers::ChatMessage m;
    m.role = Gateway::Providers::ChatMessage::Role::User;
    m.text = text;
    return m;
}

inline Gateway::Providers::ChatMessage assistantMessage(
    const QString &text, const QList<Gateway::Providers::ToolCall> &calls = {})
{
    Gateway::Providers::ChatMessage m;
    m.role = Gateway::Providers::ChatMessage::Role::Assistant;
    m.text = text;
    m.toolCalls = calls;
    return m;
}

inline Gateway::Providers::ChatMessage toolMessage(
    const QString &callId, const QString &name, const QString &content, bool isError = false)
{
    Gateway::Providers::ChatMessage m;
    m.role = Gateway::Providers::ChatMessage::Role::Tool;
    m.toolCallId = callId;
    m.toolName = name;
    m.text = content;
    m.isError = isError;
    return m;
}

/// Wait budget for one network round trip in these tests.
inline constexpr int WAIT_MS = 10000;

} // namespace ProviderTests
