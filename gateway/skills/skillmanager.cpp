// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "skills/skillmanager.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

#include "logging.h"
#include "people/directory.h"
#include "skills/advisories.h"
#include "skills/signature.h"
#include "storage/database.h"

using namespace Qt::StringLiterals;

namespace Gateway::Skills
{

namespace
{

constexpr qint64 MAX_ARCHIVE_BYTES = 32 * 1024 * 1024;
constexpr int MAX_ARGS = 32;
constexpr int MAX_ARG_LENGTH = 1024;
constexpr int INDEX_WORDS = 4;
constexpr int INDEX_MAX_CHARS = 600;

QJsonObject stage(const QString &name, bool ok, const QJsonObject &detail = {})
{
    QJsonObject o = detail;
    o.insert(u"stage"_s, name);
    o.insert(u"ok"_s, ok);
    return o;
}

bool isInside(const QString &path, const QString &folder)
{
    const QString p = QDir::cleanPath(path);
    const QString f = QDir::cleanPath(folder);
    return p.startsWith(f + u'/');
}

QByteArray readHead(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(256) : QByteArray();
}

QString fewWords(const QString &text, int count)
{
    QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    QString out = words.mid(0, count).join(u' ');
    while (!out.isEmpty() && (out.endsWith(u'.') || out.endsWith(u',') || out.endsWith(u';') || out.endsWith(u':')))
        out.chop(1);
    return out;
}

} // namespace

SkillManager::SkillManager(const Config::Settings &settings, People::Directory *people, QObject *parent)
    : QObject(parent),
      m_settings(settings),
      m_people(people),
      m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }),
      m_host(HostInfo::current()),
      m_sandbox(SandboxLimits { settings.skills.runTimeoutMs, qint64(settings.skills.memoryMb) * 1024 * 1024,
          qint64(settings.skills.maxOutputKb) * 1024, 64LL * 1024 * 1024 }),
      m_folder(QDir::cleanPath(settings.resolvePath(settings.skills.folder)))
{
}

SkillManager::~SkillManager() = default;

Status SkillManager::attachStorage(Storage::Database *database)
{
    m_registry = std::make_unique<SkillRegistry>(database);
    const int disabled = checkAll();
    if (disabled > 0)
        qCWarning(lcGatewaySkills) << disabled << "skill(s) disabled at start: their files changed since approval";
    return {};
}

void SkillManager::record(const QString &actor, const QString &action, const QString &target, const QString &outcome,
    const QJsonObject &detail)
{
    if (m_people)
        m_people->record(actor, action, target, outcome, detail);
}

Result<QString> SkillManager::unpack(const QString &archive, const QString &staging)
{
    const QFileInfo info(archive);
    if (info.size() > MAX_ARCHIVE_BYTES)
        return Error { u"INVALID_SKILL"_s, u"the archive is larger than %1 bytes"_s.arg(MAX_ARCHIVE_BYTES) };
    const auto tar = [](const QStringList &args, QByteArray *out) {
        QProcess p;
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(u"tar"_s, args);
        if (!p.waitForStarted(5000))
            return false;
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished(1000);
            return false;
        }
        if (out)
            *out = p.readAllStandardOutput().left(4 * 1024 * 1024);
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    };
    // Only plain files and folders with relative names that stay inside: no links, devices,
    // absolute paths or "..".
    QByteArray verbose;
    QByteArray names;
    if (!tar({ u"-tvf"_s, archive }, &verbose) || !tar({ u"-tf"_s, archive }, &names))
        return Error { u"INVALID_SKILL"_s, u"not a readable tar archive"_s };
    const QList<QByteArray> typeLines = verbose.split('\n');
    const QList<QByteArray> nameLines = names.split('\n');
    if (nameLines.size() > Signature::MAX_FILES * 2)
        return Error { u"INVALID_SKILL"_s, u"the archive has too many entries"_s };
    for (const QByteArray &line : typeLines) {
        if (!line.isEmpty() && line.at(0) != '-' && line.at(0) != 'd')
            return Error { u"INVALID_SKILL"_s, u"the archive holds links or special files"_s };
    }
    for (const QByteArray &line : nameLines) {
        const QString name = QString::fromUtf8(line);
        if (name.isEmpty())
            continue;
        if (name.startsWith(u'/') || name.split(u'/').contains(u".."_s))
            return Error { u"INVALID_SKILL"_s, u"the archive has a path outside its folder"_s };
    }
    if (!QDir().mkpath(staging))
        return Error { u"STORAGE_ERROR"_s, u"cannot create a staging folder"_s };
    if (!tar({ u"-xf"_s, archive, u"-C"_s, staging, u"--no-same-owner"_s, u"--no-same-permissions"_s }, nullptr))
        return Error { u"INVALID_SKILL"_s, u"the archive could not be unpacked"_s };
    if (QFileInfo(staging + u"/SKILL.md"_s).isFile())
        return staging;
    const QStringList dirs = QDir(staging).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (dirs.size() == 1 && QFileInfo(staging + u'/' + dirs.first() + u"/SKILL.md"_s).isFile())
        return QString(staging + u'/' + dirs.first());
    return Error { u"INVALID_SKILL"_s, u"the archive has no SKILL.md at its top"_s };
}

