//! The per-snapshot model shared by every session (issue 11): its
//! (cluster, year) indexes answer as the domain's own queries over every
//! record, and its lists are the same `Arc` for every session.

mod common;

use common::tui::Harness;
use std::collections::BTreeSet;
use std::sync::Arc;
use thidua::app::Pane;
use thidua::app::data::Data;
use thidua::domain::conference;
use thidua::i18n::Lang;

#[test]
fn cluster_year_indexes_answer_as_the_domain_queries() {
    let h = Harness::demo(80, 24);
    let data = Data::load(&h.store).expect("load");
    let mut keys: BTreeSet<(u64, u16)> = BTreeSet::new();
    keys.extend(data.ballots.values().map(|b| (b.cluster.0, b.year)));
    keys.extend(data.sheets.values().map(|s| (s.cluster.0, s.year)));
    keys.extend(data.terms.values().map(|t| (t.cluster.0, t.year)));
    assert!(
        keys.len() > 3,
        "the demo has several cluster years: {keys:?}"
    );
    // A year with nothing, too.
    keys.insert((999_999, 1900));
    let mut ballots = 0;
    for (c, y) in keys {
        let c = thidua::domain::ClusterId(c);
        let ids = |v: Vec<(thidua::domain::BallotId, &thidua::domain::Ballot)>| {
            v.into_iter().map(|(id, _)| id).collect::<Vec<_>>()
        };
        let want = ids(conference::ballots_of(&data.ballots, c, y));
        ballots += want.len();
        assert_eq!(ids(data.ballots_of(c, y)), want, "ballots of {c:?} {y}");
        assert_eq!(
            data.sheet_of(c, y).map(|(id, _)| id),
            conference::sheet_of(&data.sheets, c, y).map(|(id, _)| id)
        );
        assert_eq!(
            data.term_of(c, y).map(|(id, _)| id),
            conference::term_of(&data.terms, c, y).map(|(id, _)| id)
        );
        assert_eq!(
            data.next_term(c, y).map(|(id, _)| id),
            conference::next_term(&data.terms, c, y).map(|(id, _)| id)
        );
    }
    assert!(ballots > 0, "the demo has ballots");
}

#[test]
fn every_session_shows_the_same_rows_built_once() {
    let h = Harness::demo(80, 24);
    let other = h.another_app("khac");
    for pane in Pane::ALL {
        assert!(
            Arc::ptr_eq(&h.app.list_of(pane).rows, &other.list_of(pane).rows),
            "{pane:?}: two sessions on one snapshot share its rows"
        );
        // Built again from another read of the store, the rows are the
        // same, in the same order: equal names are ordered by id.
        let again = Data::load(&h.store).expect("load");
        assert_eq!(
            h.app.list_of(pane).rows.to_vec(),
            again.list_rows(pane, Lang::Vi, false).to_vec(),
            "{pane:?}"
        );
    }
}
