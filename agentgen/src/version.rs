//! [`Version`]: a semantic version from a catalog's typed custom frontmatter (`semver` keys of
//! its `[metadata]` schema), validated at build time.

use std::cmp::Ordering;
use std::fmt;

/// A semantic version (SemVer 2.0.0, <https://semver.org/spec/v2.0.0.html>):
/// `MAJOR.MINOR.PATCH`, an optional pre-release after `-` and optional build metadata after
/// `+`, e.g. `2.1.0-beta.1+build.7`.
///
/// The generated code holds one for each value of a `semver` key of the catalog's `[metadata]`
/// schema (`version = "semver"` in `agentgen.toml`); agentgen checked the text against the
/// SemVer 2.0.0 grammar at build time (three numbers without leading zeros, each at most
/// `u64::MAX`; dot-separated identifiers of `[0-9A-Za-z-]`, numeric pre-release identifiers
/// without leading zeros), so `pre` and `build` are well-formed there.
///
/// Ordering is SemVer precedence ([`Version::cmp_precedence`]: numbers, then a pre-release
/// ranks below its release, identifiers compared one by one), and, between versions of equal
/// precedence, their build metadata compared as text, so that `Ord` agrees with `Eq`
/// (`1.0.0+a` and `1.0.0+b` have the same precedence but are not equal).
///
/// ```
/// use agentgen::Version;
///
/// let beta = Version { pre: "beta.11", ..Version::new(1, 0, 0) };
/// let beta2 = Version { pre: "beta.2", ..Version::new(1, 0, 0) };
/// assert!(beta2 < beta && beta < Version::new(1, 0, 0));
/// assert_eq!(beta.to_string(), "1.0.0-beta.11");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Version {
    /// `MAJOR`: incompatible API changes.
    pub major: u64,
    /// `MINOR`: added functionality, backwards compatible.
    pub minor: u64,
    /// `PATCH`: backwards compatible bug fixes.
    pub patch: u64,
    /// The pre-release after `-` (`beta.1`), without the `-`; empty for a release.
    pub pre: &'static str,
    /// The build metadata after `+` (`build.7`), without the `+`; empty when there is none.
    pub build: &'static str,
}

impl Version {
    /// `major.minor.patch`, a release without build metadata.
    pub const fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version {
            major,
            minor,
            patch,
            pre: "",
            build: "",
        }
    }

    /// Whether this is a pre-release (`1.0.0-rc.1`).
    pub const fn is_prerelease(&self) -> bool {
        !self.pre.is_empty()
    }

    /// SemVer precedence (SemVer 2.0.0 §11): major, minor and patch numerically; then a
    /// pre-release below the release; then pre-release identifiers one by one (numeric ones
    /// numerically and below alphanumeric ones, alphanumeric ones in ASCII order, more
    /// identifiers above fewer). Build metadata does not count.
    pub fn cmp_precedence(&self, other: &Version) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => cmp_identifiers(self.pre, other.pre),
            })
    }
}

/// Dot-separated identifiers compared as SemVer compares pre-releases.
fn cmp_identifiers(left: &str, right: &str) -> Ordering {
    let mut left = left.split('.');
    let mut right = right.split('.');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(a), Some(b)) => {
                let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
                let order = match (numeric(a), numeric(b)) {
                    // Numbers of any size: without leading zeros, longer is larger.
                    (true, true) => {
                        let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
                        a.len().cmp(&b.len()).then_with(|| a.cmp(b))
                    }
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => a.cmp(b),
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Version) -> Ordering {
        self.cmp_precedence(other)
            .then_with(|| self.build.cmp(other.build))
            // Equal precedence with equal build text: the pre-releases differ only in how a
            // number is written (`01` against `1`, which agentgen never generates).
            .then_with(|| self.pre.cmp(other.pre))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Version) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `MAJOR.MINOR.PATCH[-pre][+build]`, as written in the file.
impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pre(text: &'static str) -> Version {
        Version {
            pre: text,
            ..Version::new(1, 0, 0)
        }
    }

    #[test]
    fn precedence_follows_the_semver_example() {
        // SemVer 2.0.0 §11's example, in increasing order.
        let ordered = [
            pre("alpha"),
            pre("alpha.1"),
            pre("alpha.beta"),
            pre("beta"),
            pre("beta.2"),
            pre("beta.11"),
            pre("rc.1"),
            Version::new(1, 0, 0),
            Version::new(1, 0, 1),
            Version::new(1, 1, 0),
            Version::new(2, 0, 0),
            Version::new(10, 0, 0),
        ];
        for (i, a) in ordered.iter().enumerate() {
            for (j, b) in ordered.iter().enumerate() {
                assert_eq!(a.cmp(b), i.cmp(&j), "{a} against {b}");
                assert_eq!(a.cmp_precedence(b), i.cmp(&j), "{a} against {b}");
            }
        }
    }

    #[test]
    fn build_metadata_has_no_precedence_but_keeps_ord_consistent_with_eq() {
        let a = Version {
            build: "a",
            ..Version::new(1, 0, 0)
        };
        let b = Version {
            build: "b",
            ..Version::new(1, 0, 0)
        };
        assert_eq!(a.cmp_precedence(&b), Ordering::Equal);
        assert_ne!(a, b);
        assert_eq!(a.cmp(&b), Ordering::Less);
        assert_eq!(a.cmp(&a), Ordering::Equal);
        // Huge numeric identifiers compare as numbers, without overflow.
        assert!(pre("99999999999999999999999") > pre("9999999999999999999999"));
        assert_eq!(
            Version {
                pre: "rc.1",
                build: "sha.5114f85",
                ..Version::new(1, 2, 3)
            }
            .to_string(),
            "1.2.3-rc.1+sha.5114f85"
        );
        assert!(pre("x").is_prerelease() && !Version::new(1, 0, 0).is_prerelease());
    }
}
