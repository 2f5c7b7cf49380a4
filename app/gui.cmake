# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# The desktop app: the QML-facing backend (Skynet.Backend) and the `skynet` executable.
# Included from app/CMakeLists.txt when SKYNET_BUILD_GUI is ON. The QML module Skynet.Ui
# (target skynet_ui) and the translations are declared in qml/qml.cmake.

# QML modules live under one import root so qmllint and the engine find Skynet.Backend from
# Skynet.Ui without extra import paths.
set(SKYNET_QML_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/qml")

# Each page area keeps its C++ in app/backend/<area>/ and lists it in <area>/sources.cmake as
# SKYNET_BACKEND_SOURCES_<AREA> (paths relative to app/).
set(SKYNET_BACKEND_AREAS dashboard chat providers channels users audit settings logs desktop terminal)
set(SKYNET_BACKEND_AREA_SOURCES)
foreach(area IN LISTS SKYNET_BACKEND_AREAS)
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/backend/${area}/sources.cmake)
        include(backend/${area}/sources.cmake)
        string(TOUPPER ${area} upper)
        list(APPEND SKYNET_BACKEND_AREA_SOURCES ${SKYNET_BACKEND_SOURCES_${upper}})
    endif()
endforeach()

qt_add_library(app_backend STATIC)
qt_add_qml_module(app_backend
    URI Skynet.Backend
    VERSION 1.0
    OUTPUT_DIRECTORY "${SKYNET_QML_OUTPUT_DIRECTORY}/Skynet/Backend"
    SOURCES
        backend/gatewayhost.h backend/gatewayhost.cpp
        backend/gatewaystatus.h backend/gatewaystatus.cpp
        backend/backends.h backend/backends.cpp
        ${SKYNET_BACKEND_AREA_SOURCES}
)
target_include_directories(app_backend PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/backend)
# The generated QML type registrations include each class header by its bare file name.
foreach(area IN LISTS SKYNET_BACKEND_AREAS)
    target_include_directories(app_backend PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/backend/${area})
endforeach()
target_link_libraries(app_backend PUBLIC skynet_common gateway Qt6::Core Qt6::Gui Qt6::Qml)

qt_add_executable(skynet main.cpp)
set_target_properties(skynet PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin
    SKIP_BUILD_RPATH ON BUILD_RPATH "" INSTALL_RPATH "") # see app/CMakeLists.txt
target_link_libraries(skynet PRIVATE
    skynet_common gateway
    app_backend app_backendplugin
    skynet_ui skynet_uiplugin
    Qt6::Gui Qt6::Qml Qt6::Quick Qt6::QuickControls2)
# The tray (QSystemTrayIcon, QMenu) needs QtWidgets: linked into the executable only, never into
# app_backend or the gateway (docs/desktop/desktop-integration.md has the memory cost).
find_package(Qt6 REQUIRED COMPONENTS Widgets)
target_sources(skynet PRIVATE ${SKYNET_APP_SOURCES_DESKTOP})
target_link_libraries(skynet PRIVATE Qt6::Widgets)
# The app icon (resources/icons), also compiled in as :/icons/<app id>.svg for the window and the
# tray (rendered by Qt's SVG plugins, libqt6svg6 on Debian).
qt_add_resources(skynet skynet_icons
    PREFIX /icons
    BASE "${PROJECT_SOURCE_DIR}/resources/icons"
    FILES "${PROJECT_SOURCE_DIR}/resources/icons/${SKYNET_APP_ID}.svg")
# A windowed app on Windows (no console), a bundle on macOS (installer/ runs the deploy tools).
set_target_properties(skynet PROPERTIES
    WIN32_EXECUTABLE ON
    MACOSX_BUNDLE ON
    MACOSX_BUNDLE_GUI_IDENTIFIER "${SKYNET_APP_ID}"
    MACOSX_BUNDLE_BUNDLE_NAME "Skynet"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_COPYRIGHT "2026 The Skynet developers")
if(APPLE)
    set_target_properties(skynet PROPERTIES OUTPUT_NAME "Skynet") # Skynet.app
endif()
install(TARGETS skynet
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    BUNDLE DESTINATION .)
