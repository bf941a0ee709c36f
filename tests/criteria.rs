//! Criteria tables: the domain rules every table meets
//! (`domain::criteria_rules::validate`), and the CSV import that uses them,
//! with its encodings, size limits and messages. Cases from issue 10.

mod common;

use common::server::{clock_ticks_per_sec, cpu_ticks};
use std::process::Command;
use thidua::domain::criteria_rules::{TableProblem, validate};
use thidua::domain::*;
use thidua::export::criteria::{
    self, CsvProblem, Encoding, MAX_FILE_BYTES, MAX_LINE_CHARS, decode, import, parse,
};
use thidua::i18n::Lang;

const BIN: &str = env!("CARGO_BIN_EXE_thidua");

/// The problems `validate` finds in the shared test table changed by `f`.
fn problems(f: impl FnOnce(&mut CriteriaTable)) -> Vec<TableProblem> {
    let mut t = common::table();
    f(&mut t);
    validate(&t).err().unwrap_or_default()
}

fn rule(t: &mut CriteriaTable, share: (u32, u32), quorum: (u32, u32)) {
    t.vote_rule.share_num = share.0;
    t.vote_rule.share_den = share.1;
    t.vote_rule.quorum_num = quorum.0;
    t.vote_rule.quorum_den = quorum.1;
}

// ------------------------------------------------------------ domain rules

#[test]
fn the_shared_test_table_is_valid() {
    assert_eq!(validate(&common::table()), Ok(()));
}

#[test]
fn a_negative_bonus_cap_is_refused() {
    assert_eq!(
        problems(|t| t.bonus_cap = Points::whole(-5)),
        vec![TableProblem::NegativeBonusCap(Points::whole(-5))]
    );
    assert_eq!(problems(|t| t.bonus_cap = Points(0)), vec![]);
}

#[test]
fn vote_shares_must_be_in_zero_to_one() {
    for bad in [(7, 2), (0, 1), (3, 2), (1, 0), (0, 0)] {
        assert_eq!(
            problems(|t| rule(t, bad, (2, 3))),
            vec![TableProblem::Share {
                num: bad.0,
                den: bad.1
            }],
            "share {bad:?}"
        );
    }
    for good in [(1, 2), (2, 3), (1, 1), (1, 100)] {
        assert_eq!(problems(|t| rule(t, good, (2, 3))), vec![], "{good:?}");
    }
}

#[test]
fn more_than_all_of_the_votes_is_unreachable() {
    let p = problems(|t| {
        rule(t, (2, 2), (2, 3));
        t.vote_rule.strictly_more = true;
    });
    assert_eq!(p, vec![TableProblem::ShareUnreachable]);
    let p = problems(|t| {
        rule(t, (1, 1), (2, 3));
        t.vote_rule.strictly_more = false;
    });
    assert_eq!(p, vec![]);
}

#[test]
fn quorum_must_be_at_most_one() {
    for bad in [(3, 2), (2, 1), (1, 0)] {
        assert_eq!(
            problems(|t| rule(t, (1, 2), bad)),
            vec![TableProblem::Quorum {
                num: bad.0,
                den: bad.1
            }],
            "quorum {bad:?}"
        );
    }
    // 0/1 is "no quorum", as VoteRule documents; 1/1 is everyone.
    for good in [(0, 1), (1, 1), (2, 3)] {
        assert_eq!(problems(|t| rule(t, (1, 2), good)), vec![], "{good:?}");
    }
}

#[test]
fn tie_breaks_must_name_existing_groups_and_criteria() {
    let p = problems(|t| {
        t.tie_break = vec![
            TieBreak::GroupScore("IX".into()),
            TieBreak::CriterionScore("9.9".into()),
            TieBreak::CriterionScore("T.1".into()),
            TieBreak::GroupScore("I".into()),
            TieBreak::CriterionScore("1\u{200b}.1".into()),
        ];
    });
    assert_eq!(
        p,
        vec![
            TableProblem::UnknownGroup {
                index: 0,
                code: "IX".into()
            },
            TableProblem::UnknownCriterion {
                index: 1,
                code: "9.9".into()
            },
            // A bonus item is not a criterion: "more_bonus" is its tie-break.
            TableProblem::UnknownCriterion {
                index: 2,
                code: "T.1".into()
            },
        ]
    );
}

