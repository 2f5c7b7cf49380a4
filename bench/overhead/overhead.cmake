# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# overhead: time to first token and relay rate through skynet-gateway versus a client talking to
# the same fake Ollama directly (bench/overhead.sh, docs/benchmarks/overhead.md). It links the
# provider fakes, which exist only with BUILD_TESTING.
if(BUILD_TESTING AND TARGET fakes)
    qt_add_executable(overhead EXCLUDE_FROM_ALL ${CMAKE_CURRENT_LIST_DIR}/overhead.cpp)
    target_link_libraries(overhead PRIVATE skynet_common bench_support fakes Qt6::Core Qt6::Network Qt6::WebSockets)
    set_target_properties(overhead PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
    if(NOT CMAKE_BUILD_TYPE OR CMAKE_BUILD_TYPE STREQUAL "Debug")
        # The client and the fake must not be the bottleneck: optimise whatever the build type.
        target_compile_options(overhead PRIVATE $<$<NOT:$<CXX_COMPILER_ID:MSVC>>:-O2>)
    endif()

    # LD_PRELOAD shim (TCP_NODELAY on accepted sockets) for `overhead --gateway-preload`.
    if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
        add_library(overhead_nodelay MODULE EXCLUDE_FROM_ALL ${CMAKE_CURRENT_LIST_DIR}/nodelaypreload.cpp)
        target_link_libraries(overhead_nodelay PRIVATE ${CMAKE_DL_LIBS})
        set_target_properties(overhead_nodelay PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
        add_dependencies(overhead overhead_nodelay)
    endif()
endif()
