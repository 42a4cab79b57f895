//! Languages a briefing can be written in: hyphenation, quotes, number and
//! date forms, and the fixed labels printed on the page.

/// A supported language (BCP 47 tags map onto these).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    EnUs,
    EnGb,
    Es,
    Fr,
    De,
    Pt,
}

/// The tags a user may write, as listed in error messages.
pub const SUPPORTED: &[&str] = &["en-US", "en-GB", "es", "fr", "de", "pt"];

/// The fixed words a briefing prints.
pub struct Labels {
    pub bottom_line: &'static str,
    pub summary: &'static str,
    pub key_figures: &'static str,
    pub recommendations: &'static str,
    pub notes: &'static str,
    pub who: &'static str,
    pub condensed_from: &'static str,
    pub by: &'static str,
    /// "Page {n} of {m}"
    pub page_of: &'static str,
    pub contents: &'static str,
    /// One note, as a link to it is described ("Note 3").
    pub note: &'static str,
    /// Where a note's number leads ("back to the text").
    pub back_to_text: &'static str,
    /// The kinds of chart, as alternative text opens ("Bar chart.").
    pub bar_chart: &'static str,
    pub line_chart: &'static str,
    /// A table's label ("Table" 1.) and the line over its header on the
    /// pages it runs onto ("(continued)").
    pub table: &'static str,
    pub continued: &'static str,
    /// A box's label ("Box" 1.).
    pub boxed: &'static str,
    /// Before a recommendation's status ("Status: DOE agreed").
    pub status: &'static str,
    /// The headings recommendations are grouped under when they name
    /// their audience, and the group of those that name none.
    pub for_congress: &'static str,
    pub for_executive: &'static str,
    pub other_recommendations: &'static str,
    /// The publisher's contact box.
    pub contact: &'static str,
}

impl Language {
    /// The paper its readers use when `style.paper` does not say: letter in
    /// the United States, A4 everywhere else we support.
    pub fn paper(self) -> super::Paper {
        match self {
            Language::EnUs => super::Paper::Letter,
            Language::EnGb | Language::Es | Language::Fr | Language::De | Language::Pt => {
                super::Paper::A4
            }
        }
    }

    /// Parses a BCP 47 tag, case-insensitively; an unknown region falls back
    /// to its language (`es-PE` → `es`); English of the UK, Ireland,
    /// Australia, New Zealand, India and South Africa is British (`en-AU` →
    /// `en-GB`), of any other region American.
    pub fn parse(tag: &str) -> Option<Language> {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = lower.split('-');
        let lang = parts.next()?;
        let region = parts.next();
        Some(match (lang, region) {
            ("en", Some("gb" | "uk" | "ie" | "au" | "nz" | "in" | "za")) => Language::EnGb,
            ("en", _) => Language::EnUs,
            ("es", _) => Language::Es,
            ("fr", _) => Language::Fr,
            ("de", _) => Language::De,
            ("pt", _) => Language::Pt,
            _ => return None,
        })
    }

