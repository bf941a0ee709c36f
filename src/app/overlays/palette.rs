//! The palette: search everything by name, accents optional, and jump.

use crate::app::data::{Data, Found, NameIndex};
use crate::app::input::TextInput;
use crate::domain::search_query;
use crate::domain::*;
use crate::store::Kind;
use std::sync::Arc;

/// The most results the palette lists.
pub const MAX_HITS: usize = 50;

/// One result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The record kind.
    pub kind: Kind,
    /// The record id.
    pub id: u64,
    /// What to show.
    pub title: String,
}

/// The palette's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    /// The search text.
    pub input: TextInput,
    /// The results, best first.
    pub hits: Vec<Hit>,
    /// The highlighted result.
    pub selected: usize,
    /// The searches typed up to the current one, shortest first: typing on
    /// narrows the last, Backspace goes back to one already made.
    trail: Vec<Found>,
    /// The snapshot's index those searches were made in.
    index: Option<Arc<NameIndex>>,
}

impl Palette {
    /// Re-runs the search over the snapshot's folded names (shared by every
    /// session and built once per change): a keystroke reads no database.
    /// Schools, clusters (by their region too), meetings and people are
    /// found as the store's lookup finds them, best first.
    pub fn search(&mut self, data: &Data) {
        let index = Arc::clone(data.names());
        if !self.index.as_ref().is_some_and(|i| Arc::ptr_eq(i, &index)) {
            // Another snapshot: what was found before counts for nothing.
            self.trail.clear();
            self.index = Some(Arc::clone(&index));
        }
        let q = search_query::normalize(&crate::text::fold(self.input.text()));
        while self.trail.last().is_some_and(|f| !q.starts_with(&f.query)) {
            self.trail.pop();
        }
        if self.trail.last().is_none_or(|f| f.query != q) {
            let found = index.find(&q, self.trail.last(), MAX_HITS);
            self.trail.push(found);
        }
        let best = self.trail.last().map_or(&[][..], |f| f.best.as_slice());
        // A question (`cum 8 2019`, `cum truong 2021 cum 4`) is answered
        // first; what its words match follows.
        let answers = search_query::answer(
            &search_query::parse(&q),
            data.clusters.iter().map(|(id, c)| (*id, c)),
            data.terms.values(),
            data.meetings.iter().map(|(id, m)| (*id, m)),
        );
        let mut shown: Vec<(Kind, u64)> = answers;
        for hit in best {
            if !shown.contains(hit) {
                shown.push(*hit);
            }
        }
        shown.truncate(MAX_HITS);
        self.hits = shown
            .iter()
            .copied()
            .filter_map(|(kind, id)| {
                Some(Hit {
                    kind,
                    id,
                    title: title(data, kind, id)?,
                })
            })
            .collect();
        self.selected = 0;
    }

    /// The first result a window of `height` rows shows so that the
    /// highlighted one is in it, the window moving half its height at a
    /// time (like the lists).
    pub fn first_shown(&self, height: usize) -> usize {
        let height = height.max(1);
        let last_top = self.hits.len().saturating_sub(height);
        if self.selected < height {
            0
        } else {
            // Pages of half a window: the highlight stays between a quarter
            // and three quarters of the way down until the end is reached.
            let half = (height / 2).max(1);
            (self.selected + 1)
                .saturating_sub(height)
                .div_ceil(half)
                .saturating_mul(half)
                .min(last_top)
        }
    }
}

/// What the palette shows for a record.
fn title(data: &Data, kind: Kind, id: u64) -> Option<String> {
    match kind {
        Kind::School => data.schools.get(&SchoolId(id)).map(School::display_name),
        Kind::Cluster => data
            .clusters
            .get(&ClusterId(id))
            .map(|c| format!("{} · {}", c.label(), c.name)),
        Kind::Meeting => data.meetings.get(&MeetingId(id)).map(|m| {
            let date = m.date.map_or_else(|| "—".to_string(), |d| d.to_string());
            format!("{date} · {}", m.title)
        }),
        Kind::Person => data.people.get(&PersonId(id)).map(|p| p.name.clone()),
        _ => None,
    }
}

impl crate::app::App {
    /// Typing searches again; ↑/↓ choose, Enter shows the choice in its
    /// pane, Esc closes.
    pub(super) fn update_palette(
        &mut self,
        mut p: Palette,
        action: crate::app::Action,
    ) -> Option<Palette> {
        use crate::app::Action;
        use crate::app::input::Applied;
        match p.input.apply(&action) {
            Applied::Edited => p.search(&self.data),
            Applied::Moved => {}
            Applied::Ignored => match action {
                Action::Up => p.selected = p.selected.saturating_sub(1),
                Action::Down => p.selected = (p.selected + 1).min(p.hits.len().saturating_sub(1)),
                Action::Back => return None,
                Action::Open => {
                    if let Some(hit) = p.hits.get(p.selected).cloned() {
                        self.jump_to(hit.kind, hit.id);
                        return None;
                    }
                }
                _ => {}
            },
        }
        Some(p)
    }
}
