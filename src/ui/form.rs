//! The form overlay: one line per field, the label on the left; a
//! validation message under the field it concerns; a picker's candidates
//! under it while typing. The terminal's cursor is put at the caret, so an
//! input method (Telex, VNI) shows its preedit in the right place.

use super::{Ctx, widgets};
use crate::app::form::Form;
use crate::app::form::{AboutKind, Field, FieldKind, RowKind, picked_name};
use crate::app::input::display_width;
use crate::i18n::Lang;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_segmentation::UnicodeSegmentation;

const LABEL: usize = 30;

/// The text shown for a field's value, and the column of the caret within it.
fn value(c: &Ctx, f: &Field) -> (String, usize) {
    match &f.kind {
        FieldKind::Choice(opts) => {
            let o = opts
                .get(f.choice)
                .map_or("", |(vi, en)| match c.app.settings.lang {
                    Lang::Vi => vi.as_str(),
                    Lang::En => en.as_str(),
                });
            (format!("◀ {o} ▶"), 0)
        }
        FieldKind::Check => ((if f.choice == 1 { "[x]" } else { "[ ]" }).to_string(), 1),
        FieldKind::Ref(k) | FieldKind::RefList(k) => {
            let picked: String = f
                .picked
                .iter()
                .map(|id| format!("[{}] ", picked_name(*k, *id, &c.app.data)))
                .collect();
            let caret = display_width(&picked) + f.input.caret_column();
            (format!("{picked}{}", f.input.text()), caret)
        }
        _ => (f.input.text().to_string(), f.input.caret_column()),
    }
}

/// The name of the record a per-record field is about.
fn about_name(c: &Ctx, kind: AboutKind, id: u64) -> String {
    let data = &c.app.data;
    match kind {
        AboutKind::School => data.school_short(crate::domain::SchoolId(id)),
        AboutKind::Person => data.person_name(crate::domain::PersonId(id)),
        AboutKind::Ballot => data
            .ballots
            .get(&crate::domain::BallotId(id))
            .map_or_else(String::new, |b| {
                crate::i18n::names::question(c.app.settings.lang, &b.question)
            }),
    }
}

/// What a criteria table's field is typed as, shown under it while focused.
fn hint(f: &Field) -> Option<Vec<crate::i18n::Msg>> {
    use crate::i18n::Msg;
    Some(match (&f.kind, f.key) {
        (FieldKind::Row(RowKind::Group), _) => vec![Msg::HintGroupRow, Msg::HintRowKeys],
        (FieldKind::Row(_), _) => vec![Msg::HintItemRow, Msg::HintRowKeys],
        (_, "tie_break") => vec![Msg::HintTieBreak],
        (_, "quotas") => vec![Msg::HintQuotas],
        _ => return None,
    })
}

/// A text cut into lines of at most `width` columns at spaces (a word
/// longer than a line is cut by [`widgets::fit`]).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let grown = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if display_width(&grown) > width && !line.is_empty() {
            out.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = grown;
        }
    }
    out.push(line);
    out.into_iter().map(|l| widgets::fit(&l, width)).collect()
}

/// Draws the open form.
pub fn draw(frame: &mut Frame, area: Rect, c: &Ctx, form: &Form) {
    let rect = area;
    frame.render_widget(Clear, rect);
    let b = widgets::block(c, c.t(form.title()).to_string(), true);
    let inner = b.inner(rect);
    frame.render_widget(b, rect);

    let value_width = usize::from(inner.width).saturating_sub(LABEL + 1).max(4);
    let mut lines: Vec<Line> = Vec::new();
    let mut caret: Option<(usize, usize)> = None;
    let mut focus_line = 0;
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let mark = if f.required { "*" } else { " " };
        // A per-record field (a ballot's votes, a person's title) is
        // labelled with its record.
        let label = match f.about {
            Some(id) => format!("{}: {}", c.t(f.label), about_name(c, f.about_kind, id)),
            None => c.t(f.label).to_string(),
        };
        let label = format!("{label}{mark}");
        let label = widgets::fit(&label, LABEL);
        let (text, caret_col) = value(c, f);
        // Keep the caret visible in the focused field by showing its tail;
        // other fields show their start.
        let skip = if focused {
            caret_col.saturating_sub(value_width.saturating_sub(1))
        } else {
            0
        };
        // Skip whole graphemes, measured as the caret is, and place the
        // caret by the width actually skipped (a wide one may skip more).
        let (shown, skipped) = {
            let mut w = 0;
            let mut out = String::new();
            for g in text.graphemes(true) {
                if w >= skip {
                    out.push_str(g);
                } else {
                    w += display_width(g);
                }
            }
            (widgets::fit(&out, value_width), w)
        };
        if focused {
            focus_line = lines.len();
            caret = Some((lines.len(), LABEL + 1 + caret_col.saturating_sub(skipped)));
        }
        let label_style = if focused { c.theme.key } else { c.theme.dim };
        let value_style = if f.error.is_some() {
            c.theme.error
        } else {
            c.theme.base
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<width$} ", width = LABEL), label_style),
            Span::styled(shown, value_style),
        ]));
        if let Some(e) = &f.error {
            lines.push(Line::styled(format!("{:LABEL$} ↳ {e}", ""), c.theme.error));
        }
        if focused && f.kind == FieldKind::TextList {
            lines.push(Line::styled(
                format!("{:LABEL$}   {}", "", c.t(crate::i18n::Msg::ListHint)),
                c.theme.dim,
            ));
        }
        if focused && let Some(hint) = hint(f) {
            for h in hint {
                for part in wrap(c.t(h), value_width.saturating_sub(2)) {
                    lines.push(Line::styled(format!("{:LABEL$}   {part}", ""), c.theme.dim));
                }
            }
        }
        if focused {
            for (k, (_, name)) in f.candidates.iter().enumerate() {
                let style = if k == f.candidate {
                    c.theme.selected
                } else {
                    c.theme.dim
                };
                lines.push(Line::styled(format!("{:LABEL$}   {name}", ""), style));
            }
        }
    }
    if let Some(m) = &form.message {
        lines.push(Line::from(""));
        for part in wrap(m, usize::from(inner.width)) {
            lines.push(Line::styled(part, c.theme.error));
        }
    }
    let height = usize::from(inner.height).max(1);
    // Scroll so the focused field and its candidates stay in view.
    let extra = form
        .current()
        .map_or(0, |f| f.candidates.len() + usize::from(f.error.is_some()));
    let scroll = (focus_line + extra + 1).saturating_sub(height);
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
        inner,
    );
    if let Some((line, col)) = caret
        && line >= scroll
        && line < scroll + height
    {
        let x = inner.x + u16::try_from(col).unwrap_or(0);
        let y = inner.y + u16::try_from(line - scroll).unwrap_or(0);
        frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), y));
    }
}
