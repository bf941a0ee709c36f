//! Forms: a list of fields, one focused, edited by named actions. Each
//! record kind has an adapter (`school.rs`, …) that builds the fields from a
//! record and reads them back, keeping every field the form does not show.

mod award;
mod ballot;
mod cluster;
mod edit;
mod field;
mod meeting;
mod members;
mod person;
mod proceedings;
mod school;
mod sheet;
mod table;
mod term;

pub use field::{AboutKind, Field, FieldKind, RefKind};
pub use proceedings::reshape;
pub use table::{RowKind, copy_source, fill_from, mark_problems};

use super::data::Data;
use super::undo::AnyRecord;
use crate::domain::*;
use crate::i18n::{Lang, Msg, tr};

/// What a form creates or edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A school (new when `None`).
    School(Option<SchoolId>),
    /// A cluster.
    Cluster(Option<ClusterId>),
    /// A term of a cluster.
    Term(Option<TermId>, ClusterId),
    /// A meeting.
    Meeting(Option<MeetingId>),
    /// A person.
    Person(Option<PersonId>),
    /// An award.
    Award(Option<AwardId>),
    /// A ballot of a cluster and year.
    Ballot(Option<BallotId>, ClusterId, u16),
    /// A new score sheet.
    Sheet,
    /// A criteria table (new when `None`); `true`: the score sheet of its
    /// cluster and year is created once it is saved (a sheet was started
    /// with no table to use).
    Table(Option<TableId>, bool),
    /// The member list of a score sheet.
    Members(SheetId),
}

/// A record read back from a form, ready to save.
#[derive(Debug, Clone, PartialEq)]
pub enum Built {
    /// A school.
    School(School),
    /// A cluster.
    Cluster(Cluster),
    /// A term.
    Term(Term),
    /// A meeting.
    Meeting(Meeting),
    /// A person.
    Person(Person),
    /// An award.
    Award(Award),
    /// A ballot.
    Ballot(Ballot),
    /// A new sheet for a cluster and year.
    Sheet(ClusterId, u16),
    /// A criteria table, with the reason typed (an amendment's, when a
    /// locked sheet uses it).
    Table(CriteriaTable, String),
    /// A sheet's corrected member list, with the reason.
    Members(SheetId, Vec<SchoolId>, String),
}

/// An open form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// What it edits.
    pub target: Target,
    /// Its fields, top to bottom.
    pub fields: Vec<Field>,
    /// The focused field.
    pub focus: usize,
    /// Whether anything was changed since it opened.
    pub dirty: bool,
    /// A message for the whole form (e.g. the store refused the save).
    pub message: Option<String>,
    /// The record as it was when the form opened: saving over a version
    /// someone else saved since is refused rather than undoing theirs.
    pub opened: Option<AnyRecord>,
}

impl Form {
    /// The form for a target, filled from the record when it exists.
    pub fn open(target: Target, data: &Data) -> Form {
        let fields = match &target {
            Target::School(id) => school::fields(id.and_then(|i| data.schools.get(&i)), data),
            Target::Cluster(id) => cluster::fields(id.and_then(|i| data.clusters.get(&i)), data),
            Target::Term(id, cluster) => {
                term::fields(id.and_then(|i| data.terms.get(&i)), *cluster, data)
            }
            Target::Meeting(id) => meeting::fields(id.and_then(|i| data.meetings.get(&i)), data),
            Target::Person(id) => person::fields(id.and_then(|i| data.people.get(&i)), data),
            Target::Award(id) => award::fields(id.and_then(|i| data.awards.get(&i)), data),
            Target::Ballot(id, cluster, year) => {
                let b = id.and_then(|i| data.ballots.get(&i));
                let q = b.map_or(Question::Flag, |b| b.question.clone());
                ballot::fields(b, &q, *cluster, *year, data)
            }
            Target::Sheet => sheet::fields(data),
            Target::Table(id, _) => {
                let t = id.and_then(|i| data.tables.get(&i));
                table::fields(t, t.and_then(|t| t.cluster), t.map(|t| t.year))
            }
            Target::Members(_) => members::fields(),
        };
        let opened = opened_of(&target, data);
        let mut form = Form {
            target,
            fields,
            focus: 0,
            dirty: false,
            message: None,
            opened,
        };
        reshape(&mut form, data);
        form
    }

