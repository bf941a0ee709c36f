//! Placeholder: the host key.
