//! Reads a .docx as Word would: the zip's parts, each parsed as XML, so a
//! test checks the page, the fonts and the text in the document itself.

use std::collections::BTreeMap;
use std::io::Read;

/// An XML element: its qualified name, attributes and children.
#[derive(Debug, Clone, Default)]
pub struct El {
    /// `w:p`, `w:pgSz`, …
    pub name: String,
    /// Attributes by qualified name.
    pub attrs: Vec<(String, String)>,
    /// Elements and text, in order.
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub enum Node {
    /// An element.
    El(El),
    /// Text.
    Text(String),
}

impl El {
    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// An attribute as a number; fails the test when absent or not one.
    pub fn num(&self, name: &str) -> u32 {
        self.attr(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{}: no number {name}", self.name))
    }

    /// Every element named `name` below this one, in document order.
    pub fn all(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        self.collect(name, &mut out);
        out
    }

    fn collect<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        for c in &self.children {
            if let Node::El(e) = c {
                if e.name == name {
                    out.push(e);
                }
                e.collect(name, out);
            }
        }
    }

    /// The first element named `name` below this one.
    pub fn first(&self, name: &str) -> Option<&El> {
        self.all(name).into_iter().next()
    }

    /// The text of every `w:t` below, joined, with `w:br` as a newline.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.text_into(&mut out);
        out
    }

    fn text_into(&self, out: &mut String) {
        for c in &self.children {
            match c {
                Node::El(e) if e.name == "w:br" => out.push('\n'),
                Node::El(e) if e.name == "w:t" => {
                    for t in &e.children {
                        if let Node::Text(s) = t {
                            out.push_str(s);
                        }
                    }
                }
                Node::El(e) => e.text_into(out),
                Node::Text(_) => {}
            }
        }
    }
}

/// Parses XML into elements; malformed XML fails the test.
pub fn parse(xml: &str) -> El {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![El::default()];
    let start = |e: &quick_xml::events::BytesStart| El {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("attribute");
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("attribute value")
                        .into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
    };
    let push = |stack: &mut Vec<El>, node: Node| {
        stack.last_mut().expect("open element").children.push(node);
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(start(&e)),
            Event::Empty(e) => push(&mut stack, Node::El(start(&e))),
            Event::End(_) => {
                let el = stack.pop().expect("matching start");
                push(&mut stack, Node::El(el));
            }
            Event::Text(t) => push(&mut stack, Node::Text(t.xml10_content().into_owned())),
            Event::GeneralRef(r) => {
                let name = r.xml10_content().into_owned();
                let text = quick_xml::escape::unescape(&format!("&{name};"))
                    .expect("known entity")
                    .into_owned();
                push(&mut stack, Node::Text(text));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack.pop().unwrap_or_default()
}

/// A .docx opened: its parts as text.
pub struct Docx {
    /// Part name → its text.
    pub parts: BTreeMap<String, String>,
}

impl Docx {
    /// Opens the bytes of a .docx; a broken zip fails the test.
    pub fn open(bytes: &[u8]) -> Docx {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut parts = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).expect("member");
            let mut s = String::new();
            f.read_to_string(&mut s).expect("UTF-8 part");
            parts.insert(f.name().expect("member name").to_string(), s);
        }
        Docx { parts }
    }

    /// A part parsed; fails the test when it is missing.
    pub fn xml(&self, part: &str) -> El {
        parse(
            self.parts
                .get(part)
                .unwrap_or_else(|| panic!("no part {part}")),
        )
    }

    /// The document's body.
    pub fn body(&self) -> El {
        self.xml("word/document.xml")
    }

    /// The text of every paragraph of the body (in tables too), in order.
    pub fn paragraphs(&self) -> Vec<String> {
        self.body().all("w:p").iter().map(|p| p.text()).collect()
    }

    /// The paragraph that starts with `prefix`; fails the test when none does.
    pub fn paragraph(&self, prefix: &str) -> String {
        self.paragraphs()
            .into_iter()
            .find(|p| p.starts_with(prefix))
            .unwrap_or_else(|| {
                panic!(
                    "no paragraph starts with {prefix:?}: {:#?}",
                    self.paragraphs()
                )
            })
    }

    /// The rows of every table, each row's cells' text.
    pub fn tables(&self) -> Vec<Vec<Vec<String>>> {
        self.body()
            .all("w:tbl")
            .iter()
            .map(|t| {
                t.all("w:tr")
                    .iter()
                    .map(|r| r.all("w:tc").iter().map(|c| c.text()).collect())
                    .collect()
            })
            .collect()
    }
}
