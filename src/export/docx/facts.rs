//! What the documents of a cluster's year are written from: the sheet's
//! report (the same one every export uses), the cluster, its year-end
//! meeting and its proceedings, the year's table and the ballots counted
//! under its rule. Gathered once; the documents only lay it out.

use crate::app::data::Data;
use crate::domain::conference;
use crate::domain::tally::{Tally, TallyError, elected_marks, tally_seats};
use crate::domain::*;
use crate::export::report::{ReportError, SheetReport, build};
use crate::i18n::{Lang, Msg, tr, trf};

/// A dotted line to fill by hand, where a fact is not recorded.
pub const DOTS: &str = "……………………………";
/// A short dotted gap (an hour, a day).
pub const GAP: &str = "……";

/// One ballot and its count.
pub struct Counted<'a> {
    /// The ballot as stored.
    pub ballot: &'a Ballot,
    /// The seats its question fills (`None`: no limit).
    pub seats: Option<u32>,
    /// The count under the year's rule, or why it cannot be made.
    pub tally: Result<Tally, TallyError>,
    /// Per result in the tally's order: elected within the seats.
    pub elected: Vec<bool>,
}

/// Everything the documents of one cluster-year print.
pub struct Facts<'a> {
    /// The language of the documents.
    pub lang: Lang,
    /// The snapshot the facts come from.
    pub data: &'a Data,
    /// The cluster.
    pub cluster: &'a Cluster,
    /// Its id.
    pub cluster_id: ClusterId,
    /// The year.
    pub year: u16,
    /// The sheet's report, when the year has a sheet.
    pub report: Option<SheetReport>,
    /// The year's criteria table.
    pub table: Option<&'a CriteriaTable>,
    /// The year-end meeting.
    pub meeting: Option<&'a Meeting>,
    /// The ballots in their fixed order (flag, certificates, head, deputies).
    pub ballots: Vec<Counted<'a>>,
    /// Practice data: every page carries the mark.
    pub illustrative: bool,
    empty: Proceedings,
}

