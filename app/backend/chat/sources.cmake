# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# The Chat page's backend (paths relative to app/).
set(SKYNET_BACKEND_SOURCES_CHAT
    backend/chat/chatcontroller.h backend/chat/chatcontroller.cpp
    backend/chat/chatmessagesmodel.h backend/chat/chatmessagesmodel.cpp
    backend/chat/chatmodelsmodel.h backend/chat/chatmodelsmodel.cpp
    backend/chat/chatsessionsmodel.h backend/chat/chatsessionsmodel.cpp
)
# Qt 6.4's type registration includes QML_ELEMENT headers by file name only.
include_directories(${CMAKE_CURRENT_LIST_DIR})
