// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

// Shared by the agent runtime (chatruntime.cpp) and its protocol methods (chatmethods.cpp).

#include <optional>

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include "providers/provider.h"

namespace Gateway::Agent::Detail
{

using namespace Qt::Literals::StringLiterals;

inline constexpr int MAX_SESSION_KEY = 512;
inline constexpr int MAX_IDEMPOTENCY_KEY = 256;
inline constexpr int MAX_MODEL_SPEC = 256; ///< chat.send `model`: "provider:model"
inline constexpr qsizetype MAX_MESSAGE_CHARS = 1 << 20;
inline constexpr int DEFAULT_HISTORY_LIMIT = 200;
inline constexpr int MAX_HISTORY_LIMIT = 1000;
inline constexpr int DEFAULT_WAIT_MS = 30'000;

inline QJsonObject usageJson(const Providers::Usage &usage)
{
    return QJsonObject { { u"input"_s, usage.inputTokens }, { u"output"_s, usage.outputTokens },
        { u"cacheRead"_s, usage.cacheReadTokens }, { u"cacheWrite"_s, usage.cacheWriteTokens },
        { u"totalTokens"_s, usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens } };
}

/// A string parameter: absent is std::nullopt (an error when required), a wrong type or length an
/// error in *error.
inline std::optional<QString> stringParam(
    const QJsonObject &params, const QString &key, bool required, int maxLength, QString *error)
{
    const QJsonValue value = params.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            *error = u"%1 is required"_s.arg(key);
        return std::nullopt;
    }
    if (!value.isString()) {
        *error = u"%1 must be a string"_s.arg(key);
        return std::nullopt;
    }
    if (value.toString().size() > maxLength) {
        *error = u"%1 is longer than %2 characters"_s.arg(key).arg(maxLength);
        return std::nullopt;
    }
    return value.toString();
}

} // namespace Gateway::Agent::Detail
