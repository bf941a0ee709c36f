//! A year's results as one file (issue 14 item 3): exported from one
//! database, imported into another whose schools have other local ids,
//! and into the source itself; conflicts, a flipped byte, a locked year,
//! global ids through a schema-3 migration and a backup, and the import
//! through `thidua serve`.

mod common;

use common::server::Server;
use std::path::{Path, PathBuf};
use std::process::Output;
use thidua::domain::*;
use thidua::store::{Kind, Store};

const PRACTICE: &str = "luyen tap";
const YEAR: &str = "2024";

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// A demo database made by `thidua init --demo`.
fn demo(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    ok(&common::cli_en(&db, &["init", "--demo"]));
    db
}

fn export(db: &Path, file: &Path) {
    let file = file.to_str().expect("utf-8 path");
    ok(&common::cli_en(
        db,
        &[
            "bundle",
            "export",
            "--cluster",
            PRACTICE,
            "--year",
            YEAR,
            "--out",
            file,
        ],
    ));
}

fn import(db: &Path, file: &Path, yes: bool) -> Output {
    let file = file.to_str().expect("utf-8 path");
    let mut args = vec!["bundle", "import", file];
    if yes {
        args.push("--yes");
    }
    common::cli_en(db, &args)
}

fn audit_head(db: &Path) -> String {
    ok(&common::cli_en(db, &["audit", "head"]))
}

/// Database A (the demo) and B (A's practice cluster and schools under
/// other ids, [`practice_copy`]) in `dir`, and the path of a bundle file.
fn a_and_b(dir: &Path, file: &str) -> (PathBuf, PathBuf, PathBuf) {
    let a = demo(dir, "a");
    let b = dir.join("b");
    practice_copy(&a, &b);
    (a, b, dir.join(file))
}

/// The practice cluster's schools and the cluster itself, copied from the
/// source into a new database with the schools created in reverse order,
/// so every one has another local id; nothing else.
fn practice_copy(source: &Path, target: &Path) -> Vec<(SchoolId, SchoolId)> {
    let a = common::reopen(source);
    let (cid, cluster) = a
        .all::<Cluster>()
        .expect("clusters")
        .into_iter()
        .find(|(_, c)| thidua::text::fold(&c.name).contains(PRACTICE))
        .expect("the practice cluster");
    let members = cluster
        .memberships
        .iter()
        .flat_map(|m| m.schools.clone())
        .collect::<Vec<_>>();
    let schools: Vec<(SchoolId, School)> = members
        .iter()
        .map(|id| (*id, a.get::<School>(*id).expect("get").expect("school")))
        .collect();
    drop(a);
    let b = Store::open(target).expect("open B");
    // A school outside the cluster first, so no id lines up by chance.
    b.insert("test", School::new("Trường Chính trị khác", "Tỉnh khác"))
        .expect("other school");
    let mut pairs = Vec::new();
    for (old, s) in schools.iter().rev() {
        pairs.push((*old, b.insert("test", s.clone()).expect("school")));
    }
    let mut copy = cluster.clone();
    for m in &mut copy.memberships {
        for s in &mut m.schools {
            *s = pairs
                .iter()
                .find(|(o, _)| o == s)
                .map(|(_, n)| *n)
                .expect("mapped");
        }
    }
    let new_cluster = b.insert("test", copy).expect("cluster");
    assert_ne!(new_cluster, cid, "the cluster has another id too");
    pairs
}

