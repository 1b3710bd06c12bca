//! What the prompt scan read in one compile, kept for the next compile of the same catalog: a
//! prompt whose text is unchanged, in a catalog whose names are unchanged, has the same
//! candidates (what the text holds depends on the text and the names alone), so they are taken
//! from the cache instead of reading the prompt again. The language server compiles a project
//! on every edit and keeps one cache per project; an edit then re-reads one prompt, not all.
//!
//! The cache holds the prompts of the last compile only: each compile replaces it with what it
//! read, so its size is one catalog's prompts and their candidates. A prompt is found by its
//! text, compared in full; the names are compared in full too. So a cached compile gives the
//! catalog an uncached one gives, byte for byte.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::forms::Candidate;

/// What the prompt scan read in the last compile, for the next compile of the same catalog:
/// pass it to [`compile_cached`](crate::catalog::compile_cached). The language server keeps one
/// per project, the proc macro one per process (rust-analyzer's proc-macro server expands the
/// same catalog again and again). Its size is one catalog's prompts and what was found in them;
/// the catalog compiled is the same with or without it.
#[derive(Default)]
pub struct ScanCache(Mutex<CacheState>);

impl std::fmt::Debug for ScanCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("ScanCache")
            .field(
                "prompts",
                &state.prompts.values().map(Vec::len).sum::<usize>(),
            )
            .field("generation", &state.generation)
            .finish()
    }
}

#[derive(Default)]
struct CacheState {
    /// The prompts of the last compile, by [`sampled_hash`] of their text.
    prompts: HashMap<u64, Vec<Arc<CachedPrompt>>>,
    /// The names the candidates of `generation` were found with.
    names: Option<NamesKey>,
    /// Counts the changes of `names`: a prompt's candidates hold for their generation only.
    generation: u64,
}

/// Everything the candidates depend on besides the text: the catalog's names (loaded agents,
/// then broken ones), the declared external agents, and whether names have a namespace.
#[derive(PartialEq, Eq)]
pub(super) struct NamesKey {
    pub names: Vec<(Option<String>, String)>,
    pub external_agents: Vec<String>,
    pub namespaced: bool,
}

/// A prompt of the last compile and its candidates.
pub(super) struct CachedPrompt {
    text: Box<str>,
    generation: u64,
    pub candidates: Arc<Vec<Candidate>>,
}

impl ScanCache {
    /// Takes the prompts of the last compile out of the cache (the next [`store`](Self::store)
    /// puts this compile's in): `known(text)` then finds one by its text.
    pub(in crate::catalog) fn take(&self) -> Known {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Known(std::mem::take(&mut state.prompts))
    }

    /// The generation of `names`: the cache's, or a new one when the names changed.
    pub(super) fn generation_of(&self, names: NamesKey) -> u64 {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if state.names.as_ref() != Some(&names) {
            state.generation += 1;
            state.names = Some(names);
        }
        state.generation
    }

    /// Keeps `prompts` (this compile's) for the next compile, in place of what was there.
    pub(super) fn store(&self, prompts: impl IntoIterator<Item = Arc<CachedPrompt>>) {
        let mut by_hash: HashMap<u64, Vec<Arc<CachedPrompt>>> = HashMap::new();
        for prompt in prompts {
            let bucket = by_hash.entry(sampled_hash(&prompt.text)).or_default();
            if !bucket.iter().any(|p| p.text == prompt.text) {
                bucket.push(prompt);
            }
        }
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        state.prompts = by_hash;
    }
}

/// The prompts of the last compile, taken out of a [`ScanCache`].
#[derive(Default)]
pub(in crate::catalog) struct Known(HashMap<u64, Vec<Arc<CachedPrompt>>>);

impl Known {
    /// The cached prompt whose text is `text`.
    pub(super) fn get(&self, text: &str) -> Option<&Arc<CachedPrompt>> {
        if self.0.is_empty() {
            return None;
        }
        self.0
            .get(&sampled_hash(text))?
            .iter()
            .find(|p| &*p.text == text)
    }
}

impl CachedPrompt {
    pub(super) fn new(text: &str, generation: u64, candidates: Arc<Vec<Candidate>>) -> Arc<Self> {
        Arc::new(CachedPrompt {
            text: text.into(),
            generation,
            candidates,
        })
    }

    /// Whether the candidates were found with the names of `generation`.
    pub(super) fn holds_for(&self, generation: u64) -> bool {
        self.generation == generation
    }
}

