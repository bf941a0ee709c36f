//! A session's settings and the small enums every part of the app shares:
//! theme, save state, message level.

use crate::domain::access::Role;
use crate::i18n::Lang;

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// For dark terminals (the default): terminal colours plus 16-colour accents.
    #[default]
    Dark,
    /// For light backgrounds.
    Light,
    /// Black and white with bold, for projectors.
    HighContrast,
}

impl ThemeName {
    /// The next theme, for the switch key.
    pub fn next(self) -> ThemeName {
        match self {
            ThemeName::Dark => ThemeName::Light,
            ThemeName::Light => ThemeName::HighContrast,
            ThemeName::HighContrast => ThemeName::Dark,
        }
    }

    /// Parses `dark`, `light` or `contrast`.
    pub fn parse(s: &str) -> Option<ThemeName> {
        match s {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            "contrast" | "high-contrast" => Some(ThemeName::HighContrast),
            _ => None,
        }
    }
}

/// Whether the last change reached the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SaveState {
    /// Nothing changed in this session yet.
    #[default]
    Clean,
    /// The last write was flushed to disk.
    Saved,
    /// The last write failed; nothing was changed.
    Failed,
}

/// How serious a status message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Information.
    Info,
    /// Something was refused or failed.
    Error,
}

/// Settings of one session.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The language.
    pub lang: Lang,
    /// The theme.
    pub theme: ThemeName,
    /// Who is writing, for the audit log.
    pub actor: String,
    /// What this user may change; checked by the store on every write.
    pub role: Role,
    /// The database, as the status bar shows it.
    pub db_label: String,
}

/// The user behind a session's writes, owned so that a write can be made
/// while the app itself is borrowed mutably.
#[derive(Debug, Clone)]
pub struct Who {
    actor: String,
    role: Role,
}

impl Who {
    /// The user of these settings.
    pub fn of(settings: &Settings) -> Who {
        Who {
            actor: settings.actor.clone(),
            role: settings.role.clone(),
        }
    }

    /// The author of a write, with a reason for the audit log.
    pub fn author<'a>(&'a self, reason: &'a str) -> crate::store::Author<'a> {
        crate::store::Author {
            actor: &self.actor,
            reason,
            role: &self.role,
        }
    }
}

/// What an action asks of the terminal that runs the app, local or over
/// SSH: `update` returns them and the terminal loop carries them out, so
/// neither loop writes the app's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// The user asked to leave.
    pub quit: bool,
    /// Text to put on the user's clipboard (OSC 52), after drawing.
    pub clipboard: Option<String>,
}

impl Effects {
    /// Adds the effects of a later action.
    pub fn merge(&mut self, later: Effects) {
        self.quit |= later.quit;
        if later.clipboard.is_some() {
            self.clipboard = later.clipboard;
        }
    }
}
