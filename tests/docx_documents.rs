//! The conference's Word documents, opened as Word opens them (zip + XML):
//! the page (A4, the decree's margins), the font, the Party or State
//! heading as the cluster chooses, the titles, every meeting fact or a
//! dotted line, each ballot's figures as stored, and the practice mark in
//! the header of every page.

mod common;

use common::docx::Docx;
use common::practice_sheet;
use thidua::app::data::Data;
use thidua::domain::tally::{elected_marks, tally_seats};
use thidua::domain::*;
use thidua::export::docx::{Document, render};
use thidua::i18n::Lang;
use thidua::store::Store;

const DOTS: &str = "……………………………";
const TNR: &str = "Times New Roman";

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("db")).expect("open");
    thidua::demo::load(&store).expect("demo");
    (dir, store)
}

fn practice(store: &Store) -> (ClusterId, u16) {
    let (_, s) = practice_sheet(store);
    (s.cluster, s.year)
}

fn doc_of(store: &Store, cluster: ClusterId, year: u16, doc: Document) -> Docx {
    let data = Data::load(store).expect("data");
    Docx::open(&render(&data, cluster, year, doc, Lang::Vi).expect("render"))
}

fn practice_meeting(store: &Store, cluster: ClusterId, year: u16) -> (MeetingId, Meeting) {
    let meetings = store.all::<Meeting>().expect("meetings");
    conference::year_end_meeting(meetings.iter().map(|(id, m)| (id, m)), cluster, year)
        .map(|(id, m)| (id, m.clone()))
        .expect("the practice conference")
}

fn name(store: &Store, p: &Participant) -> String {
    let id = p.person.expect("a named person");
    store.get::<Person>(id).expect("read").expect("person").name
}

fn school_name(store: &Store, id: SchoolId) -> String {
    store.get::<School>(id).expect("read").expect("school").name
}

#[test]
fn every_document_is_a4_with_the_decrees_margins_in_black_times_new_roman() {
    let (_dir, store) = demo();
    let (c, y) = practice(&store);
    for doc in Document::ALL {
        let d = doc_of(&store, c, y, doc);
        let body = d.body();
        let sect = body.first("w:sectPr").expect("section");
        let size = sect.first("w:pgSz").expect("page size");
        assert_eq!(
            (size.num("w:w"), size.num("w:h")),
            (11906, 16838),
            "{doc:?}: A4"
        );
        assert_ne!(size.attr("w:orient"), Some("landscape"));
        let mar = sect.first("w:pgMar").expect("margins");
        // 20–25 mm top and bottom, 30–35 mm left, 15–20 mm right, in twips.
        let mm = |tw: u32| f64::from(tw) * 25.4 / 1440.0;
        for (side, lo, hi) in [
            ("w:top", 20.0, 25.0),
            ("w:bottom", 20.0, 25.0),
            ("w:left", 30.0, 35.0),
            ("w:right", 15.0, 20.0),
        ] {
            let v = mm(mar.num(side));
            assert!((lo - 0.1..=hi + 0.1).contains(&v), "{doc:?}: {side} {v} mm");
        }
        let styles = d.xml("word/styles.xml");
        let defaults = styles.first("w:docDefaults").expect("defaults");
        let fonts = defaults.first("w:rFonts").expect("fonts");
        for a in ["w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"] {
            assert_eq!(fonts.attr(a), Some(TNR), "{doc:?} {a}");
        }
        assert_eq!(
            defaults.first("w:color").and_then(|c| c.attr("w:val")),
            Some("000000")
        );
        let size = defaults.first("w:sz").expect("size").num("w:val");
        assert!((26..=28).contains(&size), "13–14 pt body: {size}");
        // No part names another font or colour.
        for (part, text) in &d.parts {
            if !part.ends_with(".xml") {
                continue;
            }
            let x = common::docx::parse(text);
            for f in x.all("w:rFonts") {
                for (_, v) in &f.attrs {
                    assert_eq!(v, TNR, "{doc:?} {part}");
                }
            }
            for col in x.all("w:color") {
                assert_eq!(col.attr("w:val"), Some("000000"), "{doc:?} {part}");
            }
        }
        if doc != Document::Ballots {
            // Body text justified, first line indented 1–1.27 cm.
            let justified = body.all("w:p").into_iter().any(|p| {
                let jc = p.first("w:jc").and_then(|j| j.attr("w:val"));
                let ind = p
                    .first("w:ind")
                    .and_then(|i| i.attr("w:firstLine"))
                    .and_then(|v| v.parse::<u32>().ok());
                jc == Some("both") && ind.is_some_and(|i| (567..=720).contains(&i))
            });
            assert!(justified, "{doc:?}: no justified, indented body text");
        }
    }
}

