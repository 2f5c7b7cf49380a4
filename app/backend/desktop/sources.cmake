# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Desktop integration (paths relative to app/). The first list goes into app_backend (Skynet.Backend,
# no QtWidgets); the tray needs QtWidgets and is compiled into the `skynet` executable only.
set(SKYNET_BACKEND_SOURCES_DESKTOP
    backend/desktop/autostart.h backend/desktop/autostart.cpp
    backend/desktop/desktopintegration.h backend/desktop/desktopintegration.cpp
    backend/desktop/desktoplogging.h backend/desktop/desktoplogging.cpp
    backend/desktop/notifier.h backend/desktop/notifier.cpp
    backend/desktop/singleinstance.h backend/desktop/singleinstance.cpp
)
set(SKYNET_APP_SOURCES_DESKTOP
    backend/desktop/systemtray.h backend/desktop/systemtray.cpp
)
# Qt 6.4's generated QML type registrations include headers by file name only.
include_directories(${CMAKE_CURRENT_LIST_DIR})
