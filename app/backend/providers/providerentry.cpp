// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "providers/providerentry.h"

#include <QUrl>

#include "config/secretref.h"
#include "providers/ollamacontroller.h"

using namespace Qt::StringLiterals;

ProviderEntry::ProviderEntry(QString id, QString title, QString defaultBaseUrl, QObject *parent)
    : QObject(parent), m_id(std::move(id)), m_title(std::move(title)), m_defaultBaseUrl(std::move(defaultBaseUrl))
{
    for (auto signal : { &ProviderEntry::enabledChanged, &ProviderEntry::baseUrlChanged, &ProviderEntry::modelChanged,
             &ProviderEntry::keyChanged })
        connect(this, signal, this, &ProviderEntry::modifiedChanged);
}

ProviderEntry::~ProviderEntry() = default;

void ProviderEntry::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    Q_EMIT enabledChanged();
}

void ProviderEntry::setBaseUrl(const QString &url)
{
    if (m_baseUrl == url)
        return;
    m_baseUrl = url;
    Q_EMIT baseUrlChanged();
}

QString ProviderEntry::baseUrlError() const
{
    return validateUrl(m_baseUrl);
}

void ProviderEntry::setModel(const QString &model)
{
    if (m_model == model)
        return;
    m_model = model;
    Q_EMIT modelChanged();
}

QString ProviderEntry::modelError() const
{
    if (m_model.trimmed().isEmpty())
        return tr("Enter the model to use, for example %1.")
            .arg(m_saved.model.isEmpty() ? u"llama3.2"_s : m_saved.model);
    if (m_id == u"ollama")
        return OllamaController::validateModelName(m_model);
    for (const QChar c : m_model.trimmed()) {
        if (c.isSpace() || c == u'"' || c == u'\\' || c.category() == QChar::Other_Control)
            return tr("The model name must not contain spaces, quotes or backslashes.");
    }
    return {};
}

bool ProviderEntry::isKeySet() const
{
    if (m_keyPending)
        return !m_pendingKey.isEmpty();
    return m_keyResolves;
}

QString ProviderEntry::keyStatus() const
{
    if (m_keyPending)
        return m_pendingKey.isEmpty() ? tr("Will be removed when you apply") : tr("New key, saved when you apply");
    const Gateway::Config::SecretRef ref = Gateway::Config::SecretRef::parse(m_saved.apiKey);
    if (!m_keyResolves) {
        if (ref.kind == Gateway::Config::SecretRef::Kind::Environment)
            return tr("Not set (the environment variable %1 is empty)").arg(ref.target);
        return tr("Not set");
    }
    switch (ref.kind) {
    case Gateway::Config::SecretRef::Kind::Environment:
        return tr("Set from the environment variable %1").arg(ref.target);
    case Gateway::Config::SecretRef::Kind::File:
        return tr("Set from the file %1").arg(ref.target);
    case Gateway::Config::SecretRef::Kind::Stored:
        //: %1 says where, e.g. "in the system keychain"
        return tr("Set (stored %1)").arg(m_storeDescription);
    default:
        return tr("Set (written in skynet.toml: apply to move it to the secret store)");
    }
}

bool ProviderEntry::isModified() const
{
    return m_enabled != m_saved.enabled || m_baseUrl != m_saved.baseUrl || m_model != m_saved.model || m_keyPending;
}

QString ProviderEntry::secretName() const
{
    return configKey(u"api_key"_s);
}

QString ProviderEntry::configKey(const QString &field) const
{
    return u"providers."_s + m_id + u'.' + field;
}

QString ProviderEntry::firstError() const
{
    if (const QString e = baseUrlError(); !e.isEmpty())
        return QString(m_title + u": "_s + e);
    if (const QString e = modelError(); !e.isEmpty())
        return QString(m_title + u": "_s + e);
    return {};
}

QString ProviderEntry::validateKey(const QString &text)
{
    if (text.isEmpty())
        return tr("Paste the API key; it must not be empty.");
    if (text.size() < 8)
        return tr("This is too short to be an API key.");
    if (text.size() > 1024)
        return tr("This is too long to be an API key.");
    for (const QChar c : text) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return tr("An API key has no spaces, line breaks or non-ASCII characters; check what you pasted.");
    }
    return {};
}

QString ProviderEntry::validateUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return tr("\"%1\" is not a web address: use http://host:port or https://host.").arg(trimmed.left(80));
    if (!url.userInfo().isEmpty())
        return tr("Do not put a user name or password in the address.");
    return {};
}

void ProviderEntry::load(const Gateway::Config::ProviderSettings &settings, bool keyResolves,
    const QString &storeDescription, bool keepEdits)
{
    m_saved = settings;
    m_keyResolves = keyResolves;
    m_storeDescription = storeDescription;
    if (keepEdits) {
        Q_EMIT keyChanged();
        return;
    }
    m_keyPending = false;
    m_pendingKey.clear();
    m_keyError.clear();
    Q_EMIT keyChanged();
    revert();
}

void ProviderEntry::revert()
{
    setEnabled(m_saved.enabled);
    setBaseUrl(m_saved.baseUrl);
    setModel(m_saved.model);
    if (m_keyPending) {
        m_keyPending = false;
        m_pendingKey.clear();
        m_keyError.clear();
        Q_EMIT keyChanged();
    }
}

void ProviderEntry::setHealth(bool active, bool available, const QString &text)
{
    if (m_active == active && m_available == available && m_healthText == text)
        return;
    m_active = active;
    m_available = available;
    m_healthText = text;
    Q_EMIT healthChanged();
}

bool ProviderEntry::setApiKey(const QString &key)
{
    const QString trimmed = key.trimmed();
    if (const QString error = validateKey(trimmed); !error.isEmpty()) {
        setKeyError(error);
        return false;
    }
    m_keyError.clear();
    m_keyPending = true;
    m_pendingKey = trimmed;
    Q_EMIT keyChanged();
    return true;
}

void ProviderEntry::clearApiKey()
{
    m_keyError.clear();
    m_keyPending = true;
    m_pendingKey.clear();
    Q_EMIT keyChanged();
}

void ProviderEntry::setKeyError(const QString &error)
{
    if (m_keyError == error)
        return;
    m_keyError = error;
    Q_EMIT keyChanged();
}
