//! Pieces shared by every pane and overlay: the one text input, the note
//! that an input is full, and the detail's lines and measure.

pub mod detail;
pub(crate) mod input_limit;
pub mod stats_chart;
pub mod text_input;

pub use detail::Ctx;
