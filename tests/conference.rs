//! The whole year-end conference by keys only, on the real App over a real
//! store: a sheet of 10 schools × 20 criteria (plus a bonus and a penalty
//! item), totals and ranks checked against an independent computation, the
//! ballots, the outcomes, the lock, a refused edit, an amendment with a
//! reason, and every change found in the audit log.

mod common;

use common::tui::Harness;
use crossterm::event::KeyCode;
use thidua::domain::*;
use thidua::store::{Kind, Op};

const SCHOOLS: [&str; 10] = [
    "An Giang",
    "Bến Tre",
    "Cà Mau",
    "Đắk Lắk",
    "Gia Lai",
    "Hậu Giang",
    "Kiên Giang",
    "Long An",
    "Sóc Trăng",
    "Trà Vinh",
];

/// The cluster score typed for item row `r`, school column `c`, in hundredths.
fn value(r: usize, c: usize) -> i64 {
    if r == 20 {
        return [0, 50, 100, 150, 200, 0, 50, 100, 150, 200][c]; // bonus, max 2
    }
    if r == 21 {
        return if c == 3 { 100 } else { 0 }; // penalty
    }
    1000 - 50 * ((r * 3 + c * 5 + r * c) % 7) as i64
}

fn typed(hundredths: i64) -> String {
    Points(hundredths).to_string()
}

fn setup(h: &mut Harness) -> (ClusterId, Vec<SchoolId>) {
    let s = &h.store;
    let schools: Vec<SchoolId> = SCHOOLS
        .iter()
        .map(|p| {
            s.insert(
                "setup",
                School::new(&format!("Trường Chính trị tỉnh {p}"), p),
            )
            .expect("school")
        })
        .collect();
    let mut c = Cluster::new(Some(9), "Cụm thi đua thử nghiệm", "Đồng bằng sông Cửu Long");
    c.memberships.push(Membership {
        year: 2025,
        schools: schools.clone(),
        stated_count: Some(10),
        complete: true,
        sources: Vec::new(),
    });
    let cluster = s.insert("setup", c).expect("cluster");
    let crit = |code: String| Criterion {
        name: format!("Tiêu chí {code}"),
        code,
        max: Points::whole(10),
        step: Points(50),
    };
    let groups = (1..=4)
        .map(|g| CriteriaGroup {
            code: format!("G{g}"),
            name: format!("Nhóm {g}"),
            criteria: (1..=5).map(|i| crit(format!("{g}.{i}"))).collect(),
        })
        .collect();
    let table = CriteriaTable {
        year: 2025,
        cluster: Some(cluster),
        title: "Bảng tiêu chí thử nghiệm 2025".into(),
        groups,
        bonus: vec![Criterion {
            code: "T.1".into(),
            name: "Thưởng".into(),
            max: Points::whole(2),
            step: Points(50),
        }],
        bonus_cap: Points(150),
        penalties: vec![Criterion {
            code: "TR.1".into(),
            name: "Trừ".into(),
            max: Points::whole(2),
            step: Points(50),
        }],
        tie_break: vec![TieBreak::GroupScore("G1".into()), TieBreak::FewerPenalties],
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
        legal_basis: String::new(),
        // The test types the cluster's scores only.
        self_scores_optional: true,
        illustrative: false,
        sources: Vec::new(),
    };
    s.insert("setup", table).expect("table");
    h.app.reload();
    (cluster, schools)
}

/// Totals and competition ranks computed here, without the program's rules.
fn expected() -> (Vec<i64>, Vec<usize>) {
    let totals: Vec<i64> = (0..10)
        .map(|c| {
            let criteria: i64 = (0..20).map(|r| value(r, c)).sum();
            criteria + value(20, c).min(150) - value(21, c)
        })
        .collect();
    // Tie-breaks: group G1 (rows 0..5), then fewer penalties.
    let key = |c: usize| {
        (
            totals[c],
            (0..5).map(|r| value(r, c)).sum::<i64>(),
            -value(21, c),
        )
    };
    let ranks = (0..10)
        .map(|c| 1 + (0..10).filter(|o| key(*o) > key(c)).count())
        .collect();
    (totals, ranks)
}

fn row_of<'a>(screen: &'a str, label: &str) -> Vec<&'a str> {
    screen
        .lines()
        .find(|l| l.trim_start_matches('│').trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no {label} row:\n{screen}"))
        .trim_matches('│')
        .split_whitespace()
        .skip(1)
        .collect()
}

