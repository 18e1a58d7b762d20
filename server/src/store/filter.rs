//! SQL filters built from checked parameters, with numbered placeholders.
//!
//! Hand-written: sqlx's `QueryBuilder` for `Any` writes `?`, which PostgreSQL refuses.

/// A value bound to a numbered placeholder.
#[derive(Debug, Clone)]
pub enum Bind {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// `WHERE` clauses and their values, numbered `$1, $2, ...` in order.
#[derive(Debug, Default)]
pub struct Filter {
    clauses: Vec<String>,
    pub binds: Vec<Bind>,
}

impl Filter {
    /// Adds a clause whose `?` marks are replaced by the next placeholders.
    pub fn push(&mut self, clause: &str, values: impl IntoIterator<Item = Bind>) {
        let mut sql = String::new();
        let mut values = values.into_iter();
        for part in clause.split('?').enumerate() {
            if part.0 > 0 {
                self.binds
                    .push(values.next().expect("a value for each ? in the clause"));
                sql.push_str(&format!("${}", self.binds.len()));
            }
            sql.push_str(part.1);
        }
        self.clauses.push(sql);
    }

    /// `col IN (...)` for a list of text values.
    pub fn push_in(&mut self, column: &str, values: Vec<String>) {
        let marks = vec!["?"; values.len()].join(", ");
        self.push(
            &format!("{column} IN ({marks})"),
            values.into_iter().map(Bind::Text),
        );
    }

    pub fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    /// The next placeholder's number, for LIMIT/OFFSET after the filter's own.
    pub fn next_placeholder(&self) -> usize {
        self.binds.len() + 1
    }
}

/// Binds the filter's values to a query, in order.
pub fn bind_all<'q, O>(
    mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    binds: &'q [Bind],
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    for b in binds {
        query = match b {
            Bind::Text(s) => query.bind(s.as_str()),
            Bind::Int(n) => query.bind(*n),
            Bind::Float(f) => query.bind(*f),
            Bind::Bool(v) => query.bind(i64::from(*v)),
        };
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_numbers_placeholders_in_order() {
        let mut f = Filter::default();
        f.push("a = ?", [Bind::Int(1)]);
        f.push_in("b", vec!["x".into(), "y".into()]);
        f.push("c BETWEEN ? AND ?", [Bind::Int(2), Bind::Int(3)]);
        assert_eq!(
            f.where_sql(),
            " WHERE a = $1 AND b IN ($2, $3) AND c BETWEEN $4 AND $5"
        );
        assert_eq!(f.next_placeholder(), 6);
    }
}