#[test]
fn years_must_be_1945_to_2100() {
    for bad in [0, 1944, 2101, 65000] {
        assert_eq!(
            problems(|t| t.year = bad),
            vec![TableProblem::Year(bad)],
            "{bad}"
        );
    }
    for good in [1945, 2024, 2100] {
        assert_eq!(problems(|t| t.year = good), vec![], "{good}");
    }
}

#[test]
fn codes_must_be_unique_after_cleaning() {
    let p = problems(|t| {
        if let Some(g) = t.groups.first_mut()
            && let Some(c) = g.criteria.get(1)
        {
            let mut copy = c.clone();
            copy.code = "1\u{200b}.1".into();
            g.criteria.push(copy);
        }
    });
    assert_eq!(
        p,
        vec![TableProblem::DuplicateCode {
            kind: ItemKind::Criterion,
            index: 2,
            code: "1.1".into()
        }]
    );
    // Criteria, bonus and penalty items share one set of codes.
    let p = problems(|t| {
        if let Some(b) = t.bonus.first_mut() {
            b.code = " 1.2 ".into();
        }
    });
    assert_eq!(
        p,
        vec![TableProblem::DuplicateCode {
            kind: ItemKind::Bonus,
            index: 0,
            code: "1.2".into()
        }]
    );
}

#[test]
fn group_codes_must_be_present_and_unique() {
    let p = problems(|t| {
        let mut g = t.groups.first().cloned().unwrap_or_else(|| unreachable!());
        for c in &mut g.criteria {
            c.code.push('b');
        }
        g.code = "\u{feff}I".into();
        t.groups.push(g);
        let mut empty = t.groups.first().cloned().unwrap_or_else(|| unreachable!());
        for c in &mut empty.criteria {
            c.code.push('c');
        }
        empty.code = "\u{200b}".into();
        t.groups.push(empty);
    });
    assert_eq!(
        p,
        vec![
            TableProblem::DuplicateGroup {
                group: 1,
                code: "I".into()
            },
            TableProblem::EmptyGroupCode { group: 2 },
        ]
    );
}

#[test]
fn maxima_and_steps_must_make_sense() {
    let p = problems(|t| {
        t.penalties[0].max = Points::whole(-2);
        t.bonus[0].step = Points(-50);
        t.groups[0].criteria[0].max = Points(1025);
    });
    assert_eq!(
        p,
        vec![
            TableProblem::MaxOffStep {
                kind: ItemKind::Criterion,
                index: 0,
                code: "1.1".into(),
                max: Points(1025),
                step: Points(50)
            },
            TableProblem::NegativeStep {
                kind: ItemKind::Bonus,
                index: 0,
                code: "T.1".into(),
                step: Points(-50)
            },
            TableProblem::NegativeMax {
                kind: ItemKind::Penalty,
                index: 0,
                code: "TR.1".into(),
                max: Points::whole(-2)
            },
        ]
    );
    // A maximum of 0 and a step of 0 ("any value to two decimals") are allowed.
    assert_eq!(
        problems(|t| {
            t.bonus[0].max = Points(0);
            t.penalties[0].step = Points(0);
        }),
        vec![]
    );
}

#[test]
fn a_table_needs_criteria_and_one_quota_per_award() {
    assert_eq!(
        problems(|t| {
            t.groups.clear();
            t.tie_break.clear();
        }),
        vec![TableProblem::NoCriteria]
    );
    let p = problems(|t| {
        t.award_quotas.push(AwardQuota {
            kind: AwardKind::AcademyFlag,
            max: 2,
        });
        t.award_quotas.push(AwardQuota {
            kind: AwardKind::Other("Giấy khen\u{200b}".into()),
            max: 2,
        });
    });
    assert_eq!(
        p,
        vec![
            TableProblem::DuplicateQuota {
                index: 2,
                kind: AwardKind::AcademyFlag
            },
            TableProblem::DuplicateQuota {
                index: 3,
                kind: AwardKind::Other("Giấy khen".into())
            },
        ]
    );
}

