//! Lining up the items of a list before and after an edit, so that the
//! items that stay (the same, or changed in place) keep their text and only
//! the dropped and added ones are removed or written.

use serde_json::Value;

/// How the items of a list became those of another.
pub enum Step {
    /// Old item `.0` is new item `.1`.
    Same(usize, usize),
    /// Old item `.0` became new item `.1`.
    Changed(usize, usize),
    /// Old item `.0` is gone.
    Dropped(usize),
    /// New item `.0` is new.
    Added(usize),
}

/// Lines the items up, in order: equal ones are the same item; while there
/// are more old items than new, an old one is dropped when a later old one
/// is the next new one, or when it shares nothing with it (and the other
/// way round for added ones); otherwise the old item became the new one.
pub fn align(old: &[Value], new: &[Value]) -> Vec<Step> {
    let (mut i, mut j, mut steps) = (0, 0, Vec::new());
    while i < old.len() && j < new.len() {
        let (extra_old, extra_new) = (old.len() - i > new.len() - j, new.len() - j > old.len() - i);
        if old[i] == new[j] {
            steps.push(Step::Same(i, j));
            (i, j) = (i + 1, j + 1);
        } else if extra_old
            && (!resembles(&old[i], &new[j])
                || old[i + 1..].iter().take(old.len() - i - (new.len() - j)).any(|o| *o == new[j]))
        {
            steps.push(Step::Dropped(i));
            i += 1;
        } else if extra_new
            && (!resembles(&old[i], &new[j])
                || new[j + 1..].iter().take(new.len() - j - (old.len() - i)).any(|n| *n == old[i]))
        {
            steps.push(Step::Added(j));
            j += 1;
        } else {
            steps.push(Step::Changed(i, j));
            (i, j) = (i + 1, j + 1);
        }
    }
    steps.extend((i..old.len()).map(Step::Dropped));
    steps.extend((j..new.len()).map(Step::Added));
    steps
}

/// Whether two items look like one item changed: mappings with a key and
/// value in common, or lists with an item in common.
fn resembles(old: &Value, new: &Value) -> bool {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => a.iter().any(|(k, v)| b.get(k) == Some(v)),
        (Value::Array(a), Value::Array(b)) => a.iter().any(|v| b.contains(v)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn steps(old: Value, new: Value) -> String {
        let (old, new) = (old.as_array().unwrap().clone(), new.as_array().unwrap().clone());
        align(&old, &new)
            .iter()
            .map(|s| match s {
                Step::Same(i, j) => format!("={i}{j}"),
                Step::Changed(i, j) => format!("~{i}{j}"),
                Step::Dropped(i) => format!("-{i}"),
                Step::Added(j) => format!("+{j}"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn items_that_stay_are_lined_up() {
        let (a, b, c) = (json!({ "t": "a", "d": 1 }), json!({ "t": "b" }), json!({ "t": "c" }));
        let a2 = json!({ "t": "a", "d": 2 });
        assert_eq!(steps(json!([a, b, c]), json!([a, c])), "=00 -1 =21");
        assert_eq!(steps(json!([a, b, c]), json!([{ "t": "x" }, a2, b, c])), "+0 ~01 =12 =23");
        assert_eq!(steps(json!([a, b, c]), json!([a2, c])), "~00 -1 =21");
        assert_eq!(steps(json!([1, 2, 3]), json!([1, 9, 3])), "=00 ~11 =22");
    }
}
