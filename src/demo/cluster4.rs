//! Articles 001 and 000: Cụm thi đua số 4, the Red River Delta cluster.
//! 001: five-year review 2015–2020 (23/11/2020), head for 2021, an earlier
//! workshop. 000: seminar and year-end review of 2022 (11/11/2022).

use super::{ACTOR, Loader, date, organisation_only, proposal, src};
use crate::domain::*;
use crate::store::StoreError;

pub(super) fn load(l: &mut Loader<'_>) -> Result<(), StoreError> {
    let s1 = |note: &str| src("001", note);
    let s0 = |note: &str| src("000", note);
    let (hanam, ninhbinh, hungyen, haiduong, haiphong, hanoi) = (
        l.school("hanam")?,
        l.school("ninhbinh")?,
        l.school("hungyen")?,
        l.school("haiduong")?,
        l.school("haiphong")?,
        l.school("hanoi")?,
    );

    let mut c = Cluster::new(
        Some(4),
        "Cụm thi đua các Trường Chính trị tỉnh khu vực Đồng bằng sông Hồng",
        "Đồng bằng sông Hồng",
    );
    c.aliases = vec!["Cụm thi đua các trường Chính trị khu vực Đồng bằng Sông Hồng".into()];
    c.memberships = vec![
        Membership {
            year: 2020,
            schools: vec![hanam],
            stated_count: Some(9),
            complete: false,
            sources: vec![s1(
                "Cụm thi đua số 4 bao gồm 9 trường chính trị tỉnh; danh sách không nêu",
            )],
        },
        Membership {
            year: 2022,
            schools: vec![ninhbinh, hungyen, haiduong, haiphong, hanoi],
            stated_count: Some(10),
            complete: false,
            sources: vec![s0(
                "10 trường chính trị trong Cụm; bài chỉ nêu tên 5 trường",
            )],
        },
    ];
    c.notes = "Bài 000 không nêu số hiệu cụm; theo ghi chú nghiệp vụ, bài 000 và bài 001 nói về cùng một cụm (Cụm 4).".into();
    c.sources = vec![
        s1("Cụm thi đua các Trường Chính trị tỉnh khu vực Đồng bằng sông Hồng (Cụm thi đua số 4)"),
        s0("Cụm thi đua các trường Chính trị khu vực Đồng bằng Sông Hồng"),
    ];
    let cluster = l.store.insert(ACTOR, c)?;

    // Article 001.
    let mut workshop = Meeting::new(
        MeetingKind::Seminar,
        None,
        "Hội thảo: Kết quả và những kinh nghiệm trong triển khai thực hiện Quy định số 09",
    );
    workshop.cluster = Some(cluster);
    workshop.topic = "Kết quả và những kinh nghiệm trong triển khai thực hiện Quy định số 09 ngày 13/11/2018 của Ban Bí thư về chức năng, nhiệm vụ, tổ chức bộ máy của trường chính trị tỉnh, thành phố trực thuộc Trung ương".into();
    workshop.notes = "Bài báo chỉ ghi \"trước đó\" (trước hội nghị 23/11/2020); ngày tổ chức và nơi tổ chức không nêu.".into();
    workshop
        .sources
        .push(s1("Trước đó, cụm thi đua đã tổ chức hội thảo"));
    l.store.insert(ACTOR, workshop)?;

    let mut review5 = Meeting::new(
        MeetingKind::FiveYearReview,
        Some(2020),
        "Hội nghị tổng kết 5 năm tổ chức và hoạt động (giai đoạn 2015–2020) và phong trào thi đua năm 2020",
    );
    review5.cluster = Some(cluster);
    review5.date = Some(date(23, 11, 2020)?);
    review5.notes = "Bài báo ghi \"tại Trường Chính trị tỉnh\" mà không nêu tên tỉnh, nên nơi tổ chức để trống. Tác giả: Nguyễn Hằng (Báo Hà Nam điện tử).".into();
    review5.guests = vec![organisation_only(
        "Đại diện lãnh đạo",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
    )];
    review5.decisions = vec![
        "Thống nhất phương hướng, nhiệm vụ, giải pháp giai đoạn 2020–2025".into(),
        "Chủ đề phong trào thi đua 2020–2025: \"Đoàn kết – Kỷ cương – Gương mẫu – Sáng tạo – Hiệu quả\"".into(),
        "Bình xét các tập thể, cá nhân tiêu biểu".into(),
        "Bầu Trường Chính trị tỉnh Hà Nam làm Cụm trưởng năm 2021".into(),
    ];
    review5.sources.push(s1(
        "Sáng 23/11, tổng kết 5 năm (2015-2020) và PTTĐ năm 2020",
    ));
    let review5 = l.store.insert(ACTOR, review5)?;

    let mut t2021 = Term::new(cluster, 2021);
    t2021.head = Some(hanam);
    t2021.elected_at = Some(review5);
    t2021.notes = "Cụm phó năm 2021 không nêu trong nguồn.".into();
    // The 2022 head is only known from 000, which calls Ninh Bình "đơn vị Cụm trưởng".
    t2021
        .sources
        .push(s1("Trường Chính trị tỉnh Hà Nam được bầu làm cụm trưởng"));
    l.store.insert(ACTOR, t2021)?;

    // Article 000.
    let vien = l.person(
        "Nguyễn Văn Viên",
        None,
        "Vụ Các trường chính trị, Học viện",
        s0("Phó Vụ trưởng Vụ các trường chính trị"),
    )?;
    let hai_anh = l.person(
        "Ngô Thị Hải Anh",
        None,
        "Vụ Tổ chức, cán bộ, Học viện",
        s0("Phó Vụ trưởng Vụ Tổ chức, cán bộ, Trưởng Ban thi đua khen thưởng Học viện"),
    )?;
    let hien = l.person(
        "Lưu Văn Hiền",
        Some("ninhbinh"),
        "",
        s0("Hiệu trưởng trường Chính trị tỉnh Ninh Bình"),
    )?;
    let tri = l.person(
        "Đỗ Minh Trí",
        Some("hungyen"),
        "",
        s0("Hiệu trưởng trường Chính trị Nguyễn Văn Linh tỉnh Hưng Yên"),
    )?;
    let p_vien = l.participant(
        vien,
        "Phó Vụ trưởng Vụ Các trường chính trị",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
    );
    let p_hai_anh = l.participant(
        hai_anh,
        "Phó Vụ trưởng Vụ Tổ chức, cán bộ, Trưởng Ban Thi đua khen thưởng Học viện",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
    );
    let place = "Trường Chính trị tỉnh Ninh Bình";
    let day = date(11, 11, 2022)?;

    let mut seminar = Meeting::new(
        MeetingKind::Seminar,
        Some(2022),
        "Tọa đàm khoa học cấp Cụm năm 2022",
    );
    seminar.cluster = Some(cluster);
    seminar.date = Some(day);
    seminar.host = Some(ninhbinh);
    seminar.place = place.into();
    seminar.topic = "Nâng cao chất lượng đội ngũ cán bộ, giảng viên ở các trường Chính trị khu vực Đồng bằng sông Hồng đáp ứng yêu cầu xây dựng trường chính trị chuẩn theo Quy định số 11-QĐ/TW, ngày 19/5/2022 của Ban Bí thư".into();
    seminar.papers = Some(13);
    seminar.speeches = Some(5);
    seminar.chairs = vec![
        p_vien.clone(),
        l.participant(hien, "Hiệu trưởng", "Trường Chính trị tỉnh Ninh Bình"),
        l.participant(
            tri,
            "Hiệu trưởng",
            "Trường Chính trị Nguyễn Văn Linh tỉnh Hưng Yên",
        ),
    ];
    seminar.guests = vec![p_hai_anh.clone()];
    seminar.decisions = vec![
        "Tổng kết Tọa đàm (đồng chí Lưu Văn Hiền): kiến nghị Học viện quan tâm, tạo điều kiện đào tạo, bồi dưỡng cán bộ, giảng viên các trường trong Cụm xây dựng Trường chính trị chuẩn".into(),
    ];
    seminar.notes = "Bài báo ghi Quy định số 11-QĐ/TW \"ngày 19/5/2022\"; bản thân Quy định ban hành ngày 19/5/2021. 13 bài tham luận của lãnh đạo Vụ các trường Chính trị, lãnh đạo, giảng viên các trường trong Cụm.".into();
    seminar.sources.push(s0(
        "Ngày 11/11/2022, tại Trường Chính trị tỉnh Ninh Bình – đơn vị Cụm trưởng",
    ));
    l.store.insert(ACTOR, seminar)?;

    let mut review = Meeting::new(
        MeetingKind::YearEndReview,
        Some(2022),
        "Hội nghị Tổng kết hoạt động thi đua năm 2022, phương hướng, nhiệm vụ năm 2023",
    );
    review.cluster = Some(cluster);
    review.date = Some(day);
    review.host = Some(ninhbinh);
    review.place = place.into();
    review.guests = vec![
        p_vien,
        p_hai_anh,
        organisation_only(
            "Đại diện lãnh đạo, cán bộ phụ trách thi đua",
            "10 trường chính trị trong Cụm",
        ),
    ];
    review.decisions = vec![
        "Đề nghị Học viện tặng Cờ thi đua: Trường Chính trị tỉnh Ninh Bình".into(),
        "Đề nghị Học viện tặng Bằng khen: Trường Chính trị Nguyễn Văn Linh tỉnh Hưng Yên, Trường Chính trị tỉnh Hải Dương".into(),
        "Bầu Cụm trưởng năm 2023: Trường Chính trị Nguyễn Văn Linh tỉnh Hưng Yên; Cụm phó: Trường Chính trị Tô Hiệu Hải Phòng, Trường Chính trị Lê Hồng Phong Hà Nội".into(),
        "Đề nghị Học viện ra quyết định công nhận Cụm trưởng, Cụm phó năm 2023".into(),
        "Trường Chính trị tỉnh Ninh Bình (Cụm trưởng 2022) trao cờ luân lưu cho Cụm trưởng và 02 Cụm phó năm 2023".into(),
    ];
    review.notes = "Đồng chí Nguyễn Văn Viên phát biểu kết luận. Tác giả: Trần Thị Huyền.".into();
    review
        .sources
        .push(s0("Hội nghị Tổng kết hoạt động thi đua năm 2022"));
    let review = l.store.insert(ACTOR, review)?;

    let mut t2022 = Term::new(cluster, 2022);
    t2022.head = Some(ninhbinh);
    t2022.flag_holder = Some(ninhbinh);
    t2022.sources.push(s0(
        "Trường Chính trị tỉnh Ninh Bình – đơn vị Cụm trưởng năm 2022 trao cờ luân lưu",
    ));
    l.store.insert(ACTOR, t2022)?;

    let mut t2023 = Term::new(cluster, 2023);
    t2023.head = Some(hungyen);
    t2023.deputies = vec![haiphong, hanoi];
    t2023.elected_at = Some(review);
    t2023.flag_holder = Some(hungyen);
    t2023.notes = "Chờ Học viện công nhận (hội nghị đề nghị ra quyết định; số quyết định không nêu trong nguồn). Cờ luân lưu được trao cho đơn vị Cụm trưởng và 02 đơn vị Cụm phó.".into();
    t2023.sources.push(s0(
        "bầu đơn vị Cụm trưởng và 02 Cụm phó năm 2023; trao cờ luân lưu",
    ));
    l.store.insert(ACTOR, t2023)?;

    l.store.insert(
        ACTOR,
        proposal(
            AwardKind::AcademyFlag,
            ninhbinh,
            2022,
            cluster,
            review,
            s0("Trường Chính trị tỉnh Ninh Bình – Cờ thi đua của Học viện"),
        ),
    )?;
    for school in [hungyen, haiduong] {
        l.store.insert(
            ACTOR,
            proposal(
                AwardKind::AcademyCertificate,
                school,
                2022,
                cluster,
                review,
                s0("Bằng khen của Học viện"),
            ),
        )?;
    }
    Ok(())
}
