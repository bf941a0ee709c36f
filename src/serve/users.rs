//! Placeholder: the users file.