Result<SkillManager::Checked> SkillManager::checkFolder(const QString &folder, const QString &actor)
{
    Checked checked;
    QFile file(folder + u"/SKILL.md"_s);
    if (!file.open(QIODevice::ReadOnly) || file.size() > ManifestParser::MAX_FILE_BYTES) {
        const Error e { u"INVALID_SKILL"_s,
            u"the folder has no readable SKILL.md (of at most %1 bytes)"_s.arg(ManifestParser::MAX_FILE_BYTES) };
        record(actor, u"skill.install"_s, QString(), u"failed"_s,
            { { u"stage"_s, u"manifest"_s }, { u"error"_s, e.code } });
        return e;
    }
    Result<SkillManifest> manifest = ManifestParser::parse(file.read(ManifestParser::MAX_FILE_BYTES + 1));
    if (!manifest) {
        record(actor, u"skill.install"_s, QString(), u"failed"_s,
            { { u"stage"_s, u"manifest"_s }, { u"error"_s, manifest.error().message.left(200) } });
        return manifest.error();
    }
    checked.manifest = *manifest;
    const QString name = manifest->name;

    // Stage 1: integrity and signature.
    Result<QList<FilePin>> pins = Signature::pinFolder(folder);
    if (!pins) {
        record(actor, u"skill.integrity"_s, name, u"failed"_s, { { u"error"_s, pins.error().message.left(200) } });
        return pins.error();
    }
    checked.pins = *pins;
    const QString sigPath = folder + u'/' + Signature::SIGNATURE_FILE.toString();
    if (QFileInfo::exists(sigPath)) {
        QFile sigFile(sigPath);
        QByteArray signature;
        if (sigFile.open(QIODevice::ReadOnly) && sigFile.size() <= 1024) {
            const auto decoded
                = QByteArray::fromBase64Encoding(sigFile.readAll().trimmed(), QByteArray::AbortOnBase64DecodingErrors);
            if (decoded)
                signature = decoded.decoded;
        }
        QStringList warnings;
        const QList<PublisherKey> keys = Signature::loadKeys(
            m_settings.skills.trustedKeys, m_settings.resolvePath(m_settings.skills.trustedKeysDir), &warnings);
        for (const QString &w : std::as_const(warnings))
            qCWarning(lcGatewaySkills).noquote() << w;
        const QByteArray canonical = Signature::canonicalManifest(checked.pins);
        for (const PublisherKey &key : keys) {
            if (Signature::verify(key.raw, canonical, signature)) {
                checked.isSigned = true;
                checked.publisher = key.fingerprint();
                break;
            }
        }
        if (!checked.isSigned) {
            record(actor, u"skill.integrity"_s, name, u"failed"_s,
                { { u"files"_s, int(checked.pins.size()) }, { u"error"_s, u"BAD_SIGNATURE"_s },
                    { u"trustedKeys"_s, int(keys.size()) } });
            return Error { u"BAD_SIGNATURE"_s,
                u"the signature of %1 does not verify with any trusted publisher key (%2 configured)"_s.arg(name).arg(
                    keys.size()) };
        }
    }
    const QJsonObject integrity { { u"files"_s, int(checked.pins.size()) }, { u"signed"_s, checked.isSigned },
        { u"publisher"_s, checked.publisher } };
    record(actor, u"skill.integrity"_s, name, u"ok"_s, integrity);
    checked.stages.append(stage(u"integrity"_s, true, integrity));

    // Stage 2: known-vulnerable dependencies.
    AdvisoryDatabase advisories;
    advisories.loadFolder(m_settings.resolvePath(m_settings.skills.advisories));
    const QList<AdvisoryMatch> matches = advisories.check(checked.manifest.packages);
    if (!matches.isEmpty()) {
        QJsonArray ids;
        QStringList lines;
        for (const AdvisoryMatch &m : matches) {
            ids.append(m.id);
            lines.append(u"%1 (%2 %3 %4)"_s.arg(m.id, m.package.ecosystem, m.package.name, m.package.version));
        }
        record(actor, u"skill.advisories"_s, name, u"failed"_s, { { u"advisories"_s, ids } });
        return Error { u"VULNERABLE_DEPENDENCY"_s,
            u"%1 declares packages with known vulnerabilities: %2"_s.arg(name, lines.mid(0, 10).join(u", "_s)) };
    }
    const QJsonObject advisoryDetail { { u"packages"_s, int(checked.manifest.packages.size()) },
        { u"advisories"_s, advisories.size() } };
    record(actor, u"skill.advisories"_s, name, u"ok"_s, advisoryDetail);
    checked.stages.append(stage(u"advisories"_s, true, advisoryDetail));

    // Stage 3: static analysis of every script and of the install hints.
    QList<Finding> findings;
    int scriptCount = 0;
    for (const FilePin &pin : std::as_const(checked.pins)) {
        const QString path = folder + u'/' + pin.path;
        if (!ScriptScanner::isScript(pin.path, readHead(path)))
            continue;
        ++scriptCount;
        QFile script(path);
        if (!script.open(QIODevice::ReadOnly))
            continue;
        findings += ScriptScanner::scan(pin.path, QString::fromUtf8(script.readAll()), checked.manifest.capabilities);
    }
    QStringList withNetwork = checked.manifest.capabilities;
    withNetwork.append(u"network"_s); // install hints run with the network, after approval
    for (auto it = checked.manifest.installHints.cbegin(); it != checked.manifest.installHints.cend(); ++it)
        findings += ScriptScanner::scan(u"SKILL.md install."_s + it.key(), it.value(), withNetwork);
    if (!findings.isEmpty()) {
        QJsonArray hits;
        QStringList lines;
        for (const Finding &f : std::as_const(findings)) {
            if (hits.size() < 20)
                hits.append(QJsonObject { { u"rule"_s, f.rule }, { u"file"_s, f.file }, { u"line"_s, f.line } });
            lines.append(u"%1 at %2:%3"_s.arg(f.rule, f.file).arg(f.line));
        }
        record(actor, u"skill.analysis"_s, name, u"failed"_s, { { u"findings"_s, hits } });
        return Error { u"UNSAFE_SCRIPT"_s,
            u"the static analysis refused %1: %2"_s.arg(name, lines.mid(0, 10).join(u"; "_s)) };
    }
    const QJsonObject analysis { { u"scripts"_s, scriptCount }, { u"rules"_s, int(ScriptScanner::rules().size()) } };
    record(actor, u"skill.analysis"_s, name, u"ok"_s, analysis);
    checked.stages.append(stage(u"analysis"_s, true, analysis));

    // Stage 4: the sandbox its scripts will run in.
    QString reason;
    const bool sandboxOk = Sandbox::isAvailable(&reason);
    const QJsonObject sandboxDetail { { u"available"_s, sandboxOk }, { u"reason"_s, reason.left(200) },
        { u"scripts"_s, scriptCount } };
    record(actor, u"skill.sandbox"_s, name, sandboxOk ? u"ok"_s : u"failed"_s, sandboxDetail);
    checked.stages.append(stage(u"sandbox"_s, sandboxOk, sandboxDetail));

    // Stage 5: requirements.
    checked.requirements = RequirementCheck::check(checked.manifest, m_host);
    record(actor, u"skill.requirements"_s, name, checked.requirements.ok() ? u"ok"_s : u"failed"_s,
        { { u"missingBinaries"_s, QJsonArray::fromStringList(checked.requirements.missingBinaries) },
            { u"problems"_s, int(checked.requirements.problems.size()) },
            { u"installer"_s, checked.requirements.installer } });
    checked.stages.append(stage(u"requirements"_s, checked.requirements.ok(), checked.requirements.toJson()));
    return checked;
}

