//! The whole pipeline behind one call, for the CLI and for library users.

use crate::document::Document;
use crate::ingest::{self, IngestError};
use crate::model::scorecard::{Scorecard, Source};
use crate::rules::RulePack;

pub mod ordered;

/// A rule pack and a profile choice, ready to score any number of reports (Sync: share it
/// across threads).
pub struct Engine {
    /// The compiled rule pack.
    pub pack: RulePack,
    /// A profile forced with `--profile`; otherwise each report's level picks one.
    pub profile: Option<String>,
    /// An encoding forced with `--encoding`; otherwise detected per file.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// A scored report and its extracted text.
pub struct Scored {
    /// The scorecard.
    pub card: Scorecard,
    /// The extracted text its line numbers refer to.
    pub text: String,
}

impl Engine {
    /// An engine over a pack. Fails when `profile` names no profile of the pack.
    pub fn new(pack: RulePack, profile: Option<String>) -> Result<Engine, String> {
        if let Some(p) = &profile {
            if pack.profile(p).is_none() {
                let known: Vec<&str> = pack.profiles.iter().map(|p| p.id.as_str()).collect();
                return Err(crate::msg::t!(
                    "cli.unknown_profile",
                    profile = p,
                    known = known.join(", ")
                ));
            }
        }
        if pack.profiles.is_empty() {
            return Err(crate::msg::t!("cli.no_profile").into());
        }
        Ok(Engine {
            pack,
            profile,
            encoding: None,
        })
    }

    /// Reads, extracts and scores a file (size limits apply before reading). Memory is
    /// taken from the process-wide budget ([`ingest::MEMORY_BUDGET`]) for reading and
    /// extracting, then for scoring, so parallel calls wait rather than add up.
    pub fn score_file(&self, path: &std::path::Path) -> Result<Scored, IngestError> {
        let (bytes, ex) = ingest::read_file_as(path, self.encoding)?;
        self.score_extracted(&path.display().to_string(), &bytes, ex)
    }

    /// Scores bytes read from `path` (shown as given), within the same budget.
    pub fn score_bytes(&self, path: &str, bytes: &[u8]) -> Result<Scored, IngestError> {
        let ex = ingest::extract_as(bytes, path, self.encoding)?;
        self.score_extracted(path, bytes, ex)
    }

    /// Reads an input of unknown size such as standard input (shown as `path`), refused
    /// as soon as it passes the size limit for one report, and scores it.
    pub fn score_reader(
        &self,
        path: &str,
        reader: impl std::io::Read,
    ) -> Result<Scored, IngestError> {
        let bytes = ingest::read_limited(reader)?;
        self.score_bytes(path, &bytes)
    }

    /// Scores a text already extracted from `bytes` (shown as `path`), within the same
    /// budget: its paragraphs and pages place the evidence. For callers that extract, or
    /// adjust an extraction, themselves.
    pub fn score_extracted(
        &self,
        path: &str,
        bytes: &[u8],
        ex: ingest::Extracted,
    ) -> Result<Scored, IngestError> {
        let (card, text) = self.read_extracted(path, bytes, ex, |doc, source| {
            self.score_document(doc, source)
        })?;
        Ok(Scored { card, text })
    }

    /// Reads and extracts a file as [`Engine::score_file`] does and hands its document and
    /// source to `see`, within the same memory budget; gives back what `see` made and the
    /// extracted text. What reads a report once for several packs (`rules diff`) or looks
    /// past its scorecard (`rules calibrate`) goes through here, so it reads exactly what
    /// `score` reads.
    pub fn with_document<T>(
        &self,
        path: &std::path::Path,
        see: impl FnOnce(&Document, Source) -> T,
    ) -> Result<(T, String), IngestError> {
        let (bytes, ex) = ingest::read_file_as(path, self.encoding)?;
        self.read_extracted(&path.display().to_string(), &bytes, ex, see)
    }

    fn read_extracted<T>(
        &self,
        path: &str,
        bytes: &[u8],
        ex: ingest::Extracted,
        see: impl FnOnce(&Document, Source) -> T,
    ) -> Result<(T, String), IngestError> {
        let _share = ingest::reserve_scoring(bytes.len(), ex.text.len())?;
        let source = Source {
            path: path.to_string(),
            format: ex.format,
            encoding: ex.encoding.to_string(),
            chars: ex.text.chars().count(),
            sha256: crate::digest::sha256_hex(bytes),
            pages: (!ex.pages.is_empty()).then(|| ex.pages.count()),
        };
        let doc = Document::parse_styled(&ex.text, &ex.styled())
            .with_paragraphs(ex.paragraphs)
            .with_pages(ex.pages);
        Ok((see(&doc, source), ex.text))
    }

    /// Scores already extracted text.
    pub fn score_text(&self, text: &str, source: Source) -> Scorecard {
        self.score_styled_text(text, &[], source)
    }

    /// Scores already extracted text with the lines its source styles as headings
    /// (line index, level 1–4, or 0 for a bold paragraph; see
    /// [`ingest::StyledHeading`]).
    pub fn score_styled_text(
        &self,
        text: &str,
        styled: &[(usize, u8)],
        source: Source,
    ) -> Scorecard {
        self.score_document(&Document::parse_styled(text, styled), source)
    }

    /// Scores a document under the forced profile, else the one its level picks.
    pub fn score_document(&self, doc: &Document, source: Source) -> Scorecard {
        crate::score::score(doc, &self.pack, self.profile_for(doc), source)
    }

    /// The profile `doc` is scored under: the forced one, else the one its level picks.
    pub fn profile_for(&self, doc: &Document) -> &crate::rules::schema::ProfileDef {
        match &self.profile {
            Some(p) => self.pack.profile(p),
            None => self.pack.profile_for_level(doc.meta.level),
        }
        .expect("checked in Engine::new")
    }
}
