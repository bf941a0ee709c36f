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

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock, Weak};
use std::time::{Duration, SystemTime};

use russh::keys::PublicKey;
use russh::keys::ssh_key::public::KeyData;
use serde::Deserialize;
use toml::Spanned;

use crate::domain::access::Role;
use crate::domain::{Cluster, ClusterId, School, SchoolId};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use crate::text::{clean_line, fold};

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

/// The users file, re-read when its modification time or size changes, so
/// keys can be added while the server runs.
///
/// Logins only read the users last loaded ([`UsersFile::users`]): the file is
/// checked and re-read by [`UsersFile::refresh`], which the server calls from
/// a thread of its own ([`UsersFile::watch`]), so a large or slow file never
/// holds up a login or holds a lock one waits on.
pub struct UsersFile {
    path: PathBuf,
    store: Arc<Store>,
    users: RwLock<Arc<Users>>,
    /// The stamp of the file as last read (or last found unreadable: `None`
    /// when it could not even be stat'ed), so each change is tried, and each
    /// error reported, once. Held for the whole of a refresh, so two refreshes
    /// never read the file at once.
    stamp: Mutex<Option<Stamp>>,
}

/// What tells that the file changed. The change time and inode are included
/// on unix because an editor can save a same-sized file within the mtime's
/// resolution, or restore the old mtime; neither can fake the ctime, and a
/// save-by-rename gives a new inode. A `chmod` changes the ctime too, so a
/// file made unsafe, or made safe again, is checked again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    #[cfg(unix)]
    inode: (u64, u64, i64, i64),
}

impl Stamp {
    fn of(path: &Path) -> std::io::Result<Stamp> {
        let meta = std::fs::metadata(path)?;
        Ok(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec())
            },
        })
    }
}

impl UsersFile {
    /// Reads the file for the first time; unlike later re-reads, this must
    /// succeed, since there are no previous users to fall back on.
    pub fn open(path: PathBuf, store: Arc<Store>) -> Result<UsersFile, UsersError> {
        // Stat before reading: if the file changes in between, the next
        // refresh sees a newer stamp and reads it again, rather than missing
        // the change.
        let stamp = Stamp::of(&path).map_err(|e| UsersError::Read {
            file: path.clone(),
            reason: ReadProblem::io(&e),
        })?;
        let users = Users::load(&path, &store)?;
        Ok(UsersFile {
            path,
            store,
            users: RwLock::new(Arc::new(users)),
            stamp: Mutex::new(Some(stamp)),
        })
    }

    /// The path the users are read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The users as last loaded. No file access: this is what a login asks.
    pub fn users(&self) -> Arc<Users> {
        // A poisoned lock only means a panic elsewhere while holding it; the
        // value is replaced whole, never left half-updated.
        Arc::clone(&self.users.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Re-reads the file if it changed since the last look. When it no longer
    /// loads (a mistake, unsafe permissions, removed), the previous users
    /// stay and the error is returned, so the server can log it.
    ///
    /// The error is returned only by the call that noticed the change; later
    /// calls return `None` until the file changes again.
    pub fn refresh(&self) -> Option<UsersError> {
        let mut last = self.stamp.lock().unwrap_or_else(PoisonError::into_inner);
        match Stamp::of(&self.path) {
            Ok(stamp) if *last == Some(stamp) => None,
            Ok(stamp) => {
                *last = Some(stamp);
                // Parsed outside the lock logins read, which is taken only
                // to swap the result in.
                match Users::load(&self.path, &self.store) {
                    Ok(users) => {
                        *self.users.write().unwrap_or_else(PoisonError::into_inner) =
                            Arc::new(users);
                        None
                    }
                    Err(e) => Some(e),
                }
            }
            Err(_) if last.is_none() => None,
            Err(e) => {
                *last = None;
                Some(UsersError::Read {
                    file: self.path.clone(),
                    reason: ReadProblem::io(&e),
                })
            }
        }
    }

    /// Refreshes every `every` on a thread of its own, passing each error to
    /// `report`, until the last other handle to the file is dropped.
    pub fn watch(
        self: &Arc<Self>,
        every: Duration,
        report: impl Fn(UsersError) + Send + 'static,
    ) -> std::io::Result<()> {
        let file: Weak<UsersFile> = Arc::downgrade(self);
        std::thread::Builder::new()
            .name("users-file".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(every);
                    let Some(file) = file.upgrade() else { return };
                    if let Some(e) = file.refresh() {
                        report(e);
                    }
                }
            })
            .map(drop)
    }
}

