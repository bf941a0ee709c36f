//! A small evaluator for the formulas the workbook export writes, so a test
//! can recompute every total from the cells instead of trusting the values
//! the writer cached. It knows the shapes the export emits and nothing
//! more: numbers, cell references (`D5`, `$C$22`, `'Tự chấm'!D5`), ranges
//! as function arguments, `+ - * /`, parentheses, and SUM, MIN, ROUND and
//! SUBTOTAL(9, …) (which, as in Excel, skips cells that are themselves
//! SUBTOTALs). Anything else panics, naming the formula.

use calamine::{Data, Range, Reader, Xlsx};
use std::collections::HashMap;
use std::io::Cursor;

/// A workbook's cells: cached values and formulas, by sheet name.
pub struct Sheets {
    /// Sheet names in the workbook's order.
    pub names: Vec<String>,
    values: HashMap<String, Range<Data>>,
    formulas: HashMap<String, Range<String>>,
}

/// A function argument: a number, or a rectangle of cells on a sheet.
enum Arg {
    Num(f64),
    Cells(String, (u32, u32), (u32, u32)),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    /// sheet (None: the formula's own), row, column (0-based).
    Ref(Option<String>, u32, u32),
    Func(String),
    Op(char),
}

/// `C22` or `$AB$7` as (row, col), 0-based.
fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let col = letters
        .chars()
        .fold(0u32, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1))
        - 1;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

fn tokens(formula: &str) -> Vec<Tok> {
    let chars: Vec<char> = formula.trim_start_matches('=').chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let bad = |why: &str| -> ! { panic!("formula {formula:?}: {why}") };
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            out.push(Tok::Num(text.parse().unwrap_or_else(|_| bad("number"))));
        } else if "+-*/(),:".contains(c) {
            out.push(Tok::Op(c));
            i += 1;
        } else if c == '\'' || c.is_alphabetic() || c == '$' {
            // A sheet name (quoted, or a word before `!`), a function or a cell.
            let mut sheet = None;
            let mut word = String::new();
            if c == '\'' {
                i += 1;
                loop {
                    match (chars.get(i), chars.get(i + 1)) {
                        (Some('\''), Some('\'')) => {
                            word.push('\'');
                            i += 2;
                        }
                        (Some('\''), _) => {
                            i += 1;
                            break;
                        }
                        (Some(ch), _) => {
                            word.push(*ch);
                            i += 1;
                        }
                        (None, _) => bad("unclosed sheet name"),
                    }
                }
            } else {
                while i < chars.len() && (chars[i].is_alphanumeric() || "$_.".contains(chars[i])) {
                    word.push(chars[i]);
                    i += 1;
                }
            }
            if chars.get(i) == Some(&'!') {
                sheet = Some(word);
                word = String::new();
                i += 1;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '$') {
                    word.push(chars[i]);
                    i += 1;
                }
            }
            if sheet.is_none() && chars.get(i) == Some(&'(') {
                out.push(Tok::Func(word.to_ascii_uppercase()));
            } else {
                let (r, col) = cell_ref(&word).unwrap_or_else(|| bad("cell reference"));
                out.push(Tok::Ref(sheet, r, col));
            }
        } else {
            bad(&format!("unexpected {c:?}"));
        }
    }
    out
}

/// Evaluates one formula on one sheet.
struct Eval<'a> {
    book: &'a Sheets,
    sheet: &'a str,
    formula: &'a str,
    toks: Vec<Tok>,
    at: usize,
    depth: u32,
}

impl Eval<'_> {
    fn bad(&self, why: &str) -> ! {
        panic!("formula {:?} on {}: {why}", self.formula, self.sheet)
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn expect(&mut self, op: char) {
        if self.next() != Some(Tok::Op(op)) {
            self.bad(&format!("expected {op:?}"));
        }
    }

    fn expr(&mut self) -> f64 {
        let mut v = self.term();
        while let Some(Tok::Op(op @ ('+' | '-'))) = self.peek().cloned() {
            self.at += 1;
            let w = self.term();
            v = if op == '+' { v + w } else { v - w };
        }
        v
    }

    fn term(&mut self) -> f64 {
        let mut v = self.factor();
        while let Some(Tok::Op(op @ ('*' | '/'))) = self.peek().cloned() {
            self.at += 1;
            let w = self.factor();
            v = if op == '*' { v * w } else { v / w };
        }
        v
    }

    fn factor(&mut self) -> f64 {
        match self.next() {
            Some(Tok::Num(n)) => n,
            Some(Tok::Op('-')) => -self.factor(),
            Some(Tok::Op('(')) => {
                let v = self.expr();
                self.expect(')');
                v
            }
            Some(Tok::Ref(sheet, r, c)) => {
                if self.peek() == Some(&Tok::Op(':')) {
                    self.bad("a range outside a function");
                }
                let sheet = sheet.unwrap_or_else(|| self.sheet.to_string());
                self.book
                    .eval_cell_at(&sheet, r, c, self.depth + 1)
                    .unwrap_or(0.0)
            }
            Some(Tok::Func(name)) => self.call(&name),
            other => self.bad(&format!("unexpected {other:?}")),
        }
    }

    fn arg(&mut self) -> Arg {
        if let (Some(Tok::Ref(sheet, r, c)), Some(Tok::Op(':'))) =
            (self.toks.get(self.at).cloned(), self.toks.get(self.at + 1))
        {
            self.at += 2;
            let Some(Tok::Ref(_, r2, c2)) = self.next() else {
                self.bad("range end");
            };
            let sheet = sheet.unwrap_or_else(|| self.sheet.to_string());
            return Arg::Cells(sheet, (r.min(r2), c.min(c2)), (r.max(r2), c.max(c2)));
        }
        Arg::Num(self.expr())
    }

    fn call(&mut self, name: &str) -> f64 {
        self.expect('(');
        let mut args = vec![self.arg()];
        while self.peek() == Some(&Tok::Op(',')) {
            self.at += 1;
            args.push(self.arg());
        }
        self.expect(')');
        // Numbers of the arguments; blank cells are left out, as Excel does.
        let numbers = |args: &[Arg], skip_subtotals: bool| -> Vec<f64> {
            let mut out = Vec::new();
            for a in args {
                match a {
                    Arg::Num(n) => out.push(*n),
                    Arg::Cells(sheet, (r1, c1), (r2, c2)) => {
                        for r in *r1..=*r2 {
                            for c in *c1..=*c2 {
                                let f = self.book.formula(sheet, r, c).unwrap_or_default();
                                if skip_subtotals && f.to_ascii_uppercase().contains("SUBTOTAL(") {
                                    continue;
                                }
                                if let Some(v) = self.book.eval_cell_at(sheet, r, c, self.depth + 1)
                                {
                                    out.push(v);
                                }
                            }
                        }
                    }
                }
            }
            out
        };
        match name {
            "SUM" => numbers(&args, false).iter().sum(),
            "MIN" => numbers(&args, false)
                .into_iter()
                .fold(f64::INFINITY, f64::min),
            "ROUND" => match args.as_slice() {
                [Arg::Num(x), Arg::Num(n)] => {
                    let p = 10f64.powi(*n as i32);
                    (x * p).round() / p
                }
                _ => self.bad("ROUND takes two numbers"),
            },
            "SUBTOTAL" => match args.split_first() {
                Some((Arg::Num(f), rest)) if *f == 9.0 => numbers(rest, true).iter().sum(),
                _ => self.bad("only SUBTOTAL(9, …)"),
            },
            _ => self.bad(&format!("unknown function {name}")),
        }
    }
}

