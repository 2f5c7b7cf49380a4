# SPDX-License-Identifier: Apache-2.0
# Skills: SKILL.md folders, their registry (FTS5 search, usage), the six-stage verified install
# pipeline (integrity and signature, advisories, static analysis, sandbox, requirements,
# approval) and the bubblewrap sandbox their scripts run in (relative to gateway/).
set(SKYNET_SKILL_SOURCES
    skills/skillmanifest.h skills/skillmanifest.cpp
    skills/signature.h skills/signature.cpp
    skills/advisories.h skills/advisories.cpp
    skills/scriptscanner.h skills/scriptscanner.cpp
    skills/sandbox.h skills/sandbox.cpp
    skills/requirements.h skills/requirements.cpp
    skills/skillregistry.h skills/skillregistry.cpp
    skills/skillmanager.h skills/skillmanager.cpp skills/skillmethods.cpp
)
