//! "Did you mean" hints: the known name closest to a misspelt one.

/// The candidate closest to `name` by edit distance, when it is close
/// enough to be a typo of it.
pub fn closest<'c>(name: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= candidate.len().max(name.len()) / 3 + 1)
        .min()
        .map(|(_, candidate)| candidate)
}

/// The Levenshtein distance between `a` and `b`, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(previous + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested() {
        let known = ["salutation-banned", "register-mix", "missing-message"];
        assert_eq!(
            closest("salutation-baned", known.into_iter()),
            Some("salutation-banned")
        );
        assert_eq!(
            closest("mising-message", known.into_iter()),
            Some("missing-message")
        );
        assert_eq!(closest("something", known.into_iter()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
