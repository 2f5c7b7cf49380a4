// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// skynet-gateway backup <file> [--force] | restore <file>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include "cli/cli.h"
#include "cli/clicommon.h"
#include "cli/instancelock.h"
#include "storage/database.h"
#include "storage/migrations.h"

#if defined(Q_OS_UNIX)
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Cli
{

namespace
{

constexpr QFileDevice::Permissions OWNER_ONLY = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

/// A plain QSQLITE connection of its own (no pragmas, no migrations), closed on destruction.
class RawConnection final
{
public:
    RawConnection(const QString &path, bool readOnly)
        : m_name(u"skynet-cli-%1-%2"_s.arg(quintptr(this)).arg(QCoreApplication::applicationPid()))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(
            readOnly ? u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        m_open = db.open();
        if (!m_open)
            m_error = db.lastError().text();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    bool isOpen() const { return m_open; }
    QString error() const { return m_error; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_open = false;
    QString m_error;
};

/// What a database file is: "" when it is a sound Skynet database, else why not.
QString checkSkynetDatabase(const QString &path, int *version)
{
    RawConnection connection(path, true);
    if (!connection.isOpen())
        return u"cannot open it: "_s + connection.error();
    QSqlQuery q(connection.db());
    if (!q.exec(u"PRAGMA integrity_check"_s))
        return u"it is not an SQLite database ("_s + q.lastError().databaseText() + u')';
    QStringList problems;
    while (q.next() && problems.size() < 5)
        problems.append(q.value(0).toString());
    if (problems != QStringList { u"ok"_s })
        return u"SQLite's integrity check failed: "_s + problems.join(u"; "_s);
    if (!q.exec(u"SELECT MAX(version) FROM schema_version"_s) || !q.next())
        return u"it is not a Skynet database (no schema_version)"_s;
    *version = q.value(0).toInt();
    const int latest = Storage::migrations().constLast().version;
    if (*version < 1 || *version > latest)
        return u"its schema version %1 is not one this Skynet knows (1 to %2)"_s.arg(*version).arg(latest);
    for (const QString &table : { u"users"_s, u"audit_log"_s }) {
        if (!q.exec(u"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '%1'"_s.arg(table)) || !q.next())
            return u"it is not a Skynet database (no %1 table)"_s.arg(table);
    }
    return {};
}

bool syncFile(const QString &path)
{
#if defined(Q_OS_UNIX)
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
#else
    Q_UNUSED(path);
    return true;
#endif
}

void syncFolder(const QString &folder)
{
#if defined(Q_OS_UNIX)
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        (void)::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(folder);
#endif
}

/// Atomically puts `from` at `to`, replacing what is there.
bool replaceFile(const QString &from, const QString &to)
{
#if defined(Q_OS_UNIX)
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
#else
    QFile::remove(to);
    return QFile::rename(from, to);
#endif
}

} // namespace

int runBackup(const Config::Settings &settings, const Arguments &arguments, QTextStream &out, QTextStream &err)
{
    const QFileInfo target(arguments.positional.first());
    const QString targetPath = target.absoluteFilePath();
    const QString dbPath = databasePath(settings);
    if (targetPath == dbPath || targetPath.startsWith(dbPath + u'-')) {
        err << u"the backup cannot be the database itself; name another file\n"_s;
        return EXIT_USAGE;
    }
    if (!target.absoluteDir().exists()) {
        err << u"the folder %1 does not exist\n"_s.arg(target.absolutePath());
        return EXIT_FAILED;
    }
    if (target.exists() && !arguments.force) {
        err << u"%1 exists; pass --force to replace it\n"_s.arg(targetPath);
        return EXIT_FAILED;
    }
    Storage::Database database;
    if (!openDatabase(settings, database, err))
        return EXIT_FAILED;

    // VACUUM INTO reads one snapshot (a read transaction; a gateway writing meanwhile is neither
    // blocked nor seen half-way) and writes a compact copy. Written next to the target and renamed
    // over it, so an existing backup is replaced only by a complete one.
    const QString partial = targetPath + u".partial"_s;
    QFile::remove(partial);
    {
        QSqlQuery q(database.connection());
        q.prepare(u"VACUUM INTO ?"_s);
        q.addBindValue(partial);
        if (!q.exec()) {
            QFile::remove(partial);
            err << u"the backup failed: %1\n"_s.arg(q.lastError().text());
            return EXIT_FAILED;
        }
    }
    database.close();
    QFile::setPermissions(partial, OWNER_ONLY);
    int version = 0;
    if (const QString problem = checkSkynetDatabase(partial, &version); !problem.isEmpty()) {
        QFile::remove(partial);
        err << u"the backup is not sound, so it was not kept: %1\n"_s.arg(problem);
        return EXIT_FAILED;
    }
    if (!syncFile(partial) || !replaceFile(partial, targetPath)) {
        QFile::remove(partial);
        err << u"cannot write %1\n"_s.arg(targetPath);
        return EXIT_FAILED;
    }
    syncFolder(target.absolutePath());
    out << u"backed up %1 to %2 (%3 bytes, schema version %4)\n"_s.arg(dbPath, targetPath)
               .arg(QFileInfo(targetPath).size())
               .arg(version);
    return EXIT_OK;
}

int runRestore(const Config::Settings &settings, const Arguments &arguments, QTextStream &out, QTextStream &err)
{
    const QFileInfo source(arguments.positional.first());
    const QString sourcePath = source.absoluteFilePath();
    const QString dbPath = databasePath(settings);
    if (!source.isFile()) {
        err << u"%1 does not exist or is not a file\n"_s.arg(sourcePath);
        return EXIT_FAILED;
    }
    if (sourcePath == dbPath) {
        err << u"that is the database itself; name a backup file\n"_s;
        return EXIT_USAGE;
    }
    int version = 0;
    if (const QString problem = checkSkynetDatabase(sourcePath, &version); !problem.isEmpty()) {
        err << u"%1 cannot be restored: %2\n"_s.arg(sourcePath, problem);
        return EXIT_FAILED;
    }

    // Held until the new file is in place: a gateway started meanwhile finds it taken.
    QDir().mkpath(QFileInfo(dbPath).absolutePath());
    InstanceLock lock(dbPath);
    if (!lock.tryLock()) {
        const qint64 pid = lock.holderPid();
        err << u"a gateway%1 is running on %2; stop it first (restoring under a running gateway would lose "
               "its writes)\n"_s.arg(pid > 0 ? u" (pid %1)"_s.arg(pid) : QString(), dbPath);
        return EXIT_FAILED;
    }

    // 1. Fold the current WAL into the database, so what is kept as .before-restore is complete
    //    and no old WAL can be replayed onto the restored file.
    const QString wal = dbPath + u"-wal"_s;
    const QString shm = dbPath + u"-shm"_s;
    const bool hadDatabase = QFileInfo(dbPath).isFile();
    if (hadDatabase) {
        RawConnection current(dbPath, false);
        if (current.isOpen()) {
            QSqlQuery q(current.db());
            (void)q.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
        }
    }
    // 2. The new content, complete and on disk, next to the database.
    const QString incoming = dbPath + u".restore-tmp"_s;
    QFile::remove(incoming);
    if (!QFile::copy(sourcePath, incoming) || !QFile::setPermissions(incoming, OWNER_ONLY) || !syncFile(incoming)) {
        QFile::remove(incoming);
        err << u"cannot copy %1 next to the database\n"_s.arg(sourcePath);
        return EXIT_FAILED;
    }
    // 3. The previous database stays as <db>.before-restore (with its WAL if it could not be folded).
    const QString before = dbPath + u".before-restore"_s;
    if (hadDatabase) {
        QFile::remove(before);
        QFile::remove(before + u"-wal"_s);
        if (!QFile::copy(dbPath, before) || !syncFile(before)) {
            QFile::remove(incoming);
            err << u"cannot keep the current database as %1; nothing was changed\n"_s.arg(before);
            return EXIT_FAILED;
        }
        QFile::setPermissions(before, OWNER_ONLY);
        if (QFileInfo(wal).size() > 0)
            (void)QFile::rename(wal, before + u"-wal"_s);
    }
    QFile::remove(wal);
    QFile::remove(shm);
    // 4. The swap itself is one rename: the database is either the old file or the new one.
    if (!replaceFile(incoming, dbPath)) {
        QFile::remove(incoming);
        err << u"cannot move the restored file into place; the database is unchanged\n"_s;
        return EXIT_FAILED;
    }
    syncFolder(QFileInfo(dbPath).absolutePath());

    // 5. Bring an older backup to this binary's schema now, not at the next start.
    Storage::Database database;
    if (!openDatabase(settings, database, err))
        return EXIT_FAILED;
    out << u"restored %1 from %2 (schema version %3)%4\n"_s.arg(dbPath, sourcePath)
               .arg(database.schemaVersion())
               .arg(hadDatabase ? u"; the previous database is kept as "_s + before : QString());
    return EXIT_OK;
}

} // namespace Gateway::Cli
