//! Exporting the sheet's cluster-year: asks for the file, suggesting a
//! name; the export itself is a command.

use crate::app::App;
use crate::app::overlays::{Overlay, Prompt, PromptFor};
use crate::domain::access::Intent;
use crate::i18n::Msg;

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
        let name = format!("{label}-{}.xlsx", sheet.year);
        let p = Prompt::new(Msg::ExportFormat, PromptFor::ExportFile, &name);
        self.open(Overlay::Prompt(p));
    }
}
