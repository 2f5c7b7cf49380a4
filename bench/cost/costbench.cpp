// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// bench/cost: what prompt caching and model routing save. A seeded multi-user, multi-turn chat
// workload is replayed over the real WebSocket protocol against an in-process gateway four times
// (baseline, caching only, routing only, caching + routing), each time with fresh fakes: the
// billing-faithful Anthropic fake and the free local Ollama fake. The bill comes from
// FakeAnthropic::totals(); Skynet's own recorded usage (the messages table) is cross-checked
// against it. Method and results: docs/benchmarks/cost.md.

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <vector>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <QTimer>
#include <QWebSocket>

#include "agent/modelrouter.h"
#include "fakeanthropic.h"
#include "fakeollama.h"
#include "testsupport.h"

using namespace Qt::Literals::StringLiterals;
using Fakes::FakeAnthropic;
using Fakes::FakeOllama;

namespace
{

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

// ------------------------------------------------------------------------------------ workload

enum class Tier { Trivial, Standard, Complex };
constexpr int TIER_COUNT = 3;

QString tierName(Tier tier)
{
    switch (tier) {
    case Tier::Trivial:
        return u"trivial"_s;
    case Tier::Standard:
        return u"standard"_s;
    case Tier::Complex:
        break;
    }
    return u"complex"_s;
}

// Greetings, thanks and short acknowledgements: the router's small-talk vocabulary only.
const QStringList &trivialMessages()
{
    static const QStringList list = {
        u"hi"_s,
        u"hello!"_s,
        u"hey there"_s,
        u"morning!"_s,
        u"good morning"_s,
        u"good evening"_s,
        u"hi skynet"_s,
        u"hello again"_s,
        u"hey, how are you?"_s,
        u"thanks!"_s,
        u"thank you so much"_s,
        u"thanks, that helps"_s,
        u"ok cool"_s,
        u"great, thanks"_s,
        u"perfect, that worked"_s,
        u"got it"_s,
        u"awesome, thanks a lot"_s,
        u"cheers"_s,
        u"sounds good"_s,
        u"haha nice"_s,
        u"that's great, thank you"_s,
        u"good night"_s,
        u"see you later"_s,
        u"ok thanks"_s,
        u"wow, that's really cool"_s,
        u"appreciate it"_s,
        u"nice, thanks for the help"_s,
        u"k thx"_s,
    };
    return list;
}

// Plain questions and small writing jobs of a sentence or three.
const QStringList &standardMessages()
{
    static const QStringList list = {
        u"What's the difference between a hard link and a symbolic link on Linux?"_s,
        u"How long should I boil an egg if I want the yolk still a little runny?"_s,
        u"Can you explain what a reverse proxy does, in simple terms? I keep seeing it in self-hosting guides."_s,
        u"Why does my laptop battery drain faster when it's cold outside?"_s,
        u"What does the HTTP status code 429 mean, and how should a client react to it?"_s,
        u"Is it fine to leave a Raspberry Pi running all the time? Mine sits on a bookshelf and gets a bit warm."_s,
        u"Write a short, friendly message to my neighbour asking if they could water my plants while I'm away."_s,
        u"What is the capital of Australia, and why isn't it Sydney?"_s,
        u"Summarise the idea behind the Pomodoro technique in a few sentences."_s,
        u"How do I convert Fahrenheit to Celsius in my head, roughly?"_s,
        u"What's a good way to store fresh basil so it lasts longer?"_s,
        u"Explain DNS to someone who isn't technical."_s,
        u"How often should the thermal paste on a desktop CPU be replaced?"_s,
        u"What does idempotent mean when people talk about APIs?"_s,
        u"Translate 'the meeting has moved to Thursday afternoon' into German, please."_s,
        u"Why do onions make your eyes water when you cut them?"_s,
        u"Recommend a few science fiction novels for someone who enjoyed The Martian."_s,
        u"What is the difference between TCP and UDP?"_s,
        u"How much should I water a pothos during the winter months?"_s,
        u"Can you make this sentence sound more polite: 'Send me the report by Friday.'"_s,
        u"What is a VPN actually protecting me from when I use the Wi-Fi in a café?"_s,
        u"Why is the sky blue during the day but red at sunset?"_s,
        u"What's the difference between RAM and storage on a phone?"_s,
        u"Tell me a little about the history of the Raspberry Pi."_s,
        u"Is SQLite a reasonable choice for a small personal web app with a handful of users?"_s,
        u"How does a heat pump manage to heat a house when it's freezing outside?"_s,
        u"What is the running time of binary search, and why is it logarithmic in the size of the input?"_s,
        u"Give me three ideas for a vegetarian dinner that takes less than thirty minutes."_s,
        u"Why do my photos look washed out when I upload them to the web?"_s,
        u"What does a UPS do for a home server, and is it worth having one?"_s,
        u"How do I politely decline a meeting invitation without sounding rude?"_s,
        u"My sourdough starter smells like nail polish remover. Is it ruined or just hungry?"_s,
    };
    return list;
}

// Code to review or refactor (in a fence), proofs and derivations, multi-step plans and designs.
const QStringList &complexMessages()
{
    static const QStringList list = {
        uR"EOF(Can you review this function? It is supposed to remove expired sessions, but it crashes now and then.

```cpp
void SessionStore::purgeExpired(qint64 now)
{
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        if (it->expiresAt <= now) {
            m_byToken.remove(it->token);
            m_sessions.erase(it);
        }
    }
    m_lastPurge = now;
}
```)EOF"_s,
        uR"EOF(Please refactor this script so it is easier to test, and review it for bugs while you are at it.

```python
import os, json
def load(path):
    data = json.load(open(path))
    out = []
    for k in data:
        if data[k]['active'] == True:
            out.append((k, data[k]['email'].lower()))
    out.sort(key=lambda x: x[1])
    for name, email in out:
        os.system('mail -s hello ' + email + ' < msg.txt')
    return len(out)
```)EOF"_s,
        uR"EOF(This sometimes returns undefined and I can't see why. Can you debug it and suggest a cleaner version?

```javascript
async function latestOrder(userId) {
  let result;
  db.query('SELECT * FROM orders WHERE user_id = ? ORDER BY created DESC', [userId], (err, rows) => {
    if (err) throw err;
    result = rows[0];
  });
  return result;
}
```)EOF"_s,
        uR"EOF(This report query takes 40 seconds on a table with two million rows. Can you analyze it and optimize it?

