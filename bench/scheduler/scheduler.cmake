# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# schedbench: the scheduler's lateness with 10,000 jobs due within seconds, under load (docs/scheduler.md).
# Built on request: `cmake --build build --target schedbench`, then bench/scheduler.sh.
qt_add_executable(schedbench EXCLUDE_FROM_ALL ${CMAKE_CURRENT_LIST_DIR}/schedbench.cpp)
target_link_libraries(schedbench PRIVATE skynet_common gateway)
set_target_properties(schedbench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
