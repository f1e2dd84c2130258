//! Skills BMAD renamed or folded into others, by the name users wrote into
//! their override files (`_bmad/custom/<skill>.toml`): an override of a name
//! that is no longer installed customizes nothing, and says which skill
//! took its place. From BMAD-METHOD's release notes and its v6 shims
//! (`metadata: { lifecycle: shim }`, "Deprecated — forwards to …").

/// `(old name, current skill)`.
const RENAMED: &[(&str, &str)] = &[
    ("bmad-checkpoint-preview", "bmad-walkthrough"),
    ("bmad-create-architecture", "bmad-architecture"),
    ("bmad-create-prd", "bmad-prd"),
    ("bmad-edit-prd", "bmad-prd"),
    ("bmad-validate-prd", "bmad-prd"),
    ("bmad-create-story", "bmad-build"),
    ("bmad-dev-story", "bmad-build"),
    ("bmad-quick-dev", "bmad-build"),
    ("bmad-dev-auto", "bmad-build-auto"),
    ("bmad-document-project", "bmad-project-context"),
    ("bmad-domain-research", "bmad-deep-recon"),
    ("bmad-market-research", "bmad-deep-recon"),
    ("bmad-technical-research", "bmad-deep-recon"),
    ("bmad-sprint-status", "bmad-sprint-planning"),
    ("bmad-editorial-review", "bmad-review"),
    ("bmad-editorial-review-prose", "bmad-review"),
    ("bmad-editorial-review-structure", "bmad-review"),
    ("bmad-review-adversarial-general", "bmad-review"),
    ("bmad-review-edge-case-hunter", "bmad-review"),
    ("bmad-review-verification-gap", "bmad-review"),
];

/// `(old placeholder, current one)`: BMAD 6.12's review layers read the diff from `{diff_file}`.
const RENAMED_PLACEHOLDERS: &[(&str, &str)] = &[("diff_output", "diff_file")];

/// The placeholder that replaced `name`, if BMAD renamed it.
pub fn current_placeholder(name: &str) -> Option<&'static str> {
    RENAMED_PLACEHOLDERS.iter().find(|(old, _)| *old == name).map(|(_, now)| *now)
}

/// The skill that took the place of `name`, if BMAD renamed or folded it.
pub fn current(name: &str) -> Option<&'static str> {
    RENAMED.iter().find(|(old, _)| *old == name).map(|(_, now)| *now)
}
