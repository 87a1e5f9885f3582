use crate::syntax::TextMap as HashMap;
use std::collections::VecDeque;
use std::ops::Range;

use crate::finding::RawFinding;
use crate::project::locale::LocaleModel;
use crate::rules::{Check, Context, RuleMeta, declare_rule};
use crate::syntax::entry_patterns;
use crate::syntax::{EntryId, EntryKind, Reference, visit_references};

declare_rule! {
    /// ## What it does
    /// Reports messages and terms that reference each other in a loop,
    /// found statically over the graph of references: `a` uses `b`, `b` uses
    /// `a`. Attributes are their own nodes, so `a = { a.title }` is fine.
    /// One finding per loop, at the reference that enters it.
    ///
    /// ## Why is this bad?
    /// Fluent only notices the loop while formatting, and then prints the raw
    /// `{a}` into the email.
    ///
    /// ## Example
    /// ```ftl
    /// footer-help = Vragen? { footer-contact }
    /// footer-contact = Neem contact op. { footer-help }
    /// ```
    ///
    /// Use instead:
    /// ```ftl
    /// footer-help = Vragen? { footer-contact }
    /// footer-contact = Neem contact op met { -support-team }.
    /// ```
    pub struct ReferenceCycle {
        id: "reference-cycle",
        severity: Error,
        summary: "messages or terms that reference each other in a loop",
    }
}

/// A node of the reference graph: a message or term value, or one attribute.
struct Node<'a, 's> {
    id: EntryId<'s>,
    attribute: Option<&'s str>,
    file: &'a crate::syntax::ParsedFile<'s>,
    /// Outgoing references: the target node and the span of the reference.
    edges: Vec<(usize, Range<usize>)>,
}

impl Node<'_, '_> {
    fn name(&self) -> String {
        match self.attribute {
            Some(attr) => format!("{}.{attr}", self.id),
            None => self.id.to_string(),
        }
    }
}

impl Check for ReferenceCycle {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&Self::META]
    }

    fn check<'a>(&self, cx: &Context<'_, 'a>, out: &mut Vec<RawFinding<'a>>) {
        let nodes = graph(cx.locale);
        for component in loops(&nodes) {
            out.push(cycle(&nodes, &component));
        }
    }
}

/// The patterns of the locale that reference messages or terms, with
/// their references: each the first definition of its entry, as Fluent
/// finds it.
fn graph<'a, 's>(locale: &'a LocaleModel<'s>) -> Vec<Node<'a, 's>> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut patterns = Vec::new();
    let mut index: HashMap<(EntryId, Option<&str>), usize> = HashMap::default();
    for file in &locale.files {
        for (id, attribute, pattern) in entry_patterns(file) {
            // A pattern that references nothing closes no loop: most
            // of them, and the graph stays small.
            if !references_an_entry(pattern) {
                continue;
            }
            let first = match id.kind {
                EntryKind::Message => locale.message(id.name).is_some_and(|(f, m)| {
                    std::ptr::eq(f, file) && std::ptr::eq(m.id.name, id.name)
                }),
                EntryKind::Term => locale.term(id.name).is_some_and(|(f, t)| {
                    std::ptr::eq(f, file) && std::ptr::eq(t.id.name, id.name)
                }),
            };
            if first && !index.contains_key(&(id, attribute)) {
                index.insert((id, attribute), nodes.len());
                nodes.push(Node {
                    id,
                    attribute,
                    file,
                    edges: Vec::new(),
                });
                patterns.push(pattern);
            }
        }
    }
    for (node, pattern) in nodes.iter_mut().zip(&patterns) {
        let file = node.file;
        visit_references(pattern, &mut |reference| {
            let (id, attribute, dash) = match reference {
                Reference::Message(name, attr) => (
                    EntryId {
                        kind: EntryKind::Message,
                        name,
                    },
                    attr,
                    0,
                ),
                Reference::Term(name, attr) => (
                    EntryId {
                        kind: EntryKind::Term,
                        name,
                    },
                    attr,
                    1,
                ),
                _ => return,
            };
            if let Some(&target) = index.get(&(id, attribute)) {
                let span = file.span(id.name);
                let end = attribute.map_or(span.end, |a| file.span(a).end);
                node.edges.push((target, span.start - dash..end));
            }
        });
    }
    nodes
}

/// The finding for a loop of references, at the first of its entries.
fn cycle<'a>(nodes: &[Node<'a, 'a>], component: &[usize]) -> RawFinding<'a> {
    let start = *component
        .iter()
        .min_by_key(|&&n| {
            (
                nodes[n].file.source.path.as_str(),
                nodes[n].file.span(nodes[n].id.name).start,
            )
        })
        .expect("a component is never empty");
    let path = cycle_through(nodes, component, start);
    let chain: Vec<String> = path
        .iter()
        .map(|&n| format!("`{}`", nodes[n].name()))
        .collect();
    let next = path.get(1).copied().unwrap_or(start);
    let span = nodes[start]
        .edges
        .iter()
        .find(|(t, _)| *t == next)
        .map(|(_, span)| span.clone())
        .expect("the cycle follows an edge");
    let node = &nodes[start];
    let message = if path.len() == 1 {
        format!("`{}` references itself", node.name())
    } else {
        format!(
            "`{}` references itself through {}",
            node.name(),
            chain[1..].join(" → ")
        )
    };
    RawFinding::new(&ReferenceCycle::META, node.file.source, span, message)
        .message_id(node.id.to_string())
        .attribute(node.attribute)
        .label(format!("{} → `{}`", chain.join(" → "), node.name()))
        .help("break the loop: one of these must not reference the others")
}

/// Whether a pattern references a message or a term.
fn references_an_entry(pattern: &fluent_syntax::ast::Pattern<&str>) -> bool {
    let mut found = false;
    visit_references(pattern, &mut |reference| {
        found |= matches!(reference, Reference::Message(..) | Reference::Term(..));
    });
    found
}

/// The strongly connected components that are loops: more than one node,
/// or one that references itself. Tarjan's algorithm, without recursion,
/// so that a chain of 20,000 references cannot overflow the stack.
fn loops(nodes: &[Node]) -> Vec<Vec<usize>> {
    let n = nodes.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut counter = 0;
    let mut calls = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        calls.push((root, 0));
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
            if let Some(&(w, _)) = nodes[v].edges.get(*edge) {
                *edge += 1;
                if index[w] == usize::MAX {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(u, _)) = calls.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    if w == v && component.is_empty() {
                        // Alone: a loop only when it references itself.
                        if nodes[v].edges.iter().any(|(t, _)| *t == v) {
                            components.push(vec![v]);
                        }
                        break;
                    }
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if !component.is_empty() {
                    components.push(component);
                }
            }
        }
    }
    components
}

/// The shortest loop from `start` back to itself inside `component`, as the
/// nodes visited (without repeating `start`).
fn cycle_through(nodes: &[Node], component: &[usize], start: usize) -> Vec<usize> {
    if nodes[start].edges.iter().any(|(t, _)| *t == start) {
        return vec![start];
    }
    let inside: std::collections::HashSet<usize> = component.iter().copied().collect();
    let mut parent: HashMap<usize, usize> = HashMap::default();
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &(w, _) in &nodes[v].edges {
            if w == start {
                let mut path = vec![v];
                let mut at = v;
                while let Some(&p) = parent.get(&at) {
                    path.push(p);
                    at = p;
                }
                path.reverse();
                return path;
            }
            if inside.contains(&w) && w != start && !parent.contains_key(&w) {
                parent.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    vec![start]
}
