// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "users/userscontroller.h"

#include <QDir>
#include <QFileInfo>
#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QQmlEngine>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>

#include "gatewayhost.h"
#include "service/service.h"

using namespace Qt::StringLiterals;

UsersController *UsersController::s_instance = nullptr;

namespace
{
const QStringList ROLES { u"admin"_s, u"user"_s, u"child"_s };
}

UsersController::UsersController(GatewayHost &host, QObject *parent)
    : QObject(parent),
      m_host(host),
      m_users(new UserListModel(this)),
      m_identities(new IdentityListModel(this)),
      m_memories(new MemoryListModel(this))
{
    Q_ASSERT_X(!s_instance, "UsersController", "only one UsersController may exist at a time");
    s_instance = this;
    const auto attach = [this] {
        if (Gateway::Service *service = m_host.service())
            connect(service, &Gateway::Service::readyChanged, this, &UsersController::refresh, Qt::UniqueConnection);
        refresh();
    };
    connect(&m_host, &GatewayHost::serviceAboutToChange, this, [this] {
        if (Gateway::Service *service = m_host.service())
            disconnect(service, nullptr, this, nullptr);
        // Replies of the old client never come: nothing is loading any more.
        m_pending = 0;
        Q_EMIT loadingChanged();
    });
    connect(&m_host, &GatewayHost::serviceChanged, this, attach);
    attach();
}

UsersController::~UsersController()
{
    s_instance = nullptr;
}

UsersController *UsersController::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "UsersController::create", "Backends must create UsersController before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

QString UsersController::displayName() const
{
    return m_details.value(u"user").toObject().value(u"displayName").toString();
}

QString UsersController::role() const
{
    return m_details.value(u"user").toObject().value(u"role").toString();
}

qint64 UsersController::dailyTokenBudget() const
{
    return m_details.value(u"user").toObject().value(u"dailyTokenBudget").toInteger();
}

qint64 UsersController::tokensToday() const
{
    return m_details.value(u"usage").toObject().value(u"tokensToday").toInteger();
}

QString UsersController::suggestedExportPath() const
{
    if (m_selectedId.isEmpty())
        return {};
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    // The id is the gateway's (letters, digits, '-', '_'); keep the file name safe anyway.
    QString id = m_selectedId;
    id.replace(QRegularExpression(u"[^A-Za-z0-9_-]"_s), u"_"_s);
    return QDir(dir).filePath(u"skynet-user-%1.json"_s.arg(id));
}

void UsersController::call(const QString &method, const QJsonObject &params, Done done)
{
    Gateway::LocalClient *client = m_host.client();
    if (!client) {
        setError(tr("The gateway is not running."));
        return;
    }
    ++m_pending;
    if (m_pending == 1)
        Q_EMIT loadingChanged();
    client->call(method, params, [this, done = std::move(done)](const Gateway::LocalReply &reply) {
        m_pending = qMax(0, m_pending - 1);
        if (m_pending == 0)
            Q_EMIT loadingChanged();
        if (!reply.ok) {
            // Storage not ready yet: readyChanged refreshes again.
            if (reply.errorCode != u"UNAVAILABLE")
                setError(reply.errorMessage);
            return;
        }
        if (done)
            done(reply.payload.toObject());
    });
}

void UsersController::refresh()
{
    call(u"users.list"_s, QJsonObject { { u"limit"_s, 1000 } }, [this](const QJsonObject &payload) {
        m_users->setRows(payload.value(u"users"_s).toArray());
        bool found = false;
        for (const QJsonObject &row : m_users->rows())
            found = found || row.value(u"id"_s).toString() == m_selectedId;
        if (!m_selectedId.isEmpty() && !found)
            selectUser({});
        else
            loadSelected();
    });
}

void UsersController::selectUser(const QString &userId)
{
    if (userId != m_selectedId) {
        m_selectedId = userId;
        m_details = {};
        setLinkCode({});
        m_identities->clear();
        m_memories->clear();
        Q_EMIT selectedChanged();
    }
    loadSelected();
}

void UsersController::loadSelected()
{
    if (m_selectedId.isEmpty())
        return;
    const QString id = m_selectedId;
    call(u"users.get"_s, QJsonObject { { u"userId"_s, id } }, [this, id](const QJsonObject &payload) {
        if (id != m_selectedId)
            return;
        m_details = payload;
        m_identities->setRows(payload.value(u"identities"_s).toArray());
        Q_EMIT selectedChanged();
    });
    call(u"memory.list"_s, QJsonObject { { u"userId"_s, id }, { u"limit"_s, 500 } },
        [this, id](const QJsonObject &payload) {
            if (id == m_selectedId)
                m_memories->setRows(payload.value(u"memories"_s).toArray());
        });
}

void UsersController::createUser(const QString &displayName, const QString &role)
{
    const QString name = displayName.trimmed();
    if (name.isEmpty()) {
        setError(tr("Enter a name for the new user."));
        return;
    }
    if (!ROLES.contains(role)) {
        setError(tr("The role must be admin, user or child."));
        return;
    }
    call(u"users.create"_s, QJsonObject { { u"displayName"_s, name }, { u"role"_s, role } },
        [this, name](const QJsonObject &payload) {
            clearError();
            setNotice(tr("Created %1.").arg(name));
            m_selectedId = payload.value(u"user"_s).toObject().value(u"id"_s).toString();
            m_details = {};
            Q_EMIT selectedChanged();
            refresh();
        });
}

