// tests/schema_clients/validate.mjs: compiles a strata JSON Schema with ajv
// (draft 2020-12, strict mode) and validates JSON documents against it.
//   node validate.mjs <ajv-module-dir> schema.json doc.json... [--invalid bad.json...]
// Exit 0 when the schema compiles, every document before --invalid is valid
// and every one after it is rejected.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const [modules, schemaFile, ...rest] = process.argv.slice(2);
const require = createRequire(path.join(modules, "noop.js"));
const Ajv2020 = require("ajv/dist/2020").default;

const ajv = new Ajv2020({ strict: true, allErrors: true });
let validate;
try {
  validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
} catch (e) {
  console.error(`ajv: the schema ${schemaFile} does not compile in strict mode: ${e.message}`);
  process.exit(1);
}
console.log(`ajv: ${schemaFile} compiles (draft 2020-12, strict mode)`);
let failed = false, expectValid = true;
for (const file of rest) {
  if (file === "--invalid") { expectValid = false; continue; }
  const ok = validate(JSON.parse(readFileSync(file, "utf8")));
  if (ok === expectValid) {
    console.log(`ajv: ${file}: ${ok ? "valid" : "rejected, as expected"}`);
  } else {
    failed = true;
    console.error(`ajv: ${file}: ${ok ? "accepted but should be rejected" : "invalid: " + ajv.errorsText(validate.errors)}`);
  }
}
process.exit(failed ? 1 : 0);
