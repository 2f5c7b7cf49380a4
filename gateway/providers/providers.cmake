# SPDX-License-Identifier: Apache-2.0
# Model-provider clients (Ollama, Anthropic Messages, OpenAI-compatible), relative to gateway/.
set(SKYNET_PROVIDER_SOURCES
    providers/provider.h
    providers/providerconfig.h
    providers/providererror.h providers/providererror.cpp
    providers/ndjsonparser.h providers/ndjsonparser.cpp
    providers/sseparser.h providers/sseparser.cpp
    providers/httpexchange.h providers/httpexchange.cpp
    providers/jsonrequest.h providers/jsonrequest.cpp
    providers/httpchatstream.h providers/httpchatstream.cpp
    providers/pulljob.h providers/pulljob.cpp
    providers/ollamaprovider.h providers/ollamaprovider.cpp
    providers/anthropicprovider.h providers/anthropicprovider.cpp
    providers/openaiprovider.h providers/openaiprovider.cpp
    providers/providerfactory.h providers/providerfactory.cpp
)
