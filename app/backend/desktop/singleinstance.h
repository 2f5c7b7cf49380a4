// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include <QByteArray>
#include <QObject>
#include <QString>

class QLocalServer;
class QLocalSocket;

/// @brief Keeps one desktop app per user and Skynet home: a second launch asks the first to
/// show its window and exits.
///
/// The first launch listens on a local socket private to the user (in $XDG_RUNTIME_DIR, else a
/// 0700 folder under the temporary directory); its name holds the user id and a hash of the home
/// folder, so two homes run side by side. A later launch connects and sends one line: "raise" or
/// "show <page>"; the first answers "ok". A socket left behind by a crash refuses connections: it is
/// removed and listened on again. Anything else a peer sends is ignored (bounded, with a timeout).
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    enum class Role {
        Unknown, ///< start() not called yet
        Primary, ///< this process listens: it is the one instance
        Secondary, ///< another instance answered: send it a message and exit
        Unguarded, ///< neither worked (no private folder, listen failed): run without the guard
    };
    Q_ENUM(Role)

    /// Longest message line, newline included; a peer sending more is dropped.
    static constexpr int MAX_MESSAGE_BYTES = 256;
    /// Peers served at once; more are refused until one finishes.
    static constexpr int MAX_CONNECTIONS = 8;
    static constexpr std::chrono::milliseconds IO_TIMEOUT { 3000 };

    /// socketPath: the full socket path (socketPathFor() in the app, a temporary one in tests).
    explicit SingleInstance(QString socketPath, QObject *parent = nullptr);
    ~SingleInstance() override;

    /// The socket for this user and home ("" when no private folder could be made).
    static QString socketPathFor(const QString &home);
    /// A message line: "raise" (page empty) or "show <page>" with page one lowercase word
    /// (1..32 letters); nullopt for anything else. Surrounding whitespace is ignored.
    static std::optional<QString> parseMessage(const QByteArray &line);
    /// The line for a page ("" = just raise), without the newline.
    static QByteArray messageFor(const QString &page);

    QString socketPath() const { return m_socketPath; }
    Role role() const { return m_role; }
    QString errorString() const { return m_errorString; }

    /// Connects to a running instance (Secondary) or becomes it (Primary, listening).
    Role start();
    /// Secondary only: sends messageFor(page) and waits for the answer; false on no answer.
    bool sendRaise(const QString &page = {});

Q_SIGNALS:
    /// Another launch asked to show the window (page "" = the current one).
    void raiseRequested(const QString &page);

private:
    bool listen();
    void onNewConnection();
    void onReadyRead(QLocalSocket *socket);

    QString m_socketPath;
    Role m_role = Role::Unknown;
    QString m_errorString;
    QLocalServer *m_server = nullptr;
    std::unique_ptr<QLocalSocket> m_peer; ///< Secondary: the connection to the primary
    int m_connections = 0;
};
