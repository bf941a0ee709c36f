//! Pane 1, Trường: the schools, and every name, membership, term, award and
//! merger of the selected one.

use super::{Ctx, widgets};
use crate::domain::*;
use crate::i18n::Msg;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

/// Draws the pane.
pub fn draw(f: &mut Frame, area: Rect, c: &Ctx) {
    let right = widgets::list_pane(
        f,
        area,
        c,
        &[Msg::KindSchool],
        &[Constraint::Percentage(100)],
    );
    let list = c.app.list();
    let Some(id) = list.selected_id().map(SchoolId) else {
        widgets::empty_detail(f, right, c);
        return;
    };
    let Some(s) = c.app.data.schools.get(&id) else {
        return;
    };
    let (lines, selected_line) = crate::app::panes::schools::lines(c, id, s);
    let scroll = widgets::scroll(c, selected_line);
    widgets::detail(f, right, c, s.name.clone(), lines, scroll);
}
