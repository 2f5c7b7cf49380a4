# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# chatload: N WebSocket clients, K of them chatting through skynet-gateway against a fake Ollama,
# optionally while a fake Telegram delivers bursts (bench/load.sh, docs/reliability.md "Load").
# It links the fakes, which exist only with BUILD_TESTING.
if(BUILD_TESTING AND TARGET fakes)
    qt_add_executable(chatload EXCLUDE_FROM_ALL ${CMAKE_CURRENT_LIST_DIR}/chatload.cpp)
    target_link_libraries(chatload PRIVATE skynet_common bench_support fakes Qt6::Core Qt6::Network Qt6::WebSockets)
    set_target_properties(chatload PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
    if(NOT CMAKE_BUILD_TYPE OR CMAKE_BUILD_TYPE STREQUAL "Debug")
        # The load client must not be the bottleneck: optimise whatever the build type.
        target_compile_options(chatload PRIVATE $<$<NOT:$<CXX_COMPILER_ID:MSVC>>:-O2>)
    endif()
endif()
