// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>
#include <memory>

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include "config/settings.h"
#include "core/result.h"
#include "skills/requirements.h"
#include "skills/sandbox.h"
#include "skills/scriptscanner.h"
#include "skills/skillregistry.h"

namespace Gateway::Storage
{
class Database;
}
namespace Gateway::Protocol
{
class Dispatcher;
}
namespace Gateway::Agent
{
class ToolRegistry;
}
namespace Gateway::People
{
class Directory;
}

namespace Gateway::Skills
{

/// @brief What the admin approves in skills.enable.
struct Approval
{
    QStringList capabilities; ///< must cover every capability the skill declares
    bool allowUnsigned = false; ///< the explicit override for a skill without a signature
    bool installRequirements = false; ///< run this platform's install hint (sandboxed, with network)
};

/// @brief Skills: the registry, the six-stage install pipeline, the tiered loading for the model
/// and the sandboxed runs. One per gateway.
///
/// Install (skills.install) runs stages 1-5 and leaves the skill pending; the admin's approval
/// (skills.enable) is stage 6. Every stage is written to the audit log (action "skill.<stage>").
///   1. integrity    SHA-256 of every file pinned; Ed25519 signature (SKILL.sig) over the
///                   canonical manifest checked against the trusted publisher keys
///   2. advisories   declared packages against the OSV files in the advisories folder
///   3. analysis     the documented static-analysis rules over every script
///   4. sandbox      bubblewrap must work here (scripts never run outside it)
///   5. requirements OS, arch, memory, binaries; the install hint runs only on approval
///   6. approval     the admin approves the declared capabilities (and an unsigned override)
/// The pins are checked again at every load and run and at start: a changed skill is disabled
/// until an admin approves it again (which re-runs stages 1-5 over the files as they are).
class SkillManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SkillManager)

public:
    SkillManager(const Config::Settings &settings, People::Directory *people, QObject *parent = nullptr);
    ~SkillManager() override;

    /// Opens the registry and checks every installed skill's files (changed ones are disabled).
    Status attachStorage(Storage::Database *database);
    bool isReady() const { return m_registry != nullptr; }
    SkillRegistry *registry() const { return m_registry.get(); }

    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    void setHost(HostInfo host) { m_host = std::move(host); }
    const Sandbox &sandbox() const { return m_sandbox; }
    QString skillsFolder() const { return m_folder; }

    /// Stages 1-5 for a folder or a .tar/.tar.gz/.tgz archive on this machine. On success the skill is
    /// pending; the reply lists every stage. Errors carry the code of the stage that refused.
    Result<QJsonObject> install(const QString &path, const QString &actor);
    /// Stage 6: approve and enable.
    Result<SkillRecord> enable(const QString &name, const Approval &approval, const QString &actor);
    Result<SkillRecord> disable(const QString &name, const QString &reason, const QString &actor);
    Status remove(const QString &name, const QString &actor);
    /// Re-hashes the skill's files against its pins; a mismatch disables it (audited).
    Status verify(const QString &name);
    /// verify() for every enabled skill; returns how many were disabled.
    int checkAll();

    /// Tier 1: the compact list of enabled skills for the system prompt ("" when none). Byte-stable
    /// while the set of enabled skills does not change.
    QString promptIndex() const;
    /// Tier 2: enabled skills whose trigger occurs in text, then FTS matches.
    QList<SkillRecord> match(const QString &text, int limit) const;
    /// Tier 3: the full body of an enabled skill (files checked first).
    Result<QString> load(const QString &name);
    /// Runs one of an enabled skill's scripts in the sandbox (needs the approved exec capability).
    Result<SandboxResult> run(
        const QString &name, const QString &script, const QStringList &arguments, const QString &actor);

    /// skills.list, skills.search, skills.install, skills.enable, skills.disable, skills.remove
    void registerMethods(Protocol::Dispatcher &dispatcher);
    /// skill_load, skill_run
    void registerTools(Agent::ToolRegistry &tools);

private:
    struct Checked
    {
        SkillManifest manifest;
        QList<FilePin> pins;
        bool isSigned = false;
        QString publisher;
        RequirementReport requirements;
        QJsonArray stages;
    };
    /// Stages 1-5 over a folder (audited under target name).
    Result<Checked> checkFolder(const QString &folder, const QString &actor);
    Result<QString> unpack(const QString &archive, const QString &staging);
    void record(const QString &actor, const QString &action, const QString &target, const QString &outcome,
        const QJsonObject &detail = {});
    QStringList scripts(const SkillRecord &record) const;
    qint64 now() const { return m_clock(); }

    const Config::Settings &m_settings;
    People::Directory *m_people;
    std::unique_ptr<SkillRegistry> m_registry;
    std::function<qint64()> m_clock;
    HostInfo m_host;
    Sandbox m_sandbox;
    QString m_folder;
    mutable quint64 m_indexGeneration = 0;
    mutable QString m_index;
};

} // namespace Gateway::Skills
