// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#pragma once

#include <QString>

namespace Gateway::Config
{

/// @brief A secret reference as written in the configuration (gateway.token, gateway.password,
/// later providers.*.api_key): where to find a secret, never the secret itself.
///
/// "" = unset, "secret:NAME" = the stored secret NAME (keychain), "env:VAR" = the environment
/// variable VAR, "file:PATH" = the first line of a file (a relative PATH resolves against the home
/// folder). Anything else is a plain-text secret: accepted, but the loader warns about it.
struct SecretRef
{
    enum class Kind {
        None, ///< empty: unset
        Stored, ///< secret:NAME, target = NAME
        Environment, ///< env:VAR, target = VAR
        File, ///< file:PATH, target = PATH
        PlainText, ///< not a reference, target = the secret itself
        Invalid, ///< a reference prefix with a missing or malformed target; target = the whole value
    };

    Kind kind = Kind::None;
    QString target;

    /// Classifies a configuration value; prefixes are lowercase and case-sensitive.
    static SecretRef parse(const QString &value);
    /// The reference that points at an environment variable: "env:VAR".
    static QString environmentReference(const QString &variable);

    bool isReference() const { return kind == Kind::Stored || kind == Kind::Environment || kind == Kind::File; }
    /// The reference written back as text (the plain text itself for PlainText).
    QString toString() const;
};

} // namespace Gateway::Config
