//! Resolving candidate agent names with the rules of frontmatter references (`pack:name`
//! exactly, else the same pack, else a declared external agent or one of Claude Code's built-in
//! agents), and finding near misses (edit distance ≤ 2) of the catalog's names.

use std::collections::HashMap as StdHashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Mutex, PoisonError};

use super::ReferenceForm;
use super::forms::Candidate;
use crate::config::Config;
use crate::naming::fnv1a;
use crate::registry::BUILTIN_AGENTS;

/// What a candidate names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Resolution {
    /// Not an agent reference.
    Nothing,
    /// The agent at this index of the catalog.
    Agent(usize),
    /// An external agent (declared, or built into Claude Code).
    External(String),
    /// Written as an agent (or close to an agent's name), naming none.
    Unresolved {
        /// The form to report: the candidate's, or [`ReferenceForm::NearMiss`] /
        /// [`ReferenceForm::Name`] for a bare token.
        form: ReferenceForm,
        /// What it may have meant, as written from the referring agent.
        suggestions: Vec<String>,
    },
}

/// The catalog's agent names, indexed for the scan.
pub(super) struct NameIndex<'a> {
    config: &'a Config,
    /// Whether agent names have a namespace (`pack:name`, `plugin:name`): packs or plugins.
    namespaced: bool,
    /// `(pack, name)` of each agent, by index.
    agents: &'a [(Option<String>, String)],
    /// Agents by name (several with packs).
    by_name: HashMap<&'a str, Vec<usize>>,
    /// Agents by ASCII-lower-case name.
    by_lower_name: HashMap<String, Vec<usize>>,
    /// Agents whose name has two or more `-`-separated parts, by part: near misses share a
    /// part with the name they miss.
    by_part: HashMap<&'a str, Vec<usize>>,
    /// The keys of `by_name` and `by_part`, for [`may_name`](Self::may_name) to leave out most
    /// words before a map is asked.
    name_and_part_filter: WordFilter,
    /// Names of one word (no `-`, `_` or `:`) of the catalog and of declared external agents,
    /// in ASCII lower case, by length (names of 64 bytes or more are not looked for): tokens
    /// the scanner classifies although they are one word. (Claude Code's built-in `Explore` and
    /// `Plan` count only before an agent word, after `@` or in an explicit form, which the
    /// scanner finds without this list.)
    one_word_names: Vec<Vec<String>>,
    /// Bit `n` is set when a one-word name starts with the letter `a + n` (any other first
    /// character sets bit 26).
    one_word_first_letters: u32,
    /// Searches for each one-word name, in lower case and capitalised (`debugger`, `Debugger`).
    one_word_finders: Vec<OneWordFinder>,
    /// Near misses found so far, by token (prompts repeat their words). A mutex: prompts may
    /// be scanned on several threads (the `parallel` feature); what is found does not depend on
    /// which scan found it first.
    near_misses: Mutex<HashMap<String, Vec<usize>>>,
    /// Did-you-mean suggestions found so far, by pack and name.
    similar: Mutex<HashMap<PackAndName, Vec<String>>>,
}

/// FNV-1a: the maps of a scan are keyed by short names, looked up for every hyphenated word
/// of every prompt; SipHash's protection against chosen keys is not needed for them.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<Fnv>>;

/// A Bloom filter of words with one hash function (FNV-1a, 32,768 bits): `false` when a word is
/// certainly not among those inserted, `true` when it may be (a map then says). Most hyphenated
/// words of a prompt share no part with an agent's name; this tells so without a map lookup.
struct WordFilter {
    bits: Vec<u64>,
}

impl WordFilter {
    const BITS_LOG2: u32 = 15;

    fn bit(word: &str) -> (usize, u64) {
        Self::bit_of(fnv1a(word.as_bytes()))
    }

    /// The bit of a word whose FNV-1a hash is `hash`.
    fn bit_of(hash: u64) -> (usize, u64) {
        // FNV-1a mixes best into its high bits.
        let bit = (hash >> (64 - Self::BITS_LOG2)) as usize;
        (bit / 64, 1 << (bit % 64))
    }

    /// `false` when the word whose FNV-1a hash is `hash` is certainly not among those inserted.
    fn may_hold_hash(&self, hash: u64) -> bool {
        let (index, mask) = Self::bit_of(hash);
        self.bits[index] & mask != 0
    }