#[test]
fn a_year_moves_to_a_database_whose_schools_have_other_ids() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = demo(dir.path(), "a");
    let b = dir.path().join("b");
    let pairs = practice_copy(&a, &b);
    assert!(pairs.iter().all(|(old, new)| old != new), "{pairs:?}");
    let file = dir.path().join("cum-luyen-tap-2024.zip");
    export(&a, &file);

    // Without --yes and without a terminal, nothing is written.
    let head_b = audit_head(&b);
    let asked = ok(&import(&b, &file, false));
    assert!(asked.contains("by name"), "{asked}");
    assert!(asked.contains("Nothing written"), "{asked}");
    assert_eq!(audit_head(&b), head_b);

    let out = ok(&import(&b, &file, true));
    assert!(out.contains("Saved:"), "{out}");
    assert!(out.contains("+ Score sheet 2024"), "{out}");
    ok(&common::cli_en(&b, &["check"]));

    // What B answers about the cluster and its people is what A answers.
    for args in [
        &["history", "--cluster", PRACTICE][..],
        &["lookup", "nguyen van an"],
        &["lookup", "le thi binh"],
        &["lookup", "minh hoa f"],
    ] {
        let from_a = ok(&common::cli_en(&a, args));
        let from_b = ok(&common::cli_en(&b, args));
        assert_eq!(from_a, from_b, "{args:?}");
    }
    // The sheet as exported, but for the last line: each database's own
    // audit head.
    let sheet_of = |db: &Path| {
        let args = [
            "export",
            "sheet",
            "--cluster",
            PRACTICE,
            "--year",
            YEAR,
            "--format",
            "csv",
            "--out",
            "-",
        ];
        let csv = ok(&common::cli_en(db, &args));
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines.last().is_some_and(|l| l.starts_with("Audit head")));
        lines[..lines.len() - 1].join("\n")
    };
    assert_eq!(sheet_of(&a), sheet_of(&b));

    // The records kept their global ids, and A's log came along, whole.
    let sa = common::reopen(&a);
    let sb_gids = {
        let sb = common::reopen(&b);
        let logs = sb.attached_logs().expect("attached");
        let (entries, _) = sa.audit_head().expect("head");
        assert_eq!(logs.len(), 1);
        assert_eq!(
            logs.values().next().map(Vec::len),
            Some(entries as usize),
            "A's whole log is attached"
        );
        sb.gids().expect("gids")
    };
    let (sheet_a, _) = common::practice_sheet(&sa);
    let gid = sa
        .gid_of(Kind::Sheet, sheet_a.0)
        .expect("gid")
        .expect("the sheet has a gid");
    assert!(sb_gids.values().any(|g| *g == gid));
    drop(sa);

    // Twice: nothing changes.
    let head_b = audit_head(&b);
    let again = ok(&import(&b, &file, true));
    assert!(again.contains("Nothing changes"), "{again}");
    assert!(again.contains("New: 0"), "{again}");
    assert_eq!(audit_head(&b), head_b);
}

#[test]
fn importing_into_the_source_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = demo(dir.path(), "a");
    let file = dir.path().join("y.zip");
    export(&a, &file);
    let head = audit_head(&a);
    let out = ok(&import(&a, &file, true));
    assert!(out.contains("Nothing changes"), "{out}");
    assert!(
        out.contains("Conflicting (the file's value replaces it): 0"),
        "{out}"
    );
    assert!(!out.contains("by name"), "matched by global id: {out}");
    assert_eq!(audit_head(&a), head);
    let store = common::reopen(&a);
    assert!(store.attached_logs().expect("attached").is_empty());
}

#[test]
fn a_changed_value_shows_as_a_conflict_and_replaces_it_once_confirmed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b, first) = a_and_b(dir.path(), "1.zip");
    export(&a, &first);
    ok(&import(&b, &first, true));

    let meeting_of = |db: &Path| {
        let s = common::reopen(db);
        s.all::<Meeting>()
            .expect("meetings")
            .into_iter()
            .find(|(_, m)| m.year == Some(2024) && m.illustrative && m.cluster.is_some())
            .expect("the practice meeting")
    };
    let (id, _) = meeting_of(&a);
    {
        let s = common::reopen(&a);
        s.modify::<Meeting>("thu_ky", id, |m| {
            m.place = "Hội trường B, tầng 3".into();
            Ok(())
        })
        .expect("changed in A");
    }
    let second = dir.path().join("2.zip");
    export(&a, &second);
    let shown = ok(&import(&b, &second, false));
    assert!(
        shown.contains("Conflicting (the file's value replaces it): 1"),
        "{shown}"
    );
    assert!(shown.contains("! Meeting"), "{shown}");
    assert!(shown.contains("Nothing written"), "{shown}");
    assert_ne!(meeting_of(&b).1.place, "Hội trường B, tầng 3");
    ok(&import(&b, &second, true));
    assert_eq!(meeting_of(&b).1.place, "Hội trường B, tầng 3");
    ok(&common::cli_en(&b, &["check"]));
}