```sql
SELECT c.name, COUNT(*) AS orders, SUM(o.total) AS revenue
FROM customers c, orders o
WHERE c.id = o.customer_id
  AND strftime('%Y', o.created_at) = '2025'
GROUP BY c.name
ORDER BY revenue DESC;
```)EOF"_s,
        uR"EOF(I'm learning Rust. Could you review this and tell me what is not idiomatic?

```rust
fn average(values: &Vec<f64>) -> f64 {
    let mut sum = 0.0;
    let mut i = 0;
    while i < values.len() {
        sum = sum + values[i];
        i = i + 1;
    }
    return sum / values.len() as f64;
}
```)EOF"_s,
        uR"EOF(Review this HTTP handler for security problems and refactor it.

```go
func handler(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	row := db.QueryRow("SELECT name, email FROM users WHERE id = " + id)
	var name, email string
	if err := row.Scan(&name, &email); err != nil {
		w.WriteHeader(500)
		return
	}
	fmt.Fprintf(w, "<h1>%s</h1><p>%s</p>", name, email)
}
```)EOF"_s,
        uR"EOF(My nightly backup script. Please review it; I have a feeling it is fragile.

```bash
#!/bin/bash
BACKUP=/mnt/backup/$(date +%F)
mkdir $BACKUP
for f in $(ls /srv/data); do
  cp -r /srv/data/$f $BACKUP
done
find /mnt/backup -mtime +30 -exec rm -rf {} \;
echo done
```)EOF"_s,
        uR"EOF(Can you refactor this slot and review its error handling? I think it leaks.

```cpp
void MainWindow::onReply()
{
    QNetworkReply *reply = qobject_cast<QNetworkReply *>(sender());
    QByteArray data = reply->readAll();
    QJsonDocument doc = QJsonDocument::fromJson(data);
    QJsonArray items = doc.object()["items"].toArray();
    for (int i = 0; i < items.size(); i++) {
        ui->list->addItem(items[i].toObject()["title"].toString());
    }
}
```)EOF"_s,
        u"Prove by induction that the sum of the first n odd numbers is n squared, and explain each step."_s,
        u"Prove that the square root of 2 is irrational. I know the classic argument, but I want to understand "
        "why each step is allowed."_s,
        u"Can you prove that there are infinitely many primes, and show where the same idea breaks down if we "
        "only look at primes of the form 4k+1?"_s,
        u"Derive the formula for the sum of a finite geometric series, and explain when the infinite series "
        "converges."_s,
        u"Walk me through evaluating the integral of x times e^x from 0 to 1 step by step."_s,
        u"Design a backup strategy for our home server. Requirements:\n"
        "1. Family photos (about 800 GB), which must never be lost.\n"
        "2. A PostgreSQL database for our recipe app.\n"
        "3. Configuration files under /etc and /srv.\n"
        "4. One off-site copy, with a budget of about 5 euros a month.\n"
        "Please include the schedule, the tools and how we test restores."_s,
        u"We need to migrate a small web shop from MySQL 5.7 to PostgreSQL 16 with as little downtime as possible. "
        "Give me a plan step by step: what to prepare first, how to move the data, then how to switch over and "
        "how to roll back if something goes wrong."_s,
        u"I want to design the architecture for a home automation setup: about 30 Zigbee sensors, a few smart "
        "plugs, heating control and a dashboard, all working without the internet. Compare Home Assistant, "
        "openHAB and a custom Node-RED setup and explain the trade-offs for reliability and maintenance. Which "
        "would you pick, and why? What would change with a bigger budget?"_s,
        u"We ran an A/B test on our newsletter. Please analyze the result step by step:\n"
        "- version A: 412 clicks from 9,800 emails\n"
        "- version B: 468 clicks from 10,150 emails\n"
        "Is the difference significant, which test should we use, and is the effect large enough to matter?"_s,
        u"Plan a twelve-week study schedule for me to learn linear algebra well enough for machine learning. I "
        "have about five hours a week. Cover vectors, matrices, eigenvalues and the singular value "
        "decomposition, and include exercises and a way to check my progress."_s,
    };
    return list;
}

const QStringList &pool(Tier tier)
{
    switch (tier) {
    case Tier::Trivial:
        return trivialMessages();
    case Tier::Standard:
        return standardMessages();
    case Tier::Complex:
        break;
    }
    return complexMessages();
}

struct WorkloadOptions
{
    int users = 20;
    int turns = 20;
    quint32 seed = 20260302;
    int trivialPercent = 35;
    int standardPercent = 45; // complex: the rest
    int thinkMinSeconds = 10;
    int thinkMaxSeconds = 90;
    int startSpreadSeconds = 60;
};

struct Turn
{
    int user = 0;
    int index = 0;
    Tier tier = Tier::Standard;
    QString text;
    qint64 atMs = 0; ///< simulated time of sending, from the start of the workload
};

struct Workload
{
    QList<QList<Turn>> conversations; ///< per user, in order
    QList<Turn> schedule; ///< every turn, by simulated send time
    std::array<int, TIER_COUNT> tierCounts {};
};

/// A bag that hands out every item once (in random order) before repeating any; a repeat gets
/// a suffix so that it stays distinct where that matters (first messages of different users).
class Bag
{
public:
    Bag(const QStringList &items, QRandomGenerator &rng) : m_items(items), m_left(items), m_rng(rng) { }

    QString take()
    {
        if (m_left.isEmpty()) {
            m_left = m_items;
            ++m_round;
        }
        const QString item = m_left.takeAt(m_rng.bounded(int(m_left.size())));
        return m_round == 0 ? item : item + u" "_s + QString(m_round, u'!');
    }

    void remove(const QString &item) { m_left.removeOne(item); }

private:
    QStringList m_items;
    QStringList m_left;
    QRandomGenerator &m_rng;
    int m_round = 0;
};

