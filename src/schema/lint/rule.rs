//! The strict lint rules, each named at the end of its messages.

/// The rules, each named at the end of its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Kebab-case triggers (MADACE: a leading `*` allowed), or BMAD's compound
    /// form with the `[XY]` shortcut leading the description.
    TriggerFormat,
    /// No trigger twice in one agent, `multi` triggers included.
    UniqueTrigger,
    /// A menu with at least one item.
    MenuItems,
    /// Each command item runs something: a target holding text (several allowed).
    CommandTarget,
    /// Each `multi` trigger has `input` and `route` or `action`, and a known `type`.
    MultiTriggers,
    /// Required text fields hold text; `module` and `capabilities` too when present.
    RequiredText,
    /// BMAD: `metadata.hasSidecar` is `true` or `false`.
    HasSidecar,
    /// Principles: a non-empty string or a non-empty list of them.
    Principles,
    /// BMAD prompts have `id` and `content`; MADACE ones `name`, `trigger` and `content`.
    PromptFields,
    /// `discussion: true` comes with a non-empty `conversational_knowledge`.
    ConversationalKnowledge,
    /// Only the keys the framework's schema lists.
    UnknownKey,
    /// `critical_actions`: a list of non-empty strings.
    CriticalActions,
}

impl Rule {
    /// Every rule, in the order the README's lint table lists them.
    pub const ALL: [Rule; 12] = [
        Rule::TriggerFormat,
        Rule::UniqueTrigger,
        Rule::MenuItems,
        Rule::CommandTarget,
        Rule::MultiTriggers,
        Rule::RequiredText,
        Rule::HasSidecar,
        Rule::Principles,
        Rule::PromptFields,
        Rule::ConversationalKnowledge,
        Rule::UnknownKey,
        Rule::CriticalActions,
    ];

    /// The rule's name, as messages end with it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::TriggerFormat => "trigger-format",
            Rule::UniqueTrigger => "unique-trigger",
            Rule::MenuItems => "menu-items",
            Rule::CommandTarget => "command-target",
            Rule::MultiTriggers => "multi-triggers",
            Rule::RequiredText => "required-text",
            Rule::HasSidecar => "has-sidecar",
            Rule::Principles => "principles",
            Rule::PromptFields => "prompt-fields",
            Rule::ConversationalKnowledge => "conversational-knowledge",
            Rule::UnknownKey => "unknown-key",
            Rule::CriticalActions => "critical-actions",
        }
    }
}
