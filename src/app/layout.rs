//! Screen geometry shared by `update` (how far a page moves) and the view
//! (where things are drawn), so the two cannot disagree.

/// The smallest terminal the interface works in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Rows above and below the body: the tab line, the status line, the key bar.
pub const CHROME_ROWS: u16 = 3;

/// Whether the terminal is too small to use.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_SIZE.0 || size.1 < MIN_SIZE.1
}

/// The height of the body between the tabs and the status line.
pub fn body_height(size: (u16, u16)) -> u16 {
    size.1.saturating_sub(CHROME_ROWS)
}

/// How many rows a pane's list shows: the body less its border and header.
pub fn list_rows(size: (u16, u16)) -> usize {
    usize::from(body_height(size).saturating_sub(3)).max(1)
}

/// How many lines a detail shows: the body less its border.
pub fn detail_rows(size: (u16, u16)) -> usize {
    usize::from(body_height(size).saturating_sub(2)).max(1)
}

/// The width of a pane's list column: two fifths of the screen, at least 32.
pub fn list_width(width: u16) -> u16 {
    (width * 2 / 5).max(32).min(width)
}
