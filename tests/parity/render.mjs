// Renders Fluent files with @fluent/bundle, as a sender on Node would:
// the other side of tests/parity.rs. Reads a job (JSON) from the file
// named on the command line and prints every message and attribute of
// every locale as JSON, in file order, with the errors fluent.js reported.
//
//   job: {isolate, locales: [{locale, files: [text]}],
//         args: {name: {text} | {number} | {number_text} | {date}}}
//   (number_text: NaN and Infinity, which JSON cannot hold)
import { readFileSync } from "node:fs";
import { FluentBundle, FluentResource } from "@fluent/bundle";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));

function argument(value) {
  if ("number" in value) return value.number;
  if ("number_text" in value) return Number(value.number_text);
  if ("date" in value) return new Date(value.date);
  return value.text;
}
const args = Object.fromEntries(
  Object.entries(job.args).map(([name, value]) => [name, argument(value)]),
);

function format(bundle, pattern) {
  const errors = [];
  let text;
  try {
    text = bundle.formatPattern(pattern, args, errors);
  } catch (error) {
    text = null;
    errors.push(error);
  }
  return { text, errors: errors.map((e) => `${e.name}: ${e.message}`) };
}

const out = [];
for (const { locale, files } of job.locales) {
  const bundle = new FluentBundle(locale, { useIsolating: job.isolate });
  const ids = [];
  for (const text of files) {
    const resource = new FluentResource(text);
    bundle.addResource(resource);
    for (const entry of resource.body) {
      if (!entry.id.startsWith("-") && !ids.includes(entry.id)) ids.push(entry.id);
    }
  }
  for (const id of ids) {
    const message = bundle.getMessage(id);
    if (!message) continue;
    if (message.value !== null) {
      out.push({ locale, message_id: id, attribute: null, ...format(bundle, message.value) });
    }
    for (const [name, pattern] of Object.entries(message.attributes)) {
      out.push({ locale, message_id: id, attribute: name, ...format(bundle, pattern) });
    }
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
