//! The messages of the Academy's year, decisions in bulk, statistics and charts (issue 15 items 3, 4). Joined to the other tables into one `Msg`.

/// Joins these messages to the others and makes the one `Msg` enum.
macro_rules! academy_messages {
    ($($rest:tt)*) => {
        registry_messages! {
            $($rest)*
        }
    };
}