Result<QJsonObject> SkillManager::install(const QString &path, const QString &actor)
{
    if (!m_registry)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    if (!m_settings.skills.enabled)
        return Error { u"SKILLS_DISABLED"_s, u"skills are turned off ([skills] enabled = false)"_s };
    const QFileInfo source(path);
    if (path.isEmpty() || !source.isAbsolute() || !source.exists())
        return Error { u"INVALID_REQUEST"_s,
            u"path must be an absolute path to a skill folder or archive on this machine"_s };
    if (!QDir().mkpath(m_folder))
        return Error { u"STORAGE_ERROR"_s, u"cannot create the skills folder"_s };

    QString staging;
    QString root = QDir::cleanPath(source.absoluteFilePath());
    if (source.isFile()) {
        const QString lower = source.fileName().toLower();
        if (!lower.endsWith(u".tar"_s) && !lower.endsWith(u".tar.gz"_s) && !lower.endsWith(u".tgz"_s))
            return Error { u"INVALID_REQUEST"_s, u"an archive must be .tar, .tar.gz or .tgz"_s };
        staging = m_folder + u"/.staging-"_s + QUuid::createUuid().toString(QUuid::Id128);
        Result<QString> unpacked = unpack(source.absoluteFilePath(), staging);
        if (!unpacked) {
            QDir(staging).removeRecursively();
            record(actor, u"skill.install"_s, QString(), u"failed"_s,
                { { u"stage"_s, u"unpack"_s }, { u"error"_s, unpacked.error().message.left(200) } });
            return unpacked.error();
        }
        root = *unpacked;
    }
    const auto cleanup = qScopeGuard([&] {
        if (!staging.isEmpty())
            QDir(staging).removeRecursively();
    });

    Result<Checked> checked = checkFolder(root, actor);
    if (!checked)
        return checked.error();
    const QString name = checked->manifest.name;
    const QString destination = m_folder + u'/' + name;

    if (QDir::cleanPath(root) != destination) {
        // Replace the installed files (the data folder stays), copy only what was pinned.
        QDir dest(destination);
        if (dest.exists()) {
            for (const QString &entry : dest.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
                if (entry == Signature::DATA_FOLDER)
                    continue;
                const QFileInfo info(dest.filePath(entry));
                const bool removed = info.isDir() && !info.isSymLink() ? QDir(info.filePath()).removeRecursively()
                                                                       : QFile::remove(info.filePath());
                if (!removed)
                    return Error { u"STORAGE_ERROR"_s, u"cannot replace the installed files of "_s + name };
            }
        }
        for (const FilePin &pin : std::as_const(checked->pins)) {
            const QString target = destination + u'/' + pin.path;
            if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(root + u'/' + pin.path, target))
                return Error { u"STORAGE_ERROR"_s, u"cannot copy %1 into the skills folder"_s.arg(pin.path.left(128)) };
            QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup);
        }
        // The copy must be exactly what was checked.
        Result<QList<FilePin>> copied = Signature::pinFolder(destination);
        if (!copied || Signature::canonicalManifest(*copied) != Signature::canonicalManifest(checked->pins)) {
            record(actor, u"skill.integrity"_s, name, u"failed"_s, { { u"error"_s, u"CHANGED_DURING_INSTALL"_s } });
            return Error { u"TAMPERED"_s, u"the files of %1 changed while it was installed"_s.arg(name) };
        }
    }

    QStringList reasons { u"awaiting an admin's approval (skills.enable)"_s };
    if (!checked->isSigned)
        reasons.append(u"unsigned: the approval needs allowUnsigned"_s);
    if (!checked->requirements.ok())
        reasons.append(checked->requirements.problems.join(u"; "_s));
    SkillRecord r;
    r.manifest = checked->manifest;
    r.folder = destination;
    r.state = u"pending"_s;
    r.reason = reasons.join(u"; "_s);
    r.isSigned = checked->isSigned;
    r.publisher = checked->publisher;
    r.requirements = checked->requirements.toJson();
    Result<SkillRecord> saved = m_registry->save(r, checked->pins, now());
    if (!saved)
        return saved.error();
    record(actor, u"skill.install"_s, name, u"ok"_s,
        { { u"version"_s, r.manifest.version }, { u"files"_s, int(checked->pins.size()) }, { u"signed"_s, r.isSigned },
            { u"state"_s, r.state } });
    return QJsonObject { { u"skill"_s, saved->toJson(true) }, { u"stages"_s, checked->stages } };
}

