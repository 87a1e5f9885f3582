use std::borrow::Borrow;
use std::io::Write;

use crate::check::Summary;
use crate::finding::Finding;

/// The JSON document of `--format json`: `version`, `findings`, `summary`.
/// Fields may be added; none is removed or renamed without a new `version`.
///
/// Written as the findings come: 38,000 findings are neither held as 25 MB
/// of text nor, with a run's stream, as findings; `summary` is asked for
/// once they are all written.
///
/// The findings are written by hand, byte for byte as serde_json's pretty
/// printer writes them (a test holds the two together): serde_json writes a
/// finding in some forty calls through its formatter, 6.4 M instructions of
/// a one-locale run of the Firefox tree, all of them on one core after the
/// checks; this takes 3.6 M.
pub fn write_json<F: Borrow<Finding>>(
    findings: impl Iterator<Item = F>,
    summary: impl Fn() -> Summary,
    out: &mut (impl Write + ?Sized),
) -> std::io::Result<()> {
    const FLUSH_AT: usize = 64 * 1024;
    let mut buffer = Vec::with_capacity(FLUSH_AT + 4 * 1024);
    buffer.extend_from_slice(b"{\n  \"version\": 1,\n  \"findings\": [");
    let mut any = false;
    for finding in findings {
        buffer.extend_from_slice(if any { b",\n" } else { b"\n" });
        any = true;
        write_finding(&mut buffer, finding.borrow());
        if buffer.len() >= FLUSH_AT {
            out.write_all(&buffer)?;
            buffer.clear();
        }
    }
    if any {
        buffer.extend_from_slice(b"\n  ");
    }
    buffer.extend_from_slice(b"],\n  \"summary\": ");
    // Pretty on its own, one level in.
    let summary = serde_json::to_vec_pretty(&summary()).map_err(std::io::Error::from)?;
    for &byte in &summary {
        buffer.push(byte);
        if byte == b'\n' {
            buffer.extend_from_slice(b"  ");
        }
    }
    buffer.extend_from_slice(b"\n}\n");
    out.write_all(&buffer)
}

/// One finding, an element of the findings array: two levels in. Each
/// key is written with what goes before it.
fn write_finding(out: &mut Vec<u8>, f: &Finding) {
    let text = |out: &mut Vec<u8>, key: &[u8], value: Option<&str>| {
        out.extend_from_slice(key);
        optional(out, value);
    };
    let mut numbers = itoa::Buffer::new();
    let mut number = |out: &mut Vec<u8>, key: &[u8], n: usize| {
        out.extend_from_slice(key);
        out.extend_from_slice(numbers.format(n).as_bytes());
    };
    text(out, b"    {\n      \"rule\": ", Some(f.rule));
    text(out, b",\n      \"severity\": ", Some(f.severity.as_str()));
    text(out, b",\n      \"locale\": ", Some(&f.locale));
    text(out, b",\n      \"email\": ", f.email.as_deref());
    text(out, b",\n      \"file\": ", Some(&f.file));
    text(out, b",\n      \"message_id\": ", f.message_id.as_deref());
    text(out, b",\n      \"attribute\": ", f.attribute.as_deref());
    number(out, b",\n      \"line\": ", f.start.line);
    number(out, b",\n      \"column\": ", f.start.column);
    number(out, b",\n      \"end_line\": ", f.end.line);
    number(out, b",\n      \"end_column\": ", f.end.column);
    number(out, b",\n      \"byte_start\": ", f.span.start);
    number(out, b",\n      \"byte_end\": ", f.span.end);
    text(out, b",\n      \"message\": ", Some(&f.message));
    text(out, b",\n      \"help\": ", f.help.as_deref());
    text(out, b",\n      \"fingerprint\": ", Some(&f.fingerprint));
    out.extend_from_slice(b"\n    }");
}

