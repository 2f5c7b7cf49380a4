# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
set(SKYNET_BACKEND_SOURCES_USERS
    backend/users/jsonlistmodel.h backend/users/jsonlistmodel.cpp
    backend/users/userlistmodel.h backend/users/userlistmodel.cpp
    backend/users/identitylistmodel.h backend/users/identitylistmodel.cpp
    backend/users/memorylistmodel.h backend/users/memorylistmodel.cpp
    backend/users/userscontroller.h backend/users/userscontroller.cpp
)
# qmltyperegistrations includes the QML_ELEMENT headers by file name: let it find them (applies
# to app_backend, created after this file is included).
include_directories(${CMAKE_CURRENT_SOURCE_DIR}/backend/users)
