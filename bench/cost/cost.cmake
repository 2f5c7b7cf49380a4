# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# costbench: what prompt caching and model routing save, measured against the billing-faithful
# Anthropic fake (docs/benchmarks/cost.md). Built on request only:
# `cmake --build build --target costbench`, then bench/cost.sh. It links the test fakes and
# tests/support, so it exists only with BUILD_TESTING.

if(BUILD_TESTING AND TARGET test_support AND TARGET fakes)
    qt_add_executable(costbench EXCLUDE_FROM_ALL ${CMAKE_CURRENT_LIST_DIR}/costbench.cpp)
    target_link_libraries(costbench PRIVATE skynet_common test_support fakes Qt6::Sql)
    target_compile_definitions(costbench PRIVATE SKYNET_COST_SOUL="${CMAKE_CURRENT_LIST_DIR}/SOUL.md")
    set_target_properties(costbench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
endif()
