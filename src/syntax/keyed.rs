//! Maps and sets keyed by what a file says (message ids, file paths,
//! variant keys, attribute names). Their hasher draws a seed at random for
//! each map, so no file can be written whose keys all land in one bucket and
//! make every lookup walk them all: `rustc-hash` has no seed, and its
//! collisions can be searched for once and committed. foldhash resists an
//! attacker who cannot watch the hashes, as one who commits files cannot.

/// A map keyed by text from the files.
pub type TextMap<K, V> = foldhash::HashMap<K, V>;

/// A set of text from the files.
pub type TextSet<T> = foldhash::HashSet<T>;

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::*;

    #[test]
    fn each_map_hashes_with_a_seed_of_its_own() {
        let (one, two) = (TextMap::<&str, ()>::default(), TextSet::<&str>::default());
        let hash = |hasher: &foldhash::fast::RandomState| hasher.hash_one("welcome-email");
        assert_ne!(hash(one.hasher()), hash(two.hasher()));
    }
}
