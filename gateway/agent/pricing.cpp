// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "agent/pricing.h"

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Agent
{

namespace
{

constexpr double TOKENS_PER_UNIT = 1'000'000.0;
constexpr qsizetype MAX_SHOWN = 60;

// Digits with at most one '.', and at least one digit ("3", "0.15", ".5"). No regular
// expressions here: this runs at start-up, and PCRE's pages count against idle memory.
bool isPlainDecimal(const QString &text)
{
    int digits = 0;
    int dots = 0;
    for (const QChar c : text) {
        if (c.isDigit() && c.unicode() < 128)
            ++digits;
        else if (c == u'.')
            ++dots;
        else
            return false;
    }
    return digits > 0 && dots <= 1 && !text.endsWith(u'.');
}

bool isModelName(const QString &text)
{
    if (text.isEmpty())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (i == 0
                ? !alnum
                : !(alnum || c == u'.' || c == u'_' || c == u':' || c == u'@' || c == u'/' || c == u'+' || c == u'-'))
            return false;
    }
    return true;
}

// Parses one price; false with *why set when it is not a finite, non-negative decimal number.
bool parsePrice(const QString &text, double *value, QString *why)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        *why = u"is missing"_s;
        return false;
    }
    bool ok = false;
    *value = trimmed.toDouble(&ok);
    if (!isPlainDecimal(trimmed) || !ok || !std::isfinite(*value)) {
        *why = u"\"%1\" is not a non-negative number"_s.arg(trimmed.left(MAX_SHOWN));
        return false;
    }
    return true;
}

bool isSeparator(QChar c)
{
    return c == u'-' || c == u':' || c == u'@' || c == u'.' || c == u'/';
}

} // namespace

Result<PriceTable> PriceTable::parse(const QString &table)
{
    PriceTable result;
    QString normalized = table;
    normalized.replace(u'\n', u',');
    const QStringList entries = normalized.split(u',');
    int index = 0;
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        ++index;
        auto fail = [&](const QString &what) {
            return Error { u"PRICING"_s,
                u"pricing.table entry %1 (\"%2\"): %3; expected \"model=input/output\" "
                "in USD per million tokens, e.g. \"claude-sonnet-4-5=3/15\""_s.arg(
                    QString::number(index), entry.left(MAX_SHOWN), what) };
        };
        const qsizetype eq = entry.indexOf(u'=');
        if (eq < 0)
            return fail(u"no '='"_s);
        const QString model = entry.left(eq).trimmed();
        if (model.isEmpty())
            return fail(u"the model is missing"_s);
        if (!isModelName(model))
            return fail(u"\"%1\" is not a model id"_s.arg(model.left(MAX_SHOWN)));
        const QStringList prices = entry.mid(eq + 1).split(u'/');
        if (prices.size() != 2)
            return fail(u"the price needs exactly one '/' between input and output"_s);
        Price price;
        QString why;
        if (!parsePrice(prices.at(0), &price.input, &why))
            return fail(u"the input price "_s + why);
        if (!parsePrice(prices.at(1), &price.output, &why))
            return fail(u"the output price "_s + why);
        const QString key = model.toLower();
        for (const Entry &existing : std::as_const(result.m_entries)) {
            if (existing.model == key)
                return fail(u"\"%1\" is listed twice"_s.arg(model));
        }
        result.m_entries.append(Entry { key, price });
    }
    return result;
}

std::optional<Price> PriceTable::find(const QString &model) const
{
    const QString key = model.trimmed().toLower();
    if (key.isEmpty())
        return std::nullopt;
    const Entry *best = nullptr;
    for (const Entry &entry : m_entries) {
        if (entry.model == key)
            return entry.price;
        if (key.size() > entry.model.size() && key.startsWith(entry.model) && isSeparator(key.at(entry.model.size()))
            && (!best || entry.model.size() > best->model.size()))
            best = &entry;
    }
    if (best)
        return best->price;
    return std::nullopt;
}

double PriceTable::cost(const QString &model, const Providers::Usage &usage, bool local) const
{
    if (local)
        return 0;
    const std::optional<Price> price = find(model);
    if (!price)
        return 0;
    // A negative count can only come from a broken upstream; it must not produce a credit.
    auto tokens = [](qint64 count) { return double(std::max<qint64>(0, count)); };
    const double input = tokens(usage.inputTokens) * price->input
        + tokens(usage.cacheWriteTokens) * price->input * CACHE_WRITE_MULTIPLIER
        + tokens(usage.cacheReadTokens) * price->input * CACHE_READ_MULTIPLIER;
    return (input + tokens(usage.outputTokens) * price->output) / TOKENS_PER_UNIT;
}

QStringList PriceTable::models() const
{
    QStringList result;
    for (const Entry &entry : m_entries)
        result.append(entry.model);
    return result;
}

} // namespace Gateway::Agent
