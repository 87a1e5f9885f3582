//! The guard that keeps a file nested too deep away from fluent-syntax's
//! recursive parser.

/// Placeables nested deeper than this are refused before parsing: the parser
/// recurses once per level, and real files never go past four or five.
pub const MAX_NESTING: usize = 64;

/// The first offset where nesting may exceed [`MAX_NESTING`]: fluent-syntax
/// recurses once per placeable in a placeable and per call in call
/// arguments, and a deep enough file overflows the stack.
///
/// The count is an upper bound of the parser's depth, however the parser
/// reads the text: every `{` and, inside braces, every `(` counts (a `(`
/// until its brace closes), unless it is certainly inside a string literal;
/// a `}` closes a brace unless it may be inside a string literal that
/// opened after the last brace counted. What the parser may be reading is
/// tracked per line as [`Readings`]. Where the bound and the parser
/// disagree, the parser is shallower: a `}` it reads as text is an error
/// that ends the entry, and it recurses nowhere in a comment, the only
/// lines skipped (a `#` at the start of a line outside braces).
pub(crate) fn too_deep(body: &str) -> Option<usize> {
    deeper_than(body, MAX_NESTING)
}

/// [`too_deep`] with the limit `max`.
fn deeper_than(body: &str, max: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut braces = 0usize;
    // The brace count at each open `(`: it closes with that brace.
    let mut parens: Vec<usize> = Vec::new();
    let mut readings = Readings::TEXT;
    let mut i = 0;
    while i < bytes.len() {
        if braces == 0 {
            // Outside braces only `{` counts: most of a file is text.
            let at = i + memchr::memchr(b'{', &bytes[i..])?;
            let line_start = memchr::memrchr(b'\n', &bytes[i..at]).map_or(i, |n| i + n + 1);
            let at_line_start = line_start > i || i == 0 || bytes[i - 1] == b'\n';
            if at_line_start && bytes[line_start] == b'#' {
                i = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1);
                continue;
            }
            readings = Readings::TEXT;
            i = at;
        }
        match bytes[i] {
            b'{' if readings.outside_literal() => braces += 1,
            b'(' if readings.outside_literal() => parens.push(braces),
            b'}' if !readings.may_close_in_literal(braces) => {
                braces -= 1;
                while parens.last().is_some_and(|&level| level > braces) {
                    parens.pop();
                }
            }
            _ => {}
        }
        readings = readings.after(bytes[i], braces);
        if braces + parens.len() > max {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// What the parser may be reading at a byte inside braces, for
/// [`too_deep`]: a superset of the parser's own state. A string literal
/// does not span lines, so each line starts as text or expression.
#[derive(Clone, Copy, Debug)]
struct Readings {
    text: bool,
    expression: bool,
    /// In a string literal that opened at this brace count (the highest,
    /// when it may have opened at two).
    literal: Option<usize>,
    /// After a `\` in that literal.
    escaped: bool,
}

impl Readings {
    const TEXT: Readings = Readings {
        text: true,
        expression: false,
        literal: None,
        escaped: false,
    };

    fn outside_literal(self) -> bool {
        self.text || self.expression
    }

    /// Whether a `}` may be literal text that no counted `{` in the same
    /// literal pairs with.
    fn may_close_in_literal(self, braces: usize) -> bool {
        self.literal.is_some_and(|level| braces <= level)
    }

    /// The readings after `byte`, with `braces` counted.
    fn after(self, byte: u8, braces: usize) -> Readings {
        let in_literal = self.literal.is_some() && !self.escaped;
        match byte {
            b'\n' if braces == 0 => Readings::TEXT,
            b'\n' => Readings {
                text: true,
                expression: true,
                literal: None,
                escaped: false,
            },
            b'"' => Readings {
                text: self.text,
                expression: in_literal,
                literal: if self.expression {
                    Some(braces)
                } else if self.escaped {
                    self.literal
                } else {
                    None
                },
                escaped: false,
            },
            b'\\' => Readings {
                escaped: in_literal,
                ..self
            },
            b'{' => Readings {
                text: false,
                expression: self.outside_literal(),
                escaped: false,
                ..self
            },
            b'}' => Readings {
                text: self.outside_literal(),
                expression: self.outside_literal(),
                escaped: false,
                ..self
            },
            _ => Readings {
                escaped: false,
                ..self
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::{
        CallArguments, Entry, Expression, InlineExpression, Pattern, PatternElement, Resource,
    };

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let text = format!("a = {}\n", "{ ".repeat(100_000));
        let source = crate::syntax::SourceFile::new("t.ftl", text);
        let found = crate::syntax::parse(&source).problems;
        assert!(found[0].message.contains("nested more than"));
    }

    /// The smallest limit [`deeper_than`] lets `text` through with.
    fn bound(text: &str) -> usize {
        (0..).find(|&max| deeper_than(text, max).is_none()).unwrap()
    }

    /// How deep the parsed entries nest: placeables and call arguments.
    fn ast_depth(resource: &Resource<&str>) -> usize {
        fn pattern(p: &Pattern<&str>) -> usize {
            p.elements
                .iter()
                .map(|e| match e {
                    PatternElement::Placeable { expression } => 1 + expr(expression),
                    PatternElement::TextElement { .. } => 0,
                })
                .max()
                .unwrap_or(0)
        }
        fn expr(e: &Expression<&str>) -> usize {
            match e {
                Expression::Inline(i) => inline(i),
                Expression::Select { selector, variants } => variants
                    .iter()
                    .map(|v| pattern(&v.value))
                    .chain([inline(selector)])
                    .max()
                    .unwrap_or(0),
            }
        }
        fn call(a: &CallArguments<&str>) -> usize {
            1 + a
                .positional
                .iter()
                .chain(a.named.iter().map(|n| &n.value))
                .map(inline)
                .max()
                .unwrap_or(0)
        }
        fn inline(i: &InlineExpression<&str>) -> usize {
            match i {
                InlineExpression::Placeable { expression } => 1 + expr(expression),
                InlineExpression::FunctionReference { arguments, .. } => call(arguments),
                InlineExpression::TermReference {
                    arguments: Some(a), ..
                } => call(a),
                _ => 0,
            }
        }
        resource
            .body
            .iter()
            .flat_map(|entry| match entry {
                Entry::Message(m) => m
                    .value
                    .iter()
                    .chain(m.attributes.iter().map(|a| &a.value))
                    .collect(),
                Entry::Term(t) => std::iter::once(&t.value)
                    .chain(t.attributes.iter().map(|a| &a.value))
                    .collect(),
                _ => Vec::new(),
            })
            .map(pattern)
            .max()
            .unwrap_or(0)
    }

    /// Valid Fluent with nesting everywhere the grammar allows it, and
    /// text that looks like literals, for the bound test.
    struct Generator(u64);

    impl Generator {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as usize % n
        }

        fn pick(&mut self, options: &[&str]) -> String {
            options[self.below(options.len())].to_owned()
        }

        fn text(&mut self) -> String {
            self.pick(&[
                "x", " \"q\" ", "alt=\"", "\"", "\\\"", " (a) ", ")", "((", "'", "#", " -> ",
            ])
        }

        fn pattern(&mut self, depth: usize) -> String {
            (0..1 + self.below(3))
                .map(|_| match self.below(3) {
                    0 if depth > 0 => format!("{{ {} }}", self.expression(depth - 1)),
                    _ => self.text(),
                })
                .collect()
        }

        fn literal(&mut self) -> String {
            self.pick(&["\"{\"", "\"}\"", "\"\\\"}\"", "\"a\\\\\"", "\"\"", "\"({\""])
        }

        fn inline(&mut self, depth: usize) -> String {
            let blank = self.pick(&[" ", "\n", "\n    ", ""]);
            match self.below(if depth > 0 { 7 } else { 4 }) {
                0 => self.literal(),
                1 => "$x".into(),
                2 => "-t".into(),
                3 => "m".into(),
                4 => format!("{{{blank}{}{blank}}}", self.expression(depth - 1)),
                5 => format!(
                    "F({blank}{}, c: {})",
                    self.inline(depth - 1),
                    self.literal()
                ),
                _ => format!("-t({blank}c: {}{blank})", self.literal()),
            }
        }

        fn expression(&mut self, depth: usize) -> String {
            if depth == 0 || self.below(3) > 0 {
                return self.inline(depth);
            }
            let selector = self.pick(&["$x", "\"s\"", "F($x)"]);
            let other = self.pattern(depth);
            let default = self.pattern(depth);
            format!("{selector} ->\n  [a] {other}\n *[b] {default}\n")
        }

        fn file(&mut self) -> String {
            (0..1 + self.below(4))
                .map(|i| {
                    let comment = self.pick(&["", "# c { \"\n", "## {\n"]);
                    let depth = 1 + self.below(6);
                    format!("{comment}m{i} = {}\n", self.pattern(depth))
                })
                .collect()
        }
    }

    /// The bound holds for every position of every text the parser reads
    /// (it reads left to right, and so does the count: what holds for whole
    /// texts holds for their prefixes, where a broken file stops).
    #[test]
    fn the_nesting_bound_is_never_below_the_parsed_depth() {
        let mut generator = Generator(0x9e37_79b9_7f4a_7c15);
        let mut deep = 0;
        for _ in 0..40_000 {
            let text = generator.file();
            let resource = match fluent_syntax::parser::parse(text.as_str()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            let depth = ast_depth(&resource);
            assert!(
                bound(&text) >= depth,
                "{text:?}: bound {} < {depth}",
                bound(&text)
            );
            deep += usize::from(depth >= 4);
        }
        assert!(deep > 1_000, "only {deep} texts nest four deep");
    }

    #[test]
    fn text_that_looks_like_a_string_hides_no_nesting() {
        // A `"` in a variant's text is no string literal (the guard once
        // skipped the rest of the line and let the parser overflow).
        let n = 3000;
        let text = format!(
            "a = {{ $x ->\n *[o] \" {}$y{}\n}}\n",
            "{ ".repeat(n),
            " }".repeat(n)
        );
        assert!(too_deep(&text).is_some());
        // A select on a string literal whose text holds `}`.
        let level = "{ $x ->\n *[o] \" { \"}}}}\" ";
        assert!(too_deep(&level.repeat(200)).is_some());
        // Parentheses in a variant's text close no call.
        let level = "{ F( { $x ->\n *[o] ))\n} ";
        assert!(too_deep(&level.repeat(200)).is_some());
        // Quoted attributes, literals and literal braces do not add up.
        let line = "m = <img alt=\"Logo { -brand(case: \"gen\") }\"> { \"{\" } { \"}\" }\n";
        assert_eq!(bound(&line.repeat(1000)), 2);
    }
}
