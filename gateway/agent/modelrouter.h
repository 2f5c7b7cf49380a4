// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <functional>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "config/settings.h"

namespace Gateway::Agent
{

/// @brief What the router looks at for one turn.
struct RouteInput
{
    QString text; ///< the user's message as typed (may start with "/model X")
    int historyMessages = 0; ///< messages already in the conversation
    int attachments = 0; ///< files/images attached to this message
    QString sessionOverride; ///< a target pinned for the session (by an earlier /model), "" = none
};

/// @brief Which provider and model answer a turn, and why.
struct RouteDecision
{
    QString tier; ///< "trivial", "standard", "complex", or "override" (/model named a model)
    QString provider; ///< "" when no provider is usable at all
    QString model;
    QStringList reasons; ///< human-readable, in the order they were applied
    int score = 0; ///< the heuristic's score (0 when it did not run)
    bool overridden = false;
    QString overrideSpec; ///< the argument of a leading "/model X" ("" = none; "auto" = clear the pin)
    QString stripped; ///< text with a leading "/model X" removed

    bool isValid() const { return !provider.isEmpty() && !model.isEmpty(); }
    /// {"tier", "provider", "model", "score", "overridden", "reasons": [...]}; never the text.
    QJsonObject toJson() const;
};

/// @brief A routing target parsed from "provider:model", "provider", a model id, or a tier name.
struct RouteTarget
{
    QString provider; ///< known provider id, lower case ("" when the spec was empty)
    QString model; ///< "" only when the provider has no default model
    QString tier; ///< set instead of provider/model when the spec named a tier
    bool inferred = false; ///< the provider was guessed from a bare model id
};

/// @brief The heuristic's verdict on a message.
struct Classification
{
    QString tier;
    int score = 0;
    QStringList reasons;
};

/// @brief Picks the provider and model for each turn with a local, explainable, deterministic
/// heuristic: no model call, no clock, no randomness. docs/routing.md has the full table.
///
/// "/model X" (and the session override) accepts "provider:model", "provider", a tier name, a
/// model id, or a short name without separators that starts a component of a configured model
/// ("opus" → claude-opus-4-5, "llama" → llama3.2; tier targets first, then provider defaults).
///
/// Precedence: a leading "/model X" in the message, then RouteInput::sessionOverride, then
/// `mode = "fixed"` (always standard), then the heuristic. Whatever is chosen is then checked
/// against privacy/offline mode (local providers only) and availability; a target that fails
/// either falls back to the first allowed and available provider by priority (lowest first,
/// ties in the order ollama, anthropic, openai) with that provider's default model. An override
/// never bypasses privacy or offline mode.
///
/// Heuristic: signals add points, the sum picks the tier (score <= TRIVIAL_MAX → trivial,
/// score >= COMPLEX_MIN → complex, otherwise standard):
///
///   -3       only greetings/thanks/small talk (<= 8 words from a fixed vocabulary)
///   +1/2/3   length >= 60 / 150 / 400 words (or characters / 6 when larger)
///   +3       a fenced code block (``` or ~~~); +1 more for >= 40 fenced lines
///   +1       inline `code`
///   +2       >= 3 code-looking lines without a fence
///   +2       a stack trace or compiler/runtime error output
///   +5       a proof or derivation (prove, proof, derive, theorem, lemma)
///   +3       advanced math terms (integral, derivative, eigenvalue, ...)
///   +3       LaTeX or math symbols ($$, \frac, \int, ∫, ∑, √, ...)
///   +2       an equation (an arithmetic operation and "=" on one line)
///   +2..4    multi-step/analysis words (step by step, compare, design, plan, architecture,
///            refactor, review, ...): +2 for the first, +1 per further distinct word
///   +2       a list of >= 2 numbered or bulleted lines
///   +1       >= 2 distinct sequence words (first, then, next, finally, ...)
///   +1/2     >= 2 / >= 4 question marks
///   +1/2     conversation depth >= 6 / >= 20 earlier messages
///   +2 each  attachments, at most +4
class ModelRouter
{
public:
    static constexpr int TRIVIAL_MAX = -1;
    static constexpr int COMPLEX_MIN = 5;

    using Availability = std::function<bool(const QString &providerId)>;

    ModelRouter(const Config::RoutingSettings &routing, const Config::ProvidersSettings &providers);

    /// Which providers are usable right now (key present, circuit closed, ...). A provider must
    /// also be enabled in the config. Default: every enabled provider.
    void setAvailability(Availability availability);

    RouteDecision route(const RouteInput &input) const;

    /// The heuristic alone (no override, mode, privacy or availability).
    static Classification classify(const QString &text, int historyMessages = 0, int attachments = 0);

    /// Parses a routing target. Model ids may contain ':' (Ollama's "llama3.2:3b"): the spec is
    /// split at the first ':' only when the left part is a known provider id. A bare model id
    /// gets the provider whose default model it is, else claude* → anthropic, gpt-*, chatgpt-*,
    /// o1/o3/o4* → openai, anything else → ollama. Tier names are recognised when allowTier.
    static RouteTarget parseTarget(
        const QString &spec, const Config::ProvidersSettings &providers, bool allowTier = false);

    /// The known provider ids in canonical order: ollama, anthropic, openai.
    static QStringList providerIds();
    static const Config::ProviderSettings *providerSettings(
        const Config::ProvidersSettings &providers, const QString &providerId);

    /// Runs on this machine: ollama and openai when base_url is empty (ollama only) or points at
    /// localhost / 127.0.0.0/8 / [::1]; anthropic never.
    static bool isLocalProvider(const QString &providerId, const Config::ProviderSettings &settings);
    static bool isLoopbackUrl(const QString &url);

private:
    RouteTarget configuredModel(const QString &name) const;
    QString localOnlyMode() const;
    QString problemWith(const QString &providerId, const QString &model) const;
    void resolve(const RouteTarget &target, RouteDecision &decision) const;
    QStringList byPriority() const;

    Config::RoutingSettings m_routing;
    Config::ProvidersSettings m_providers;
    Availability m_availability;
};

} // namespace Gateway::Agent
