// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "logging.h"

#include <cstdio>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcGatewayService, "skynet.gateway.service", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGatewayConfig, "skynet.gateway.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGatewayHttp, "skynet.gateway.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGatewayWs, "skynet.gateway.ws", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGatewayProtocol, "skynet.gateway.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGatewayStorage, "skynet.gateway.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGatewaySecrets, "skynet.gateway.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGatewayProviders, "skynet.gateway.providers", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGatewayAccess, "skynet.gateway.access", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGatewaySkills, "skynet.gateway.skills", QtInfoMsg)

namespace Gateway::Logging
{
void feedEventLog(QtMsgType level, const char *category, const QString &message); // eventlog.cpp

namespace
{

struct LogState
{
    QMutex mutex;
    QFile file;
    QString path;
    qint64 maxBytes = 10 * 1024 * 1024;
    int maxFiles = 5;
    QStringList secrets;
    QtMessageHandler previous = nullptr;
    bool installed = false;
};

LogState &state()
{
    static LogState s;
    return s;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

// Called with the mutex held.
void rotateIfNeeded(LogState &s, qint64 incoming)
{
    if (!s.file.isOpen() || s.file.size() + incoming <= s.maxBytes)
        return;
    s.file.close();
    for (int i = s.maxFiles - 1; i >= 1; --i) {
        const QString from = i == 1 ? s.path : s.path + u'.' + QString::number(i - 1);
        const QString to = s.path + u'.' + QString::number(i);
        QFile::remove(to);
        QFile::rename(from, to);
    }
    if (s.maxFiles <= 1)
        QFile::remove(s.path);
    s.file.setFileName(s.path);
    s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
}

void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    LogState &s = state();
    QString text = message;
    {
        QMutexLocker lock(&s.mutex);
        for (const QString &secret : std::as_const(s.secrets))
            text.replace(secret, u"***"_s);
    }
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' + levelName(type)
        + ' ' + (context.category ? context.category : "default") + ": " + text.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    feedEventLog(type, context.category, text);
    {
        QMutexLocker lock(&s.mutex);
        if (s.file.isOpen()) {
            rotateIfNeeded(s, line.size());
            s.file.write(line);
            s.file.flush();
        }
    }
    if (type == QtFatalMsg)
        std::abort();
}

QString filterRules(const QString &level)
{
    // Our categories follow the configured level; Qt's own stay at warning.
    QString rules = u"skynet.*.debug=false\n"_s;
    if (level == u"debug")
        rules = u"skynet.*.debug=true\n"_s;
    else if (level == u"warning")
        rules += u"skynet.*.info=false\n"_s;
    else if (level == u"error")
        rules += u"skynet.*.info=false\nskynet.*.warning=false\n"_s;
    return rules;
}

} // namespace

void install(const Config::LoggingSettings &settings, const QString &home)
{
    LogState &s = state();
    {
        QMutexLocker lock(&s.mutex);
        s.file.close();
        s.path.clear();
        s.maxBytes = qMax<qint64>(settings.maxFileBytes, 4096);
        s.maxFiles = qMax(settings.maxFiles, 1);
        if (settings.file) {
            QString dir = settings.dir;
            if (QDir::isRelativePath(dir))
                dir = QDir(home).filePath(dir);
            if (QDir().mkpath(dir)) {
                s.path = QDir(dir).filePath(u"skynet.log"_s);
                s.file.setFileName(s.path);
                if (!s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
                    s.path.clear();
            }
        }
    }
    QLoggingCategory::setFilterRules(filterRules(settings.level));
    if (!s.installed) {
        s.previous = qInstallMessageHandler(messageHandler);
        s.installed = true;
    }
}

void registerSecret(const QString &value)
{
    if (value.size() < 6)
        return;
    LogState &s = state();
    QMutexLocker lock(&s.mutex);
    if (!s.secrets.contains(value))
        s.secrets.append(value);
}

void shutdown()
{
    LogState &s = state();
    if (s.installed) {
        qInstallMessageHandler(s.previous);
        s.installed = false;
    }
    QMutexLocker lock(&s.mutex);
    s.file.close();
    s.path.clear();
}

QString logFilePath()
{
    LogState &s = state();
    QMutexLocker lock(&s.mutex);
    return s.path;
}

} // namespace Gateway::Logging
