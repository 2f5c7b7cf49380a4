set(SKYNET_BACKEND_SOURCES_AUDIT
    backend/audit/auditmodel.h backend/audit/auditmodel.cpp
)
