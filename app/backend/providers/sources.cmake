# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Providers & Models page and the first-run wizard (relative to app/).
set(SKYNET_BACKEND_SOURCES_PROVIDERS
    backend/providers/machineinfo.h backend/providers/machineinfo.cpp
    backend/providers/ollamamodelsmodel.h backend/providers/ollamamodelsmodel.cpp
    backend/providers/ollamacontroller.h backend/providers/ollamacontroller.cpp
    backend/providers/providerentry.h backend/providers/providerentry.cpp
    backend/providers/providerscontroller.h backend/providers/providerscontroller.cpp
    backend/providers/wizardcontroller.h backend/providers/wizardcontroller.cpp
)
# Qt 6.4's type registration includes QML_ELEMENT headers by file name only.
include_directories(${CMAKE_CURRENT_LIST_DIR})
