// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

namespace Gateway::SystemLimits
{

/// @brief Raises the open-file soft limit to the hard limit so thousands of clients can
/// connect. Returns the soft limit in force afterwards (-1 where unsupported).
long raiseOpenFileLimit();

} // namespace Gateway::SystemLimits
