//! explain: the record's refusals and findings in the user's language;
//! depends on store, domain and i18n; i18n itself is only the message table.

pub mod integrity;
