// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// SKILL.md files (front matter in the YAML subset, then Markdown) to ManifestParser::parse().
// Checks: an accepted manifest respects the documented bounds (valid name, description length,
// list sizes, known capabilities sorted, known installers) and survives the JSON round trip
// (toJson → fromJson → toJson) unchanged; a rejected one carries INVALID_SKILL and a message.
#include "fuzzsupport.h"

#include "skills/skillmanifest.h"

#include <cstdlib>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Gateway::Skills::ManifestParser;
    using Gateway::Skills::SkillManifest;
    const auto parsed = ManifestParser::parse(FuzzSupport::bytes(data, size));
    if (!parsed) {
        if (parsed.error().code != u"INVALID_SKILL"_s || parsed.error().message.isEmpty())
            std::abort();
        return 0;
    }
    const SkillManifest &m = *parsed;
    if (!ManifestParser::isValidName(m.name) || m.description.size() > ManifestParser::MAX_DESCRIPTION)
        std::abort();
    for (const QStringList *list : { &m.triggers, &m.os, &m.arch, &m.binaries, &m.capabilities }) {
        if (list->size() > ManifestParser::MAX_LIST)
            std::abort();
    }
    if (m.packages.size() > ManifestParser::MAX_LIST || m.minRamMb < 0)
        std::abort();
    QStringList sorted = m.capabilities;
    sorted.sort();
    if (sorted != m.capabilities)
        std::abort();
    for (const QString &c : m.capabilities) {
        if (!ManifestParser::knownCapabilities().contains(c))
            std::abort();
    }
    for (auto it = m.installHints.cbegin(); it != m.installHints.cend(); ++it) {
        if (!ManifestParser::knownInstallers().contains(it.key()))
            std::abort();
    }
    const QJsonObject json = m.toJson();
    if (SkillManifest::fromJson(json).toJson() != json)
        std::abort();
    return 0;
}
