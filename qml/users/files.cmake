set(SKYNET_QML_FILES_USERS users/UsersPage.qml users/UserDetails.qml)