#[test]
fn every_problem_reads_as_one_line_in_each_language() {
    let all = problems(|t| {
        t.year = 0;
        t.bonus_cap = Points::whole(-5);
        rule(t, (7, 2), (3, 2));
        t.tie_break
            .push(TieBreak::GroupScore("crit\x1b[2Jerion".into()));
        t.penalties[0].max = Points::whole(-1);
        t.bonus[0].code = "1\u{200b}.1".into();
    });
    assert_eq!(all.len(), 7, "{all:?}");
    for p in &all {
        let (vi, en) = (
            thidua::i18n::criteria::table_problem(Lang::Vi, p),
            thidua::i18n::criteria::table_problem(Lang::En, p),
        );
        for m in [&vi, &en] {
            assert!(!m.is_empty() && !m.contains('\n'), "{m:?}");
            assert!(!m.chars().any(char::is_control), "{m:?}");
            assert!(!m.contains("{}"), "unfilled placeholder in {m:?}");
        }
        assert_ne!(vi, en);
        assert_eq!(p.to_string(), en);
    }
}

/// Messages with numbers fill `{}` in order, so both languages must have
/// the same number of them.
#[test]
fn every_message_has_as_many_placeholders_in_each_language() {
    for m in thidua::i18n::Msg::ALL {
        let (vi, en) = m.texts();
        assert_eq!(vi.matches("{}").count(), en.matches("{}").count(), "{m:?}");
    }
}

/// Validation is linear: 200,000 items, all distinct, and one duplicate at
/// the end, checked in well under a second of CPU (a pairwise scan would
/// take minutes).
#[test]
fn validation_is_linear_in_the_number_of_items() {
    let mut t = common::table();
    let item = t.groups[0].criteria[0].clone();
    t.groups[0].criteria = (0..200_000)
        .map(|i| Criterion {
            code: format!("{}.{}", i / 1000, i % 1000),
            ..item.clone()
        })
        .collect();
    t.tie_break.clear();
    t.bonus[0].code = "199.999".into();
    let before = cpu_ticks("thread-self");
    let p = validate(&t).err().unwrap_or_default();
    let cpu = (cpu_ticks("thread-self") - before) as f64 / clock_ticks_per_sec() as f64;
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(cpu < 5.0, "validating 200,000 items took {cpu:.1} s of CPU");
}

// ------------------------------------------------------------------ CSV

const HEADER: &str = "section,group_code,group_name,code,name,max,step\n";

/// The example of docs/criteria-csv.md.
const EXAMPLE: &str = "section,group_code,group_name,code,name,max,step
title,,,,Bảng tiêu chí thi đua năm 2025,,
criterion,I,Đào tạo bồi dưỡng,1.1,Hoàn thành kế hoạch lớp,15,\"0,5\"
criterion,I,Đào tạo bồi dưỡng,1.2,Chất lượng quản lý học viên,10,\"0,5\"
criterion,II,Nghiên cứu khoa học,2.1,Đề tài khoa học,10,\"0,25\"
bonus,,,T.1,Sáng kiến được công nhận,2,\"0,5\"
bonus_cap,,,,,3,
penalty,,,TR.1,Chậm báo cáo,2,\"0,5\"
tie_break,,,group:I,,,
tie_break,,,fewer_penalties,,,
vote_rule,,,valid,more_than,1/2,2/3
quota,,,flag,,1,
quota,,,certificate,,2,
";

fn errors(csv: &str) -> Vec<criteria::CsvError> {
    parse(csv, 2025, None).err().unwrap_or_default()
}

/// The one error a file gives: its line and problem.
fn one_error(csv: &str) -> (Option<usize>, CsvProblem) {
    let e = errors(csv);
    assert_eq!(e.len(), 1, "{e:?}");
    let e = e.into_iter().next().unwrap_or_else(|| unreachable!());
    (e.line, e.problem)
}

#[test]
fn the_documented_example_imports_and_round_trips() {
    let t = parse(EXAMPLE, 2025, None).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(t.groups.len(), 2);
    assert_eq!(t.bonus_cap, Points::whole(3));
    let bytes = criteria::write(&t).unwrap_or_else(|e| panic!("{e}"));
    let again = import(&bytes, 2025, None).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(again.encoding, Encoding::Utf8Bom);
    assert_eq!(again.table, t);
}

