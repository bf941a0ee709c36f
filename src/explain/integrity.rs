//! The database's integrity in the user's language: why an open was
//! refused, what `check` found, why a write was refused, and sled's own
//! errors as one plain line (which file, what to do) instead of its text.

use crate::i18n::{Lang, Msg, tr};
use crate::store::StoreError;
use crate::store::audit::Break;
use crate::store::verify::{Finding, Problem};
use std::path::Path;

/// Fills `{name}` placeholders of a message.
fn fill(text: &str, vars: &[(&str, String)]) -> String {
    vars.iter().fold(text.to_string(), |acc, (name, value)| {
        acc.replace(&format!("{{{name}}}"), value)
    })
}

/// One finding: tree, key, and what is wrong.
pub fn finding(lang: Lang, f: &Finding) -> String {
    let t = |m| tr(lang, m);
    let seq = |m, n: u64| fill(t(m), &[("seq", n.to_string())]);
    let what = match &f.problem {
        Problem::Unreadable(_) => t(Msg::ProbUnreadable).to_string(),
        Problem::Undecodable(e) => with_detail(lang, t(Msg::ProbUndecodable), e),
        Problem::NoEntry => t(Msg::ProbNoEntry).to_string(),
        Problem::Differs(n) => seq(Msg::ProbDiffers, *n),
        Problem::Deleted(n) => seq(Msg::ProbDeleted, *n),
        Problem::Missing(n) => seq(Msg::ProbMissing, *n),
        Problem::Before(Some(n)) => seq(Msg::ProbBefore, *n),
        Problem::Before(None) => t(Msg::ProbBeforeNone).to_string(),
        Problem::Chain(b) => chain_break(lang, b),
        Problem::Short(saved, found) => fill(
            t(Msg::ProbShort),
            &[("found", found.to_string()), ("saved", saved.to_string())],
        ),
        Problem::Replaced => t(Msg::ProbReplaced).to_string(),
        Problem::Index(e) => return format!("{}: {e}", t(Msg::ProbIndex)),
        Problem::Reference(e) => return format!("{}: {e}", t(Msg::ProbReference)),
    };
    if f.tree.is_empty() {
        return what;
    }
    format!("{} {}: {what}", tree_label(lang, &f.tree), f.key)
}

/// A tree as a reader names it: in Vietnamese a record tree is its kind's
/// word and any other tree (an index, the audit log) its name as code; the
/// English interface keeps sled's names, which are English words.
fn tree_label(lang: Lang, tree: &str) -> String {
    match lang {
        Lang::En => tree.to_string(),
        Lang::Vi => crate::domain::Kind::ALL
            .iter()
            .find(|k| k.tree() == tree)
            .map_or_else(
                || format!("`{tree}`"),
                |k| crate::i18n::names::kind(lang, *k).to_string(),
            ),
    }
}

/// A finding with the decoder's own detail, which is English: given in the
/// English interface only (the log keeps it for the Vietnamese one).
fn with_detail(lang: Lang, what: &str, detail: &str) -> String {
    match lang {
        Lang::En => format!("{what} ({detail})"),
        Lang::Vi => what.to_string(),
    }
}

/// A break in the audit chain.
pub fn chain_break(lang: Lang, b: &Break) -> String {
    let t = |m| tr(lang, m);
    match b {
        Break::Sequence { found, expected } => fill(
            t(Msg::ProbSequence),
            &[
                ("found", found.to_string()),
                ("expected", expected.to_string()),
            ],
        ),
        Break::Link => t(Msg::ProbLink).to_string(),
        Break::Unreadable(e) => with_detail(lang, t(Msg::ProbUndecodable), e),
        Break::Head => t(Msg::ProbHead).to_string(),
        Break::HeadUnreadable => t(Msg::ProbHeadUnreadable).to_string(),
    }
}

/// `the database PATH: REASON; nothing was changed; restore a backup (details in LOG)`.
fn refused(lang: Lang, path: &Path, reason: &str) -> String {
    let t = |m| tr(lang, m);
    let log = path.join(crate::store::safety::LOG);
    format!(
        "{} {}: {reason}; {}; {} ({})",
        t(Msg::DbWord),
        path.display(),
        t(Msg::NothingChanged),
        t(Msg::RestoreBackup),
        fill(t(Msg::DetailsIn), &[("file", log.display().to_string())])
    )
}

fn near(lang: Lang, at: Option<u64>) -> String {
    at.map(|b| fill(tr(lang, Msg::NearByte), &[("at", b.to_string())]))
        .unwrap_or_default()
}

