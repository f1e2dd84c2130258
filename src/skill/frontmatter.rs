//! `SKILL.md`: YAML frontmatter between `---` lines (`name`, `description`,
//! anything else kept), then the instructions. Problems are located in
//! `SKILL.md` itself.

use crate::error::{Error, Result};
use crate::schema::Checker;
use crate::source;
use crate::yaml::{self, Node};
use std::path::Path;

/// The frontmatter of the `SKILL.md` at `path`, checked: a mapping with
/// `name` and `description` strings.
/// `within`: the folder it must really be in (see [`source::load_in`]).
pub fn load(path: &Path, within: Option<&Path>) -> Result<Node> {
    let file = path.display().to_string();
    let text = source::read_text_in(path, within)?;
    let (yaml, _) = split(&text).ok_or_else(|| Error::Schema {
        file: file.clone(),
        issues: vec![crate::Issue::new(
            "(frontmatter)",
            crate::Location::START,
            "SKILL.md has no frontmatter: it must start with a '---' line, then `name:` and `description:`, then '---'",
        )],
    })?;
    let doc = yaml::parse(&yaml, &file)?;
    let mut c = Checker::default();
    if c.map(&doc, "(frontmatter)").is_some() {
        c.required_text(&doc, "", "name");
        c.required_string(&doc, "", "description");
    }
    // The Agent Skills specification's rules, by BMAD's ids (a `name` that is a mapping makes Codex skip the skill).
    c.finish(&file).map_err(|err| match err {
        Error::Schema { file, issues } => Error::Schema { file, issues: issues.into_iter().map(rule_of).collect() },
        other => other,
    })?;
    Ok(doc)
}

/// The YAML between the opening and closing `---` lines, preceded by an
/// empty line in place of the opening one, so that YAML locations are
/// `SKILL.md` lines; and the text after the closing line (the body).
pub fn split(text: &str) -> Option<(String, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut yaml = String::from("\n");
    let mut end = text.find('\n')? + 1;
    for line in lines {
        end += line.len();
        if line.trim_end() == "---" {
            return Some((yaml, &text[end..]));
        }
        yaml.push_str(line);
    }
    None
}

/// A frontmatter issue named by its rule: SKILL-02 for `name`, SKILL-03 for `description`.
fn rule_of(issue: crate::Issue) -> crate::Issue {
    let rule = match issue.field.as_str() {
        "name" => "SKILL-02",
        "description" => "SKILL-03",
        _ => return issue,
    };
    crate::Issue::ruled(issue.field.clone(), issue.location(), rule, issue.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Location;

    fn skill_md(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("SKILL.md");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn frontmatter_is_read_and_located_in_skill_md() {
        let (_dir, path) = skill_md("---\nname: bmad-agent-pm\ndescription: Product manager\n---\n\n# John\n");
        let doc = load(&path, None).unwrap();
        assert_eq!(doc.get("name").and_then(Node::as_str), Some("bmad-agent-pm"));
        assert_eq!(doc.get("description").unwrap().at, Location::new(3, 14));
    }

    #[test]
    fn frontmatter_problems_point_into_skill_md() {
        let (_dir, path) = skill_md("---\nname: ''\ndescriptio: x\n---\n");
        let err = load(&path, None).unwrap_err();
        let got: Vec<_> = err.issues().iter().map(|i| (i.field.as_str(), i.line, i.column)).collect();
        assert_eq!(got, [("name", 2, 7), ("description", 3, 1)]);
        let (_dir, path) = skill_md("---\nname: a\n  description: [\n---\n");
        assert_eq!(load(&path, None).unwrap_err().location().map(|l| l.line), Some(3));
        let (_dir, path) = skill_md("# no frontmatter\n");
        assert_eq!(load(&path, None).unwrap_err().issues()[0].field, "(frontmatter)");
        let (_dir, path) = skill_md("---\nname: a\n");
        assert_eq!(load(&path, None).unwrap_err().code(), "E_SCHEMA");
    }
}