Workload generateWorkload(const WorkloadOptions &o)
{
    QRandomGenerator rng(o.seed);
    Workload workload;
    // The first message of each user comes from one shared bag, so no two conversations start
    // alike: a shared first turn would let one user read another's cached conversation.
    std::vector<Bag> firstBags;
    for (int t = 0; t < TIER_COUNT; ++t)
        firstBags.emplace_back(pool(Tier(t)), rng);
    for (int u = 0; u < o.users; ++u) {
        std::vector<Bag> bags; // per user: nobody asks the same thing twice in a row of turns
        for (int t = 0; t < TIER_COUNT; ++t)
            bags.emplace_back(pool(Tier(t)), rng);
        QList<Turn> conversation;
        qint64 at = rng.bounded(o.startSpreadSeconds * 1000 + 1);
        for (int i = 0; i < o.turns; ++i) {
            const int r = int(rng.bounded(100));
            const Tier tier = r < o.trivialPercent         ? Tier::Trivial
                : r < o.trivialPercent + o.standardPercent ? Tier::Standard
                                                           : Tier::Complex;
            Turn turn;
            turn.user = u;
            turn.index = i;
            turn.tier = tier;
            if (i == 0) {
                turn.text = firstBags[size_t(tier)].take();
                bags[size_t(tier)].remove(turn.text);
            } else {
                turn.text = bags[size_t(tier)].take();
            }
            turn.atMs = at;
            at += (o.thinkMinSeconds + qint64(rng.bounded(o.thinkMaxSeconds - o.thinkMinSeconds + 1))) * 1000
                + rng.bounded(1000);
            ++workload.tierCounts[size_t(tier)];
            conversation.append(turn);
            workload.schedule.append(turn);
        }
        workload.conversations.append(conversation);
    }
    std::stable_sort(workload.schedule.begin(), workload.schedule.end(),
        [](const Turn &a, const Turn &b) { return a.atMs != b.atMs ? a.atMs < b.atMs : a.user < b.user; });
    return workload;
}

/// Every turn must land in its intended tier with the router's own heuristic, at the depth the
/// gateway classifies it: the transcript then holds 2*i earlier messages plus this one.
QStringList verifyTiers(const Workload &workload)
{
    QStringList problems;
    for (const QList<Turn> &conversation : workload.conversations) {
        for (const Turn &turn : conversation) {
            const Gateway::Agent::Classification c
                = Gateway::Agent::ModelRouter::classify(turn.text, 2 * turn.index + 1);
            if (c.tier != tierName(turn.tier))
                problems.append(u"user %1 turn %2: meant %3, classified %4 (%5): %6"_s.arg(turn.user)
                                    .arg(turn.index)
                                    .arg(tierName(turn.tier), c.tier, c.reasons.join(u"; "_s), turn.text.left(60)));
        }
    }
    QSet<QString> firsts;
    for (const QList<Turn> &conversation : workload.conversations) {
        if (conversation.isEmpty())
            continue;
        if (firsts.contains(conversation.first().text))
            problems.append(u"two users start with the same message: "_s + conversation.first().text);
        firsts.insert(conversation.first().text);
    }
    return problems;
}

// ------------------------------------------------------------------------------- one configuration

struct BenchConfig
{
    QString label;
    bool caching = false;
    bool routing = false;
};

/// One model's usage as Skynet recorded it (messages table).
struct Recorded
{
    qint64 calls = 0;
    qint64 input = 0;
    qint64 output = 0;
    qint64 cacheWrite = 0;
    qint64 cacheRead = 0;
    double costUsd = 0;
};

/// How the conversation prefix fared, per Anthropic call (caching runs only).
struct CacheCheck
{
    int firstCalls = 0; ///< no earlier call of this session to this model: persona only
    int hits = 0; ///< read at least everything the previous same-model call cached
    int adjacentMisses = 0; ///< the previous turn went to the same model and was not read: a bug
    int distantMisses = 0; ///< an older same-model call out of reach (model switches in between)
    qint64 distantTokens = 0; ///< what those calls wrote again that the older call had cached
    double distantExtraUsd = 0; ///< ... priced as a write (1.25x) instead of a read (0.1x)
    QStringList evidence; ///< first adjacent miss: breakpoints and the first changed block
};

struct Result
{
    BenchConfig config;
    FakeAnthropic::Bill bill;
    double inputUsd = 0;
    double outputUsd = 0;
    qint64 ollamaCalls = 0;
    QMap<QString, Recorded> recorded; ///< "provider:model"
    QStringList mismatches;
    QStringList failures;
    int runsOk = 0;
    CacheCheck cache;
    double seconds = 0;
};

struct RunOptions
{
    int outputTokens = 300;
    QString soulPath;
    QString dumpDir; ///< write every Anthropic request body here ("" = don't)
    int historyMessages = 0; ///< agent.history_messages (0 = the gateway's default)
    bool verbose = false;
};

constexpr qint64 SIM_EPOCH_MS = 1772442000000; // 2026-03-02 09:00 UTC, the simulated start
constexpr int STALL_LIMIT_MS = 60'000;

// The canonical blocks of a request body, as the fake keys its cache, with breakpoint flags.
struct BodyBlock
{
    QByteArray canonical;
    bool breakpoint = false;
    QString where;
};

QList<BodyBlock> bodyBlocks(const QJsonObject &body)
{
    QList<BodyBlock> blocks;
    const auto add = [&blocks](const QByteArray &canonical, const QJsonObject &block, const QString &where) {
        blocks.append({ canonical, block.value(u"cache_control"_s).isObject(), where });
    };
    const QJsonArray tools = body.value(u"tools"_s).toArray();
    for (qsizetype i = 0; i < tools.size(); ++i)
        add(FakeAnthropic::canonicalBlock(u"tool"_s, tools.at(i).toObject()), tools.at(i).toObject(),
            u"tools[%1]"_s.arg(i));
    const QJsonArray system = body.value(u"system"_s).toArray();
    for (qsizetype i = 0; i < system.size(); ++i)
        add(FakeAnthropic::canonicalBlock(u"system"_s, system.at(i).toObject()), system.at(i).toObject(),
            u"system[%1]"_s.arg(i));
    const QJsonArray messages = body.value(u"messages"_s).toArray();
    for (qsizetype m = 0; m < messages.size(); ++m) {
        const QJsonObject message = messages.at(m).toObject();
        const QString role = message.value(u"role"_s).toString();
        const QJsonArray content = message.value(u"content"_s).toArray();
        for (qsizetype b = 0; b < content.size(); ++b)
            add(FakeAnthropic::canonicalBlock(u"messages"_s, content.at(b).toObject(), role), content.at(b).toObject(),
                u"messages[%1].content[%2]"_s.arg(m).arg(b));
    }
    return blocks;
}

