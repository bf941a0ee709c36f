//! What is wrong with the users file of `thidua serve`, said in a language:
//! one line each, with the file, the line, the user, the quoted names and keys
//! and the exact command that fixes it, so the person who started the server
//! reads it on the console in the server's language.

use std::path::Path;

use super::{Lang, Msg, tr, trf};
use crate::serve::users::{
    MAX_CANDIDATES, Problem, ROLE_NAMES, ReadProblem, RoleKind, UnsafeReason, UsersError, shown,
};

/// The whole error as one line.
pub fn users_error(lang: Lang, e: &UsersError) -> String {
    match e {
        UsersError::Read { file, reason } => {
            trf(lang, Msg::UfRead, &[&file.display(), &read(lang, reason)])
        }
        UsersError::Unsafe { file, reason, fix } => trf(
            lang,
            Msg::UfUnsafe,
            &[&file.display(), &unsafe_reason(lang, reason), fix],
        ),
        UsersError::Store { file, source } => trf(
            lang,
            Msg::UfStore,
            &[&file_label(lang, file.as_deref()), source],
        ),
        UsersError::Invalid {
            file,
            line,
            user,
            problem: p,
        } => {
            let file = file_label(lang, file.as_deref());
            let p = problem(lang, p);
            match user {
                Some(name) => trf(lang, Msg::UfAtUser, &[&file, line, &quoted(name), &p]),
                None => trf(lang, Msg::UfAt, &[&file, line, &p]),
            }
        }
    }
}

/// A server console line: the users file changed but did not load, so the
/// users loaded before stay.
pub fn not_reloaded(lang: Lang, e: &UsersError) -> String {
    trf(lang, Msg::UfNotReloaded, &[&users_error(lang, e)])
}

/// One problem in the file, without the file and line.
pub fn problem(lang: Lang, p: &Problem) -> String {
    use Problem as P;
    let t = |m| tr(lang, m).to_string();
    match p {
        P::Syntax(message) => trf(lang, Msg::UfSyntax, &[message]),
        P::MissingName => t(Msg::UfMissingName),
        P::EmptyName => t(Msg::UfEmptyName),
        P::DuplicateName { name, first_line } => {
            trf(lang, Msg::UfDuplicateName, &[&quoted(name), first_line])
        }
        P::LookalikeName {
            name,
            other,
            first_line,
        } => trf(
            lang,
            Msg::UfLookalikeName,
            &[&shown(name), &shown(other), first_line],
        ),
        P::MissingRole => t(Msg::UfMissingRole),
        P::UnknownRole(role) => trf(lang, Msg::UfUnknownRole, &[&quoted(role), &ROLE_NAMES]),
        P::MissingCluster => t(Msg::UfMissingCluster),
        P::MissingSchool => t(Msg::UfMissingSchool),
        P::FieldNotTaken { field, role, owner } => trf(
            lang,
            Msg::UfFieldNotTaken,
            &[
                &role_name(lang, *role),
                &quoted(field),
                &role_name(lang, *owner),
            ],
        ),
        P::BadClusterValue(kind) => trf(lang, Msg::UfBadClusterValue, &[&toml_type(lang, kind)]),
        P::ClusterNotFound { query, known } => {
            let known = if known.is_empty() {
                t(Msg::UfNoClusters)
            } else {
                trf(lang, Msg::UfClustersAre, &[&listing(lang, known)])
            };
            trf(lang, Msg::UfClusterNotFound, &[&quoted(query), &known])
        }
        P::ClusterAmbiguous { query, candidates } => trf(
            lang,
            Msg::UfClusterAmbiguous,
            &[&quoted(query), &listing(lang, candidates)],
        ),
        P::SchoolNotFound(query) => trf(lang, Msg::UfSchoolNotFound, &[&quoted(query)]),
        P::SchoolAmbiguous { query, candidates } => trf(
            lang,
            Msg::UfSchoolAmbiguous,
            &[&quoted(query), &listing(lang, candidates)],
        ),
        P::NoKeys => t(Msg::UfNoKeys),
        P::BadKey { number, reason } => trf(lang, Msg::UfBadKey, &[number, reason]),
        P::KeyOptions {
            number,
            options,
            kind,
        } => trf(lang, Msg::UfKeyOptions, &[number, options, kind]),
        P::PrivateKey { number } => trf(lang, Msg::UfPrivateKey, &[number]),
        P::RepeatedKey { number, first } => trf(lang, Msg::UfRepeatedKey, &[number, first]),
        P::SharedKey { number, other } => trf(lang, Msg::UfSharedKey, &[number, &quoted(other)]),
    }
}

