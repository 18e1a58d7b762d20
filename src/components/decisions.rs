//! The public decisions about a record, from the audit log: an NGO approved,
//! an idea rejected with its reason, a fair's phase changes.

use crate::api;
use crate::components::loaded::loaded;
use crate::i18n::{moment_at, tr, use_i18n, Strings};
use bastama_model::{AuditAction, Decision, FairPhase, FieldChange, RecordKind, RecordRef, Text};
use leptos::prelude::*;

pub fn action_label(t: &Strings, action: AuditAction) -> &'static str {
    t.audit_actions[action.index()]
}

pub fn kind_label(t: &Strings, kind: RecordKind) -> &'static str {
    t.record_kinds[kind.index()]
}

/// A field's value in the log as words: a fair's phase by its name, a text in
/// the reader's language, a list joined, nothing as a dash.
pub fn value_text(
    t: &Strings,
    pick: &dyn Fn(&Text) -> String,
    field: &str,
    value: &serde_json::Value,
) -> String {
    use serde_json::Value;
    let phase = || FairPhase::from_code(value.as_str()?);
    if let Some(phase) = phase().filter(|_| field == "phase") {
        return t.phases[phase.index()].to_owned();
    }
    match value {
        Value::Null => "—".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| value_text(t, pick, field, v))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(_) => serde_json::from_value::<Text>(value.clone())
            .map(|text| pick(&text))
            .unwrap_or_else(|_| value.to_string()),
        other => other.to_string(),
    }
}

/// One change as a line: `field: old → new`, a hidden field by name alone.
pub fn change_text(t: &Strings, pick: &dyn Fn(&Text) -> String, change: &FieldChange) -> String {
    let field = change.field.as_str();
    if change.hidden {
        return format!("{field}: {}", t.audit_hidden);
    }
    if change.old.is_null() {
        return format!("{field}: {}", value_text(t, pick, field, &change.new));
    }
    format!(
        "{field}: {} → {}",
        value_text(t, pick, field, &change.old),
        value_text(t, pick, field, &change.new)
    )
}

/// The decisions about `record`, newest first; nothing when there are none.
#[component]
pub fn Decisions(record: RecordRef) -> impl IntoView {
    let decisions = api::fetch(move || api::decisions(record));
    loaded(decisions, move |decisions: Vec<Decision>| {
        (!decisions.is_empty()).then(|| {
            view! {
                <section class="decisions" aria-labelledby="decisions-title">
                    <h2 id="decisions-title">{tr(|s| s.decisions_title)}</h2>
                    <ul class="plain">
                        {decisions.into_iter().map(|decision| view! { <Line decision/> }).collect_view()}
                    </ul>
                </section>
            }
        })
    })
}

#[component]
fn Line(decision: Decision) -> impl IntoView {
    let i18n = use_i18n();
    let line = move || {
        let t = i18n.strings();
        let mut parts = vec![action_label(t, decision.action).to_owned()];
        if decision.record.kind == RecordKind::Idea {
            parts[0] = format!("{}: {}", kind_label(t, RecordKind::Idea), parts[0]);
        }
        parts.extend(decision.title.as_ref().map(|title| i18n.pick(title)));
        parts.extend(decision.phase.map(|p| t.phases[p.index()].to_owned()));
        parts.extend(decision.reason.clone());
        parts.join(" · ")
    };
    view! {
        <li>
            <time datetime=decision.at.clone()>{moment_at(&decision.at)}</time>
            " — " {line}
        </li>
    }
}
