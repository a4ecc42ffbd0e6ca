//! Grades: a rule pack's names for bands of scores, and the colour each is shown in.
//!
//! The pack declares the grades (`pack.yaml`, `grades:`); nothing else knows their names,
//! thresholds or colours. A scored report carries a [`Grade`] — the band's name, as the JSON
//! contract writes it, and its rank on the pack's [`GradeScale`] — so outputs can sort,
//! count and colour grades without matching names they would have to know in advance.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A colour a grade is shown in: a named colour of lawscore's palette, or any `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
    /// `green`.
    Green,
    /// `blue`.
    Blue,
    /// `amber`.
    Amber,
    /// `red`.
    Red,
    /// `purple`.
    Purple,
    /// `teal`.
    Teal,
    /// `grey`, also the colour of a grade that declares none.
    Grey,
    /// `'#rrggbb'`.
    Rgb(u8, u8, u8),
}

/// Named colours: (name, CSS colour chosen to carry white text, ANSI colour code).
const PALETTE: [(&str, Colour, &str, &str); 7] = [
    ("green", Colour::Green, "#1a7f43", "32"),
    ("blue", Colour::Blue, "#1f5fbf", "34"),
    ("amber", Colour::Amber, "#b76e00", "33"),
    ("red", Colour::Red, "#c0392b", "31"),
    ("purple", Colour::Purple, "#7b4bb0", "35"),
    ("teal", Colour::Teal, "#0f7c80", "36"),
    ("grey", Colour::Grey, "#6b7280", "90"),
];

impl Colour {
    /// The palette's names, for messages that list them.
    pub const NAMES: [&'static str; 7] =
        ["green", "blue", "amber", "red", "purple", "teal", "grey"];

    /// Reads a palette name (`green`) or `#rrggbb`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Colour> {
        if let Some(hex) = s.strip_prefix('#') {
            let byte = |i: usize| {
                hex.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            };
            return match (hex.len(), byte(0), byte(2), byte(4)) {
                (6, Some(r), Some(g), Some(b)) => Some(Colour::Rgb(r, g, b)),
                _ => None,
            };
        }
        let s = if s == "gray" { "grey" } else { s };
        PALETTE.iter().find(|p| p.0 == s).map(|p| p.1)
    }

    /// The palette entry of a named colour.
    fn entry(self) -> &'static (&'static str, Colour, &'static str, &'static str) {
        PALETTE
            .iter()
            .find(|p| p.1 == self)
            .expect("every named colour is in the palette")
    }

    /// As a maintainer writes it: the palette name, or `#rrggbb`.
    pub fn spelled(self) -> String {
        match self {
            Colour::Rgb(..) => self.css(),
            named => named.entry().0.to_string(),
        }
    }

    /// The CSS colour, `#rrggbb`.
    pub fn css(self) -> String {
        match self {
            Colour::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
            named => named.entry().2.to_string(),
        }
    }

    /// The ANSI SGR colour parameter: a palette colour is one of the terminal's own (so it
    /// follows the terminal's theme), `#rrggbb` a 24-bit colour.
    pub fn ansi(self) -> String {
        match self {
            Colour::Rgb(r, g, b) => format!("38;2;{r};{g};{b}"),
            named => named.entry().3.to_string(),
        }
    }
}

/// One band of a scale: a grade's name, the lowest score that earns it, its colour.
#[derive(Debug, Clone, PartialEq)]
pub struct GradeBand {
    /// The name reports are graded with (优秀).
    pub name: String,
    /// Lowest score that earns it.
    pub min: f64,
    /// How outputs show it.
    pub colour: Colour,
}

/// A pack's grades, best first, as validated by the rules stage (`min` strictly falling).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GradeScale {
    bands: Vec<GradeBand>,
}

impl GradeScale {
    /// A scale over `bands`, best first.
    pub fn new(bands: Vec<GradeBand>) -> GradeScale {
        GradeScale { bands }
    }

    /// The bands, best first.
    pub fn bands(&self) -> &[GradeBand] {
        &self.bands
    }