// The user texts of a request body, oldest first (the first text block of each user message).
QStringList userTexts(const QJsonObject &body)
{
    QStringList texts;
    for (const QJsonValue &m : body.value(u"messages"_s).toArray()) {
        const QJsonObject message = m.toObject();
        if (message.value(u"role"_s).toString() != u"user")
            continue;
        const QJsonValue content = message.value(u"content"_s);
        texts.append(
            content.isString() ? content.toString() : content.toArray().first().toObject().value(u"text"_s).toString());
    }
    return texts;
}

// Which (user, turn) a request body belongs to: the conversation whose turns are exactly the
// body's user texts. First messages are unique, so a whole conversation matches one user only;
// when the history window has cut the oldest turns off, match the tail instead.
std::optional<QPair<int, int>> turnOfBody(const QJsonObject &body, const Workload &workload)
{
    const QStringList texts = userTexts(body);
    if (texts.isEmpty())
        return std::nullopt;
    for (const bool fromStart : { true, false }) {
        for (qsizetype u = 0; u < workload.conversations.size(); ++u) {
            const QList<Turn> &conversation = workload.conversations.at(u);
            for (qsizetype t = texts.size() - 1; t < conversation.size(); ++t) {
                const qsizetype first = t - texts.size() + 1;
                if (fromStart && first != 0)
                    break;
                bool same = true;
                for (qsizetype k = 0; k < texts.size() && same; ++k)
                    same = conversation.at(first + k).text == texts.at(k);
                if (same)
                    return QPair<int, int>(int(u), int(t));
            }
        }
    }
    return std::nullopt;
}

// A canonical block, short: its role (for messages), type and the start of its text.
QString blockSummary(const QByteArray &canonical)
{
    const QJsonObject wrapper = QJsonDocument::fromJson(canonical).object();
    const QString role = wrapper.value(u"role"_s).toString();
    QJsonObject block = wrapper.value(u"block"_s).toObject();
    if (role.isEmpty() && !wrapper.isEmpty())
        block = wrapper.begin().value().toObject();
    const QString text = block.value(u"text"_s).toString();
    return u"role=%1 type=%2 text=\"%3%4\" (%5 bytes)"_s
        .arg(role.isEmpty() ? u"-"_s : role, block.value(u"type"_s).toString(), text.left(48),
            text.size() > 48 ? u"…"_s : QString())
        .arg(canonical.size());
}

QString describeMiss(const QJsonObject &previous, const QJsonObject &current)
{
    const QList<BodyBlock> a = bodyBlocks(previous);
    const QList<BodyBlock> b = bodyBlocks(current);
    QStringList lines;
    const auto breakpoints = [](const QList<BodyBlock> &blocks) {
        QStringList where;
        for (const BodyBlock &block : blocks) {
            if (block.breakpoint)
                where.append(block.where);
        }
        return where.join(u", "_s);
    };
    lines.append(u"previous request: %1 blocks, cache_control at %2"_s.arg(a.size()).arg(breakpoints(a)));
    lines.append(u"this request:     %1 blocks, cache_control at %2"_s.arg(b.size()).arg(breakpoints(b)));
    qsizetype i = 0;
    while (i < a.size() && i < b.size() && a.at(i).canonical == b.at(i).canonical)
        ++i;
    if (i < a.size() && i < b.size()) {
        lines.append(u"first changed block: %1 (previous) / %2 (this)"_s.arg(a.at(i).where, b.at(i).where));
        lines.append(u"  previous: "_s + blockSummary(a.at(i).canonical));
        lines.append(u"  this:     "_s + blockSummary(b.at(i).canonical));
    } else {
        lines.append(u"the first %1 blocks are byte-identical"_s.arg(i));
    }
    return lines.join(u'\n');
}

QString replyText(int tokens)
{
    // The same filler the Anthropic fake streams (4 bytes = 1 token), so that a local answer
    // weighs as much in the later history as a hosted one.
    static const char *const words[] = { "the ", "fox ", "ran ", "far ", "and ", "hid ", "its ", "old ", "den " };
    QString text;
    for (int i = 0; i < tokens; ++i)
        text += QLatin1StringView(words[i % 9]);
    return text;
}

