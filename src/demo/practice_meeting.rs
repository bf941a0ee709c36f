//! The practice exercise's year-end conference: the hours, venue, chair,
//! secretary, vote-counting committee, delegations and document numbers
//! that the minutes, the ballot-count minutes and the proposal print.
//! Every fact here is invented for practice and marked so; the historical
//! meetings keep only what their articles say.

use super::practice::MARK;
use super::{ACTOR, Loader, date};
use crate::domain::*;
use crate::store::StoreError;

/// The practice people: (name, school index, title at the time).
const PEOPLE: [(&str, usize, &str); 6] = [
    ("Nguyễn Văn An", 5, "Hiệu trưởng"),
    ("Lê Thị Bình", 5, "Chánh Văn phòng"),
    ("Phạm Văn Cường", 0, "Phó Hiệu trưởng"),
    ("Hoàng Thị Dung", 1, "Trưởng phòng Tổ chức - Hành chính"),
    ("Vũ Văn Em", 2, "Phó Trưởng phòng Đào tạo"),
    ("Đỗ Thị Giang", 3, "Hiệu trưởng"),
];

/// Delegates each practice school sent, in school order.
const DELEGATES: [u32; 6] = [3, 3, 2, 3, 2, 4];

fn paper(number: &str) -> Paper {
    Paper {
        parent: format!("Tỉnh ủy Tỉnh minh họa F ({MARK})"),
        issuer: "Trường Chính trị Minh họa F".to_string(),
        number: number.to_string(),
    }
}

/// Adds the practice conference of `year` for `cluster`, hosted by the
/// last of `schools`; returns its id for the ballots to refer to.
pub(super) fn load(
    l: &mut Loader<'_>,
    cluster: ClusterId,
    year: u16,
    schools: &[SchoolId],
) -> Result<MeetingId, StoreError> {
    let school = |i: usize| {
        schools
            .get(i)
            .copied()
            .ok_or_else(|| StoreError::Invalid("demo data: practice school missing".into()))
    };
    let mut people = Vec::new();
    for (name, s, title) in PEOPLE {
        let mut p = Person::new(&format!("{name} ({MARK})"));
        p.school = Some(school(s)?);
        p.sources = vec![Source::new(MARK, "Người giả định để luyện tập")];
        let id = l.store.insert(ACTOR, p)?;
        let organisation = l
            .store
            .get::<School>(school(s)?)?
            .map(|x| x.name)
            .unwrap_or_default();
        people.push(Participant {
            person: Some(id),
            title: title.to_string(),
            organisation,
        });
    }
    let who = |i: usize| {
        people
            .get(i)
            .cloned()
            .ok_or_else(|| StoreError::Invalid("demo data: practice person missing".into()))
    };
    let host = school(5)?;
    let mut m = Meeting::new(
        MeetingKind::YearEndReview,
        Some(year),
        &format!("Hội nghị tổng kết phong trào thi đua năm {year} ({MARK})"),
    );
    m.cluster = Some(cluster);
    m.date = Some(date(6, 12, year)?);
    m.host = Some(host);
    m.place = "Tỉnh minh họa F".to_string();
    m.chairs = vec![who(0)?, who(5)?];
    m.guests = vec![super::organisation_only(
        "Đại diện lãnh đạo Vụ Các trường chính trị",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
    )];
    m.decisions = vec![format!(
        "Thông qua Báo cáo tổng kết phong trào thi đua năm {year} và phương hướng năm {} ({MARK})",
        year + 1
    )];
    m.illustrative = true;
    m.sources = vec![Source::new(MARK, "Hội nghị giả định để luyện tập")];
    m.proceedings = Box::new(Proceedings {
        start: Clock::new(8, 0),
        end: Clock::new(11, 30),
        secretaries: vec![who(1)?],
        counting_head: Some(who(2)?),
        counting_members: vec![who(3)?, who(4)?],
        delegations: schools
            .iter()
            .zip(DELEGATES)
            .map(|(s, n)| Delegation {
                school: *s,
                delegates: n,
            })
            .collect(),
        minutes: paper("01-BB/CTĐ"),
        tally: paper(""),
        tally_numbers: [
            (Question::Flag, "02-BB/CTĐ"),
            (Question::Certificate, "03-BB/CTĐ"),
            (Question::Head, "04-BB/CTĐ"),
            (Question::Deputy, "05-BB/CTĐ"),
        ]
        .into_iter()
        .map(|(question, number)| TallyNumber {
            question,
            number: number.to_string(),
        })
        .collect(),
        proposal: paper("06-TTr/CTĐ"),
        proposal_date: Some(date(10, 12, year)?),
    });
    l.store.insert(ACTOR, m)
}
