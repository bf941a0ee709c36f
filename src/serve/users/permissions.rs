//! Whether another account could change the users file (and so make
//! itself admin), checked before every read.

use std::path::Path;
#[cfg(unix)]
use std::path::PathBuf;

use super::UsersError;
#[cfg(unix)]
use super::{ReadProblem, UnsafeReason};
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
