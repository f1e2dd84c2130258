//! Shape checks over a positioned tree. A `Checker` never stops at the first
//! problem: it records every issue with its field path and location, so one
//! error can list everything wrong in a file.

pub mod agent;
pub mod config;
pub mod dialect;
pub mod lint;
pub mod madace;
pub mod suggest;
pub mod workflow;

use crate::error::{Error, Issue, Location, Result};
use crate::yaml::{Entry, Node, Value};

pub use dialect::Dialect;

/// Most issues one document reports; past it, one more issue says how many
/// were left out, so a hostile file cannot make a report of any size.
pub const MAX_ISSUES: usize = crate::diagnostic::MAX_PER_FILE;

/// Collects every problem of a document with its field path and location,
/// instead of stopping at the first (up to `MAX_ISSUES`).
#[derive(Default)]
pub struct Checker {
    issues: Vec<Issue>,
    /// Issues past `MAX_ISSUES`: how many, and where the first of them is.
    left_out: Option<(usize, Location)>,
}

/// `agent` + `menu` → `agent.menu`; the root path is empty.
pub fn field(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `agent.menu` + 2 → `agent.menu[2]`.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// Checks that `root` is a mapping holding the mapping `key` (`agent:`,
/// `workflow:`). Keys written beside it are kept by `unwrap`, so one that
/// clashes with a key inside it is an issue.
pub fn wrapped<'n>(root: &'n Node, key: &str, c: &mut Checker) -> Option<&'n Node> {
    c.map(root, "(root)")?;
    let inner = c.required_map(root, "", key)?;
    for extra in root.entries().unwrap_or_default().iter().filter(|e| e.key != key) {
        if inner.get(&extra.key).is_some() {
            c.issue(
                extra.key.clone(),
                extra.key_at,
                format!("top-level '{}' collides with {key}.{0}; keep one of them", extra.key),
            );
        }
    }
    Some(inner)
}

/// The mapping under `key` with the keys written beside it appended (BMAD's
/// `saved_answers` stays with its agent). Only for trees `wrapped` accepted.
pub fn unwrap(root: Node, key: &str) -> Node {
    let Value::Map(entries) = root.value else { return root };
    let (mut inner, extras): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(|e| e.key == key);
    let Some(Entry { value: mut doc, .. }) = inner.pop() else { return Node::new(Value::Map(extras), root.at) };
    if let Value::Map(entries) = &mut doc.value {
        entries.extend(extras);
    }
    doc
}

