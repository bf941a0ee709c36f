//! Article 004: Trường Chính trị Hoàng Văn Thụ (Lạng Sơn), coordination
//! conference with the district political centres, 10/02/2023.

use super::{ACTOR, Loader, date, organisation_only, src};
use crate::domain::*;
use crate::store::StoreError;

pub(super) fn load(l: &mut Loader<'_>) -> Result<(), StoreError> {
    let s = |note: &str| src("004", note);
    let mut m = Meeting::new(
        MeetingKind::Coordination,
        Some(2023),
        "Hội nghị công tác phối hợp đào tạo, bồi dưỡng với Trung tâm Chính trị các huyện, thành phố và tương đương",
    );
    m.date = Some(date(10, 2, 2023)?);
    m.host = Some(l.school("langson")?);
    m.place = "Thành phố Lạng Sơn".into();
    m.speeches = Some(12);
    m.guests = vec![
        organisation_only("Đại diện lãnh đạo", "Ban Tuyên giáo"),
        organisation_only("Lãnh đạo", "Trung tâm Chính trị các huyện, thành phố"),
        organisation_only(
            "Đại diện lãnh đạo",
            "Ban Tổ chức Đảng ủy khối Các cơ quan tỉnh",
        ),
        organisation_only(
            "Ban Giám hiệu, lãnh đạo các khoa, phòng",
            "Trường Chính trị Hoàng Văn Thụ",
        ),
    ];
    m.figures = vec![
        Figure {
            label: "Chương trình phối hợp ký kết".into(),
            value: "31/5/2016".into(),
        },
        Figure {
            label: "Lượt đại biểu tham gia ý kiến".into(),
            value: "12".into(),
        },
    ];
    m.decisions = vec![
        "Đánh giá kết quả thực hiện chương trình phối hợp ký ngày 31/5/2016".into(),
        "Tiếp tục đẩy mạnh công tác phối hợp, nâng cao chất lượng đào tạo, bồi dưỡng cán bộ cho tỉnh Lạng Sơn".into(),
    ];
    m.notes = "Không phải hội nghị của cụm thi đua. Tác giả: ThS. Phạm Anh Tuấn, Phó trưởng khoa Xây dựng Đảng.".into();
    m.sources.push(s("Ngày 10/02/2023 tại thành phố Lạng Sơn"));
    l.store.insert(ACTOR, m)?;
    Ok(())
}
