//! The bulky part of a [`super::Year`] — its sentence keys and the evidence of its
//! elements — as one byte string: built by the worker that scored the report, written to
//! the batch's spool as it is, and read back only for a report that is in a history.
//!
//! The layout is private to this build (the spool lives for one run): little-endian
//! integers, strings as a length and their UTF-8 bytes.

use super::Sentences;
use crate::model::scorecard::Evidence;
use crate::model::Kind;

/// A report's sentence keys and per-element evidence, packed.
#[derive(Debug, Clone, Default)]
pub struct Packed(Vec<u8>);

impl Packed {
    /// Packs `sentences` and, for each element in pack order, its evidence.
    pub fn new<'a>(
        sentences: &Sentences,
        evidence: impl ExactSizeIterator<Item = &'a [Evidence]>,
    ) -> Packed {
        let mut w = Writer(Vec::new());
        w.len(sentences.keys().len());
        for &(exact, near) in sentences.keys() {
            w.u64(exact);
            w.u64(near);
        }
        w.len(evidence.len());
        for list in evidence {
            w.len(list.len());
            for e in list {
                w.evidence(e);
            }
        }
        Packed(w.0)
    }

    /// The bytes, as [`Packed::from_bytes`] takes them back.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Bytes [`Packed::bytes`] gave.
    pub fn from_bytes(bytes: Vec<u8>) -> Packed {
        Packed(bytes)
    }

    /// The sentence keys and each element's evidence; empty when the bytes are not what
    /// [`Packed::new`] wrote (a spool that could not be read back).
    pub fn unpack(&self) -> (Sentences, Vec<Vec<Evidence>>) {
        self.read().unwrap_or_default()
    }

    fn read(&self) -> Option<(Sentences, Vec<Vec<Evidence>>)> {
        let mut r = Reader(&self.0);
        let n = r.len()?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push((r.u64()?, r.u64()?));
        }
        let elements = r.len()?;
        let mut evidence = Vec::with_capacity(elements);
        for _ in 0..elements {
            let n = r.len()?;
            let mut list = Vec::with_capacity(n);
            for _ in 0..n {
                list.push(r.evidence()?);
            }
            evidence.push(list);
        }
        Some((Sentences::from_keys(keys), evidence))
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }

    fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    /// `None` as 0, `Some(n)` as n + 1.
    fn opt(&mut self, x: Option<usize>) {
        self.u64(x.map_or(0, |n| n as u64 + 1));
    }

    fn evidence(&mut self, e: &Evidence) {
        // Every field by name, so that a field added to Evidence stops the build here.
        let Evidence {
            text,
            line,
            paragraph,
            page,
            page_line,
            section,
            kind,
            matched,
        } = e;
        self.str(text);
        self.len(*line);
        self.opt(*paragraph);
        self.opt(*page);
        self.opt(*page_line);
        self.str(section);
        self.len(Kind::ALL.iter().position(|k| k == kind).unwrap_or(0));
        self.len(matched.len());
        for m in matched {
            self.str(m);
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn u64(&mut self) -> Option<u64> {
        let (head, rest) = self.0.split_first_chunk::<8>()?;
        self.0 = rest;
        Some(u64::from_le_bytes(*head))
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        let bytes = self.0.get(..n)?;
        self.0 = &self.0[n..];
        String::from_utf8(bytes.to_vec()).ok()
    }

    fn opt(&mut self) -> Option<Option<usize>> {
        let x = self.len()?;
        Some(x.checked_sub(1))
    }

    fn evidence(&mut self) -> Option<Evidence> {
        let text = self.str()?;
        let line = self.len()?;
        let paragraph = self.opt()?;
        let page = self.opt()?;
        let page_line = self.opt()?;
        let section = self.str()?;
        let kind = *Kind::ALL.get(self.len()?)?;
        let n = self.len()?;
        let matched = (0..n).map(|_| self.str()).collect::<Option<Vec<_>>>()?;
        Some(Evidence {
            text,
            line,
            paragraph,
            page,
            page_line,
            section,
            kind,
            matched,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(text: &str, paragraph: Option<usize>) -> Evidence {
        Evidence {
            text: text.to_string(),
            line: 12,
            paragraph,
            page: paragraph.map(|p| p + 1),
            page_line: paragraph.map(|p| p + 2),
            section: "一、主要举措".to_string(),
            kind: Kind::Plans,
            matched: vec!["述法".to_string(), String::new()],
        }
    }

    #[test]
    fn what_is_packed_comes_back_as_it_was() {
        let s = Sentences::of("全县审核规范性文件11件。坚持常务会议会前学法制度。");
        let lists = [
            vec![evidence("主要负责人述法", Some(0)), evidence("", None)],
            vec![],
        ];
        let p = Packed::new(&s, lists.iter().map(Vec::as_slice));
        let (keys, back) = Packed::from_bytes(p.bytes().to_vec()).unpack();
        assert_eq!(keys.keys(), s.keys());
        assert_eq!(back, lists);
    }

    #[test]
    fn bytes_cut_short_give_nothing_rather_than_a_part() {
        let s = Sentences::of("坚持常务会议会前学法制度。");
        let lists = [vec![evidence("主要负责人述法", Some(3))]];
        let p = Packed::new(&s, lists.iter().map(Vec::as_slice));
        let cut = Packed::from_bytes(p.bytes()[..p.bytes().len() - 1].to_vec());
        let (keys, back) = cut.unpack();
        assert!(keys.is_empty() && back.is_empty());
    }
}
