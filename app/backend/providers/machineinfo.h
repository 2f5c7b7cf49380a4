// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QList>
#include <QString>

/// @brief What this machine offers a local model: memory, cores, graphics cards.
///
/// The readers take a root folder ("/" normally, a fixture tree in tests) so /proc and /sys
/// files can be faked. Nothing here needs a tool like lspci.
struct MachineInfo
{
    struct Gpu
    {
        QString vendor; ///< "NVIDIA", "AMD", "Intel" or the PCI vendor id
        QString name; ///< model name when known
        qint64 vramBytes = 0; ///< 0 when unknown (shared memory, Intel)
    };

    qint64 ramBytes = 0; ///< total physical memory, 0 when unknown
    int cpuCores = 0;
    QList<Gpu> gpus;

    /// The largest dedicated video memory of any card (0 when none is known).
    qint64 maxVramBytes() const;

    /// Reads everything under root (Linux files; sysconf and QThread elsewhere).
    static MachineInfo detect(const QString &root = QStringLiteral("/"));
    /// MemTotal of <root>/proc/meminfo in bytes; falls back to sysconf on the real root.
    static qint64 readMemoryBytes(const QString &root);
    /// NVIDIA cards from <root>/proc/driver/nvidia/gpus/*/information and DRM cards from
    /// <root>/sys/class/drm/card*/device/{vendor,mem_info_vram_total}.
    static QList<Gpu> readGpus(const QString &root);
};

/// @brief The Ollama model the wizard suggests for a machine.
struct ModelRecommendation
{
    QString tag; ///< "llama3.1:8b"
    QString sizeLabel; ///< "8B"
    qint64 downloadBytes = 0; ///< approximate download size
    QString reason; ///< one translated sentence
};

/// Pure: picks the largest model that fits the memory (RAM, or video memory when it is larger).
/// <6 GB → 1B, <12 GB → 3B, <24 GB → 8B, from 24 GB RAM or 12 GB VRAM → 14B.
ModelRecommendation recommendModel(qint64 ramBytes, qint64 vramBytes);
