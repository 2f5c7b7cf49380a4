set(SKYNET_BACKEND_SOURCES_DASHBOARD
    backend/dashboard/statuslistmodel.h backend/dashboard/statuslistmodel.cpp
    backend/dashboard/dashboardcontroller.h backend/dashboard/dashboardcontroller.cpp
)
