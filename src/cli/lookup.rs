//! `thidua lookup TEXT`: accent-insensitive search across everything named.

use super::Failure;
use super::names::{cluster_label, fate};
use crate::domain::history::predecessors;
use crate::domain::search_query;
use crate::domain::*;
use crate::i18n::{Lang, Msg, names, tr};
use crate::store::{Kind, Role, Store};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// One result, with the lines that explain it.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    /// What was found.
    pub kind: Kind,
    /// Record id.
    pub id: u64,
    /// The main name.
    pub title: String,
    /// The folded name that matched.
    pub matched: String,
    /// What it is and where it stands: roles, mergers, dates.
    pub details: Vec<String>,
}

/// The word for a record kind.
pub fn kind_word(kind: Kind, lang: Lang) -> &'static str {
    names::kind(lang, kind)
}

struct Context {
    schools: HashMap<SchoolId, School>,
    clusters: HashMap<ClusterId, Cluster>,
    lang: Lang,
}

impl Context {
    fn cluster_label(&self, id: ClusterId) -> String {
        self.clusters
            .get(&id)
            .map_or_else(|| format!("#{}", id.0), |c| cluster_label(c, self.lang))
    }

    fn school_name(&self, id: SchoolId) -> String {
        self.schools
            .get(&id)
            .map_or_else(|| format!("#{}", id.0), |s| s.name.clone())
    }
}

/// A school's seats (head, deputy, flag holder) and awards, one line each.
fn seats_and_awards(
    store: &Store,
    ctx: &Context,
    id: SchoolId,
) -> Result<(Vec<String>, Vec<String>), Failure> {
    let lang = ctx.lang;
    let mut d = Vec::new();
    for (year, role, term) in store.roles_of_school(id)? {
        let Some(t) = store.get::<Term>(term)? else {
            continue;
        };
        let role = tr(
            lang,
            match role {
                Role::Head => Msg::HeadIn,
                Role::Deputy => Msg::DeputyIn,
                Role::FlagHolder => Msg::FlagHolderIn,
            },
        );
        d.push(format!(
            "{role} {} {} {year}",
            ctx.cluster_label(t.cluster),
            tr(lang, Msg::InYear)
        ));
    }
    let mut awards = Vec::new();
    for (_, a) in store.awards_of_school(id)? {
        let status = match a.status {
            AwardStatus::Proposed => tr(lang, Msg::Proposed),
            AwardStatus::Decided => tr(lang, Msg::Decided),
        };
        let kind = names::award(lang, &a.kind);
        awards.push(format!("{kind} {} ({status})", a.year));
    }
    Ok((d, awards))
}

fn school_details(
    store: &Store,
    ctx: &Context,
    id: SchoolId,
    s: &School,
) -> Result<Vec<String>, Failure> {
    let lang = ctx.lang;
    let mut d = Vec::new();
    let mut names: Vec<&str> = s.honorifics.iter().map(String::as_str).collect();
    names.extend(s.former_names.iter().map(|f| f.name.as_str()));
    if !names.is_empty() {
        d.push(names.join("; "));
    }
    if let Some(f) = fate(id, &ctx.schools, lang) {
        d.push(f);
    }
    for (pred, p) in store.lineage_referrers(id)? {
        if let Some(f) = fate(pred, &ctx.schools, lang) {
            d.push(format!("{} {f}", p.name));
        }
    }
    let (seats, awards) = seats_and_awards(store, ctx, id)?;
    d.extend(seats);
    let mut member: Vec<(ClusterId, Vec<u16>)> = Vec::new();
    for (year, c) in store.memberships_of_school(id)? {
        match member.iter_mut().find(|(k, _)| *k == c) {
            Some((_, years)) => years.push(year),
            None => member.push((c, vec![year])),
        }
    }
    for (c, years) in member {
        let years: Vec<String> = years.iter().map(u16::to_string).collect();
        d.push(format!(
            "{} {} ({})",
            tr(lang, Msg::MemberOf),
            ctx.cluster_label(c),
            years.join(", ")
        ));
    }
    d.extend(awards);
    // A successor carries what the schools merged into it did ("kế thừa từ").
    let mut preds: Vec<(String, SchoolId)> = predecessors(id, &ctx.schools)
        .into_iter()
        .filter_map(|(p, _)| Some((ctx.schools.get(&p)?.name.clone(), p)))
        .collect();
    preds.sort_by(|a, b| crate::text::compare(&a.0, &b.0));
    for (name, p) in preds {
        let (seats, awards) = seats_and_awards(store, ctx, p)?;
        for line in seats.into_iter().chain(awards) {
            d.push(format!(
                "{} {name}: {line}",
                tr(lang, Msg::InheritedFromLower)
            ));
        }
    }
    if s.illustrative {
        d.push(tr(lang, Msg::Illustrative).to_string());
    }
    Ok(d)
}

