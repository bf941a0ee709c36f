//! The practice exercise: invented schools, criteria, scores and ballots so
//! that the scoring features can be tried without touching real history.
//! Every record here is marked illustrative (ví dụ minh họa), and the names
//! say so too, so no screen or export can pass it off as history.

use super::{ACTOR, Loader};
use crate::domain::*;
use crate::store::StoreError;

/// The mark shown with illustrative data, in Vietnamese.
pub const MARK: &str = "ví dụ minh họa";

/// The six criteria of Quy định 11-QĐ/TW give the practice table its groups.
/// (code, name, two criteria as (name, maximum)).
type Group = (&'static str, &'static str, [(&'static str, i64); 2]);

const GROUPS: [Group; 6] = [
    (
        "I",
        "Thể chế, quy chế",
        [
            ("Xây dựng quy chế, quy định nội bộ", 10),
            ("Thực hiện chế độ báo cáo", 5),
        ],
    ),
    (
        "II",
        "Đội ngũ cán bộ, giảng viên",
        [
            ("Cơ cấu, trình độ giảng viên", 15),
            ("Bồi dưỡng, thao giảng, dự giờ", 10),
        ],
    ),
    (
        "III",
        "Đào tạo, bồi dưỡng",
        [
            ("Hoàn thành kế hoạch lớp", 15),
            ("Chất lượng quản lý học viên", 10),
        ],
    ),
    (
        "IV",
        "Nghiên cứu khoa học",
        [
            ("Đề tài, hội thảo khoa học", 10),
            ("Bài viết tạp chí, tham luận", 5),
        ],
    ),
    (
        "V",
        "Văn hóa, kỷ cương",
        [("Văn hóa công sở", 5), ("Không vi phạm kỷ luật", 5)],
    ),
    (
        "VI",
        "Cơ sở vật chất",
        [
            ("Đầu tư, sửa chữa, chuyển đổi số", 5),
            ("Thư viện, học liệu", 5),
        ],
    ),
];

fn item(code: String, name: &str, max: i64, step: i64) -> Criterion {
    Criterion {
        code,
        name: name.to_string(),
        max: Points::whole(max),
        step: Points(step),
    }
}

/// The practice criteria table for a year.
pub fn table(year: u16, cluster: Option<ClusterId>) -> CriteriaTable {
    CriteriaTable {
        year,
        cluster,
        title: format!("Bảng tiêu chí luyện tập năm {year} ({MARK})"),
        groups: GROUPS
            .iter()
            .map(|(code, name, crits)| CriteriaGroup {
                code: code.to_string(),
                name: name.to_string(),
                criteria: crits
                    .iter()
                    .enumerate()
                    .map(|(i, (n, max))| item(format!("{code}.{}", i + 1), n, *max, 50))
                    .collect(),
            })
            .collect(),
        bonus: vec![
            item("T.1".into(), "Sáng kiến được công nhận", 2, 50),
            item("T.2".into(), "Đăng cai hoạt động của Cụm", 2, 50),
        ],
        bonus_cap: Points::whole(3),
        penalties: vec![
            item("TR.1".into(), "Chậm báo cáo", 2, 50),
            item("TR.2".into(), "Vi phạm quy chế", 5, 100),
        ],
        tie_break: vec![
            TieBreak::GroupScore("III".into()),
            TieBreak::GroupScore("II".into()),
            TieBreak::FewerPenalties,
        ],
        vote_rule: VoteRule::default(),
        award_quotas: vec![
            AwardQuota {
                kind: AwardKind::AcademyFlag,
                max: 1,
            },
            AwardQuota {
                kind: AwardKind::AcademyCertificate,
                max: 2,
            },
        ],
        legal_basis: format!("Dữ liệu {MARK}: không có giá trị pháp lý."),
        self_scores_optional: false,
        illustrative: true,
        sources: vec![Source::new(
            MARK,
            "Bảng tiêu chí dựng để luyện tập, không lấy từ văn bản nào",
        )],
    }
}

/// A plausible score a little below the maximum, varying by school and item,
/// always on the item's step.
fn practice_score(max: Points, step: Points, school: usize, item: usize) -> Points {
    let drop = ((school * 3 + item * 7) % 5) as i64;
    let step = step.0.max(1);
    Points((max.0 - drop * step).max(0))
}

pub(super) fn load(l: &mut Loader<'_>) -> Result<(), StoreError> {
    let mut schools = Vec::new();
    for letter in ["A", "B", "C", "D", "E", "F"] {
        let mut s = School::new(
            &format!("Trường Chính trị Minh họa {letter} ({MARK})"),
            &format!("Tỉnh minh họa {letter}"),
        );
        s.illustrative = true;
        s.sources
            .push(Source::new(MARK, "Trường giả định để luyện tập"));
        schools.push(l.store.insert(ACTOR, s)?);
    }
    let year = 2024;
    let mut c = Cluster::new(None, &format!("Cụm luyện tập ({MARK})"), MARK);
    c.illustrative = true;
    c.memberships.push(Membership {
        year,
        schools: schools.clone(),
        stated_count: Some(6),
        complete: true,
        sources: vec![Source::new(MARK, "")],
    });
    let cluster = l.store.insert(ACTOR, c)?;

    let table = table(year, Some(cluster));
    let mut cells = Vec::new();
    for (si, school) in schools.iter().enumerate() {
        for (ii, (kind, it)) in table.items().enumerate() {
            let score = match kind {
                ItemKind::Criterion => practice_score(it.max, it.step, si, ii),
                // A few bonus and penalty points, so caps and deductions show.
                ItemKind::Bonus => Points(((si + ii) % 3) as i64 * it.step.0),
                ItemKind::Penalty => Points(i64::from(si == 4 && it.code == "TR.1") * it.step.0),
            };
            let self_score = match kind {
                ItemKind::Criterion => it.max,
                _ => score,
            };
            cells.push(ScoreCell {
                school: *school,
                item: it.code.clone(),
                self_score: Some(self_score),
                cluster_score: Some(score),
            });
        }
    }
    let table_id = l.store.insert(ACTOR, table)?;
    l.store.insert(
        ACTOR,
        ScoreSheet {
            cluster,
            year,
            table: table_id,
            schools: schools.clone(),
            cells,
            lock: None,
            amendments: Vec::new(),
            illustrative: true,
        },
    )?;

    let meeting = super::practice_meeting::load(l, cluster, year, &schools)?;
    let ballot = |question: Question, votes: &[(usize, u32)]| -> Result<(), StoreError> {
        let votes = votes
            .iter()
            .filter_map(|(i, v)| {
                schools.get(*i).map(|s| Vote {
                    candidate: *s,
                    votes: *v,
                })
            })
            .collect();
        l.store.insert(
            ACTOR,
            Ballot {
                cluster,
                year,
                question,
                meeting: Some(meeting),
                issued: 6,
                valid: 6,
                invalid: 0,
                members_present: 6,
                members_total: 6,
                votes,
                illustrative: true,
            },
        )?;
        Ok(())
    };
    // Consistent with the practice ranking: F first, then B, then A.
    ballot(Question::Flag, &[(5, 5), (1, 1)])?;
    ballot(Question::Certificate, &[(1, 5), (0, 4), (2, 2)])?;

    Ok(())
}
