//! What the benchmarks share: the workload, and reading and parsing it
//! alone.

use std::path::{Path, PathBuf};

/// The allocator the `etiquette` binary ships with, for `parse_only` and the
/// check alike.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The Firefox tree: `../shared/corpora/firefox-l10n`, or the folder in
/// `ETIQUETTE_CORPUS`.
pub fn corpus() -> PathBuf {
    std::env::var_os("ETIQUETTE_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/firefox-l10n"),
        PathBuf::from,
    )
}

/// Every `.ftl` file below `root`, sorted.
pub fn ftl_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "ftl"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Reads and parses every file with fluent-syntax on one
/// thread, doing nothing else. Returns the number of entries.
pub fn parse_only(files: &[PathBuf]) -> usize {
    let mut entries = 0;
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(resource) => resource,
            Err((resource, _)) => resource,
        };
        entries += resource.body.len();
    }
    entries
}
