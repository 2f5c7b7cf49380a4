// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "terminal/terminalrequestmodel.h"

using namespace Qt::StringLiterals;

TerminalRequestModel::TerminalRequestModel(QObject *parent)
    : JsonListModel(
        {
            { RequestIdRole, "requestId", u"id"_s },
            { CommandRole, "command", u"command"_s },
            { WorkingDirectoryRole, "workingDirectory", u"cwd"_s },
            { InteractiveRole, "interactive", u"interactive"_s },
            { RequesterNameRole, "requesterName", u"requesterName"_s },
            { ViaRole, "via", u"via"_s },
            { ExpiresAtRole, "expiresAt", u"expiresAtMs"_s },
            { ReasonsRole, "reasons", u"reasons"_s },
        },
        u"id"_s, parent)
{
}
