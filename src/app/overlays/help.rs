//! The help overlay: every binding of the keymap table, by context,
//! generated from the same table the keys go through.

use crate::app::{Action, App, Context, Keymap, labels, layout};
use crate::i18n::Msg;

/// The help's state: how far it is scrolled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    /// The first row shown.
    pub scroll: usize,
}

/// One row of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    /// A blank line between contexts.
    Blank,
    /// A context's heading.
    Heading(Context),
    /// The keys bound to one action in a context, and what it does.
    Keys(String, Msg),
}

/// The help's rows: a heading per context, then `keys  action`; the keys
/// of one action are listed together.
pub fn rows(keymap: &Keymap) -> Vec<HelpRow> {
    let mut out = Vec::new();
    for ctx in Context::ALL {
        let mut seen: Vec<(String, Msg)> = Vec::new();
        for b in keymap.bindings().iter().filter(|b| b.context == ctx) {
            let msg = labels::action(&b.action);
            match seen.iter_mut().find(|(_, m)| *m == msg) {
                Some((keys, _)) => keys.push_str(&format!(", {}", b.key)),
                None => seen.push((b.key.to_string(), msg)),
            }
        }
        if seen.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(HelpRow::Blank);
        }
        out.push(HelpRow::Heading(ctx));
        out.extend(seen.into_iter().map(|(k, m)| HelpRow::Keys(k, m)));
    }
    out
}

impl App {
    /// The furthest the help scrolls: its last row at the bottom of the box.
    pub fn help_max_scroll(&self) -> usize {
        rows(&self.keymap)
            .len()
            .saturating_sub(layout::detail_rows(self.size))
    }

    pub(super) fn update_help(&mut self, mut h: Help, action: Action) -> Option<Help> {
        let end = self.help_max_scroll();
        let page = layout::detail_rows(self.size).max(1);
        h.scroll = match action {
            Action::Back | Action::Help | Action::Quit => return None,
            Action::Up => h.scroll.saturating_sub(1),
            Action::Down => h.scroll + 1,
            Action::PageUp => h.scroll.saturating_sub(page),
            Action::PageDown => h.scroll + page,
            Action::Home => 0,
            Action::End => end,
            _ => h.scroll,
        }
        .min(end);
        Some(h)
    }
}
