# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Benchmarks: built only on request (`cmake --build build --target wsload`), run with
# bench/run.sh or `cmake --build build --target bench`. They print figures; nothing asserts them.

# Helpers the benchmark programs share (header-only): bench/support/benchsupport.h.
add_library(bench_support INTERFACE)
target_include_directories(bench_support INTERFACE ${CMAKE_CURRENT_LIST_DIR}/support)
target_link_libraries(bench_support INTERFACE Qt6::Core)

qt_add_executable(wsload EXCLUDE_FROM_ALL wsload/wsload.cpp)
target_link_libraries(wsload PRIVATE skynet_common bench_support Qt6::Core Qt6::Network Qt6::WebSockets)
set_target_properties(wsload PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
if(NOT CMAKE_BUILD_TYPE OR CMAKE_BUILD_TYPE STREQUAL "Debug")
    # A debug load client would measure itself; keep it optimised whatever the build type.
    target_compile_options(wsload PRIVATE $<$<NOT:$<CXX_COMPILER_ID:MSVC>>:-O2>)
endif()

if(TARGET skynet-gateway AND UNIX)
    add_custom_target(bench
        COMMAND ${CMAKE_COMMAND} -E env BUILD=${PROJECT_BINARY_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/run.sh
        DEPENDS skynet-gateway wsload
        USES_TERMINAL
        COMMENT "Running the gateway benchmarks (bench/run.sh)")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/overhead/overhead.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/cost/cost.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/scheduler/scheduler.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/chatload/chatload.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/soak/soak.cmake)