/// Refuses a users file that another account could change, as OpenSSH's
/// `StrictModes` refuses such an `authorized_keys`: whoever can write the
/// file, or replace it in its folder, can make themselves admin. The file
/// and its folder must belong to the account running the server (or root)
/// and be writable by no group or others; a folder with the sticky bit
/// (`/tmp`) is fine, since there nobody can replace another's file. The
/// message gives the command that fixes it.
#[cfg(unix)]
pub fn check_safe(path: &Path) -> Result<(), UsersError> {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    let unsafe_because = |reason: UnsafeReason, fix: String| UsersError::Unsafe {
        file: path.to_path_buf(),
        reason,
        fix,
    };
    let meta = std::fs::metadata(path).map_err(|e| UsersError::Read {
        file: path.to_path_buf(),
        reason: ReadProblem::io(&e),
    })?;
    if meta.uid() != me && meta.uid() != 0 {
        return Err(unsafe_because(
            UnsafeReason::FileOwner {
                owner: meta.uid(),
                me,
            },
            format!("chown {me} {}", shell_quote(path)),
        ));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(unsafe_because(
            UnsafeReason::FileWritable {
                mode: meta.mode() & 0o7777,
            },
            format!("chmod go-w {}", shell_quote(path)),
        ));
    }
    // The folder as the path names it; a bare file name is in the current one.
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // An unreadable folder cannot hold a readable file; that error comes
    // from reading the file.
    let Ok(dir) = std::fs::metadata(&folder) else {
        return Ok(());
    };
    if dir.uid() != me && dir.uid() != 0 {
        return Err(unsafe_because(
            UnsafeReason::FolderOwner {
                folder: folder.clone(),
                owner: dir.uid(),
            },
            format!("chown {me} {}", shell_quote(&folder)),
        ));
    }
    let sticky = dir.mode() & 0o1000 != 0;
    if dir.mode() & 0o022 != 0 && !sticky {
        return Err(unsafe_because(
            UnsafeReason::FolderWritable {
                folder: folder.clone(),
                mode: dir.mode() & 0o7777,
            },
            format!("chmod go-w {}", shell_quote(&folder)),
        ));
    }
    Ok(())
}

/// Refuses nothing where there are no unix permissions to check.
#[cfg(not(unix))]
pub fn check_safe(_path: &Path) -> Result<(), UsersError> {
    Ok(())
}

/// A path as a POSIX shell reads it: as is when it holds only safe
/// characters, else in single quotes.
#[cfg(unix)]
fn shell_quote(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

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
    /// Another account could change the file ([`check_safe`]).
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
    fn io(e: &std::io::Error) -> ReadProblem {
        ReadProblem::Io {
            kind: e.kind(),
            detail: e.to_string(),
        }
    }
}

/// Who, besides the account running the server, could change the users file
/// ([`check_safe`]). Modes are the permission bits, shown in octal.
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

/// A name in quotes, with every character [`name_key`] ignores written as
/// `\u{…}`, so a message shows where two names that read alike differ.
pub fn shown(name: &str) -> String {
    let mut out = String::from("\"");
    for c in name.chars() {
        if invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Whether a character shows nothing: a format character (general category
/// Cf: zero-width space and joiners, soft hyphen, word joiner, tag
/// characters…) or another default-ignorable one (the Hangul fillers,
/// variation selectors).
fn invisible(c: char) -> bool {
    use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
    use icu_properties::{CodePointMapData, CodePointSetData};
    CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::Format
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
}

/// What two user names are compared by: the cleaned name without invisible
/// characters, in lower case. Two names with one key are the same name to
/// whoever reads the audit log.
pub fn name_key(name: &str) -> String {
    let visible: String = clean_line(name)
        .chars()
        .filter(|&c| !invisible(c))
        .collect();
    // Cleaned again: a removed character may have stood between two spaces
    // or two marks that now meet.
    clean_line(&visible.to_lowercase())
}

/// The file as TOML gives it. Every field is optional so that a missing one
/// gets a message of ours, naming the user; unknown fields are refused, so a
/// misspelt `clsuter` or `[[users]]` cannot silently drop a restriction or a
/// whole list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    user: Vec<Spanned<RawUser>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUser {
    name: Option<Spanned<String>>,
    role: Option<Spanned<String>>,
    cluster: Option<Spanned<toml::Value>>,
    school: Option<Spanned<String>>,
    keys: Option<Spanned<Vec<Spanned<String>>>>,
}

/// Parsing state: where the lines start (for line numbers) and the file's
/// label.
struct Ctx<'a> {
    /// The byte offset of every newline, in order: a line number is then a
    /// binary search, not a count from the start of the file for each user
    /// (which made loading quadratic: 20,001 users took 9.5 s).
    newlines: Vec<usize>,
    file: Option<&'a Path>,
}

impl Ctx<'_> {
    fn line(&self, offset: usize) -> usize {
        self.newlines
            .partition_point(|&n| n < offset)
            .saturating_add(1)
    }

    fn error(&self, offset: usize, user: Option<&str>, problem: Problem) -> UsersError {
        UsersError::Invalid {
            file: self.file.map(Path::to_path_buf),
            line: self.line(offset),
            user: user.map(str::to_string),
            problem,
        }
    }
}

