//! What a report shows of a file that loaded.

use crate::schema::agent::Agent;
use crate::schema::workflow::{Format, Workflow};
use crate::skill::Skill;
use serde::Serialize;

/// What the CLI shows of a valid agent.
#[derive(Debug, Serialize)]
pub struct AgentSummary {
    /// `metadata.id`.
    pub id: String,
    /// `metadata.name`.
    pub name: String,
    /// `metadata.title`.
    pub title: String,
    /// `metadata.icon`.
    pub icon: String,
    /// `metadata.module`.
    pub module: String,
    /// How many menu items.
    #[serde(rename = "menuItems")]
    pub menu_items: usize,
}

/// What the CLI shows of a valid skill.
#[derive(Debug, Serialize)]
pub struct SkillSummary {
    /// The frontmatter's `name`.
    pub name: String,
    /// `agent`, `workflow` or `skill`.
    pub kind: &'static str,
    /// An agent's menu items; 0 for the others.
    #[serde(rename = "menuItems")]
    pub menu_items: usize,
}

/// What the CLI shows of a valid workflow.
#[derive(Debug, Serialize)]
pub struct WorkflowSummary {
    /// `name`.
    pub name: String,
    /// Its format.
    pub format: Format,
    /// Steps of a MADACE workflow; BMAD configs have none.
    pub steps: usize,
}

/// What the CLI shows of a BMAD sprint board.
#[derive(Debug, Serialize)]
pub struct SprintSummary {
    /// Epics on the board.
    pub epics: usize,
    /// Stories on the board.
    pub stories: usize,
}

impl SprintSummary {
    pub(super) fn of(board: &crate::sprint::SprintStatus) -> Self {
        SprintSummary { epics: board.epics.len(), stories: board.epics.iter().map(|e| e.stories.len()).sum() }
    }
}

impl AgentSummary {
    pub(super) fn of(agent: &Agent) -> Self {
        let meta = |key| agent.metadata(key).unwrap_or_default().to_string();
        AgentSummary {
            id: meta("id"),
            name: meta("name"),
            title: meta("title"),
            icon: meta("icon"),
            module: meta("module"),
            menu_items: agent.menu_len(),
        }
    }
}

impl WorkflowSummary {
    pub(super) fn of(wf: &Workflow) -> Self {
        let steps = wf.doc.get("steps").and_then(|s| s.items()).map_or(0, <[_]>::len);
        WorkflowSummary { name: wf.name().unwrap_or_default().to_string(), format: wf.format, steps }
    }
}

impl SkillSummary {
    pub(super) fn of(skill: &Skill) -> Self {
        SkillSummary { name: skill.name().to_string(), kind: skill.kind(), menu_items: skill.menu_len() }
    }
}
