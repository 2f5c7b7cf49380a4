// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "core/result.h"
#include "providers/provider.h"

namespace Gateway::Agent
{

/// @brief The price of one model in USD per million tokens.
struct Price
{
    double input = 0; ///< uncached input; cache writes cost 1.25× and cache reads 0.1× of it
    double output = 0;
};

/// @brief The [pricing] table: "model=input/output, ..." in USD per million tokens.
///
/// Lookup is case-insensitive: an exact entry first, else the longest entry that is a prefix of
/// the model id and ends at a separator ('-', ':', '@', '.', '/'), so that dated ids such as
/// claude-sonnet-4-5-20250929 use the claude-sonnet-4-5 price.
class PriceTable
{
public:
    static constexpr double CACHE_WRITE_MULTIPLIER = 1.25;
    static constexpr double CACHE_READ_MULTIPLIER = 0.1;

    /// Parses the table. Entries are separated by ',' or newlines; empty entries are ignored.
    /// Fails (code "PRICING") on the first bad entry, naming it and what is wrong.
    static Result<PriceTable> parse(const QString &table);

    std::optional<Price> find(const QString &model) const;
    /// USD for one call: (input·in + cacheWrite·in·1.25 + cacheRead·in·0.1 + output·out) / 1e6.
    /// Local providers and models without a price cost 0.
    double cost(const QString &model, const Providers::Usage &usage, bool local) const;

    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    /// The models in table order (lower case).
    QStringList models() const;

private:
    struct Entry
    {
        QString model; ///< lower case
        Price price;
    };
    QList<Entry> m_entries;
};

} // namespace Gateway::Agent
