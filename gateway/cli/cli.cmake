# SPDX-License-Identifier: Apache-2.0
# The command line of skynet-gateway beyond running the gateway: users, pairing, audit, doctor,
# backup and restore (relative to gateway/). See docs/cli.md.
set(SKYNET_CLI_SOURCES
    cli/instancelock.h cli/instancelock.cpp
    cli/cli.h cli/cli.cpp
    cli/clicommon.h cli/clicommon.cpp
    cli/peoplecommands.cpp
    cli/auditcommand.cpp
    cli/backupcommands.cpp
    cli/doctor.cpp
)
