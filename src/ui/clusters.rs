//! Pane 2, Cụm & lịch sử: the clusters, and the selected one's years:
//! head, deputies, flag, certificates, rotating flag, and members.

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
        &[Msg::KindCluster],
        &[Constraint::Percentage(100)],
    );
    let list = c.app.list();
    let Some(id) = list.selected_id().map(ClusterId) else {
        widgets::empty_detail(f, right, c);
        return;
    };
    let Some(cl) = c.app.data.clusters.get(&id) else {
        return;
    };
    let (lines, selected_line) = crate::app::panes::clusters::lines(c, id, cl);
    let scroll = widgets::scroll(c, selected_line);
    widgets::detail(
        f,
        right,
        c,
        format!("{} · {}", cl.label(), cl.name),
        lines,
        scroll,
    );
}
