// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "service/systemlimits.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif

namespace Gateway::SystemLimits
{

long raiseOpenFileLimit()
{
#if defined(Q_OS_UNIX)
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        struct rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
#if defined(Q_OS_MACOS)
        // macOS refuses RLIM_INFINITY here; OPEN_MAX is its real ceiling.
        if (raised.rlim_cur > 10240)
            raised.rlim_cur = 10240;
#endif
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return long(limit.rlim_cur);
#else
    return -1;
#endif
}

} // namespace Gateway::SystemLimits
