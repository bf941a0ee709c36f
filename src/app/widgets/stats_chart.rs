//! History at a glance as charts: a school's total score by year (ratatui's
//! `BarChart`, the rank on each bar) over a strip of its roles and awards,
//! and a cluster's years as head per member (a horizontal `BarChart`).
//! Each chart is drawn into an off-screen buffer and returned as lines, so
//! it sits in the detail with the rest of the text: it scrolls with it,
//! is measured with it and is copied with it.

use super::Ctx;
use crate::domain::stats::{ClusterStats, SchoolStats, YearStat};
use crate::domain::{AwardKind, SchoolId};
use crate::i18n::Msg;
use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Widget};

/// Bar width and gap of the school chart: four columns fit a year.
const BAR: u16 = 4;
const GAP: u16 = 1;
/// Rows of bars above the years.
const BAR_ROWS: u16 = 5;
/// Most members the cluster chart lists.
const MOST_MEMBERS: usize = 12;

/// Draws a widget into a buffer of `width` × `height` and reads it back as
/// lines, one span per run of one style; trailing blanks dropped.
fn to_lines(widget: impl Widget, width: u16, height: u16) -> Vec<Line<'static>> {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    widget.render(area, &mut buf);
    (0..height)
        .map(|y| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut run = String::new();
            let mut style = Style::default();
            for x in 0..width {
                let Some(cell) = buf.cell((x, y)) else {
                    continue;
                };
                if cell.style() != style && !run.is_empty() {
                    spans.push(Span::styled(std::mem::take(&mut run), style));
                }
                style = cell.style();
                run.push_str(cell.symbol());
            }
            let run = run.trim_end().to_string();
            if !run.is_empty() {
                spans.push(Span::styled(run, style));
            }
            Line::from(spans)
        })
        .collect()
}

/// The marks of one year: `~` inherited, head, deputy, `*` flag, `+`
/// certificate.
fn marks(c: &Ctx, entries: &[&YearStat]) -> String {
    let awards = &c.app.data.awards;
    let mut s = String::new();
    if entries.iter().all(|y| y.inherited) {
        s.push('~');
    }
    if entries.iter().any(|y| !y.head.is_empty()) {
        s.push_str(c.t(Msg::AyrMarkHead));
    }
    if entries.iter().any(|y| !y.deputy.is_empty()) {
        s.push_str(c.t(Msg::AyrMarkDeputy));
    }
    let kinds: Vec<&AwardKind> = entries
        .iter()
        .flat_map(|y| y.awards.iter().filter_map(|id| awards.get(id)))
        .map(|a| &a.kind)
        .collect();
    if kinds.contains(&&AwardKind::AcademyFlag) {
        s.push('*');
    }
    if kinds.contains(&&AwardKind::AcademyCertificate) {
        s.push('+');
    }
    s
}

/// A school's chart, `width` columns wide: the latest years that fit, each
/// a bar of its total (the school's own sheet, else a predecessor's) with
/// its rank on it, the year under it and the marks of its roles and
/// awards under that; then the legend.
pub fn school(c: &Ctx, stats: &SchoolStats, width: u16) -> Vec<Line<'static>> {
    let mut years: Vec<u16> = stats.years.iter().map(|y| y.year).collect();
    years.dedup();
    if years.is_empty() {
        return Vec::new();
    }
    let slots = usize::from((width / (BAR + GAP)).max(1));
    let years: Vec<u16> = years
        .iter()
        .copied()
        .skip(years.len().saturating_sub(slots))
        .collect();
    let of_year =
        |y: u16| -> Vec<&YearStat> { stats.years.iter().filter(|s| s.year == y).collect() };
    let standing = |y: u16| of_year(y).iter().find_map(|s| s.standing);
    let scored = years.iter().any(|y| standing(*y).is_some());
    let title = if scored {
        Msg::AyrChartTitle
    } else {
        Msg::AyrStripTitle
    };
    let mut out = vec![Line::styled(c.t(title).to_string(), c.theme.dim)];
    if scored {
        let bars: Vec<Bar> = years
            .iter()
            .map(|y| {
                let bar = Bar::default().label(Line::from(y.to_string()));
                match standing(*y) {
                    Some(s) => bar
                        .value(u64::try_from(s.total.0.max(0)).unwrap_or(0))
                        .text_value(format!("#{}", s.rank)),
                    None => bar.value(0).text_value(String::new()),
                }
            })
            .collect();
        let chart = BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(BAR)
            .bar_gap(GAP)
            .bar_style(c.theme.key)
            .value_style(c.theme.selected)
            .label_style(c.theme.base);
        out.extend(to_lines(chart, width, BAR_ROWS + 1));
    } else {
        let row: String = years
            .iter()
            .map(|y| format!("{:<w$}", y, w = usize::from(BAR + GAP)))
            .collect();
        out.push(Line::styled(row.trim_end().to_string(), c.theme.base));
    }
    let strip: String = years
        .iter()
        .map(|y| format!("{:<w$}", marks(c, &of_year(*y)), w = usize::from(BAR + GAP)))
        .collect();
    out.push(Line::styled(strip.trim_end().to_string(), c.theme.heading));
    out.push(Line::styled(c.t(Msg::AyrLegend).to_string(), c.theme.dim));
    out
}

/// A cluster's chart: one horizontal bar per member, its years as head.
pub fn cluster(c: &Ctx, stats: &ClusterStats, width: u16) -> Vec<Line<'static>> {
    let shown: Vec<(SchoolId, usize)> = stats
        .counts
        .iter()
        .take(MOST_MEMBERS)
        .map(|n| (n.school, n.head))
        .collect();
    if shown.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = shown
        .iter()
        .map(|(s, _)| {
            let n = c.app.data.school_short(*s);
            match n.char_indices().nth(18) {
                Some((i, _)) => format!("{}…", &n[..i]),
                None => n,
            }
        })
        .collect();
    let bars: Vec<Bar> = shown
        .iter()
        .zip(&names)
        .map(|((_, head), name)| {
            Bar::default()
                .label(Line::from(name.clone()))
                .value(*head as u64)
                .text_value(head.to_string())
        })
        .collect();
    // Out of the years with a term, so a bar's length is a share of them.
    let years = stats.heads.len().max(1) as u64;
    let chart = BarChart::default()
        .max(years)
        .direction(Direction::Horizontal)
        .data(BarGroup::default().bars(&bars))
        .bar_width(1)
        .bar_gap(0)
        .bar_style(c.theme.key)
        .value_style(c.theme.selected)
        .label_style(c.theme.base);
    let mut out = vec![Line::styled(
        c.t(Msg::AyrHeadChart).to_string(),
        c.theme.dim,
    )];
    out.extend(to_lines(chart, width, shown.len() as u16));
    out
}

/// The width inside the detail's border at the app's size: what a chart
/// in a detail may take.
pub fn detail_width(c: &Ctx) -> u16 {
    let w = c.app.size.0;
    w.saturating_sub(crate::app::layout::list_width(w))
        .saturating_sub(2)
}
