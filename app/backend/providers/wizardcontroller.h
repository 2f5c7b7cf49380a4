// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "providers/machineinfo.h"

class QJSEngine;
class QQmlEngine;

class GatewayHost;
class OllamaController;

/// @brief The first-run setup wizard's state and actions (qml/wizard/SetupWizard.qml shows it).
///
/// It is active on the first start until finished or skipped; completion is remembered in
/// QSettings ("wizard/completed"). Under QStandardPaths test mode it does not open by itself
/// (other UI tests load the window too) unless SKYNET_WIZARD_AUTOSHOW is set; start() opens it.
class WizardController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(WizardController)

    Q_PROPERTY(bool active READ isActive NOTIFY activeChanged FINAL)
    Q_PROPERTY(bool completed READ isCompleted NOTIFY completedChanged FINAL)
    Q_PROPERTY(QString ramText READ ramText NOTIFY machineChanged FINAL)
    Q_PROPERTY(int cpuCores READ cpuCores NOTIFY machineChanged FINAL)
    Q_PROPERTY(QString gpuText READ gpuText NOTIFY machineChanged FINAL)
    Q_PROPERTY(QString recommendedModel READ recommendedModel NOTIFY machineChanged FINAL)
    Q_PROPERTY(QString recommendedSize READ recommendedSize NOTIFY machineChanged FINAL)
    Q_PROPERTY(QString recommendationReason READ recommendationReason NOTIFY machineChanged FINAL)
    /// The recommended model is already on the Ollama host.
    Q_PROPERTY(bool recommendedInstalled READ isRecommendedInstalled NOTIFY recommendedInstalledChanged FINAL)
    Q_PROPERTY(QString ownerName READ ownerName NOTIFY ownerNameChanged FINAL)
    Q_PROPERTY(bool ownerSaved READ isOwnerSaved NOTIFY ownerNameChanged FINAL)
    Q_PROPERTY(QString maskedToken READ maskedToken NOTIFY tokenChanged FINAL)
    Q_PROPERTY(bool hasToken READ hasToken NOTIFY tokenChanged FINAL)
    Q_PROPERTY(bool telegramConnected READ isTelegramConnected NOTIFY telegramChanged FINAL)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)

public:
    /// host and ollama must outlive this object; machineRoot is "/" except in tests.
    WizardController(GatewayHost &host, OllamaController &ollama, QObject *parent = nullptr);
    ~WizardController() override;

    static WizardController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    /// The instance Backends created (nullptr when none).
    static WizardController *instance() { return s_instance; }

    bool isActive() const { return m_active; }
    bool isCompleted() const { return m_completed; }
    QString ramText() const;
    int cpuCores() const { return m_machine.cpuCores; }
    QString gpuText() const;
    QString recommendedModel() const { return m_recommendation.tag; }
    /// The download size for display ("about 5.3 GB").
    QString recommendedSize() const;
    QString recommendationReason() const { return m_recommendation.reason; }
    bool isRecommendedInstalled() const;
    QString ownerName() const { return m_ownerName; }
    bool isOwnerSaved() const { return m_ownerSaved; }
    QString maskedToken() const;
    bool hasToken() const;
    bool isTelegramConnected() const { return m_telegramConnected; }
    bool isBusy() const { return m_busy; }
    QString errorString() const { return m_errorString; }
    bool hasError() const { return !m_errorString.isEmpty(); }

    /// Reads the machine from another root (tests: a fixture tree of /proc and /sys files).
    void setMachineRoot(const QString &root);
    /// "" when token looks like a Telegram bot token ("123456:ABC…"), else why not.
    static QString validateTelegramToken(const QString &token);

    /// The gateway token itself, for the copy button (never shown as text).
    Q_INVOKABLE QString revealToken() const;

public Q_SLOTS:
    /// Opens the wizard (also after it was completed: "run setup again").
    void start();
    /// Marks the wizard done and closes it.
    void finish();
    /// Closes it without changing anything; it is not shown again.
    void skip();
    /// Reads the machine and the owner's name again and checks Ollama.
    void detect();
    /// Downloads the recommended model with OllamaController.
    bool pullRecommended();
    /// users.update on the owner; false (and errorString) when the name is empty.
    bool saveOwnerName(const QString &name);
    /// A new gateway token in the secret store ("gateway.token"), then a restart: every client
    /// has to use the new one.
    bool regenerateToken();
    /// Stores the bot token in the secret store, enables [channels.telegram] and restarts.
    bool connectTelegram(const QString &token);
    void clearError();

Q_SIGNALS:
    void activeChanged();
    void completedChanged();
    void machineChanged();
    void recommendedInstalledChanged();
    void ownerNameChanged();
    void tokenChanged();
    void telegramChanged();
    void busyChanged();
    void errorStringChanged();
    void errorOccurred(const QString &message);

private:
    void setActive(bool active);
    void setCompleted(bool completed);
    void loadOwner();
    void setBusy(bool busy);
    void setErrorString(const QString &message);

    static WizardController *s_instance;

    GatewayHost &m_host;
    OllamaController &m_ollama;
    MachineInfo m_machine;
    ModelRecommendation m_recommendation;
    bool m_active = false;
    bool m_completed = false;
    QString m_ownerName;
    bool m_ownerSaved = false;
    bool m_telegramConnected = false;
    bool m_busy = false;
    QString m_errorString;
};
