//! The demo data set, built from the five source articles in `shared/seeds/`
//! (and the 2025 province mergers named in the domain notes). Every record
//! carries the article it came from. What an article leaves out stays blank:
//! a blank is honest, a guess is not.
//!
//! One practice exercise (`practice.rs`) is added so that scoring, ballots and
//! ranking can be tried; every record of it is marked illustrative.

mod cluster4;
mod cluster8;
mod coordination;
mod mergers;
mod northern;
mod practice;
mod practice_meeting;
mod schools;

use crate::domain::*;
use crate::store::{Store, StoreError};
use std::collections::HashMap;

/// The author recorded in the audit log for demo records.
pub const ACTOR: &str = "demo";

/// The source articles: handle, title as published.
pub const ARTICLES: [(&str, &str); 5] = [
    (
        "000",
        "Cụm thi đua các trường Chính trị khu vực Đồng bằng Sông Hồng tổ chức toạ đàm khoa học và tổng kết hoạt động thi đua năm 2022 (14/11/2022)",
    ),
    (
        "001",
        "Cụm thi đua Trường Chính trị các tỉnh Đồng bằng sông Hồng tổng kết 5 năm hoạt động (Báo Hà Nam điện tử)",
    ),
    (
        "002",
        "Tổng kết cụm thi đua các Trường Chính trị khu vực miền núi biên giới phía Bắc (Điện Biên TV, 23/11/2023)",
    ),
    (
        "003",
        "Hội nghị tổng kết phong trào thi đua năm 2019 Cụm thi đua số 8 các Trường Chính trị miền Đông Nam Bộ",
    ),
    (
        "004",
        "Trường Chính trị Hoàng Văn Thụ: Hội nghị công tác phối hợp đào tạo, bồi dưỡng với Trung tâm Chính trị các huyện (10/02/2023)",
    ),
];

/// A source reference to an article, with a note on what it states.
pub(crate) fn src(doc: &str, note: &str) -> Source {
    Source::new(doc, note)
}

/// A date known to be valid; the demo's dates are all real calendar dates,
/// so a refused one is a bug in this file, reported rather than panicking.
pub(crate) fn date(d: u8, m: u8, y: u16) -> Result<Date, StoreError> {
    Date::new(y, m, d).map_err(|e| StoreError::Invalid(format!("demo data: {e}")))
}

/// Ids of the demo's records, by short handles, for the article loaders.
pub(crate) struct Loader<'a> {
    pub store: &'a Store,
    pub schools: HashMap<&'static str, SchoolId>,
    pub people: HashMap<&'static str, PersonId>,
}

impl Loader<'_> {
    /// The school with a handle, which `schools.rs` must have created.
    pub fn school(&self, handle: &str) -> Result<SchoolId, StoreError> {
        self.schools
            .get(handle)
            .copied()
            .ok_or_else(|| StoreError::Invalid(format!("demo data: no school `{handle}`")))
    }

    /// Adds a person once, by full name.
    pub fn person(
        &mut self,
        name: &'static str,
        school: Option<&str>,
        organisation: &str,
        source: Source,
    ) -> Result<PersonId, StoreError> {
        if let Some(id) = self.people.get(name) {
            return Ok(*id);
        }
        let mut p = Person::new(name);
        p.school = school.map(|h| self.school(h)).transpose()?;
        p.organisation = organisation.to_string();
        p.sources = vec![source];
        let id = self.store.insert(ACTOR, p)?;
        self.people.insert(name, id);
        Ok(id)
    }

    /// A chair or guest who is a named person.
    pub fn participant(&self, person: PersonId, title: &str, organisation: &str) -> Participant {
        Participant {
            person: Some(person),
            title: title.to_string(),
            organisation: organisation.to_string(),
        }
    }
}

/// An attending organisation whose people are not named.
pub(crate) fn organisation_only(title: &str, organisation: &str) -> Participant {
    Participant {
        person: None,
        title: title.to_string(),
        organisation: organisation.to_string(),
    }
}

/// An award proposal made at a meeting.
pub(crate) fn proposal(
    kind: AwardKind,
    recipient: SchoolId,
    year: u16,
    cluster: ClusterId,
    meeting: MeetingId,
    source: Source,
) -> Award {
    Award {
        kind,
        recipient,
        year,
        cluster: Some(cluster),
        status: AwardStatus::Proposed,
        proposed_at: Some(meeting),
        decision: None,
        illustrative: false,
        sources: vec![source],
    }
}

/// Loads the whole demo data set into an empty store.
pub fn load(store: &Store) -> Result<(), StoreError> {
    let mut l = Loader {
        store,
        schools: HashMap::new(),
        people: HashMap::new(),
    };
    schools::load(&mut l)?;
    mergers::load(&mut l)?;
    cluster8::load(&mut l)?;
    cluster4::load(&mut l)?;
    northern::load(&mut l)?;
    coordination::load(&mut l)?;
    practice::load(&mut l)?;
    Ok(())
}
