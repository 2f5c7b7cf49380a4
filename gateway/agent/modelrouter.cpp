// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "agent/modelrouter.h"

#include <algorithm>
#include <utility>

#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Agent
{

namespace
{

const QString TIER_TRIVIAL = u"trivial"_s;
const QString TIER_STANDARD = u"standard"_s;
const QString TIER_COMPLEX = u"complex"_s;
const QString TIER_OVERRIDE = u"override"_s;

// The regular expressions look at this many characters at most: a pasted megabyte of log must
// not make routing slow, and the first 100k characters already say what kind of turn it is.
constexpr qsizetype MAX_SCANNED_CHARS = 100'000;

constexpr int CHITCHAT_MAX_WORDS = 8;
// Reasons quote a /model argument at most this long.
constexpr qsizetype MAX_SHOWN_SPEC = 80;

QRegularExpression regex(const QString &pattern, bool caseInsensitive = true)
{
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (caseInsensitive)
        options |= QRegularExpression::CaseInsensitiveOption;
    return QRegularExpression(pattern, options);
}

int countMatchingLines(const QStringList &lines, const QRegularExpression &re)
{
    int count = 0;
    for (const QString &line : lines) {
        if (re.match(line).hasMatch())
            ++count;
    }
    return count;
}

QString signal(const QString &what, int points)
{
    return u"%1 (%2%3)"_s.arg(what, points > 0 ? u"+"_s : QString()).arg(points);
}

int countWords(const QString &text)
{
    int words = 0;
    bool inWord = false;
    for (const QChar c : text) {
        const bool space = c.isSpace();
        if (!space && !inWord)
            ++words;
        inWord = !space;
    }
    return words;
}

// Words that make up greetings, thanks, farewells and acknowledgements. A message made only of
// these (and punctuation/emoji) is small talk. Answers such as "yes", "no" or "sure" are left out
// on purpose: they usually tell the model to go on with the task it just proposed.
const QSet<QString> &chitChatWords()
{
    static const QSet<QString> words = {
        u"hi"_s,
        u"hello"_s,
        u"hey"_s,
        u"heya"_s,
        u"hiya"_s,
        u"yo"_s,
        u"howdy"_s,
        u"greetings"_s,
        u"sup"_s,
        u"good"_s,
        u"morning"_s,
        u"afternoon"_s,
        u"evening"_s,
        u"night"_s,
        u"day"_s,
        u"have"_s,
        u"nice"_s,
        u"thanks"_s,
        u"thank"_s,
        u"thx"_s,
        u"ty"_s,
        u"cheers"_s,
        u"appreciate"_s,
        u"appreciated"_s,
        u"bye"_s,
        u"goodbye"_s,
        u"cya"_s,
        u"see"_s,
        u"later"_s,
        u"again"_s,
        u"soon"_s,
        u"ok"_s,
        u"okay"_s,
        u"k"_s,
        u"kk"_s,
        u"cool"_s,
        u"great"_s,
        u"awesome"_s,
        u"perfect"_s,
        u"excellent"_s,
        u"lol"_s,
        u"haha"_s,
        u"hehe"_s,
        u"wow"_s,
        u"oh"_s,
        u"ah"_s,
        u"np"_s,
        u"welcome"_s,
        u"got"_s,
        u"gotcha"_s,
        u"it"_s,
        u"that"_s,
        u"that's"_s,
        u"thats"_s,
        u"sounds"_s,
        u"works"_s,
        u"worked"_s,
        u"helps"_s,
        u"helped"_s,
        u"how"_s,
        u"are"_s,
        u"is"_s,
        u"you"_s,
        u"u"_s,
        u"doing"_s,
        u"going"_s,
        u"what's"_s,
        u"whats"_s,
        u"up"_s,
        u"there"_s,
        u"so"_s,
        u"much"_s,
        u"very"_s,
        u"a"_s,
        u"lot"_s,
        u"all"_s,
        u"everyone"_s,
        u"folks"_s,
        u"friend"_s,
        u"buddy"_s,
        u"mate"_s,
        u"man"_s,
        u"the"_s,
        u"for"_s,
        u"your"_s,
        u"help"_s,
        u"and"_s,
        u"too"_s,
        u"really"_s,
        u"bot"_s,
        u"skynet"_s,
        u"i"_s,
        u"we"_s,
        u"to"_s,
        u"me"_s,
    };
    return words;
}

bool isChitChat(const QString &prose)
{
    static const QRegularExpression wordRe = regex(u"[\\p{L}\\p{N}']+"_s);
    const QString trimmed = prose.trimmed();
    if (trimmed.isEmpty())
        return false;
    int words = 0;
    QRegularExpressionMatchIterator it = wordRe.globalMatch(trimmed);
    while (it.hasNext()) {
        const QString word = it.next().captured(0).toLower().replace(u'\u2019', u'\'');
        if (++words > CHITCHAT_MAX_WORDS || !chitChatWords().contains(word))
            return false;
    }
    // Only emoji or a short "!!" / ":)" reaction counts too, but not a bare "?".
    return words > 0 || (trimmed.size() <= 16 && !trimmed.contains(u'?'));
}

// Splits the scanned text into prose (fenced blocks and inline code removed) and code facts.
struct Scan
{
    QString prose;
    int fences = 0;
    int fencedLines = 0;
    bool inlineCode = false;
};

Scan scan(const QString &text)
{
    static const QRegularExpression fenceRe = regex(u"^\\s*(```|~~~)"_s);
    static const QRegularExpression inlineRe = regex(u"`[^`\\n]+`"_s);
    Scan result;
    bool inFence = false;
    QString fenceMarker;
    const QStringList lines = text.split(u'\n');
    QStringList prose;
    for (const QString &line : lines) {
        const QRegularExpressionMatch fence = fenceRe.match(line);
        if (fence.hasMatch() && (!inFence || fence.captured(1) == fenceMarker)) {
            if (!inFence) {
                ++result.fences;
                fenceMarker = fence.captured(1);
            }
            inFence = !inFence;
            continue;
        }
        if (inFence) {
            ++result.fencedLines;
            continue;
        }
        prose.append(line);
    }
    result.prose = prose.join(u'\n');
    if (result.prose.contains(inlineRe)) {
        result.inlineCode = true;
        result.prose.replace(inlineRe, u" "_s);
    }
    return result;
}

struct Keyword
{
    QString label;
    QRegularExpression re;
};

QList<Keyword> keywords(std::initializer_list<std::pair<QString, QString>> list)
{
    QList<Keyword> result;
    for (const auto &[label, pattern] : list)
        result.append(Keyword { label, regex(u"\\b(?:"_s + pattern + u")\\b"_s) });
    return result;
}

QStringList matchedLabels(const QList<Keyword> &list, const QString &text)
{
    QStringList labels;
    for (const Keyword &keyword : list) {
        if (keyword.re.match(text).hasMatch())
            labels.append(keyword.label);
    }
    return labels;
}

} // namespace

QJsonObject RouteDecision::toJson() const
{
    return QJsonObject {
        { u"tier"_s, tier },
        { u"provider"_s, provider },
        { u"model"_s, model },
        { u"score"_s, score },
        { u"overridden"_s, overridden },
        { u"reasons"_s, QJsonArray::fromStringList(reasons) },
    };
}

ModelRouter::ModelRouter(const Config::RoutingSettings &routing, const Config::ProvidersSettings &providers)
    : m_routing(routing), m_providers(providers)
{
}

void ModelRouter::setAvailability(Availability availability)
{
    m_availability = std::move(availability);
}

QStringList ModelRouter::providerIds()
{
    return { u"ollama"_s, u"anthropic"_s, u"openai"_s };
}

const Config::ProviderSettings *ModelRouter::providerSettings(
    const Config::ProvidersSettings &providers, const QString &providerId)
{
    if (providerId == u"ollama")
        return &providers.ollama;
    if (providerId == u"anthropic")
        return &providers.anthropic;
    if (providerId == u"openai")
        return &providers.openai;
    return nullptr;
}

bool ModelRouter::isLoopbackUrl(const QString &url)
{
    QString text = url.trimmed();
    if (text.isEmpty())
        return false;
    if (!text.contains(u"://"_s))
        text.prepend(u"http://"_s);
    const QUrl parsed(text, QUrl::StrictMode);
    const QString host = parsed.host();
    if (!parsed.isValid() || host.isEmpty())
        return false;
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0 || host.endsWith(u".localhost"_s, Qt::CaseInsensitive))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool ModelRouter::isLocalProvider(const QString &providerId, const Config::ProviderSettings &settings)
{
    if (providerId == u"ollama")
        return settings.baseUrl.trimmed().isEmpty() || isLoopbackUrl(settings.baseUrl);
    if (providerId == u"openai")
        return isLoopbackUrl(settings.baseUrl);
    return false;
}

RouteTarget ModelRouter::parseTarget(const QString &spec, const Config::ProvidersSettings &providers, bool allowTier)
{
    RouteTarget target;
    const QString text = spec.trimmed();
    if (text.isEmpty())
        return target;
    const QString lower = text.toLower();
    if (allowTier && (lower == TIER_TRIVIAL || lower == TIER_STANDARD || lower == TIER_COMPLEX)) {
        target.tier = lower;
        return target;
    }
    if (const Config::ProviderSettings *settings = providerSettings(providers, lower)) {
        target.provider = lower;
        target.model = settings->model;
        return target;
    }
    // Split at the first ':' only when the left part is a provider: "ollama:llama3.2:3b" is
    // (ollama, llama3.2:3b), while "llama3.2:3b" is a model id.
    if (const qsizetype colon = text.indexOf(u':'); colon > 0) {
        const QString left = text.left(colon).trimmed().toLower();
        if (const Config::ProviderSettings *settings = providerSettings(providers, left)) {
            target.provider = left;
            target.model = text.mid(colon + 1).trimmed();
            if (target.model.isEmpty())
                target.model = settings->model;
            return target;
        }
    }
    // A bare model id: the provider whose default it is, else a guess from well-known prefixes.
    target.model = text;
    target.inferred = true;
    const QStringList ids = providerIds();
    for (const QString &id : ids) {
        if (providerSettings(providers, id)->model == text) {
            target.provider = id;
            return target;
        }
    }
    static const QRegularExpression openAiModel = regex(u"^(gpt-|chatgpt-|o[1-9](-|$))"_s);
    if (lower.startsWith(u"claude"_s))
        target.provider = u"anthropic"_s;
    else if (openAiModel.match(lower).hasMatch())
        target.provider = u"openai"_s;
    else
        target.provider = u"ollama"_s;
    return target;
}

Classification ModelRouter::classify(const QString &text, int historyMessages, int attachments)
{
    // Case-sensitive: keywords are lower case in code, while prose starts lines with capitals.
    static const QRegularExpression codeLineRe = regex(
        u"^\\s*(#include\\b|#define\\b|import\\s+[\\w.{]|from\\s+[\\w.]+\\s+import\\b|def\\s+\\w+\\s*\\(|"
        "class\\s+\\w+\\s*[:({]|fn\\s+\\w+\\s*[(<]|func\\s+\\w+\\s*\\(|function\\s*\\w*\\s*\\(|"
        "(public|private|protected|static)\\s+[\\w<>\\[\\]]+\\s+\\w+|(const|let|var)\\s+\\w+\\s*=|"
        "(if|for|while|switch)\\s*\\(.*\\)\\s*\\{?\\s*$|(select|SELECT)\\s.+\\s(from|FROM)\\s|[{}]\\s*$|.*[;{]\\s*$)"_s,
        false);
    static const QRegularExpression stackTraceRe
        = regex(u"Traceback \\(most recent call last\\)|^\\s+at [\\w$.<>/]+\\s?\\(.*\\)|Exception in thread|"
                "\\b\\w+(Error|Exception): |panicked at|Segmentation fault|core dumped|^#\\d+\\s+0x[0-9a-f]+|"
                ":\\d+(:\\d+)?: (fatal )?error:|error\\[E\\d+\\]|error C\\d{4}|undefined reference to|npm ERR!"_s,
            false);
    static const QList<Keyword> proofWords = keywords({
        { u"prove"_s, u"prov(e|es|ing)"_s },
        { u"proof"_s, u"proofs?"_s },
        { u"derive"_s, u"deriv(e|es|ing|ation|ations)"_s },
        { u"theorem"_s, u"theorems?"_s },
        { u"lemma"_s, u"lemmas?"_s },
    });
    static const QList<Keyword> mathWords = keywords({
        { u"integral"_s, u"integrals?|integrate|antiderivatives?"_s },
        { u"derivative"_s, u"derivatives?|differentiate"_s },
        { u"eigenvalue"_s, u"eigen(value|vector)s?"_s },
        { u"differential equation"_s, u"differential equations?|ODEs?|PDEs?"_s },
        { u"polynomial"_s, u"polynomials?"_s },
        { u"logarithm"_s, u"logarithms?"_s },
        { u"transform"_s, u"fourier|laplace"_s },
        { u"series"_s, u"taylor series|power series|converge(s|nt|nce)?"_s },
    });
    static const QRegularExpression latexRe
        = regex(u"\\$\\$|\\\\\\(|\\\\\\[|\\\\(frac|int|sum|prod|sqrt|lim|begin\\{|partial|infty|alpha|beta|theta|"
                "lambda|sigma|mathbb|cdot)\\b|[∫∑∏√∂∞≤≥≠∀∃∈ℝ]"_s);
    static const QRegularExpression equationRe = regex(
        u"([a-z0-9)]\\s*(\\^|\\*\\*)\\s*[a-z0-9(]|\\d\\s*[-+*/×÷]\\s*[a-z0-9(]|[a-z0-9)]\\s*[-+*/×÷]\\s*\\d)"_s);
    static const QRegularExpression equalsRe = regex(u"(^|[^=<>!])=($|[^=>])"_s);
    static const QList<Keyword> analysisWords = keywords({
        { u"step by step"_s, u"step[- ]by[- ]step"_s },
        { u"compare"_s, u"compar(e|es|ed|ing|ison|isons)"_s },
        { u"design"_s, u"design(s|ed|ing)?"_s },
        { u"plan"_s, u"plan(s|ned|ning)?"_s },
        { u"architecture"_s, u"architect(s|ure|ures|ural)?"_s },
        { u"refactor"_s, u"refactor(s|ed|ing)?"_s },
        { u"trade-offs"_s, u"trade-?offs?|pros and cons"_s },
        { u"analyze"_s, u"analy[sz](e|es|ed|ing)|analysis"_s },
        { u"evaluate"_s, u"evaluat(e|es|ed|ing|ion)"_s },
        { u"optimize"_s, u"optimi[sz](e|es|ed|ing|ation)"_s },
        { u"migrate"_s, u"migrat(e|es|ed|ing|ion)"_s },
        { u"implement"_s, u"implement(s|ed|ing|ation)?"_s },
        { u"debug"_s, u"debug(s|ged|ging)?"_s },
        { u"review"_s, u"review(s|ed|ing)?"_s },
        { u"strategy"_s, u"strateg(y|ies|ic)"_s },
        { u"in detail"_s, u"in (great )?detail|detailed|thorough(ly)?|comprehensive|in[- ]depth"_s },
        { u"walk me through"_s, u"walk me through"_s },
    });
    static const QRegularExpression listItemRe = regex(u"^\\s*(\\d{1,3}[.)]|[-*•])\\s+\\S"_s);
    static const QList<Keyword> sequenceWords = keywords({
        { u"first"_s, u"first(ly)?"_s },
        { u"second"_s, u"second(ly)?"_s },
        { u"then"_s, u"then|afterwards|after that"_s },
        { u"next"_s, u"next"_s },
        { u"finally"_s, u"finally|lastly"_s },
    });

    Classification result;
    auto add = [&result](const QString &what, int points) {
        result.score += points;
        result.reasons.append(signal(what, points));
    };

    const QString scanned = text.left(MAX_SCANNED_CHARS);
    const QStringList scannedLines = scanned.split(u'\n');
    const Scan parts = scan(scanned);
    const QString &prose = parts.prose;
    const QStringList proseLines = prose.split(u'\n');

    // Small talk.
    if (parts.fences == 0 && !parts.inlineCode && attachments == 0 && isChitChat(prose))
        add(u"greeting or small talk"_s, -3);

    // Length, in words or (for text without spaces, such as minified data) characters / 6.
    const int words = int(std::max<qsizetype>(countWords(text), text.size() / 6));
    if (words >= 400)
        add(u"very long message (%1 words)"_s.arg(words), 3);
    else if (words >= 150)
        add(u"long message (%1 words)"_s.arg(words), 2);
    else if (words >= 60)
        add(u"longer message (%1 words)"_s.arg(words), 1);

    // Code.
    if (parts.fences > 0)
        add(parts.fences == 1 ? u"code block"_s : u"%1 code blocks"_s.arg(parts.fences), 3);
    if (parts.fencedLines >= 40)
        add(u"large code (%1 lines)"_s.arg(parts.fencedLines), 1);
    if (parts.inlineCode)
        add(u"inline code"_s, 1);
    if (const int codeLines = countMatchingLines(proseLines, codeLineRe); codeLines >= 3)
        add(u"code without a fence (%1 lines)"_s.arg(codeLines), 2);
    if (countMatchingLines(scannedLines, stackTraceRe) > 0)
        add(u"stack trace or error output"_s, 2);

    // Math.
    if (const QStringList found = matchedLabels(proofWords, prose); !found.isEmpty())
        add(u"proof or derivation (%1)"_s.arg(found.join(u", "_s)), 5);
    if (const QStringList found = matchedLabels(mathWords, prose); !found.isEmpty())
        add(u"math (%1)"_s.arg(found.join(u", "_s)), 3);
    if (latexRe.match(prose).hasMatch())
        add(u"LaTeX or math notation"_s, 3);
    if (std::any_of(proseLines.cbegin(), proseLines.cend(),
            [](const QString &line) { return equationRe.match(line).hasMatch() && equalsRe.match(line).hasMatch(); }))
        add(u"equation"_s, 2);

    // Multi-step and analysis requests.
    if (const QStringList found = matchedLabels(analysisWords, prose); !found.isEmpty()) {
        const int points = std::min<int>(4, 1 + int(found.size()));
        add(u"multi-step or analysis request (%1)"_s.arg(found.join(u", "_s)), points);
    }
    if (const int items = countMatchingLines(proseLines, listItemRe); items >= 2)
        add(u"list of %1 items"_s.arg(items), 2);
    if (const QStringList found = matchedLabels(sequenceWords, prose); found.size() >= 2)
        add(u"sequence of steps (%1)"_s.arg(found.join(u", "_s)), 1);
    if (const int questions = int(prose.count(u'?')); questions >= 4)
        add(u"%1 questions"_s.arg(questions), 2);
    else if (questions >= 2)
        add(u"%1 questions"_s.arg(questions), 1);

    // Context.
    if (historyMessages >= 20)
        add(u"conversation depth (%1 messages)"_s.arg(historyMessages), 2);
    else if (historyMessages >= 6)
        add(u"conversation depth (%1 messages)"_s.arg(historyMessages), 1);
    if (attachments > 0)
        add(attachments == 1 ? u"1 attachment"_s : u"%1 attachments"_s.arg(attachments), std::min(4, 2 * attachments));

    if (result.score <= TRIVIAL_MAX)
        result.tier = TIER_TRIVIAL;
    else if (result.score >= COMPLEX_MIN)
        result.tier = TIER_COMPLEX;
    else
        result.tier = TIER_STANDARD;
    result.reasons.append(u"score %1 -> %2"_s.arg(result.score).arg(result.tier));
    return result;
}

RouteTarget ModelRouter::configuredModel(const QString &name) const
{
    // Short names such as "opus" or "llama" pick a model the config already mentions: the tier
    // targets first (complex, standard, trivial), then each provider's default model.
    static const QRegularExpression separators = regex(u"[-:._/@]"_s);
    const QString needle = name.trimmed().toLower();
    // A name with a separator is a model id ("gpt-4o" must not become "gpt-4o-mini").
    if (needle.size() < 3 || needle.contains(separators))
        return {};
    QList<RouteTarget> known;
    for (const QString &spec : { m_routing.complex, m_routing.standard, m_routing.trivial }) {
        if (const RouteTarget target = parseTarget(spec, m_providers); !target.model.isEmpty())
            known.append(target);
    }
    const QStringList ids = providerIds();
    for (const QString &id : ids)
        known.append(RouteTarget { id, providerSettings(m_providers, id)->model, QString(), false });
    for (const RouteTarget &target : std::as_const(known)) {
        if (target.model.compare(needle, Qt::CaseInsensitive) == 0)
            return target;
    }
    for (const RouteTarget &target : std::as_const(known)) {
        const QStringList parts = target.model.toLower().split(separators, Qt::SkipEmptyParts);
        if (std::any_of(parts.cbegin(), parts.cend(), [&](const QString &part) { return part.startsWith(needle); }))
            return target;
    }
    return {};
}

QString ModelRouter::localOnlyMode() const
{
    if (m_routing.offline)
        return u"offline"_s;
    if (m_routing.privacy)
        return u"privacy"_s;
    return {};
}

QStringList ModelRouter::byPriority() const
{
    QStringList ids = providerIds();
    // Stable: equal priorities keep the canonical order.
    std::stable_sort(ids.begin(), ids.end(), [this](const QString &a, const QString &b) {
        return providerSettings(m_providers, a)->priority < providerSettings(m_providers, b)->priority;
    });
    return ids;
}

QString ModelRouter::problemWith(const QString &providerId, const QString &model) const
{
    const Config::ProviderSettings *settings = providerSettings(m_providers, providerId);
    if (!settings)
        return u"unknown provider \"%1\""_s.arg(providerId);
    if (const QString mode = localOnlyMode(); !mode.isEmpty() && !isLocalProvider(providerId, *settings))
        return u"%1 is not a local provider (%2 mode)"_s.arg(providerId, mode);
    if (!settings->enabled)
        return u"%1 is disabled"_s.arg(providerId);
    if (m_availability && !m_availability(providerId))
        return u"%1 is unavailable"_s.arg(providerId);
    if (model.isEmpty())
        return u"%1 has no model configured"_s.arg(providerId);
    return {};
}

void ModelRouter::resolve(const RouteTarget &target, RouteDecision &decision) const
{
    const QString problem = target.provider.isEmpty() ? u"routing.%1 names no provider"_s.arg(decision.tier)
                                                      : problemWith(target.provider, target.model);
    if (problem.isEmpty()) {
        decision.provider = target.provider;
        decision.model = target.model;
        return;
    }
    const QStringList ids = byPriority();
    for (const QString &id : ids) {
        if (id == target.provider)
            continue;
        const Config::ProviderSettings *settings = providerSettings(m_providers, id);
        if (problemWith(id, settings->model).isEmpty()) {
            decision.provider = id;
            decision.model = settings->model;
            decision.reasons.append(
                u"%1; falling back to %2:%3 (priority %4)"_s.arg(problem, id, settings->model).arg(settings->priority));
            return;
        }
    }
    decision.provider.clear();
    decision.model.clear();
    const QString mode = localOnlyMode();
    decision.reasons.append(mode.isEmpty() ? u"%1; no other provider is available"_s.arg(problem)
                                           : u"%1; no other local provider is available"_s.arg(problem));
}

RouteDecision ModelRouter::route(const RouteInput &input) const
{
    // "/model X" at the very start, followed by whitespace or the end; X is on the same line.
    static const QRegularExpression modelCommand = regex(u"^\\s*/model(?=\\s|$)[ \\t]*(\\S*)"_s);

    RouteDecision decision;
    QString spec;
    QString source;
    bool clearPin = false;
    if (const QRegularExpressionMatch match = modelCommand.match(input.text); match.hasMatch()) {
        decision.overrideSpec = match.captured(1);
        decision.stripped = input.text.mid(match.capturedEnd()).trimmed();
        spec = decision.overrideSpec;
        source = u"/model"_s;
    } else {
        decision.stripped = input.text;
    }
    if (spec.compare(u"auto"_s, Qt::CaseInsensitive) == 0 || spec.compare(u"default"_s, Qt::CaseInsensitive) == 0) {
        decision.reasons.append(u"/model %1: automatic routing"_s.arg(spec.toLower()));
        spec.clear();
        clearPin = true;
    }
    if (spec.isEmpty() && !clearPin) {
        const QString pinned = input.sessionOverride.trimmed();
        if (!pinned.isEmpty() && pinned.compare(u"auto"_s, Qt::CaseInsensitive) != 0) {
            spec = pinned;
            source = u"session"_s;
        }
    }

    if (!spec.isEmpty()) {
        const RouteTarget named = parseTarget(spec, m_providers, true);
        decision.overridden = true;
        decision.reasons.append(u"explicit override"_s);
        const QString shown = spec.left(MAX_SHOWN_SPEC);
        decision.reasons.append(
            source == u"session" ? u"pinned for the session: %1"_s.arg(shown) : u"/model %1"_s.arg(shown));
        RouteTarget target = named;
        if (!named.tier.isEmpty()) {
            decision.tier = named.tier;
            const QString tierSpec = named.tier == TIER_TRIVIAL ? m_routing.trivial
                : named.tier == TIER_STANDARD                   ? m_routing.standard
                                                                : m_routing.complex;
            target = parseTarget(tierSpec, m_providers);
        } else {
            decision.tier = TIER_OVERRIDE;
            if (named.inferred) {
                if (const RouteTarget known = configuredModel(spec); !known.provider.isEmpty()) {
                    target = known;
                    decision.reasons.append(
                        u"\"%1\" matches the configured %2:%3"_s.arg(shown, known.provider, known.model));
                } else {
                    decision.reasons.append(u"provider %1 inferred from the model id"_s.arg(named.provider));
                }
            }
        }
        resolve(target, decision);
        return decision;
    }

    if (m_routing.mode == u"fixed") {
        decision.tier = TIER_STANDARD;
        decision.reasons.append(u"routing mode is fixed"_s);
    } else {
        Classification classification = classify(decision.stripped, input.historyMessages, input.attachments);
        decision.tier = classification.tier;
        decision.score = classification.score;
        decision.reasons += classification.reasons;
    }
    const QString tierSpec = decision.tier == TIER_TRIVIAL ? m_routing.trivial
        : decision.tier == TIER_STANDARD                   ? m_routing.standard
                                                           : m_routing.complex;
    resolve(parseTarget(tierSpec, m_providers), decision);
    return decision;
}

} // namespace Gateway::Agent
