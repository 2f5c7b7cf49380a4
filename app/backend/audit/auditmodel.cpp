// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "audit/auditmodel.h"

#include <QDateTime>
#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QQmlEngine>

#include "gatewayhost.h"
#include "service/localclient.h"

using namespace Qt::StringLiterals;

AuditModel *AuditModel::s_instance = nullptr;

AuditModel::AuditModel(GatewayHost &host, QObject *parent) : QAbstractListModel(parent), m_host(host)
{
    Q_ASSERT_X(!s_instance, "AuditModel", "only one AuditModel may exist at a time");
    s_instance = this;
    connect(&m_host, &GatewayHost::serviceChanged, this, [this] {
        m_verifyState = VerifyState::Unknown;
        Q_EMIT verifyStateChanged();
        if (!m_rows.isEmpty())
            reload();
    });
}

AuditModel::~AuditModel()
{
    s_instance = nullptr;
}

AuditModel *AuditModel::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "AuditModel::create", "main() must create it before QML uses it");
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return row.id;
    case TimeTextRole:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.at), QLocale::ShortFormat);
    case ActorRole:
        return row.actor;
    case Qt::DisplayRole:
    case ActionRole:
        return row.action;
    case TargetRole:
        return row.target;
    case OutcomeRole:
        return row.outcome;
    case DetailRole:
        return row.detail;
    }
    return {};
}

QHash<int, QByteArray> AuditModel::roleNames() const
{
    return { { IdRole, "entryId" }, { TimeTextRole, "timeText" }, { ActorRole, "actor" }, { ActionRole, "actionName" },
        { TargetRole, "target" }, { OutcomeRole, "outcome" }, { DetailRole, "detail" } };
}

void AuditModel::setActionFilter(const QString &action)
{
    const QString trimmed = action.trimmed().left(128);
    if (trimmed == m_actionFilter)
        return;
    m_actionFilter = trimmed;
    Q_EMIT actionFilterChanged();
    reload();
}

void AuditModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

void AuditModel::setErrorString(const QString &message)
{
    if (message == m_errorString)
        return;
    m_errorString = message;
    Q_EMIT errorStringChanged();
}

void AuditModel::reload()
{
    ++m_generation;
    if (!m_rows.isEmpty()) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
        Q_EMIT countChanged();
    }
    fetch(0);
}

void AuditModel::loadMore()
{
    if (!m_canLoadMore || m_loading || m_rows.isEmpty())
        return;
    fetch(m_rows.constLast().id);
}

void AuditModel::fetch(qint64 beforeId)
{
    Gateway::LocalClient *client = m_host.client();
    if (!client)
        return;
    setLoading(true);
    QJsonObject params { { u"limit"_s, PAGE_SIZE } };
    if (!m_actionFilter.isEmpty())
        params.insert(u"action"_s, m_actionFilter);
    if (beforeId > 0)
        params.insert(u"beforeId"_s, beforeId);
    const quint64 generation = m_generation;
    client->call(u"audit.list"_s, params, [this, generation](const Gateway::LocalReply &reply) {
        if (generation != m_generation)
            return;
        setLoading(false);
        if (!reply.ok) {
            setErrorString(reply.errorMessage);
            Q_EMIT loaded();
            return;
        }
        setErrorString({});
        const QJsonArray entries = reply.payload.toObject().value(u"entries"_s).toArray();
        QList<Row> rows;
        for (const QJsonValue &value : entries) {
            const QJsonObject e = value.toObject();
            Row row;
            row.id = e.value(u"id"_s).toInteger();
            row.at = e.value(u"at"_s).toInteger();
            row.actor = e.value(u"actor"_s).toString();
            row.action = e.value(u"action"_s).toString();
            row.target = e.value(u"target"_s).toString();
            row.outcome = e.value(u"outcome"_s).toString();
            const QJsonObject detail = e.value(u"detail"_s).toObject();
            row.detail = detail.isEmpty() ? QString()
                                          : QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
            rows.append(row);
        }
        if (!rows.isEmpty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(rows.size()) - 1);
            m_rows.append(rows);
            endInsertRows();
            Q_EMIT countChanged();
        }
        const bool more = rows.size() == PAGE_SIZE;
        if (more != m_canLoadMore) {
            m_canLoadMore = more;
            Q_EMIT canLoadMoreChanged();
        }
        Q_EMIT loaded();
    });
}

QString AuditModel::verifyText() const
{
    switch (m_verifyState) {
    case VerifyState::Unknown:
        return tr("Not checked yet.");
    case VerifyState::Checking:
        return tr("Checking…");
    case VerifyState::Intact:
        return tr("Intact: no entry was changed or removed from the middle of the trail.");
    case VerifyState::Broken:
        return tr("Broken at entry %1: an entry was changed or removed.").arg(m_brokenAt);
    case VerifyState::Failed:
        return tr("The check failed: %1").arg(m_errorString);
    }
    return {};
}

void AuditModel::verify()
{
    Gateway::LocalClient *client = m_host.client();
    if (!client)
        return;
    m_verifyState = VerifyState::Checking;
    Q_EMIT verifyStateChanged();
    client->call(u"audit.verify"_s, {}, [this](const Gateway::LocalReply &reply) {
        if (!reply.ok) {
            setErrorString(reply.errorMessage);
            m_verifyState = VerifyState::Failed;
        } else {
            const QJsonObject result = reply.payload.toObject();
            m_brokenAt = result.value(u"brokenAt"_s).toInteger();
            m_verifyState = result.value(u"ok"_s).toBool() ? VerifyState::Intact : VerifyState::Broken;
        }
        Q_EMIT verifyStateChanged();
    });
}
