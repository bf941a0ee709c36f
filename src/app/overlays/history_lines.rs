//! Turns audit entries into readable lines: who, when, what, old → new.
//! Score sheets are compared cell by cell with names; other records field
//! by field through their JSON form.

use crate::app::data::Data;
use crate::domain::*;
use crate::store::{AuditEntry, Kind, Op, codec};
use serde_json::Value;
use std::collections::BTreeMap;

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&p, x, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), x, out);
            }
        }
        Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        Value::Null => {
            out.insert(prefix.to_string(), "—".to_string());
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

fn json(kind: Kind, bytes: &[u8]) -> Option<Value> {
    fn j<T: serde::de::DeserializeOwned + serde::Serialize>(b: &[u8]) -> Option<Value> {
        serde_json::to_value(codec::decode::<T>(b).ok()?).ok()
    }
    match kind {
        Kind::School => j::<School>(bytes),
        Kind::Cluster => j::<Cluster>(bytes),
        Kind::Term => j::<Term>(bytes),
        Kind::Meeting => j::<Meeting>(bytes),
        Kind::Person => j::<Person>(bytes),
        Kind::Table => j::<CriteriaTable>(bytes),
        Kind::Sheet => j::<ScoreSheet>(bytes),
        Kind::Ballot => j::<Ballot>(bytes),
        Kind::Award => j::<Award>(bytes),
    }
}

fn opt(p: Option<Points>) -> String {
    p.map_or_else(|| "—".to_string(), |p| p.to_string())
}

/// The changed cells of a sheet: `1.2 · Ninh Bình · cụm chấm: 9 → 9,5`.
fn sheet_diff(before: Option<&ScoreSheet>, after: Option<&ScoreSheet>, data: &Data) -> Vec<String> {
    let mut keys: Vec<(SchoolId, String)> = Vec::new();
    for s in [before, after].into_iter().flatten() {
        for c in &s.cells {
            if !keys.contains(&(c.school, c.item.clone())) {
                keys.push((c.school, c.item.clone()));
            }
        }
    }
    let mut out = Vec::new();
    for (school, item) in keys {
        let b = before.and_then(|s| s.cell(school, &item));
        let a = after.and_then(|s| s.cell(school, &item));
        let name = data.school_short(school);
        let pairs = [
            (
                "cụm chấm",
                b.and_then(|c| c.cluster_score),
                a.and_then(|c| c.cluster_score),
            ),
            (
                "tự chấm",
                b.and_then(|c| c.self_score),
                a.and_then(|c| c.self_score),
            ),
        ];
        for (label, old, new) in pairs {
            if old != new {
                out.push(format!(
                    "{item} · {name} · {label}: {} → {}",
                    opt(old),
                    opt(new)
                ));
            }
        }
    }
    let locks = (
        before.and_then(|s| s.lock.as_ref()),
        after.and_then(|s| s.lock.as_ref()),
    );
    if locks.0.is_none() && locks.1.is_some() {
        out.push("khóa bảng điểm".to_string());
    }
    if let (Some(b), Some(a)) = (before, after) {
        for am in a.amendments.iter().skip(b.amendments.len()) {
            out.push(format!("sửa đổi: {}", am.reason));
        }
    }
    out
}

/// The lines describing one entry's change.
pub fn changes(e: &AuditEntry, data: &Data) -> Vec<String> {
    if e.kind == Kind::Sheet {
        let dec =
            |b: &Option<Vec<u8>>| b.as_ref().and_then(|b| codec::decode::<ScoreSheet>(b).ok());
        let (b, a) = (dec(&e.before), dec(&e.after));
        if e.op == Op::Update {
            return sheet_diff(b.as_ref(), a.as_ref(), data);
        }
    }
    let mut before = BTreeMap::new();
    let mut after = BTreeMap::new();
    if let Some(v) = e.before.as_ref().and_then(|b| json(e.kind, b)) {
        flatten("", &v, &mut before);
    }
    if let Some(v) = e.after.as_ref().and_then(|b| json(e.kind, b)) {
        flatten("", &v, &mut after);
    }
    let mut out = Vec::new();
    for (k, new) in &after {
        match before.get(k) {
            Some(old) if old == new => {}
            Some(old) => out.push(format!("{k}: {old} → {new}")),
            None if e.op == Op::Update => out.push(format!("{k}: — → {new}")),
            None => {}
        }
    }
    for (k, old) in &before {
        if !after.contains_key(k) && e.op == Op::Update {
            out.push(format!("{k}: {old} → —"));
        }
    }
    out
}

/// The history of a record as lines, newest first.
pub fn lines(entries: &[AuditEntry], data: &Data) -> Vec<String> {
    let mut out = Vec::new();
    for e in entries.iter().rev() {
        let op = match e.op {
            Op::Insert => "thêm",
            Op::Update => "sửa",
            Op::Delete => "xóa",
        };
        let reason = if e.reason.is_empty() {
            String::new()
        } else {
            format!(" · {}", e.reason)
        };
        out.push(format!(
            "#{} · {} · {} · {op}{reason}",
            e.seq,
            crate::i18n::time::local(e.at),
            e.actor
        ));
        out.extend(changes(e, data).into_iter().map(|l| format!("    {l}")));
    }
    out
}