    fn insert(&mut self, word: &str) {
        let (index, mask) = Self::bit(word);
        self.bits[index] |= mask;
    }
}

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter {
            bits: vec![0; (1 << Self::BITS_LOG2) / 64],
        }
    }
}

/// A search for one-word names (in ASCII lower case) in lower case and capitalised. Each name
/// has a needle: the name without its first letter, whose hits are kept when the letter before
/// is the first letter in either case (one pass over the text instead of two), or, for names of
/// fewer than four letters, whose rest would be found everywhere, the name as written and
/// capitalised (two needles). Needles that start with the same four bytes (`Python Security
/// Expert`, `Python Testing Expert`) share one pass: a search for those bytes, each needle
/// compared at every hit, and each needle's hits the non-overlapping ones from the left, as a
/// search for that needle alone finds them.
pub(super) struct OneWordFinder {
    /// The needle, or the bytes the needles of the group start with.
    finder: memchr::memmem::Finder<'static>,
    /// Each needle and the lower-case first letter its hits must follow, when the needle leaves
    /// it out.
    needles: Vec<(Vec<u8>, Option<u8>)>,
}

/// The bytes a needle shares with the others of its pass.
const SHARED_START: usize = 4;

impl OneWordFinder {
    /// The searches for `names`, in order of their first needle.
    fn for_names<'n>(names: impl Iterator<Item = &'n str>) -> Vec<OneWordFinder> {
        let mut needles: Vec<(Vec<u8>, Option<u8>)> = Vec::new();
        for name in names {
            let bytes = name.as_bytes();
            if bytes.len() >= 4 {
                needles.push((bytes[1..].to_vec(), Some(bytes[0])));
                continue;
            }
            let mut capital = bytes.to_vec();
            capital[0] = capital[0].to_ascii_uppercase();
            needles.push((bytes.to_vec(), None));
            needles.push((capital, None));
        }
        let mut finders: Vec<OneWordFinder> = Vec::new();
        for (needle, first) in needles {
            let shared = finders.iter_mut().find(|f| {
                needle.len() >= SHARED_START
                    && f.finder.needle().len() == SHARED_START
                    && needle.starts_with(f.finder.needle())
            });
            match shared {
                Some(finder) => finder.needles.push((needle, first)),
                None => {
                    let start = &needle[..needle.len().min(SHARED_START)];
                    finders.push(OneWordFinder {
                        finder: memchr::memmem::Finder::new(start).into_owned(),
                        needles: vec![(needle, first)],
                    });
                }
            }
        }
        for finder in &mut finders {
            // A needle alone is searched as a whole.
            if let [(needle, _)] = finder.needles.as_slice() {
                finder.finder = memchr::memmem::Finder::new(needle).into_owned();
            }
        }
        finders
    }

    /// Calls `found` with the byte ranges in `haystack` where the names stand in lower case or
    /// capitalised (not necessarily as whole words), in order for each name.
    pub(super) fn for_each(&self, haystack: &[u8], mut found: impl FnMut(std::ops::Range<usize>)) {
        let mut hit = |at: usize, length: usize, first: Option<u8>| match first {
            None => found(at..at + length),
            Some(first) => {
                if let Some(before) = at.checked_sub(1) {
                    let letter = haystack[before];
                    if letter == first || letter == first.to_ascii_uppercase() {
                        found(before..at + length);
                    }
                }
            }
        };
        if let [(needle, first)] = self.needles.as_slice() {
            for at in self.finder.find_iter(haystack) {
                hit(at, needle.len(), *first);
            }
            return;
        }
        // Per needle, where its last hit ended: a hit starting before it overlaps it.
        let mut ends = vec![0usize; self.needles.len()];
        let mut from = 0;
        while let Some(found_at) = haystack.get(from..).and_then(|h| self.finder.find(h)) {
            let at = from + found_at;
            from = at + 1;
            for ((needle, first), end) in self.needles.iter().zip(&mut ends) {
                if at >= *end && haystack[at..].starts_with(needle) {
                    *end = at + needle.len();
                    hit(at, needle.len(), *first);
                }
            }
        }
    }
}

/// A name as written from a pack.
type PackAndName = (Option<String>, String);

