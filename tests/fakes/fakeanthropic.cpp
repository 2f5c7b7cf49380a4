// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "fakeanthropic.h"

#include <iterator>

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QtMath>

using namespace Qt::StringLiterals;

namespace Fakes
{

namespace
{

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray sse(const QJsonObject &data)
{
    return "event: " + data.value(u"type"_s).toString().toUtf8() + "\ndata: " + compact(data) + "\n\n";
}

QStringList cut(const QString &text, int n)
{
    QStringList pieces;
    const qsizetype step = qMax<qsizetype>(1, text.size() / n);
    qsizetype pos = 0;
    for (int i = 0; i < n - 1 && pos < text.size(); ++i, pos += step)
        pieces.append(text.mid(pos, step));
    pieces.append(text.mid(pos));
    return pieces;
}

const char *const FILLER[] = { "the ", "fox ", "ran ", "far ", "and ", "hid ", "its ", "old ", "den " };

QString rfc3339(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ssZ"_s);
}

// Minimum cacheable prefix per model, reference "Prompt caching" table (Anthropic skill, Jul 2026).
// Matched by the longest prefix so dated ids (claude-haiku-4-5-20251001) inherit the alias's value.
const QHash<QString, int> &defaultMinimums()
{
    static const QHash<QString, int> table {
        { u"claude-opus-4-8"_s, 4096 },
        { u"claude-opus-4-7"_s, 4096 },
        { u"claude-opus-4-6"_s, 4096 },
        { u"claude-opus-4-5"_s, 4096 },
        { u"claude-haiku-4-5"_s, 4096 },
        { u"claude-fable-5"_s, 2048 },
        { u"claude-sonnet-4-6"_s, 2048 },
        { u"claude-3-5-haiku"_s, 2048 },
        { u"claude-3-haiku"_s, 2048 },
        { u"claude-sonnet-4-5"_s, 1024 },
        { u"claude-sonnet-4"_s, 1024 },
        { u"claude-3-7-sonnet"_s, 1024 },
        { u"claude-opus-4-1"_s, 1024 },
        { u"claude-opus-4-0"_s, 1024 },
    };
    return table;
}

// Sonnet 5, Opus 5, Mythos 5: "not found in sources — make it configurable".
constexpr int UNKNOWN_MODEL_MINIMUM = 1024;

} // namespace

FakeAnthropic::Turn FakeAnthropic::Turn::text(const QStringList &pieces)
{
    Turn t;
    Block b;
    b.pieces = pieces;
    t.blocks = { b };
    return t;
}

FakeAnthropic::Turn FakeAnthropic::Turn::toolUse(
    const QString &name, const QJsonObject &input, const QStringList &textBefore)
{
    Turn t;
    if (!textBefore.isEmpty()) {
        Block text;
        text.pieces = textBefore;
        t.blocks.append(text);
    }
    Block tool;
    tool.kind = Block::Kind::ToolUse;
    tool.toolName = name;
    tool.input = input;
    t.blocks.append(tool);
    return t;
}

FakeAnthropic::Turn FakeAnthropic::Turn::thinkingThenText(const QStringList &thinking, const QStringList &pieces)
{
    Turn t = text(pieces);
    Block b;
    b.kind = Block::Kind::Thinking;
    b.pieces = thinking;
    t.blocks.prepend(b);
    return t;
}

FakeAnthropic::Turn FakeAnthropic::Turn::httpError(int status, const QString &errorType, const QString &message)
{
    Turn t;
    t.httpStatus = status;
    t.errorType = errorType;
    t.errorMessage = message;
    return t;
}

FakeAnthropic::Turn FakeAnthropic::Turn::rateLimited(double retryAfterSeconds)
{
    Turn t = httpError(429, u"rate_limit_error"_s,
        u"This request would exceed the rate limit for your organization of 50 requests per minute."_s);
    t.retryAfterSeconds = retryAfterSeconds;
    return t;
}

FakeAnthropic::Turn FakeAnthropic::Turn::overloaded()
{
    return httpError(529, u"overloaded_error"_s, u"Overloaded"_s);
}

FakeAnthropic::Turn FakeAnthropic::Turn::errorEvent(
    const QString &errorType, const QString &message, const QStringList &piecesBefore)
{
    Turn t = piecesBefore.isEmpty() ? Turn() : text(piecesBefore);
    t.errorType = errorType;
    t.errorMessage = message;
    t.ending = Ending::ErrorEvent;
    return t;
}

FakeAnthropic::Turn FakeAnthropic::Turn::stall(const QStringList &piecesBefore)
{
    Turn t = piecesBefore.isEmpty() ? Turn() : text(piecesBefore);
    t.ending = Ending::Stall;
    return t;
}

FakeAnthropic::Turn FakeAnthropic::Turn::reset(const QStringList &piecesBefore)
{
    Turn t = piecesBefore.isEmpty() ? Turn() : text(piecesBefore);
    t.ending = Ending::Reset;
    return t;
}

FakeAnthropic::Turn FakeAnthropic::Turn::malformed(const QStringList &piecesBefore)
{
    Turn t = piecesBefore.isEmpty() ? Turn() : text(piecesBefore);
    t.ending = Ending::Malformed;
    return t;
}

FakeAnthropic::Turn FakeAnthropic::Turn::truncated(const QStringList &piecesBefore)
{
    Turn t = piecesBefore.isEmpty() ? Turn() : text(piecesBefore);
    t.ending = Ending::Truncated;
    return t;
}

FakeAnthropic::FakeAnthropic(QObject *parent)
    : QObject(parent),
      m_server(new FakeHttpServer(this)),
      m_models({ u"claude-sonnet-5"_s, u"claude-sonnet-4-6"_s, u"claude-sonnet-4-5"_s, u"claude-sonnet-4-5-20250929"_s,
          u"claude-haiku-4-5"_s, u"claude-haiku-4-5-20251001"_s, u"claude-opus-5"_s, u"claude-opus-4-8"_s,
          u"claude-opus-4-7"_s, u"claude-opus-4-6"_s, u"claude-opus-4-5"_s, u"claude-opus-4-5-20251101"_s,
          u"claude-fable-5"_s, u"claude-mythos-5"_s }),
      m_minCacheable(defaultMinimums())
{
    // USD per million tokens. Only claude-fable-5 ($10/$50) is in the reference; the others are
    // Anthropic's public list prices (not in the reference; override with setPrice()). Models
    // without a price (Sonnet 5, Opus 4.7/4.8/5, Mythos 5) bill at 0 and are listed as unpriced.
    m_prices = {
        { u"claude-fable-5"_s, { 10.0, 50.0 } },
        { u"claude-sonnet-4-6"_s, { 3.0, 15.0 } },
        { u"claude-sonnet-4-5"_s, { 3.0, 15.0 } },
        { u"claude-haiku-4-5"_s, { 1.0, 5.0 } },
        { u"claude-opus-4-6"_s, { 5.0, 25.0 } },
        { u"claude-opus-4-5"_s, { 5.0, 25.0 } },
    };
    m_server->setHandler(u"/v1/messages"_s, [this](const RecordedRequest &r) { return messages(r); });
    m_server->setHandler(
        u"/v1/messages/count_tokens"_s, [this](const RecordedRequest &r) { return countTokensEndpoint(r); });
    m_server->setHandler(u"/v1/models"_s, [this](const RecordedRequest &r) { return listModels(r); });
    m_server->setHandler(u"/v1/models/*"_s, [this](const RecordedRequest &r) { return getModel(r); });
    m_server->setFallbackHandler(
        [this](const RecordedRequest &r) { return error(404, u"not_found_error"_s, u"Not found: %1"_s.arg(r.path)); });
}

FakeAnthropic::~FakeAnthropic() = default;

bool FakeAnthropic::listen(quint16 port)
{
    return m_server->listen(port);
}

void FakeAnthropic::enqueue(const Turn &turn)
{
    m_turns.enqueue(turn);
}

void FakeAnthropic::setModels(const QStringList &ids)
{
    m_models = ids;
}

void FakeAnthropic::setMinCacheableTokens(const QString &model, int tokens)
{
    m_minCacheable.insert(model, tokens);
}

int FakeAnthropic::minCacheableTokens(const QString &model) const
{
    int best = -1;
    int value = UNKNOWN_MODEL_MINIMUM;
    for (auto it = m_minCacheable.constBegin(); it != m_minCacheable.constEnd(); ++it) {
        if (model.startsWith(it.key()) && it.key().size() > best) {
            best = int(it.key().size());
            value = it.value();
        }
    }
    return value;
}

void FakeAnthropic::setPrice(const QString &model, double inputPerMTok, double outputPerMTok)
{
    m_prices.insert(model, { inputPerMTok, outputPerMTok });
}

std::optional<FakeAnthropic::Price> FakeAnthropic::price(const QString &model) const
{
    qsizetype best = -1;
    std::optional<Price> found;
    for (auto it = m_prices.constBegin(); it != m_prices.constEnd(); ++it) {
        if (model.startsWith(it.key()) && it.key().size() > best) {
            best = it.key().size();
            found = it.value();
        }
    }
    return found;
}

void FakeAnthropic::setRateLimits(qint64 requestsPerMinute, qint64 tokensPerMinute)
{
    m_requestsLimit = requestsPerMinute;
    m_tokensLimit = tokensPerMinute;
}

qint64 FakeAnthropic::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

QByteArray FakeAnthropic::nextId(const char *prefix)
{
    return QByteArray(prefix) + "01Fake" + QByteArray::number(++m_idCounter).rightJustified(16, '0');
}

QByteArray FakeAnthropic::canonicalBlock(const QString &section, const QJsonObject &block, const QString &role)
{
    QJsonObject stripped = block;
    stripped.remove(u"cache_control"_s);
    if (section == u"messages"_s)
        return compact({ { u"role"_s, role }, { u"block"_s, stripped } });
    return compact({ { section, stripped } });
}

qint64 FakeAnthropic::countRequestTokens(const QJsonObject &request)
{
    qint64 total = 0;
    for (const QJsonValue &tool : request.value(u"tools"_s).toArray())
        total += countTokens(canonicalBlock(u"tool"_s, tool.toObject()));
    const QJsonValue system = request.value(u"system"_s);
    if (system.isString() && !system.toString().isEmpty())
        total
            += countTokens(canonicalBlock(u"system"_s, { { u"type"_s, u"text"_s }, { u"text"_s, system.toString() } }));
    for (const QJsonValue &b : system.toArray())
        total += countTokens(canonicalBlock(u"system"_s, b.toObject()));
    for (const QJsonValue &m : request.value(u"messages"_s).toArray()) {
        const QJsonObject message = m.toObject();
        const QString role = message.value(u"role"_s).toString();
        const QJsonValue content = message.value(u"content"_s);
        if (content.isString())
            total += countTokens(
                canonicalBlock(u"messages"_s, { { u"type"_s, u"text"_s }, { u"text"_s, content.toString() } }, role));
        for (const QJsonValue &b : content.toArray())
            total += countTokens(canonicalBlock(u"messages"_s, b.toObject(), role));
    }
    return total;
}

QString FakeAnthropic::buildPrompt(const QJsonObject &request, QList<PromptBlock> &blocks) const
{
    int markers = 0;
    QString problem;
    auto add = [&](const QByteArray &canonical, const QJsonValue &cacheControl) {
        PromptBlock b;
        b.canonical = canonical;
        b.tokens = countTokens(canonical);
        if (cacheControl.isObject()) {
            const QJsonObject cc = cacheControl.toObject();
            ++markers;
            if (cc.value(u"type"_s).toString() != u"ephemeral"_s && problem.isEmpty())
                problem = u"cache_control.type: Input should be 'ephemeral'"_s;
            const QJsonValue ttl = cc.value(u"ttl"_s);
            if (!ttl.isUndefined() && ttl != QJsonValue(u"5m"_s) && ttl != QJsonValue(u"1h"_s) && problem.isEmpty())
                problem = u"cache_control.ttl: Input should be '5m' or '1h'"_s;
            b.breakpointTtlMs = ttl == QJsonValue(u"1h"_s) ? TTL_1H_MS : TTL_5M_MS;
        }
        blocks.append(b);
    };
    for (const QJsonValue &tool : request.value(u"tools"_s).toArray())
        add(canonicalBlock(u"tool"_s, tool.toObject()), tool.toObject().value(u"cache_control"_s));
    const QJsonValue system = request.value(u"system"_s);
    if (system.isString() && !system.toString().isEmpty())
        add(canonicalBlock(u"system"_s, { { u"type"_s, u"text"_s }, { u"text"_s, system.toString() } }), QJsonValue());
    for (const QJsonValue &b : system.toArray())
        add(canonicalBlock(u"system"_s, b.toObject()), b.toObject().value(u"cache_control"_s));
    for (const QJsonValue &m : request.value(u"messages"_s).toArray()) {
        const QJsonObject message = m.toObject();
        const QString role = message.value(u"role"_s).toString();
        const QJsonValue content = message.value(u"content"_s);
        if (content.isString())
            add(canonicalBlock(u"messages"_s, { { u"type"_s, u"text"_s }, { u"text"_s, content.toString() } }, role),
                QJsonValue());
        for (const QJsonValue &b : content.toArray())
            add(canonicalBlock(u"messages"_s, b.toObject(), role), b.toObject().value(u"cache_control"_s));
    }
    // Top-level cache_control: automatic placement on the last cacheable block; it takes a slot.
    const QJsonValue automatic = request.value(u"cache_control"_s);
    if (automatic.isObject() && !blocks.isEmpty()) {
        PromptBlock last = blocks.takeLast();
        if (last.breakpointTtlMs)
            --markers; // already marked: one breakpoint, not two
        add(last.canonical, automatic);
    }
    if (markers > MAX_BREAKPOINTS && problem.isEmpty())
        problem = u"A maximum of %1 blocks with cache_control may be provided. Found %2."_s.arg(MAX_BREAKPOINTS)
                      .arg(markers);

    // Each prefix is keyed by the model and the exact bytes of every block up to it.
    QByteArray key = QCryptographicHash::hash(
        QByteArray("model:" + request.value(u"model"_s).toString().toUtf8()), QCryptographicHash::Sha256);
    for (PromptBlock &b : blocks) {
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(key);
        h.addData(QByteArray(QByteArray::number(b.canonical.size()) + ':'));
        h.addData(b.canonical);
        key = h.result();
        b.key = key;
    }
    return problem;
}

FakeAnthropic::Usage FakeAnthropic::applyCache(const QString &model, const QList<PromptBlock> &blocks, bool commit)
{
    const qint64 t = now();
    for (auto it = m_cache.begin(); it != m_cache.end();)
        it = it->expiresAtMs <= t ? m_cache.erase(it) : std::next(it);

    QList<qint64> cumulative;
    qint64 sum = 0;
    for (const PromptBlock &b : blocks) {
        sum += b.tokens;
        cumulative.append(sum);
    }

    // Reads: each breakpoint looks back at most LOOKBACK_BLOCKS blocks (itself included, i.e.
    // positions b, b-1, …, b-20) for a prefix that is still cached; the longest hit wins.
    qsizetype readEnd = -1;
    for (qsizetype b = 0; b < blocks.size(); ++b) {
        if (!blocks.at(b).breakpointTtlMs)
            continue;
        for (qsizetype p = b; p >= 0 && b - p <= LOOKBACK_BLOCKS; --p) {
            if (m_cache.contains(blocks.at(p).key)) {
                readEnd = qMax(readEnd, p);
                break;
            }
        }
    }
    Usage usage;
    qint64 cachedUpTo = 0;
    if (readEnd >= 0) {
        CacheEntry &entry = m_cache[blocks.at(readEnd).key];
        if (commit)
            entry.expiresAtMs = t + entry.ttlMs; // a read refreshes the TTL
        usage.cacheReadTokens = cumulative.at(readEnd);
        cachedUpTo = usage.cacheReadTokens;
    }

    // Writes: every later breakpoint whose prefix reaches the model's minimum; a shorter one is
    // silently ignored. Each segment is billed once, at the TTL of the breakpoint that ends it.
    const int minimum = minCacheableTokens(model);
    for (qsizetype b = readEnd + 1; b < blocks.size(); ++b) {
        const PromptBlock &block = blocks.at(b);
        if (!block.breakpointTtlMs || cumulative.at(b) < minimum)
            continue;
        const qint64 segment = cumulative.at(b) - cachedUpTo;
        if (*block.breakpointTtlMs == TTL_1H_MS)
            usage.cacheCreation1hTokens += segment;
        else
            usage.cacheCreation5mTokens += segment;
        cachedUpTo = cumulative.at(b);
        if (commit)
            m_cache.insert(block.key, CacheEntry { t + *block.breakpointTtlMs, *block.breakpointTtlMs });
    }
    usage.cacheCreationTokens = usage.cacheCreation5mTokens + usage.cacheCreation1hTokens;
    usage.inputTokens = sum - cachedUpTo;
    return usage;
}

int FakeAnthropic::cacheEntryCount() const
{
    const qint64 t = now();
    int n = 0;
    for (const CacheEntry &e : m_cache) {
        if (e.expiresAtMs > t)
            ++n;
    }
    return n;
}

double FakeAnthropic::cost(const QString &model, const Usage &usage) const
{
    const std::optional<Price> p = price(model);
    if (!p)
        return 0;
    return (double(usage.inputTokens) * p->inputPerMTok + double(usage.cacheCreation5mTokens) * p->inputPerMTok * 1.25
               + double(usage.cacheCreation1hTokens) * p->inputPerMTok * 2.0
               + double(usage.cacheReadTokens) * p->inputPerMTok * 0.1 + double(usage.outputTokens) * p->outputPerMTok)
        / 1e6;
}

void FakeAnthropic::bill(const QString &model, const Usage &usage)
{
    Totals &t = m_totals[model];
    ++t.requests;
    t.inputTokens += usage.inputTokens;
    t.cacheWrite5mTokens += usage.cacheCreation5mTokens;
    t.cacheWrite1hTokens += usage.cacheCreation1hTokens;
    t.cacheReadTokens += usage.cacheReadTokens;
    t.outputTokens += usage.outputTokens;
}

FakeAnthropic::Bill FakeAnthropic::totals() const
{
    Bill bill;
    for (auto it = m_totals.constBegin(); it != m_totals.constEnd(); ++it) {
        Totals t = it.value();
        Usage u;
        u.inputTokens = t.inputTokens;
        u.cacheCreation5mTokens = t.cacheWrite5mTokens;
        u.cacheCreation1hTokens = t.cacheWrite1hTokens;
        u.cacheReadTokens = t.cacheReadTokens;
        u.outputTokens = t.outputTokens;
        t.costUsd = cost(it.key(), u);
        if (!price(it.key()))
            bill.unpricedModels.append(it.key());
        bill.perModel.insert(it.key(), t);
        bill.total.requests += t.requests;
        bill.total.inputTokens += t.inputTokens;
        bill.total.cacheWrite5mTokens += t.cacheWrite5mTokens;
        bill.total.cacheWrite1hTokens += t.cacheWrite1hTokens;
        bill.total.cacheReadTokens += t.cacheReadTokens;
        bill.total.outputTokens += t.outputTokens;
        bill.total.costUsd += t.costUsd;
    }
    return bill;
}

QJsonObject FakeAnthropic::usageJson(const Usage &usage) const
{
    return { { u"input_tokens"_s, usage.inputTokens }, { u"cache_creation_input_tokens"_s, usage.cacheCreationTokens },
        { u"cache_read_input_tokens"_s, usage.cacheReadTokens },
        { u"cache_creation"_s,
            QJsonObject { { u"ephemeral_5m_input_tokens"_s, usage.cacheCreation5mTokens },
                { u"ephemeral_1h_input_tokens"_s, usage.cacheCreation1hTokens } } },
        { u"output_tokens"_s, usage.outputTokens }, { u"service_tier"_s, u"standard"_s } };
}

void FakeAnthropic::addCommonHeaders(ScriptedResponse &response, qint64 tokens)
{
    const qint64 t = now();
    if (m_windowStartMs < 0 || t >= m_windowStartMs + 60000) {
        m_windowStartMs = t;
        m_requestsUsed = 0;
        m_tokensUsed = 0;
    }
    ++m_requestsUsed;
    m_tokensUsed += tokens;
    const QByteArray reset = rfc3339(m_windowStartMs + 60000).toUtf8();
    const QByteArray requestsRemaining = QByteArray::number(qMax<qint64>(0, m_requestsLimit - m_requestsUsed));
    const QByteArray tokensRemaining = QByteArray::number(qMax<qint64>(0, m_tokensLimit - m_tokensUsed));
    response.setHeader("anthropic-ratelimit-requests-limit", QByteArray::number(m_requestsLimit));
    response.setHeader("anthropic-ratelimit-requests-remaining", requestsRemaining);
    response.setHeader("anthropic-ratelimit-requests-reset", reset);
    for (const char *family : { "tokens", "input-tokens", "output-tokens" }) {
        const QByteArray base = "anthropic-ratelimit-" + QByteArray(family);
        response.setHeader(base + "-limit", QByteArray::number(m_tokensLimit));
        response.setHeader(base + "-remaining", tokensRemaining);
        response.setHeader(base + "-reset", reset);
    }
    response.setHeader("anthropic-organization-id", "00000000-0000-4000-8000-00000000fa4e");
    response.chunkedTransfer = m_chunked;
}

ScriptedResponse FakeAnthropic::error(int status, const QString &type, const QString &message)
{
    const QByteArray requestId = nextId("req_");
    ScriptedResponse response = ScriptedResponse::json(status,
        { { u"type"_s, u"error"_s }, { u"error"_s, QJsonObject { { u"type"_s, type }, { u"message"_s, message } } },
            { u"request_id"_s, QString::fromLatin1(requestId) } });
    response.setHeader("request-id", requestId);
    addCommonHeaders(response, 0);
    return response;
}

std::optional<ScriptedResponse> FakeAnthropic::checkHeaders(const RecordedRequest &request)
{
    const QByteArray apiKey = request.header("x-api-key");
    const QByteArray authorization = request.header("authorization");
    if (!apiKey.isEmpty() && !authorization.isEmpty())
        return error(401, u"authentication_error"_s, u"x-api-key and Authorization headers cannot both be provided"_s);
    QByteArray key = apiKey;
    if (key.isEmpty() && authorization.startsWith("Bearer "))
        key = authorization.mid(7);
    if (key.isEmpty())
        return error(401, u"authentication_error"_s, u"x-api-key header is required"_s);
    if (!m_apiKey.isEmpty() && key != m_apiKey.toUtf8())
        return error(401, u"authentication_error"_s, u"invalid x-api-key"_s);
    if (request.header("anthropic-version").isEmpty())
        return error(400, u"invalid_request_error"_s, u"anthropic-version: header is required"_s);
    return std::nullopt;
}

QJsonObject FakeAnthropic::modelJson(const QString &id) const
{
    QString display = id.mid(7); // "claude-"
    display.replace(u'-', u' ');
    const bool haiku = id.contains(u"haiku"_s);
    return { { u"type"_s, u"model"_s }, { u"id"_s, id }, { u"display_name"_s, QString(u"Claude "_s + display) },
        { u"created_at"_s, u"2026-01-01T00:00:00Z"_s }, { u"max_input_tokens"_s, haiku ? 200000 : 1000000 },
        { u"max_tokens"_s, haiku ? 64000 : 128000 } };
}

ScriptedResponse FakeAnthropic::listModels(const RecordedRequest &request)
{
    if (auto failed = checkHeaders(request))
        return *failed;
    if (request.method != "GET")
        return error(404, u"not_found_error"_s, u"Not found"_s);
    const QUrlQuery query(QString::fromUtf8(request.query));
    const int limit = qBound(1, query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt() : 20, 1000);
    const QString after = query.queryItemValue(u"after_id"_s);
    const QString before = query.queryItemValue(u"before_id"_s);
    qsizetype begin = 0;
    qsizetype end = m_models.size();
    if (!after.isEmpty())
        begin = m_models.indexOf(after) + 1;
    if (!before.isEmpty())
        end = qMax<qsizetype>(0, m_models.indexOf(before));
    if (!before.isEmpty() && after.isEmpty())
        begin = qMax<qsizetype>(0, end - limit);
    QJsonArray data;
    for (qsizetype i = begin; i < end && data.size() < limit; ++i)
        data.append(modelJson(m_models.at(i)));
    const bool hasMore = before.isEmpty() ? begin + data.size() < end : begin > 0;
    ScriptedResponse response = ScriptedResponse::json(200,
        { { u"data"_s, data }, { u"has_more"_s, hasMore },
            { u"first_id"_s, data.isEmpty() ? QJsonValue(QJsonValue::Null) : data.first().toObject().value(u"id"_s) },
            { u"last_id"_s, data.isEmpty() ? QJsonValue(QJsonValue::Null) : data.last().toObject().value(u"id"_s) } });
    response.setHeader("request-id", nextId("req_"));
    addCommonHeaders(response, 0);
    return response;
}

ScriptedResponse FakeAnthropic::getModel(const RecordedRequest &request)
{
    if (auto failed = checkHeaders(request))
        return *failed;
    const QString id = request.path.mid(int(qstrlen("/v1/models/")));
    if (request.method != "GET" || !m_models.contains(id))
        return error(404, u"not_found_error"_s, u"model: %1"_s.arg(id));
    ScriptedResponse response = ScriptedResponse::json(200, modelJson(id));
    response.setHeader("request-id", nextId("req_"));
    addCommonHeaders(response, 0);
    return response;
}

ScriptedResponse FakeAnthropic::countTokensEndpoint(const RecordedRequest &request)
{
    if (auto failed = checkHeaders(request))
        return *failed;
    if (request.method != "POST")
        return error(404, u"not_found_error"_s, u"Not found"_s);
    const QJsonObject body = request.json();
    if (!body.value(u"model"_s).isString())
        return error(400, u"invalid_request_error"_s, u"model: Field required"_s);
    if (!body.value(u"messages"_s).isArray())
        return error(400, u"invalid_request_error"_s, u"messages: Field required"_s);
    if (!m_models.contains(body.value(u"model"_s).toString()))
        return error(404, u"not_found_error"_s, u"model: %1"_s.arg(body.value(u"model"_s).toString()));
    ScriptedResponse response = ScriptedResponse::json(200, { { u"input_tokens"_s, countRequestTokens(body) } });
    response.setHeader("request-id", nextId("req_"));
    addCommonHeaders(response, 0);
    return response;
}

ScriptedResponse FakeAnthropic::messages(const RecordedRequest &request)
{
    if (auto failed = checkHeaders(request))
        return *failed;
    if (request.method != "POST")
        return error(404, u"not_found_error"_s, u"Not found"_s);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return error(400, u"invalid_request_error"_s, u"There was an error parsing the body: invalid JSON"_s);
    const QJsonObject body = doc.object();
    const QString model = body.value(u"model"_s).toString();
    if (model.isEmpty())
        return error(400, u"invalid_request_error"_s, u"model: Field required"_s);
    if (!body.value(u"max_tokens"_s).isDouble())
        return error(400, u"invalid_request_error"_s, u"max_tokens: Field required"_s);
    const int maxTokens = body.value(u"max_tokens"_s).toInt();
    const bool stream = body.value(u"stream"_s).toBool(false);
    if (maxTokens < 0 || (maxTokens == 0 && stream))
        return error(400, u"invalid_request_error"_s, u"max_tokens: Input should be greater than or equal to 1"_s);
    if (!body.value(u"messages"_s).isArray())
        return error(400, u"invalid_request_error"_s, u"messages: Field required"_s);
    if (body.value(u"messages"_s).toArray().isEmpty())
        return error(400, u"invalid_request_error"_s, u"messages: at least one message is required"_s);
    if (!m_models.contains(model))
        return error(404, u"not_found_error"_s, u"model: %1"_s.arg(model));
    QList<PromptBlock> blocks;
    const QString problem = buildPrompt(body, blocks);
    if (!problem.isEmpty())
        return error(400, u"invalid_request_error"_s, problem);

    Turn turn;
    if (!m_turns.isEmpty()) {
        turn = m_turns.dequeue();
    } else {
        Block b;
        for (int i = 0; i < m_defaultOutputTokens; ++i)
            b.pieces.append(QString::fromLatin1(FILLER[i % std::size(FILLER)]).leftJustified(4, u' '));
        turn.blocks = { b };
    }
    if (turn.httpStatus != 200) {
        ScriptedResponse response = error(turn.httpStatus, turn.errorType, turn.errorMessage);
        if (turn.retryAfterSeconds)
            response.setHeader("retry-after", QByteArray::number(*turn.retryAfterSeconds));
        return response;
    }

    // Fill in ids and tool-input fragments, then cut everything at max_tokens.
    QString stopReason = turn.stopReason;
    bool hasTool = false;
    for (Block &b : turn.blocks) {
        if (b.kind != Block::Kind::ToolUse)
            continue;
        hasTool = true;
        if (b.toolId.isEmpty())
            b.toolId = QString::fromLatin1(nextId("toolu_"));
        if (b.pieces.isEmpty())
            b.pieces = QStringList { QString() } + cut(QString::fromUtf8(compact(b.input)), 3);
    }
    if (stopReason.isEmpty())
        stopReason = hasTool ? u"tool_use"_s : u"end_turn"_s;
    QByteArray generated;
    bool cutOff = false;
    for (qsizetype i = 0; i < turn.blocks.size() && !cutOff; ++i) {
        QStringList kept;
        for (const QString &piece : std::as_const(turn.blocks.at(i).pieces)) {
            if (countTokens(generated + piece.toUtf8()) > maxTokens) {
                cutOff = true;
                break;
            }
            generated += piece.toUtf8();
            kept.append(piece);
        }
        turn.blocks[i].pieces = kept;
        if (cutOff)
            turn.blocks = turn.blocks.mid(0, i + 1);
    }
    if (cutOff)
        stopReason = u"max_tokens"_s;

    if (!stream && turn.ending == Turn::Ending::ErrorEvent) // no stream to carry it: a plain error
        return error(turn.errorType == u"overloaded_error"_s ? 529 : 500, turn.errorType, turn.errorMessage);
    // A response that never sends a byte writes no readable cache entry and bills nothing.
    const bool silent = (!stream && (turn.ending == Turn::Ending::Stall || turn.ending == Turn::Ending::Reset))
        || (stream && turn.ending == Turn::Ending::Stall && turn.blocks.isEmpty());
    Usage usage = applyCache(model, blocks, !silent);
    usage.outputTokens = turn.outputTokens.value_or(qMax<qint64>(maxTokens == 0 ? 0 : 1, countTokens(generated)));
    m_lastUsage = usage;
    if (!silent)
        bill(model, usage);
    const QString messageId = QString::fromLatin1(nextId("msg_"));
    const QByteArray requestId = nextId("req_");

    if (!stream) {
        ScriptedResponse response;
        switch (turn.ending) {
        case Turn::Ending::ErrorEvent: // handled above
        case Turn::Ending::Stall:
        case Turn::Ending::Reset:
            response.silent = true;
            response.resetAfterChunks = turn.ending == Turn::Ending::Reset;
            return response;
        case Turn::Ending::Truncated:
        case Turn::Ending::Malformed:
            response = ScriptedResponse::json(200, {});
            response.chunks = { "{\"id\":\"" + messageId.toUtf8() + "\",\"type\":\"message\",\"content\":[{" };
            response.setHeader("request-id", requestId);
            addCommonHeaders(response, usage.inputTokens + usage.cacheCreationTokens + usage.outputTokens);
            return response;
        case Turn::Ending::Complete:
            break;
        }
        QJsonArray content;
        for (const Block &b : std::as_const(turn.blocks)) {
            const QString joined = b.pieces.join(QString());
            switch (b.kind) {
            case Block::Kind::Text:
                content.append(QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, joined } });
                break;
            case Block::Kind::Thinking:
                content.append(QJsonObject { { u"type"_s, u"thinking"_s }, { u"thinking"_s, joined },
                    { u"signature"_s, u"EqQBCkgIARABGAIiQFake"_s } });
                break;
            case Block::Kind::ToolUse: {
                const QJsonDocument input = QJsonDocument::fromJson(joined.toUtf8());
                content.append(QJsonObject { { u"type"_s, u"tool_use"_s }, { u"id"_s, b.toolId },
                    { u"name"_s, b.toolName }, { u"input"_s, input.isObject() ? input.object() : QJsonObject() } });
                break;
            }
            }
        }
        response = ScriptedResponse::json(200,
            { { u"id"_s, messageId }, { u"type"_s, u"message"_s }, { u"role"_s, u"assistant"_s }, { u"model"_s, model },
                { u"content"_s, content }, { u"stop_reason"_s, stopReason }, { u"stop_sequence"_s, QJsonValue::Null },
                { u"usage"_s, usageJson(usage) } });
        response.setHeader("request-id", requestId);
        addCommonHeaders(response, usage.inputTokens + usage.cacheCreationTokens + usage.outputTokens);
        return response;
    }

    QList<QByteArray> events;
    Usage startUsage = usage;
    startUsage.outputTokens = 1;
    events.append(sse({ { u"type"_s, u"message_start"_s },
        { u"message"_s,
            QJsonObject { { u"id"_s, messageId }, { u"type"_s, u"message"_s }, { u"role"_s, u"assistant"_s },
                { u"model"_s, model }, { u"content"_s, QJsonArray() }, { u"stop_reason"_s, QJsonValue::Null },
                { u"stop_sequence"_s, QJsonValue::Null }, { u"usage"_s, usageJson(startUsage) } } } }));
    const bool complete = turn.ending == Turn::Ending::Complete;
    int deltas = 0;
    for (qsizetype i = 0; i < turn.blocks.size(); ++i) {
        const Block &b = turn.blocks.at(i);
        const int index = int(i);
        QJsonObject start;
        QString deltaType;
        QString field;
        switch (b.kind) {
        case Block::Kind::Text:
            start = { { u"type"_s, u"text"_s }, { u"text"_s, u""_s } };
            deltaType = u"text_delta"_s;
            field = u"text"_s;
            break;
        case Block::Kind::Thinking:
            start = { { u"type"_s, u"thinking"_s }, { u"thinking"_s, u""_s }, { u"signature"_s, u""_s } };
            deltaType = u"thinking_delta"_s;
            field = u"thinking"_s;
            break;
        case Block::Kind::ToolUse:
            start = { { u"type"_s, u"tool_use"_s }, { u"id"_s, b.toolId }, { u"name"_s, b.toolName },
                { u"input"_s, QJsonObject() } };
            deltaType = u"input_json_delta"_s;
            field = u"partial_json"_s;
            break;
        }
        events.append(
            sse({ { u"type"_s, u"content_block_start"_s }, { u"index"_s, index }, { u"content_block"_s, start } }));
        if (i == 0) {
            for (int p = 0; p < turn.pings; ++p)
                events.append(sse({ { u"type"_s, u"ping"_s } }));
        }
        for (const QString &piece : b.pieces) {
            events.append(sse({ { u"type"_s, u"content_block_delta"_s }, { u"index"_s, index },
                { u"delta"_s, QJsonObject { { u"type"_s, deltaType }, { field, piece } } } }));
            if (turn.pingEveryDeltas > 0 && ++deltas % turn.pingEveryDeltas == 0)
                events.append(sse({ { u"type"_s, u"ping"_s } }));
        }
        if (b.kind == Block::Kind::Thinking) {
            events.append(sse({ { u"type"_s, u"content_block_delta"_s }, { u"index"_s, index },
                { u"delta"_s,
                    QJsonObject {
                        { u"type"_s, u"signature_delta"_s }, { u"signature"_s, u"EqQBCkgIARABGAIiQFake"_s } } } }));
        }
        if (complete || i + 1 < turn.blocks.size())
            events.append(sse({ { u"type"_s, u"content_block_stop"_s }, { u"index"_s, index } }));
        if (i == 0 && turn.unknownEvent)
            events.append(sse({ { u"type"_s, u"future_event_type"_s },
                { u"detail"_s, QJsonObject { { u"note"_s, u"clients must ignore this"_s } } } }));
    }
    if (turn.blocks.isEmpty() && turn.unknownEvent)
        events.append(sse({ { u"type"_s, u"future_event_type"_s } }));

    ScriptedResponse response = ScriptedResponse::stream("text/event-stream; charset=utf-8", {});
    switch (turn.ending) {
    case Turn::Ending::Complete: {
        QJsonObject finalUsage = usageJson(usage);
        finalUsage.remove(u"cache_creation"_s);
        finalUsage.remove(u"service_tier"_s);
        events.append(sse({ { u"type"_s, u"message_delta"_s },
            { u"delta"_s, QJsonObject { { u"stop_reason"_s, stopReason }, { u"stop_sequence"_s, QJsonValue::Null } } },
            { u"usage"_s, finalUsage } }));
        events.append(sse({ { u"type"_s, u"message_stop"_s } }));
        break;
    }
    case Turn::Ending::ErrorEvent:
        events.append(sse({ { u"type"_s, u"error"_s },
            { u"error"_s, QJsonObject { { u"type"_s, turn.errorType }, { u"message"_s, turn.errorMessage } } } }));
        break;
    case Turn::Ending::Stall:
        if (turn.blocks.isEmpty()) {
            events.clear();
            response.silent = true;
        }
        response.stallAfterChunks = true;
        break;
    case Turn::Ending::Reset:
        response.resetAfterChunks = true;
        break;
    case Turn::Ending::Truncated:
        break; // the body just ends (a clean close) before message_stop
    case Turn::Ending::Malformed:
        events.append("event: content_block_delta\ndata: "
                      "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_de\n\n");
        break;
    }
    if (turn.splitEvents) {
        QList<QByteArray> split;
        for (const QByteArray &e : std::as_const(events)) {
            split.append(e.left(e.size() / 2));
            split.append(e.mid(e.size() / 2));
        }
        events = split;
    }
    response.chunks = events;
    response.chunkDelayMs = turn.chunkDelayMs >= 0 ? turn.chunkDelayMs : m_chunkDelayMs;
    response.setHeader("request-id", requestId);
    response.setHeader("cache-control", "no-cache");
    addCommonHeaders(response, usage.inputTokens + usage.cacheCreationTokens + usage.outputTokens);
    return response;
}

} // namespace Fakes
