//! Which messages make an email: one file by default, the messages that
//! share an id prefix, or templates composed from message-id globs so that a
//! shared footer counts in every email that includes it.

use std::collections::BTreeMap;

use fluent_syntax::ast::Message;

use crate::project::config::{Emails, GroupBy};
use crate::project::locale::LocaleModel;

/// An email: a name and its messages, in order.
pub struct Email<'a, 's> {
    pub name: String,
    /// `(file index, message)`, in file and source order.
    pub messages: Vec<(usize, &'a Message<&'s str>)>,
}

/// The emails of a locale.
pub fn emails<'a, 's>(locale: &'a LocaleModel<'s>, config: &Emails) -> Vec<Email<'a, 's>> {
    let mut templated: Vec<Email> = config
        .template
        .iter()
        .map(|t| Email {
            name: t.name.clone(),
            messages: Vec::new(),
        })
        .collect();
    let mut grouped: BTreeMap<&str, Email> = BTreeMap::new();
    // Messages of one email mostly come one after the other (a whole file
    // when emails are files): they are gathered here and go into the map
    // together.
    let mut run: (&str, Vec<(usize, &Message<&str>)>) = ("", Vec::new());
    let mut flush = |(name, messages): &mut (&'a str, Vec<_>)| {
        if !messages.is_empty() {
            grouped
                .entry(*name)
                .or_insert_with(|| Email {
                    name: (*name).to_owned(),
                    messages: Vec::new(),
                })
                .messages
                .append(messages);
        }
    };
    for (file_index, file) in locale.files.iter().enumerate() {
        let file_name = file_email_name(&file.source.rel_path);
        for message in file.messages() {
            let mut in_template = false;
            for (email, template) in templated.iter_mut().zip(&config.template) {
                if template
                    .messages
                    .iter()
                    .any(|glob| glob_match(glob, message.id.name))
                {
                    email.messages.push((file_index, message));
                    in_template = true;
                }
            }
            if in_template {
                continue;
            }
            let name = match config.group_by {
                GroupBy::File => file_name,
                GroupBy::IdPrefix => id_prefix(message.id.name),
            };
            if name != run.0 {
                flush(&mut run);
                run.0 = name;
            }
            run.1.push((file_index, message));
        }
    }
    flush(&mut run);
    templated.retain(|e| !e.messages.is_empty());
    templated.extend(grouped.into_values());
    // A locale's emails are held while its rules run.
    for email in &mut templated {
        email.messages.shrink_to_fit();
    }
    templated
}

/// The email a message `id` of the file at `rel_path` belongs to: the
/// first template that lists it, else its file or id prefix.
pub fn email_of(config: &Emails, rel_path: &str, id: &str) -> String {
    if let Some(template) = config
        .template
        .iter()
        .find(|t| t.messages.iter().any(|glob| glob_match(glob, id)))
    {
        return template.name.clone();
    }
    match config.group_by {
        GroupBy::File => file_email_name(rel_path).to_owned(),
        GroupBy::IdPrefix => id_prefix(id.trim_start_matches('-')).to_owned(),
    }
}

/// The email name of a file: its path below the locale, without `.ftl`.
pub fn file_email_name(rel_path: &str) -> &str {
    rel_path.strip_suffix(".ftl").unwrap_or(rel_path)
}

/// The part of an id before its first `-`.
pub fn id_prefix(id: &str) -> &str {
    id.split('-').next().unwrap_or(id)
}

/// Which email a finding in `file` about `message_id` belongs to: what
/// [`emails`] would say, answered for the one message instead of built for
/// every message of the locale.
pub struct EmailIndex<'a, 's> {
    locale: &'a LocaleModel<'s>,
    config: &'a Emails,
}

impl<'a, 's> EmailIndex<'a, 's> {
    pub fn new(locale: &'a LocaleModel<'s>, config: &'a Emails) -> Self {
        EmailIndex { locale, config }
    }

    /// The email of a message, or of a file when the finding has no message.
    pub fn email(&self, file: usize, rel_path: &str, message_id: Option<&str>) -> Option<String> {
        match (self.config.group_by, message_id) {
            // A message of the file goes to the first template that lists it.
            (_, Some(id)) if self.locale.defines_message_in(file, id) => {
                Some(email_of(self.config, rel_path, id))
            }
            (GroupBy::File, _) => Some(file_email_name(rel_path).to_owned()),
            (GroupBy::IdPrefix, Some(id)) => Some(id_prefix(id.trim_start_matches('-')).to_owned()),
            (GroupBy::IdPrefix, None) => None,
        }
    }
}

/// Matches `*` (any run) and `?` (one character) against a message id.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((star_p, star_t)) = star {
            pi = star_p + 1;
            ti = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("refund-*", "refund-subject"));
        assert!(glob_match("*-subject", "refund-subject"));
        assert!(glob_match("signature", "signature"));
        assert!(!glob_match("signature", "signature-2"));
        assert!(glob_match("footer-?", "footer-a"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("refund-*", "order-refund"));
    }

    #[test]
    fn prefixes() {
        assert_eq!(
            id_prefix("automatedEmailRecoveryKey-origin-device"),
            "automatedEmailRecoveryKey"
        );
        assert_eq!(id_prefix("footer"), "footer");
        assert_eq!(file_email_name("orders/refund.ftl"), "orders/refund");
    }
}