#[test]
fn a_flipped_byte_anywhere_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b, file) = a_and_b(dir.path(), "y.zip");
    export(&a, &file);
    let bytes = std::fs::read(&file).expect("read");
    let head = audit_head(&b);
    for at in [
        0,
        40,
        bytes.len() / 3,
        bytes.len() / 2,
        bytes.len() - 70,
        bytes.len() - 1,
    ] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x01;
        let flipped = dir.path().join(format!("flipped-{at}.zip"));
        std::fs::write(&flipped, &bad).expect("write");
        let out = import(&b, &flipped, true);
        assert_eq!(out.status.code(), Some(1), "byte {at}");
        let err = text(&out.stderr);
        assert!(
            err.contains("damaged") || err.contains("not a year's bundle"),
            "byte {at}: {err}"
        );
        assert_eq!(audit_head(&b), head, "byte {at}");
    }
    let store = common::reopen(&b);
    assert!(store.all::<Person>().expect("people").is_empty());
    assert!(store.all::<ScoreSheet>().expect("sheets").is_empty());
}

#[test]
fn a_locked_year_here_is_changed_only_by_an_amendment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = demo(dir.path(), "a");
    let b = dir.path().join("b");
    practice_copy(&a, &b);
    // A locks the year, then amends a ballot with a reason.
    {
        let s = common::reopen(&a);
        let (sheet, _) = common::practice_sheet(&s);
        common::lock_sheet(&s, sheet).expect("lock");
    }
    let locked = dir.path().join("locked.zip");
    export(&a, &locked);
    ok(&import(&b, &locked, true));
    {
        let s = common::reopen(&a);
        let (id, _) = s
            .all::<Ballot>()
            .expect("ballots")
            .into_iter()
            .find(|(_, b)| b.question == Question::Flag)
            .expect("the flag ballot");
        let by = thidua::store::Author {
            actor: "thu_ky",
            reason: "Sửa số phiếu phát ra theo biên bản kiểm phiếu",
            role: &thidua::domain::access::Role::Admin,
        };
        s.modify::<Ballot>(by, id, |b| {
            b.votes.retain(|v| v.votes > 1);
            Ok(())
        })
        .expect("amended in A");
    }
    let amended = dir.path().join("amended.zip");
    export(&a, &amended);
    let out = ok(&import(&b, &amended, true));
    assert!(out.contains("amendment"), "{out}");
    let sheet_of = |db: &Path| {
        let s = common::reopen(db);
        common::practice_sheet(&s).1
    };
    let (sa, sb) = (sheet_of(&a), sheet_of(&b));
    assert_eq!(sb.amendments.len(), 1);
    assert_eq!(sa.amendments, sb.amendments);
    ok(&common::cli_en(&b, &["check"]));

    // B's own change to the locked year: the bundle from before it no
    // longer comes as an amendment of what B holds, and is refused.
    let head = audit_head(&b);
    let out = import(&b, &locked, true);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("locked"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(audit_head(&b), head);
}

/// Rewrites a database as schema 3 left it: no global ids, version 3.
fn downgrade_to_3(db: &Path) {
    let raw = common::sled_open(db);
    raw.drop_tree("gids").expect("drop gids");
    raw.drop_tree("gid_index").expect("drop gid_index");
    raw.open_tree("meta")
        .expect("meta")
        .insert(
            b"schema_version",
            thidua::store::codec::encode(&3u32).expect("enc"),
        )
        .expect("version");
    raw.flush().expect("flush");
}

