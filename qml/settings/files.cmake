set(SKYNET_QML_FILES_SETTINGS settings/SettingsPage.qml)
