//! The palette: search everything by name, accents optional, and jump.

use crate::app::data::Data;
use crate::app::input::TextInput;
use crate::domain::*;
use crate::store::{Kind, Store};

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
}

impl Palette {
    /// Re-runs the search. A store error leaves the previous results.
    pub fn search(&mut self, store: &Store, data: &Data) {
        let Ok(found) = store.lookup(self.input.text()) else {
            return;
        };
        self.hits = found
            .into_iter()
            .filter_map(|h| {
                let title = match h.kind {
                    Kind::School => data.schools.get(&SchoolId(h.id)).map(School::display_name),
                    Kind::Cluster => data
                        .clusters
                        .get(&ClusterId(h.id))
                        .map(|c| format!("{} · {}", c.label(), c.name)),
                    Kind::Meeting => data.meetings.get(&MeetingId(h.id)).map(|m| {
                        let date = m.date.map_or_else(|| "—".to_string(), |d| d.to_string());
                        format!("{date} · {}", m.title)
                    }),
                    Kind::Person => data.people.get(&PersonId(h.id)).map(|p| p.name.clone()),
                    _ => None,
                }?;
                Some(Hit {
                    kind: h.kind,
                    id: h.id,
                    title,
                })
            })
            .take(50)
            .collect();
        self.selected = 0;
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
            Applied::Edited => p.search(&self.store, &self.data),
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
