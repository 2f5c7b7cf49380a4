# SPDX-License-Identifier: Apache-2.0
# Channels: the manager (inbound → people → agent → outbox), SQLite bookkeeping, and one class
# per platform (relative to gateway/).
set(SKYNET_CHANNEL_SOURCES
    channels/channel.h
    channels/channelstore.h channels/channelstore.cpp
    channels/channelmanager.h channels/channelmanager.cpp
    channels/telegramchannel.h channels/telegramchannel.cpp
    channels/discordchannel.h channels/discordchannel.cpp
    channels/whatsappchannel.h channels/whatsappchannel.cpp
    channels/webchat.h channels/webchat.cpp
    channels/connectiontest.h channels/connectiontest.cpp
)