    /// Every grade of the scale with its band, best first.
    pub fn grades(&self) -> impl Iterator<Item = (Grade, &GradeBand)> + '_ {
        self.bands.iter().enumerate().map(|(i, b)| (self.at(i), b))
    }

    fn at(&self, i: usize) -> Grade {
        Grade {
            name: self.bands[i].name.clone(),
            rank: self.bands.len() - i,
        }
    }

    /// The grade a score earns: the first band whose `min` is at or below it. A score below
    /// every band gets the unranked grade with an empty name.
    pub fn grade_for(&self, score: f64) -> Grade {
        self.bands
            .iter()
            .position(|b| score >= b.min)
            .map_or_else(|| Grade::unranked(""), |i| self.at(i))
    }

    /// The grade of this name, ranked on this scale; unranked when the scale has no such
    /// grade. For grades read back from JSON, which carries names only.
    pub fn resolve(&self, name: &str) -> Grade {
        self.bands
            .iter()
            .position(|b| b.name == name)
            .map_or_else(|| Grade::unranked(name), |i| self.at(i))
    }

    /// The band of a grade ranked on this scale.
    pub fn band(&self, g: &Grade) -> Option<&GradeBand> {
        let i = self.bands.len().checked_sub(g.rank)?;
        self.bands.get(i).filter(|b| g.rank > 0 && b.name == g.name)
    }
}

/// The grade a report earned. In JSON it is the grade's name only (`"优秀"`), as the
/// contract has always written it; in memory it also knows its rank on the pack's scale.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Grade {
    name: String,
    /// 1 for the lowest grade of the scale up to the number of grades for the best, so
    /// that a higher rank is a better grade as a higher score is a better score; 0 when
    /// the grade is on no scale this program knows.
    rank: usize,
}

impl Grade {
    /// A grade placed on no scale (rank 0): what JSON reads back until
    /// [`GradeScale::resolve`] places it.
    pub fn unranked(name: &str) -> Grade {
        Grade {
            name: name.to_string(),
            rank: 0,
        }
    }

    /// The name, as the pack spells it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rank: higher is better, 0 for an unranked grade.
    pub fn rank(&self) -> usize {
        self.rank
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl PartialEq<str> for Grade {
    fn eq(&self, other: &str) -> bool {
        self.name == other
    }
}

impl PartialEq<&str> for Grade {
    fn eq(&self, other: &&str) -> bool {
        self.name == *other
    }
}

impl Serialize for Grade {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name)
    }
}

impl<'de> Deserialize<'de> for Grade {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Grade, D::Error> {
        String::deserialize(d).map(|name| Grade { name, rank: 0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> GradeScale {
        let band = |name: &str, min: f64, colour| GradeBand {
            name: name.into(),
            min,
            colour,
        };
        GradeScale::new(vec![
            band("A", 85.0, Colour::Green),
            band("B", 70.0, Colour::Rgb(0x12, 0x3a, 0xbc)),
            band("C", 50.0, Colour::Grey),
        ])
    }

    #[test]
    fn scores_fall_into_the_first_band_they_reach() {
        let s = scale();
        let names: Vec<String> = [100.0, 85.0, 84.9, 70.0, 50.0, 49.9]
            .iter()
            .map(|x| s.grade_for(*x).to_string())
            .collect();
        assert_eq!(names, ["A", "A", "B", "B", "C", ""]);
        assert_eq!(s.grade_for(90.0).rank(), 3);
        assert_eq!(s.grade_for(55.0).rank(), 1);
        assert_eq!(s.grade_for(10.0).rank(), 0);
    }

    #[test]
    fn json_carries_the_name_only_and_resolving_restores_the_rank() {
        let s = scale();
        let b = s.grade_for(72.0);
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"B\"");
        let back: Grade = serde_json::from_str("\"B\"").unwrap();
        assert_eq!(back.rank(), 0);
        assert_eq!(s.resolve(back.name()), b);
        assert_eq!(s.band(&b).unwrap().colour, Colour::Rgb(0x12, 0x3a, 0xbc));
        assert!(s.band(&back).is_none());
        assert!(s.band(&Grade::unranked("Z")).is_none());
    }

    #[test]
    fn colours_read_as_written_and_print_for_css_and_terminals() {
        assert_eq!(Colour::parse("teal"), Some(Colour::Teal));
        assert_eq!(Colour::parse("gray"), Some(Colour::Grey));
        assert_eq!(
            Colour::parse("#123ABC"),
            Some(Colour::Rgb(0x12, 0x3a, 0xbc))
        );
        for bad in ["grean", "#12345", "#12345g", "#1234567", ""] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
        assert_eq!(Colour::Teal.ansi(), "36");
        assert_eq!(Colour::Rgb(18, 58, 188).ansi(), "38;2;18;58;188");
        assert_eq!(Colour::Rgb(18, 58, 188).css(), "#123abc");
        assert_eq!(Colour::Green.css(), "#1a7f43");
        assert_eq!(PALETTE.map(|p| p.0), Colour::NAMES);
        for name in Colour::NAMES {
            assert_eq!(Colour::parse(name).unwrap().spelled(), name);
        }
    }
}
