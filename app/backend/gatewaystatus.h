// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;
class QTimer;

class GatewayHost;

/// @brief The live state of the in-process gateway, for QML.
///
/// Wraps one Gateway::Service (which knows nothing about QML) and mirrors its state into
/// NOTIFY properties. main() owns the only instance; QML gets it through create().
class GatewayStatus final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_DISABLE_COPY_MOVE(GatewayStatus)

    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged FINAL)
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged FINAL)
    Q_PROPERTY(State state READ state NOTIFY stateChanged FINAL)
    Q_PROPERTY(QString address READ address NOTIFY addressChanged FINAL)
    Q_PROPERTY(int port READ port NOTIFY addressChanged FINAL)
    Q_PROPERTY(QString url READ url NOTIFY addressChanged FINAL)
    Q_PROPERTY(qint64 uptimeMs READ uptimeMs NOTIFY uptimeMsChanged FINAL)
    Q_PROPERTY(QString uptimeText READ uptimeText NOTIFY uptimeMsChanged FINAL)
    Q_PROPERTY(int clientCount READ clientCount NOTIFY clientCountChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(bool hasError READ hasError NOTIFY errorStringChanged FINAL)
    Q_PROPERTY(QString version READ version CONSTANT FINAL)

public:
    /// What the status page shows; derived here so QML only maps it to text and colour.
    enum class State {
        Stopped, ///< not listening, no error
        Starting, ///< listening, storage not ready yet
        Ready, ///< listening and accepting clients
        Failed, ///< not listening because start() or the service reported an error
    };
    Q_ENUM(State)

    /// host must outlive this object. Only one GatewayStatus may exist at a time.
    explicit GatewayStatus(GatewayHost &host, QObject *parent = nullptr);
    ~GatewayStatus() override;

    /// QML singleton factory: hands out the instance main() created (never creates one).
    static GatewayStatus *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    bool isRunning() const;
    bool isReady() const;
    State state() const;
    /// "127.0.0.1:18789" ("[::1]:18789" for IPv6); empty while not listening.
    QString address() const;
    int port() const;
    /// "ws://127.0.0.1:18789"; empty while not listening.
    QString url() const;
    qint64 uptimeMs() const;
    /// Uptime for display, e.g. "00:03:07" or "2 days 04:00:10".
    QString uptimeText() const;
    int clientCount() const;
    QString errorString() const;
    bool hasError() const;
    QString version() const;

    /// Formats a duration the way uptimeText() does (public for tests).
    static QString formatUptime(qint64 ms);

public Q_SLOTS:
    /// Starts the service if it is not running; a failure becomes errorString, never a dialog.
    void start();
    /// Stops the service (clients get a `shutdown` event).
    void stop();
    /// Rebuilds the service from the configuration files (after a settings change).
    void restart();

Q_SIGNALS:
    void runningChanged();
    void readyChanged();
    void stateChanged();
    void addressChanged();
    void uptimeMsChanged();
    void clientCountChanged();
    void errorStringChanged();
    /// Emitted with every error, also when the text did not change.
    void errorOccurred(const QString &message);

private:
    void attach();
    void refresh();
    void refreshUptime();
    void setErrorString(const QString &message);

    static GatewayStatus *s_instance;

    GatewayHost &m_host;
    QTimer *m_uptimeTimer;
    bool m_running = false;
    bool m_ready = false;
    State m_state = State::Stopped;
    QString m_address;
    int m_port = 0;
    QString m_url;
    qint64 m_uptimeMs = 0;
    int m_clientCount = 0;
    QString m_errorString;
};
