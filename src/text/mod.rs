//! Vietnamese text handling shared by every screen and command.
//!
//! Names, titles and notes come from people typing, pasting and importing, and
//! are later drawn on other people's terminals, searched and sorted. These
//! concerns live here, each in its own file:
//!
//! - [`clean`]: make a string safe and tidy to store and display
//!   ([`clean_line`], [`clean_block`]);
//! - [`fold`](mod@fold): the loose search key that ignores tone marks, case and
//!   punctuation ([`fold()`]);
//! - [`collate`]: Vietnamese alphabetical order ([`compare`], [`sort_key`],
//!   [`sort_by_vietnamese`]);
//! - [`limits`]: how long a value may be ([`LINE_LIMIT`], [`BLOCK_LIMIT`]).
//!
//! None of these functions panics, whatever the input.

pub mod clean;
pub mod collate;
pub mod fold;
pub mod limits;

pub use clean::{clean_block, clean_line, is_invisible, strip_unsafe};
pub use collate::{SortKey, compare, sort_by_vietnamese, sort_key};
pub use fold::fold;
pub use limits::{BLOCK_LIMIT, LINE_LIMIT};
