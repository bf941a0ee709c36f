//! The messages of criteria editor, copying tables, correcting a sheet's members (issue 14 item 2). Joined to the other tables into one `Msg`.

/// Joins these messages to the others and makes the one `Msg` enum.
macro_rules! editor_messages {
    ($($rest:tt)*) => {
        files_messages! {
            $($rest)*
        }
    };
}
