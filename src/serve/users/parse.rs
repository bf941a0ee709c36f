//! Reading the file's TOML into [`Users`]: each user's name, role and keys
//! checked, with the line and the user named in every error.

use std::collections::HashMap;
use std::path::Path;

use russh::keys::PublicKey;
use russh::keys::ssh_key::public::KeyData;
use serde::Deserialize;
use toml::Spanned;

use super::directory::{Directory, resolve_cluster, resolve_school};
use super::{Problem, RoleKind, User, Users, UsersError, name_key};
use crate::domain::access::Role;
use crate::domain::{Cluster, School};
use crate::store::Store;
use crate::text::clean_line;
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

pub(super) fn parse_as(
    text: &str,
    file: Option<&Path>,
    store: &Store,
) -> Result<Users, UsersError> {
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
