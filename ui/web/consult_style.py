"""The 特派员 tab's styles: the form's sections, the policy cards, the saved line and the history table.

The cards borrow the chat's citation-card look (border, summary, quote); on a phone the history
table keeps only the columns that fit.
"""

from __future__ import annotations

__all__ = ["CONSULT_CSS"]

CONSULT_CSS = """
#tab-consult .consult-intro p { margin: 0.2em 0 0.4em; color: var(--body-text-color-subdued); }
h3.consult-heading { margin: 0.9em 0 0.1em; font-size: 1em; font-weight: 600; padding-left: 0.5em;
  border-left: 3px solid #ef4444; line-height: 1.3; }
h3.consult-heading small { font-weight: normal; color: var(--body-text-color-subdued); margin-left: 0.6em; }
.consult-officer-row { align-items: flex-end; }
#consult-actions { margin: 6px 0 2px; }
#consult-actions button { min-width: 140px; }
.consult-result { margin-top: 4px; }
.consult-summary { margin: 0.3em 0 0.5em; line-height: 1.6; }
.consult-profile { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 8px; }
.consult-chip { display: inline-flex; align-items: baseline; gap: 0.4em; font-size: 0.85em; line-height: 1.5;
  border: 1px solid var(--border-color-primary); border-radius: 999px; padding: 1px 10px;
  background: var(--background-fill-primary); }
.consult-chip-key { color: var(--body-text-color-subdued); }
details.consult-card { border: 1px solid var(--border-color-primary); border-left: 4px solid #f0b429;
  border-radius: 8px; margin: 8px 0; padding: 8px 12px; background: var(--background-fill-secondary); }
details.consult-card > summary { cursor: pointer; font-weight: 600; line-height: 1.6; }
.consult-label { color: #b42318; margin-right: 0.1em; }
.consult-badge { display: inline-block; margin-left: 0.6em; font-size: 0.8em; font-weight: 600;
  border-radius: 999px; padding: 0 0.7em; background: #fef3c7; color: #92400e; vertical-align: 1px; }
.consult-badge-amount { background: #fee2e2; color: #b42318; }
.consult-body p { margin: 0.35em 0; line-height: 1.7; }
.consult-key { display: inline-block; font-size: 0.8em; font-weight: 600; color: var(--body-text-color-subdued);
  border: 1px solid var(--border-color-primary); border-radius: 4px; padding: 0 0.4em; margin-right: 0.5em; }
.consult-award { margin: 0.5em 0; padding: 6px 10px; border-radius: 6px; background: var(--background-fill-primary); }
.consult-award .award-amount { font-size: 1.2em; }
.consult-section { font-weight: 600; margin: 0.8em 0 0.2em !important; }
.consult-missing, .consult-contacts { margin: 8px 0; padding: 6px 12px; border-radius: 8px; }
.consult-missing { background: #fffbeb; border: 1px solid #fcd34d; }
.consult-excluded { margin: 8px 0; padding: 6px 12px; border-radius: 8px; background: #fef2f2;
  border: 1px solid #fecaca; }
.consult-excluded ul { margin: 0.2em 0 0.4em 1.2em; padding: 0; }
.consult-excluded li { line-height: 1.7; }
.consult-contacts { background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary); }
.consult-missing ul, .consult-contacts ul, .consult-empty ul { margin: 0.2em 0 0.4em 1.2em; padding: 0; }
.consult-contacts ul { columns: 2 16em; column-gap: 2em; }
.consult-missing li, .consult-contacts li, .consult-empty li { line-height: 1.7; }
.consult-unit { font-weight: 600; }
.consult-empty { border: 1px dashed var(--border-color-primary); border-radius: 8px; padding: 10px 14px;
  background: var(--background-fill-secondary); }
.consult-empty-title { font-weight: 600; font-size: 1.05em; margin: 0 0 0.3em; }
.consult-notice { font-size: 0.88em; color: #1d4ed8; background: #eff6ff; border: 1px solid #bfdbfe;
  border-radius: 6px; padding: 4px 10px; margin: 4px 0; }
.consult-saved { border: 1px solid #86efac; background: #f0fdf4; border-radius: 8px; padding: 8px 12px; }
.consult-saved p { margin: 0.2em 0; }
.consult-saved-mark { color: #166534; font-weight: 700; }
.consult-saved-meta { font-size: 0.88em; color: var(--body-text-color-subdued); }
code.record-id { font-size: 0.9em; user-select: all; }
.consult-export-error { color: #b42318; font-size: 0.88em; }
#consult-downloads { gap: 8px; }
#consult-history-caption p { margin: 0.3em 0; font-size: 0.9em; color: var(--body-text-color-subdued); }
.consult-inline-row { align-items: center !important; }
/* The table sizes itself to its content; contained, it scrolls inside its frame rather than widening the page. */
#consult-history-table { contain: inline-size; overflow-x: auto; }
@media (max-width: 640px) {
  /* Seven columns cannot share a phone's width: keep date, enterprise, articles and id. */
  #consult-history-table [data-col="2"], #consult-history-table [data-heading="2"],
  #consult-history-table [data-col="3"], #consult-history-table [data-heading="3"],
  #consult-history-table [data-col="4"], #consult-history-table [data-heading="4"] { display: none !important; }
  #consult-history-table [data-col="0"], #consult-history-table [data-heading="0"] {
    flex: 0 0 5.8em !important; width: 5.8em !important; min-width: 5.8em !important; max-width: 5.8em !important; }
  #consult-history-table [data-col="1"], #consult-history-table [data-heading="1"] {
    flex: 0 0 6.4em !important; width: 6.4em !important; min-width: 6.4em !important; max-width: 6.4em !important; }
  #consult-history-table [data-col="5"], #consult-history-table [data-heading="5"] {
    flex: 0 0 5.6em !important; width: 5.6em !important; min-width: 5.6em !important; max-width: 5.6em !important; }
  #consult-history-table [data-col="6"], #consult-history-table [data-heading="6"] {
    flex: 0 0 4.8em !important; width: 4.8em !important; min-width: 4.8em !important; max-width: 4.8em !important; }
  #consult-history-table table { width: auto !important; }
}
"""
