//! The app's side of the access rules: it asks them before opening a form
//! or starting to type, so a refused user learns why before typing. The
//! store checks the same rules again on every write.

use super::{App, Level, Pane};
use crate::domain::access::{self, Intent, Owned, Owner, Refusal, Role};
use crate::domain::*;
use crate::i18n::Msg;
use crate::store::Kind;

impl App {
    /// Whether the session's role allows `intent`; when not, says why on the
    /// status line.
    pub(super) fn allowed(&mut self, intent: Intent) -> bool {
        match access::allow(&self.settings.role, intent) {
            Ok(()) => true,
            Err(r) => {
                self.refused(r);
                false
            }
        }
    }

    /// Puts a refusal on the status line.
    pub(super) fn refused(&mut self, r: Refusal) {
        let msg = format!("{}: {}", self.t(Msg::NotAllowed), self.refusal(r));
        self.message = Some((Level::Error, msg));
    }

    /// Whether the role may change or delete a record; says why not.
    pub(super) fn may_change_record(&mut self, kind: Kind, id: u64) -> bool {
        match self.owner_of(kind, id) {
            Some(owner) => self.allowed(Intent::Change(owner)),
            // Gone from the snapshot: the store reports it when written.
            None => true,
        }
    }

    /// The owner of a record in the snapshot.
    pub(super) fn owner_of(&self, kind: Kind, id: u64) -> Option<Owner> {
        let d = &self.data;
        Some(match kind {
            Kind::School => d.schools.get(&SchoolId(id))?.owner(id),
            Kind::Cluster => d.clusters.get(&ClusterId(id))?.owner(id),
            Kind::Term => d.terms.get(&TermId(id))?.owner(id),
            Kind::Meeting => d.meetings.get(&MeetingId(id))?.owner(id),
            Kind::Person => d.people.get(&PersonId(id))?.owner(id),
            Kind::Award => d.awards.get(&AwardId(id))?.owner(id),
            Kind::Table => d.tables.get(&TableId(id))?.owner(id),
            Kind::Sheet => d.sheets.get(&SheetId(id))?.owner(id),
            Kind::Ballot => d.ballots.get(&BallotId(id))?.owner(id),
        })
    }

    /// The owner a new record of the current pane will have, as far as it is
    /// known before the form is filled in; a secretary's new meeting is
    /// assumed to be for their cluster, and the store checks the real one.
    pub(super) fn new_record_owner(&self, term_cluster: Option<ClusterId>) -> Owner {
        let own = match self.settings.role {
            Role::Secretary(c) => c,
            _ => ClusterId(0),
        };
        match (self.pane, term_cluster) {
            (_, Some(c)) => Owner::Cluster(c),
            (Pane::People, _) => Owner::Directory,
            (Pane::Schools, _) if self.focus == super::Focus::List => Owner::Shared,
            (Pane::Clusters, _) => Owner::Shared,
            _ => Owner::Cluster(own),
        }
    }

    /// A short label of the session's user and role for the status bar.
    pub fn role_label(&self) -> String {
        match &self.settings.role {
            Role::Admin => self.t(Msg::RoleAdmin).to_string(),
            Role::Secretary(c) => {
                format!(
                    "{} {}",
                    self.t(Msg::RoleSecretary),
                    self.data.cluster_label(*c)
                )
            }
            Role::Delegate(s) => {
                format!(
                    "{} {}",
                    self.t(Msg::RoleDelegate),
                    self.data.school_short(*s)
                )
            }
            Role::Viewer => self.t(Msg::RoleViewer).to_string(),
        }
    }
}
