//! Conformance harness: runs every vector of test/vectors through the README snippet
//! (src/snippet.rs), with the draft-07 bundles and with the draft 2020-12 bundles, and prints
//! one line per (profile, dialect). Exit status: 0 when every vector agrees, 1 on a
//! disagreement, 2 on a setup error (missing bundle, unreadable vector, model that won't compile).
//!
//! Usage: `run.sh [REPOSITORY_ROOT]`; the default root is the repository holding this crate.

mod snippet;

use std::{
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

use jsonschema::{Draft, Registry};
use serde_json::Value;

const IMPLEMENTATION: &str = "jsonschema-rs";
/// Vectors name draft-07 model ids; a 2020-12 model id inserts "2020-12/" after this prefix.
const PREFIX: &str = "https://batch-job-schema.invalid/schemas/";
const PROFILES: [&str; 2] = ["default", "strict"];
const DIALECTS: [Draft; 2] = [Draft::Draft7, Draft::Draft202012];

/// The exact version of the validator, read from the committed lock file.
fn version() -> &'static str {
    include_str!("../Cargo.lock")
        .split("[[package]]")
        .find(|package| package.contains("\nname = \"jsonschema\"\n"))
        .and_then(|package| package.lines().find_map(|line| line.strip_prefix("version = \"")))
        .and_then(|version| version.strip_suffix('"'))
        .expect("Cargo.lock lists jsonschema")
}

fn label(profile: &str, draft: Draft) -> String {
    match draft {
        Draft::Draft202012 => format!("{profile}/2020-12"),
        _ => profile.to_owned(),
    }
}

/// The model id a vector's `$ref` names in `draft`.
fn model_id(reference: &str, draft: Draft) -> Result<String, String> {
    let rest = reference
        .strip_prefix(PREFIX)
        .ok_or_else(|| format!("$ref {reference:?} does not start with {PREFIX}"))?;
    Ok(match draft {
        Draft::Draft202012 => format!("{PREFIX}2020-12/{rest}"),
        _ => reference.to_owned(),
    })
}

/// Every vector file of a profile, sorted by name, with its groups.
fn vector_files(root: &Path, profile: &str) -> Result<Vec<(String, Vec<Value>)>, String> {
    let dir = root.join("test").join("vectors").join(profile);
    let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no vector files", dir.display()));
    }
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            match serde_json::from_str(&text) {
                Ok(Value::Array(groups)) => {
                    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                    Ok((name, groups))
                }
                Ok(_) => Err(format!("{}: not an array of groups", path.display())),
                Err(e) => Err(format!("{}: {e}", path.display())),
            }
        })
        .collect()
}

/// Names the bundle files of a dialect that are missing, for a clearer setup error.
fn missing_bundles(bundles: &Path, draft: Draft) -> Result<(), Box<dyn std::error::Error>> {
    let dialect = if draft == Draft::Draft202012 { ".2020-12" } else { "" };
    let missing: Vec<String> = PROFILES
        .iter()
        .map(|profile| format!("{profile}{dialect}.schema.json"))
        .filter(|file| !bundles.join(file).is_file())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("missing {} (run `npm run generate` first)", missing.join(", ")).into())
    }
}

#[derive(Default)]
struct Tally {
    agree: usize,
    total: usize,
    setup_error: bool,
}

/// Runs every vector of one profile through the validators of one dialect.
fn run(root: &Path, registry: &Registry, draft: Draft, profile: &str) -> Tally {
    let label = label(profile, draft);
    let mut tally = Tally::default();
    let files = vector_files(root, profile).unwrap_or_else(|message| {
        eprintln!("ERROR {label}: {message}");
        tally.setup_error = true;
        Vec::new()
    });
    for (name, groups) in &files {
        for group in groups {
            let description = group["description"].as_str().unwrap_or_default();
            let tests = group["tests"].as_array().map(Vec::as_slice).unwrap_or_default();
            let reference = group["schema"]["$ref"].as_str().unwrap_or_default();
            let validator = model_id(reference, draft)
                .and_then(|id| snippet::compile(registry, draft, &id).map_err(|e| format!("{id}: {e}")));
            let validator = match validator {
                Ok(validator) => validator,
                Err(message) => {
                    eprintln!("ERROR {label} {name}: {description}: cannot compile {message}");
                    tally.setup_error = true;
                    tally.total += tests.len();
                    continue;
                }
            };
            for test in tests {
                tally.total += 1;
                let verdict = validator.is_valid(&test["data"]);
                if Some(verdict) == test["valid"].as_bool() {
                    tally.agree += 1;
                } else {
                    let test_description = test["description"].as_str().unwrap_or_default();
                    let says = if verdict { "valid" } else { "invalid" };
                    println!("DISAGREE {label} {name}: {description}: {test_description}: {IMPLEMENTATION} says {says}");
                }
            }
        }
    }
    tally
}

fn main() -> ExitCode {
    let root = match std::env::args_os().nth(1) {
        Some(root) => PathBuf::from(root),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.."),
    };
    let bundles = root.join("schemas").join("bundles");
    let (mut disagree, mut setup_error) = (false, false);
    for draft in DIALECTS {
        let registry = missing_bundles(&bundles, draft).and_then(|()| snippet::load_bundles(&bundles, draft));
        for profile in PROFILES {
            let tally = match &registry {
                Ok(registry) => run(&root, registry, draft, profile),
                Err(error) => {
                    eprintln!(
                        "ERROR {}: cannot load the bundles of {}: {error}",
                        label(profile, draft),
                        bundles.display()
                    );
                    Tally { setup_error: true, ..Tally::default() }
                }
            };
            println!(
                "{IMPLEMENTATION} {} {}: {}/{} agree",
                version(),
                label(profile, draft),
                tally.agree,
                tally.total
            );
            disagree |= tally.agree != tally.total;
            setup_error |= tally.setup_error;
        }
    }
    match (setup_error, disagree) {
        (true, _) => ExitCode::from(2),
        (false, true) => ExitCode::from(1),
        (false, false) => ExitCode::SUCCESS,
    }
}