impl<'a> Facts<'a> {
    /// Gathers the facts of a cluster's year from the snapshot.
    pub fn gather(
        data: &'a Data,
        cluster_id: ClusterId,
        year: u16,
        lang: Lang,
    ) -> Result<Facts<'a>, ReportError> {
        let cluster = data
            .clusters
            .get(&cluster_id)
            .ok_or_else(|| ReportError::NoSheet(data.cluster_label(cluster_id), year))?;
        let report = match build(data, cluster_id, year, lang) {
            Ok(r) => Some(r),
            Err(ReportError::NoSheet(..)) => None,
            Err(e) => return Err(e),
        };
        let table = conference::sheet_of(&data.sheets, cluster_id, year)
            .and_then(|(_, s)| data.tables.get(&s.table))
            .or_else(|| conference::table_for(&data.tables, cluster_id, year).map(|(_, t)| t));
        let meeting =
            conference::year_end_meeting(&data.meetings, cluster_id, year).map(|(_, m)| m);
        let ballots = conference::ballots_of(&data.ballots, cluster_id, year)
            .into_iter()
            .map(|(_, b)| {
                let seats = conference::seats(table, &b.question);
                let rule = table.map(|t| t.vote_rule.clone()).unwrap_or_default();
                let tally = tally_seats(b, &rule, seats);
                let elected = tally
                    .as_ref()
                    .map(|t| elected_marks(t, seats))
                    .unwrap_or_default();
                Counted {
                    ballot: b,
                    seats,
                    tally,
                    elected,
                }
            })
            .collect::<Vec<_>>();
        let illustrative = cluster.illustrative
            || report.as_ref().is_some_and(|r| r.illustrative)
            || meeting.is_some_and(|m| m.illustrative)
            || ballots.iter().any(|c| c.ballot.illustrative);
        Ok(Facts {
            lang,
            data,
            cluster,
            cluster_id,
            year,
            report,
            table,
            meeting,
            ballots,
            illustrative,
            empty: Proceedings::default(),
        })
    }

    /// The sheet's report, or why a document that needs it cannot be made.
    pub fn report(&self) -> Result<&SheetReport, ReportError> {
        self.report
            .as_ref()
            .ok_or_else(|| ReportError::NoSheet(self.cluster.label(), self.year))
    }

    /// The year-end meeting's proceedings (empty when there is no meeting).
    pub fn proceedings(&self) -> &Proceedings {
        self.meeting.map_or(&self.empty, |m| &m.proceedings)
    }

    /// A message in the documents' language.
    pub fn t(&self, m: Msg) -> &'static str {
        tr(self.lang, m)
    }

    /// A message with its placeholders filled.
    pub fn f(&self, m: Msg, args: &[&dyn std::fmt::Display]) -> String {
        trf(self.lang, m, args)
    }

    /// A participant as the minutes name them: name and title at the time,
    /// else the title and organisation when the person is not named.
    pub fn person(&self, p: &Participant) -> String {
        let role = [p.title.as_str(), p.organisation.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>();
        let role = match role.as_slice() {
            // A title often names its organisation already.
            [t, o] if crate::text::fold(t).contains(&crate::text::fold(o)) => (*t).to_string(),
            parts => parts.join(", "),
        };
        match p.person.map(|id| self.data.person_name(id)) {
            Some(name) if role.is_empty() => name,
            Some(name) => self.f(Msg::PpPersonWithTitle, &[&name, &role]),
            None if role.is_empty() => DOTS.to_string(),
            None => role,
        }
    }

    /// Only the name of a participant (for a signature), or a dotted line.
    pub fn name(&self, p: Option<&Participant>) -> String {
        p.and_then(|p| p.person)
            .map_or_else(|| DOTS.to_string(), |id| self.data.person_name(id))
    }

    /// A school's official name.
    pub fn school(&self, id: SchoolId) -> String {
        self.data.school_name(id)
    }

    /// The cluster as its papers name it: "Cụm thi đua số 4" or its name.
    pub fn cluster_name(&self) -> String {
        if self.cluster.name.is_empty() {
            self.cluster.label()
        } else {
            self.cluster.name.clone()
        }
    }

    /// The conference as a title names it: the meeting's own title, else
    /// its kind.
    pub fn meeting_title(&self) -> String {
        match self.meeting {
            Some(m) if !m.title.is_empty() => m.title.clone(),
            Some(m) => crate::i18n::names::meeting(self.lang, m.kind).to_string(),
            None => crate::i18n::names::meeting(self.lang, MeetingKind::YearEndReview).to_string(),
        }
    }

    /// "ngày 06 tháng 12 năm 2024", or dotted.
    pub fn day(&self, d: Option<Date>) -> String {
        match d {
            Some(d) => self.f(
                Msg::PpDayMonthYear,
                &[
                    &format!("{:02}", d.day),
                    &format!("{:02}", d.month),
                    &d.year,
                ],
            ),
            None => self.f(Msg::PpDayMonthYear, &[&GAP, &GAP, &GAP]),
        }
    }

    /// "08 giờ 00", or dotted.
    pub fn clock(&self, c: Option<Clock>) -> String {
        match c {
            Some(c) => self.f(
                Msg::PpClock,
                &[&format!("{:02}", c.hour), &format!("{:02}", c.minute)],
            ),
            None => self.f(Msg::PpClock, &[&GAP, &GAP]),
        }
    }

    /// The place a document is dated at: the host school's province, else
    /// dotted.
    pub fn place(&self) -> String {
        self.meeting
            .and_then(|m| m.host)
            .and_then(|h| self.data.schools.get(&h))
            .map(|s| s.province.clone())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| DOTS.to_string())
    }

    /// A share of votes as a percentage with one decimal ("83,3%").
    pub fn share(&self, votes: u32, base: u32) -> String {
        if base == 0 {
            return GAP.to_string();
        }
        let tenths = (u64::from(votes) * 1000 + u64::from(base) / 2) / u64::from(base);
        let sep = match self.lang {
            Lang::Vi => ',',
            Lang::En => '.',
        };
        format!("{}{sep}{}%", tenths / 10, tenths % 10)
    }
}

/// A text, or a dotted line when it is empty.
pub fn or_dots(s: &str) -> String {
    if s.trim().is_empty() {
        DOTS.to_string()
    } else {
        s.to_string()
    }
}
