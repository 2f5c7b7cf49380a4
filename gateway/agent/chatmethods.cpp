// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// The agent runtime's protocol methods: chat.send, chat.history, chat.abort, agent, agent.wait,
// usage.status, usage.cost, providers.status, models.list. Kept apart from the streaming path (chatruntime.cpp)
// so it can be compiled for size.
#include <memory>

#include <QDateTime>
#include <QJsonArray>
#include <QTimer>

#include "agent/chatruntime.h"
#include "agent/chatruntime_p.h"
#include "agent/eventbus.h"
#include "people/directory.h"
#include "protocol/dispatcher.h"
#include "protocol/frames.h"
#include "storage/sql.h"

using namespace Qt::Literals::StringLiterals;
using Gateway::Protocol::ClientSession;
using Gateway::Protocol::ProtocolError;
using Gateway::Protocol::Reply;

namespace Gateway::Agent
{

using namespace Detail;

std::optional<QString> ChatRuntime::startClientRun(const ClientSession &client, const QString &canonicalKey,
    const QString &message, const QString &idempotencyKey, const Reply &reply, bool *reused, RunOptions options)
{
    // Slash commands cost nothing: budgets and quiet hours do not stop them.
    const std::optional<QString> userId
        = authorize(client, canonicalKey, reply, message, !People::Directory::isCommand(message));
    if (!userId)
        return std::nullopt;
    if (m_bus)
        m_bus->subscribe(client.connId, canonicalKey);
    options.userId = *userId;
    // The built-in web chat is a channel of its own (persona overlay soul/channel/webchat.md).
    if (client.mode == u"webchat")
        options.channel = u"webchat"_s;
    const Result<QString> started = startRun(canonicalKey, message, idempotencyKey, reused, options);
    if (!started) {
        // A database that cannot take the message says why (details.code STORAGE_FULL,
        // STORAGE_BUSY, ...): a busy one is worth another try, a full one needs the operator.
        const Error &error = started.error();
        const bool storage = error.code.startsWith(u"STORAGE_"_s);
        const bool retryable = !storage || Storage::isTransientStorageError(error);
        QJsonObject details;
        if (storage)
            details.insert(u"code"_s, error.code);
        reply.fail(ProtocolError {
            Protocol::Code::Unavailable.toString(), error.message, details, retryable, retryable ? 1000 : -1 });
        return std::nullopt;
    }
    return *started;
}

void ChatRuntime::registerMethods(Protocol::Dispatcher &dispatcher)
{
    const QString read = Protocol::Scope::Read.toString();
    const QString write = Protocol::Scope::Write.toString();

    dispatcher.add(
        u"chat.send"_s, write, [this](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            QString error;
            const auto sessionKey = stringParam(params, u"sessionKey"_s, true, MAX_SESSION_KEY, &error);
            const auto key = stringParam(params, u"idempotencyKey"_s, true, MAX_IDEMPOTENCY_KEY, &error);
            const auto message = stringParam(params, u"message"_s, true, int(MAX_MESSAGE_CHARS), &error);
            if (!error.isEmpty() || sessionKey->isEmpty() || key->isEmpty()) {
                reply.fail(ProtocolError::invalidRequest(u"invalid chat.send params: "_s
                    + (error.isEmpty() ? u"sessionKey and idempotencyKey must not be empty"_s : error)));
                return;
            }
            // Optional "provider:model" for this turn (the desktop app's model picker); the
            // user's model policy still applies. The split is at the first colon, so Ollama tags
            // ("ollama:llama3.2:3b") survive.
            const auto model = stringParam(params, u"model"_s, false, MAX_MODEL_SPEC, &error);
            RunOptions options;
            if (model && !model->isEmpty()) {
                const qsizetype colon = model->indexOf(u':');
                options.provider = colon > 0 ? model->left(colon) : QString();
                options.model = colon > 0 ? model->mid(colon + 1) : QString();
                if (options.provider.isEmpty() || !m_pool || !m_pool->find(options.provider)) {
                    reply.fail(ProtocolError::invalidRequest(
                        u"invalid chat.send params: model must be \"provider:model\" with a configured provider"_s));
                    return;
                }
            } else if (!error.isEmpty()) {
                reply.fail(ProtocolError::invalidRequest(u"invalid chat.send params: "_s + error));
                return;
            }
            const QString canonical = canonicalSessionKey(*sessionKey, callerId(client));
            bool reused = false;
            const std::optional<QString> started
                = startClientRun(client, canonical, *message, *key, reply, &reused, options);
            if (!started)
                return;
            QJsonObject ack { { u"runId"_s, *started }, { u"status"_s, u"started"_s }, { u"sessionKey"_s, canonical } };
            if (reused) {
                const std::optional<RunOutcome> done = storedOutcome(*started);
                ack.insert(u"status"_s, done ? done->status : u"in_flight"_s);
                ack.insert(u"duplicate"_s, true);
            }
            reply.ok(ack);
        });

    dispatcher.add(
        u"chat.history"_s, read, [this](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            QString error;
            const auto sessionKey = stringParam(params, u"sessionKey"_s, true, MAX_SESSION_KEY, &error);
            if (!error.isEmpty()) {
                reply.fail(ProtocolError::invalidRequest(u"invalid chat.history params: "_s + error));
                return;
            }
            if (!m_store) {
                reply.fail(ProtocolError {
                    Protocol::Code::Unavailable.toString(), u"storage is not ready yet"_s, {}, true, 1000 });
                return;
            }
            const QJsonValue limitValue = params.value(u"limit"_s);
            const int limit
                = limitValue.isDouble() ? qBound(1, limitValue.toInt(), MAX_HISTORY_LIMIT) : DEFAULT_HISTORY_LIMIT;
            const QString canonical = canonicalSessionKey(*sessionKey, callerId(client));
            if (!authorize(client, canonical, reply))
                return;
            if (m_bus)
                m_bus->subscribe(client.connId, canonical);
            int total = 0;
            bool hasMore = false;
            QJsonArray messages;
            for (const StoredMessage &m : m_store->history(canonical, limit, &total, &hasMore))
                messages.append(m.toHistoryJson());
            const QString provider = m_pool && !m_pool->ids().isEmpty() ? m_pool->ids().first() : QString();
            reply.ok(QJsonObject {
                { u"sessionKey"_s, canonical },
                { u"sessionId"_s, canonical },
                { u"messages"_s, messages },
                { u"hasMore"_s, hasMore },
                { u"totalMessages"_s, total },
                { u"defaults"_s,
                    QJsonObject { { u"modelProvider"_s, provider },
                        { u"model"_s, m_pool ? m_pool->defaultModel(provider) : QString() },
                        { u"contextTokens"_s, 0 } } },
            });
        });

    dispatcher.add(
        u"chat.abort"_s, write, [this](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            QString error;
            const auto sessionKey = stringParam(params, u"sessionKey"_s, true, MAX_SESSION_KEY, &error);
            const auto runId = stringParam(params, u"runId"_s, false, MAX_IDEMPOTENCY_KEY, &error);
            if (!error.isEmpty()) {
                reply.fail(ProtocolError::invalidRequest(u"invalid chat.abort params: "_s + error));
                return;
            }
            const QString canonical = canonicalSessionKey(*sessionKey, callerId(client));
            if (!authorize(client, canonical, reply))
                return;
            const QStringList aborted = abort(canonical, runId.value_or(QString()));
            reply.ok(QJsonObject { { u"ok"_s, true }, { u"aborted"_s, !aborted.isEmpty() },
                { u"runIds"_s, QJsonArray::fromStringList(aborted) } });
        });

    dispatcher.add(
        u"agent"_s, write, [this](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            QString error;
            const auto message = stringParam(params, u"message"_s, true, int(MAX_MESSAGE_CHARS), &error);
            const auto key = stringParam(params, u"idempotencyKey"_s, true, MAX_IDEMPOTENCY_KEY, &error);
            const auto sessionKey = stringParam(params, u"sessionKey"_s, false, MAX_SESSION_KEY, &error);
            if (!error.isEmpty() || key->isEmpty()) {
                reply.fail(ProtocolError::invalidRequest(
                    u"invalid agent params: "_s + (error.isEmpty() ? u"idempotencyKey must not be empty"_s : error)));
                return;
            }
            const QString canonical = canonicalSessionKey(
                sessionKey && !sessionKey->isEmpty() ? *sessionKey : m_settings.agent.mainKey, callerId(client));
            bool reused = false;
            const std::optional<QString> started = startClientRun(client, canonical, *message, *key, reply, &reused);
            if (!started)
                return;
            reply.ok(QJsonObject { { u"runId"_s, *started }, { u"sessionKey"_s, canonical },
                { u"agentId"_s, m_settings.agent.defaultAgentId }, { u"status"_s, u"accepted"_s },
                { u"acceptedAt"_s, m_clock() } });
            // The second response on the same id, once the run settles.
            const auto answer = [this, reply](const RunOutcome &outcome) {
                if (outcome.status == u"ok") {
                    reply.ok(outcomeJson(outcome));
                    return;
                }
                ProtocolError failure { Protocol::Code::Unavailable.toString(),
                    outcome.errorMessage.isEmpty() ? outcome.status : outcome.errorMessage, {}, false, -1 };
                reply.fail(failure,
                    QJsonObject { { u"runId"_s, outcome.runId }, { u"status"_s, outcome.status },
                        { u"summary"_s, failure.message } });
            };
            if (!addWaiter(*started, answer))
                if (const std::optional<RunOutcome> done = storedOutcome(*started))
                    answer(*done);
        });

    dispatcher.add(
        u"agent.wait"_s, write, [this](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            QString error;
            const auto runId = stringParam(params, u"runId"_s, true, MAX_IDEMPOTENCY_KEY, &error);
            if (!error.isEmpty()) {
                reply.fail(ProtocolError::invalidRequest(u"invalid agent.wait params: "_s + error));
                return;
            }
            // Only the run's own user (or an admin) may wait on it.
            QString runSession = activeRunSession(*runId);
            if (runSession.isEmpty() && m_store)
                runSession = m_store->run(*runId).value_or(RunRecord {}).sessionKey;
            if (!runSession.isEmpty() && !authorize(client, runSession, reply))
                return;
            const auto snapshot = [](const RunOutcome &o) {
                QJsonObject result { { u"runId"_s, o.runId }, { u"status"_s, o.status }, { u"endedAt"_s, o.endedAt } };
                if (!o.stopReason.isEmpty())
                    result.insert(u"stopReason"_s, o.stopReason);
                if (!o.errorMessage.isEmpty())
                    result.insert(u"error"_s, o.errorMessage);
                return result;
            };
            if (const std::optional<RunOutcome> done = storedOutcome(*runId)) {
                reply.ok(snapshot(*done));
                return;
            }
            if (activeRunSession(*runId).isEmpty()) {
                reply.fail(ProtocolError::invalidRequest(u"unknown run: "_s + runId->left(64), u"RUN_NOT_FOUND"_s));
                return;
            }
            const QJsonValue timeoutValue = params.value(u"timeoutMs"_s);
            const int timeoutMs
                = timeoutValue.isDouble() ? qBound(0, timeoutValue.toInt(), 3'600'000) : DEFAULT_WAIT_MS;
            // One answer: whichever comes first, the end of the run or the timeout.
            auto answered = std::make_shared<bool>(false);
            auto *timer = new QTimer(this);
            timer->setSingleShot(true);
            connect(timer, &QTimer::timeout, this, [reply, answered, timer, id = *runId] {
                timer->deleteLater();
                if (*answered)
                    return;
                *answered = true;
                reply.ok(QJsonObject { { u"runId"_s, id }, { u"status"_s, u"timeout"_s } });
            });
            timer->start(timeoutMs);
            addWaiter(*runId, [reply, answered, snapshot, timer = QPointer<QTimer>(timer)](const RunOutcome &outcome) {
                if (timer)
                    timer->deleteLater();
                if (*answered)
                    return;
                *answered = true;
                reply.ok(snapshot(outcome));
            });
        });

    // Usage and cost from the transcript (by model, UTC day and session; by user once people exist).
    const auto usageWindow = [this](const QJsonObject &params, qint64 *since, int *days, QString *error) {
        const QJsonValue value = params.value(u"days"_s);
        *days = 30;
        if (!value.isUndefined() && !value.isNull()) {
            if (!value.isDouble() || value.toDouble() < 1 || value.toDouble() > 3660) {
                *error = u"days must be a number from 1 to 3660"_s;
                return false;
            }
            *days = value.toInt();
        }
        const QDate first = QDateTime::fromMSecsSinceEpoch(m_clock(), Qt::UTC).date().addDays(1 - *days);
        *since = QDateTime(first, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        return true;
    };
    const auto rowJson = [](const QString &name, const UsageRow &row, bool withTokens) {
        QJsonObject o { { name, row.key }, { u"costUsd"_s, row.costUsd }, { u"calls"_s, row.calls } };
        if (withTokens) {
            o.insert(u"input"_s, row.usage.inputTokens);
            o.insert(u"output"_s, row.usage.outputTokens);
            o.insert(u"cacheRead"_s, row.usage.cacheReadTokens);
            o.insert(u"cacheWrite"_s, row.usage.cacheWriteTokens);
        }
        return o;
    };
    const auto report = [this, usageWindow, rowJson](const ClientSession &client, const QJsonObject &params,
                            const Reply &reply, bool withTokens) {
        qint64 since = 0;
        int days = 0;
        QString error;
        if (!usageWindow(params, &since, &days, &error)) {
            reply.fail(ProtocolError::invalidRequest(u"invalid usage params: "_s + error));
            return;
        }
        if (!m_store) {
            reply.fail(ProtocolError {
                Protocol::Code::Unavailable.toString(), u"storage is not ready yet"_s, {}, true, 1000 });
            return;
        }
        // Users and children see their own usage; admins everyone's, also by user.
        QString only;
        bool admin = true;
        if (m_people && m_people->isReady()) {
            const People::Actor actor = m_people->actorOf(client);
            admin = actor.role == People::Role::Admin;
            only = admin ? QString() : actor.userId;
        }
        const auto list = [&](TranscriptStore::UsageGroup group, const QString &name) {
            QJsonArray array;
            for (const UsageRow &row : m_store->usage(group, since, only))
                array.append(rowJson(name, row, withTokens));
            return array;
        };
        const QList<UsageRow> total = m_store->usage(TranscriptStore::UsageGroup::Total, since, only);
        QJsonObject totals = rowJson(u"scope"_s, total.isEmpty() ? UsageRow {} : total.first(), withTokens);
        totals.remove(u"scope"_s);
        reply.ok(QJsonObject { { u"currency"_s, u"USD"_s }, { u"days"_s, days }, { u"since"_s, since },
            { u"totals"_s, totals }, { u"totalUsd"_s, totals.value(u"costUsd"_s) },
            { u"byModel"_s, list(TranscriptStore::UsageGroup::Model, u"model"_s) },
            { u"byDay"_s, list(TranscriptStore::UsageGroup::Day, u"day"_s) },
            { u"bySession"_s, list(TranscriptStore::UsageGroup::Session, u"sessionKey"_s) },
            { u"byUser"_s, admin ? list(TranscriptStore::UsageGroup::User, u"userId"_s) : QJsonArray() } });
    };
    dispatcher.add(
        u"usage.status"_s, read, [report](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            report(client, params, reply, true);
        });
    dispatcher.add(
        u"usage.cost"_s, read, [report](const ClientSession &client, const QJsonObject &params, const Reply &reply) {
            report(client, params, reply, false);
        });

    // Every configured provider's models (replaces the foundation's empty list). A provider that
    // cannot list its models still offers its configured model, marked unavailable.
    dispatcher.add(u"models.list"_s, read, [this](const ClientSession &, const QJsonObject &, const Reply &reply) {
        struct Pending
        {
            QList<QJsonArray> lists;
            QJsonArray errors;
            int left = 0;
        };
        const QStringList ids = m_pool ? m_pool->ids() : QStringList();
        if (ids.isEmpty()) {
            reply.ok(QJsonObject { { u"models"_s, QJsonArray() }, { u"errors"_s, QJsonArray() } });
            return;
        }
        auto pending = std::make_shared<Pending>();
        pending->lists.resize(ids.size());
        pending->left = int(ids.size());
        for (qsizetype i = 0; i < ids.size(); ++i) {
            const QString id = ids.at(i);
            const QString configured = m_pool->defaultModel(id);
            const bool available = m_pool->isAvailable(id);
            const bool local = m_pool->isLocal(id);
            const auto entry
                = [id, configured, local](const QString &model, const QString &name, qint64 context, bool available) {
                      QJsonObject o { { u"id"_s, model }, { u"name"_s, name.isEmpty() ? model : name },
                          { u"provider"_s, id }, { u"available"_s, available }, { u"local"_s, local },
                          { u"default"_s, model == configured || model == configured + u":latest"_s } };
                      if (context > 0)
                          o.insert(u"contextWindow"_s, context);
                      return o;
                  };
            // Only values are captured: the answer may come after the runtime is gone.
            m_pool->find(id)->listModels(
                [pending, reply, i, id, configured, available, entry](Result<QList<Providers::ModelInfo>> result) {
                    QJsonArray list;
                    bool hasConfigured = configured.isEmpty();
                    if (result) {
                        for (const Providers::ModelInfo &info : *result) {
                            const QJsonObject o = entry(info.id, info.name, info.contextWindow, available);
                            hasConfigured = hasConfigured || o.value(u"default"_s).toBool();
                            list.append(o);
                        }
                    } else {
                        pending->errors.append(
                            QJsonObject { { u"provider"_s, id }, { u"message"_s, result.error().message } });
                    }
                    if (!hasConfigured)
                        list.prepend(entry(configured, {}, 0, available && result.ok()));
                    pending->lists[i] = list;
                    if (--pending->left > 0)
                        return;
                    QJsonArray models;
                    for (const QJsonArray &l : std::as_const(pending->lists))
                        for (const QJsonValue &v : l)
                            models.append(v);
                    reply.ok(QJsonObject { { u"models"_s, models }, { u"errors"_s, pending->errors } });
                });
        }
    });

    dispatcher.add(u"providers.status"_s, read, [this](const ClientSession &, const QJsonObject &, const Reply &reply) {
        const Config::RoutingSettings &routing = m_settings.routing;
        reply.ok(QJsonObject {
            { u"providers"_s, m_pool ? m_pool->status() : QJsonArray() },
            { u"routing"_s,
                QJsonObject { { u"mode"_s, routing.mode }, { u"trivial"_s, routing.trivial },
                    { u"standard"_s, routing.standard }, { u"complex"_s, routing.complex },
                    { u"privacy"_s, routing.privacy || routing.offline }, { u"offline"_s, routing.offline } } },
            { u"activeRuns"_s, activeRuns() },
        });
    });
}

} // namespace Gateway::Agent
