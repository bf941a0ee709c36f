//! LibreOffice as a test harness: converts any document it opens (.xlsx,
//! .docx, …) to PDF with `soffice --headless --convert-to pdf`, counts the
//! pages with poppler's `pdfinfo`, and renders pages to PNG with
//! `pdftoppm`. `.ci/run` installs all three when they are missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A first start of LibreOffice on a new profile takes a while, and other
/// builds share the two cores: be generous.
const TIMEOUT: Duration = Duration::from_secs(240);

/// Whether LibreOffice and poppler are here; skips loudly without them
/// (and fails under CI, which must have them).
pub fn available() -> bool {
    super::available("soffice", "--version", "libreoffice-calc-nogui")
        && super::available("pdfinfo", "-v", "poppler-utils")
}

/// A PDF made from a document.
pub struct Pdf {
    /// Where it was written.
    pub path: PathBuf,
    /// Its page count, as pdfinfo reads it.
    pub pages: u32,
}

/// Runs a command to its end, killing it after [`TIMEOUT`]; returns its
/// exit status and what it wrote to stdout and stderr.
fn run(cmd: &mut Command, what: &str) -> (std::process::ExitStatus, String) {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let (out, err) = (out_dir.path().join("out"), out_dir.path().join("err"));
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).expect("stdout file"))
        .stderr(std::fs::File::create(&err).expect("stderr file"))
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let text = format!(
        "{}{}",
        std::fs::read_to_string(&out).unwrap_or_default(),
        std::fs::read_to_string(&err).unwrap_or_default()
    );
    (status, text)
}

/// Converts `file` to PDF in `out_dir` with a private LibreOffice profile
/// (so tests converting at once do not share one and block each other),
/// and counts its pages. Panics, with LibreOffice's words, if it fails.
pub fn to_pdf(file: &Path, out_dir: &Path) -> Pdf {
    let profile = tempfile::tempdir().expect("profile dir");
    let (status, said) = run(
        Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.path().display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(out_dir)
            .arg(file),
        "soffice --convert-to pdf",
    );
    let stem = file.file_stem().expect("file name");
    let path = out_dir.join(stem).with_extension("pdf");
    assert!(
        status.success() && path.is_file(),
        "soffice did not convert {}: {status}\n{said}",
        file.display()
    );
    Pdf {
        pages: pages(&path),
        path,
    }
}

/// The page count of a PDF.
pub fn pages(pdf: &Path) -> u32 {
    let (status, said) = run(Command::new("pdfinfo").arg(pdf), "pdfinfo");
    assert!(status.success(), "pdfinfo {}: {said}", pdf.display());
    said.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gave no page count:\n{said}"))
}

/// The text of a PDF's pages, as `pdftotext -layout` reads it.
pub fn text(pdf: &Path) -> String {
    let (status, said) = run(
        Command::new("pdftotext").arg("-layout").arg(pdf).arg("-"),
        "pdftotext",
    );
    assert!(status.success(), "pdftotext {}: {said}", pdf.display());
    said
}

/// Renders every page of a PDF to `prefix-N.png` at `dpi`; returns the files.
pub fn to_png(pdf: &Path, prefix: &Path, dpi: u32) -> Vec<PathBuf> {
    let (status, said) = run(
        Command::new("pdftoppm")
            .args(["-png", "-r", &dpi.to_string()])
            .arg(pdf)
            .arg(prefix),
        "pdftoppm",
    );
    assert!(status.success(), "pdftoppm {}: {said}", pdf.display());
    let dir = prefix.parent().expect("folder");
    let stem = prefix
        .file_name()
        .expect("prefix")
        .to_string_lossy()
        .to_string();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "png")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{stem}-")))
        })
        .collect();
    files.sort();
    files
}

/// The size of a PDF's first page in points (width, height).
pub fn page_size(pdf: &Path) -> (f64, f64) {
    let (status, said) = run(Command::new("pdfinfo").arg(pdf), "pdfinfo");
    assert!(status.success(), "pdfinfo {}: {said}", pdf.display());
    let line = said
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or_else(|| panic!("pdfinfo gave no page size:\n{said}"));
    let mut numbers = line
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok());
    match (numbers.next(), numbers.next()) {
        (Some(w), Some(h)) => (w, h),
        _ => panic!("page size {line:?}"),
    }
}
