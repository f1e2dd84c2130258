//! What a binding asks of the core instead of knowing it, as one JSON text:
//! every code and what it means, the skill rules, the kinds of definition
//! file and the folder rules, the dialects, the writable and schema kinds,
//! the limits. The Node addon and the WebAssembly build hand out the same.

use crate::codes::CODES;
use crate::project::discover;
use crate::schema::Dialect;
use crate::{edit, json_schema, kind, skill, source};

/// The catalog as JSON text (`lib/catalog.js` reads it).
pub fn json() -> String {
    serde_json::json!({
        "codes": CODES,
        "rules": skill::rules::RULES,
        "files": kind::catalog(),
        "schemas": json_schema::KINDS,
        "dialects": Dialect::NAMES,
        "writableKinds": edit::writable_kinds(),
        "limits": {
            "maxFileBytes": source::MAX_FILE_BYTES,
            "maxFolderDepth": discover::MAX_FOLDER_DEPTH,
        },
    })
    .to_string()
}