impl Checker {
    /// Records a problem at `path`, located `at`.
    pub fn issue(&mut self, path: impl Into<String>, at: Location, message: impl Into<String>) {
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(Issue::new(path, at, message));
        } else {
            self.left_out.get_or_insert((0, at)).0 += 1;
        }
    }

    /// Whether any problem was recorded.
    pub fn has_issues(&self) -> bool {
        !self.issues.is_empty()
    }

    /// `Err(E_SCHEMA)` listing every issue in source order, if there are any.
    pub fn finish(self, file: &str) -> Result<()> {
        if self.issues.is_empty() {
            return Ok(());
        }
        let (mut issues, more) = self.parts();
        crate::sorted::by_position(&mut issues, Issue::position);
        issues.extend(more);
        Err(Error::Schema { file: file.to_string(), issues })
    }

    /// The problems recorded, in the order they were found; when there were
    /// more than `MAX_ISSUES`, a last one says how many more.
    pub fn into_issues(self) -> Vec<Issue> {
        let (mut issues, more) = self.parts();
        issues.extend(more);
        issues
    }

    /// The issues kept, and the one that counts those left out (located at the first of them).
    fn parts(self) -> (Vec<Issue>, Option<Issue>) {
        let more = self.left_out.map(|(more, at)| {
            Issue::new("(more)", at, format!("… and {more} more problems (only the first {MAX_ISSUES} are listed)"))
        });
        (self.issues, more)
    }

    fn wrong_type(&mut self, node: &Node, path: &str, expected: &str) {
        let hint = match expected {
            "a string" if node.kind() == "a number" || node.kind() == "a boolean" => {
                " (quote the value to keep it as text)"
            }
            // `-check-config`: a list item needs a space after its dash.
            "a list" if node.as_str().is_some_and(|s| s.starts_with('-') && !s.starts_with("- ")) => {
                " (a list item is '- item': add a space after '-')"
            }
            _ => "",
        };
        self.issue(path, node.at, format!("expected {expected}, found {}{hint}", node.kind()));
    }

    /// The entries of `node` if it is a mapping, else records a problem.
    pub fn map<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [Entry]> {
        let entries = node.entries();
        if entries.is_none() {
            self.wrong_type(node, path, "a mapping");
        }
        entries
    }

    /// The items of `node` if it is a sequence, else records a problem.
    pub fn list<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [Node]> {
        let items = node.items();
        if items.is_none() {
            self.wrong_type(node, path, "a list");
        }
        items
    }

    /// The text of `node` if it is a string, else records a problem.
    pub fn string<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n str> {
        let text = node.as_str();
        if text.is_none() {
            self.wrong_type(node, path, "a string");
        }
        text
    }

    /// Records a problem unless `node` is a sequence of strings.
    pub fn string_list(&mut self, node: &Node, path: &str) {
        for (i, item) in self.list(node, path).unwrap_or_default().iter().enumerate() {
            if item.as_str().is_none() {
                self.wrong_type(item, &index(path, i), "a string");
            }
        }
    }

    /// A field that must exist in mapping `parent`; a missing one is
    /// reported at the mapping, where it should be added, or, when a key of
    /// the mapping is a typo of it, at that key.
    pub fn required<'n>(&mut self, parent: &'n Node, path: &str, key: &str) -> Option<&'n Node> {
        let found = parent.get(key);
        if found.is_none() {
            let entries = parent.entries().unwrap_or_default();
            // Indented one level too deep: the key sits inside a sibling mapping.
            let nested = entries.iter().find_map(|e| e.value.entry(key).map(|inner| (e, inner)));
            if let Some((sibling, inner)) = nested {
                let message = format!(
                    "'{key}' (line {}) is inside '{}': move it left to column {}, where '{}' is",
                    inner.key_at.line, sibling.key, sibling.key_at.column, sibling.key
                );
                self.issue(field(path, key), inner.key_at, message);
                return found;
            }
            match entries.iter().find(|e| suggest::near_miss(&e.key, [key]).is_some()) {
                Some(typo) => self.issue(
                    field(path, key),
                    typo.key_at,
                    format!("unknown key '{}' — did you mean '{key}'? (required field '{key}' is missing)", typo.key),
                ),
                None => self.issue(field(path, key), parent.at, format!("required field '{key}' is missing")),
            }
        }
        found
    }

    /// `got`, the value of `parent[key]` as the type `expected`, or a
    /// problem when it is not. The field's path is built only then: checks
    /// that pass allocate nothing.
    fn of_type<T>(&mut self, node: &Node, got: Option<T>, path: &str, key: &str, expected: &str) -> Option<T> {
        if got.is_none() {
            self.wrong_type(node, &field(path, key), expected);
        }
        got
    }

    /// `parent[key]`, which must be a mapping.
    pub fn required_map<'n>(&mut self, parent: &'n Node, path: &str, key: &str) -> Option<&'n Node> {
        let node = self.required(parent, path, key)?;
        self.of_type(node, node.entries(), path, key, "a mapping").map(|_| node)
    }

    /// `parent[key]`, which must be a sequence.
    pub fn required_list<'n>(&mut self, parent: &'n Node, path: &str, key: &str) -> Option<&'n [Node]> {
        let node = self.required(parent, path, key)?;
        self.of_type(node, node.items(), path, key, "a list")
    }

    /// `parent[key]`, which must be a string.
    pub fn required_string<'n>(&mut self, parent: &'n Node, path: &str, key: &str) -> Option<&'n str> {
        let node = self.required(parent, path, key)?;
        self.of_type(node, node.as_str(), path, key, "a string")
    }

    /// `parent[key]`, which must be a string with more than white space.
    pub fn required_text<'n>(&mut self, parent: &'n Node, path: &str, key: &str) -> Option<&'n str> {
        let text = self.required_string(parent, path, key)?;
        if text.trim().is_empty() {
            let at = parent.get(key).map_or(parent.at, |n| n.at);
            self.issue(field(path, key), at, format!("'{key}' must not be empty"));
        }
        Some(text)
    }

    /// `parent[key]` if present, which must then be a string.
    pub fn optional_string<'n>(&mut self, parent: &'n Node, path: &str, key: &str) -> Option<&'n str> {
        let node = parent.get(key)?;
        self.of_type(node, node.as_str(), path, key, "a string")
    }

    /// `parent[key]` if present, which must then be a mapping.
    pub fn optional_map(&mut self, parent: &Node, path: &str, key: &str) {
        if let Some(node) = parent.get(key) {
            self.of_type(node, node.entries(), path, key, "a mapping");
        }
    }

    /// `parent[key]` if present, which must then be a number.
    pub fn optional_number(&mut self, parent: &Node, path: &str, key: &str) {
        if let Some(node) = parent.get(key) {
            if !matches!(node.value, Value::Int(_) | Value::Float(_)) {
                self.wrong_type(node, &field(path, key), "a number");
            }
        }
    }

    /// `parent[key]` if present, which must then be `true` or `false`.
    pub fn optional_bool(&mut self, parent: &Node, path: &str, key: &str) {
        if let Some(node) = parent.get(key) {
            if !matches!(node.value, Value::Bool(_)) {
                self.issue(field(path, key), node.at, format!("expected true or false, found {}", node.kind()));
            }
        }
    }

    /// `parent[key]` if present, which must then be a sequence of strings.
    pub fn optional_string_list(&mut self, parent: &Node, path: &str, key: &str) {
        let Some(node) = parent.get(key) else { return };
        // The field's path is built only for a list that has a problem.
        if !node.items().is_some_and(|items| items.iter().all(|item| item.as_str().is_some())) {
            self.string_list(node, &field(path, key));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn issues_stop_at_the_cap_with_a_count_of_the_rest() {
        let mut c = super::Checker::default();
        for i in 0..2500 {
            c.issue(
                super::index("agent.menu", i),
                super::Location::new(i + 2, 5),
                "expected a mapping, found a number",
            );
        }
        let issues = c.into_issues();
        assert_eq!(issues.len(), super::MAX_ISSUES + 1);
        assert_eq!(issues[999].field, "agent.menu[999]");
        let more = &issues[1000];
        assert_eq!(
            (more.field.as_str(), more.line, more.column, more.message.as_str()),
            ("(more)", 1002, 5, "… and 1500 more problems (only the first 1000 are listed)")
        );
    }

    use super::*;
    use crate::yaml::parse;

    #[test]
    fn a_key_indented_into_its_sibling_is_found_there() {
        let doc = parse("agent:\n  metadata:\n    name: A\n    persona:\n      role: r\n", "t").unwrap();
        let mut c = Checker::default();
        c.required(doc.get("agent").unwrap(), "agent", "persona");
        assert_eq!(
            c.into_issues(),
            [Issue::new(
                "agent.persona",
                Location::new(4, 5),
                "'persona' (line 4) is inside 'metadata': move it left to column 3, where 'metadata' is"
            )]
        );
    }

    #[test]
    fn a_dash_without_its_space_is_named() {
        let doc = parse("critical_actions:\n  -check-config\n  -load-status\n", "t").unwrap();
        let mut c = Checker::default();
        c.string_list(doc.get("critical_actions").unwrap(), "critical_actions");
        assert_eq!(
            c.into_issues()[0].message,
            "expected a list, found a string (a list item is '- item': add a space after '-')"
        );
    }

    #[test]
    fn collects_every_issue_in_source_order() {
        let doc = parse("b: [1, x]\na: 5\n", "t").unwrap();
        let mut c = Checker::default();
        c.string_list(doc.get("b").unwrap(), "b");
        c.required_string(&doc, "", "a");
        c.required_string(&doc, "", "missing");
        let issues = c.into_issues();
        assert_eq!(issues.len(), 3);
        assert_eq!(
            issues[0],
            Issue::new(
                "b[0]",
                Location::new(1, 5),
                "expected a string, found a number (quote the value to keep it as text)"
            )
        );
        assert_eq!(issues[1].field, "a");
        assert_eq!(issues[2], Issue::new("missing", Location::new(1, 1), "required field 'missing' is missing"));
    }
}
