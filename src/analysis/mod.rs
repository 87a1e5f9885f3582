//! Language facts over the text of a locale, knowing nothing of rules,
//! findings or reports: the prose of each message as the customer reads
//! it, the address markers, salutations and sign-offs in it, the register
//! of each email, the phrases and the identifier-like text it holds.
//!
//! [`Analysis`] is what a check knows about one locale: built once, read
//! by every rule.

pub mod leaks;
pub mod phrases;
pub mod prefilter;
pub mod prose;
pub mod register;

use rayon::prelude::*;

use crate::packs::Pack;
use crate::project::config::Emails;
use crate::project::emails::{Email, emails};
use crate::project::locale::LocaleModel;

use register::{Declared, EmailReading, Reader, Reference};

/// One locale as the rules read it: its parsed files, its emails (grouped
/// once), and, with a language pack, each email read for its register.
pub struct Analysis<'a, 's> {
    pub locale: &'a LocaleModel<'s>,
    /// The emails, in the order of their names (templates first); empty
    /// until [`Analysis::group_emails`].
    pub emails: Vec<Email<'a, 's>>,
    /// The locale's language pack, if it has one.
    pub pack: Option<&'a Pack>,
    /// Each email read for its register, in the order of `emails`; empty
    /// until [`Analysis::read_registers`], and without a pack.
    pub readings: Vec<EmailReading<'s>>,
}

impl<'a, 's> Analysis<'a, 's> {
    /// The analysis of `locale`, with its language pack if it has one; what
    /// no rule of a run reads is not made.
    pub fn new(locale: &'a LocaleModel<'s>, pack: Option<&'a Pack>) -> Self {
        Analysis {
            locale,
            emails: Vec::new(),
            pack,
            readings: Vec::new(),
        }
    }

    /// Groups the locale's messages into emails as `grouping` says.
    pub fn group_emails(&mut self, grouping: &Emails) {
        self.emails = emails(self.locale, grouping);
    }

    /// Reads every email for its register, on every core, against the
    /// `declared` register of the locale when there is one, with the
    /// `reference` locale's text beside it when it is given. The emails
    /// must be grouped.
    pub fn read_registers(
        &mut self,
        declared: Option<Declared>,
        reference: Option<&'a LocaleModel<'a>>,
    ) {
        let Some(pack) = self.pack else {
            return;
        };
        let reference = reference.and_then(Reference::new);
        let reader = Reader::new(self.locale, pack, declared, reference);
        self.readings = self
            .emails
            .par_iter()
            .map(|email| reader.read(email))
            .collect();
    }
}
