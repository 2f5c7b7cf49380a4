# SPDX-License-Identifier: Apache-2.0
# The admin terminal tool: PTY-backed jobs and sessions, approval of commands, limits and audit
# (relative to gateway/; docs/terminal.md).
set(SKYNET_TERMINAL_SOURCES
    terminal/commandcheck.h terminal/commandcheck.cpp
    terminal/ptyjob.h terminal/ptyjob.cpp
    terminal/terminalmanager.h terminal/terminalmanager.cpp terminal/terminalmethods.cpp
)
