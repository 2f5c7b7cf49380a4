// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>
#include <QTextStream>

#include "config/settings.h"

namespace Gateway::People
{

/// @brief `skynet-gateway soul --user ID --channel NAME`: prints the persona composed for that
/// user on that channel, each layer headed by where it came from. Reads the database (the user's
/// role and learned preferences); an unknown user is an error. Returns the process exit code
/// (0 ok, 1 runtime error such as an unknown user, 2 usage error).
int runSoulCommand(const Config::Settings &settings, const QString &userId, const QString &channel, QTextStream &out,
    QTextStream &err);

} // namespace Gateway::People
