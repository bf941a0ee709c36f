//! Exporting the sheet's cluster-year: asks what to write (↑/↓ go through
//! the sheet's formats and the conference's documents) and where,
//! suggesting a name; the export itself is a command.

use crate::app::App;
use crate::app::overlays::{Overlay, Prompt};
use crate::domain::access::Intent;

impl App {
    /// Asks where to write the export (the extension picks the format).
    pub(super) fn ask_export(&mut self) {
        if !self.allowed(Intent::WriteFile) {
            return;
        }
        let Some((_, sheet, _)) = self.current_sheet() else {
            return;
        };
        let label = crate::text::fold(&self.data.cluster_label(sheet.cluster)).replace(' ', "-");
        let stem = format!("{label}-{}", sheet.year);
        self.open(Overlay::Prompt(Prompt::export(&stem)));
    }
}
