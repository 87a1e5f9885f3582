use std::borrow::Borrow;
use std::io::Write;

use crate::finding::{Finding, Severity};
use crate::printable::line;

/// GitHub Actions workflow commands, one per finding, which GitHub shows as
/// annotations on the pull request's diff:
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
pub fn write_github<F: Borrow<Finding>>(
    findings: impl Iterator<Item = F>,
    out: &mut (impl Write + ?Sized),
) -> std::io::Result<()> {
    for f in findings {
        let f = f.borrow();
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        // The help goes on the annotation's second line; what either
        // quotes from the files stays on its own.
        let mut message = line(&f.message).into_owned();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(&line(help));
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&f.file),
            f.start.line,
            f.start.column,
            f.end.line,
            f.end.column,
            property(&format!("etiquette {}[{}]", f.severity, f.rule)),
            data(&message),
        )?;
    }
    Ok(())
}

/// Escapes a command's message, as `@actions/core` does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value, as `@actions/core` does.
fn property(text: &str) -> String {
    data(&line(text)).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_actions_core_does() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a: b, c"), "a%3A b%2C c");
    }
}