/// The file by its path, or as "the users file" when it has none.
fn file_label(lang: Lang, file: Option<&Path>) -> String {
    match file {
        Some(path) => path.display().to_string(),
        None => tr(lang, Msg::UfFile).to_string(),
    }
}

/// Why the file could not be read. The system's own words are kept only for
/// failures without a message of ours.
fn read(lang: Lang, reason: &ReadProblem) -> String {
    use std::io::ErrorKind as K;
    let msg = match reason {
        ReadProblem::NotUtf8 => Msg::UfNotUtf8,
        ReadProblem::Io { kind, detail } => match kind {
            K::NotFound => Msg::UfNoSuchFile,
            K::PermissionDenied => Msg::UfReadDenied,
            K::IsADirectory => Msg::UfIsFolder,
            _ => return trf(lang, Msg::UfOsError, &[detail]),
        },
    };
    tr(lang, msg).to_string()
}

/// Who else could change the file; modes in octal, as `chmod` takes them.
fn unsafe_reason(lang: Lang, reason: &UnsafeReason) -> String {
    match reason {
        UnsafeReason::FileOwner { owner, me } => trf(lang, Msg::UfOwnerOther, &[owner, me]),
        UnsafeReason::FileWritable { mode } => trf(lang, Msg::UfWritable, &[&format!("{mode:o}")]),
        UnsafeReason::FolderOwner { folder, owner } => {
            trf(lang, Msg::UfFolderOwner, &[&folder.display(), owner])
        }
        UnsafeReason::FolderWritable { folder, mode } => trf(
            lang,
            Msg::UfFolderWritable,
            &[&folder.display(), &format!("{mode:o}")],
        ),
    }
}

/// A role as the messages name it.
fn role_name(lang: Lang, role: RoleKind) -> &'static str {
    tr(
        lang,
        match role {
            RoleKind::Admin => Msg::UfRoleAdmin,
            RoleKind::Viewer => Msg::UfRoleViewer,
            RoleKind::Secretary => Msg::UfRoleSecretary,
            RoleKind::Delegate => Msg::UfRoleDelegate,
        },
    )
}

/// A TOML value's type (as `toml::Value::type_str` names it). Strings and
/// integers are what `cluster` takes, so they never reach a message.
fn toml_type(lang: Lang, kind: &str) -> &str {
    let msg = match kind {
        "float" => Msg::UfTypeFloat,
        "boolean" => Msg::UfTypeBoolean,
        "datetime" => Msg::UfTypeDatetime,
        "array" => Msg::UfTypeArray,
        "table" => Msg::UfTypeTable,
        _ => return kind,
    };
    tr(lang, msg)
}

/// A value from the file in double quotes, escaped as Rust's `{:?}` does, so
/// spaces and quotes inside it stay visible.
fn quoted(text: &str) -> String {
    format!("{text:?}")
}

/// `"a", "b" and 3 more`.
fn listing(lang: Lang, names: &[String]) -> String {
    let mut out = names
        .iter()
        .take(MAX_CANDIDATES)
        .map(|n| quoted(n))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > MAX_CANDIDATES {
        out.push_str(&trf(
            lang,
            Msg::UfAndMore,
            &[&(names.len() - MAX_CANDIDATES)],
        ));
    }
    out
}
