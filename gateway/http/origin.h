// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>
#include <QStringList>

#include "http/httprequest.h"

namespace Gateway::Http
{

/// Normalises an origin to "scheme://host[:port]" (lower case, default port left out); empty
/// when it is not an http(s) origin.
QString normalizedOrigin(const QString &origin);

/// Parses a comma- or space-separated list of origins (gateway.allowed_origins); invalid entries
/// are dropped.
QStringList parseOriginList(const QString &list);

/// True when the request names no Origin, or an Origin whose host and port are the ones the
/// client asked for in Host (the gateway's own page, over http or https).
bool isSameOrigin(const Request &request);

/// The WebSocket upgrade's Origin policy: no Origin (native clients), the gateway's own origin,
/// one of `allowed` (normalised), or — while the gateway listens on loopback only — a page served
/// from a loopback host.
bool originAllowed(const Request &request, const QStringList &allowed, bool loopbackBind);

} // namespace Gateway::Http
