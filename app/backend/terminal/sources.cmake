# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
set(SKYNET_BACKEND_SOURCES_TERMINAL
    backend/terminal/terminalrequestmodel.h backend/terminal/terminalrequestmodel.cpp
    backend/terminal/terminalcontroller.h backend/terminal/terminalcontroller.cpp
)
# qmltyperegistrations includes the QML_ELEMENT headers by file name: let it find them (applies
# to app_backend, created after this file is included).
include_directories(${CMAKE_CURRENT_SOURCE_DIR}/backend/terminal)
