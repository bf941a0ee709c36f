//! Placeholder: bytes from an SSH channel to crossterm events.
