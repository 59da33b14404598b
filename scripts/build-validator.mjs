// Build step: compiles schema/ses-reconcile.schema.json with ajv's standalone code generator into
// dist/config/schema-validator.cjs, so `validate` starts without compiling the schema (README, "Performance": validate
// must stay fast in CI). Same ajv options as the run-time compile (newAjv in src/config/schema.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { newAjv } from '../dist/config/schema.js';

const schema = JSON.parse(readFileSync(new URL('../schema/ses-reconcile.schema.json', import.meta.url), 'utf8'));
const ajv = newAjv({ code: { source: true } });
const code = standaloneCode.default(ajv, ajv.compile(schema));
writeFileSync(new URL('../dist/config/schema-validator.cjs', import.meta.url), code);
