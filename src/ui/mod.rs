//! The view: a pure function of the [`App`]. It reads the state and draws;
//! it never changes anything. One file per pane and per overlay.

mod chrome;
mod clusters;
mod confirm;
mod damage;
mod form;
mod help;
pub mod labels;
mod meetings;
mod palette;
mod people;
mod prompt;
mod record_history;
mod schools;
mod sheets;
pub mod theme;
mod too_small;
mod widgets;

use crate::app::{App, Pane, layout};
use crate::i18n::{Msg, tr};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use theme::Theme;

/// What every drawing function needs: the app and its theme.
pub struct Ctx<'a> {
    /// The state drawn.
    pub app: &'a App,
    /// The theme's styles.
    pub theme: Theme,
}

impl Ctx<'_> {
    /// A message in the app's language.
    pub fn t(&self, msg: Msg) -> &'static str {
        tr(self.app.settings.lang, msg)
    }
}

/// Draws the whole screen.
pub fn draw(f: &mut Frame, app: &App) {
    let c = Ctx {
        app,
        theme: Theme::of(app.settings.theme),
    };
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
    if app.palette.is_some() {
        palette::draw(f, body, &c);
    }
    if app.history.is_some() {
        record_history::draw(f, body, &c);
    }
    if app.form.is_some() {
        form::draw(f, body, &c);
    }
    if app.prompt.is_some() {
        prompt::draw(f, body, &c);
    }
    if app.confirm.is_some() {
        confirm::draw(f, body, &c);
    }
    if app.help.is_some() {
        help::draw(f, body, &c);
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

/// How far the current pane's detail can scroll at the app's size. `update`
/// clamps the scroll with it, so scrolling back from the end moves at once.
/// Pure: it measures what `draw` would show.
pub fn detail_max_scroll(app: &App) -> usize {
    let c = Ctx {
        app,
        theme: Theme::of(app.settings.theme),
    };
    let body = Rect::new(0, 1, app.size.0, layout::body_height(app.size));
    let [_, right] = widgets::split(body);
    detail_lines(&c).map_or(0, |l| widgets::max_scroll(&l, right))
}

/// The current pane's detail as plain text, one line per line drawn (before
/// wrapping): what the copy key puts on the user's clipboard.
pub fn detail_text(app: &App) -> Option<String> {
    let c = Ctx {
        app,
        theme: Theme::of(app.settings.theme),
    };
    let lines = detail_lines(&c)?;
    let text: Vec<String> = lines
        .iter()
        .map(|l| {
            let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            s.trim_end().to_string()
        })
        .collect();
    Some(text.join("\n").trim().to_string()).filter(|t| !t.is_empty())
}

/// The lines of the current pane's detail, if it has one.
fn detail_lines(c: &Ctx) -> Option<Vec<ratatui::text::Line<'static>>> {
    use crate::domain::{ClusterId, MeetingId, PersonId, SchoolId};
    let app = c.app;
    let id = app.list().selected_id()?;
    let data = &app.data;
    match app.pane {
        Pane::Schools => data
            .schools
            .get(&SchoolId(id))
            .map(|s| schools::lines(c, SchoolId(id), s).0),
        Pane::Clusters => data
            .clusters
            .get(&ClusterId(id))
            .map(|cl| clusters::lines(c, ClusterId(id), cl).0),
        Pane::Meetings => data
            .meetings
            .get(&MeetingId(id))
            .map(|m| meetings::lines(c, m)),
        Pane::People => data
            .people
            .get(&PersonId(id))
            .map(|p| people::lines(c, PersonId(id), p)),
        Pane::Sheets => None,
    }
}
