//! `thidua serve`: one process owns the database and serves the TUI to every
//! SSH client, one `App` per session over the shared `Store`.

pub mod host_key;
pub mod input;
pub mod users;
