//! The translation table. One line per message: name, Vietnamese, English.

macro_rules! messages {
    ($($name:ident => ($vi:expr, $en:expr),)+) => {
        /// A user-facing message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Msg {
            $($name,)+
        }

        impl Msg {
            /// Every message, for completeness checks.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)+];

            /// (Vietnamese, English).
            pub fn texts(self) -> (&'static str, &'static str) {
                match self {
                    $(Msg::$name => ($vi, $en),)+
                }
            }
        }
    };
}

messages! {
    Year => ("Năm", "Year"),
    Head => ("Cụm trưởng", "Head"),
    Deputies => ("Cụm phó", "Deputies"),
    Flag => ("Cờ thi đua", "Flag"),
    Certificates => ("Bằng khen", "Certificates"),
    FlagHolder => ("Giữ cờ luân lưu", "Rotating flag"),
    OtherAwards => ("Khen thưởng khác", "Other awards"),
    Proposed => ("đề nghị", "proposed"),
    Decided => ("đã quyết định", "decided"),
    Notes => ("Ghi chú", "Notes"),
    MergedInto => ("sáp nhập vào", "merged into"),
    Dissolved => ("đã giải thể", "dissolved"),
    Since => ("từ", "from"),
    NoHistory => ("(chưa có dữ liệu theo năm)", "(no yearly records)"),
    NoCluster => ("Không tìm thấy cụm", "No cluster matches"),
    NoMatch => ("Không tìm thấy kết quả", "Nothing found"),
    KindSchool => ("Trường", "School"),
    KindCluster => ("Cụm", "Cluster"),
    KindMeeting => ("Hội nghị", "Meeting"),
    KindPerson => ("Người", "Person"),
    KindTerm => ("Nhiệm kỳ", "Term"),
    KindTable => ("Bảng tiêu chí", "Criteria table"),
    KindSheet => ("Bảng điểm", "Score sheet"),
    KindBallot => ("Phiếu bầu", "Ballot"),
    KindAward => ("Khen thưởng", "Award"),
    HeadIn => ("Cụm trưởng", "head of"),
    DeputyIn => ("Cụm phó", "deputy of"),
    FlagHolderIn => ("giữ cờ luân lưu", "flag holder of"),
    MemberOf => ("thành viên", "member of"),
    NowPartOf => ("nay thuộc", "now part of"),
    Illustrative => ("ví dụ minh họa", "illustrative"),
    InitDone => ("Đã tạo cơ sở dữ liệu", "Created the database"),
    InitDemoDone => ("Đã nạp dữ liệu mẫu vào", "Loaded the demo data into"),
    InitNotEmpty => ("Cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống", "The database already has records; demo data only goes into an empty database"),
    Records => ("bản ghi", "records"),
    AuditOk => ("Nhật ký kiểm toán nguyên vẹn", "The audit log is intact"),
    AuditBroken => ("Nhật ký kiểm toán đã bị sửa đổi", "The audit log has been tampered with"),
    Entries => ("mục", "entries"),
    CheckOk => ("Mọi bản ghi đọc được, chỉ mục khớp, nhật ký nguyên vẹn", "Every record reads, the indexes agree and the audit log is intact"),
    CheckProblems => ("Phát hiện vấn đề", "Problems found"),
    Members => ("Thành viên", "Members"),
    ProposedBy => ("do cụm đề nghị", "proposed by the cluster"),
    InYear => ("năm", "in"),
    Chaired => ("chủ trì", "chaired"),
    Attended => ("dự", "attended"),
    Papers => ("bài tham luận", "papers"),
    Speeches => ("ý kiến phát biểu", "speeches"),
}
