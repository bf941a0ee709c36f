//! A pane's detail as lines: what the view draws, what the copy key puts
//! on the clipboard, and what `update` measures to stop scrolling at the
//! end. One builder per pane (`panes/<pane>.rs`), so the three agree.

use crate::app::theme::Theme;
use crate::app::{App, Pane, layout};
use crate::domain::{ClusterId, MeetingId, PersonId, SchoolId};
use crate::i18n::{Msg, tr};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// What every drawing function needs: the app and its theme.
pub struct Ctx<'a> {
    /// The state drawn.
    pub app: &'a App,
    /// The theme's styles.
    pub theme: Theme,
}

impl Ctx<'_> {
    /// The context of an app, in its theme.
    pub fn of(app: &App) -> Ctx<'_> {
        Ctx {
            app,
            theme: Theme::of(app.settings.theme),
        }
    }

    /// A message in the app's language.
    pub fn t(&self, msg: Msg) -> &'static str {
        tr(self.app.settings.lang, msg)
    }
}

/// How a detail is scrolled.
#[derive(Debug, Clone, Copy)]
pub enum Scroll {
    /// Keep this line (the selected item) in view, a third of the way down.
    Follow(usize),
    /// Scrolled freely by this many rows.
    Offset(usize),
}

/// The row each line starts on once wrapped to `width`, and the total rows.
/// Counts by display width, close to the paragraph's word wrapping.
pub fn wrapped_starts(lines: &[Line], width: u16) -> (Vec<usize>, usize) {
    let w = usize::from(width.max(1));
    let mut starts = Vec::with_capacity(lines.len());
    let mut row = 0;
    for l in lines {
        starts.push(row);
        row += l.width().div_ceil(w).max(1);
    }
    (starts, row)
}

/// How the current pane's detail scrolls: following the selected item while
/// the user moves through items, freely after PgUp/PgDn.
pub fn scroll(c: &Ctx, selected_line: Option<usize>) -> Scroll {
    let d = c.app.detail();
    match selected_line {
        Some(l) if d.follow => Scroll::Follow(l),
        _ => Scroll::Offset(d.scroll),
    }
}

/// The furthest lines can scroll in a bordered box `width` × `height`.
pub fn max_scroll(lines: &[Line], width: u16, height: u16) -> usize {
    let (_, total) = wrapped_starts(lines, width.saturating_sub(2));
    total.saturating_sub(usize::from(height.saturating_sub(2)))
}

/// A section heading line.
pub fn heading(c: &Ctx, msg: Msg) -> Line<'static> {
    Line::styled(c.t(msg).to_string(), c.theme.heading)
}

/// A `label: value` line.
pub fn field(c: &Ctx, label: Msg, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{}: ", c.t(label)), c.theme.dim),
        Span::styled(value, c.theme.base),
    ])
}

/// An indented line.
pub fn item(text: String, style: Style) -> Line<'static> {
    Line::styled(format!("  {text}"), style)
}

/// The mark on illustrative data.
pub fn illustrative(c: &Ctx) -> Line<'static> {
    Line::styled(
        format!("({})", c.t(Msg::Illustrative)),
        c.theme.illustrative,
    )
}

/// The lines of the current pane's detail, if it has one (the score grid
/// draws itself).
pub fn lines(c: &Ctx) -> Option<Vec<Line<'static>>> {
    use crate::app::panes;
    let app = c.app;
    let id = app.selected_id()?;
    let data = &app.data;
    match app.pane {
        Pane::Schools => data
            .schools
            .get(&SchoolId(id))
            .map(|s| panes::schools::lines(c, SchoolId(id), s).0),
        Pane::Clusters => data
            .clusters
            .get(&ClusterId(id))
            .map(|cl| panes::clusters::lines(c, ClusterId(id), cl).0),
        Pane::Meetings => data
            .meetings
            .get(&MeetingId(id))
            .map(|m| panes::meetings::lines(c, m)),
        Pane::People => data
            .people
            .get(&PersonId(id))
            .map(|p| panes::people::lines(c, PersonId(id), p)),
        Pane::Sheets => None,
    }
}

/// How far the current pane's detail can scroll at the app's size: the
/// view never scrolls past it, and `update` clamps to it so that scrolling
/// back from the end moves at once.
pub fn max_scroll_of(app: &App) -> usize {
    let body_w = app.size.0;
    let width = body_w.saturating_sub(layout::list_width(body_w));
    let height = layout::body_height(app.size);
    lines(&Ctx::of(app)).map_or(0, |l| max_scroll(&l, width, height))
}

/// The current pane's detail as plain text, one line per line drawn (before
/// wrapping): what the copy key puts on the user's clipboard.
pub fn text_of(app: &App) -> Option<String> {
    let lines = lines(&Ctx::of(app))?;
    let text: Vec<String> = lines
        .iter()
        .map(|l| {
            let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            s.trim_end().to_string()
        })
        .collect();
    Some(text.join("\n").trim().to_string()).filter(|t| !t.is_empty())
}
