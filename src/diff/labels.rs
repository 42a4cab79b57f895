//! The words of a redline's summary and marks, in each language the
//! format supports.

use crate::model::Language;

pub struct Words {
    /// "Changes since {date}".
    pub since: &'static str,
    /// When the older version has no date.
    pub since_previous: &'static str,
    pub no_changes: &'static str,
    pub figure: &'static str,
    pub section: &'static str,
    pub recommendation: &'static str,
    pub note: &'static str,
    pub revised: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub renamed: &'static str,
    /// Joins "renamed … and revised".
    pub and: &'static str,
    /// "{n} paragraph(s) moved".
    pub moved: &'static str,
    /// Before a key figure's old value: "was 47%".
    pub was: &'static str,
    pub page: &'static str,
    pub title: &'static str,
    pub subtitle: &'static str,
    pub bottom_line: &'static str,
    pub summary: &'static str,
    pub masthead: &'static str,
}

const EN: Words = Words {
    since: "Changes since {date}",
    since_previous: "Changes since the previous version",
    no_changes: "No changes.",
    figure: "Key figure",
    section: "Section",
    recommendation: "Recommendation",
    note: "Note",
    revised: "revised",
    added: "added",
    removed: "removed",
    renamed: "renamed",
    and: "and",
    moved: "moved",
    was: "was",
    page: "page",
    title: "Title",
    subtitle: "Subtitle",
    bottom_line: "Bottom line",
    summary: "Summary",
    masthead: "Masthead",
};

const ES: Words = Words {
    since: "Cambios desde el {date}",
    since_previous: "Cambios desde la versión anterior",
    no_changes: "Sin cambios.",
    figure: "Cifra clave",
    section: "Sección",
    recommendation: "Recomendación",
    note: "Nota",
    revised: "revisada",
    added: "añadida",
    removed: "suprimida",
    renamed: "con nuevo título",
    and: "y",
    moved: "desplazado",
    was: "antes",
    page: "página",
    title: "Título",
    subtitle: "Subtítulo",
    bottom_line: "Conclusión",
    summary: "Resumen",
    masthead: "Encabezado",
};

const FR: Words = Words {
    since: "Modifications depuis le {date}",
    since_previous: "Modifications depuis la version précédente",
    no_changes: "Aucune modification.",
    figure: "Chiffre clé",
    section: "Section",
    recommendation: "Recommandation",
    note: "Note",
    revised: "révisée",
    added: "ajoutée",
    removed: "supprimée",
    renamed: "renommée",
    and: "et",
    moved: "déplacé",
    was: "auparavant",
    page: "page",
    title: "Titre",
    subtitle: "Sous-titre",
    bottom_line: "L’essentiel",
    summary: "Résumé",
    masthead: "En-tête",
};

const DE: Words = Words {
    since: "Änderungen seit {date}",
    since_previous: "Änderungen seit der vorigen Fassung",
    no_changes: "Keine Änderungen.",
    figure: "Kennzahl",
    section: "Abschnitt",
    recommendation: "Empfehlung",
    note: "Anmerkung",
    revised: "überarbeitet",
    added: "hinzugefügt",
    removed: "entfernt",
    renamed: "umbenannt",
    and: "und",
    moved: "verschoben",
    was: "bisher",
    page: "Seite",
    title: "Titel",
    subtitle: "Untertitel",
    bottom_line: "Fazit",
    summary: "Zusammenfassung",
    masthead: "Kopf",
};

const PT: Words = Words {
    since: "Alterações desde {date}",
    since_previous: "Alterações desde a versão anterior",
    no_changes: "Sem alterações.",
    figure: "Número-chave",
    section: "Secção",
    recommendation: "Recomendação",
    note: "Nota",
    revised: "revista",
    added: "acrescentada",
    removed: "removida",
    renamed: "com novo título",
    and: "e",
    moved: "deslocado",
    was: "antes",
    page: "página",
    title: "Título",
    subtitle: "Subtítulo",
    bottom_line: "Conclusão",
    summary: "Resumo",
    masthead: "Cabeçalho",
};

pub fn words(lang: Language) -> &'static Words {
    match lang {
        Language::EnUs | Language::EnGb => &EN,
        Language::Es => &ES,
        Language::Fr => &FR,
        Language::De => &DE,
        Language::Pt => &PT,
    }
}
