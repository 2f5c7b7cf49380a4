// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;

class GatewayHost;
#include "providers/providerentry.h"

/// @brief The Providers & Models page: the [providers.*] and [routing] settings, API keys and
/// provider health. apply() writes skynet.toml (Config::ConfigEditor) and the secret store,
/// then restarts the in-process gateway.
class ProvidersController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(ProvidersController)

    Q_PROPERTY(ProviderEntry *ollama READ ollama CONSTANT FINAL)
    Q_PROPERTY(ProviderEntry *anthropic READ anthropic CONSTANT FINAL)
    Q_PROPERTY(ProviderEntry *openai READ openai CONSTANT FINAL)
    Q_PROPERTY(QString routingMode READ routingMode WRITE setRoutingMode NOTIFY routingChanged FINAL)
    Q_PROPERTY(QString trivialTier READ trivialTier WRITE setTrivialTier NOTIFY routingChanged FINAL)
    Q_PROPERTY(QString standardTier READ standardTier WRITE setStandardTier NOTIFY routingChanged FINAL)
    Q_PROPERTY(QString complexTier READ complexTier WRITE setComplexTier NOTIFY routingChanged FINAL)
    Q_PROPERTY(QString trivialTierError READ trivialTierError NOTIFY routingChanged FINAL)
    Q_PROPERTY(QString standardTierError READ standardTierError NOTIFY routingChanged FINAL)
    Q_PROPERTY(QString complexTierError READ complexTierError NOTIFY routingChanged FINAL)
    Q_PROPERTY(bool privacy READ privacy WRITE setPrivacy NOTIFY routingChanged FINAL)
    Q_PROPERTY(bool offline READ offline WRITE setOffline NOTIFY routingChanged FINAL)
    Q_PROPERTY(bool modified READ isModified NOTIFY modifiedChanged FINAL)
    Q_PROPERTY(bool applying READ isApplying NOTIFY applyingChanged FINAL)
    /// Where the settings are written ("" when they did not come from a file).
    Q_PROPERTY(QString configPath READ configPath NOTIFY loaded FINAL)
    /// After a successful apply: what happened (cleared by the next edit).
    Q_PROPERTY(QString statusMessage READ statusMessage NOTIFY statusMessageChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)

public:
    explicit ProvidersController(GatewayHost &host, QObject *parent = nullptr);
    ~ProvidersController() override;

    static ProvidersController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    ProviderEntry *ollama() const { return m_ollama; }
    ProviderEntry *anthropic() const { return m_anthropic; }
    ProviderEntry *openai() const { return m_openai; }
    QString routingMode() const { return m_mode; }
    void setRoutingMode(const QString &mode);
    QString trivialTier() const { return m_trivial; }
    void setTrivialTier(const QString &tier);
    QString standardTier() const { return m_standard; }
    void setStandardTier(const QString &tier);
    QString complexTier() const { return m_complex; }
    void setComplexTier(const QString &tier);
    QString trivialTierError() const { return validateTier(m_trivial); }
    QString standardTierError() const { return validateTier(m_standard); }
    QString complexTierError() const { return validateTier(m_complex); }
    bool privacy() const { return m_privacy; }
    void setPrivacy(bool on);
    bool offline() const { return m_offline; }
    void setOffline(bool on);
    bool isModified() const;
    bool isApplying() const { return m_applying; }
    QString configPath() const;
    QString statusMessage() const { return m_statusMessage; }
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }

    /// "" when spec is a routing target ("ollama:llama3.2", "anthropic", "gpt-4o"), else why not.
    static QString validateTier(const QString &spec);

public Q_SLOTS:
    /// Validates, writes keys to the secret store and the settings to skynet.toml, restarts
    /// the gateway. False (and errorString) when something was invalid or failed.
    bool apply();
    /// Drops unsaved edits.
    void revert();
    /// Reads the settings and provider health again.
    void reload();
    /// Asks the gateway for provider health (providers.status).
    void refreshHealth();
    void clearError();

Q_SIGNALS:
    void routingChanged();
    void modifiedChanged();
    void applyingChanged();
    void loaded();
    void statusMessageChanged();
    void errorStringChanged();
    void errorOccurred(const QString &message);
    /// After a successful apply and restart.
    void applied();

private:
    void setErrorString(const QString &message);
    void setStatusMessage(const QString &message);
    void setTier(QString &field, const QString &value);

    static ProvidersController *s_instance;

    GatewayHost &m_host;
    ProviderEntry *m_ollama;
    ProviderEntry *m_anthropic;
    ProviderEntry *m_openai;
    QString m_mode;
    QString m_trivial;
    QString m_standard;
    QString m_complex;
    bool m_privacy = false;
    bool m_offline = false;
    QString m_savedMode;
    QString m_savedTrivial;
    QString m_savedStandard;
    QString m_savedComplex;
    bool m_savedPrivacy = false;
    bool m_savedOffline = false;
    bool m_applying = false;
    quint64 m_healthGeneration = 0;
    QString m_statusMessage;
    QString m_errorString;
};
