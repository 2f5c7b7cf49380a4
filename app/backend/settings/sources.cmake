set(SKYNET_BACKEND_SOURCES_SETTINGS
    backend/settings/settingscontroller.h backend/settings/settingscontroller.cpp
    backend/settings/language.h backend/settings/language.cpp
)
