//! Exporting the current sheet's cluster-year to a file; the extension
//! picks the format.

use crate::app::App;
use crate::export::Format;
use crate::i18n::Msg;
use std::path::Path;

impl App {
    /// Writes the export (atomically) and says where; or why not.
    pub(super) fn export_to(&self, file: &str) -> Result<String, String> {
        let Some((_, sheet, _)) = self.current_sheet() else {
            return Err(self.t(Msg::NoSheetSelected).to_string());
        };
        let lower = file.to_lowercase();
        let format = if lower.ends_with(".csv") {
            Format::Csv
        } else if lower.ends_with(".xlsx") {
            Format::Xlsx
        } else if lower.ends_with(".md") {
            Format::Minutes
        } else {
            return Err(self.t(Msg::UnknownFormat).to_string());
        };
        let lang = self.settings.lang;
        let bytes = crate::export::render(&self.data, sheet.cluster, sheet.year, format, lang)
            .map_err(|e| crate::explain::failures::export(lang, &e))?;
        crate::export::write_atomically(Path::new(file), &bytes)
            .map_err(|e| crate::i18n::errors::io_at(lang, Path::new(file), &e))?;
        Ok(format!("{} {file}", self.t(Msg::Written)))
    }
}
