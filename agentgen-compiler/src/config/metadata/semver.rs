//! Semantic versions (SemVer 2.0.0) for `semver` keys of a `[metadata]` schema: checked here, at
//! build time, and generated as `agentgen::Version` (the runtime crate parses nothing).
//!
//! Source: <https://semver.org/spec/v2.0.0.html>, its Backus–Naur grammar: `MAJOR.MINOR.PATCH`
//! (numeric identifiers: `0` or digits without a leading zero), then optionally `-` and
//! dot-separated pre-release identifiers (alphanumeric `[0-9A-Za-z-]+` with a non-digit, or
//! numeric), then optionally `+` and dot-separated build identifiers (`[0-9A-Za-z-]+`, leading
//! zeros allowed). Numbers above `u64::MAX` are refused (the grammar has no bound; the runtime
//! type holds `u64`, as the `semver` crate does).

/// A semantic version, as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SemVer {
    /// `MAJOR`.
    pub major: u64,
    /// `MINOR`.
    pub minor: u64,
    /// `PATCH`.
    pub patch: u64,
    /// The pre-release identifiers after `-`, without it (empty when none).
    pub pre: String,
    /// The build metadata after `+`, without it (empty when none).
    pub build: String,
}

impl std::fmt::Display for SemVer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre)?;
        }
        if !self.build.is_empty() {
            write!(f, "+{}", self.build)?;
        }
        Ok(())
    }
}

/// Parses `text` as a SemVer 2.0.0 version; the error says what is wrong, in a phrase that
/// follows "not a semantic version: ".
pub fn parse(text: &str) -> Result<SemVer, String> {
    if text.is_empty() {
        return Err("the text is empty".to_owned());
    }
    let (rest, build) = match text.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (text, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() != 3 {
        return Err(format!(
            "`{core}` has {} part{}; a version has three, `MAJOR.MINOR.PATCH` (e.g. `1.0.0`)",
            parts.len(),
            if parts.len() == 1 { "" } else { "s" }
        ));
    }
    let number = |part: &str, what: &str| -> Result<u64, String> {
        if part.is_empty() {
            return Err(format!("the {what} number is missing"));
        }
        if let Some(bad) = part.chars().find(|c| !c.is_ascii_digit()) {
            return Err(format!(
                "the {what} number `{part}` holds `{bad}`; it is digits only"
            ));
        }
        if part.len() > 1 && part.starts_with('0') {
            return Err(format!("the {what} number `{part}` has a leading zero"));
        }
        part.parse::<u64>()
            .map_err(|_| format!("the {what} number `{part}` is larger than {}", u64::MAX))
    };
    let major = number(parts[0], "major")?;
    let minor = number(parts[1], "minor")?;
    let patch = number(parts[2], "patch")?;
    if let Some(pre) = pre {
        identifiers(pre, "pre-release", true)?;
    }
    if let Some(build) = build {
        identifiers(build, "build metadata", false)?;
    }
    Ok(SemVer {
        major,
        minor,
        patch,
        pre: pre.unwrap_or("").to_owned(),
        build: build.unwrap_or("").to_owned(),
    })
}

/// Checks dot-separated identifiers of `[0-9A-Za-z-]`, none empty; with `numbers_canonical`
/// (pre-release), an all-digit identifier has no leading zero.
fn identifiers(text: &str, what: &str, numbers_canonical: bool) -> Result<(), String> {
    if text.is_empty() {
        return Err(format!("the {what} after `{}` is empty", sign(what)));
    }
    for identifier in text.split('.') {
        if identifier.is_empty() {
            return Err(format!("the {what} `{text}` has an empty identifier"));
        }
        if let Some(bad) = identifier
            .chars()
            .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
        {
            return Err(format!(
                "the {what} `{text}` holds `{bad}`; identifiers are ASCII letters, digits and `-`"
            ));
        }
        if numbers_canonical
            && identifier.len() > 1
            && identifier.starts_with('0')
            && identifier.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(format!(
                "the {what} identifier `{identifier}` is a number with a leading zero"
            ));
        }
    }
    Ok(())
}

fn sign(what: &str) -> char {
    if what == "pre-release" { '-' } else { '+' }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_grammar() {
        for text in [
            "0.0.0",
            "1.0.0",
            "10.20.30",
            "1.1.2-prerelease+meta",
            "1.1.2+meta",
            "1.1.2+meta-valid",
            "1.0.0-alpha",
            "1.0.0-beta",
            "1.0.0-alpha.beta",
            "1.0.0-alpha.beta.1",
            "1.0.0-alpha.1",
            "1.0.0-alpha0.valid",
            "1.0.0-alpha.0valid",
            "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay",
            "1.0.0-rc.1+build.1",
            "2.0.0-rc.1+build.123",
            "1.2.3-beta",
            "10.2.3-DEV-SNAPSHOT",
            "1.2.3-SNAPSHOT-123",
            "2.0.0+build.1848",
            "2.0.1-alpha.1227",
            "1.0.0-alpha+beta",
            "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
            "1.2.3----R-S.12.9.1--.12+meta",
            "1.2.3----RC-SNAPSHOT.12.9.1--.12",
            "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
            "18446744073709551615.18446744073709551615.18446744073709551615",
            "1.0.0-0A.is.legal",
            "1.0.0+001",
        ] {
            let parsed = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(parsed.to_string(), text);
        }
        assert_eq!(
            parse("2.1.0-beta.1+build.7"),
            Ok(SemVer {
                major: 2,
                minor: 1,
                patch: 0,
                pre: "beta.1".into(),
                build: "build.7".into()
            })
        );
    }

    #[test]
    fn refuses_what_the_grammar_refuses() {
        for text in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "1.2.3-0123",
            "1.2.3-0123.0123",
            "1.1.2+.123",
            "+invalid",
            "-invalid",
            "-invalid+invalid",
            "-invalid.01",
            "alpha",
            "alpha.beta",
            "alpha.beta.1",
            "alpha.1",
            "alpha+beta",
            "alpha_beta",
            "alpha.",
            "alpha..",
            "beta",
            "1.0.0-alpha_beta",
            "-alpha.",
            "1.0.0-alpha..",
            "1.0.0-alpha..1",
            "1.0.0-alpha...1",
            "1.0.0-alpha....1",
            "1.0.0-alpha.....1",
            "1.0.0-alpha......1",
            "1.0.0-alpha.......1",
            "01.1.1",
            "1.01.1",
            "1.1.01",
            "1.2.3.DEV",
            "1.2-SNAPSHOT",
            "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788",
            "1.2-RC-SNAPSHOT",
            "-1.0.3-gamma+b7718",
            "+justmeta",
            "9.8.7+meta+meta",
            "9.8.7-whatever+meta+meta",
            "18446744073709551616.0.0",
            "1.0.0-",
            "1.0.0+",
            "v1.0.0",
            " 1.0.0",
            "1.0.0 ",
            "1.0.0-ä",
        ] {
            assert!(parse(text).is_err(), "{text:?} must be refused");
        }
        assert_eq!(
            parse("1.0").expect_err("two parts"),
            "`1.0` has 2 parts; a version has three, `MAJOR.MINOR.PATCH` (e.g. `1.0.0`)"
        );
        assert_eq!(
            parse("1.0.0-01").expect_err("leading zero"),
            "the pre-release identifier `01` is a number with a leading zero"
        );
    }
}