    pub fn tag(self) -> &'static str {
        match self {
            Language::EnUs => "en-US",
            Language::EnGb => "en-GB",
            Language::Es => "es",
            Language::Fr => "fr",
            Language::De => "de",
            Language::Pt => "pt",
        }
    }

    /// Outer and inner quotation marks: (open, close, inner open, inner close).
    pub fn quotes(self) -> (char, char, char, char) {
        match self {
            Language::EnUs | Language::EnGb | Language::Pt => ('“', '”', '‘', '’'),
            Language::Es => ('«', '»', '“', '”'),
            Language::Fr => ('«', '»', '“', '”'),
            Language::De => ('„', '“', '‚', '‘'),
        }
    }

    /// French sets a narrow no-break space inside guillemets.
    pub fn guillemet_space(self) -> Option<char> {
        match self {
            Language::Fr => Some('\u{202F}'),
            _ => None,
        }
    }

    pub fn decimal_separator(self) -> char {
        match self {
            Language::EnUs | Language::EnGb => '.',
            _ => ',',
        }
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Language::EnUs | Language::EnGb => &EN,
            Language::Es => &ES,
            Language::Fr => &FR,
            Language::De => &DE,
            Language::Pt => &PT,
        }
    }

    /// The heading of a group of recommendations (`None`: those that name
    /// no audience, among others that do).
    pub fn group_heading(self, group: Option<super::Audience>) -> &'static str {
        let l = self.labels();
        match group {
            Some(super::Audience::Congress) => l.for_congress,
            Some(super::Audience::Executive) => l.for_executive,
            None => l.other_recommendations,
        }
    }

    /// "Page 2 of 4" in this language.
    pub fn page_of(self, n: usize, m: usize) -> String {
        self.labels()
            .page_of
            .replace("{n}", &n.to_string())
            .replace("{m}", &m.to_string())
    }

    /// A date as this language writes it ("August 13, 2001", "13 de agosto de 2001").
    pub fn format_date(self, year: i32, month: u8, day: u8) -> String {
        let m = usize::from(month.clamp(1, 12)) - 1;
        match self {
            Language::EnUs => format!("{} {day}, {year}", EN_MONTHS[m]),
            Language::EnGb => format!("{day} {} {year}", EN_MONTHS[m]),
            Language::Es => format!("{day} de {} de {year}", ES_MONTHS[m]),
            Language::Fr => {
                let d = if day == 1 {
                    "1er".to_string()
                } else {
                    day.to_string()
                };
                format!("{d} {} {year}", FR_MONTHS[m])
            }
            Language::De => format!("{day}. {} {year}", DE_MONTHS[m]),
            Language::Pt => format!("{day} de {} de {year}", PT_MONTHS[m]),
        }
    }

    /// The hyphenation patterns for this language.
    pub fn hyphenation(self) -> hyphenation::Language {
        use hyphenation::Language as H;
        match self {
            Language::EnUs => H::EnglishUS,
            Language::EnGb => H::EnglishGB,
            Language::Es => H::Spanish,
            Language::Fr => H::French,
            Language::De => H::German1996,
            Language::Pt => H::Portuguese,
        }
    }
}

/// Every month name the program writes, in every language (for ties:
/// a month keeps its day on the line).
pub fn month_names() -> impl Iterator<Item = &'static str> {
    // By reference: iterating the arrays by value copies all 60 names on
    // every call, and ties ask for every word of every paragraph.
    static ALL: [&[&str; 12]; 5] = [&EN_MONTHS, &ES_MONTHS, &FR_MONTHS, &DE_MONTHS, &PT_MONTHS];
    ALL.iter().flat_map(|m| m.iter().copied())
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const DE_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const PT_MONTHS: [&str; 12] = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];

