# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
set(SKYNET_QML_FILES_TERMINAL terminal/TerminalApprovalBanner.qml)
