// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "desktoplogging.h"

Q_LOGGING_CATEGORY(lcDesktop, "skynet.app.desktop", QtInfoMsg)
