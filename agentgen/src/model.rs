//! Frontmatter `model` ([`Model`], [`ModelAlias`]) and `effort` ([`Effort`]).

use std::fmt;

/// Frontmatter `model`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Model {
    /// A model alias Claude Code resolves itself.
    Alias(ModelAlias),
    /// A full model id such as `claude-sonnet-4-20250514`, passed to the API as written.
    Id(&'static str),
}

impl Model {
    /// The value as Claude Code passes it on (`sonnet`, `inherit`, `claude-…`).
    pub const fn as_str(&self) -> &'static str {
        match self {
            Model::Alias(alias) => alias.as_str(),
            Model::Id(id) => id,
        }
    }
}

/// The alias (`sonnet`, `opus[1m]`, `inherit`) or the model id, as Claude Code passes it on.
/// (No `FromStr`: a model id is `&'static str` text of the compiled catalog; parse an alias with
/// [`ModelAlias`]'s `FromStr`.)
impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The model aliases Claude Code resolves itself (`model: sonnet`), and `inherit`.
///
/// Source: Claude Code 2.1.332's alias list. Claude Code matches aliases in any letter case
/// when the agent runs (`Sonnet` works; agentgen warns and writes the alias as here).
/// Non-exhaustive: Claude Code adds aliases with its releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ModelAlias {
    /// `sonnet`: the current Sonnet model.
    Sonnet,
    /// `opus`: the current Opus model.
    Opus,
    /// `haiku`: the current Haiku model.
    Haiku,
    /// `fable`: the current Fable model.
    Fable,
    /// `best`: the best model available to the account.
    Best,
    /// `sonnet[1m]`: Sonnet with a one-million-token context, where the account allows it.
    Sonnet1m,
    /// `opus[1m]`: Opus with a one-million-token context, where the account allows it.
    Opus1m,
    /// `fable[1m]`: Fable with a one-million-token context, where the account allows it.
    Fable1m,
    /// `opusplan`: Opus in plan mode, Sonnet otherwise.
    Opusplan,
    /// `inherit`: the model of the conversation that starts the agent.
    Inherit,
}

impl ModelAlias {
    /// Every alias, in Claude Code's order, `inherit` last.
    pub const ALL: &'static [ModelAlias] = &[
        ModelAlias::Sonnet,
        ModelAlias::Opus,
        ModelAlias::Haiku,
        ModelAlias::Fable,
        ModelAlias::Best,
        ModelAlias::Sonnet1m,
        ModelAlias::Opus1m,
        ModelAlias::Fable1m,
        ModelAlias::Opusplan,
        ModelAlias::Inherit,
    ];

    /// The alias as written in frontmatter.
    pub const fn as_str(self) -> &'static str {
        match self {
            ModelAlias::Sonnet => "sonnet",
            ModelAlias::Opus => "opus",
            ModelAlias::Haiku => "haiku",
            ModelAlias::Fable => "fable",
            ModelAlias::Best => "best",
            ModelAlias::Sonnet1m => "sonnet[1m]",
            ModelAlias::Opus1m => "opus[1m]",
            ModelAlias::Fable1m => "fable[1m]",
            ModelAlias::Opusplan => "opusplan",
            ModelAlias::Inherit => "inherit",
        }
    }
}

/// The alias as written in frontmatter (`sonnet`, `opus[1m]`, `inherit`).
impl fmt::Display for ModelAlias {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The inverse of `Display`: exactly the text [`ModelAlias::as_str`] gives (lower case; agentgen
/// reports other letter cases in a file, which Claude Code also accepts).
impl std::str::FromStr for ModelAlias {
    type Err = crate::UnknownValue;
    fn from_str(text: &str) -> Result<ModelAlias, crate::UnknownValue> {
        ModelAlias::ALL
            .iter()
            .copied()
            .find(|alias| alias.as_str() == text)
            .ok_or(crate::UnknownValue)
    }
}

/// Frontmatter `effort`: the model's thinking effort, a level (any letter case in the file;
/// `med` = medium) or an integer.
///
/// Source: Claude Code 2.1.332 reads an integer as it is (any sign), and a text as a level or,
/// failing that, its leading integer (`"5 please"` is 5; agentgen warns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effort {
    /// `low`
    Low,
    /// `medium`
    Medium,
    /// `high`
    High,
    /// `xhigh`
    XHigh,
    /// `max`
    Max,
    /// An integer (Claude Code accepts any; its interface calls numeric effort internal-only).
    Integer(i64),
}

impl Effort {
    /// The level as written in frontmatter (`low` … `max`), `None` for an integer.
    pub const fn level(self) -> Option<&'static str> {
        match self {
            Effort::Low => Some("low"),
            Effort::Medium => Some("medium"),
            Effort::High => Some("high"),
            Effort::XHigh => Some("xhigh"),
            Effort::Max => Some("max"),
            Effort::Integer(_) => None,
        }
    }
}

/// The level (`high`) or the integer (`5000`), as Claude Code reads it.
impl fmt::Display for Effort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.level(), self) {
            (Some(level), _) => f.write_str(level),
            (None, Effort::Integer(n)) => write!(f, "{n}"),
            (None, _) => Ok(()),
        }
    }
}

/// The inverse of `Display`: a level as written by it (`low`, `medium`, `high`, `xhigh`,
/// `max`) or an integer (`5000`, `-5`).
impl std::str::FromStr for Effort {
    type Err = crate::UnknownValue;
    fn from_str(text: &str) -> Result<Effort, crate::UnknownValue> {
        Ok(match text {
            "low" => Effort::Low,
            "medium" => Effort::Medium,
            "high" => Effort::High,
            "xhigh" => Effort::XHigh,
            "max" => Effort::Max,
            _ => Effort::Integer(text.parse().map_err(|_| crate::UnknownValue)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnknownValue;

    #[test]
    fn effort_displays_as_claude_code_reads_it() {
        assert_eq!(Effort::Integer(-5).to_string(), "-5");
        assert_eq!(Effort::XHigh.to_string(), "xhigh");
    }

    #[test]
    fn effort_and_model_aliases_round_trip_through_their_text() {
        let efforts = [
            Effort::Low,
            Effort::Medium,
            Effort::High,
            Effort::XHigh,
            Effort::Max,
            Effort::Integer(0),
            Effort::Integer(-5),
            Effort::Integer(i64::MAX),
        ];
        for effort in efforts {
            assert_eq!(effort.to_string().parse::<Effort>(), Ok(effort));
        }
        assert_eq!("5 please".parse::<Effort>(), Err(UnknownValue));
        assert_eq!("High".parse::<Effort>(), Err(UnknownValue));
        for alias in ModelAlias::ALL {
            assert_eq!(alias.to_string().parse::<ModelAlias>(), Ok(*alias));
            assert_eq!(Model::Alias(*alias).to_string(), alias.as_str());
        }
        assert_eq!(ModelAlias::Opus1m.to_string(), "opus[1m]");
        assert_eq!("Sonnet".parse::<ModelAlias>(), Err(UnknownValue));
        assert_eq!(
            Model::Id("claude-sonnet-4-20250514").to_string(),
            "claude-sonnet-4-20250514"
        );
    }
}
