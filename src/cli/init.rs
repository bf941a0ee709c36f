//! `thidua init [--demo] [--registry]`.

use super::Failure;
use crate::i18n::{Lang, Msg, tr, trf};
use crate::registry::{Difference, Outcome};
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
    registry: bool,
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
    // The registry goes after the demo, so it finds the demo's schools and
    // mergers and adds only what they lack.
    let loaded = if registry {
        Some(crate::registry::load(store)?)
    } else {
        None
    };
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
    if let Some(outcome) = loaded {
        report(&outcome, lang, out)?;
    }
    Ok(())
}

/// What a registry load did, and what it found different and kept.
pub fn report(o: &Outcome, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        trf(
            lang,
            Msg::RegistryLoaded,
            &[
                &o.schools_added,
                &o.matched,
                &o.schools_completed,
                &o.mergers_added,
                &o.names_added
            ]
        )
    )?;
    if o.differences.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", tr(lang, Msg::RegistryDiffers))?;
    for d in &o.differences {
        let line = match d {
            Difference::Name {
                province,
                stored,
                registry,
            } => trf(lang, Msg::RegistryDiffName, &[province, stored, registry]),
            Difference::Successor {
                province,
                stored,
                registry,
            } => trf(
                lang,
                Msg::RegistryDiffSuccessor,
                &[province, stored, registry],
            ),
            Difference::MergerDate {
                province,
                stored,
                registry,
            } => {
                let stored = stored.map_or_else(|| "?".to_string(), |d| d.to_string());
                trf(lang, Msg::RegistryDiffDate, &[province, &stored, registry])
            }
        };
        writeln!(out, "  {line}")?;
    }
    Ok(())
}