std::optional<Result> runConfig(const BenchConfig &config, const Workload &workload, const RunOptions &options)
{
    Result result;
    result.config = config;
    QElapsedTimer wall;
    wall.start();

    FakeAnthropic anthropic;
    FakeOllama ollama;
    if (!anthropic.listen() || !ollama.listen()) {
        err() << "costbench: the fakes cannot listen\n";
        return std::nullopt;
    }
    qint64 simNow = SIM_EPOCH_MS;
    anthropic.setClock([&simNow] { return simNow; });
    ollama.setClock([&simNow] { return simNow; });
    anthropic.setDefaultOutputTokens(options.outputTokens);
    const QString reply = replyText(options.outputTokens);
    ollama.setDefaultReply([reply](const QJsonObject &) {
        QStringList pieces;
        for (qsizetype i = 0; i < reply.size(); i += 40)
            pieces.append(reply.mid(i, 40));
        return pieces;
    });

    const QString anthropicUrl = anthropic.baseUrl().toString();
    const QString ollamaUrl = ollama.baseUrl().toString();
    TestSupport::TestGateway gateway([&](Gateway::Config::Settings &s) {
        s.providers.anthropic.enabled = true;
        s.providers.anthropic.baseUrl = anthropicUrl;
        s.providers.anthropic.apiKey = u"sk-ant-bench-fake-key"_s; // plain text: only the fake sees it
        s.providers.anthropic.model = u"claude-opus-4-5"_s;
        s.providers.anthropic.maxRetries = 0;
        s.providers.ollama.baseUrl = ollamaUrl;
        s.providers.ollama.model = u"llama3.2"_s;
        s.providers.ollama.maxRetries = 0;
        s.agent.soul = options.soulPath;
        s.agent.promptCaching = config.caching;
        if (options.historyMessages > 0)
            s.agent.historyMessages = options.historyMessages;
        s.routing.mode = config.routing ? u"auto"_s : u"fixed"_s;
        s.routing.trivial = u"ollama:llama3.2"_s;
        s.routing.standard = config.routing ? u"anthropic:claude-sonnet-4-5"_s : u"anthropic:claude-opus-4-5"_s;
        s.routing.complex = u"anthropic:claude-opus-4-5"_s;
        s.logging.accessLog = false;
    });
    if (!gateway.isRunning()) {
        err() << "costbench: the gateway did not start: " << gateway.errorString() << '\n';
        return std::nullopt;
    }

    const int users = int(workload.conversations.size());
    std::vector<std::unique_ptr<TestSupport::ProtocolClient>> clients;
    for (int u = 0; u < users; ++u) {
        auto client = std::make_unique<TestSupport::ProtocolClient>();
        if (!client->openAndConnect(gateway.wsUrl(), gateway.token(), 4, { u"operator.write"_s })) {
            err() << "costbench: client " << u << " cannot connect\n";
            return std::nullopt;
        }
        clients.push_back(std::move(client));
    }

    // Round-robin by simulated time: the next turn in the schedule goes out as soon as its user
    // has the answer to their previous one, while other users' answers are still streaming. A
    // turn leaves only once the previous turn's model request has reached a fake, so every request
    // is billed at its own simulated time and cache expiry is the same on every run.
    struct UserState
    {
        bool busy = false;
        QString runId;
    };
    std::vector<UserState> state(static_cast<size_t>(users));
    qsizetype next = 0;
    int awaitedUser = -1; // sent, but its model request has not reached a fake yet
    int finished = 0;
    const int total = int(workload.schedule.size());
    QEventLoop loop;
    QElapsedTimer progress;
    progress.start();
    const auto pump = [&] {
        while (next < workload.schedule.size() && awaitedUser < 0) {
            const Turn &turn = workload.schedule.at(next);
            UserState &user = state[size_t(turn.user)];
            if (user.busy)
                return;
            awaitedUser = turn.user;
            simNow = SIM_EPOCH_MS + turn.atMs;
            user.busy = true;
            user.runId = u"u%1-t%2"_s.arg(turn.user).arg(turn.index);
            const QJsonObject frame { { u"type"_s, u"req"_s }, { u"id"_s, user.runId }, { u"method"_s, u"chat.send"_s },
                { u"params"_s,
                    QJsonObject { { u"sessionKey"_s, u"bench-user-%1"_s.arg(turn.user, 2, 10, QChar(u'0')) },
                        { u"message"_s, turn.text }, { u"idempotencyKey"_s, user.runId } } } };
            clients[size_t(turn.user)]->sendText(QJsonDocument(frame).toJson(QJsonDocument::Compact));
            ++next;
        }
    };
    const auto settle = [&](int u, const QString &failure) {
        UserState &user = state[size_t(u)];
        if (!user.busy)
            return;
        user.busy = false;
        if (awaitedUser == u)
            awaitedUser = -1; // failed before it reached a model
        if (failure.isEmpty())
            ++result.runsOk;
        else
            result.failures.append(user.runId + u": "_s + failure);
        ++finished;
        progress.restart();
        if (finished == total)
            loop.quit();
        else
            pump();
    };
    QObject context;
    const auto arrived = [&](const Fakes::RecordedRequest &request) {
        if (awaitedUser < 0 || (request.path != u"/v1/messages" && request.path != u"/api/chat"))
            return;
        awaitedUser = -1;
        // After the fake has answered this request at its own simulated time.
        QTimer::singleShot(0, &loop, pump);
    };
    QObject::connect(&anthropic.server(), &Fakes::FakeHttpServer::requestReceived, &context, arrived);
    QObject::connect(&ollama.server(), &Fakes::FakeHttpServer::requestReceived, &context, arrived);
    for (int u = 0; u < users; ++u) {
        QObject::connect(
            &clients[size_t(u)]->socket(), &QWebSocket::textMessageReceived, &context, [&, u](const QString &text) {
                const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
                const QString runId = state[size_t(u)].runId;
                const QString type = frame.value(u"type"_s).toString();
                if (type == u"res" && frame.value(u"id"_s).toString() == runId && !frame.value(u"ok"_s).toBool()) {
                    settle(u,
                        u"chat.send refused: "_s
                            + QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
                    return;
                }
                if (type != u"event" || frame.value(u"event"_s).toString() != u"chat")
                    return;
                const QJsonObject payload = frame.value(u"payload"_s).toObject();
                if (payload.value(u"runId"_s).toString() != runId)
                    return;
                const QString st = payload.value(u"state"_s).toString();
                if (st == u"final")
                    settle(u, QString());
                else if (st == u"error" || st == u"aborted")
                    settle(u, st + u": "_s + payload.value(u"errorMessage"_s).toString());
            });
    }
    QTimer watchdog;
    QObject::connect(&watchdog, &QTimer::timeout, &loop, [&] {
        if (progress.elapsed() > STALL_LIMIT_MS) {
            result.failures.append(u"stalled: %1 of %2 turns finished"_s.arg(finished).arg(total));
            loop.quit();
        }
    });
    watchdog.start(1000);
    QTimer::singleShot(0, &loop, pump);
    if (total > 0)
        loop.exec();
    watchdog.stop();

    // The bill.
    result.bill = anthropic.totals();
    for (auto it = result.bill.perModel.constBegin(); it != result.bill.perModel.constEnd(); ++it) {
        const std::optional<FakeAnthropic::Price> price = anthropic.price(it.key());
        if (!price)
            continue;
        const FakeAnthropic::Totals &t = it.value();
        result.inputUsd += (double(t.inputTokens) + 1.25 * double(t.cacheWrite5mTokens)
                               + 2.0 * double(t.cacheWrite1hTokens) + 0.1 * double(t.cacheReadTokens))
            * price->inputPerMTok / 1e6;
        result.outputUsd += double(t.outputTokens) * price->outputPerMTok / 1e6;
    }
    result.ollamaCalls = ollama.server().requestCount(u"/api/chat"_s);

    // What Skynet recorded, straight from its database.
    struct Call
    {
        QString session;
        int turn = 0;
        QString provider;
        QString model;
        qint64 input = 0;
        qint64 cacheWrite = 0;
        qint64 cacheRead = 0;
    };
    QList<Call> calls;
    const QString connectionName = u"costbench-"_s + config.label;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(QDir(gateway.home()).filePath(u"skynet.db"_s));
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open()) {
            result.mismatches.append(u"cannot open the gateway's database: "_s + db.lastError().text());
        } else {
            QSqlQuery q(db);
            q.exec(u"SELECT session_key, role, provider, model, input_tokens, output_tokens, cache_write_tokens, "
                   "cache_read_tokens, cost_usd FROM messages ORDER BY id"_s);
            QHash<QString, int> userTurns;
            while (q.next()) {
                const QString session = q.value(0).toString();
                if (q.value(1).toString() == u"user") {
                    ++userTurns[session];
                    continue;
                }
                if (q.value(1).toString() != u"assistant")
                    continue;
                Call call { session, userTurns.value(session) - 1, q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toLongLong(), q.value(6).toLongLong(), q.value(7).toLongLong() };
                Recorded &r = result.recorded[call.provider + u':' + call.model];
                ++r.calls;
                r.input += call.input;
                r.output += q.value(5).toLongLong();
                r.cacheWrite += call.cacheWrite;
                r.cacheRead += call.cacheRead;
                r.costUsd += q.value(8).toDouble();
                calls.append(call);
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connectionName);

    // Cross-check: the fake's bill against Skynet's records, model by model.
    for (auto it = result.bill.perModel.constBegin(); it != result.bill.perModel.constEnd(); ++it) {
        const FakeAnthropic::Totals &t = it.value();
        const Recorded r = result.recorded.value(u"anthropic:"_s + it.key());
        const auto check = [&](const QString &what, qint64 billed, qint64 recorded) {
            if (billed != recorded)
                result.mismatches.append(
                    u"%1 %2: billed %3, recorded %4"_s.arg(it.key(), what).arg(billed).arg(recorded));
        };
        check(u"calls"_s, t.requests, r.calls);
        check(u"input tokens"_s, t.inputTokens, r.input);
        check(u"cache write tokens"_s, t.cacheWrite5mTokens + t.cacheWrite1hTokens, r.cacheWrite);
        check(u"cache read tokens"_s, t.cacheReadTokens, r.cacheRead);
        check(u"output tokens"_s, t.outputTokens, r.output);
        if (qAbs(t.costUsd - r.costUsd) > 1e-6 * qMax(1.0, t.costUsd))
            result.mismatches.append(u"%1 cost: billed $%2, recorded $%3"_s.arg(it.key())
                                         .arg(t.costUsd, 0, 'f', 6)
                                         .arg(r.costUsd, 0, 'f', 6));
    }
    for (auto it = result.recorded.constBegin(); it != result.recorded.constEnd(); ++it) {
        const QString provider = it.key().section(u':', 0, 0);
        const QString model = it.key().section(u':', 1);
        if (provider == u"anthropic" && !result.bill.perModel.contains(model))
            result.mismatches.append(u"%1: recorded %2 calls the fake never billed"_s.arg(it.key()).arg(it->calls));
        if (provider == u"ollama" && it->calls != result.ollamaCalls)
            result.mismatches.append(
                u"%1: recorded %2 calls, the fake served %3"_s.arg(it.key()).arg(it->calls).arg(result.ollamaCalls));
        if (provider == u"ollama" && it->costUsd != 0)
            result.mismatches.append(u"%1: a local model recorded a cost of $%2"_s.arg(it.key()).arg(it->costUsd));
    }

    // Did each call read what the previous call of its session to the same model cached?
    if (config.caching) {
        QHash<QPair<int, int>, QJsonObject> bodies; // (user, turn) -> request body
        for (const Fakes::RecordedRequest &request : anthropic.server().requests()) {
            if (request.path != u"/v1/messages")
                continue;
            const QJsonObject body = request.json();
            if (const std::optional<QPair<int, int>> turn = turnOfBody(body, workload))
                bodies.insert(*turn, body);
        }
        QHash<QString, Call> lastByModel; // session + model -> its last call
        for (const Call &call : std::as_const(calls)) {
            if (call.provider != u"anthropic")
                continue;
            const QString key = call.session + u'|' + call.model;
            const auto previous = lastByModel.constFind(key);
            if (previous == lastByModel.cend()) {
                ++result.cache.firstCalls;
            } else if (call.cacheRead >= previous->cacheRead + previous->cacheWrite) {
                ++result.cache.hits;
            } else if (previous->turn == call.turn - 1) {
                ++result.cache.adjacentMisses;
                if (result.cache.evidence.isEmpty()) {
                    const int user = call.session.section(u'-', -1).toInt();
                    result.cache.evidence.append(
                        u"%1 turn %2 (%3) read %4 tokens; turn %5 had cached %6"_s.arg(call.session)
                            .arg(call.turn)
                            .arg(call.model)
                            .arg(call.cacheRead)
                            .arg(previous->turn)
                            .arg(previous->cacheRead + previous->cacheWrite));
                    result.cache.evidence.append(
                        describeMiss(bodies.value({ user, previous->turn }), bodies.value({ user, call.turn })));
                }
            } else {
                ++result.cache.distantMisses;
                const qint64 lost = previous->cacheRead + previous->cacheWrite - call.cacheRead;
                result.cache.distantTokens += lost;
                if (const std::optional<FakeAnthropic::Price> price = anthropic.price(call.model))
                    result.cache.distantExtraUsd += double(lost) * (1.25 - 0.1) * price->inputPerMTok / 1e6;
            }
            lastByModel.insert(key, call);
        }
    }
    if (!options.dumpDir.isEmpty()) {
        // Every request body the fake received, named by user and turn, for inspection.
        const QString dir = QDir(options.dumpDir).filePath(u"config%1"_s.arg(config.label.left(1)));
        QDir().mkpath(dir);
        for (const Fakes::RecordedRequest &request : anthropic.server().requests()) {
            if (request.path != u"/v1/messages")
                continue;
            const QJsonObject body = request.json();
            const std::optional<QPair<int, int>> turn = turnOfBody(body, workload);
            QFile file(QDir(dir).filePath(turn
                    ? u"user%1-turn%2.json"_s.arg(turn->first, 2, 10, QChar(u'0')).arg(turn->second, 2, 10, QChar(u'0'))
                    : u"unknown.json"_s));
            if (file.open(QIODevice::WriteOnly))
                file.write(QJsonDocument(body).toJson(QJsonDocument::Indented));
        }
    }
    clients.clear();
    result.seconds = double(wall.elapsed()) / 1000.0;
    return result;
}

// ------------------------------------------------------------------------------------- report

QString usd(double value)
{
    return u"$"_s + QString::number(value, 'f', 2);
}

QString tokens(qint64 value)
{
    // Thousands separators make 7-digit token counts readable.
    QString digits = QString::number(value);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, u',');
    return digits;
}