void UsersController::setRole(const QString &role)
{
    if (m_selectedId.isEmpty()) {
        setError(tr("Select a user first."));
        return;
    }
    if (!ROLES.contains(role)) {
        setError(tr("The role must be admin, user or child."));
        return;
    }
    call(u"users.update"_s, QJsonObject { { u"userId"_s, m_selectedId }, { u"role"_s, role } },
        [this](const QJsonObject &) {
            clearError();
            setNotice(tr("Role changed."));
            refresh();
        });
}

void UsersController::setDailyTokenBudget(qint64 tokens)
{
    if (m_selectedId.isEmpty()) {
        setError(tr("Select a user first."));
        return;
    }
    if (tokens < 0) {
        setError(tr("The budget cannot be negative (0 means no limit)."));
        return;
    }
    call(u"users.update"_s, QJsonObject { { u"userId"_s, m_selectedId }, { u"dailyTokenBudget"_s, tokens } },
        [this](const QJsonObject &) {
            clearError();
            setNotice(tr("Budget saved."));
            loadSelected();
        });
}

void UsersController::requestLinkCode()
{
    if (m_selectedId.isEmpty()) {
        setError(tr("Select a user first."));
        return;
    }
    const QString id = m_selectedId;
    call(u"identities.code"_s, QJsonObject { { u"userId"_s, id } }, [this, id](const QJsonObject &payload) {
        if (id == m_selectedId)
            setLinkCode(payload.value(u"code"_s).toString());
    });
}

void UsersController::unlinkIdentity(const QString &channel, const QString &externalId)
{
    if (channel.isEmpty() || externalId.isEmpty()) {
        setError(tr("Choose an account to unlink."));
        return;
    }
    call(u"identities.unlink"_s, QJsonObject { { u"channel"_s, channel }, { u"externalId"_s, externalId } },
        [this](const QJsonObject &) {
            clearError();
            setNotice(tr("Account unlinked."));
            refresh();
        });
}

void UsersController::deleteMemory(qint64 memoryId)
{
    if (m_selectedId.isEmpty()) {
        setError(tr("Select a user first."));
        return;
    }
    call(u"memory.delete"_s, QJsonObject { { u"userId"_s, m_selectedId }, { u"id"_s, memoryId } },
        [this](const QJsonObject &) {
            clearError();
            setNotice(tr("Memory deleted."));
            loadSelected();
        });
}

void UsersController::exportUser(const QString &path)
{
    if (m_selectedId.isEmpty()) {
        setError(tr("Select a user first."));
        return;
    }
    QString file = path.trimmed();
    if (file.startsWith(u"file:"_s))
        file = QUrl(file).toLocalFile();
    if (file.isEmpty() || !QFileInfo(file).isAbsolute()) {
        setError(tr("Enter the full path of the file to write."));
        return;
    }
    if (QFileInfo(file).isDir()) {
        setError(tr("%1 is a folder; enter a file name.").arg(file));
        return;
    }
    call(u"users.export"_s, QJsonObject { { u"userId"_s, m_selectedId } }, [this, file](const QJsonObject &payload) {
        QSaveFile out(file);
        if (!out.open(QIODevice::WriteOnly)) {
            setError(tr("Cannot write %1: %2").arg(file, out.errorString()));
            return;
        }
        // Personal data: readable by the owner only.
        out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        out.write(QJsonDocument(payload).toJson(QJsonDocument::Indented));
        if (!out.commit()) {
            setError(tr("Cannot write %1: %2").arg(file, out.errorString()));
            return;
        }
        clearError();
        setNotice(tr("Exported to %1.").arg(file));
        Q_EMIT exported(file);
    });
}

void UsersController::deleteUser()
{
    if (m_selectedId.isEmpty()) {
        setError(tr("Select a user first."));
        return;
    }
    const QString name = displayName();
    call(u"users.delete"_s, QJsonObject { { u"userId"_s, m_selectedId } }, [this, name](const QJsonObject &) {
        clearError();
        setNotice(tr("Deleted %1.").arg(name));
        selectUser({});
        refresh();
    });
}

void UsersController::clearError()
{
    if (m_errorString.isEmpty())
        return;
    m_errorString.clear();
    Q_EMIT errorStringChanged();
}

void UsersController::setError(const QString &message)
{
    if (m_errorString != message) {
        m_errorString = message;
        Q_EMIT errorStringChanged();
    }
    setNotice({});
    Q_EMIT errorOccurred(message);
}

void UsersController::setNotice(const QString &notice)
{
    if (m_notice == notice)
        return;
    m_notice = notice;
    Q_EMIT noticeChanged();
}

void UsersController::setLinkCode(const QString &code)
{
    if (m_linkCode == code)
        return;
    m_linkCode = code;
    Q_EMIT linkCodeChanged();
}