Result<SkillRecord> SkillManager::enable(const QString &name, const Approval &approval, const QString &actor)
{
    if (!m_registry)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    const std::optional<SkillRecord> existing = m_registry->get(name);
    if (!existing)
        return Error { u"NOT_FOUND"_s, u"no skill named "_s + name.left(64) };
    // The approval covers the files as they are now: stages 1-5 run again over them.
    Result<Checked> checked = checkFolder(existing->folder, actor);
    if (!checked)
        return checked.error();
    if (checked->manifest.name != name)
        return Error { u"INVALID_SKILL"_s, u"the skill's SKILL.md now names another skill"_s };
    const auto deny = [&](const QString &code, const QString &message, const QJsonObject &detail) -> Error {
        QJsonObject d = detail;
        d.insert(u"error"_s, code);
        record(actor, u"skill.approval"_s, name, u"denied"_s, d);
        return Error { code, message };
    };
    if (!checked->isSigned && !approval.allowUnsigned)
        return deny(u"UNSIGNED"_s,
            u"%1 is not signed by a trusted publisher; approve it with allowUnsigned: true to use it anyway"_s.arg(
                name),
            {});
    QStringList missing;
    for (const QString &cap : std::as_const(checked->manifest.capabilities)) {
        if (!approval.capabilities.contains(cap))
            missing.append(cap);
    }
    if (!missing.isEmpty())
        return deny(u"CAPABILITIES_NOT_APPROVED"_s,
            u"%1 declares capabilities that were not approved: %2"_s.arg(name, missing.join(u", "_s)),
            { { u"missing"_s, QJsonArray::fromStringList(missing) } });

    RequirementReport requirements = checked->requirements;
    if (!requirements.ok() && approval.installRequirements && !requirements.installCommand.isEmpty()) {
        // The hint runs only now (approved), inside the sandbox, with the network.
        SandboxRequest request;
        request.folder = existing->folder;
        request.dataFolder = existing->folder + u'/' + Signature::DATA_FOLDER;
        request.command = { u"sh"_s, u"-c"_s, requirements.installCommand };
        request.network = true;
        request.hiddenPaths = { m_settings.home, m_folder };
        Result<SandboxResult> ran = m_sandbox.run(request);
        const bool ok = ran && ran->exitCode == 0;
        record(actor, u"skill.requirements.install"_s, name, ok ? u"ok"_s : u"failed"_s,
            { { u"installer"_s, requirements.installer }, { u"exitCode"_s, ran ? ran->exitCode : -1 } });
        requirements = RequirementCheck::check(checked->manifest, m_host);
    }
    if (!requirements.ok())
        return deny(u"REQUIREMENTS_NOT_MET"_s,
            u"%1 cannot run here: %2"_s.arg(name, requirements.problems.join(u"; "_s)),
            { { u"missingBinaries"_s, QJsonArray::fromStringList(requirements.missingBinaries) } });
    bool hasScripts = false;
    for (const FilePin &pin : std::as_const(checked->pins))
        hasScripts = hasScripts || ScriptScanner::isScript(pin.path, readHead(existing->folder + u'/' + pin.path));
    QString sandboxReason;
    if (hasScripts && !Sandbox::isAvailable(&sandboxReason))
        return deny(u"SANDBOX_UNAVAILABLE"_s,
            u"%1 has scripts and the sandbox is not available: %2"_s.arg(name, sandboxReason), {});

    SkillRecord r = *existing;
    r.manifest = checked->manifest;
    r.isSigned = checked->isSigned;
    r.publisher = checked->publisher;
    r.requirements = requirements.toJson();
    r.state = u"enabled"_s;
    r.reason.clear();
    r.approvedCapabilities = checked->manifest.capabilities;
    r.approvedAt = now();
    r.approvedBy = actor;
    Result<SkillRecord> saved = m_registry->save(r, checked->pins, now());
    if (!saved)
        return saved.error();
    record(actor, u"skill.approval"_s, name, u"ok"_s,
        { { u"capabilities"_s, QJsonArray::fromStringList(r.approvedCapabilities) }, { u"signed"_s, r.isSigned },
            { u"publisher"_s, r.publisher }, { u"unsignedOverride"_s, !r.isSigned } });
    return *saved;
}

