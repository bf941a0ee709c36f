//! Every user-facing string, in Vietnamese (the default) and English, in one
//! table. Code names a [`Msg`]; [`tr`] gives the text in a language.

pub mod academy;
pub mod criteria;
pub mod errors;
#[macro_use]
mod messages;
#[macro_use]
mod table_papers;
#[macro_use]
mod table_workbook;
#[macro_use]
mod table_forms;
#[macro_use]
mod table_remote;
#[macro_use]
mod table_files;
#[macro_use]
mod table_editor;
#[macro_use]
mod table_bundle;
#[macro_use]
mod table_registry;
#[macro_use]
mod table_academy;
pub mod names;
pub mod score_forms;
mod table;
pub mod time;
pub mod users;

pub use table::Msg;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Parses `vi` or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, for the switch key.
    pub fn toggled(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

/// The text of a message in a language.
pub fn tr(lang: Lang, msg: Msg) -> &'static str {
    let (vi, en) = msg.texts();
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The text of a message with its `{}` placeholders filled in order, so
/// each language puts the numbers where its grammar wants them. Missing
/// arguments leave the placeholder empty; extra ones are ignored.
pub fn trf(lang: Lang, msg: Msg, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut parts = tr(lang, msg).split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        if let Some(a) = args.next() {
            out.push_str(&a.to_string());
        }
        out.push_str(part);
    }
    out
}
