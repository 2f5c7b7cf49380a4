// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// MachineInfo readers over fixture /proc and /sys trees, and the model recommendation table.

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "providers/machineinfo.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr qint64 GIB = 1024LL * 1024 * 1024;

bool writeFile(const QString &root, const QString &relative, const QByteArray &content)
{
    const QString path = QDir(root).filePath(relative);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}
} // namespace

class tst_MachineInfo final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recommendation_data();
    void recommendation();
    void readsMemory();
    void missingMemoryFileIsUnknown();
    void readsNvidiaAndAmdCards();
    void noCards();
    void detectsThisMachine();
};

void tst_MachineInfo::recommendation_data()
{
    QTest::addColumn<qint64>("ram");
    QTest::addColumn<qint64>("vram");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("size");
    QTest::addRow("unknown memory") << qint64(0) << qint64(0) << u"llama3.2:1b"_s << u"1B"_s;
    QTest::addRow("4 GB") << 4 * GIB << qint64(0) << u"llama3.2:1b"_s << u"1B"_s;
    QTest::addRow("a '6 GB' machine reports less") << qint64(5.7 * GIB) << qint64(0) << u"llama3.2:1b"_s << u"1B"_s;
    QTest::addRow("8 GB (7.6 GiB usable)") << qint64(7.6 * GIB) << qint64(0) << u"llama3.2:3b"_s << u"3B"_s;
    QTest::addRow("4 GB RAM, 4 GB VRAM") << 4 * GIB << 4 * GIB << u"llama3.2:3b"_s << u"3B"_s;
    QTest::addRow("16 GB (15.5 GiB usable)") << qint64(15.5 * GIB) << qint64(0) << u"llama3.1:8b"_s << u"8B"_s;
    QTest::addRow("8 GB RAM, 8 GB VRAM") << 8 * GIB << 8 * GIB << u"llama3.1:8b"_s << u"8B"_s;
    QTest::addRow("just under 24 GB") << 24 * GIB - 1 << qint64(0) << u"llama3.1:8b"_s << u"8B"_s;
    QTest::addRow("32 GB") << 32 * GIB << qint64(0) << u"qwen2.5:14b"_s << u"14B"_s;
    QTest::addRow("8 GB RAM, 12 GB VRAM") << 8 * GIB << 12 * GIB << u"qwen2.5:14b"_s << u"14B"_s;
    QTest::addRow("128 GB") << 128 * GIB << 24 * GIB << u"qwen2.5:14b"_s << u"14B"_s;
}

void tst_MachineInfo::recommendation()
{
    QFETCH(qint64, ram);
    QFETCH(qint64, vram);
    QFETCH(QString, tag);
    QFETCH(QString, size);
    const ModelRecommendation r = recommendModel(ram, vram);
    QCOMPARE(r.tag, tag);
    QCOMPARE(r.sizeLabel, size);
    QVERIFY(r.downloadBytes > 0);
    QVERIFY(!r.reason.isEmpty());
    // The download fits the memory it was chosen for (with room for the system), above 1B.
    if (ram > 6 * GIB && vram == 0)
        QVERIFY2(r.downloadBytes < ram / 2, qPrintable(r.tag));
}

void tst_MachineInfo::readsMemory()
{
    QTemporaryDir root;
    QVERIFY(writeFile(root.path(), u"proc/meminfo"_s,
        "MemTotal:       16318480 kB\nMemFree:         1034560 kB\nMemAvailable:    9000000 kB\n"));
    QCOMPARE(MachineInfo::readMemoryBytes(root.path()), qint64(16318480) * 1024);
    const MachineInfo info = MachineInfo::detect(root.path());
    QCOMPARE(info.ramBytes, qint64(16318480) * 1024);
    QVERIFY(info.cpuCores >= 1);
    QCOMPARE(recommendModel(info.ramBytes, info.maxVramBytes()).tag, u"llama3.1:8b"_s);
}

void tst_MachineInfo::missingMemoryFileIsUnknown()
{
    QTemporaryDir root;
    QCOMPARE(MachineInfo::readMemoryBytes(root.path()), qint64(0));
    QVERIFY(writeFile(root.path(), u"proc/meminfo"_s, "garbage\nMemFree: 12 kB\n"));
    QCOMPARE(MachineInfo::readMemoryBytes(root.path()), qint64(0));
}

void tst_MachineInfo::readsNvidiaAndAmdCards()
{
    QTemporaryDir root;
    QVERIFY(writeFile(root.path(), u"proc/driver/nvidia/gpus/0000:01:00.0/information"_s,
        "Model: \t\t NVIDIA GeForce RTX 3060\nIRQ:   \t\t 130\nGPU UUID: \t GPU-1234\n"));
    // card0 is the NVIDIA card seen through DRM (no memory file), card1 an AMD card.
    QVERIFY(writeFile(root.path(), u"sys/class/drm/card0/device/vendor"_s, "0x10de\n"));
    QVERIFY(writeFile(root.path(), u"sys/class/drm/card1/device/vendor"_s, "0x1002\n"));
    QVERIFY(writeFile(root.path(), u"sys/class/drm/card1/device/mem_info_vram_total"_s, "17163091968\n"));
    // A connector entry, not a card.
    QVERIFY(writeFile(root.path(), u"sys/class/drm/card1-DP-1/status"_s, "connected\n"));
    const QList<MachineInfo::Gpu> gpus = MachineInfo::readGpus(root.path());
    QCOMPARE(gpus.size(), 2);
    QCOMPARE(gpus.at(0).vendor, u"NVIDIA"_s);
    QCOMPARE(gpus.at(0).name, u"NVIDIA GeForce RTX 3060"_s);
    QCOMPARE(gpus.at(0).vramBytes, qint64(0));
    QCOMPARE(gpus.at(1).vendor, u"AMD"_s);
    QCOMPARE(gpus.at(1).vramBytes, qint64(17163091968));

    QVERIFY(writeFile(root.path(), u"proc/meminfo"_s, "MemTotal: 8000000 kB\n"));
    const MachineInfo info = MachineInfo::detect(root.path());
    QCOMPARE(info.maxVramBytes(), qint64(17163091968));
    // 8 GB of RAM, but 16 GB of video memory: the 14B model.
    QCOMPARE(recommendModel(info.ramBytes, info.maxVramBytes()).tag, u"qwen2.5:14b"_s);
}

void tst_MachineInfo::noCards()
{
    QTemporaryDir root;
    QVERIFY(MachineInfo::readGpus(root.path()).isEmpty());
    QVERIFY(writeFile(root.path(), u"sys/class/drm/card0/device/vendor"_s, ""));
    QVERIFY(MachineInfo::readGpus(root.path()).isEmpty());
}

void tst_MachineInfo::detectsThisMachine()
{
    const MachineInfo info = MachineInfo::detect();
#if defined(Q_OS_LINUX)
    QVERIFY(info.ramBytes > 0);
#endif
    QVERIFY(info.cpuCores >= 1);
}

QTEST_GUILESS_MAIN(tst_MachineInfo)
#include "tst_machineinfo.moc"
