//! A tiny PDF writer for the reader's tests: numbered objects, streams (plain or
//! Flate), a cross-reference table and a trailer. Just enough to make each font case
//! and damage a test needs, with nothing of the reader's own code.

use std::io::Write;

/// A PDF being written: object `n` is `objects[n - 1]`.
#[derive(Debug, Default)]
pub(super) struct Pdf {
    objects: Vec<Vec<u8>>,
}

impl Pdf {
    /// Adds an object whose body is `body`; its number.
    pub(super) fn add(&mut self, body: impl AsRef<[u8]>) -> usize {
        self.objects.push(body.as_ref().to_vec());
        self.objects.len()
    }

    /// A number for an object written later with [`Pdf::set`].
    pub(super) fn reserve(&mut self) -> usize {
        self.add(b"null")
    }

    /// Writes object `id`'s body.
    pub(super) fn set(&mut self, id: usize, body: impl AsRef<[u8]>) {
        self.objects[id - 1] = body.as_ref().to_vec();
    }

    /// Adds a stream with `dict` entries (without `<<` `>>`), Flate-compressed if `flate`.
    pub(super) fn stream(&mut self, dict: &str, data: &[u8], flate: bool) -> usize {
        let (data, filter) = if flate {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            z.write_all(data).expect("writing to memory");
            (
                z.finish().expect("writing to memory"),
                " /Filter /FlateDecode",
            )
        } else {
            (data.to_vec(), "")
        };
        let mut body =
            format!("<< {dict}{filter} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(&data);
        body.extend_from_slice(b"\nendstream");
        self.add(body)
    }

    /// The file, with `root` as its catalog.
    pub(super) fn finish(&self, root: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        let trailer = format!(
            "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1
        );
        out.extend_from_slice(trailer.as_bytes());
        out
    }
}

/// A page to write: its content streams and the body of its font resource dictionary
/// (`/F1 5 0 R …`) and XObject dictionary.
#[derive(Debug, Default, Clone)]
pub(super) struct PageSpec {
    pub contents: Vec<Vec<u8>>,
    pub fonts: String,
    pub xobjects: String,
    pub extra: String,
}

/// A catalog and a flat page tree (612 × 792 pages) over `pages`, written into `pdf`;
/// the file. `flate` compresses the content streams.
pub(super) fn document(pdf: &mut Pdf, pages: &[PageSpec], flate: bool) -> Vec<u8> {
    let tree = pdf.reserve();
    let mut kids = Vec::new();
    for page in pages {
        let streams: Vec<String> = page
            .contents
            .iter()
            .map(|c| format!("{} 0 R", pdf.stream("", c, flate)))
            .collect();
        kids.push(pdf.add(format!(
            "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] /Resources << /Font << {} >> /XObject << {} >> >> /Contents [{}] {} >>",
            page.fonts,
            page.xobjects,
            streams.join(" "),
            page.extra
        )));
    }
    let kids: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    pdf.set(
        tree,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        ),
    );
    let root = pdf.add(format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    pdf.finish(root)
}

/// Bytes as a PDF hex string.
pub(super) fn hex(bytes: &[u8]) -> String {
    let digits: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
    format!("<{digits}>")
}