/// FNV-1a's offset basis and prime ([`fnv1a`]), for hashes computed a byte at a time.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Names shorter than this have no near misses: two edits turn them into other words.
const NEAR_MISS_MIN_LENGTH: usize = 6;

impl<'a> NameIndex<'a> {
    /// Indexes `agents` (`(pack, name)` by catalog index) with `config`'s external agents;
    /// `namespaced`: names have a namespace (`pack:name`, `plugin:name`).
    pub(super) fn new(
        config: &'a Config,
        agents: &'a [(Option<String>, String)],
        namespaced: bool,
    ) -> Self {
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut by_lower_name: HashMap<String, Vec<usize>> = HashMap::default();
        let mut by_part: HashMap<&str, Vec<usize>> = HashMap::default();
        for (index, (_, name)) in agents.iter().enumerate() {
            by_name.entry(name.as_str()).or_default().push(index);
            by_lower_name
                .entry(name.to_ascii_lowercase())
                .or_default()
                .push(index);
            if name.contains('-') && name.len() >= NEAR_MISS_MIN_LENGTH {
                for part in name.split('-').filter(|p| !p.is_empty()) {
                    let list = by_part.entry(part).or_default();
                    if list.last() != Some(&index) {
                        list.push(index);
                    }
                }
            }
        }
        let mut name_and_part_filter = WordFilter::default();
        for key in by_name.keys().chain(by_part.keys()) {
            name_and_part_filter.insert(key);
        }
        let mut one_word_names: Vec<Vec<String>> = Vec::new();
        let mut one_word_first_letters = 0u32;
        let one_word = agents
            .iter()
            .map(|(_, name)| name.as_str())
            .chain(config.external_agents.iter().map(String::as_str))
            .filter(|name| !name.is_empty() && name.len() < 64 && !name.contains(['-', '_', ':']));
        for name in one_word {
            let lower = name.to_ascii_lowercase();
            if one_word_names.len() <= lower.len() {
                one_word_names.resize(lower.len() + 1, Vec::new());
            }
            one_word_first_letters |= first_letter_bit(lower.as_bytes()[0]);
            if !one_word_names[lower.len()].contains(&lower) {
                one_word_names[lower.len()].push(lower);
            }
        }
        NameIndex {
            config,
            namespaced,
            agents,
            by_name,
            by_lower_name,
            by_part,
            name_and_part_filter,
            one_word_finders: OneWordFinder::for_names(
                one_word_names.iter().flatten().map(String::as_str),
            ),
            one_word_names,
            one_word_first_letters,
            near_misses: Mutex::new(HashMap::default()),
            similar: Mutex::new(HashMap::default()),
        }
    }

    /// What the candidates depend on besides the text (the key of a [`super::ScanCache`]'s
    /// generation).
    pub(super) fn key(&self) -> super::cache::NamesKey {
        super::cache::NamesKey {
            names: self.agents.to_vec(),
            external_agents: self.config.external_agents.clone(),
            namespaced: self.namespaced,
        }
    }

