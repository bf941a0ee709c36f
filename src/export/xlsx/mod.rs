//! The printable workbook: one sheet per view of the score grid (the
//! cluster's score, the self-scores, their difference), the ballots and the
//! conference's outcomes. Every sheet prints on A4 landscape, one page wide,
//! with its title rows repeated and the illustrative mark on every page.
//! Totals are Excel formulas (with their values cached) that give exactly
//! thidua's totals, the bonus cap and penalties included, so the numbers
//! stay right when a secretary corrects a cell in Excel.

mod ballots;
mod grid;
mod layout;
mod outcomes;
mod page;
mod styles;

use super::report::SheetReport;
use crate::i18n::{Lang, Msg, tr};
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

/// The workbook's sheets, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The cluster's agreed scores, with totals and ranks.
    Cluster,
    /// Each school's own scores, with totals.
    SelfScore,
    /// Self score minus the cluster's, cell by cell.
    Diff,
    /// The ballots of the year.
    Ballots,
    /// Ranking, proposals, next year's head and deputies, amendments.
    Outcomes,
}

impl Tab {
    /// Every sheet, in order.
    pub const ALL: [Tab; 5] = [
        Tab::Cluster,
        Tab::SelfScore,
        Tab::Diff,
        Tab::Ballots,
        Tab::Outcomes,
    ];

    /// The sheet's name in a language, accents kept.
    pub fn name(self, lang: Lang) -> String {
        let msg = match self {
            Tab::Cluster => Msg::WbTabCluster,
            Tab::SelfScore => Msg::WbTabSelf,
            Tab::Diff => Msg::WbTabDiff,
            Tab::Ballots => Msg::WbTabBallots,
            Tab::Outcomes => Msg::WbTabOutcomes,
        };
        sheet_name(tr(lang, msg))
    }
}

/// The longest sheet name Excel accepts, in UTF-16 units.
pub const MAX_SHEET_NAME: usize = 31;

/// A name Excel accepts for a sheet, from any text: `[ ] : * ? / \` become
/// `-`, control characters go, no apostrophe at either end, at most 31
/// UTF-16 units (cut on a character boundary), never empty. Accents stay,
/// composed (NFC), so `Cụm chấm` is 8 characters, not 11.
pub fn sheet_name(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut units = 0;
    for c in text.nfc() {
        let c = match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
            c if c.is_control() => continue,
            c => c,
        };
        if units + c.len_utf16() > MAX_SHEET_NAME {
            break;
        }
        units += c.len_utf16();
        out.push(c);
    }
    let trimmed = out.trim().trim_matches('\'').trim();
    if trimmed.is_empty() {
        "-".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Writes the report as XLSX bytes.
pub fn write(r: &SheetReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let names = Tab::ALL.map(|t| t.name(lang));
    let layout = layout::Layout::of(r);
    for view in [grid::View::Cluster, grid::View::SelfScore, grid::View::Diff] {
        grid::write(wb.add_worksheet(), r, lang, &layout, view, &names)?;
    }
    ballots::write(wb.add_worksheet(), r, lang, &names)?;
    outcomes::write(wb.add_worksheet(), r, lang, &layout, &names)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{} · {} · {}",
                tr(lang, Msg::SheetTitle),
                r.cluster_label,
                r.year
            ))
            .set_comment(super::report::audit_line(r, lang)),
    );
    wb.save_to_buffer()
}
