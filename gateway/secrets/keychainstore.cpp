// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "secrets/keychainstore.h"

#include <memory>

#include <QAbstractEventDispatcher>
#include <QEventLoop>
#include <QTimer>

#if defined(Q_OS_LINUX)
#include <dlfcn.h>
#endif

#include <qt6keychain/keychain.h>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Secrets
{

namespace
{
struct JobResult
{
    bool finished = false;
    QKeychain::Error error = QKeychain::OtherError;
    QString errorString = u"the keychain did not answer in time"_s;
    QString text;
};

// On Linux, QtKeychain talks to the Secret Service through libsecret, whose answers arrive as
// callbacks on GLib's default main context. The headless gateway runs Qt's plain UNIX event
// dispatcher (QT_NO_GLIB, see bootstrap.cpp), which never runs that context, so while a job is
// waiting the context is iterated here. GLib is already in the process (Qt Core links it).
using GMainContextIteration = int (*)(void *context, int mayBlock);

GMainContextIteration glibIteration()
{
#if defined(Q_OS_LINUX)
    const QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    if (dispatcher && dispatcher->inherits("QEventDispatcherGlib"))
        return nullptr;
    return reinterpret_cast<GMainContextIteration>(dlsym(RTLD_DEFAULT, "g_main_context_iteration"));
#else
    return nullptr;
#endif
}

// Runs a job to completion in a local event loop. The job deletes itself when it finishes, also
// after a timeout (the result is then ignored).
JobResult run(QKeychain::Job *job, int timeoutMs)
{
    auto result = std::make_shared<JobResult>();
    job->setAutoDelete(true);
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [result, &loop](QKeychain::Job *done) {
        result->finished = true;
        result->error = done->error();
        result->errorString = done->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done))
            result->text = read->textData();
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    QTimer glibPump;
    if (const GMainContextIteration iterate = glibIteration()) {
        glibPump.setInterval(2);
        QObject::connect(&glibPump, &QTimer::timeout, &loop, [iterate] {
            while (iterate(nullptr, 0)) { }
        });
        glibPump.start();
    }
    job->start();
    if (!result->finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    QObject::disconnect(job, &QKeychain::Job::finished, &loop, nullptr);
    return *result;
}

Error keychainError(const QString &what, const JobResult &result)
{
    return Error { u"SECRETS"_s, u"%1: %2 (keychain error %3)"_s.arg(what, result.errorString).arg(int(result.error)) };
}
} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, int timeoutMs)
    : m_service(std::move(service)), m_timeoutMs(timeoutMs)
{
}

Status KeychainSecretStore::probe(const QString &service, int timeoutMs)
{
    auto *job = new QKeychain::ReadPasswordJob(service);
    job->setInsecureFallback(false);
    job->setKey(u"skynet.keychain-probe"_s);
    const JobResult result = run(job, timeoutMs);
    if (result.error == QKeychain::NoError || result.error == QKeychain::EntryNotFound)
        return {};
    return keychainError(u"no usable keychain"_s, result);
}

std::optional<QString> KeychainSecretStore::read(const QString &name)
{
    if (const auto it = m_cache.constFind(name); it != m_cache.cend())
        return *it;
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(name);
    const JobResult result = run(job, m_timeoutMs);
    std::optional<QString> value;
    if (result.error == QKeychain::NoError)
        value = result.text;
    // Only definite answers are remembered; a keychain that failed may answer next time.
    if (result.error == QKeychain::NoError || result.error == QKeychain::EntryNotFound)
        m_cache.insert(name, value);
    return value;
}

Status KeychainSecretStore::write(const QString &name, const QString &value)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(name);
    job->setTextData(value);
    const JobResult result = run(job, m_timeoutMs);
    if (result.error != QKeychain::NoError)
        return keychainError(u"cannot store the secret \"%1\" in the keychain"_s.arg(name), result);
    m_cache.insert(name, value);
    return {};
}

Status KeychainSecretStore::remove(const QString &name)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(name);
    const JobResult result = run(job, m_timeoutMs);
    m_cache.remove(name);
    if (result.error != QKeychain::NoError && result.error != QKeychain::EntryNotFound)
        return keychainError(u"cannot remove the secret \"%1\" from the keychain"_s.arg(name), result);
    return {};
}

QString KeychainSecretStore::describe() const
{
#if defined(Q_OS_MACOS)
    return u"in the macOS Keychain (service \"%1\")"_s.arg(m_service);
#elif defined(Q_OS_WIN)
    return u"in the Windows Credential Manager (service \"%1\")"_s.arg(m_service);
#else
    return u"in the system keychain (Secret Service, service \"%1\")"_s.arg(m_service);
#endif
}

} // namespace Gateway::Secrets

// The module's entry points (resolved with QLibrary by Secrets::openStore).
extern "C" Q_DECL_EXPORT bool skynet_keychain_probe(QString *error)
{
    const Gateway::Status status = Gateway::Secrets::KeychainSecretStore::probe();
    if (!status && error)
        *error = status.error().message;
    return bool(status);
}

extern "C" Q_DECL_EXPORT Gateway::Secrets::SecretStore *skynet_keychain_create(const QString *service)
{
    return service ? new Gateway::Secrets::KeychainSecretStore(*service) : new Gateway::Secrets::KeychainSecretStore();
}