Result<SkillRecord> SkillManager::disable(const QString &name, const QString &reason, const QString &actor)
{
    if (!m_registry)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    if (Status s
        = m_registry->setState(name, u"disabled"_s, reason.isEmpty() ? u"disabled by an admin"_s : reason, now());
        !s)
        return s.error();
    record(actor, u"skill.disable"_s, name, u"ok"_s);
    return *m_registry->get(name);
}

Status SkillManager::remove(const QString &name, const QString &actor)
{
    if (!m_registry)
        return Error { u"UNAVAILABLE"_s, u"storage is not ready yet"_s };
    const std::optional<SkillRecord> existing = m_registry->get(name);
    if (!existing)
        return Error { u"NOT_FOUND"_s, u"no skill named "_s + name.left(64) };
    if (Status s = m_registry->remove(name); !s)
        return s;
    // Only ever a folder inside the skills folder, named after the skill.
    if (isInside(existing->folder, m_folder) && QFileInfo(existing->folder).fileName() == name)
        QDir(existing->folder).removeRecursively();
    record(actor, u"skill.remove"_s, name, u"ok"_s);
    return {};
}

Status SkillManager::verify(const QString &name)
{
    const std::optional<SkillRecord> r = m_registry ? m_registry->get(name) : std::nullopt;
    if (!r)
        return Error { u"NOT_FOUND"_s, u"no skill named "_s + name.left(64) };
    const QList<FilePin> pinned = m_registry->pins(name);
    Result<QList<FilePin>> current = Signature::pinFolder(r->folder);
    QStringList changed;
    if (!current) {
        changed.append(u"(unreadable)"_s);
    } else {
        QHash<QString, QString> now;
        for (const FilePin &pin : *current)
            now.insert(pin.path, pin.sha256);
        for (const FilePin &pin : pinned) {
            if (now.value(pin.path) != pin.sha256)
                changed.append(pin.path);
            now.remove(pin.path);
        }
        for (auto it = now.cbegin(); it != now.cend(); ++it)
            changed.append(it.key());
    }
    if (changed.isEmpty())
        return {};
    changed.sort();
    if (r->state != u"disabled") {
        (void)m_registry->setState(
            name, u"disabled"_s, u"files changed since approval; approve it again"_s, this->now());
        record(u"system"_s, u"skill.tampered"_s, name, u"failed"_s,
            { { u"files"_s, QJsonArray::fromStringList(changed.mid(0, 10)) }, { u"count"_s, int(changed.size()) } });
        qCWarning(lcGatewaySkills).noquote()
            << "skill" << name << "disabled: files changed:" << changed.mid(0, 5).join(u", "_s);
    }
    return Error { u"TAMPERED"_s,
        u"the files of %1 changed since it was approved; it is disabled until an admin approves it again"_s.arg(name) };
}

