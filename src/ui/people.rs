//! Pane 5, Người: people, and the meetings they chaired or attended.

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
        &[Msg::FieldName, Msg::Organisation],
        &[Constraint::Percentage(58), Constraint::Percentage(42)],
    );
    let list = c.app.list();
    let Some((id, p)) = list.selected_id().and_then(|id| {
        c.app
            .data
            .people
            .get(&PersonId(id))
            .map(|p| (PersonId(id), p))
    }) else {
        widgets::empty_detail(f, right, c);
        return;
    };
    widgets::detail(
        f,
        right,
        c,
        p.name.clone(),
        crate::app::panes::people::lines(c, id, p),
        widgets::Scroll::Offset(c.app.detail().scroll),
    );
}