fn parse_as(text: &str, file: Option<&Path>, store: &Store) -> Result<Users, UsersError> {
    // Windows editors (Notepad) start UTF-8 files with a byte-order mark,
    // which TOML does not allow. It holds no newline, so line numbers hold.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ctx = Ctx {
        newlines: text.match_indices('\n').map(|(i, _)| i).collect(),
        file,
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        // toml may quote the offending text; cleaning keeps the message one
        // line and free of anything that would act on the terminal showing
        // the log.
        let message = clean_line(e.message());
        ctx.error(offset, None, Problem::Syntax(message))
    })?;

    let needs_store = raw
        .user
        .iter()
        .any(|u| u.get_ref().cluster.is_some() || u.get_ref().school.is_some());
    let directory = if needs_store {
        let store_error = |source| UsersError::Store {
            file: file.map(Path::to_path_buf),
            source,
        };
        Directory::new(
            &store.all::<Cluster>().map_err(store_error)?,
            &store.all::<School>().map_err(store_error)?,
        )
    } else {
        Directory::default()
    };

    let mut users: Vec<User> = Vec::with_capacity(raw.user.len());
    let mut by_key: HashMap<KeyData, usize> = HashMap::new();
    let mut name_lines: HashMap<String, usize> = HashMap::new();
    // name_key → (the name as cleaned, its line)
    let mut key_lines: HashMap<String, (String, usize)> = HashMap::new();
    for entry in &raw.user {
        let header = entry.span().start;
        let u = entry.get_ref();

        let Some(raw_name) = &u.name else {
            return Err(ctx.error(header, None, Problem::MissingName));
        };
        let name = clean_line(raw_name.get_ref());
        let at_name = raw_name.span().start;
        let key = name_key(&name);
        if key.is_empty() {
            return Err(ctx.error(at_name, None, Problem::EmptyName));
        }
        if let Some(&first_line) = name_lines.get(&name) {
            return Err(ctx.error(at_name, None, Problem::DuplicateName { name, first_line }));
        }
        if let Some((other, first_line)) = key_lines.get(&key) {
            let (other, first_line) = (other.clone(), *first_line);
            let problem = Problem::LookalikeName {
                name,
                other,
                first_line,
            };
            return Err(ctx.error(at_name, None, problem));
        }
        let line = ctx.line(at_name);
        name_lines.insert(name.clone(), line);
        key_lines.insert(key, (name.clone(), line));
        let fail = |offset: usize, problem| ctx.error(offset, Some(&name), problem);

        let role = resolve_role(u, header, &directory).map_err(|(o, p)| fail(o, p))?;

        let keys = match &u.keys {
            Some(k) if !k.get_ref().is_empty() => k.get_ref(),
            Some(k) => return Err(fail(k.span().start, Problem::NoKeys)),
            None => return Err(fail(header, Problem::NoKeys)),
        };
        let index = users.len();
        let mut parsed: Vec<PublicKey> = Vec::with_capacity(keys.len());
        for (i, line) in keys.iter().enumerate() {
            let number = i.saturating_add(1);
            let at = line.span().start;
            let key = parse_key(line.get_ref(), number).map_err(|p| fail(at, p))?;
            if let Some(first) = parsed.iter().position(|k| k.key_data() == key.key_data()) {
                let first = first.saturating_add(1);
                return Err(fail(at, Problem::RepeatedKey { number, first }));
            }
            if let Some(other) = by_key.get(key.key_data()).and_then(|&o| users.get(o)) {
                let other = other.name.clone();
                return Err(fail(at, Problem::SharedKey { number, other }));
            }
            by_key.insert(key.key_data().clone(), index);
            parsed.push(key);
        }

        users.push(User {
            name,
            role,
            keys: parsed,
        });
    }
    Ok(Users { users, by_key })
}