static EN: Labels = Labels {
    bottom_line: "Bottom line",
    summary: "Summary",
    key_figures: "Key figures",
    recommendations: "Recommendations",
    notes: "Notes",
    who: "Who",
    condensed_from: "Condensed from",
    by: "by",
    page_of: "Page {n} of {m}",
    contents: "Contents",
    back_to_text: "back to the text",
    note: "Note",
    bar_chart: "Bar chart",
    line_chart: "Line chart",
    table: "Table",
    continued: "(continued)",
    boxed: "Box",
    status: "Status",
    for_congress: "Matters for congressional consideration",
    for_executive: "Recommendations for executive action",
    other_recommendations: "Other recommendations",
    contact: "Contact",
};
static ES: Labels = Labels {
    bottom_line: "Lo esencial",
    summary: "Resumen",
    key_figures: "Cifras clave",
    recommendations: "Recomendaciones",
    notes: "Notas",
    who: "Responsable",
    condensed_from: "Resumido de",
    by: "por",
    page_of: "Página {n} de {m}",
    contents: "Contenido",
    back_to_text: "volver al texto",
    note: "Nota",
    bar_chart: "Gráfico de barras",
    line_chart: "Gráfico de líneas",
    table: "Cuadro",
    continued: "(continuación)",
    boxed: "Recuadro",
    status: "Estado",
    for_congress: "Asuntos para consideración del Congreso",
    for_executive: "Recomendaciones al Poder Ejecutivo",
    other_recommendations: "Otras recomendaciones",
    contact: "Contacto",
};
static FR: Labels = Labels {
    bottom_line: "L’essentiel",
    summary: "Résumé",
    key_figures: "Chiffres clés",
    recommendations: "Recommandations",
    notes: "Notes",
    who: "Responsable",
    condensed_from: "Résumé de",
    by: "par",
    page_of: "Page {n} sur {m}",
    contents: "Sommaire",
    back_to_text: "retour au texte",
    note: "Note",
    bar_chart: "Diagramme en barres",
    line_chart: "Graphique linéaire",
    table: "Tableau",
    continued: "(suite)",
    boxed: "Encadré",
    status: "État",
    for_congress: "Questions soumises à l’examen du Congrès",
    for_executive: "Recommandations au pouvoir exécutif",
    other_recommendations: "Autres recommandations",
    contact: "Contact",
};
static DE: Labels = Labels {
    bottom_line: "Das Wichtigste",
    summary: "Zusammenfassung",
    key_figures: "Kennzahlen",
    recommendations: "Empfehlungen",
    notes: "Anmerkungen",
    who: "Zuständig",
    condensed_from: "Gekürzt aus",
    by: "von",
    page_of: "Seite {n} von {m}",
    contents: "Inhalt",
    back_to_text: "zurück zum Text",
    note: "Anmerkung",
    bar_chart: "Balkendiagramm",
    line_chart: "Liniendiagramm",
    table: "Tabelle",
    continued: "(Fortsetzung)",
    boxed: "Kasten",
    status: "Stand",
    for_congress: "Fragen zur Beratung durch den Kongress",
    for_executive: "Empfehlungen an die Exekutive",
    other_recommendations: "Weitere Empfehlungen",
    contact: "Kontakt",
};
static PT: Labels = Labels {
    bottom_line: "Em suma",
    summary: "Resumo",
    key_figures: "Números-chave",
    recommendations: "Recomendações",
    notes: "Notas",
    who: "Responsável",
    condensed_from: "Resumido de",
    by: "por",
    page_of: "Página {n} de {m}",
    contents: "Índice",
    back_to_text: "voltar ao texto",
    note: "Nota",
    bar_chart: "Gráfico de barras",
    line_chart: "Gráfico de linhas",
    table: "Tabela",
    continued: "(continuação)",
    boxed: "Caixa",
    status: "Situação",
    for_congress: "Matérias para consideração do Congresso",
    for_executive: "Recomendações ao Poder Executivo",
    other_recommendations: "Outras recomendações",
    contact: "Contato",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_fall_back_to_language() {
        assert_eq!(Language::parse("es-PE"), Some(Language::Es));
        assert_eq!(Language::parse("EN-gb"), Some(Language::EnGb));
        assert_eq!(Language::parse("en"), Some(Language::EnUs));
        assert_eq!(Language::parse("xx"), None);
    }

    #[test]
    fn dates_follow_language() {
        assert_eq!(Language::EnUs.format_date(2001, 8, 13), "August 13, 2001");
        assert_eq!(
            Language::Es.format_date(2001, 8, 13),
            "13 de agosto de 2001"
        );
        assert_eq!(Language::Es.page_of(2, 4), "Página 2 de 4");
        assert_eq!(Language::Fr.format_date(2001, 8, 1), "1er août 2001");
        assert_eq!(Language::De.format_date(2001, 8, 13), "13. August 2001");
        assert_eq!(Language::Pt.format_date(2001, 3, 13), "13 de março de 2001");
        assert_eq!(Language::EnGb.format_date(2001, 8, 13), "13 August 2001");
    }
}
