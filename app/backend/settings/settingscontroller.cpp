// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "settings/settingscontroller.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHostAddress>
#include <QJSEngine>
#include <QProcessEnvironment>
#include <QQmlEngine>

#include "config/configeditor.h"
#include "gatewayhost.h"
#include "secrets/secretstore.h"
#include "service/service.h"
#include "settings/language.h"

using namespace Qt::StringLiterals;

namespace
{
}

SettingsController *SettingsController::s_instance = nullptr;

SettingsController::SettingsController(GatewayHost &host, Language::Translators *translators, QObject *parent)
    : QObject(parent), m_host(host), m_translators(translators), m_language(Language::saved())
{
    Q_ASSERT_X(!s_instance, "SettingsController", "only one SettingsController may exist at a time");
    s_instance = this;
    loadFromService();
    connect(&m_host, &GatewayHost::serviceChanged, this, [this] {
        loadFromService();
        Q_EMIT tokenChanged();
    });
}

SettingsController::~SettingsController()
{
    s_instance = nullptr;
}

SettingsController *SettingsController::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_ASSERT_X(s_instance, "SettingsController::create", "main() must create it before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    s_instance->m_engine = qmlEngine;
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void SettingsController::loadFromService()
{
    const Gateway::Config::GatewaySettings &gw = m_host.service()->settings().gateway;
    m_bind = gw.bind;
    m_port = gw.port;
    m_authMode = gw.auth;
    m_allowInsecureBind = gw.allowInsecureBind;
    Q_EMIT draftChanged();
}

void SettingsController::setBind(const QString &bind)
{
    const QString trimmed = bind.trimmed();
    if (trimmed == m_bind)
        return;
    m_bind = trimmed;
    Q_EMIT draftChanged();
}

void SettingsController::setPort(int port)
{
    if (port == m_port)
        return;
    m_port = port;
    Q_EMIT draftChanged();
}

void SettingsController::setAuthMode(const QString &mode)
{
    if (mode == m_authMode)
        return;
    m_authMode = mode;
    Q_EMIT draftChanged();
}

void SettingsController::setAllowInsecureBind(bool allow)
{
    if (allow == m_allowInsecureBind)
        return;
    m_allowInsecureBind = allow;
    Q_EMIT draftChanged();
}

bool SettingsController::isModified() const
{
    const Gateway::Config::GatewaySettings &gw = m_host.service()->settings().gateway;
    return m_bind != gw.bind || m_port != gw.port || m_authMode != gw.auth
        || m_allowInsecureBind != gw.allowInsecureBind;
}

bool SettingsController::bindIsLoopback() const
{
    if (m_bind.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(m_bind);
    return !address.isNull() && address.isLoopback();
}

QString SettingsController::currentToken() const
{
    const Gateway::Config::Settings &settings = m_host.service()->settings();
    const std::optional<QString> token = Gateway::Secrets::resolve(
        settings.gateway.token, m_host.secrets(), QProcessEnvironment::systemEnvironment(), settings.home);
    return token.value_or(QString());
}

bool SettingsController::isTokenSet() const
{
    return !currentToken().isEmpty();
}

QString SettingsController::maskedToken() const
{
    const QString token = currentToken();
    if (token.isEmpty())
        return {};
    // Enough to tell two tokens apart, not enough to use one.
    return token.left(4) + QString(8, QChar(0x2022)) + token.right(2);
}

QString SettingsController::secretsLocation() const
{
    // The file's path when secrets are in a file; the keychain needs no path.
    if (const auto *file = dynamic_cast<const Gateway::Secrets::FileSecretStore *>(m_host.secrets()))
        return file->path();
    return {};
}

bool SettingsController::secretsInKeychain() const
{
    return m_host.secrets() && m_host.secrets()->isKeychain();
}

QString SettingsController::configPath() const
{
    return m_host.configPath();
}

QStringList SettingsController::languages() const
{
    QStringList codes { QString() };
    codes.append(Language::available());
    return codes;
}

QString SettingsController::languageName(const QString &code) const
{
    if (code.isEmpty())
        return tr("System default");
    return Language::nativeName(code);
}

void SettingsController::setLanguage(const QString &code)
{
    if (code == m_language)
        return;
    if (!code.isEmpty() && !Language::available().contains(code)) {
        setErrorString(tr("Unknown language: %1").arg(code));
        return;
    }
    m_language = code;
    Language::save(code);
    if (m_translators) {
        if (!m_translators->install(Language::effectiveLocale()))
            setErrorString(tr("The translation for %1 is missing.").arg(languageName(code)));
    }
    if (m_engine)
        m_engine->retranslate();
    Q_EMIT languageChanged();
}

void SettingsController::setErrorString(const QString &message)
{
    if (message == m_errorString)
        return;
    m_errorString = message;
    Q_EMIT errorStringChanged();
}

void SettingsController::setStatusText(const QString &text)
{
    if (text == m_statusText)
        return;
    m_statusText = text;
    Q_EMIT statusTextChanged();
}

bool SettingsController::apply()
{
    setStatusText({});
    if (m_port < 1 || m_port > 65535) {
        setErrorString(tr("The port must be a number from 1 to 65535."));
        return false;
    }
    if (m_bind.isEmpty()
        || (QHostAddress(m_bind).isNull() && m_bind.compare(u"localhost"_s, Qt::CaseInsensitive) != 0)) {
        setErrorString(tr("The address must be an IP address such as 127.0.0.1, or localhost."));
        return false;
    }
    if (!bindIsLoopback() && m_authMode == u"none") {
        setErrorString(tr("Beyond this computer clients must authenticate: choose token or password."));
        return false;
    }
    ConfigChange change;
    change.values = { { u"gateway.bind"_s, m_bind }, { u"gateway.port"_s, m_port }, { u"gateway.auth"_s, m_authMode },
        { u"gateway.allow_insecure_bind"_s, m_allowInsecureBind } };
    if (const Gateway::Status s = m_host.applyConfig(change); !s) {
        const QString &code = s.error().code;
        if (code == u"NO_FILE") {
            setErrorString(tr("These settings come from the command line or environment and cannot be saved here."));
        } else if (code == u"RESTART") {
            // applyConfig() put the previous file back and runs with it, so Skynet stays reachable.
            setErrorString(tr("The gateway could not start with these settings, so the previous ones are back: %1")
                               .arg(s.error().message));
        } else {
            setErrorString(s.error().message);
        }
        return false;
    }
    setErrorString({});
    setStatusText(tr("Saved. The gateway now listens on %1.").arg(m_host.service()->url()));
    return true;
}

void SettingsController::revert()
{
    loadFromService();
    setErrorString({});
    setStatusText({});
}

void SettingsController::copyToken()
{
    const QString token = currentToken();
    if (token.isEmpty()) {
        setErrorString(tr("No gateway token is set."));
        return;
    }
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(token);
    setStatusText(tr("The gateway token is on the clipboard."));
}

bool SettingsController::regenerateToken()
{
    const Gateway::Status s = m_host.regenerateToken();
    Q_EMIT tokenChanged();
    if (!s) {
        const QString &code = s.error().code;
        if (code == u"NO_STORE")
            setErrorString(tr("No secret store is available."));
        else if (code == u"NO_TOKEN_AUTH")
            setErrorString(tr("No gateway token is set."));
        else if (code == u"TOKEN_ELSEWHERE")
            setErrorString(tr("The gateway token comes from %1; change it there.").arg(s.error().message));
        else
            setErrorString(s.error().message);
        return false;
    }
    setErrorString({});
    setStatusText(tr("A new gateway token is in place; connected clients must use it."));
    return true;
}
