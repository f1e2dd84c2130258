//! Stable sorts by a position in the text (a line and column, or a start
//! and end) through one sort of `(a, b, index)` keys: each `sort_by_key` on
//! a type of its own is another copy of the standard library's sort in the
//! WebAssembly modules (2 to 7 KB each, docs/performance.md). Used by the
//! sorts both modules carry: a definition's issues, sprint-status problems,
//! a YAML edit's changes.

/// Sorts `items` by `key` (a line and column, or a start and end), keeping
/// the order of items with equal keys.
pub fn by_position<T>(items: &mut Vec<T>, key: impl Fn(&T) -> (usize, usize)) {
    let mut order: Vec<(usize, usize, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (a, b) = key(item);
            (a, b, i)
        })
        .collect();
    // The index makes keys unique, so the unstable sort keeps equal items in order.
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|(_, _, i)| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::by_position;

    #[test]
    fn sorts_by_the_key_and_keeps_equal_keys_in_order() {
        let mut items = vec![(3, 1, 'a'), (1, 2, 'b'), (3, 1, 'c'), (1, 1, 'd'), (2, 9, 'e'), (1, 2, 'f')];
        by_position(&mut items, |&(line, column, _)| (line, column));
        let order: String = items.iter().map(|i| i.2).collect();
        assert_eq!(order, "dbfeac");
        let mut none: Vec<u8> = Vec::new();
        by_position(&mut none, |_| (0, 0));
        assert!(none.is_empty());
    }
}
