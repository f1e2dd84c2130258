//! YAML text to a positioned tree: every node and key keeps its line and
//! column; depth, size, alias and duplicate-key limits hold.
//!
//! Two parsers build the same tree. [`fast`] scans the block YAML that
//! definition files are written in, in one pass; it gives up on anything else
//! (anchors, tags, flow collections beyond one line of scalars, any error)
//! and [`full`], saphyr-parser's event stream, parses the text from the
//! start. So every YAML error comes from the full parser, with its location.

pub mod fast;
mod flow_budget;
pub mod full;
mod json;
mod keys;
mod lines;
mod node;
mod scalar;
pub mod syntax;

pub use node::{Entry, Node, Value};
pub use scalar::resolve_plain;

use crate::error::Result;

/// Deepest nesting of collections accepted (agent files use < 10).
pub const MAX_DEPTH: usize = 128;
/// Most nodes one document may hold, aliases expanded and anchored nodes
/// counted twice (they are kept for reuse). The largest real definition file
/// has under 2,000.
pub const MAX_NODES: usize = 100_000;
/// Most bytes one document may expand to: every scalar's text and every
/// key, plus one byte per node, with aliases expanded and anchored nodes
/// counted twice. An alias-free document never expands past its own size, so
/// with the 8 MiB file limit only aliases can reach this.
pub const MAX_EXPANDED_BYTES: usize = 8 * 1024 * 1024;

