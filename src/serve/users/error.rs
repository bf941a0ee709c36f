//! Why the users file was refused: not read, not safe, names not resolved,
//! or something wrong in it ([`Problem`]).

use std::fmt;
use std::path::PathBuf;

use super::Problem;
use crate::i18n::Lang;
use crate::store::StoreError;
/// Why the users file was refused. Each is one line naming the file, and the
/// line and user where there is one: [`crate::i18n::users::users_error`] says
/// it in a language, `Display` in English (for logs and tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsersError {
    /// The file could not be read.
    Read {
        /// The file.
        file: PathBuf,
        /// Why.
        reason: ReadProblem,
    },
    /// Another account could change the file ([`check_safe`](super::check_safe)).
    Unsafe {
        /// The file.
        file: PathBuf,
        /// Who could change it, and how.
        reason: UnsafeReason,
        /// The command that makes it safe.
        fix: String,
    },
    /// The clusters and schools could not be read to resolve names.
    Store {
        /// The file, when it has a path (else "users file").
        file: Option<PathBuf>,
        /// The store's error.
        source: StoreError,
    },
    /// Something in the file is wrong.
    Invalid {
        /// The file, when it has a path (else "users file").
        file: Option<PathBuf>,
        /// The line, from 1.
        line: usize,
        /// The user concerned, by name, when the problem is in one user's entry
        /// and the name is known.
        user: Option<String>,
        /// What is wrong.
        problem: Problem,
    },
}

impl UsersError {
    /// What is wrong, when the file was read but refused.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            UsersError::Invalid { problem, .. } => Some(problem),
            _ => None,
        }
    }

    /// The line the problem is on, when there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            UsersError::Invalid { line, .. } => Some(*line),
            _ => None,
        }
    }
}

impl fmt::Display for UsersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::users::users_error(Lang::En, self))
    }
}

impl std::error::Error for UsersError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            UsersError::Store { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Why the users file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    /// The system refused: no such file, no permission, a folder…
    Io {
        /// What kind of failure, which the message names in a language.
        kind: std::io::ErrorKind,
        /// The system's own words, for the failures without a message of
        /// ours.
        detail: String,
    },
    /// The file is not UTF-8 text.
    NotUtf8,
}

impl ReadProblem {
    pub(super) fn io(e: &std::io::Error) -> ReadProblem {
        ReadProblem::Io {
            kind: e.kind(),
            detail: e.to_string(),
        }
    }
}

/// Who, besides the account running the server, could change the users file
/// ([`check_safe`](super::check_safe)). Modes are the permission bits, shown in octal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnsafeReason {
    /// The file belongs to another account.
    FileOwner {
        /// Its owner's user id.
        owner: u32,
        /// The server's user id.
        me: u32,
    },
    /// The group or others may write the file.
    FileWritable {
        /// The file's mode.
        mode: u32,
    },
    /// The folder belongs to another account, who can replace the file.
    FolderOwner {
        /// The folder.
        folder: PathBuf,
        /// Its owner's user id.
        owner: u32,
    },
    /// The group or others may write the folder (without the sticky bit).
    FolderWritable {
        /// The folder.
        folder: PathBuf,
        /// The folder's mode.
        mode: u32,
    },
}
