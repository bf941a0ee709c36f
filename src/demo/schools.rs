//! The schools the articles name, plus the partners of the 2025 mergers that
//! the domain notes list. Honorific names are those the articles and the
//! domain notes give.

use super::{ACTOR, Loader, src};
use crate::domain::School;
use crate::store::StoreError;

/// (handle, official name, province, honorific, source, what the source says)
const SCHOOLS: [(&str, &str, &str, &str, &str, &str); 21] = [
    (
        "brvt",
        "Trường Chính trị tỉnh Bà Rịa – Vũng Tàu",
        "Bà Rịa – Vũng Tàu",
        "",
        "003",
        "Thành viên Cụm thi đua số 8, Cụm trưởng năm 2019",
    ),
    (
        "binhthuan",
        "Trường Chính trị tỉnh Bình Thuận",
        "Bình Thuận",
        "",
        "003",
        "Thành viên Cụm thi đua số 8",
    ),
    (
        "ninhthuan",
        "Trường Chính trị tỉnh Ninh Thuận",
        "Ninh Thuận",
        "",
        "003",
        "Thành viên Cụm thi đua số 8",
    ),
    (
        "binhphuoc",
        "Trường Chính trị tỉnh Bình Phước",
        "Bình Phước",
        "",
        "003",
        "Thành viên Cụm thi đua số 8",
    ),
    (
        "binhduong",
        "Trường Chính trị tỉnh Bình Dương",
        "Bình Dương",
        "",
        "003",
        "Thành viên Cụm thi đua số 8",
    ),
    (
        "dongnai",
        "Trường Chính trị tỉnh Đồng Nai",
        "Đồng Nai",
        "",
        "003",
        "Thành viên Cụm thi đua số 8",
    ),
    (
        "tayninh",
        "Trường Chính trị tỉnh Tây Ninh",
        "Tây Ninh",
        "",
        "003",
        "Thành viên Cụm thi đua số 8",
    ),
    (
        "hanam",
        "Trường Chính trị tỉnh Hà Nam",
        "Hà Nam",
        "",
        "001",
        "Được bầu Cụm trưởng Cụm thi đua số 4 năm 2021",
    ),
    (
        "ninhbinh",
        "Trường Chính trị tỉnh Ninh Bình",
        "Ninh Bình",
        "",
        "000",
        "Đơn vị Cụm trưởng năm 2022",
    ),
    (
        "hungyen",
        "Trường Chính trị tỉnh Hưng Yên",
        "Hưng Yên",
        "Trường Chính trị Nguyễn Văn Linh",
        "000",
        "Trường Chính trị Nguyễn Văn Linh tỉnh Hưng Yên",
    ),
    (
        "haiduong",
        "Trường Chính trị tỉnh Hải Dương",
        "Hải Dương",
        "",
        "000",
        "Thành viên Cụm, được đề nghị Bằng khen năm 2022",
    ),
    (
        "haiphong",
        "Trường Chính trị thành phố Hải Phòng",
        "Hải Phòng",
        "Trường Chính trị Tô Hiệu",
        "000",
        "Trường Chính trị Tô Hiệu Hải Phòng",
    ),
    (
        "hanoi",
        "Trường Chính trị thành phố Hà Nội",
        "Hà Nội",
        "Trường Chính trị Lê Hồng Phong",
        "000",
        "Trường Chính trị Lê Hồng Phong Hà Nội",
    ),
    (
        "quangninh",
        "Trường Chính trị tỉnh Quảng Ninh",
        "Quảng Ninh",
        "",
        "002",
        "Được bầu trưởng cụm năm 2024",
    ),
    (
        "hagiang",
        "Trường Chính trị tỉnh Hà Giang",
        "Hà Giang",
        "",
        "002",
        "Được bầu phó trưởng cụm năm 2024",
    ),
    (
        "langson",
        "Trường Chính trị tỉnh Lạng Sơn",
        "Lạng Sơn",
        "Trường Chính trị Hoàng Văn Thụ",
        "002",
        "Được bầu phó trưởng cụm năm 2024; bài 004 gọi là Trường Chính trị Hoàng Văn Thụ",
    ),
    (
        "namdinh",
        "Trường Chính trị tỉnh Nam Định",
        "Nam Định",
        "",
        "202/2025/QH15",
        "Sáp nhập tỉnh 2025",
    ),
    (
        "thaibinh",
        "Trường Chính trị tỉnh Thái Bình",
        "Thái Bình",
        "",
        "202/2025/QH15",
        "Sáp nhập tỉnh 2025",
    ),
    (
        "tuyenquang",
        "Trường Chính trị tỉnh Tuyên Quang",
        "Tuyên Quang",
        "",
        "202/2025/QH15",
        "Sáp nhập tỉnh 2025",
    ),
    (
        "bacgiang",
        "Trường Chính trị tỉnh Bắc Giang",
        "Bắc Giang",
        "",
        "202/2025/QH15",
        "Sáp nhập tỉnh 2025",
    ),
    (
        "bacninh",
        "Trường Chính trị tỉnh Bắc Ninh",
        "Bắc Ninh",
        "Trường Chính trị Nguyễn Văn Cừ",
        "202/2025/QH15",
        "Sáp nhập tỉnh 2025; tên Nguyễn Văn Cừ theo ghi chú nghiệp vụ",
    ),
];

pub(super) fn load(l: &mut Loader<'_>) -> Result<(), StoreError> {
    for (handle, name, province, honorific, doc, note) in SCHOOLS {
        let mut s = School::new(name, province);
        if !honorific.is_empty() {
            s.honorifics.push(honorific.to_string());
        }
        s.sources.push(src(doc, note));
        let id = l.store.insert(ACTOR, s)?;
        l.schools.insert(handle, id);
    }
    Ok(())
}
