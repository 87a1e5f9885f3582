//! The layers of docs/architecture.md hold: a module of the library imports
//! only the modules above it in the list there, and every module is listed.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The modules in the order of the ```` ```layers ```` block.
fn layers() -> Vec<String> {
    let doc = fs::read_to_string("docs/architecture.md").unwrap();
    let block = doc
        .split("```layers\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/architecture.md lists the layers in a ```layers block");
    block.lines().map(str::trim).map(str::to_owned).collect()
}

/// The library's top-level modules, as lib.rs declares them.
fn modules() -> BTreeSet<String> {
    fs::read_to_string("src/lib.rs")
        .unwrap()
        .lines()
        .filter_map(|line| {
            let line = line
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub ");
            let name = line.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.to_owned())
        })
        .collect()
}

/// The crate's top-level modules that `text` names, outside its tests.
fn imports(text: &str, top_level_file: bool) -> BTreeSet<String> {
    let code = text
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or_default();
    let mut found = BTreeSet::new();
    let mut prefixes = vec!["crate::"];
    if top_level_file {
        prefixes.push("super::");
    }
    for prefix in prefixes {
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or_default();
                for item in group.split(',') {
                    found.insert(first_segment(item.trim()));
                }
            } else {
                found.insert(first_segment(rest));
            }
        }
    }
    found
}

fn first_segment(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_is_in_a_layer() {
    let layers: BTreeSet<String> = layers().into_iter().collect();
    assert_eq!(modules(), layers, "lib.rs's modules and the layers differ");
}

#[test]
fn modules_import_only_the_layers_above_them() {
    let layers = layers();
    let rank = |name: &str| layers.iter().position(|l| l == name);
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut upward = Vec::new();
    for path in files {
        let relative = path.strip_prefix("src").unwrap();
        let mut parts = relative.iter().map(|p| p.to_string_lossy().into_owned());
        let first = parts.next().unwrap();
        let top_level_file = relative.components().count() == 1;
        let module = first.trim_end_matches(".rs").to_owned();
        let Some(own) = rank(&module) else {
            // lib.rs, main.rs and the binary's cli/ may import anything.
            continue;
        };
        let text = fs::read_to_string(&path).unwrap();
        for imported in imports(&text, top_level_file) {
            if rank(&imported).is_some_and(|theirs| theirs > own) {
                upward.push(format!("{} imports {imported}", path.display()));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that go up:\n{}",
        upward.join("\n")
    );
}
