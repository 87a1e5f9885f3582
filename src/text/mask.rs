//! What the customer does not read as prose, masked in place: HTML tags
//! and entities, URLs, e-mail addresses, the placeholders of other
//! template languages. Every mask keeps the byte length, so offsets into
//! the prose stay true.

use std::ops::Range;

use super::{BOUNDARY, FILLER};

pub(super) fn mask_markup(bytes: &mut [u8]) {
    mask_html(bytes);
    mask_entities(bytes);
    mask_addresses(bytes);
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "td",
    "th",
    "tr",
    "table",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "hr",
    "section",
    "header",
    "footer",
    "article",
    "center",
    "title",
    "dd",
    "dt",
];
/// Elements whose content is code or machine text, not prose.
const CODE_TAGS: &[&str] = &["script", "style", "code", "kbd", "samp", "var", "pre", "tt"];
const VISIBLE_ATTRIBUTES: &[&str] = &["alt", "title", "aria-label", "placeholder"];

fn fill(bytes: &mut [u8], range: Range<usize>, with: u8) {
    for b in &mut bytes[range] {
        *b = with;
    }
}

/// Masks tags and comments. Block tags end a sentence; inline tags vanish.
fn mask_html(bytes: &mut [u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let Some(at) = memchr::memchr(b'<', &bytes[i..]) else {
            break;
        };
        i += at;
        if bytes[i..].starts_with(b"<!--") {
            let end = find(bytes, i + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            fill(bytes, i..end, FILLER);
            i = end;
            continue;
        }
        let Some(&next) = bytes.get(i + 1) else { break };
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
            i += 1;
            continue;
        }
        let Some(end) = tag_end(bytes, i + 1) else {
            i += 1;
            continue;
        };
        let name_start = i + 1 + usize::from(next == b'/');
        let name_end = (name_start..end)
            .find(|&j| !(bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-'))
            .unwrap_or(end);
        let name = String::from_utf8_lossy(&bytes[name_start..name_end]).to_ascii_lowercase();
        let block = BLOCK_TAGS.contains(&name.as_str());
        let visible = visible_values(bytes, name_end, end);
        let mut at = i;
        for value in &visible {
            fill(bytes, at..value.start, FILLER);
            at = value.end;
        }
        fill(bytes, at..end + 1, FILLER);
        // Visible attribute text is a sentence of its own.
        for value in &visible {
            if value.start > i {
                bytes[value.start - 1] = BOUNDARY;
            }
            if value.end <= end {
                bytes[value.end] = BOUNDARY;
            }
        }
        if block {
            bytes[i] = BOUNDARY;
        }
        i = end + 1;
        // Code is not prose: `<code>MOZ_CRASHREPORTER</code>`.
        if CODE_TAGS.contains(&name.as_str()) && next != b'/' {
            let close = format!("</{name}");
            let stop = find(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
            fill(bytes, i..stop, FILLER);
            i = stop;
        }
    }
}

/// The `>` that closes a tag opened before `from`, quotes respected.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (j, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(j),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

/// The ranges of visible attribute values inside a tag.
fn visible_values(bytes: &[u8], from: usize, end: usize) -> Vec<Range<usize>> {
    let mut values = Vec::new();
    let mut j = from;
    while j < end {
        while j < end && !(bytes[j].is_ascii_alphabetic()) {
            j += 1;
        }
        let name_start = j;
        while j < end
            && (bytes[j].is_ascii_alphanumeric()
                || bytes[j] == b'-'
                || bytes[j] == b'_'
                || bytes[j] == b':')
        {
            j += 1;
        }
        let name = String::from_utf8_lossy(&bytes[name_start..j]).to_ascii_lowercase();
        while j < end && bytes[j] == b' ' {
            j += 1;
        }
        if j >= end || bytes[j] != b'=' {
            continue;
        }
        j += 1;
        while j < end && bytes[j] == b' ' {
            j += 1;
        }
        let (value_start, value_end) = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = (j + 1..end).find(|&k| bytes[k] == q).unwrap_or(end);
                (j + 1, close)
            }
            _ => {
                let close = (j..end).find(|&k| bytes[k] == b' ').unwrap_or(end);
                (j, close)
            }
        };
        if VISIBLE_ATTRIBUTES.contains(&name.as_str()) && value_start < value_end {
            values.push(value_start..value_end);
        }
        j = value_end + 1;
    }
    values
}

/// Whether `bytes` contain `needle`: for the short prose of one message,
/// cheaper than building a substring searcher each time.
pub(super) fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    needle.first().is_some_and(|&first| {
        memchr::memchr_iter(first, bytes).any(|i| bytes[i..].starts_with(needle))
    })
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= bytes.len() {
        return None;
    }
    memchr::memmem::find(&bytes[from..], needle).map(|p| p + from)
}