#[test]
fn csv_rule_breaks_are_reported_with_their_lines() {
    let csv = format!(
        "{HEADER}criterion,I,Đào tạo,1.1,A,10,1\n\
         criterion,I,Đào tạo,1\u{200b}.1,B,10,1\n\
         bonus_cap,,,,,-5,\n\
         vote_rule,,,valid,more_than,7/2,3/2\n\
         tie_break,,,group:IX,,,\n\
         penalty,,,P,Muộn,-1,1\n"
    );
    let got: Vec<(Option<usize>, String)> = errors(&csv)
        .iter()
        .map(|e| (e.line, e.message(Lang::En)))
        .collect();
    let want = [
        (3, "line 3: the code `1.1` is used twice"),
        (4, "line 4: the bonus cap -5 must not be negative"),
        (
            5,
            "line 5: the vote share 7/2 must be more than 0 and at most 1",
        ),
        (5, "line 5: the quorum 3/2 must be between 0 and 1"),
        (6, "line 6: tie-break 1 names the group `IX`"),
        (
            7,
            "line 7: penalty item `P`: the maximum -1 must not be negative",
        ),
    ];
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for ((line, msg), (want_line, want_msg)) in got.iter().zip(want) {
        assert_eq!(*line, Some(want_line), "{msg}");
        assert!(msg.starts_with(want_msg), "{msg:?} is not {want_msg:?}…");
    }
}

#[test]
fn share_zero_and_a_missing_criterion_are_refused() {
    let csv = format!(
        "{HEADER}criterion,I,Đào tạo,1.1,A,10,1\nvote_rule,,,valid,at_least,0/1,2/3\ntie_break,,,criterion:9.9,,,\n"
    );
    let problems: Vec<CsvProblem> = errors(&csv).into_iter().map(|e| e.problem).collect();
    assert_eq!(
        problems,
        vec![
            CsvProblem::Table(TableProblem::Share { num: 0, den: 1 }),
            CsvProblem::Table(TableProblem::UnknownCriterion {
                index: 0,
                code: "9.9".into()
            }),
        ]
    );
}

#[test]
fn the_year_is_checked() {
    for year in [0, 65000] {
        let e = parse(EXAMPLE, year, None).err().unwrap_or_default();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, None);
        assert_eq!(e[0].problem, CsvProblem::Table(TableProblem::Year(year)));
    }
}

/// `crit\x1b[2Jerion` is not `criterion` with an escape removed: it is an
/// unknown section, shown with the escape made visible and harmless.
#[test]
fn a_section_with_an_escape_sequence_is_refused_and_shown_safely() {
    for section in ["crit\x1b[2Jerion", "criterion\u{200b}", "\u{feff}title"] {
        let csv = format!("{HEADER}{section},I,Đào tạo,1.1,A,10,1\n");
        let (line, problem) = one_error(&csv);
        assert_eq!(line, Some(2));
        let CsvProblem::UnknownSection(shown) = &problem else {
            panic!("{section:?}: {problem:?}");
        };
        assert!(shown.contains("\\u{"), "{shown:?}");
        for lang in [Lang::Vi, Lang::En] {
            let m = problem.message(lang);
            assert!(
                !m.chars()
                    .any(|c| c.is_control() || thidua::text::is_invisible(c)),
                "{m:?}"
            );
        }
    }
    // The same goes for the other keywords.
    let csv = format!("{HEADER}criterion,I,A,1.1,A,10,1\ntie_break,,,more\x1b[0m_bonus,,,\n");
    assert!(matches!(one_error(&csv).1, CsvProblem::UnknownTieBreak(_)));
}

#[test]
fn an_overlong_value_names_its_line_column_and_limit() {
    let long = "ệ".repeat(MAX_LINE_CHARS + 1);
    let csv = format!("{HEADER}criterion,I,A,1.1,A,10,1\ncriterion,I,A,1.2,{long},10,1\n");
    let (line, problem) = one_error(&csv);
    assert_eq!(line, Some(3));
    assert_eq!(
        problem,
        CsvProblem::TooLong {
            column: "name",
            chars: MAX_LINE_CHARS + 1,
            limit: MAX_LINE_CHARS
        }
    );
    let e = criteria::CsvError { line, problem };
    assert_eq!(
        e.message(Lang::En),
        "line 3: column name has 501 characters; at most 500"
    );
    assert_eq!(
        e.message(Lang::Vi),
        "dòng 3: cột name dài 501 ký tự; tối đa 500"
    );
}