/// Parses exactly one YAML document. `file` names the source in errors.
pub fn parse(text: &str, file: &str) -> Result<Node> {
    match fast::parse(text) {
        Some(root) => Ok(root),
        None => full::parse(text, file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, Location};

    fn err(text: &str) -> Error {
        parse(text, "t.yaml").unwrap_err()
    }

    #[test]
    fn keeps_order_positions_and_types() {
        let doc = parse("b: 1\na:\n  - x\n  - 2.5\n  - true\n  - ~\n  - '3'\n", "t").unwrap();
        assert_eq!(doc.to_json(), r#"{"b":1,"a":["x",2.5,true,null,"3"]}"#);
        let entries = doc.entries().unwrap();
        assert_eq!(entries[1].key_at, Location::new(2, 1));
        assert_eq!(doc.get("a").unwrap().items().unwrap()[1].at, Location::new(4, 5));
    }

    #[test]
    fn json_escapes_non_ascii() {
        let doc = parse("icon: 📋\nname: José\n", "t").unwrap();
        assert_eq!(doc.to_json(), r#"{"icon":"\ud83d\udccb","name":"Jos\u00e9"}"#);
        let back: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
        assert_eq!(back["icon"], "📋");
    }

    #[test]
    fn duplicates_found_in_large_mappings() {
        let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k3: again\n");
        let e = err(&text);
        assert_eq!(e.code(), "E_DUPLICATE_KEY");
        assert_eq!(e.location(), Some(Location::new(41, 1)));
    }

    #[test]
    fn plain_scalar_resolution() {
        assert_eq!(resolve_plain("1.0.0"), Value::Str("1.0.0".into()));
        assert_eq!(resolve_plain("0x1f"), Value::Int(31));
        assert_eq!(resolve_plain("-12"), Value::Int(-12));
        assert_eq!(resolve_plain("1e3"), Value::Float(1000.0));
        assert_eq!(resolve_plain(".5"), Value::Float(0.5));
        assert_eq!(resolve_plain("yes"), Value::Str("yes".into()));
        assert_eq!(resolve_plain("1_000"), Value::Str("1_000".into()));
    }

    #[test]
    fn malformed_yaml_is_located() {
        let e = err("a: 1\nb: [1, 2\nc: 3\n");
        assert_eq!(e.code(), "E_YAML");
        // At the '[' never closed, not at the next key where the parser noticed it.
        assert_eq!(e.location(), Some(crate::error::Location::new(2, 4)));
    }

    #[test]
    fn tab_indentation_named() {
        let e = err("a:\n\tb: 1\n");
        assert_eq!(e.code(), "E_YAML");
        assert_eq!(e.location(), Some(Location::new(2, 1)));
        assert_eq!(
            e.to_string(),
            "a tab indents this line; YAML indents with spaces only: replace the tab with spaces"
        );
    }

    #[test]
    fn duplicate_key() {
        let e = err("a: 1\nb:\n  c: 1\n  c: 2\n");
        assert_eq!(e.code(), "E_DUPLICATE_KEY");
        assert_eq!(e.location(), Some(Location::new(4, 3)));
        assert!(e.to_string().contains("first defined at line 3"), "{e}");
    }

    #[test]
    fn second_document() {
        let e = err("a: 1\n---\nb: 2\n");
        assert_eq!(e.code(), "E_MULTIPLE_DOCUMENTS");
        assert_eq!(e.location(), Some(Location::new(2, 1)));
        assert!(parse("---\na: 1\n", "t").is_ok());
    }

    #[test]
    fn empty_documents() {
        for text in ["", "   \n", "# only a comment\n", "~\n", "---\n"] {
            assert_eq!(err(text).code(), "E_EMPTY", "{text:?}");
        }
    }

    #[test]
    fn unknown_tags() {
        let e = err("a: !!python/object:os.system ls\n");
        assert_eq!(e.code(), "E_TAG");
        assert_eq!(e.location(), Some(Location::new(1, 4)));
        assert_eq!(err("a: !custom [1]\n").code(), "E_TAG");
        assert_eq!(parse("a: !!str 12\n", "t").unwrap().to_json(), r#"{"a":"12"}"#);
        assert_eq!(err("a: !!int abc\n").code(), "E_YAML");
    }

    #[test]
    fn aliases_expand_within_budget() {
        let doc = parse("x: &a [1, 2]\ny: *a\n", "t").unwrap();
        assert_eq!(doc.to_json(), r#"{"x":[1,2],"y":[1,2]}"#);
    }

    #[test]
    fn alias_bomb_stops() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for level in 1..=9 {
            let refs = vec![format!("*a{}", level - 1); 9].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        let e = err(&text);
        assert_eq!(e.code(), "E_LIMIT", "{e}");
        // Level 4 (line 5) already holds 9⁴ × 10 nodes, and its anchor keeps a copy.
        assert_eq!(e.location(), Some(Location::new(5, 5)));
        assert_eq!(e.to_string(), format!("aliases expand the document past {MAX_NODES} nodes (an alias bomb?)"));
    }

    #[test]
    fn non_specific_and_verbatim_core_tags() {
        assert_eq!(
            parse("a: ! 12\nb: !!str 13\nc: !<tag:yaml.org,2002:str> 14\nd: ! [1]\n", "t").unwrap().to_json(),
            r#"{"a":"12","b":"13","c":"14","d":[1]}"#
        );
        assert_eq!(parse("n: !<tag:yaml.org,2002:int> 0x1f\n", "t").unwrap().to_json(), r#"{"n":31}"#);
        let e = err("a: !<!bar> baz\n");
        assert_eq!((e.code(), e.to_string().as_str()), ("E_TAG", "unsupported YAML tag '!<!bar>' (only the core schema tags !!str, !!int, !!float, !!bool, !!null, !!seq, !!map are allowed)"));
        assert_eq!(err("a: !<tag:yaml.org,2002:binary> AAAA\n").code(), "E_TAG");
    }

    #[test]
    fn big_scalar_aliases_stop_at_the_byte_budget() {
        // One 1 MiB scalar and 8,000 aliases to it. The scalar and the copy its
        // anchor keeps count 2 MiB, so the 6th alias (line 8) passes 8 MiB.
        let mut text = format!("a: &big {}\nlist:\n", "x".repeat(1 << 20));
        for _ in 0..8000 {
            text.push_str("  - *big\n");
        }
        let e = err(&text);
        assert_eq!(e.code(), "E_LIMIT");
        assert_eq!(e.location(), Some(Location::new(8, 5)));
        assert_eq!(e.to_string(), "aliases expand the document past 8 MiB of text (an alias bomb?)");
    }

    #[test]
    fn long_flow_sequence_stops_at_the_node_budget() {
        let text = format!("list: [{}]\n", vec!["a"; 999_000].join(","));
        let e = err(&text);
        assert_eq!(e.code(), "E_LIMIT");
        assert_eq!(e.to_string(), format!("the document has more than {MAX_NODES} nodes"));
        // The key `list` is node 1 (collections count when they close), so item
        // 100,000 (at column 8 + 2 × 99,999) is the one over.
        assert_eq!(e.location(), Some(Location::new(1, 8 + 2 * (MAX_NODES - 1))));
    }

    #[test]
    fn deep_nesting_stops_at_limit() {
        let block = "- ".repeat(100_000) + "x\n";
        let e = err(&block);
        assert_eq!(e.code(), "E_LIMIT");
        assert_eq!(e.location(), Some(Location::new(1, 2 * MAX_DEPTH + 1)));
        let flow = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(err(&flow).code(), "E_LIMIT");
        let mapping: String = (0..1000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        let e = err(&mapping);
        assert_eq!(e.code(), "E_LIMIT");
        assert_eq!(e.location(), Some(Location::new(MAX_DEPTH + 1, MAX_DEPTH + 1)));
    }

    #[test]
    fn complex_keys_rejected() {
        let e = err("? [a, b]\n: 1\n");
        assert_eq!(e.code(), "E_YAML");
        assert_eq!(e.location(), Some(Location::new(1, 3)));
    }
}
