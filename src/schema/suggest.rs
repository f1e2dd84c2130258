//! "Did you mean": the known key an unknown one is probably a typo of.

/// The known key closest to `key` by edit distance (a swap of two letters
/// counts as one edit), if it is close enough to be a typo: one edit for keys
/// of four to six characters, two for longer ones; a key of three
/// characters only as a four-letter key missing one (`icn` → `icon`);
/// shorter keys are too short to guess from.
pub fn near_miss<'k>(key: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let length = key.chars().count();
    let allowed = match length {
        0..=2 => return None,
        3..=6 => 1,
        _ => 2,
    };
    known
        .into_iter()
        // Lengths further apart than the edits allowed cannot match; checked
        // first, so a huge key never reaches the distance's n × m table.
        .filter(|k| *k != key && k.chars().count().abs_diff(length) <= allowed)
        .filter(|k| length > 3 || k.chars().count() == 4)
        .map(|k| (strsim::damerau_levenshtein(key, k), k))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// ` — did you mean 'x'?`, or nothing.
pub fn did_you_mean<'k>(key: &str, known: impl IntoIterator<Item = &'k str>) -> String {
    hint(near_miss(key, known))
}

/// ` — did you mean 'x'?` for a guess, or nothing.
pub fn hint(meant: Option<&str>) -> String {
    meant.map_or_else(String::new, |k| format!(" — did you mean '{k}'?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_non_typos() {
        let known = ["description", "trigger", "communication_style", "critical_actions", "id", "name"];
        assert_eq!(near_miss("descripton", known), Some("description"));
        assert_eq!(near_miss("comunication_style", known), Some("communication_style"));
        assert_eq!(near_miss("critical_action", known), Some("critical_actions"));
        assert_eq!(near_miss("tirgger", known), Some("trigger"));
        assert_eq!(near_miss("nmae", known), Some("name"));
        assert_eq!(near_miss("title", known), None);
        assert_eq!(near_miss("ix", known), None, "too short to guess from");
        assert_eq!(near_miss("icn", ["icon", "id", "ico"]), Some("icon"), "a letter left out of a short key");
        assert_eq!(near_miss("nam", ["name", "nan"]), Some("name"));
        assert_eq!(near_miss("idd", ["id"]), None);
        assert_eq!(did_you_mean("webskip", known), "");
        // A megabyte-long key is never compared letter by letter.
        assert_eq!(near_miss(&"d".repeat(1 << 20), known), None);
    }
}
