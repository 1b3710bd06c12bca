//! The SemVer 2.0.0 parser of `semver` metadata keys, against the `semver` crate (the
//! reference implementation of the grammar in Rust): both accept the same texts, with the same
//! numbers, pre-release and build metadata; an accepted text prints back as itself.
#![no_main]

use agentgen_compiler::config::metadata::semver;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = semver::parse(text);
    let reference = ::semver::Version::parse(text);
    match (&ours, &reference) {
        (Ok(ours), Ok(reference)) => {
            assert_eq!(
                (ours.major, ours.minor, ours.patch),
                (reference.major, reference.minor, reference.patch),
                "{text:?}"
            );
            assert_eq!(ours.pre, reference.pre.as_str(), "{text:?}");
            assert_eq!(ours.build, reference.build.as_str(), "{text:?}");
            assert_eq!(ours.to_string(), text);
        }
        (Err(message), Err(_)) => assert!(!message.is_empty()),
        _ => panic!("{text:?}: agentgen {ours:?}, semver crate {reference:?}"),
    }
});
