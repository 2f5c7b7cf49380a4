# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Read by cpack once per generator, before it installs the project into its staging directory.
# It tells the install step (installer/CMakeLists.txt, the systemd unit) which prefix the files
# will finally live under, since CPack installs into a staging directory.
if(CPACK_GENERATOR STREQUAL "DEB")
    set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
    set(ENV{SKYNET_PACKAGE_PREFIX} "/usr")
elseif(CPACK_GENERATOR MATCHES "^(TGZ|TXZ|TBZ2|ZIP)$")
    # The archives hold bin/, share/ and lib/ at their top level, meant to be unpacked into
    # /usr/local (docs/packaging.md); the unit names /usr/local/bin/skynet-gateway.
    set(ENV{SKYNET_PACKAGE_PREFIX} "/usr/local")
else()
    unset(ENV{SKYNET_PACKAGE_PREFIX})
endif()
