//! The messages of year bundles, global ids (issue 14 item 3). Joined to the other tables into one `Msg`.

/// Joins these messages to the others and makes the one `Msg` enum.
macro_rules! bundle_messages {
    ($($rest:tt)*) => {
        editor_messages! {
            $($rest)*
            BundleNotBundle => ("{} không phải tệp kết quả năm do thidua tạo", "{} is not a year's bundle made by thidua"),
            BundleDamaged => ("{} đã bị hỏng: mã SHA-256 của tệp không khớp; không ghi gì", "{} is damaged: the file's SHA-256 does not match; nothing was written"),
            BundleMember => ("{}: phần “{}” thiếu, thừa hoặc không khớp mục lục; không ghi gì", "{}: the member “{}” is missing, extra or unlike the manifest; nothing was written"),
            BundleVersion => ("{}: phiên bản {} không đọc được bằng bản thidua này; không ghi gì", "{}: version {} cannot be read by this thidua; nothing was written"),
            BundleUnproved => ("{}: không kiểm chứng được ({}); không ghi gì", "{}: cannot be proved ({}); nothing was written"),
            BundleEmpty => ("Cụm không có hồ sơ nào của năm này để xuất", "The cluster has no record of this year to export"),
            BundleExported => ("Đã ghi {} hồ sơ vào {}", "Wrote {} records to {}"),
            BundleNameMatch => ("{} “{}” trong tệp khớp với “{}” ở đây theo tên (cần xác nhận)", "{} “{}” in the file matches “{}” here by name (to be confirmed)"),
            BundleMissingHead => ("Không tìm thấy ở cơ sở dữ liệu này (theo mã toàn cục hoặc đúng một tên); không ghi gì:", "Not found in this database (by global id, or by exactly one name); nothing was written:"),
            BundleMissing => ("  {} “{}”", "  {} “{}”"),
            BundleNew => ("Mới: {}", "New: {}"),
            BundleSame => ("Giống: {}", "The same: {}"),
            BundleConflict => ("Khác (bản trong tệp sẽ thay): {}", "Conflicting (the file's value replaces it): {}"),
            BundleAttach => ("Nhật ký thay đổi của nơi gửi: đính kèm {} mục", "The sender's audit log: {} entries to attach"),
            BundleAmends => ("Năm đã khóa: ghi như đính chính “{}”", "The year is locked: written as the amendment “{}”"),
            BundleLocked => ("{} năm {} đã khóa ở đây và tệp thay đổi nó mà không kèm đính chính; không ghi gì", "{} {} is locked here and the file changes it without an amendment; nothing was written"),
            BundleNothing => ("Không có gì thay đổi", "Nothing changes"),
            BundleAsk => ("Ghi các thay đổi này? [c/k] ", "Write these changes? [y/n] "),
            BundleNotWritten => ("Chưa ghi gì: đầu vào không phải terminal nên không hỏi được; chạy lại với --yes để ghi", "Nothing written: standard input is not a terminal, so there is no one to ask; run again with --yes to write"),
            BundleDeclined => ("Không ghi gì", "Nothing written"),
            BundleWritten => ("Đã lưu: {} hồ sơ, {} mục nhật ký đính kèm", "Saved: {} records, {} attached log entries"),
            BundleAuditReason => ("nhập kết quả năm từ tệp {}", "year's results imported from {}"),
            BundleAttachedAt => ("nhật ký đính kèm hỏng từ mục {}", "an attached log is broken from entry {}"),
        }
    };
}
