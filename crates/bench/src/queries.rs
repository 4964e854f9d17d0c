//! The fixed query list, shared with the Node side-by-side through the generated JSON: each query
//! in our syntax and in a structured form the peers' adapters translate.

use serde::Serialize;

/// A benchmark query.
#[derive(Debug, Clone, Serialize)]
pub struct BenchQuery {
    /// `term`, `and`, `phrase`, `prefix`, `or` or `not`.
    pub kind: &'static str,
    /// Words that must (or, for `or`, may) match; for `prefix`, the prefix.
    pub terms: &'static [&'static str],
    /// Words that must not match (`not` only).
    pub exclude: &'static [&'static str],
}

impl BenchQuery {
    /// The query in Parallax's syntax.
    pub fn ours(&self) -> String {
        let mut q = match self.kind {
            "phrase" => format!("\"{}\"", self.terms.join(" ")),
            "prefix" => format!("{}*", self.terms[0]),
            "or" => self.terms.join(" OR "),
            _ => self.terms.join(" "),
        };
        for e in self.exclude {
            q.push_str(" -");
            q.push_str(e);
        }
        q
    }
}

const fn q(
    kind: &'static str,
    terms: &'static [&'static str],
    exclude: &'static [&'static str],
) -> BenchQuery {
    BenchQuery {
        kind,
        terms,
        exclude,
    }
}

/// Common and rare words of the real corpus, so result sets range from a handful to most passages.
pub const QUERIES: &[BenchQuery] = &[
    q("term", &["sanctions"], &[]),
    q("term", &["nuclear"], &[]),
    q("term", &["Syria"], &[]),
    q("term", &["hegemony"], &[]),
    q("term", &["Russia"], &[]),
    q("and", &["strategic", "partnership"], &[]),
    q("and", &["military", "cooperation"], &[]),
    q("and", &["Iran", "Russia"], &[]),
    q("phrase", &["strategic", "partnership"], &[]),
    q("phrase", &["payment", "systems"], &[]),
    q("prefix", &["sanct"], &[]),
    q("prefix", &["geopolit"], &[]),
    q("prefix", &["mil"], &[]),
    q("or", &["Syria", "Ukraine"], &[]),
    q("or", &["drones", "missiles"], &[]),
    q("not", &["alliance"], &["military"]),
    q("not", &["Russia"], &["Iran"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_syntax() {
        let s: Vec<String> = QUERIES.iter().map(BenchQuery::ours).collect();
        assert!(s.contains(&"\"payment systems\"".to_owned()));
        assert!(s.contains(&"sanct*".to_owned()));
        assert!(s.contains(&"Syria OR Ukraine".to_owned()));
        assert!(s.contains(&"alliance -military".to_owned()));
    }
}
