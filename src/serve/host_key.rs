//! The server's host key: the identity clients pin in `known_hosts`.
//!
//! If it ever changed, every delegate's SSH client would warn of a possible
//! attack, and people would learn to ignore that warning. So the key is made
//! once, written so that no crash or second server can leave a half-written or
//! different key behind, and after that only ever read: a file that cannot be
//! read is an error for a person to look at, never a reason to make a new key.

use std::io::Write;
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey};

/// Why the host key could not be loaded or made. Each displays as one line
/// naming the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HostKeyError {
    /// The file exists but could not be read.
    #[error("cannot read the host key {}: {reason}", path.display())]
    Read {
        /// The key file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file exists but is not a private key this server can use. It was
    /// left as it is.
    #[error(
        "the host key {} is not a usable OpenSSH private key without passphrase ({reason}); it was left unchanged: restore it from a backup, or move it away to make a new key (clients will then warn that the host key changed)",
        path.display()
    )]
    Invalid {
        /// The key file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A new key could not be written.
    #[error("cannot create the host key {}: {reason}", path.display())]
    Create {
        /// The key file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file could not be restricted to its owner.
    #[error("cannot make the host key {} readable by its owner only (mode 0600): {reason}", path.display())]
    Permissions {
        /// The key file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// Loads the server's host key, creating it on first use and never replacing
/// it, so clients never see it change. The flag is `true` when the key was
/// created by this call.
pub fn load_or_create(path: &Path) -> Result<(PrivateKey, bool), HostKeyError> {
    match load(path) {
        Err(Missing) => {}
        Ok(key) => return Ok((key, false)),
        Err(Failed(e)) => return Err(e),
    }
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).map_err(|e| {
        HostKeyError::Create {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
    })?;
    match write_new(path, &key) {
        Ok(()) => Ok((key, true)),
        // Another server started at the same moment and won: its key is the
        // one clients will see, so use it.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match load(path) {
            Ok(key) => Ok((key, false)),
            Err(Failed(e)) => Err(e),
            Err(Missing) => Err(HostKeyError::Create {
                path: path.to_path_buf(),
                reason: "the name is taken by something that is not a file (a broken link?)".into(),
            }),
        },
        Err(e) => Err(HostKeyError::Create {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// The key's SHA-256 fingerprint as OpenSSH prints it (`SHA256:...`), for
/// delegates to compare with what their client shows on first connection.
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// Why [`load`] returned no key.
enum LoadError {
    /// There is no file: the one case in which a key may be made.
    Missing,
    Failed(HostKeyError),
}
use LoadError::{Failed, Missing};

fn load(path: &Path) -> Result<PrivateKey, LoadError> {
    let read_error = |e: std::io::Error| {
        Failed(HostKeyError::Read {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })
    };
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Missing),
        Err(e) => return Err(read_error(e)),
    };
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(read_error)?;
    let invalid = |reason: String| {
        Failed(HostKeyError::Invalid {
            path: path.to_path_buf(),
            reason,
        })
    };
    // The decoder of `russh::keys::load_secret_key`, on the bytes of the
    // handle opened above, so the key checked and the file restricted below
    // are the same file even if the name is replaced meanwhile.
    let text = String::from_utf8(bytes).map_err(|_| invalid("it is not text".into()))?;
    let key = russh::keys::decode_secret_key(&text, None).map_err(|e| invalid(e.to_string()))?;
    // Only a file that really is a key is touched, so a file refused above is
    // left exactly as it was found, mode included.
    restrict(&file, path).map_err(Failed)?;
    Ok(key)
}

/// Makes an existing key file private to its owner: anyone who can read it
/// can impersonate the server.
#[cfg(unix)]
fn restrict(file: &std::fs::File, path: &Path) -> Result<(), HostKeyError> {
    use std::os::unix::fs::PermissionsExt;
    let error = |e: std::io::Error| HostKeyError::Permissions {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let mode = file.metadata().map_err(error)?.permissions().mode();
    if mode & 0o777 != 0o600 {
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(error)?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict(_file: &std::fs::File, _path: &Path) -> Result<(), HostKeyError> {
    Ok(())
}

/// Writes a new key without ever exposing a partial file under `path` or
/// replacing one that appeared meanwhile: the key goes to a private temporary
/// file in the same folder, is synced, and is then linked to `path`, which
/// fails with `AlreadyExists` if the name is taken.
fn write_new(path: &Path, key: &PrivateKey) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    // tempfile creates the file with mode 0600 on unix, before any byte of
    // the key is in it.
    let mut tmp = tempfile::Builder::new()
        .prefix(".host-key-")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    // The new name must survive a crash too, or the next start would make
    // a different key after clients had already seen this one.
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}
