//! `thidua init [--demo]`.

use super::Failure;
use crate::i18n::{Lang, Msg, tr};
use crate::store::{Kind, Store};
use std::io::Write;

fn total(store: &Store) -> Result<usize, Failure> {
    let mut n = 0;
    for k in Kind::ALL {
        n += store.count(k)?;
    }
    Ok(n)
}

pub(super) fn run(
    store: &Store,
    demo: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let path = store.path().display();
    if demo {
        if total(store)? > 0 {
            return Err(Failure {
                message: format!("{}: {path}", tr(lang, Msg::InitNotEmpty)),
                code: 1,
                cause: None,
            });
        }
        crate::demo::load(store)?;
    }
    let done = if demo {
        Msg::InitDemoDone
    } else {
        Msg::InitDone
    };
    writeln!(
        out,
        "{} {path} ({} {})",
        tr(lang, done),
        total(store)?,
        tr(lang, Msg::Records)
    )?;
    Ok(())
}
