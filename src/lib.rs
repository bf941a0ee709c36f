//! thidua: the records of Vietnam's political-school emulation clusters
//! (cụm thi đua): schools, clusters, who led them each year, meetings, score
//! sheets, ballots and awards.
//!
//! The folders show the shape: `domain` (plain types, pure rules), `text`
//! (Vietnamese text handling), `store` (sled + bincode), `demo` (the data set
//! from the source articles), `registry` (every provincial school through the
//! 2025 merger), `cli` (non-interactive commands), `i18n` (the
//! message table), `explain` (the store's refusals and findings in the
//! user's language).

pub mod app;
pub mod backup;
pub mod bundle;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod explain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod registry;
pub mod serve;
pub mod store;
pub mod term;
pub mod text;
pub mod ui;