/// The role with its cluster or school resolved; errors carry the offset to
/// report.
fn resolve_role(
    u: &RawUser,
    header: usize,
    directory: &Directory,
) -> Result<Role, (usize, Problem)> {
    let Some(role) = &u.role else {
        return Err((header, Problem::MissingRole));
    };
    let at_role = role.span().start;
    let (cluster, school) = (u.cluster.as_ref(), u.school.as_ref());
    let kind = match role.get_ref().trim().to_lowercase().as_str() {
        "admin" => RoleKind::Admin,
        "viewer" => RoleKind::Viewer,
        "secretary" => RoleKind::Secretary,
        "delegate" => RoleKind::Delegate,
        _ => return Err((at_role, Problem::UnknownRole(role.get_ref().clone()))),
    };
    let takes_cluster = kind == RoleKind::Secretary;
    let takes_school = kind == RoleKind::Delegate;
    if let (Some(c), false) = (cluster, takes_cluster) {
        let problem = Problem::FieldNotTaken {
            field: "cluster",
            role: kind,
            owner: RoleKind::Secretary,
        };
        return Err((c.span().start, problem));
    }
    if let (Some(s), false) = (school, takes_school) {
        let problem = Problem::FieldNotTaken {
            field: "school",
            role: kind,
            owner: RoleKind::Delegate,
        };
        return Err((s.span().start, problem));
    }
    match kind {
        RoleKind::Admin => Ok(Role::Admin),
        RoleKind::Viewer => Ok(Role::Viewer),
        RoleKind::Secretary => {
            let c = cluster.ok_or((at_role, Problem::MissingCluster))?;
            resolve_cluster(c.get_ref(), &directory.clusters)
                .map(Role::Secretary)
                .map_err(|p| (c.span().start, p))
        }
        RoleKind::Delegate => {
            let s = school.ok_or((at_role, Problem::MissingSchool))?;
            resolve_school(s.get_ref(), &directory.schools)
                .map(Role::Delegate)
                .map_err(|p| (s.span().start, p))
        }
    }
}

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

/// The key types an OpenSSH public key line starts with (`ecdsa-sha2-` and
/// the security-key types by prefix).
const KEY_TYPES: &[&str] = &[
    "ssh-ed25519",
    "ssh-rsa",
    "ssh-dss",
    "ecdsa-sha2-",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-",
];

/// The longest stretch of options quoted back in a message.
const MAX_OPTIONS_SHOWN: usize = 60;

/// One entry of `keys`. A private key is recognised before parsing so that
/// the message says so plainly; its text is never echoed. A line copied from
/// an `authorized_keys` file with options in front is recognised too, since
/// the parser would only say "character encoding invalid".
fn parse_key(line: &str, number: usize) -> Result<PublicKey, Problem> {
    let line = line.trim();
    if line.contains("PRIVATE KEY") || line.starts_with("PuTTY-User-Key-File") {
        return Err(Problem::PrivateKey { number });
    }
    let is_type = |word: &str| KEY_TYPES.iter().any(|t| word.starts_with(t));
    let first = line.split_whitespace().next().unwrap_or("");
    if !is_type(first) {
        let kind = line.split_whitespace().find(|w| is_type(w));
        if let Some((options, kind)) = kind.and_then(|k| Some((line.split_once(k)?.0, k))) {
            let mut options: String = clean_line(options).chars().collect();
            if options.chars().count() > MAX_OPTIONS_SHOWN {
                options = options.chars().take(MAX_OPTIONS_SHOWN).collect();
                options.push('…');
            }
            return Err(Problem::KeyOptions {
                number,
                options,
                kind: kind.to_string(),
            });
        }
    }
    PublicKey::from_openssh(line).map_err(|e| Problem::BadKey {
        number,
        reason: e.to_string(),
    })
}

/// The clusters and schools with their names folded once, so resolving a
/// user's cluster or school does not fold every name again: a file of
/// thousands of delegates stays quick to load.
#[derive(Default)]
struct Directory {
    clusters: Vec<ClusterNames>,
    schools: Vec<SchoolNames>,
}

struct ClusterNames {
    id: ClusterId,
    number: Option<u16>,
    /// The name, as messages list it when several match.
    name: String,
    /// The label, as messages list it when none matches.
    label: String,
    /// The name, the aliases and the label, folded.
    folded: Vec<String>,
}

struct SchoolNames {
    id: SchoolId,
    /// The official name, as messages list it.
    name: String,
    /// The official name, folded.
    official: String,
    /// Honorifics, former names and the province, folded.
    others: Vec<String>,
}