QString percent(double value)
{
    return QString::number(value * 100.0, 'f', 1) + u"%"_s;
}

void printTable(const QList<Result> &results)
{
    const Result *baseline = nullptr;
    for (const Result &r : results) {
        if (!r.config.caching && !r.config.routing)
            baseline = &r;
    }
    out() << u"%1 %2 %3 %4 %5 %6 %7 %8\n"_s.arg(u"configuration"_s, -34)
                 .arg(u"total"_s, 9)
                 .arg(u"input"_s, 9)
                 .arg(u"output"_s, 8)
                 .arg(u"uncached in"_s, 12)
                 .arg(u"cache write"_s, 12)
                 .arg(u"cache read"_s, 12)
                 .arg(u"of base"_s, 8);
    for (const Result &r : results) {
        const FakeAnthropic::Totals &t = r.bill.total;
        out() << u"%1 %2 %3 %4 %5 %6 %7 %8\n"_s.arg(r.config.label, -34)
                     .arg(usd(t.costUsd), 9)
                     .arg(usd(r.inputUsd), 9)
                     .arg(usd(r.outputUsd), 8)
                     .arg(tokens(t.inputTokens), 12)
                     .arg(tokens(t.cacheWrite5mTokens + t.cacheWrite1hTokens), 12)
                     .arg(tokens(t.cacheReadTokens), 12)
                     .arg(baseline && baseline->bill.total.costUsd > 0
                             ? percent(t.costUsd / baseline->bill.total.costUsd)
                             : u"-"_s,
                         8);
    }
    out() << "\nCalls per model (Anthropic billed by the fake; Ollama is local and free):\n";
    for (const Result &r : results) {
        QStringList parts;
        for (auto it = r.bill.perModel.constBegin(); it != r.bill.perModel.constEnd(); ++it)
            parts.append(u"%1 %2 (%3)"_s.arg(it.key()).arg(it->requests).arg(usd(it->costUsd)));
        parts.append(u"llama3.2 %1 ($0.00)"_s.arg(r.ollamaCalls));
        out() << u"  %1 %2\n"_s.arg(r.config.label, -34).arg(parts.join(u", "_s));
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"costbench"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Replays a seeded multi-user chat workload against the Anthropic and Ollama fakes with and without "
        "prompt caching and model routing, and prints what each configuration costs."_s);
    parser.addHelpOption();
    const QCommandLineOption usersOption(u"users"_s, u"Users (sessions), default 20."_s, u"n"_s, u"20"_s);
    const QCommandLineOption turnsOption(u"turns"_s, u"Turns per user, default 20."_s, u"n"_s, u"20"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Workload seed."_s, u"n"_s, u"20260302"_s);
    const QCommandLineOption outputOption(u"output-tokens"_s, u"Tokens per answer, default 300."_s, u"n"_s, u"300"_s);
    const QCommandLineOption soulOption(
        u"soul"_s, u"The persona file (default: bench/cost/SOUL.md)."_s, u"path"_s, QStringLiteral(SKYNET_COST_SOUL));
    const QCommandLineOption onlyOption(u"only"_s, u"Run only these configurations, e.g. 1,2."_s, u"list"_s);
    const QCommandLineOption listOption(u"list-workload"_s, u"Print the workload with each turn's score and exit."_s);
    const QCommandLineOption verboseOption(u"verbose"_s, u"Keep the gateway's info logging."_s);
    const QCommandLineOption dumpOption(
        u"dump"_s, u"Write every Anthropic request body under this folder."_s, u"dir"_s);
    const QCommandLineOption historyOption(
        u"history-messages"_s, u"Set agent.history_messages (default: the gateway's, 50)."_s, u"n"_s);
    parser.addOptions({ usersOption, turnsOption, seedOption, outputOption, soulOption, onlyOption, listOption,
        verboseOption, dumpOption, historyOption });
    parser.process(app);

    RunOptions options;
    options.outputTokens = qMax(1, parser.value(outputOption).toInt());
    options.soulPath = QFileInfo(parser.value(soulOption)).absoluteFilePath();
    options.verbose = parser.isSet(verboseOption);
    options.dumpDir = parser.value(dumpOption);
    options.historyMessages = parser.value(historyOption).toInt();
    if (!options.verbose)
        QLoggingCategory::setFilterRules(u"skynet.*.info=false\nskynet.*.debug=false"_s);
    if (!QFileInfo::exists(options.soulPath)) {
        err() << "costbench: no persona file at " << options.soulPath << '\n';
        return 2;
    }

    WorkloadOptions w;
    w.users = qMax(1, parser.value(usersOption).toInt());
    w.turns = qMax(1, parser.value(turnsOption).toInt());
    w.seed = parser.value(seedOption).toUInt();
    const Workload workload = generateWorkload(w);

    if (parser.isSet(listOption)) {
        for (const Turn &turn : workload.schedule) {
            const auto c = Gateway::Agent::ModelRouter::classify(turn.text, 2 * turn.index + 1);
            out() << u"t=%1s user %2 turn %3 %4 score %5: %6\n"_s.arg(turn.atMs / 1000, 5)
                         .arg(turn.user, 2)
                         .arg(turn.index, 2)
                         .arg(tierName(turn.tier), -8)
                         .arg(c.score, 2)
                         .arg(turn.text.left(70).replace(u'\n', u' '));
        }
        return 0;
    }

    QFile soul(options.soulPath);
    (void)soul.open(QIODevice::ReadOnly);
    const QString persona = QString::fromUtf8(soul.readAll()).trimmed();
    const qint64 personaTokens = FakeAnthropic::countTokens(
        FakeAnthropic::canonicalBlock(u"system"_s, QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, persona } }));
    const int total = int(workload.schedule.size());
    out() << "== workload: " << w.users << " users x " << w.turns << " turns = " << total << " turns, seed " << w.seed
          << '\n';
    out() << "   tiers: " << workload.tierCounts[0] << " trivial (" << percent(double(workload.tierCounts[0]) / total)
          << "), " << workload.tierCounts[1] << " standard (" << percent(double(workload.tierCounts[1]) / total)
          << "), " << workload.tierCounts[2] << " complex (" << percent(double(workload.tierCounts[2]) / total)
          << "); target mix " << w.trivialPercent << "/" << w.standardPercent << "/"
          << 100 - w.trivialPercent - w.standardPercent << '\n';
    out() << "   think time " << w.thinkMinSeconds << "-" << w.thinkMaxSeconds
          << " s between a user's turns (simulated clock, cache TTL 5 min); " << options.outputTokens
          << " output tokens per answer\n";
    out() << "   persona: " << QFileInfo(options.soulPath).fileName() << ", " << persona.toUtf8().size()
          << " bytes = " << personaTokens
          << " tokens as the fake counts them (Opus 4.5 caches from 4096, Sonnet 4.5 from 1024)\n";
    const QStringList tierProblems = verifyTiers(workload);
    if (!tierProblems.isEmpty()) {
        err() << "costbench: the workload does not land in its tiers:\n  " << tierProblems.join(u"\n  "_s) << '\n';
        return 1;
    }
    out() << "   every turn verified with ModelRouter::classify at its conversation depth\n";
    out().flush();

    const QList<BenchConfig> configs = {
        { u"1 baseline: no cache, Opus only"_s, false, false },
        { u"2 caching only"_s, true, false },
        { u"3 routing only"_s, false, true },
        { u"4 caching + routing"_s, true, true },
    };
    QSet<int> only;
    for (const QString &part : parser.value(onlyOption).split(u',', Qt::SkipEmptyParts))
        only.insert(part.trimmed().toInt());

    QList<Result> results;
    bool broken = false;
    for (qsizetype i = 0; i < configs.size(); ++i) {
        if (!only.isEmpty() && !only.contains(int(i + 1)))
            continue;
        out() << "-- running " << configs.at(i).label << " ...";
        out().flush();
        const std::optional<Result> result = runConfig(configs.at(i), workload, options);
        if (!result) {
            out() << " failed\n";
            return 1;
        }
        out() << u" %1 turns ok in %2 s\n"_s.arg(result->runsOk).arg(result->seconds, 0, 'f', 1);
        if (!result->failures.isEmpty()) {
            broken = true;
            out() << "   FAILED turns (" << result->failures.size() << "): " << result->failures.mid(0, 5).join(u"; "_s)
                  << '\n';
        }
        if (configs.at(i).routing) {
            // Routing must have sent each tier where the config says.
            const qint64 opus = result->bill.perModel.value(u"claude-opus-4-5"_s).requests;
            const qint64 sonnet = result->bill.perModel.value(u"claude-sonnet-4-5"_s).requests;
            const bool matched = result->ollamaCalls == workload.tierCounts[0] && sonnet == workload.tierCounts[1]
                && opus == workload.tierCounts[2];
            out() << "   routed: " << result->ollamaCalls << " local, " << sonnet << " Sonnet, " << opus << " Opus"
                  << (matched ? " (= the workload's tiers)\n" : " (DIFFERS from the workload's tiers)\n");
            broken = broken || !matched;
        }
        if (configs.at(i).caching) {
            const CacheCheck &c = result->cache;
            out() << "   cache: " << c.hits << " calls read the whole earlier conversation, " << c.firstCalls
                  << " first calls of a session to a model (persona read only), " << c.distantMisses
                  << " out of reach after a model switch";
            if (c.distantMisses > 0)
                out() << " (wrote " << tokens(c.distantTokens) << " cached tokens again, +" << usd(c.distantExtraUsd)
                      << ")";
            out() << ", " << c.adjacentMisses << " misses on the next turn\n";
            if (c.adjacentMisses > 0) {
                broken = true;
                out() << "   GATEWAY BUG: turn N+1 did not read what turn N wrote. Evidence:\n     "
                      << c.evidence.join(u"\n"_s).replace(u"\n"_s, u"\n     "_s) << '\n';
            }
        }
        if (result->mismatches.isEmpty()) {
            out() << "   Skynet's recorded usage and cost match the fake's bill\n";
        } else {
            broken = true;
            out() << "   MISMATCH between Skynet's records and the bill:\n     "
                  << result->mismatches.join(u"\n     "_s) << '\n';
        }
        out().flush();
        results.append(*result);
    }

    out() << '\n';
    printTable(results);

    const Result *baseline = nullptr;
    const Result *caching = nullptr;
    const Result *both = nullptr;
    for (const Result &r : std::as_const(results)) {
        if (!r.config.caching && !r.config.routing)
            baseline = &r;
        else if (r.config.caching && !r.config.routing)
            caching = &r;
        else if (r.config.caching && r.config.routing)
            both = &r;
    }
    out() << '\n';
    if (baseline && caching && baseline->inputUsd > 0) {
        const double saved = 1.0 - caching->inputUsd / baseline->inputUsd;
        out() << "caching alone saves " << percent(saved) << " of input-token cost (" << usd(baseline->inputUsd)
              << " -> " << usd(caching->inputUsd) << "; target >= 85%): " << (saved >= 0.85 ? "met" : "NOT met")
              << '\n';
    }
    if (baseline && both && baseline->bill.total.costUsd > 0) {
        const double share = both->bill.total.costUsd / baseline->bill.total.costUsd;
        out() << "caching + routing costs " << percent(share) << " of baseline (" << usd(both->bill.total.costUsd)
              << " vs " << usd(baseline->bill.total.costUsd)
              << "; target <= 25%): " << (share <= 0.25 ? "met" : "NOT met") << '\n';
    }
    out().flush();
    return broken ? 1 : 0;
}