#[test]
fn the_whole_conference_by_keys() {
    let mut h = Harness::empty(160, 40);
    let (cluster, schools) = setup(&mut h);

    // A new sheet for the cluster and year: members and table come from the records.
    h.key(KeyCode::Char('4')).key(KeyCode::Char('n'));
    h.type_text("thu nghiem")
        .key(KeyCode::Enter)
        .key(KeyCode::Tab)
        .type_text("2025")
        .ctrl('s');
    let (sheet_id, sheet) = h
        .store
        .sheet_of(cluster, 2025)
        .expect("read")
        .expect("sheet created");
    assert_eq!(sheet.schools, schools);
    assert!(h.screen().contains("Đã lưu"));

    // 1. Enter every cluster score: type, Tab to the next school; next row.
    h.key(KeyCode::Enter);
    for r in 0..22 {
        for c in 0..10 {
            h.type_text(&typed(value(r, c))).key(KeyCode::Tab);
        }
        h.key(KeyCode::Down);
        for _ in 0..9 {
            h.key(KeyCode::Left);
        }
    }
    let stored = h.store.must_get::<ScoreSheet>(sheet_id).expect("sheet");
    assert_eq!(stored.cells.len(), 220);
    for (c, school) in schools.iter().enumerate() {
        for (r, code) in (1..=4)
            .flat_map(|g| (1..=5).map(move |i| format!("{g}.{i}")))
            .enumerate()
        {
            assert_eq!(
                stored.cell(*school, &code).and_then(|x| x.cluster_score),
                Some(Points(value(r, c))),
                "{code} col {c}"
            );
        }
    }

    // 2. Totals and ranks on screen equal the independent computation.
    let screen = h.screen();
    let (totals, ranks) = expected();
    let shown_totals: Vec<String> = row_of(&screen, "Tổng")
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        shown_totals,
        totals
            .iter()
            .map(|t| Points(*t).to_string())
            .collect::<Vec<_>>(),
        "{screen}"
    );
    let shown_ranks: Vec<String> = row_of(&screen, "Hạng")
        .iter()
        .map(|s| s.trim_start_matches('=').to_string())
        .collect();
    assert_eq!(
        shown_ranks,
        ranks.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        "{screen}"
    );
    let mut order: Vec<usize> = (0..10).collect();
    order.sort_by_key(|c| (ranks[*c], *c));
    let (first, second, third) = (order[0], order[1], order[2]);
    assert!(
        ranks.iter().filter(|r| **r == 1).count() == 1,
        "the data should have one clear winner: {ranks:?}"
    );

    // An off-step value is refused and the typing stays.
    h.key(KeyCode::Home).type_text("7,3").key(KeyCode::Enter);
    assert!(
        h.app
            .sheet_ui
            .edit
            .as_ref()
            .is_some_and(|e| e.text() == "7,3")
    );
    assert!(
        h.screen().contains("không phải bội số của bước"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Esc);

    // 3. The ballots: flag, certificates, head, deputies.
    let vote = |h: &mut Harness, question_steps: usize, votes: &[(usize, u32)]| {
        h.key(KeyCode::Char('b'));
        for _ in 0..question_steps {
            h.key(KeyCode::Right);
        }
        // question, total, present, issued, valid, invalid, then one field per school.
        h.key(KeyCode::Tab)
            .key(KeyCode::Tab)
            .key(KeyCode::Tab)
            .type_text("10");
        h.key(KeyCode::Tab)
            .type_text("10")
            .key(KeyCode::Tab)
            .key(KeyCode::Tab);
        for c in 0..10 {
            let v = votes.iter().find(|(i, _)| *i == c).map_or(0, |(_, v)| *v);
            h.type_text(&v.to_string()).key(KeyCode::Tab);
        }
        h.ctrl('s');
    };
    // An inconsistent tally first: 11 votes for one school out of 10 valid ballots.
    vote(&mut h, 0, &[(first, 11)]);
    assert!(h.app.form().is_some(), "refused ballot keeps the form open");
    assert!(
        h.screen().contains("vượt số phiếu hợp lệ"),
        "{}",
        h.screen()
    );
    h.discard();
    assert_eq!(h.store.ballots_of(cluster, 2025).expect("ballots").len(), 0);

    vote(&mut h, 0, &[(first, 8), (second, 2)]);
    vote(&mut h, 1, &[(second, 9), (third, 7), (first, 1)]);
    vote(&mut h, 2, &[(second, 10)]);
    vote(&mut h, 3, &[(third, 9), (first, 8)]);
    let ballots = h.store.ballots_of(cluster, 2025).expect("ballots");
    assert_eq!(ballots.len(), 4);
    let screen = h.screen();
    assert!(screen.contains("Đã lưu"), "{screen}");

    // 4. The outcomes: proposals and next year's term, after a confirmation.
    h.key(KeyCode::Char('o'));
    assert!(h.app.confirm().is_some());
    h.key(KeyCode::Char('y'));
    let awards: Vec<Award> = h
        .store
        .awards_of_cluster(cluster)
        .expect("awards")
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    let flag: Vec<SchoolId> = awards
        .iter()
        .filter(|a| a.kind == AwardKind::AcademyFlag)
        .map(|a| a.recipient)
        .collect();
    let certs: Vec<SchoolId> = awards
        .iter()
        .filter(|a| a.kind == AwardKind::AcademyCertificate)
        .map(|a| a.recipient)
        .collect();
    assert_eq!(flag, vec![schools[first]]);
    assert_eq!(certs, vec![schools[second], schools[third]]);
    let (_, term) = h
        .store
        .term_of(cluster, 2026)
        .expect("read")
        .expect("next term");
    assert_eq!(term.head, Some(schools[second]));
    assert_eq!(term.deputies, vec![schools[third], schools[first]]);
    assert_eq!(
        term.flag_holder,
        Some(schools[second]),
        "the rotating flag goes to the new head"
    );

    // 5. Lock the sheet.
    h.key(KeyCode::Char('L')).key(KeyCode::Char('y'));
    let locked = h.store.must_get::<ScoreSheet>(sheet_id).expect("sheet");
    assert!(locked.lock.is_some());

    // 6. An edit is refused and nothing changes.
    h.key(KeyCode::Home).type_text("5");
    assert!(h.screen().contains("đã khóa"), "{}", h.screen());
    assert_eq!(
        h.store.must_get::<ScoreSheet>(sheet_id).expect("sheet"),
        locked
    );

    // 7. Amend with a reason.
    h.key(KeyCode::Char('a'))
        .type_text("Sửa lỗi nhập liệu theo biên bản")
        .key(KeyCode::Enter);
    h.type_text("9").key(KeyCode::Enter);
    let amended = h.store.must_get::<ScoreSheet>(sheet_id).expect("sheet");
    assert_eq!(
        amended
            .cell(schools[0], "1.1")
            .and_then(|c| c.cluster_score),
        Some(Points(900))
    );
    assert_eq!(amended.amendments.len(), 1);
    assert!(
        amended.amendments[0]
            .reason
            .starts_with("Sửa lỗi nhập liệu theo biên bản")
    );

    // 8. Every change is in the audit log, with who and why, old → new.
    let log = h.store.audit_of(Kind::Sheet, sheet_id.0).expect("audit");
    assert_eq!(log.first().map(|e| e.op), Some(Op::Insert));
    let updates: Vec<_> = log.iter().filter(|e| e.op == Op::Update).collect();
    assert_eq!(
        updates.len(),
        220 + 1 + 1,
        "each score, the lock, the amendment"
    );
    assert!(log.iter().all(|e| e.actor == "tester"));
    let last = log.last().expect("entries");
    assert_eq!(last.reason, "Sửa lỗi nhập liệu theo biên bản");
    let history = thidua::app::overlays::history_lines::changes(last, &h.app.data);
    assert_eq!(
        history,
        vec![
            format!("1.1 · An Giang · cụm chấm: {} → 9", typed(value(0, 0))),
            format!(
                "sửa đổi: Sửa lỗi nhập liệu theo biên bản (1.1 · An Giang · cụm chấm: {} → 9)",
                typed(value(0, 0))
            )
        ]
    );
    assert!(
        !h.store
            .audit_of(Kind::Ballot, ballots[0].0.0)
            .expect("audit")
            .is_empty()
    );
    assert!(h.store.verify_audit().expect("verify").is_empty());

    // The history overlay shows it.
    h.key(KeyCode::Char('H'));
    let screen = h.screen();
    assert!(
        screen.contains("Sửa lỗi nhập liệu theo biên bản"),
        "{screen}"
    );
}