    /// Whether a bare token of two or more words may name an agent: it is an agent's name (in
    /// any pack, or after `pack:`), a declared external agent, or shares a `-`-separated part
    /// with a name it may be a near miss of. Most hyphenated words (`real-time`) are none of these.
    pub(super) fn may_name(&self, token: &str) -> bool {
        let bare = token.rsplit_once(':').map_or(token, |(_, name)| name);
        let filter = &self.name_and_part_filter;
        let parts = token.len() >= NEAR_MISS_MIN_LENGTH && !self.by_part.is_empty();
        // One pass over `bare`: its FNV-1a hash and each `-`-separated part's, for the filter
        // (`-` is ASCII: each part is a character boundary).
        let mut part_named = false;
        let (mut whole, mut part, mut start) = (FNV_OFFSET, FNV_OFFSET, 0);
        for (at, &byte) in bare.as_bytes().iter().enumerate() {
            whole = (whole ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
            if byte == b'-' {
                part_named = part_named
                    || (parts
                        && filter.may_hold_hash(part)
                        && self.by_part.contains_key(&bare[start..at]));
                (part, start) = (FNV_OFFSET, at + 1);
            } else {
                part = (part ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
            }
        }
        if (filter.may_hold_hash(whole) && self.by_name.contains_key(bare))
            || self.config.external_agents.iter().any(|a| a == token)
        {
            return true;
        }
        part_named
            || (parts && filter.may_hold_hash(part) && self.by_part.contains_key(&bare[start..]))
    }

    /// Whether the catalog's agents are in packs (`pack:name`).
    pub(super) fn packs(&self) -> bool {
        self.namespaced
    }

    /// Searches for the one-word names, in lower case and capitalised.
    pub(super) fn one_word_finders(&self) -> &[OneWordFinder] {
        &self.one_word_finders
    }

    /// Whether the catalog (or its declared external agents) has names of one word (no `-`,
    /// `_` or `:`).
    pub(super) fn has_one_word_names(&self) -> bool {
        self.one_word_first_letters != 0
    }

    /// Catalog agents of one-word names that `token` (one word, any letter case) is a near miss
    /// of: within edit distance 1 of a name shorter than 8 bytes, 2 of a longer one, not a word
    /// form of it (`reviewers`, `review`, `orchestrator` for `orchestrate`), the token at least
    /// 6 bytes long; as written from an agent of `pack`, closest first, at most three.
    fn one_word_near_misses(&self, pack: Option<&str>, token: &str) -> Vec<String> {
        if token.len() < NEAR_MISS_MIN_LENGTH || token.len() >= 64 {
            return Vec::new();
        }
        let lower = token.to_ascii_lowercase();
        let lengths = lower.len().saturating_sub(2)..=lower.len() + 2;
        let mut found: Vec<(usize, usize)> = Vec::new();
        for length in lengths {
            for name in self.one_word_names.get(length).into_iter().flatten() {
                let limit = if name.len() < 8 { 1 } else { 2 };
                let close = levenshtein_within_2(&lower, name)
                    .is_some_and(|distance| distance > 0 && distance <= limit);
                if !close || is_word_form(&lower, name) {
                    continue;
                }
                let distance = levenshtein_within_2(&lower, name).unwrap_or(limit);
                for &index in self.by_lower_name.get(name).into_iter().flatten() {
                    found.push((distance, index));
                }
            }
        }
        found.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(self.agents[a.1].1.cmp(&self.agents[b.1].1))
        });
        found.dedup();
        found
            .into_iter()
            .take(3)
            .map(|(_, index)| self.written_from(pack, index))
            .collect()
    }

    /// Catalog agents whose name starts with `token` and a `-` (`customer-success-manager` for
    /// `customer-success`), as written from an agent of `pack`, at most three by name.
    fn names_extending(&self, pack: Option<&str>, token: &str) -> Vec<String> {
        let mut found: Vec<usize> = (0..self.agents.len())
            .filter(|&i| {
                let name = &self.agents[i].1;
                name.len() > token.len()
                    && name.starts_with(token)
                    && name.as_bytes()[token.len()] == b'-'
            })
            .collect();
        found.sort_by(|&a, &b| self.agents[a].1.cmp(&self.agents[b].1));
        found
            .into_iter()
            .take(3)
            .map(|i| self.written_from(pack, i))
            .collect()
    }

    /// `pack:name` or `name` of the agent at `index`, as written from an agent of `from_pack`.
    fn written_from(&self, from_pack: Option<&str>, index: usize) -> String {
        let (pack, name) = &self.agents[index];
        match pack {
            Some(pack) if Some(pack.as_str()) != from_pack => format!("{pack}:{name}"),
            _ => name.clone(),
        }
    }

    /// The agent `name` names from an agent of `pack`, exactly: `pack:name`, the same pack, a
    /// declared external agent, or (with `builtin`) a built-in agent of Claude Code.
    fn exact(&self, pack: Option<&str>, name: &str, builtin: bool) -> Option<Resolution> {
        let found = match name.split_once(':') {
            Some((in_pack, bare)) if self.namespaced => self.by_name.get(bare).and_then(|list| {
                list.iter()
                    .find(|&&i| self.agents[i].0.as_deref() == Some(in_pack))
            }),
            _ => self
                .by_name
                .get(name)
                .and_then(|list| list.iter().find(|&&i| self.agents[i].0.as_deref() == pack)),
        };
        if let Some(&index) = found {
            return Some(Resolution::Agent(index));
        }
        let external = self.config.external_agents.iter().any(|a| a == name)
            || (builtin && BUILTIN_AGENTS.contains(&name));
        external.then(|| Resolution::External(name.to_owned()))
    }