/// Issue 10: a 15 MB file took 22 s and then failed with "value too large
/// (11927856 bytes)". It is now refused by its size, before it is parsed, in
/// one line with the size and the limit.
#[test]
fn a_file_over_the_limit_is_refused_with_its_size_and_the_limit() {
    let mut big = String::from(HEADER);
    let mut i = 0;
    while big.len() < 15 * 1024 * 1024 {
        big.push_str(&format!("criterion,I,Đào tạo,{i},Tiêu chí {i},10,1\n"));
        i += 1;
    }
    let mut bytes = big.into_bytes();
    bytes.truncate(15 * 1024 * 1024);
    let e = import(&bytes, 2025, None)
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.encoding, None);
    assert_eq!(e.problems.len(), 1);
    assert!(matches!(e.problems[0].problem, CsvProblem::FileTooLarge(_)));
    assert_eq!(
        e.problems[0].message(Lang::En),
        "the file is 15.0 MB; a criteria table file may be at most 1.0 MB"
    );
    assert_eq!(
        e.problems[0].message(Lang::Vi),
        "tệp nặng 15,0 MB; tệp bảng tiêu chí tối đa 1,0 MB"
    );
}

/// Issue 10: a 15 MB file spent 22 s in a pairwise duplicate scan. Parsing
/// (which has no size limit of its own) is linear: 100,000 rows, every row a
/// new criterion and every other row a new group, take a few seconds of CPU
/// at most where a pairwise scan of either would take minutes.
#[test]
fn parsing_is_linear_in_the_number_of_rows() {
    let mut csv = String::from(HEADER);
    let rows = 100_000u32;
    for i in 0..rows {
        csv.push_str(&format!("criterion,G{},Nhóm,{i},Tiêu chí,10,1\n", i / 2));
    }
    csv.push_str("bonus,,,99999,Trùng mã,1,1\n");
    let before = cpu_ticks("thread-self");
    let got = parse(&csv, 2025, None);
    let cpu = (cpu_ticks("thread-self") - before) as f64 / clock_ticks_per_sec() as f64;
    eprintln!(
        "parsing {rows} rows ({} bytes): {cpu:.2} s of CPU",
        csv.len()
    );
    let e = got.err().unwrap_or_default();
    assert_eq!(e.len(), 1, "{:?}", e.first());
    assert_eq!(e[0].line, Some(rows as usize + 2));
    assert!(cpu < 10.0, "{rows} rows took {cpu:.1} s of CPU");
}

/// A file just under the size limit, every row a new criterion, imports.
#[test]
fn a_file_at_the_limit_imports() {
    let mut csv = String::from(HEADER);
    let mut i = 0u32;
    loop {
        let row = format!("criterion,G{},Nhóm,{i},Tiêu chí,10,1\n", i / 8);
        if (csv.len() + row.len()) as u64 > MAX_FILE_BYTES {
            break;
        }
        csv.push_str(&row);
        i += 1;
    }
    assert!(i > 20_000, "only {i} rows");
    let got = import(csv.as_bytes(), 2025, None);
    let t = got
        .unwrap_or_else(|e| panic!("{:?}", e.problems.first()))
        .table;
    assert_eq!(t.criteria().count(), i as usize);
    assert_eq!(t.groups.len(), i.div_ceil(8) as usize);
}

// ------------------------------------------------------------- encodings

/// "Trường Chính trị" as Windows-1258 writes it: base letters with their
/// circumflex, breve or horn, tone marks as separate bytes.
const VI_1258: &[u8] = b"Tr\xFD\xF5\xCCng Chi\xECnh tri\xF2, \xD0a\xCCo ta\xF2o";
const VI_TEXT: &str = "Trường Chính trị, Đào tạo";

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

fn name_of_first_criterion(bytes: &[u8]) -> (String, Encoding) {
    let got = import(bytes, 2025, None).unwrap_or_else(|e| panic!("{e:?}"));
    let name = got
        .table
        .criteria()
        .next()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    (thidua::text::clean_line(&name), got.encoding)
}

#[test]
fn csv_is_read_in_each_encoding_excel_writes() {
    let csv = format!("{HEADER}criterion,I,Đào tạo,1.1,\"{VI_TEXT}\",10,1\n");
    let cases: Vec<(Vec<u8>, Encoding)> = vec![
        (csv.as_bytes().to_vec(), Encoding::Utf8),
        (
            [b"\xEF\xBB\xBF".as_slice(), csv.as_bytes()].concat(),
            Encoding::Utf8Bom,
        ),
        (utf16(&csv, true), Encoding::Utf16Le),
        (utf16(&csv, false), Encoding::Utf16Be),
        (
            [
                HEADER.as_bytes(),
                b"criterion,I,\xD0a\xCCo ta\xF2o,1.1,\"",
                VI_1258,
                b"\",10,1\r\n",
            ]
            .concat(),
            Encoding::Windows1258,
        ),
    ];
    for (bytes, want) in cases {
        assert_eq!(
            name_of_first_criterion(&bytes),
            (VI_TEXT.to_string(), want),
            "{want:?}"
        );
    }
    // Western text without Vietnamese bytes: Windows-1252.
    let western = [
        HEADER.as_bytes(),
        b"criterion,I,A,1.1,Caf\xE9 M\xFCller \x80,10,1\n",
    ]
    .concat();
    assert_eq!(
        name_of_first_criterion(&western),
        ("Café Müller €".to_string(), Encoding::Windows1252)
    );
}

