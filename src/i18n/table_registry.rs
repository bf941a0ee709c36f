//! The messages of the national registry of schools and lineage (issue 15 items 1, 2, 5). Joined to the other tables into one `Msg`.

/// Joins these messages to the others and makes the one `Msg` enum.
macro_rules! registry_messages {
    ($($rest:tt)*) => {
        bundle_messages! {
            $($rest)*
        }
    };
}
