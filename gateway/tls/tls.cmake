# SPDX-License-Identifier: Apache-2.0
# Transport security: the gateway port's TLS certificate (configured, or self-signed on first run)
# (relative to gateway/).
set(SKYNET_TLS_SOURCES
    tls/credentials.h tls/credentials.cpp
)
