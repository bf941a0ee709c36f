//! Failures at the edges (an export) in the user's language, from the
//! errors' structure rather than their English text.

use crate::i18n::{Lang, Msg, tr, trf};

/// Why an export could not be made.
pub fn export(lang: Lang, e: &crate::export::ExportError) -> String {
    use crate::export::ExportError as E;
    use crate::export::report::ReportError as R;
    match e {
        E::Report(R::NoSheet(cluster, year)) => trf(lang, Msg::ExportNoSheet, &[cluster, year]),
        E::Report(R::NoTable) => tr(lang, Msg::ExportNoTable).to_string(),
        E::Xlsx(_) => tr(lang, Msg::ExportWorkbook).to_string(),
        E::Io(e) => crate::i18n::errors::io(lang, e),
    }
}