/// A hash of a text's length and of at most 192 of its bytes (its start, middle and end): a
/// prompt is looked up on every compile, and hashing all of a catalog's prompts would cost more
/// than comparing the one text it finds. Texts that share it are told apart by comparing them.
fn sampled_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let bytes = text.as_bytes();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.len().hash(&mut hasher);
    let sample = 64.min(bytes.len());
    let middle = bytes.len() / 2 - sample / 2;
    bytes[..sample].hash(&mut hasher);
    bytes[middle..middle + sample].hash(&mut hasher);
    bytes[bytes.len() - sample..].hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_found_by_their_whole_text() {
        let cache = ScanCache::default();
        let generation = cache.generation_of(NamesKey {
            names: vec![(None, "reviewer".into())],
            external_agents: Vec::new(),
            namespaced: false,
        });
        // Same length, same start, middle and end: the sampled hash cannot tell them apart.
        let filler = "x".repeat(100);
        let a = format!("{filler}a{filler}{filler}{filler}");
        let b = format!("{filler}b{filler}{filler}{filler}");
        assert_eq!(sampled_hash(&a), sampled_hash(&b));
        cache.store([CachedPrompt::new(&a, generation, Arc::default())]);
        let known = cache.take();
        assert!(known.get(&a).is_some());
        assert!(known.get(&b).is_none());
        assert!(known.get("").is_none());
        // Taken: the next compile stores its own.
        assert!(cache.take().get(&a).is_none());
    }

    #[test]
    fn a_change_of_names_is_a_new_generation() {
        let cache = ScanCache::default();
        let key = |name: &str| NamesKey {
            names: vec![(None, name.to_owned())],
            external_agents: Vec::new(),
            namespaced: false,
        };
        let first = cache.generation_of(key("reviewer"));
        assert_eq!(cache.generation_of(key("reviewer")), first);
        let renamed = cache.generation_of(key("critic"));
        assert_ne!(renamed, first);
        let prompt = CachedPrompt::new("Ask the reviewer.", first, Arc::default());
        assert!(prompt.holds_for(first));
        assert!(!prompt.holds_for(renamed));
    }
}

#[cfg(test)]
mod compile_tests {
    use super::*;
    use crate::catalog::{Catalog, Input, compile, compile_cached};
    use crate::config::Config;
    use crate::read::read_agent;

    fn input(files: &[(&str, String)]) -> Input {
        let files = files
            .iter()
            .map(|(p, t)| read_agent(&format!("agents/{p}"), t.as_bytes()))
            .collect();
        Input::files("agents", files)
    }

    fn agent(name: &str, body: &str) -> String {
        format!("---\nname: {name}\ndescription: d\n---\n{body}")
    }

    /// What a catalog says of its prompts: every agent's mentions and references, and the
    /// diagnostics.
    fn said(catalog: &Catalog) -> String {
        let agents: Vec<String> = catalog
            .agents()
            .iter()
            .map(|a| format!("{} {:?} {:?}", a.name, a.mentions, a.prompt_references))
            .collect();
        format!("{agents:#?}\n{:#?}", catalog.diagnostics())
    }

    /// The prompts the cache holds, with their generation, by text.
    fn held(cache: &ScanCache) -> Vec<(String, u64, *const Vec<Candidate>)> {
        let state = cache.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut held: Vec<_> = state
            .prompts
            .values()
            .flatten()
            .map(|p| (p.text.to_string(), p.generation, Arc::as_ptr(&p.candidates)))
            .collect();
        held.sort();
        held
    }

    #[test]
    fn a_cached_compile_says_what_a_fresh_one_says_and_reads_only_changed_prompts() {
        let lead = "Hand the diff to the code-reviewer agent, then escalate to planner.";
        let mut files = vec![
            ("lead.md", agent("lead-dev", lead)),
            (
                "code-reviewer.md",
                agent("code-reviewer", "Ask @test-runner."),
            ),
            ("test-runner.md", agent("test-runner", "Run the tests.")),
            (
                "planner.md",
                agent("planner", "Plan, then ask the lead-dev agent."),
            ),
        ];
        let cache = ScanCache::default();
        let first = compile_cached(input(&files), Config::default(), &cache);
        assert_eq!(
            said(&first),
            said(&compile(input(&files), Config::default()))
        );
        let before = held(&cache);
        assert_eq!(before.len(), 4, "{before:?}");

        // Unchanged: every prompt's candidates are the ones of the first compile.
        let again = compile_cached(input(&files), Config::default(), &cache);
        assert_eq!(said(&again), said(&first));
        assert_eq!(held(&cache), before);

        // One prompt edited: only it is scanned again.
        files[2].1 = agent("test-runner", "Run the tests, then tell the planner agent.");
        let edited = compile_cached(input(&files), Config::default(), &cache);
        assert_eq!(
            said(&edited),
            said(&compile(input(&files), Config::default()))
        );
        let after = held(&cache);
        let kept = after.iter().filter(|p| before.contains(p)).count();
        assert_eq!((after.len(), kept), (4, 3), "{after:?}");

        // An agent renamed: the names changed, so every prompt is scanned again, and the
        // prompts that named `planner` name nobody now, as without the cache.
        let mentions_of_lead = |catalog: &Catalog| {
            let lead = catalog.agents().iter().find(|a| a.name == "lead-dev");
            lead.map(|a| a.mentions.len())
        };
        assert_eq!(mentions_of_lead(&edited), Some(2));
        files[3].1 = agent("architect", "Plan, then ask the lead-dev agent.");
        let renamed = compile_cached(input(&files), Config::default(), &cache);
        let fresh = compile(input(&files), Config::default());
        assert_eq!(said(&renamed), said(&fresh));
        assert_eq!(mentions_of_lead(&renamed), Some(1));
        let renewed = held(&cache);
        assert!(renewed.iter().all(|p| p.1 > before[0].1), "{renewed:?}");
        assert!(renewed.iter().all(|p| !after.contains(p)));
    }
}
