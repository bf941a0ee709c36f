//! Colour themes. Only the 16 ANSI colours and text attributes are used, so
//! every theme works on a 16-colour terminal; the dark theme keeps the
//! terminal's own foreground and background.

use crate::app::ThemeName;
use ratatui::style::{Color, Modifier, Style};

/// The styles a view draws with.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Ordinary text.
    pub base: Style,
    /// Secondary text.
    pub dim: Style,
    /// Headings and labels.
    pub heading: Style,
    /// The selected row where the keyboard is.
    pub selected: Style,
    /// The selected row elsewhere.
    pub selected_idle: Style,
    /// Borders.
    pub border: Style,
    /// The border where the keyboard is.
    pub border_focus: Style,
    /// Errors and refusals.
    pub error: Style,
    /// "Saved".
    pub ok: Style,
    /// The illustrative mark.
    pub illustrative: Style,
    /// An empty score cell.
    pub empty: Style,
    /// Keys in the key bar and help.
    pub key: Style,
    /// The active tab.
    pub tab: Style,
}

impl Theme {
    /// The styles of a theme.
    pub fn of(name: ThemeName) -> Theme {
        let plain = Style::default();
        let bold = Modifier::BOLD;
        match name {
            ThemeName::Dark => Theme {
                base: plain,
                dim: plain.fg(Color::DarkGray),
                heading: plain.fg(Color::Cyan).add_modifier(bold),
                selected: plain.add_modifier(Modifier::REVERSED),
                selected_idle: plain.add_modifier(Modifier::UNDERLINED),
                border: plain.fg(Color::DarkGray),
                border_focus: plain.fg(Color::Cyan),
                error: plain.fg(Color::Red).add_modifier(bold),
                ok: plain.fg(Color::Green),
                illustrative: plain.fg(Color::Magenta).add_modifier(Modifier::ITALIC),
                empty: plain.fg(Color::Black).bg(Color::Yellow),
                key: plain.fg(Color::Yellow).add_modifier(bold),
                tab: plain.add_modifier(bold | Modifier::REVERSED),
            },
            // No yellow or cyan text: both vanish on a white background.
            ThemeName::Light => Theme {
                base: plain.fg(Color::Black),
                dim: plain.fg(Color::DarkGray),
                heading: plain.fg(Color::Blue).add_modifier(bold),
                selected: plain.fg(Color::White).bg(Color::Blue),
                selected_idle: plain.add_modifier(Modifier::UNDERLINED),
                border: plain.fg(Color::DarkGray),
                border_focus: plain.fg(Color::Blue),
                error: plain.fg(Color::Red).add_modifier(bold),
                ok: plain.fg(Color::Green).add_modifier(bold),
                illustrative: plain.fg(Color::Magenta).add_modifier(Modifier::ITALIC),
                empty: plain.fg(Color::Black).bg(Color::LightYellow),
                key: plain.fg(Color::Blue).add_modifier(bold),
                tab: plain.fg(Color::White).bg(Color::Blue).add_modifier(bold),
            },
            ThemeName::HighContrast => Theme {
                base: plain.fg(Color::White).bg(Color::Black),
                dim: plain.fg(Color::White).bg(Color::Black),
                heading: plain
                    .fg(Color::White)
                    .bg(Color::Black)
                    .add_modifier(bold | Modifier::UNDERLINED),
                selected: plain.fg(Color::Black).bg(Color::White).add_modifier(bold),
                selected_idle: plain
                    .fg(Color::White)
                    .bg(Color::Black)
                    .add_modifier(Modifier::UNDERLINED),
                border: plain.fg(Color::White).bg(Color::Black),
                border_focus: plain.fg(Color::White).bg(Color::Black).add_modifier(bold),
                error: plain.fg(Color::Black).bg(Color::White).add_modifier(bold),
                ok: plain.fg(Color::White).bg(Color::Black).add_modifier(bold),
                illustrative: plain
                    .fg(Color::White)
                    .bg(Color::Black)
                    .add_modifier(Modifier::ITALIC),
                empty: plain.fg(Color::Black).bg(Color::White),
                key: plain.fg(Color::White).bg(Color::Black).add_modifier(bold),
                tab: plain.fg(Color::Black).bg(Color::White).add_modifier(bold),
            },
        }
    }
}