    /// The form's title.
    pub fn title(&self) -> Msg {
        let new = match &self.target {
            Target::School(id) => id.is_none(),
            Target::Cluster(id) => id.is_none(),
            Target::Term(id, _) => id.is_none(),
            Target::Meeting(id) => id.is_none(),
            Target::Person(id) => id.is_none(),
            Target::Award(id) => id.is_none(),
            Target::Table(id, _) => id.is_none(),
            Target::Ballot(..) | Target::Sheet | Target::Members(_) => true,
        };
        match (&self.target, new) {
            (Target::School(_), true) => Msg::FormNewSchool,
            (Target::School(_), false) => Msg::FormEditSchool,
            (Target::Cluster(_), true) => Msg::FormNewCluster,
            (Target::Cluster(_), false) => Msg::FormEditCluster,
            (Target::Term(..), true) => Msg::FormNewTerm,
            (Target::Term(..), false) => Msg::FormEditTerm,
            (Target::Meeting(_), true) => Msg::FormNewMeeting,
            (Target::Meeting(_), false) => Msg::FormEditMeeting,
            (Target::Person(_), true) => Msg::FormNewPerson,
            (Target::Person(_), false) => Msg::FormEditPerson,
            (Target::Award(_), true) => Msg::FormNewAward,
            (Target::Award(_), false) => Msg::FormEditAward,
            (Target::Ballot(..), _) => Msg::BallotTitle,
            (Target::Sheet, _) => Msg::NewSheet,
            (Target::Table(..), true) => Msg::FormNewTable,
            (Target::Table(..), false) => Msg::FormEditTable,
            (Target::Members(_), _) => Msg::FormMembers,
        }
    }

    /// The focused field.
    pub fn current(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub(crate) fn current_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    /// The field with a key.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Moves to the next field, wrapping.
    pub fn next_field(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    /// Moves to the previous field, wrapping.
    pub fn prev_field(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    /// The year the form's school picks are for: a membership's year, a
    /// term's, an award's. Typed before the pickers, it decides which
    /// schools they offer.
    fn year_of_picks(&self) -> Option<u16> {
        let key = match self.target {
            Target::Cluster(_) => "member_year",
            Target::Term(..) | Target::Award(_) => "year",
            _ => return None,
        };
        self.field(key).and_then(Field::year)
    }

    /// Recomputes the focused picker's candidates from its search text
    /// (see [`Field::find_candidates`]).
    pub fn refresh_candidates(&mut self, data: &Data) {
        let year = self.year_of_picks();
        if let Some(f) = self.current_mut() {
            f.find_candidates(data, year);
        }
    }

    /// Checks every field and reads the record back. On failure the fields
    /// carry their messages and the form stays open with the typing intact.
    pub fn build(&mut self, data: &Data, lang: Lang) -> Option<Built> {
        let mut ok = true;
        for f in &mut self.fields {
            ok &= f.validate(lang);
        }
        if !ok {
            self.message = Some(tr(lang, Msg::ErrFixFields).to_string());
            return None;
        }
        match self.target.clone() {
            Target::Table(id, _) => {
                let old = id.and_then(|i| data.tables.get(&i));
                return table::build(self, old, data, lang).map(|(t, r)| Built::Table(t, r));
            }
            Target::Members(id) => {
                let sheet = data.sheets.get(&id)?;
                return members::build(self, sheet, data, lang)
                    .map(|(s, r)| Built::Members(id, s, r));
            }
            _ => {}
        }
        let built = match &self.target {
            Target::School(id) => {
                school::build(self, id.and_then(|i| data.schools.get(&i)).cloned())
                    .map(Built::School)
            }
            Target::Cluster(id) => {
                cluster::build(self, id.and_then(|i| data.clusters.get(&i)).cloned())
                    .map(Built::Cluster)
            }
            Target::Term(id, c) => {
                term::build(self, id.and_then(|i| data.terms.get(&i)).cloned(), *c).map(Built::Term)
            }
            Target::Meeting(id) => {
                meeting::build(self, id.and_then(|i| data.meetings.get(&i)).cloned(), data)
                    .map(Built::Meeting)
            }
            Target::Person(id) => {
                person::build(self, id.and_then(|i| data.people.get(&i)).cloned())
                    .map(Built::Person)
            }
            Target::Award(id) => {
                award::build(self, id.and_then(|i| data.awards.get(&i)).cloned()).map(Built::Award)
            }
            Target::Ballot(id, cluster, year) => ballot::build(
                self,
                id.and_then(|i| data.ballots.get(&i)).cloned(),
                *cluster,
                *year,
            )
            .map(Built::Ballot),
            Target::Sheet => sheet::build(self).map(|(c, y)| Built::Sheet(c, y)),
            Target::Table(..) | Target::Members(_) => return None,
        };
        match built {
            Ok(b) => Some(b),
            Err((key, msg)) => {
                if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
                    f.error = Some(tr(lang, msg).to_string());
                }
                self.message = Some(tr(lang, Msg::ErrFixFields).to_string());
                None
            }
        }
    }
}

/// The name a picked record is shown by in its field.
pub fn picked_name(kind: RefKind, id: u64, data: &Data) -> String {
    match kind {
        RefKind::School => data
            .schools
            .get(&SchoolId(id))
            .map_or_else(|| format!("#{id}"), School::display_name),
        RefKind::Cluster => data.cluster_label(ClusterId(id)),
        RefKind::Person => data.person_name(PersonId(id)),
    }
}

/// Options of a choice field from (Vietnamese, English) pairs.
pub(crate) fn options(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, e)| (v.to_string(), e.to_string()))
        .collect()
}

