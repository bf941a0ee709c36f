//! How long a typed or imported value may be. The limits are generous for
//! real records (the longest official school name is under 100 characters)
//! and keep every edit, search and stored record small.

/// The most characters in a one-line value: a name, a title, a code, a
/// search or command query.
pub const LINE_LIMIT: usize = 500;

/// The most characters in a note or another multi-line value.
pub const BLOCK_LIMIT: usize = 10_000;
