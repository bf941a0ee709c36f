//! explain: the record's refusals and findings, and the edges' failures, in
//! the user's language; depends on store, domain, export and i18n; i18n
//! itself is only the message table.

pub mod failures;
pub mod integrity;
