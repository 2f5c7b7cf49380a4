// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "config/settings.h"

/// @brief The editable settings of one [providers.<id>] table plus its health, for the
/// Providers page. Edits stay here until ProvidersController::apply() writes them.
///
/// The API key is write-only: setApiKey() keeps the new value until apply() puts it in the
/// secret store; QML only ever learns whether a key is set.
class ProviderEntry final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ProvidersController")
    Q_DISABLE_COPY_MOVE(ProviderEntry)

    Q_PROPERTY(QString id READ id CONSTANT FINAL)
    Q_PROPERTY(QString title READ title CONSTANT FINAL)
    Q_PROPERTY(bool enabled READ isEnabled WRITE setEnabled NOTIFY enabledChanged FINAL)
    Q_PROPERTY(QString baseUrl READ baseUrl WRITE setBaseUrl NOTIFY baseUrlChanged FINAL)
    Q_PROPERTY(QString baseUrlError READ baseUrlError NOTIFY baseUrlChanged FINAL)
    Q_PROPERTY(QString defaultBaseUrl READ defaultBaseUrl CONSTANT FINAL)
    Q_PROPERTY(QString model READ model WRITE setModel NOTIFY modelChanged FINAL)
    Q_PROPERTY(QString modelError READ modelError NOTIFY modelChanged FINAL)
    Q_PROPERTY(bool keySet READ isKeySet NOTIFY keyChanged FINAL)
    /// "Set (stored in the keychain)", "Not set", "Set from the environment (ANTHROPIC_API_KEY)".
    Q_PROPERTY(QString keyStatus READ keyStatus NOTIFY keyChanged FINAL)
    /// A new key (or its removal) waits for apply().
    Q_PROPERTY(bool keyPending READ isKeyPending NOTIFY keyChanged FINAL)
    Q_PROPERTY(QString keyError READ keyError NOTIFY keyChanged FINAL)
    Q_PROPERTY(bool modified READ isModified NOTIFY modifiedChanged FINAL)
    Q_PROPERTY(bool active READ isActive NOTIFY healthChanged FINAL)
    Q_PROPERTY(bool available READ isAvailable NOTIFY healthChanged FINAL)
    Q_PROPERTY(QString healthText READ healthText NOTIFY healthChanged FINAL)

public:
    ProviderEntry(QString id, QString title, QString defaultBaseUrl, QObject *parent = nullptr);
    ~ProviderEntry() override;

    QString id() const { return m_id; }
    QString title() const { return m_title; }
    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);
    QString baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QString &url);
    QString baseUrlError() const;
    QString defaultBaseUrl() const { return m_defaultBaseUrl; }
    QString model() const { return m_model; }
    void setModel(const QString &model);
    QString modelError() const;
    bool isKeySet() const;
    QString keyStatus() const;
    bool isKeyPending() const { return m_keyPending; }
    QString keyError() const { return m_keyError; }
    bool isModified() const;
    bool isActive() const { return m_active; }
    bool isAvailable() const { return m_available; }
    QString healthText() const { return m_healthText; }

    /// The secret store name of the key ("providers.anthropic.api_key").
    QString secretName() const;
    /// The config key of a field ("providers.anthropic.base_url").
    QString configKey(const QString &field) const;
    /// The pending key ("" when none or when the key is to be removed).
    QString pendingKey() const { return m_pendingKey; }
    bool removesKey() const { return m_keyPending && m_pendingKey.isEmpty(); }
    /// "" or the first problem of this entry (for the page's error banner).
    QString firstError() const;

    /// "" when text can be an API key, else why not (translated).
    static QString validateKey(const QString &text);
    /// "" when text is empty or an http(s) URL with a host, else why not (translated).
    static QString validateUrl(const QString &text);

    /// Loads the saved state (keyResolves: the api_key reference gives a value). keepEdits keeps
    /// unsaved edits and a pending key (another page restarted the gateway).
    void load(const Gateway::Config::ProviderSettings &settings, bool keyResolves, const QString &storeDescription,
        bool keepEdits = false);
    void setHealth(bool active, bool available, const QString &text);

public Q_SLOTS:
    /// Keeps a new key for apply(); false (and keyError) when it cannot be a key.
    bool setApiKey(const QString &key);
    /// Removes the key on apply().
    void clearApiKey();
    /// Drops unsaved edits.
    void revert();

Q_SIGNALS:
    void enabledChanged();
    void baseUrlChanged();
    void modelChanged();
    void keyChanged();
    void modifiedChanged();
    void healthChanged();

private:
    void setKeyError(const QString &error);

    QString m_id;
    QString m_title;
    QString m_defaultBaseUrl;
    bool m_enabled = true;
    QString m_baseUrl;
    QString m_model;
    Gateway::Config::ProviderSettings m_saved;
    bool m_keyResolves = false;
    QString m_storeDescription;
    bool m_keyPending = false;
    QString m_pendingKey;
    QString m_keyError;
    bool m_active = false;
    bool m_available = false;
    QString m_healthText;
};
