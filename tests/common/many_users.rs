//! A users file of `n` users, a quarter of each role, each with a key of its
//! own: shared by the users-file test and its benchmark (which includes this
//! file by path), so both measure the same file.

use russh::keys::{Algorithm, PrivateKey};

/// The users file text.
pub fn many_users(n: usize) -> String {
    let mut text = String::with_capacity(n * 160);
    for i in 0..n {
        let role = match i % 4 {
            0 => "role = \"admin\"",
            1 => "role = \"viewer\"",
            2 => "role = \"delegate\"\nschool = \"to hieu\"",
            _ => "role = \"secretary\"\ncluster = \"Cụm 4\"",
        };
        let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key");
        let public = key.public_key().to_openssh().expect("public key");
        text.push_str(&format!(
            "[[user]]\nname = \"Người dùng {i:05}\"\n{role}\nkeys = [\"{public} u{i}@laptop\"]\n\n"
        ));
    }
    text
}
