//! What each role may run over SSH, checked on the parsed line alone.

use thidua::cli::remote::{Plan, plan};
use thidua::domain::ClusterId;
use thidua::domain::access::Role;
use thidua::i18n::{Lang, Msg, tr};

/// For each command line: a viewer and a secretary are refused with the
/// given message (status 1), or run it when none is given; an admin runs
/// every one.
pub fn assert_reached(lines: &[(&str, Option<Msg>)]) {
    let secretary = Role::Secretary(ClusterId(4));
    for (line, refused) in lines {
        for role in [&Role::Viewer, &secretary] {
            match (plan(line.as_bytes(), role, Lang::En), refused) {
                (Plan::Run { .. }, None) => {}
                (Plan::Answer { text, code, .. }, Some(msg)) => {
                    assert_eq!(code, 1, "{line}");
                    assert!(text.contains(tr(Lang::En, *msg)), "{line}: {text}");
                }
                (other, _) => panic!("{line} as {role:?}: {other:?}"),
            }
        }
        assert!(
            matches!(
                plan(line.as_bytes(), &Role::Admin, Lang::En),
                Plan::Run { .. }
            ),
            "{line}: an admin may"
        );
    }
}
