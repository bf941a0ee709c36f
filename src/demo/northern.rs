//! Article 002: the northern mountainous border cluster, year-end review of
//! 2023 in Điện Biên, and the head and deputies elected for 2024.

use super::{ACTOR, Loader, date, src};
use crate::domain::*;
use crate::store::StoreError;

pub(super) fn load(l: &mut Loader<'_>) -> Result<(), StoreError> {
    let s = |note: &str| src("002", note);
    let (quangninh, hagiang, langson) = (
        l.school("quangninh")?,
        l.school("hagiang")?,
        l.school("langson")?,
    );
    let mut c = Cluster::new(
        None,
        "Cụm thi đua các Trường Chính trị khu vực miền núi biên giới phía Bắc",
        "Miền núi biên giới phía Bắc",
    );
    c.memberships.push(Membership {
        year: 2023,
        schools: vec![quangninh, hagiang, langson],
        stated_count: Some(8),
        complete: false,
        sources: vec![s(
            "gồm 8 đơn vị trường; bài chỉ nêu tên các trường được bầu",
        )],
    });
    c.notes = "Số hiệu cụm không nêu trong nguồn.".into();
    c.sources.push(s(
        "Cụm thi đua các Trường Chính trị khu vực miền núi biên giới phía Bắc",
    ));
    let cluster = l.store.insert(ACTOR, c)?;

    let mut m = Meeting::new(
        MeetingKind::YearEndReview,
        Some(2023),
        "Hội nghị tổng kết cụm thi đua các Trường Chính trị khu vực miền núi biên giới phía Bắc năm 2023",
    );
    m.cluster = Some(cluster);
    m.date = Some(date(23, 11, 2023)?);
    m.place = "Điện Biên".into();
    m.figures = [
        ("Số trường trong cụm", "8"),
        ("Cán bộ, viên chức", "hơn 330"),
        ("Lớp đào tạo, bồi dưỡng trong năm", "hơn 450"),
        ("Học viên", "hơn 22 nghìn"),
        ("Đề án, đề tài khoa học cấp tỉnh", "3"),
        ("Đề tài khoa học cấp trường", "55"),
    ]
    .into_iter()
    .map(|(label, value)| Figure {
        label: label.into(),
        value: value.into(),
    })
    .collect();
    m.decisions = vec![
        "Đề ra phương hướng, nhiệm vụ năm 2024".into(),
        "Bình xét, suy tôn các đơn vị đề nghị tặng Cờ thi đua, Bằng khen của Học viện (nguồn không nêu tên đơn vị)".into(),
        "Bầu Trường Chính trị tỉnh Quảng Ninh làm trưởng cụm; Trường Chính trị tỉnh Hà Giang và Trường Chính trị tỉnh Lạng Sơn làm phó trưởng cụm năm 2024".into(),
    ];
    m.notes = "Nguồn (Điện Biên TV) ghi \"Trường Chính trị tỉnh tổ chức\" mà không nêu tên trường, nên đơn vị đăng cai để trống. Tác giả: Thu Nga – Chí Công.".into();
    m.sources.push(s(
        "Sáng 23/11, Trường Chính trị tỉnh tổ chức Hội nghị tổng kết",
    ));
    let meeting = l.store.insert(ACTOR, m)?;

    let mut t = Term::new(cluster, 2024);
    t.head = Some(quangninh);
    t.deputies = vec![hagiang, langson];
    t.elected_at = Some(meeting);
    t.sources.push(s(
        "bầu Quảng Ninh làm trưởng cụm; Hà Giang và Lạng Sơn làm phó trưởng cụm năm 2024",
    ));
    l.store.insert(ACTOR, t)?;
    Ok(())
}
