//! The rule pack built into the binary, so lawscore works from any folder.

/// The pack's YAML files (name, content), as in the repository's `rules/` folder.
pub const FILES: &[(&str, &str)] = &[
    ("pack.yaml", include_str!("../../rules/pack.yaml")),
    ("form.yaml", include_str!("../../rules/form.yaml")),
    ("lead.yaml", include_str!("../../rules/lead.yaml")),
    ("norm.yaml", include_str!("../../rules/norm.yaml")),
    ("decision.yaml", include_str!("../../rules/decision.yaml")),
    ("enforce.yaml", include_str!("../../rules/enforce.yaml")),
    ("oversight.yaml", include_str!("../../rules/oversight.yaml")),
    ("dispute.yaml", include_str!("../../rules/dispute.yaml")),
    ("system.yaml", include_str!("../../rules/system.yaml")),
    ("problems.yaml", include_str!("../../rules/problems.yaml")),
    ("plans.yaml", include_str!("../../rules/plans.yaml")),
];

/// The same files' values as JSON, made by `build.rs` (a file JSON cannot hold exactly is
/// left out and read from its YAML): serde_json reads them about ten times faster than
/// serde_yaml reads the YAML. Positions and errors still come from the YAML.
pub const JSON: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_json.rs"));

/// The digest of [`FILES`] as a pack's `digest` is made, computed by `build.rs`.
pub const DIGEST: &str = include!(concat!(env!("OUT_DIR"), "/builtin_digest.rs"));

/// The rule-language guide, exported next to the pack.
pub const README: &str = include_str!("../../rules/README.md");
