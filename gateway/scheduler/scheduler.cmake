# SPDX-License-Identifier: Apache-2.0
# The scheduler: cron expressions, jobs and firings in SQLite, the timer that fires them, the
# cron.* methods and the reminder tool (relative to gateway/).
set(SKYNET_SCHEDULER_SOURCES
    scheduler/cronexpression.h scheduler/cronexpression.cpp
    scheduler/jobstore.h scheduler/jobstore.cpp
    scheduler/scheduler.h scheduler/scheduler.cpp scheduler/schedulermethods.cpp
)
