//! The criteria-table form's two sources: Ctrl-L fills it from the latest
//! earlier table, Ctrl-O asks for a CSV file and fills it from that (read
//! and checked as `thidua criteria import` reads it). Nothing is written
//! until the form is saved.

use crate::app::App;
use crate::app::form::{Field, Form, copy_source, fill_from};
use crate::app::overlays::{Overlay, Prompt, PromptFor};
use crate::domain::ClusterId;
use crate::domain::access::Intent;
use crate::export::criteria;
use crate::i18n::{Msg, trf};
use std::io::Read;

impl App {
    /// Fills the form from the latest earlier table of its cluster (or
    /// the Academy's), else of any cluster; says which.
    pub(super) fn copy_table(&mut self, form: &mut Form) {
        let Some(year) = form.field("year").and_then(Field::year) else {
            return self.error(self.t(Msg::ErrTableYearFirst).to_string());
        };
        let cluster = form.field("cluster").and_then(Field::one).map(ClusterId);
        let lang = self.settings.lang;
        match copy_source(&self.data, cluster, year).cloned() {
            Some(t) => {
                fill_from(form, &t);
                self.info(trf(lang, Msg::TableCopiedFrom, &[&t.title, &t.year]));
            }
            None => self.error(trf(lang, Msg::TableNothingToCopy, &[&year])),
        }
    }

    /// Asks for the CSV file to fill the form from. Reading files where
    /// the program runs is for an admin.
    pub(super) fn ask_table_csv(&mut self, form: &Form) {
        if form.field("year").and_then(Field::year).is_none() {
            return self.error(self.t(Msg::ErrTableYearFirst).to_string());
        }
        if !self.allowed(Intent::ReadFile) {
            return;
        }
        let p = Prompt::new(Msg::PromptTableCsv, PromptFor::TableCsv, "");
        self.open(Overlay::Prompt(p));
    }

    /// Reads the CSV file at `path` into the open table form (the one under
    /// the prompt); or every problem, joined, for the prompt to show.
    pub(super) fn read_table_csv(&mut self, path: &str) -> Result<(), String> {
        let lang = self.settings.lang;
        let Some(Overlay::Form(form)) = self.overlays.top_mut() else {
            return Err(self.t(Msg::ErrTableYearFirst).to_string());
        };
        let year = form.field("year").and_then(Field::year).unwrap_or(0);
        let cluster = form.field("cluster").and_then(Field::one).map(ClusterId);
        let file = crate::app::command::full_path(path);
        let io = |e: std::io::Error| crate::i18n::errors::io_at(lang, &file, &e);
        let mut bytes = Vec::new();
        std::fs::File::open(&file)
            .map_err(io)?
            .take(criteria::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        match criteria::import(&bytes, year, cluster) {
            Ok(imported) => {
                fill_from(form, &imported.table);
                let read_as = trf(lang, Msg::CsvReadAs, &[&imported.encoding.name()]);
                self.info(trf(lang, Msg::TableCsvRead, &[&path, &read_as]));
                Ok(())
            }
            Err(e) => Err(e
                .problems
                .iter()
                .map(|p| p.message(lang))
                .collect::<Vec<_>>()
                .join(" · ")),
        }
    }
}