/// A store error as one plain line in the user's language when it is about
/// the database's integrity or comes from sled; any other as it is. `db` is
/// the database folder, named when sled's text does not.
pub fn store_error(lang: Lang, db: &Path, e: &StoreError) -> String {
    let t = |m| tr(lang, m);
    // sled's own words go to the database's log, not to the screen.
    if let StoreError::Io(raw) = e {
        crate::store::safety::log_detail(db, raw);
    }
    match e {
        StoreError::Older {
            path,
            recorded,
            found,
        } => refused(
            lang,
            path,
            &fill(
                t(Msg::OpenOlder),
                &[
                    ("missing", recorded.saturating_sub(*found).to_string()),
                    ("saved", recorded.to_string()),
                ],
            ),
        ),
        StoreError::Replaced { path, seq } => refused(
            lang,
            path,
            &fill(
                t(Msg::OpenReplaced),
                &[
                    ("seq", seq.to_string()),
                    (
                        "file",
                        path.join(crate::store::safety::FILE).display().to_string(),
                    ),
                ],
            ),
        ),
        StoreError::Damaged { path, file, at } => refused(
            lang,
            path,
            &fill(
                t(Msg::OpenDamaged),
                &[
                    ("file", file.display().to_string()),
                    ("at", near(lang, *at)),
                ],
            ),
        ),
        StoreError::Mismatch {
            path,
            tree,
            key,
            others,
        } => refused(
            lang,
            path,
            &fill(
                t(Msg::OpenMismatch),
                &[
                    ("tree", tree_label(lang, tree)),
                    ("key", key.clone()),
                    ("others", others.to_string()),
                ],
            ),
        ),
        StoreError::WritesRefused { damaged } => {
            fill(t(Msg::WritesRefused), &[("n", damaged.to_string())])
        }
        StoreError::Io(text) if text.starts_with("Read corrupted data") => {
            let at = crate::store::verify::offset_in(text);
            let file = db.join("db").display().to_string();
            format!(
                "{} {}: {}; {}; {}",
                t(Msg::DbWord),
                db.display(),
                fill(
                    t(Msg::OpenDamaged),
                    &[("file", file), ("at", near(lang, at))]
                ),
                t(Msg::RunCheck),
                t(Msg::RestoreBackup)
            )
        }
        StoreError::Locked { path } => crate::i18n::trf(lang, Msg::DbInUse, &[&path.display()]),
        StoreError::Refused(r) => crate::i18n::errors::refusal(lang, *r).to_string(),
        StoreError::NewerSchema {
            path,
            found,
            supported,
        } => crate::i18n::trf(lang, Msg::StoreNewer, &[&path.display(), found, supported]),
        StoreError::UnknownSchema { path, .. } => {
            crate::i18n::trf(lang, Msg::StoreSchemaUnreadable, &[&path.display()])
        }
        StoreError::Open { path, reason } => with_detail(
            lang,
            &crate::i18n::trf(lang, Msg::StoreCannotOpen, &[&path.display()]),
            reason,
        ),
        StoreError::Corrupt { tree, key, reason } => with_detail(
            lang,
            &crate::i18n::trf(lang, Msg::StoreCorrupt, &[&tree_label(lang, tree), key]),
            reason,
        ),
        StoreError::Io(_) => {
            let log = db.join(crate::store::safety::LOG);
            crate::i18n::trf(lang, Msg::StoreIo, &[&log.display()])
        }
        StoreError::Score(e) => crate::i18n::errors::score(lang, e),
        StoreError::Decide(r) => crate::i18n::academy::decide_refusal(lang, r),
        // Without the names at hand here, a school is named by its number.
        StoreError::Members(r) => match r {
            crate::domain::sheet_members::MemberRefusal::Locked { year, .. } => {
                format!("{} ({year})", t(Msg::ErrMembersLocked))
            }
            crate::domain::sheet_members::MemberRefusal::HasScores(s) => {
                crate::i18n::trf(lang, Msg::ErrMemberHasScores, &[&format!("#{}", s.0)])
            }
            crate::domain::sheet_members::MemberRefusal::Twice(s) => {
                crate::i18n::trf(lang, Msg::ErrMemberTwice, &[&format!("#{}", s.0)])
            }
        },
        StoreError::Table(problems) => problems
            .iter()
            .map(|p| crate::i18n::criteria::table_problem(lang, p))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}
