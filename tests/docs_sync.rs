//! The keymap reference and the guides' screenshots are generated from the
//! code and the snapshot tests, so they cannot drift. Run with
//! `UPDATE_DOCS=1 cargo test --test docs_sync` to rewrite them.

use std::path::Path;
use thidua::app::{Context, Keymap};
use thidua::i18n::{Lang, tr};
use thidua::ui::labels;

/// The keymap as a Markdown table per context, in a language.
fn keymap_markdown(lang: Lang) -> String {
    let keymap = Keymap::default();
    let mut out = String::new();
    for ctx in Context::ALL {
        let mut rows: Vec<(String, String, &str)> = Vec::new();
        for b in keymap.bindings().iter().filter(|b| b.context == ctx) {
            let label = tr(lang, labels::action(&b.action));
            let name = b.action.name().unwrap_or("");
            match rows.iter_mut().find(|(_, l, n)| *l == label && *n == name) {
                Some((keys, _, _)) => keys.push_str(&format!(", `{}`", b.key)),
                None => rows.push((format!("`{}`", b.key), label.to_string(), name)),
            }
        }
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n### {} (`{}`)\n\n",
            tr(lang, labels::context(ctx)),
            ctx.name()
        ));
        let head = match lang {
            Lang::Vi => "| Phím | Việc | Tên trong tệp phím |\n|---|---|---|\n",
            Lang::En => "| Keys | Action | Name in the keymap file |\n|---|---|---|\n",
        };
        out.push_str(head);
        for (keys, label, name) in rows {
            out.push_str(&format!(
                "| {} | {label} | `{name}` |\n",
                keys.replace('|', "\\|")
            ));
        }
    }
    out
}

/// The screen of a snapshot, without insta's header.
fn snapshot(name: &str) -> String {
    let path = Path::new("tests/snapshots").join(format!("tui_snapshots__{name}.snap"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let body = text
        .splitn(3, "---")
        .nth(2)
        .unwrap_or("")
        .trim_start_matches('\n');
    body.trim_end().to_string()
}

/// Replaces every `<!-- NAME:ARG -->…<!-- /NAME -->` block with `fill(ARG)`.
fn fill_blocks(doc: &str, name: &str, fill: &dyn Fn(&str) -> String) -> String {
    let open = format!("<!-- {name}:");
    let close = format!("<!-- /{name} -->");
    let mut out = String::new();
    let mut rest = doc;
    while let Some(start) = rest.find(&open) {
        let Some(arg_end) = rest[start..].find(" -->").map(|i| start + i) else {
            break;
        };
        let arg = &rest[start + open.len()..arg_end];
        let Some(end) = rest[arg_end..].find(&close).map(|i| arg_end + i) else {
            break;
        };
        out.push_str(&rest[..arg_end + 4]);
        out.push('\n');
        out.push_str(&fill(arg));
        out.push('\n');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn check(path: &str, expected: String) {
    let current = std::fs::read_to_string(path).unwrap_or_default();
    if std::env::var("UPDATE_DOCS").is_ok() {
        std::fs::write(path, &expected).expect("write doc");
        return;
    }
    assert!(
        current == expected,
        "{path} is out of date: run `UPDATE_DOCS=1 cargo test --test docs_sync`"
    );
}

#[test]
fn the_keymap_reference_matches_the_keymap() {
    for (path, lang) in [
        ("docs/keymap.vi.md", Lang::Vi),
        ("docs/keymap.en.md", Lang::En),
    ] {
        let doc = std::fs::read_to_string(path).expect("keymap doc");
        let expected = fill_blocks(&doc, "keymap", &|_| keymap_markdown(lang));
        check(path, expected);
    }
}

#[test]
fn the_guides_show_the_current_screens() {
    for path in ["docs/user-guide.vi.md", "docs/user-guide.en.md"] {
        let doc = std::fs::read_to_string(path).expect("guide");
        let expected = fill_blocks(&doc, "screen", &|name| {
            format!("```text\n{}\n```", snapshot(name))
        });
        assert!(expected.contains("```text"), "{path} shows no screen");
        check(path, expected);
    }
}
