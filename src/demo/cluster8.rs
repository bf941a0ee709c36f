//! Article 003: Cụm thi đua số 8 (miền Đông Nam Bộ), year-end review of 2019.

use super::{ACTOR, Loader, date, proposal, src};
use crate::domain::*;
use crate::store::StoreError;

pub(super) fn load(l: &mut Loader<'_>) -> Result<(), StoreError> {
    let s = |note: &str| src("003", note);
    let members = [
        "brvt",
        "binhthuan",
        "ninhthuan",
        "binhphuoc",
        "binhduong",
        "dongnai",
        "tayninh",
    ]
    .into_iter()
    .map(|h| l.school(h))
    .collect::<Result<Vec<_>, _>>()?;
    let mut c = Cluster::new(
        Some(8),
        "Cụm thi đua số 8 các Trường Chính trị miền Đông Nam Bộ",
        "Đông Nam Bộ",
    );
    c.memberships.push(Membership {
        year: 2019,
        schools: members,
        stated_count: Some(7),
        complete: true,
        sources: vec![s(
            "Cụm thi đua số 8 gồm 7 Trường Chính trị các tỉnh miền Đông Nam bộ",
        )],
    });
    c.sources
        .push(s("Cụm thi đua số 8 các Trường Chính trị miền Đông Nam Bộ"));
    let cluster = l.store.insert(ACTOR, c)?;

    let (brvt, ninhthuan, binhthuan, binhduong) = (
        l.school("brvt")?,
        l.school("ninhthuan")?,
        l.school("binhthuan")?,
        l.school("binhduong")?,
    );
    let lien = l.person(
        "Ngô Thị Liên",
        Some("brvt"),
        "",
        s("Hiệu trưởng, Cụm trưởng"),
    )?;
    let hung = l.person("Trương Tiến Hưng", Some("ninhthuan"), "", s("Hiệu trưởng"))?;
    let bich = l.person(
        "Nguyễn Thị Thuận Bích",
        Some("binhthuan"),
        "",
        s("Hiệu trưởng"),
    )?;

    let mut m = Meeting::new(
        MeetingKind::YearEndReview,
        Some(2019),
        "Hội nghị tổng kết phong trào thi đua năm 2019, phương hướng, nhiệm vụ năm 2020",
    );
    m.cluster = Some(cluster);
    m.date = Some(date(22, 11, 2019)?);
    m.host = Some(brvt);
    m.place = "Trường Chính trị tỉnh Bà Rịa – Vũng Tàu".into();
    m.chairs = vec![
        l.participant(
            lien,
            "Hiệu trưởng, Cụm trưởng Cụm thi đua số 8",
            "Trường Chính trị tỉnh Bà Rịa – Vũng Tàu",
        ),
        l.participant(hung, "Hiệu trưởng", "Trường Chính trị Ninh Thuận"),
        l.participant(bich, "Hiệu trưởng", "Trường Chính trị Bình Thuận"),
    ];
    m.guests = vec![super::organisation_only(
        "Đại diện lãnh đạo, cán bộ làm công tác thi đua",
        "Các trường trong Cụm",
    )];
    m.decisions = vec![
        "Thông qua Báo cáo tổng kết phong trào thi đua năm 2019, phương hướng, nhiệm vụ năm 2020".into(),
        "Chấm điểm, bình xét; đề nghị Học viện tặng Cờ thi đua cho Trường Chính trị tỉnh Bà Rịa – Vũng Tàu".into(),
        "Đề nghị Học viện tặng Bằng khen cho Trường Chính trị Ninh Thuận".into(),
        "Giới thiệu Cụm trưởng năm 2020: Trường Chính trị tỉnh Ninh Thuận; Cụm phó: Bình Thuận, Bình Dương".into(),
        "Bàn giao nhiệm vụ Cụm trưởng năm 2019 cho Cụm trưởng năm 2020".into(),
    ];
    m.notes = "Bài viết của Đinh Thị Mai Yên, Phó Trưởng phòng TC-HC-TT-TL.".into();
    m.sources.push(s(
        "Ngày 22/11/2019, tại Trường Chính trị tỉnh Bà Rịa-Vũng Tàu",
    ));
    let meeting = l.store.insert(ACTOR, m)?;

    let mut t2019 = Term::new(cluster, 2019);
    t2019.head = Some(brvt);
    t2019
        .sources
        .push(s("Ngô Thị Liên – Hiệu trưởng, Cụm trưởng Cụm thi đua số 8"));
    l.store.insert(ACTOR, t2019)?;

    let mut t2020 = Term::new(cluster, 2020);
    t2020.head = Some(ninhthuan);
    t2020.deputies = vec![binhthuan, binhduong];
    t2020.elected_at = Some(meeting);
    t2020.notes = "Hội nghị thống nhất giới thiệu đơn vị Cụm trưởng, Cụm phó năm 2020.".into();
    t2020.sources.push(s(
        "Cụm trưởng năm 2020: Ninh Thuận; Cụm phó: Bình Thuận, Bình Dương",
    ));
    l.store.insert(ACTOR, t2020)?;

    l.store.insert(
        ACTOR,
        proposal(
            AwardKind::AcademyFlag,
            brvt,
            2019,
            cluster,
            meeting,
            s("đề nghị tặng Cờ thi đua"),
        ),
    )?;
    l.store.insert(
        ACTOR,
        proposal(
            AwardKind::AcademyCertificate,
            ninhthuan,
            2019,
            cluster,
            meeting,
            s("đề nghị tặng Bằng khen"),
        ),
    )?;
    Ok(())
}
