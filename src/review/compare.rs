//! What changed since another render: `--compare OLD.json`, where OLD.json
//! is `etiquette render --format json` of the base branch.

use std::collections::HashMap;
use std::path::Path;

/// A message's place in an email: its id and attribute.
type Place = (String, Option<String>);

/// The messages of an earlier render, by locale and email.
#[derive(Debug, Default)]
pub struct Previous {
    emails: HashMap<(String, String), HashMap<Place, String>>,
}

/// How a message differs from the earlier render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Same,
    Changed,
    Added,
}

/// A message of the earlier render that the current one does not have.
#[derive(Debug)]
pub struct Removed<'p> {
    pub message_id: &'p str,
    pub attribute: Option<&'p str>,
    pub text: &'p str,
}

#[derive(serde::Deserialize)]
struct Document {
    version: u32,
    messages: Vec<Message>,
}

#[derive(serde::Deserialize)]
struct Message {
    locale: String,
    email: String,
    message_id: String,
    attribute: Option<String>,
    text: String,
}

impl Previous {
    /// Reads `path`, a render JSON document (version 1).
    pub fn read(path: &Path) -> Result<Self, String> {
        let shown = crate::printable::line(&path.display().to_string()).into_owned();
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        Self::from_reader(std::io::BufReader::new(file))
            .map_err(|e| format!("{shown} is not a render JSON document: {e}"))
    }

    /// Reads a render JSON document (version 1).
    pub fn from_reader(reader: impl std::io::Read) -> Result<Self, String> {
        // serde_json's errors quote no value, only a line and a column.
        let document: Document = serde_json::from_reader(reader).map_err(|e| {
            format!(
                "{} at line {} column {}",
                classify(&e),
                e.line(),
                e.column()
            )
        })?;
        if document.version != 1 {
            return Err(format!(
                "it is version {}; this etiquette reads version 1 (`etiquette render --format json`)",
                document.version
            ));
        }
        let mut emails: HashMap<(String, String), HashMap<Place, String>> = HashMap::new();
        for m in document.messages {
            emails
                .entry((m.locale, m.email))
                .or_default()
                .insert((m.message_id, m.attribute), m.text);
        }
        Ok(Self { emails })
    }

    fn messages(&self, locale: &str, email: &str) -> Option<&HashMap<Place, String>> {
        self.emails.get(&(locale.to_owned(), email.to_owned()))
    }

    /// The text `message_id` (its `attribute`) of `locale` · `email` had.
    pub fn before(
        &self,
        locale: &str,
        email: &str,
        message_id: &str,
        attribute: Option<&str>,
    ) -> Option<&str> {
        let place = (message_id.to_owned(), attribute.map(str::to_owned));
        self.messages(locale, email)?
            .get(&place)
            .map(String::as_str)
    }

    /// How the message, now `text`, differs from the earlier render.
    pub fn change(
        &self,
        locale: &str,
        email: &str,
        message_id: &str,
        attribute: Option<&str>,
        text: &str,
    ) -> Change {
        match self.before(locale, email, message_id, attribute) {
            None => Change::Added,
            Some(old) if old == text => Change::Same,
            Some(_) => Change::Changed,
        }
    }

    /// The messages `locale` · `email` had that `kept` does not say are
    /// still there, in id order.
    pub fn removed<'p>(
        &'p self,
        locale: &str,
        email: &str,
        kept: impl Fn(&str, Option<&str>) -> bool,
    ) -> Vec<Removed<'p>> {
        let Some(messages) = self.messages(locale, email) else {
            return Vec::new();
        };
        let mut removed: Vec<Removed<'p>> = messages
            .iter()
            .filter(|((id, attribute), _)| !kept(id, attribute.as_deref()))
            .map(|((id, attribute), text)| Removed {
                message_id: id,
                attribute: attribute.as_deref(),
                text,
            })
            .collect();
        removed.sort_by(|a, b| (a.message_id, a.attribute).cmp(&(b.message_id, b.attribute)));
        removed
    }

    /// The locale and email of every email the earlier render had.
    pub fn emails(&self) -> impl Iterator<Item = (&str, &str)> {
        self.emails.keys().map(|(l, e)| (l.as_str(), e.as_str()))
    }
}

/// What kind of JSON error, in words, without the value.
fn classify(error: &serde_json::Error) -> &'static str {
    match error.classify() {
        serde_json::error::Category::Io => "could not be read",
        serde_json::error::Category::Syntax => "invalid JSON",
        serde_json::error::Category::Data => "not the shape of a render document",
        serde_json::error::Category::Eof => "the JSON ends early",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_told_apart() {
        let json = r#"{"version": 1, "messages": [
            {"locale": "nl", "email": "orders/refund", "message_id": "a", "attribute": null, "text": "Beste Niels,"},
            {"locale": "nl", "email": "orders/refund", "message_id": "b", "attribute": null, "text": "Weg"}
        ], "errors": []}"#;
        let previous = Previous::from_reader(json.as_bytes()).unwrap();
        let change = |id, text| previous.change("nl", "orders/refund", id, None, text);
        assert_eq!(change("a", "Beste Niels,"), Change::Same);
        assert_eq!(change("a", "Lieve Niels,"), Change::Changed);
        assert_eq!(change("c", "Nieuw"), Change::Added);
        let removed = previous.removed("nl", "orders/refund", |id, _| id == "a");
        assert_eq!(removed.len(), 1);
        assert_eq!((removed[0].message_id, removed[0].text), ("b", "Weg"));
    }

    #[test]
    fn a_bad_document_is_an_error_that_quotes_nothing() {
        let secret = r#"{"version": 1, "messages": [{"token": "hunter2"}]}"#;
        let error = Previous::from_reader(secret.as_bytes()).unwrap_err();
        assert!(
            !error.contains("hunter2") && !error.contains("token"),
            "{error}"
        );
        let error = Previous::from_reader(&br#"{"version": 99, "messages": []}"#[..]).unwrap_err();
        assert!(error.contains("version 99"), "{error}");
    }
}
