use std::borrow::Borrow;
use std::cell::RefCell;

use serde::Serialize;
use serde::ser::SerializeSeq;
use serde_json::{Value, json};

use crate::finding::{Finding, Severity};
use crate::fix::{Applicability, ResolvedFix};
use crate::rules::{RuleMeta, Selection};

/// SARIF 2.1.0 for code-scanning dashboards: one run, one `rules[]` entry per
/// rule of the run with its documentation, one result per finding with its
/// region (columns in Unicode code points, as etiquette counts them) and the
/// fingerprint that baselines use.
///
/// Written as it is made: results are serialized one by one, never held as
/// a tree of JSON values.
pub fn write_sarif<F: Borrow<Finding>>(
    findings: impl Iterator<Item = F>,
    rules: &[&'static RuleMeta],
    selection: &Selection,
    out: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|rule| {
            let documentation = rule.documentation();
            json!({
                "id": rule.id,
                "name": pascal_case(rule.id),
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.description() },
                "help": { "text": documentation, "markdown": documentation },
                "defaultConfiguration": {
                    "level": level(selection.severity(rule, None)),
                    "enabled": selection.is_enabled(rule.id),
                },
            })
        })
        .collect();
    let results = Results {
        findings: RefCell::new(Some(findings)),
        rules,
    };
    let document = json_document(descriptors, results);
    crate::printable::write_json(out, &document)
}

fn json_document<'a, I: Serialize + 'a>(
    descriptors: Vec<Value>,
    results: I,
) -> impl Serialize + 'a {
    #[derive(Serialize)]
    struct Document<I> {
        #[serde(rename = "$schema")]
        schema: &'static str,
        version: &'static str,
        runs: [Run<I>; 1],
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Run<I> {
        tool: Value,
        column_kind: &'static str,
        results: I,
    }
    Document {
        schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: json!({
                "driver": {
                    "name": "etiquette",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors,
                },
            }),
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

/// The results, pulled from the iterator and written one at a time.
struct Results<'a, I> {
    findings: RefCell<Option<I>>,
    rules: &'a [&'static RuleMeta],
}

impl<F: Borrow<Finding>, I: Iterator<Item = F>> Serialize for Results<'_, I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for finding in self.findings.borrow_mut().take().into_iter().flatten() {
            let finding = finding.borrow();
            let rule_index = self.rules.iter().position(|r| r.id == finding.rule);
            seq.serialize_element(&result(finding, rule_index))?;
        }
        seq.end()
    }
}

fn result(finding: &Finding, rule_index: Option<usize>) -> Value {
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut region = json!({
        "startLine": finding.start.line,
        "startColumn": finding.start.column,
        "endLine": finding.end.line,
        "endColumn": finding.end.column,
    });
    if finding.snippet.is_some() {
        region["byteOffset"] = json!(finding.span.start);
        region["byteLength"] = json!(finding.span.len());
    }
    let mut result = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&finding.file) },
                "region": region,
            },
        }],
        "partialFingerprints": { "etiquette/v1": finding.fingerprint },
        "properties": {
            "locale": finding.locale,
            "email": finding.email,
            "messageId": finding.message_id,
            "attribute": finding.attribute,
        },
    });
    if let Some(i) = rule_index {
        result["ruleIndex"] = json!(i);
    }
    let fixes: Vec<Value> = finding
        .fixes
        .iter()
        .filter(|fix| fix.applicability != Applicability::DisplayOnly)
        .map(fix)
        .collect();
    if !fixes.is_empty() {
        result["fixes"] = json!(fixes);
    }
    result
}

/// A fix as SARIF's `fix` object: its edits grouped by file, each a
/// deleted region and the text inserted in its place. A fix that is only
/// shown is not one a tool may apply, and is left out.
fn fix(fix: &ResolvedFix) -> Value {
    let mut changes: Vec<(&str, Vec<Value>)> = Vec::new();
    for edit in &fix.edits {
        let replacement = json!({
            "deletedRegion": {
                "startLine": edit.start.line,
                "startColumn": edit.start.column,
                "endLine": edit.end.line,
                "endColumn": edit.end.column,
                "byteOffset": edit.span.start,
                "byteLength": edit.span.len(),
            },
            "insertedContent": { "text": edit.replacement },
        });
        match changes.iter_mut().find(|(file, _)| *file == edit.file) {
            Some((_, replacements)) => replacements.push(replacement),
            None => changes.push((&edit.file, vec![replacement])),
        }
    }
    json!({
        "description": { "text": fix.title },
        "artifactChanges": changes
            .into_iter()
            .map(|(file, replacements)| json!({
                "artifactLocation": { "uri": uri(file) },
                "replacements": replacements,
            }))
            .collect::<Vec<_>>(),
        "properties": { "applicability": fix.applicability.as_str() },
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `register-mix` → `RegisterMix`, SARIF's convention for `name`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .flat_map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// A file path as a URI reference: relative stays relative (code scanning
/// resolves it against the checkout), absolute becomes `file://`, and
/// anything outside RFC 3986's unreserved set and `/` is percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    let path = path.replace('\\', "/");
    if path.starts_with('/') {
        out.push_str("file://");
    } else if path.as_bytes().get(1) == Some(&b':') {
        // A Windows drive: `C:/x` → `file:///C:/x`.
        out.push_str("file:///");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char);
            }
            b':' if out.starts_with("file:///") && out.len() == 9 => out.push(':'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(pascal_case("register-mix"), "RegisterMix");
        assert_eq!(
            uri("locales/nl/orders/refund.ftl"),
            "locales/nl/orders/refund.ftl"
        );
        assert_eq!(uri("my locales/é.ftl"), "my%20locales/%C3%A9.ftl");
        assert_eq!(uri("/srv/l10n/nl/a.ftl"), "file:///srv/l10n/nl/a.ftl");
        assert_eq!(uri("C:\\l10n\\a.ftl"), "file:///C:/l10n/a.ftl");
    }
}