/// A field pre-filled with picked records.
pub(crate) fn with_picks(mut f: Field, ids: impl IntoIterator<Item = u64>) -> Field {
    f.picked = ids.into_iter().collect();
    f
}

/// A choice field set to an option.
pub(crate) fn with_choice(mut f: Field, choice: usize) -> Field {
    f.choice = choice;
    f
}

/// The text of an optional value.
pub(crate) fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A failed read-back: the field key and the message.
pub(crate) type BuildError = (&'static str, Msg);

/// Re-fills a ballot form for the question now chosen, from the ballot
/// already recorded for it, so switching the question shows its counts.
pub fn refill_ballot(form: &mut Form, data: &Data) {
    if let Target::Ballot(_, cluster, year) = form.target {
        let q = form.field("question").map_or(0, |f| f.choice);
        let existing = ballot::existing(data, cluster, year, q);
        let focus = form.focus;
        let fields = ballot::fields(
            existing.as_ref().map(|(_, b)| b),
            &ballot::question(q),
            cluster,
            year,
            data,
        );
        form.fields = fields;
        if let Some(f) = form.fields.iter_mut().find(|f| f.key == "question") {
            f.choice = q;
        }
        form.target = Target::Ballot(existing.map(|(id, _)| id), cluster, year);
        // The record the save is checked against follows the question.
        form.opened = opened_of(&form.target, data);
        form.focus = focus;
    }
}

/// The record a target edits, as the snapshot has it.
fn opened_of(target: &Target, data: &Data) -> Option<AnyRecord> {
    match target {
        Target::School(Some(i)) => data.schools.get(i).cloned().map(AnyRecord::School),
        Target::Cluster(Some(i)) => data.clusters.get(i).cloned().map(AnyRecord::Cluster),
        Target::Term(Some(i), _) => data.terms.get(i).cloned().map(AnyRecord::Term),
        Target::Meeting(Some(i)) => data.meetings.get(i).cloned().map(AnyRecord::Meeting),
        Target::Person(Some(i)) => data.people.get(i).cloned().map(AnyRecord::Person),
        Target::Award(Some(i)) => data.awards.get(i).cloned().map(AnyRecord::Award),
        Target::Ballot(Some(i), ..) => data.ballots.get(i).cloned().map(AnyRecord::Ballot),
        Target::Table(Some(i), _) => data.tables.get(i).cloned().map(AnyRecord::Table),
        Target::Members(i) => data.sheets.get(i).cloned().map(AnyRecord::Sheet),
        _ => None,
    }
}

/// The picker of the cluster a record belongs to.
pub(crate) fn cluster_field(cluster: Option<ClusterId>) -> Field {
    with_picks(
        Field::new(
            "cluster",
            Msg::FieldCluster,
            FieldKind::Ref(RefKind::Cluster),
            "",
        ),
        cluster.map(|c| c.0),
    )
}

/// The two fields of a decision (number and date), filled from one.
pub(crate) fn decision_fields(d: Option<&Decision>) -> [Field; 2] {
    [
        Field::new(
            "decision",
            Msg::FieldDecisionNumber,
            FieldKind::Text,
            d.map_or("", |d| &d.number),
        ),
        Field::new(
            "decision_date",
            Msg::FieldDecisionDate,
            FieldKind::Date,
            &opt(d.and_then(|d| d.date)),
        ),
    ]
}

/// The decision the two fields describe, keeping the old one's issuer;
/// `None` when both are empty.
pub(crate) fn decision_from(
    form: &Form,
    old: Option<&Decision>,
) -> Result<Option<Decision>, BuildError> {
    let number = get(form, "decision")?.text();
    let date = get(form, "decision_date")?.date();
    if number.is_empty() && date.is_none() {
        return Ok(None);
    }
    let issuer = old.map_or_else(
        || "Học viện Chính trị quốc gia Hồ Chí Minh".to_string(),
        |d| d.issuer.clone(),
    );
    Ok(Some(Decision {
        number,
        date,
        issuer,
    }))
}

/// The ballot recorded for a question (by choice index), if any.
pub fn ballot_for(data: &Data, cluster: ClusterId, year: u16, question: usize) -> Option<BallotId> {
    ballot::existing(data, cluster, year, question).map(|(id, _)| id)
}

/// A cluster's members in a year, else in the latest year before it.
pub fn ballot_members(data: &Data, cluster: ClusterId, year: u16) -> Vec<SchoolId> {
    ballot::members(data, cluster, year)
}

/// A field by key; adapters only ask for keys they created.
pub(crate) fn get<'a>(form: &'a Form, key: &'static str) -> Result<&'a Field, BuildError> {
    form.field(key).ok_or((key, Msg::ErrRequired))
}
