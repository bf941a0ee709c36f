//! Getting the documents out: `thidua export minutes|tally|proposal|ballots`
//! with the real binary, the sheets pane's `x` (every document offered, the
//! full path shown, a question before overwriting), the forms that record
//! the papers' facts and the cluster's heading, and LibreOffice reading
//! each document.

mod common;

use common::docx::Docx;
use common::practice_sheet;
use common::tui::Harness;
use crossterm::event::KeyCode;
use std::path::Path;
use std::process::Command;
use thidua::app::data::Data;
use thidua::domain::*;
use thidua::export::docx::{Document, render};
use thidua::i18n::Lang;

const DOCS: [&str; 4] = ["minutes", "tally", "proposal", "ballots"];

fn thidua(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run thidua")
}

#[test]
fn the_export_commands_write_each_document_and_refuse_what_they_cannot() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let init = thidua(&db, &["init", "--demo"]);
    assert_eq!(init.status.code(), Some(0));
    for what in DOCS {
        let out = dir.path().join(format!("{what}.docx"));
        let o = thidua(
            &db,
            &[
                "export",
                what,
                "--cluster",
                "luyen tap",
                "--year",
                "2024",
                "--out",
                out.to_str().expect("path"),
            ],
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{what}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let said = String::from_utf8_lossy(&o.stdout);
        assert!(said.contains(&out.display().to_string()), "{said}");
        let d = Docx::open(&std::fs::read(&out).expect("written"));
        assert!(!d.paragraphs().is_empty(), "{what}: a body");
    }
    // The sheet export stays as it was.
    let csv = dir.path().join("sheet.csv");
    let o = thidua(
        &db,
        &[
            "export",
            "sheet",
            "--cluster",
            "luyen tap",
            "--year",
            "2024",
            "--format",
            "csv",
            "--out",
            csv.to_str().expect("path"),
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    // Minutes need the year's score sheet: Cụm 4 has none for 2022.
    let none = dir.path().join("none.docx");
    let o = thidua(
        &db,
        &[
            "--lang",
            "en",
            "export",
            "minutes",
            "--cluster",
            "4",
            "--year",
            "2022",
            "--out",
            none.to_str().expect("path"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("No score sheet"), "{err}");
    assert!(!none.exists(), "nothing written");
    // An unknown cluster.
    let o = thidua(
        &db,
        &[
            "export",
            "tally",
            "--cluster",
            "99",
            "--year",
            "2024",
            "--out",
            none.to_str().expect("path"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!none.exists());
}

/// Opens the export question from the sheets pane's grid.
fn open_export(h: &mut Harness) {
    h.key(KeyCode::Char('x'));
    assert!(h.app.prompt().is_some(), "{}", h.screen());
}

/// Replaces the answer with `text`.
fn answer(h: &mut Harness, text: &str) {
    h.key(KeyCode::End);
    let n = h.app.prompt().map_or(0, |p| p.input.text().chars().count());
    for _ in 0..n {
        h.key(KeyCode::Backspace);
    }
    h.type_text(text);
}

#[test]
fn x_offers_every_document_shows_the_full_path_and_asks_before_overwriting() {
    let mut h = Harness::demo(120, 40);
    h.key(KeyCode::Char('4')).key(KeyCode::Enter);
    open_export(&mut h);
    let s = h.screen();
    for label in [
        "Bảng điểm, bỏ phiếu, kết quả (.xlsx)",
        "Biên bản hội nghị tổng kết (.docx)",
        "Biên bản kiểm phiếu (.docx)",
        "Tờ trình đề nghị Học viện (.docx)",
        "Phiếu bầu để in (.docx)",
    ] {
        assert!(s.contains(label), "{label}: {s}");
    }
    // ↓ goes through them; each suggests its own file name.
    let mut names = Vec::new();
    for _ in 0..8 {
        names.push(h.app.prompt().expect("prompt").input.text().to_string());
        h.key(KeyCode::Down);
    }
    assert_eq!(
        names[0], "cum-luyen-tap-vi-du-minh-hoa-2024.xlsx",
        "{names:?}"
    );
    assert!(names[4].ends_with("-2024-bien-ban.docx"), "{names:?}");
    assert!(names[5].ends_with("-2024-kiem-phieu.docx"), "{names:?}");
    assert!(names[6].ends_with("-2024-to-trinh.docx"), "{names:?}");
    assert!(names[7].ends_with("-2024-phieu-bau.docx"), "{names:?}");
    // Back on the xlsx after a full turn; ↑ goes back to the ballot papers.
    assert_eq!(
        h.app.prompt().map(|p| p.input.text().to_string()),
        Some(names[0].clone())
    );
    h.key(KeyCode::Up);
    assert!(
        h.app
            .prompt()
            .expect("prompt")
            .input
            .text()
            .ends_with("phieu-bau.docx")
    );
    h.key(KeyCode::Up);
    assert!(
        h.app
            .prompt()
            .expect("prompt")
            .input
            .text()
            .ends_with("to-trinh.docx")
    );
    h.key(KeyCode::Up).key(KeyCode::Up);
    assert!(
        h.app
            .prompt()
            .expect("prompt")
            .input
            .text()
            .ends_with("bien-ban.docx")
    );

    let path = h.dir.path().join("bien-ban.docx");
    answer(&mut h, &path.display().to_string());
    h.key(KeyCode::Enter);
    assert!(h.app.prompt().is_none(), "{}", h.screen());
    assert!(
        h.status().contains(&format!("Đã ghi {}", path.display())),
        "the full path: {}",
        h.status()
    );
    let written = std::fs::read(&path).expect("written");
    let d = Docx::open(&written);
    assert!(d.paragraphs().iter().any(|p| p == "BIÊN BẢN"));

    // Again to the same file: a question first; no keeps the file and the typing.
    std::fs::write(&path, b"not a document").expect("spoil");
    open_export(&mut h);
    h.key(KeyCode::Down)
        .key(KeyCode::Down)
        .key(KeyCode::Down)
        .key(KeyCode::Down);
    answer(&mut h, &path.display().to_string());
    h.key(KeyCode::Enter);
    let q = h.app.confirm().expect("asks before overwriting");
    assert!(
        q.question.contains(&path.display().to_string()),
        "{}",
        q.question
    );
    assert!(q.question.contains("Ghi đè"), "{}", q.question);
    h.key(KeyCode::Char('n'));
    assert!(h.app.confirm().is_none());
    assert_eq!(
        h.app.prompt().map(|p| p.input.text().to_string()),
        Some(path.display().to_string()),
        "the question is back with the name as typed"
    );
    assert!(
        std::fs::read(&path).expect("read") == b"not a document",
        "kept"
    );
    // Yes writes it.
    h.key(KeyCode::Enter);
    assert!(h.app.confirm().is_some());
    h.key(KeyCode::Char('y'));
    assert!(
        h.app.confirm().is_none() && h.app.prompt().is_none(),
        "{}",
        h.screen()
    );
    assert!(
        std::fs::read(&path).expect("read") == written,
        "the same minutes written again"
    );
    assert!(h.status().contains(&path.display().to_string()));

    // A .docx with a sheet format chosen is refused, with the reason.
    open_export(&mut h);
    let x = h.dir.path().join("x.docx").display().to_string();
    answer(&mut h, &x);
    h.key(KeyCode::Enter);
    let p = h.app.prompt().expect("still asking");
    assert!(
        p.error
            .as_deref()
            .is_some_and(|e| e.contains("chọn một văn bản")),
        "{p:?}"
    );
}

#[test]
fn a_relative_file_name_is_shown_with_its_full_path() {
    let full = thidua::app::command::full_path("bien-ban.docx");
    assert!(full.is_absolute());
    assert_eq!(
        full,
        std::env::current_dir().expect("cwd").join("bien-ban.docx")
    );
}

/// The practice conference's id.
fn practice_meeting(h: &Harness) -> (MeetingId, Meeting) {
    let (_, sheet) = practice_sheet(&h.store);
    let meetings = h.store.all::<Meeting>().expect("meetings");
    conference::year_end_meeting(
        meetings.iter().map(|(i, m)| (i, m)),
        sheet.cluster,
        sheet.year,
    )
    .map(|(i, m)| (i, m.clone()))
    .expect("practice conference")
}

fn set(h: &mut Harness, key: &str, text: &str) {
    h.focus_field(key).clear_field().type_text(text);
}

/// Moves to the row of field `key` about record `about`.
fn focus_row(h: &mut Harness, key: &str, about: u64) {
    let n = h.app.form().expect("form").fields.len();
    for _ in 0..=n {
        let f = h.app.form().and_then(|f| f.current()).expect("field");
        if f.key == key && f.about == Some(about) {
            return;
        }
        h.key(KeyCode::Tab);
    }
    panic!("no row {key} about {about}");
}

#[test]
fn the_meeting_form_records_what_the_papers_print() {
    let mut h = Harness::demo(120, 40);
    let (id, before) = practice_meeting(&h);
    // The practice conference is the newest meeting: first in the list.
    h.key(KeyCode::Char('3'));
    assert_eq!(h.app.selected_id(), Some(id.0));
    h.key(KeyCode::Char('e'));
    assert!(h.app.form().is_some());
    // A time that is not one is refused, and nothing is saved.
    set(&mut h, "start", "25:00");
    h.ctrl('s');
    assert!(h.app.form().is_some(), "kept open");
    assert!(h.screen().contains("Giờ phải dạng hh:mm"), "{}", h.screen());
    set(&mut h, "start", "7h30");
    set(&mut h, "minutes_number", "09-BB/CTĐ");
    set(&mut h, "proposal_date", "12/12/2024");
    let secretary = before.proceedings.secretaries[0].person.expect("named").0;
    focus_row(&mut h, "title", secretary);
    h.clear_field().type_text("Phó Chánh Văn phòng");
    let school_a = before.proceedings.delegations[0].school;
    focus_row(&mut h, "delegates", school_a.0);
    h.clear_field().type_text("5");
    let flag = conference::ballot_of(
        &h.app.data.ballots,
        before.cluster.expect("cluster"),
        2024,
        &Question::Flag,
    )
    .map(|(b, _)| b.0)
    .expect("flag ballot");
    focus_row(&mut h, "tally_number", flag);
    h.clear_field().type_text("22-BB/CTĐ");
    h.ctrl('s');
    assert!(h.app.form().is_none(), "saved: {}", h.screen());

    let after: Meeting = h.store.get(id).expect("read").expect("meeting");
    let p = &after.proceedings;
    assert_eq!(p.start, Clock::new(7, 30));
    assert_eq!(p.end, before.proceedings.end, "kept");
    assert_eq!(p.minutes.number, "09-BB/CTĐ");
    assert_eq!(p.proposal_date, Date::new(2024, 12, 12).ok());
    assert_eq!(p.secretaries[0].title, "Phó Chánh Văn phòng");
    assert_eq!(p.delegates_of(school_a), Some(5));
    assert_eq!(p.tally_number(&Question::Flag), Some("22-BB/CTĐ"));
    assert_eq!(
        p.counting_members, before.proceedings.counting_members,
        "kept"
    );

    let (_, sheet) = practice_sheet(&h.store);
    let data = Data::load(&h.store).expect("data");
    let d = Docx::open(
        &render(&data, sheet.cluster, 2024, Document::Minutes, Lang::Vi).expect("render"),
    );
    assert!(d.paragraph("Thời gian bắt đầu:").contains("07 giờ 30"));
    assert!(d.paragraph("Thư ký:").contains("Phó Chánh Văn phòng"));
    assert!(d.paragraphs().iter().any(|l| l.ends_with(": 5 đại biểu")));

    // Picking a new committee member brings a row for their title.
    h.key(KeyCode::Char('e'));
    let fields = h.app.form().expect("form").fields.len();
    h.focus_field("counting_members")
        .type_text("do minh tri")
        .key(KeyCode::Enter);
    let f = h.app.form().expect("form");
    assert_eq!(f.fields.len(), fields + 1, "a title row for the new member");
    h.discard();
}

#[test]
fn the_cluster_form_sets_the_heading_of_its_documents() {
    let mut h = Harness::demo(120, 40);
    let (_, sheet) = practice_sheet(&h.store);
    h.key(KeyCode::Char('2'));
    h.app.update(thidua::app::Action::Refresh);
    // Find the practice cluster in the list and edit it.
    for _ in 0..10 {
        if h.app.selected_id() == Some(sheet.cluster.0) {
            break;
        }
        h.key(KeyCode::Down);
    }
    assert_eq!(h.app.selected_id(), Some(sheet.cluster.0));
    h.key(KeyCode::Char('e'));
    h.focus_field("heading");
    assert!(
        h.screen().contains("Đảng (ĐẢNG CỘNG SẢN VIỆT NAM)"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Right);
    assert!(
        h.screen()
            .contains("Nhà nước (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)")
    );
    h.ctrl('s');
    assert!(h.app.form().is_none(), "{}", h.screen());
    let c: Cluster = h.store.get(sheet.cluster).expect("read").expect("cluster");
    assert_eq!(c.heading, HeadingStyle::State);
    let data = Data::load(&h.store).expect("data");
    let d = Docx::open(
        &render(&data, sheet.cluster, 2024, Document::Proposal, Lang::Vi).expect("render"),
    );
    let text = d.paragraphs().join("\n");
    assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(!text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
}

#[test]
fn libreoffice_converts_each_document_to_pdf() {
    if !common::available("soffice", "--version", "libreoffice-writer-nogui") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let store = thidua::store::Store::open(&dir.path().join("db")).expect("open");
    thidua::demo::load(&store).expect("demo");
    let (_, sheet) = practice_sheet(&store);
    let data = Data::load(&store).expect("data");
    drop(store);
    let out = dir.path().join("pdf");
    for doc in Document::ALL {
        let file = dir.path().join(format!("{}.docx", doc.file_stem()));
        let bytes = render(&data, sheet.cluster, sheet.year, doc, Lang::Vi).expect("render");
        std::fs::write(&file, bytes).expect("write");
        // A profile of its own, so a LibreOffice already running (or
        // another test's) does not take the job.
        let profile = format!("-env:UserInstallation=file://{}/lo", dir.path().display());
        let o = Command::new("soffice")
            .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&out)
            .arg(&file)
            .output()
            .expect("soffice");
        assert!(
            o.status.success(),
            "{doc:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let pdf = std::fs::read(out.join(format!("{}.pdf", doc.file_stem()))).expect("a pdf");
        assert!(pdf.starts_with(b"%PDF"), "{doc:?}");
        let text = String::from_utf8_lossy(&pdf);
        let pages = text.matches("/Type/Page").count() + text.matches("/Type /Page").count()
            - text.matches("/Type/Pages").count()
            - text.matches("/Type /Pages").count();
        assert!(pages >= 1, "{doc:?}: {pages} pages");
    }
}