    /// The agent `name` names in another letter case (`C4-Container agent`), in the same pack.
    fn ignoring_case(&self, pack: Option<&str>, name: &str) -> Option<Resolution> {
        let lower = name.to_ascii_lowercase();
        let list = self.by_lower_name.get(&lower)?;
        list.iter()
            .find(|&&i| self.agents[i].0.as_deref() == pack)
            .map(|&i| Resolution::Agent(i))
    }

    /// Resolves a candidate found in `text`, a prompt of an agent of `pack`.
    pub(super) fn resolve(
        &self,
        pack: Option<&str>,
        text: &str,
        candidate: &Candidate,
    ) -> Resolution {
        let written_as_agent = candidate.written_as_agent;
        let name = &text[candidate.name.clone()];
        let alternative = candidate.alternative.clone().map(|r| &text[r]);
        let names = || std::iter::once(name).chain(alternative);
        for name in names() {
            if let Some(found) = self.exact(pack, name, written_as_agent) {
                return found;
            }
        }
        if written_as_agent {
            // In another letter case (`C4-Container agent`): only names with capitals can be.
            for name in names().filter(|n| n.bytes().any(|b| b.is_ascii_uppercase())) {
                if let Some(found) = self.ignoring_case(pack, name) {
                    return found;
                }
            }
        }
        if !candidate.name_shaped {
            // `the planer agent`, `@planer`: a near miss of a one-word name; `customer-success`
            // in a list of agents when `customer-success-manager` is one.
            let suggestions = if candidate.one_word_near_miss {
                self.one_word_near_misses(pack, name)
            } else if candidate.group && written_as_agent {
                self.names_extending(pack, name)
            } else {
                Vec::new()
            };
            if suggestions.is_empty() {
                return Resolution::Nothing;
            }
            return Resolution::Unresolved {
                form: candidate.form,
                suggestions,
            };
        }
        // The name of agents of other packs: not reachable from this pack.
        let elsewhere: Vec<String> = self
            .by_name
            .get(name)
            .into_iter()
            .flatten()
            .filter(|&&i| self.agents[i].0.as_deref() != pack)
            .map(|&i| self.written_from(pack, i))
            .collect();
        if !elsewhere.is_empty() {
            let form = if written_as_agent {
                candidate.form
            } else {
                ReferenceForm::Name
            };
            return Resolution::Unresolved {
                form,
                suggestions: elsewhere,
            };
        }
        let near: Vec<String> = self
            .near_misses_of(name)
            .into_iter()
            .map(|i| self.written_from(pack, i))
            .collect();
        if written_as_agent {
            let suggestions = if near.is_empty() {
                self.similar_in_pack(pack, name)
            } else {
                near
            };
            return Resolution::Unresolved {
                form: candidate.form,
                suggestions,
            };
        }
        if near.is_empty() {
            Resolution::Nothing
        } else {
            Resolution::Unresolved {
                form: ReferenceForm::NearMiss,
                suggestions: near,
            }
        }
    }

    /// Agents whose name is within edit distance 2 of `token` (and not a word form of it: a
    /// plural, `-ing`, `-ed`, or the name without its `-er`), sharing a `-`-separated part with
    /// it, sorted by distance then name.
    fn near_misses_of(&self, token: &str) -> Vec<usize> {
        if let Some(found) = locked(&self.near_misses).get(token) {
            return found.clone();
        }
        let mut found: Vec<(usize, usize)> = Vec::new();
        if token.len() >= NEAR_MISS_MIN_LENGTH {
            let mut seen: Vec<usize> = Vec::new();
            for part in token.split('-') {
                for &index in self.by_part.get(part).into_iter().flatten() {
                    if seen.contains(&index) {
                        continue;
                    }
                    seen.push(index);
                    let name = self.agents[index].1.as_str();
                    if name.len().abs_diff(token.len()) > 2 || is_word_form(token, name) {
                        continue;
                    }
                    if let Some(distance) = levenshtein_within_2(token, name)
                        && distance > 0
                    {
                        found.push((distance, index));
                    }
                }
            }
        }
        found.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(self.agents[a.1].1.cmp(&self.agents[b.1].1))
        });
        let found: Vec<usize> = found.into_iter().map(|(_, i)| i).take(3).collect();
        locked(&self.near_misses).insert(token.to_owned(), found.clone());
        found
    }

    /// Names of the same pack that look like `name` (Jaro–Winkler above 0.85), best first, at
    /// most three: the did-you-mean of a reference that is no near miss.
    fn similar_in_pack(&self, pack: Option<&str>, name: &str) -> Vec<String> {
        let key = (pack.map(str::to_owned), name.to_owned());
        if let Some(found) = locked(&self.similar).get(&key) {
            return found.clone();
        }
        // Jaro–Winkler above 0.85 needs much in common; names that share neither their first
        // letter nor a part are not compared.
        let shares = |other: &str| {
            other.as_bytes().first() == name.as_bytes().first()
                && other.len().abs_diff(name.len()) <= 6
        };
        let mut close: Vec<(f64, &str)> = self
            .agents
            .iter()
            .filter(|(p, n)| p.as_deref() == pack && shares(n))
            .map(|(_, n)| (strsim::jaro_winkler(name, n), n.as_str()))
            .filter(|(score, _)| *score > 0.85)
            .collect();
        close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let found: Vec<String> = close
            .into_iter()
            .take(3)
            .map(|(_, n)| n.to_owned())
            .collect();
        locked(&self.similar).insert(key, found.clone());
        found
    }
}