fn optional(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => string(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

/// A JSON string as serde_json escapes it: `"` and `\`, and the control
/// characters, by name where JSON has one. Eight bytes are looked at a time:
/// most text has nothing to escape.
fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let bytes = text.as_bytes();
    // The bytes from `start` on are copied as they are, up to the next escape.
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(&chunk) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>())
            && !needs_escape(u64::from_le_bytes(chunk))
        {
            i += 8;
            continue;
        }
        for at in i..(i + 8).min(bytes.len()) {
            let byte = bytes[at];
            let named = match byte {
                b'"' | b'\\' => byte,
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x08 => b'b',
                0x0c => b'f',
                0x00..=0x1f => b'u',
                _ => continue,
            };
            out.extend_from_slice(&bytes[start..at]);
            out.extend_from_slice(&[b'\\', named]);
            if named == b'u' {
                let hex = |nibble: u8| b"0123456789abcdef"[usize::from(nibble)];
                out.extend_from_slice(&[b'0', b'0', hex(byte >> 4), hex(byte & 0xf)]);
            }
            start = at + 1;
        }
        i += 8;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Whether one of eight bytes is a control character, `"` or `\`: bit
/// tricks that find a byte below a bound, or a zero byte, in a word.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |word: u64, bound: u8| word.wrapping_sub(ONES * u64::from(bound)) & !word & HIGH;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    below(word, 0x20) | below(quote, 1) | below(backslash, 1) != 0
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::finding::Severity;
    use crate::source::LineCol;

    /// The document as serde_json writes it: what the writer must match.
    #[derive(Serialize)]
    struct Document<'a> {
        version: u32,
        findings: Vec<Fields<'a>>,
        summary: Summary,
    }

    #[derive(Serialize)]
    struct Fields<'a> {
        rule: &'a str,
        severity: Severity,
        locale: &'a str,
        email: Option<&'a str>,
        file: &'a str,
        message_id: Option<&'a str>,
        attribute: Option<&'a str>,
        line: usize,
        column: usize,
        end_line: usize,
        end_column: usize,
        byte_start: usize,
        byte_end: usize,
        message: &'a str,
        help: Option<&'a str>,
        fingerprint: &'a str,
    }

    impl<'a> Fields<'a> {
        fn of(f: &'a Finding) -> Self {
            Fields {
                rule: f.rule,
                severity: f.severity,
                locale: &f.locale,
                email: f.email.as_deref(),
                file: &f.file,
                message_id: f.message_id.as_deref(),
                attribute: f.attribute.as_deref(),
                line: f.start.line,
                column: f.start.column,
                end_line: f.end.line,
                end_column: f.end.column,
                byte_start: f.span.start,
                byte_end: f.span.end,
                message: &f.message,
                help: f.help.as_deref(),
                fingerprint: &f.fingerprint,
            }
        }
    }

    fn finding(text: &str, optional: bool, n: usize) -> Finding {
        Finding {
            rule: "register-mix",
            severity: [Severity::Info, Severity::Warning, Severity::Error][n % 3],
            locale: "nl".into(),
            email: optional.then(|| format!("orders/{text}")),
            file: format!("locales/nl/{text}.ftl"),
            message_id: optional.then(|| text.to_owned()),
            attribute: optional.then(|| "title".to_owned()),
            span: n..n * 1000 + 7,
            start: LineCol { line: n, column: 1 },
            end: LineCol {
                line: n * 10,
                column: usize::MAX,
            },
            message: text.to_owned(),
            label: None,
            help: optional.then(|| format!("“{text}”")),
            snippet: None,
            fingerprint: format!("{n:016x}"),
        }
    }

    fn ours(findings: &[Finding], summary: Summary) -> String {
        let mut out = Vec::new();
        write_json(findings.iter(), || summary, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn serde_json(findings: &[Finding], summary: Summary) -> String {
        let document = Document {
            version: 1,
            findings: findings.iter().map(Fields::of).collect(),
            summary,
        };
        serde_json::to_string_pretty(&document).unwrap() + "\n"
    }

    #[test]
    fn writes_what_serde_json_writes() {
        // Every control character, quotes, backslashes, the characters
        // after them, and text that is not ASCII.
        let controls: String = (0u8..0x20).map(char::from).collect();
        let texts = [
            String::new(),
            controls,
            "\"quoted\" \\back\\slash\\".to_owned(),
            "\u{7f} ~ / </script> é ☃ 𝄞 \u{2028}".to_owned(),
            "Beste {{ $name }},\r\n\tje/u".to_owned(),
        ];
        let summary = Summary {
            locales: 2,
            files: 3,
            messages: 4,
            errors: 5,
            warnings: 6,
            infos: 7,
            baselined: 8,
        };
        let findings: Vec<Finding> = texts
            .iter()
            .enumerate()
            .flat_map(|(n, text)| [finding(text, true, n), finding(text, false, n + 1)])
            .collect();
        assert_eq!(ours(&findings, summary), serde_json(&findings, summary));
        assert_eq!(ours(&[], summary), serde_json(&[], summary));
        assert_eq!(
            ours(&findings[..1], Summary::default()),
            serde_json(&findings[..1], Summary::default())
        );
    }

    #[test]
    fn escapes_wherever_the_byte_falls() {
        // Each byte that needs escaping, and some that do not, at every
        // place in and around the eight bytes looked at a time.
        let findings: Vec<Finding> = [
            "\0", "\u{8}", "\u{1f}", "\"", "\\", "\n", "\u{7f}", "é", "!",
        ]
        .iter()
        .flat_map(|odd| {
            (0..20).map(move |at| {
                let text = format!("{}{odd}{}", "a".repeat(at), "b".repeat(20 - at));
                finding(&text, true, at)
            })
        })
        .collect();
        assert_eq!(
            ours(&findings, Summary::default()),
            serde_json(&findings, Summary::default())
        );
    }

    #[test]
    fn writes_more_than_a_buffer_of_findings() {
        let findings: Vec<Finding> = (0..500)
            .map(|n| finding(&"x".repeat(n), n % 2 == 0, n))
            .collect();
        assert_eq!(
            ours(&findings, Summary::default()),
            serde_json(&findings, Summary::default())
        );
    }
}
