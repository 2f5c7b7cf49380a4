# SPDX-License-Identifier: Apache-2.0
# People: users, identities and linking, per-user memory, roles and policy, the adaptive persona,
# and the audit log (relative to gateway/).
set(SKYNET_PEOPLE_SOURCES
    people/user.h people/user.cpp
    people/userstore.h people/userstore.cpp
    people/memorystore.h people/memorystore.cpp
    people/persona.h people/persona.cpp
    people/soulcommand.h people/soulcommand.cpp
    people/policy.h people/policy.cpp
    people/auditlog.h people/auditlog.cpp
    people/directory.h people/directory.cpp people/peoplemethods.cpp
)
