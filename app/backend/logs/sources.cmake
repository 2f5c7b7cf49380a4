set(SKYNET_BACKEND_SOURCES_LOGS
    backend/logs/logmodel.h backend/logs/logmodel.cpp
)
