//! `thidua backup`, `thidua restore` and `thidua dump --json` (docs/backup.md).

use super::Failure;
use crate::backup::restore::{Refusal, prove, read_file, write};
use crate::backup::write::{backup_bytes, write_atomic};
use crate::backup::{BackupError, dump::Dump};
use crate::i18n::{Lang, Msg, trf};
use crate::store::Store;
use std::io::Write;
use std::path::Path;

pub(super) fn failed(lang: Lang, db: &Path, e: BackupError) -> Failure {
    match e {
        BackupError::Store(e) => Failure::store(lang, db, e),
        e => Failure {
            message: e.line(lang),
            code: 1,
            cause: None,
        },
    }
}

/// Sends `bytes` to standard output or, through a temporary file renamed
/// into place, to `path`.
pub(super) fn deliver(
    lang: Lang,
    db: &Path,
    path: &Path,
    bytes: &[u8],
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    if super::is_std(path) {
        out.write_all(bytes)?;
        out.flush()?;
        return Ok(false);
    }
    write_atomic(path, bytes).map_err(|e| failed(lang, db, e))?;
    Ok(true)
}

/// `thidua backup --out FILE|-`.
pub(super) fn backup(
    store: &Store,
    path: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (bytes, summary) = backup_bytes(store).map_err(|e| failed(lang, store.path(), e))?;
    if deliver(lang, store.path(), path, &bytes, out)? {
        let line = trf(
            lang,
            Msg::BackupDone,
            &[
                &summary.records,
                &summary.entries,
                &path.display(),
                &bytes.len(),
            ],
        );
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `thidua dump --json [--out FILE|-]`.
pub(super) fn dump(
    store: &Store,
    path: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let snap = store
        .snapshot()
        .map_err(|e| Failure::store(lang, store.path(), e))?;
    let dump = Dump::of(&snap).map_err(|e| Failure::store(lang, store.path(), e))?;
    let mut bytes = serde_json::to_vec_pretty(&dump).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    let path = path.unwrap_or(Path::new("-"));
    if deliver(lang, store.path(), path, &bytes, out)? {
        let line = trf(lang, Msg::DumpDone, &[&dump.len(), &path.display()]);
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `thidua --db NEW restore FILE`: the backup is proved whole before the
/// database is even opened, so a damaged one leaves no folder behind.
pub(super) fn restore(
    db: &Path,
    file: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let name = file.display().to_string();
    let proved = read_file(file)
        .and_then(|bytes| prove(&name, &bytes))
        .map_err(|e| failed(lang, db, e))?;
    let store = Store::open(db).map_err(|e| Failure::store(lang, db, e))?;
    match write(&store, &proved) {
        Ok(()) => {}
        Err(Refusal::NotEmpty) => {
            return Err(Failure {
                message: trf(lang, Msg::RestoreNotEmpty, &[&db.display()]),
                code: 1,
                cause: None,
            });
        }
        Err(Refusal::Backup(e)) => return Err(failed(lang, db, e)),
        Err(Refusal::Store(e)) => return Err(Failure::store(lang, db, e)),
    }
    let line = trf(
        lang,
        Msg::RestoreDone,
        &[
            &proved.summary.records,
            &proved.summary.entries,
            &db.display(),
        ],
    );
    writeln!(out, "{line}")?;
    Ok(())
}
