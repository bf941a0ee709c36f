//! The messages of the printable workbook (issue 12): its sheet names,
//! headings and print headers. Joined to the main table through
//! `table_files.rs` into one `Msg`.

/// Joins these messages to the others and makes the one `Msg` enum.
macro_rules! workbook_messages {
    ($($rest:tt)*) => {
        papers_messages! {
            $($rest)*
            // Sheet names: at most 31 characters, none of [ ] : * ? / \.
            WbTabCluster => ("Cụm chấm", "Cluster score"),
            WbTabSelf => ("Tự chấm", "Self score"),
            WbTabDiff => ("Chênh lệch", "Difference"),
            WbTabBallots => ("Bỏ phiếu", "Ballots"),
            WbTabOutcomes => ("Kết quả", "Outcomes"),
            WbTitleCluster => ("BẢNG ĐIỂM THI ĐUA NĂM {} — CỤM CHẤM", "EMULATION SCORES {} — CLUSTER SCORE"),
            WbTitleSelf => ("BẢNG ĐIỂM THI ĐUA NĂM {} — CÁC TRƯỜNG TỰ CHẤM", "EMULATION SCORES {} — SELF SCORE"),
            WbTitleDiff => ("BẢNG ĐIỂM THI ĐUA NĂM {} — CHÊNH LỆCH (TỰ CHẤM − CỤM CHẤM)", "EMULATION SCORES {} — DIFFERENCE (SELF − CLUSTER)"),
            WbTitleBallots => ("KẾT QUẢ BỎ PHIẾU NĂM {}", "BALLOT RESULTS {}"),
            WbTitleOutcomes => ("KẾT QUẢ HỘI NGHỊ TỔNG KẾT NĂM {}", "YEAR-END CONFERENCE OUTCOMES {}"),
            WbCriteriaSum => ("Cộng điểm tiêu chí", "Criteria subtotal"),
            WbBonusCounted => ("Điểm thưởng (không quá mức trần)", "Bonus (up to the cap)"),
            WbPenaltiesSum => ("Điểm trừ", "Penalties (deducted)"),
            WbTotalRule => ("Tổng = cộng điểm tiêu chí + điểm thưởng (không quá mức trần) − điểm trừ; ô trống tính là 0.", "Total = criteria subtotal + bonus (up to the cap) − penalties; an empty cell counts as 0."),
            WbRankRule => ("Hạng theo tổng cụm chấm rồi thứ tự ưu tiên khi bằng điểm; \"=2\": vẫn bằng điểm sau mọi tiêu chí ưu tiên.", "Ranked by the cluster's total, then the tie-break order; \"=2\": still tied after every tie-break."),
            WbPage => ("Trang &P/&N", "Page &P of &N"),
            WbCandidate => ("Đơn vị", "Candidate"),
            WbShare => ("Tỷ lệ so với phiếu hợp lệ", "Share of valid ballots"),
            WbNeededVotes => ("Phiếu cần để đạt", "Votes to pass"),
            WbAward => ("Hình thức", "Award"),
            WbSchool => ("Đơn vị", "School"),
            WbSelfTotal => ("Tổng tự chấm", "Self total"),
            WbClusterTotal => ("Tổng cụm chấm", "Cluster total"),
            WbNextLeadership => ("Cụm trưởng, Cụm phó năm {}", "Head and deputies for {}"),
            WbConference => ("Hội nghị tổng kết", "Year-end conference"),
            WbNoBallots => ("Chưa có phiếu bầu nào được ghi cho năm này.", "No ballots are recorded for this year."),
            WbNoAwards => ("Chưa có đề nghị khen thưởng nào.", "No awards proposed yet."),
            WbLockedBy => ("Khóa bởi", "Locked by"),
            WbNotLocked => ("Bảng điểm chưa khóa: số liệu còn có thể thay đổi.", "The sheet is not locked: its figures may still change."),
        }
    };
}
