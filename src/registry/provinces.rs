//! The provincial units before and after the 1 July 2025 merger, one
//! political school each, as public sources state them. Nothing here is
//! guessed: a school whose honorific name no source confirms has none.
//!
//! Official names follow the usual pattern, `Trường Chính trị tỉnh X` or
//! `Trường Chính trị thành phố X` for a centrally-run city, except the two
//! schools whose official names differ (Hà Nội's and Hồ Chí Minh City's);
//! see docs/decisions.md, "The reference registry".

/// The handle of the National Assembly's resolution among sources.
pub const RESOLUTION: &str = "202/2025/QH15";

/// What the resolution states, as a source note.
pub const RESOLUTION_NOTE: &str = "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh: 63 đơn vị thành 34, chính quyền các tỉnh sau sắp xếp nhận nhiệm vụ từ 01/7/2025";

/// The note on each school's record: one school per provincial unit.
pub const SCHOOL_NOTE: &str =
    "Đơn vị hành chính cấp tỉnh trước sắp xếp; mỗi tỉnh, thành phố có một trường chính trị";

/// The handle of the honorific names' sources.
pub const HONORIFIC_SOURCE: &str = "tên-danh-hiệu";

/// The note on an honorific name's source.
pub const HONORIFIC_NOTE: &str = "Tên được trang thông tin của trường hoặc báo chí xác nhận";

/// The day the merged provinces' governments took office.
pub const EFFECTIVE: (u8, u8, u16) = (1, 7, 2025);

/// A provincial unit before the merger and its school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province {
    /// The province as written, e.g. `Hà Nam`.
    pub name: &'static str,
    /// A centrally-run city (`thành phố`) rather than a province (`tỉnh`).
    pub city: bool,
    /// The school's official name when it does not follow the pattern.
    pub official: Option<&'static str>,
    /// The confirmed honorific name, if any.
    pub honorific: Option<&'static str>,
}

const fn p(name: &'static str) -> Province {
    Province {
        name,
        city: false,
        official: None,
        honorific: None,
    }
}

const fn city(name: &'static str) -> Province {
    Province {
        name,
        city: true,
        official: None,
        honorific: None,
    }
}

const fn named(name: &'static str, city: bool, honorific: &'static str) -> Province {
    Province {
        name,
        city,
        official: None,
        honorific: Some(honorific),
    }
}

/// The 63 provincial units before 1 July 2025 (Resolution 202/2025/QH15):
/// first the 11 unchanged, then the 23 that carry on after absorbing
/// others, then the 29 merged into them.
pub const PROVINCES: [Province; 63] = [
    // Unchanged (11).
    Province {
        name: "Hà Nội",
        city: true,
        official: Some("Trường Đào tạo cán bộ Lê Hồng Phong"),
        honorific: None,
    },
    named("Huế", true, "Trường Chính trị Nguyễn Chí Thanh"),
    p("Lai Châu"),
    p("Điện Biên"),
    p("Sơn La"),
    named("Lạng Sơn", false, "Trường Chính trị Hoàng Văn Thụ"),
    p("Quảng Ninh"),
    p("Thanh Hóa"),
    p("Nghệ An"),
    named("Hà Tĩnh", false, "Trường Chính trị Trần Phú"),
    named("Cao Bằng", false, "Trường Chính trị Hoàng Đình Giong"),
    // Carrying on after the merger (23).
    p("Tuyên Quang"),
    p("Lào Cai"),
    p("Thái Nguyên"),
    p("Phú Thọ"),
    named("Bắc Ninh", false, "Trường Chính trị Nguyễn Văn Cừ"),
    named("Hưng Yên", false, "Trường Chính trị Nguyễn Văn Linh"),
    named("Hải Phòng", true, "Trường Chính trị Tô Hiệu"),
    p("Ninh Bình"),
    named("Quảng Trị", false, "Trường Chính trị Lê Duẩn"),
    city("Đà Nẵng"),
    p("Quảng Ngãi"),
    p("Gia Lai"),
    p("Khánh Hòa"),
    p("Lâm Đồng"),
    p("Đắk Lắk"),
    Province {
        name: "Hồ Chí Minh",
        city: true,
        official: Some("Trường Cán bộ Thành phố Hồ Chí Minh"),
        honorific: None,
    },
    p("Đồng Nai"),
    p("Tây Ninh"),
    city("Cần Thơ"),
    named("Vĩnh Long", false, "Trường Chính trị Phạm Hùng"),
    p("Đồng Tháp"),
    p("Cà Mau"),
    named("An Giang", false, "Trường Chính trị Tôn Đức Thắng"),
    // Merged into another on 1 July 2025 (29).
    p("Hà Giang"),
    p("Yên Bái"),
    p("Bắc Kạn"),
    p("Vĩnh Phúc"),
    p("Hòa Bình"),
    p("Bắc Giang"),
    p("Thái Bình"),
    p("Hải Dương"),
    p("Hà Nam"),
    named("Nam Định", false, "Trường Chính trị Trường Chinh"),
    p("Quảng Bình"),
    p("Quảng Nam"),
    p("Kon Tum"),
    p("Bình Định"),
    p("Ninh Thuận"),
    p("Đắk Nông"),
    p("Bình Thuận"),
    p("Phú Yên"),
    p("Bình Dương"),
    p("Bà Rịa – Vũng Tàu"),
    p("Bình Phước"),
    p("Long An"),
    p("Sóc Trăng"),
    p("Hậu Giang"),
    p("Bến Tre"),
    p("Trà Vinh"),
    p("Tiền Giang"),
    named("Bạc Liêu", false, "Trường Chính trị Châu Văn Đặng"),
    p("Kiên Giang"),
];

