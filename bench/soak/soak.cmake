# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# soakdriver: the steady workload and the sampler of the soak (bench/soak.sh, docs/reliability.md).
# Built on request: `cmake --build build --target soakdriver skynet-gateway fake-provider`.
qt_add_executable(soakdriver EXCLUDE_FROM_ALL ${CMAKE_CURRENT_LIST_DIR}/soakdriver.cpp)
target_link_libraries(soakdriver PRIVATE skynet_common bench_support Qt6::Core Qt6::Network Qt6::WebSockets Qt6::Sql)
set_target_properties(soakdriver PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
