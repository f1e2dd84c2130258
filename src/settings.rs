//! Project settings: the dialect and strictness that the CLI, the language
//! server and `watch` apply, read from the `"madace-core"` key of the
//! nearest `package.json` that has one, as prettier and eslint find theirs:
//!
//! ```json
//! { "madace-core": { "dialect": "madace", "strict": true } }
//! ```
//!
//! Options given on the command line or by the editor win over the file.

use crate::error::{Error, Location, Result};
use crate::schema::Dialect;
use crate::source;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The key of `package.json` that holds the settings.
pub const PACKAGE_KEY: &str = "madace-core";

/// What a project sets; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// `any` or `madace`.
    pub dialect: Option<Dialect>,
    /// Strict lint.
    pub strict: Option<bool>,
    /// The `package.json` they came from.
    pub file: Option<String>,
}

/// The settings for files under `start` (a file or a folder): from the
/// nearest `package.json` at or above it with a `"madace-core"` key; none
/// found is the defaults. A key that is not an object, or a setting of the
/// wrong type, is `E_SCHEMA` located in that `package.json`.
pub fn find(start: &Path) -> Result<Settings> {
    let start =
        if start.is_dir() { start.to_path_buf() } else { start.parent().map_or_else(PathBuf::new, Path::to_path_buf) };
    let start = start.canonicalize().unwrap_or(start);
    for dir in start.ancestors() {
        let file = dir.join("package.json");
        if !file.is_file() {
            continue;
        }
        let text = source::read_text(&file)?;
        // A package.json that is no JSON is not ours to judge: npm will say so.
        let Ok(serde_json::Value::Object(package)) = serde_json::from_str(&text) else { continue };
        if let Some(value) = package.get(PACKAGE_KEY) {
            return parse(value, &file, &text);
        }
    }
    Ok(Settings::default())
}

fn parse(value: &serde_json::Value, file: &Path, text: &str) -> Result<Settings> {
    let shown = file.display().to_string();
    let at = key_location(text);
    let wrong = |field: &str, message: &str| Error::Schema {
        file: shown.clone(),
        issues: vec![crate::Issue::new(format!("{PACKAGE_KEY}{field}"), at, message)],
    };
    let serde_json::Value::Object(map) = value else {
        return Err(wrong("", "expected an object such as { \"dialect\": \"madace\", \"strict\": true }"));
    };
    let mut settings = Settings { file: Some(shown.clone()), ..Settings::default() };
    for (key, value) in map {
        match (key.as_str(), value) {
            ("dialect", serde_json::Value::String(name)) => {
                settings.dialect = Some(name.parse().map_err(|message: String| wrong(".dialect", &message))?);
            }
            ("strict", serde_json::Value::Bool(strict)) => settings.strict = Some(*strict),
            ("dialect", _) => return Err(wrong(".dialect", "expected 'any' or 'madace'")),
            ("strict", _) => return Err(wrong(".strict", "expected true or false")),
            (other, _) => {
                return Err(wrong(&format!(".{other}"), "unknown setting (the settings are 'dialect' and 'strict')"))
            }
        }
    }
    Ok(settings)
}

/// Where the `"madace-core"` key is written, for its problems.
fn key_location(text: &str) -> Location {
    let quoted = format!("\"{PACKAGE_KEY}\"");
    text.find(&quoted).map_or(Location::START, |at| source::location_of(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(json: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("package.json"), json).unwrap();
        std::fs::create_dir_all(dir.path().join("madace/mam")).unwrap();
        dir
    }

    #[test]
    fn the_nearest_package_json_with_the_key_decides() {
        let dir =
            package("{\n  \"name\": \"app\",\n  \"madace-core\": { \"dialect\": \"madace\", \"strict\": true }\n}\n");
        std::fs::write(dir.path().join("madace/package.json"), "{ \"name\": \"inner\" }").unwrap();
        let found = find(&dir.path().join("madace/mam/pm.agent.yaml")).unwrap();
        assert_eq!((found.dialect, found.strict), (Some(Dialect::Madace), Some(true)));
        assert!(found.file.unwrap().ends_with("package.json"));
    }

    #[test]
    fn wrong_settings_are_located() {
        let dir = package("{\n  \"madace-core\": { \"dialect\": \"zod\" }\n}\n");
        let err = find(dir.path()).unwrap_err();
        assert_eq!(
            (err.code(), err.issues()[0].field.as_str(), err.issues()[0].line),
            ("E_SCHEMA", "madace-core.dialect", 2)
        );
        let dir = package("{ \"madace-core\": { \"strict\": \"yes\", \"x\": 1 } }");
        assert_eq!(find(dir.path()).unwrap_err().issues()[0].field, "madace-core.strict");
    }
}
