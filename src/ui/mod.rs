//! The view: a pure function of the [`App`]. It reads the state and draws;
//! it never changes anything. One file per pane and per overlay.

mod chrome;
mod clusters;
mod confirm;
mod damage;
mod form;
mod help;
mod meetings;
mod palette;
mod people;
mod prompt;
mod record_history;
mod schools;
mod sheets;
mod too_small;
mod widgets;
mod year;

use crate::app::{App, Overlay, Pane, layout};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub use crate::app::widgets::Ctx;
pub use crate::app::{labels, theme};

/// Draws the whole screen.
pub fn draw(f: &mut Frame, app: &App) {
    let c = Ctx::of(app);
    let area = f.area();
    f.render_widget(ratatui::widgets::Block::default().style(c.theme.base), area);
    if layout::too_small((area.width, area.height)) {
        too_small::draw(f, area, &c);
        return;
    }
    let [tabs, body, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::tabs(f, tabs, &c);
    match app.pane {
        Pane::Schools => schools::draw(f, body, &c),
        Pane::Clusters => clusters::draw(f, body, &c),
        Pane::Meetings => meetings::draw(f, body, &c),
        Pane::Sheets => sheets::draw(f, body, &c),
        Pane::People => people::draw(f, body, &c),
    }
    damage::draw(f, body, &c);
    if chrome::status_fits(&c, status.width) {
        chrome::status(f, status, &c);
        chrome::keybar(f, keys, &c);
    } else {
        chrome::status(f, status.union(keys), &c);
    }
    // Bottom first, so the overlay that has the keys is drawn on top.
    for overlay in app.overlays() {
        match overlay {
            Overlay::Palette(p) => palette::draw(f, body, &c, p),
            Overlay::History(h) => record_history::draw(f, body, &c, h),
            Overlay::Form(form) => form::draw(f, body, &c, form),
            Overlay::Prompt(p) => prompt::draw(f, body, &c, p),
            Overlay::Confirm(q) => confirm::draw(f, body, &c, q),
            Overlay::Help(h) => help::draw(f, body, &c, h),
            Overlay::Year(v) => year::draw(f, body, &c, v),
        }
    }
}

/// A rectangle centred in `area`, at most `w` × `h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