int SkillManager::checkAll()
{
    int disabled = 0;
    if (!m_registry)
        return 0;
    for (const SkillRecord &r : m_registry->list(true)) {
        if (!verify(r.name()))
            ++disabled;
    }
    return disabled;
}

QString SkillManager::promptIndex() const
{
    if (!m_registry || !m_settings.skills.enabled)
        return {};
    if (m_indexGeneration == m_registry->generation())
        return m_index;
    const QList<SkillRecord> enabled = m_registry->list(true);
    QString index;
    if (!enabled.isEmpty()) {
        QStringList entries;
        int length = 0;
        int shown = 0;
        for (const SkillRecord &r : enabled) {
            const QString entry = r.name() + u": "_s + fewWords(r.manifest.description, INDEX_WORDS);
            if (length + entry.size() > INDEX_MAX_CHARS)
                break;
            entries.append(entry);
            length += entry.size() + 2;
            ++shown;
        }
        index = u"Skills (skill_load NAME for instructions): "_s + entries.join(u"; "_s);
        if (shown < enabled.size())
            index += u"; +%1 more (skill_load with a query)"_s.arg(enabled.size() - shown);
        index += u'.';
    }
    m_index = index;
    m_indexGeneration = m_registry->generation();
    return m_index;
}

QList<SkillRecord> SkillManager::match(const QString &text, int limit) const
{
    QList<SkillRecord> result;
    if (!m_registry)
        return result;
    const QString lower = text.toLower();
    QSet<QString> seen;
    for (const SkillRecord &r : m_registry->list(true)) {
        for (const QString &trigger : r.manifest.triggers) {
            const QRegularExpression re(u"\\b"_s + QRegularExpression::escape(trigger) + u"\\b"_s);
            if (re.match(lower).hasMatch()) {
                result.append(r);
                seen.insert(r.name());
                break;
            }
        }
        if (result.size() >= limit)
            return result;
    }
    for (const SkillRecord &r : m_registry->search(text, limit, true)) {
        if (result.size() >= limit)
            break;
        if (!seen.contains(r.name()))
            result.append(r);
    }
    return result;
}

