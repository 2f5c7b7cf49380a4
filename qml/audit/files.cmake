set(SKYNET_QML_FILES_AUDIT audit/AuditPage.qml)