fn meeting_details(ctx: &Context, m: &Meeting) -> Vec<String> {
    let kind = names::meeting(ctx.lang, m.kind);
    let mut first = vec![
        m.date.map_or_else(|| "?".to_string(), |d| d.to_string()),
        kind.to_string(),
    ];
    if let Some(c) = m.cluster {
        first.push(ctx.cluster_label(c));
    }
    let mut d = vec![first.join(" · ")];
    let mut place: Vec<String> = m.host.map(|h| ctx.school_name(h)).into_iter().collect();
    if !m.place.is_empty() && !place.contains(&m.place) {
        place.push(m.place.clone());
    }
    if !place.is_empty() {
        d.push(place.join(" · "));
    }
    if !m.topic.is_empty() && m.topic != m.title {
        d.push(m.topic.clone());
    }
    let counts: Vec<String> = [(m.papers, Msg::Papers), (m.speeches, Msg::Speeches)]
        .into_iter()
        .filter_map(|(n, msg)| n.map(|n| format!("{n} {}", tr(ctx.lang, msg))))
        .collect();
    if !counts.is_empty() {
        d.push(counts.join(", "));
    }
    d.extend(
        m.figures
            .iter()
            .map(|f| format!("{}: {}", f.label, f.value)),
    );
    d.extend(m.decisions.iter().cloned());
    d
}

/// The meetings a person chaired or attended, with the title they held then.
fn person_details(ctx: &Context, meetings: &[(MeetingId, Meeting)], id: PersonId) -> Vec<String> {
    let mut d = Vec::new();
    for (_, m) in meetings {
        let roles = [(&m.chairs, Msg::Chaired), (&m.guests, Msg::Attended)];
        for (people, role) in roles {
            for p in people.iter().filter(|p| p.person == Some(id)) {
                let date = m.date.map_or_else(|| "?".to_string(), |d| d.to_string());
                d.push(format!(
                    "{} {} ({date}) · {}",
                    tr(ctx.lang, role),
                    m.title,
                    p.title
                ));
            }
        }
    }
    d
}

/// The records a question in the query answers (`cum 8 2019`: Cụm 8's
/// meetings of 2019; `cum truong 2021 cum 4`: that year's head), first.
fn answers(store: &Store, ctx: &Context, query: &str) -> Result<Vec<(Kind, u64)>, Failure> {
    let asked = search_query::parse(&search_query::normalize(&crate::text::fold(query)));
    if !asked.is_question() {
        return Ok(Vec::new());
    }
    let terms = store.all::<Term>()?;
    let meetings = store.all::<Meeting>()?;
    Ok(search_query::answer(
        &asked,
        ctx.clusters.iter().map(|(id, c)| (*id, c)),
        terms.iter().map(|(_, t)| t),
        meetings.iter().map(|(id, m)| (*id, m)),
    ))
}

/// Runs the search and describes each hit.
pub fn find(store: &Store, query: &str, lang: Lang) -> Result<Vec<Found>, Failure> {
    let ctx = Context {
        schools: store.map::<School>()?,
        clusters: store.map::<Cluster>()?,
        lang,
    };
    let mut hits = store.lookup(query)?;
    // Whole words side by side beat partial matches: `ha nam` finds Hà Nam,
    // not every name holding a word that starts `ha` and the word `nam`.
    if hits.iter().any(|h| h.whole) {
        hits.retain(|h| h.whole);
    }
    let mut wanted: Vec<(Kind, u64, String)> = answers(store, &ctx, query)?
        .into_iter()
        .map(|(k, id)| (k, id, String::new()))
        .collect();
    for h in hits {
        if !wanted.iter().any(|(k, id, _)| *k == h.kind && *id == h.id) {
            wanted.push((h.kind, h.id, h.matched));
        }
    }
    let meetings = if wanted.iter().any(|(k, _, _)| *k == Kind::Person) {
        store.all::<Meeting>()?
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for (kind, hit_id, matched) in wanted {
        let (title, details) = match kind {
            Kind::School => {
                let id = SchoolId(hit_id);
                let Some(s) = ctx.schools.get(&id) else {
                    continue;
                };
                (s.name.clone(), school_details(store, &ctx, id, s)?)
            }
            Kind::Cluster => {
                let Some(c) = ctx.clusters.get(&ClusterId(hit_id)) else {
                    continue;
                };
                let mut d = vec![format!("{} · {}", cluster_label(c, lang), c.region)];
                d.extend(c.aliases.iter().cloned());
                (c.name.clone(), d)
            }
            Kind::Meeting => {
                let Some(m) = store.get::<Meeting>(MeetingId(hit_id))? else {
                    continue;
                };
                (m.title.clone(), meeting_details(&ctx, &m))
            }
            Kind::Person => {
                let Some(p) = store.get::<Person>(PersonId(hit_id))? else {
                    continue;
                };
                let mut d = Vec::new();
                if let Some(s) = p.school {
                    d.push(ctx.school_name(s));
                }
                if !p.organisation.is_empty() {
                    d.push(p.organisation.clone());
                }
                d.extend(person_details(&ctx, &meetings, PersonId(hit_id)));
                (p.name.clone(), d)
            }
            _ => continue,
        };
        out.push(Found {
            kind,
            id: hit_id,
            title,
            matched,
            details,
        });
    }
    Ok(out)
}

pub(super) fn run(
    store: &Store,
    query: &str,
    json: bool,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let found = find(store, query, lang)?;
    if json {
        super::print_json(out, &found)?;
        return Ok(());
    }
    if found.is_empty() {
        writeln!(out, "{}", tr(lang, Msg::NoMatch))?;
        return Ok(());
    }
    for f in &found {
        writeln!(out, "{:<9}{}", kind_word(f.kind, lang), f.title)?;
        for d in &f.details {
            writeln!(out, "{:<9}  {d}", "")?;
        }
    }
    Ok(())
}
