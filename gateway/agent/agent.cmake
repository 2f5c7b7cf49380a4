# SPDX-License-Identifier: Apache-2.0
# The agent runtime (chat runs, transcript, tools, failover), relative to gateway/.
set(SKYNET_AGENT_SOURCES
    agent/eventbus.h
    agent/transcriptstore.h agent/transcriptstore.cpp
    agent/toolregistry.h agent/toolregistry.cpp
    agent/promptbuilder.h agent/promptbuilder.cpp
    agent/providerpool.h agent/providerpool.cpp
    agent/failoverstream.h agent/failoverstream.cpp
    agent/chatruntime.h agent/chatruntime_p.h agent/chatruntime.cpp agent/chatmethods.cpp
    agent/openaiendpoint.h agent/openaiendpoint.cpp
)