impl Sheets {
    /// Reads a workbook's values and formulas.
    pub fn open(bytes: &[u8]) -> Sheets {
        let mut wb = Xlsx::new(Cursor::new(bytes.to_vec())).expect("open xlsx");
        let names = wb.sheet_names().to_vec();
        let mut values = HashMap::new();
        let mut formulas = HashMap::new();
        for n in &names {
            values.insert(n.clone(), wb.worksheet_range(n).expect("values"));
            formulas.insert(n.clone(), wb.worksheet_formula(n).expect("formulas"));
        }
        Sheets {
            names,
            values,
            formulas,
        }
    }

    /// The cached value of a cell (0-based).
    pub fn value(&self, sheet: &str, row: u32, col: u32) -> Option<&Data> {
        self.values.get(sheet)?.get_value((row, col))
    }

    /// The text of a cell, or empty.
    pub fn text(&self, sheet: &str, row: u32, col: u32) -> String {
        match self.value(sheet, row, col) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        }
    }

    /// The formula of a cell, if it has one.
    pub fn formula(&self, sheet: &str, row: u32, col: u32) -> Option<String> {
        self.formulas
            .get(sheet)?
            .get_value((row, col))
            .filter(|f| !f.is_empty())
            .cloned()
    }

    /// Every cell that holds a formula: (sheet, row, col, formula).
    pub fn all_formulas(&self) -> Vec<(String, u32, u32, String)> {
        let mut out = Vec::new();
        for n in &self.names {
            if let Some(range) = self.formulas.get(n) {
                for (r, c, f) in range.used_cells() {
                    if !f.is_empty() {
                        let (r0, c0) = range.start().unwrap_or((0, 0));
                        out.push((n.clone(), r0 + r as u32, c0 + c as u32, f.clone()));
                    }
                }
            }
        }
        out
    }

    /// The rows of a sheet, as (row, text of each column's cell).
    pub fn rows(&self, sheet: &str) -> Vec<(u32, Vec<String>)> {
        let Some(range) = self.values.get(sheet) else {
            return Vec::new();
        };
        let (r0, _) = range.start().unwrap_or((0, 0));
        range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                (
                    r0 + i as u32,
                    row.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
                )
            })
            .collect()
    }

    /// A cell's number, computed from its formula when it has one (never
    /// from the value the writer cached); `None` for a blank cell.
    pub fn eval_cell(&self, sheet: &str, row: u32, col: u32) -> Option<f64> {
        self.eval_cell_at(sheet, row, col, 0)
    }

    fn eval_cell_at(&self, sheet: &str, row: u32, col: u32, depth: u32) -> Option<f64> {
        assert!(
            depth < 64,
            "formulas nest too deep at {sheet}!{row},{col}: a cycle?"
        );
        if let Some(f) = self.formula(sheet, row, col) {
            return Some(self.eval_at(sheet, &f, depth));
        }
        match self.value(sheet, row, col) {
            None | Some(Data::Empty) => None,
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            Some(other) => panic!("{sheet}!({row},{col}) is not a number: {other:?}"),
        }
    }

    /// Evaluates a formula as if it were on `sheet`.
    pub fn eval(&self, sheet: &str, formula: &str) -> f64 {
        self.eval_at(sheet, formula, 0)
    }

    fn eval_at(&self, sheet: &str, formula: &str, depth: u32) -> f64 {
        let mut e = Eval {
            book: self,
            sheet,
            formula,
            toks: tokens(formula),
            at: 0,
            depth,
        };
        let v = e.expr();
        if e.at != e.toks.len() {
            e.bad("trailing tokens");
        }
        v
    }
}
