//! The users file: who may connect to `thidua serve`, with which SSH keys, and
//! in which role. The format is described in `docs/users-file.md`.
//!
//! The SSH login name is chosen by the client and proves nothing, so a
//! session's identity is the user whose key it authenticated with. That is
//! why one key may belong to one user only.
//!
//! Clusters and schools are named the way people say them ("Cụm 4",
//! "to hieu") and resolved against the database when the file is read, so a
//! typo or an ambiguous name is refused with the candidates, instead of
//! quietly giving someone the wrong school.

mod directory;
mod error;
mod file;
mod names;
mod parse;
mod permissions;
mod problem;

pub use error::{ReadProblem, UnsafeReason, UsersError};
pub use file::UsersFile;
pub use names::{name_key, shown};
pub use permissions::check_safe;
pub use problem::{Problem, RoleKind};

use std::collections::HashMap;
use std::path::Path;

use russh::keys::PublicKey;
use russh::keys::ssh_key::public::KeyData;

use crate::domain::access::Role;
use crate::store::Store;
use parse::parse_as;

/// The role names the file accepts, in the order the messages list them.
pub const ROLE_NAMES: &str = "admin, secretary, delegate, viewer";

/// How many candidates an ambiguity message lists before "and N more".
pub const MAX_CANDIDATES: usize = 8;

/// One person allowed to connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The name written to the audit log for every change this user makes:
    /// cleaned (NFC, no control characters) and unique in the file.
    pub name: String,
    /// What the user may do.
    pub role: Role,
    /// The public keys the user may authenticate with; their comments are
    /// kept but never compared.
    pub keys: Vec<PublicKey>,
}

/// The parsed, validated users file.
#[derive(Debug, Clone, Default)]
pub struct Users {
    users: Vec<User>,
    /// Key material (not the comment) → index in `users`; a key that appears
    /// twice is refused when parsing, so this is a function.
    by_key: HashMap<KeyData, usize>,
}

impl Users {
    /// Parses and resolves cluster/school names against the store.
    ///
    /// Errors name the file as "users file"; [`Users::load`] names it by its
    /// path.
    pub fn parse(text: &str, store: &Store) -> Result<Users, UsersError> {
        parse_as(text, None, store)
    }

    /// Reads and parses the users file at `path`, after checking that no
    /// other account can change it ([`check_safe`]).
    pub fn load(path: &Path, store: &Store) -> Result<Users, UsersError> {
        check_safe(path)?;
        let bytes = std::fs::read(path).map_err(|e| UsersError::Read {
            file: path.to_path_buf(),
            reason: ReadProblem::io(&e),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| UsersError::Read {
            file: path.to_path_buf(),
            reason: ReadProblem::NotUtf8,
        })?;
        parse_as(&text, Some(path), store)
    }

    /// The user one of whose keys is `key`, comparing the key material only,
    /// so the comment a client's key carries does not matter.
    pub fn find(&self, key: &PublicKey) -> Option<&User> {
        self.by_key
            .get(key.key_data())
            .and_then(|&i| self.users.get(i))
    }

    /// The users in file order.
    pub fn iter(&self) -> impl Iterator<Item = &User> {
        self.users.iter()
    }

    /// How many users the file lists.
    pub fn len(&self) -> usize {
        self.users.len()
    }

    /// Whether the file lists no user (then nobody can connect).
    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }
}
