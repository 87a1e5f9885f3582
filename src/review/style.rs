//! The page's style, its one script, and the content security policy that
//! lets that script run and nothing else: were a template's script to get
//! past the sanitizer, the browser would still refuse it.

/// Chooses the locale an overview link names (`#e3-l2`) in its email's
/// tabs and shows the email, and marks on `<html>` that the page's script
/// ran (the browser check reads it: a template's script, were it to run,
/// would run too). `scripts/csp-hash.py` prints its hash for the policy.
pub(super) const SCRIPT: &str = "document.documentElement.classList.add(\"js\");
function pick() {
  var chosen = document.getElementById(location.hash.slice(1));
  if (chosen && chosen.type === \"radio\") {
    chosen.checked = true;
    chosen.closest(\"section\").scrollIntoView();
  }
}
addEventListener(\"hashchange\", pick);
pick();";

/// Nothing from the network, no script but [`SCRIPT`] (by its SHA-256,
/// which the browser check proves right: a wrong one blocks the script),
/// styles inline only, images only as data.
pub(super) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; \
     script-src 'sha256-VqzGsXjac3VHKxuFZMIPQyRTvF5H1QhUG4J2zzhjWik='; \
     style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

pub(super) const CSS: &str = "
:root { --error: #b3261e; --warning: #8a5300; --info: #1d5fb4; --fault: #6a1b9a; --line: #d0d5dd; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1d2330; background: #f4f5f7; }
header, nav, section { margin: 0 auto; max-width: 1200px; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; overflow-wrap: anywhere; }
h3 { font-size: .95rem; margin: 0 0 .5rem; }
small { color: #5b6472; font-weight: normal; }
.summary { margin: .25rem 0; color: #3b4452; }
.scroll { width: fit-content; max-width: 100%; overflow: auto; max-height: 70vh; border: 1px solid var(--line); background: #fff; }
table { border-collapse: collapse; font-size: .85rem; }
th, td { padding: .2rem .5rem; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
thead th { position: sticky; top: 0; background: #eef1f5; }
td a, th a { text-decoration: none; color: inherit; display: block; }
td.absent { color: #9aa3af; }
.badge { display: inline-block; min-width: 1.4em; padding: 0 .35em; margin-right: .15em; border-radius: .7em;
  font-size: .8em; line-height: 1.4; color: #fff; text-align: center; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.info { background: var(--info); } .badge.fault { background: var(--fault); }
.ok { color: #2e7d32; }
.delta { display: inline-block; padding: 0 .3em; border-radius: 3px; background: #ffe9a8; color: #5c4300; font-size: .85em; }
.email { margin-top: 1.5rem; padding-bottom: 1rem; border-top: 2px solid var(--line); }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
.side { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; min-width: 0; }
.tabs { position: relative; display: flex; flex-wrap: wrap; gap: .25rem; align-content: flex-start; min-width: 0; }
.tabs > input { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
.tabs > label { order: 0; padding: .1rem .5rem; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
.tabs > input:checked + label { background: #1f3a5f; color: #fff; border-color: #1f3a5f; }
.tabs > input:focus-visible + label { outline: 2px solid #2563eb; outline-offset: 2px; }
.tabs > .panel { order: 1; flex-basis: 100%; display: none; }
.tabs > input:checked + label + .panel { display: block; }
.msg { margin: .4rem 0; padding: .2rem .5rem; border-inline-start: 3px solid transparent; }
.msg .id { font: 11px/1.3 ui-monospace, monospace; color: #7a8391; overflow-wrap: anywhere; }
.text { white-space: pre-line; overflow-wrap: anywhere; }
.msg.subject .text { font-weight: 600; font-size: 1.1em; }
.msg.preheader .text { color: #5b6472; font-style: italic; }
.msg.flagged-error { border-inline-start-color: var(--error); }
.msg.flagged-warning { border-inline-start-color: var(--warning); }
.msg.flagged-info { border-inline-start-color: var(--info); }
.msg.changed, .msg.added { background: #fffbea; }
.msg.removed del { color: #8c1d18; }
.text a { color: #1d5fb4; }
mark { position: relative; padding: 0 .1em; border-radius: 2px; color: inherit; }
mark.error { background: #fde2e0; border-bottom: 2px solid var(--error); }
mark.warning { background: #fff0c2; border-bottom: 2px solid var(--warning); }
mark.info { background: #e3eefc; border-bottom: 2px dotted var(--info); }
mark:focus { outline: 2px solid #2563eb; }
mark > .note { display: none; position: absolute; z-index: 2; inset-inline-start: 0; top: 1.6em; width: max-content;
  max-width: min(28rem, 80vw); padding: .4rem .6rem; background: #1d2330; color: #fff; border-radius: 4px;
  font: 13px/1.4 system-ui, sans-serif; font-style: normal; font-weight: normal; white-space: normal; }
mark > .note small { color: #c9d1dc; }
mark:hover > .note, mark:focus > .note { display: block; }
.finding, p.fault { margin: .2rem 0; font-size: .85rem; }
.finding.error b { color: var(--error); } .finding.warning b { color: var(--warning); } .finding.info b { color: var(--info); }
p.fault { color: var(--fault); }
.findings { margin: .75rem 0 0; padding: .5rem 0 0 1.2rem; border-top: 1px dashed var(--line); }
.absent { color: #5b6472; }
details.before { font-size: .85rem; color: #5b6472; }
@media (max-width: 720px) { .pair { grid-template-columns: 1fr; } body { font-size: 16px; } }
";
