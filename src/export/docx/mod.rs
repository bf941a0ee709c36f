//! The conference's documents as Word files (.docx): the minutes (biên
//! bản hội nghị tổng kết), the ballot-count minutes (biên bản kiểm phiếu),
//! the proposal to the Academy (tờ trình) and blank ballot papers (phiếu
//! bầu), laid out after Nghị định 30/2020/NĐ-CP. The WordprocessingML is
//! written by hand into the zip the build already has (why: docs/decisions.md).

mod ballots;
pub mod facts;
mod layout;
mod minutes;
pub mod package;
mod proposal;
mod tally;
pub mod xml;

pub use ballots::per_page;
pub use facts::Facts;

use super::ExportError;
use crate::app::data::Data;
use crate::domain::ClusterId;
use crate::i18n::{Lang, Msg, tr};

/// A document of a cluster's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// Biên bản hội nghị tổng kết.
    Minutes,
    /// Biên bản kiểm phiếu, one per vote.
    Tally,
    /// Tờ trình to the Academy.
    Proposal,
    /// Blank ballot papers.
    Ballots,
}

impl Document {
    /// Every document, in the order they are offered.
    pub const ALL: [Document; 4] = [
        Document::Minutes,
        Document::Tally,
        Document::Proposal,
        Document::Ballots,
    ];

    /// Its name in a language.
    pub fn name(self, lang: Lang) -> &'static str {
        tr(
            lang,
            match self {
                Document::Minutes => Msg::DocMinutes,
                Document::Tally => Msg::DocTally,
                Document::Proposal => Msg::DocProposal,
                Document::Ballots => Msg::DocBallots,
            },
        )
    }

    /// The end of a suggested file name (`cum-4-2024-bien-ban.docx`).
    pub fn file_stem(self) -> &'static str {
        match self {
            Document::Minutes => "bien-ban",
            Document::Tally => "kiem-phieu",
            Document::Proposal => "to-trinh",
            Document::Ballots => "phieu-bau",
        }
    }
}

/// The .docx bytes of a document of a cluster's year, from the snapshot.
/// The minutes and the proposal need the year's score sheet; the tally
/// and the ballot papers need only the cluster.
pub fn render(
    data: &Data,
    cluster: ClusterId,
    year: u16,
    doc: Document,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    let facts = Facts::gather(data, cluster, year, lang)?;
    let body = match doc {
        Document::Minutes => minutes::write(&facts, facts.report()?),
        Document::Tally => tally::write(&facts),
        Document::Proposal => proposal::write(&facts, facts.report()?),
        Document::Ballots => ballots::write(&facts),
    };
    let title = format!("{} · {} · {year}", doc.name(lang), facts.cluster.label());
    let mark = facts.illustrative.then(|| tr(lang, Msg::PpIllustrative));
    let tag = match lang {
        Lang::Vi => "vi-VN",
        Lang::En => "en-GB",
    };
    Ok(package::package(&body, &title, mark, tag)?)
}
