//! `check --fix` and `--diff`: the fixes the library found, written to the
//! files they change or shown as a unified diff.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use etiquette::check::fixes::Fixed;
use etiquette::printable::{line, lines};

use super::{Result, eprint, print};

/// Prints what `--fix` would change and writes nothing: exit 1 when there
/// is something to fix.
pub(super) fn print_diff(fixed: &Fixed) -> Result<ExitCode> {
    print_rejected(fixed);
    let mut out = String::new();
    for (file, change) in &fixed.files {
        let diff = similar::TextDiff::from_lines(&change.before, &change.after);
        let _ = write!(
            out,
            "{}",
            diff.unified_diff().context_radius(2).header(
                &format!("a/{}", file.trim_start_matches('/')),
                &format!("b/{}", file.trim_start_matches('/'))
            )
        );
    }
    // Template text is a stranger's: shown inert, as everything printed.
    print(&lines(&out))?;
    let files = fixed.files.len();
    if files == 0 {
        eprint("etiquette: nothing to fix");
    } else {
        eprint(&format!(
            "etiquette: {} fixable in {files} {} (`--fix` applies {})",
            count(fixed.applied.len(), "finding", "findings"),
            if files == 1 { "file" } else { "files" },
            if fixed.applied.len() == 1 {
                "it"
            } else {
                "them"
            },
        ));
    }
    Ok(if files == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Writes the fixed files, each whole (a file beside it, renamed over it).
/// A file that is a symbolic link is not written through: then nothing is.
pub(super) fn write_fixes(fixed: &Fixed) -> Result<()> {
    print_rejected(fixed);
    for file in fixed.files.keys() {
        let is_link = std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink());
        if is_link {
            return Err(format!(
                "{} is a symbolic link; nothing was fixed (fix the file it leads to by its own path)",
                line(file)
            )
            .into());
        }
    }
    for (file, change) in &fixed.files {
        etiquette::project::replace_file(Path::new(file), change.after.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", line(file)))?;
    }
    if !fixed.applied.is_empty() {
        eprint(&format!(
            "etiquette: fixed {} in {} {}",
            count(fixed.applied.len(), "finding", "findings"),
            fixed.files.len(),
            if fixed.files.len() == 1 {
                "file"
            } else {
                "files"
            }
        ));
    }
    Ok(())
}

/// The fixes left out, and why, as warnings.
fn print_rejected(fixed: &Fixed) {
    for rejected in &fixed.rejected {
        eprint(&format!(
            "etiquette: warning: {}:{}: not fixed ({}): {}: {}",
            line(&rejected.file),
            rejected.line,
            rejected.rule,
            line(&rejected.title),
            line(rejected.reason.as_deref().unwrap_or_default())
        ));
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
