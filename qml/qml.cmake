# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# The QML module Skynet.Ui (target skynet_ui) and the GUI translations. Included from
# qml/CMakeLists.txt; app/gui.cmake declares app_backend (Skynet.Backend) and `skynet`.

set(SKYNET_UI_QML_FILES
    Main.qml
    components/StatusBadge.qml
    components/ValueText.qml
    pages/StatusPage.qml
    style/Theme.qml
)

# Must be set before qt_add_qml_module reads the files.
set_source_files_properties(style/Theme.qml PROPERTIES QT_QML_SINGLETON_TYPE TRUE)

qt_add_library(skynet_ui STATIC)
qt_add_qml_module(skynet_ui
    URI Skynet.Ui
    VERSION 1.0
    OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/qml/Skynet/Ui"
    IMPORTS Skynet.Backend
    QML_FILES ${SKYNET_UI_QML_FILES}
)
target_link_libraries(skynet_ui PUBLIC skynet_common app_backend Qt6::Quick Qt6::QuickControls2)

# The .qm files are compiled into skynet_ui as :/i18n/skynet_<lang>.qm, so the executable and
# the UI tests get them. `update_translations` refreshes the .ts files from all GUI sources.
set(SKYNET_TRANSLATION_SOURCES ${SKYNET_UI_QML_FILES})
list(APPEND SKYNET_TRANSLATION_SOURCES
    ${PROJECT_SOURCE_DIR}/app/main.cpp
    ${PROJECT_SOURCE_DIR}/app/backend/gatewaystatus.cpp
)
qt_add_translations(skynet_ui
    TS_FILES
        ${PROJECT_SOURCE_DIR}/translations/skynet_de.ts
        ${PROJECT_SOURCE_DIR}/translations/skynet_sr_Latn.ts
    SOURCES ${SKYNET_TRANSLATION_SOURCES}
    LUPDATE_OPTIONS -no-obsolete
)
