// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class GatewayHost;
class QJSEngine;
class QQmlEngine;
namespace Language
{
class Translators;
}

/// @brief The Settings page: where the gateway listens, how clients authenticate, the gateway
/// token, the UI language. Edits are drafts until apply() writes skynet.toml (ConfigEditor) and
/// rebuilds the gateway (GatewayHost::restart()); the language applies at once.
class SettingsController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(SettingsController)
    Q_PROPERTY(QString bind READ bind WRITE setBind NOTIFY draftChanged FINAL)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY draftChanged FINAL)
    Q_PROPERTY(QString authMode READ authMode WRITE setAuthMode NOTIFY draftChanged FINAL)
    Q_PROPERTY(bool allowInsecureBind READ allowInsecureBind WRITE setAllowInsecureBind NOTIFY draftChanged FINAL)
    Q_PROPERTY(bool modified READ isModified NOTIFY draftChanged FINAL)
    Q_PROPERTY(bool bindIsLoopback READ bindIsLoopback NOTIFY draftChanged FINAL)
    Q_PROPERTY(bool tokenSet READ isTokenSet NOTIFY tokenChanged FINAL)
    Q_PROPERTY(QString maskedToken READ maskedToken NOTIFY tokenChanged FINAL)
    Q_PROPERTY(bool tlsAvailable READ isTlsAvailable CONSTANT FINAL)
    Q_PROPERTY(QString secretsLocation READ secretsLocation NOTIFY tokenChanged FINAL)
    Q_PROPERTY(bool secretsInKeychain READ secretsInKeychain NOTIFY tokenChanged FINAL)
    Q_PROPERTY(QString configPath READ configPath NOTIFY draftChanged FINAL)
    Q_PROPERTY(QStringList languages READ languages CONSTANT FINAL)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged FINAL)
    /// The language's row in `languages`.
    Q_PROPERTY(int languageIndex READ languageIndex NOTIFY languageChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusTextChanged FINAL)

public:
    /// translators may be nullptr (tests without a QCoreApplication translator set-up).
    SettingsController(GatewayHost &host, Language::Translators *translators, QObject *parent = nullptr);
    ~SettingsController() override;
    static SettingsController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    QString bind() const { return m_bind; }
    void setBind(const QString &bind);
    int port() const { return m_port; }
    void setPort(int port);
    QString authMode() const { return m_authMode; }
    void setAuthMode(const QString &mode);
    bool allowInsecureBind() const { return m_allowInsecureBind; }
    void setAllowInsecureBind(bool allow);
    bool isModified() const;
    bool bindIsLoopback() const;
    bool isTokenSet() const;
    QString maskedToken() const;
    /// The gateway serves TLS (gateway.tls_enabled in skynet.toml; no switch on this page yet).
    bool isTlsAvailable() const { return true; }
    QString secretsLocation() const;
    bool secretsInKeychain() const;
    QString configPath() const;
    QStringList languages() const;
    QString language() const { return m_language; }
    void setLanguage(const QString &code);
    int languageIndex() const { return int(languages().indexOf(m_language)); }
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }
    QString statusText() const { return m_statusText; }

    /// "Deutsch" for "de"; "" (follow the system) gives "System default".
    Q_INVOKABLE QString languageName(const QString &code) const;

public Q_SLOTS:
    /// Validates the drafts, writes skynet.toml and restarts the gateway with it.
    bool apply();
    /// Drops the drafts (back to what the running gateway uses).
    void revert();
    /// Puts the gateway token on the clipboard (it is never shown in full on screen).
    void copyToken();
    /// Replaces the gateway token with a new random one (clients must use the new one) and
    /// restarts the gateway.
    bool regenerateToken();

Q_SIGNALS:
    void draftChanged();
    void tokenChanged();
    void languageChanged();
    void errorStringChanged();
    void statusTextChanged();

private:
    QString currentToken() const;
    void loadFromService();
    void setErrorString(const QString &message);
    void setStatusText(const QString &text);

    static SettingsController *s_instance;
    GatewayHost &m_host;
    Language::Translators *m_translators;
    QPointer<QQmlEngine> m_engine;
    QString m_bind;
    int m_port = 0;
    QString m_authMode;
    bool m_allowInsecureBind = false;
    QString m_language;
    QString m_errorString;
    QString m_statusText;
};
