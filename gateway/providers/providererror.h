// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include "logging.h"

#include <QByteArray>
#include <QList>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QPair>

#include "core/result.h"
#include "providers/provider.h"

namespace Gateway::Providers
{

/// The one place that turns an upstream HTTP answer into a ProviderError.
///
/// status is the HTTP status (>= 300), body the (bounded) error body; Anthropic, OpenAI, Ollama
/// and the usual "compatible" shapes are recognised. retryAfterMs comes from retryAfterMs().
/// secret, when given, is masked out of the message (some APIs echo part of a bad key).
ProviderError errorFromHttp(int status, const QByteArray &body, qint64 retryAfterMs, const QString &secret = {});

/// A ProviderError of kind with an HTTP status (0 = none) and a message for people.
ProviderError makeError(ProviderError::Kind kind, int httpStatus, const QString &message);

/// Classifies a transport failure (no HTTP answer, or the connection died mid-body).
ProviderError errorFromNetwork(QNetworkReply::NetworkError error, const QString &detail);

/// retry-after-ms, else retry-after (seconds, fractional allowed, or an HTTP date); -1 when absent.
qint64 retryAfterMs(const QNetworkReply &reply);

/// Classifies an error object found inside a 200 stream ({"error": {...}} or {"error": "..."}).
ProviderError errorFromStream(const QJsonValue &error, const QString &secret = {});

/// Provider-neutral form for APIs that return Gateway::Result (code = kindName()).
Error toError(const ProviderError &error);

} // namespace Gateway::Providers