/// The text of the heading table (the document's first table).
fn heading(d: &Docx) -> String {
    d.body()
        .first("w:tbl")
        .map(|t| t.text())
        .expect("a heading table")
}

#[test]
fn the_heading_is_the_partys_or_the_states_as_the_cluster_chooses() {
    let (_dir, store) = demo();
    let (c, y) = practice(&store);
    let cluster: Cluster = store.get(c).expect("read").expect("cluster");
    assert_eq!(cluster.heading, HeadingStyle::Party, "the default");
    let (_, m) = practice_meeting(&store, c, y);
    let p = &m.proceedings;
    for doc in [Document::Minutes, Document::Tally, Document::Proposal] {
        let d = doc_of(&store, c, y, doc);
        let h = heading(&d);
        assert!(h.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{doc:?}: {h}");
        assert!(!h.contains("CỘNG HÒA"), "{doc:?}: {h}");
        assert!(h.contains(&p.minutes.issuer.to_uppercase()), "{doc:?}: {h}");
        // The Party's number: "Số 01-BB/…", no colon.
        let number = match doc {
            Document::Minutes => p.minutes.number.clone(),
            Document::Proposal => p.proposal.number.clone(),
            _ => p
                .tally_number(&Question::Flag)
                .expect("flag's number")
                .to_string(),
        };
        assert!(h.contains(&format!("Số {number}")), "{doc:?}: {h}");
    }
    let mut state = cluster.clone();
    state.heading = HeadingStyle::State;
    store.update("test", c, state).expect("update");
    for doc in [Document::Minutes, Document::Tally, Document::Proposal] {
        let d = doc_of(&store, c, y, doc);
        let h = heading(&d);
        assert!(
            h.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "{doc:?}: {h}"
        );
        assert!(h.contains("Độc lập - Tự do - Hạnh phúc"), "{doc:?}: {h}");
        assert!(!h.contains("ĐẢNG CỘNG SẢN"), "{doc:?}: {h}");
        assert!(
            h.contains("Số: "),
            "{doc:?}: the State's number has a colon: {h}"
        );
        // The motto is bold with a rule as long as itself (underlined).
        let motto = d
            .body()
            .all("w:r")
            .into_iter()
            .find(|r| r.text() == "Độc lập - Tự do - Hạnh phúc")
            .cloned()
            .expect("motto run");
        assert!(motto.first("w:b").is_some() && motto.first("w:u").is_some());
    }
}

#[test]
fn each_document_carries_its_title() {
    let (_dir, store) = demo();
    let (c, y) = practice(&store);
    let (_, m) = practice_meeting(&store, c, y);
    let ballots = store.all::<Ballot>().expect("ballots");
    let ours: Vec<&Ballot> = ballots
        .iter()
        .map(|(_, b)| b)
        .filter(|b| b.cluster == c && b.year == y)
        .collect();
    assert_eq!(ours.len(), 2, "the flag and the certificates");

    let minutes = doc_of(&store, c, y, Document::Minutes).paragraphs();
    let at = minutes
        .iter()
        .position(|p| p == "BIÊN BẢN")
        .expect("BIÊN BẢN");
    assert_eq!(minutes.get(at + 1), Some(&m.title), "the meeting's name");

    let tally = doc_of(&store, c, y, Document::Tally).paragraphs();
    let titles = tally.iter().filter(|p| *p == "BIÊN BẢN KIỂM PHIẾU").count();
    assert_eq!(titles, ours.len(), "one per vote");
    for q in ["Cờ thi đua", "Bằng khen"] {
        let want = format!("Bỏ phiếu kín: {q}, năm {y}");
        assert!(tally.contains(&want), "{want}");
    }

    let proposal = doc_of(&store, c, y, Document::Proposal).paragraphs();
    assert!(proposal.iter().any(|p| p == "TỜ TRÌNH"));
    assert!(
        proposal
            .iter()
            .any(|p| p == "Kính gửi: Học viện Chính trị quốc gia Hồ Chí Minh")
    );

    let papers = doc_of(&store, c, y, Document::Ballots).paragraphs();
    let members = store
        .get::<Cluster>(c)
        .expect("read")
        .expect("cluster")
        .members_in(y)
        .map(|m| m.schools.len())
        .expect("members");
    let per_page = thidua::export::docx::per_page(members);
    assert!(per_page >= 2, "several papers to a page");
    let count = papers.iter().filter(|p| *p == "PHIẾU BẦU").count();
    assert_eq!(count, 4 * per_page, "one page of papers per question");
}

#[test]
fn the_minutes_print_every_meeting_fact() {
    let (_dir, store) = demo();
    let (c, y) = practice(&store);
    let (_, m) = practice_meeting(&store, c, y);
    let p = &m.proceedings;
    let d = doc_of(&store, c, y, Document::Minutes);
    let date = m.date.expect("dated");
    let clock = |k: Option<Clock>| {
        let k = k.expect("recorded");
        format!("{:02} giờ {:02}", k.hour, k.minute)
    };
    let day = format!(
        "ngày {:02} tháng {:02} năm {}",
        date.day, date.month, date.year
    );
    assert_eq!(
        d.paragraph("Thời gian bắt đầu:"),
        format!("Thời gian bắt đầu: {}, {day}", clock(p.start))
    );
    let venue = d.paragraph("Địa điểm:");
    assert!(
        venue.contains(&school_name(&store, m.host.expect("host"))),
        "{venue}"
    );
    let chairs = d.paragraph("Chủ trì:");
    for ch in &m.chairs {
        assert!(chairs.contains(&name(&store, ch)), "{chairs}");
        assert!(chairs.contains(&ch.title), "{chairs}");
    }
    let sec = d.paragraph("Thư ký:");
    for s in &p.secretaries {
        assert!(
            sec.contains(&format!("{}, {}", name(&store, s), s.title)),
            "{sec}"
        );
    }
    let head = d.paragraph("- Trưởng ban:");
    assert!(head.contains(&name(&store, p.counting_head.as_ref().expect("head"))));
    let members = d.paragraph("- Thành viên:");
    for x in &p.counting_members {
        assert!(members.contains(&name(&store, x)), "{members}");
    }
    let guests = d.paragraph("- Đại biểu:");
    for g in &m.guests {
        assert!(guests.contains(&g.title), "{guests}");
    }
    for del in &p.delegations {
        let line = format!(
            "+ {}: {} đại biểu",
            school_name(&store, del.school),
            del.delegates
        );
        assert!(d.paragraphs().contains(&line), "{line}");
    }
    assert_eq!(
        d.paragraph("Cuộc họp kết thúc"),
        format!("Cuộc họp kết thúc vào {}, {day}.", clock(p.end))
    );
    assert!(heading(&d).contains(&format!("Số {}", p.minutes.number)));
    assert!(heading(&d).contains(&p.minutes.parent.to_uppercase()));
    for dec in &m.decisions {
        assert!(d.paragraphs().contains(&format!("- {dec}")), "{dec}");
    }
    // The signatures name the secretary and the chairs.
    let all = d.paragraphs();
    assert!(all.contains(&"THƯ KÝ".to_string()) && all.contains(&"CHỦ TRÌ".to_string()));
    for ch in &m.chairs {
        assert!(all.contains(&name(&store, ch)), "signature of a chair");
    }
    assert!(all.iter().any(|l| l == "Nơi nhận:"));
    // The audit head, so the paper can be matched to the log.
    let head = store.audit_head().expect("head");
    let hex: String = head.1.iter().map(|b| format!("{b:02x}")).collect();
    assert!(all.iter().any(|l| l.contains(&hex)), "the audit head hash");
}

#[test]
fn facts_not_recorded_print_as_dotted_lines_never_invented() {
    let (_dir, store) = demo();
    let (c, y) = practice(&store);
    let (id, mut m) = practice_meeting(&store, c, y);
    let gone: Vec<String> = m
        .chairs
        .iter()
        .chain(m.proceedings.participants())
        .map(|p| name(&store, p))
        .collect();
    m.proceedings = Box::default();
    m.chairs.clear();
    m.guests.clear();
    m.decisions.clear();
    m.host = None;
    m.place.clear();
    store.update("test", id, m).expect("update");

    let d = doc_of(&store, c, y, Document::Minutes);
    let gap = "……";
    assert!(
        d.paragraph("Thời gian bắt đầu:")
            .starts_with(&format!("Thời gian bắt đầu: {gap} giờ {gap}, ngày 06")),
        "the date stays, the hour is dotted"
    );
    for label in [
        "Địa điểm:",
        "Chủ trì:",
        "Thư ký:",
        "- Trưởng ban:",
        "- Thành viên:",
        "- Đại biểu:",
    ] {
        assert_eq!(d.paragraph(label), format!("{label} {DOTS}"), "{label}");
    }
    assert!(
        d.paragraphs()
            .iter()
            .any(|p| p.ends_with(&format!("{gap} đại biểu")))
    );
    assert!(
        d.paragraph("Cuộc họp kết thúc")
            .contains(&format!("{gap} giờ {gap}"))
    );
    let h = heading(&d);
    assert!(h.contains(&format!("Số {gap}-BB/{gap}")), "{h}");
    assert!(h.contains(DOTS), "issuer dotted: {h}");
    let text = d.paragraphs().join("\n");
    for n in &gone {
        assert!(!text.contains(n.as_str()), "{n} was removed");
    }
    let tally = doc_of(&store, c, y, Document::Tally);
    assert!(heading(&tally).contains(&format!("Số {gap}-BB/{gap}")));
    assert_eq!(
        tally.paragraph("- Trưởng ban:"),
        format!("- Trưởng ban: {DOTS}")
    );
    let proposal = doc_of(&store, c, y, Document::Proposal);
    let h = heading(&proposal);
    assert!(h.contains(&format!("Số {gap}-TTr/{gap}")), "{h}");
    assert!(
        h.contains(&format!("{DOTS}, ngày {gap} tháng {gap} năm {gap}")),
        "the place and date dotted: {h}"
    );
}

/// The rows of the tables that hold a ballot's results (their header
/// starts "TT, Đơn vị, Số phiếu").
fn result_tables(d: &Docx) -> Vec<Vec<Vec<String>>> {
    d.tables()
        .into_iter()
        .filter(|t| {
            t.first().is_some_and(|h| {
                h.get(1..3) == Some(&["Đơn vị".to_string(), "Số phiếu".to_string()])
            })
        })
        .collect()
}

#[test]
fn each_ballots_figures_equal_the_stores() {
    let (_dir, store) = demo();
    let (c, y) = practice(&store);
    let data = Data::load(&store).expect("data");
    let (_, sheet) = practice_sheet(&store);
    let table: CriteriaTable = store.get(sheet.table).expect("read").expect("table");
    let ballots = conference::ballots_of(&data.ballots, c, y);
    let tally = doc_of(&store, c, y, Document::Tally);
    let minutes = doc_of(&store, c, y, Document::Minutes);
    for d in [&tally, &minutes] {
        let tables = result_tables(d);
        assert_eq!(tables.len(), ballots.len());
        for ((_, b), t) in ballots.iter().zip(&tables) {
            let counts = format!(
                "Số phiếu phát ra: {}; số phiếu hợp lệ: {}; số phiếu không hợp lệ: {}; thành viên có mặt: {}/{}.",
                b.issued, b.valid, b.invalid, b.members_present, b.members_total
            );
            assert!(d.paragraphs().contains(&counts), "{counts}");
            assert_eq!(t.len() - 1, b.votes.len(), "a row per candidate");
            // Who passed, counted here from the rule: more than half of
            // the valid ballots, within the seats, most votes first.
            let seats = conference::seats(Some(&table), &b.question).expect("seats") as usize;
            let needed = b.valid / 2 + 1;
            let mut by_votes = b.votes.clone();
            by_votes.sort_by_key(|v| std::cmp::Reverse(v.votes));
            let elected: Vec<SchoolId> = by_votes
                .iter()
                .filter(|v| v.votes >= needed)
                .take(seats)
                .map(|v| v.candidate)
                .collect();
            // The program's own count agrees (the same rule, from the domain).
            let counted = tally_seats(b, &table.vote_rule, Some(seats as u32)).expect("tally");
            assert_eq!(counted.needed, needed);
            assert_eq!(
                elected_marks(&counted, Some(seats as u32))
                    .iter()
                    .filter(|w| **w)
                    .count(),
                elected.len()
            );
            for v in &b.votes {
                let school = school_name(&store, v.candidate);
                let row = t
                    .iter()
                    .find(|r| r.get(1) == Some(&school))
                    .unwrap_or_else(|| panic!("no row for {school}: {t:?}"));
                assert_eq!(row[2], v.votes.to_string(), "{school}");
                let tenths = (v.votes * 1000 + b.valid / 2) / b.valid;
                assert_eq!(row[3], format!("{},{}%", tenths / 10, tenths % 10));
                let won = elected.contains(&v.candidate);
                assert_eq!(row[4], if won { "Đạt" } else { "Không đạt" }, "{school}");
            }
        }
    }
    let rule = tally.paragraph("Nguyên tắc:");
    assert!(
        rule.contains("trên 1/2 số phiếu hợp lệ"),
        "the rule quoted: {rule}"
    );
}

#[test]
fn the_practice_mark_is_in_the_header_of_every_page_and_only_for_practice() {
    let (_dir, store) = demo();
    let (c, y) = practice(&store);
    let mark = "VÍ DỤ MINH HỌA — dữ liệu luyện tập";
    for doc in Document::ALL {
        let d = doc_of(&store, c, y, doc);
        let sect = d.body().first("w:sectPr").cloned().expect("section");
        assert!(sect.first("w:titlePg").is_some(), "a first-page header");
        let rels = d.xml("word/_rels/document.xml.rels");
        let target = |kind: &str| {
            let id = sect
                .all("w:headerReference")
                .into_iter()
                .find(|h| h.attr("w:type") == Some(kind))
                .and_then(|h| h.attr("r:id"))
                .expect("header reference")
                .to_string();
            rels.all("Relationship")
                .into_iter()
                .find(|r| r.attr("Id") == Some(&id))
                .and_then(|r| r.attr("Target"))
                .map(|t| format!("word/{t}"))
                .expect("header part")
        };
        let (first, other) = (d.xml(&target("first")), d.xml(&target("default")));
        assert!(first.text().contains(mark), "{doc:?}: first page");
        assert!(other.text().contains(mark), "{doc:?}: other pages");
        // Page numbers from page 2, centred at the top.
        let field = other.first("w:fldSimple").expect("page number");
        assert_eq!(field.attr("w:instr").map(str::trim), Some("PAGE"));
        assert!(first.first("w:fldSimple").is_none(), "no number on page 1");
    }
    // A real cluster's papers carry no mark.
    let c4 = common::cluster_id(&store, 4);
    for doc in [Document::Tally, Document::Ballots] {
        let d = doc_of(&store, c4, 2022, doc);
        for (part, text) in &d.parts {
            assert!(!text.contains("MINH HỌA"), "{doc:?} {part}");
        }
    }
}

#[test]
fn the_minutes_note_a_capped_bonus_and_amendments_after_the_lock() {
    let (_dir, store) = demo();
    let (c, y) = practice(&store);
    let (sheet_id, mut sheet) = practice_sheet(&store);
    let table: CriteriaTable = store.get(sheet.table).expect("read").expect("table");
    // School A's bonus over the cap: both bonus items at their maximum.
    let a = sheet.schools[0];
    for item in &table.bonus {
        if let Some(cell) = sheet
            .cells
            .iter_mut()
            .find(|x| x.school == a && x.item == item.code)
        {
            cell.cluster_score = Some(item.max);
        }
    }
    store.update("test", sheet_id, sheet).expect("bonus");
    let raw: Points = table.bonus.iter().map(|b| b.max).sum();
    assert!(raw > table.bonus_cap, "the practice items can pass the cap");
    common::lock_sheet(&store, sheet_id).expect("lock");
    // An amendment: the flag ballot corrected after the lock, with a reason.
    let (bid, mut ballot) = store
        .all::<Ballot>()
        .expect("ballots")
        .into_iter()
        .find(|(_, b)| b.cluster == c && b.year == y && b.question == Question::Flag)
        .expect("flag ballot");
    ballot.invalid = 0;
    ballot.members_present = ballot.members_total;
    ballot.votes[0].votes -= 1;
    let reason = "Kiểm lại phiếu: một phiếu ghi nhầm";
    store
        .update(
            thidua::store::Author {
                actor: "thu_ky",
                reason,
                role: &thidua::domain::access::Role::Admin,
            },
            bid,
            ballot,
        )
        .expect("amend");

    let d = doc_of(&store, c, y, Document::Minutes);
    let text = d.paragraphs();
    let a_name = school_name(&store, a);
    let note = format!(
        "(*) {a_name}: điểm thưởng {raw} vượt mức tối đa, chỉ tính {}.",
        table.bonus_cap
    );
    assert!(text.contains(&note), "{note}");
    let scores = &d.tables()[1];
    let row = scores
        .iter()
        .find(|r| r.get(1) == Some(&a_name))
        .expect("school A's row");
    assert_eq!(row[4], format!("{} (*)", table.bonus_cap), "{row:?}");
    let at = text
        .iter()
        .position(|p| p.ends_with("Sửa đổi sau khi khóa bảng điểm"))
        .expect("the amendments section");
    assert!(
        text[at + 1..].iter().any(|p| p.contains(reason)),
        "the reason: {:?}",
        &text[at..]
    );
}
