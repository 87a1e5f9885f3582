//! Language facts over the text of a locale, knowing nothing of rules,
//! findings or reports: the prose of each message as the customer reads
//! it, the address markers, salutations and sign-offs in it, the register
//! of each email, and the phrases packs list.

pub mod phrases;
pub mod prose;
pub mod register;