Result<QString> SkillManager::load(const QString &name)
{
    if (!m_settings.skills.enabled)
        return Error { u"SKILLS_DISABLED"_s, u"skills are turned off ([skills] enabled = false)"_s };
    const std::optional<SkillRecord> r = m_registry ? m_registry->get(name) : std::nullopt;
    if (!r || !r->isEnabled())
        return Error { u"NOT_ENABLED"_s, u"no enabled skill named "_s + name.left(64) };
    if (Status s = verify(name); !s)
        return s.error();
    m_registry->recordUse(name, u"load"_s, now());
    QString text = u"# Skill %1 %2\n%3\n\n"_s.arg(r->name(), r->manifest.version, r->manifest.description);
    if (!r->approvedCapabilities.isEmpty())
        text += u"Approved capabilities: %1.\n"_s.arg(r->approvedCapabilities.join(u", "_s));
    const QStringList runnable = scripts(*r);
    if (!runnable.isEmpty() && r->approvedCapabilities.contains(u"exec"_s))
        text += u"Scripts (run with skill_run): %1.\n"_s.arg(runnable.join(u", "_s));
    return QString(text + u'\n' + r->manifest.body);
}

QStringList SkillManager::scripts(const SkillRecord &record) const
{
    QStringList result;
    for (const FilePin &pin : m_registry->pins(record.name())) {
        const QByteArray head = readHead(record.folder + u'/' + pin.path);
        if (ScriptScanner::isScript(pin.path, head) && !ScriptScanner::interpreterFor(pin.path, head).isEmpty())
            result.append(pin.path);
    }
    return result;
}

Result<SandboxResult> SkillManager::run(
    const QString &name, const QString &script, const QStringList &arguments, const QString &actor)
{
    if (!m_settings.skills.enabled)
        return Error { u"SKILLS_DISABLED"_s, u"skills are turned off ([skills] enabled = false)"_s };
    const std::optional<SkillRecord> r = m_registry ? m_registry->get(name) : std::nullopt;
    if (!r || !r->isEnabled())
        return Error { u"NOT_ENABLED"_s, u"no enabled skill named "_s + name.left(64) };
    if (!r->approvedCapabilities.contains(u"exec"_s))
        return Error { u"FORBIDDEN"_s, u"%1 was not approved to run scripts (the exec capability)"_s.arg(name) };
    if (arguments.size() > MAX_ARGS)
        return Error { u"INVALID_REQUEST"_s, u"at most %1 arguments"_s.arg(MAX_ARGS) };
    for (const QString &a : arguments) {
        if (a.size() > MAX_ARG_LENGTH || a.contains(QChar(0)))
            return Error { u"INVALID_REQUEST"_s,
                u"an argument is longer than %1 characters or holds NUL"_s.arg(MAX_ARG_LENGTH) };
    }
    if (Status s = verify(name); !s)
        return s.error();
    if (!scripts(*r).contains(script))
        return Error { u"INVALID_REQUEST"_s, u"%1 has no runnable script %2"_s.arg(name, script.left(128)) };
    SandboxRequest request;
    request.folder = r->folder;
    if (r->approvedCapabilities.contains(u"files"_s))
        request.dataFolder = r->folder + u'/' + Signature::DATA_FOLDER;
    request.command = QStringList { ScriptScanner::interpreterFor(script, readHead(r->folder + u'/' + script)), script }
        + arguments;
    request.network = r->approvedCapabilities.contains(u"network"_s);
    request.hiddenPaths = { m_settings.home, m_folder };
    Result<SandboxResult> result = m_sandbox.run(request);
    const bool ok = result && result->exitCode == 0;
    m_registry->recordUse(name, ok ? u"run"_s : u"failure"_s, now());
    QJsonObject detail { { u"script"_s, script } };
    if (result) {
        detail.insert(u"exitCode"_s, result->exitCode);
        detail.insert(u"timedOut"_s, result->timedOut);
        detail.insert(u"outputExceeded"_s, result->outputExceeded);
    } else {
        detail.insert(u"error"_s, result.error().code);
    }
    record(actor, u"skill.run"_s, name, ok ? u"ok"_s : u"failed"_s, detail);
    return result;
}

} // namespace Gateway::Skills