/// A cache of [`NameIndex`], locked. A scan that panicked while holding it left at worst an
/// entry out (entries are inserted whole), so a poisoned lock is used as it is.
fn locked<T>(cache: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    cache.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The Levenshtein distance of `a` and `b` when it is at most 2 (`None` beyond), computed in a
/// band of the table around its diagonal, on the stack (names longer than 63 bytes: `None`).
fn levenshtein_within_2(a: &str, b: &str) -> Option<usize> {
    const BAND: usize = 2;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > BAND || a.len() >= 64 || b.len() >= 64 {
        return None;
    }
    let far = usize::MAX / 2;
    let mut previous = [far; 64];
    let mut current = [far; 64];
    for (j, cell) in previous.iter_mut().enumerate().take(b.len().min(BAND) + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let low = i.saturating_sub(BAND);
        let high = (i + BAND).min(b.len());
        current.fill(far);
        if low == 0 {
            current[0] = i;
        }
        for j in low.max(1)..=high {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            current[j] = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
        }
        if current[low..=high].iter().all(|&d| d > BAND) {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= BAND).then_some(distance)
}

/// The bit of a name's first character in [`NameIndex::one_word_first_letters`].
fn first_letter_bit(first: u8) -> u32 {
    let lower = first.to_ascii_lowercase();
    if lower.is_ascii_lowercase() {
        1 << (lower - b'a')
    } else {
        1 << 26
    }
}

/// Whether `token` is a word form of `name`, not a misspelling: `name` plus `s`, `es`, `ed`,
/// `d` or `ing` (`code-reviewers`), or `name` without a final `s`, `r`, `er`, `or`
/// (`code-review` for `code-reviewer`, `security-audit` for `security-auditor`).
fn is_word_form(token: &str, name: &str) -> bool {
    if let Some(suffix) = token.strip_prefix(name) {
        return matches!(suffix, "s" | "es" | "ed" | "d" | "ing" | "er" | "or");
    }
    if let Some(suffix) = name.strip_prefix(token) {
        return matches!(suffix, "s" | "r" | "er" | "or");
    }
    // The one who does what a verb names: `orchestrator` for `orchestrate`.
    if let Some(stem) = name.strip_suffix('e')
        && token
            .strip_prefix(stem)
            .is_some_and(|suffix| matches!(suffix, "or" | "er" | "ion" | "ing"))
    {
        return true;
    }
    // The activity (or its plural) for the one who does it: `task-distribution` for `task-distributor`, `reviews` for `reviewer`,
    // `test-automation` for `test-automator`, `data-engineering` for `data-engineer`.
    let agentive = ["or", "er", "ist"];
    let activity = ["ion", "ing", "ism", "y", "e", "s"];
    agentive.iter().any(|a| {
        name.strip_suffix(a)
            .is_some_and(|stem| activity.iter().any(|x| token.strip_suffix(x) == Some(stem)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `may_name`'s one pass gives what the map lookups of the whole name and of each part give.
    #[test]
    fn may_name_is_a_name_or_shares_a_part() {
        let config = Config {
            external_agents: vec!["ext-helper".to_owned()],
            ..Config::default()
        };
        let agents: Vec<(Option<String>, String)> = ["code-reviewer", "qa", "api-designer"]
            .iter()
            .map(|n| (Some("x".to_owned()), (*n).to_owned()))
            .collect();
        let index = NameIndex::new(&config, &agents, true);
        let reference = |token: &str| {
            let bare = token.rsplit_once(':').map_or(token, |(_, name)| name);
            index.by_name.contains_key(bare)
                || config.external_agents.iter().any(|a| a == token)
                || (token.len() >= NEAR_MISS_MIN_LENGTH
                    && bare.split('-').any(|p| index.by_part.contains_key(p)))
        };
        let tokens = [
            "code-reviewer",
            "x:code-reviewer",
            "y:qa",
            "qa",
            "ext-helper",
            "code-writer",
            "real-time",
            "reviewer-x",
            "a--designer",
            "designer",
            "x-api",
            "api-x",
            "ab-cd",
            "code-",
            "-code",
            "x:y:api-designer",
            "",
        ];
        for token in tokens {
            assert_eq!(index.may_name(token), reference(token), "{token}");
        }
        assert!(index.may_name("code-writer") && !index.may_name("real-time"));
    }

    /// Needles sharing their first four bytes share a pass and find what one `memmem` search per
    /// needle finds: each needle's non-overlapping hits from the left, then the first letter.
    #[test]
    fn one_word_searches_sharing_a_pass_find_what_separate_searches_find() {
        let names = [
            "python performance expert",
            "python security expert",
            "aaaaaa",
            "baaaaaaa",
            "baaaa",
            "qa",
            "xaaaa",
        ];
        let text = b"Python security expert, python performance expert; aaaaaaaaaa baaaaaaaaaa Baaaa qa Qa QA xaaaaa Xaaaa, python  security";
        let mut grouped: Vec<std::ops::Range<usize>> = Vec::new();
        let finders = OneWordFinder::for_names(names.iter().copied());
        assert!(finders.len() < 8, "{} passes", finders.len());
        for finder in &finders {
            finder.for_each(text, |r| grouped.push(r));
        }
        let mut separate: Vec<std::ops::Range<usize>> = Vec::new();
        for name in names {
            for finder in OneWordFinder::for_names(std::iter::once(name)) {
                let [(needle, first)] = finder.needles.as_slice() else {
                    panic!("one needle");
                };
                for at in memchr::memmem::find_iter(text, needle) {
                    match first {
                        None => separate.push(at..at + needle.len()),
                        Some(first) if at > 0 && text[at - 1].eq_ignore_ascii_case(first) => {
                            separate.push(at - 1..at + needle.len());
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        grouped.sort_by_key(|r| (r.start, r.end));
        separate.sort_by_key(|r| (r.start, r.end));
        assert_eq!(grouped, separate);
        assert!(grouped.len() > 8, "{grouped:?}");
    }

    #[test]
    fn banded_levenshtein_agrees_with_strsim() {
        let words = [
            "",
            "a",
            "ab",
            "domain-modeller",
            "domain-modellerr",
            "domian-modeller",
            "code-reviewer",
            "code-reviwer",
            "code-review",
            "dmain-modeler",
            "x",
            "abcdef",
            "bacdfe",
        ];
        for a in words {
            for b in words {
                let full = strsim::levenshtein(a, b);
                let expected = (full <= 2).then_some(full);
                assert_eq!(levenshtein_within_2(a, b), expected, "{a} {b}");
            }
        }
    }

    #[test]
    fn word_forms_are_not_misspellings() {
        assert!(is_word_form("code-reviewers", "code-reviewer"));
        assert!(is_word_form("code-review", "code-reviewer"));
        assert!(is_word_form("security-audit", "security-auditor"));
        assert!(!is_word_form("domain-modellerr", "domain-modeller"));
        assert!(!is_word_form("code-reviwer", "code-reviewer"));
        assert!(is_word_form("task-distribution", "task-distributor"));
        assert!(is_word_form("orchestrator", "orchestrate"));
        assert!(is_word_form("reviewer", "review"));
        assert!(!is_word_form("implementor", "implementer"));
        assert!(!is_word_form("planer", "planner"));
    }
}
