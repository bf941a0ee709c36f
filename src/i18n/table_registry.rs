//! The messages of the national registry of schools and lineage (issue 15 items 1, 2, 5). Joined to the other tables into one `Msg`.

/// Joins these messages to the others and makes the one `Msg` enum.
macro_rules! registry_messages {
    ($($rest:tt)*) => {
        bundle_messages! {
            RegistryLoaded => (
                "Danh mục trường: thêm {} trường; {} trường đã có ({} được bổ sung); thêm {} sự kiện sáp nhập, {} tên",
                "Registry: {} schools added; {} already recorded ({} completed); {} mergers and {} names added"
            ),
            RegistryDiffers => (
                "Khác với danh mục (giữ nguyên như đã ghi):",
                "Differs from the registry (kept as recorded):"
            ),
            RegistryDiffName => (
                "{}: tên đã ghi «{}», danh mục ghi «{}»",
                "{}: recorded name «{}», the registry says «{}»"
            ),
            RegistryDiffSuccessor => (
                "{}: đã ghi sáp nhập vào «{}», danh mục ghi «{}»",
                "{}: recorded as merged into «{}», the registry says «{}»"
            ),
            RegistryDiffDate => (
                "{}: đã ghi ngày sáp nhập {}, danh mục ghi {}",
                "{}: recorded merger date {}, the registry says {}"
            ),
            InheritedFromLower => ("kế thừa từ", "inherited from"),
            $($rest)*
        }
    };
}