#[test]
fn a_schema_3_database_gets_a_global_id_for_every_record_and_a_backup_keeps_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let records = {
        let store = Store::open(&db).expect("open");
        thidua::demo::load(&store).expect("demo");
        store.snapshot().expect("snapshot")
    };
    downgrade_to_3(&db);
    let store = common::reopen(&db);
    let gids = store.gids().expect("gids");
    let mut count = 0;
    for kind in Kind::ALL {
        for (k, _) in records.tree(kind.tree()) {
            let id = thidua::store::codec::read_u64(k).expect("id");
            assert!(gids.contains_key(&(kind, id)), "{kind:?} {id} has a gid");
            count += 1;
        }
    }
    assert_eq!(gids.len(), count);
    assert!(store.check_gids().expect("check").is_empty());
    drop(store);
    ok(&common::cli_en(&db, &["check"]));

    let file = dir.path().join("b.zip");
    ok(&common::cli_en(
        &db,
        &["backup", "--out", file.to_str().expect("utf-8")],
    ));
    let restored = dir.path().join("restored");
    ok(&common::cli_en(
        &restored,
        &["restore", file.to_str().expect("utf-8")],
    ));
    let again = common::reopen(&restored);
    assert_eq!(again.gids().expect("gids"), gids);
}

/// `ssh host bundle import -` with the file on standard input: a viewer's
/// import is refused inside the write's transaction and writes nothing; an
/// admin's is written.
#[test]
fn an_import_through_serve_is_a_write_checked_against_the_role() {
    if !common::available("ssh", "-V", "openssh-client") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let a = demo(dir.path(), "a");
    {
        let s = common::reopen(&a);
        let (cluster, _) = s
            .all::<Cluster>()
            .expect("clusters")
            .into_iter()
            .find(|(_, c)| thidua::text::fold(&c.name).contains(PRACTICE))
            .expect("practice");
        let mut m = Meeting::new(
            MeetingKind::MidYearReview,
            Some(2025),
            "Hội nghị thử nghiệm gói kết quả",
        );
        m.cluster = Some(cluster);
        s.insert("thu_ky", m).expect("meeting");
    }
    let file = dir.path().join("2025.zip");
    let path = file.to_str().expect("utf-8");
    ok(&common::cli_en(
        &a,
        &[
            "bundle",
            "export",
            "--cluster",
            PRACTICE,
            "--year",
            "2025",
            "--out",
            path,
        ],
    ));
    let bytes = std::fs::read(&file).expect("read");
    let server = Server::start(
        &[
            ("quan_tri", "role = \"admin\""),
            ("khach", "role = \"viewer\""),
        ],
        &[],
    );
    let ssh = |user: &str, line: &str| server.exec(user, line, &bytes);
    let lookup = |user: &str| text(&ssh(user, "lookup thu nghiem goi ket qua --lang en").stdout);
    let refused = ssh("khach", "bundle import - --yes --lang en");
    assert_eq!(
        refused.status.code(),
        Some(1),
        "{}{}",
        text(&refused.stdout),
        text(&refused.stderr)
    );
    assert!(lookup("khach").contains("Nothing found"), "nothing written");
    let written = ssh("quan_tri", "bundle import - --yes --lang en");
    assert!(
        text(&written.stdout).contains("Saved:"),
        "{}{}",
        text(&written.stdout),
        text(&written.stderr)
    );
    assert!(lookup("khach").contains("Hội nghị thử nghiệm gói kết quả"));
}

