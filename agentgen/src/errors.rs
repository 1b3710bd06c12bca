//! The `FromStr` errors: [`UnknownValue`], [`UnknownAgent`], [`UnknownSkill`],
//! [`UnknownCommand`].

use std::fmt;

/// The error of `FromStr` on agentgen's keyword enums: the text is not one of the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownValue;

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown value")
    }
}

impl std::error::Error for UnknownValue {}

/// The error of the generated agent enum's `FromStr`: no agent of the catalog has this name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownAgent;

impl fmt::Display for UnknownAgent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no agent of this catalog has that name")
    }
}

impl std::error::Error for UnknownAgent {}

/// The error of the generated skill enum's `FromStr`: no skill of the catalog has this name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownSkill;

impl fmt::Display for UnknownSkill {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no skill of this catalog has that name")
    }
}

impl std::error::Error for UnknownSkill {}

/// The error of the generated command enum's `FromStr`: no command of the catalog has this name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownCommand;

impl fmt::Display for UnknownCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no command of this catalog has that name")
    }
}

impl std::error::Error for UnknownCommand {}
