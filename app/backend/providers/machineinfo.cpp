// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/machineinfo.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QThread>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace
{

constexpr qint64 GIB = 1024LL * 1024 * 1024;

QByteArray readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(64 * 1024);
}

QString vendorName(const QString &pciId)
{
    const QString id = pciId.trimmed().toLower();
    if (id == u"0x10de")
        return u"NVIDIA"_s;
    if (id == u"0x1002")
        return u"AMD"_s;
    if (id == u"0x8086")
        return u"Intel"_s;
    return id;
}

} // namespace

qint64 MachineInfo::maxVramBytes() const
{
    qint64 best = 0;
    for (const Gpu &gpu : gpus)
        best = std::max(best, gpu.vramBytes);
    return best;
}

qint64 MachineInfo::readMemoryBytes(const QString &root)
{
    const QByteArray text = readSmallFile(QDir(root).filePath(u"proc/meminfo"_s));
    static const QRegularExpression memTotal(u"^MemTotal:\\s+(\\d+)\\s*kB"_s, QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = memTotal.match(QString::fromLatin1(text));
    if (match.hasMatch())
        return match.captured(1).toLongLong() * 1024;
#if defined(Q_OS_UNIX) && defined(_SC_PHYS_PAGES)
    if (QDir(root).canonicalPath() == QDir::rootPath()) {
        const long pages = ::sysconf(_SC_PHYS_PAGES);
        const long pageSize = ::sysconf(_SC_PAGESIZE);
        if (pages > 0 && pageSize > 0)
            return qint64(pages) * qint64(pageSize);
    }
#endif
    return 0;
}

QList<MachineInfo::Gpu> MachineInfo::readGpus(const QString &root)
{
    QList<Gpu> gpus;
    bool haveNvidiaNames = false;
    // The proprietary NVIDIA driver: one folder per card with "Model: ..." (no memory size).
    const QDir nvidia(QDir(root).filePath(u"proc/driver/nvidia/gpus"_s));
    const QStringList nvidiaCards = nvidia.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &card : nvidiaCards) {
        const QString info = QString::fromUtf8(readSmallFile(nvidia.filePath(card + u"/information"_s)));
        static const QRegularExpression model(u"^Model:\\s*(.+)$"_s, QRegularExpression::MultilineOption);
        const QRegularExpressionMatch match = model.match(info);
        gpus.append(Gpu { u"NVIDIA"_s, match.hasMatch() ? match.captured(1).trimmed() : QString(), 0 });
        haveNvidiaNames = true;
    }
    // DRM cards (amdgpu reports its video memory; card0-DP-1 style connector entries are skipped).
    const QDir drm(QDir(root).filePath(u"sys/class/drm"_s));
    const QStringList cards
        = drm.entryList({ u"card*"_s }, QDir::Dirs | QDir::NoDotAndDotDot | QDir::System, QDir::Name);
    static const QRegularExpression cardName(u"^card\\d+$"_s);
    int nvidiaIndex = 0;
    for (const QString &card : cards) {
        if (!cardName.match(card).hasMatch())
            continue;
        const QString vendorId = QString::fromLatin1(readSmallFile(drm.filePath(card + u"/device/vendor"_s)));
        if (vendorId.trimmed().isEmpty())
            continue;
        const qint64 vram = QString::fromLatin1(readSmallFile(drm.filePath(card + u"/device/mem_info_vram_total"_s)))
                                .trimmed()
                                .toLongLong();
        const QString vendor = vendorName(vendorId);
        if (vendor == u"NVIDIA" && haveNvidiaNames) {
            // Already listed from /proc with its name; add the memory if the DRM side knows it.
            if (nvidiaIndex < gpus.size() && vram > 0)
                gpus[nvidiaIndex].vramBytes = vram;
            ++nvidiaIndex;
            continue;
        }
        gpus.append(Gpu { vendor, QString(), vram });
    }
    return gpus;
}

MachineInfo MachineInfo::detect(const QString &root)
{
    MachineInfo info;
    info.ramBytes = readMemoryBytes(root);
    info.cpuCores = QThread::idealThreadCount();
    info.gpus = readGpus(root);
    return info;
}

ModelRecommendation recommendModel(qint64 ramBytes, qint64 vramBytes)
{
    // Ollama's q4 models need roughly their download size plus 1-2 GB; the rest of the system
    // needs memory too, so the steps leave room.
    if (ramBytes >= 24 * GIB || vramBytes >= 12 * GIB) {
        return { u"qwen2.5:14b"_s, u"14B"_s, qint64(9.0 * GIB),
            QCoreApplication::translate("MachineInfo", "Enough memory for a 14-billion-parameter model.") };
    }
    if (ramBytes >= 12 * GIB || vramBytes >= 8 * GIB) {
        return { u"llama3.1:8b"_s, u"8B"_s, qint64(4.9 * GIB),
            QCoreApplication::translate("MachineInfo", "Enough memory for an 8-billion-parameter model.") };
    }
    if (ramBytes >= 6 * GIB || vramBytes >= 4 * GIB) {
        return { u"llama3.2:3b"_s, u"3B"_s, qint64(2.0 * GIB),
            QCoreApplication::translate("MachineInfo", "A small 3-billion-parameter model fits this machine.") };
    }
    return { u"llama3.2:1b"_s, u"1B"_s, qint64(1.3 * GIB),
        QCoreApplication::translate(
            "MachineInfo", "Little memory: a 1-billion-parameter model is the one that runs well here.") };
}
