//! The messages of year bundles, global ids (issue 14 item 3). Joined to the other tables into one `Msg`.

/// Joins these messages to the others and makes the one `Msg` enum.
macro_rules! bundle_messages {
    ($($rest:tt)*) => {
        editor_messages! {
            $($rest)*
            BundleAttachedAt => ("nhật ký đính kèm hỏng từ mục {}", "an attached log is broken from entry {}"),
        }
    };
}