/// Replaces an entity with what it stands for, padded with filler.
fn mask_entities(bytes: &mut [u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let Some(at) = memchr::memchr(b'&', &bytes[i..]) else {
            break;
        };
        i += at;
        let Some(end) = (i + 1..bytes.len().min(i + 12)).find(|&j| bytes[j] == b';') else {
            i += 1;
            continue;
        };
        let name = String::from_utf8_lossy(&bytes[i + 1..end]).into_owned();
        let decoded = match name.as_str() {
            "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
            "amp" => Some('&'),
            "rsquo" | "lsquo" | "apos" => Some('\''),
            "quot" => Some('"'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "bdquo" => Some('„'),
            "laquo" => Some('«'),
            "raquo" => Some('»'),
            "lt" | "gt" | "hellip" | "ndash" | "mdash" | "euro" | "copy" | "reg" | "trade" => {
                Some(' ')
            }
            _ => named_letter(&name).or_else(|| numeric(&name)),
        };
        if let Some(c) = decoded {
            let mut buffer = [0; 4];
            let encoded = c.encode_utf8(&mut buffer).as_bytes();
            if encoded.len() <= end + 1 - i {
                bytes[i..i + encoded.len()].copy_from_slice(encoded);
                fill(bytes, i + encoded.len()..end + 1, FILLER);
            }
        }
        i = end + 1;
    }
}

fn named_letter(name: &str) -> Option<char> {
    const TABLE: &[(&str, char)] = &[
        ("eacute", 'é'),
        ("egrave", 'è'),
        ("ecirc", 'ê'),
        ("euml", 'ë'),
        ("aacute", 'á'),
        ("agrave", 'à'),
        ("acirc", 'â'),
        ("auml", 'ä'),
        ("atilde", 'ã'),
        ("iacute", 'í'),
        ("igrave", 'ì'),
        ("icirc", 'î'),
        ("iuml", 'ï'),
        ("oacute", 'ó'),
        ("ograve", 'ò'),
        ("ocirc", 'ô'),
        ("ouml", 'ö'),
        ("otilde", 'õ'),
        ("uacute", 'ú'),
        ("ugrave", 'ù'),
        ("ucirc", 'û'),
        ("uuml", 'ü'),
        ("ccedil", 'ç'),
        ("ntilde", 'ñ'),
        ("szlig", 'ß'),
        ("Eacute", 'É'),
        ("Agrave", 'À'),
        ("Ccedil", 'Ç'),
        ("Uuml", 'Ü'),
        ("Ouml", 'Ö'),
        ("Auml", 'Ä'),
    ];
    TABLE.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

fn numeric(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    match code {
        0x2019 | 0x2018 | 39 => Some('\''),
        0xa0 | 0x2002..=0x200b => Some(' '),
        _ => char::from_u32(code).filter(|c| !c.is_control()),
    }
}

/// Masks URLs and e-mail addresses.
fn mask_addresses(bytes: &mut [u8]) {
    // Most prose has neither: skip the byte-by-byte walk.
    let finder = |needle: &[u8]| contains(bytes, needle);
    if memchr::memchr(b'@', bytes).is_none()
        && !finder(b"http")
        && !finder(b"www.")
        && !finder(b"mailto:")
    {
        return;
    }
    let stop = |b: u8| b.is_ascii_whitespace() || matches!(b, b'"' | b'<' | b'>' | b')' | BOUNDARY);
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let starts_url = rest.starts_with(b"http://")
            || rest.starts_with(b"https://")
            || rest.starts_with(b"www.")
            || rest.starts_with(b"mailto:");
        let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if starts_url && word_start {
            let end = (i..bytes.len())
                .find(|&j| stop(bytes[j]))
                .unwrap_or(bytes.len());
            fill(bytes, i..end, b' ');
            i = end;
            continue;
        }
        if bytes[i] == b'@'
            && i > 0
            && i + 1 < bytes.len()
            && bytes[i - 1].is_ascii_alphanumeric()
            && bytes[i + 1].is_ascii_alphanumeric()
        {
            let start = (0..i).rev().find(|&j| stop(bytes[j])).map_or(0, |j| j + 1);
            let end = (i..bytes.len())
                .find(|&j| stop(bytes[j]))
                .unwrap_or(bytes.len());
            fill(bytes, start..end, b' ');
            i = end;
            continue;
        }
        i += 1;
    }
}

/// Masks `{{name}}`, `${name}`, `%s` and `%(name)s`: not prose either.
pub(super) fn mask_foreign_placeholders(bytes: &mut [u8]) {
    // A placeholder is a name, not a paragraph: an unclosed `{{` does not
    // send every later one to the end of the text.
    const MAX_PLACEHOLDER: usize = 100;
    let mut i = 0;
    while i + 1 < bytes.len() {
        // Every placeholder starts with one of these.
        let Some(at) = memchr::memchr3(b'{', b'$', b'%', &bytes[i..]) else {
            break;
        };
        i += at;
        if i + 1 >= bytes.len() {
            break;
        }
        let window = &bytes[..(i + 2 + MAX_PLACEHOLDER).min(bytes.len())];
        let end = match (bytes[i], bytes[i + 1]) {
            (b'{', b'{') => find(window, i + 2, b"}}").map(|e| e + 2),
            (b'$', b'{') => find(window, i + 2, b"}").map(|e| e + 1),
            (b'%', b'(') => find(window, i + 2, b")").map(|e| (e + 2).min(bytes.len())),
            (b'%', c)
                if c.is_ascii_alphabetic()
                    && bytes.get(i + 2).is_none_or(|n| !n.is_ascii_alphabetic()) =>
            {
                Some(i + 2)
            }
            _ => None,
        };
        match end {
            Some(end) => {
                fill(bytes, i..end, b' ');
                i = end;
            }
            None => i += 1,
        }
    }
}