/// The mergers of 1 July 2025: (merged province, the province it joined).
pub const MERGERS: [(&str, &str); 29] = [
    ("Hà Giang", "Tuyên Quang"),
    ("Yên Bái", "Lào Cai"),
    ("Bắc Kạn", "Thái Nguyên"),
    ("Vĩnh Phúc", "Phú Thọ"),
    ("Hòa Bình", "Phú Thọ"),
    ("Bắc Giang", "Bắc Ninh"),
    ("Thái Bình", "Hưng Yên"),
    ("Hải Dương", "Hải Phòng"),
    ("Hà Nam", "Ninh Bình"),
    ("Nam Định", "Ninh Bình"),
    ("Quảng Bình", "Quảng Trị"),
    ("Quảng Nam", "Đà Nẵng"),
    ("Kon Tum", "Quảng Ngãi"),
    ("Bình Định", "Gia Lai"),
    ("Ninh Thuận", "Khánh Hòa"),
    ("Đắk Nông", "Lâm Đồng"),
    ("Bình Thuận", "Lâm Đồng"),
    ("Phú Yên", "Đắk Lắk"),
    ("Bình Dương", "Hồ Chí Minh"),
    ("Bà Rịa – Vũng Tàu", "Hồ Chí Minh"),
    ("Bình Phước", "Đồng Nai"),
    ("Long An", "Tây Ninh"),
    ("Sóc Trăng", "Cần Thơ"),
    ("Hậu Giang", "Cần Thơ"),
    ("Bến Tre", "Vĩnh Long"),
    ("Trà Vinh", "Vĩnh Long"),
    ("Tiền Giang", "Đồng Tháp"),
    ("Bạc Liêu", "Cà Mau"),
    ("Kiên Giang", "An Giang"),
];

/// Sources a merger carries besides the resolution: (merged province,
/// handle, note). Quảng Bình's school joined Quảng Trị's by a decision of
/// its own.
pub const MERGER_SOURCES: [(&str, &str, &str); 1] = [(
    "Quảng Bình",
    "07-QĐ/TU",
    "Quyết định 07-QĐ/TU ngày 01/7/2025: Trường Chính trị tỉnh Quảng Bình hợp nhất vào Trường Chính trị Lê Duẩn (Quảng Trị)",
)];

impl Province {
    /// The school's official name: the stated one, else the pattern.
    pub fn school_name(&self) -> String {
        match self.official {
            Some(n) => n.to_string(),
            None if self.city => format!("Trường Chính trị thành phố {}", self.name),
            None => format!("Trường Chính trị tỉnh {}", self.name),
        }
    }
}
