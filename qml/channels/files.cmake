set(SKYNET_QML_FILES_CHANNELS channels/ChannelsPage.qml channels/ChannelCard.qml channels/ActionButton.qml)
