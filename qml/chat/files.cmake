set(SKYNET_QML_FILES_CHAT
    chat/ChatPage.qml
    chat/ChatMessageDelegate.qml
    chat/ChatSessionDelegate.qml
)
