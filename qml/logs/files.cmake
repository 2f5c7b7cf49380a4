set(SKYNET_QML_FILES_LOGS logs/LogsPage.qml)