/// Over SSH: an export holds the whole audit log, as a backup does, so it
/// is an admin's; an import reads the file from the channel, or from the
/// server's disk only for an admin; a local line on a held database is
/// pointed at the server with the file on this side.
#[test]
fn the_ssh_line_of_a_bundle_command() {
    use clap::Parser;
    use thidua::cli::remote::{Plan, plan, remote_words};
    use thidua::domain::access::Role;
    use thidua::i18n::{Lang, Msg};
    common::roles::assert_reached(&[
        (
            "bundle export --cluster 4 --year 2024 --out -",
            Some(Msg::RefusedWholeDatabase),
        ),
        (
            "bundle import /tmp/cum4.zip --yes",
            Some(Msg::RefusedReadServerFiles),
        ),
        ("bundle import - --yes", None),
    ]);
    assert!(matches!(
        plan(b"bundle import - --yes", &Role::Admin, Lang::En),
        Plan::Run { stdin: true, .. }
    ));
    for (args, want) in [
        (
            &["bundle", "import", "cụm 4.zip", "--yes"][..],
            "bundle import - --yes < 'cụm 4.zip'",
        ),
        (
            &[
                "bundle",
                "export",
                "--cluster",
                "4",
                "--year",
                "2024",
                "--out",
                "c.zip",
            ],
            "bundle export --cluster 4 --year 2024 --out - > c.zip",
        ),
    ] {
        let cli =
            thidua::cli::Cli::try_parse_from(std::iter::once("thidua").chain(args.iter().copied()))
                .expect("parse");
        let command = cli.command.expect("a command");
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        assert_eq!(remote_words(&args, &command), want, "{args:?}");
    }
}

/// A backup written before schema 4 (no global ids) still restores, and
/// every record gets a global id as the migration would give it.
#[test]
fn a_schema_3_backup_restores_with_a_global_id_for_every_record() {
    use thidua::backup::manifest::{Manifest, Member};
    let dir = tempfile::tempdir().expect("temp dir");
    let a = demo(dir.path(), "a");
    let file = dir.path().join("new.zip");
    ok(&common::cli_en(
        &a,
        &["backup", "--out", file.to_str().expect("utf-8")],
    ));
    let bytes = std::fs::read(&file).expect("read");
    let (mut manifest, members): (Manifest, _) =
        thidua::backup::restore::sealed_members("new.zip", &bytes).expect("members");
    let mut records: serde_json::Value =
        serde_json::from_slice(&members["records.json"]).expect("records");
    let object = records.as_object_mut().expect("an object");
    object.remove("gids");
    object.insert("schema_version".into(), 3.into());
    let records = serde_json::to_vec(&records).expect("json");
    let audit = members["audit.json"].clone();
    manifest.schema_version = 3;
    manifest.members = vec![
        Member::of("records.json", &records),
        Member::of("audit.json", &audit),
    ];
    let manifest = serde_json::to_vec(&manifest).expect("json");
    let old = thidua::backup::write::archive(&[
        ("manifest.json", &manifest),
        ("records.json", &records),
        ("audit.json", &audit),
    ])
    .expect("zip");
    let old_file = dir.path().join("schema3.zip");
    std::fs::write(&old_file, old).expect("write");
    let restored = dir.path().join("restored");
    ok(&common::cli_en(
        &restored,
        &["restore", old_file.to_str().expect("utf-8")],
    ));
    ok(&common::cli_en(&restored, &["check"]));
    let store = common::reopen(&restored);
    let gids = store.gids().expect("gids");
    let records: usize = Kind::ALL
        .iter()
        .map(|k| store.snapshot().expect("snap").count(*k))
        .sum();
    assert!(records > 0);
    assert_eq!(gids.len(), records);
}

/// An attached log edited after the import is found by `thidua check`.
#[test]
fn check_finds_an_attached_log_that_was_edited() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b, file) = a_and_b(dir.path(), "y.zip");
    export(&a, &file);
    ok(&import(&b, &file, true));
    ok(&common::cli_en(&b, &["check"]));
    {
        let raw = common::sled_open(&b);
        let tree = raw.open_tree("attached_audit").expect("tree");
        let (k, v) = tree.iter().nth(3).expect("an entry").expect("readable");
        let mut entry: thidua::store::AuditEntry = thidua::store::codec::decode(&v).expect("entry");
        entry.actor = "người khác".into();
        tree.insert(k, thidua::store::codec::encode(&entry).expect("enc"))
            .expect("put");
        raw.flush().expect("flush");
    }
    let out = common::cli_en(&b, &["check"]);
    assert!(!out.status.success());
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(said.contains("attached log"), "{said}");
}