#[test]
fn utf16_without_a_byte_order_mark_gets_a_plain_message() {
    let csv = format!("{HEADER}criterion,I,A,1.1,A,10,1\n");
    let mut bytes = utf16(&csv, true);
    bytes.drain(..2);
    let e = decode(&bytes).err().unwrap_or_else(|| panic!("decoded"));
    assert_eq!(e.problem, CsvProblem::Utf16WithoutBom);
    for lang in [Lang::Vi, Lang::En] {
        let m = e.message(lang);
        assert!(m.contains("UTF-16") && !m.contains('\n'), "{m}");
        assert!(!m.contains("stream did not contain valid UTF-8"));
    }
    // A byte-order mark that promises what the bytes do not keep.
    let mut torn = utf16(&csv, true);
    torn.extend([0x00, 0xD8]);
    let e = decode(&torn).err().unwrap_or_else(|| panic!("decoded"));
    assert_eq!(e.problem, CsvProblem::BadBytes(Encoding::Utf16Le));
    assert!(e.message(Lang::En).contains("UTF-16 LE"));
}

// ------------------------------------------------------- the command line

fn thidua(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    common::cli::output(Command::new(BIN).arg("--db").arg(db).args(args))
}

/// Through the real binary: a UTF-16 file from Excel imports and says how it
/// was read; a Windows-1258 file with a rule broken, and a 15 MB file, each
/// fail with one plain line in the user's language; nothing is stored.
#[test]
fn criteria_import_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("db");
    let init = thidua(&db, &["init"]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );

    let good = dir.path().join("utf16.csv");
    std::fs::write(&good, utf16(EXAMPLE, true)).unwrap_or_else(|e| panic!("{e}"));
    let path = good.to_string_lossy().to_string();
    let out = thidua(
        &db,
        &[
            "--lang", "en", "criteria", "import", "--year", "2025", &path,
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("(read as UTF-16 LE)"), "{stdout}");

    let bad = dir.path().join("1258.csv");
    let bytes = [
        HEADER.as_bytes(),
        b"criterion,I,\xD0a\xCCo ta\xF2o,1.1,Ho\xE0n tha\xCCnh,10,1\r\n",
        b"bonus_cap,,,,,-5,\r\n",
    ]
    .concat();
    std::fs::write(&bad, bytes).unwrap_or_else(|e| panic!("{e}"));
    let path = bad.to_string_lossy().to_string();
    let out = thidua(&db, &["criteria", "import", "--year", "2026", &path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(
        stderr.trim_end(),
        format!(
            "thidua: {path} (đọc theo bảng mã Windows-1258): dòng 3: mức trần điểm thưởng -5 không được âm"
        )
    );

    let huge = dir.path().join("huge.csv");
    let mut big = String::from(HEADER);
    while big.len() < 15 * 1024 * 1024 {
        big.push_str("criterion,I,Đào tạo,1.1,Tiêu chí,10,1\n");
    }
    let mut bytes = big.into_bytes();
    bytes.truncate(15 * 1024 * 1024);
    std::fs::write(&huge, bytes).unwrap_or_else(|e| panic!("{e}"));
    let path = huge.to_string_lossy().to_string();
    let out = thidua(&db, &["criteria", "import", "--year", "2027", &path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("tệp nặng 15,0 MB; tệp bảng tiêu chí tối đa 1,0 MB"),
        "{stderr}"
    );

    // Only the good table was stored.
    let export = dir.path().join("out.csv");
    let e = export.to_string_lossy().to_string();
    assert!(
        thidua(&db, &["criteria", "export", "--year", "2025", "--out", &e])
            .status
            .success()
    );
    for year in ["2026", "2027"] {
        let out = thidua(&db, &["criteria", "export", "--year", year, "--out", &e]);
        assert!(!out.status.success(), "a {year} table was stored");
    }
}
