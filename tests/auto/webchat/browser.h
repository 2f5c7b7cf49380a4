// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

// Headless Chromium (Debian's `chromium`) driven over the Chrome DevTools Protocol with a
// QWebSocket: no Node, no driver binary. One browser per test with a throwaway profile.

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>

#include "testsupport.h"

namespace TestSupport
{

class HeadlessBrowser
{
public:
    HeadlessBrowser() = default;
    ~HeadlessBrowser()
    {
        m_socket.abort();
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    static QString executable()
    {
        for (const QString &name : { QStringLiteral("chromium"), QStringLiteral("chromium-browser") }) {
            const QString path = QStandardPaths::findExecutable(name);
            if (!path.isEmpty())
                return path;
        }
        return {};
    }

    /// Starts the browser on url and attaches to its page; errorString() says why not.
    bool start(const QUrl &url)
    {
        m_process.setProgram(executable());
        m_process.setArguments({ QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
            QStringLiteral("--disable-gpu"), QStringLiteral("--disable-quic"), QStringLiteral("--no-first-run"),
            QStringLiteral("--disable-background-networking"), QStringLiteral("--disable-component-update"),
            QStringLiteral("--disable-sync"), QStringLiteral("--disable-dev-shm-usage"),
            QStringLiteral("--disable-extensions"), QStringLiteral("--remote-debugging-port=0"),
            QStringLiteral("--user-data-dir=") + m_profile.path(), url.toString() });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
            [this] { m_stderr += m_process.readAllStandardError(); });
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            m_error = QStringLiteral("chromium did not start: ") + m_process.errorString();
            return false;
        }
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/<id>"
        static const QRegularExpression listening(QStringLiteral("DevTools listening on ws://[^:]+:(\\d+)/"));
        QRegularExpressionMatch match;
        if (!waitFor([&] {
                match = listening.match(QString::fromUtf8(m_stderr));
                return match.hasMatch() || m_process.state() == QProcess::NotRunning;
            })
            || !match.hasMatch()) {
            m_error
                = QStringLiteral("chromium did not open its DevTools port: ") + QString::fromUtf8(m_stderr.right(2000));
            return false;
        }
        m_devtoolsPort = quint16(match.captured(1).toUInt());
        // The page target.
        QString pageSocket;
        waitFor([&] {
            const HttpResult list = httpGet(QUrl(QStringLiteral("http://127.0.0.1:%1/json/list").arg(m_devtoolsPort)));
            for (const QJsonValue &target : QJsonDocument::fromJson(list.body).array()) {
                const QJsonObject t = target.toObject();
                if (t.value(QStringLiteral("type")).toString() == QStringLiteral("page")
                    && t.value(QStringLiteral("url")).toString().startsWith(url.toString(QUrl::RemovePath))) {
                    pageSocket = t.value(QStringLiteral("webSocketDebuggerUrl")).toString();
                }
            }
            return !pageSocket.isEmpty();
        });
        if (pageSocket.isEmpty()) {
            m_error = QStringLiteral("no page target for ") + url.toString();
            return false;
        }
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString &text) {
            const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
            if (message.contains(QStringLiteral("id")))
                m_results.insert(message.value(QStringLiteral("id")).toInt(), message);
            else
                onEvent(message);
        });
        m_socket.open(QUrl(pageSocket));
        if (!waitFor([&] { return m_socket.state() == QAbstractSocket::ConnectedState; })) {
            m_error = QStringLiteral("cannot attach to the page: ") + m_socket.errorString();
            return false;
        }
        for (const char *domain : { "Runtime.enable", "Log.enable", "Page.enable" })
            call(QString::fromLatin1(domain));
        return true;
    }

    QString errorString() const { return m_error; }

    /// Sends a CDP command and waits for its result ({} on timeout).
    QJsonObject call(const QString &method, const QJsonObject &params = {}, int timeoutMs = WAIT_MS)
    {
        const int id = ++m_nextId;
        m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(
            QJsonObject { { QStringLiteral("id"), id }, { QStringLiteral("method"), method },
                { QStringLiteral("params"), params } }).toJson(QJsonDocument::Compact)));
        waitFor([&] { return m_results.contains(id); }, timeoutMs);
        return m_results.take(id);
    }

    /// Evaluates JavaScript in the page (promises awaited) and returns its value; an exception
    /// is returned as {"exception": text}.
    QJsonValue evaluate(const QString &expression)
    {
        const QJsonObject response = call(QStringLiteral("Runtime.evaluate"),
            { { QStringLiteral("expression"), expression }, { QStringLiteral("returnByValue"), true },
                { QStringLiteral("awaitPromise"), true } });
        const QJsonObject result = response.value(QStringLiteral("result")).toObject();
        if (result.contains(QStringLiteral("exceptionDetails"))) {
            const QJsonObject details = result.value(QStringLiteral("exceptionDetails")).toObject();
            return QJsonObject { { QStringLiteral("exception"),
                details.value(QStringLiteral("exception"))
                    .toObject()
                    .value(QStringLiteral("description"))
                    .toString(details.value(QStringLiteral("text")).toString()) } };
        }
        return result.value(QStringLiteral("result")).toObject().value(QStringLiteral("value"));
    }

    QString text(const QString &expression) { return evaluate(expression).toString(); }

    /// Errors the page reported: uncaught exceptions, console.error, and log entries of level
    /// error (CSP violations and failed loads among them).
    QStringList pageErrors() const { return m_errors; }
    void clearErrors() { m_errors.clear(); }

    void reload() { call(QStringLiteral("Page.reload"), { { QStringLiteral("ignoreCache"), true } }); }

private:
    void onEvent(const QJsonObject &message)
    {
        const QString method = message.value(QStringLiteral("method")).toString();
        const QJsonObject params = message.value(QStringLiteral("params")).toObject();
        if (method == QStringLiteral("Runtime.exceptionThrown")) {
            m_errors.append(QStringLiteral("exception: ")
                + params.value(QStringLiteral("exceptionDetails")).toObject().value(QStringLiteral("text")).toString());
        } else if (method == QStringLiteral("Runtime.consoleAPICalled")
            && params.value(QStringLiteral("type")).toString() == QStringLiteral("error")) {
            m_errors.append(QStringLiteral("console.error: ")
                + QString::fromUtf8(QJsonDocument(params.value(QStringLiteral("args")).toArray()).toJson()));
        } else if (method == QStringLiteral("Log.entryAdded")) {
            const QJsonObject entry = params.value(QStringLiteral("entry")).toObject();
            if (entry.value(QStringLiteral("level")).toString() == QStringLiteral("error"))
                m_errors.append(entry.value(QStringLiteral("source")).toString() + QStringLiteral(": ")
                    + entry.value(QStringLiteral("text")).toString() + QStringLiteral(" ")
                    + entry.value(QStringLiteral("url")).toString());
        }
    }

    template<typename Predicate>
    static bool waitFor(Predicate done, int timeoutMs = WAIT_MS)
    {
        QElapsedTimer timer;
        timer.start();
        while (!done()) {
            if (timer.elapsed() > timeoutMs)
                return false;
            QEventLoop loop;
            QTimer::singleShot(20, &loop, &QEventLoop::quit);
            loop.exec();
        }
        return true;
    }

    QTemporaryDir m_profile;
    QProcess m_process;
    QByteArray m_stderr;
    quint16 m_devtoolsPort = 0;
    QWebSocket m_socket;
    QHash<int, QJsonObject> m_results;
    QStringList m_errors;
    int m_nextId = 0;
    QString m_error;
};

} // namespace TestSupport
