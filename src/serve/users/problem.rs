//! The things that can be wrong inside the users file, one per message.

use std::fmt;

use crate::i18n::Lang;
/// One thing wrong in the users file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not valid TOML, a field of the wrong type, or an unknown field.
    Syntax(String),
    /// A `[[user]]` without `name`.
    MissingName,
    /// A name that is empty once cleaned.
    EmptyName,
    /// Two users with the same name: the audit log could not tell them apart.
    DuplicateName {
        /// The name.
        name: String,
        /// Where it first appears.
        first_line: usize,
    },
    /// Two names that read the same: they differ only in upper and lower
    /// case, or in characters that show nothing (a zero-width space, a soft
    /// hyphen, a Hangul filler, tag characters…). On screen and in the audit
    /// log the two users could not be told apart.
    LookalikeName {
        /// The name on this line.
        name: String,
        /// The name it reads like.
        other: String,
        /// Where that one is.
        first_line: usize,
    },
    /// No `role`.
    MissingRole,
    /// A role the file does not know.
    UnknownRole(String),
    /// A secretary without `cluster`.
    MissingCluster,
    /// A delegate without `school`.
    MissingSchool,
    /// `cluster` or `school` on a role that does not take it.
    FieldNotTaken {
        /// The field given.
        field: &'static str,
        /// The user's role.
        role: RoleKind,
        /// The role that takes the field.
        owner: RoleKind,
    },
    /// `cluster` is neither a number nor text.
    BadClusterValue(String),
    /// No cluster matches.
    ClusterNotFound {
        /// What the file says.
        query: String,
        /// The clusters there are, to choose from.
        known: Vec<String>,
    },
    /// Several clusters match.
    ClusterAmbiguous {
        /// What the file says.
        query: String,
        /// The clusters it matches.
        candidates: Vec<String>,
    },
    /// No school matches.
    SchoolNotFound(String),
    /// Several schools match.
    SchoolAmbiguous {
        /// What the file says.
        query: String,
        /// The schools it matches, by official name.
        candidates: Vec<String>,
    },
    /// No `keys`, or an empty list.
    NoKeys,
    /// A key that is not an OpenSSH public key line.
    BadKey {
        /// Its position in `keys`, from 1.
        number: usize,
        /// The parser's reason.
        reason: String,
    },
    /// A line from an `authorized_keys` file, options first
    /// (`from="10.0.0.1",no-pty ssh-ed25519 AAAA…`).
    KeyOptions {
        /// Its position in `keys`, from 1.
        number: usize,
        /// The options as written (cleaned, shortened).
        options: String,
        /// The key type the key itself starts with.
        kind: String,
    },
    /// A private key pasted in place of a public one. Its text is never
    /// repeated in a message or log.
    PrivateKey {
        /// Its position in `keys`, from 1.
        number: usize,
    },
    /// A key listed twice for the same user.
    RepeatedKey {
        /// Its position in `keys`, from 1.
        number: usize,
        /// The earlier position.
        first: usize,
    },
    /// A key that already belongs to another user: a session must map to one
    /// identity.
    SharedKey {
        /// Its position in `keys`, from 1.
        number: usize,
        /// The user listed first with it.
        other: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::users::problem(Lang::En, self))
    }
}

impl std::error::Error for Problem {}

/// A role as written, before its cluster or school is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleKind {
    /// `admin`.
    Admin,
    /// `viewer`.
    Viewer,
    /// `secretary`.
    Secretary,
    /// `delegate`.
    Delegate,
}
