# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# The QML module Skynet.Ui (target skynet_ui) and the GUI translations. Included from
# qml/CMakeLists.txt; app/gui.cmake declares app_backend (Skynet.Backend) and `skynet`.

set(SKYNET_UI_QML_FILES
    Main.qml
    components/StatusBadge.qml
    components/ValueText.qml
    components/StatusList.qml
    style/Theme.qml
)
# Each page area keeps its QML in qml/<area>/ (the page is <Area>Page.qml) and lists the files
# in <area>/files.cmake as SKYNET_QML_FILES_<AREA>, relative to qml/.
set(SKYNET_UI_AREAS dashboard chat providers channels users audit settings logs wizard terminal)
foreach(area IN LISTS SKYNET_UI_AREAS)
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${area}/files.cmake)
        include(${area}/files.cmake)
        string(TOUPPER ${area} upper)
        list(APPEND SKYNET_UI_QML_FILES ${SKYNET_QML_FILES_${upper}})
    endif()
endforeach()

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
file(GLOB_RECURSE SKYNET_BACKEND_TR_SOURCES CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/app/backend/*.cpp ${PROJECT_SOURCE_DIR}/app/desktop/*.cpp)
set(SKYNET_TRANSLATION_SOURCES ${SKYNET_UI_QML_FILES})
list(APPEND SKYNET_TRANSLATION_SOURCES ${PROJECT_SOURCE_DIR}/app/main.cpp ${SKYNET_BACKEND_TR_SOURCES})
qt_add_translations(skynet_ui
    TS_FILES
        ${PROJECT_SOURCE_DIR}/translations/skynet_de.ts
        ${PROJECT_SOURCE_DIR}/translations/skynet_sr_Latn.ts
    SOURCES ${SKYNET_TRANSLATION_SOURCES}
    LUPDATE_OPTIONS -no-obsolete
)