impl Directory {
    fn new(clusters: &[(ClusterId, Cluster)], schools: &[(SchoolId, School)]) -> Directory {
        Directory {
            clusters: clusters
                .iter()
                .map(|(id, c)| ClusterNames {
                    id: *id,
                    number: c.number,
                    name: c.name.clone(),
                    label: c.label(),
                    folded: std::iter::once(c.name.as_str())
                        .chain(c.aliases.iter().map(String::as_str))
                        .map(fold)
                        .chain(std::iter::once(fold(&c.label())))
                        .collect(),
                })
                .collect(),
            schools: schools
                .iter()
                .map(|(id, s)| SchoolNames {
                    id: *id,
                    name: s.name.clone(),
                    official: fold(&s.name),
                    others: s
                        .honorifics
                        .iter()
                        .chain(s.former_names.iter().map(|f| &f.name))
                        .chain(std::iter::once(&s.province))
                        .map(|n| fold(n))
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The cluster number a folded query names, if it names one: `4`, `cum 4`,
/// `cum so 4`, `cum thi dua so 4`.
fn cluster_number(folded: &str) -> Option<u16> {
    let rest = ["cum thi dua so ", "cum thi dua ", "cum so ", "cum "]
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .unwrap_or(folded);
    if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
        rest.parse().ok()
    } else {
        None
    }
}

fn resolve_cluster(value: &toml::Value, clusters: &[ClusterNames]) -> Result<ClusterId, Problem> {
    /// What the value asks for. A number out of range matches no cluster,
    /// rather than being taken for a name.
    enum Wanted {
        Number(Option<u16>),
        Name(String),
    }
    let (query, wanted) = match value {
        toml::Value::Integer(n) => (n.to_string(), Wanted::Number(u16::try_from(*n).ok())),
        toml::Value::String(s) => {
            let folded = fold(s);
            let wanted = match cluster_number(&folded) {
                Some(n) => Wanted::Number(Some(n)),
                None => Wanted::Name(folded),
            };
            (s.clone(), wanted)
        }
        other => return Err(Problem::BadClusterValue(other.type_str().to_string())),
    };
    let not_found = || Problem::ClusterNotFound {
        query: query.clone(),
        known: clusters.iter().map(|c| c.label.clone()).collect(),
    };
    let pick = |matches: &dyn Fn(&ClusterNames) -> bool| -> Vec<&ClusterNames> {
        clusters.iter().filter(|c| matches(c)).collect()
    };
    let found = match wanted {
        Wanted::Number(n) => pick(&|c| n.is_some() && c.number == n),
        Wanted::Name(folded) if folded.is_empty() => return Err(not_found()),
        Wanted::Name(folded) => {
            // A whole name first; a part of one only if no name matches whole.
            match pick(&|c| c.folded.contains(&folded)) {
                exact if !exact.is_empty() => exact,
                _ => pick(&|c| c.folded.iter().any(|n| contains_words(n, &folded))),
            }
        }
    };
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(not_found()),
        many => Err(Problem::ClusterAmbiguous {
            query: query.clone(),
            // Two clusters could share a number; their names differ.
            candidates: many.iter().map(|c| c.name.clone()).collect(),
        }),
    }
}

fn resolve_school(query: &str, schools: &[SchoolNames]) -> Result<SchoolId, Problem> {
    let folded = fold(query);
    if folded.is_empty() {
        return Err(Problem::SchoolNotFound(query.to_string()));
    }
    // Tiers, most specific first, so there is always a way to name any
    // school exactly: its official name wins over another school's honorific,
    // former name or province that happens to read the same.
    let tiers: [&dyn Fn(&SchoolNames) -> bool; 3] = [
        &|s| s.official == folded,
        &|s| s.others.contains(&folded),
        &|s| {
            std::iter::once(&s.official)
                .chain(&s.others)
                .any(|n| contains_words(n, &folded))
        },
    ];
    for tier in tiers {
        let found: Vec<&SchoolNames> = schools.iter().filter(|s| tier(s)).collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(one.id),
            many => {
                return Err(Problem::SchoolAmbiguous {
                    query: query.to_string(),
                    candidates: many.iter().map(|s| s.name.clone()).collect(),
                });
            }
        }
    }
    Err(Problem::SchoolNotFound(query.to_string()))
}

/// Whether the folded `needle` occurs in the folded `hay` as whole words:
/// "ha nam" finds "truong chinh tri tinh ha nam", but "am" finds nothing
/// there, so a short fragment cannot match by accident inside a word.
fn contains_words(hay: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {hay} ").contains(&format!(" {needle} "))
}
