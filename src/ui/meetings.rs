//! Pane 3, Hội nghị: meetings by date, and the selected one's host, chairs,
//! guests, topic, papers, speeches, figures and decisions.

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
        &[Msg::Date, Msg::Summary],
        &[Constraint::Length(10), Constraint::Min(10)],
    );
    let list = c.app.list();
    let Some(m) = list
        .selected_id()
        .and_then(|id| c.app.data.meetings.get(&MeetingId(id)))
    else {
        widgets::empty_detail(f, right, c);
        return;
    };
    widgets::detail(
        f,
        right,
        c,
        m.title.clone(),
        crate::app::panes::meetings::lines(c, m),
        widgets::Scroll::Offset(c.app.detail().scroll),
    );
}
