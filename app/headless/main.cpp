// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// skynet-gateway: the headless gateway. No Gui is linked.

#include "service/bootstrap.h"

int main(int argc, char **argv)
{
    return Gateway::runHeadless(argc, argv, /*isDesktopApp=*/false);
}
